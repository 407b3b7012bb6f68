"""Finding: one problem the checker found in a report's figures.

A finding is data, not an exception: a stable code (like a linter's, documented in the rule
catalogue and never reused), a severity, the path of the offending figure in the report (the
same path the JSON uses, ``$.projects[1].funding.stated_execution_rate``), the value the
report states, the value the library expects, the formula and inputs that produced the expected
value, and a message in Chinese and in English.

>>> from decimal import Decimal
>>> f = Finding(code="BP201", severity=Severity.ERROR,
...             path="$.projects[1].funding.stated_execution_rate",
...             stated=Decimal("100"), expected=Decimal("98.49"),
...             formula="全年执行数 / 全年预算数",
...             inputs=(("$.projects[1].funding.total.executed", Decimal("394")),
...                     ("$.projects[1].funding.total.full_year_budget", Decimal("400.03"))),
...             message_zh="执行率应为98.49%，表中为100%",
...             message_en="execution rate should be 98.49%, the table states 100%")
>>> f.message("en")
'execution rate should be 98.49%, the table states 100%'
>>> f.severity < Severity.WARNING
True
"""

import enum
import functools
import re
from decimal import Decimal
from typing import Literal, SupportsIndex, TypeAlias, overload

import attrs

__all__ = ["Finding", "Findings", "Language", "Severity", "Value"]

#: A stated or expected value: a Decimal figure, a text (a grade, a name), or absent.
Value: TypeAlias = Decimal | int | str | None
#: The languages a finding speaks.
Language: TypeAlias = Literal["zh", "en"]


@functools.total_ordering
class Severity(enum.Enum):
    """How serious a finding is; errors sort first."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def zh(self) -> str:
        """The Chinese name of the severity."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return _RANK[self] < _RANK[other]


#: Each severity's place in the order, errors first.
_RANK = {severity: rank for rank, severity in enumerate(Severity)}
#: An index in a path, which sorts by number ("[10]" after "[9]").
_INDEX = re.compile(r"\[(\d+)\]")


def _padded(match: "re.Match[str]") -> str:
    return f"[{int(match[1]):06d}]"


@attrs.frozen(kw_only=True)
class Finding:
    """One inconsistency or doubtful figure in a report."""

    code: str
    severity: Severity
    path: str
    stated: Value = None
    expected: Value = None
    formula: str = ""
    inputs: tuple[tuple[str, Value], ...] = ()
    message_zh: str
    message_en: str

    def message(self, language: Language = "zh") -> str:
        """The message in *language* ("zh" or "en")."""
        return self.message_zh if language == "zh" else self.message_en

    def sort_key(self) -> tuple[int, str, str, str]:
        """Findings sort by severity, then path (in table order), code and message."""
        return (_RANK[self.severity], _INDEX.sub(_padded, self.path), self.code, self.message_en)


class Findings(tuple[Finding, ...]):
    """The findings of one check, in order: a tuple, which :mod:`budget_perf.display` shows as
    a table (``print``) and as HTML (Jupyter).

    A slice of findings is findings again (it prints as a table too).

    >>> Findings(()) == ()
    True
    >>> type(Findings(())[:1]).__name__
    'Findings'
    """

    __slots__ = ()

    @overload
    def __getitem__(self, index: SupportsIndex) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> "Findings": ...

    def __getitem__(self, index: SupportsIndex | slice) -> "Finding | Findings":
        if isinstance(index, slice):
            return Findings(super().__getitem__(index))
        return super().__getitem__(index)
