"""考核评分表: the finance bureau's sheet for scoring a unit's self-evaluation work (Yueyang).

Each row is a level-1 item with its points, a level-2 item with its points, the scoring
criteria and the evidence required.  The sheet is a form: it states points, not scores.

>>> from decimal import Decimal
>>> RubricItem(level1="布置工作", level1_points=Decimal("10"), level2="工作小组",
...            level2_points=Decimal("2")).level2_points
Decimal('2')
"""

from decimal import Decimal

import attrs

from budget_perf.model._fields import points, records, required_text, text

__all__ = ["ReviewRubric", "RubricItem"]


@attrs.frozen(kw_only=True)
class RubricItem:
    """One row of the review scoring sheet."""

    level1: str = required_text()
    level1_points: Decimal | None = points()
    level2: str = text()
    level2_points: Decimal | None = points()
    criteria: str = text()
    evidence: str = text()


@attrs.frozen(kw_only=True)
class ReviewRubric:
    """The review scoring sheet: its title, its rows and its stated total (合计)."""

    title: str = text()
    items: tuple[RubricItem, ...] = records(RubricItem)
    stated_total: Decimal | None = points(doc="合计")
