"""Hypothesis strategies for budget_perf records, shipped for users' own property tests.

Install with the ``hypothesis`` extra (``pip install budget_perf[hypothesis]``).  Every strategy
draws records that the model accepts; :func:`self_evaluations` draws whole reports whose figures
are *consistent*: parents equal the sum of their children in every column, stated rates, shares,
scores and totals equal the ones the library derives (rounded half-up to two decimals), weights
follow the national profile (10 / 50 / 30 / 10), scores lie within their weights (with a
deviation note wherever a score is below its weight), and the figures that a report states in two
places agree.  Such a report is a baseline: change one figure and the checker must notice.

``self_evaluations(layouts=True)`` adds the parts of other provinces' layouts, consistent too:
a region, the report's unit (元 or 万元), execution rows (scored fund sources, 基本/项目支出
rows), 指标性质/度量单位 and Hebei's 权重占比/折算得分 and Chongqing's 得分系数 columns,
blank template rows, a score sheet (:func:`score_sheets`) and not-shown parts that no figure
depends on.  ``partial=True`` adds what a rule must honour the model for: an unknown year, a
project table printed in the other unit, rates on the 年初预算数, indicators without levels,
trees and score sheets cut short, project tables not shown, a parent row printed blank.

>>> from hypothesis import given
>>> @given(amounts())
... def test_amounts_are_cents(amount):
...     assert amount == amount.quantize(Decimal("0.01"))
>>> test_amounts_are_cents()
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

try:
    from hypothesis import find  # noqa: F401 - the doctests below use it
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "budget_perf.strategies needs hypothesis: pip install 'budget_perf[hypothesis]'"
    ) from exc

from budget_perf._decimal import CENT, HUNDRED, ZERO, round_half_up
from budget_perf._layout_strategies import dress_evaluation, regions, score_sheets
from budget_perf.model import (
    BasicDataTable,
    Department,
    DepartmentTable,
    ExpenseRow,
    FunctionalSpending,
    FunctionClass,
    Funding,
    FundKind,
    FundSource,
    FundTotal,
    GeneralBudgetSpending,
    IncomeKind,
    IncomeLine,
    Indicator,
    IndicatorTree,
    Level1,
    Level1Group,
    Level2,
    Level2Group,
    NarrativeFigure,
    Project,
    SelfEvaluation,
    Signature,
    SpendingKind,
    SpendingLine,
    StaffingRow,
)
from budget_perf.rates import NOT_APPLICABLE, Ratio, execution_rate, share, to_percent

__all__ = [
    "amounts",
    "expense_rows",
    "fund_sources",
    "fundings",
    "indicator_trees",
    "projects",
    "regions",
    "score_sheets",
    "self_evaluations",
    "staffing_rows",
    "weights",
]

HALF = Decimal("0.5")
_LEVEL2 = {
    Level1.OUTPUT: (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST),
    Level1.BENEFIT: (
        Level2.ECONOMIC_BENEFIT,
        Level2.SOCIAL_BENEFIT,
        Level2.ECOLOGICAL_BENEFIT,
        Level2.SUSTAINABILITY,
    ),
    Level1.SATISFACTION: (Level2.BENEFICIARY_SATISFACTION,),
}
#: The national 2020 weights of the 一级 blocks (the execution rate's 10 is in the funds block).
_LEVEL1_WEIGHTS = (
    (Level1.OUTPUT, Decimal(50)),
    (Level1.BENEFIT, Decimal(30)),
    (Level1.SATISFACTION, Decimal(10)),
)
_NAMES = st.text(
    alphabet="人大代表会议监督立法经费工作培训环保维护运行业务", min_size=2, max_size=8
)
#: Project names that real reports print side by side, one the start of the other.
_SIMILAR_NAMES = ("信息化建设", "信息化建设运维", "人大会议", "人大会议经费", "监督", "人大监督")
_PROJECT_NAMES = _NAMES | st.sampled_from(_SIMILAR_NAMES)


def amounts(*, max_value: Decimal = Decimal("99999.99")) -> st.SearchStrategy[Decimal]:
    """Amounts in 万元 with exactly two decimals, from 0 to *max_value*.

    >>> find(amounts(), lambda amount: amount > 1)
    Decimal('1.01')
    """
    return st.integers(min_value=0, max_value=int(max_value * 100)).map(lambda c: Decimal(c) * CENT)


def weights(total: Decimal, parts: int) -> st.SearchStrategy[tuple[Decimal, ...]]:
    """*parts* positive weights in steps of 0.5 that add up to exactly *total*.

    >>> find(weights(Decimal(10), 3), lambda split: True)
    (Decimal('0.5'), Decimal('0.5'), Decimal('9.0'))
    """
    steps = int(total / HALF)
    if parts > steps:
        raise ValueError(f"cannot split {total} into {parts} positive half-point weights")
    cuts = st.lists(
        st.integers(min_value=1, max_value=max(1, steps - 1)),  # one part of 0.5: no cut
        min_size=parts - 1,
        max_size=parts - 1,
        unique=True,
    )
    return cuts.map(
        lambda c: tuple(
            (b - a) * HALF for a, b in zip([0, *sorted(c)], [*sorted(c), steps], strict=True)
        )
    )


def _stated(ratio: Ratio) -> Decimal | None:
    """A ratio as a report states it: in percent, rounded half-up to two decimals."""
    percent = to_percent(ratio)
    return None if percent is NOT_APPLICABLE else percent


@st.composite
def fund_sources(draw: st.DrawFn, kind: FundKind | None = None) -> FundSource:
    """A fund-source row with all three amounts, executed not above the full-year budget.

    >>> row = find(fund_sources(), lambda row: True)
    >>> row.executed <= row.full_year_budget
    True
    """
    full_year = draw(amounts())
    return FundSource(
        kind=kind if kind is not None else draw(st.sampled_from(FundKind)),
        initial_budget=draw(amounts()),
        full_year_budget=full_year,
        executed=draw(amounts(max_value=full_year)),
    )


def _column(rows: Sequence[FundSource], column: str) -> Decimal:
    return sum((getattr(row, column) for row in rows), ZERO)


@st.composite
def fundings(draw: st.DrawFn) -> Funding:
    """A funds block whose total is the sum of its sources and whose rate and score are right.

    >>> find(fundings(), lambda block: True).weight
    Decimal('10')
    """
    sources = tuple(
        draw(fund_sources(kind))
        for kind in draw(st.lists(st.sampled_from(FundKind), min_size=1, max_size=3, unique=True))
    )
    full_year, executed = _column(sources, "full_year_budget"), _column(sources, "executed")
    total = FundTotal(
        initial_budget=_column(sources, "initial_budget"),
        full_year_budget=full_year,
        executed=executed,
    )
    rate = execution_rate(executed, full_year)
    weight = Decimal(10)
    score = None if rate is NOT_APPLICABLE else round_half_up(weight * min(rate, Decimal(1)))
    return Funding(
        total=total,
        sources=sources,
        weight=weight,
        stated_execution_rate=_stated(rate),
        stated_score=score,
    )


@st.composite
def _indicator(draw: st.DrawFn, weight: Decimal) -> Indicator:
    score = draw(st.sampled_from([weight, weight, round_half_up(weight * Decimal("0.8"))]))
    missed = score < weight
    return Indicator(
        name=draw(_NAMES),
        target="按时完成",
        actual="部分完成" if missed else "已完成",
        weight=weight,
        score=score,
        deviation_note="部分任务延期，下一年度加快进度" if missed else "",
    )


@st.composite
def _level1_groups(
    draw: st.DrawFn, blocks: Sequence[tuple[Level1, Decimal]], goal: str = ""
) -> tuple[Level1Group, ...]:
    """一级 blocks of the given weights, each split into 二级 groups of 三级 indicators whose
    weights add up to the block's (the national tree, and the provincial families' trees)."""
    groups = []
    for level1, weight in blocks:
        categories = draw(
            st.lists(
                st.sampled_from(_LEVEL2[level1]),
                min_size=1,
                max_size=len(_LEVEL2[level1]),
                unique=True,
            )
        )
        counts = [draw(st.integers(min_value=1, max_value=3)) for _ in categories]
        split = iter(draw(weights(weight, sum(counts))))
        level2 = tuple(
            Level2Group(
                category=c, indicators=tuple(draw(_indicator(next(split))) for _ in range(n))
            )
            for c, n in zip(categories, counts, strict=True)
        )
        groups.append(Level1Group(category=level1, stated_weight=weight, groups=level2, goal=goal))
    return tuple(groups)


@st.composite
def indicator_trees(draw: st.DrawFn, execution_score: Decimal = Decimal(10)) -> IndicatorTree:
    """A three-level tree on the national weights, its 总分 row including *execution_score*.

    >>> find(indicator_trees(), lambda tree: True).stated_total_weight
    Decimal('100')
    """
    groups = draw(_level1_groups(_LEVEL1_WEIGHTS))
    tree = IndicatorTree(groups=groups)
    scores = sum((i.score for i in tree.indicators() if i.score is not None), ZERO)
    return IndicatorTree(
        groups=tree.groups, stated_total_weight=HUNDRED, stated_total_score=execution_score + scores
    )


@st.composite
def projects(draw: st.DrawFn, name: str | None = None) -> Project:
    """A consistent project table.

    >>> find(projects(name="人大立法"), lambda project: True).name
    '人大立法'
    """
    funding = draw(fundings())
    execution_score = funding.stated_score if funding.stated_score is not None else ZERO
    return Project(
        name=name if name is not None else draw(_NAMES),
        supervising_department="某市某局",
        implementing_unit="某市某局",
        funding=funding,
        indicators=draw(indicator_trees(execution_score)),
        signature=Signature(
            prepared_by="张三", date_filed=draw(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
        ),
    )


@st.composite
def expense_rows(draw: st.DrawFn, label: str = "公用经费", depth: int = 1) -> ExpenseRow:
    """A basic-data row whose three columns are the sums of its sub-rows' (down to *depth*).

    >>> find(expense_rows("三公经费", 1), lambda row: True).label
    '三公经费'
    """
    if depth == 0:
        return ExpenseRow(
            label=label,
            previous_final=draw(amounts()),
            current_budget=draw(amounts()),
            current_final=draw(amounts()),
        )
    children = tuple(
        draw(expense_rows(f"{label}{i}", depth - 1))
        for i in range(draw(st.integers(min_value=1, max_value=4)))
    )
    return _parent(label, children)


def _parent(label: str, children: tuple[ExpenseRow, ...]) -> ExpenseRow:
    def total(column: str) -> Decimal:
        return sum((getattr(c, column) for c in children), ZERO)

    return ExpenseRow(
        label=label,
        previous_final=total("previous_final"),
        current_budget=total("current_budget"),
        current_final=total("current_final"),
        children=children,
    )


@st.composite
def staffing_rows(draw: st.DrawFn) -> StaffingRow:
    """A staffing row whose stated control rate is in post / authorised.

    >>> find(staffing_rows(), lambda row: True).stated_control_rate
    Decimal('0.00')
    """
    authorised = draw(st.integers(min_value=1, max_value=500))
    in_post = draw(st.integers(min_value=0, max_value=authorised))
    return StaffingRow(
        authorised=authorised,
        in_post=in_post,
        stated_control_rate=_stated(execution_rate(Decimal(in_post), Decimal(authorised))),
    )


@st.composite
def self_evaluations(
    draw: st.DrawFn, *, layouts: bool = False, partial: bool = False, family: str | None = None
) -> SelfEvaluation:
    """A whole report whose figures agree with each other and with what the library derives.

    *layouts* and *partial* add the parts of other provinces' layouts (see the module docstring).
    *family* draws a report in one layout family instead, its own layout forced on every table
    (one of ``"national"``, ``"indicator_columns"``, ``"sichuan"``, ``"hubei"``, ``"hebei"``,
    ``"department_rows"``, ``"basic_data"``, ``"score_sheet"``).

    >>> from hypothesis import Phase, settings
    >>> quick = settings(phases=[Phase.generate], database=None, derandomize=True)
    >>> report = find(self_evaluations(), lambda report: True, settings=quick)
    >>> from budget_perf.checks import Severity, check
    >>> [f.code for f in check(report) if f.severity is Severity.ERROR]
    []
    >>> report = find(self_evaluations(family="sichuan"), lambda report: True, settings=quick)
    >>> report.projects[0].indicators.total_includes_execution
    False
    """
    if family is not None:
        from budget_perf._family_strategies import family_evaluations

        return draw(family_evaluations(family))
    names = draw(st.lists(_PROJECT_NAMES, min_size=1, max_size=4, unique=True))
    tables = tuple(draw(projects(name)) for name in names)
    executed = [p.funding.total.executed for p in tables if p.funding and p.funding.total]
    project_total = sum((e for e in executed if e is not None), ZERO)
    basic = draw(amounts())
    total = basic + project_total
    project_rows = tuple(
        ExpenseRow(
            label=p.name,
            previous_final=draw(amounts()),
            current_budget=draw(amounts()),
            current_final=e,
        )
        for p, e in zip(tables, executed, strict=True)
    )
    functions = draw(st.lists(st.sampled_from(FunctionClass), min_size=1, max_size=4, unique=True))
    function_amounts = _split(draw, total, len(functions))
    appropriation = FundSource(
        kind=FundKind.CURRENT_YEAR_APPROPRIATION,
        initial_budget=draw(amounts()),
        full_year_budget=total,
        executed=total,
    )
    department_funding = Funding(
        total=FundTotal(
            initial_budget=appropriation.initial_budget, full_year_budget=total, executed=total
        ),
        sources=(appropriation,),
        weight=Decimal(10),
        stated_execution_rate=None if total == ZERO else HUNDRED,
        stated_score=None if total == ZERO else Decimal(10),
    )
    report = SelfEvaluation(
        year=draw(st.integers(min_value=2015, max_value=2030)),
        department=Department(name=draw(_NAMES)),
        general_budget=GeneralBudgetSpending(
            total=total,
            by_function=tuple(
                FunctionalSpending(function=f, amount=a, stated_share=_stated(share(a, total)))
                for f, a in zip(functions, function_amounts, strict=True)
            ),
            basic=NarrativeFigure(label="基本支出", amount=basic),
            project=NarrativeFigure(label="项目支出", amount=project_total),
            projects=tuple(
                NarrativeFigure(label=p.name, amount=e)
                for p, e in zip(tables, executed, strict=True)
            ),
        ),
        department_table=DepartmentTable(
            department_name="某市某局",
            funding=department_funding,
            income_split=(IncomeLine(kind=IncomeKind.GENERAL_PUBLIC_BUDGET, amount=total),),
            spending_split=(
                SpendingLine(kind=SpendingKind.BASIC, amount=basic),
                SpendingLine(kind=SpendingKind.PROJECT, amount=project_total),
            ),
            indicators=draw(indicator_trees(department_funding.stated_score or ZERO)),
        ),
        projects=tables,
        basic_data=BasicDataTable(
            staffing=draw(staffing_rows()),
            three_public=draw(expense_rows("三公经费", 2)),
            project_spending=_parent("项目支出", project_rows),
            operating_funds=draw(expense_rows("公用经费", 1)),
            buildings=(),
        ),
    )
    if layouts or partial:
        report = draw(dress_evaluation(report, partial=partial))
    return report


def _split(draw: st.DrawFn, total: Decimal, parts: int) -> list[Decimal]:
    """*parts* amounts in cents that add up to exactly *total*."""
    cents = int(total / CENT)
    cuts = sorted(
        draw(
            st.lists(
                st.integers(min_value=0, max_value=cents), min_size=parts - 1, max_size=parts - 1
            )
        )
    )
    return [(b - a) * CENT for a, b in zip([0, *cuts], [*cuts, cents], strict=True)]
