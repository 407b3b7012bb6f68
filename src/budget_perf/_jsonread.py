"""Reading a record from JSON text in one pass with the standard library's parser (private).

:func:`json_reader` gives :func:`budget_perf.serialization.from_json` its quick path when
msgspec is not installed: the records are built by the readers of :mod:`budget_perf._fastread`
as ``json.loads`` closes each object; see its description.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs

from budget_perf._fastread import Read, Unread, _Readers, reachable
from budget_perf._jsonload import MAX_DOCUMENT_SIZE, MAX_NUMBER_LENGTH, skeleton
from budget_perf._schema import REPORT_SCHEMA, SCHEMA_KEY

__all__ = ["json_reader", "text_bytes"]


def _refuse_number(_: str) -> Any:
    raise Unread  # a float, NaN or Infinity: no record reads one (the converter says so)


def _whole(literal: str) -> int:
    if len(literal) > MAX_NUMBER_LENGTH:
        raise Unread  # the converter says where it is
    return int(literal)


_BOM = "\ufeff"
_BOM_BYTES = _BOM.encode("utf-8")


def text_bytes(text: str | bytes | bytearray) -> bytes:
    """JSON *text* as UTF-8 bytes without a byte-order mark, as the strict loader takes it
    (a str, bytes or a bytearray of at most MAX_DOCUMENT_SIZE); Unread for anything else, and
    a UnicodeEncodeError for a str holding a lone surrogate."""
    if not isinstance(text, str | bytes | bytearray):
        raise Unread  # the strict loader says what it takes
    if len(text) > MAX_DOCUMENT_SIZE:
        raise Unread
    if isinstance(text, str):
        return text.removeprefix(_BOM).encode("utf-8")
    return bytes(text).removeprefix(_BOM_BYTES).removeprefix(_BOM_BYTES)


class _JsonReader:
    """:func:`json_reader`'s reader."""

    def __init__(self, slow: Callable[[Any, Any], Any], marked: type) -> None:
        self._readers = _Readers(slow, hooked=True)
        self._marked = marked
        self._tables: dict[type, dict[tuple[str, ...], Read]] = {}

    def _table(self, root: type) -> dict[tuple[str, ...], Read]:
        """The reader of each record class under *root*, by the keys (in order) that
        ``to_json`` writes for it; keys that two classes share are left out."""
        table = self._tables.get(root)
        if table is not None:
            return table
        by_keys: dict[tuple[str, ...], list[type]] = {}
        for cls in reachable(root):
            keys = tuple(field.name for field in attrs.fields(cls))
            if cls is self._marked:  # a report names its schema first (and only the current one)
                keys = (SCHEMA_KEY, *keys)
            by_keys.setdefault(keys, []).append(cls)
        table = {}
        for keys, classes in by_keys.items():
            if len(classes) == 1 and keys:
                read = self._readers.of(classes[0])
                table[keys] = self._report(read) if classes[0] is self._marked else read
        self._tables[root] = table
        return table

    @staticmethod
    def _report(read: Read) -> Read:
        def report(data: dict[str, Any]) -> Any:
            fields = data.copy()
            if fields.pop(SCHEMA_KEY) != REPORT_SCHEMA:
                raise Unread  # an older schema is migrated by the converter's path
            return read(fields)

        return report

    def __call__(self, text: str | bytes | bytearray, cls: type) -> Any:
        raw = text_bytes(text)
        body = text.removeprefix(_BOM) if isinstance(text, str) else raw.decode("utf-8")
        scanned = skeleton(raw)
        if scanned is None or scanned[1]:
            raise Unread  # maybe nested too deep, or a surrogate written as an escape
        members = scanned[0]
        table = self._table(cls)
        counted = 0

        def build(data: dict[str, Any]) -> Any:
            nonlocal counted
            counted += len(data)
            read = table.get(tuple(data))
            if read is None:
                return data
            try:
                return read(data)
            except Exception:  # its parent reads it again, if it is a record after all
                return data

        result = json.loads(
            body,
            object_hook=build,
            parse_int=_whole,
            parse_float=_refuse_number,
            parse_constant=_refuse_number,
        )
        if counted != members:
            raise Unread  # a key given twice (the parser kept the last)
        if result.__class__ is cls:
            return result
        if result.__class__ is dict and cls is not self._marked:
            return self._readers.of(cls)(result)
        raise Unread


def json_reader(
    slow: Callable[[Any, Any], Any], marked: type
) -> Callable[[str | bytes, type], Any]:
    """A quick reader of JSON text (str, or UTF-8 bytes) into a record of a given class.

    The parser (``json.loads``) hands each object to a hook as it closes it; the hook finds the
    record class by the object's keys, in the order ``to_json`` writes them (keys two classes
    share are left as a dict, for the record holding them to read), and builds the record then,
    so that no tree of dicts is built and read again.  Every object is counted too: the members
    counted must be as many as the colons outside strings (``_jsonload.skeleton``), or a key was
    given twice, which the parser does not say.

    Everything the strict loader refuses makes this reader give up (raise), for the caller to
    read the text again with the strict loader and the converter, which say what is wrong: a
    document too large, not UTF-8, maybe nested too deep, with a key given twice, a lone
    surrogate, a number too long; a float, NaN or Infinity, which no record reads; anything a
    record's reader does not take.  A report (*marked*) is read only in the current schema.
    """
    return _JsonReader(slow, marked)
