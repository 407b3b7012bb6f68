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
ValueError: not_shown: Funding.weight is not shown, so it must hold nothing, got Decimal('10')
>>> Funding(not_shown=("wieght",))
Traceback (most recent call last):
...
ValueError: not_shown: Funding has no part 'wieght'; its parts are total, sources, ...
"""

from decimal import Decimal  # noqa: F401 - the doctest above uses it
from typing import Any

import attrs

__all__ = ["PartlyShown", "not_shown"]

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


def _check(instance: object, _attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(part, str) for part in value):
        raise TypeError(f"not_shown: expected a tuple of field names, got {value!r}")
    cls = type(instance)
    parts = _parts(cls)
    for part in value:
        if part not in parts:
            raise ValueError(
                f"not_shown: {cls.__name__} has no part {part!r}; its parts are {', '.join(parts)}"
            )
        held = getattr(instance, part)
        if not any(held is nothing or held == nothing for nothing in _NOTHING):
            raise ValueError(
                f"not_shown: {cls.__name__}.{part} is not shown, so it must hold nothing, "
                f"got {held!r}"
            )
    if len(set(value)) != len(value):
        raise ValueError(f"not_shown: a part is named twice in {value!r}")


def not_shown() -> Any:
    """The field of a partly shown record: the names of the parts the copy does not show."""
    return attrs.field(default=(), converter=_as_tuple, validator=_check)


def _as_tuple(value: Any) -> Any:
    """A list of part names is taken as the tuple it lists."""
    return tuple(value) if value.__class__ is list else value


class PartlyShown:
    """A record some of whose parts a copy may not show (see the module docstring)."""

    __slots__ = ()

    def is_shown(self, part: str) -> bool:
        """Whether the copy shows *part* (a field name); a blank part may well be shown.

        Raises:
            ValueError: the record has no such part (a misspelt name is a bug, not "shown").
        """
        parts = _parts(type(self))
        if part not in parts:
            raise ValueError(f"{type(self).__name__} has no part {part!r}")
        hidden: tuple[str, ...] = getattr(self, "not_shown", ())
        return part not in hidden
