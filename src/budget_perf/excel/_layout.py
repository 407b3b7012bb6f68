"""The standard layout's vocabulary: titles, header labels and row labels (private).

Labels are matched after :func:`label_key`: NFKC (full-width forms to ASCII, "（" to "(") and
every whitespace character removed, so "年度\\n指标值", "年 度 指 标 值" and "年度指标值" match.
Each header has a few accepted variants, since templates drift between provinces and years.
The writer prints the first variant of each.
"""

from __future__ import annotations

import enum
import re
import unicodedata

from budget_perf.model import FundKind, IncomeKind, Level1, Level2, SpendingKind

__all__ = [
    "BASIC_TITLE",
    "DEPARTMENT_TITLE",
    "FUNDS_HEADER",
    "INDICATOR_HEADER",
    "PROJECT_TITLE",
    "Kind",
    "find_kind",
    "label_key",
    "level1_of",
    "level2_of",
    "table_kind_of_title",
]

_SPACE = re.compile(r"\s+")


def label_key(text: str) -> str:
    """A label for matching: NFKC, whitespace removed.

    >>> label_key("年度\\n指标值"), label_key("项目资金（万元）")
    ('年度指标值', '项目资金(万元)')
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


class Kind(enum.Enum):
    """The three tables a workbook holds."""

    BASIC = "部门整体支出绩效评价基础数据表"
    DEPARTMENT = "部门整体支出绩效自评表"
    PROJECT = "项目支出绩效自评表"


BASIC_TITLE = "{year}年度部门整体支出绩效评价基础数据表"
DEPARTMENT_TITLE = "{year}年度部门整体支出绩效自评表"
PROJECT_TITLE = "{year}年度项目支出绩效自评表"
_TITLE = re.compile(r"^(?:(\d{4})年度?)?.*(基础数据表|部门整体支出绩效自评表|项目支出绩效自评表)$")


def table_kind_of_title(text: str) -> tuple[Kind, int | None] | None:
    """The kind and year of a title row such as "2022年度项目支出绩效自评表"; else ``None``.

    >>> table_kind_of_title("2022年度项目支出绩效自评表")
    (<Kind.PROJECT: '项目支出绩效自评表'>, 2022)
    """
    match = _TITLE.match(label_key(text))
    if match is None or len(text) > 60:
        return None
    kind = {
        "基础数据表": Kind.BASIC,
        "部门整体支出绩效自评表": Kind.DEPARTMENT,
        "项目支出绩效自评表": Kind.PROJECT,
    }[match.group(2)]
    return kind, int(match.group(1)) if match.group(1) else None


#: The funds block's header: key → accepted labels; the first three are required.
FUNDS_HEADER: dict[str, tuple[str, ...]] = {
    "initial_budget": ("年初预算数", "年初预算", "年初预算数(万元)"),
    "full_year_budget": ("全年预算数", "全年预算", "调整后预算数"),
    "executed": ("全年执行数", "全年执行", "实际执行数", "执行数"),
    "weight": ("分值",),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分",),
}
FUNDS_REQUIRED = ("initial_budget", "full_year_budget", "executed")
#: The indicator table's header; all but the deviation note are required.
INDICATOR_HEADER: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标",),
    "target": ("年度指标值", "指标值", "年度目标值", "预期指标值"),
    "actual": ("实际完成值", "实际完成情况", "全年实际值", "实际值"),
    "weight": ("分值",),
    "score": ("得分",),
    "note": ("偏差原因分析及改进措施", "偏差原因分析及改进", "偏差原因分析", "未完成原因分析"),
}
INDICATOR_REQUIRED = ("level1", "level2", "name", "target", "actual", "weight", "score")
GOAL_HEADER: dict[str, tuple[str, ...]] = {
    "expected": ("预期目标",),
    "achieved": ("实际完成情况", "实际完成"),
}
STAFFING_HEADER: dict[str, tuple[str, ...]] = {
    "authorised": ("编制数",),
    "in_post": ("实际在职人数", "在职人数"),
    "rate": ("控制率", "在职人员控制率"),
}
BUILDING_HEADER: dict[str, tuple[str, ...]] = {
    "approved_area": ("批复规模(㎡)", "批复规模", "批复规模(m2)"),
    "actual_area": ("实际规模(㎡)", "实际规模", "实际规模(m2)"),
    "area_rate": ("规模控制率",),
    "budgeted": ("预算投资(万元)", "预算投资"),
    "actual": ("实际投资(万元)", "实际投资"),
    "investment_rate": ("投资概算控制率",),
}

FUND_TOTAL_LABELS = ("年度资金总额", "资金总额", "合计", "总计")
_FUND_ALIASES: tuple[tuple[str, FundKind], ...] = (
    ("当年财政拨款", FundKind.CURRENT_YEAR_APPROPRIATION),
    ("本年财政拨款", FundKind.CURRENT_YEAR_APPROPRIATION),
    ("上年结转", FundKind.PRIOR_YEAR_CARRYOVER),
    ("结转资金", FundKind.PRIOR_YEAR_CARRYOVER),
    ("财政专户", FundKind.SPECIAL_ACCOUNT_FUNDS),
    ("单位资金", FundKind.UNIT_FUNDS),
    ("自有资金", FundKind.UNIT_FUNDS),
    ("财政资金", FundKind.FISCAL_FUNDS),
    ("财政拨款", FundKind.FISCAL_FUNDS),
    ("其他资金", FundKind.OTHER_FUNDS),
)
_INCOME_ALIASES: tuple[tuple[str, IncomeKind], ...] = (
    ("一般公共预算", IncomeKind.GENERAL_PUBLIC_BUDGET),
    ("政府性基金", IncomeKind.GOVERNMENT_FUND),
    ("国有资本经营", IncomeKind.STATE_CAPITAL),
    ("非税收入", IncomeKind.SPECIAL_ACCOUNT_NON_TAX),
    ("其他资金", IncomeKind.OTHER_FUNDS),
    ("其他", IncomeKind.OTHER_FUNDS),
)
_SPENDING_ALIASES: tuple[tuple[str, SpendingKind], ...] = (
    ("基本支出", SpendingKind.BASIC),
    ("项目支出", SpendingKind.PROJECT),
)

_E = enum.Enum


def find_kind(label: str, table: str) -> enum.Enum | None:
    """The fund, income or spending kind a row label names (*table*: fund/income/spending).

    >>> find_kind("其中：当年财政拨款　", "fund")
    <FundKind.CURRENT_YEAR_APPROPRIATION: '当年财政拨款'>
    >>> find_kind("自筹", "fund") is None
    True
    """
    key = label_key(label)
    aliases: tuple[tuple[str, _E], ...] = {
        "fund": _FUND_ALIASES,
        "income": _INCOME_ALIASES,
        "spending": _SPENDING_ALIASES,
    }[table]
    for alias, kind in aliases:
        if alias in key:
            return kind
    return None


_WEIGHT = re.compile(r"\(([0-9]+(?:\.[0-9]+)?)分?\)|([0-9]+(?:\.[0-9]+)?)分$")
#: A leading numbering of a 一级 label: "一、", "1.", "（一）".
_LEVEL1_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[0-9]+[.、]|\([一二三四五六七八九十0-9]+\))"
)


def level1_of(text: str) -> tuple[Level1 | None, str | None]:
    """The 一级指标 category of a cell and the weight text it states ("产出指标(50分)").

    >>> level1_of("产出指标\\n\\n(50分)")
    (<Level1.OUTPUT: '产出指标'>, '50')
    >>> level1_of("一、效益指标 30分"), level1_of("满意度指标(10)")
    ((<Level1.BENEFIT: '效益指标'>, '30'), (<Level1.SATISFACTION: '满意度指标'>, '10'))
    """
    key = _LEVEL1_NUMBER.sub("", label_key(text))
    weight = _WEIGHT.search(key)
    name = _WEIGHT.sub("", key)
    for category in Level1:
        if name in (category.value, category.value.removesuffix("指标")):
            stated = None if weight is None else weight.group(1) or weight.group(2)
            return category, stated
    return None, None


def level2_of(text: str) -> Level2 | None:
    """The 二级指标 category of a cell ("经济效\\n益指标" → ECONOMIC_BENEFIT).

    >>> level2_of("经济效\\n\\n益指标")
    <Level2.ECONOMIC_BENEFIT: '经济效益指标'>
    """
    key = _WEIGHT.sub("", label_key(text))
    for category in Level2:
        if key in (category.value, category.value.removesuffix("指标")):
            return category
    if key in ("满意度指标", "满意度"):
        return Level2.BENEFICIARY_SATISFACTION
    return None
