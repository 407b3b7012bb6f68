"""Where things are in a report: the tables and indicators rules visit, with their paths.

Paths are the JSON paths of :mod:`budget_perf.serialization`, so a finding's path leads to the
figure in the JSON document as well as in the model.
"""

import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from budget_perf._celltext import is_blank, normalise
from budget_perf._decimal import HUNDRED, decimal_places, round_half_up
from budget_perf._textcache import text_cache
from budget_perf.checks._memo import per_check
from budget_perf.checks.finding import Severity
from budget_perf.model import (
    DepartmentTable,
    ExpenseRow,
    Funding,
    Indicator,
    IndicatorTree,
    Level1,
    Level1Group,
    Level2,
    Level2Group,
    Project,
    RateBasis,
    SelfEvaluation,
)
from budget_perf.rates import NOT_APPLICABLE, Ratio

__all__ = [
    "Agreement",
    "Comparison",
    "EvaluationTable",
    "IndicatorAt",
    "basis_of",
    "blank_text",
    "block_indicators_at",
    "budget_of",
    "compare_percent",
    "compare_stated",
    "evaluation_tables",
    "expense_rows",
    "filled",
    "fmt",
    "indicators_at",
    "sums_known",
    "unseen",
    "whole_blocks",
]


@attrs.frozen(kw_only=True)
class EvaluationTable:
    """A department or project evaluation table, with its path and name.

    ``funding`` and ``indicators`` are ``None`` where the table has none or the copy does not
    show them; ``table`` is the record itself, for its unit and what else it does not show.
    """

    path: str
    name: str
    funding: Funding | None
    indicators: IndicatorTree | None
    table: DepartmentTable | Project | None = None

    def executed_and_budget(self) -> tuple[Decimal, Decimal] | None:
        """The total row's 全年执行数 and the budget the table's 执行率 divides by.

        The budget is 全年预算数 nationally, 年初预算数 where the table says so
        (``Funding.rate_basis``); ``None`` unless the table states both figures.
        """
        total = self.funding.total if self.funding is not None else None
        if total is None or self.funding is None or total.executed is None:
            return None
        budget = budget_of(self.funding)
        if budget is None:
            return None
        return total.executed, budget


def budget_of(funding: Funding) -> Decimal | None:
    """The total row's budget that *funding*'s 执行率 divides by (its ``rate_basis``)."""
    total = funding.total
    if total is None:
        return None
    if funding.rate_basis is RateBasis.INITIAL_BUDGET:
        return total.initial_budget
    return total.full_year_budget


def basis_of(funding: Funding) -> tuple[str, str, str]:
    """(budget column, formula in Chinese, formula in English) of *funding*'s 执行率.

    >>> basis_of(Funding(rate_basis=RateBasis.INITIAL_BUDGET))[:2]
    ('initial_budget', '全年执行数 / 年初预算数')
    """
    if funding.rate_basis is RateBasis.INITIAL_BUDGET:
        return "initial_budget", "全年执行数 / 年初预算数", "executed / initial budget"
    return "full_year_budget", "全年执行数 / 全年预算数", "executed / full-year budget"


def evaluation_tables(evaluation: SelfEvaluation) -> Iterator[EvaluationTable]:
    """The department table (if any), then each project table, in report order."""
    return iter(per_check(_tables, evaluation))


def _tables(evaluation: SelfEvaluation) -> tuple[EvaluationTable, ...]:
    found: list[EvaluationTable] = []
    table = evaluation.department_table
    if table is not None:
        found.append(
            EvaluationTable(
                path="$.department_table",
                name="部门整体支出绩效自评表",
                funding=table.funding,
                indicators=table.indicators,
                table=table,
            )
        )
    for index, project in enumerate(evaluation.projects):
        found.append(
            EvaluationTable(
                path=f"$.projects[{index}]",
                name=project.name,
                funding=project.funding,
                indicators=project.indicators,
                table=project,
            )
        )
    return tuple(found)


@attrs.frozen(kw_only=True)
class IndicatorAt:
    """A 三级 indicator with its path and the groups it sits in (``None`` for an ungrouped one)."""

    path: str
    level1: Level1Group | None
    level2: Level2Group | None
    indicator: Indicator

    @property
    def categories(self) -> tuple[Level1 | None, Level2 | None]:
        """The 一级 and 二级 categories of the indicator, ``None`` where it has no level."""
        return (
            None if self.level1 is None else self.level1.category,
            None if self.level2 is None else self.level2.category,
        )


def indicators_at(tree: IndicatorTree, base: str) -> Iterator[IndicatorAt]:
    """Every 三级 indicator of *tree* with its path under *base*: grouped, then ungrouped."""
    return iter(per_check(_indicators, tree, base))


def _indicators(tree: IndicatorTree, base: str) -> tuple[IndicatorAt, ...]:
    grouped = [at for i in range(len(tree.groups)) for at in block_indicators_at(tree, base, i)]
    ungrouped = [
        IndicatorAt(
            path=f"{base}.indicators.ungrouped[{k}]", level1=None, level2=None, indicator=indicator
        )
        for k, indicator in enumerate(tree.ungrouped)
    ]
    return (*grouped, *ungrouped)


def block_indicators_at(tree: IndicatorTree, base: str, i: int) -> Iterator[IndicatorAt]:
    """The 三级 indicators of the *i*-th 一级 block of *tree*, with their paths."""
    return iter(per_check(_block, tree, base, i))


def _block(tree: IndicatorTree, base: str, i: int) -> tuple[IndicatorAt, ...]:
    level1 = tree.groups[i]
    return tuple(
        IndicatorAt(
            path=f"{base}.indicators.groups[{i}].groups[{j}].indicators[{k}]",
            level1=level1,
            level2=level2,
            indicator=indicator,
        )
        for j, level2 in enumerate(level1.groups)
        for k, indicator in enumerate(level2.indicators)
    )


def sums_known(tree: IndicatorTree) -> bool:
    """Whether the copy shows the whole tree, so that its indicators can be added up.

    A tree that is ``cut`` shows only its first rows: its sums are not known.

    >>> sums_known(IndicatorTree(cut=True)), sums_known(IndicatorTree())
    (False, True)
    """
    return not tree.cut


def whole_blocks(tree: IndicatorTree) -> range:
    """The indices of the 一级 blocks the copy shows whole (a cut tree's last one runs on).

    >>> whole_blocks(IndicatorTree(cut=True, groups=(Level1Group(category=Level1.OUTPUT),)))
    range(0, 0)
    """
    return range(len(tree.groups) - 1 if tree.cut else len(tree.groups))


def unseen(indicator: Indicator) -> bool:
    """Whether the copy hides a figure of a 三级 row (its weight, score, target or actual).

    Such a row is an indicator of the table all the same, whose cells are not known.

    >>> unseen(Indicator(name="满意度", not_shown=("score",))), unseen(Indicator(name="x"))
    (True, False)
    """
    hidden = indicator.not_shown
    return bool(hidden) and any(part in hidden for part in ("weight", "score", "target", "actual"))


def filled(indicator: Indicator) -> bool:
    """Whether a 三级 row states anything: a weight, a score, a target or an actual.

    A row with none of them ("指标2:", "……" in a template) is an unfilled template row: it is
    not an indicator to add up or to ask cells of.

    >>> filled(Indicator(name="指标2:")), filled(Indicator(name="x", target="/", actual="—"))
    (False, False)
    """
    return (
        indicator.weight is not None
        or indicator.score is not None
        or not blank_text(indicator.target)
        or not blank_text(indicator.actual)
    )


@text_cache(maxsize=4096)
def blank_text(text: str) -> bool:
    """Whether a cell's text states nothing ("", "/", "—", "无" …), once per text.

    >>> blank_text(" — "), blank_text("100%")
    (True, False)
    """
    return is_blank(normalise(text))


def expense_rows(row: ExpenseRow, path: str) -> Iterator[tuple[str, ExpenseRow]]:
    """*row* and every sub-row below it, with their paths, depth first in table order."""
    yield path, row
    for index, child in enumerate(row.children):
        yield from expense_rows(child, f"{path}.children[{index}]")


class Agreement(enum.Enum):
    """How a stated figure stands against the derived one (see :func:`compare_stated`)."""

    AGREES = "agrees"
    #: Agrees at its printed precision, but claims full execution or full marks that the
    #: derived figure, at two decimals, falls short of ("100%" printed for 99.52%).
    CLAIMS_FULL = "claims full"
    #: Printed as the full mark where the derived figure is above it: an execution rate of
    #: 108.2% printed as "100%", as templates that cap the rate (and its score) print it.
    CAPPED = "capped"
    DISAGREES = "disagrees"


@attrs.frozen(kw_only=True)
class Comparison:
    """A stated figure compared with the derived one, as rules.md's opening says.

    ``expected`` is what the table should print: the derived figure at the stated figure's own
    decimals where they disagree, at two decimals (or the stated decimals, if more) where the
    stated figure claims a full mark it hides a shortfall from.  ``exact`` is the derived figure
    at two decimals (or more), for messages.
    """

    stated: Decimal
    agreement: Agreement
    expected: Decimal
    exact: Decimal

    @property
    def severity(self) -> Severity | None:
        """ERROR where the figures disagree, WARNING where a full mark hides a shortfall."""
        return {
            Agreement.AGREES: None,
            Agreement.CLAIMS_FULL: Severity.WARNING,
            Agreement.CAPPED: Severity.WARNING,
            Agreement.DISAGREES: Severity.ERROR,
        }[self.agreement]


#: No table prints more decimals than this; a figure written with more is compared at this many.
_MAX_PLACES = 28


def compare_stated(
    derived: Decimal,
    stated: Decimal,
    *,
    full: Decimal | None = None,
    scored_above: bool = False,
    capped: bool = False,
) -> Comparison:
    """Compare a stated rate, score or share with the derived figure at the stated precision.

    The derived figure is rounded half-up to the decimals the stated figure was printed with.
    If they differ, the stated figure is wrong (DISAGREES: "9" for 9.91, "100%" for 98.49%).
    If they agree, it is right at its precision (AGREES: "99%" for 99.10%), unless it is *full*
    (100% execution, the full 分值) while the derived figure at two decimals falls short of it
    — below, or above when *scored_above* (a control rate, scored down above 100%) — which
    hides a shortfall the framework scores (CLAIMS_FULL: "100%" for 99.52%, "10" for 9.95).
    Where the figure may be *capped* at *full* (an execution rate, which the score caps at
    100%), *full* printed for a derived figure above it is CAPPED ("100%" for 108.2%), a
    warning rather than an error.

    >>> compare_stated(Decimal("98.4926"), Decimal("100"), full=Decimal(100)).agreement
    <Agreement.DISAGREES: 'disagrees'>
    >>> c = compare_stated(Decimal("99.5238"), Decimal("100"), full=Decimal(100))
    >>> c.agreement, c.expected
    (<Agreement.CLAIMS_FULL: 'claims full'>, Decimal('99.52'))
    >>> compare_stated(Decimal("99.10"), Decimal("99"), full=Decimal(100)).agreement
    <Agreement.AGREES: 'agrees'>
    >>> c = compare_stated(Decimal("9.91"), Decimal("9"))
    >>> c.agreement, c.expected, c.exact
    (<Agreement.DISAGREES: 'disagrees'>, Decimal('10'), Decimal('9.91'))
    >>> compare_stated(Decimal("108.2"), Decimal("100"), full=Decimal(100), capped=True).agreement
    <Agreement.CAPPED: 'capped'>
    """
    places = min(decimal_places(stated), _MAX_PLACES)
    at_stated = round_half_up(derived, places)
    exact = round_half_up(derived, max(2, places))
    if capped and full is not None and stated == full and exact > full:
        return Comparison(stated=stated, agreement=Agreement.CAPPED, expected=exact, exact=exact)
    if at_stated != round_half_up(stated, places):
        return Comparison(
            stated=stated, agreement=Agreement.DISAGREES, expected=at_stated, exact=exact
        )
    if full is not None and stated == full and (exact > full if scored_above else exact < full):
        return Comparison(
            stated=stated, agreement=Agreement.CLAIMS_FULL, expected=exact, exact=exact
        )
    return Comparison(stated=stated, agreement=Agreement.AGREES, expected=at_stated, exact=exact)


def compare_percent(
    ratio: Ratio,
    stated: Decimal,
    *,
    full: Decimal | None = None,
    scored_above: bool = False,
    capped: bool = False,
) -> Comparison | None:
    """*ratio* as a percent compared with the *stated* percent (see :func:`compare_stated`).

    ``None`` when the ratio is not applicable.

    >>> compare_percent(Decimal("0.0049"), Decimal("0.5")).agreement
    <Agreement.AGREES: 'agrees'>
    """
    if ratio is NOT_APPLICABLE:
        return None
    return compare_stated(
        ratio * HUNDRED, stated, full=full, scored_above=scored_above, capped=capped
    )


def fmt(value: Decimal | None) -> str:
    """A figure for a message: as written, or "空" / "blank"."""
    return "—" if value is None else f"{value}"
