#!/usr/bin/env python3
"""The project's one task runner; README and CI both call it.  Needs only python3.

    python3 dev.py demo      set up .venv, then summarise the bundled example report
    python3 dev.py test      set up .venv, then run ruff, mypy and the whole pytest suite
    python3 dev.py explore   set up .venv, then run pytest hunting for new failing examples
    python3 dev.py bench     set up .venv, then measure the hostile-input bounds
    python3 dev.py bench speed   ... or from_json, check, to_json against msgspec and pydantic
    python3 dev.py bench batch   ... or a folder check: jobs=2 against jobs=1, peak memory
    python3 dev.py docs      set up .venv, regenerate generated pages, build the site (build/docs)
    python3 dev.py getting-started   run the getting-started pages as a new user, in fresh venvs

Arguments after the task go to pytest (test, explore) or to bench/hostile_bounds.py (bench),
or after ``bench speed`` to bench/speed.py: ``python3 dev.py test tests/test_model.py``,
``python3 dev.py bench --rounds 9 --json``, ``python3 dev.py bench speed --n 1000``.

``test`` (and CI, which runs it) uses the hypothesis profile ``ci`` of tests/conftest.py:
derandomised, without the example database, so no earlier run and no file under .hypothesis/
can change its outcome.  ``explore`` uses the profile ``explore``: random examples, ten times
as many for every property (BUDGET_PERF_HYPOTHESIS_SCALE=N changes the factor), and failing
examples kept under .hypothesis/ and replayed first until they pass.  It takes many minutes
for the whole suite; narrow it as for pytest, e.g.
``python3 dev.py explore tests/test_checks.py -k consistent``.  A failure it finds is printed
with a ``@reproduce_failure`` blob; turn it into an explicit ``@example`` or a plain test.

Set-up is idempotent: .venv is created once and the package (with its test extra) is
reinstalled only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".budget_perf-installed"

#: What ``test`` passes to ``python -m pytest`` before the caller's arguments.  The option
#: overrides BUDGET_PERF_HYPOTHESIS_PROFILE, so the caller's environment cannot change the
#: profile (tests/test_suite_profiles.py runs a planted database against exactly these).
TEST_OPTIONS = ("-q", "--hypothesis-profile=ci")
#: What ``explore`` passes to ``python -m pytest`` before the caller's arguments.
EXPLORE_OPTIONS = ("-q", "--hypothesis-profile=explore")
#: The folders ruff checks.
LINTED = ("src", "tests", "examples", "bench", "tools", "docs/conf.py", "dev.py")
#: Where ``docs`` writes the site (outside docs/, whose *.md pytest reads as doctests).
SITE = ROOT / "build" / "docs"


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, check=False, env=env)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def setup() -> None:
    if not (BIN / "python").exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != digest:
        run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[test,docs]")
        STAMP.write_text(digest)


def demo() -> None:
    setup()
    run(BIN / "budget-perf", "summary", "example:yueyang-npc-2022")


def test() -> None:
    setup()
    run(BIN / "ruff", "check", *LINTED)
    run(BIN / "ruff", "format", "--check", *LINTED)
    run(BIN / "mypy")
    # bench/ imports the harness from tests/; mypy reads it with both folders on its path
    run(BIN / "mypy", "bench", env={**os.environ, "MYPYPATH": "tests"})
    run(BIN / "python", "-m", "pytest", *TEST_OPTIONS, *sys.argv[2:])


def explore() -> None:
    setup()
    run(BIN / "python", "-m", "pytest", *EXPLORE_OPTIONS, *sys.argv[2:])


def bench() -> None:
    setup()
    if sys.argv[2:3] == ["speed"]:
        run(BIN / "python", ROOT / "bench" / "speed.py", *sys.argv[3:])
    elif sys.argv[2:3] == ["batch"]:
        run(BIN / "python", ROOT / "bench" / "batch.py", *sys.argv[3:])
    else:
        run(BIN / "python", ROOT / "bench" / "hostile_bounds.py", *sys.argv[2:])


def docs() -> None:
    """Regenerate docs/rules.md, then build the site with every warning an error."""
    setup()
    run(BIN / "python", "-m", "budget_perf.cli", "catalogue", "--output", "docs/rules.md")
    run(
        BIN / "python", "-m", "budget_perf.cli", "catalogue", "--zh",
        "--output", "docs/zh/rules.md",
    )  # fmt: skip
    run(BIN / "python", ROOT / "tools" / "fence_doctests.py", "--check", *sorted(_pages()))
    run(
        BIN / "sphinx-build", "-E", "-W", "--keep-going", "-q", "-b", "html", "-d",
        SITE / ".doctrees", ROOT / "docs", SITE / "html",
    )  # fmt: skip
    print(f"site: {SITE / 'html' / 'index.html'}", flush=True)


def _pages() -> list[str]:
    return [str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.md")]


def getting_started() -> None:
    """Run the getting-started pages' commands in fresh virtual environments (both languages)."""
    run(sys.executable, ROOT / "tools" / "getting_started.py", *sys.argv[2:])


TASKS = {
    "demo": demo,
    "test": test,
    "explore": explore,
    "bench": bench,
    "docs": docs,
    "getting-started": getting_started,
}


def _terminated(signum: int, _frame: object) -> None:
    """Stopped (a CI time limit, ``timeout``): exit through the running task, which stops the
    command it waits for (``subprocess.run`` kills it) instead of leaving it running."""
    sys.exit(128 + signum)


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        print(__doc__)
        sys.exit(2)
    signal.signal(signal.SIGTERM, _terminated)
    TASKS[sys.argv[1]]()
