"""Reading a rule profile from JSON text, with every problem reported at its path.

Numbers that must be exact (weights, thresholds, points) are written as strings (``"0.5"``); a
JSON number there is refused, since a float is not exact.  Years are plain integers.  Unknown
keys and duplicate keys are refused too, so a typo cannot silently drop a rule.
"""

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from budget_perf._jsonload import loads_strict
from budget_perf._wording import show
from budget_perf.errors import BudgetPerfError, InvalidDocument, InvalidProfile
from budget_perf.model.grade import Grade
from budget_perf.model.region import Region
from budget_perf.profiles._profile import RuleProfile
from budget_perf.profiles._rules import (
    BandRule,
    DeductionSide,
    ExecutionRule,
    GradeBand,
    LinearDeduction,
    RateBand,
    RateRule,
    Source,
)

__all__ = ["parse_profile"]

_T = TypeVar("_T")


class _JsonFloat(str):
    """A JSON number with a fraction or exponent, kept as text to be refused with its path."""

    __slots__ = ()


def _problem(path: str, message: str) -> InvalidProfile:
    return InvalidProfile(f"{message} @ {path}")


def _object(value: object, path: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _problem(path, f"expected an object, got {_describe(value)}")
    missing = sorted(required - value.keys())
    if missing:
        raise _problem(path, f"missing key(s) {', '.join(missing)}")
    extra = sorted(value.keys() - required - optional)
    if extra:
        raise _problem(path, f"unknown key(s) {', '.join(extra)}")
    return value


def _describe(value: object) -> str:
    if isinstance(value, _JsonFloat):
        return f"the JSON number {value}"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int):
        return f"the JSON number {value}"
    return f"{type(value).__name__} {show(value)}"


def _decimal(value: object, path: str) -> Decimal:
    if isinstance(value, str) and not isinstance(value, _JsonFloat):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise _problem(path, f"{value!r} is not a decimal number") from None
        if number.is_finite():
            return number
    raise _problem(path, f'expected a decimal string such as "0.5", got {_describe(value)}')


def _optional_decimal(value: object, path: str) -> Decimal | None:
    return None if value is None else _decimal(value, path)


def _typed(kind: type[_T], label: str) -> Callable[[object, str], _T]:
    def parse(value: object, path: str) -> _T:
        if (
            isinstance(value, _JsonFloat)
            or not isinstance(value, kind)
            or (kind is int and isinstance(value, bool))
        ):
            raise _problem(path, f"expected {label}, got {_describe(value)}")
        return value

    return parse


_text = _typed(str, "a string")
_year = _typed(int, "a year (an integer)")
_flag = _typed(bool, "true or false")


def _enum(kind: type[_T], value: object, path: str) -> _T:
    try:
        return kind(value)  # type: ignore[call-arg]
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in kind)  # type: ignore[attr-defined]
        raise _problem(path, f"expected one of {allowed}, got {_describe(value)}") from None


def _build(path: str, make: Callable[..., _T], **fields: Any) -> _T:
    """Call the constructor *make*, adding *path* to a problem its validators report."""
    try:
        return make(**fields)
    except BudgetPerfError as exc:
        raise _problem(path, str(exc)) from None


def _rate_band(value: object, path: str) -> RateBand:
    data = _object(value, path, _BAND, set())
    return _build(
        path,
        RateBand,
        lower=_optional_decimal(data["lower"], f"{path}.lower"),
        lower_inclusive=_flag(data["lower_inclusive"], f"{path}.lower_inclusive"),
        upper=_optional_decimal(data["upper"], f"{path}.upper"),
        upper_inclusive=_flag(data["upper_inclusive"], f"{path}.upper_inclusive"),
        points=_decimal(data["points"], f"{path}.points"),
    )


def _rate_rule(value: object, path: str) -> RateRule:
    kind = _object(value, path, {"kind"}, _LINEAR | _BANDS)["kind"]
    optional = {"not_applicable_points"}
    if kind == "linear":
        optional |= {"whole_units", "floor"}
        data = _object(value, path, _LINEAR - optional, optional)
        return _build(
            path,
            LinearDeduction,
            label=_text(data["label"], f"{path}.label"),
            weight=_decimal(data["weight"], f"{path}.weight"),
            threshold=_decimal(data["threshold"], f"{path}.threshold"),
            side=_enum(DeductionSide, data["side"], f"{path}.side"),
            points_per_unit=_decimal(data["points_per_unit"], f"{path}.points_per_unit"),
            unit=_decimal(data["unit"], f"{path}.unit"),
            whole_units=_flag(data.get("whole_units", False), f"{path}.whole_units"),
            floor=_decimal(data.get("floor", "0"), f"{path}.floor"),
            not_applicable_points=_optional_decimal(
                data.get("not_applicable_points"), f"{path}.not_applicable_points"
            ),
        )
    if kind == "bands":
        data = _object(value, path, _BANDS - optional, optional)
        bands = _list(data["bands"], f"{path}.bands")
        return _build(
            path,
            BandRule,
            label=_text(data["label"], f"{path}.label"),
            weight=_decimal(data["weight"], f"{path}.weight"),
            bands=tuple(_rate_band(b, f"{path}.bands[{i}]") for i, b in enumerate(bands)),
            not_applicable_points=_optional_decimal(
                data.get("not_applicable_points"), f"{path}.not_applicable_points"
            ),
        )
    raise _problem(f"{path}.kind", f"expected 'linear' or 'bands', got {_describe(kind)}")


_BAND = {"lower", "lower_inclusive", "upper", "upper_inclusive", "points"}
_LINEAR = {
    "kind",
    "label",
    "weight",
    "threshold",
    "side",
    "points_per_unit",
    "unit",
    "whole_units",
    "floor",
    "not_applicable_points",
}
_BANDS = {"kind", "label", "weight", "bands", "not_applicable_points"}
_PROFILE = {
    "key",
    "title",
    "jurisdiction",
    "valid_from",
    "valid_to",
    "source",
    "level1_weights",
    "execution",
    "grade_bands",
}


def _grade_band(value: object, path: str) -> GradeBand:
    data = _object(value, path, {"grade", "lower", "upper"}, set())
    return _build(
        path,
        GradeBand,
        grade=_enum(Grade, data["grade"], f"{path}.grade"),
        lower=_decimal(data["lower"], f"{path}.lower"),
        upper=_decimal(data["upper"], f"{path}.upper"),
    )


def _mapping(value: object, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _problem(path, f"expected an object, got {_describe(value)}")
    return value


def _list(value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _problem(path, f"expected a list, got {_describe(value)}")
    return value


def parse_profile(text: str | bytes) -> RuleProfile:
    """Build a :class:`RuleProfile` from JSON *text* (a str, or UTF-8 bytes).

    The text is decoded as strictly as a report (``budget_perf._jsonload``).

    Raises:
        InvalidProfile: the text is not JSON, or does not describe a consistent profile; the
            message ends with the path of the problem, e.g. ``@ $.rate_rules.x.weight``.
    """
    try:
        document = loads_strict(text, parse_float=_JsonFloat)
    except InvalidDocument as exc:
        raise InvalidProfile(
            "; ".join(exc.problems), message_zh="；".join(exc.problems_zh)
        ) from None
    data = _object(document, "$", _PROFILE, {"rate_rules", "notes", "region"})
    source = _object(data["source"], "$.source", {"title"}, {"document_number"})
    execution = _object(data["execution"], "$.execution", {"weight", "cap"}, set())
    weights = _mapping(data["level1_weights"], "$.level1_weights")
    rules = _mapping(data.get("rate_rules", {}), "$.rate_rules")
    bands = _list(data["grade_bands"], "$.grade_bands")
    number = source.get("document_number")
    return _build(
        "$",
        RuleProfile,
        key=_text(data["key"], "$.key"),
        title=_text(data["title"], "$.title"),
        jurisdiction=_text(data["jurisdiction"], "$.jurisdiction"),
        valid_from=_year(data["valid_from"], "$.valid_from"),
        valid_to=None if data["valid_to"] is None else _year(data["valid_to"], "$.valid_to"),
        source=_build(
            "$.source",
            Source,
            title=_text(source["title"], "$.source.title"),
            document_number=None if number is None else _text(number, "$.source.document_number"),
        ),
        level1_weights=tuple((k, _decimal(v, f"$.level1_weights.{k}")) for k, v in weights.items()),
        execution=_build(
            "$.execution",
            ExecutionRule,
            weight=_decimal(execution["weight"], "$.execution.weight"),
            cap=_decimal(execution["cap"], "$.execution.cap"),
        ),
        grade_bands=tuple(_grade_band(b, f"$.grade_bands[{i}]") for i, b in enumerate(bands)),
        rate_rules=tuple((k, _rate_rule(v, f"$.rate_rules.{k}")) for k, v in rules.items()),
        notes=_text(data.get("notes", ""), "$.notes"),
        region=None if data.get("region") is None else _region(data["region"], "$.region"),
    )


def _region(value: object, path: str) -> Region:
    """The place a profile applies to: the levels it names (省, 市, 县), as a report prints them."""
    data = _object(value, path, set(), {"province", "city", "county"})
    levels = {
        key: _text(data[key], f"{path}.{key}")
        for key in ("province", "city", "county")
        if key in data
    }
    if not any(levels.values()):
        raise _problem(path, "a region names at least one of province, city, county")
    return Region(**levels)
