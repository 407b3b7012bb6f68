"""The hostile inputs of ``tests/test_hostile_inputs.py``, one module per area.

Each module has a ``CASES`` tuple of :class:`hostile.Case`; add a case to the module of the
entry point it attacks.
"""

from hostile import Case
from hostile_cases import (
    building,
    checks,
    cli,
    decimal_context,
    display,
    json_input,
    layouts,
    model,
    output,
    readers,
    review,
    workbooks,
)

__all__ = ["ALL_CASES"]

ALL_CASES: tuple[Case, ...] = (
    *workbooks.CASES,
    *json_input.CASES,
    *decimal_context.CASES,
    *cli.CASES,
    *output.CASES,
    *checks.CASES,
    *model.CASES,
    *readers.CASES,
    *layouts.CASES,
    *review.CASES,
    *building.CASES,
    *display.CASES,
)
