"""How model records, enums and findings get their ``str`` and Jupyter HTML (private).

The presentation layer *registers* a ``__str__`` and a ``_repr_html_`` on the model's classes
when ``budget_perf`` is imported (:func:`install`), rather than the model defining hooks that
import the presentation lazily.  Why: the model keeps no trace of presentation — not even a
deferred import — so "presentation reads, never writes" (design.md) holds by construction and
``budget_perf.model`` can be read, tested and typed without this package; and there is one
place (this module) that says which classes display how.  ``repr`` is untouched: attrs' full
repr stays for debugging and hypothesis.  A class that defines its own ``__str__``
(:class:`~budget_perf.model.SelfEvaluation`, :class:`~budget_perf.model.Region`) keeps it.

Enums of the model and :class:`~budget_perf.checks.Severity` print as their Chinese value
(``str(Grade.EXCELLENT) == "优"``), in every language: the value is the report's own word.
"""

import enum
from typing import Any

import attrs

from budget_perf import model
from budget_perf._decimal import in_library_context
from budget_perf._safety import escape_html
from budget_perf.checks import check
from budget_perf.checks.finding import Finding, Findings, Severity
from budget_perf.display import format as fmt
from budget_perf.display.grid import Marks
from budget_perf.display.html import fields_html, findings_html, table_html
from budget_perf.display.options import options
from budget_perf.display.tables import (
    basic_data_table,
    execution_table,
    findings_table,
    indicator_table,
    indicator_trees,
    score_table,
    shares_table,
    single_tables,
)
from budget_perf.display.text import describe, findings_text
from budget_perf.formatting import Language
from budget_perf.model import DepartmentTable, Project, SelfEvaluation

__all__ = ["html_of", "install", "text_of"]


@in_library_context
def text_of(obj: object, lang: Language) -> str:
    """What ``print(obj)`` shows in *lang*."""
    if isinstance(obj, Findings):
        return findings_text(obj, lang)
    if isinstance(obj, enum.Enum):
        return fmt.label(obj, "zh")
    return describe(obj, lang)


def _report_html(report: SelfEvaluation, lang: Language) -> str:
    """The report in a notebook: the overview tables open, each indicator table folded."""
    from budget_perf.display.page import grade_line, title

    findings = check(report)
    marks = Marks(findings, lang)
    overview = [execution_table(report, lang, marks), score_table(report, lang, marks)]
    overview += [
        t
        for t in (basic_data_table(report, lang, marks), shares_table(report, lang, marks))
        if t is not None
    ]
    folded = "".join(
        f"<details><summary>{escape_html(name)}</summary>"
        f"{table_html(indicator_table(tree, name, lang, marks, path), lang)}</details>"
        for path, name, tree in indicator_trees(report, lang)
    )
    count = findings_text(findings, lang).splitlines()[-1]
    return (
        f"<div class='bp-report'><h3>{escape_html(title(report, lang))}</h3>"
        f"<p>{escape_html(grade_line(report, lang))}</p>"
        + "".join(table_html(t, lang) for t in overview)
        + folded
        + f"<details><summary>{escape_html(count)}</summary>{findings_html(findings, lang)}"
        "</details></div>"
    )


@in_library_context
def html_of(obj: object, lang: Language) -> str:
    """What Jupyter shows for *obj*: HTML in the table layout it gives pandas."""
    if isinstance(obj, SelfEvaluation):
        return _report_html(obj, lang)
    if isinstance(obj, Project | DepartmentTable):
        return "".join(table_html(t, lang) for t in single_tables(obj, lang))
    if isinstance(obj, Findings):
        return table_html(findings_table(obj, lang), lang)
    if isinstance(obj, Finding):
        return table_html(findings_table([obj], lang, title=obj.code), lang)
    return fields_html(obj, lang, text_of(obj, lang))


def _str(self: object) -> str:
    return text_of(self, options.lang)


def _repr_html_(self: object) -> str:
    return html_of(self, options.lang)


def _enum_str(self: enum.Enum) -> str:
    return fmt.label(self, "zh")


def _classes() -> list[type[Any]]:
    return [
        getattr(model, name) for name in model.__all__ if isinstance(getattr(model, name), type)
    ]


def install() -> None:
    """Register ``__str__`` and ``_repr_html_`` on the model's classes, findings and enums.

    ``setattr``: mypy does not let a method be assigned to a class by attribute syntax.
    """
    for cls in _classes():
        if issubclass(cls, enum.Enum):
            setattr(cls, "__str__", _enum_str)  # noqa: B010
        elif attrs.has(cls):
            if "__str__" not in cls.__dict__:
                setattr(cls, "__str__", _str)  # noqa: B010
            setattr(cls, "_repr_html_", _repr_html_)  # noqa: B010
    setattr(Severity, "__str__", _enum_str)  # noqa: B010
    for cls in (Finding, Findings):
        setattr(cls, "__str__", _str)  # noqa: B010
        setattr(cls, "_repr_html_", _repr_html_)  # noqa: B010
