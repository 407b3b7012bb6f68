"""The facts of the review that a report does not hold, and the reviewer's own scores.

The sheet scores the process as well as the report: whether a notice (自评通知) was issued and
what it contained, whether a working group (工作小组) was set up, which units did not
self-check (单位自查), the deadline and the day of submission, on a working calendar.  These
come from the reviewer, in a JSON facts file; so do the reviewer's scores of the judged items
and the confirmation or override of a suggestion made at discretion (酌情).  Every fact is
optional: an item whose fact is missing has no score yet, never a guessed one.

The shape (``examples/review-facts.json`` is a full one)::

    {
      "sheet": "yueyang-2022",
      "note": "free text: where the facts come from",
      "notice": {"issued": true, "contents": ["自评范围", "有关要求"]},
      "working_group": true,
      "units_not_self_checked": ["某某中心"],
      "deadline": "2023-06-21",
      "submitted": "2023-06-26",
      "calendar": "cn-2023",
      "reviewer": {
        "problems": {"score": "16", "reason": "问题归纳较全面，原因分析偏简"},
        "measurable": {"confirm": true},
        "refined": {"score": "4", "reason": "…"}
      }
    }

``calendar`` is a bundled calendar's key or a calendar object in the shape of
:func:`~budget_perf.review.workdays.calendar_from_json`.  A reviewer entry gives a ``score``
(a decimal string) with a ``reason``, or ``"confirm": true`` for a suggestion made at
discretion; ``"other_case": true`` beside a score marks the sheet's 其他情况酌情扣分 (a score
outside the printed bands, where the sheet allows it).

>>> facts = facts_from_json('{"working_group": true, "deadline": "2023-06-21"}')
>>> facts.working_group, facts.deadline, facts.submitted
(True, datetime.date(2023, 6, 21), None)
>>> facts_from_json('{"reviewer": {"problems": {"score": 16}}}')
Traceback (most recent call last):
...
budget_perf.review._errors.InvalidReviewInput: facts: expected a decimal string such as "2",
    got the JSON number 16 @ $.reviewer.problems.score
"""

import datetime
from decimal import Decimal

import attrs

from budget_perf.review._errors import InvalidReviewInput
from budget_perf.review._read import Node
from budget_perf.review.workdays import WorkCalendar, load_calendar, read_calendar

__all__ = ["ReviewFacts", "ReviewerInput", "facts_from_json"]


@attrs.frozen(kw_only=True)
class ReviewerInput:
    """A reviewer's word on one item: a score with its reason, or a confirmation."""

    item: str
    score: Decimal | None = None
    reason: str = ""
    confirm: bool = False
    other_case: bool = False


@attrs.frozen(kw_only=True)
class ReviewFacts:
    """The facts of the process and the reviewer's input; ``None`` where not given."""

    sheet: str | None = None
    note: str = ""
    notice_issued: bool | None = None
    notice_contents: tuple[str, ...] | None = None
    working_group: bool | None = None
    units_not_self_checked: tuple[str, ...] | None = None
    deadline: datetime.date | None = None
    submitted: datetime.date | None = None
    calendar: WorkCalendar | None = None
    reviewer: tuple[ReviewerInput, ...] = ()

    def input_for(self, item: str) -> ReviewerInput | None:
        """The reviewer's input on *item*, if any."""
        return next((entry for entry in self.reviewer if entry.item == item), None)


def _reviewer(key: str, node: Node) -> ReviewerInput:
    data = node.object(set(), {"score", "reason", "confirm", "other_case"})
    score = data["score"].decimal() if "score" in data else None
    reason = data["reason"].text().strip() if "reason" in data else ""
    confirm = data["confirm"].flag() if "confirm" in data else False
    other = data["other_case"].flag() if "other_case" in data else False
    if (score is None) == (not confirm):
        raise node.refuse(
            'give either a "score" with a "reason" or "confirm": true',
            '请给出 "score" 及 "reason"，或 "confirm": true（二者取一）',
        )
    if score is not None and not reason:
        raise node.refuse("a reviewer's score needs a reason", "评审打分须说明理由（reason）")
    if other and score is None:
        raise node.refuse('"other_case" goes with a score', '"other_case" 须与 score 一起给出')
    return ReviewerInput(item=key, score=score, reason=reason, confirm=confirm, other_case=other)


_KEYS = {
    "sheet", "note", "notice", "working_group", "units_not_self_checked", "deadline",
    "submitted", "calendar", "reviewer",
}  # fmt: skip


def facts_from_json(text: str | bytes, *, document: str = "facts") -> ReviewFacts:
    """The facts in the JSON *text* (see the module docstring for the shape).

    Raises:
        InvalidReviewInput: the text does not fit; the message names the path.
    """
    data = Node.parse(text, document).object(set(), _KEYS)
    fields: dict[str, object] = {}
    for key in ("sheet", "note"):
        if key in data:
            fields[key] = data[key].text()
    if "notice" in data:
        notice = data["notice"].object({"issued"}, {"contents"})
        fields["notice_issued"] = notice["issued"].flag()
        if "contents" in notice:
            fields["notice_contents"] = tuple(n.text() for n in notice["contents"].list())
    if "working_group" in data:
        fields["working_group"] = data["working_group"].flag()
    if "units_not_self_checked" in data:
        units = tuple(n.text() for n in data["units_not_self_checked"].list())
        if len(set(units)) != len(units):
            raise data["units_not_self_checked"].refuse(
                "a unit is named twice (each unit counts once)",
                "有单位重复列出（每个单位只计一次）",
            )
        fields["units_not_self_checked"] = units
    for key in ("deadline", "submitted"):
        if key in data:
            fields[key] = data[key].date()
    if "calendar" in data:
        node = data["calendar"]
        if isinstance(node.value, str):
            try:
                fields["calendar"] = load_calendar(node.value)
            except InvalidReviewInput as exc:
                raise node.refuse(str(exc), exc.message("zh")) from None
        else:
            fields["calendar"] = read_calendar(node)
    if "reviewer" in data:
        fields["reviewer"] = tuple(_reviewer(k, n) for k, n in data["reviewer"].items())
    return ReviewFacts(**fields)  # type: ignore[arg-type]
