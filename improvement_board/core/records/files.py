"""Opening uploaded files safely: size caps, strict UTF-8 and workbook checks before parsing.

Uploads are untrusted. A file is read only up to a size cap; text must be UTF-8 (a stray byte from
another encoding is reported with its line, never silently replaced, since a replaced character in
an identifier would make two children one); a workbook's zip directory is checked (entry count,
total and per-entry expansion) before openpyxl opens it, so a zip bomb is refused unopened.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from improvement_board.core.records.problems import RecordProblem, Where, at_file, problem

MAX_TEXT_BYTES = 512 * 1024 * 1024  # a large council's CIN census is tens of megabytes
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
MAX_WORKBOOK_ENTRIES = 1_000
MAX_WORKBOOK_EXPANDED = 512 * 1024 * 1024
MAX_EXPANSION_RATIO = 200
XML_START = (b"<", b"\xef\xbb\xbf<", b"\xff\xfe<", b"\xfe\xff\x00<")


def read_capped(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes | RecordProblem:
    """The file's bytes, or a problem when it is missing, unreadable or over ``limit``."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            return at_file(path.name, "unrecognised-file", "not a file")
        if size > limit:
            return at_file(path.name, "file-size", f"larger than {limit // 2**20} MB")
        return path.read_bytes()
    except OSError as error:
        return at_file(path.name, "unrecognised-file", f"cannot be read ({error.strerror})")


def decode_utf8(data: bytes, file: str) -> str | RecordProblem:
    """UTF-8 text (a byte-order mark is dropped); a bad byte is located by line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = (
            f"not UTF-8 text: byte 0x{data[error.start]:02X} at column {column} "
            "(save the file as UTF-8)"
        )
        return problem(Where(file, row=line), "encoding", message)


def looks_like_xml(data: bytes) -> bool:
    return data.lstrip(b" \t\r\n").startswith(XML_START)


def check_workbook(path: Path) -> RecordProblem | None:
    """None when the workbook may be opened; otherwise why it must not be."""
    try:
        if path.stat().st_size > MAX_WORKBOOK_BYTES:
            return at_file(path.name, "file-size", f"larger than {MAX_WORKBOOK_BYTES // 2**20} MB")
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        return at_file(path.name, "workbook", f"not an XLSX workbook ({type(error).__name__})")
    return _check_entries(path.name, entries)


def _check_entries(file: str, entries: list[zipfile.ZipInfo]) -> RecordProblem | None:
    if len(entries) > MAX_WORKBOOK_ENTRIES:
        return at_file(file, "workbook", f"more than {MAX_WORKBOOK_ENTRIES} parts: refused")
    if sum(entry.file_size for entry in entries) > MAX_WORKBOOK_EXPANDED:
        return at_file(file, "workbook", "expands to more than 512 MB: refused")
    for entry in entries:
        if entry.file_size > MAX_EXPANSION_RATIO * max(entry.compress_size, 1024):
            return at_file(file, "workbook", f"part {entry.filename!r} expands suspiciously")
    return None
