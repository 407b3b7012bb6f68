#!/usr/bin/env python3
"""The project's one task runner; README and CI both call it.  Needs only python3.

    python3 dev.py demo     set up .venv, then summarise the bundled example report
    python3 dev.py test     set up .venv, then run ruff, mypy and the whole pytest suite
    python3 dev.py docs     set up .venv, then regenerate generated pages under docs/

Set-up is idempotent: .venv is created once and the package (with its test extra) is
reinstalled only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".budget_perf-installed"


def run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, check=False)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def setup() -> None:
    if not (BIN / "python").exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != digest:
        run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[test]")
        STAMP.write_text(digest)


def demo() -> None:
    setup()
    run(BIN / "budget-perf", "summary", "yueyang-npc-2022")


def test() -> None:
    setup()
    run(BIN / "ruff", "check", "src", "tests", "examples")
    run(BIN / "ruff", "format", "--check", "src", "tests", "examples")
    run(BIN / "mypy")
    run(BIN / "python", "-m", "pytest", "-q", *sys.argv[2:])


def docs() -> None:
    setup()
    run(BIN / "python", "-m", "budget_perf.cli", "catalogue", "--output", "docs/rules.md")


TASKS = {"demo": demo, "test": test, "docs": docs}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        print(__doc__)
        sys.exit(2)
    TASKS[sys.argv[1]]()
