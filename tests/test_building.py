"""Building a report by hand: plain Python values are converted exactly, or refused briefly.

A reviewer types figures as ints and Decimal strings, lists of rows and the Chinese names of
categories; the model stores Decimals, tuples and enum members, and never a float's error.
"""

from decimal import Decimal
from typing import Any

import pytest

import budget_perf as bp
from budget_perf.errors import BudgetPerfError, InvalidAmount, InvalidValue


def plain(cls: type) -> Any:
    """*cls* as an untyped call: a type checker sees the stored types, the call takes more."""
    return cls


def test_whole_numbers_lists_and_chinese_categories_build_the_same_record() -> None:
    """weight=10, a list of sources and kind="其他资金" give the record the exact types give."""
    funding, source = plain(bp.Funding), plain(bp.FundSource)
    by_hand = funding(
        sources=[source(kind="其他资金", full_year_budget=30, executed=30)], weight=10
    )
    exact = bp.Funding(
        sources=(
            bp.FundSource(
                kind=bp.FundKind.OTHER_FUNDS, full_year_budget=Decimal("30"), executed=Decimal("30")
            ),
        ),
        weight=Decimal("10"),
    )
    assert by_hand == exact
    assert type(by_hand.sources) is tuple and type(by_hand.weight) is Decimal


def test_a_category_may_be_given_by_its_english_name_too() -> None:
    """Level2Group(category="QUANTITY") is the 数量指标 group."""
    assert plain(bp.Level2Group)(category="QUANTITY").category is bp.Level2.QUANTITY


def test_a_float_is_refused_with_the_decimal_to_write() -> None:
    """7.1 as a float is not 7.1; the refusal says to write Decimal('7.1')."""
    with pytest.raises(InvalidAmount, match=r"weight: .*float 7\.1.*write Decimal\('7\.1'\)"):
        bp.Indicator(name="维修", weight=7.1)  # type: ignore[arg-type]


def test_a_decimal_made_from_a_float_is_refused_with_the_decimal_to_write() -> None:
    """Decimal(7.1) is 7.0999999999999996447…: refused, not stored, with the hint."""
    with pytest.raises(
        InvalidAmount, match=r"made from a float: write Decimal\('7\.1'\)"
    ) as caught:
        bp.Indicator(name="维修", score=Decimal(7.1))  # noqa: RUF032 - the mistake under test
    assert caught.value.field == "score"
    assert "浮点数" in caught.value.message("zh")


def test_a_decimal_from_an_exact_float_is_the_number_it_says() -> None:
    """Decimal(7.5) is exactly 7.5, so nothing is lost and it is kept."""
    assert bp.Indicator(name="维修", weight=Decimal(7.5)).weight  # noqa: RUF032 == Decimal("7.5")


def test_a_figure_typed_as_text_is_refused_with_the_decimal_to_write() -> None:
    """A figure is not text: weight="10" is refused, saying to write Decimal('10')."""
    with pytest.raises(InvalidAmount, match=r"write Decimal\('10'\)"):
        bp.Indicator(name="维修", weight="10")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("build", "field", "example"),
    [
        pytest.param(
            lambda: plain(bp.Level2Group)(category="数量"),
            "category",
            "category='数量指标'",
            id="enum",
        ),
        pytest.param(
            lambda: plain(bp.Funding)(sources=[{"kind": "其他"}]),
            "sources",
            "FundSource(",
            id="row",
        ),
        pytest.param(
            lambda: plain(bp.Project)(name="x", funding="394"), "funding", "Funding(", id="part"
        ),
        pytest.param(lambda: plain(bp.Indicator)(name=5), "name", "name='", id="text"),
    ],
)
def test_a_wrong_value_is_refused_briefly_naming_the_field(
    build: Any, field: str, example: str
) -> None:
    """The refusal names the field and shows an example, in a few lines, not 1,500 characters."""
    with pytest.raises(InvalidValue) as caught:
        build()
    message = str(caught.value)
    assert message.startswith(f"{field}: ") and example in message
    assert len(message) < 300
    assert caught.value.field == field
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, BudgetPerfError)


def test_rows_carry_the_level_labels_down_as_merged_cells() -> None:
    """Blank 一级/二级 cells belong to the block above; a label repeated on every row does too."""
    tree = bp.IndicatorTree.from_rows(
        [
            {"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "会议", "分值": 10},
            {"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "视察", "分值": 5},
            {"三级指标": "调研", "分值": 5},
            {"二级指标": "质量指标"},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "法治", "weight": 20},
        ]
    )
    assert [
        (g.category.value, [(s.category.value, [i.name for i in s.indicators]) for s in g.groups])
        for g in tree.groups
    ] == [
        ("产出指标", [("数量指标", ["会议", "视察", "调研"]), ("质量指标", [])]),
        ("效益指标", [("社会效益指标", ["法治"])]),
    ]
    assert tree.weight_of_indicators() == Decimal("40")


def test_a_row_figure_that_is_a_float_is_refused_naming_the_row() -> None:
    """A spreadsheet's 7.5 read as a float is refused, saying which row and which column."""
    with pytest.raises(InvalidAmount, match=r"^rows\[1\]\.weight: .*write Decimal\('7\.5'\)"):
        bp.IndicatorTree.from_rows(
            [
                ("产出指标", "数量指标", "会议", "12次", "12次", 10),
                (None, None, "视察", "", "", 7.5),
            ]
        )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        pytest.param([{"单位": "x"}], r"rows\[0\]\.'单位': an unknown column", id="column"),
        pytest.param([("产出", "数量指标", "会议", 1, 2, 3, 4, 5, 6)], "9 cells", id="too-long"),
        pytest.param([(None, "数量指标", "会议")], "before any 一级指标", id="no-level1"),
        pytest.param([("产出指标", None, "会议")], "without 二级指标", id="no-level2"),
        pytest.param([("投入指标", "数量指标", "会议")], "'投入指标' is not Level1", id="level1"),
        pytest.param(["产出指标"], "expected a mapping or a tuple", id="not-a-row"),
    ],
)
def test_rows_a_table_cannot_have_are_refused_naming_the_row(rows: list[Any], message: str) -> None:
    """Unknown columns, overlong rows, rows without their levels, unknown categories."""
    with pytest.raises(InvalidValue, match=message):
        bp.IndicatorTree.from_rows(rows)


def test_building_by_hand_equals_reading_the_same_data() -> None:
    """The bundled report rebuilt from its own JSON data equals it: construction loses nothing."""
    report = bp.examples.load("yueyang-npc-2022")
    assert bp.from_data(bp.to_data(report), bp.SelfEvaluation) == report
