"""填表信息: who filled a table in, when, and the goal text every evaluation table opens with.

>>> from datetime import date
>>> Signature(prepared_by="卢玉婷", date_filed=date(2023, 6, 9), phone="8788622").date_filed
datetime.date(2023, 6, 9)
"""

from datetime import date

import attrs

from budget_perf.model._fields import optional_date, text
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
    """年度总体目标: the expected goal (预期目标) and what was achieved (实际完成情况), as text."""

    expected: str = text()
    achieved: str = text()
    not_shown: tuple[str, ...] = not_shown()
