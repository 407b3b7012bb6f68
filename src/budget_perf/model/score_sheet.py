"""部门整体支出绩效评价指标表 / 评分表: the department's score sheet (rules.md §8).

Besides the department self-evaluation table, many provinces have units fill in a score sheet
on the 2013 common indicator framework (财预〔2013〕53号 附件2) or a provincial variant: numbered
rows (序号) of 一级 (投入, 过程, 产出, 效果 — or 规划/执行, 决策/过程/产出/效益), 二级 (预算配置,
预算执行 …) and 三级 indicators (在职人员控制率, 预算完成率 …), each level with its stated 分值;
each 三级 row with its 指标解释 and 评分标准 as text, the unit's stated value and its stated 得分.
The sheet's 总分 is the sum of the rows.

The record keeps the sheet as printed: levels nest (:class:`ScoreGroup` → :class:`ScoreSubgroup`
→ :class:`ScoreItem`), labels as printed ("规划(15分)"), weights and scores as stated Decimals,
texts as text.  A sheet cut short in a partial copy says so (``cut``: rows after the last shown
one are missing, and so is the 总分), and a part that a row does not show is named in its
``not_shown`` (see :mod:`budget_perf.model._shown`): neither is summed by the checker.

>>> from decimal import Decimal
>>> item = ScoreItem(number="1", name="基础信息完整性", weight=Decimal("3"),
...                  criteria="真实、完整、准确各1分", stated_score=Decimal("3"))
>>> sheet = ScoreSheet(title="2023年度部门整体支出绩效评价自评表", cut=True, groups=(
...     ScoreGroup(label="规划(15分)", stated_weight=Decimal("15"), groups=(
...         ScoreSubgroup(label="基础信息(3分)", stated_weight=Decimal("3"), items=(item,)),)),))
>>> [i.name for i in sheet.items()]
['基础信息完整性']
>>> sheet.weight_of_items(), sheet.score_of_items()
(Decimal('3'), Decimal('3'))
>>> ScoreItem(name="预算执行率", weight=Decimal("-5"))
Traceback (most recent call last):
...
budget_perf.errors.InvalidAmount: weight: must not be negative, got -5
"""

from collections.abc import Iterator
from decimal import Decimal

import attrs

from budget_perf._decimal import in_library_context
from budget_perf.model._fields import flag, points, records, required_text, score, text
from budget_perf.model._shown import PartlyShown, not_shown

__all__ = ["ScoreGroup", "ScoreItem", "ScoreSheet", "ScoreSubgroup"]


@attrs.frozen(kw_only=True)
class ScoreItem(PartlyShown):
    """三级指标: one scored row — 序号, name, 分值, 指标解释, 评分标准, stated value and 得分.

    ``number`` is the 序号 as printed; ``explanation`` is the 指标解释 (or 指标说明: what the
    indicator measures, often a formula); ``criteria`` the 评分标准 (or 评价标准); ``stated_value``
    the unit's value as printed ("108.70%", "高"); ``note`` any remark.
    """

    number: str = text()
    name: str = required_text()
    weight: Decimal | None = points(doc="分值")
    explanation: str = text()
    criteria: str = text()
    stated_value: str = text()
    stated_score: Decimal | None = score(doc="得分")
    note: str = text()
    not_shown: tuple[str, ...] = not_shown()


@attrs.frozen(kw_only=True)
class ScoreSubgroup(PartlyShown):
    """二级指标: its label as printed ("预算执行(18分)"), 分值, printed subtotal and rows."""

    label: str = required_text()
    stated_weight: Decimal | None = points(doc="二级指标分值")
    stated_score: Decimal | None = score(doc="二级指标得分")
    items: tuple[ScoreItem, ...] = records(ScoreItem)
    not_shown: tuple[str, ...] = not_shown()


@attrs.frozen(kw_only=True)
class ScoreGroup(PartlyShown):
    """一级指标: its label as printed ("规划(15分)"), 分值, printed subtotal and 二级 groups."""

    label: str = required_text()
    stated_weight: Decimal | None = points(doc="一级指标分值")
    stated_score: Decimal | None = score(doc="一级指标得分")
    groups: tuple[ScoreSubgroup, ...] = records(ScoreSubgroup)
    not_shown: tuple[str, ...] = not_shown()

    def items(self) -> Iterator[ScoreItem]:
        """Every 三级 row of this 一级, in sheet order."""
        for group in self.groups:
            yield from group.items


@attrs.frozen(kw_only=True)
class ScoreSheet(PartlyShown):
    """The score sheet: title, 单位 as printed, its 一级 groups and its stated 总分 (分值, 得分)."""

    title: str = text()
    unit_name: str = text()
    groups: tuple[ScoreGroup, ...] = records(ScoreGroup)
    stated_total_weight: Decimal | None = points(doc="总分 (分值)")
    stated_total_score: Decimal | None = score(doc="总分 (得分)")
    not_shown: tuple[str, ...] = not_shown()
    cut: bool = flag(default=False)

    def items(self) -> Iterator[ScoreItem]:
        """Every 三级 row of the sheet, in sheet order."""
        for group in self.groups:
            yield from group.items()

    @in_library_context
    def weight_of_items(self) -> Decimal:
        """Σ of the 三级 分值 as stated (blank ones count as zero)."""
        return sum((i.weight for i in self.items() if i.weight is not None), Decimal(0))

    @in_library_context
    def score_of_items(self) -> Decimal:
        """Σ of the 三级 得分 as stated (blank ones count as zero)."""
        return sum((i.stated_score for i in self.items() if i.stated_score is not None), Decimal(0))
