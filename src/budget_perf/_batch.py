"""Checking many reports: folders walked in order, one envelope per file, worker processes.

:func:`check_many` is the library's batch call and the ``budget-perf check`` command's engine.
It streams: each source is read, checked and yielded before the next is read, so memory is
bounded by the largest report; with ``jobs > 1`` this process and ``jobs - 1`` worker processes
take turns, a few reports (four per process) are in flight, and the envelopes still come back
in input order.

>>> import budget_perf as bp
>>> [envelope] = check_many([bp.examples.load("yueyang-npc-2022")])
>>> envelope.status, envelope.year, envelope.department, len(envelope.findings) > 0
('checked', 2022, '岳阳市人大常委会', True)
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Iterable, Iterator, Mapping

import attrs

from budget_perf._envelope import Envelope, LoadProblem, pack
from budget_perf._jsonload import MAX_DOCUMENT_SIZE, loads_strict
from budget_perf._pool import pooled
from budget_perf._readers._archive import ZIP_MAGIC
from budget_perf._readers._sniff import OLE_MAGIC
from budget_perf._schema import SCHEMA_KEY
from budget_perf.checks import CheckOptions, check
from budget_perf.errors import BudgetPerfError, InvalidDocument
from budget_perf.model import SelfEvaluation
from budget_perf.profiles import RuleProfile
from budget_perf.serialization import from_data, from_json

__all__ = [
    "REPORT_SUFFIXES",
    "ReportSource",
    "check_many",
    "check_source",
    "check_to_send",
    "expand",
    "is_office",
    "os_problem",
    "read_office",
    "run_items",
]

#: Files in a folder that are read as reports (a file named on its own is always read).
REPORT_SUFFIXES = (".json", ".xlsx", ".xls", ".docx")
#: A source: a file or folder path, or a report already loaded.
ReportSource = str | os.PathLike[str] | SelfEvaluation


@attrs.frozen
class _Item:
    """A source once expanded: a file to read, a loaded report, or a file already judged."""

    source: str
    report: SelfEvaluation | None = None
    skipped: LoadProblem | None = None
    failed: LoadProblem | None = None


class _NotAReport(BudgetPerfError):
    """A file that is not a report at all (skipped, not failed)."""


def os_problem(exc: OSError, *, writing: bool = False) -> LoadProblem:
    """An OSError said in both languages: no such file, a folder, no permission ...

    >>> os_problem(FileNotFoundError(2, "No such file or directory")).message("en")
    'no such file'
    """
    if isinstance(exc, FileNotFoundError):
        if writing:
            return LoadProblem(
                message_en="no such folder to write into", message_zh="要写入的文件夹不存在"
            )
        return LoadProblem(message_en="no such file", message_zh="没有这个文件")
    if isinstance(exc, IsADirectoryError):
        return LoadProblem(message_en="is a directory, not a file", message_zh="是文件夹，不是文件")
    if isinstance(exc, PermissionError):
        en, zh = ("write", "写入") if writing else ("read", "读取")
        return LoadProblem(message_en=f"no permission to {en} it", message_zh=f"没有{zh}权限")
    reason = exc.strerror or type(exc).__name__
    verb = "written" if writing else "read"
    return LoadProblem(
        message_en=f"cannot be {verb}: {reason}",
        message_zh=f"无法{'写入' if writing else '读取'}：{reason}",
    )


def _problem(exc: BudgetPerfError, source: str) -> LoadProblem:
    en, zh = (exc.message(lang).removeprefix(f"{source}: ") for lang in ("en", "zh"))
    return LoadProblem(message_en=en, message_zh=zh)


#: The first bytes of a zip (.xlsx, .docx) and of an OLE2 file (.xls).
_OFFICE_MAGIC = (ZIP_MAGIC, OLE_MAGIC)
_MAGIC_SIZE = max(map(len, _OFFICE_MAGIC))


def is_office(data: bytes) -> bool:
    """Whether *data* (a file's first bytes will do) is a workbook or Word file, by content.

    >>> is_office(b"PK\\x03\\x04..."), is_office(b'{"department": {}}')
    (True, False)
    """
    return data.startswith(_OFFICE_MAGIC)


def read_office(path: str) -> tuple[SelfEvaluation, Mapping[str, str]]:
    """The report in the workbook or Word document at *path*, in any described layout, and
    each figure's cell (:func:`budget_perf.read_with_sources`).

    Raises:
        BudgetPerfError: the file cannot be read as a report, or the extra its format needs
            (excel, docx, xls) is not installed (the message says which).
        OSError: the file cannot be opened.
    """
    try:
        from budget_perf.layouts import read_with_sources

        return read_with_sources(path)
    except ImportError as exc:
        raise BudgetPerfError(str(exc)) from None


def _read_limited(path: str) -> bytes:
    """The bytes of the regular file or pipe at *path*, at most one byte over the JSON limit;
    only its first bytes when they show a workbook or Word file (:func:`read_office` reads it).
    """
    # Opened without blocking: a FIFO put in place of a listed file cannot hang the batch.
    with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise _NotAReport("is not a regular file", message_zh="不是普通文件")
        if stat.S_ISFIFO(mode):  # a pipe named on purpose (<(...)): wait for its writer's data
            os.set_blocking(handle.fileno(), True)
        head = handle.read(_MAGIC_SIZE)
        if is_office(head):  # not read twice: the workbook's reader opens it itself
            return head
        return head + handle.read(MAX_DOCUMENT_SIZE + 1 - len(head))


#: Keys only a report has (``year`` or ``title`` alone could be any JSON's).
_REPORT_KEYS = frozenset(
    {
        "department",
        "projects",
        "department_table",
        "basic_data",
        "general_budget",
        "other_budgets",
        "score_sheet",
        "review_rubric",
        "stated_grade",
        "amount_unit",
    }
)


def _is_report(data: object) -> bool:
    """Whether parsed JSON claims to be a report: a report's schema, or a report's own keys."""
    if not isinstance(data, dict):
        return False
    schema = data.get(SCHEMA_KEY)
    if isinstance(schema, str):
        return schema.startswith("budget_perf.report/")
    return not _REPORT_KEYS.isdisjoint(data)


def _load_source(path: str) -> tuple[SelfEvaluation, Mapping[str, str] | None, bytes | None]:
    """The report in the file at *path*, each figure's cell and the JSON read: a workbook
    (.xlsx, .xls) or Word document by content, in any described layout
    (:func:`budget_perf.read_with_sources`), else JSON by content (its bytes are returned too).

    Raises:
        _NotAReport: the file is JSON of another kind, or not JSON at all.
        BudgetPerfError: the file is a report that cannot be read (the reason says why).
        OSError: the file cannot be opened or read.
    """
    if os.path.isdir(path):
        raise IsADirectoryError(21, "Is a directory", path)
    data = _read_limited(path)
    if is_office(data):
        return (*read_office(path), None)
    start = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not start.startswith(b"{"):
        raise _NotAReport("not a report (not a JSON object)", message_zh="不是报告（不是JSON对象）")
    try:  # a report, as almost every file of a reviewer's folder is: read the quick way
        return from_json(data, SelfEvaluation), None, data
    except InvalidDocument:
        pass  # read again the careful way, to say whether it is a report and what is wrong
    document = loads_strict(data)
    if not _is_report(document):
        raise _NotAReport(
            "not a report (JSON without a report's schema or keys)",
            message_zh="不是报告（JSON中没有报告的schema或字段）",
        )
    return from_data(document, SelfEvaluation), None, data


def check_source(
    item: _Item, profile: RuleProfile | None = None, options: CheckOptions | None = None
) -> Envelope:
    """Read and check one expanded source: the pure per-report step (picklable, no state)."""
    return _checked(item, profile, options)[0]


def check_to_send(
    item: _Item,
    profile: RuleProfile | None,
    options: CheckOptions | None,
    held: bool = False,
    places: bool = True,
) -> Envelope:
    """:func:`check_source` in a worker: the envelope packed to travel back — the report as the
    JSON it was read from (or pickled, once, here), read again only if the caller asks for it;
    not at all if *held* (a loaded report: the caller puts its own back); with *places*, where
    each finding is, worked out here."""
    envelope, document = _checked(item, profile, options)
    return pack(envelope, document, drop=held, places=places)


def _checked(
    item: _Item, profile: RuleProfile | None, options: CheckOptions | None
) -> tuple[Envelope, bytes | None]:
    """The envelope of one source, and the JSON document its report was read from (if any)."""
    if item.skipped is not None:
        return Envelope(source=item.source, status="skipped", problem=item.skipped), None
    if item.failed is not None:
        return Envelope(source=item.source, status="failed", problem=item.failed), None
    report, cells, document = item.report, None, None
    if report is None:
        try:
            report, cells, document = _load_source(item.source)
        except _NotAReport as exc:
            problem = _problem(exc, "")
            return Envelope(source=item.source, status="skipped", problem=problem), None
        except BudgetPerfError as exc:
            problem = _problem(exc, item.source)
            return Envelope(source=item.source, status="failed", problem=problem), None
        except OSError as exc:
            return Envelope(source=item.source, status="failed", problem=os_problem(exc)), None
    findings = check(report, profile, options=options)
    envelope = Envelope(
        source=item.source, status="checked", report=report, findings=findings, cells=cells
    )
    return envelope, document


def expand(sources: Iterable[ReportSource]) -> Iterator[_Item]:
    """Each source as items in order: a folder's files walked in sorted order, depth first.

    In a folder, files ending in ``.json`` or ``.xlsx`` are read; other files, Office lock
    files (``~$…``), hidden files and folders, links to folders and anything that is not a
    regular file are skipped with the reason.  A file named on its own is always read.
    """
    for index, source in enumerate(sources):
        if isinstance(source, SelfEvaluation):
            yield _Item(f"<report {index + 1}>", report=source)
            continue
        path = os.fspath(source)
        if os.path.isdir(path):
            yield from _walk(path)
        else:
            yield _Item(path)


def _walk(folder: str) -> Iterator[_Item]:
    stack: list[Iterator[os.DirEntry[str]]] = []
    try:
        stack.append(iter(_sorted_entries(folder)))
    except OSError as exc:
        yield _Item(folder, failed=os_problem(exc))
        return
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        skip = _skip_reason(entry)
        if skip is not None:
            yield _Item(entry.path, skipped=skip)
        elif entry.is_dir(follow_symlinks=False):
            try:
                stack.append(iter(_sorted_entries(entry.path)))
            except OSError as exc:
                yield _Item(entry.path, failed=os_problem(exc))
        else:
            yield _Item(entry.path)


def _sorted_entries(folder: str) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


def _skip_reason(entry: os.DirEntry[str]) -> LoadProblem | None:
    """Why a folder's entry is not read, or None for a report file or a folder to walk."""
    name = entry.name
    if name.startswith("."):
        return LoadProblem(message_en="hidden, not read", message_zh="隐藏文件，未读取")
    regular: bool | None = None  # unknown for a broken link: reading it then says why
    try:
        if entry.is_dir(follow_symlinks=False):
            return None
        if entry.is_symlink() and entry.is_dir():
            return LoadProblem(
                message_en="a link to a folder, not followed", message_zh="指向文件夹的链接，未跟随"
            )
        regular = stat.S_ISREG(entry.stat().st_mode)  # through a link: a link to a FIFO is one
    except OSError:
        pass
    if name.startswith("~$"):
        return LoadProblem(message_en="an Office lock file", message_zh="Office临时锁定文件")
    if not name.lower().endswith(REPORT_SUFFIXES):
        return LoadProblem(
            message_en="not a report file (.json, .xlsx, .xls or .docx)",
            message_zh="不是报告文件（.json、.xlsx、.xls 或 .docx）",
        )
    if regular is False:
        return LoadProblem(message_en="not a regular file", message_zh="不是普通文件")
    return None


def check_many(
    sources: Iterable[ReportSource],
    *,
    jobs: int = 1,
    profile: RuleProfile | None = None,
    options: CheckOptions | None = None,
) -> Iterator[Envelope]:
    """Check each report of *sources* and yield its :class:`Envelope`, in input order.

    Args:
        sources: paths of report files (JSON, or ``.xlsx`` workbooks with the ``excel``
            extra) or of folders (walked in sorted order; their ``.json`` and ``.xlsx``
            files are read, other files yield a ``skipped`` envelope), or reports already
            loaded.  Read lazily, one at a time: a generator of paths is fine.
        jobs: reports checked at a time: 1 checks in this process; with more, this process
            and ``jobs - 1`` worker processes take turns, a bounded window of reports is in
            flight and the envelopes still come in input order.
        profile: the rule profile for every report; by default each report's own (chosen by
            its region and year, see :func:`~budget_perf.select_profile`).
        options: rules switched off or re-graded for the run (picklable when ``jobs > 1``).

    A file that cannot be read yields a ``failed`` envelope with the reason, and the batch
    goes on.  An error in checking (a bug) is raised when that source's envelope is due,
    after every envelope before it; with ``jobs > 1`` a script keeps its work under
    ``if __name__ == "__main__":`` (each worker imports the script's module).

    Raises:
        WorkerFailed: a worker process exited before it answered (killed, out of memory),
            or could not start.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    return run_items(expand(sources), jobs, profile, options)


def run_items(
    items: Iterator[_Item],
    jobs: int,
    profile: RuleProfile | None,
    options: CheckOptions | None,
    *,
    places: bool = False,
) -> Iterator[Envelope]:
    """Check expanded *items* in order, in this process, with *jobs* - 1 workers beside it.

    With *places*, a worker works out where each finding is before it sends the envelope back
    (for output that names them); else ``Envelope.place`` reads the report when first asked.
    """
    if jobs == 1:
        return (check_source(item, profile, options) for item in items)
    return pooled(
        items,
        jobs,
        here=functools.partial(check_source, profile=profile, options=options),
        there=functools.partial(_sent_back, profile=profile, options=options, places=places),
        local=lambda item: item.skipped is not None or item.failed is not None,
        received=_received,
    )


def _sent_back(
    item: _Item, profile: RuleProfile | None, options: CheckOptions | None, places: bool
) -> Envelope:
    """:func:`check_to_send` for the pool: a loaded report is not sent back (it is put back)."""
    return check_to_send(item, profile, options, held=item.report is not None, places=places)


def _received(item: _Item, envelope: Envelope) -> Envelope:
    """A worker's envelope, with the caller's own loaded report put back in it."""
    return envelope if item.report is None else attrs.evolve(envelope, report=item.report)
