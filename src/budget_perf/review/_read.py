"""Reading the review's JSON documents (sheets, calendars, facts) with each problem at its path.

Exact numbers are written as strings (``"2"``, ``"0.5"``); a JSON number there is refused, since
a float is not exact.  Dates are ISO strings (``"2023-06-30"``).  Unknown and duplicate keys are
refused, so a typo cannot silently drop a fact.  Every refusal says what and where, in English
and Chinese.

>>> node = Node.parse('{"points": 2.5}', "sheet")
>>> node.object({"points"}, set())["points"].decimal()
Traceback (most recent call last):
...
budget_perf.review._errors.InvalidReviewInput: sheet: expected a decimal string such as "2",
    got the JSON number 2.5 @ $.points
"""

import datetime
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from budget_perf._jsonload import loads_strict
from budget_perf._wording import show
from budget_perf.errors import InvalidDocument
from budget_perf.review._errors import InvalidReviewInput

__all__ = ["MAX_LIST", "MAX_NUMBER_TEXT", "Node"]

#: A number (points, a score) may be written in this many characters ("16.5" needs four).
MAX_NUMBER_TEXT = 30
#: A list (holidays, units, bands, items) may have this many elements.
MAX_LIST = 10_000


class _Float(str):
    """A JSON number with a fraction or exponent, kept as text to be refused at its path."""

    __slots__ = ()


def _describe(value: object) -> tuple[str, str]:
    if isinstance(value, _Float) or (isinstance(value, int) and not isinstance(value, bool)):
        return f"the JSON number {value}", f"JSON数字 {value}"
    if value is None:
        return "null", "null"
    if isinstance(value, bool):
        return str(value).lower(), str(value).lower()
    if isinstance(value, dict):
        return "an object", "对象"
    if isinstance(value, list):
        return "a list", "列表"
    return f"the string {show(value)}", f"字符串 {show(value)}"


class Node:
    """One value of a JSON document, with its path and the name of the document."""

    __slots__ = ("document", "path", "value")

    def __init__(self, value: Any, path: str, document: str) -> None:
        self.value = value
        self.path = path
        self.document = document

    @classmethod
    def parse(cls, text: str | bytes, document: str) -> "Node":
        """The root of the JSON *text*; broken JSON is refused as :class:`InvalidReviewInput`."""
        try:
            return cls(loads_strict(text, parse_float=_Float), "$", document)
        except InvalidDocument as exc:
            en = "; ".join(exc.problems)
            zh = "；".join(exc.problems_zh)
            raise InvalidReviewInput(f"{document}: {en}", message_zh=f"{document}：{zh}") from None

    def refuse(self, en: str, zh: str) -> InvalidReviewInput:
        """A refusal of this value: *en* / *zh* say what is wrong, the path says where."""
        return InvalidReviewInput(
            f"{self.document}: {en} @ {self.path}",
            message_zh=f"{self.document}：{zh} @ {self.path}",
        )

    def _expected(self, en: str, zh: str) -> InvalidReviewInput:
        got_en, got_zh = _describe(self.value)
        return self.refuse(f"expected {en}, got {got_en}", f"应为{zh}，实际为{got_zh}")

    def object(self, required: set[str], optional: set[str]) -> dict[str, "Node"]:
        """The members of an object with these keys (the optional ones may be left out)."""
        if not isinstance(self.value, dict):
            raise self._expected("an object", "对象")
        missing = sorted(required - self.value.keys())
        if missing:
            raise self.refuse(
                f"missing key(s) {', '.join(missing)}", f"缺少键 {'、'.join(missing)}"
            )
        extra = sorted(self.value.keys() - required - optional)
        if extra:
            shown = ", ".join(show(key) for key in extra[:5])
            raise self.refuse(f"unknown key(s) {shown}", f"未知的键 {shown}")
        return {key: self.member(key) for key in self.value}

    def member(self, key: str) -> "Node":
        """The member *key* of an object (the caller has checked that it is there)."""
        return Node(self.value[key], f"{self.path}.{key}", self.document)

    def items(self) -> Iterator[tuple[str, "Node"]]:
        """The members of an object whose keys are free (reviewer scores by item key)."""
        if not isinstance(self.value, dict):
            raise self._expected("an object", "对象")
        for key in self.value:
            yield key, self.member(key)

    def list(self) -> list["Node"]:
        """The elements of a list."""
        if not isinstance(self.value, list):
            raise self._expected("a list", "列表")
        if len(self.value) > MAX_LIST:
            raise self.refuse(
                f"a list of {len(self.value)} elements is too long (at most {MAX_LIST})",
                f"列表有{len(self.value)}项，过长（至多{MAX_LIST}项）",
            )
        return [Node(v, f"{self.path}[{i}]", self.document) for i, v in enumerate(self.value)]

    def text(self) -> str:
        """A string."""
        if not isinstance(self.value, str) or isinstance(self.value, _Float):
            raise self._expected("a string", "字符串")
        return self.value

    def optional_text(self) -> str | None:
        """A string, or ``None`` for null."""
        return None if self.value is None else self.text()

    def flag(self) -> bool:
        """true or false."""
        if not isinstance(self.value, bool):
            raise self._expected("true or false", "true 或 false")
        return self.value

    def decimal(self) -> Decimal:
        """An exact number written as a string ("2", "0.5")."""
        if isinstance(self.value, str) and not isinstance(self.value, _Float):
            if len(self.value) > MAX_NUMBER_TEXT:
                raise self.refuse(
                    f"a number of {len(self.value)} characters is too long (at most "
                    f"{MAX_NUMBER_TEXT})",
                    f"数字长{len(self.value)}个字符，过长（至多{MAX_NUMBER_TEXT}个）",
                )
            try:
                number = Decimal(self.value.strip())
            except InvalidOperation:
                number = Decimal("NaN")
            if number.is_finite():
                return number
            raise self.refuse(
                f"{show(self.value)} is not a decimal number", f"{show(self.value)} 不是小数"
            )
        raise self._expected('a decimal string such as "2"', '小数字符串（如 "2"）')

    def date(self) -> datetime.date:
        """An ISO date ("2023-06-30")."""
        text = self.text()
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise self.refuse(
                f"{show(text)} is not a date written YYYY-MM-DD",
                f"{show(text)} 不是 YYYY-MM-DD 格式的日期",
            ) from None
