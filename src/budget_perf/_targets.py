"""年度指标值: parsing an indicator's target text into typed clauses (private).

The rules are documented in :mod:`budget_perf.cells`, which exports everything public here.
"""

import enum
import re
from decimal import Decimal
from typing import Any, Required, TypedDict

import attrs

from budget_perf._celltext import is_blank, normalise
from budget_perf._decimal import in_library_context, to_decimal
from budget_perf._textcache import text_cache
from budget_perf.errors import InvalidAmount

__all__ = [
    "MAX_TARGET_LENGTH",
    "UNITS",
    "Comparator",
    "Target",
    "TargetClause",
    "TargetDirection",
    "TargetKind",
    "parse_target",
]


#: A cell longer than this is not read as a target: it is kept, UNPARSED, with the reason.
MAX_TARGET_LENGTH = 10_000


class TargetDirection(enum.Enum):
    """Which way a measurable target points (正向 / 反向 指标)."""

    HIGHER = "higher"  # ≥, >: more is better (正向)
    LOWER = "lower"  # ≤, <: less is better (反向)
    EXACT = "exact"  # =: the figure itself
    WITHIN = "within"  # a range "24-26次"
    UNSTATED = "unstated"  # a bare "8次": the table states no comparator


class Comparator(enum.Enum):
    """A comparator as stated, in symbol or in words."""

    GE = "≥"
    LE = "≤"
    EQ = "="
    GT = ">"
    LT = "<"
    APPROX = "≈"


class TargetKind(enum.Enum):
    """What kind of target a cell (or one clause of it) states."""

    QUANTITATIVE = "quantitative"
    RANGE = "range"
    APPROXIMATE = "approximate"
    SYMBOLIC = "symbolic"
    QUALITATIVE = "qualitative"
    COMPOUND = "compound"
    BLANK = "blank"
    UNPARSED = "unparsed"


_DIRECTIONS = {
    Comparator.GE: TargetDirection.HIGHER,
    Comparator.GT: TargetDirection.HIGHER,
    Comparator.LE: TargetDirection.LOWER,
    Comparator.LT: TargetDirection.LOWER,
    Comparator.EQ: TargetDirection.EXACT,
}
_MEASURABLE = (TargetKind.QUANTITATIVE, TargetKind.RANGE)
_is = attrs.validators.instance_of


def _tuple_of(kind: type) -> Any:
    return attrs.validators.deep_iterable(_is(kind), _is(tuple))


@attrs.frozen(kw_only=True)
class TargetClause:
    """One clause of a target: its text, kind, comparator, number(s), unit and period."""

    #: The clause as normalised ("，" → ",", full-width digits → ASCII), ends stripped.
    text: str = attrs.field(validator=_is(str))
    kind: TargetKind = attrs.field(validator=_is(TargetKind))
    comparator: Comparator | None = attrs.field(
        default=None, validator=attrs.validators.optional(_is(Comparator))
    )
    #: () without a figure, (value,) for one figure, (low, high) for a range.
    numbers: tuple[Decimal, ...] = attrs.field(default=(), validator=_tuple_of(Decimal))
    #: The unit as written after normalisation ("次", "人次", "%", "个月"); "" if none.
    unit: str = attrs.field(default="", validator=_is(str))
    #: The period the figure is counted over ("每年", "每2个月"); "" if none.
    per: str = attrs.field(default="", validator=_is(str))
    #: Why the clause is not measurable (APPROXIMATE, SYMBOLIC, UNPARSED); "" otherwise.
    reason: str = attrs.field(default="", validator=_is(str))

    @property
    def measurable(self) -> bool:
        """Whether an actual value can be checked against this clause."""
        return self.kind in _MEASURABLE

    @property
    def direction(self) -> TargetDirection | None:
        """Which way the clause points; None when it is not measurable."""
        if self.kind is TargetKind.RANGE:
            return TargetDirection.WITHIN
        if self.kind is not TargetKind.QUANTITATIVE:
            return None
        return TargetDirection.UNSTATED if self.comparator is None else _DIRECTIONS[self.comparator]


@attrs.frozen(kw_only=True)
class Target:
    """A parsed 年度指标值: the raw text, its kind and its clauses (none when blank)."""

    raw: str = attrs.field(validator=_is(str))
    kind: TargetKind = attrs.field(validator=_is(TargetKind))
    clauses: tuple[TargetClause, ...] = attrs.field(default=(), validator=_tuple_of(TargetClause))

    @property
    def measurable(self) -> bool:
        """Whether the target has clauses and every one of them is measurable."""
        return bool(self.clauses) and all(c.measurable for c in self.clauses)

    @property
    def direction(self) -> TargetDirection | None:
        """The direction shared by every clause when all are measurable, else None."""
        found = {c.direction for c in self.clauses}
        return found.pop() if self.measurable and len(found) == 1 else None

    @property
    def comparator(self) -> Comparator | None:
        """The comparator of a single-clause target; None otherwise."""
        return self.clauses[0].comparator if len(self.clauses) == 1 else None

    @property
    def numbers(self) -> tuple[Decimal, ...]:
        """The number(s) of a single-clause target; () otherwise."""
        return self.clauses[0].numbers if len(self.clauses) == 1 else ()

    @property
    def unit(self) -> str:
        """The unit of a single-clause target; "" otherwise."""
        return self.clauses[0].unit if len(self.clauses) == 1 else ""


_PREFIXES = {
    "大于等于": Comparator.GE, "不低于": Comparator.GE, "不少于": Comparator.GE,
    "不小于": Comparator.GE, "至少": Comparator.GE, "达到": Comparator.GE, "达": Comparator.GE,
    ">=": Comparator.GE, "≥": Comparator.GE, "小于等于": Comparator.LE, "不超过": Comparator.LE,
    "不高于": Comparator.LE, "不大于": Comparator.LE, "至多": Comparator.LE, "最多": Comparator.LE,
    "<=": Comparator.LE, "≤": Comparator.LE, "大于": Comparator.GT, "超过": Comparator.GT,
    "高于": Comparator.GT, "突破": Comparator.GT, "多于": Comparator.GT, ">": Comparator.GT,
    "小于": Comparator.LT, "低于": Comparator.LT, "少于": Comparator.LT, "<": Comparator.LT,
    "等于": Comparator.EQ, "=": Comparator.EQ, "═": Comparator.EQ, "大约": Comparator.APPROX,
    "约": Comparator.APPROX,
}  # fmt: skip
_SUFFIXES = {"以上": Comparator.GE, "以下": Comparator.LE, "以内": Comparator.LE,
             "内": Comparator.LE, "左右": Comparator.APPROX}  # fmt: skip
# Units after which a given character means the unit is part of a word ("人大", "部门").
_COUNT_UNITS = {
    "人次": "", "个工作日": "", "个月": "", "次": "数序性", "个": "人别体", "人": "大民员才口工",
    "名": "单义称额", "件": "", "期": "间限待望", "本": "级单市科", "项": "目", "部": "门署分长委",
    "家": "庭长乡", "条": "例件龙款", "台": "账阶", "批": "准复示", "场": "所景", "篇": "",
    "所": "有属在以", "户": "籍口", "座": "谈", "辆": "", "套": "餐", "份": "额", "天": "然",
    "周": "年边围", "处": "理置室", "册": "", "轮": "", "位": "于置", "课时": "", "学时": "",
}  # fmt: skip
_OTHER_UNITS = {"%": "", "‰": "", "万元": "", "亿元": "", "元": "旦", "小时": "", "分钟": "",
                "分": "析别类配管局之钟", "平方米": "", "㎡": "", "公里": "", "米": "", "亩": "",
                "吨": "", "万人": "", "种": "植类", "类": "型别", "厘米": "", "毫米": "",
                "千米": "", "平方公里": "", "公顷": "", "立方米": "", "株": "",
                "棵": ""}  # fmt: skip
#: Every unit a figure may carry, longest first.
UNITS = tuple(sorted({**_COUNT_UNITS, **_OTHER_UNITS}, key=len, reverse=True))


def _alternation(words: dict[str, str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w) + (f"(?![{words[w]}])" if words[w] else "") for w in ordered)


_CN = "零〇一二两三四五六七八九十百千"
_CMP = "|".join(re.escape(w) for w in sorted(_PREFIXES, key=len, reverse=True))
_SFX = _alternation({"以上": "", "以下": "", "以内": "", "左右": "", "内": "容部涵在外地控"})


def _quantity(number: str, units: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?:(?P<cmp>{_CMP})\s*)?(?P<lo>{number})"
        rf"(?:\s*%?\s*[-~—–至到]\s*(?P<hi>{number}))?\s*(?P<approx>余|多)?\s*"
        rf"(?P<unit>{units})(?P<sfx>{_SFX})?"
    )


_ALL_UNITS = _alternation({**_COUNT_UNITS, **_OTHER_UNITS})
_ARABIC_NUMBER = r"(?<![0-9.,])[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
_ARABIC = _quantity(_ARABIC_NUMBER, _ALL_UNITS)
# A clause that is only a number, with or without a comparator: "50", "≥95", "1-2", "100以上".
_BARE = _quantity(_ARABIC_NUMBER, "")
_CHINESE = _quantity(rf"(?<![第{_CN}])[{_CN}]+", _alternation(_COUNT_UNITS))
_SYMBOLIC = re.compile(
    rf"(?:(?P<cmp>{_CMP})\s*)?(?<![A-Za-z])(?P<sym>[A-Za-z](?:\s*[-+*]\s*[0-9]+)?)\s*(?:余|多)?"
    rf"\s*(?P<unit>{_alternation(_COUNT_UNITS)})"
)
_PER = re.compile(rf"每(?:[0-9]+|[{_CN}]+)?个?(?:半年|年度?|季度|季|月|周|星期|天|日)")
_CALENDAR = re.compile(
    r"(?<![0-9])(?:[0-9]{4}\s*年度?|[0-9]{1,2}\s*月(?:\s*[0-9]{1,2}\s*[日号])?)"
    r"(?:中下旬|上旬|中旬|下旬|底|初)?"
)
_IDIOMS = re.compile(r"两个确立|两个维护|四个意识|四个自信|两个大局|一个中心|两个基本点")
_SPLIT = re.compile(r"[;。\n]|,(?!(?<=[0-9],)[0-9]{3}(?![0-9]))")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")  # any script: "٣次" is reported, not qualitative
_CN_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_POWERS = {"十": 10, "百": 100, "千": 1000}


def _chinese_number(text: str) -> int | None:
    """A plain Chinese numeral as an int ("十二" → 12, "两百" → 200); None if not plain."""
    total, pending, last, zero = 0, None, 10_000, False
    for ch in text:
        if ch in ("零", "〇") and len(text) > 1:
            if zero or total == 0:
                return None
            zero = True
        elif ch in _CN_DIGITS:
            if pending is not None:
                return None
            pending = _CN_DIGITS[ch]
        else:
            power = _CN_POWERS[ch]
            if power >= last or (pending is None and (power != 10 or total)) or pending == 0:
                return None
            total, pending, last = total + (1 if pending is None else pending) * power, None, power
    if pending is not None:
        if last in (100, 1000) and not zero:  # "二百五" is colloquial for 250: not plain
            return None
        total += pending
    return total


def _number(text: str) -> Decimal | None:
    if text[0] in "0123456789":
        return to_decimal(text.replace(",", ""), field="figure")
    value = _chinese_number(text)
    return None if value is None else Decimal(value)


def _mask(text: str, span: tuple[int, int]) -> str:
    return text[: span[0]] + "\x00" * (span[1] - span[0]) + text[span[1] :]


# What a clause must hold for each pattern to match: a pattern is run only on a clause that
# holds its character (most clauses are prose with no figure, and the patterns, which start
# with an optional comparator, are tried at every position of the text).
# A figure's number, the range and "余" after it, and its unit: what a match of _ARABIC or
# _CHINESE must hold, from its first digit to its unit; these start with a character class,
# which the regular expression engine finds fast.
_BETWEEN = r"[\s%\-~—–至到余多"
_HAS_ARABIC = re.compile(rf"[0-9]{_BETWEEN}0-9.,]*(?:{'|'.join(map(re.escape, UNITS))})")
_HAS_CHINESE = re.compile(rf"[{_CN}]{_BETWEEN}{_CN}]*(?:{'|'.join(map(re.escape, _COUNT_UNITS))})")
_HAS_LATIN = re.compile(r"[A-Za-z]")
_HAS_CALENDAR = re.compile(r"[0-9]\s*[年月]")
_HAS_IDIOM = re.compile(r"[两四一]个")
#: A clause with none of these (a digit of any script, a letter, an idiom such as "两个维护",
#: a Chinese numeral before a count unit) holds no figure, stated or stray: it is qualitative.
_HAS_FIGURE = re.compile(rf"[\dA-Za-z]|{_HAS_IDIOM.pattern}|{_HAS_CHINESE.pattern}")
#: The number and unit filters try each digit of a run of digits in turn: on a clause longer
#: than this (a pasted column of figures) they would cost more than the patterns they spare,
#: which then run on their own, as they always can.
_FILTERED = 300
_Filtered = tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]
_FIGURE_PATTERNS: _Filtered = (
    (_SYMBOLIC, _HAS_LATIN),
    (_ARABIC, _HAS_ARABIC),
    (_CHINESE, _HAS_CHINESE),
)
_UNFILTERED: _Filtered = ((_SYMBOLIC, _HAS_LATIN), (_ARABIC, None), (_CHINESE, None))


class _Figure(TypedDict, total=False):
    """The fields of a clause that one figure states (all but its text and period)."""

    kind: Required[TargetKind]
    comparator: Comparator | None
    unit: str
    numbers: tuple[Decimal, ...]
    reason: str


_CLAUSE_FIELDS = tuple(field.name for field in attrs.fields(TargetClause))


def _clause(
    text: str,
    kind: TargetKind,
    per: str,
    *,
    comparator: Comparator | None = None,
    numbers: tuple[Decimal, ...] = (),
    unit: str = "",
    reason: str = "",
) -> TargetClause:
    """A clause of values the parser made, each of its field's type by construction: built
    without running the validators again (the values are checked once, as they are read)."""
    clause = object.__new__(TargetClause)
    for name, value in zip(
        _CLAUSE_FIELDS, (text, kind, comparator, numbers, unit, per, reason), strict=True
    ):
        object.__setattr__(clause, name, value)
    return clause


def _target(raw: str, kind: TargetKind, clauses: tuple[TargetClause, ...]) -> Target:
    """A target of the parser's own values, built as :func:`_clause` builds a clause."""
    target = object.__new__(Target)
    object.__setattr__(target, "raw", raw)
    object.__setattr__(target, "kind", kind)
    object.__setattr__(target, "clauses", clauses)
    return target


@text_cache(maxsize=8192)
def _parse_clause(text: str) -> TargetClause:
    """One clause, its record built once from what the patterns find.

    Clauses recur across indicators and reports ("≥95%", "按时完成", "满意度达90%以上"): each
    text is read once, its (immutable) record shared.
    """
    short = len(text) <= _FILTERED
    if short and _HAS_FIGURE.search(text) is None:  # no pattern can match, no digit is stray
        per_match = _PER.search(text)
        per = "" if per_match is None else per_match[0]
        return _clause(text, TargetKind.QUALITATIVE, per)
    work = text
    for pattern, needs in ((_IDIOMS, _HAS_IDIOM), (_CALENDAR, _HAS_CALENDAR)):
        if needs.search(work) is not None:
            for match in pattern.finditer(work):
                work = _mask(work, match.span())
    per_match = _PER.search(work)
    per = "" if per_match is None else per_match[0]
    if per_match is not None:
        work = _mask(work, per_match.span())
    found: list[re.Match[str]] = []
    for figure, guard in _FIGURE_PATTERNS if short else _UNFILTERED:
        if guard is not None and guard.search(work) is None:
            continue
        for match in figure.finditer(work):
            found.append(match)
            work = _mask(work, match.span())
    bare = _BARE.fullmatch(text) if not found else None
    if bare is not None:
        try:
            return _clause(text, per=per, **_read_figure(bare))
        except InvalidAmount as refused:  # "0.952380952380952": beyond a figure's bounds
            return _clause(text, TargetKind.UNPARSED, per, reason=str(refused))
    stray = _DIGITS.search(work)
    if stray is not None:
        reason = f"figure without a recognised unit: {stray[0]!r}"
        return _clause(text, TargetKind.UNPARSED, per, reason=reason)
    if not found:
        return _clause(text, TargetKind.QUALITATIVE, per)
    if len(found) > 1:
        figures = ", ".join(repr(m[0]) for m in found)
        reason = f"several figures in one clause: {figures}"
        return _clause(text, TargetKind.UNPARSED, per, reason=reason)
    try:
        return _clause(text, per=per, **_read_figure(found[0]))
    except InvalidAmount as refused:  # a figure beyond the bounds (15 digits, 6 decimals)
        return _clause(text, TargetKind.UNPARSED, per, reason=str(refused))


def _read_figure(match: re.Match[str]) -> _Figure:
    """The fields of the clause one figure states (all but its text and period)."""
    groups = match.groupdict()
    prefix, suffix = _PREFIXES.get(groups["cmp"] or ""), _SUFFIXES.get(groups.get("sfx") or "")
    if prefix and suffix and prefix is not suffix:
        return _unparsed(f"two comparators disagree in {match[0]!r}")
    comparator, unit = prefix or suffix, groups["unit"]
    if "sym" in groups:
        reason = f"symbolic figure {groups['sym']!r} has no value"
        kind = TargetKind.SYMBOLIC
        return {"kind": kind, "comparator": comparator, "unit": unit, "reason": reason}
    numbers = tuple(_number(n) for n in (groups["lo"], groups["hi"]) if n)
    if None in numbers:
        return _unparsed(f"not a plain Chinese numeral in {match[0]!r}")
    plain = tuple(n for n in numbers if n is not None)
    if groups["approx"] or comparator is Comparator.APPROX:
        word = groups["approx"] or "约"
        reason = f"{match[0]!r} is approximate ({word!r})"
        kind = TargetKind.APPROXIMATE
    elif len(plain) == 1:
        kind, reason = TargetKind.QUANTITATIVE, ""
    elif comparator is not None or plain[0] > plain[1]:
        return _unparsed(f"{match[0]!r} is not a plain range low-high")
    else:
        kind, reason = TargetKind.RANGE, ""
    return {
        "kind": kind,
        "comparator": comparator,
        "unit": unit,
        "numbers": plain,
        "reason": reason,
    }


def _unparsed(reason: str) -> _Figure:
    return {"kind": TargetKind.UNPARSED, "reason": reason}


def _clauses(text: str) -> list[TargetClause]:
    result: list[TargetClause] = []
    for piece in (p.strip() for p in _SPLIT.split(text)):
        if not piece:
            continue
        pieces = piece.split("、")
        if len(pieces) == 1:  # the clause is the piece: read once
            result.append(_parse_clause(piece))
            continue
        parts = []
        for part in pieces:  # a list of figures, unless one part is prose: then the whole piece
            clause = _parse_clause(part.strip())
            if clause.kind is TargetKind.QUALITATIVE:
                parts = [_parse_clause(piece)]
                break
            parts.append(clause)
        result.extend(parts)
    return result


@in_library_context
def parse_target(text: str) -> Target:
    """Read a 年度指标值 cell into a :class:`Target`; never raises, always keeps ``raw``.

    >>> t = parse_target("≥95%")
    >>> t.kind, t.comparator, t.numbers, t.unit
    (<TargetKind.QUANTITATIVE: 'quantitative'>, <Comparator.GE: '≥'>, (Decimal('95'),), '%')
    >>> t.direction
    <TargetDirection.HIGHER: 'higher'>
    >>> [(c.kind.name, c.numbers, c.unit) for c in parse_target("每年立一部法；约n次").clauses]
    [('QUANTITATIVE', (Decimal('1'),), '部'), ('SYMBOLIC', (), '次')]
    >>> parse_target("十余次专项督查").measurable
    False
    >>> parse_target("满意").kind
    <TargetKind.QUALITATIVE: 'qualitative'>
    """
    if len(text) > MAX_TARGET_LENGTH:
        reason = f"{len(text)} characters is too long for a target (at most {MAX_TARGET_LENGTH})"
        clause = TargetClause(text=text, kind=TargetKind.UNPARSED, reason=reason)
        return Target(raw=text, kind=TargetKind.UNPARSED, clauses=(clause,))
    normal = normalise(text)
    if is_blank(normal):
        return Target(raw=text, kind=TargetKind.BLANK)
    clauses = _clauses(normal)
    if not clauses:
        only = TargetClause(text=normal, kind=TargetKind.UNPARSED, reason="only separators")
        return Target(raw=text, kind=TargetKind.UNPARSED, clauses=(only,))
    if all(c.kind is TargetKind.QUALITATIVE for c in clauses):
        kind = TargetKind.QUALITATIVE
    else:
        kind = clauses[0].kind if len(clauses) == 1 else TargetKind.COMPOUND
    return _target(text, kind, tuple(clauses))
