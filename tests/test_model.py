"""The domain model holds what a report states, exactly, and refuses what it cannot hold."""

from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest

import budget_perf
from budget_perf.errors import BudgetPerfError, InvalidAmount, InvalidText
from budget_perf.model import (
    BasicDataTable,
    Department,
    ExpenseRow,
    Funding,
    FundKind,
    FundSource,
    FundTotal,
    Grade,
    HeadcountQuota,
    Indicator,
    IndicatorTree,
    Level1,
    Level1Group,
    Level2,
    Level2Group,
    PostKind,
    Project,
    SelfEvaluation,
    Signature,
    StaffingRow,
)


def test_a_report_needs_only_its_year_and_department() -> None:
    """Every part but the year and the department may be absent, and absent is None, not zero."""
    ev = SelfEvaluation(year=2022, department=Department(name="岳阳市人大常委会"))
    assert ev.basic_data is None
    assert ev.department_table is None
    assert ev.projects == ()
    assert ev.stated_grade is None


def test_records_are_frozen_and_changed_with_evolve() -> None:
    """A record cannot be changed in place; attrs.evolve makes a changed copy."""
    row = FundSource(kind=FundKind.OTHER_FUNDS, executed=Decimal("30"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        row.executed = Decimal("31")  # type: ignore[misc]
    changed = attrs.evolve(row, executed=Decimal("31"))
    assert (row.executed, changed.executed) == (Decimal("30"), Decimal("31"))


def test_records_are_slotted() -> None:
    """Records have no per-instance dict, so a misspelt attribute cannot be set."""
    assert not hasattr(Department(name="x"), "__dict__")


def test_records_take_keyword_arguments_only() -> None:
    """Positional arguments would let columns be swapped silently, so they are refused."""
    with pytest.raises(TypeError):
        FundTotal(Decimal("1"), Decimal("2"), Decimal("3"))  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(0.1, "executed: expected a Decimal, got float 0.1", id="float"),
        pytest.param(Decimal("NaN"), "executed: expected a finite Decimal", id="NaN"),
        pytest.param(Decimal("Infinity"), "executed: expected a finite Decimal", id="infinity"),
        pytest.param("30", "executed: expected a Decimal, got str '30'", id="string"),
        pytest.param(True, "executed: expected a Decimal, got bool True", id="bool"),
        pytest.param(Decimal("-0.01"), "executed: must not be negative, got -0.01", id="negative"),
    ],
)
def test_an_amount_must_be_an_exact_non_negative_decimal(value: object, message: str) -> None:
    """Amounts are exact Decimals in 万元: float, NaN, infinity, negatives are refused by name."""
    with pytest.raises(InvalidAmount, match=message) as caught:
        FundSource(kind=FundKind.OTHER_FUNDS, executed=value)  # type: ignore[arg-type]
    assert caught.value.field == "executed"


def test_a_stated_score_may_be_negative_for_the_checker_to_find() -> None:
    """A score is data as stated; a negative one is the checker's business, not a load error."""
    assert Indicator(name="x", score=Decimal("-1")).score == Decimal("-1")


def test_a_weight_may_not_be_negative() -> None:
    """A weight (分值) is a number of points and cannot be negative."""
    with pytest.raises(InvalidAmount, match="weight: must not be negative"):
        Indicator(name="x", weight=Decimal("-1"))


def test_stated_percentages_keep_the_decimals_they_were_written_with() -> None:
    """A stated "0.6%" stays 0.6 (one decimal), so it is later compared at one decimal."""
    row = StaffingRow(authorised=111, in_post=85, stated_control_rate=Decimal("0.6"))
    assert str(row.stated_control_rate) == "0.6"


@pytest.mark.parametrize("count", [True, 85.0, -1, "85"], ids=["bool", "float", "negative", "str"])
def test_a_headcount_is_a_non_negative_whole_number(count: object) -> None:
    """Headcounts (编制数, 在职人数) are whole numbers of people."""
    with pytest.raises(InvalidAmount, match="in_post"):
        StaffingRow(in_post=count)  # type: ignore[arg-type]


def test_collections_inside_records_are_tuples() -> None:
    """A list inside a record would make it mutable, so a list given is stored as a tuple."""
    block = Funding(sources=[FundSource(kind=FundKind.OTHER_FUNDS)])  # type: ignore[arg-type]
    assert block.sources == (FundSource(kind=FundKind.OTHER_FUNDS),)
    assert isinstance(block.sources, tuple)


def test_expense_rows_hold_only_expense_rows() -> None:
    """Sub-rows of a basic-data row are rows too."""
    with pytest.raises(TypeError, match="children"):
        ExpenseRow(label="三公经费", children=("公务接待",))


def test_walk_visits_a_row_and_all_its_sub_rows_in_table_order() -> None:
    """三公经费 → 公务用车购置和维护经费 → 公车购置 …, depth first, as printed."""
    row = ExpenseRow(
        label="三公经费",
        children=(
            ExpenseRow(label="公务用车购置和维护经费", children=(ExpenseRow(label="公车购置"),)),
            ExpenseRow(label="公务接待"),
        ),
    )
    assert [r.label for r in row.walk()] == [
        "三公经费",
        "公务用车购置和维护经费",
        "公车购置",
        "公务接待",
    ]


def test_indicator_tree_lists_level3_indicators_in_table_order() -> None:
    """An empty 二级 row contributes no indicator; the others come in the order printed."""
    a = Indicator(name="a", weight=Decimal("8"), score=Decimal("8"))
    b = Indicator(name="b", weight=Decimal("20"), score=Decimal("20"))
    tree = IndicatorTree(
        groups=(
            Level1Group(
                category=Level1.OUTPUT,
                groups=(Level2Group(category=Level2.QUANTITY, indicators=(a,)),),
            ),
            Level1Group(
                category=Level1.BENEFIT,
                groups=(
                    Level2Group(category=Level2.ECONOMIC_BENEFIT),
                    Level2Group(category=Level2.SOCIAL_BENEFIT, indicators=(b,)),
                ),
            ),
        )
    )
    assert [i.name for i in tree.indicators()] == ["a", "b"]


def test_level2_categories_know_their_level1_category() -> None:
    """二级 categories sit under the 一级 category of the national table."""
    assert Level2.QUANTITY.level1 is Level1.OUTPUT
    assert Level2.SUSTAINABILITY.level1 is Level1.BENEFIT
    assert Level2.BENEFICIARY_SATISFACTION.level1 is Level1.SATISFACTION


@pytest.mark.parametrize(
    ("label", "grade"),
    [
        ("优", Grade.EXCELLENT),
        ("优秀", Grade.EXCELLENT),
        ("良好", Grade.GOOD),
        ("合格", Grade.FAIR),
        ("差", Grade.POOR),
    ],
)
def test_grades_are_read_from_their_short_and_long_names(label: str, grade: Grade) -> None:
    """Reports write 优 or 优秀, 良 or 良好, 中 or 合格; all name the same grade."""
    assert Grade.from_label(label) is grade


def test_an_unknown_grade_label_is_refused() -> None:
    """A label that names no grade is an error, not a guess."""
    with pytest.raises(ValueError, match="not a grade"):
        Grade.from_label("很好")


def test_project_lookup_by_name() -> None:
    """A project table can be found by its name, and a missing one says so."""
    ev = SelfEvaluation(
        year=2022,
        department=Department(name="x"),
        projects=(Project(name="人大立法", signature=Signature(date_filed=date(2023, 6, 15))),),
    )
    assert ev.project("人大立法").signature == Signature(date_filed=date(2023, 6, 15))
    with pytest.raises(KeyError, match="人大会议"):
        ev.project("人大会议")


def test_headcount_quota_may_have_no_number() -> None:
    """ "市人大领导行政编制单列，按实际情况核定" states a quota without a number."""
    quota = HeadcountQuota(kind=PostKind.ADMINISTRATIVE, note="单列，按实际情况核定")
    assert quota.count is None


def test_basic_data_without_buildings_differs_from_absent_buildings() -> None:
    """No building project (empty) and a table without the buildings part (None) differ."""
    assert BasicDataTable(buildings=()) != BasicDataTable(buildings=None)


# Text must be valid Unicode; control characters are data. ----------------------------------


@pytest.mark.parametrize(
    ("make", "field"),
    [
        pytest.param(lambda bad: Department(name=bad), "name", id="required text"),
        pytest.param(
            lambda bad: Project(name="x", implementing_unit=bad), "implementing_unit", id="text"
        ),
        pytest.param(
            lambda bad: Project(name="人大监督", notes=("备注", bad)), "notes", id="texts"
        ),
    ],
)
def test_a_text_with_a_lone_surrogate_is_refused(make: Any, field: str) -> None:
    """Half a surrogate pair cannot be saved or printed: refused with InvalidText, naming it."""
    with pytest.raises(InvalidText) as caught:
        make("岳阳\udc80市")
    assert caught.value.field == field
    assert str(caught.value) == (
        f"{field}: a lone surrogate \\udc80 at character 3 is not valid Unicode "
        "(the text could not be written or shown)"
    )
    assert caught.value.message("zh").startswith(f"{field}：第 3 个字符是孤立的代理码位 \\udc80")


def test_control_characters_and_rare_characters_are_kept_as_data() -> None:
    """An escape sequence or a character outside the basic plane is text the writers escape."""
    name = "岳阳\x1b[2J\t𠀀"
    assert Department(name=name).name == name
    assert Project(name="x", notes=(name,)).notes == (name,)


def test_invalid_text_is_a_budget_perf_value_error() -> None:
    """InvalidText is caught as a BudgetPerfError or a ValueError, and is public."""
    assert issubclass(InvalidText, BudgetPerfError)
    assert issubclass(InvalidText, ValueError)
    assert "InvalidText" in budget_perf.__all__
