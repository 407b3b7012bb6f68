"""The analysts' tables as Arrow tables and DataFrames, with a fixed schema.

Install with the ``arrow`` extra (pyarrow); ``to_pandas`` needs ``pandas`` and ``to_polars``
``polars`` too.  ``import budget_perf`` works without them; a call without the package raises
an ImportError that says what to install.

Each table of :func:`budget_perf.tables.to_records` has one schema (:func:`schema`), the same
for every report, so tables of several reports concatenate:

- a stated figure is ``decimal128(21, 6)``: the model bounds a figure to 15 digits before the
  point and 6 after, so every figure it allows is held exactly.  The column's scale is 6, so a
  figure comes back with six decimals (``Decimal("7.5")`` as ``Decimal("7.500000")``): the same
  number, without the decimals it was written with (the records keep those);
- a derived figure (``derived_*``, rounded to 2 decimals) is ``decimal128(38, 2)``;
- a finding's ``stated`` and ``expected`` are text (a figure written out, a grade, a name);
- counts and indexes are ``int64``, the year ``int32``, texts ``string``.

pandas keeps Decimals as Python objects (dtype ``object``); polars has a Decimal type.  Compute
rates in the library (the ``derived_*`` columns), not by dividing Decimal columns in a
DataFrame: polars keeps the left operand's scale (394 / 400.03 → 0.98).

>>> import budget_perf as bp
>>> table = to_arrow(bp.examples.load("yueyang-npc-2022"), "funding")
>>> table.num_rows, table.schema.field("executed").type
(33, Decimal128Type(decimal128(21, 6)))
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from budget_perf._decimal import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS
from budget_perf.tables import COLUMNS, Reports, Table, to_records

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

__all__ = ["schema", "to_arrow", "to_pandas", "to_polars"]

#: A stated figure: every Decimal the model allows, exactly.
FIGURE_PRECISION = MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "budget_perf.arrow needs pyarrow: pip install 'budget_perf[arrow]'"
        ) from None
    return pyarrow


def schema(table: Table) -> pyarrow.Schema:
    """The Arrow schema of *table* (see the module docstring).

    >>> schema("projects").field("derived_execution_rate").type
    Decimal128Type(decimal128(38, 2))
    """
    pa = _pyarrow()
    types = {
        "text": pa.string(),
        "int": pa.int64(),
        "figure": pa.decimal128(FIGURE_PRECISION, MAX_FRACTION_DIGITS),
        "derived": pa.decimal128(38, 2),
        "value": pa.string(),
    }
    to_records([], table)  # refuses an unknown table
    fields = [
        pa.field(name, pa.int32() if name == "year" else types[kind])
        for name, kind in COLUMNS[table]
    ]
    result: pyarrow.Schema = pa.schema(fields)
    return result


def _text(value: object) -> str | None:
    if value is None:
        return None
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def to_arrow(reports: Reports, table: Table) -> pyarrow.Table:
    """*table* of *reports* (as :func:`~budget_perf.tables.to_records` takes) as an Arrow table."""
    pa = _pyarrow()
    records = to_records(reports, table)
    texts = [name for name, kind in COLUMNS[table] if kind == "value"]
    for record in records:
        for name in texts:
            record[name] = _text(record[name])
    result: pyarrow.Table = pa.Table.from_pylist(records, schema=schema(table))
    return result


def to_pandas(reports: Reports, table: Table) -> pandas.DataFrame:
    """*table* of *reports* as a pandas DataFrame (figures as Decimal objects).

    Whole numbers are pandas' nullable integers (``Int64``), so a blank project index stays
    blank rather than turning the column into floats.
    """
    try:
        import pandas
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError("to_pandas needs pandas: pip install 'budget_perf[pandas]'") from None
    pa = _pyarrow()
    whole = {pa.int64(): pandas.Int64Dtype(), pa.int32(): pandas.Int32Dtype()}
    frame: pandas.DataFrame = to_arrow(reports, table).to_pandas(types_mapper=whole.get)
    return frame


def to_polars(reports: Reports, table: Table) -> polars.DataFrame:
    """*table* of *reports* as a polars DataFrame (figures as polars Decimals)."""
    try:
        import polars
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError("to_polars needs polars: pip install 'budget_perf[polars]'") from None
    frame: polars.DataFrame = polars.DataFrame(to_arrow(reports, table))
    return frame
