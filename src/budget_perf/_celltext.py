"""Text normalisation and blank markers shared by the cell parsers (private).

Why not plain NFKC: it rewrites "①" to "1" and "㎡" to "m2", inventing figures in remarks.
This module maps only what the tables need:

- full-width ASCII (U+FF01–U+FF5E: "１２３．４", "％", "（", "，", "；", "～", "＞") to ASCII;
- every whitespace character except a line break (ideographic space U+3000, no-break space
  U+00A0, tabs, thin spaces) to a plain space; zero-width characters are removed;
- "≧ ⩾" to "≥", "≦ ⩽" to "≤", small percent "﹪" to "%", wave dash "〜" to "~",
  minus sign "−" to "-".

Dashes ("—", "——", "–") are left alone (NFKC leaves them too): on their own they mark a
blank cell, between two figures they mark a range.
"""

import re

from budget_perf._textcache import text_cache

__all__ = ["BLANK_MARKERS", "has_cjk", "is_blank", "normalise"]

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_OTHERS: dict[str, str | int | None] = {
    "≧": "≥",
    "⩾": "≥",
    "≦": "≤",
    "⩽": "≤",
    "﹪": "%",
    "〜": "~",
    "−": "-",
    "\u200b": None,
    "\u200c": None,
    "\u200d": None,
    "\ufeff": None,
}
_TABLE: dict[int, str | int | None] = {**_FULL_WIDTH, **str.maketrans(_OTHERS)}
_SPACES = re.compile(r"[^\S\n]+")

#: Texts that mean "nothing stated" once normalised and stripped (a run of dashes also counts:
#: "-", "—", "——", "–", "―", "--"): an empty cell, a slash and "无" (none).  A blank cell is
#: never read as zero.
BLANK_MARKERS = frozenset({"", "/", "\\", "无"})
_DASHES = re.compile(r"[-—–―─]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@text_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Map full-width forms and odd spaces to plain ASCII, then strip the ends.

    Each text is mapped once however many readers and rules ask (a pure function of a str).
    """
    return _SPACES.sub(" ", text.translate(_TABLE)).strip()


def is_blank(normalised: str) -> bool:
    """Whether a normalised cell text is a blank marker (see :data:`BLANK_MARKERS`)."""
    return normalised in BLANK_MARKERS or _DASHES.fullmatch(normalised) is not None


def has_cjk(normalised: str) -> bool:
    """Whether the text holds a Chinese character: prose rather than a malformed figure."""
    return _CJK.search(normalised) is not None
