"""一般公共预算支出情况: the narrative's account of the year's general-budget spending.

The report states the year's general-public-budget spending, its breakdown by functional class
(功能分类, with a stated share of each), the split into basic (基本支出) and project (项目支出)
spending, and each project's amount.  Figures are kept as the text gives them, including the
parenthesised corrections ("1466.7万元(项目支出实际为1496.7万元，包含其他资金支出30万元)").

>>> FunctionClass.GENERAL_PUBLIC_SERVICES.code
'201'
"""

import enum
from decimal import Decimal

import attrs

from budget_perf.model._fields import amount as amount_field
from budget_perf.model._fields import choice, optional, percent, records, required_text, text
from budget_perf.model.funds import BudgetType

__all__ = [
    "FunctionClass",
    "FunctionalSpending",
    "GeneralBudgetSpending",
    "NarrativeFigure",
    "OtherBudgetStatement",
]


class FunctionClass(enum.Enum):
    """支出功能分类 (类): the functional classes of government spending, by their names."""

    GENERAL_PUBLIC_SERVICES = "一般公共服务支出"
    FOREIGN_AFFAIRS = "外交支出"
    NATIONAL_DEFENCE = "国防支出"
    PUBLIC_SECURITY = "公共安全支出"
    EDUCATION = "教育支出"
    SCIENCE_AND_TECHNOLOGY = "科学技术支出"
    CULTURE_TOURISM_SPORTS_MEDIA = "文化旅游体育与传媒支出"
    SOCIAL_SECURITY_AND_EMPLOYMENT = "社会保障和就业支出"
    HEALTH = "卫生健康支出"
    ENERGY_SAVING_AND_ENVIRONMENT = "节能环保支出"
    URBAN_AND_RURAL_COMMUNITIES = "城乡社区支出"
    AGRICULTURE_FORESTRY_WATER = "农林水支出"
    TRANSPORT = "交通运输支出"
    RESOURCES_INDUSTRY_INFORMATION = "资源勘探工业信息等支出"
    COMMERCE_AND_SERVICES = "商业服务业等支出"
    FINANCE = "金融支出"
    AID_TO_OTHER_REGIONS = "援助其他地区支出"
    NATURAL_RESOURCES_OCEAN_METEOROLOGY = "自然资源海洋气象等支出"
    HOUSING_SECURITY = "住房保障支出"
    GRAIN_AND_MATERIAL_RESERVES = "粮油物资储备支出"
    DISASTER_PREVENTION_AND_EMERGENCY = "灾害防治及应急管理支出"
    RESERVE_FUND = "预备费"
    OTHER = "其他支出"
    DEBT_INTEREST = "债务付息支出"
    DEBT_ISSUANCE_COSTS = "债务发行费用支出"

    @property
    def code(self) -> str:
        """The class code of the functional classification (e.g. '201')."""
        return _CODES[self]


_CODES = dict(
    zip(
        FunctionClass,
        (
            "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212",
            "213", "214", "215", "216", "217", "219", "220", "221", "222", "224", "227",
            "229", "232", "233",
        ),
        strict=True,
    )
)  # fmt: skip


@attrs.frozen(kw_only=True)
class FunctionalSpending:
    """One functional class's spending and its stated share (in percent points)."""

    function: FunctionClass = choice(FunctionClass)
    amount: Decimal | None = amount_field()
    stated_share: Decimal | None = percent(doc="占比")


@attrs.frozen(kw_only=True)
class NarrativeFigure:
    """An amount the narrative states, with the correction it adds in brackets, if any.

    ``stated_actual`` is the "实际为…" figure and ``of_which_other_funds`` the "包含其他资金…"
    figure where the text gives them; ``purpose`` is what the text says the money was for.
    """

    label: str = required_text()
    amount: Decimal | None = amount_field()
    stated_actual: Decimal | None = amount_field(doc="实际为")
    of_which_other_funds: Decimal | None = amount_field(doc="包含其他资金支出")
    purpose: str = text()


@attrs.frozen(kw_only=True)
class GeneralBudgetSpending:
    """一般公共预算支出: the year's total, its functional breakdown and its basic/project split."""

    total: Decimal | None = amount_field(doc="一般公共预算拨款支出")
    by_function: tuple[FunctionalSpending, ...] = records(FunctionalSpending)
    basic: NarrativeFigure | None = optional(NarrativeFigure)
    project: NarrativeFigure | None = optional(NarrativeFigure)
    projects: tuple[NarrativeFigure, ...] = records(NarrativeFigure)


@attrs.frozen(kw_only=True)
class OtherBudgetStatement:
    """What the report says of one of the other budgets (政府性基金, 国有资本经营, 社会保险基金)."""

    budget_type: BudgetType = choice(BudgetType)
    amount: Decimal | None = amount_field()
    statement: str = text()
