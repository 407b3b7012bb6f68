"""考核评分表 as data: the finance bureau's sheet for grading a unit's self-evaluation work.

A sheet lists its items (评分项) with their points, the sheet's own criteria (评分标准, quoted),
the evidence each asks for (所需佐证材料) and a *rule*: how the library suggests a score, or
that a reviewer judges it.  Beside the items a sheet names the required 正文 parts (the report's
section headings), the required 附件 and the contents a 自评通知 must have.  Sheets are JSON files
like the rule profiles; two are bundled:

- ``yueyang-2022``: the Yueyang sheet printed at the end of the bundled report;
- ``example-county``: a made-up sheet (``example`` is true) written the same way, to show that
  a sheet is data: other points, other deductions, other parts.

Rule kinds (``rule.kind``), each with the facts it reads:

- ``fact``: all or nothing on a yes/no fact (``notice_issued``, ``working_group``);
- ``notice_contents``: a deduction per required content the notice lacks;
- ``units_not_self_checked``: a deduction per unit that did not self-check;
- ``lateness``: a deduction per working day late (``deadline_day_counts``);
- ``report_parts`` / ``attachments``: a deduction per 正文 part / 附件 known to be absent;
- ``profile_weights``: points in proportion to the weights that follow the profile;
- ``refined``: all 一级 blocks refined to 三级 (partly: at discretion);
- ``measurable``: the share of 三级 targets that are measurable (at discretion);
- ``judged``: the reviewer's score, within one of the ``bands``.

>>> from budget_perf.review.sheet_files import load_sheet
>>> sheet = load_sheet("yueyang-2022")
>>> sheet.total, len(sheet.items), sheet.item("submission").rule.deadline_day_counts
(Decimal('100'), 14, False)
>>> [str(b) for b in sheet.item("problems").rule.bands]
['20', '16–18', '13–15', '10–12', '0']
"""

import enum
from decimal import Decimal

import attrs

__all__ = [
    "ATTACHMENT_KEYS",
    "FACT_KEYS",
    "REPORT_PART_KEYS",
    "Band",
    "NamedPart",
    "ReviewSheet",
    "RuleKind",
    "SheetItem",
    "SheetRule",
]

#: The 正文 parts the library can find in a report, by key (see :mod:`.parts`).
REPORT_PART_KEYS = (
    "basic_info",
    "general_budget",
    "government_fund",
    "state_capital",
    "social_insurance",
    "performance",
    "problems",
    "improvements",
    "results_use",
    "other_matters",
)
#: The 附件 the library can find in a report, by key.
ATTACHMENT_KEYS = ("basic_data", "department_table", "project_tables")
#: The yes/no facts a ``fact`` rule can read.
FACT_KEYS = ("notice_issued", "working_group")


class RuleKind(enum.Enum):
    """How an item is scored: suggested from evidence (all but one kind) or judged."""

    FACT = "fact"
    NOTICE_CONTENTS = "notice_contents"
    UNITS_NOT_SELF_CHECKED = "units_not_self_checked"
    LATENESS = "lateness"
    REPORT_PARTS = "report_parts"
    ATTACHMENTS = "attachments"
    PROFILE_WEIGHTS = "profile_weights"
    REFINED = "refined"
    MEASURABLE = "measurable"
    JUDGED = "judged"


@attrs.frozen(kw_only=True)
class Band:
    """A band of a judged item: the scores from *lower* to *upper*, and what earns them."""

    lower: Decimal
    upper: Decimal
    zh: str = ""
    en: str = ""

    def __str__(self) -> str:
        return str(self.lower) if self.lower == self.upper else f"{self.lower}–{self.upper}"

    def holds(self, score: Decimal) -> bool:
        """Whether *score* lies in this band."""
        return self.lower <= score <= self.upper


@attrs.frozen(kw_only=True)
class SheetRule:
    """The rule of one item (see the module docstring for the kinds)."""

    kind: RuleKind
    fact: str | None = None
    deduction: Decimal | None = None
    max_deduction: Decimal | None = None
    deadline_day_counts: bool = False
    bands: tuple[Band, ...] = ()
    other_cases: bool = False


@attrs.frozen(kw_only=True)
class SheetItem:
    """One scored line of the sheet (a level-2 item, or one numbered clause of it)."""

    key: str
    level1: str
    level1_en: str
    level1_points: Decimal
    level2: str
    level2_en: str
    level2_points: Decimal
    points: Decimal
    criteria: str
    evidence: str
    rule: SheetRule

    @property
    def judged(self) -> bool:
        """Whether a reviewer gives this item's score (no suggestion is ever made)."""
        return self.rule.kind is RuleKind.JUDGED


@attrs.frozen(kw_only=True)
class NamedPart:
    """A required 正文 part (by its heading) or 附件 (by its name), with its English gloss."""

    key: str
    name: str
    en: str


@attrs.frozen(kw_only=True)
class ReviewSheet:
    """A whole review sheet: items, required parts and attachments, and its source."""

    key: str
    title: str
    title_en: str
    jurisdiction: str
    example: bool
    source_title: str
    source_document: str | None
    notes: str
    total: Decimal
    profile: str
    report_parts: tuple[NamedPart, ...]
    attachments: tuple[NamedPart, ...]
    notice_contents: tuple[str, ...]
    items: tuple[SheetItem, ...]

    def item(self, key: str) -> SheetItem:
        """The item called *key*.

        Raises:
            KeyError: the sheet has no such item.
        """
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)
