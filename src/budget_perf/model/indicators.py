"""绩效指标: the indicator tree of a self-evaluation table, 一级 → 二级 → 三级.

The national table (财预〔2020〕10号) groups indicators in three levels.  一级 (level 1) is 产出
(output), 效益 (benefit) or 满意度 (satisfaction), each with a stated weight ("产出指标 (50分)");
二级 (level 2) is a standard category such as 数量指标 or 社会效益指标, whose row may be empty;
三级 (level 3) is the concrete indicator, with its target (年度指标值), actual value (实际完成值),
weight (分值), score (得分) and deviation note (偏差原因分析及改进措施).

Targets and actuals are kept as the text the table prints ("24-26次", "十余次专项督查");
:mod:`budget_perf.cells` parses them.  Weights and scores are Decimals as stated.

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
"""

import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from budget_perf._decimal import in_library_context
from budget_perf.model._fields import points, records, required_text, score, text

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
}


@attrs.frozen(kw_only=True)
class Indicator:
    """三级指标: one concrete indicator row, as stated."""

    name: str = required_text()
    target: str = text()
    actual: str = text()
    weight: Decimal | None = points(doc="分值")
    score: Decimal | None = score(doc="得分")
    deviation_note: str = text()


@attrs.frozen(kw_only=True)
class Level2Group:
    """二级指标: a level-2 row and the level-3 indicators under it (possibly none)."""

    category: Level2 = attrs.field(validator=attrs.validators.instance_of(Level2))
    indicators: tuple[Indicator, ...] = records(Indicator)


@attrs.frozen(kw_only=True)
class Level1Group:
    """一级指标: a level-1 block with its stated weight (e.g. "产出指标 (50分)")."""

    category: Level1 = attrs.field(validator=attrs.validators.instance_of(Level1))
    stated_weight: Decimal | None = points(doc="一级指标分值")
    groups: tuple[Level2Group, ...] = records(Level2Group)

    def indicators(self) -> Iterator[Indicator]:
        """Every level-3 indicator of this block, in table order."""
        for group in self.groups:
            yield from group.indicators


@attrs.frozen(kw_only=True)
class IndicatorTree:
    """The indicator tree of one table and its stated 总分 row (weight and score).

    In the seed's layout the 总分 row includes the 10 points of the execution rate, so the
    stated totals are 100 while the tree's indicators weigh 90.
    """

    groups: tuple[Level1Group, ...] = records(Level1Group)
    stated_total_weight: Decimal | None = points(doc="总分 (分值)")
    stated_total_score: Decimal | None = score(doc="总分 (得分)")

    def indicators(self) -> Iterator[Indicator]:
        """Every level-3 indicator of the tree, in table order."""
        for group in self.groups:
            yield from group.indicators()

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
