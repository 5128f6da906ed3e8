"""Finding the indicator a return names: by key (``ch-141``), code (``CH 141``) or title.

Councils write codes as they please (``CF/C64``, ``CF/ C64``, ``cf c64``), so codes and keys are
compared without case, spaces, slashes, hyphens, dots or underscores. A name matching two
indicators is refused rather than guessed; an unknown name is answered with the close matches.
"""

from __future__ import annotations

import difflib
import re

from improvement_board.core.programme import Indicator, Programme
from improvement_board.core.returns.cells import CellError, show

_SEPARATORS = re.compile(r"[\s/\-_.]+")
_LONGEST_GUESSED = 200


def squash(written: str) -> str:
    return _SEPARATORS.sub("", written.casefold())


def _title(written: str) -> str:
    return " ".join(written.casefold().split())


class IndicatorIndex:
    """The programme's indicators, looked up by any name a return may use."""

    def __init__(self, programme: Programme) -> None:
        self._by_code: dict[str, list[Indicator]] = {}
        self._by_title: dict[str, list[Indicator]] = {}
        for indicator in programme.indicators:
            for name in {squash(indicator.key), squash(indicator.code or "")} - {""}:
                self._add(self._by_code, name, indicator)
            self._add(self._by_title, _title(indicator.title), indicator)
        self._example = next(iter(programme.indicators), None)

    @staticmethod
    def _add(table: dict[str, list[Indicator]], name: str, indicator: Indicator) -> None:
        found = table.setdefault(name, [])
        if indicator not in found:
            found.append(indicator)

    def get(self, written: str) -> Indicator | None:
        """The indicator this name means, None when it means none; ambiguity raises."""
        found = self._by_code.get(squash(written)) or self._by_title.get(_title(written)) or []
        if len(found) > 1:
            labels = ", ".join(i.label for i in found)
            raise CellError(f"{show(written)} could mean more than one indicator ({labels})")
        return found[0] if found else None

    def find(self, written: str) -> Indicator:
        """The indicator, or an error naming the nearest indicators to what was written."""
        indicator = self.get(written)
        if indicator is None:
            raise CellError(self._unknown(written))
        return indicator

    def _unknown(self, written: str) -> str:
        message = f"{show(written)} is not an indicator of this programme"
        near = self.near(written)
        if near:
            return f"{message}; did you mean {' or '.join(near)}?"
        example = self._example
        if example is None:
            return f"{message}, which has no indicators"
        such_as = f"{example.key} or {example.code}" if example.code else example.key
        return f"{message}: expected an indicator's key, code or title, such as {such_as}"

    def near(self, written: str) -> list[str]:
        """Up to three indicators whose key, code or title is close to what was written."""
        if len(written) > _LONGEST_GUESSED:
            return []
        found: list[Indicator] = []
        for table, name in ((self._by_code, squash(written)), (self._by_title, _title(written))):
            for match in difflib.get_close_matches(name, list(table), n=3, cutoff=0.6):
                found += [i for i in table[match] if i not in found]
        return [_named(i) for i in found[:3]]


def _named(indicator: Indicator) -> str:
    return f"{indicator.code} ({indicator.key})" if indicator.code else indicator.key
