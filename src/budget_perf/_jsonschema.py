"""The JSON Schema (draft 2020-12) of a report document, generated from the model (private).

The schema is walked out of the attrs classes themselves, so it cannot drift from what
:func:`budget_perf.to_json` writes and :func:`budget_perf.from_json` reads: a record is an
object with exactly its fields (extra keys are refused by the reader too), a field without a
default is required, a Decimal is a decimal string (or an integer, which the reader accepts), an
enum is one of its values, a tuple is an array and an optional part may be null.  Each record
class is one entry under ``$defs``.

>>> schema = report_schema()
>>> schema["$schema"], schema["properties"]["schema"]["const"]
('https://json-schema.org/draft/2020-12/schema', 'budget_perf.report/2')
>>> [option["type"] for option in schema["$defs"]["FundTotal"]["properties"]["executed"]["anyOf"]]
['string', 'integer', 'null']
"""

from __future__ import annotations

import datetime
import enum
import json
import types
import typing
from decimal import Decimal
from typing import Any

import attrs

from budget_perf._schema import REPORT_SCHEMA, SCHEMA_KEY
from budget_perf.model import SelfEvaluation

__all__ = ["report_schema", "report_schema_json"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DECIMAL = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}
_DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


def _type(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one field type; records are added to *defs* and referenced."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options: list[dict[str, Any]] = []
        for arg in typing.get_args(tp):
            schema = _type(arg, defs)
            options.extend(schema["anyOf"] if list(schema) == ["anyOf"] else [schema])
        return {"anyOf": options}
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type(args[0], defs)}
        return {
            "type": "array",
            "prefixItems": [_type(a, defs) for a in args],
            "items": False,
            "minItems": len(args),
        }
    if tp is type(None):
        return {"type": "null"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is str:
        return {"type": "string"}
    if tp is Decimal:
        return {"anyOf": [dict(_DECIMAL), {"type": "integer"}]}
    if tp is datetime.date:
        return dict(_DATE)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [member.value for member in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # a placeholder first: a record may contain itself
            defs[name] = _record(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for the field type {tp!r}")  # a new model type: add it


def _record(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        name = field.alias or field.name
        properties[name] = _type(hints[field.name], defs)
        if field.default is attrs.NOTHING:
            required.append(name)
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if cls.__doc__:
        schema["description"] = cls.__doc__.strip().splitlines()[0]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a ``budget_perf.report/2`` document."""
    defs: dict[str, Any] = {}
    root = _record(SelfEvaluation, defs)
    root["properties"] = {SCHEMA_KEY: {"const": REPORT_SCHEMA}, **root["properties"]}
    return {
        "$schema": DRAFT,
        "$id": f"https://budget-perf.invalid/schema/{REPORT_SCHEMA}.json",
        "title": f"{REPORT_SCHEMA}: a 预算绩效自评 report (budget performance self-evaluation)",
        **{k: v for k, v in root.items() if k != "description"},
        "$defs": dict(sorted(defs.items())),
    }


def report_schema_json() -> str:
    """:func:`report_schema` as JSON text (two-space indent, Chinese kept as is)."""
    return json.dumps(report_schema(), ensure_ascii=False, indent=2)
