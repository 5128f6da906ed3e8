"""Officers saving the same month's commentary at the same moment: no save fails, and no one's
words are written over unseen.

Each race runs three saves in threads, each on its own connection, in a store that commits (on
SQLite, or on PostgreSQL where DATABASE_URL names it). The saves are held until all three have
looked for the month's row, so each finds none and each tries to write the month's first
commentary: the race the one-row-a-month constraint is there to settle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from improvement_board.programmes import services
from improvement_board.programmes.models import Commentary, Indicator
from improvement_board.programmes.services import (
    NOT_YET_WRITTEN,
    CommentaryChanged,
    commentary_save,
    commentary_token,
    programme_load,
)
from tests.concurrency import hold_first_writes, race, store_file
from tests.web.factories import UserFactory

PERIOD = "2006-10"
SAVERS = 3


@pytest.fixture
def indicator(db: None, mini_programme_file: Path) -> Indicator:
    programme, _ = programme_load(path=mini_programme_file)
    return programme.indicators.get(key="referrals")


@pytest.fixture
def racing(
    transactional_db: None, tmp_path: Path, mini_programme_file: Path
) -> Iterator[Indicator]:
    """An indicator in a store that commits; on SQLite a file, as where the app runs
    (tests/concurrency.py)."""
    with store_file(tmp_path):
        programme, _ = programme_load(path=mini_programme_file)
        yield programme.indicators.get(key="referrals")


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> None:
    hold_first_writes(monkeypatch, services, SAVERS)


def _save(indicator: Indicator, number: int, seen: str | None) -> Callable[[], object]:
    user = UserFactory(role="officer")
    return lambda: commentary_save(
        indicator=indicator,
        period=PERIOD,
        analysis=f"Analysis by officer {number}.",
        action=f"Action by officer {number}.",
        user=user,
        seen=seen,
        reason="a correction",
    )


@pytest.mark.django_db(transaction=True)
def test_three_first_saves_at_once_all_succeed_and_each_is_kept_in_history(
    racing: Indicator, held: None
) -> None:
    indicator = racing
    outcomes = race([_save(indicator, n, seen=None) for n in range(SAVERS)])

    assert [type(o).__name__ for o in outcomes] == ["Commentary"] * SAVERS
    stored = Commentary.objects.get(indicator=indicator, period=PERIOD)
    assert stored.analysis in {f"Analysis by officer {n}." for n in range(SAVERS)}
    assert sorted(v.analysis for v in stored.history.all()) == [
        f"Analysis by officer {n}." for n in range(SAVERS)
    ]


@pytest.mark.django_db(transaction=True)
def test_three_people_who_opened_an_empty_month_save_at_once_one_is_kept_two_are_told(
    racing: Indicator, held: None
) -> None:
    indicator = racing
    outcomes = race([_save(indicator, n, seen=NOT_YET_WRITTEN) for n in range(SAVERS)])

    saved = [o for o in outcomes if isinstance(o, Commentary)]
    told = [o for o in outcomes if isinstance(o, CommentaryChanged)]
    assert (len(saved), len(told)) == (1, SAVERS - 1), outcomes
    stored = Commentary.objects.get(indicator=indicator, period=PERIOD)
    assert stored.analysis == saved[0].analysis
    assert stored.history.count() == 1
    for changed in told:
        assert changed.current is not None
        assert changed.current.analysis == stored.analysis


@pytest.mark.django_db
def test_a_save_over_words_changed_since_the_form_was_opened_is_refused_with_theirs(
    indicator: Indicator,
) -> None:
    first = commentary_save(
        indicator=indicator, period=PERIOD, analysis="Mine.", action="", reason="a correction"
    )
    opened = commentary_token(first)
    commentary_save(
        indicator=indicator,
        period=PERIOD,
        analysis="Theirs.",
        action="",
        seen=opened,
        reason="a correction",
    )

    with pytest.raises(CommentaryChanged) as refused:
        commentary_save(
            indicator=indicator,
            period=PERIOD,
            analysis="Late.",
            action="",
            seen=opened,
            reason="a correction",
        )

    assert refused.value.current is not None
    assert refused.value.current.analysis == "Theirs."
    assert Commentary.objects.get(indicator=indicator, period=PERIOD).analysis == "Theirs."


@pytest.mark.django_db
def test_a_save_from_the_wording_as_it_stands_replaces_it_and_keeps_the_earlier(
    indicator: Indicator,
) -> None:
    first = commentary_save(
        indicator=indicator, period=PERIOD, analysis="Before.", action="", reason="a correction"
    )
    commentary_save(
        indicator=indicator,
        period=PERIOD,
        analysis="After.",
        action="",
        seen=commentary_token(first),
        reason="a correction",
    )

    stored = Commentary.objects.get(indicator=indicator, period=PERIOD)
    assert stored.analysis == "After."
    assert [v.analysis for v in stored.history.order_by("history_date")] == ["Before.", "After."]


@pytest.mark.django_db
def test_saving_the_words_already_stored_is_no_conflict_and_no_new_version(
    indicator: Indicator,
) -> None:
    commentary_save(
        indicator=indicator, period=PERIOD, analysis="Same.", action="", reason="a correction"
    )

    again = commentary_save(
        indicator=indicator,
        period=PERIOD,
        analysis="Same.",
        action="",
        seen=NOT_YET_WRITTEN,
        reason="a correction",
    )

    assert again.analysis == "Same."
    assert again.history.count() == 1
