"""Check every JSON report in a folder and write one CSV row per finding.

A finance-bureau reviewer's batch job:

    python examples/review_reports.py REPORTS_DIR findings.csv [--profile hunan-departmental]

Without arguments it checks the bundled example and prints the CSV.  A report that cannot be
read is listed with its problems and the others are still checked.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TextIO

import budget_perf as bp


def review(paths: list[Path], profile: bp.RuleProfile, out: TextIO) -> int:
    """Write the findings of every report in *paths* to *out* as CSV; return the error count."""
    writer = csv.writer(out)
    writer.writerow(["report", "code", "severity", "path", "stated", "expected", "message_zh"])
    errors = 0
    for path in paths:
        try:
            report = bp.from_json(path.read_text(encoding="utf-8"), bp.SelfEvaluation)
        except bp.InvalidDocument as exc:
            for problem in exc.problems:
                writer.writerow([path.name, "LOAD", "error", "", "", "", problem])
            errors += 1
            continue
        for f in bp.check(report, profile):
            writer.writerow(
                [path.name, f.code, f.severity.value, f.path, f.stated, f.expected, f.message_zh]
            )
            errors += f.severity is bp.Severity.ERROR
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("output", nargs="?", type=Path)
    parser.add_argument("--profile", default="national-2020")
    args = parser.parse_args(argv)
    profile = bp.load_profile(args.profile)
    if args.folder is None:
        import tempfile

        folder = Path(tempfile.mkdtemp())
        (folder / "yueyang-npc-2022.json").write_text(
            bp.to_json(bp.examples.load("yueyang-npc-2022")), encoding="utf-8"
        )
    else:
        folder = args.folder
    paths = sorted(folder.glob("*.json"))
    if args.output is None:
        errors = review(paths, profile, sys.stdout)
    else:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            errors = review(paths, profile, out)
    print(f"{len(paths)} reports, {errors} errors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
