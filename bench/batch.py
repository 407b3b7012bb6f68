#!/usr/bin/env python3
"""Measure a folder check: throughput with two worker processes, and peak memory by folder size.

    python3 dev.py bench batch                  # 1,000 reports, 5 rounds; memory 20 / 200 / 1,000
    python3 dev.py bench batch --n 400 --rounds 3
    .venv/bin/python bench/batch.py --json > batch.json

The folders hold distinct reports (bench/variants.py: the bundled report with names, amounts
and counts varied), each written by ``to_json`` (159 KB), as a reviewer's folder of submissions.

- **Throughput**: ``check_many(FOLDER, jobs=J)`` for J = 1 and 2, each run in a fresh process
  timed from the call to the last envelope (the pool's start included), and, for information,
  ``budget-perf check FOLDER --jobs J --format jsonl --quiet`` (the whole command: interpreter,
  imports and writing the output included); rounds interleaved (ABAB, then BABA); the ratio is
  the median over rounds of jobs=1's time over jobs=2's time in the same round.  Target (issue
  11): ``check_many(jobs=2)`` ≥ 1.6× the throughput of ``jobs=1`` on 2 cores.
- **Peak memory**: the same command with ``--jobs 1`` on folders of three sizes; the peak
  resident memory of the process (``ru_maxrss`` from ``os.wait4``), median over rounds.  Target:
  bounded by the largest report, not the folder.  The checker keeps the texts it has read in
  bounded caches (a few MB, full after the first hundred or so reports); past that, the peak
  must not grow with the folder: the largest folder's peak within 5 MB of the middle one's,
  though it holds five times as many reports.

Exit status 0 when both targets are met, 1 when one is not, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from variants import variant  # noqa: E402

from budget_perf import to_json  # noqa: E402

#: Issue 11's targets.
SPEEDUP_TARGET = 1.6
MEMORY_SLACK_MB = 5.0
MB = 1_000_000


def make_folder(root: Path, n: int) -> Path:
    """A folder of *n* distinct reports, written once per size."""
    folder = root / f"reports-{n}"
    folder.mkdir()
    for i in range(n):
        (folder / f"report-{i:05d}.json").write_text(to_json(variant(i)), encoding="utf-8")
    return folder


def run_check(folder: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak resident MB of one ``budget-perf check`` of *folder*, in a new process."""
    command = [
        sys.executable, "-m", "budget_perf.cli", "check", str(folder),
        "--jobs", str(jobs), "--format", "jsonl", "--quiet", "--output", os.devnull,
    ]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: findings at or above --fail-on
        raise SystemExit(f"budget-perf check exited with {process.returncode}")
    return seconds, usage.ru_maxrss * 1024 / MB  # ru_maxrss is in KiB on Linux


#: A fresh process that times ``check_many`` over a folder, from the call to the last envelope
#: (the pool's start included; the interpreter's start and the imports, the same for any
#: number of jobs, not), reading each envelope's findings as a caller would.
_CHECK_MANY = """
import sys, time
from budget_perf import check_many
if __name__ == "__main__":
    start = time.perf_counter()
    found = sum(len(e.findings) for e in check_many([sys.argv[1]], jobs=int(sys.argv[2])))
    print(time.perf_counter() - start, found)
"""


def run_check_many(folder: Path, jobs: int) -> float:
    """Seconds ``check_many(folder, jobs=jobs)`` takes in a new process."""
    command = [sys.executable, "-c", _CHECK_MANY, str(folder), str(jobs)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[0])


def measure(n: int, sizes: Sequence[int], rounds: int, *, progress: bool) -> dict[str, list[float]]:
    """Per round: seconds of ``check_many`` and of the command for jobs 1 and 2 on *n* reports;
    peak MB on each folder size."""
    results: dict[str, list[float]] = {
        "jobs=1 s": [], "jobs=2 s": [], "command jobs=1 s": [], "command jobs=2 s": [],
    }  # fmt: skip
    results.update({f"peak MB, {size}": [] for size in sizes})
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as temp:
        root = Path(temp)
        folders = {size: make_folder(root, size) for size in {n, *sizes}}
        for r in range(rounds):
            order = (1, 2) if r % 2 == 0 else (2, 1)
            for jobs in order:
                seconds = run_check_many(folders[n], jobs)
                results[f"jobs={jobs} s"].append(seconds)
                command, _ = run_check(folders[n], jobs)
                results[f"command jobs={jobs} s"].append(command)
                if progress:
                    print(
                        f"  round {r + 1}: jobs={jobs} check_many {seconds:.2f} s, "
                        f"command {command:.2f} s",
                        file=sys.stderr,
                    )
            for size in sizes if r % 2 == 0 else sizes[::-1]:
                _, peak = run_check(folders[size], 1)
                results[f"peak MB, {size}"].append(peak)
                if progress:
                    print(f"  round {r + 1}: {size} reports, peak {peak:.1f} MB", file=sys.stderr)
    return results


def _speedup(results: dict[str, list[float]], prefix: str = "") -> float:
    one, two = results[f"{prefix}jobs=1 s"], results[f"{prefix}jobs=2 s"]
    return statistics.median(a / b for a, b in zip(one, two, strict=True))


def _peaks(results: dict[str, list[float]], sizes: Sequence[int]) -> list[float]:
    return [statistics.median(results[f"peak MB, {size}"]) for size in sizes]


def verdicts(results: dict[str, list[float]], n: int, sizes: Sequence[int]) -> list[str]:
    one, two = results["jobs=1 s"], results["jobs=2 s"]
    speedup = _speedup(results)
    peaks = _peaks(results, sizes)
    bound = peaks[-2] + MEMORY_SLACK_MB
    lines = [
        "| measure | result | target | met? |",
        "|---|---:|---:|---|",
        f"| check_many, {n:,} reports, jobs=1 (median s) | {statistics.median(one):.2f} | — | — |",
        f"| check_many, {n:,} reports, jobs=2 (median s) | {statistics.median(two):.2f} | — | — |",
        f"| check_many throughput jobs=2 / jobs=1 | {speedup:.2f}× | ≥ {SPEEDUP_TARGET}× | "
        + ("yes |" if speedup >= SPEEDUP_TARGET else "**no** |"),
        *(
            f"| `budget-perf check --format jsonl`, jobs={jobs} (median s) | "
            f"{statistics.median(results[f'command jobs={jobs} s']):.2f} | — | — |"
            for jobs in (1, 2)
        ),
        f"| command throughput jobs=2 / jobs=1 | {_speedup(results, 'command '):.2f}× | — | — |",
    ]
    lines += [
        f"| peak memory, {s:,} reports (median MB) | {p:.1f} | — | — |"
        for s, p in zip(sizes[:-1], peaks[:-1], strict=True)
    ]
    lines.append(
        f"| peak memory, {sizes[-1]:,} reports (median MB) | {peaks[-1]:.1f} | ≤ {bound:.1f} | "
        + ("yes |" if peaks[-1] <= bound else "**no** |")
    )
    return lines


def met(results: dict[str, list[float]], sizes: Sequence[int]) -> bool:
    peaks = _peaks(results, sizes)
    return _speedup(results) >= SPEEDUP_TARGET and peaks[-1] <= peaks[-2] + MEMORY_SLACK_MB


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1000, help="reports for throughput (1000)")
    parser.add_argument(
        "--sizes", default="20,200,1000", help="folder sizes for memory, rising (20,200,1000)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (5)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    try:
        sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes takes whole numbers separated by commas")
    if min(args.n, args.rounds, *sizes) < 1 or len(sizes) < 2 or sizes != sorted(set(sizes)):
        parser.error("--n, --rounds and --sizes must be positive; two or more rising sizes")
    results = measure(args.n, sizes, args.rounds, progress=not args.json)
    environment = {
        "python": platform.python_version(),
        "system": platform.platform(),
        "cpus": str(os.cpu_count()),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    if args.json:
        print(json.dumps({"environment": environment, "n": args.n, "results": results}, indent=2))
    else:
        print(", ".join(f"{k} {v}" for k, v in environment.items()))
        print()
        print("\n".join(verdicts(results, args.n, sizes)))
    return 0 if met(results, sizes) else 1


if __name__ == "__main__":
    sys.exit(main())
