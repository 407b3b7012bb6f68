"""A batch's summary and the text helpers of its table (private).

:class:`Summary` counts what a batch found as the envelopes pass; its lines fit the 100-column
table, report text made terminal-safe by :func:`budget_perf._texttable.one_line`.

>>> fit("运行维护经费的执行率", 9)
'运行维护…'
>>> fit_tail("reports/2023/岳阳市人大常委会.json", 20)
'…阳市人大常委会.json'
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from budget_perf._envelope import Envelope
from budget_perf._texttable import fit, one_line, table, width
from budget_perf.checks import Severity
from budget_perf.formatting import Language

__all__ = [
    "TABLE_WIDTH",
    "Summary",
    "department_label",
    "fit",
    "fit_tail",
    "one_message",
    "pad",
    "wrap",
]

#: The width every line of the narrow table fits in, in display columns (CJK count two).
TABLE_WIDTH = 100


@attrs.define
class Summary:
    """What a batch found: reports read, failed and skipped; findings by severity, rule, unit."""

    checked: int = 0
    failed: int = 0
    skipped: int = 0
    severities: Counter[str] = attrs.field(factory=Counter)
    rules: Counter[str] = attrs.field(factory=Counter)
    departments: dict[str, Counter[str]] = attrs.field(factory=dict)

    def add(self, envelope: Envelope) -> None:
        """Count *envelope* in."""
        if envelope.status != "checked":
            self.failed += envelope.status == "failed"
            self.skipped += envelope.status == "skipped"
            return
        self.checked += 1
        unit = self.departments.setdefault(envelope.department or "", Counter())
        unit["reports"] += 1
        for finding in envelope.findings:
            self.severities[finding.severity.value] += 1
            self.rules[finding.code] += 1
            unit[finding.severity.value] += 1

    def data(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        kinds = [s.value for s in Severity]
        return {
            "reports": self.checked,
            "failed": self.failed,
            "skipped": self.skipped,
            "findings": {k: self.severities[k] for k in kinds},
            "by_rule": dict(sorted(self.rules.items())),
            "by_department": {
                name: {"reports": counts["reports"], **{k: counts[k] for k in kinds}}
                for name, counts in sorted(self.departments.items())
            },
        }

    def lines(self, language: Language) -> list[str]:
        """The summary for a reader, in *language*."""
        zh = language == "zh"
        s = self.severities
        counts = (self.checked, self.failed, self.skipped, s["error"], s["warning"], s["info"])
        template = (
            "读取报告{}份，无法读取{}个，跳过{}个；发现错误{}，警告{}，提示{}"
            if zh
            else "{} reports read, {} unreadable, {} skipped; {} errors, {} warnings, {} info"
        )
        head = [template.format(*counts)]
        if self.rules:
            by_rule = ", ".join(f"{code} {n}" for code, n in sorted(self.rules.items()))
            head += wrap(("按规则：" if zh else "by rule: ") + by_rule)
        if self.departments:
            header = (
                ("单位", "报告", "错误", "警告", "提示")
                if zh
                else ("department", "reports", "errors", "warnings", "info")
            )
            rows = [
                (
                    fit(department_label(name, language), 56),
                    *(str(c[k]) for k in ("reports", "error", "warning", "info")),
                )
                for name, c in sorted(self.departments.items())
            ]
            head += ["", *table(header, rows)]
        return head


def department_label(name: str, language: Language) -> str:
    """A report's unit as the table shows it: a blank name says it is blank, not an empty cell.

    >>> department_label("", "en"), department_label(" ", "zh")
    ('(department name blank)', '（单位名称空白）')
    """
    if name.strip():
        return name
    return "（单位名称空白）" if language == "zh" else "(department name blank)"


def pad(text: str, columns: int) -> str:
    """*text* padded with spaces to *columns* display columns."""
    return text + " " * (columns - width(text))


def one_message(text: str) -> str:
    """A message of several lines on one line: a document's problems without their heading.

    >>> one_message("1 problem in the document:\\n  - expected a whole number @ $.year")
    'expected a whole number @ $.year'
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].endswith((":", "：")):
        lines = lines[1:]
    return "; ".join(line.removeprefix("- ") for line in lines)


def fit_tail(text: str, limit: int) -> str:
    """*text* on one line cut from the front (a path keeps its file name)."""
    text = one_line(text)
    if width(text) <= limit:
        return text
    kept, used = [], 1  # the ellipsis takes one column
    for char in reversed(text):
        if used + width(char) > limit:
            break
        kept.append(char)
        used += width(char)
    return "…" + "".join(reversed(kept))


def wrap(text: str, limit: int = TABLE_WIDTH) -> list[str]:
    lines, current = [], ""
    for word in one_line(text).split(" "):
        candidate = f"{current} {word}" if current else word
        if width(candidate) > limit and current:
            lines.append(current)
            current = "  " + word
        else:
            current = candidate
    return [*lines, current] if current else lines
