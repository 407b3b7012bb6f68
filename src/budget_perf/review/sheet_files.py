"""Reading review sheets from JSON: the bundled ones, a file, or text.

A sheet is refused (:class:`~budget_perf.review.InvalidReviewInput`, in English and Chinese,
at its JSON path) when its items do not add up to their level-2 line, level-1 line or total,
when its bands overlap or leave the item's points, or when it names a part, rule kind, fact or
profile the library does not know.

>>> load_sheet("yueyang-2022").total
Decimal('100')
>>> load_sheet("nowhere")
Traceback (most recent call last):
...
budget_perf.review._errors.InvalidReviewInput: no bundled review sheet 'nowhere'
    (bundled: example-county, yueyang-2022)
"""

import functools
import itertools
from decimal import Decimal
from importlib import resources
from os import PathLike

from budget_perf._decimal import ZERO
from budget_perf._wording import show
from budget_perf.profiles import list_profiles
from budget_perf.review._errors import InvalidReviewInput
from budget_perf.review._read import Node
from budget_perf.review.sheet import (
    ATTACHMENT_KEYS,
    FACT_KEYS,
    REPORT_PART_KEYS,
    Band,
    NamedPart,
    ReviewSheet,
    RuleKind,
    SheetItem,
    SheetRule,
)

__all__ = ["list_sheets", "load_sheet", "load_sheet_file", "sheet_from_json"]


def _band(node: Node, points: Decimal) -> Band:
    data = node.object({"lower", "upper"}, {"zh", "en"})
    lower, upper = data["lower"].decimal(), data["upper"].decimal()
    if not ZERO <= lower <= upper <= points:
        raise node.refuse(
            f"a band must run from lower to upper within 0 and the item's {points} points",
            f"分数段须在0至本项{points}分之间且下限不大于上限",
        )
    text = {k: data[k].text() if k in data else "" for k in ("zh", "en")}
    return Band(lower=lower, upper=upper, zh=text["zh"], en=text["en"])


_RULE_KEYS = {
    RuleKind.FACT: ({"fact"}, set()),
    RuleKind.NOTICE_CONTENTS: ({"deduction", "max_deduction"}, set()),
    RuleKind.UNITS_NOT_SELF_CHECKED: ({"deduction", "max_deduction"}, set()),
    RuleKind.LATENESS: ({"deduction", "max_deduction", "deadline_day_counts"}, set()),
    RuleKind.REPORT_PARTS: ({"deduction", "max_deduction"}, set()),
    RuleKind.ATTACHMENTS: ({"deduction", "max_deduction"}, set()),
    RuleKind.PROFILE_WEIGHTS: (set(), set()),
    RuleKind.REFINED: (set(), set()),
    RuleKind.MEASURABLE: (set(), set()),
    RuleKind.JUDGED: ({"bands"}, {"other_cases"}),
}


def _rule(node: Node, points: Decimal) -> SheetRule:
    raw = node.object({"kind"}, set().union(*(a | b for a, b in _RULE_KEYS.values())))
    kind_text = raw["kind"].text()
    try:
        kind = RuleKind(kind_text)
    except ValueError:
        kinds = ", ".join(k.value for k in RuleKind)
        raise raw["kind"].refuse(
            f"no rule kind {show(kind_text)} (kinds: {kinds})",
            f"没有规则类型 {show(kind_text)}（可用：{kinds}）",
        ) from None
    required, optional = _RULE_KEYS[kind]
    data = node.object(required | {"kind"}, optional)
    fields: dict[str, object] = {"kind": kind}
    if "fact" in data:
        fact = data["fact"].text()
        if fact not in FACT_KEYS:
            raise data["fact"].refuse(
                f"no yes/no fact {show(fact)} (facts: {', '.join(FACT_KEYS)})",
                f"没有是非事实 {show(fact)}（可用：{'、'.join(FACT_KEYS)}）",
            )
        fields["fact"] = fact
    for key in ("deduction", "max_deduction"):
        if key in data:
            value = data[key].decimal()
            if not ZERO < value <= points:
                raise data[key].refuse(
                    f"must be above 0 and at most the item's {points} points",
                    f"须大于0且不超过本项{points}分",
                )
            fields[key] = value
    if "deadline_day_counts" in data:
        fields["deadline_day_counts"] = data["deadline_day_counts"].flag()
    if "other_cases" in data:
        fields["other_cases"] = data["other_cases"].flag()
    if "bands" in data:
        bands = tuple(_band(b, points) for b in data["bands"].list())
        if not bands:
            raise data["bands"].refuse("a judged item needs a band", "评判项至少要有一个分数段")
        ordered = sorted(bands, key=lambda b: b.lower)
        for low, high in itertools.pairwise(ordered):
            if high.lower <= low.upper:
                raise data["bands"].refuse(
                    f"bands {low} and {high} overlap", f"分数段 {low} 与 {high} 重叠"
                )
        fields["bands"] = bands
    return SheetRule(**fields)  # type: ignore[arg-type]


_ITEM_KEYS = {
    "key", "level1", "level1_en", "level1_points", "level2", "level2_en", "level2_points",
    "points", "criteria", "evidence", "rule",
}  # fmt: skip


def _item(node: Node) -> SheetItem:
    data = node.object(_ITEM_KEYS, set())
    points = data["points"].decimal()
    if points <= ZERO:
        raise data["points"].refuse("an item's points must be above 0", "评分项分值须大于0")
    return SheetItem(
        key=data["key"].text(),
        level1=data["level1"].text(),
        level1_en=data["level1_en"].text(),
        level1_points=data["level1_points"].decimal(),
        level2=data["level2"].text(),
        level2_en=data["level2_en"].text(),
        level2_points=data["level2_points"].decimal(),
        points=points,
        criteria=data["criteria"].text(),
        evidence=data["evidence"].text(),
        rule=_rule(data["rule"], points),
    )


def _check_groups(node: Node, items: tuple[SheetItem, ...]) -> None:
    """The items of a level-2 line add up to its points, the level-2 lines to their level 1."""
    level2: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    for item in items:
        points, added = level2.get((item.level1, item.level2), (item.level2_points, ZERO))
        if points != item.level2_points:
            raise node.refuse(
                f"{item.level2} is given {points} and {item.level2_points} points",
                f"{item.level2}的分值前后不一：{points}分与{item.level2_points}分",
            )
        level2[(item.level1, item.level2)] = (points, added + item.points)
    level1: dict[str, Decimal] = {}
    for (name1, name2), (points, added) in level2.items():
        if points != added:
            raise node.refuse(
                f"the items of {name2} add up to {added}, not its {points} points",
                f"{name2}各项合计{added}分，与其{points}分不符",
            )
        level1[name1] = level1.get(name1, ZERO) + points
    for item in items:
        if level1[item.level1] != item.level1_points:
            raise node.refuse(
                f"the lines of {item.level1} add up to {level1[item.level1]}, "
                f"not its {item.level1_points} points",
                f"{item.level1}各二级指标合计{level1[item.level1]}分，与其{item.level1_points}分不符",
            )


def _parts(node: Node, known: tuple[str, ...], name_key: str) -> tuple[NamedPart, ...]:
    parts = []
    for element in node.list():
        data = element.object({"key", name_key, "en"}, set())
        key = data["key"].text()
        if key not in known:
            raise data["key"].refuse(
                f"the library cannot find a part {show(key)} (it knows {', '.join(known)})",
                f"无法识别的部分 {show(key)}（可识别：{'、'.join(known)}）",
            )
        parts.append(NamedPart(key=key, name=data[name_key].text(), en=data["en"].text()))
    if len({p.key for p in parts}) != len(parts):
        raise node.refuse("a part is listed twice", "有部分重复列出")
    return tuple(parts)


_SHEET_KEYS = {
    "key", "title", "title_en", "jurisdiction", "example", "source", "notes", "total",
    "profile", "report_parts", "attachments", "notice_contents", "items",
}  # fmt: skip


def _sheet(root: Node) -> ReviewSheet:
    data = root.object(_SHEET_KEYS, set())
    source = data["source"].object({"title", "document_number"}, set())
    items = tuple(_item(node) for node in data["items"].list())
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys):
        raise data["items"].refuse("an item key is used twice", "评分项的键重复")
    total = data["total"].decimal()
    added = sum((item.points for item in items), ZERO)
    if added != total:
        raise data["total"].refuse(
            f"the items' points add up to {added}, not the stated total {total}",
            f"各评分项分值合计{added}分，与总分{total}分不符",
        )
    contents = tuple(node.text() for node in data["notice_contents"].list())
    _check_groups(data["items"], items)
    if any(i.rule.kind is RuleKind.NOTICE_CONTENTS for i in items) and not contents:
        raise data["notice_contents"].refuse(
            "a notice_contents item needs the list of contents", "通知内容评分项须列出应有内容"
        )
    profile = data["profile"].text()
    if profile not in list_profiles():
        raise data["profile"].refuse(
            f"no bundled rule profile {show(profile)} ({', '.join(list_profiles())})",
            f"没有内置规则配置 {show(profile)}（{'、'.join(list_profiles())}）",
        )
    return ReviewSheet(
        key=data["key"].text(),
        title=data["title"].text(),
        title_en=data["title_en"].text(),
        jurisdiction=data["jurisdiction"].text(),
        example=data["example"].flag(),
        source_title=source["title"].text(),
        source_document=source["document_number"].optional_text(),
        notes=data["notes"].text(),
        total=total,
        profile=profile,
        report_parts=_parts(data["report_parts"], REPORT_PART_KEYS, "heading"),
        attachments=_parts(data["attachments"], ATTACHMENT_KEYS, "name"),
        notice_contents=contents,
        items=items,
    )


def sheet_from_json(text: str | bytes, *, document: str = "review sheet") -> ReviewSheet:
    """The review sheet in the JSON *text* (see the bundled sheets for the shape).

    Raises:
        InvalidReviewInput: the text is not a sheet; the message names the path.
    """
    return _sheet(Node.parse(text, document))


def load_sheet_file(path: "str | PathLike[str]") -> ReviewSheet:
    """The review sheet in the JSON file at *path*."""
    with open(path, "rb") as handle:
        return sheet_from_json(handle.read(), document=str(path))


def list_sheets() -> tuple[str, ...]:
    """The keys of the bundled sheets, sorted.

    >>> list_sheets()
    ('example-county', 'yueyang-2022')
    """
    folder = resources.files("budget_perf.review") / "sheets"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@functools.cache
def load_sheet(key: str) -> ReviewSheet:
    """The bundled sheet called *key* (``yueyang-2022`` or ``example-county``)."""
    if key not in list_sheets():
        raise InvalidReviewInput(
            f"no bundled review sheet {show(key)} (bundled: {', '.join(list_sheets())})",
            message_zh=f"没有内置考核评分表 {show(key)}（内置：{'、'.join(list_sheets())}）",
        )
    data = (resources.files("budget_perf.review") / "sheets" / f"{key}.json").read_bytes()
    return sheet_from_json(data, document=key)
