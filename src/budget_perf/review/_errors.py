"""The one refusal of the review sheet: a sheet, calendar, facts file or reviewer input unfit.

>>> err = InvalidReviewInput("bad", message_zh="不对")
>>> isinstance(err, ValueError), err.message("zh")
(True, '不对')
"""

from budget_perf.errors import BudgetPerfError

__all__ = ["InvalidReviewInput"]


class InvalidReviewInput(BudgetPerfError, ValueError):
    """A review sheet, working calendar, facts file or reviewer's score is unfit to use."""
