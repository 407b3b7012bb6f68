"""Checking a stream of sources in this process and worker processes, in input order (private).

:func:`pooled` is the engine of ``check_many(jobs=N)``: this process and ``N - 1`` worker
processes (started with ``spawn``) check the sources of a bounded window, and the answers are
yielded in input order.  Sources are dealt in turn — every ``N``-th to this process, the
others sent to the workers, once they have started (until then this process checks them all)
— and whenever the answer due next is a worker's and not back yet, this process does not wait
idle: it checks the next source of the window that is its own.  The window (four sources per
process) bounds what is held at once.

Only the workers are tuned (they leave Ctrl-C to this process); nothing in this process
changes.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Generic, TypeVar

__all__ = ["WINDOW_PER_PROCESS", "pooled"]

#: Sources in flight per checking process: enough to keep each busy, few enough to bound memory.
WINDOW_PER_PROCESS = 4

_S = TypeVar("_S")
_A = TypeVar("_A")


class _Slot(Generic[_S, _A]):
    """One source of the window: checked here, sent to a worker, or answered."""

    __slots__ = ("answer", "sent", "source")

    def __init__(self, source: _S, sent: Future[_A] | None = None) -> None:
        self.source, self.sent = source, sent
        self.answer: _A | None = None


def _ready() -> None:
    """A worker's first task: nothing, to say that it has started."""


def _worker_init() -> None:
    """Set up a worker process: Ctrl-C is the caller's to handle, not each worker's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def pooled(
    sources: Iterator[_S],
    jobs: int,
    *,
    here: Callable[[_S], _A],
    there: Callable[[_S], _A],
    local: Callable[[_S], bool],
    received: Callable[[_S, _A], _A],
) -> Iterator[_A]:
    """Answer each of *sources* in order, in this process and *jobs* - 1 workers.

    Args:
        here: answers a source in this process.
        there: answers a source in a worker (a picklable, module-level function).
        local: whether a source is answered here at once, whoever's turn it is (a source
            already judged, with nothing to check).
        received: what this process makes of a worker's answer for a source (it may put back
            what was not sent back).
    """
    pool = ProcessPoolExecutor(jobs - 1, mp_context=get_context("spawn"), initializer=_worker_init)
    window: deque[_Slot[_S, _A]] = deque()
    # The workers start now (a second or so: a new interpreter imports the library); until
    # every one is ready, this process checks the sources itself.
    starting = [pool.submit(_ready) for _ in range(jobs - 1)]
    turn = 0
    try:
        for source in sources:
            if local(source):
                window.append(_Slot(source))
                continue
            if starting:
                starting = [future for future in starting if not future.done()]
            sent = None if starting or turn % jobs == 0 else pool.submit(there, source)
            window.append(_Slot(source, sent))
            turn += 1
            while len(window) >= jobs * WINDOW_PER_PROCESS:
                yield _next(window, here, received)
        while window:
            yield _next(window, here, received)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _next(
    window: deque[_Slot[_S, _A]],
    here: Callable[[_S], _A],
    received: Callable[[_S, _A], _A],
) -> _A:
    """The answer due next; while a worker has it, this process answers others of the window."""
    head = window[0]
    while head.answer is None and (head.sent is None or not head.sent.done()):
        slot = next((s for s in window if s.answer is None and s.sent is None), None)
        if slot is None:
            break  # every unanswered source of the window is with a worker: wait
        slot.answer = here(slot.source)
    if head.answer is None:
        assert head.sent is not None
        head.answer = received(head.source, head.sent.result())
    window.popleft()
    return head.answer
