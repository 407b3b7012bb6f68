"""What the commands share: reading a report or a profile, refusing, writing safely (private).

A refusal is :class:`Refused` (exit 2): the subject it names and the reason in both languages.
"""

import codecs
import os
import stat
import sys
from collections.abc import Mapping
from typing import NoReturn, TextIO

from budget_perf import examples
from budget_perf._batch import is_office, os_problem, read_office
from budget_perf._jsonload import MAX_DOCUMENT_SIZE
from budget_perf._safety import escape_terminal
from budget_perf.errors import BudgetPerfError
from budget_perf.formatting import Language
from budget_perf.model import SelfEvaluation
from budget_perf.profiles import RuleProfile, list_profiles, load_profile, profile_from_json
from budget_perf.serialization import from_json

__all__ = [
    "DEFAULT_EXAMPLE",
    "EXAMPLE_PREFIX",
    "EXIT_CLEAN",
    "EXIT_CLOSED_PIPE",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_UNREADABLE",
    "Refused",
    "emit",
    "load",
    "load_profile_argument",
    "note",
    "os_refusal",
    "read_bytes",
    "refuse",
    "utf8",
    "write",
]

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_CLOSED_PIPE = 141

EXAMPLE_PREFIX = "example:"
DEFAULT_EXAMPLE = "yueyang-npc-2022"


class Refused(BudgetPerfError):
    """An input or output the command cannot use (exit 2); *subject* names it in the message."""

    def __init__(self, subject: str, en: str, zh: str) -> None:
        super().__init__(en, message_zh=zh)
        self.subject = subject


def refuse(subject: str, exc: BudgetPerfError) -> NoReturn:
    """Refuse *subject* with the library's message (which may already start with its name)."""
    en, zh = (exc.message(lang).removeprefix(f"{subject}: ") for lang in ("en", "zh"))
    raise Refused(subject, en, zh) from None


def os_refusal(subject: str, exc: OSError, *, writing: bool = False) -> Refused:
    """An OSError said in both languages: no such file, a folder, no permission."""
    problem = os_problem(exc, writing=writing)
    return Refused(subject, problem.message_en, problem.message_zh)


def read_bytes(argument: str) -> bytes:
    """The bytes of a file (a regular file or a pipe), or of standard input for ``-``: at most
    one byte over the JSON limit, which :func:`utf8` then refuses (an endless pipe or a huge
    file is not read whole into memory)."""
    try:
        if argument == "-":
            if sys.stdin is None:  # the command was started with standard input closed
                raise Refused(argument, "standard input is closed", "标准输入已关闭")
            return sys.stdin.buffer.read(MAX_DOCUMENT_SIZE + 1)
        if os.path.isdir(argument):
            raise Refused(argument, "is a directory, not a file", "是文件夹，不是文件")
        with open(argument, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
                raise Refused(argument, "is not a regular file", "不是普通文件")
            return handle.read(MAX_DOCUMENT_SIZE + 1)
    except OSError as exc:
        raise os_refusal(argument, exc) from None


def utf8(argument: str, data: bytes) -> str:
    """*data* as UTF-8 text without a leading byte-order mark (Windows editors write one)."""
    if len(data) > MAX_DOCUMENT_SIZE:
        raise Refused(
            argument,
            f"is larger than {MAX_DOCUMENT_SIZE:,} bytes, the limit for a JSON document",
            f"超过JSON文档的上限{MAX_DOCUMENT_SIZE:,}字节",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Refused(argument, "is UTF-16 text: save it as UTF-8", "是UTF-16编码：请另存为UTF-8")
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(
            argument,
            f"is not UTF-8 text (byte {exc.start} cannot be read)",
            f"不是UTF-8编码的文本（第{exc.start}字节无法读取）",
        ) from None


def load(argument: str, language: Language) -> tuple[SelfEvaluation, Mapping[str, str] | None]:
    """The report *argument* names and, for a workbook, each figure's cell."""
    if argument.startswith(EXAMPLE_PREFIX):
        return _example(argument.removeprefix(EXAMPLE_PREFIX)), None
    if argument != "-" and not os.path.lexists(argument):
        if argument in examples.names():
            note(
                language,
                f"{argument}: not a file, so the bundled example is read; write "
                f"{EXAMPLE_PREFIX}{argument} (a bare example name is deprecated)",
                f"{argument}：不是文件，读取内置示例；请写 {EXAMPLE_PREFIX}{argument}"
                "（直接写示例名的用法将停止支持）",
            )
            return _example(argument), None
        if os.sep in argument or "." in argument:
            raise Refused(argument, "no such file", "没有这个文件")
        bundled = ", ".join(EXAMPLE_PREFIX + name for name in examples.names())
        raise Refused(
            argument,
            f"no such file (a bundled example is written {bundled})",
            f"没有这个文件（内置示例的写法：{bundled}）",
        )
    if argument != "-" and argument.lower().endswith((".xlsx", ".xls", ".docx")):
        return _load_workbook(argument)
    data = read_bytes(argument)
    if argument != "-" and is_office(data):  # a workbook or Word file, any name
        return _load_workbook(argument)
    text = utf8(argument, data)
    try:
        return from_json(text, SelfEvaluation), None
    except BudgetPerfError as exc:
        refuse(argument, exc)


def _example(name: str) -> SelfEvaluation:
    try:
        return examples.load(name)
    except BudgetPerfError as exc:
        refuse(EXAMPLE_PREFIX + name, exc)


def _load_workbook(argument: str) -> tuple[SelfEvaluation, Mapping[str, str]]:
    """A workbook or Word document in any described layout (:func:`budget_perf.read`)."""
    if os.path.isdir(argument):
        raise Refused(argument, "is a directory, not a file", "是文件夹，不是文件")
    try:
        return read_office(argument)
    except OSError as exc:
        raise os_refusal(argument, exc) from None
    except BudgetPerfError as exc:
        refuse(argument, exc)


def load_profile_argument(key_or_path: str) -> RuleProfile:
    """The profile in the file *key_or_path* or, when there is no such file, the bundled one."""
    if not os.path.lexists(key_or_path):
        if key_or_path in list_profiles():
            return load_profile(key_or_path)
        bundled = ", ".join(list_profiles())
        raise Refused(
            key_or_path,
            f"no such profile file, and no bundled profile of that key ({bundled})",
            f"没有这个规则配置文件，也没有此名称的内置配置（{bundled}）",
        )
    text = utf8(key_or_path, read_bytes(key_or_path))
    try:
        return profile_from_json(text)
    except BudgetPerfError as exc:
        refuse(key_or_path, exc)


def write(text: str) -> None:
    """Print *text* on standard output as the terminal may show it (see the module docstring)."""
    emit(sys.stdout, escape_terminal(text) + "\n")


def emit(stream: TextIO, text: str) -> None:
    """Write *text* whole, or raise: a reader that leaves mid-way shows as BrokenPipeError.

    The bytes go to the stream's buffer in a loop, because a buffered write that a closing
    pipe cuts short returns a short count instead of raising.  A terminal that cannot show
    Chinese gets ``\\u`` escapes instead of an encoding error.
    """
    if stream is None:  # started with the stream closed: there is nobody to tell
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # an in-memory text stream
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        return
    stream.flush()
    data = memoryview(text.encode(encoding, "backslashreplace"))
    while data:
        written = buffer.write(data)
        if not written:  # only a non-blocking stream does this; a hang would be worse
            raise BlockingIOError(11, "standard output took no bytes")
        data = data[written:]
    buffer.flush()


def note(language: Language, en: str, zh: str) -> None:
    """One message on standard error, its report text made visible."""
    emit(sys.stderr, f"budget-perf: {escape_terminal(zh if language == 'zh' else en)}\n")
