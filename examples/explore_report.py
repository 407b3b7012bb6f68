"""Explore a report the way an analyst would: one record per project, stated next to derived.

    python examples/explore_report.py [--lang en]

The records are plain dicts of str and Decimal, ready for ``pandas.DataFrame.from_records`` or
``polars.DataFrame`` — compute rates here, in the library, and hand the results to the frame
(a DataFrame's own Decimal division keeps the left operand's scale).
"""

from __future__ import annotations

import argparse
from decimal import Decimal

import budget_perf as bp


def project_records(report: bp.SelfEvaluation) -> list[dict[str, object]]:
    """One record per project table: budget, executed, stated and derived rate and score."""
    records: list[dict[str, object]] = []
    for project in report.projects:
        funding = project.funding
        total = funding.total if funding is not None else None
        rate = project.execution_rate()
        records.append(
            {
                "project": project.name,
                "budget": total.full_year_budget if total else None,
                "executed": total.executed if total else None,
                "stated_rate_pct": funding.stated_execution_rate if funding else None,
                "derived_rate_pct": bp.to_percent(rate) if isinstance(rate, Decimal) else None,
                "stated_total": project.indicators.stated_total_score
                if project.indicators
                else None,
                "derived_total": project.derived_total_score(),
            }
        )
    return records


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Explore the bundled example report.")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args(argv)
    report = bp.examples.load("yueyang-npc-2022")
    for record in project_records(report):
        rate = record["derived_rate_pct"]
        shown = bp.format_percent_points(rate, args.lang) if isinstance(rate, Decimal) else "—"
        print(f"{record['project']}: {record['stated_rate_pct']}% stated, {shown} derived")


if __name__ == "__main__":
    main()
