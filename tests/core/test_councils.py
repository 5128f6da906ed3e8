"""The council register agrees with DfE's files, and a comparator group naming a council that did
not exist while the programme runs is a located error naming its successors."""

from __future__ import annotations

import csv
import datetime as dt
import textwrap

import pytest

from improvement_board.core.councils import register
from improvement_board.core.problems import ProblemsFound
from improvement_board.core.programme import parse_programme
from tests.shared import DFE, require


def test_every_council_row_in_dfes_files_is_in_the_register() -> None:
    places = register()
    seen = 0
    for name in ("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
                 "csww_indicators_2017_to_2025.csv"):  # fmt: skip
        with require(DFE / name).open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["geographic_level"] != "Local authority":
                    continue
                council = places.find(row["old_la_code"])
                assert council is not None, row["old_la_code"]
                assert places.find(row["new_la_code"]) is council
                seen += 1
    assert seen > 3000


def test_reorganisations_name_their_successors() -> None:
    places = register()
    cumbria = places.find("909")
    assert cumbria is not None and cumbria.successors == ("942", "943")
    assert cumbria.ceased == dt.date(2023, 4, 1)
    assert not cumbria.existed_on(dt.date(2023, 4, 1)) and cumbria.existed_on(dt.date(2023, 3, 31))
    northants = places.find("928")
    assert northants is not None and northants.successors == ("940", "941")
    assert places.find("E10000006") is cumbria  # by its ONS code too


PROGRAMME = """\
programme:
  key: p
  name: P
  council: Somewhere
  baseline_date: {baseline}
  target_date: {target}
  first_period: {first}
  last_period: {last}
  population: {{2006: 40000}}
  comparators:
    council: "884"
    label: Typed by hand
    members: ["893", "835", "999", "942"]
"""


def test_a_retired_code_in_a_hand_written_group_is_a_located_error() -> None:
    text = PROGRAMME.format(
        baseline="2025-03-31", target="2026-03-31", first="2025-04", last="2026-03"
    )
    with pytest.raises(ProblemsFound) as raised:
        parse_programme(text, source="plan.yaml")
    problems = {p.column: p for p in raised.value.problems}
    dorset = problems["programme.comparators.members.1"]
    assert (dorset.file, dorset.row) == ("plan.yaml", 13)
    assert dorset.message.startswith("Dorset (835) was abolished on 1 April 2019")
    assert "succeeded by Dorset (838), Bournemouth, Christchurch and Poole (839)" in dorset.message
    assert (
        "not a council in DfE's statistics" in problems["programme.comparators.members.2"].message
    )
    assert set(problems) == {"programme.comparators.members.1", "programme.comparators.members.2"}


def test_the_same_codes_are_right_for_a_programme_of_their_own_time() -> None:
    text = PROGRAMME.format(
        baseline="2006-03-31", target="2007-03-31", first="2006-04", last="2007-03"
    ).replace('"999", "942"', '"878"')
    assert parse_programme(text, source="plan.yaml").programme.comparators is not None


def test_a_group_may_be_dfes_model_instead_of_a_list() -> None:
    text = textwrap.dedent(
        PROGRAMME.format(
            baseline="2025-03-31", target="2026-03-31", first="2025-04", last="2026-03"
        )
    ).replace(
        '    label: Typed by hand\n    members: ["893", "835", "999", "942"]\n',
        "    model: dfe-2025\n",
    )
    group = parse_programme(text, source="plan.yaml").programme.comparators
    assert group is not None and (group.model, group.size) == ("dfe-2025", 10)
    assert group.name == "Statistical neighbours (DfE 2025 model)"
