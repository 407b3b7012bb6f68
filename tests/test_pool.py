"""The pool behind ``check_many(jobs > 1)``: this process and worker processes share the sources,
and the answers come back once each, in input order, whatever goes wrong.

An error in answering a source — in a worker (with the worker's traceback), in this process, or
in reading the sources — is raised when that answer is due, after every answer before it; a
worker that dies or cannot start stops the batch with :class:`~budget_perf.WorkerFailed`
instead of a hang; a batch ended early, or failed, leaves no worker behind; sources and answers
larger than a pipe holds travel both ways at once without either side waiting for ever.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import time
import types
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

import budget_perf as bp
from budget_perf import _pool
from budget_perf._fileerrors import WorkbookError
from budget_perf._pool import pooled
from pool_work import (
    answered_there,
    dies,
    dies_from_25,
    exits,
    refused,
    refused_by_workbook,
    refused_oddly,
    sleeps_long,
    slowly_there,
)


def _slowly(number: int) -> tuple[str, int]:
    time.sleep(0.05)  # slower than the worker, which then takes its turns
    return ("here", number)


def _run(
    count: int | Iterable[int],
    there: Callable[[int], tuple[str, int]],
    local: int = 0,
    *,
    jobs: int = 2,
    here: Callable[[int], tuple[str, int]] = _slowly,
) -> Iterator[tuple[str, int]]:
    return pooled(
        range(count) if isinstance(count, int) else count,
        jobs,
        here=here,
        there=there,
        local=lambda number: local > 0 and number % local == local - 1,
        received=lambda number, answer: answer,
    )


def test_the_pool_answers_in_input_order_with_work_in_both_processes() -> None:
    """With two processes the caller's process answers some sources (all of them until the
    worker has started), the worker the others once it has; every answer comes back once, in
    input order, and a source already judged is answered by the caller."""
    answers = list(_run(60, answered_there, local=10))
    assert [number for _, number in answers] == list(range(60))
    assert {who for who, number in answers if number % 10 == 9} == {"here"}
    assert {who for who, _ in answers} == {"here", "there"}


def test_an_error_in_a_worker_is_raised_when_its_answer_is_due() -> None:
    """Every answer before the refused source comes back first; then the worker's error is
    raised in the caller, with its type, and the worker's traceback as a note."""
    answered: list[tuple[str, int]] = []
    with pytest.raises(ValueError, match="refused") as raised:
        answered.extend(_run(60, refused))  # keeps what came before the error
    refused_at = int(str(raised.value).split()[1])
    assert [number for _, number in answered] == list(range(refused_at))
    assert {who for who, _ in answered} <= {"here"}
    assert any("raised in a worker process" in note for note in raised.value.__notes__)
    assert not multiprocessing.active_children()


def test_a_worker_that_dies_stops_the_batch_with_a_clear_error() -> None:
    """A worker killed mid-batch (here: it exits with status 3) is reported, not waited for."""
    with pytest.raises(bp.WorkerFailed, match="exit code 3") as raised:
        list(_run(60, dies))
    assert "退出码3" in raised.value.message("zh")
    assert not multiprocessing.active_children()


def test_a_batch_ended_early_leaves_no_worker_behind() -> None:
    """A caller that stops reading after a few answers (a ``break``) closes the pool: its
    workers are stopped, whatever they were given."""
    answers = _run(60, answered_there)
    first = [next(answers) for _ in range(12)]
    assert [number for _, number in first] == list(range(12))
    answers.close()  # type: ignore[attr-defined]  # a generator
    assert not multiprocessing.active_children()


#: Sources and answers of 2 MB each way (a pipe holds 64 KB to 1 MB), through a pool that
#: must finish: run in its own process, so that a hang fails the test instead of the suite.
_BOTH_WAYS = """
from budget_perf._pool import pooled
from pool_work import echoed, echoed_slowly

big = (bytes([n]) * 2_000_000 for n in range(40))
answers = list(pooled(
    big, 2, here=echoed_slowly, there=echoed, local=lambda data: False,
    received=lambda data, answer: answer,
))
assert [data[-1] for _, data in answers] == list(range(40))
print(" ".join(sorted({who for who, _ in answers})))
"""


def test_sources_and_answers_larger_than_a_pipe_travel_both_ways_without_a_hang() -> None:
    """Large reports go to a worker while its large answers come back: neither process waits
    on the other's full pipe for ever."""
    tests = Path(__file__).parent
    done = subprocess.run(
        [sys.executable, "-c", _BOTH_WAYS],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tests,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["here", "there"]


def test_three_processes_answer_in_input_order() -> None:
    """With two workers besides this process every answer still comes back once, in order."""
    answers = list(_run(90, answered_there, local=7, jobs=3))
    assert [number for _, number in answers] == list(range(90))
    assert {who for who, _ in answers} == {"here", "there"}
    assert not multiprocessing.active_children()


def _refusing_from(first: int) -> Callable[[int], tuple[str, int]]:
    def here(number: int) -> tuple[str, int]:
        if number >= first:
            raise LookupError(f"here refused {number}")
        return _slowly(number)

    return here


def test_an_error_in_this_process_is_raised_when_its_answer_is_due() -> None:
    """This process's own failure on source 12 comes after the answers to sources 0–11, however
    far ahead it was working."""
    answered: list[tuple[str, int]] = []
    with pytest.raises(LookupError, match="here refused") as raised:
        answered.extend(_run(60, slowly_there, here=_refusing_from(12)))
    refused_at = int(str(raised.value).split()[-1])
    assert [number for _, number in answered] == list(range(refused_at))
    assert refused_at >= 12
    assert not multiprocessing.active_children()


def _failing_after(count: int) -> Iterator[int]:
    yield from range(count)
    raise OSError("the folder went away")


def test_an_error_in_reading_the_sources_comes_after_every_answer_before_it() -> None:
    """Sources read from a generator that fails after 15: the 15 answers, then its error."""
    answered: list[tuple[str, int]] = []
    with pytest.raises(OSError, match="went away"):
        answered.extend(_run(_failing_after(15), answered_there))
    assert [number for _, number in answered] == list(range(15))
    assert not multiprocessing.active_children()


def test_the_library_s_own_errors_travel_with_their_attributes() -> None:
    """A WorkbookError raised in a worker arrives as one: its file, sheet and cell, and its
    Chinese message."""
    with pytest.raises(WorkbookError) as raised:
        list(_run(60, refused_by_workbook))
    assert (raised.value.file, raised.value.sheet, raised.value.cell) == ("f.xlsx", "S", "C7")
    assert raised.value.message("zh").startswith("f.xlsx：S!C7：拒")


@pytest.mark.parametrize(
    "error",
    [
        bp.InvalidDocument(["a @ $.x", "b @ $.y"], problems_zh=["甲 @ $.x", "乙 @ $.y"]),
        bp.UnknownLayout("no layout", message_zh="无", file="f", cell="B2", nearest="gz"),
        WorkbookError("f.xlsx", "bad", sheet="S", cell="C7", reason_zh="坏"),
        bp.WorkerFailed("gone", message_zh="已退出"),
    ],
    ids=type,
)
def test_every_error_of_the_library_survives_pickling(error: bp.BudgetPerfError) -> None:
    """Dask and worker processes send errors by pickle: the type, message and attributes of
    each come back as raised (not rebuilt by calling the class with its message)."""
    error.add_note("raised in a worker")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert (str(back), back.message("zh")) == (str(error), error.message("zh"))
    assert vars(back) == vars(error)


def test_an_error_that_cannot_travel_arrives_described() -> None:
    """An exception the caller could not rebuild (keyword-only arguments) arrives as a
    RuntimeError naming it, with the worker's traceback; one that would exit (sys.exit in the
    work) arrives as a RuntimeError too, and does not end the caller."""
    with pytest.raises(RuntimeError, match=r"^Odd: odd \d+\n") as raised:
        list(_run(60, refused_oddly))
    assert any("raised in a worker process" in note for note in raised.value.__notes__)
    with pytest.raises(RuntimeError, match=r"a worker raised SystemExit\(5\)"):
        list(_run(60, exits))


def _slowly_any(source: object) -> tuple[str, object]:
    time.sleep(0.05)
    return ("here", source)


def _answered_slowly_here(sources: list[object]) -> list[tuple[str, object]]:
    """*sources* through a pool whose caller is slower than its worker (which takes turns)."""
    return list(
        pooled(
            sources,
            2,
            here=_slowly_any,
            there=answered_there,  # type: ignore[arg-type]
            local=lambda source: False,
            received=lambda source, answer: answer,
        )
    )


def test_a_source_that_cannot_be_pickled_is_answered_here() -> None:
    """A source a worker cannot be sent (a lambda, offered to the worker once it has started
    and taken its turns) is answered by this process, in its place."""
    odd = [lambda: None]
    sources: list[object] = [*range(20), odd[0], *range(20, 40)]
    answers = _answered_slowly_here(sources)
    assert [source for _, source in answers] == sources
    assert ("here", odd[0]) in answers
    assert any(who == "there" for who, _ in answers[:20])


def _not_importable(number: int) -> tuple[str, int]:
    return ("there", number)


def test_a_worker_that_cannot_start_says_so() -> None:
    """Work a new process cannot import (here: from a module that exists only in this one)
    stops the batch with WorkerFailed saying the worker could not start, and why that may be."""
    module = types.ModuleType("made_up_here")
    _not_importable.__module__ = module.__name__
    module._not_importable = _not_importable  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    try:
        with pytest.raises(bp.WorkerFailed, match="could not start") as raised:
            list(_run(200, _not_importable))
    finally:
        del sys.modules[module.__name__]
    assert '__name__ == "__main__"' in str(raised.value)
    assert "未能启动" in raised.value.message("zh")
    assert not multiprocessing.active_children()


def test_a_batch_ended_while_its_worker_is_busy_stops_it() -> None:
    """Closing the batch while the worker is in the middle of a source that takes it 10 s stops
    the worker instead of waiting for it, and nothing is left behind."""
    answers = _run(60, sleeps_long)
    first = [next(answers) for _ in range(3)]
    assert [number for _, number in first] == [0, 1, 2]
    time.sleep(1)  # the worker starts, and takes its sources
    started = time.perf_counter()
    answers.close()  # type: ignore[attr-defined]  # a generator
    assert time.perf_counter() - started < 5  # not the 10 s of the source it was on
    assert not multiprocessing.active_children()


def test_a_pool_that_fails_while_starting_its_workers_leaves_none_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second of three workers cannot be started (no more processes, say): the first is
    stopped before the error reaches the caller."""
    made: list[object] = []
    real = _pool._Worker

    def worker(there: Callable[[int], tuple[str, int]]) -> object:
        if made:
            raise OSError(11, "Resource temporarily unavailable")
        made.append(real(there))
        return made[-1]

    monkeypatch.setattr(_pool, "_Worker", worker)
    with pytest.raises(OSError, match="temporarily unavailable"):
        list(_run(10, answered_there, jobs=3))
    assert len(made) == 1
    assert not multiprocessing.active_children()


def test_a_worker_that_dies_mid_batch_fails_only_from_its_own_sources() -> None:
    """Two workers answer slowly and exit at the first source from 25 on they are given: every
    answer before source 25 comes first (some of them the other worker's, still busy when the
    first one exits), then WorkerFailed."""
    answered: list[tuple[str, int]] = []
    with pytest.raises(bp.WorkerFailed, match="exit code 3"):
        answered.extend(_run(60, dies_from_25, jobs=3))
    assert [number for _, number in answered] == list(range(len(answered)))
    assert len(answered) >= 25
    assert not multiprocessing.active_children()


class _OnlyHere:
    """A source a worker cannot unpickle (its class lives in a module only this process has)."""

    def __init__(self, number: int) -> None:
        self.number = number


def test_a_source_a_worker_cannot_unpickle_is_answered_here() -> None:
    """The worker sends it back unanswered, and this process answers it, in its place."""
    module = types.ModuleType("made_up_for_sources")
    _OnlyHere.__module__ = module.__name__
    module._OnlyHere = _OnlyHere  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    sources: list[object] = [*range(20), *(_OnlyHere(n) for n in range(5)), *range(20, 40)]
    try:
        answers = _answered_slowly_here(sources)
    finally:
        del sys.modules[module.__name__]
    assert [source for _, source in answers] == sources
    assert all(who == "here" for who, source in answers if isinstance(source, _OnlyHere))
    assert any(who == "there" for who, _ in answers)


_POSIX_SIGNALS = pytest.mark.skipif(
    not hasattr(signal, "pthread_sigmask"), reason="Ctrl-C is held off only where POSIX signals are"
)


@_POSIX_SIGNALS
def test_ctrl_c_while_a_worker_starts_is_delivered_after_not_lost() -> None:
    """SIGINT is held off while a worker starts (so the worker cannot print a traceback while
    it imports): one that arrives meanwhile is raised just after, and the mask is as before."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, ())
    reached: list[bool] = []

    def start() -> None:
        with _pool._ctrl_c_held():
            signal.raise_signal(signal.SIGINT)  # pending: held off
            reached.append(True)

    with pytest.raises(KeyboardInterrupt):
        start()
    assert reached == [True]
    assert signal.pthread_sigmask(signal.SIG_BLOCK, ()) == before


@_POSIX_SIGNALS
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
def test_a_worker_process_that_cannot_be_started_leaves_nothing_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The system refuses a new process: the error reaches the caller, and the pipes made for
    the worker are closed (no file descriptor is left open), the Ctrl-C mask as before."""

    def refuse(self: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    list(_run(3, answered_there))  # the resource tracker and such, started once per process
    before = len(os.listdir("/proc/self/fd"))
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, ())
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    with pytest.raises(OSError, match="temporarily unavailable"):
        list(_run(10, answered_there))
    assert len(os.listdir("/proc/self/fd")) == before
    assert signal.pthread_sigmask(signal.SIG_BLOCK, ()) == mask
