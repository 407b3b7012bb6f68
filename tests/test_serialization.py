"""JSON in and out: every model record round-trips, and bad input is refused with its path."""

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from budget_perf import _schema, examples
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


# Strict decoding: what json.loads lets through is refused, with where it is. ----------------


def _problems(text: str | bytes, cls: type = SelfEvaluation) -> tuple[str, ...]:
    """The problems from_json finds in *text* read as a *cls*."""
    with pytest.raises(InvalidDocument) as caught:
        from_json(text, cls)
    return caught.value.problems


def _report_text(**changes: object) -> str:
    """The small report as compact JSON text, with top-level fields replaced."""
    return json.dumps({**_report(), **changes}, ensure_ascii=False)


def test_a_key_given_twice_is_refused_instead_of_the_last_one_winning() -> None:
    """A second "year" would silently change the report's year; it is refused at its object."""
    text = _report_text()[:-1] + ', "year": 2023}'
    assert _problems(text) == ("duplicate key 'year' in a JSON object @ $",)


def test_a_key_given_twice_deep_inside_is_refused_at_its_path() -> None:
    """A duplicate inside the second project names that project's path and the key."""
    text = _report_text().replace('"name": "运行维护经费"', '"name": "运行维护经费", "name": "x"')
    assert _problems(text) == ("duplicate key 'name' in a JSON object @ $.projects[1]",)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            '{"year": 2022, "department": {"name": "岳\\ud800"}}',
            "the text has a lone surrogate \\ud800 at character 2, which is not valid Unicode "
            "and cannot be written or shown @ $.department.name",
            id="escaped in a value",
        ),
        pytest.param(
            '{"year": 2022, "department": {"name": "岳\ud800"}}',
            "the text has a lone surrogate \\ud800 at character 2, which is not valid Unicode "
            "and cannot be written or shown @ $.department.name",
            id="raw in a Python str",
        ),
        pytest.param(
            '{"year": 2022, "department": {"name": "x"}, "projects": [{"\\udc00": 1}]}',
            "a key has a lone surrogate \\udc00 at character 1, which is not valid Unicode "
            "and cannot be written or shown @ $.projects[0]",
            id="escaped in a key",
        ),
    ],
)
def test_a_lone_surrogate_is_refused_at_its_path(text: str, problem: str) -> None:
    """Half of a surrogate pair is not a character: no file can hold it, no screen show it."""
    assert _problems(text) == (problem,)


def test_a_character_outside_the_basic_plane_is_accepted() -> None:
    """A rare character written as a surrogate pair escape (𠀀) is one valid character."""
    text = '{"year": 2022, "department": {"name": "\\ud840\\udc00"}}'
    assert from_json(text, SelfEvaluation).department.name == "\U00020000"


def test_utf8_bytes_load_and_a_byte_order_mark_is_dropped() -> None:
    """A file's bytes can be given as they are; a UTF-8 byte-order mark at the start is dropped."""
    text = _report_text()
    expected = from_json(text, SelfEvaluation)
    assert from_json(text.encode("utf-8"), SelfEvaluation) == expected
    assert from_json(b"\xef\xbb\xbf" + text.encode("utf-8"), SelfEvaluation) == expected
    assert from_json("\ufeff" + text, SelfEvaluation) == expected


def test_bytes_that_are_not_utf8_are_refused_with_their_offset() -> None:
    """A GBK-encoded file is not UTF-8: refused at the first bad byte, not with a crash."""
    data = '{"year": 2022, "department": {"name": "岳阳"}}'.encode("gbk")
    assert _problems(data) == ("not valid UTF-8: byte 0xd4 at offset 39 (line 1)",)


def test_nesting_deeper_than_the_limit_is_refused_before_parsing() -> None:
    """100 000 nested arrays are refused at the 65th, without a recursion error."""
    assert _problems("[" * 100_000 + "]" * 100_000) == (
        "nested deeper than 64 levels of arrays and objects (line 1, column 65)",
    )


def test_nesting_up_to_the_limit_is_decoded() -> None:
    """64 levels are within the limit: the document is decoded and refused only as a report."""
    assert _problems("[" * 64 + "]" * 64) == (
        "expected an object for SelfEvaluation, got list [[[[...]]]] @ $",
    )


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    """A name full of brackets is text, not structure."""
    name = "[" * 200 + '\\"' + "{" * 200
    report = from_json(f'{{"year": 2022, "department": {{"name": "{name}"}}}}', SelfEvaluation)
    assert report.department.name == "[" * 200 + '"' + "{" * 200


def test_a_number_longer_than_the_limit_is_refused_at_its_path() -> None:
    """A 5000-digit year would take Python's int parser to its limit; it is refused first."""
    text = _report_text().replace('"year": 2022', '"year": ' + "9" * 5000)
    assert _problems(text) == ("a number of 5000 characters, over the limit of 100 @ $.year",)


def test_a_decimal_string_longer_than_the_limit_is_refused() -> None:
    """No amount has a hundred digits; a 5000-character decimal string is refused, shown cut."""
    (problem,) = _problems('{"kind": "其他资金", "executed": "' + "1" * 5000 + '"}', FundSource)
    assert problem.startswith(
        'expected a decimal string such as "4026.3", got a string of 5000 characters, '
        "over the limit of 100: '111"
    )
    assert problem.endswith("… (5000 characters) @ $.executed")
    assert len(problem) < 400


def test_trailing_garbage_is_refused_with_its_position() -> None:
    """Text after the document is not ignored."""
    assert _problems('{"executed": "1"} {"executed": "2"}', FundTotal) == (
        "not valid JSON: Extra data (line 1, column 19)",
    )


def test_a_huge_value_is_shown_cut_in_the_message() -> None:
    """A megabyte string where an array belongs gives a message of a few hundred characters."""
    text = _report_text(projects="x" * 1_000_000)
    with pytest.raises(InvalidDocument) as caught:
        from_json(text, SelfEvaluation)
    assert caught.value.problems == (
        f"expected an array, got str {'x' * 200!r}… (1000000 characters) @ $.projects",
    )
    assert len(str(caught.value)) < 400
    assert len(caught.value.message("zh")) < 400


def test_many_unknown_keys_are_listed_briefly() -> None:
    """Ten thousand unknown keys name the first ten and count the rest."""
    data = {"executed": "1", **{f"k{i:05}": 1 for i in range(10_000)}}
    (problem,) = _problems(json.dumps(data), FundTotal)
    first_ten = ", ".join(f"k{i:05}" for i in range(10))
    assert problem == f"unknown fields: {first_ten}, … (10000 in all) @ $"


def test_a_million_wrong_items_stop_the_check_after_a_hundred_problems() -> None:
    """A small file of a million wrong items costs a hundred problems, not gigabytes of them."""
    text = _report_text()[:-1].replace('"projects": [', '"projects": [' + "1.5," * 1_000_000)
    with pytest.raises(InvalidDocument) as caught:
        from_json(text + "}", SelfEvaluation)
    problems = caught.value.problems
    assert len(problems) == 101
    assert problems[0] == "expected an object for Project, got float 1.5 @ $.projects[0]"
    assert problems[-1] == (
        "checking stopped after 100 problems; 999903 more items not checked @ $.projects"
    )
    message = str(caught.value).splitlines()
    assert message[0] == "101 problems in the document:"
    assert message[-1] == "  … and 81 more"
    assert len(message) == 22


# Refusals in Chinese too. --------------------------------------------------------------------


@pytest.mark.parametrize(("path", "value", "problem"), BAD_INPUTS)
def test_every_problem_is_also_said_in_chinese_at_the_same_path(
    path: tuple[str | int, ...], value: object, problem: str
) -> None:
    """Each problem is said in Chinese at the same JSON path.

    A check of the model itself that has no Chinese wording yet (a negative amount) is said as
    "取值无效：" and the English; every refusal of the JSON reader has its own Chinese.
    """
    data = _report()
    _set(data, path, value)
    with pytest.raises(InvalidDocument) as caught:
        from_data(data, SelfEvaluation)
    (zh,) = caught.value.problems_zh
    assert zh.rpartition(" @ ")[2] == problem.rpartition(" @ ")[2]
    if zh.startswith("取值无效："):
        assert zh == f"取值无效：{problem}"
        assert problem.startswith("must not be negative")
    else:
        wording = zh.rpartition(" @ ")[0].replace("财政", "")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in wording), zh
    assert caught.value.message("zh").startswith("文档有 1 处问题：\n  - ")


@pytest.mark.parametrize(
    ("text", "zh"),
    [
        ("{,}", "不是有效的 JSON：此处应为用双引号括起的键名（第 1 行第 2 列）"),
        ('{"a": 1, "a": 2}', "JSON 对象中的键 'a' 出现了不止一次 @ $"),
        (b"\xff", "不是有效的 UTF-8 编码：第 1 行，偏移 0 处的字节 0xff"),
        ("[" * 65, "数组和对象嵌套超过 64 层（第 1 行第 65 列）"),
        ("[" + "1" * 101 + "]", "数字长达 101 个字符，超过 100 个字符的上限 @ $[0]"),
        ('["\\ud800"]', ("文本在第 1 个字符处含有孤立的代理码位 \\ud800，"
                         "不是有效的 Unicode，无法保存或显示 @ $[0]")),
    ],
)  # fmt: skip
def test_decoding_refusals_are_said_in_chinese(text: str | bytes, zh: str) -> None:
    """The refusals of decoding have Chinese wording too."""
    with pytest.raises(InvalidDocument) as caught:
        from_json(text, SelfEvaluation)
    assert caught.value.problems_zh == (zh,)


# The report's schema, and reading what budget_perf 0.1 wrote. --------------------------------

DATA = Path(__file__).parent / "data"


def test_a_report_names_its_schema_first() -> None:
    """A written report starts with its schema, so a later version knows how to read it."""
    data = json.loads(to_json(from_data(_report(), SelfEvaluation)))
    assert next(iter(data.items())) == ("schema", "budget_perf.report/2")


def test_other_records_have_no_schema() -> None:
    """Only the report document names a schema; its parts are written as before."""
    assert "schema" not in json.loads(to_json(Project(name="人大监督")))


def test_a_report_written_by_0_1_still_loads() -> None:
    """The bundled example as budget_perf 0.1 wrote it (no schema key) loads equal to it."""
    text = (DATA / "report-0.1.json").read_text(encoding="utf-8")
    assert '"schema"' not in text
    assert from_json(text, SelfEvaluation) == examples.load("yueyang-npc-2022")


def test_each_older_schema_has_one_migration_step() -> None:
    """Every schema before the current one has the step to the next, so every old file reads."""
    assert sorted(_schema._MIGRATIONS) == list(range(1, _schema._CURRENT))
    assert f"budget_perf.report/{_schema._CURRENT}" == _schema.REPORT_SCHEMA


def test_schema_1_migrates_to_2_unchanged() -> None:
    """From 0.1 to 2 nothing but the schema key changed, so the fields pass through as they are."""
    data = json.loads((DATA / "report-0.1.json").read_text(encoding="utf-8"))
    assert _schema._from_schema_1(copy.deepcopy(data)) == data
    assert _schema.upgrade(data) == data
    assert _schema.upgrade(_schema.mark(data)) == data


@pytest.mark.parametrize(
    ("schema", "problem"),
    [
        (
            "budget_perf.report/3",
            (
                "the report is in schema 'budget_perf.report/3', newer than this version of "
                "budget_perf reads (budget_perf.report/1 to budget_perf.report/2); "
                "install a newer budget_perf @ $.schema"
            ),
        ),
        (
            "budget_perf.findings/1",
            (
                "unknown schema 'budget_perf.findings/1'; expected one of budget_perf.report/1 "
                "to budget_perf.report/2 @ $.schema"
            ),
        ),
        (
            2,
            (
                "unknown schema int; expected one of budget_perf.report/1 to "
                "budget_perf.report/2 @ $.schema"
            ),
        ),
    ],
)
def test_a_schema_this_version_cannot_read_is_refused(schema: object, problem: str) -> None:
    """A newer or unknown schema is refused, not read as if it were the current one."""
    assert _problems(_report_text(schema=schema)) == (problem,)


def test_a_report_round_trips_through_data_with_its_schema() -> None:
    """to_data names the schema too, and from_data reads it back."""
    evaluation = from_data(_report(), SelfEvaluation)
    data = to_data(evaluation)
    assert data["schema"] == "budget_perf.report/2"
    assert from_data(data, SelfEvaluation) == evaluation


@pytest.mark.parametrize("text", ["１２", "1e3", " 12", "+12", "12.", ".5", "1_000", "-"])
def test_a_short_text_that_is_not_a_plain_decimal_is_refused(text: str) -> None:
    """A short amount text ("１２", "1e3", " 12") is refused at its path, never coerced.

    A short text is what the one-pass reader reads without the converter: it must refuse
    exactly what the converter refuses (full-width digits, exponents, spaces, a sign "+").
    """
    data = _report()
    _set(data, EXECUTED, text)
    with pytest.raises(InvalidDocument) as caught:
        from_data(data, SelfEvaluation)
    assert caught.value.problems == (
        f'expected a decimal string such as "4026.3", got {text!r} @ {EXECUTED_PATH}',
    )


@pytest.mark.parametrize("value", ["否", 0, 1, None])
def test_a_flag_that_is_not_true_or_false_is_refused(value: object) -> None:
    """A yes/no field (an indicator tree's ``cut``) takes JSON true or false, nothing else."""
    data = _report()
    _set(data, ("projects", 2, "indicators", "cut"), value)
    with pytest.raises(InvalidDocument) as caught:
        from_data(data, SelfEvaluation)
    (problem,) = caught.value.problems
    assert problem.endswith("@ $.projects[2].indicators.cut")
