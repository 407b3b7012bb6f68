"""The envelope of one source in a batch: its file, the report read from it, its findings.

An :class:`Envelope` is what :func:`budget_perf.check_many` yields per source.  With worker
processes, envelopes cross from a worker to the caller's process; what a reviewer's batch
reads of them (the department, year and region, the findings and where each one is) travels
as it is, while the report itself travels packed, and is unpacked only if the caller asks for
it (``envelope.report``): a batch writing findings never pays for rebuilding each report.

>>> import budget_perf as bp
>>> report = bp.examples.load("yueyang-npc-2022")
>>> envelope = Envelope(source="a.json", status="checked", report=report)
>>> envelope.department, envelope.year
('岳阳市人大常委会', 2022)
>>> travelled = pack(envelope)
>>> travelled.department, travelled.report == report, travelled == envelope
('岳阳市人大常委会', True, True)
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from typing import Literal

import attrs

from budget_perf._where import place
from budget_perf._where import places as _places
from budget_perf.checks import Finding
from budget_perf.formatting import Language
from budget_perf.model import SelfEvaluation
from budget_perf.serialization import from_json

__all__ = ["Envelope", "LoadProblem", "Status", "pack"]

Status = Literal["checked", "failed", "skipped"]


@attrs.frozen(kw_only=True)
class LoadProblem:
    """Why a file was not checked, in English and Chinese."""

    message_en: str
    message_zh: str

    def message(self, language: Language = "zh") -> str:
        """The reason in *language*."""
        return self.message_zh if language == "zh" else self.message_en


class _Packed:
    """A report on its way from a worker: the JSON document it was read from (read again,
    the same way, where it is first asked for), the report pickled by the worker, or nothing
    (a report the caller holds already, put back by the caller's side).  Read once."""

    __slots__ = ("_read", "data", "json")

    def __init__(self, data: bytes, *, json: bool) -> None:
        self.data, self.json = data, json
        self._read: SelfEvaluation | None = None

    def unpack(self) -> SelfEvaluation:
        if self._read is None:
            # the JSON the worker read the report from, or its pickle, written by that worker
            report: object = (
                from_json(self.data, SelfEvaluation) if self.json else pickle.loads(self.data)
            )
            if not isinstance(report, SelfEvaluation):
                raise TypeError(f"a packed report unpacked as {type(report).__name__}")
            self._read = report
        return self._read


def _as_report(held: SelfEvaluation | _Packed | None) -> SelfEvaluation | None:
    """The report as envelopes compare and hash it (packed or not, the same report is equal)."""
    return held.unpack() if isinstance(held, _Packed) else held


@attrs.frozen(kw_only=True)
class Envelope:
    """One source's result: the file, the report read from it (or why not), its findings.

    *status* is ``checked`` (the report was read and checked), ``failed`` (it could not be
    read: *problem* says why) or ``skipped`` (not a report: a folder's other files, a JSON
    document of another kind; *problem* says which).  *cells* maps a finding's path to its
    workbook cell for a report read from a workbook.  *department*, *year* and *region* are
    the report's: taken from *report* when one is given.
    """

    source: str
    status: Status
    _report: SelfEvaluation | _Packed | None = attrs.field(
        default=None, alias="report", eq=_as_report, repr=False
    )
    findings: tuple[Finding, ...] = ()
    cells: Mapping[str, str] | None = None
    problem: LoadProblem | None = None
    #: The reporting unit's name, when the report was read.
    department: str | None = None
    #: The report's budget year, when read and stated.
    year: int | None = None
    #: The report's place (省市县 as printed), when read and stated.
    region: str | None = None
    #: Where each finding is (path → (zh, en)), worked out before the report was packed.
    _places: Mapping[str, tuple[str, str]] = attrs.field(
        factory=dict, alias="places", eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        report = self._report
        if isinstance(report, SelfEvaluation):
            region = None if report.region is None else "".join(report.region.levels()) or None
            object.__setattr__(self, "department", report.department.name)
            object.__setattr__(self, "year", report.year)
            object.__setattr__(self, "region", region)

    @property
    def report(self) -> SelfEvaluation | None:
        """The report read from the source (``None`` if it could not be read)."""
        held = self._report
        if isinstance(held, _Packed):
            held = held.unpack()
            object.__setattr__(self, "_report", held)
        return held

    def place(self, path: str, language: Language = "zh") -> str:
        """Where the figure at *path* is, as a reviewer reads it: table, row and field."""
        known = self._places.get(path)
        if known is not None:
            return known[0] if language == "zh" else known[1]
        return place(path, self.report, language)


def pack(
    envelope: Envelope,
    document: bytes | None = None,
    *,
    drop: bool = False,
    places: bool = True,
) -> Envelope:
    """*envelope* to send to another process, with *places* the place of each finding worked
    out while the report is at hand.  The report travels as *document*, the JSON it was read
    from, if given (nothing more to do here); not at all with *drop* (the receiver holds it: it
    puts it back); else pickled, once, here."""
    report = envelope._report
    if not isinstance(report, SelfEvaluation):
        return envelope
    paths = {f.path for f in envelope.findings} if places else set()
    where = {path: _places(path, report) for path in paths}  # once per path, not per finding
    travelling: _Packed | None
    if drop:
        travelling = None
    elif document is not None:
        travelling = _Packed(document, json=True)
    else:
        travelling = _Packed(pickle.dumps(report, pickle.HIGHEST_PROTOCOL), json=False)
    return attrs.evolve(envelope, report=travelling, places=where)
