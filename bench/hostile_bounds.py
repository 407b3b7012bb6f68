#!/usr/bin/env python3
"""Measure the documented bound of every hostile input: each refusal within 2 s and 200 MB.

Runs every case of ``tests/hostile_cases`` (the cases of ``tests/test_hostile_inputs.py``),
and a baseline that only imports ``budget_perf`` and ``budget_perf.excel``, *rounds* times each
(default 5), each run in a fresh child process under the harness's limits
(``tests/hostile.py``: 1.5 GiB of address space, 60 s).  Runs are interleaved: each round runs
every case once, starting one case further along than the round before, so a slow spell of a
busy machine is spread over all cases instead of falling on one.

For each case it prints the median wall-clock time and the median peak resident memory of its
runs, absolute and over the baseline (the difference to the baseline run of the same round,
then the median of those differences), and whether it is within the bound.  The bound is
judged on the absolute medians (interpreter and imports included), which is stricter than
judging what the library adds.  Peak memory is that of the largest single process: for a case
that runs the command line, the ``budget-perf`` process.

    .venv/bin/python bench/hostile_bounds.py                 # every case, 5 rounds
    .venv/bin/python bench/hostile_bounds.py --rounds 9 -k workbook
    .venv/bin/python bench/hostile_bounds.py --json > bounds.json
    python3 dev.py bench --rounds 3                          # the same through the task runner

Exit status: 0 when every run of every case passed its own assertions and every median is
within the bound; 1 otherwise; 2 for a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile import Case, Run, measure_case  # noqa: E402  (the harness lives in tests/)

#: The documented bound of one refusal.
TIME_BOUND = 2.0
MEMORY_BOUND_MB = 200.0
MB = 1_000_000

BASELINE = Case(
    id="baseline",
    what="imports budget_perf and budget_perf.excel, nothing else",
    code="import budget_perf, budget_perf.excel",
)


@attrs.frozen(kw_only=True)
class Measured:
    """The runs of one case and, paired with each, the baseline run of the same round."""

    case: Case
    runs: tuple[Run, ...]
    baselines: tuple[Run, ...]

    @property
    def passed(self) -> bool:
        return all(run.passed for run in self.runs)

    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    def peak_mb(self) -> float:
        return statistics.median(run.peak_rss for run in self.runs) / MB

    def seconds_over_baseline(self) -> float:
        pairs = zip(self.runs, self.baselines, strict=True)
        return statistics.median(run.seconds - base.seconds for run, base in pairs)

    def peak_mb_over_baseline(self) -> float:
        pairs = zip(self.runs, self.baselines, strict=True)
        return statistics.median(run.peak_rss - base.peak_rss for run, base in pairs) / MB

    def within(self, time_bound: float, memory_bound_mb: float) -> bool:
        return self.seconds() <= time_bound and self.peak_mb() <= memory_bound_mb


def load_cases(module: str, pattern: str | None) -> tuple[Case, ...]:
    """The cases of *module* (its ``ALL_CASES`` or ``CASES``) whose id contains *pattern*."""
    loaded = importlib.import_module(module)
    cases: tuple[Case, ...] = getattr(loaded, "ALL_CASES", getattr(loaded, "CASES", ()))
    return tuple(case for case in cases if pattern is None or pattern in case.id)


def measure(cases: Sequence[Case], rounds: int, *, progress: bool) -> list[Measured]:
    """Run the baseline and every case *rounds* times, round-robin, a fresh child each time."""
    everything = (BASELINE, *cases)
    runs: dict[str, list[Run]] = {case.id: [] for case in everything}
    for number in range(rounds):
        start = number % len(everything)
        for case in everything[start:] + everything[:start]:
            with tempfile.TemporaryDirectory(prefix="bench-") as work:
                runs[case.id].append(measure_case(case, Path(work)))
            if progress:
                print(".", end="", file=sys.stderr, flush=True)
        if progress:
            print(f" round {number + 1}/{rounds}", file=sys.stderr, flush=True)
    baselines = tuple(runs[BASELINE.id])
    return [
        Measured(case=case, runs=tuple(runs[case.id]), baselines=baselines) for case in everything
    ]


def report(measured: Sequence[Measured], rounds: int, time_bound: float, memory: float) -> str:
    """The results as a table, one line per case."""
    width = max(len(m.case.id) for m in measured)
    lines = [
        (
            f"hostile-input bounds: medians of {rounds} interleaved runs per case; "
            f"bound {time_bound:g} s and {memory:g} MB per run, judged on the absolute figures"
        ),
        f"{'case':<{width}}  {'time s':>7} {'+base':>7}  {'peak MB':>7} {'+base':>7}  verdict",
    ]
    for m in measured:
        if m.case is BASELINE:
            verdict = "(interpreter and imports)"
        elif not m.passed:
            failed = next(run for run in m.runs if not run.passed)
            verdict = f"FAILED: {failed.verdict()}"
        else:
            verdict = "ok" if m.within(time_bound, memory) else "OVER THE BOUND"
        lines.append(
            f"{m.case.id:<{width}}  {m.seconds():7.2f} {m.seconds_over_baseline():+7.2f}  "
            f"{m.peak_mb():7.1f} {m.peak_mb_over_baseline():+7.1f}  {verdict}"
        )
    return "\n".join(lines)


def as_json(measured: Sequence[Measured], rounds: int, time_bound: float, memory: float) -> str:
    """The results as JSON: the settings, then per case its medians and every run."""

    def case(m: Measured) -> dict[str, Any]:
        return {
            "id": m.case.id,
            "what": m.case.what,
            "baseline": m.case is BASELINE,
            "passed": m.passed,
            "within_bound": m.within(time_bound, memory),
            "median_seconds": round(m.seconds(), 4),
            "median_seconds_over_baseline": round(m.seconds_over_baseline(), 4),
            "median_peak_mb": round(m.peak_mb(), 2),
            "median_peak_mb_over_baseline": round(m.peak_mb_over_baseline(), 2),
            "runs": [
                {
                    "seconds": round(run.seconds, 4),
                    "cpu_seconds": round(run.cpu_seconds, 4),
                    "peak_bytes": run.peak_rss,
                    "outcome": run.verdict(),
                }
                for run in m.runs
            ],
        }

    document = {
        "rounds": rounds,
        "bound": {"seconds": time_bound, "megabytes": memory, "judged_on": "absolute medians"},
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cases": [case(m) for m in measured],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Measure time and peak memory of every hostile input against its bound."
    )
    parser.add_argument("--rounds", type=int, default=5, help="runs per case (default 5)")
    parser.add_argument("-k", dest="pattern", help="only the cases whose id contains this text")
    parser.add_argument(
        "--module",
        default="hostile_cases",
        help="the module under tests/ holding the cases (default hostile_cases; "
        "e.g. hostile_cases.workbooks for one area)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--time-bound", type=float, default=TIME_BOUND, help="seconds (2)")
    parser.add_argument("--memory-bound", type=float, default=MEMORY_BOUND_MB, help="MB (200)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    cases = load_cases(args.module, args.pattern)
    if not cases:
        parser.error(f"no case in {args.module} matches")
    measured = measure(cases, args.rounds, progress=not args.json)
    render = as_json if args.json else report
    print(render(measured, args.rounds, args.time_bound, args.memory_bound))
    cases_measured = [m for m in measured if m.case is not BASELINE]
    good = all(m.passed and m.within(args.time_bound, args.memory_bound) for m in cases_measured)
    return 0 if good and measured[0].passed else 1


if __name__ == "__main__":
    sys.exit(main())
