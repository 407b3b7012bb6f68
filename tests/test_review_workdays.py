"""Tests of budget_perf.review.workdays: working days late on a calendar of weekends, holidays
and make-up working days (调休上班)."""

import datetime
import json
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget_perf.review import InvalidReviewInput, WorkCalendar, calendar_from_json, load_calendar

day = datetime.date
CN = load_calendar("cn-2023")


def test_the_2023_calendar_follows_the_state_council_notice() -> None:
    """国办发明电〔2022〕16号: the days off and the weekend days made working days, each one."""
    assert CN.source_document == "国办发明电〔2022〕16号"
    off = [day(2023, 1, 2), day(2023, 1, 23), day(2023, 4, 5), day(2023, 5, 2), day(2023, 6, 23),
           day(2023, 10, 2), day(2023, 10, 6)]  # fmt: skip
    make_up = [day(2023, 1, 28), day(2023, 1, 29), day(2023, 4, 23), day(2023, 5, 6),
               day(2023, 6, 25), day(2023, 10, 7), day(2023, 10, 8)]  # fmt: skip
    assert not any(CN.is_working_day(d) for d in off)
    assert all(CN.is_working_day(d) for d in make_up)
    assert CN.make_up_days == frozenset(make_up)
    assert CN.is_working_day(day(2023, 6, 26)) and not CN.is_working_day(day(2023, 7, 1))


def test_the_2023_calendar_has_exactly_the_notice_s_days_off_and_249_working_days() -> None:
    """Every weekday off in 2023 is one of the notice's ranges (元旦 1/2, 春节 1/21–27, 清明 4/5,
    劳动节 4/29–5/3, 端午 6/22–24, 中秋国庆 9/29–10/6; checked against its published text),
    every weekend day worked is one of its seven make-up days, and the year has 249 working
    days (365, less 105 weekend days and 18 weekdays off, plus 7 make-up days)."""
    ranges = [((1, 2), (1, 2)), ((1, 21), (1, 27)), ((4, 5), (4, 5)), ((4, 29), (5, 3)),
              ((6, 22), (6, 24)), ((9, 29), (10, 6))]  # fmt: skip
    notice_off = {
        day(2023, *start) + datetime.timedelta(days=n)
        for start, end in ranges
        for n in range((day(2023, *end) - day(2023, *start)).days + 1)
    }
    year = [day(2023, 1, 1) + datetime.timedelta(days=n) for n in range(365)]
    weekday_off = {d for d in year if d.weekday() < 5 and not CN.is_working_day(d)}
    weekend_worked = {d for d in year if d.weekday() >= 5 and CN.is_working_day(d)}
    assert weekday_off == {d for d in notice_off if d.weekday() < 5}
    assert len(weekday_off) == 18
    assert weekend_worked == CN.make_up_days
    assert sum(CN.is_working_day(d) for d in year) == 249


@pytest.mark.parametrize(
    ("deadline", "submitted", "late"),
    [
        (day(2023, 6, 21), day(2023, 6, 21), 0),  # on the deadline day: on time
        (day(2023, 6, 21), day(2023, 6, 20), 0),  # early
        (day(2023, 6, 21), day(2023, 6, 24), 0),  # 端午 22–24 are days off
        (day(2023, 6, 21), day(2023, 6, 25), 1),  # Sunday 25th is a make-up working day
        (day(2023, 6, 21), day(2023, 6, 26), 2),
        (day(2023, 9, 28), day(2023, 10, 9), 3),  # 中秋国庆 29/9–6/10 off, 7th and 8th worked
        (day(2023, 6, 30), day(2023, 7, 3), 1),  # a plain weekend in between
    ],
)
def test_working_days_late_across_holidays_and_make_up_days(
    deadline: datetime.date, submitted: datetime.date, late: int
) -> None:
    """Late days are the working days after the deadline up to the submission day."""
    assert CN.working_days_late(deadline, submitted) == late


def test_where_the_deadline_day_counts_it_is_one_of_the_late_days() -> None:
    """A sheet that wants reports before the deadline counts the deadline day itself, when it is
    a working day (a deadline on a holiday adds nothing)."""
    assert CN.working_days_late(day(2023, 6, 21), day(2023, 6, 21), deadline_day_counts=True) == 1
    assert CN.working_days_late(day(2023, 6, 22), day(2023, 6, 22), deadline_day_counts=True) == 0
    assert CN.working_days_late(day(2023, 6, 21), day(2023, 6, 26), deadline_day_counts=True) == 3


def test_a_count_beyond_the_calendar_is_refused_in_both_languages() -> None:
    """The holidays of 2024 are not in the 2023 calendar: counting into them is refused."""
    with pytest.raises(InvalidReviewInput) as caught:
        CN.working_days_late(day(2023, 12, 29), day(2024, 1, 2))
    assert "covers 2023-01-01 to 2023-12-31, not 2024-01-02" in str(caught.value)
    assert "不含 2024-01-02" in caught.value.message("zh")


@st.composite
def calendars(draw: st.DrawFn) -> tuple[WorkCalendar, datetime.date, datetime.date, bool]:
    """A calendar of random weekends, holidays and make-up days, and two days it covers."""
    first = draw(st.dates(day(2000, 1, 1), day(2090, 1, 1)))
    length = draw(st.integers(0, 120))
    last = first + datetime.timedelta(days=length)
    covered = st.dates(first, last)
    weekend = draw(st.frozensets(st.integers(0, 6), max_size=3))
    holidays = draw(st.frozensets(covered, max_size=30))
    make_up = draw(st.frozensets(covered, max_size=10))
    make_up = frozenset(d for d in make_up if d.weekday() in weekend and d not in holidays)
    calendar = WorkCalendar(
        key="random", title="", source_title="", source_document=None, first=first, last=last,
        weekend=weekend, holidays=holidays, make_up_days=make_up,
    )  # fmt: skip
    return calendar, draw(covered), draw(covered), draw(st.booleans())


@settings(max_examples=150)
@given(calendars())
def test_the_count_equals_a_plain_day_by_day_count(
    case: tuple[WorkCalendar, datetime.date, datetime.date, bool],
) -> None:
    """The arithmetic count agrees with walking the days one by one and asking of each: a
    make-up day, or a day that is neither a weekend day nor a holiday."""
    calendar, deadline, submitted, counts = case
    start = deadline if counts else deadline + datetime.timedelta(days=1)
    plain = 0
    current = start
    while current <= submitted:
        if current in calendar.make_up_days or (
            current.weekday() not in calendar.weekend and current not in calendar.holidays
        ):
            plain += 1
        current += datetime.timedelta(days=1)
    assert calendar.working_days_late(deadline, submitted, deadline_day_counts=counts) == plain
    listed = calendar.late_days(deadline, submitted, deadline_day_counts=counts, limit=1000)
    assert listed is not None and len(listed) == plain


def bundled_calendar() -> dict[str, Any]:
    """The bundled 2023 calendar as parsed JSON."""
    folder = resources.files("budget_perf.review") / "calendars"
    data: dict[str, Any] = json.loads((folder / "cn-2023.json").read_text("utf-8"))
    return data


def test_a_user_calendar_in_the_same_shape_loads() -> None:
    """The calendar file's shape is the bundled one's."""
    assert calendar_from_json(json.dumps(bundled_calendar())) == CN


def _make_up_on_a_wednesday(data: dict[str, Any]) -> None:
    data["make_up_days"].append({"name": "x", "date": "2023-03-01"})


def _a_two_month_holiday(data: dict[str, Any]) -> None:
    data["holidays"].append({"name": "x", "from": "2023-07-01", "to": "2023-08-31"})


@pytest.mark.parametrize(
    ("change", "english", "chinese"),
    [
        (_make_up_on_a_wednesday, "must be a weekend day", "须为周末"),
        (_a_two_month_holiday, "at most 31 days", "至多31天"),
        (lambda d: d.update(weekend=["sundae"]), "'sundae' is not a weekday", "不是星期名"),
        (lambda d: d.update(last="2022-12-31"), "ends before it starts", "结束日早于开始日"),
        (lambda d: d.update(first="2023-02-30"), "'2023-02-30' is not a date", "不是 YYYY-MM-DD"),
    ],
)  # fmt: skip
def test_a_malformed_calendar_is_refused_saying_what(
    change: Any, english: str, chinese: str
) -> None:
    """A make-up day on a weekday, an endless holiday, a misspelt weekday, an impossible date."""
    data = bundled_calendar()
    change(data)
    with pytest.raises(InvalidReviewInput) as caught:
        calendar_from_json(json.dumps(data, ensure_ascii=False))
    assert english in str(caught.value)
    assert chinese in caught.value.message("zh")
