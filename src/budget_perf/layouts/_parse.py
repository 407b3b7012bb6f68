"""Reading a layout description from JSON, every problem reported at its path (private).

Unknown and duplicate keys are refused, so that a typo cannot silently drop a column; each
choice (a table kind, a column role, a row kind) must be one the engine knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from budget_perf._jsonload import loads_strict
from budget_perf.errors import BudgetPerfError, InvalidLayout
from budget_perf.layouts._description import (
    BLOCK_KINDS,
    FACT_FIELDS,
    FUNDING_FIELDS,
    NOT_PRINTED,
    PARTS,
    REPORT_PARTS,
    ROLES,
    TABLES,
    TAKES,
    TOTAL_FIELDS,
    Block,
    Column,
    Fact,
    Labels,
    Layout,
    RowRule,
    label_key,
    with_sign_off,
)
from budget_perf.model.funds import FundKind, IncomeKind, RateBasis, SpendingKind
from budget_perf.model.indicators import Level1
from budget_perf.model.region import Region

__all__ = ["parse_layout"]


# Parsing -------------------------------------------------------------------------------------


def _problem(path: str, message: str) -> InvalidLayout:
    return InvalidLayout(f"{message} @ {path}", message_zh=f"版式描述有误：{message} @ {path}")


def _object(value: object, path: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _problem(path, f"expected an object, got {type(value).__name__}")
    missing = sorted(required - value.keys())
    if missing:
        raise _problem(path, f"missing key(s) {', '.join(missing)}")
    extra = sorted(value.keys() - required - optional)
    if extra:
        raise _problem(path, f"unknown key(s) {', '.join(extra)}")
    return value


def _text(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise _problem(path, f"expected a string, got {type(value).__name__}")
    return value


def _choice(value: object, path: str, allowed: Iterable[str]) -> str:
    text = _text(value, path)
    options = tuple(allowed)
    if text not in options:
        raise _problem(path, f"expected one of {', '.join(options)}, got {text!r}")
    return text


def _strings(value: object, path: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _problem(path, f"expected a list of strings, got {type(value).__name__}")
    return tuple(_text(item, f"{path}[{i}]") for i, item in enumerate(value))


def _labels(value: object, path: str) -> Labels:
    variants = _strings(value, path)
    if not variants or not all(label_key(v.replace("*", "")) or v == "*" for v in variants):
        raise _problem(path, "expected at least one label, none of them blank")
    return Labels(variants=variants)


def _year(value: object, path: str) -> int | None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise _problem(path, "expected a year (an integer) or null")
    return value


def _regex(value: object, path: str) -> re.Pattern[str] | None:
    if value is None:
        return None
    try:
        return re.compile(_text(value, path))
    except re.error as exc:
        raise _problem(path, f"not a regular expression: {exc}") from None


def _column(value: object, path: str, kind: str) -> Column:
    data = _object(value, path, {"role", "labels"}, {"offset", "after"})
    offset = data.get("offset", 0)
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= 5:
        raise _problem(f"{path}.offset", "expected an integer from 0 to 5")
    return Column(
        role=_choice(data["role"], f"{path}.role", sorted(ROLES[kind])),
        labels=_labels(data["labels"], f"{path}.labels"),
        offset=offset,
        after=_text(data.get("after", ""), f"{path}.after"),
    )


def _row_kinds() -> tuple[str, ...]:
    sources = (f"source:{kind.name.lower()}" for kind in FundKind)
    spending = (f"spending:{kind.name.lower()}" for kind in SpendingKind)
    return ("total", "funding_score", *sources, *spending)


def _row(value: object, path: str) -> RowRule:
    data = _object(value, path, {"is"}, {"labels", "fields"})
    fields = data.get("fields", {})
    if not isinstance(fields, dict):
        raise _problem(f"{path}.fields", "expected an object")
    for name, role in fields.items():
        _choice(name, f"{path}.fields", sorted(FUNDING_FIELDS))
        _choice(role, f"{path}.fields.{name}", sorted(ROLES["indicators"]))
    labels = data.get("labels")
    return RowRule(
        labels=None if labels is None else _labels(labels, f"{path}.labels"),
        is_=_choice(data["is"], f"{path}.is", _row_kinds()),
        fields=dict(fields),
    )


def _kinds(value: object, path: str) -> dict[str, tuple[tuple[str, str], ...]]:
    data = _object(value, path, set(), {"income", "spending"})
    enums: dict[str, type[IncomeKind] | type[SpendingKind]] = {
        "income": IncomeKind, "spending": SpendingKind,
    }  # fmt: skip
    result: dict[str, tuple[tuple[str, str], ...]] = {}
    for side, pairs in data.items():
        names = [kind.name.lower() for kind in enums[side]]
        if not isinstance(pairs, list):
            raise _problem(f"{path}.{side}", "expected a list of [label, kind] pairs")
        result[side] = tuple(
            (
                _text(p[0], f"{path}.{side}[{i}][0]"),
                _choice(p[1], f"{path}.{side}[{i}][1]", names),
            )
            if isinstance(p, list) and len(p) == 2
            else _bad_pair(f"{path}.{side}[{i}]")
            for i, p in enumerate(pairs)
        )
    return result


def _bad_pair(path: str) -> tuple[str, str]:
    raise _problem(path, "expected a [label, kind] pair")


_BLOCK_KEYS = {
    "columns", "rows", "header_rows", "goal_from_start", "weight_from_start", "rate_basis",
    "includes_execution",
    "fields", "kinds",
}  # fmt: skip


def _block(value: object, path: str) -> Block:
    data = _object(value, path, {"kind", "start"}, _BLOCK_KEYS)
    kind = _choice(data["kind"], f"{path}.kind", BLOCK_KINDS)
    columns = tuple(
        _column(c, f"{path}.columns[{i}]", kind) for i, c in enumerate(_list(data, "columns", path))
    )
    roles = [c.role for c in columns]
    if len(set(roles)) != len(roles):
        raise _problem(f"{path}.columns", "a role is given twice")
    for i, column in enumerate(columns):
        if column.after and column.after not in roles[:i]:
            raise _problem(f"{path}.columns[{i}].after", f"no earlier column {column.after!r}")
    fields = data.get("fields", {})
    if not isinstance(fields, dict):
        raise _problem(f"{path}.fields", "expected an object")
    for name, role in fields.items():
        _choice(name, f"{path}.fields", sorted(TOTAL_FIELDS))
        _choice(role, f"{path}.fields.{name}", sorted(ROLES["indicators"]))
    header_rows = data.get("header_rows", 1)
    if (
        not isinstance(header_rows, int)
        or isinstance(header_rows, bool)
        or not 1 <= header_rows <= 4
    ):
        raise _problem(f"{path}.header_rows", "expected an integer from 1 to 4")
    flags = {}
    for flag in ("goal_from_start", "weight_from_start", "includes_execution"):
        flags[flag] = data.get(flag, flag == "includes_execution")
        if not isinstance(flags[flag], bool):
            raise _problem(f"{path}.{flag}", "expected true or false")
    basis = _choice(
        data.get("rate_basis", "full_year_budget"),
        f"{path}.rate_basis",
        [b.name.lower() for b in RateBasis],
    )
    return Block(
        kind=kind,
        start=_labels(data["start"], f"{path}.start"),
        columns=columns,
        rows=tuple(_row(r, f"{path}.rows[{i}]") for i, r in enumerate(_list(data, "rows", path))),
        header_rows=header_rows,
        goal_from_start=flags["goal_from_start"],
        weight_from_start=flags["weight_from_start"],
        includes_execution=flags["includes_execution"],
        rate_basis=RateBasis[basis.upper()],
        fields=dict(fields),
        kinds=_kinds(data.get("kinds", {}), f"{path}.kinds"),
    )


def _list(data: dict[str, Any], key: str, path: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise _problem(f"{path}.{key}", "expected a list")
    return value


def _fact(value: object, path: str) -> Fact:
    data = _object(value, path, {"labels", "field"}, {"take"})
    return Fact(
        labels=_labels(data["labels"], f"{path}.labels"),
        field=_choice(data["field"], f"{path}.field", sorted(FACT_FIELDS)),
        take=_choice(data.get("take", "right"), f"{path}.take", TAKES),
    )


def _region(value: object, path: str) -> Region | None:
    if value is None:
        return None
    data = _object(value, path, set(), {"province", "city", "county"})
    return Region(**{k: _text(v, f"{path}.{k}") for k, v in data.items()})


def _not_printed(value: object, path: str) -> dict[str, tuple[str, ...]]:
    data = _object(value, path, set(), set(NOT_PRINTED))
    result = {}
    for record, names in data.items():
        parts = _strings(names, f"{path}.{record}")
        for i, name in enumerate(parts):
            _choice(name, f"{path}.{record}[{i}]", sorted(NOT_PRINTED[record]))
        result[record] = parts
    return result


def _level1(value: object, path: str) -> tuple[tuple[str, Level1], ...]:
    data = _object(value, path, set(), set(value) if isinstance(value, dict) else set())
    names = [level.name.lower() for level in Level1]
    return tuple(
        (label_key(_text(label, path)), Level1[_choice(kind, f"{path}.{label}", names).upper()])
        for label, kind in data.items()
    )


_REQUIRED = {"key", "title", "source", "table", "match", "blocks"}
_OPTIONAL = {
    "valid_from", "valid_to", "region", "money_unit", "facts", "parts", "report_parts",
    "department_from", "not_printed", "placeholder", "not_applicable", "level1", "note",
}  # fmt: skip


def parse_layout(text: str | bytes) -> Layout:
    """The layout described by the JSON *text*; every problem is an :class:`InvalidLayout`
    naming its path in the document."""
    try:
        data = _object(loads_strict(text), "$", _REQUIRED, _OPTIONAL)
    except InvalidLayout:
        raise
    except BudgetPerfError as exc:
        raise _problem("$", str(exc)) from None
    key = _text(data["key"], "$.key")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key):
        raise _problem("$.key", f"expected lower-case words joined by '-', got {key!r}")
    blocks = tuple(_block(b, f"$.blocks[{i}]") for i, b in enumerate(_list(data, "blocks", "$")))
    table = _choice(data["table"], "$.table", TABLES)
    if not blocks and table not in ("basic_data", "workbook"):
        raise _problem("$.blocks", "a layout needs at least one block")
    money = data.get("money_unit")
    if money is not None:
        _choice(money, "$.money_unit", ("元", "万元"))
    match = _strings(data["match"], "$.match")
    if not match:
        raise _problem("$.match", "a layout needs at least one label to be recognised by")
    return Layout(
        key=key,
        title=_text(data["title"], "$.title"),
        source=_text(data["source"], "$.source"),
        valid_from=_year(data.get("valid_from"), "$.valid_from"),
        valid_to=_year(data.get("valid_to"), "$.valid_to"),
        region=_region(data.get("region"), "$.region"),
        table=table,
        money_unit=money,
        match=tuple(Labels(variants=(label,)) for label in match),
        facts=with_sign_off(
            tuple(_fact(f, f"$.facts[{i}]") for i, f in enumerate(_list(data, "facts", "$")))
        ),
        blocks=blocks,
        parts=tuple(
            _choice(p, f"$.parts[{i}]", PARTS) for i, p in enumerate(_list(data, "parts", "$"))
        ),
        report_parts=tuple(
            _choice(p, f"$.report_parts[{i}]", REPORT_PARTS)
            for i, p in enumerate(_list(data, "report_parts", "$"))
        ),
        department_from=tuple(
            _choice(p, f"$.department_from[{i}]", sorted(FACT_FIELDS | {"title_prefix"}))
            for i, p in enumerate(_list(data, "department_from", "$"))
        ),
        not_printed=_not_printed(data.get("not_printed", {}), "$.not_printed"),
        placeholder=_regex(data.get("placeholder"), "$.placeholder"),
        not_applicable=_regex(data.get("not_applicable"), "$.not_applicable"),
        level1=_level1(data.get("level1", {}), "$.level1"),
    )
