"""Turning one raw value (CSV text, XML text, a spreadsheet cell) into a typed canonical value.

Every conversion either succeeds or says why not, in words an officer can act on; a value is never
guessed. A date that is only valid with day and month swapped is reported as such, because that is
the usual cause (a system exporting mm/dd/yyyy) and the fix is then obvious. Failures never quote
the value of a date or an identifier: the place in the file is enough to find it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime

from improvement_board.core.records.spec import CodeList, FieldSpec

Raw = str | int | float | date | None
Value = str | bool | int | float | date | None

MAX_IDENTIFIER = 100
_LIST_PREFIX = re.compile(r"^[a-z]{1,2}\)\s*", re.IGNORECASE)
_LEADING_CODE = re.compile(r"^([A-Za-z0-9]{1,5})\s*(?::|\s[-–]\s)")
_CODE_LIKE = re.compile(r"^[A-Za-z0-9*]{1,8}$")
_FORMAT_WORDS = {"%d": "dd", "%m": "mm", "%Y": "yyyy"}


@dataclass(frozen=True, slots=True)
class Bad:
    """Why a raw value could not become a canonical value."""

    rule: str
    message: str


@dataclass(frozen=True)
class Conversion:
    """What a conversion needs besides the value: formats, code lists and the collection year."""

    date_formats: tuple[str, ...]
    codes: dict[str, CodeList]
    year: int | None
    lenient: bool = False


def blank(raw: Raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def convert(raw: Raw, field: FieldSpec, conversion: Conversion) -> Value | Bad:
    """The canonical value of ``raw`` for ``field``; blank is None."""
    if blank(raw):
        return None
    if field.type == "date":
        return to_date(raw, conversion.date_formats)
    if field.type in ("number", "integer"):
        return to_number(raw, whole=field.type == "integer")
    if field.type == "code":
        return to_code(raw, conversion.codes[str(field.codes)], conversion)
    return to_text(raw)


def to_text(raw: Raw) -> str | Bad:
    """Identifiers and other text; a spreadsheet's 12345.0 is the identifier 12345."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    if len(text) > MAX_IDENTIFIER:
        return Bad("identifier", f"longer than {MAX_IDENTIFIER} characters")
    return text


def to_date(raw: Raw, formats: tuple[str, ...]) -> date | Bad:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        return Bad("date-format", f"a number where a date written {_words(formats[0])} belongs")
    text = raw.strip()
    for fmt in formats:
        parsed = _parse(text, fmt)
        if parsed is not None:
            return parsed
    return _why_not_a_date(text, formats)


def _why_not_a_date(text: str, formats: tuple[str, ...]) -> Bad:
    for fmt in formats:
        if "%d" in fmt and "%m" in fmt and _parse(text, _swap_day_month(fmt)) is not None:
            return Bad(
                "day-month-swapped",
                f"not a valid date written {_words(fmt)}, but valid with day and month swapped: "
                "check the system exports day before month",
            )
    return Bad("date-format", f"not a date written {' or '.join(_words(f) for f in formats)}")


def _parse(text: str, fmt: str) -> date | None:
    try:
        return datetime.strptime(text, fmt).date()
    except ValueError:
        return None


def _swap_day_month(fmt: str) -> str:
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def _words(fmt: str) -> str:
    for code, word in _FORMAT_WORDS.items():
        fmt = fmt.replace(code, word)
    return fmt


def to_number(raw: Raw, *, whole: bool) -> int | float | Bad:
    kind = "a whole number" if whole else "a number"
    if isinstance(raw, int | float):
        number = float(raw)
    elif isinstance(raw, str):
        try:
            number = float(raw.strip())
        except ValueError:
            return Bad("number-format", f"not {kind}")
    else:
        return Bad("number-format", f"a date where {kind} belongs")
    if not math.isfinite(number) or (whole and not number.is_integer()):
        return Bad("number-format", f"not {kind}")
    if whole and abs(number) >= 2**31:
        return Bad("number-format", f"{kind} too large to be a count")
    return int(number) if whole else number


def to_code(raw: Raw, codes: CodeList, conversion: Conversion) -> Value | Bad:
    text = str(raw.date() if isinstance(raw, datetime) else raw).strip()
    for candidate in _candidates(text, conversion.lenient):
        known, value = codes.lookup(candidate, conversion.year)
        if known:
            return value
    shown = f"{text!r} is " if _CODE_LIKE.match(text) else ""
    when = f" in {conversion.year}" if conversion.year is not None else ""
    return Bad("known-code", f"{shown}not a code of the {codes.name} list{when}")


def _candidates(text: str, lenient: bool) -> list[str]:
    """The text itself; leniently also without a list prefix ("b) ") and its leading code."""
    if not lenient:
        return [text]
    bare = _LIST_PREFIX.sub("", text).strip()
    found = [text, bare]
    leading = _LEADING_CODE.match(bare)
    if leading:
        found.append(leading.group(1))
    return found


def combine_any(values: list[Value | Bad]) -> Value | Bad:
    """A repeated element (several disabilities) is true when any one is."""
    for value in values:
        if isinstance(value, Bad):
            return value
    present = [value for value in values if value is not None]
    return any(present) if present else None
