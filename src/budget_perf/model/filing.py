"""填表信息: who filled a table in, when, and the goal text every evaluation table opens with.

>>> from datetime import date
>>> Signature(prepared_by="卢玉婷", date_filed=date(2023, 6, 9), phone="8788622").date_filed
datetime.date(2023, 6, 9)
"""

from datetime import date
from decimal import Decimal

import attrs

from budget_perf.model._fields import optional_date, percent, text
from budget_perf.model._shown import PartlyShown, not_shown

__all__ = ["AnnualGoal", "Signature"]


@attrs.frozen(kw_only=True)
class Signature:
    """The sign-off line under a table: 填表人, 填报日期, 联系电话, 单位负责人签字."""

    prepared_by: str = text()
    date_filed: date | None = optional_date()
    phone: str = text()
    head_of_unit: str = text()


@attrs.frozen(kw_only=True)
class AnnualGoal(PartlyShown):
    """年度总体目标: the expected goal (预期目标) and what was achieved (实际完成情况), as text.

    Some layouts add the goal as adjusted in the year (``adjusted``: Chongqing's 全年(调整)绩效目标)
    and a stated overall completion rate (``stated_completion_rate``: Hebei's 总体完成率(%)).
    """

    expected: str = text()
    achieved: str = text()
    adjusted: str = text()
    stated_completion_rate: Decimal | None = percent(doc="总体完成率")
    not_shown: tuple[str, ...] = not_shown()
