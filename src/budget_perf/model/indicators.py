"""绩效指标: the indicator tree of a self-evaluation table, 一级 → 二级 → 三级.

The national table (财预〔2020〕10号) groups indicators in three levels.  一级 (level 1) is 产出
(output), 效益 (benefit) or 满意度 (satisfaction), each with a stated weight ("产出指标 (50分)");
二级 (level 2) is a standard category such as 数量指标 or 社会效益指标, whose row may be empty;
三级 (level 3) is the concrete indicator, with its target (年度指标值), actual value (实际完成值),
weight (分值), score (得分) and deviation note (偏差原因分析及改进措施).

Targets and actuals are kept as the text the table prints ("24-26次", "十余次专项督查");
:mod:`budget_perf.cells` parses them.  Weights and scores are Decimals as stated.

Provincial layouts add columns, each kept as printed:

- 指标性质 (``nature``: a comparator such as "≧" or ">=", or a word such as "定量指标") and
  度量单位 / 计量单位 (``measure_unit``: "%", "人次", "%(百分比)") beside a bare 指标值 (Yunnan,
  Chongqing, Hebei); :meth:`Indicator.target_text` joins them into the one text that
  :func:`~budget_perf.cells.parse_target` reads;
- 年初指标值 and 调整指标值 (``target`` and ``adjusted_target``, Chongqing);
- 权重占比 and 折算得分 (``proportion`` in percent as printed, ``stated_weighted_score``: Hebei's
  折算得分 = 单项得分 × 权重), 得分系数 (``score_coefficient``, Chongqing: 得分 = 权重 × 系数),
  指标解释 (``description``), 单项指标完成情况 (``completion``), 是否核心指标 (``core``).

A table that prints its indicators without 一级/二级 levels (Chongqing's department table)
keeps them in ``IndicatorTree.ungrouped``.

>>> from decimal import Decimal
>>> Level2.SOCIAL_BENEFIT.level1
<Level1.BENEFIT: '效益指标'>
>>> ind = Indicator(name="按时召开会议", target="按时顺利", actual="已完成",
...                 weight=Decimal("7"), score=Decimal("7"))
>>> tree = IndicatorTree(groups=(Level1Group(category=Level1.OUTPUT, stated_weight=Decimal("50"),
...     groups=(Level2Group(category=Level2.TIMELINESS, indicators=(ind,)),)),))
>>> [i.name for i in tree.indicators()]
['按时召开会议']
>>> tree.weight_of_indicators(), tree.score_of_indicators()
(Decimal('7'), Decimal('7'))
>>> Indicator(name="学生受资助人数", nature="≧", target="735", measure_unit="人次").target_text()
'≥735人次'
>>> hebei = Indicator(name="补贴发放率", nature=">=", target="75", measure_unit="%(百分比)",
...                   score=Decimal("30.00"), proportion=Decimal("30.00"))
>>> hebei.target_text(), hebei.weighted_score()
('≥75%', Decimal('9.0000'))
"""

import enum
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Self

import attrs

from budget_perf._decimal import in_library_context
from budget_perf.model._fields import (
    choice,
    flag,
    percent,
    points,
    records,
    required_text,
    score,
    text,
)
from budget_perf.model._fields import score as score_field
from budget_perf.model._shown import PartlyShown, not_shown

__all__ = [
    "Indicator",
    "IndicatorTree",
    "Level1",
    "Level1Group",
    "Level2",
    "Level2Group",
]


class Level1(enum.Enum):
    """一级指标: the level-1 indicator categories."""

    OUTPUT = "产出指标"
    BENEFIT = "效益指标"
    SATISFACTION = "满意度指标"
    COST = "成本指标"

    @property
    def english(self) -> str:
        """The English name of the category ("output indicators" for 产出指标)."""
        return f"{self.name.lower()} indicators"


class Level2(enum.Enum):
    """二级指标: the level-2 indicator categories, each under its level-1 category."""

    QUANTITY = "数量指标"
    QUALITY = "质量指标"
    TIMELINESS = "时效指标"
    COST = "成本指标"
    ECONOMIC_COST = "经济成本指标"
    SOCIAL_COST = "社会成本指标"
    ECOLOGICAL_COST = "生态环境成本指标"
    ECONOMIC_BENEFIT = "经济效益指标"
    SOCIAL_BENEFIT = "社会效益指标"
    ECOLOGICAL_BENEFIT = "生态效益指标"
    SUSTAINABILITY = "可持续影响指标"
    BENEFICIARY_SATISFACTION = "服务对象满意度指标"
    PROGRESS = "进度指标"

    @property
    def level1(self) -> Level1:
        """The level-1 category this level-2 category belongs to in the national table.

        The cost categories sit under 产出指标 in the 2020 table and under 成本指标 in newer
        provincial tables; this answers the 2020 placement.
        """
        return _PARENT[self]

    @property
    def english(self) -> str:
        """The English name of the category ("social benefit indicators" for 社会效益指标)."""
        return f"{self.name.lower().replace('_', ' ')} indicators"


_PARENT = {
    Level2.QUANTITY: Level1.OUTPUT,
    Level2.QUALITY: Level1.OUTPUT,
    Level2.TIMELINESS: Level1.OUTPUT,
    Level2.COST: Level1.OUTPUT,
    Level2.ECONOMIC_COST: Level1.OUTPUT,
    Level2.SOCIAL_COST: Level1.OUTPUT,
    Level2.ECOLOGICAL_COST: Level1.OUTPUT,
    Level2.ECONOMIC_BENEFIT: Level1.BENEFIT,
    Level2.SOCIAL_BENEFIT: Level1.BENEFIT,
    Level2.ECOLOGICAL_BENEFIT: Level1.BENEFIT,
    Level2.SUSTAINABILITY: Level1.BENEFIT,
    Level2.BENEFICIARY_SATISFACTION: Level1.SATISFACTION,
    Level2.PROGRESS: Level1.OUTPUT,
}

#: 指标性质 cells that are comparators, and the comparator parse_target reads for each.
_COMPARATORS = {
    "≥": "≥", "≧": "≥", "⩾": "≥", ">=": "≥", "=>": "≥", "大于等于": "≥", "不低于": "≥",
    "不少于": "≥", "≤": "≤", "≦": "≤", "⩽": "≤", "<=": "≤", "=<": "≤", "小于等于": "≤",
    "不高于": "≤", "不超过": "≤", "=": "=", "═": "=", "==": "=", "等于": "=", ">": ">", "大于": ">",
    "<": "<", "小于": "<",
}  # fmt: skip
_LEADING_COMPARATOR = re.compile(
    r"^\s*(?:[≥≤≧≦⩾⩽=═<>＝＞＜]|大于|小于|等于|不低于|不少于|不高于|不超过)"
)
#: A gloss after a unit: "%(百分比)", "人（人数）".
_GLOSS = re.compile(r"[(（][^()（）]*[)）]$")


@attrs.frozen(kw_only=True)
class Indicator(PartlyShown):
    """三级指标: one concrete indicator row, as stated; columns a layout lacks stay blank."""

    name: str = required_text()
    target: str = text()
    actual: str = text()
    weight: Decimal | None = points(doc="分值")
    score: Decimal | None = score(doc="得分")
    deviation_note: str = text()
    nature: str = text()
    measure_unit: str = text()
    adjusted_target: str = text()
    description: str = text()
    proportion: Decimal | None = percent(doc="权重占比")
    stated_weighted_score: Decimal | None = score_field(doc="折算得分")
    score_coefficient: Decimal | None = percent(doc="得分系数")
    completion: str = text()
    core: str = text()
    not_shown: tuple[str, ...] = not_shown()

    def target_text(self, *, adjusted: bool | None = None) -> str:
        """The target as one text for :func:`~budget_perf.cells.parse_target`.

        Joins the 指标性质 where it is a comparator ("≧", ">=", "═"), the 指标值 and the
        度量单位 (without a gloss such as "(百分比)", and only if the value does not already end
        with it).  *adjusted* picks the 调整指标值 (``True``) or the 年初 target (``False``); by
        default the adjusted target where one is stated.  A row with none of these columns
        gives its ``target`` unchanged.

        >>> Indicator(name="政策知晓率", nature="═", target="100", measure_unit="%").target_text()
        '=100%'
        >>> Indicator(name="党性教育培训次数", nature="定量指标", target="26次",
        ...           measure_unit="次").target_text()
        '26次'
        >>> Indicator(name="x", target="≥90%", adjusted_target="≥95%").target_text(adjusted=False)
        '≥90%'
        """
        use_adjusted = adjusted if adjusted is not None else bool(self.adjusted_target.strip())
        value = self.adjusted_target if use_adjusted else self.target
        if not (self.nature.strip() or self.measure_unit.strip()):
            return value
        value = value.strip()
        if not value:
            return value
        unit = _GLOSS.sub("", self.measure_unit.strip()).strip()
        if unit and not value.endswith(unit):
            value += unit
        comparator = _COMPARATORS.get(self.nature.strip())
        if comparator and not _LEADING_COMPARATOR.match(value):
            value = comparator + value
        return value

    @in_library_context
    def weighted_score(self) -> Decimal | None:
        """The derived 折算得分 = 单项得分 × 权重占比 (a percent); ``None`` if either is blank.

        >>> Indicator(name="完成率", score=Decimal("25.00"), proportion=Decimal("25.00")
        ...           ).weighted_score()
        Decimal('6.2500')
        """
        if self.score is None or self.proportion is None:
            return None
        return self.score * self.proportion / 100

    @in_library_context
    def coefficient_score(self) -> Decimal | None:
        """The derived 得分 = 权重 × 得分系数 (a percent); ``None`` if either is blank.

        >>> Indicator(name="预算完成率", weight=Decimal("2"), score_coefficient=Decimal("100")
        ...           ).coefficient_score()
        Decimal('2')
        """
        if self.weight is None or self.score_coefficient is None:
            return None
        return self.weight * self.score_coefficient / 100


@attrs.frozen(kw_only=True)
class Level2Group:
    """二级指标: a level-2 row and the level-3 indicators under it (possibly none)."""

    category: Level2 = choice(Level2)
    indicators: tuple[Indicator, ...] = records(Indicator)
    label: str = text()


@attrs.frozen(kw_only=True)
class Level1Group:
    """一级指标: a level-1 block with its stated weight (e.g. "产出指标 (50分)").

    ``label`` is the cell as printed where it differs from the category's name ("产出指标(70分)",
    "效果指标"); ``goal`` names the goal block the group belongs to in a layout with several
    (Hubei's "年度绩效目标1(40分)"), ``""`` otherwise.
    """

    category: Level1 = choice(Level1)
    stated_weight: Decimal | None = points(doc="一级指标分值")
    groups: tuple[Level2Group, ...] = records(Level2Group)
    label: str = text()
    goal: str = text()

    def indicators(self) -> Iterator[Indicator]:
        """Every level-3 indicator of this block, in table order."""
        for group in self.groups:
            yield from group.indicators


@attrs.frozen(kw_only=True)
class IndicatorTree(PartlyShown):
    """The indicator tree of one table and its stated 总分 row (weight and score).

    In the seed's layout the 总分 row includes the 10 points of the execution rate, so the
    stated totals are 100 while the tree's indicators weigh 90
    (``total_includes_execution``); in some layouts (Sichuan's 衔接资金 table) the 总分 row adds
    up the indicators only.  ``ungrouped`` holds the indicators of a table that prints them
    without 一级/二级 levels (Chongqing's department table).

    ``cut`` says the copy shows only the first rows of the tree: rows beyond them (and often
    the 总分 row) are not shown, so the tree's sums are not known.  ``not_shown`` names parts
    of the tree the copy does not show (``"stated_total_weight"``, ``"stated_total_score"``).
    """

    groups: tuple[Level1Group, ...] = records(Level1Group)
    stated_total_weight: Decimal | None = points(doc="总分 (分值)")
    stated_total_score: Decimal | None = score(doc="总分 (得分)")
    ungrouped: tuple[Indicator, ...] = records(Indicator)
    total_includes_execution: bool = flag(default=True)
    not_shown: tuple[str, ...] = not_shown()
    cut: bool = flag(default=False)

    @classmethod
    def from_rows(cls, rows: "Iterable[Mapping[str, Any] | Sequence[Any]]", **tree: Any) -> Self:
        """The tree of flat rows as a spreadsheet holds them, 一级/二级 cells carried down.

        Each row is a tuple in the national table's order — 一级指标, 二级指标, 三级指标,
        年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施 — or a mapping by those
        titles or by field name (``level1``, ``level2``, ``name``, ``target``, ``weight`` …, any
        :class:`Indicator` field).  A blank 一级 or 二级 cell is the one above it, as a merged
        cell; a 一级 cell may state its weight ("产出指标 (50分)"); a 总分 row gives the stated
        totals.  Other :class:`IndicatorTree` fields go in *tree*.

        >>> tree = IndicatorTree.from_rows([
        ...     {"一级指标": "满意度指标 (10分)", "二级指标": "服务对象满意度指标",
        ...      "三级指标": "代表满意度", "年度指标值": "≥90%", "分值": 10, "得分": 10},
        ... ], total_includes_execution=False)
        >>> tree.groups[0].groups[0].indicators[0].weight
        Decimal('10')

        Raises:
            InvalidValue: a row of the wrong shape, an unknown column or category.
            InvalidAmount: a figure that is not exact; the message names the row and field.
        """
        from budget_perf.model._tree_rows import tree_from_rows

        built = tree_from_rows(rows, **tree)
        return built if type(built) is cls else cls(**attrs.asdict(built, recurse=False))

    def indicators(self) -> Iterator[Indicator]:
        """Every level-3 indicator of the tree, in table order (grouped ones first)."""
        for group in self.groups:
            yield from group.indicators()
        yield from self.ungrouped

    @in_library_context
    def weight_of_indicators(self) -> Decimal:
        """Σ of the 三级 weights (blank weights count as zero).

        >>> IndicatorTree().weight_of_indicators()
        Decimal('0')
        """
        return sum((i.weight for i in self.indicators() if i.weight is not None), Decimal(0))

    @in_library_context
    def score_of_indicators(self) -> Decimal:
        """Σ of the 三级 scores as stated (blank scores count as zero).

        >>> from budget_perf.examples import load
        >>> load("yueyang-npc-2022").project("人大会议").indicators.score_of_indicators()
        Decimal('90.0')
        """
        return sum((i.score for i in self.indicators() if i.score is not None), Decimal(0))
