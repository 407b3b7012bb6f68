"""Reading a file once, and checking a zip archive from its directory alone (private).

The Word reader's first line of defence, the same as the workbook guard's
(:mod:`budget_perf.excel._guard`), without openpyxl: the file is read into memory once, at
most :data:`~budget_perf._limits.MAX_FILE_BYTES`, so that the bytes checked are the bytes read;
then the archive's directory is held to a number of parts, a total unpacked size and a
compression ratio for every large part (a zip bomb), and an encrypted part is refused.  Python's
zipfile never unpacks more than a part's stated size, so the directory's sizes are binding.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from budget_perf._fileerrors import WorkbookError
from budget_perf._limits import (
    MAX_COMPRESSION_RATIO,
    MAX_FILE_BYTES,
    MAX_MEMBERS,
    RATIO_FLOOR_BYTES,
)

__all__ = ["check_directory", "open_zip", "read_bytes"]

ZIP_MAGIC = b"PK\x03\x04"


def read_bytes(path: str | Path, error: type[WorkbookError] = WorkbookError) -> bytes:
    """The bytes of the file at *path*, refusing what cannot be read and what is larger than
    :data:`~budget_perf._limits.MAX_FILE_BYTES` (with an *error* naming the file)."""
    file = str(path)
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise error(
                    file, f"the file has {size} bytes, more than the limit of {MAX_FILE_BYTES}",
                    reason_zh=f"文件为{size}字节，超过上限{MAX_FILE_BYTES}字节",
                )  # fmt: skip
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise error(
            file, f"cannot open the file: {reason}", reason_zh=f"无法打开文件：{reason}"
        ) from None
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise error(
            file, f"the file has more than {MAX_FILE_BYTES} bytes",
            reason_zh=f"文件超过上限{MAX_FILE_BYTES}字节",
        )  # fmt: skip
    return data


def open_zip(file: str, data: bytes, error: type[WorkbookError]) -> zipfile.ZipFile:
    """*data* as a zip archive, refusing a truncated or damaged one."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        if data.startswith(ZIP_MAGIC):
            raise error(
                file, "corrupt zip archive (truncated: the archive's directory is missing)",
                reason_zh="zip压缩包已损坏（文件不完整，缺少目录）",
            ) from None  # fmt: skip
        raise error(
            file, f"corrupt zip archive ({exc})", reason_zh=f"zip压缩包已损坏（{exc}）"
        ) from None


def check_directory(
    file: str, archive: zipfile.ZipFile, *, max_unpacked: int, error: type[WorkbookError]
) -> None:
    """Refuse what the archive's directory alone shows to be too large or a zip bomb."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise error(
            file, f"the archive holds {len(infos)} parts (limit {MAX_MEMBERS})",
            reason_zh=f"压缩包含有{len(infos)}个部件，超过上限{MAX_MEMBERS}个",
        )  # fmt: skip
    total = sum(info.file_size for info in infos)
    if total > max_unpacked:
        raise error(
            file,
            f"the archive would unpack to {total} bytes, more than the limit of {max_unpacked} "
            "(a zip bomb?)",
            reason_zh=f"压缩包解压后为{total}字节，超过上限{max_unpacked}字节（zip炸弹？）",
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise error(
                file, f"the part {info.filename} is encrypted",
                reason_zh=f"部件{info.filename}已加密",
            )  # fmt: skip
        if info.file_size > RATIO_FLOOR_BYTES and (
            info.file_size > MAX_COMPRESSION_RATIO * info.compress_size
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise error(
                file,
                f"the part {info.filename} is compressed {ratio} times (from {info.file_size} "
                f"bytes), more than the limit of {MAX_COMPRESSION_RATIO} (a zip bomb?)",
                reason_zh=f"部件{info.filename}压缩比为{ratio}倍（解压后{info.file_size}字节），"
                f"超过上限{MAX_COMPRESSION_RATIO}倍（zip炸弹？）",
            )
