"""The fast paths do each thing once, and refuse what they refused before (no timings here).

Speed is measured by bench/speed.py; these tests pin what the speed comes from: the checker
parses each target text once, the compact JSON reads back to the same report, and the value
lookups that replaced scans refuse the same values with the same words.
"""

import json
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget_perf import check, examples, from_data, from_json, to_data, to_json
from budget_perf._jsonload import MAX_DEPTH, _surely_shallow
from budget_perf._schema import upgrade
from budget_perf.cells import parse_target
from budget_perf.checks import _reading
from budget_perf.errors import InvalidDocument
from budget_perf.model import SelfEvaluation
from budget_perf.model.funds import FundKind
from budget_perf.serialization import _CONVERTER, _QUICK
from budget_perf.strategies import self_evaluations


def test_check_parses_each_target_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A check of the bundled report reads each indicator's target or actual text once only.

    Several rules ask for the same indicator's target (scores, plausibility, structure); the
    text is parsed on the first question and the parsed target reused for the rest.
    """
    calls: Counter[str] = Counter()
    parse = parse_target

    def counting(text: str) -> Any:
        calls[text] += 1
        return parse(text)

    report = examples.load("yueyang-npc-2022")
    _reading.forget()
    monkeypatch.setattr(_reading, "parse_target", counting)
    try:
        check(report)
    finally:
        _reading.forget()  # no target counted here stays cached for other tests
    assert len(calls) > 50  # the report's targets and actuals were read
    assert [text for text, n in calls.items() if n > 1] == []


def test_the_compact_json_reads_back_to_the_same_report() -> None:
    """``to_json(report, indent=None)``: one line, no spaces after indentation, same report."""
    report = examples.load("yueyang-npc-2022")
    compact = to_json(report, indent=None)
    assert "\n" not in compact
    assert len(compact) < len(to_json(report))
    assert from_json(compact, SelfEvaluation) == report
    assert from_json(compact.encode("utf-8"), SelfEvaluation) == report


@pytest.mark.parametrize(
    "value",
    ["财政拨款", "当年财政拨款 ", "", 1, True, 1.5, None, [], {}, ["当年财政拨款"], {"a": 1}],
    ids=repr,
)
def test_an_enum_value_not_in_the_list_is_refused_as_before(value: object) -> None:
    """A fund kind that is not one of the listed words (or not a word) is refused, naming them.

    Looking the value up by dict, not scanning the members, must not let in a value of another
    type that compares equal, nor fail on one that cannot be looked up (a list, an object).
    """
    data = to_data(examples.load("yueyang-npc-2022"))
    data["projects"][2]["funding"]["sources"][0]["kind"] = value
    with pytest.raises(InvalidDocument) as caught:
        from_data(data, SelfEvaluation)
    allowed = ", ".join(kind.value for kind in FundKind)
    assert caught.value.problems == (
        (
            f"{value!r} is not a FundKind; expected one of: {allowed} @ $.projects[2]"
            ".funding.sources[0].kind"
        ),
    )


def test_optional_parts_and_arrays_refuse_the_wrong_shape_at_their_path() -> None:
    """An absent part may be null; an array may not, and a part must be an object."""
    data = to_data(examples.load("yueyang-npc-2022"))
    data["projects"][2]["funding"]["total"] = None
    assert from_data(data, SelfEvaluation).projects[2].funding.total is None  # type: ignore[union-attr]
    data["projects"][2]["funding"]["total"] = []
    data["projects"][2]["funding"]["sources"] = None
    data["region"] = "x"
    with pytest.raises(InvalidDocument) as caught:
        from_data(data, SelfEvaluation)
    assert sorted(caught.value.problems) == [
        "expected an array, got NoneType None @ $.projects[2].funding.sources",
        "expected an object for FundTotal, got list [] @ $.projects[2].funding.total",
        "expected an object for Region, got str 'x' @ $.region",
    ]


_TEXT = st.text(alphabet='[]{}"\\ab岳\n', max_size=8)
_JSON = st.recursive(
    st.none() | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=80,
)


def _nesting(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_nesting, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_nesting, value.values()), default=0)
    return 0


@settings(max_examples=150)
@given(value=_JSON, wrap=st.integers(min_value=0, max_value=70), ensure_ascii=st.booleans())
def test_the_quick_depth_scan_agrees_with_the_nesting(
    value: object, wrap: int, ensure_ascii: bool
) -> None:
    """The quick scan of a JSON text's bytes finds its nesting exactly, brackets in strings or not.

    Strings full of brackets, quotes and backslashes must not make a deep document pass for a
    shallow one (nor the reverse).
    """
    for _ in range(wrap):
        value = [value, "]]}}"]
    text = json.dumps(value, ensure_ascii=ensure_ascii)
    shallow = _nesting(value) <= MAX_DEPTH
    assert _surely_shallow(text, text.encode("utf-8", "surrogatepass")) is shallow
    assert _surely_shallow(text, text.encode("utf-8")) is shallow


@settings(max_examples=15)
@given(report=self_evaluations(layouts=True))
def test_the_quick_reader_reads_what_the_converter_reads(report: SelfEvaluation) -> None:
    """Any report's data is read by the one-pass reader into the record the converter builds."""
    data = upgrade(to_data(report))
    quick = _QUICK(SelfEvaluation)(data)
    assert quick == _CONVERTER.structure(data, SelfEvaluation) == report
