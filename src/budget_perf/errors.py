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
    "InvalidLayout",
    "InvalidProfile",
    "InvalidText",
    "InvalidValue",
    "UnknownExample",
    "UnknownLayout",
    "WorkerFailed",
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

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle by the message and attributes, not by calling ``__init__`` again (whose
        arguments are not the message): every error survives a trip from a worker process."""
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(
    kind: type[BudgetPerfError], args: tuple[object, ...], state: dict[str, object]
) -> BudgetPerfError:
    """An error unpickled: its message and attributes as they were raised."""
    exc = kind.__new__(kind, *args)  # the message, as args; __init__ is not called again
    exc.__dict__.update(state)
    return exc


class InvalidAmount(BudgetPerfError, ValueError):
    """A money amount, weight, score or rate is not an exact, finite Decimal as required.

    ``field`` names the offending field or argument where it is known.
    """

    def __init__(
        self, message: str, *, field: str | None = None, message_zh: str | None = None
    ) -> None:
        super().__init__(message, message_zh=message_zh)
        self.field = field


class InvalidText(BudgetPerfError, ValueError):
    """A text is not valid Unicode (it holds a lone surrogate), so it cannot be written or shown.

    ``field`` names the offending field.  Control characters are data, not an error: writers
    escape them on output.
    """

    def __init__(
        self, message: str, *, field: str | None = None, message_zh: str | None = None
    ) -> None:
        super().__init__(message, message_zh=message_zh)
        self.field = field


class InvalidValue(BudgetPerfError, TypeError, ValueError):
    """A record was given a value its field cannot hold: an unknown category, a wrong record.

    The message names the field and shows a short example of a value it takes; ``field`` names
    the field.  It is a ``TypeError`` and a ``ValueError`` both, as a wrong kind of value and a
    wrong category were before.

    >>> err = InvalidValue("category: '数量' is not a Level2", field="category")
    >>> isinstance(err, TypeError) and isinstance(err, ValueError), err.field
    (True, 'category')
    """

    def __init__(
        self, message: str, *, field: str | None = None, message_zh: str | None = None
    ) -> None:
        super().__init__(message, message_zh=message_zh)
        self.field = field


#: How many problems the message of an :class:`InvalidDocument` lists; ``problems`` has all.
_LISTED_PROBLEMS = 20


class InvalidDocument(BudgetPerfError, ValueError):
    """A serialized document does not fit the model; ``problems`` lists each one with its path.

    ``problems_zh`` says the same in Chinese (the English where a problem has no Chinese
    wording).  The message lists the first twenty problems and counts the rest.

    >>> err = InvalidDocument(
    ...     ["expected a decimal string, got float 1.5 @ $.weight"],
    ...     problems_zh=["应为小数字符串，实际为浮点数 1.5 @ $.weight"],
    ... )
    >>> print(err)
    1 problem in the document:
      - expected a decimal string, got float 1.5 @ $.weight
    >>> print(err.message("zh"))
    文档有 1 处问题：
      - 应为小数字符串，实际为浮点数 1.5 @ $.weight
    """

    def __init__(self, problems: list[str], *, problems_zh: list[str] | None = None) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self.problems_zh: tuple[str, ...] = tuple(problems if problems_zh is None else problems_zh)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the document:"
        more = count - _LISTED_PROBLEMS
        tail = [f"  … and {more} more"] if more > 0 else []
        zh = None
        if problems_zh is not None:
            zh_more = [f"  ……另有 {more} 处"] if more > 0 else []
            zh_lines = [f"  - {p}" for p in self.problems_zh[:_LISTED_PROBLEMS]]
            zh = "\n".join([f"文档有 {count} 处问题：", *zh_lines, *zh_more])
        lines = [f"  - {p}" for p in self.problems[:_LISTED_PROBLEMS]]
        super().__init__("\n".join([head, *lines, *tail]), message_zh=zh)


class InvalidProfile(BudgetPerfError, ValueError):
    """A rule profile (weights, grade bands, deductions) is malformed or inconsistent."""


class InvalidLayout(BudgetPerfError, ValueError):
    """A layout description (a table form described as data) is malformed, or names no
    bundled layout."""


class UnknownLayout(BudgetPerfError, ValueError):
    """A table matches no layout description: names the file, the cell where matching failed
    and the nearest layout (``file``, ``cell``, ``nearest`` attributes)."""

    def __init__(
        self, message: str, *, message_zh: str, file: str, cell: str, nearest: str
    ) -> None:
        self.file = file
        self.cell = cell
        self.nearest = nearest
        super().__init__(message, message_zh=message_zh)


class UnknownExample(BudgetPerfError, LookupError):
    """No bundled example report has the requested name."""


class WorkerFailed(BudgetPerfError, RuntimeError):
    """A worker process of ``check_many(jobs > 1)`` exited before it answered (it was killed,
    or ran out of memory), or could not start (a script without ``if __name__ ==
    "__main__":``): the batch cannot go on, and says so rather than wait."""
