"""A worker process of the pool behind ``check_many(jobs > 1)`` (private; see :mod:`._pool`).

A worker answers the sources it is sent, in order, and sends back each answer, or what
answering raised (with its traceback), or that it could not unpickle the source.  It ignores
Ctrl-C: the caller handles it, and stops its workers.
"""

from __future__ import annotations

import pickle
import signal
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection

__all__ = ["STARTED", "UNSENT", "serve"]

#: A worker's first message: it has started (the library is imported).
STARTED = b"started"
#: A worker's answer to a source it could not unpickle: the caller answers it.
UNSENT = b"unsent"


def serve(sources: Connection, answers: Connection, there: Callable[[object], object]) -> None:
    """A worker's loop: answer each source it is sent, in order, until the caller closes.

    An exception raised by *there* is sent back with its traceback, to be raised in the caller
    when that answer is due; a source this process cannot unpickle (a class only the caller
    knows) is sent back unanswered, for the caller to answer; the worker goes on.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    if hasattr(signal, "pthread_sigmask"):  # started with it held off (see _pool._ctrl_c_held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        answers.send_bytes(STARTED)
        while True:
            data = sources.recv_bytes()
            try:
                source = pickle.loads(data)
            except Exception:  # the caller answers it itself
                answers.send_bytes(UNSENT)
                continue
            try:
                message = pickle.dumps((True, there(source)), pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # every failure goes back to the caller
                message = _failure(exc)
            except BaseException as exc:  # SystemExit and the like: not the caller's to exit by
                message = _failure(RuntimeError(f"a worker raised {exc!r}"), exc)
            answers.send_bytes(message)
    except (EOFError, OSError):
        return  # the caller has gone (the batch ended, or the caller was stopped)


def _failure(exc: BaseException, raised: BaseException | None = None) -> bytes:
    """*exc* with the traceback of *raised* (itself by default), to send back; a stand-in if it
    cannot travel (it cannot be pickled, or not rebuilt from its pickle)."""
    told = "".join(traceback.format_exception(raised or exc))
    try:
        message = pickle.dumps((False, (exc, told)), pickle.HIGHEST_PROTOCOL)
        pickle.loads(message)
    except Exception:  # one that will not travel is described instead
        stand_in = RuntimeError(f"{type(exc).__name__}: {exc}")
        message = pickle.dumps((False, (stand_in, told)), pickle.HIGHEST_PROTOCOL)
    return message
