"""工作日: counting working days late on a calendar of weekends, holidays and make-up days.

The review sheet deducts points "每推迟一个工作日" (per working day late).  A working day is a
day that is not a weekend day and not a public holiday, or a make-up working day (调休上班: a
weekend day the State Council makes a working day).  Calendars are data; ``cn-2023`` is
bundled, from 《国务院办公厅关于2023年部分节假日安排的通知》(国办发明电〔2022〕16号), and a
user's calendar is JSON in the same shape.  A calendar covers the days from ``first`` to
``last``: a count that reaches beyond them is refused, since the holidays there are not known.

The days late are the working days after the deadline up to and including the day of
submission; where the sheet says ``deadline_day_counts`` (due *before* the deadline), the
deadline day itself is one of them when it is a working day.

>>> import datetime
>>> cn = load_calendar("cn-2023")
>>> day = datetime.date
>>> cn.is_working_day(day(2023, 6, 22)), cn.is_working_day(day(2023, 6, 25))  # 端午; 调休
(False, True)
>>> cn.working_days_late(day(2023, 6, 21), day(2023, 6, 26))  # Sun 25th (调休) and Mon 26th
2
>>> cn.working_days_late(day(2023, 6, 21), day(2023, 6, 21), deadline_day_counts=True)
1
>>> cn.working_days_late(day(2023, 12, 29), day(2024, 1, 2))
Traceback (most recent call last):
...
budget_perf.review._errors.InvalidReviewInput: calendar cn-2023 covers 2023-01-01 to
    2023-12-31, not 2024-01-02: supply a calendar that covers the submission date
"""

import datetime
import functools
from collections.abc import Iterable
from importlib import resources
from os import PathLike

import attrs

from budget_perf._wording import show
from budget_perf.review._errors import InvalidReviewInput
from budget_perf.review._read import Node

__all__ = [
    "WorkCalendar",
    "calendar_from_json",
    "list_calendars",
    "load_calendar",
    "load_calendar_file",
    "read_calendar",
]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: The longest run of days one holiday entry may give (the longest Chinese holiday is 8 days).
MAX_HOLIDAY_DAYS = 31
_ONE_DAY = datetime.timedelta(days=1)


@attrs.frozen(kw_only=True)
class WorkCalendar:
    """Weekends, holidays and make-up working days over the days from *first* to *last*."""

    key: str
    title: str
    source_title: str
    source_document: str | None
    first: datetime.date
    last: datetime.date
    weekend: frozenset[int]  # date.weekday() numbers: 5 is Saturday, 6 Sunday
    holidays: frozenset[datetime.date]
    make_up_days: frozenset[datetime.date]

    def is_working_day(self, day: datetime.date) -> bool:
        """Whether *day* is a working day (the calendar must cover it)."""
        self._covers(day)
        if day in self.make_up_days:
            return True
        return day.weekday() not in self.weekend and day not in self.holidays

    def working_days_late(
        self,
        deadline: datetime.date,
        submitted: datetime.date,
        *,
        deadline_day_counts: bool = False,
    ) -> int:
        """The working days from the deadline to *submitted* (see the module docstring).

        Counted arithmetically, so a calendar of any length counts at once.
        """
        first = deadline if deadline_day_counts else deadline + _ONE_DAY
        if submitted < first:
            return 0
        self._covers(first)
        self._covers(submitted)
        days = (submitted - first).days + 1
        weeks, rest = divmod(days, 7)
        working_weekdays = 7 - len(self.weekend)
        count = weeks * working_weekdays
        count += sum(1 for i in range(rest) if (first.weekday() + i) % 7 not in self.weekend)
        off = sum(
            1 for h in self.holidays if first <= h <= submitted and h.weekday() not in self.weekend
        )
        extra = sum(
            1 for m in self.make_up_days if first <= m <= submitted and m.weekday() in self.weekend
        )
        return count - off + extra

    def late_days(
        self,
        deadline: datetime.date,
        submitted: datetime.date,
        *,
        deadline_day_counts: bool = False,
        limit: int = 31,
    ) -> tuple[datetime.date, ...] | None:
        """The working days counted late, one by one; ``None`` for a span over *limit* days.

        >>> import datetime
        >>> cn = load_calendar("cn-2023")
        >>> cn.late_days(datetime.date(2023, 6, 21), datetime.date(2023, 6, 26))
        (datetime.date(2023, 6, 25), datetime.date(2023, 6, 26))
        """
        first = deadline if deadline_day_counts else deadline + _ONE_DAY
        if (submitted - first).days > limit:
            return None
        days = (first + i * _ONE_DAY for i in range((submitted - first).days + 1))
        return tuple(day for day in days if self.is_working_day(day))

    def _covers(self, day: datetime.date) -> None:
        if not self.first <= day <= self.last:
            raise InvalidReviewInput(
                f"calendar {self.key} covers {self.first} to {self.last}, not {day}: supply a "
                "calendar that covers the submission date",
                message_zh=f"工作日历 {self.key} 覆盖 {self.first} 至 {self.last}，不含 {day}："
                "请提供覆盖报送日期的日历",
            )


def _days(node: Node) -> Iterable[datetime.date]:
    data = node.object({"name", "from", "to"}, set())
    data["name"].text()
    start, end = data["from"].date(), data["to"].date()
    if not start <= end or (end - start).days >= MAX_HOLIDAY_DAYS:
        raise node.refuse(
            f"a holiday runs from 'from' to 'to', at most {MAX_HOLIDAY_DAYS} days",
            f"假日须从 from 到 to，至多{MAX_HOLIDAY_DAYS}天",
        )
    return [start + i * _ONE_DAY for i in range((end - start).days + 1)]


def read_calendar(root: Node) -> WorkCalendar:
    """The calendar at *root* of a JSON document (a calendar file, or inside a facts file)."""
    data = root.object(
        {"key", "title", "source", "first", "last", "weekend", "holidays", "make_up_days"},
        {"notes"},
    )
    source = data["source"].object({"title", "document_number"}, set())
    if "notes" in data:
        data["notes"].text()
    first, last = data["first"].date(), data["last"].date()
    if last < first:
        raise data["last"].refuse("the calendar ends before it starts", "日历的结束日早于开始日")
    weekend = set()
    for node in data["weekend"].list():
        name = node.text()
        if name not in _WEEKDAYS:
            raise node.refuse(
                f"{show(name)} is not a weekday name ({', '.join(_WEEKDAYS)})",
                f"{show(name)} 不是星期名（{', '.join(_WEEKDAYS)}）",
            )
        weekend.add(_WEEKDAYS.index(name))
    holidays = {day for node in data["holidays"].list() for day in _days(node)}
    make_up = set()
    for node in data["make_up_days"].list():
        entry = node.object({"name", "date"}, set())
        entry["name"].text()
        day = entry["date"].date()
        if day.weekday() not in weekend or day in holidays:
            raise entry["date"].refuse(
                f"{day} is a make-up working day, so it must be a weekend day and no holiday",
                f"{day} 是调休上班日，须为周末且不是假日",
            )
        make_up.add(day)
    return WorkCalendar(
        key=data["key"].text(),
        title=data["title"].text(),
        source_title=source["title"].text(),
        source_document=source["document_number"].optional_text(),
        first=first,
        last=last,
        weekend=frozenset(weekend),
        holidays=frozenset(holidays),
        make_up_days=frozenset(make_up),
    )


def calendar_from_json(text: str | bytes, *, document: str = "calendar") -> WorkCalendar:
    """The working calendar in the JSON *text* (the bundled ``cn-2023`` shows the shape).

    Raises:
        InvalidReviewInput: the text is not a calendar; the message names the path.
    """
    return read_calendar(Node.parse(text, document))


def _folder() -> "resources.abc.Traversable":
    return resources.files("budget_perf.review") / "calendars"


def list_calendars() -> tuple[str, ...]:
    """The keys of the bundled calendars, sorted.

    >>> list_calendars()
    ('cn-2023',)
    """
    return tuple(sorted(p.name[:-5] for p in _folder().iterdir() if p.name.endswith(".json")))


@functools.cache
def load_calendar(key: str) -> WorkCalendar:
    """The bundled calendar called *key*."""
    if key not in list_calendars():
        raise InvalidReviewInput(
            f"no bundled calendar {show(key)} (bundled: {', '.join(list_calendars())})",
            message_zh=f"没有内置工作日历 {show(key)}（内置：{'、'.join(list_calendars())}）",
        )
    return calendar_from_json((_folder() / f"{key}.json").read_bytes(), document=key)


def load_calendar_file(path: "str | PathLike[str]") -> WorkCalendar:
    """The working calendar in the JSON file at *path*."""
    with open(path, "rb") as handle:
        return calendar_from_json(handle.read(), document=str(path))
