"""The domain model: frozen records of what a self-evaluation report states.

Records are frozen, slotted, keyword-only attrs classes holding tuples, changed with
``attrs.evolve``.  They hold what a report states — a stated rate, share, score or total is
data — and do no I/O, formatting or serialization.
"""

from budget_perf.model.basic_data import BasicDataTable, BuildingRow, ExpenseRow, StaffingRow
from budget_perf.model.department import (
    Body,
    BodyKind,
    Department,
    HeadcountQuota,
    Organisation,
    PostKind,
    Staffing,
)
from budget_perf.model.department_table import DepartmentTable
from budget_perf.model.evaluation import SelfEvaluation
from budget_perf.model.filing import AnnualGoal, Signature
from budget_perf.model.funds import (
    BudgetType,
    ExecutionRow,
    Funding,
    FundKind,
    FundSource,
    FundTotal,
    IncomeKind,
    IncomeLine,
    RateBasis,
    SpendingKind,
    SpendingLine,
    SpendingRow,
)
from budget_perf.model.grade import Grade
from budget_perf.model.indicators import (
    Indicator,
    IndicatorTree,
    Level1,
    Level1Group,
    Level2,
    Level2Group,
)
from budget_perf.model.narrative import Narrative, Problem
from budget_perf.model.project import Project
from budget_perf.model.region import Region
from budget_perf.model.rubric import ReviewRubric, RubricItem
from budget_perf.model.score_sheet import ScoreGroup, ScoreItem, ScoreSheet, ScoreSubgroup
from budget_perf.model.spending import (
    FunctionalSpending,
    FunctionClass,
    GeneralBudgetSpending,
    NarrativeFigure,
    OtherBudgetStatement,
)
from budget_perf.model.units import AmountUnit, convert_amount

__all__ = [
    "AmountUnit",
    "AnnualGoal",
    "BasicDataTable",
    "Body",
    "BodyKind",
    "BudgetType",
    "BuildingRow",
    "Department",
    "DepartmentTable",
    "ExecutionRow",
    "ExpenseRow",
    "FunctionClass",
    "FunctionalSpending",
    "FundKind",
    "FundSource",
    "FundTotal",
    "Funding",
    "GeneralBudgetSpending",
    "Grade",
    "HeadcountQuota",
    "IncomeKind",
    "IncomeLine",
    "Indicator",
    "IndicatorTree",
    "Level1",
    "Level1Group",
    "Level2",
    "Level2Group",
    "Narrative",
    "NarrativeFigure",
    "Organisation",
    "OtherBudgetStatement",
    "PostKind",
    "Problem",
    "Project",
    "RateBasis",
    "Region",
    "ReviewRubric",
    "RubricItem",
    "ScoreGroup",
    "ScoreItem",
    "ScoreSheet",
    "ScoreSubgroup",
    "SelfEvaluation",
    "Signature",
    "SpendingKind",
    "SpendingLine",
    "SpendingRow",
    "Staffing",
    "StaffingRow",
    "convert_amount",
]
