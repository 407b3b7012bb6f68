"""Checking a stream of sources in this process and worker processes, in input order (private).

:func:`pooled` is the engine of ``check_many(jobs=N)``: this process and ``N - 1`` worker
processes (started with ``spawn``) answer the sources of a bounded window (four per process),
and the answers are yielded in input order.

How the work is shared: each worker that has started is kept :data:`QUEUED_PER_WORKER`
sources ahead — it never waits for its next one — taking the earliest sources of the window
nobody has started; this process answers the rest, in order, and while the answer due next is
a worker's and not back yet it does not wait idle but answers the next source of the window
nobody has.  Until a worker has started (a new interpreter imports the library: a fraction of
a second) this process answers everything itself.

Each worker has two pipes: sources go out through one, written by a small thread per worker
(this process never blocks on a busy worker's full pipe, however large a source is), and
answers come back through the other, read by this process between its own answers — no
thread takes the interpreter from this process to read them.  Only the workers are tuned
(they leave Ctrl-C to this process); nothing in this process changes.
"""

from __future__ import annotations

import pickle
import queue
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

from budget_perf.errors import WorkerFailed

__all__ = ["QUEUED_PER_WORKER", "WINDOW_PER_PROCESS", "pooled"]

#: Sources in flight per process: enough to keep each busy, few enough to bound memory.
WINDOW_PER_PROCESS = 4
#: Sources sent to a worker and not answered yet: the one it answers and the next.
QUEUED_PER_WORKER = 2
#: How large a worker's answer pipe is asked to be (Linux; elsewhere the system's own).
_PIPE_BYTES = 1 << 20
#: Seconds a worker is given to finish when the batch ends early, before it is stopped.
_GRACE = 1.0

_S = TypeVar("_S")
_A = TypeVar("_A")


class _Slot(Generic[_S, _A]):
    """One source of the window: answered here, sent to a worker, or answered."""

    __slots__ = ("answer", "done", "failure", "source", "worker")

    def __init__(self, source: _S) -> None:
        self.source = source
        self.worker: _Worker[_S, _A] | None = None
        self.answer: _A | None = None
        #: What a worker raised instead of answering, raised here when the answer is due.
        self.failure: BaseException | None = None
        self.done = False


def _serve(tasks: Connection, answers: Connection, there: Callable[[object], object]) -> None:
    """A worker's loop: answer each source it is sent, in order, until told to stop.

    An error raised by *there* is sent back with its traceback, to be raised in the caller
    when that answer is due; the worker goes on with the next source.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    try:
        answers.send_bytes(b"")  # started: the library is imported
        while (source := tasks.recv()) is not None:
            try:
                message = pickle.dumps((True, there(source)), pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # every failure goes back to the caller
                message = _failure(exc)
            answers.send_bytes(message)
    except (EOFError, OSError):
        return  # the caller has gone (it ended the batch early, or was stopped)


def _failure(exc: BaseException) -> bytes:
    """*exc* with its traceback, to send back; a stand-in if it cannot be pickled."""
    told = "".join(traceback.format_exception(exc))
    try:
        return pickle.dumps((False, (exc, told)), pickle.HIGHEST_PROTOCOL)
    except Exception:  # one that will not travel is described instead
        stand_in = RuntimeError(f"{type(exc).__name__}: {exc}")
        return pickle.dumps((False, (stand_in, told)), pickle.HIGHEST_PROTOCOL)


def _enlarge(pipe: Connection) -> None:
    """Ask for a larger pipe (Linux), so a worker seldom waits for this process to read."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # another system, or a lower limit: the default size works, a little slower


def _write(outbox: queue.SimpleQueue[bytes | None], pipe: Connection) -> None:
    """The thread that writes a worker's sources, so this process never waits on a full pipe."""
    try:
        while (data := outbox.get()) is not None:
            pipe.send_bytes(data)
    except OSError:
        pass  # the worker has gone; the caller learns it from the answer pipe
    finally:
        pipe.close()


class _Worker(Generic[_S, _A]):
    """A worker process, its two pipes, the thread writing its sources and what it has."""

    def __init__(self, there: Callable[[_S], _A]) -> None:
        context = get_context("spawn")
        tasks_in, tasks = context.Pipe(duplex=False)
        self.answers, answers_out = context.Pipe(duplex=False)
        _enlarge(answers_out)
        self.process = context.Process(
            target=_serve, args=(tasks_in, answers_out, there), daemon=True
        )
        self.process.start()
        tasks_in.close()
        answers_out.close()
        self.outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.writer = threading.Thread(target=_write, args=(self.outbox, tasks), daemon=True)
        self.writer.start()
        self.started = False
        self.sent: deque[_Slot[_S, _A]] = deque()

    def send(self, slot: _Slot[_S, _A]) -> None:
        """Give the worker *slot*'s source (pickled here; the thread writes it)."""
        data = pickle.dumps(slot.source, pickle.HIGHEST_PROTOCOL)
        slot.worker = self
        self.sent.append(slot)
        self.outbox.put(data)

    def take(self, received: Callable[[_S, _A], _A]) -> None:
        """Read the worker's next message: that it has started, or its oldest answer."""
        try:
            message = self.answers.recv_bytes()
        except (EOFError, OSError):
            self.process.join(_GRACE)
            raise WorkerFailed(
                f"a worker process of the batch exited (exit code {self.process.exitcode}) "
                "before it answered",
                message_zh=f"批量检查的工作进程在答复前退出（退出码{self.process.exitcode}）",
            ) from None
        if not self.started:
            self.started = True
            return
        slot = self.sent.popleft()
        answered, answer = pickle.loads(message)
        if answered:
            slot.answer = received(slot.source, answer)
        else:
            slot.failure, told = answer
            slot.failure.add_note(f"raised in a worker process of the batch:\n{told}")
        slot.done = True

    def stop(self, *, finished: bool) -> None:
        """End the worker: it is told to stop, and given a moment unless the batch *finished*."""
        self.outbox.put(None)
        self.answers.close()  # a worker still writing an answer stops at once
        self.writer.join(None if finished else _GRACE)
        self.process.join(None if finished else _GRACE)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.process.close()


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

    An error raised by *there* is raised here when that source's answer is due, with the
    worker's traceback as a note; a worker that exits unasked raises :class:`WorkerFailed`.
    """
    workers = [_Worker[_S, _A](there) for _ in range(jobs - 1)]
    window: deque[_Slot[_S, _A]] = deque()
    finished = False
    try:
        for source in sources:
            slot = _Slot[_S, _A](source)
            if local(source):
                slot.answer, slot.done = here(source), True
            window.append(slot)
            while len(window) >= jobs * WINDOW_PER_PROCESS:
                yield _next(window, workers, here, received)
        while window:
            yield _next(window, workers, here, received)
        finished = True
    finally:
        for worker in workers:
            worker.stop(finished=finished)


def _next(
    window: deque[_Slot[_S, _A]],
    workers: list[_Worker[_S, _A]],
    here: Callable[[_S], _A],
    received: Callable[[_S, _A], _A],
) -> _A:
    """The answer due next; while a worker has it, this process answers others of the window."""
    head = window[0]
    while not head.done:
        _exchange(window, workers, received)
        if head.done:
            break
        slot = head if head.worker is None else _unsent(window)
        if slot is not None:
            slot.answer, slot.done = here(slot.source), True
            continue
        busy = [worker.answers for worker in workers if worker.sent]
        wait(busy)  # every source of the window not answered is with a worker
    window.popleft()
    if head.failure is not None:
        raise head.failure
    return head.answer  # type: ignore[return-value]  # done: answered


def _exchange(
    window: deque[_Slot[_S, _A]],
    workers: list[_Worker[_S, _A]],
    received: Callable[[_S, _A], _A],
) -> None:
    """Read what the workers have sent back, then top each started one up with sources."""
    for worker in workers:
        while (worker.sent or not worker.started) and worker.answers.poll():
            worker.take(received)
        while worker.started and len(worker.sent) < QUEUED_PER_WORKER:
            slot = _unsent(window)
            if slot is None:
                break
            worker.send(slot)


def _unsent(window: deque[_Slot[_S, _A]]) -> _Slot[_S, _A] | None:
    """The earliest source of the window that nobody has answered or started."""
    return next((s for s in window if not s.done and s.worker is None), None)
