"""The quick JSON paths read and write exactly what the careful ones do (no timings here).

``from_json`` first tries a quick reader that builds each record as the parser closes its
object and skips the validator checks its own reading has made; ``to_json(indent=None)``
writes the text straight from the records.  Speed is measured by bench/speed.py; these tests
pin what the speed must not change: the same records, the same refusals in the same words,
the same compact text byte for byte, and a sound report read without falling back.
"""

import copy
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import partial
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget_perf import examples, from_data, from_json, serialization, to_data, to_json
from budget_perf._fastread import EMPTY_PASSES
from budget_perf._jsonload import MAX_DEPTH, loads_strict, skeleton
from budget_perf.errors import BudgetPerfError, InvalidDocument
from budget_perf.model import SelfEvaluation
from budget_perf.model._fields import choice, optional, records, tuple_of
from budget_perf.model._fields import text as text_field
from budget_perf.model.basic_data import BasicDataTable, ExpenseRow
from budget_perf.model.units import AmountUnit
from budget_perf.serialization import _MSGSPEC_JSON, _STDLIB_JSON
from budget_perf.strategies import self_evaluations

#: The quick readers: the standard library's parser, and msgspec's (the ``fast`` extra, which
#: the ``test`` extra installs).
_READERS = [pytest.param(_STDLIB_JSON, id="stdlib"), pytest.param(_MSGSPEC_JSON, id="msgspec")]
assert _MSGSPEC_JSON is not None, "the tests need msgspec (the test extra installs it)"


@contextmanager
def _reading_with(quick: Any) -> Iterator[None]:
    """from_json tries *quick* first, within the block."""
    kept = serialization._QUICK_JSON
    serialization._QUICK_JSON = quick
    try:
        yield
    finally:
        serialization._QUICK_JSON = kept


_REPORT = examples.load("yueyang-npc-2022")
_DATA: dict[str, Any] = to_data(_REPORT)


def _outcome(read: Callable[[], Any]) -> tuple[Any, ...]:
    """What a read gives: the record's indented JSON text, or the refusal and its problems."""
    try:
        record = read()
    except BudgetPerfError as exc:
        problems = getattr(exc, "problems", (str(exc),))
        return ("refused", type(exc).__name__, problems, exc.message("zh"))
    return ("read", type(record).__name__, to_json(record))


def _strict(text: str | bytes, cls: type = SelfEvaluation) -> tuple[Any, ...]:
    """The careful path alone: the strict loader, then the converter."""
    return _outcome(lambda: from_data(loads_strict(text), cls))


@pytest.mark.parametrize("quick", _READERS)
@settings(max_examples=25)
@given(report=self_evaluations(layouts=True), indent=st.sampled_from([None, 2]))
def test_a_sound_report_is_read_by_the_quick_reader_into_the_same_record(
    quick: Any, report: SelfEvaluation, indent: int | None
) -> None:
    """Any report, as to_json writes it, is read in one pass (no fall-back) into the report."""
    with _reading_with(quick):
        text = to_json(report, indent=indent)
        assert quick(text, SelfEvaluation) == report
        assert quick(text.encode("utf-8"), SelfEvaluation) == report
        assert from_json(text, SelfEvaluation) == report


@settings(max_examples=25)
@given(report=self_evaluations(layouts=True))
def test_the_compact_text_is_what_the_standard_encoder_wrote(report: SelfEvaluation) -> None:
    """to_json(indent=None) writes, byte for byte, json.dumps of the report's plain data."""
    assert to_json(report, indent=None) == json.dumps(to_data(report), ensure_ascii=False)


def test_every_part_of_the_bundled_report_is_written_as_before() -> None:
    """Each record of the bundled report, written alone, is the text json.dumps gave."""
    parts: list[Any] = []

    def walk(value: Any) -> None:
        if attrs.has(type(value)):
            parts.append(value)
            for field in attrs.fields(type(value)):
                walk(getattr(value, field.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    walk(_REPORT)
    assert len({type(part) for part in parts}) > 20
    for part in parts:
        assert to_json(part, indent=None) == json.dumps(to_data(part), ensure_ascii=False)
        assert from_json(to_json(part, indent=None), type(part)) == part


@pytest.mark.parametrize("quick", _READERS)
def test_texts_with_quotes_backslashes_and_escapes_read_back(quick: Any) -> None:
    """Quotes, backslashes, colons, brackets and escapes inside texts change nothing."""
    with _reading_with(quick):
        texts = ['含"引号"', "a\\b", "10:30 [附件] {x}", '\\"', "\n\t", "😀", '"]}', "\\"]
        data = copy.deepcopy(_DATA)
        data["department"]["name"] = texts[0]
        data["attachments"] = texts
        for ensure_ascii in (False, True):
            text = json.dumps(data, ensure_ascii=ensure_ascii)
            assert _outcome(partial(from_json, text, SelfEvaluation)) == _strict(text)
        report = from_json(json.dumps(data, ensure_ascii=False), SelfEvaluation)
        assert report.attachments == tuple(texts)
        assert quick(json.dumps(data, ensure_ascii=False), SelfEvaluation) == report


def _with_duplicate(text: str, key: str, value: str, nth: int = 0) -> str:
    """*text* with the *nth* occurrence of *key* given a second time, first with *value*."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(f'"{key}": ', at + 1)
    return f'{text[:at]}"{key}": {value}, {text[at:]}'


@pytest.mark.parametrize("quick", _READERS)
@pytest.mark.parametrize(
    ("key", "nth", "path"),
    [
        ("weight", 3, None),
        ("name", 0, "$.department"),
        ("year", 0, "$"),
        ("note", 2, None),
        ("category", 5, None),
    ],
)
def test_a_key_given_twice_in_a_whole_record_is_refused_at_its_path(
    quick: Any, key: str, nth: int, path: str | None
) -> None:
    """A record written with all its keys, one of them twice, is not built from the last one.

    The parser keeps the last of two equal keys without a word; the quick reader counts the
    members it was given against the colons in the text and leaves the refusal to the strict
    loader, which names the key and where it is.
    """
    with _reading_with(quick):
        value = "2099" if key == "year" else '"产出指标"' if key == "category" else '"7"'
        text = _with_duplicate(to_json(_REPORT, indent=None), key, value, nth)
        for document in (text, text.encode("utf-8")):
            outcome = _outcome(partial(from_json, document, SelfEvaluation))
            assert outcome == _strict(document)
            assert outcome[0] == "refused" and len(outcome[2]) == 1
            assert outcome[2][0].startswith(
                f"duplicate key {key!r} in a JSON object @ {path or '$'}"
            )


@pytest.mark.parametrize("quick", _READERS)
def test_a_key_given_twice_among_colons_in_texts_is_refused(quick: Any) -> None:
    """Colons inside texts do not hide a key given twice (nor make one up)."""
    with _reading_with(quick):
        data = copy.deepcopy(_DATA)
        data["department"]["name"] = "a:b:c::"
        text = json.dumps(data, ensure_ascii=False)
        assert from_json(text, SelfEvaluation).department.name == "a:b:c::"
        doubled = _with_duplicate(text, "functions", '"x: y"')
        assert _outcome(lambda: from_json(doubled, SelfEvaluation)) == _strict(doubled)
        assert "duplicate key 'functions'" in _strict(doubled)[2][0]


@pytest.mark.parametrize("quick", _READERS)
def test_a_deep_report_of_sound_types_is_refused_as_too_deep(quick: Any) -> None:
    """Expense rows nested 40 deep fit the model, but not the 64 levels a document may nest."""
    with _reading_with(quick):
        row = ExpenseRow(label="公用经费")
        for depth in range(40):
            row = ExpenseRow(label=f"第{depth}层", children=(row,))
        report = attrs.evolve(_REPORT, basic_data=BasicDataTable(three_public=row))
        text = to_json(report, indent=None)
        for document in (text, text.encode("utf-8")):
            with pytest.raises(InvalidDocument) as caught:
                from_json(document, SelfEvaluation)
            assert caught.value.problems[0].startswith(f"nested deeper than {MAX_DEPTH} levels")


@pytest.mark.parametrize("quick", _READERS)
@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("department", "name"), "岳\ud800阳"),
        (("title",), "\udc00"),
        (("attachments",), ["\ud83d"]),
    ],
)
def test_a_lone_surrogate_is_refused_as_before(
    quick: Any, where: tuple[str, ...], value: Any
) -> None:
    """Escaped (``\\ud800``) or raw in a str, a lone surrogate is refused with its path."""
    with _reading_with(quick):
        data = copy.deepcopy(_DATA)
        target = data
        for key in where[:-1]:
            target = target[key]
        target[where[-1]] = value
        escaped = json.dumps(data)
        raw = json.dumps(data, ensure_ascii=False)
        for text in (escaped, escaped.encode("utf-8"), raw):
            outcome = _outcome(partial(from_json, text, SelfEvaluation))
            assert outcome == _strict(text)
            assert outcome[0] == "refused" and "lone surrogate" in outcome[2][0]


_DECIMALS = [
    "0", "12", "-0", "-5", "0.000001", "1.0000001", "123456789012345", "1234567890123456",
    "１２", "1e3", " 12", "1_000", "+1", ".5", "5.", "00012.50", "9" * 101,
]  # fmt: skip
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.sampled_from([1.5, -0.0, 1e300]),
    st.sampled_from(_DECIMALS),
    st.sampled_from(["产出指标", "数量指标", "万元", "元", "其他资金", "2023-06-09", "2023-13-01"]),
    st.text(max_size=5),
    st.just([]),
    st.just({}),
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the plain data *value* (a key of an object or an index of an array)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*path, key))
            found.extend(_places(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((*path, index))
            found.extend(_places(item, (*path, index)))
    return found


_PLACES = _places(_DATA)


def _at(data: Any, place: tuple[Any, ...]) -> Any:
    for step in place:
        data = data[step]
    return data


@pytest.mark.parametrize("quick", _READERS)
@settings(max_examples=80)
@given(
    place=st.sampled_from(_PLACES),
    other=st.sampled_from(_PLACES),
    leaf=_LEAVES,
    how=st.sampled_from(["leaf", "moved", "dropped", "doubled"]),
    ensure_ascii=st.booleans(),
)
def test_a_changed_report_is_read_or_refused_exactly_as_the_strict_path_does(
    quick: Any,
    place: tuple[Any, ...],
    other: tuple[Any, ...],
    leaf: Any,
    how: str,
    ensure_ascii: bool,
) -> None:
    """The bundled report with one thing changed reads the same, or is refused in the same
    words, through from_json (quick reader first) as through the strict loader and converter.

    The change: a value replaced by a wrong one (a float, a malformed or out-of-bounds decimal,
    another enum's value, a bad date, a lone surrogate ...), a part moved where another part
    belongs, a key dropped, or a key given twice.
    """
    with _reading_with(quick):
        data = copy.deepcopy(_DATA)
        parent = _at(data, place[:-1])
        if how == "leaf":
            parent[place[-1]] = leaf
        elif how == "moved":
            parent[place[-1]] = copy.deepcopy(_at(_DATA, other))
        elif how == "dropped":
            del parent[place[-1]]
        text = json.dumps(data, ensure_ascii=ensure_ascii)
        if how == "doubled" and isinstance(place[-1], str):
            nth = sum(1 for p in _PLACES[: _PLACES.index(place)] if p[-1] == place[-1])
            text = _with_duplicate(text, place[-1], json.dumps(leaf), nth)
        expected = _strict(text)
        assert _outcome(lambda: from_json(text, SelfEvaluation)) == expected
        assert _outcome(
            lambda: from_json(text.encode("utf-8", "surrogatepass"), SelfEvaluation)
        ) == (_strict(text.encode("utf-8", "surrogatepass")))


@pytest.mark.parametrize("quick", _READERS)
@pytest.mark.parametrize(
    "text",
    [
        '{"executed": "394"}',
        '{"executed": 394}',
        '{"executed": 394.0}',
        '{"executed": NaN}',
        '{"executed": "-1"}',
        '{"executed": "-0"}',
        '{"executed": "0.0000001"}',
        '{"executed": "1000000000000000"}',
        '{"executed": "%s"}' % ("9" * 30),
        '{"executed": %s}' % ("9" * 101),
        '{"executed": "394", "executed": "395"}',
        '\ufeff{"executed": "394"}',
        '{"note": "x"} {}',
        '[{"executed": "394"}]',
        (
            '{"initial_budget": null, "full_year_budget": null, "executed": "1", "note": "", '
            '"received": null, "not_shown": ["executed"]}'
        ),
    ],
)
def test_a_small_record_is_read_or_refused_as_before(quick: Any, text: str) -> None:
    """Figures that are ints, floats, negative, out of bounds or too long; keys given twice;
    a byte-order mark; trailing data; an array; a cross-field refusal (``not_shown``)."""
    with _reading_with(quick):
        from budget_perf.model import FundTotal

        assert _outcome(lambda: from_json(text, FundTotal)) == _strict(text, FundTotal)
        data = text.encode("utf-8")
        assert _outcome(lambda: from_json(data, FundTotal)) == _strict(data, FundTotal)


@pytest.mark.parametrize("quick", _READERS)
def test_an_older_or_unknown_schema_takes_the_careful_path(quick: Any) -> None:
    """A report without a schema (budget_perf 0.1) reads as before; a newer one is refused."""
    with _reading_with(quick):
        data = copy.deepcopy(_DATA)
        del data["schema"]
        text = json.dumps(data, ensure_ascii=False)
        assert from_json(text, SelfEvaluation) == _REPORT
        with pytest.raises(Exception):  # noqa: B017, PT011 - the quick reader gives up, no more
            quick(text, SelfEvaluation)
        data["schema"] = "budget_perf.report/99"
        newer = json.dumps(data, ensure_ascii=False)
        assert _outcome(lambda: from_json(newer, SelfEvaluation)) == _strict(newer)


_TEXT = st.text(alphabet='[]{}:"\\ab岳\n', max_size=8)
_JSON = st.recursive(
    st.none() | _TEXT | st.integers(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=60,
)


def _shape(value: object) -> tuple[int, int]:
    """The members of all objects in *value*, and how deep it nests."""
    if isinstance(value, list):
        inner = [_shape(item) for item in value]
        return sum(m for m, _ in inner), 1 + max((d for _, d in inner), default=0)
    if isinstance(value, dict):
        inner = [_shape(item) for item in value.values()]
        return len(value) + sum(m for m, _ in inner), 1 + max((d for _, d in inner), default=0)
    return 0, 0


@settings(max_examples=150)
@given(value=_JSON, wrap=st.integers(min_value=0, max_value=70), ensure_ascii=st.booleans())
def test_the_skeleton_scan_counts_members_and_nesting_exactly(
    value: object, wrap: int, ensure_ascii: bool
) -> None:
    """The scan of a JSON text's bytes counts the members of its objects and finds whether it
    nests too deep, whatever brackets, colons, quotes and backslashes its strings hold."""
    for _ in range(wrap):
        value = {":": [value, "]]}}:"]}
    text = json.dumps(value, ensure_ascii=ensure_ascii)
    members, depth = _shape(value)
    scanned = skeleton(text.encode("utf-8"))
    if depth > MAX_DEPTH:
        assert scanned is None
    else:
        assert scanned == (members, False)


def test_the_skeleton_scan_sees_escaped_surrogates_however_many_escapes() -> None:
    """An escaped surrogate is seen among a few escapes and among thousands."""
    for escapes in (1, 5_000):
        text = json.dumps({"a": "\\" * escapes + "\ud800" + '"' * escapes})
        assert skeleton(text.encode("utf-8")) == (1, True)
        plain = json.dumps({"a": "\\" * escapes + "岳" + '"' * escapes})
        assert skeleton(plain.encode("utf-8")) == (1, False)


@pytest.mark.parametrize("quick", _READERS)
def test_a_decimal_read_quickly_keeps_its_decimals(quick: Any) -> None:
    """A figure read in one pass keeps the decimals it was written with, as before."""
    with _reading_with(quick):
        data = copy.deepcopy(_DATA)
        data["projects"][0]["funding"]["total"]["executed"] = "4026.300"
        report = from_json(json.dumps(data, ensure_ascii=False), SelfEvaluation)
        total = report.projects[0].funding.total  # type: ignore[union-attr]
        assert total is not None and str(total.executed) == "4026.300"
        assert total.executed == Decimal("4026.3")


@pytest.mark.parametrize("quick", _READERS)
@pytest.mark.parametrize("text", [memoryview(b'{"executed": "1"}'), None, 12, ["{}"]])
def test_text_that_is_neither_str_nor_bytes_is_refused_as_before(quick: Any, text: Any) -> None:
    """The quick reader takes no more kinds of text than the strict loader does."""
    with _reading_with(quick):
        from budget_perf.model import FundTotal

        with pytest.raises(TypeError, match="JSON text must be str or bytes"):
            from_json(text, FundTotal)


def _text_or_none(_instance: object, attribute: Any, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name}: expected a str, got {value!r}")


@attrs.frozen(kw_only=True)
class _Hooked:
    """A record with an init hook: built by its own __init__, which the hook needs."""

    name: str = text_field()
    seen: tuple[str, ...] = records(str)

    def __attrs_post_init__(self) -> None:
        if self.name == "refused":
            raise ValueError("name: refused by the hook")


@attrs.frozen(kw_only=True)
class _Odd:
    """Fields the quick reader must not take at their word: a text that may not be None whose
    type says it may, a default that the converter turns into a member, an unknown converter,
    a default made by a factory, a part built by its own __init__."""

    note: str | None = attrs.field(default="", validator=_text_or_none)
    unit: AmountUnit = choice(AmountUnit, default="元")
    count: int = attrs.field(default=0, converter=abs)
    labels: tuple[str, ...] = attrs.field(factory=tuple, validator=tuple_of(str))
    part: _Hooked | None = optional(_Hooked)


@pytest.mark.parametrize("quick", _READERS)
@pytest.mark.parametrize(
    "text",
    [
        "{}",
        '{"note": null}',
        '{"note": "x", "unit": "万元", "count": -3, "labels": ["a"]}',
        '{"part": {"name": "refused"}}',
        '{"part": {"name": "ok", "seen": ["\\ud800"]}}',
        '{"part": {"name": "ok", "seen": ["a"]}, "labels": ["b"]}',
    ],
)
def test_records_the_quick_reader_cannot_vouch_for_read_as_before(quick: Any, text: str) -> None:
    """Whatever the quick reader cannot prove of a field (a validator it does not know, one
    its reading does not satisfy, a converter, a factory, an init hook) is done as __init__
    does it: the outcome is the strict path's."""
    with _reading_with(quick):
        assert _outcome(lambda: from_json(text, _Odd)) == _strict(text, _Odd)


@settings(max_examples=10)
@given(report=self_evaluations(layouts=True))
def test_an_empty_tuple_passes_the_validators_the_readers_skip_for_it(
    report: SelfEvaluation,
) -> None:
    """The readers skip ``not_shown``'s validator for an empty tuple: it passes on every
    record of any report (an empty ``not_shown`` names no part, so nothing must be blank)."""
    checked = 0
    for value in _records(report) + _records(_REPORT):
        for field in attrs.fields(type(value)):
            if field.validator in EMPTY_PASSES:
                field.validator(value, field, ())
                checked += 1
    assert checked > 0


def _records(value: Any) -> list[Any]:
    """Every record in *value* (a record, or a tuple of them), *value* first."""
    found = []
    if attrs.has(type(value)):
        found.append(value)
        for field in attrs.fields(type(value)):
            found.extend(_records(getattr(value, field.name)))
    elif isinstance(value, tuple):
        for item in value:
            found.extend(_records(item))
    return found
