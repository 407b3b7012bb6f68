"""JSON in and out: every model record round-trips, and bad input is refused with its path."""

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from budget_perf.errors import InvalidDocument
from budget_perf.model import (
    Department,
    Funding,
    FundKind,
    FundSource,
    FundTotal,
    Indicator,
    IndicatorTree,
    Level1,
    Level1Group,
    Level2,
    Level2Group,
    Project,
    SelfEvaluation,
    Signature,
)
from budget_perf.serialization import from_data, from_json, to_data, to_json


def _report() -> dict[str, Any]:
    """A small valid report as JSON data, to be broken one field at a time."""
    evaluation = SelfEvaluation(
        year=2022,
        department=Department(name="岳阳市人大常委会"),
        projects=(
            Project(name="业务工作经费"),
            Project(name="运行维护经费"),
            Project(
                name="人大监督",
                funding=Funding(
                    total=FundTotal(full_year_budget=Decimal("124"), executed=Decimal("122.18")),
                    sources=(
                        FundSource(
                            kind=FundKind.CURRENT_YEAR_APPROPRIATION,
                            full_year_budget=Decimal("124"),
                            executed=Decimal("122.18"),
                        ),
                    ),
                    weight=Decimal("10"),
                    stated_execution_rate=Decimal("100"),
                ),
                indicators=IndicatorTree(
                    groups=(
                        Level1Group(
                            category=Level1.OUTPUT,
                            stated_weight=Decimal("50"),
                            groups=(
                                Level2Group(
                                    category=Level2.QUANTITY,
                                    indicators=(Indicator(name="调研", weight=Decimal("10")),),
                                ),
                            ),
                        ),
                    )
                ),
                signature=Signature(prepared_by="卢玉婷", date_filed=date(2023, 6, 15)),
            ),
        ),
    )
    data = to_data(evaluation)
    assert isinstance(data, dict)
    return data


def test_decimals_are_written_as_strings_keeping_their_decimals() -> None:
    """Decimals are written as strings, exactly as stated; dates as ISO, enums by value."""
    data = _report()
    funding = data["projects"][2]["funding"]
    assert funding["total"]["executed"] == "122.18"
    assert funding["stated_execution_rate"] == "100"
    assert funding["sources"][0]["kind"] == "当年财政拨款"
    assert data["projects"][2]["signature"]["date_filed"] == "2023-06-15"


def test_a_report_round_trips_through_json() -> None:
    """Reading back what was written gives an equal report."""
    evaluation = from_data(_report(), SelfEvaluation)
    assert from_json(to_json(evaluation), SelfEvaluation) == evaluation


def test_trailing_zeros_survive_the_round_trip() -> None:
    """A stated "30.00" is still written "30.00" after a round trip (its decimals are data)."""
    source = FundSource(kind=FundKind.OTHER_FUNDS, executed=Decimal("30.00"))
    back = from_json(to_json(source), FundSource)
    assert str(back.executed) == "30.00"


def test_whole_numbers_are_accepted_for_decimals() -> None:
    """A JSON integer is exact, so 10 is read as Decimal 10."""
    assert from_json('{"kind": "其他资金", "executed": 10}', FundSource).executed == Decimal(10)


EXECUTED = ("projects", 2, "funding", "sources", 0, "executed")
EXECUTED_PATH = "$.projects[2].funding.sources[0].executed"


def _set(data: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def _delete(data: dict[str, Any], path: tuple[str | int, ...]) -> None:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]


BAD_INPUTS = [
    pytest.param(
        EXECUTED, 122.18,
        f'expected a decimal string such as "4026.3", got float 122.18 @ {EXECUTED_PATH}',
        id="float",
    ),
    pytest.param(
        EXECUTED, "NaN",
        f"expected a decimal string such as \"4026.3\", got 'NaN' @ {EXECUTED_PATH}",
        id="NaN",
    ),
    pytest.param(
        EXECUTED, "Infinity",
        f"expected a decimal string such as \"4026.3\", got 'Infinity' @ {EXECUTED_PATH}",
        id="infinity",
    ),
    pytest.param(
        EXECUTED, "122,18",
        f"expected a decimal string such as \"4026.3\", got '122,18' @ {EXECUTED_PATH}",
        id="malformed decimal string",
    ),
    pytest.param(
        EXECUTED, True,
        f'expected a decimal string such as "4026.3", got bool True @ {EXECUTED_PATH}',
        id="bool",
    ),
    pytest.param(
        ("projects", 2, "funding", "total", "full_year_budget"), "-124",
        "must not be negative, got -124 @ $.projects[2].funding.total.full_year_budget",
        id="negative budget",
    ),
    pytest.param(
        ("projects", 2, "funding", "sources", 0, "kind"), "财政拨款",
        "'财政拨款' is not a FundKind; expected one of: 当年财政拨款, 上年结转资金, 其他资金, "
        "财政资金, 财政专户管理资金, 单位资金 @ $.projects[2].funding.sources[0].kind",
        id="unknown enum value",
    ),
    pytest.param(
        ("projects", 2, "signature", "date_filed"), "2023.6.15",
        "expected an ISO date such as \"2023-06-09\", got '2023.6.15' "
        "@ $.projects[2].signature.date_filed",
        id="date not ISO",
    ),
    pytest.param(
        ("projects", 2, "indicators", "groups", 0, "groups", 0, "indicators", 0, "colour"), "red",
        "unknown field: colour @ $.projects[2].indicators.groups[0].groups[0].indicators[0]",
        id="unknown key",
    ),
    pytest.param(
        ("year",), "2022", "expected a whole number, got str '2022' @ $.year", id="year as string"
    ),
    pytest.param(
        ("projects",), {"name": "x"}, "expected an array, got dict {'name': 'x'} @ $.projects",
        id="object for array",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value", "problem"), BAD_INPUTS)
def test_bad_input_is_refused_with_its_json_path(
    path: tuple[str | int, ...], value: object, problem: str
) -> None:
    """Each bad value gives one InvalidDocument problem naming its path and what was expected."""
    data = _report()
    _set(data, path, value)
    with pytest.raises(InvalidDocument) as caught:
        from_data(data, SelfEvaluation)
    assert caught.value.problems == (problem,)


def test_a_missing_field_is_named() -> None:
    """A record without a required field (a project without its name) is refused at that path."""
    data = _report()
    _delete(data, ("projects", 1, "name"))
    with pytest.raises(InvalidDocument) as caught:
        from_data(data, SelfEvaluation)
    assert caught.value.problems == ("required field missing @ $.projects[1].name",)


def test_every_problem_is_listed_at_once() -> None:
    """A reviewer fixing a file sees all its problems in one go, not one per attempt."""
    data = _report()
    _set(data, EXECUTED, 1.5)
    _set(data, ("projects", 0, "name"), 7)
    _set(data, ("surprise",), True)
    with pytest.raises(InvalidDocument) as caught:
        from_data(data, SelfEvaluation)
    assert sorted(caught.value.problems) == sorted(
        [
            "unknown field: surprise @ $",
            "expected a string, got int 7 @ $.projects[0].name",
            f'expected a decimal string such as "4026.3", got float 1.5 @ {EXECUTED_PATH}',
        ]
    )
    assert str(caught.value).startswith("3 problems in the document:")


def test_text_that_is_not_json_is_refused_with_its_position() -> None:
    """Broken JSON text is an InvalidDocument too, naming line and column."""
    with pytest.raises(InvalidDocument, match=r"not valid JSON: .*\(line 1, column 2\)"):
        from_json("{,}", SelfEvaluation)


def test_json_nan_is_refused() -> None:
    """JSON's non-standard NaN literal arrives as a float and is refused."""
    with pytest.raises(InvalidDocument, match="got float nan"):
        from_json('{"kind": "其他资金", "executed": NaN}', FundSource)


def test_a_document_that_is_not_an_object_is_refused() -> None:
    """A report must be a JSON object."""
    with pytest.raises(
        InvalidDocument, match=r"expected an object for SelfEvaluation, got list \[\] @ \$"
    ):
        from_json("[]", SelfEvaluation)


def test_json_text_is_readable_chinese() -> None:
    """Chinese is written as is, not as \\u escapes, so a reviewer can read the file."""
    assert "岳阳市人大常委会" in to_json(from_data(_report(), SelfEvaluation))
    assert json.loads(to_json(Department(name="岳阳"), indent=None)) == {
        "name": "岳阳",
        "functions": "",
        "organisation": None,
        "staffing": None,
    }
