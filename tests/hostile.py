"""Hostile inputs, each run in a child process under a hard limit of time and memory.

A case is a short Python snippet that attacks one entry point and asserts the documented
outcome (a refusal with the library's error, an unchanged result, an exit code).  The child
runs with its address space capped (``RLIMIT_AS``) and is killed after a wall-clock limit, so a
case that hangs or balloons fails the test instead of taking the machine with it.  The limits
are generous for a noisy two-core machine; the documented bound (2 s, 200 MB) is measured by
``bench/hostile_bounds.py``, not by these tests.

The snippet sees these helpers:

- ``refused(error, call, *args, contains=(), **kwargs)``: *call* must raise *error* (a
  :class:`budget_perf.errors.BudgetPerfError`) whose message contains every text of *contains*;
  returns the exception;
- ``cli(*args, stdin=None)``: runs ``python -m budget_perf.cli`` and returns the completed
  process (``returncode``, ``stdout``, ``stderr`` as text);
- ``work``: the case's own temporary folder (a :class:`pathlib.Path`).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs

__all__ = ["MEMORY_LIMIT", "TIME_LIMIT", "Case", "run_case"]

#: Address space a child may map: far above a refusal's needs, far below what a bomb takes.
MEMORY_LIMIT = 1536 * 1024 * 1024
#: Seconds a child may run before it is killed.
TIME_LIMIT = 60.0

_PRELUDE = """
import subprocess, sys
from pathlib import Path

work = Path.cwd()

def refused(error, call, *args, contains=(), **kwargs):
    from budget_perf.errors import BudgetPerfError
    assert issubclass(error, BudgetPerfError), error
    try:
        result = call(*args, **kwargs)
    except error as exc:
        text = str(exc)
        for part in (contains,) if isinstance(contains, str) else contains:
            assert part in text, f"{part!r} not in {text[:2000]!r}"
        return exc
    raise AssertionError(f"not refused: {call.__name__} returned {str(result)[:300]!r}")

def cli(*args, stdin=None, timeout=40):
    return subprocess.run(
        [sys.executable, "-m", "budget_perf.cli", *map(str, args)],
        input=stdin, capture_output=True, timeout=timeout, cwd=work,
        text=not isinstance(stdin, bytes),
    )
"""


@attrs.frozen(kw_only=True)
class Case:
    """One hostile input: a name for the test id, what it tries, and the snippet that tries it."""

    id: str
    what: str
    code: str

    def script(self) -> str:
        """The whole program the child runs."""
        return _PRELUDE + "\n" + textwrap.dedent(self.code)


def _limit_child() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_case(case: Case, work: Path) -> subprocess.CompletedProcess[str]:
    """Run *case* in a child process in *work*, under the memory and time limits above."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-c", case.script()],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limit_child,
        check=False,
    )
