"""The anchors of bench/speed.py: msgspec and pydantic v2 mirrors of the report's records.

Each attrs record of :class:`budget_perf.model.SelfEvaluation` (37 classes) gets a mirror in
both libraries, generated from the record's own fields so that the mirrors cannot drift from
the model:

- msgspec: a ``msgspec.Struct`` (``kw_only``, ``frozen``, ``forbid_unknown_fields``) whose
  Decimal fields msgspec decodes from the JSON strings the library writes;
- pydantic: a ``pydantic.BaseModel`` (``extra="forbid"``, ``frozen``) with ``Decimal`` fields,
  validated from JSON by pydantic-core (``model_validate_json``).

Both keep the field types (``Decimal | None``, ``tuple[X, ...]``, the library's own enums, dates,
the report's ``schema`` key) and the defaults; neither runs the library's validators (non-negative
amounts, lone surrogates, ``not_shown``), which is what the ratio in docs/performance.md measures
the library's price for.  The mirrors are written as source text and executed into a module of
their own, so that forward references between records (an ``ExpenseRow`` holds ``ExpenseRow``
children) resolve as in hand-written code.
"""

from __future__ import annotations

import enum
import sys
import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import msgspec
import pydantic

from budget_perf.model import SelfEvaluation

__all__ = ["MSGSPEC_REPORT", "PYDANTIC_REPORT", "mirror_source", "records"]


def records(root: type = SelfEvaluation) -> list[type]:
    """Every attrs record reachable from *root*'s fields, *root* first."""
    seen: list[type] = []

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen.append(cls)
        attrs.resolve_types(cls)
        for field in attrs.fields(cls):
            for part in _parts(field.type):
                if attrs.has(part):
                    visit(part)

    visit(root)
    return seen


def _parts(tp: Any) -> list[Any]:
    found = [tp]
    for arg in typing.get_args(tp):
        found.extend(_parts(arg))
    return found


def _annotation(tp: Any, enums: dict[str, type]) -> str:
    """The source text of *tp* in the mirror module."""
    if tp is type(None):
        return "None"
    if tp in (str, int, bool):
        return str(tp.__name__)
    if tp is Decimal:
        return "Decimal"
    if tp is date:
        return "date"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        enums[tp.__name__] = tp
        return tp.__name__
    if attrs.has(tp):
        return str(tp.__name__)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple:
        return f"tuple[{_annotation(args[0], enums)}, ...]"
    if origin in (types.UnionType, typing.Union):
        return " | ".join(_annotation(arg, enums) for arg in args)
    raise TypeError(f"no mirror for {tp!r}")


def _default(field: attrs.Attribute[Any]) -> str:
    default = field.default
    if default is attrs.NOTHING:
        return ""
    if isinstance(default, enum.Enum):
        return f" = {type(default).__name__}.{default.name}"
    if isinstance(default, str | bool | int | tuple) or default is None:
        return f" = {default!r}"
    raise TypeError(f"no mirror for the default {default!r} of {field.name}")


def mirror_source(flavour: str) -> tuple[str, dict[str, type]]:
    """The source text of the mirror module (*flavour* "msgspec" or "pydantic"), and its enums."""
    enums: dict[str, type] = {}
    classes = []
    for cls in reversed(records()):
        if flavour == "msgspec":
            head = (
                f"class {cls.__name__}(msgspec.Struct, kw_only=True, frozen=True, "
                "forbid_unknown_fields=True):"
            )
        else:
            head = f"class {cls.__name__}(pydantic.BaseModel):\n    model_config = CONFIG"
        lines = [head]
        if cls is SelfEvaluation:  # the report names its schema first
            if flavour == "msgspec":
                lines.append('    schema: str = "budget_perf.report/1"')
            else:
                lines.append(
                    '    schema_: str = pydantic.Field("budget_perf.report/1", alias="schema")'
                )
        for field in attrs.fields(cls):
            lines.append(f"    {field.name}: {_annotation(field.type, enums)}{_default(field)}")
        classes.append("\n".join(lines))
    return "\n\n\n".join(classes) + "\n", enums


def _build(flavour: str) -> types.ModuleType:
    source, enums = mirror_source(flavour)
    module = types.ModuleType(f"_bench_{flavour}_mirrors")
    module.__dict__.update(
        msgspec=msgspec,
        pydantic=pydantic,
        Decimal=Decimal,
        date=date,
        CONFIG=pydantic.ConfigDict(extra="forbid", frozen=True, populate_by_name=True),
        **enums,
    )
    sys.modules[module.__name__] = module
    exec(
        compile("from __future__ import annotations\n" + source, module.__name__, "exec"),
        module.__dict__,
    )
    if flavour == "pydantic":
        for cls in records():
            module.__dict__[cls.__name__].model_rebuild()
    return module


_MSGSPEC = _build("msgspec")
_PYDANTIC = _build("pydantic")

#: The msgspec mirror of SelfEvaluation (decode with ``msgspec.json.Decoder(MSGSPEC_REPORT)``).
MSGSPEC_REPORT: Any = _MSGSPEC.SelfEvaluation
#: The pydantic mirror of SelfEvaluation (decode with ``PYDANTIC_REPORT.model_validate_json``).
PYDANTIC_REPORT: Any = _PYDANTIC.SelfEvaluation
