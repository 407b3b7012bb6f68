"""The limits a file of tables must keep before a library is asked to read it (读取上限).

This module imports no optional package, so that every reader can use it.  The limits below
the Word and .xls headings are those of :mod:`budget_perf._readers`; the others are the .xlsx
workbook's, which ``budget_perf.excel._limits`` re-exports.  The .xls reader holds a workbook
to the .xlsx limits wherever the two formats have the same thing (sheets, rows, columns, cells,
merged ranges, styles, shared strings, text).

**.xlsx workbooks.**

A self-evaluation workbook is small: a few dozen rows of 7 to 9 columns per table, a few dozen
tables.  openpyxl, though, builds an object for every cell element, every cell of a merged
range, every style record and every shared string of a file, so a 5 KB archive can ask it for
gigabytes.  :mod:`budget_perf.excel._guard` therefore counts these things in the XML, streaming
and before openpyxl parses anything, and refuses a workbook beyond any limit below with a
:class:`~budget_perf.excel.WorkbookError` that names the file, the part or sheet, and the limit.

Counts are over the whole workbook: every part read, found the way openpyxl finds them
(``[Content_Types].xml`` → the workbook part → its relationships → its sheets;
``xl/styles.xml``; the shared strings the content types declare), two sheets on one part being
refused.  A part that is never read costs nothing but its bytes.  The limits sit far above any
real report and far below what would take long: a refusal comes within a fraction of a second,
and a workbook at every limit at once reads within seconds.

>>> MAX_ROWS, MAX_COLUMNS, MAX_CELLS, MAX_MERGED_CELLS
(5000, 64, 200000, 100000)
"""

from __future__ import annotations

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_COMPRESSION_RATIO",
    "MAX_DOCX_NESTING",
    "MAX_DOCX_TABLES",
    "MAX_DOCX_UNCOMPRESSED_BYTES",
    "MAX_DOCX_XML_PART_BYTES",
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
    "MAX_XLS_RECORDS",
    "RATIO_FLOOR_BYTES",
]

# --- the archive, from its directory alone -------------------------------------------------

MAX_FILE_BYTES = 40 * 1024 * 1024
"""The most bytes the file itself may have (40 MiB); it is read into memory once, so that the
bytes checked are the bytes read."""

MAX_MEMBERS = 1_000
"""The most parts (files) the archive may hold."""

MAX_UNCOMPRESSED_BYTES = 32 * 1024 * 1024
"""The most bytes all parts of the archive may unpack to, together (32 MiB)."""

MAX_COMPRESSION_RATIO = 500
"""The most a part larger than :data:`RATIO_FLOOR_BYTES` may be compressed (unpacked size
over packed size).  Excel's XML compresses 5 to 20 times, a sheet of identical rows a few
hundred times; a run of zeros, the stuff of zip bombs, a thousand times (deflate's most)."""

RATIO_FLOOR_BYTES = 1024 * 1024
"""Parts that unpack to at most this many bytes (1 MiB) are not held to the ratio."""

# --- each part openpyxl reads -----------------------------------------------------------------

MAX_PART_BYTES = 16 * 1024 * 1024
"""The most bytes one worksheet or the shared-strings part may unpack to (16 MiB); openpyxl
reads these streaming."""

MAX_TREE_PART_BYTES = 4 * 1024 * 1024
"""The most bytes any other part openpyxl reads may unpack to (4 MiB): ``xl/styles.xml``, the
workbook part, ``[Content_Types].xml``, relationship parts, comments, tables, drawings, charts,
pivot tables; openpyxl builds each of them as one tree in memory."""

# --- the whole workbook, counted in the XML -------------------------------------------------

MAX_SHEETS = 256
"""The most sheets the workbook may list."""

MAX_ROWS = 5_000
"""The last row a value or a merged range may use, on any sheet (a table uses a few dozen)."""

MAX_COLUMNS = 64
"""The last column a value or a merged range may use, on any sheet (column BL; the standard
tables use 7 to 9)."""

MAX_CELLS = 200_000
"""The most cell elements (``<c>``) all sheets together may hold, with or without a value: a
cell that only carries a border or a format is built by openpyxl all the same."""

MAX_VALUE_CELLS = 50_000
"""The most cells holding a value (a number, a text, a formula) all sheets together may have (a
project table has about 150)."""

MAX_MERGED_RANGES = 10_000
"""The most merged ranges all sheets together may declare."""

MAX_MERGED_CELLS = 100_000
"""The most cells all merged ranges together may cover (openpyxl builds each one)."""

MAX_STYLE_RECORDS = 20_000
"""The most style records ``xl/styles.xml`` may define, counting cell formats (``xf``), fonts,
fills, borders, number formats, differential formats and named cell styles together."""

MAX_SHARED_STRINGS = 50_000
"""The most shared strings (``<si>``) the workbook may hold."""

MAX_TEXT_CHARACTERS = 10_000_000
"""The most characters of text (shared strings, inline strings and comments) in all."""

MAX_ELEMENTS = 1_000_000
"""The most XML elements of every kind in all the parts read: the bound on the time the
streaming count takes (a microsecond or two each), whatever the elements are."""

MAX_TREE_ELEMENTS = 50_000
"""The most XML elements in the parts openpyxl builds as one tree (``xl/styles.xml``, the
workbook part, relationship parts, ``[Content_Types].xml``): openpyxl spends tens of
microseconds on each."""

# --- the 报告其他内容 sheet's JSON ---------------------------------------------------------------

MAX_JSON_DEPTH = 64
"""The most levels of nesting the JSON of the 报告其他内容 sheet may have (budget_perf writes
six or so)."""

MAX_JSON_INTEGER_DIGITS = 30
"""The most digits of an integer in that JSON (budget_perf writes amounts as strings)."""

# --- Word documents (.docx) -------------------------------------------------------------------
# The file (MAX_FILE_BYTES), its parts (MAX_MEMBERS), the compression ratio of a large part
# (MAX_COMPRESSION_RATIO above RATIO_FLOOR_BYTES), the XML elements of all XML parts together
# (MAX_ELEMENTS), a table's last row and column (MAX_ROWS, MAX_COLUMNS), the grid positions all
# tables fill, merged ones included (MAX_CELLS), and the characters of text in all XML parts
# (MAX_TEXT_CHARACTERS) are limited as for a workbook; these are the document's own.

MAX_DOCX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
"""The most bytes all parts of a Word document may unpack to, together (64 MiB): a report may
carry photographs, which unpack to about their packed size."""

MAX_DOCX_XML_PART_BYTES = 16 * 1024 * 1024
"""The most bytes one XML part of a Word document may unpack to (16 MiB); python-docx builds
each XML part as one tree in memory."""

MAX_DOCX_TABLES = 500
"""The most tables a Word document may hold, nested ones included (a report has a few)."""

MAX_DOCX_NESTING = 4
"""The most levels of tables within tables a Word document may have (a table in a table's
cell is level 2)."""

# --- Excel 97-2003 workbooks (.xls) -----------------------------------------------------------
# The file (MAX_FILE_BYTES), sheets (MAX_SHEETS), the last row and column a value or merged
# range uses (MAX_ROWS, MAX_COLUMNS), cell records, blank ones included (MAX_CELLS), cells
# holding a value (MAX_VALUE_CELLS), merged ranges and the cells they cover
# (MAX_MERGED_RANGES, MAX_MERGED_CELLS), style records (XF, FONT and FORMAT records together:
# MAX_STYLE_RECORDS), shared strings (MAX_SHARED_STRINGS) and characters of text
# (MAX_TEXT_CHARACTERS) are limited as for an .xlsx workbook.

MAX_XLS_RECORDS = 1_000_000
"""The most BIFF records the workbook stream of an .xls file may hold: the bound on the time
the counting pass takes, whatever the records are (the analogue of :data:`MAX_ELEMENTS`)."""
