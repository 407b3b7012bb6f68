"""Check a folder of reports with check_many and write one CSV row per finding.

The command line does this and more (``budget-perf check REPORTS_DIR --format csv --output
findings.csv``: progress, a summary, workbooks, every output format; see docs/batch.md).  This
script shows the Python call under it, for a reviewer's own pipeline:

    python examples/review_reports.py REPORTS_DIR findings.csv [--profile hunan-departmental]

Without arguments it checks the bundled example and prints the CSV.  A file that cannot be read
is listed with its problem (code LOAD) and the others are still checked; files that are not
reports are left out.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import budget_perf as bp
from budget_perf._safety import neutralise_formula


def review(sources: Iterable[bp.ReportSource], profile: bp.RuleProfile, out: TextIO) -> int:
    """Write the findings of every report in *sources* to *out* as CSV; return the error count."""
    writer = csv.writer(out)
    writer.writerow(["report", "code", "severity", "path", "stated", "expected", "message_zh"])
    errors = 0
    for envelope in bp.check_many(sources, profile=profile):
        name = Path(envelope.source).name
        if envelope.status == "failed" and envelope.problem is not None:
            lines = envelope.problem.message_zh.splitlines()  # "N problems:", then one a line
            for problem in lines[1:] or lines:
                writer.writerow([name, "LOAD", "error", "", "", "", problem.strip(" -")])
            errors += 1
        for f in envelope.findings:
            row = [name, f.code, f.severity.value, f.path, f.stated, f.expected, f.message_zh]
            writer.writerow([neutralise_formula("" if v is None else str(v)) for v in row])
            errors += f.severity is bp.Severity.ERROR
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("output", nargs="?", type=Path)
    parser.add_argument("--profile", default="national-2020")
    args = parser.parse_args(argv)
    profile = bp.load_profile(args.profile)
    sources: list[bp.ReportSource] = (
        [bp.examples.load("yueyang-npc-2022")] if args.folder is None else [args.folder]
    )
    if args.output is None:
        errors = review(sources, profile, sys.stdout)
    else:
        with args.output.open("w", encoding="utf-8-sig", newline="") as out:
            errors = review(sources, profile, out)
    print(f"{errors} errors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
