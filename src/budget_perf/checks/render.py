"""Findings for people and for programs: a text table, a stable JSON document, the rule catalogue.

The JSON schema is ``budget_perf.findings/1``: an object with ``schema``, ``count`` (by
severity) and ``findings``, each finding an object with ``code``, ``severity``, ``path``,
``stated``, ``expected`` (Decimals as strings, absent as null), ``formula``, ``inputs`` (a list
of ``{"path", "value"}``), ``message_zh`` and ``message_en`` — and ``cell`` (the workbook cell,
``Sheet!E5``) when the report was read from a workbook.  Fields are only ever added.

Report text reaches a reader safely by every route: the text table shows control characters,
line breaks and bidi overrides as visible escapes (``\\x1b``); the JSON document writes every
character a terminal would act on as a ``\\uXXXX`` escape, so it stays valid JSON with the same
data and can be printed as is; the Markdown catalogue escapes its cells.

>>> from decimal import Decimal
>>> from budget_perf.checks.finding import Finding, Severity
>>> f = Finding(code="BP203", severity=Severity.ERROR,
...             path="$.basic_data.staffing.stated_control_rate",
...             stated=Decimal("76.5"), expected=Decimal("76.6"), message_zh="控制率不符",
...             message_en="control rate differs")
>>> print(render_text([f], "en"))
severity  code   path                                       stated  expected  message
error     BP203  $.basic_data.staffing.stated_control_rate  76.5    76.6      control rate differs
1 finding: 1 error, 0 warnings, 0 info
"""

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal

from budget_perf._safety import escape_terminal
from budget_perf._texttable import table, width
from budget_perf.checks.finding import Finding, Language, Severity, Value
from budget_perf.checks.registry import Rule

__all__ = ["cell_of", "findings_to_data", "findings_to_json", "render_catalogue", "render_text"]

SCHEMA = "budget_perf.findings/1"


def _value(value: Value) -> str | int | None:
    return str(value) if isinstance(value, Decimal) else value


def findings_to_data(
    findings: Iterable[Finding], cells: Mapping[str, str] | None = None
) -> dict[str, object]:
    """The findings as JSON-ready data in the ``budget_perf.findings/1`` schema.

    With *cells* (path → workbook cell) each finding also has a ``cell`` (null where unknown).

    >>> findings_to_data([])["count"]
    {'error': 0, 'warning': 0, 'info': 0}
    """
    items = list(findings)
    return {
        "schema": SCHEMA,
        "count": {s.value: sum(1 for f in items if f.severity is s) for s in Severity},
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "path": f.path,
                "stated": _value(f.stated),
                "expected": _value(f.expected),
                "formula": f.formula,
                "inputs": [{"path": p, "value": _value(v)} for p, v in f.inputs],
                "message_zh": f.message_zh,
                "message_en": f.message_en,
                **({"cell": cell_of(f, cells)} if cells is not None else {}),
            }
            for f in items
        ],
    }


def findings_to_json(
    findings: Iterable[Finding],
    *,
    indent: int | None = 2,
    cells: Mapping[str, str] | None = None,
) -> str:
    """The findings as JSON text in the ``budget_perf.findings/1`` schema.

    Chinese is written as is; a character a terminal would act on (C0 and C1 controls, DEL,
    bidi overrides) or could not print (a lone surrogate) is written as a ``\\uXXXX`` escape,
    which JSON reads back as the same character.

    >>> json.loads(findings_to_json([]))["schema"]
    'budget_perf.findings/1'
    >>> hostile = ["岳阳\\x1b[2J\\u202e\\x85\\ud800"]
    >>> text = _json_visible(json.dumps(hostile, ensure_ascii=False))
    >>> text
    '["岳阳\\\\u001b[2J\\\\u202e\\\\u0085\\\\ud800"]'
    >>> json.loads(text) == hostile
    True
    """
    text = json.dumps(findings_to_data(findings, cells), ensure_ascii=False, indent=indent)
    return _json_visible(text)


def _json_visible(text: str) -> str:
    """JSON *text* with each terminal-unsafe character in its strings written as ``\\uXXXX``.

    ``json.dumps`` already escapes C0 controls; such characters can only stand inside strings.
    """
    if escape_terminal(text) == text:
        return text
    return "".join(c if escape_terminal(c) == c else f"\\u{ord(c):04x}" for c in text)


def cell_of(finding: Finding, cells: Mapping[str, str]) -> str | None:
    """The workbook cell of a finding's figure, else of the first of its inputs that has one.

    >>> from budget_perf.checks.finding import Finding, Severity
    >>> f = Finding(code="BP102", severity=Severity.ERROR, path="$.department_table.income_split",
    ...             inputs=(("$.department_table.income_split[0].amount", None),),
    ...             message_zh="", message_en="")
    >>> cell_of(f, {"$.department_table.income_split[0].amount": "部门整体!C6"})
    '部门整体!C6'
    """
    for path in (finding.path, *(p for p, _ in finding.inputs)):
        if path in cells:
            return cells[path]
    return None


def _cell(value: Value, limit: int = 24) -> str:
    text = "" if value is None else str(value)
    return text if width(text) <= limit else text[: limit // 2 - 1] + "…"


def render_text(
    findings: Iterable[Finding],
    language: Language = "zh",
    cells: Mapping[str, str] | None = None,
) -> str:
    """A plain-text table of the findings with a closing count, in *language*.

    With *cells* (a finding's path → its workbook cell, as ``budget_perf.excel`` reads them) a
    column shows the cell each finding points at.

    >>> render_text([], "zh")
    '共0项：错误0，警告0，提示0'
    """
    items = list(findings)
    zh = language == "zh"
    header: tuple[str, ...] = (
        ("级别", "代码", "位置", "表中数", "应为", "说明")
        if zh
        else ("severity", "code", "path", "stated", "expected", "message")
    )
    rows = [
        (
            f.severity.zh if zh else f.severity.value,
            f.code,
            f.path,
            *([cell_of(f, cells) or ""] if cells is not None else []),
            _cell(f.stated),
            _cell(f.expected),
            f.message(language),
        )
        for f in items
    ]
    if cells is not None:
        header = (*header[:3], "单元格" if zh else "cell", *header[3:])
    count = {s: sum(1 for f in items if f.severity is s) for s in Severity}
    if zh:
        summary = (
            f"共{len(items)}项：错误{count[Severity.ERROR]}，警告{count[Severity.WARNING]}，"
            f"提示{count[Severity.INFO]}"
        )
    else:
        summary = (
            f"{len(items)} finding{'s' if len(items) != 1 else ''}: "
            f"{count[Severity.ERROR]} error{'s' if count[Severity.ERROR] != 1 else ''}, "
            f"{count[Severity.WARNING]} warning{'s' if count[Severity.WARNING] != 1 else ''}, "
            f"{count[Severity.INFO]} info"
        )
    return "\n".join([*(table(header, rows) if rows else []), summary])


def render_catalogue(rules: Iterable[Rule], lang: Language = "en") -> str:
    """The rule catalogue as Markdown (see :mod:`budget_perf.checks.catalogue`).

    >>> from budget_perf.checks import RULES
    >>> render_catalogue(RULES).splitlines()[0]
    '# Rule catalogue'
    """
    from budget_perf.checks.catalogue import render_catalogue as catalogue

    return catalogue(rules, lang)
