"""Hostile inputs, each run in a child process under a hard limit of time and memory.

A case is a short Python snippet that attacks one entry point and asserts the documented
outcome (a refusal with the library's error, an unchanged result, an exit code).  The child
runs with its address space capped (``RLIMIT_AS``) and the files it writes capped
(``RLIMIT_FSIZE``), in a process group of its own that is killed whole after a wall-clock
limit, so a case that hangs or balloons fails the test instead of taking the machine with it,
and a command it started does not outlive it.  The limits are generous for a noisy two-core
machine; the documented bound (2 s, 200 MB) is measured by ``bench/hostile_bounds.py``, not by
these tests.

The snippet sees these helpers:

- ``refused(error, call, *args, contains=(), **kwargs)``: *call* must raise *error* (a
  :class:`budget_perf.errors.BudgetPerfError`) whose message contains every text of *contains*;
  returns the exception;
- ``cli(*args, stdin=None)``: runs ``python -m budget_perf.cli`` and returns the completed
  process (``returncode``, ``stdout``, ``stderr`` as text, or bytes when *stdin* is bytes);
- ``work``: the case's own temporary folder (a :class:`pathlib.Path`), also the working folder.

The snippet runs as a script file named after the case, so a traceback shows the failing line.
The working folder is not on ``sys.path`` (``PYTHONSAFEPATH``): a file the case writes there
cannot shadow a module.
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import attrs

__all__ = [
    "FILE_LIMIT",
    "MEMORY_LIMIT",
    "TIME_LIMIT",
    "Case",
    "Run",
    "measure_case",
    "run_case",
]

#: Address space a child may map: far above a refusal's needs, far below what a bomb takes.
MEMORY_LIMIT = 1536 * 1024 * 1024
#: Seconds a child may run before it is killed, with everything it started.
TIME_LIMIT = 60.0
#: The largest file a child may write (a case that writes more is killed by SIGXFSZ).
FILE_LIMIT = 1024 * 1024 * 1024

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
    name = getattr(call, "__name__", repr(call))
    raise AssertionError(f"not refused: {name} returned {str(result)[:300]!r}")

def cli(*args, stdin=None, timeout=40):
    as_text = not isinstance(stdin, bytes)
    return subprocess.run(
        [sys.executable, "-m", "budget_perf.cli", *map(str, args)],
        input=stdin, capture_output=True, timeout=timeout, cwd=work,
        text=as_text, encoding="utf-8" if as_text else None,
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


@attrs.frozen(kw_only=True)
class Run:
    """How one run of a case ended, and what it cost (the child and what it waited for)."""

    #: The exit status; negative for the signal that ended it (as in :mod:`subprocess`).
    returncode: int
    stdout: str
    stderr: str
    #: Wall-clock seconds from starting the child to its end.
    seconds: float
    #: CPU seconds (user and system) of the child and the processes it waited for.
    cpu_seconds: float
    #: The largest resident set, in bytes, of the child or of any process it waited for.
    peak_rss: int
    #: Whether the time limit killed it.
    timed_out: bool

    @property
    def passed(self) -> bool:
        """The case's assertions held: it exited 0 within the time limit."""
        return self.returncode == 0 and not self.timed_out

    def verdict(self) -> str:
        """One line saying how the run ended, in words."""
        if self.timed_out:
            return f"killed at the time limit of {TIME_LIMIT:g} s"
        if "MemoryError" in self.stderr:
            return f"ran out of memory under the cap of {MEMORY_LIMIT / 2**30:g} GiB (MemoryError)"
        if self.returncode == -signal.SIGXFSZ:
            return f"wrote a file past the cap of {FILE_LIMIT / 2**20:g} MiB (SIGXFSZ)"
        if self.returncode < 0:
            return f"killed by {signal.Signals(-self.returncode).name}"
        if self.returncode == 0:
            return "passed"
        if "AssertionError" in self.stderr:
            return f"exit status {self.returncode}: an assertion of the case failed"
        return f"exit status {self.returncode}: the case raised"

    def explain(self, case: Case) -> str:
        """A failure message: the case, how it ended, what it cost, and the tail of its output."""
        return (
            f"hostile case {case.id!r}: {case.what}\n"
            f"{self.verdict()} after {self.seconds:.1f} s, "
            f"peak memory {self.peak_rss / 2**20:.0f} MB"
            f"\n--- stdout (last 3000 characters) ---\n{self.stdout[-3000:]}"
            f"\n--- stderr (last 3000 characters) ---\n{self.stderr[-3000:]}"
        )


def _limit_child() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _kill_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # nothing left of it
        os.killpg(group, signal.SIGKILL)


def _environment() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONHASHSEED": "0",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONSAFEPATH": "1",
    }


def measure_case(case: Case, work: Path, *, time_limit: float = TIME_LIMIT) -> Run:
    """Run *case* in a child process in *work*, under the limits above, and measure the run.

    The child leads a process group of its own; at *time_limit* seconds the whole group is
    killed, and so is anything of it still running once the child has ended.
    """
    with (
        tempfile.TemporaryDirectory(prefix="hostile-") as folder,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        script = Path(folder) / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', case.id)}.py"
        script.write_text(case.script(), encoding="utf-8")
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, str(script)],
            cwd=work,
            env=_environment(),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=_limit_child,
            start_new_session=True,
        )
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            _kill_group(process.pid)

        timer = threading.Timer(time_limit, expire)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            seconds = time.perf_counter() - start
            timer.cancel()
            _kill_group(process.pid)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return Run(
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            peak_rss=usage.ru_maxrss * 1024,  # Linux counts kilobytes
            timed_out=expired.is_set(),
        )


def run_case(case: Case, work: Path) -> subprocess.CompletedProcess[str]:
    """Run *case* in a child process in *work*, under the memory and time limits above.

    Raises :class:`subprocess.TimeoutExpired` when the time limit killed it.
    """
    run = measure_case(case, work)
    if run.timed_out:
        raise subprocess.TimeoutExpired(case.id, TIME_LIMIT, run.stdout, run.stderr)
    return subprocess.CompletedProcess(case.id, run.returncode, run.stdout, run.stderr)
