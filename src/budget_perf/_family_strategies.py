"""Hypothesis strategies for whole reports in one layout family each (private).

:func:`budget_perf.strategies.self_evaluations` takes ``family=`` and draws here.  Each family
starts from a consistent national report dressed as :func:`dress_evaluation` dresses it (a region,
元 or 万元, not-shown parts, blank template rows, a score sheet) and then forces the family's own
layout, still consistent:

``national``           the national project table (the bundled report's layout);
``indicator_columns``  指标性质/度量单位/调整后指标值 and 得分系数 on every indicator (Yunnan,
                       Chongqing);
``ungrouped``          the same, the department's indicators printed without levels (Chongqing);
``sichuan``            per-row 分值 summing to 100 on their own, the funds' 10 outside the 总分;
``hubei``              预算执行 of 20 on the 预算数 and two goal blocks of 40, no 分值 column;
``hebei``              权重占比 and 折算得分 (= 得分 × 权重占比) on every indicator;
``department_rows``    the department's funds block with 基本/项目支出 execution rows (Hunan,
                       Guizhou);
``basic_data``         the basic data table with blank template rows, and sometimes its parent
                       rows printed blank;
``score_sheet``        a department score sheet, sometimes cut like an excerpt.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from budget_perf._decimal import CENT, ZERO, round_half_up
from budget_perf._layout_strategies import (
    _dress_basic,
    _dress_funding,
    _dress_indicator,
    dress_evaluation,
    score_sheets,
)
from budget_perf.model import (
    Funding,
    FundTotal,
    Indicator,
    IndicatorTree,
    Level1,
    Level1Group,
    Project,
    RateBasis,
    SelfEvaluation,
)
from budget_perf.rates import NOT_APPLICABLE, execution_rate, to_percent

__all__ = ["FAMILIES", "family_evaluations"]

#: The layout families, in the order of issue 8.
FAMILIES = (
    "national",
    "indicator_columns",
    "ungrouped",
    "sichuan",
    "hubei",
    "hebei",
    "department_rows",
    "basic_data",
    "score_sheet",
)
TWENTY = Decimal(20)


@st.composite
def _tree(
    draw: st.DrawFn, blocks: tuple[tuple[Level1, Decimal], ...], goal: str = ""
) -> tuple[Level1Group, ...]:
    """一级 blocks of the given weights, 三级 weights splitting each (strategies' national tree)."""
    from budget_perf.strategies import _level1_groups

    return draw(_level1_groups(blocks, goal))


def _scores(groups: tuple[Level1Group, ...]) -> Decimal:
    return sum((i.score for g in groups for i in g.indicators() if i.score is not None), ZERO)


def _map_indicators(
    tree: IndicatorTree | None, change: Callable[[Indicator], Indicator]
) -> IndicatorTree | None:
    """*tree* with ``change(indicator)`` applied to every indicator, grouped or not."""
    if tree is None:
        return None
    groups = tuple(
        attrs.evolve(
            g,
            groups=tuple(
                attrs.evolve(s, indicators=tuple(change(i) for i in s.indicators)) for s in g.groups
            ),
        )
        for g in tree.groups
    )
    ungrouped = tuple(change(i) for i in tree.ungrouped)
    return attrs.evolve(tree, groups=groups, ungrouped=ungrouped)


@st.composite
def _sichuan(draw: st.DrawFn, project: Project) -> Project:
    """Sichuan's 衔接资金 table: 分值 70/20/10 per 一级, the 总分 adding up the indicators only."""
    blocks = (
        (Level1.OUTPUT, Decimal(70)),
        (Level1.BENEFIT, Decimal(20)),
        (Level1.SATISFACTION, Decimal(10)),
    )
    groups = draw(_tree(blocks))
    tree = IndicatorTree(
        groups=groups,
        stated_total_weight=Decimal(100),
        stated_total_score=_scores(groups),
        total_includes_execution=False,
    )
    return attrs.evolve(project, indicators=tree)


@st.composite
def _hubei(draw: st.DrawFn, project: Project) -> Project:
    """Hubei's table: 预算执行 (20分) on the 预算数, two goal blocks of 40, no 分值 column."""
    funding = project.funding
    if funding is None or funding.total is None:
        return project
    executed = funding.total.executed
    assert executed is not None
    floor = int(executed / CENT)
    budget = draw(st.integers(min_value=floor, max_value=max(floor, 9_999_999))) * CENT
    rate = execution_rate(executed, budget)
    percent = to_percent(rate)
    hubei = Funding(
        total=FundTotal(
            initial_budget=budget, executed=executed, not_shown=("full_year_budget", "received")
        ),
        weight=TWENTY,
        stated_execution_rate=None if percent is NOT_APPLICABLE else percent,
        stated_score=None
        if rate is NOT_APPLICABLE
        else round_half_up(TWENTY * min(rate, Decimal(1))),
        rate_basis=RateBasis.INITIAL_BUDGET,
    )
    groups: list[Level1Group] = []
    for number in (1, 2):
        blocks = (
            (Level1.OUTPUT, Decimal(20)),
            (Level1.BENEFIT, Decimal(10)),
            (Level1.SATISFACTION, Decimal(10)),
        )
        groups.extend(draw(_tree(blocks, goal=f"年度绩效目标{number}(40分)")))
    execution = hubei.stated_score if hubei.stated_score is not None else ZERO
    total = execution + _scores(tuple(groups))

    def unweighted(indicator: Indicator) -> Indicator:
        return attrs.evolve(indicator, weight=None, not_shown=("weight",))

    tree = _map_indicators(
        IndicatorTree(
            groups=tuple(attrs.evolve(g, stated_weight=None) for g in groups),
            stated_total_score=total,
            not_shown=("stated_total_weight",),
        ),
        unweighted,
    )
    return attrs.evolve(project, funding=hubei, indicators=tree)


def _hebei(indicator: Indicator) -> Indicator:
    """权重占比 = 分值 and 折算得分 = 得分 × 权重占比, exactly (Hebei)."""
    weight, score = indicator.weight, indicator.score
    if weight is None or score is None:
        return indicator
    return attrs.evolve(indicator, proportion=weight, stated_weighted_score=score * weight / 100)


@st.composite
def _columns(draw: st.DrawFn, indicator: Indicator) -> Indicator:
    """指标性质/度量单位 (Yunnan) or 得分系数 (Chongqing), consistent with the row."""
    dressed = draw(_dress_indicator(indicator))
    weight, score = indicator.weight, indicator.score
    if weight is not None and score is not None and weight > 0:
        dressed = attrs.evolve(dressed, score_coefficient=score / weight * 100)
    if not dressed.nature:
        dressed = attrs.evolve(dressed, nature="定性指标")
    return dressed


@st.composite
def _dressed_tree(draw: st.DrawFn, tree: IndicatorTree | None) -> IndicatorTree | None:
    if tree is None:
        return None
    items = [draw(_columns(i)) for i in tree.indicators()]
    it = iter(items)
    return _map_indicators(tree, lambda _indicator: next(it))


@st.composite
def family_evaluations(draw: st.DrawFn, family: str) -> SelfEvaluation:
    """A consistent report in *family*'s layout (one of :data:`FAMILIES`)."""
    from budget_perf.strategies import self_evaluations

    if family not in FAMILIES:
        raise ValueError(f"unknown layout family {family!r}; one of {', '.join(FAMILIES)}")
    report = draw(self_evaluations())
    if family == "national":
        return report
    report = draw(dress_evaluation(report, partial=False))
    table = report.department_table
    if family in ("indicator_columns", "ungrouped"):
        projects = tuple(
            attrs.evolve(p, indicators=draw(_dressed_tree(p.indicators))) for p in report.projects
        )
        if table is not None and table.indicators is not None:
            tree = draw(_dressed_tree(table.indicators))
            if tree is not None and family == "ungrouped":  # Chongqing: no 一级/二级 levels
                tree = attrs.evolve(tree, groups=(), ungrouped=tuple(tree.indicators()))
            table = attrs.evolve(table, indicators=tree)
        return attrs.evolve(report, projects=projects, department_table=table)
    if family == "sichuan":
        return attrs.evolve(report, projects=tuple(draw(_sichuan(p)) for p in report.projects))
    if family == "hubei":
        return attrs.evolve(report, projects=tuple(draw(_hubei(p)) for p in report.projects))
    if family == "hebei":
        projects = tuple(
            attrs.evolve(p, indicators=_map_indicators(p.indicators, _hebei))
            for p in report.projects
        )
        if table is not None:
            table = attrs.evolve(table, indicators=_map_indicators(table.indicators, _hebei))
        return attrs.evolve(report, projects=projects, department_table=table)
    if family == "department_rows":
        assert table is not None
        assert table.funding is not None
        funding = draw(_dress_funding(table.funding, initial_basis=False, rows=True))
        return attrs.evolve(report, department_table=attrs.evolve(table, funding=funding))
    if family == "basic_data":
        assert report.basic_data is not None
        basic = draw(_dress_basic(report.basic_data, blank_parents=draw(st.booleans())))
        return attrs.evolve(report, basic_data=basic)
    sheet = draw(score_sheets(cut=None))
    return attrs.evolve(report, score_sheet=sheet)
