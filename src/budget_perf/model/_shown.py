"""Not shown versus blank: the parts of a record that the copy at hand does not show (private).

A cell printed empty is a statement: the table says nothing there, and the checker may call it
missing.  A part the copy does not show is no statement at all — an excerpt cut before the
indicator block, a scan whose amounts are illegible, a layout that has no column for it — and
the checker must never call it wrong or missing, nor add it up.  Records that can be partly
shown carry ``not_shown``: the names of their fields that the copy does not show, set by a
reader or by the caller.  Such a field holds nothing (``None``, ``""`` or ``()``).

>>> from budget_perf.model.funds import Funding
>>> block = Funding(stated_execution_rate=Decimal("100"), not_shown=("weight", "stated_score"))
>>> block.is_shown("weight"), block.is_shown("stated_execution_rate")
(False, True)
>>> Funding(weight=Decimal("10"), not_shown=("weight",))
Traceback (most recent call last):
...
budget_perf.errors.InvalidValue: not_shown: Funding.weight is not shown, so it must hold nothing,
    got Decimal('10')
>>> Funding(not_shown=("wieght",))
Traceback (most recent call last):
...
budget_perf.errors.InvalidValue: not_shown: Funding has no part 'wieght';
    its parts are total, sources, ...
"""

from decimal import Decimal  # noqa: F401 - the doctest above uses it
from typing import Any, NoReturn

import attrs

from budget_perf._safety import shorten
from budget_perf.errors import InvalidValue
from budget_perf.model._fields import as_tuple

__all__ = ["PartlyShown", "check_not_shown", "not_shown"]

_NOTHING: tuple[object, ...] = (None, "", ())


#: The parts of each record class, found once: is_shown is asked for every cell a rule reads.
_PARTS: dict[type, tuple[str, ...]] = {}


def _parts(cls: type) -> tuple[str, ...]:
    parts = _PARTS.get(cls)
    if parts is None:
        parts = _PARTS[cls] = tuple(
            f.name for f in attrs.fields(cls) if f.name not in ("not_shown", "cut")
        )
    return parts


def check_not_shown(instance: object, _attribute: "attrs.Attribute[Any]", value: object) -> None:
    """The validator of every ``not_shown`` field: a tuple naming parts of the record (an empty
    one passes whatever else the record holds, which the quick JSON readers rely on)."""
    if not isinstance(value, tuple) or not all(isinstance(part, str) for part in value):
        _refuse(
            f"expected a tuple of field names, got {value!r}",
            f"应为字段名的元组，实际为 {value!r}",
        )
    cls = type(instance)
    parts = _parts(cls)
    for part in value:
        if part not in parts:
            _refuse(
                f"{cls.__name__} has no part {part!r}; its parts are {', '.join(parts)}",
                f"{cls.__name__} 没有 {part!r} 这一部分；其各部分为 {', '.join(parts)}",
            )
        held = getattr(instance, part)
        if not any(held is nothing or held == nothing for nothing in _NOTHING):
            _refuse(
                f"{cls.__name__}.{part} is not shown, so it must hold nothing, got {held!r}",
                f"{cls.__name__}.{part} 标为未显示，不应有内容，实际为 {held!r}",
            )
    if len(set(value)) != len(value):
        _refuse(f"a part is named twice in {value!r}", f"{value!r} 中有部分重复列出")


def _refuse(message: str, message_zh: str) -> NoReturn:
    """A wrong ``not_shown``: an InvalidValue (a TypeError and a ValueError) naming the field."""
    raise InvalidValue(
        f"not_shown: {shorten(message, 300)}",
        field="not_shown",
        message_zh=f"not_shown：{shorten(message_zh, 300)}",
    )


def not_shown() -> Any:
    """The field of a partly shown record: the names of the parts the copy does not show."""
    return attrs.field(default=(), converter=as_tuple, validator=check_not_shown)


class PartlyShown:
    """A record some of whose parts a copy may not show (see the module docstring)."""

    __slots__ = ()

    def is_shown(self, part: str) -> bool:
        """Whether the copy shows *part* (a field name); a blank part may well be shown.

        Raises:
            ValueError: the record has no such part (a misspelt name is a bug, not "shown").
        """
        parts = _PARTS.get(type(self)) or _parts(type(self))
        if part not in parts:
            raise ValueError(f"{type(self).__name__} has no part {part!r}")
        hidden: tuple[str, ...] = getattr(self, "not_shown", ())
        return not hidden or part not in hidden
