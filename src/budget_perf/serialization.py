"""JSON in and out: the library's own cattrs converter, kept at the edge.

Every model class round-trips through JSON: ``from_json(to_json(x), type(x)) == x``.  The
format is plain and stable:

- Decimals are strings of ASCII digits (``"4026.3"``), keeping the decimals they were written
  with; an integer is accepted on input, a float never (JSON ``1.5`` is refused, as is ``NaN``),
  and neither is a string that would need coercing (``"1e3"``, ``" 12"``, ``"１２"``, ``"1_000"``);
- dates are ISO strings (``"2023-06-09"``); enums are their values (``"产出指标"``); flags are
  JSON ``true`` / ``false``, nothing else (``"否"`` or ``0`` is refused, not taken for one);
- absent parts are ``null``, tuples are arrays, and unknown keys are refused;
- a report (:class:`~budget_perf.model.SelfEvaluation`) names its schema first:
  ``"schema": "budget_perf.report/2"``; a report without it is one budget_perf 0.1 wrote, and is
  read as before.  Other records have no schema key.

The text is decoded strictly (``budget_perf._jsonload``): UTF-8 only, no duplicate keys, no
lone surrogates, at most 64 levels of nesting and 100-character numbers.

A document that does not fit raises :class:`~budget_perf.errors.InvalidDocument`, whose
``problems`` list every problem at once, each with its JSON path:

>>> from budget_perf.model.funds import FundKind, FundSource
>>> from_json('{"kind": "其他资金", "executed": 30.5, "colour": 1}', FundSource)
Traceback (most recent call last):
...
budget_perf.errors.InvalidDocument: 2 problems in the document:
  - expected a decimal string such as "4026.3", got float 30.5 @ $.executed
  - unknown field: colour @ $
>>> to_json(FundSource(kind=FundKind.OTHER_FUNDS, executed=Decimal("30")), indent=None)
'{"kind": "其他资金", "budget_type": null, "label": "", "initial_budget": null, ...}'
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import date
from decimal import Decimal
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn
from cattrs.v import transform_error

from budget_perf._decimal import to_decimal
from budget_perf._fastread import reader
from budget_perf._fastwrite import writer
from budget_perf._jsonload import DECIMAL_TEXT, MAX_NUMBER_LENGTH, loads_strict
from budget_perf._jsonread import json_reader
from budget_perf._msgspecread import msgspec_reader
from budget_perf._schema import REPORT_SCHEMA, SCHEMA_KEY, mark, upgrade
from budget_perf._wording import Unfit, format_en, format_zh, kind, show
from budget_perf.errors import InvalidAmount, InvalidDocument
from budget_perf.model.evaluation import SelfEvaluation

__all__ = ["from_data", "from_json", "to_data", "to_json"]

T = TypeVar("T")


# Leaf hooks: strict, so that nothing is silently coerced. --------------------------------


def _structure_decimal(value: object, _: type) -> Decimal:
    en, zh = 'expected a decimal string such as "4026.3"', '应为小数字符串（如 "4026.3"）'
    if isinstance(value, float):
        raise InvalidAmount(
            f"{en}, got float {show(value)}", message_zh=f"{zh}，实际为浮点数 {value!r}"
        )
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidAmount(f"{en}, got {kind(value)}", message_zh=f"{zh}，实际为 {kind(value)}")
    if isinstance(value, str) and len(value) > MAX_NUMBER_LENGTH:
        size = f"{len(value)} characters, over the limit of {MAX_NUMBER_LENGTH}"
        size_zh = f"长达 {len(value)} 个字符，超过 {MAX_NUMBER_LENGTH} 个字符的上限"
        raise InvalidAmount(
            f"{en}, got a string of {size}: {show(value)}",
            message_zh=f"{zh}，实际字符串{size_zh}：{show(value)}",
        )
    if isinstance(value, str) and not DECIMAL_TEXT.fullmatch(value):
        raise InvalidAmount(f"{en}, got {show(value)}", message_zh=f"{zh}，实际为 {show(value)}")
    return to_decimal(value)


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Unfit(
            f"expected a whole number, got {kind(value)}", f"应为整数，实际为 {kind(value)}"
        )
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {type(value).__name__} {value!r}")
    return value


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise Unfit(f"expected a string, got {kind(value)}", f"应为字符串，实际为 {kind(value)}")
    return value


def _structure_date(value: object, _: type) -> date:
    en = f'expected an ISO date such as "2023-06-09", got {show(value)}'
    zh = f'应为 ISO 格式的日期（如 "2023-06-09"），实际为 {show(value)}'
    if not isinstance(value, str):
        raise Unfit(en, zh)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Unfit(en, zh) from None


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    allowed = ", ".join(str(member.value) for member in cls)
    members = {member.value: member for member in cls}  # looked up by value, not scanned

    def structure(value: object, _: type) -> enum.Enum:
        member = members.get(value) if isinstance(value, str | int) else None
        if member is not None and type(member.value) is type(value):  # 1 is not True
            return member
        shown = show(value)
        raise Unfit(
            f"{shown} is not a {cls.__name__}; expected one of: {allowed}",
            f"{shown} 不是 {cls.__name__} 的取值，应为其中之一：{allowed}",
        )

    return structure


def _is_optional(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) in (Union, UnionType) and len(args) == 2 and type(None) in args


def _optional_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[object, type], Any]]:
    """``X | None``: None, else X's own hook, found once (cattrs would dispatch on every call)."""

    def factory(tp: Any) -> Callable[[object, type], Any]:
        inner = next(arg for arg in get_args(tp) if arg is not type(None))
        inner_hook: list[Callable[[Any, Any], Any]] = []  # found on first use

        def structure(value: object, _: type) -> Any:
            if value is None:
                return None
            if not inner_hook:
                inner_hook.append(converter.get_structure_hook(inner))
            return inner_hook[0](value, inner)

        return structure

    return factory


def _is_tuple(tp: Any) -> bool:
    return get_origin(tp) is tuple


def _tuple_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[object, type], Any]]:
    def factory(tp: Any) -> Callable[[object, type], tuple[Any, ...]]:
        member_type = get_args(tp)[0]
        member_hook: list[Callable[[Any, Any], Any]] = []  # found on first use (records recurse)

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise Unfit(
                    f"expected an array, got {kind(value)}", f"应为数组，实际为 {kind(value)}"
                )
            if not member_hook:
                member_hook.append(converter.get_structure_hook(member_type))
            hook = member_hook[0]
            result, errors = [], []
            budget = _BUDGET.get()
            for index, item in enumerate(value):
                try:
                    result.append(hook(item, member_type))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring item {index}", index, member_type),
                    ]
                    errors.append(exc)
                    if budget is None:
                        continue
                    budget[0] -= 1
                    if budget[0] <= 0 and index + 1 < len(value):
                        errors.append(_stopped(len(value) - index - 1))
                        break
            if errors:
                raise IterableValidationError("While structuring an array", errors, tp)
            return tuple(result)

        return structure

    return factory


#: How many problems one document may show before checking stops: a small document of a
#: million wrong items would otherwise cost minutes and gigabytes to list.
_MAX_PROBLEMS = 100
#: The problems the document being read may still show (a one-item list, to count down).
_BUDGET: ContextVar[list[int] | None] = ContextVar("_BUDGET", default=None)


def _stopped(rest: int) -> Unfit:
    return Unfit(
        f"checking stopped after {_MAX_PROBLEMS} problems; {rest} more items not checked",
        f"已发现 {_MAX_PROBLEMS} 处问题，停止检查；其余 {rest} 项未检查",
    )


def _record_hook(converter: cattrs.Converter) -> Callable[[type], Callable[[object, type], Any]]:
    """Structure attrs records, turning a failed validator into a problem at its field's path."""

    def factory(cls: type) -> Callable[[object, type], Any]:
        base: Callable[[Any, type], Any] = make_dict_structure_fn(cls, converter)

        def structure(value: object, _: type) -> Any:
            if type(value) is not dict and not isinstance(value, Mapping):
                raise Unfit(
                    f"expected an object for {cls.__name__}, got {kind(value)}",
                    f"{cls.__name__} 应为对象，实际为 {kind(value)}",
                )
            try:
                return base(value, cls)
            except ClassValidationError as group:
                for exc in group.exceptions:  # a validator failure in __init__ has no path yet
                    notes = getattr(exc, "__notes__", [])
                    name = _field_of(exc)
                    if name and not any(type(n) is AttributeValidationNote for n in notes):
                        note = AttributeValidationNote(
                            f"Structuring {cls.__name__}.{name}", name, None
                        )
                        exc.__notes__ = [*notes, note]
                raise

        return structure

    return factory


def _field_of(exc: BaseException) -> str | None:
    field = getattr(exc, "field", None)
    if isinstance(field, str):
        return field
    args: tuple[object, ...] = tuple(getattr(exc, "args", ()))
    if len(args) > 1 and isinstance(args[1], attrs.Attribute):
        return args[1].name
    message = str(args[0]) if args else ""
    head, sep, _ = message.partition(":")
    return head if sep and head.isidentifier() else None


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, lambda d: format(d, "f"))
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    converter.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda _: lambda e: e.value
    )
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook(converter))
    converter.register_structure_hook_factory(_is_optional, _optional_hook(converter))
    converter.register_structure_hook_factory(attrs.has, _record_hook(converter))
    return converter


_CONVERTER = _make_converter()
#: The quick reader of each record class (budget_perf._fastread): data that fits is read in
#: one pass; anything else is read again by the converter, which says what is wrong.
_QUICK = reader(_CONVERTER.structure)
#: The quick readers of JSON text: a document that fits is parsed and its records built in one
#: pass; any other is read again by the strict loader and the converter.  With msgspec installed
#: (the ``fast`` extra) it parses (budget_perf._msgspecread), else the standard library's
#: parser does (budget_perf._jsonread).
_STDLIB_JSON = json_reader(_CONVERTER.structure, SelfEvaluation)
_MSGSPEC_JSON = msgspec_reader(_CONVERTER.structure, SelfEvaluation)
_QUICK_JSON = _MSGSPEC_JSON or _STDLIB_JSON


def to_data(obj: object) -> Any:
    """Return *obj* as plain JSON-ready data (dicts, lists, strings, ints, None).

    A report's data names its schema first (``"schema": "budget_perf.report/2"``).

    >>> from budget_perf.model import Department
    >>> to_data(Department(name="岳阳市人大常委会"))["name"]
    '岳阳市人大常委会'
    """
    data = _CONVERTER.unstructure(obj)
    return mark(data) if isinstance(obj, SelfEvaluation) else data


def from_data(data: object, cls: type[T]) -> T:
    """Build a *cls* record from plain data, as :func:`from_json` does from text.

    A report in an older schema (one without a ``schema`` key, as budget_perf 0.1 wrote it) is
    migrated to the current one first.

    >>> from budget_perf.model import Department
    >>> from_data({"name": "岳阳市人大常委会"}, Department).name
    '岳阳市人大常委会'

    Raises:
        InvalidDocument: listing every problem with its path (``$.projects[2].name``); a report
            in a schema newer than this version reads is refused too.
    """
    if isinstance(cls, type) and issubclass(cls, SelfEvaluation) and isinstance(data, Mapping):
        data = upgrade(data)
    if attrs.has(cls) and type(data) is dict:
        try:
            return _QUICK(cls)(data)  # type: ignore[no-any-return]
        except Exception:
            pass
    budget = _BUDGET.set([_MAX_PROBLEMS])
    try:
        return _CONVERTER.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        raise InvalidDocument(
            transform_error(exc, path="$", format_exception=format_en),
            problems_zh=transform_error(exc, path="$", format_exception=format_zh),
        ) from None
    except (TypeError, ValueError) as exc:
        raise InvalidDocument(
            [f"{format_en(exc, cls)} @ $"], problems_zh=[f"{format_zh(exc, cls)} @ $"]
        ) from None
    finally:
        _BUDGET.reset(budget)


def to_json(obj: object, *, indent: int | None = 2) -> str:
    """Return *obj* as JSON text (UTF-8 Chinese kept as is, Decimals as strings).

    A report names its schema first (``"schema": "budget_perf.report/2"``); other records
    do not.  By default the text is indented by two spaces, for people and diffs; with
    ``indent=None`` it is one compact line (``", "`` between items, ``": "`` after keys, as
    ``json.dumps`` writes), which is written straight from the records
    (:mod:`budget_perf._fastwrite`), about eight times as fast as the indented text (the
    standard library's pure-Python encoder).  Both read back the same.

    >>> from budget_perf.model import FundTotal
    >>> to_json(FundTotal(executed=Decimal("394")), indent=None)
    '{"initial_budget": null, "full_year_budget": null, "executed": "394", "note": "", ...}'
    """
    if indent is None and attrs.has(type(obj)):
        head = _SCHEMA_HEAD if isinstance(obj, SelfEvaluation) else ""
        write = writer(type(obj), head)
        if write is not None:
            try:
                return write(obj)
            except Exception:  # a value not of its field's type: written as before
                pass
    return json.dumps(to_data(obj), ensure_ascii=False, indent=indent)


#: What a report's compact JSON text has first inside its braces (as :func:`mark` puts it).
_SCHEMA_HEAD = f"{json.dumps(SCHEMA_KEY)}: {json.dumps(REPORT_SCHEMA)}, "


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Parse JSON *text* (a str, or UTF-8 bytes) into a *cls* record.

    A document that fits is read in one pass (:mod:`budget_perf._fastread`: each record built
    as the parser closes its object, each value checked once); any other is read again by the
    strict loader and the converter, which say what is wrong, as ever.

    >>> from budget_perf.model import FundTotal
    >>> from_json('{"executed": "394"}', FundTotal).executed
    Decimal('394')

    Raises:
        InvalidDocument: if the text is not strict JSON (see ``budget_perf._jsonload``: not
            UTF-8, duplicate keys, lone surrogates, too deep, too long a number ...) or does not
            fit *cls*; every problem is listed with its position or JSON path and what was
            expected.
    """
    if attrs.has(cls):
        try:
            return _QUICK_JSON(text, cls)  # type: ignore[no-any-return]
        except Exception:
            pass
    return from_data(loads_strict(text), cls)
