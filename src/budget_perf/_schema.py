"""The schema of a report document, and the migrations that read older ones (private).

A report written by :func:`budget_perf.to_json` names its schema in its first key:
``{"schema": "budget_perf.report/2", "year": 2022, ...}``.  A document without the key is
schema 1, what budget_perf 0.1 wrote.  Reading a document migrates it, one schema at a time,
to the current one: each step is one function in :data:`_MIGRATIONS`, so a change of the model
that old files do not fit (a renamed field, say) is one new function and one new number.  A
new optional field needs no step: a document without it reads as before.

>>> upgrade({"year": 2022})
{'year': 2022}
>>> upgrade({"schema": "budget_perf.report/9", "year": 2022})
Traceback (most recent call last):
...
budget_perf.errors.InvalidDocument: 1 problem in the document:
  - the report is in schema 'budget_perf.report/9', newer than this version of budget_perf \
reads (budget_perf.report/1 to budget_perf.report/2); install a newer budget_perf @ $.schema
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from budget_perf._jsonload import key_text
from budget_perf.errors import InvalidDocument

__all__ = ["REPORT_SCHEMA", "SCHEMA_KEY", "mark", "upgrade"]

#: The key that names a report document's schema.
SCHEMA_KEY = "schema"
#: The number of the schema this version writes.
_CURRENT = 2
#: The schema this version writes.
REPORT_SCHEMA = f"budget_perf.report/{_CURRENT}"

_NAME = re.compile(r"budget_perf\.report/([1-9][0-9]{0,8})", re.ASCII)

Document = dict[str, Any]


def _from_schema_1(data: Document) -> Document:
    """Schema 1 (budget_perf 0.1) to 2: the fields are the same; 2 only names its schema."""
    return data


#: For each schema N before the current one, the step that turns its document into N + 1.
_MIGRATIONS: dict[int, Callable[[Document], Document]] = {1: _from_schema_1}


def mark(data: Document) -> Document:
    """*data* (a report's fields) with the current schema named first.

    >>> mark({"year": 2022})
    {'schema': 'budget_perf.report/2', 'year': 2022}
    """
    return {SCHEMA_KEY: REPORT_SCHEMA, **data}


def upgrade(data: Mapping[str, Any]) -> Document:
    """The report's fields in the current schema, from a document of any schema this reads.

    Raises:
        InvalidDocument: the document names a schema this version does not know or that is
            newer than the current one.
    """
    fields = dict(data)
    number = _schema_of(fields.pop(SCHEMA_KEY)) if SCHEMA_KEY in fields else 1  # 1: budget_perf 0.1
    while number < _CURRENT:
        fields = _MIGRATIONS[number](fields)
        number += 1
    return fields


def _schema_of(value: object) -> int:
    readable = f"budget_perf.report/1 to {REPORT_SCHEMA}"
    match = _NAME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        shown = repr(key_text(value)) if isinstance(value, str) else type(value).__name__
        raise InvalidDocument(
            [f"unknown schema {shown}; expected one of {readable} @ $.{SCHEMA_KEY}"],
            problems_zh=[f"未知的文档格式 {shown}，应为 {readable} 之一 @ $.{SCHEMA_KEY}"],
        )
    number = int(match.group(1))
    if number > _CURRENT:
        en = f"the report is in schema {value!r}, newer than this version of budget_perf reads"
        zh = f"报告的文档格式 {value!r} 比当前版本的 budget_perf 所能读取的（{readable}）更新"
        raise InvalidDocument(
            [f"{en} ({readable}); install a newer budget_perf @ $.{SCHEMA_KEY}"],
            problems_zh=[f"{zh}，请安装更新版本的 budget_perf @ $.{SCHEMA_KEY}"],
        )
    return number
