#!/usr/bin/env python3
"""Measure from_json, check and to_json against msgspec and pydantic v2 on distinct reports.

    python3 dev.py bench speed                      # N = 1,000 and 5,000, 5 rounds
    python3 dev.py bench speed --n 1000 --rounds 7  # one N
    .venv/bin/python bench/speed.py --json > speed.json

The documents are N distinct reports (bench/variants.py: the bundled report with names,
amounts and counts varied), each as the library writes it (``to_json``, indent 2), as UTF-8
bytes.  Every operation runs over all N documents in one pass, keeping what it builds (as a
caller reading a batch would, so that garbage collection costs what it costs in use):

- ``from_json``: ``budget_perf.from_json(doc, SelfEvaluation)`` (parsing with msgspec, the
  ``fast`` extra, when it is installed, as it is here); ``from_json, standard library``: the
  same as without the extra (for information: the targets are ``from_json``'s);
- ``msgspec decode``: ``msgspec.json.Decoder(mirror).decode(doc)`` into the msgspec mirror of
  the report (bench/anchors.py); ``pydantic decode``: ``mirror.model_validate_json(doc)``;
  ``msgspec decode, dropped``: the same, each result dropped at once (no garbage collection
  of kept results slows it: the strictest anchor for ``check``);
- ``check``: ``budget_perf.check(report)`` on the first ``--check-n`` reports (default 1,000:
  the checker is the slow part, and the texts it parses are as distinct at 1,000 as at 5,000);
- ``to_json compact``: ``to_json(report, indent=None)``; ``msgspec encode``:
  ``msgspec.json.encode`` of the mirror; ``pydantic encode``: ``model_dump_json()``;
  ``to_json indent=2``, the documented default, for information; all on the same first
  ``--check-n`` reports (keeping 5,000 reports in three libraries' records would take gigabytes
  of a shared machine).

Rounds are interleaved (ABAB): each round runs every operation once, starting one operation
further along than the round before.  Per operation it prints the median time per report over
the rounds; each ratio is the median over the rounds of the ratio of the two operations' times
in the same round (paired, so a slow spell of the shared machine falls on both).

Exit status 0 when every target is met, 1 when one is not, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import msgspec  # noqa: E402
from anchors import MSGSPEC_REPORT, PYDANTIC_REPORT  # noqa: E402
from variants import variant  # noqa: E402

from budget_perf import check, from_json, serialization, to_json  # noqa: E402
from budget_perf.model import SelfEvaluation  # noqa: E402

#: The targets of issue 11: (operation, anchor, the most the ratio may be).
TARGETS = (
    ("from_json", "msgspec decode", 3.0),
    ("from_json", "pydantic decode", 1.0),
    ("check", "msgspec decode", 16.0),
    ("check", "msgspec decode, dropped", 16.0),
    ("to_json compact", "msgspec encode", 4.0),
)
#: The absolute target of check, seconds per report.
CHECK_TARGET = 0.005


def _operations(n: int, check_n: int) -> dict[str, tuple[int, Callable[[], list[Any]]]]:
    reports, docs = [], []
    for i in range(n):  # only the reports checked and encoded are kept: 5,000 would be gigabytes
        report = variant(i)
        docs.append(to_json(report).encode("utf-8"))
        if i < check_n:
            reports.append(report)
    decoder = msgspec.json.Decoder(MSGSPEC_REPORT)
    validate = PYDANTIC_REPORT.model_validate_json
    mirrors = [decoder.decode(doc) for doc in docs[:check_n]]
    models = [validate(doc) for doc in docs[:check_n]]
    encode = msgspec.json.encode
    m = len(reports)
    return {
        "from_json": (n, lambda: [from_json(doc, SelfEvaluation) for doc in docs]),
        "from_json, standard library": (n, lambda: _standard_library(docs)),
        "msgspec decode": (n, lambda: [decoder.decode(doc) for doc in docs]),
        "msgspec decode, dropped": (n, lambda: _dropped(decoder.decode, docs)),
        "pydantic decode": (n, lambda: [validate(doc) for doc in docs]),
        "check": (m, lambda: [check(report) for report in reports]),
        "to_json compact": (m, lambda: [to_json(report, indent=None) for report in reports]),
        "to_json indent=2": (m, lambda: [to_json(report) for report in reports]),
        "msgspec encode": (m, lambda: [encode(mirror) for mirror in mirrors]),
        "pydantic encode": (m, lambda: [model.model_dump_json() for model in models]),
    }


def _standard_library(docs: list[bytes]) -> list[Any]:
    """from_json of each document as without the fast extra: the standard library's parser."""
    kept = serialization._QUICK_JSON
    serialization._QUICK_JSON = serialization._STDLIB_JSON
    try:
        return [from_json(doc, SelfEvaluation) for doc in docs]
    finally:
        serialization._QUICK_JSON = kept


def _dropped(decode: Callable[[bytes], Any], docs: list[bytes]) -> list[Any]:
    """Decode each document, keeping nothing: no kept result makes garbage collection slow."""
    for doc in docs:
        decode(doc)
    return []


def measure(n: int, check_n: int, rounds: int, *, progress: bool) -> dict[str, list[float]]:
    """Seconds per report of each operation, one figure per round."""
    operations = _operations(n, check_n)
    names = list(operations)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            count, run = operations[name]
            gc.collect()
            start = time.perf_counter()
            kept = run()
            seconds = time.perf_counter() - start
            del kept
            times[name].append(seconds / count)
            if progress:
                print(
                    f"  N={n} round {r + 1}/{rounds} {name}: {seconds / count * 1e3:.3f} ms",
                    file=sys.stderr,
                    flush=True,
                )
    return times


def ratio(times: dict[str, list[float]], a: str, b: str) -> float:
    """The median over the rounds of a's time over b's time in the same round."""
    return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))


def verdicts(times: dict[str, list[float]]) -> list[tuple[str, str, float, float, bool]]:
    return [
        (a, b, ratio(times, a, b), bound, ratio(times, a, b) <= bound) for a, b, bound in TARGETS
    ]


def environment() -> dict[str, str]:
    versions = {
        name: metadata.version(name)
        for name in ("budget_perf", "attrs", "cattrs", "msgspec", "pydantic", "pydantic_core")
    }
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "system": platform.platform(),
        **versions,
    }


def table(n: int, check_n: int, rounds: int, times: dict[str, list[float]]) -> str:
    ms = {name: statistics.median(values) * 1e3 for name, values in times.items()}
    lines = [
        (
            f"N = {n:,} distinct reports (check, to_json: the first {check_n:,}), "
            f"{rounds} interleaved rounds; median ms per report"
        ),
        "",
        "| operation | budget_perf | msgspec | pydantic v2 | ratio | target | met? |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    rows = (
        ("from_json", "from_json", "msgspec decode", "pydantic decode"),
        (
            "from_json, standard library",
            "from_json, standard library",
            "msgspec decode",
            "pydantic decode",
        ),
        ("check", "check", "msgspec decode", None),
        ("to_json compact", "to_json compact", "msgspec encode", "pydantic encode"),
        ("to_json indent=2", "to_json indent=2", "msgspec encode", "pydantic encode"),
    )
    for label, ours, fast, slow in rows:
        targets = [(b, bound) for a, b, bound in TARGETS if a == ours]
        parts = []
        for anchor, bound in targets:
            r = ratio(times, ours, anchor)
            who = "msgspec" if anchor.startswith("msgspec") else "pydantic"
            who += " (dropped)" if anchor.endswith("dropped") else ""
            parts.append((f"{r:.2f}× {who}", f"≤ {bound:g}× {who}", r <= bound))
        if ours == "check":
            parts.append(
                (
                    f"{ms['check']:.2f} ms",
                    f"≤ {CHECK_TARGET * 1e3:g} ms",
                    ms["check"] <= CHECK_TARGET * 1e3,
                )
            )
        if not parts:
            parts = [(f"{ratio(times, ours, fast):.2f}× msgspec", "—", True)]
            if slow:
                parts.append((f"{ratio(times, ours, slow):.2f}× pydantic", "—", True))
        slow_ms = f"{ms[slow]:.3f}" if slow else "—"
        for i, (shown, target, met) in enumerate(parts):
            first = i == 0
            lines.append(
                f"| {label if first else ''} | {f'{ms[ours]:.3f}' if first else ''} | "
                f"{f'{ms[fast]:.3f}' if first else ''} | {slow_ms if first else ''} | "
                f"{shown} | {target} | {'yes' if met or target == '—' else '**no**'} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, action="append", help="distinct reports (1000 and 5000)")
    parser.add_argument(
        "--check-n", type=int, default=1000, help="reports checked and encoded (1000)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (5)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    sizes = args.n or [1000, 5000]
    if args.rounds < 1 or any(n < 1 for n in sizes) or args.check_n < 1:
        parser.error("--n, --check-n and --rounds must be positive")
    results = []
    met = True
    for n in sizes:
        check_n = min(n, args.check_n)
        times = measure(n, check_n, args.rounds, progress=not args.json)
        met = met and all(ok for *_, ok in verdicts(times))
        met = met and statistics.median(times["check"]) <= CHECK_TARGET
        results.append((n, check_n, times))
    env = environment()
    if args.json:
        print(
            json.dumps(
                {
                    "environment": env,
                    "rounds": args.rounds,
                    "results": [
                        {"n": n, "check_n": c, "seconds_per_report": t} for n, c, t in results
                    ],
                },
                indent=2,
            )
        )
    else:
        print(", ".join(f"{key} {value}" for key, value in env.items()))
        for n, check_n, times in results:
            print()
            print(table(n, check_n, args.rounds, times))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
