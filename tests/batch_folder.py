"""A reviewer's folder of submitted files, for the batch tests (test_batch*, test_cli_batch).

In sorted order: the seed report as JSON (52 findings, 5 of them errors), the seed as a
workbook in a subfolder, a report that cannot be read (its year is text), unrelated JSON (a
package manifest), a text file, a truncated report, and a clean report (no findings).
"""

from __future__ import annotations

from pathlib import Path

import budget_perf as bp
from budget_perf.excel import write_workbook

__all__ = ["CLEAN", "FILES", "SEED_ERRORS", "SEED_FINDINGS", "clean_report", "make_folder"]

#: The seed's findings and errors under its own profile.
SEED_FINDINGS = 52
SEED_ERRORS = 5
#: Every entry of the folder in the order a batch reports it, with its status.
FILES = (
    ("01-seed.json", "checked"),
    ("02-wrong-year.json", "failed"),
    ("03-package.json", "skipped"),
    ("04-notes.txt", "skipped"),
    ("05-truncated.json", "failed"),
    ("06-sub/07-seed.xlsx", "checked"),
    ("08-clean.json", "checked"),
)
CLEAN = "08-clean.json"


def clean_report(name: str = "某某县财政局") -> bp.SelfEvaluation:
    """A report with nothing stated to check: no findings."""
    return bp.SelfEvaluation(
        year=2023,
        department=bp.Department(name=name),
        region=bp.Region(province="湖南省", county="衡山县"),
    )


def make_folder(root: Path) -> Path:
    """Write the folder under *root* and return it."""
    folder = root / "reports"
    (folder / "06-sub").mkdir(parents=True)
    seed = bp.examples.load("yueyang-npc-2022")
    (folder / "01-seed.json").write_text(bp.to_json(seed), encoding="utf-8")
    wrong = bp.to_json(clean_report()).replace('"year": 2023', '"year": "二〇二三"')
    (folder / "02-wrong-year.json").write_text(wrong, encoding="utf-8")
    (folder / "03-package.json").write_text('{"name": "app", "version": "1.0"}', "utf-8")
    (folder / "04-notes.txt").write_text("reviewed: 01, 02", encoding="utf-8")
    truncated = bp.to_json(seed)[:500]
    (folder / "05-truncated.json").write_text(truncated, encoding="utf-8")
    write_workbook(seed, folder / "06-sub" / "07-seed.xlsx")
    (folder / CLEAN).write_text(bp.to_json(clean_report()), encoding="utf-8")
    return folder
