"""考核评分表: filling in the finance bureau's review sheet of a unit's self-evaluation work.

The finance bureau grades the quality of each unit's self-evaluation work on a 100-point sheet
(rules.md §7).  Much of it is mechanical — are the 正文 parts and 附件 all there, do the weights
follow the rules, are the indicators refined to 三级, how many working days late was the
report — and the library suggests those scores, each with its evidence.  The rest needs a
reviewer's judgement (the quality of the problems found, of the suggestions), which the library
collects with a reason and checks against the sheet's bands, and never invents.

- :mod:`.sheet`, :mod:`.sheet_files`: the sheet as data (``yueyang-2022``; ``example-county``,
  a made-up one) and its reading from JSON;
- :mod:`.workdays`: working days on a calendar of weekends, holidays and make-up days;
- :mod:`.facts`: the facts of the process and the reviewer's scores, from JSON;
- :mod:`.parts`, :mod:`.suggest`: which parts a report holds; the suggested scores;
- :mod:`.filled`: the filled sheet; :mod:`.render`: text, HTML, Markdown and JSON.

>>> from budget_perf.examples import load
>>> facts = facts_from_json('''{"notice": {"issued": true, "contents": []}, "working_group": true,
...     "units_not_self_checked": [], "deadline": "2023-06-21", "submitted": "2023-06-26",
...     "calendar": "cn-2023"}''')
>>> filled = fill_sheet(load("yueyang-npc-2022"), facts)
>>> filled.item("submission").score, filled.item("notice_contents").score
(Decimal('8'), Decimal('0'))
>>> [item.item.key for item in filled.open_items]  # the reviewer's part
['measurable', 'core_indicators', 'relevant_indicators', 'problems', 'suggestions']
"""

from budget_perf.review._errors import InvalidReviewInput
from budget_perf.review.facts import ReviewerInput, ReviewFacts, facts_from_json
from budget_perf.review.filled import DEFAULT_SHEET, FilledItem, FilledSheet, ItemStatus, fill_sheet
from budget_perf.review.parts import PartState, attachment_state, part_state
from budget_perf.review.render import (
    filled_to_data,
    filled_to_json,
    render_html,
    render_markdown,
    render_text,
)
from budget_perf.review.sheet import (
    Band,
    NamedPart,
    ReviewSheet,
    RuleKind,
    SheetItem,
    SheetRule,
)
from budget_perf.review.sheet_files import (
    list_sheets,
    load_sheet,
    load_sheet_file,
    sheet_from_json,
)
from budget_perf.review.suggest import suggest
from budget_perf.review.suggestion import Basis, Evidence, Suggestion
from budget_perf.review.workdays import (
    WorkCalendar,
    calendar_from_json,
    list_calendars,
    load_calendar,
    load_calendar_file,
)

__all__ = [
    "DEFAULT_SHEET",
    "Band",
    "Basis",
    "Evidence",
    "FilledItem",
    "FilledSheet",
    "InvalidReviewInput",
    "ItemStatus",
    "NamedPart",
    "PartState",
    "ReviewFacts",
    "ReviewSheet",
    "ReviewerInput",
    "RuleKind",
    "SheetItem",
    "SheetRule",
    "Suggestion",
    "WorkCalendar",
    "attachment_state",
    "calendar_from_json",
    "facts_from_json",
    "fill_sheet",
    "filled_to_data",
    "filled_to_json",
    "list_calendars",
    "list_sheets",
    "load_calendar",
    "load_calendar_file",
    "load_sheet",
    "load_sheet_file",
    "part_state",
    "render_html",
    "render_markdown",
    "render_text",
    "sheet_from_json",
    "suggest",
]
