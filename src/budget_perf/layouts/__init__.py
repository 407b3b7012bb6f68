"""Layouts (版式): table forms described as data, and reading any of them onto the model.

A province's or a year's form of the self-evaluation table is a difference in where a figure
is printed and which parts exist, not a different report.  Each form is one *layout
description*, a JSON file bundled beside this module (see docs/layouts.md): the labels that
identify it, the facts printed beside a label, and its blocks (funding, goal, indicators,
total, income/spending split, score sheet), each found by its start label and read through
columns found by their header labels.  :func:`read` turns a file into grids, picks each grid's
layout by its labels (or the one named with ``layout=``), and reads it onto the one model.

>>> list_layouts()[:3]
('anhui-scoresheet', 'budget-perf-workbook-department', 'budget-perf-workbook-project')
>>> load_layout("national-project").table
'project'
>>> layout_from_json('{"key": "x"}')
Traceback (most recent call last):
...
budget_perf.errors.InvalidLayout: missing key(s) blocks, match, source, table, title @ $
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from os import PathLike
from pathlib import Path

import attrs

from budget_perf._decimal import in_library_context
from budget_perf.errors import InvalidLayout
from budget_perf.layouts._description import Layout
from budget_perf.layouts._parse import parse_layout
from budget_perf.model import Region, SelfEvaluation

__all__ = [
    "Layout",
    "layout_from_json",
    "list_layouts",
    "load_layout",
    "load_layout_file",
    "read",
    "read_with_sources",
]


def list_layouts() -> tuple[str, ...]:
    """The keys of the bundled layouts, sorted."""
    names = (entry.name for entry in resources.files(__name__).iterdir())
    return tuple(sorted(name.removesuffix(".json") for name in names if name.endswith(".json")))


@functools.cache
def load_layout(key: str) -> Layout:
    """The bundled layout named *key*.

    Raises:
        InvalidLayout: no bundled layout has that key, or its file is malformed.
    """
    bundled = list_layouts()
    if key not in bundled:
        raise InvalidLayout(
            f"no bundled layout {key!r}; bundled: {', '.join(bundled)}",
            message_zh=f"没有名为“{key}”的内置版式；内置版式：{'、'.join(bundled)}",
        )
    text = resources.files(__name__).joinpath(f"{key}.json").read_text("utf-8")
    try:
        layout = parse_layout(text)
    except InvalidLayout as exc:
        raise InvalidLayout(
            f"{key}.json: {exc}", message_zh=f"{key}.json：{exc.message('zh')}"
        ) from None
    if layout.key != key:
        raise InvalidLayout(
            f"{key}.json: declares key {layout.key!r}",
            message_zh=f"{key}.json：声明的键为“{layout.key}”",
        )
    return layout


def layout_from_json(text: str | bytes) -> Layout:
    """The layout described by the JSON *text* (see docs/layouts.md).

    Raises:
        InvalidLayout: the description is malformed; the message names the path in it.
    """
    return parse_layout(text)


def load_layout_file(path: str | PathLike[str]) -> Layout:
    """The layout described by the JSON file at *path* (UTF-8), e.g. a province's own form.

    Raises:
        InvalidLayout: as :func:`layout_from_json`, the message starting with the file name.
        OSError: the file cannot be read.
    """
    data = Path(path).read_bytes()
    try:
        return parse_layout(data)
    except InvalidLayout as exc:
        raise InvalidLayout(f"{path}: {exc}", message_zh=f"{path}：{exc.message('zh')}") from None


def _layouts(layout: str | Layout | None) -> tuple[tuple[Layout, ...], Layout | None]:
    if isinstance(layout, Layout):
        return (layout,), layout
    if layout is not None:
        return (load_layout(layout),), load_layout(layout)
    return tuple(load_layout(key) for key in list_layouts()), None


@in_library_context
def read_with_sources(
    path: str | Path,
    *,
    year: int | None = None,
    region: Region | None = None,
    layout: str | Layout | None = None,
    not_shown: Iterable[str] = (),
) -> tuple[SelfEvaluation, SourceMap]:
    """Read the tables of the file at *path*, and where each value came from.

    *year* is the budget year where no title states one (where one does, they must agree);
    *region* is the report's place (a table prints it only inside names); *layout* names the
    layout of every table (a bundled key or a :class:`Layout`), else each table's is picked by
    its labels; *not_shown* lists model paths ("$.department_table.goal.achieved") that the
    copy does not show (an illegible scan, a cut page): they are not read and marked not shown.

    The reader is chosen by the file's content: an .xlsx or .xls workbook, the tables of a Word
    document (.docx), or a report in the library's JSON (read by :func:`~budget_perf.from_json`;
    *year* and *region* then fill only what it leaves out, *layout* and *not_shown* do not
    apply).  Every file is read within the readers' limits (docs/limits.md).

    Returns:
        The report, and a :class:`~budget_perf.excel.SourceMap` from each value's model path
        ("$.projects[0].funding.total.executed") to its cell ("表1!F5").

    Raises:
        UnknownLayout: a table holding figures matches no layout (a sheet without figures,
            a cover or notes, is passed over), or none does; names the cell and the nearest
            layout.
        WorkbookError: the file cannot be read, or a value cannot: names the sheet and cell.
    """
    from budget_perf._readers import grids_of_bytes
    from budget_perf._readers._archive import read_bytes
    from budget_perf._readers._sniff import FileFormat, identify
    from budget_perf.excel._sources import SourceMap
    from budget_perf.layouts._read import read_grids_with_sources

    data = read_bytes(path)  # the file is read once, and its bytes handed on
    if identify(data)[0] is FileFormat.JSON:
        return _read_report_json(path, data, year, region), SourceMap(())
    layouts, forced = _layouts(layout)
    grids = grids_of_bytes(str(path), data)
    if _canonical(grids, layouts, forced):
        from budget_perf.excel._read import read_grids_as_workbook

        report, sources = read_grids_as_workbook(str(path), grids, year)
        return (report if region is None else attrs.evolve(report, region=region)), sources
    return read_grids_with_sources(
        grids, layouts, year=year, region=region, forced=forced, not_shown=not_shown
    )


def _canonical(grids: tuple[Grid, ...], layouts: tuple[Layout, ...], forced: Layout | None) -> bool:
    """Whether the file is a workbook as :func:`~budget_perf.excel.write_workbook` writes it
    (a sheet matches a ``workbook`` layout): then the bundled report's reader reads it whole."""
    from budget_perf.errors import UnknownLayout
    from budget_perf.layouts._match import choose

    if forced is not None:
        return forced.table == "workbook"
    for grid in grids:
        try:
            if choose(grid, layouts).table == "workbook":
                return True
        except UnknownLayout:
            continue
    return False


def _read_report_json(
    path: str | Path, data: bytes, year: int | None, region: Region | None
) -> SelfEvaluation:
    """A report written as the library's JSON; *year* and *region* fill what it leaves out and
    must agree with what it states."""
    from budget_perf._fileerrors import WorkbookError
    from budget_perf.serialization import from_json

    file = str(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WorkbookError(
            file, f"the JSON document is not UTF-8 (byte {exc.start})",
            reason_zh=f"JSON文档不是UTF-8编码（第{exc.start}字节）",
        ) from None  # fmt: skip
    report = from_json(text, SelfEvaluation)
    if year is not None and report.year is not None and year != report.year:
        raise WorkbookError(
            file, f"the report states the year {report.year}, not {year} (the year= argument)",
            reason_zh=f"报告所填年度为{report.year}，与year=参数{year}不一致",
        )  # fmt: skip
    if region is not None and report.region is not None and region != report.region:
        raise WorkbookError(
            file, "the report states another region than the region= argument",
            reason_zh="报告所填地区与region=参数不一致",
        )  # fmt: skip
    return attrs.evolve(
        report,
        year=report.year if report.year is not None else year,
        region=report.region if report.region is not None else region,
    )


def read(
    path: str | Path,
    *,
    year: int | None = None,
    region: Region | None = None,
    layout: str | Layout | None = None,
    not_shown: Iterable[str] = (),
) -> SelfEvaluation:
    """Read the self-evaluation tables of the file at *path*, whatever their layout.

    See :func:`read_with_sources` for the arguments.

    Raises:
        UnknownLayout: a table matches no layout; names the cell and the nearest layout.
        WorkbookError: the file cannot be read, or a value cannot: names the sheet and cell.
    """
    return read_with_sources(path, year=year, region=region, layout=layout, not_shown=not_shown)[0]


from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from budget_perf.excel._grid import Grid
    from budget_perf.excel._sources import SourceMap
