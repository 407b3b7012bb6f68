"""Where things are in a report: the tables and indicators rules visit, with their paths.

Paths are the JSON paths of :mod:`budget_perf.serialization`, so a finding's path leads to the
figure in the JSON document as well as in the model.
"""

from collections.abc import Iterator
from decimal import Decimal

import attrs

from budget_perf._decimal import decimal_places, round_half_up
from budget_perf.model import (
    ExpenseRow,
    Funding,
    Indicator,
    IndicatorTree,
    Level1Group,
    Level2Group,
    SelfEvaluation,
)
from budget_perf.rates import NOT_APPLICABLE, Ratio

__all__ = [
    "EvaluationTable",
    "IndicatorAt",
    "as_compared",
    "evaluation_tables",
    "expense_rows",
    "fmt",
    "indicators_at",
    "percent_as_compared",
]


@attrs.frozen(kw_only=True)
class EvaluationTable:
    """A department or project evaluation table, with its path and name."""

    path: str
    name: str
    funding: Funding | None
    indicators: IndicatorTree | None

    def executed_and_budget(self) -> tuple[Decimal, Decimal] | None:
        """The total row's 全年执行数 and 全年预算数, when the table states both."""
        total = self.funding.total if self.funding is not None else None
        if total is None or total.executed is None or total.full_year_budget is None:
            return None
        return total.executed, total.full_year_budget


def evaluation_tables(evaluation: SelfEvaluation) -> Iterator[EvaluationTable]:
    """The department table (if any), then each project table, in report order."""
    table = evaluation.department_table
    if table is not None:
        yield EvaluationTable(
            path="$.department_table",
            name="部门整体支出绩效自评表",
            funding=table.funding,
            indicators=table.indicators,
        )
    for index, project in enumerate(evaluation.projects):
        yield EvaluationTable(
            path=f"$.projects[{index}]",
            name=project.name,
            funding=project.funding,
            indicators=project.indicators,
        )


@attrs.frozen(kw_only=True)
class IndicatorAt:
    """A 三级 indicator with its path and the groups it sits in."""

    path: str
    level1: Level1Group
    level2: Level2Group
    indicator: Indicator


def indicators_at(tree: IndicatorTree, base: str) -> Iterator[IndicatorAt]:
    """Every 三级 indicator of *tree* with its path under *base* (a table's path)."""
    for i, level1 in enumerate(tree.groups):
        for j, level2 in enumerate(level1.groups):
            for k, indicator in enumerate(level2.indicators):
                yield IndicatorAt(
                    path=f"{base}.indicators.groups[{i}].groups[{j}].indicators[{k}]",
                    level1=level1,
                    level2=level2,
                    indicator=indicator,
                )


def expense_rows(row: ExpenseRow, path: str) -> Iterator[tuple[str, ExpenseRow]]:
    """*row* and every sub-row below it, with their paths, depth first in table order."""
    yield path, row
    for index, child in enumerate(row.children):
        yield from expense_rows(child, f"{path}.children[{index}]")


def as_compared(value: Decimal, stated: Decimal) -> Decimal:
    """*value* rounded half-up as it is compared with *stated*: to two decimals, or more if stated.

    A stated "0.6" is 0.60 and a stated "100" is 100.00, so 99.52 does not pass for "100".

    >>> as_compared(Decimal("99.5238"), Decimal("100"))
    Decimal('99.52')
    >>> as_compared(Decimal("0.59608"), Decimal("0.6"))
    Decimal('0.60')
    """
    return round_half_up(value, max(2, decimal_places(stated)))


def percent_as_compared(ratio: Ratio, stated: Decimal) -> Decimal | None:
    """*ratio* as a percent, rounded as it is compared with *stated* (see :func:`as_compared`).

    ``None`` when the ratio is not applicable.
    """
    if ratio is NOT_APPLICABLE:
        return None
    return as_compared(ratio * 100, stated)


def fmt(value: Decimal | None) -> str:
    """A figure for a message: as written, or "空" / "blank"."""
    return "—" if value is None else f"{value}"
