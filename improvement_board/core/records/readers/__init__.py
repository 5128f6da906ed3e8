"""One reader per dataset: a file and what the caller knows of it, in; located rows, out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from improvement_board.core.records.readers.annex_a import read_annex_a
from improvement_board.core.records.readers.base import Collection, FileReading
from improvement_board.core.records.readers.cin_census import read_cin_census
from improvement_board.core.records.readers.plain_csv import read_plain
from improvement_board.core.records.readers.ssda903 import read_ssda903
from improvement_board.core.records.readers.workforce import read_workforce

Reader = Callable[[Path, Collection], FileReading]

READERS: dict[str, Reader] = {
    "cin-census": read_cin_census,
    "ssda903": read_ssda903,
    "annex-a": read_annex_a,
    "workforce": read_workforce,
    "plain": read_plain,
}
