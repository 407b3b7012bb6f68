"""The pool behind ``check_many(jobs > 1)``: this process and worker processes share the sources,
and the answers come back once each, in input order, whatever goes wrong in a worker.

A worker's error is raised in the caller when that answer is due, with the worker's traceback;
a worker that dies stops the batch with :class:`~budget_perf.WorkerFailed` instead of a hang;
a batch ended early leaves no worker behind; sources and answers larger than a pipe holds
travel both ways at once without either side waiting on the other for ever.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import budget_perf as bp
from budget_perf._pool import pooled
from pool_work import answered_there, dies, refused


def _slowly(number: int) -> tuple[str, int]:
    time.sleep(0.05)  # slower than the worker, which then takes its turns
    return ("here", number)


def _pool(
    count: int, there: Callable[[int], tuple[str, int]], local: int = 0
) -> Iterator[tuple[str, int]]:
    return pooled(
        iter(range(count)),
        2,
        here=_slowly,
        there=there,
        local=lambda number: local > 0 and number % local == local - 1,
        received=lambda number, answer: answer,
    )


def test_the_pool_answers_in_input_order_with_work_in_both_processes() -> None:
    """With two processes the caller's process answers some sources (all of them until the
    worker has started), the worker the others once it has; every answer comes back once, in
    input order, and a source already judged is answered by the caller."""
    answers = list(_pool(60, answered_there, local=10))
    assert [number for _, number in answers] == list(range(60))
    assert {who for who, number in answers if number % 10 == 9} == {"here"}
    assert {who for who, _ in answers} == {"here", "there"}


def test_an_error_in_a_worker_is_raised_when_its_answer_is_due() -> None:
    """Every answer before the refused source comes back first; then the worker's error is
    raised in the caller, with its type, and the worker's traceback as a note."""
    answered: list[tuple[str, int]] = []
    with pytest.raises(ValueError, match="refused") as raised:
        answered.extend(_pool(60, refused))  # keeps what came before the error
    refused_at = int(str(raised.value).split()[1])
    assert [number for _, number in answered] == list(range(refused_at))
    assert {who for who, _ in answered} <= {"here"}
    assert any("raised in a worker process" in note for note in raised.value.__notes__)
    assert not multiprocessing.active_children()


def test_a_worker_that_dies_stops_the_batch_with_a_clear_error() -> None:
    """A worker killed mid-batch (here: it exits with status 3) is reported, not waited for."""
    with pytest.raises(bp.WorkerFailed, match="exit code 3") as raised:
        list(_pool(60, dies))
    assert "退出码3" in raised.value.message("zh")
    assert not multiprocessing.active_children()


def test_a_batch_ended_early_leaves_no_worker_behind() -> None:
    """A caller that stops reading after a few answers (a ``break``) closes the pool: its
    workers are stopped, whatever they were given."""
    answers = _pool(60, answered_there)
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
