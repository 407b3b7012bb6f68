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
thread takes the interpreter from this process to read them.

Whatever fails, fails in its place: an error in answering a source (here or in a worker), or
in reading the next source, is raised when that answer is due, after every answer before it.
Workers ignore Ctrl-C (this process handles it; a worker is started with it held off for that
instant, so that one still importing never prints a traceback), and are stopped whenever the
batch ends — finished, left early, or failed.  Nothing else in this process changes.
"""

from __future__ import annotations

import contextlib
import pickle
import queue
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

from budget_perf._poolworker import UNSENT, serve
from budget_perf.errors import WorkerFailed

__all__ = ["QUEUED_PER_WORKER", "WINDOW_PER_PROCESS", "pooled"]

#: Sources in flight per process: enough to keep each busy, few enough to bound memory.
WINDOW_PER_PROCESS = 4
#: Sources sent to a worker and not answered yet: the one it answers and the next.
QUEUED_PER_WORKER = 2
#: How large a worker's answer pipe is asked to be (Linux; elsewhere the system's own).
_PIPE_BYTES = 1 << 20
#: Seconds a worker is given to exit once told to, before it is stopped.
_GRACE = 1.0
#: Workers at most on Windows, where one wait watches at most 63 handles (as the standard
#: library's process pool).
_WINDOWS_WORKERS = 61

_S = TypeVar("_S")
_A = TypeVar("_A")


class _Slot(Generic[_S, _A]):
    """One source of the window: answered here, sent to a worker, or answered."""

    __slots__ = ("answer", "done", "failure", "here_only", "source", "worker")

    def __init__(self, source: _S) -> None:
        self.source = source
        self.worker: _Worker[_S, _A] | None = None
        self.answer: _A | None = None
        #: What answering raised instead (here or in a worker), raised when the answer is due.
        self.failure: BaseException | None = None
        #: A source that cannot be pickled: answered in this process.
        self.here_only = False
        self.done = False


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


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C off (block SIGINT) while a worker is started: it inherits the block, so it
    cannot print a traceback while it imports (then it ignores Ctrl-C and lifts the block), and
    a Ctrl-C meanwhile stays pending here, delivered just after — or taken at once by another
    thread, through the usual handler — never lost.  Only on a POSIX main thread."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield
        return
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()  # it would lift the block while it starts
    held_before = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, ())
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        yield
    finally:
        if not held_before:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class _Worker(Generic[_S, _A]):
    """A worker process, its two pipes, the thread writing its sources and what it has."""

    def __init__(self, there: Callable[[_S], _A]) -> None:
        context = get_context("spawn")
        its_sources, to_worker = context.Pipe(duplex=False)
        self.answers, its_answers = context.Pipe(duplex=False)
        _enlarge(its_answers)
        self.process = context.Process(
            target=serve, args=(its_sources, its_answers, there), daemon=True
        )
        try:
            with _ctrl_c_held():
                self.process.start()
        except BaseException:  # Ctrl-C may arrive just as it has started
            if self.process.pid is not None:
                self.process.terminate()
                self.process.join()
            to_worker.close()
            self.answers.close()
            raise
        finally:
            its_sources.close()
            its_answers.close()
        self.outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.writer = threading.Thread(target=_write, args=(self.outbox, to_worker), daemon=True)
        self.writer.start()
        self.started = False
        #: The worker has gone: what it held failed with it; it is given nothing more.
        self.gone = False
        self.sent: deque[_Slot[_S, _A]] = deque()

    def send(self, slot: _Slot[_S, _A]) -> bool:
        """Give the worker *slot*'s source (pickled here; the thread writes it); False if the
        source cannot be pickled (it is answered in this process instead)."""
        try:
            data = pickle.dumps(slot.source, pickle.HIGHEST_PROTOCOL)
        except Exception:  # whatever pickling raises, the source stays here
            slot.here_only = True
            return False
        slot.worker = self
        self.sent.append(slot)
        self.outbox.put(data)
        return True

    def has_news(self) -> bool:
        """Whether a message (or the worker's end) is waiting to be read."""
        try:
            return self.answers.poll()
        except OSError:  # Windows says a pipe whose other end has gone is broken
            return True

    def take(self, received: Callable[[_S, _A], _A]) -> None:
        """Read the worker's next message: that it has started, or its oldest answer."""
        try:
            message = self.answers.recv_bytes()
        except (EOFError, OSError):
            failure = self._failed()
            if not self.started:
                raise failure from None
            for slot in self.sent:  # raised when the first of them is due, after the others
                slot.failure, slot.done = failure, True
            self.sent.clear()
            self.gone = True
            return
        if not self.started:
            self.started = True  # the first message says so
            return
        slot = self.sent[0]
        if message == UNSENT:  # it could not unpickle the source: answered here instead
            self.sent.popleft()
            slot.worker, slot.here_only = None, True
            return
        try:
            answered, answer = pickle.loads(message)
            if answered:
                slot.answer = received(slot.source, answer)
            else:
                slot.failure, told = answer
                slot.failure.add_note(f"raised in a worker process of the batch:\n{told}")
        except Exception as exc:  # raised when the answer is due, as any failure
            slot.failure = exc
        self.sent.popleft()
        slot.done = True

    def _failed(self) -> WorkerFailed:
        """The error for a worker that has gone: when, and how it ended."""
        self.process.join(_GRACE)
        code = self.process.exitcode
        if code is None:
            how, how_zh = "stopped answering", "停止答复"
        elif code < 0:
            name = _signal_name(-code)
            how, how_zh = f"was stopped by {name}", f"被信号{name}终止"
        else:
            how, how_zh = f"exited (exit code {code})", f"退出（退出码{code}）"
        if self.started:
            return WorkerFailed(
                f"a worker process of the batch {how} before it answered",
                message_zh=f"批量检查的工作进程在答复前{how_zh}",
            )
        return WorkerFailed(
            f"a worker process of the batch could not start: it {how} (a script that "
            'checks with jobs > 1 needs its work under `if __name__ == "__main__":`)',
            message_zh=f"批量检查的工作进程未能启动：{how_zh}（以 jobs > 1 检查的脚本须把"
            '主体写在 `if __name__ == "__main__":` 之下）',
        )

    def close(self) -> None:
        """Tell the worker to stop: no more sources; its answers are no longer read."""
        self.outbox.put(None)
        self.answers.close()

    def end(self, *, wait_first: bool) -> None:
        """Stop the worker process, giving it a moment first if *wait_first*; then reap it."""
        if wait_first and self.started:
            self.process.join(_GRACE)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(_GRACE)
            if self.process.is_alive():  # it ignores SIGTERM
                self.process.kill()
        self.process.join()
        self.writer.join(_GRACE)  # it ends once the worker's pipe is gone
        self.process.close()


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def pooled(
    sources: Iterable[_S],
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

    An exception raised in answering a source, here or by *there* in a worker (then with the
    worker's traceback as a note), is raised when that answer is due, as is one raised by
    *sources*; a worker that exits unasked raises :class:`WorkerFailed`.
    """
    if sys.platform == "win32":
        jobs = min(jobs, _WINDOWS_WORKERS + 1)
    workers: list[_Worker[_S, _A]] = []
    window: deque[_Slot[_S, _A]] = deque()
    stream = iter(sources)
    finished = False
    try:
        for _ in range(jobs - 1):
            workers.append(_Worker(there))
        unreadable: Exception | None = None
        while True:
            try:
                source = next(stream)
            except StopIteration:
                break
            except Exception as exc:  # the answers before it come first, then this is raised
                unreadable = exc
                break
            slot: _Slot[_S, _A] = _Slot(source)
            _answer_here(slot, here, local)
            window.append(slot)
            while len(window) >= jobs * WINDOW_PER_PROCESS:
                yield _next(window, workers, here, received)
        while window:
            yield _next(window, workers, here, received)
        if unreadable is not None:
            raise unreadable
        finished = True
    finally:
        for worker in workers:
            worker.close()
        for worker in workers:
            worker.end(wait_first=finished)


def _answer_here(
    slot: _Slot[_S, _A], here: Callable[[_S], _A], local: Callable[[_S], bool] | None = None
) -> None:
    """Answer *slot* in this process (only if *local* says so, when given); what it raises is
    kept for when the answer is due."""
    try:
        if local is not None and not local(slot.source):
            return
        slot.answer = here(slot.source)
    except Exception as exc:  # raised when the answer is due
        slot.failure = exc
    slot.done = True


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
        slot = head if head.worker is None else _unsent(window, here=True)
        if slot is not None:
            _answer_here(slot, here)
            continue
        # The head is with a worker (so this list is not empty) and so is every source of the
        # window not answered yet: wait for one of them.
        wait([worker.answers for worker in workers if worker.sent])
    window.popleft()
    if head.failure is not None:
        raise head.failure
    return head.answer  # type: ignore[return-value]  # done without a failure: answered


def _exchange(
    window: deque[_Slot[_S, _A]],
    workers: list[_Worker[_S, _A]],
    received: Callable[[_S, _A], _A],
) -> None:
    """Read what the workers have sent back, then top each started one up with sources."""
    for worker in workers:
        while (worker.sent or not worker.started) and not worker.gone and worker.has_news():
            worker.take(received)
        while worker.started and not worker.gone and len(worker.sent) < QUEUED_PER_WORKER:
            slot = _unsent(window)
            if slot is None:
                break
            worker.send(slot)


def _unsent(window: deque[_Slot[_S, _A]], *, here: bool = False) -> _Slot[_S, _A] | None:
    """The earliest source of the window that nobody has answered or started (for this process
    when *here*: also one that could not be sent)."""
    return next(
        (s for s in window if not s.done and s.worker is None and (here or not s.here_only)),
        None,
    )
