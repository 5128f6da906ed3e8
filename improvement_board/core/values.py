"""One check of every value a file gives, before anything is stored.

The programme file and the monthly returns both hand their numbers, whole numbers, texts, codes
and months to these functions, so a value is held to the same rules whichever door it came in by,
and nothing is left for the database to catch (SQLite does not enforce a column's length, and a
NaN breaks its JSON check only once a save is under way). Each check returns the value (a code
normalised) or raises ``ValueProblem`` with a sentence saying what was found and what was expected.
The limits are documented in docs/programme-file.md and docs/monthly-returns.md.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Final

from improvement_board.core.periods import Period
from improvement_board.core.units import Unit, value_from_counts

LARGEST: Final = 10**15
"""No figure is larger than a million billion: money in pounds for the largest budget is far
smaller, and above 2^53 a float no longer holds every whole number."""
LARGEST_WHOLE: Final = 2**31 - 1
"""Whole numbers are stored in 32-bit integer columns on PostgreSQL (and 64-bit on SQLite)."""
LONGEST_TEXT: Final = 10_000
"""Notes, definitions and other paragraphs; the longest in the bundled files is about 600."""
LONGEST_CODE: Final = 40
CODE_CHARACTERS: Final = "Latin letters A-Z and a-z, digits 0-9, spaces and / - . _ ( )"
_CODE_PUNCTUATION: Final = frozenset(" /-._()")
LONGEST_PROGRAMME: Final = 120
"""Months from a programme's first period to its last: ten years."""
MARGIN: Final = 120
"""Months before the first period and after the last within which any other month or date of
the programme file may fall (a baseline some years before, a review after the end)."""
EARLIEST_YEAR: Final = 1900
LATEST_YEAR: Final = 2199

UNIT_WORDS: Final[dict[Unit, str]] = {
    "percent": "a percentage",
    "rate_per_10000": "a rate per 10,000 children",
    "count": "a count",
    "money": "money (pounds)",
    "number": "a number",
}

_BIDI: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_HIDDEN: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff") | _BIDI
_REFUSED_CATEGORIES: Final = frozenset({"Cc", "Cs", "Co", "Cn", "Zl", "Zp"})


class ValueProblem(ValueError):
    """A value that breaks its rule; the message says what was found and what was expected."""


def shown(number: float) -> str:
    """A number as messages quote it: ``89.5``, ``1e+400`` never ``inf``."""
    return f"{number:.10g}"


def finite(value: float) -> float:
    """Neither NaN nor infinite: a store cannot keep either, and no figure is either."""
    if math.isnan(value):
        raise ValueProblem("is not a number (NaN): give a figure, or leave it out")
    if math.isinf(value):
        raise ValueProblem("is too large to be a figure (at most 10^15 either way)")
    return value


def number(value: float) -> float:
    """A finite number no larger than ``LARGEST`` either way."""
    finite(value)
    if abs(value) > LARGEST:
        raise ValueProblem(f"{shown(value)} is too large to be a figure (at most 10^15 either way)")
    return value


def in_unit(value: float, unit: Unit) -> float:
    """A figure of this unit: percentages 0 to 100, counts and rates never negative."""
    number(value)
    if unit == "percent" and not 0 <= value <= 100:
        raise ValueProblem(f"a percentage must be between 0 and 100 (found {shown(value)})")
    if unit in ("count", "rate_per_10000") and value < 0:
        raise ValueProblem(f"{UNIT_WORDS[unit]} cannot be negative (found {shown(value)})")
    return value


def count(value: float) -> float:
    """A numerator or denominator: finite and never negative."""
    number(value)
    if value < 0:
        raise ValueProblem(f"a count cannot be negative (found {shown(value)})")
    return value


def whole(value: int, *, least: int = 0, most: int = LARGEST_WHOLE) -> int:
    """A whole number within bounds that every store can hold."""
    if not least <= value <= most:
        raise ValueProblem(f"must be a whole number from {least:,} to {most:,} (found {value:,})")
    return value


def tolerance(decimals: int) -> float:
    """How far a value may differ from its counts' value and still be the same figure rounded:
    half a unit in the last place written, and 0.05 for a rate worked out from a population
    rounded elsewhere."""
    return 0.05 + 0.5 * 10.0**-decimals


def decimals_of(value: float) -> int:
    """How many decimal places a number was written to, read from its shortest form (89.5: 1)."""
    written = repr(float(value)).lower()
    mantissa, _, exponent = written.partition("e")
    places = len(mantissa.partition(".")[2].rstrip("0")) - int(exponent or 0)
    return min(max(places, 0), 15)


def counts_disagree(
    value: float, numerator: float, denominator: float, unit: Unit, decimals: int
) -> str | None:
    """Why a value and the counts beside it cannot be the same figure, or None when they agree
    (or the unit has no ratio of counts)."""
    impossible = part_of_whole(numerator, denominator, unit) or divisible(numerator, denominator)
    if impossible is not None:
        return impossible
    derived = value_from_counts(numerator, denominator, unit)
    if derived is None or abs(value - derived) <= tolerance(decimals):
        return None
    return (
        f"the value {shown(value)} does not agree with its counts "
        f"{shown(numerator)}/{shown(denominator)}, which give {derived:.2f}; "
        "correct the value or the counts"
    )


def part_of_whole(numerator: float, denominator: float, unit: Unit) -> str | None:
    """Why a percentage's counts cannot be a part of a whole, or None."""
    if unit == "percent" and numerator > denominator:
        return (
            f"the numerator {shown(numerator)} is more than the denominator {shown(denominator)}: "
            "a percentage's numerator counts part of its denominator"
        )
    return None


def divisible(numerator: float, denominator: float) -> str | None:
    """Why counts give no value at all (some out of none), or None. 0/0 is "no figure"."""
    if denominator == 0 and numerator != 0:
        return f"the denominator is 0, so {shown(numerator)}/0 gives no value"
    return None


def digits(text: str) -> str:
    """Text that may hold a number or a month: its digits must be 0-9 (Arabic-Indic ``٣`` and
    fullwidth ``３`` are digits to Python, but no council's system writes them)."""
    odd = sorted({ch for ch in text if ch.isdigit() and not ch.isascii()})
    if odd:
        written = ", ".join(f"{ch} ({unicodedata.name(ch, 'a digit')})" for ch in odd[:3])
        raise ValueProblem(f"is written with digits other than 0-9: {written}; use 0-9")
    return text


def written_digits(value: object) -> object:
    """A value on its way to becoming a number: text must use the digits 0-9."""
    return digits(value) if isinstance(value, str) else value


def line(text: str, longest: int) -> str:
    """A name or title: one line, at most ``longest`` characters, no hidden characters."""
    _length(text, longest)
    _characters(text, allowed="")
    return text


def paragraph(text: str, longest: int = LONGEST_TEXT) -> str:
    """A note or definition: lines and tabs allowed, at most ``longest`` characters."""
    _length(text, longest)
    _characters(text, allowed="\n\r\t")
    return text


def code(text: str, longest: int = LONGEST_CODE) -> str:
    """An indicator's or a council's code, normalised with NFKC (fullwidth ``ＣＨ`` is ``CH``) and
    then held to ``CODE_CHARACTERS``: a code in look-alike letters of another script (Cyrillic
    ``СН 141``) would match nothing in any return or statistic, and must be refused, not kept."""
    normal = unicodedata.normalize("NFKC", text).strip()
    _length(normal, longest)
    strange = [ch for ch in normal if not _code_character(ch)]
    if not strange:
        return normal
    scripts = {_script(ch) for ch in normal if ch.isalpha()}
    odd = ", ".join(f"{ch} ({unicodedata.name(ch, f'U+{ord(ch):04X}')})" for ch in strange[:3])
    if len(scripts) > 1:
        mixed = " and ".join(sorted(scripts))
        raise ValueProblem(f"mixes {mixed} letters ({odd}): a code is written in {CODE_CHARACTERS}")
    raise ValueProblem(f"holds {odd}: a code is written in {CODE_CHARACTERS}")


def year(value: int) -> int:
    """A calendar year the programme file or a return may name."""
    if not EARLIEST_YEAR <= value <= LATEST_YEAR:
        raise ValueProblem(f"{value} is not a plausible year ({EARLIEST_YEAR} to {LATEST_YEAR})")
    return value


def programme_span(first: Period, last: Period) -> None:
    """A programme runs at most ``LONGEST_PROGRAMME`` months, from a plausible year."""
    year(first.year)
    months = first.months_until(last) + 1
    if months > LONGEST_PROGRAMME:
        raise ValueProblem(
            f"makes the programme {months:,} months long ({first} to {last}); "
            f"a programme runs at most {LONGEST_PROGRAMME} months (ten years)"
        )


def near_programme(period: Period, first: Period, last: Period) -> None:
    """Any other month of the programme file: within ``MARGIN`` months of its span."""
    earliest, latest = first.shift(-MARGIN), last.shift(MARGIN)
    if not earliest <= period <= latest:
        raise ValueProblem(
            f"{period} is too far from the programme ({first} to {last}): its months and dates "
            f"fall from {earliest} to {latest} (ten years either side)"
        )


def _length(text: str, longest: int) -> None:
    if len(text) > longest:
        raise ValueProblem(f"is {len(text):,} characters long; at most {longest:,} are kept")


def _characters(text: str, *, allowed: str) -> None:
    for ch in text:
        if ch in allowed:
            continue
        if ch in _HIDDEN or unicodedata.category(ch) in _REFUSED_CATEGORIES:
            what = "a line break" if ch in "\n\r" else f"the hidden character U+{ord(ch):04X}"
            where = "" if allowed else " (a name or title is one line)"
            raise ValueProblem(f"holds {what}{where}; remove it")


def _code_character(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in _CODE_PUNCTUATION)


def _script(ch: str) -> str:
    """The script a letter belongs to, as Unicode names it (LATIN, CYRILLIC, GREEK, ...)."""
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0].capitalize()
