"""SelfEvaluation: one department's self-evaluation report for one year, as stated.

A report holds the department's description, the narrative account of its general-budget
spending, the department-wide table, one table per project, the basic data table, the
narrative sections, the stated grade, the list of attachments and the department's score sheet
(部门整体支出绩效评价指标表, :mod:`budget_perf.model.score_sheet`).  Every part except the
department may be absent (``None``, or an empty tuple for a list of tables): a workbook often
holds a single project table, and absent is not the same as empty or zero.

The report's facts are kept as printed: ``year`` is the budget year the report states, ``None``
for a report (or an excerpt) that prints none; ``region`` is its place (province, city, county)
as printed, ``None`` where it names none.  Neither is ever guessed, and a report without them
says so ("year unknown").

Amounts are Decimals as printed, in the report's unit (``amount_unit``, 万元 unless the report
prints 元) or in the unit of the table that prints them (a table's own ``amount_unit``; see
:meth:`SelfEvaluation.unit_of` and :mod:`budget_perf.model.units`).  Rates, shares, scores and
totals are kept as the report states them and checked, never replaced, by
:mod:`budget_perf.checks`.

>>> ev = SelfEvaluation(year=2022, department=Department(name="岳阳市人大常委会"))
>>> print(ev)
SelfEvaluation 2022 岳阳市人大常委会: 0 project tables
>>> print(SelfEvaluation(department=Department(name="绥阳县太白镇人民政府"),
...                      region=Region(province="贵州省", city="遵义市", county="绥阳县")))
SelfEvaluation (year unknown) 绥阳县太白镇人民政府 (贵州省遵义市绥阳县): 0 project tables
>>> ev.staff_control_rate() is None
True
>>> SelfEvaluation(year=True, department=Department(name="x"))
Traceback (most recent call last):
...
TypeError: year: expected a year as int, got True
"""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from budget_perf._decimal import in_library_context
from budget_perf.model._fields import choice, optional, records, required, text
from budget_perf.model._shown import PartlyShown, not_shown
from budget_perf.model.basic_data import BasicDataTable
from budget_perf.model.department import Department
from budget_perf.model.department_table import DepartmentTable
from budget_perf.model.grade import Grade
from budget_perf.model.narrative import Narrative
from budget_perf.model.project import Project
from budget_perf.model.region import Region
from budget_perf.model.rubric import ReviewRubric
from budget_perf.model.score_sheet import ScoreSheet
from budget_perf.model.spending import GeneralBudgetSpending, OtherBudgetStatement
from budget_perf.model.units import AmountUnit, convert_amount

if TYPE_CHECKING:
    from budget_perf.profiles import RuleProfile
    from budget_perf.rates import Ratio

__all__ = ["AmountUnit", "SelfEvaluation"]


def _year(_instance: object, _attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"year: expected a year as int, got {value!r}")
    if not 1949 < value < 2200:
        raise ValueError(f"year: {value} is not a plausible budget year")


@attrs.frozen(kw_only=True)
class SelfEvaluation(PartlyShown):
    """The whole self-evaluation report of one department for one year."""

    year: int | None = attrs.field(default=None, validator=_year)
    department: Department = required(Department)
    region: Region | None = optional(Region)
    amount_unit: AmountUnit = choice(AmountUnit, default=AmountUnit.WAN_YUAN)
    general_budget: GeneralBudgetSpending | None = optional(GeneralBudgetSpending)
    other_budgets: tuple[OtherBudgetStatement, ...] = records(OtherBudgetStatement)
    department_table: DepartmentTable | None = optional(DepartmentTable)
    projects: tuple[Project, ...] = records(Project)
    basic_data: BasicDataTable | None = optional(BasicDataTable)
    narrative: Narrative | None = optional(Narrative)
    stated_grade: Grade | None = optional(Grade)
    attachments: tuple[str, ...] = records(str)
    review_rubric: ReviewRubric | None = optional(ReviewRubric)
    title: str = text()
    score_sheet: ScoreSheet | None = optional(ScoreSheet)
    not_shown: tuple[str, ...] = not_shown()

    def __str__(self) -> str:
        parts = [f"{len(self.projects)} project table{'s' if len(self.projects) != 1 else ''}"]
        if self.department_table is not None:
            parts.append("department table")
        if self.basic_data is not None:
            parts.append("basic data table")
        if self.score_sheet is not None:
            parts.append("score sheet")
        year = "(year unknown)" if self.year is None else str(self.year)
        place = "" if self.region is None else f" ({self.region})"
        return f"SelfEvaluation {year} {self.department.name}{place}: {', '.join(parts)}"

    def unit_of(self, table: Project | DepartmentTable | BasicDataTable) -> AmountUnit:
        """The unit *table* prints its amounts in: its own, or else the report's.

        >>> report = SelfEvaluation(department=Department(name="x"))
        >>> report.unit_of(Project(name="y", amount_unit=AmountUnit.YUAN))
        <AmountUnit.YUAN: '元'>
        >>> report.unit_of(Project(name="z"))
        <AmountUnit.WAN_YUAN: '万元'>
        """
        return table.amount_unit or self.amount_unit

    def amount_in(
        self,
        table: Project | DepartmentTable | BasicDataTable,
        amount: Decimal,
        unit: AmountUnit = AmountUnit.WAN_YUAN,
    ) -> Decimal:
        """*amount*, printed in *table*, expressed exactly in *unit* (万元 by default).

        Figures of two tables are compared after both are brought to one unit this way.

        >>> report = SelfEvaluation(department=Department(name="x"))
        >>> report.amount_in(Project(name="y", amount_unit=AmountUnit.YUAN), Decimal("9034"))
        Decimal('0.9034')
        """
        return convert_amount(amount, self.unit_of(table), unit)

    @in_library_context
    def staff_control_rate(self) -> "Ratio | None":
        """The derived 在职人员控制率 of the basic data table; ``None`` where it is not given.

        The stated rate stays in ``basic_data.staffing.stated_control_rate``.

        >>> from budget_perf.examples import load
        >>> load("yueyang-npc-2022").staff_control_rate()
        Decimal('0.7657657657657657657657657658')
        """
        if self.basic_data is None or self.basic_data.staffing is None:
            return None
        return self.basic_data.staffing.control_rate()

    @in_library_context
    def derived_grade(self, profile: "RuleProfile | None" = None) -> Grade | None:
        """The grade of the department table's derived 总分, by *profile* (national by default).

        ``None`` when the report has no department table or its total cannot be derived (see
        :meth:`DepartmentTable.derived_total_score`).  The stated grade stays in
        ``stated_grade``.

        >>> from budget_perf.examples import load
        >>> load("yueyang-npc-2022").derived_grade()
        <Grade.EXCELLENT: '优'>
        """
        from budget_perf.profiles import NATIONAL_2020

        table = self.department_table
        total = None if table is None else table.derived_total_score()
        if total is None:
            return None
        return (profile or NATIONAL_2020).grade_for(total)

    def project(self, name: str) -> Project:
        """Return the project table called *name*.

        Raises:
            KeyError: if the report has no project table of that name.

        >>> from budget_perf.examples import load
        >>> load("yueyang-npc-2022").project("人大立法").funding.total.executed
        Decimal('46.2')
        """
        for candidate in self.projects:
            if candidate.name == name:
                return candidate
        raise KeyError(f"no project table named {name!r}")
