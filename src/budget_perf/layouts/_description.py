"""A layout description: where a table form prints each part of the model (private).

A description is data (a JSON file beside this module, see docs/layouts.md): the labels that
identify the form, the facts it prints beside a label (项目名称, 主管部门 ...), and its blocks —
funding, goal, indicators, total, income/spending split, score sheet — each found by a start
label and read through columns found by their header labels.  The engine
(:mod:`budget_perf.layouts._engine`) knows no province: everything particular to a form is here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from budget_perf._celltext import normalise
from budget_perf._jsonload import loads_strict
from budget_perf.errors import BudgetPerfError, InvalidLayout
from budget_perf.model.funds import FundKind, IncomeKind, RateBasis, SpendingKind
from budget_perf.model.indicators import Level1
from budget_perf.model.region import Region

__all__ = ["Block", "Column", "Fact", "Layout", "RowRule", "label_key", "parse_layout"]

TABLES = ("project", "department", "score_sheet", "basic_data")
#: What a fact beside a label fills in, per table kind (and for every table: the report's).
FACT_FIELDS = frozenset(
    {
        "name", "supervising_department", "implementing_unit", "notes", "problems",
        "improvements", "conclusion", "department", "department_name", "unit_name",
        "date_filed", "phone", "prepared_by", "head_of_unit", "stated_total_score",
        "money_unit", "ignore",
    }
)  # fmt: skip
TAKES = ("right", "after_colon", "pair")
BLOCK_KINDS = ("funding", "goal", "indicators", "total", "split", "score_sheet")
#: The column roles each block kind knows.
ROLES: Mapping[str, frozenset[str]] = {
    "funding": frozenset(
        {
            "initial_budget", "full_year_budget", "received", "executed", "weight", "rate",
            "score", "scoring_method",
        }
    ),
    "goal": frozenset({"expected", "adjusted", "achieved", "completion_rate"}),
    "indicators": frozenset(
        {
            "level1", "level2", "name", "target", "actual", "weight", "score", "deviation_note",
            "nature", "measure_unit", "adjusted_target", "description", "proportion",
            "weighted_score", "score_coefficient", "completion", "core",
        }
    ),
    "total": frozenset(),
    "split": frozenset({"income", "spending"}),
    "score_sheet": frozenset(
        {
            "number", "group", "group_weight", "subgroup", "subgroup_weight", "name", "weight",
            "explanation", "criteria", "value", "score", "note",
        }
    ),
}  # fmt: skip
TOTAL_FIELDS = frozenset({"stated_total_weight", "stated_total_score", "stated_grade"})
FUNDING_FIELDS = frozenset({"weight", "stated_score", "stated_execution_rate"})
NOT_PRINTED = {
    "indicator": frozenset(ROLES["indicators"] - {"level1", "level2", "name"} | {"weight"}),
    "tree": frozenset({"stated_total_weight", "stated_total_score"}),
    "funding": frozenset({"weight", "stated_score", "stated_execution_rate"}),
}
PARTS = ("funding", "split", "goal", "indicators", "total", "signature", "score_sheet")
REPORT_PARTS = ("projects", "basic_data", "department_table")
_SPACES = re.compile(r"\s+")


def label_key(text: str) -> str:
    """A label as compared: normalised, spaces removed, a trailing colon dropped.

    >>> label_key(" 资 金 来 源："), label_key("项目资金（元）")
    ('资金来源', '项目资金(元)')
    """
    return _SPACES.sub("", normalise(text)).rstrip(":")


def _pattern(label: str) -> re.Pattern[str]:
    """A label with ``*`` standing for any text ("年度绩效目标*")."""
    return re.compile(".*".join(re.escape(label_key(part)) for part in label.split("*")))


@attrs.frozen(kw_only=True)
class Labels:
    """The variants of one printed label; ``*`` in a variant stands for any text."""

    variants: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...] = attrs.field(init=False, eq=False, repr=False)

    @patterns.default
    def _compile(self) -> tuple[re.Pattern[str], ...]:
        return tuple(_pattern(variant) for variant in self.variants)

    def match(self, text: str) -> bool:
        """Whether a cell reads as this label, alone or before a colon ("部门:…")."""
        key = label_key(text)
        head = key.split(":", 1)[0]
        return any(p.fullmatch(key) or p.fullmatch(head) for p in self.patterns)


@attrs.frozen(kw_only=True)
class Column:
    """A column role and the header labels that name its column (*offset*: the figures sit
    that many columns right of the header; *after*: the role whose column it follows)."""

    role: str
    labels: Labels
    offset: int = 0
    after: str = ""


@attrs.frozen(kw_only=True)
class RowRule:
    """A body row found by its label: the total row, a fund source or a spending row, or the
    indicator block's execution row (``funding_score``) with the funding fields it fills."""

    labels: Labels | None
    is_: str
    fields: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class Fact:
    """A value printed beside its label: to the right, after the colon, or as "label：value"."""

    labels: Labels
    field: str
    take: str = "right"


@attrs.frozen(kw_only=True)
class Block:
    """One block of a form: where it starts, its header's columns and its labelled rows."""

    kind: str
    start: Labels
    columns: tuple[Column, ...] = ()
    rows: tuple[RowRule, ...] = ()
    header_rows: int = 1
    goal_from_start: bool = False
    weight_from_start: bool = False
    includes_execution: bool = True
    rate_basis: RateBasis = RateBasis.FULL_YEAR_BUDGET
    fields: Mapping[str, str] = attrs.field(factory=dict)
    kinds: Mapping[str, tuple[tuple[str, str], ...]] = attrs.field(factory=dict)

    def column(self, role: str) -> Column | None:
        """The column of *role*, or None where the form has none."""
        return next((c for c in self.columns if c.role == role), None)


@attrs.frozen(kw_only=True)
class Layout:
    """A table form described as data (see docs/layouts.md)."""

    key: str
    title: str
    source: str
    valid_from: int | None
    valid_to: int | None
    region: Region | None
    table: str
    money_unit: str | None
    match: tuple[Labels, ...]
    facts: tuple[Fact, ...]
    blocks: tuple[Block, ...]
    parts: tuple[str, ...]
    report_parts: tuple[str, ...]
    department_from: tuple[str, ...]
    not_printed: Mapping[str, tuple[str, ...]]
    placeholder: re.Pattern[str] | None
    not_applicable: re.Pattern[str] | None
    level1: tuple[tuple[str, Level1], ...]

    def block(self, kind: str) -> Block | None:
        """The first block of *kind*, or None."""
        return next((b for b in self.blocks if b.kind == kind), None)


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
    if not blocks:
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
        table=_choice(data["table"], "$.table", TABLES),
        money_unit=money,
        match=tuple(Labels(variants=(label,)) for label in match),
        facts=tuple(_fact(f, f"$.facts[{i}]") for i, f in enumerate(_list(data, "facts", "$"))),
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
