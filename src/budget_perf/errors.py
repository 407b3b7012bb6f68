"""Exceptions raised by budget_perf.

Exceptions are for broken contracts only: a float where an amount must be exact, a JSON
document that does not fit the model, an unknown example name.  Problems in the figures of
a report (a total that does not add up, a rate stated wrongly) are *findings*, returned by the
checker, never raised.

Every exception derives from :class:`BudgetPerfError`, and each kind also derives from the
builtin a caller would naturally catch (``ValueError``, ``LookupError``).
"""

from __future__ import annotations

__all__ = [
    "BudgetPerfError",
    "InvalidAmount",
    "InvalidDocument",
    "InvalidProfile",
    "UnknownExample",
]


class BudgetPerfError(Exception):
    """Root of every exception that budget_perf raises on purpose.

    Like a finding, a refusal speaks Chinese and English: ``str(exc)`` is the English message,
    :meth:`message` gives either.  A kind that has no Chinese wording yet answers in English.

    >>> err = BudgetPerfError("the file is not a workbook", message_zh="文件不是Excel工作簿")
    >>> err.message("zh"), err.message("en"), str(err)
    ('文件不是Excel工作簿', 'the file is not a workbook', 'the file is not a workbook')
    """

    def __init__(self, *args: object, message_zh: str | None = None) -> None:
        super().__init__(*args)
        self.message_zh = message_zh

    def message(self, language: str = "en") -> str:
        """The refusal in *language* ("zh" or "en")."""
        if language == "zh" and self.message_zh is not None:
            return self.message_zh
        return str(self)


class InvalidAmount(BudgetPerfError, ValueError):
    """A money amount, weight, score or rate is not an exact, finite Decimal as required.

    ``field`` names the offending field or argument where it is known.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class InvalidDocument(BudgetPerfError, ValueError):
    """A serialized document does not fit the model; ``problems`` lists each one with its path.

    >>> err = InvalidDocument(["expected a decimal string, got float 1.5 @ $.weight"])
    >>> print(err)
    1 problem in the document:
      - expected a decimal string, got float 1.5 @ $.weight
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the document:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class InvalidProfile(BudgetPerfError, ValueError):
    """A rule profile (weights, grade bands, deductions) is malformed or inconsistent."""


class UnknownExample(BudgetPerfError, LookupError):
    """No bundled example report has the requested name."""
