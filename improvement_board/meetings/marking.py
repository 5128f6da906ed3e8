"""The protective marking each kind of output carries, from the settings.

A board pack and anything else for the board is ``BOARD_MARKING_PACK`` (OFFICIAL-SENSITIVE unless
set); an output marked for publication is ``BOARD_MARKING_PUBLISHED`` (OFFICIAL unless set).
"""

from __future__ import annotations

from django.conf import settings

from improvement_board.core.packs.render import PACK_MARKING, PUBLISHED_MARKING


def pack_marking() -> str:
    return str(getattr(settings, "BOARD_MARKING_PACK", PACK_MARKING))


def published_marking() -> str:
    return str(getattr(settings, "BOARD_MARKING_PUBLISHED", PUBLISHED_MARKING))


def marking_for(*, publish: bool) -> str:
    """A publishable output's marking, or a board pack's."""
    return published_marking() if publish else pack_marking()
