"""The limits a workbook must keep before openpyxl is asked to read it (工作簿读取上限).

They live in :mod:`budget_perf._limits`, beside the limits of the Word and .xls readers (that
module imports no optional package); this module re-exports the workbook's.

>>> MAX_ROWS, MAX_COLUMNS, MAX_CELLS, MAX_MERGED_CELLS
(5000, 64, 200000, 100000)
"""

from __future__ import annotations

from budget_perf._limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_ELEMENTS,
    MAX_FILE_BYTES,
    MAX_JSON_DEPTH,
    MAX_JSON_INTEGER_DIGITS,
    MAX_MEMBERS,
    MAX_MERGED_CELLS,
    MAX_MERGED_RANGES,
    MAX_PART_BYTES,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_SHEETS,
    MAX_STYLE_RECORDS,
    MAX_TEXT_CHARACTERS,
    MAX_TREE_ELEMENTS,
    MAX_TREE_PART_BYTES,
    MAX_UNCOMPRESSED_BYTES,
    MAX_VALUE_CELLS,
    RATIO_FLOOR_BYTES,
)

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_COMPRESSION_RATIO",
    "MAX_ELEMENTS",
    "MAX_FILE_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_JSON_INTEGER_DIGITS",
    "MAX_MEMBERS",
    "MAX_MERGED_CELLS",
    "MAX_MERGED_RANGES",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "MAX_SHARED_STRINGS",
    "MAX_SHEETS",
    "MAX_STYLE_RECORDS",
    "MAX_TEXT_CHARACTERS",
    "MAX_TREE_ELEMENTS",
    "MAX_TREE_PART_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_VALUE_CELLS",
    "RATIO_FLOOR_BYTES",
]
