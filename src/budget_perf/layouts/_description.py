"""A layout description: where a table form prints each part of the model (private).

A description is data (a JSON file beside this module, see docs/layouts.md): the labels that
identify the form, the facts it prints beside a label (项目名称, 主管部门 ...), and its blocks —
funding, goal, indicators, total, income/spending split, score sheet — each found by a start
label and read through columns found by their header labels.  The engine
(:mod:`budget_perf.layouts._engine`) knows no province: everything particular to a form is here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from budget_perf._celltext import normalise
from budget_perf._textcache import text_cache
from budget_perf.model.funds import RateBasis
from budget_perf.model.indicators import Level1
from budget_perf.model.region import Region

__all__ = ["Block", "Column", "Fact", "Labels", "Layout", "RowRule", "label_key"]

TABLES = ("project", "department", "score_sheet", "basic_data", "workbook")
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


@text_cache(maxsize=16384)
def _keys(text: str) -> tuple[str, str]:
    """A cell's text as compared, and its part before a colon (kept for cell-sized texts: a
    grid's labels are compared with every layout's)."""
    key = label_key(text)
    return key, key.split(":", 1)[0]


@attrs.frozen(kw_only=True)
class Labels:
    """The variants of one printed label; ``*`` in a variant stands for any text."""

    variants: tuple[str, ...]
    exact: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    patterns: tuple[re.Pattern[str], ...] = attrs.field(init=False, eq=False, repr=False)

    @exact.default
    def _exact(self) -> frozenset[str]:
        return frozenset(label_key(v) for v in self.variants if "*" not in v)

    @patterns.default
    def _compile(self) -> tuple[re.Pattern[str], ...]:
        return tuple(_pattern(variant) for variant in self.variants if "*" in variant)

    def match(self, text: str) -> bool:
        """Whether a cell reads as this label, alone or before a colon ("部门:…")."""
        key, head = _keys(text)
        if key in self.exact or head in self.exact:
            return True
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


#: The sign-off line under a table (填表人：… 联系电话：… 填报日期：…), which a form prints whether
#: or not its description names it: a label the layout's own facts do not read is read as this
#: fact, its value after the colon or in the next cell ("sign_off"), so that a phone number or a
#: date beside it is neither refused as a figure without a place nor read as an indicator row.
SIGN_OFF = (
    ("填表人", "prepared_by"), ("制表人", "prepared_by"), ("联系人", "prepared_by"),
    ("联系电话", "phone"), ("填报日期", "date_filed"), ("单位负责人", "head_of_unit"),
)  # fmt: skip


def with_sign_off(facts: tuple[Fact, ...]) -> tuple[Fact, ...]:
    """*facts* and each :data:`SIGN_OFF` label none of them reads.

    >>> [f.field for f in with_sign_off(())][:2]
    ['prepared_by', 'prepared_by']
    >>> own = Fact(labels=Labels(variants=("联系电话",)), field="ignore")
    >>> "phone" in {f.field for f in with_sign_off((own,))}
    False
    """
    extra = tuple(
        Fact(labels=Labels(variants=(label,)), field=field, take="sign_off")
        for label, field in SIGN_OFF
        if not any(fact.labels.match(label) for fact in facts)
    )
    return (*facts, *extra)


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
