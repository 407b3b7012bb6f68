"""The content types an Office package declares, read safely (private).

An Office Open XML file (.xlsx, .docx, .pptx) is a zip archive whose ``[Content_Types].xml``
says what each part holds: ``<Default Extension="xml" ContentType="..."/>`` for every part with
that extension, ``<Override PartName="/word/document.xml" ContentType="..."/>`` for one part.
The main part's content type tells a workbook from a document, whatever the file is called.
"""

from __future__ import annotations

import posixpath
import zipfile
from xml.parsers import expat

import attrs

from budget_perf._limits import MAX_TREE_PART_BYTES

__all__ = ["CONTENT_TYPES", "ContentTypes", "part_key", "read_content_types"]

CONTENT_TYPES = "[Content_Types].xml"
_NS = "http://schemas.openxmlformats.org/package/2006/content-types}"


class _Refused(Exception):
    """The part declares a DOCTYPE or is too large: not read here (its reader says why)."""


@attrs.frozen(kw_only=True)
class ContentTypes:
    """The declared content types: by lower-cased extension, and by part name (as
    :func:`part_key` writes it: no leading /, case folded)."""

    defaults: dict[str, str]
    overrides: dict[str, str]

    def of(self, part: str) -> str:
        """The content type of *part* (``word/document.xml``), ``""`` when none is declared."""
        kind = self.overrides.get(part_key(part))
        if kind is not None:
            return kind
        return self.defaults.get(part.rpartition(".")[2].lower(), "")

    def declares(self, *endings: str) -> bool:
        """Whether some part is declared with a content type ending in one of *endings*."""
        return any(kind.endswith(endings) for kind in self.overrides.values())


def part_key(name: str) -> str:
    """A part name as a package compares them: normalised, without the leading /, case folded.

    >>> part_key("/Word/./Document.xml")
    'word/document.xml'
    """
    return posixpath.normpath("/" + name).lstrip("/").casefold()


def read_content_types(archive: zipfile.ZipFile) -> ContentTypes | None:
    """The content types of *archive*; ``None`` when the part is missing, larger than
    :data:`~budget_perf._limits.MAX_TREE_PART_BYTES`, declares a DOCTYPE or is not XML."""
    try:
        info = archive.getinfo(CONTENT_TYPES)
    except KeyError:
        return None
    if info.file_size > MAX_TREE_PART_BYTES:
        return None
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}

    def refuse(*_: object) -> None:
        raise _Refused

    def start(name: str, attributes: dict[str, str]) -> None:
        kind = attributes.get("ContentType", "").strip()
        if name == _NS + "Default":
            defaults[attributes.get("Extension", "").lower()] = kind
        elif name == _NS + "Override":
            overrides[part_key(attributes.get("PartName", ""))] = kind

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    try:
        parser.Parse(archive.read(info), True)
    except (_Refused, expat.ExpatError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    except Exception:  # zlib.error and the like: a damaged part
        return None
    return ContentTypes(defaults=defaults, overrides=overrides)
