"""The programme file holds against careless and hostile values: every one is checked in the core
before anything is stored, and refused with its line and field, never a traceback.

Each case is one that was accepted (or crashed on saving) before: NaN and infinite figures,
whole numbers too large for the store, population 0, counts that cannot make their value, codes
in look-alike letters, a megabyte name, control characters, a programme ten thousand years long.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.programme import Programme, load_programme, parse_programme

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINI = (FIXTURES / "mini-programme.yaml").read_text(encoding="utf-8")
ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "improvement_board" / "data" / "herefordshire-2006.yaml"
EXAMPLE = ROOT / "examples" / "intervention-2025-26.yaml"


def changed(old: str, new: str) -> str:
    assert MINI.count(old) == 1, old
    return MINI.replace(old, new)


def problems_in(text: str) -> list[Problem]:
    with pytest.raises(ProblemsFound) as raised:
        parse_programme(text, source="programme.yaml")
    problems = raised.value.problems
    assert all(p.file == "programme.yaml" for p in problems)
    return problems


def only_problem(text: str) -> Problem:
    problems = problems_in(text)
    assert len(problems) == 1, problems
    return problems[0]


def line_of(text: str, snippet: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if snippet in line)


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf", "1e400", "1.0e+400"])
def test_a_baseline_that_is_not_a_finite_number_is_refused_at_its_field(written: str) -> None:
    text = changed("baseline: {value: 175}", f"baseline: {{value: {written}}}")
    problem = only_problem(text)
    assert (problem.row, problem.column) == (
        line_of(text, "baseline: {value: "),
        "indicators.0.baseline.value",
    )
    assert "not a number" in problem.message or "too large" in problem.message


def test_a_target_larger_than_a_million_billion_is_refused() -> None:
    problem = only_problem(changed("target: {value: 220}", "target: {value: 1.0e+16}"))
    assert problem.column == "indicators.0.target.value"
    assert "too large to be a figure" in problem.message


def test_review_days_too_large_for_the_store_is_refused_not_an_overflow() -> None:
    too_many = "  review_days: 99999999999999999999\n"
    text = changed("  synthetic: true\n", "  synthetic: true\n" + too_many)
    problem = only_problem(text)
    assert problem.column == "programme.review_days"
    assert "3653" in problem.message


def test_a_whole_number_beyond_the_stores_integer_columns_is_refused() -> None:
    text = MINI + "evidence_items:\n  - {number: 99999999999, area: Performance, title: Reports}\n"
    problem = only_problem(text)
    assert problem.column == "evidence_items.0.number"
    assert "2,147,483,647" in problem.message


@pytest.mark.parametrize("population", ["{2006: 0, 2007: 40000}", "{2006: -5, 2007: 40000}"])
def test_a_population_of_none_or_fewer_is_refused(population: str) -> None:
    problem = only_problem(changed("{2006: 40000, 2007: 40000}", population))
    assert problem.column == "programme.population.2006"
    assert "greater than 0" in problem.message


def test_baseline_counts_that_cannot_make_their_value_are_refused() -> None:
    text = changed("numerator: 19, denominator: 20", "numerator: 99999, denominator: 20")
    problem = only_problem(text)
    assert problem.column == "indicators.1.baseline.numerator"
    assert "numerator 99999 is more than the denominator 20" in problem.message


def test_baseline_counts_far_from_their_value_are_refused_unless_written_so() -> None:
    text = changed(
        'numerator: 19, denominator: 20, text: "89.5% (19/20)"', "numerator: 15, denominator: 20"
    )
    problem = only_problem(text)
    assert "does not agree with its counts 15/20, which give 75.00" in problem.message


def test_a_plan_that_disagrees_with_itself_is_kept_as_written() -> None:
    """The seed's own "89.5% (19/20)": 19 of 20 is 95%, and both are kept as the plan wrote."""
    programme = parse_programme(MINI, source="programme.yaml")
    baseline = programme.indicator("leavers").baseline
    assert (baseline.value, baseline.numerator, baseline.denominator) == (89.5, 19, 20)


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        ("target: {value: 100}", "target: {value: 150}", "indicators.1.target.value"),
        ("target: {value: 40}", "target: {value: -4}", "indicators.2.target.value"),
        ("baseline: {value: 175}", "baseline: {value: -1}", "indicators.0.baseline.value"),
    ],
)
def test_a_figure_outside_its_indicators_unit_is_refused(old: str, new: str, column: str) -> None:
    assert only_problem(changed(old, new)).column == column


def test_a_code_in_cyrillic_look_alikes_is_refused() -> None:
    problem = only_problem(changed("code: CH 141", "code: СН 141"))
    assert problem.column == "indicators.0.code"
    assert "CYRILLIC" in problem.message and "Latin letters A-Z" in problem.message


@pytest.mark.parametrize(
    ("members", "message"),
    [('["865", "８６０"]', "write '860'"), ('["865", "Е06000019"]', "CYRILLIC")],
)
def test_a_comparator_code_in_other_characters_is_refused(members: str, message: str) -> None:
    group = f'  comparators: {{council: "884", members: {members}}}\n'
    found = problems_in(changed("  synthetic: true\n", "  synthetic: true\n" + group))
    assert {p.column for p in found} == {"programme.comparators.members.1"}
    assert any(message in p.message for p in found)


def test_a_code_in_fullwidth_letters_is_normalised() -> None:
    programme = parse_programme(changed("code: CH 141", "code: ＣＨ 141"), source="p.yaml")
    assert programme.indicators[0].code == "CH 141"


def test_a_megabyte_name_is_refused_by_its_length_and_the_message_stays_short() -> None:
    name = "name: Mini improvement programme (test)"
    problem = only_problem(changed(name, "name: " + "x" * 2**20))
    assert problem.column == "programme.name"
    assert "1,048,576 characters long; at most 300" in problem.message
    assert len(problem.message) < 200


@pytest.mark.parametrize("hidden", ["\\x07", "\\x1b", "\\u202e", "\\n"])
def test_control_characters_in_a_name_are_refused(hidden: str) -> None:
    text = changed("council: Testshire", f'council: "Test{hidden}shire"')
    problem = only_problem(text)
    assert (problem.column, problem.row) == ("programme.council", line_of(text, "council: "))
    assert "holds" in problem.message


def test_a_last_period_thousands_of_years_away_is_refused() -> None:
    problem = only_problem(changed("last_period: 2007-03", "last_period: 9999-12"))
    assert problem.column == "programme.last_period"
    assert "95,925 months long" in problem.message and "at most 120 months" in problem.message


def test_a_month_far_outside_the_programme_is_refused() -> None:
    text = changed("baseline: {value: 175}", "baseline: {value: 175, period: 2106-03}")
    problem = only_problem(text)
    assert problem.column == "indicators.0.baseline.period"
    assert "too far from the programme" in problem.message


def test_a_date_far_outside_the_programme_is_refused() -> None:
    problem = only_problem(changed("review_date: 2006-12-01", "review_date: 9999-12-01"))
    assert problem.column == "risks.0.review_date"


@pytest.mark.parametrize("month", ["٢٠٠٧-٠٣", "２００７-０３"])
def test_a_month_written_in_other_digits_is_refused(month: str) -> None:
    problem = only_problem(changed("last_period: 2007-03", f"last_period: {month}"))
    assert problem.column == "programme.last_period"
    assert "digits other than 0-9" in problem.message


def test_a_recommendation_number_in_other_digits_is_refused() -> None:
    problem = only_problem(changed('{number: "1", title: Safeguarding}', '{number: "١", title: S}'))
    assert problem.column == "recommendations.0.number"


def test_a_file_larger_than_the_limit_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    from improvement_board.core.programme import LARGEST_FILE

    path = tmp_path / "huge.yaml"
    path.write_text(MINI + "#" * LARGEST_FILE, encoding="utf-8")
    with pytest.raises(ProblemsFound) as raised:
        load_programme(path)
    (problem,) = raised.value.problems
    assert problem.file == str(path) and "a programme file may be at most" in problem.message


@pytest.mark.parametrize("path", [SEED, EXAMPLE, FIXTURES / "mini-programme.yaml"])
def test_the_bundled_programmes_still_load(path: Path) -> None:
    assert isinstance(load_programme(path), Programme)
