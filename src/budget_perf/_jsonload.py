"""Strict JSON decoding, shared by every reader of JSON in the library (private).

:func:`loads_strict` is ``json.loads`` with the traps taken out.  It refuses, with
:class:`~budget_perf.errors.InvalidDocument` naming the position or JSON path of each problem:

- text that is not UTF-8 (bytes are decoded as UTF-8; a byte-order mark at the start is dropped);
- broken JSON, trailing garbage included (``not valid JSON: Extra data (line 1, column 3)``);
- arrays and objects nested more than :data:`MAX_DEPTH` levels deep, found by a scan of the
  text before ``json.loads`` (which recurses) ever sees it;
- a document larger than :data:`MAX_DOCUMENT_SIZE` bytes or characters (a report is ~80 KB;
  a larger document would be turned into gigabytes of Python objects before any check);
- a number literal longer than :data:`MAX_NUMBER_LENGTH` characters;
- a key given twice in one object (the last would silently win);
- a lone surrogate in a key or a string, raw or written as ``\\ud800``: it is not Unicode, and
  every later attempt to print or encode it would fail.

``NaN`` and ``Infinity`` arrive as floats, which every reader refuses at their path.

>>> loads_strict(b'\\xef\\xbb\\xbf{"year": 2022}')
{'year': 2022}
>>> loads_strict('{"year": 2022, "year": 2023}')
Traceback (most recent call last):
...
budget_perf.errors.InvalidDocument: 1 problem in the document:
  - duplicate key 'year' in a JSON object @ $
>>> loads_strict('[' * 100_000)
Traceback (most recent call last):
...
budget_perf.errors.InvalidDocument: 1 problem in the document:
  - nested deeper than 64 levels of arrays and objects (line 1, column 65)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from budget_perf._safety import escape_terminal, shorten
from budget_perf.errors import InvalidDocument

__all__ = [
    "DECIMAL_TEXT",
    "MAX_DEPTH",
    "MAX_DOCUMENT_SIZE",
    "MAX_NUMBER_LENGTH",
    "key_text",
    "loads_strict",
    "lone_surrogate",
    "skeleton",
]

#: What a Decimal looks like in the library's JSON: ASCII digits, an optional sign and decimal
#: point; no spaces, exponents, separators or full-width digits, which would be silently coerced.
#: Both readers of a document (the converter and its quick path) hold figures to it.
DECIMAL_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)
#: A document may have this many bytes (or characters, for a str): about 800 reports' worth.
MAX_DOCUMENT_SIZE = 64 * 1024 * 1024
#: Arrays and objects may nest this many levels deep (a report needs about a dozen).
MAX_DEPTH = 64
#: A number literal may have this many characters (an amount needs fewer than twenty).
MAX_NUMBER_LENGTH = 100
#: The walk that names the paths of problems stops after this many.
_MAX_PROBLEMS = 100

_BOM = "\ufeff"
_BOM_BYTES = _BOM.encode("utf-8")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = bytes(sorted(set(range(256)) - set(b"[]{}")))
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
#: Every byte but a quote and a bracket (UTF-8 never has them inside a character).
_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_NOT_STRUCTURE = bytes(sorted(set(range(256)) - set(b'"[]{}')))
_NOT_SKELETON = bytes(sorted(set(range(256)) - set(b'"[]{}:')))
_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")

#: Chinese for the messages of json.JSONDecodeError.
_JSON_ERRORS_ZH = {
    "Expecting value": "此处应为一个值",
    "Expecting property name enclosed in double quotes": "此处应为用双引号括起的键名",
    "Expecting ':' delimiter": "此处应为冒号",
    "Expecting ',' delimiter": "此处应为逗号",
    "Unterminated string starting at": "字符串没有结束",
    "Invalid control character at": "字符串中有未转义的控制字符",
    "Invalid \\escape": "无效的转义",
    "Invalid \\uXXXX escape": "无效的 \\uXXXX 转义",
    "Extra data": "JSON 之后还有多余内容",
}


class _LongNumber:
    """Stands in for a number literal over the length limit until the walk names its path."""

    __slots__ = ("length",)

    def __init__(self, length: int) -> None:
        self.length = length


def lone_surrogate(text: str) -> int | None:
    """The index of the first lone surrogate in *text*, or None if it is valid Unicode.

    >>> lone_surrogate("岳阳"), lone_surrogate("岳\\ud800阳")
    (None, 1)
    """
    match = _SURROGATE.search(text)
    return None if match is None else match.start()


def key_text(key: str, limit: int = 60) -> str:
    """A key or name as a message shows it: shortened, with unprintable characters escaped.

    >>> key_text("colour"), key_text("\\ud800")
    ('colour', '\\\\ud800')
    """
    return escape_terminal(shorten(key, limit))


def loads_strict(text: str | bytes, *, parse_float: Callable[[str], Any] | None = None) -> Any:
    """Decode JSON *text* (a str, or UTF-8 bytes) into plain data, refusing what is unsafe.

    *parse_float* is handed to :func:`json.loads` (floats by default).

    Raises:
        InvalidDocument: for every refusal listed in the module's description, each problem
            with its position (line, column) or JSON path.
        TypeError: *text* is neither str nor bytes.
    """
    if not isinstance(text, str | bytes | bytearray):
        raise TypeError(f"JSON text must be str or bytes, not {type(text).__name__}")
    if len(text) > MAX_DOCUMENT_SIZE:
        size = f"{len(text):,}"
        kind = "characters" if isinstance(text, str) else "bytes"
        raise InvalidDocument(
            [f"the document has {size} {kind}, over the limit of {MAX_DOCUMENT_SIZE:,}"],
            problems_zh=[f"文档大小为 {size}，超过上限 {MAX_DOCUMENT_SIZE:,}"],
        )
    raw: bytes | None = None
    if isinstance(text, bytes | bytearray):
        raw = bytes(text).removeprefix(_BOM_BYTES)
        text = _decode(raw)  # UTF-8 cannot hold a surrogate: none is left raw in the text
    text = text.removeprefix(_BOM)
    if not _surely_shallow(text, raw):
        _check_depth(text)  # the exact scan, which names where the nesting goes too deep
    duplicates: list[tuple[dict[str, Any], list[str]]] = []
    long_numbers = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) < len(items):
            counts = Counter(key for key, _ in items)
            duplicates.append((result, [key for key, n in counts.items() if n > 1]))
        return result

    def number(parse: Callable[[str], Any]) -> Callable[[str], Any]:
        def checked(literal: str) -> Any:
            nonlocal long_numbers
            if len(literal) > MAX_NUMBER_LENGTH:
                long_numbers = True
                return _LongNumber(len(literal))
            return parse(literal)

        return checked

    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_int=number(int),
            parse_float=number(parse_float or float),
        )
    except json.JSONDecodeError as exc:
        _check_depth(text)  # too deep is said first, as when the exact scan ran before
        zh = _JSON_ERRORS_ZH.get(exc.msg, exc.msg)
        raise InvalidDocument(
            [f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"],
            problems_zh=[f"不是有效的 JSON：{zh}（第 {exc.lineno} 行第 {exc.colno} 列）"],
        ) from None
    except RecursionError:  # pragma: no cover - the depth scans come first
        _check_depth(text)
        raise _too_deep(1, 1) from None
    raw_surrogate = raw is None and _SURROGATE.search(text)
    suspect = raw_surrogate or ("\\u" in text and _SURROGATE_ESCAPE.search(text))
    if duplicates or long_numbers or suspect:
        _refuse_parts(data, {id(d): keys for d, keys in duplicates})
    return data


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
        line = data.count(b"\n", 0, offset) + 1
        byte = data[offset]
        raise InvalidDocument(
            [f"not valid UTF-8: byte 0x{byte:02x} at offset {offset} (line {line})"],
            problems_zh=[
                f"不是有效的 UTF-8 编码：第 {line} 行，偏移 {offset} 处的字节 0x{byte:02x}"
            ],
        ) from None


def _surely_shallow(text: str, data: bytes | None) -> bool:
    """Whether *text* (UTF-8 bytes *data*, if at hand) nests at most MAX_DEPTH deep: a quick scan.

    Escapes are dropped (a backslash and what it escapes), then all but quotes and brackets,
    then the strings (every other piece between quotes, once adjacent quotes are dropped: an
    empty string, or two strings run together); the brackets left are the structure.  For valid
    JSON this is the exact depth; for text that is not, the caller runs the exact scan
    (:func:`_check_depth`) before saying so.
    """
    if data is None:
        if text.count("[") + text.count("{") <= MAX_DEPTH:
            return True
        data = text.encode("utf-8", "surrogatepass")
    if b"\\" in data:
        data = _ESCAPE.sub(b"", data)
    kept = data.translate(None, _NOT_STRUCTURE)
    if kept.count(b"[") + kept.count(b"{") <= MAX_DEPTH:
        return True
    pieces = kept.replace(b'""', b"").split(b'"')
    if len(pieces) % 2 == 0:  # an odd number of quotes: a string without its end
        return False
    brackets = b"".join(pieces[::2]).translate(_STEPS)
    return max(accumulate(memoryview(brackets).cast("b")), default=0) <= MAX_DEPTH


def skeleton(data: bytes) -> tuple[int, bool] | None:
    """For the JSON text *data* (UTF-8): how many members its objects have in all, and whether
    it may hold a surrogate written as an escape (``\\ud800``); None if its arrays and objects
    may nest deeper than MAX_DEPTH.

    The members are the colons outside strings, found as :func:`_surely_shallow` finds the
    brackets: the escaped quotes and backslashes dropped (what is left of any other escape is
    no quote, bracket or colon), then all but quotes, brackets and colons, then every pair of
    adjacent quotes (which keeps every other character inside or outside its string), then the
    strings.  The figures are exact for valid JSON; for text that is not they mean nothing, and
    the caller relies on them only once the text has parsed.

    >>> skeleton(b'{"a": {"b:": "[\\\\"", "c": [1, {}]}}'), skeleton(b'["\\\\udc00"]')
    ((3, False), (0, True))
    >>> skeleton(b"[" * 65) is None
    True
    """
    escapes = data.count(b"\\")
    surrogate = False
    if escapes > _MAX_ESCAPES_SEEN:  # many: C-speed passes
        surrogate = _SURROGATE_ESCAPE_BYTES.search(data) is not None
        data = _ESCAPE.sub(b"", data)
    elif escapes:
        data, surrogate = _without_escapes(data)
    kept = data.translate(None, _NOT_SKELETON).replace(b'""', b"")
    if b'"' in kept:
        pieces = kept.split(b'"')
        if len(pieces) % 2 == 0:  # an odd number of quotes: a string without its end
            return None
        kept = b"".join(pieces[::2])
    brackets = kept.translate(None, b":")
    if brackets.count(b"[") + brackets.count(b"{") > MAX_DEPTH:
        steps = memoryview(brackets.translate(_STEPS)).cast("b")
        if max(accumulate(steps), default=0) > MAX_DEPTH:
            return None
    return len(kept) - len(brackets), surrogate


#: Up to this many backslashes, :func:`skeleton` reads each escape in Python.
_MAX_ESCAPES_SEEN = 200


def _without_escapes(data: bytes) -> tuple[bytes, bool]:
    """*data* without its escaped quotes and backslashes, and whether it may hold an escaped
    surrogate: a few escapes (``\\n`` in a text) are read one by one, without a copy of *data*
    unless one of them is a quote or a backslash."""
    cut: list[int] = []
    surrogate = False
    at = data.find(b"\\")
    while at >= 0:
        escaped = data[at + 1 : at + 2]
        if escaped in (b'"', b"\\"):
            cut.append(at)
        elif escaped == b"u" and data[at + 2 : at + 3] in (b"d", b"D"):
            surrogate = surrogate or data[at + 3 : at + 4] in _SURROGATE_SECOND
        at = data.find(b"\\", at + 2)
    if not cut:
        return data, surrogate
    parts, start = [], 0
    for at in cut:
        parts.append(data[start:at])
        start = at + 2
    parts.append(data[start:])
    return b"".join(parts), surrogate


_SURROGATE_SECOND = tuple(bytes([c]) for c in b"89abcdefABCDEF")


def _check_depth(text: str) -> None:
    """Refuse *text* if its arrays and objects nest deeper than MAX_DEPTH, without recursion."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    outside = _STRING.sub("", text).encode("utf-8", "surrogatepass")
    steps = memoryview(outside.translate(_STEPS, _NOT_BRACKET)).cast("b")
    if max(accumulate(steps), default=0) <= MAX_DEPTH:
        return
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                start = match.start()
                line = text.count("\n", 0, start) + 1
                raise _too_deep(line, start - text.rfind("\n", 0, start))
        elif token in "]}":
            depth -= 1
    raise _too_deep(1, 1)  # pragma: no cover - the scan above finds it


def _too_deep(line: int, column: int) -> InvalidDocument:
    where = f"line {line}, column {column}"
    return InvalidDocument(
        [f"nested deeper than {MAX_DEPTH} levels of arrays and objects ({where})"],
        problems_zh=[f"数组和对象嵌套超过 {MAX_DEPTH} 层（第 {line} 行第 {column} 列）"],
    )


def _refuse_parts(data: Any, duplicates: dict[int, list[str]]) -> None:
    """Walk *data* (without recursion) and refuse duplicate keys, surrogates and long numbers."""
    problems: list[tuple[str, str]] = []
    stack: list[tuple[Any, str]] = [(data, "$")]
    while stack and len(problems) < _MAX_PROBLEMS:
        value, path = stack.pop()
        if isinstance(value, dict):
            for key in duplicates.get(id(value), ()):
                shown = repr(key_text(key))
                problems.append(
                    (
                        f"duplicate key {shown} in a JSON object @ {path}",
                        f"JSON 对象中的键 {shown} 出现了不止一次 @ {path}",
                    )
                )
            children = []
            for key, item in value.items():
                at = lone_surrogate(key)
                if at is not None:
                    problems.append(_surrogate_problem("a key", "键名", key, at, path))
                children.append((item, _child(path, key)))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(reversed([(item, f"{path}[{i}]") for i, item in enumerate(value)]))
        elif isinstance(value, str):
            at = lone_surrogate(value)
            if at is not None:
                problems.append(_surrogate_problem("the text", "文本", value, at, path))
        elif isinstance(value, _LongNumber):
            size, limit = value.length, MAX_NUMBER_LENGTH
            en = f"a number of {size} characters, over the limit of {limit} @ {path}"
            zh = f"数字长达 {size} 个字符，超过 {limit} 个字符的上限 @ {path}"
            problems.append((en, zh))
    if problems:
        raise InvalidDocument([en for en, _ in problems], problems_zh=[zh for _, zh in problems])


def _child(path: str, key: str) -> str:
    shown = key_text(key)
    return f"{path}.{shown}" if shown.isidentifier() else f"{path}[{shown!r}]"


def _surrogate_problem(what: str, what_zh: str, text: str, at: int, path: str) -> tuple[str, str]:
    code, place = f"\\u{ord(text[at]):04x}", at + 1
    en = f"{what} has a lone surrogate {code} at character {place}, which is not valid Unicode"
    zh = f"{what_zh}在第 {place} 个字符处含有孤立的代理码位 {code}，不是有效的 Unicode"
    return (f"{en} and cannot be written or shown @ {path}", f"{zh}，无法保存或显示 @ {path}")
