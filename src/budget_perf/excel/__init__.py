"""Excel workbooks in and out (Excel 工作簿导入导出): the three self-evaluation tables.

Install with the ``excel`` extra (``pip install 'budget_perf[excel]'``: openpyxl and
defusedxml).  ``import budget_perf`` works without it; importing this module without openpyxl
raises an ImportError that says what to install.

Reading (:func:`read_workbook`, :func:`read_workbook_with_sources`)
    reads 部门整体支出绩效评价基础数据表, 部门整体支出绩效自评表 and 项目支出绩效自评表,
    one per sheet or several per sheet.  Header rows are found by their labels
    (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分; 一级指标 …
    偏差原因分析及改进措施; 编制数 / 实际在职人数 / 控制率; 2021年决算数 / 2022年预算数 …),
    never by coordinates; labels are
    compared after NFKC with whitespace removed ("年度\\n指标值" is 年度指标值).  Merged cells are
    forward-filled; blank rows are skipped; a float is read as the 15 significant digits Excel
    shows (so a pasted 0.30000000000000004 is 0.3), never through ``Decimal(x)``; a
    number formatted as a percentage is read in percent points with the format's decimals (1
    with ``0%`` is 100); "——", "/", ideographic spaces and empty cells are blanks, never zero;
    text cells go through :mod:`budget_perf.cells` (full-width digits, "85　"); Chinese text in a
    figure's cell or beside a funds row is that row's ``note``.

    Refused with a :class:`WorkbookError` that names the file, sheet and cell, in English
    (``str(error)``) and Chinese (``error.message("zh")``): a file that is not an .xlsx
    workbook (an .xls or encrypted one, a Word document, a directory), a corrupt or truncated
    zip, and — before openpyxl parses anything, counted over the whole workbook in one
    streaming pass through every part it would read, found as openpyxl finds them (a decoy
    ``xl/workbook.xml`` is no hiding place) — a file over 40 MiB, more than 1 000 parts or
    32 MiB unpacked, a part compressed more than 500 times (a zip bomb), any part read that
    declares a DOCTYPE or entities (an XML bomb), more than 256 sheets, a value or merged range
    beyond row 5 000 or column 64, more than 200 000 cells in all (empty formatted ones
    included), 50 000 cells holding a value, 10 000 merged ranges covering 100 000 cells,
    20 000 style records, 50 000 shared strings, 10 million characters of text; see
    ``budget_perf.excel._limits`` for every limit.  A sheet's extent comes from the cells
    holding something, never from its stated dimension: an empty formatted cell at XFD1048576
    costs nothing.  Then a header in 元 rather than 万元, a rate without a % format that
    looks like a fraction (0.9853: 98.53% or 0.9853%?), a header without a required column
    (the message names the label), a formula anywhere on a sheet (its saved result may be
    missing or stale: paste values), an error value such as ``#DIV/0!``, any figure,
    category or row label that cannot be read, and a 报告其他内容 sheet whose JSON is broken,
    nested more than 64 levels, repeats a key or holds a huge integer.

Writing (:func:`write_workbook`)
    writes the standard layout (``layout=None`` or ``"canonical"``; any other name is refused),
    each table's amounts in its own unit (its block label says "（元）" or "（万元）"), plus
    one sheet, 报告其他内容, holding as JSON every part of the report that the tables do not
    print (the narrative, region, units, provincial indicator columns, execution rows, score
    sheet, not-shown marks …), keyed by its path in the report.  Report text is always a
    text cell, never a formula; one that a spreadsheet would run once edited ("=HYPERLINK(…)",
    "+…", "-…", "@…") also carries Excel's quote prefix.  Either way the cell holds the exact
    text, so it reads back unchanged.  ``read_workbook`` gives back :func:`workbook_content`
    of the report written — the report itself, but for the blank labels, blank rows and
    whitespace the tables normalise in their own cells.  A report must state its year (the
    titles name it).

Provenance (:class:`SourceMap`) maps each figure's model path, as the checker and the JSON
errors write it (``"$.projects[1].funding.total.executed"``), to its cell (``"运行维护经费!E5"``).
"""

try:  # checked here so that the message below is the one users see
    import defusedxml  # noqa: F401
    import openpyxl  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "budget_perf.excel needs openpyxl and defusedxml: pip install 'budget_perf[excel]'"
    ) from exc

from budget_perf.excel._content import workbook_content
from budget_perf.excel._errors import WorkbookError
from budget_perf.excel._read import read_workbook, read_workbook_with_sources
from budget_perf.excel._sources import SourceMap
from budget_perf.excel._write import write_workbook
from budget_perf.excel.annotate import Annotated, annotate

__all__ = [
    "Annotated",
    "SourceMap",
    "WorkbookError",
    "annotate",
    "read_workbook",
    "read_workbook_with_sources",
    "workbook_content",
    "write_workbook",
]
