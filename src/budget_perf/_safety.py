"""Output that cannot be turned against its reader: one place for every writer's escaping.

A unit name, an indicator or a note travels from a submitted file into a reviewer's terminal,
spreadsheet, browser or Markdown viewer.  Each of those reads some characters as commands:

- a terminal runs ESC sequences and other C0/C1 control characters (``\\x1b[2J`` clears it);
- a spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula
  (CSV/formula injection; a tab or carriage return in front does not stop it);
- a browser runs markup; a Markdown viewer reads ``|``, ``*``, ``[`` ... as structure.

Every writer of the library passes report text through the function for its medium here.

>>> escape_terminal("岳阳\\x1b[2J市")
'岳阳\\\\x1b[2J市'
>>> neutralise_formula("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> neutralise_formula("-12.5")  # a plain number is data, not a formula
'-12.5'
>>> escape_html('<b onclick="x">')
'&lt;b onclick=&quot;x&quot;&gt;'
>>> escape_markdown("a|b *c*")
'a\\\\|b \\\\*c\\\\*'
>>> shorten("x" * 500, 20)
'xxxxxxxxxxxxxxxxxxxx… (500 characters)'
"""

import html
import re

__all__ = [
    "escape_html",
    "escape_markdown",
    "escape_terminal",
    "neutralise_formula",
    "shorten",
]

# C0 controls except tab and newline, DEL, C1 controls, and the bidi overrides that reorder
# what a terminal shows (Trojan Source); lone surrogates cannot be printed at all.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_FORMULA_START = frozenset("=+-@\t\r\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*)?(\.\d+)?%?")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


def escape_terminal(text: str) -> str:
    """*text* with every control character shown as a visible escape (``\\x1b``, ``\\u202e``).

    Tab and newline are kept; everything a terminal would act on is made visible.
    """
    return _TERMINAL_UNSAFE.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def neutralise_formula(text: str) -> str:
    """*text* safe for a CSV or spreadsheet cell: a leading ``=``/``+``/``-``/``@`` is quoted.

    A cell that begins with one of them is prefixed with an apostrophe, which spreadsheets show
    as text; a plain signed number ("-12.5", "+3%") is left alone, since it cannot run.
    """
    if not text or text[0] not in _FORMULA_START:
        return text
    if text[0] in "+-" and len(text) > 1 and _PLAIN_NUMBER.fullmatch(text):
        return text
    return "'" + text


def escape_html(text: str) -> str:
    """*text* safe inside HTML element content and quoted attribute values."""
    return html.escape(text, quote=True)


def escape_markdown(text: str) -> str:
    """*text* safe inside a Markdown paragraph or table cell: structure characters escaped.

    Line breaks become spaces, so one value cannot end a table row.  Quotes are left as they
    are (they mean nothing in Markdown text, and ``&#x27;`` would have its ``#`` escaped).

    >>> escape_markdown("the table's <b>")
    "the table's &lt;b&gt;"
    """
    flat = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def shorten(text: str, limit: int = 200) -> str:
    """*text* cut to *limit* characters for a message, saying how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"
