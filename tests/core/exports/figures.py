"""The seed programme's demo figures as the store would give them to an export."""

from __future__ import annotations

from pathlib import Path

from improvement_board.core.demo import NOTE, demo_figures
from improvement_board.core.exports.figures import StoredFigure
from improvement_board.core.programme import load_programme
from improvement_board.demo import SEED_PROGRAMME

PROGRAMME = load_programme(Path(SEED_PROGRAMME))


def stored() -> list[StoredFigure]:
    return [
        StoredFigure(
            PROGRAMME.indicator(f.indicator),
            f.period,
            f.value,
            f.numerator,
            f.denominator,
            note=NOTE,
            status="provisional",
            revision=1,
        )
        for f in demo_figures(PROGRAMME)
    ]
