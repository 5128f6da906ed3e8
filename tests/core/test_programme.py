"""Loading a programme file: a good file becomes a Programme; a bad one gives every problem at once.

Each problem names the file, the line and the field, so an officer can fix them all in one pass.
The reference in docs/programme-file.md documents every field the model accepts.
"""

from __future__ import annotations

import re
import textwrap
import types
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel

from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.programme import (
    Programme,
    check_data,
    load_programme,
    parse_programme,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "programme-file.md"

VALID = """\
programme:
  key: demo-2006
  name: Demo improvement programme
  council: Demoshire
  baseline_date: 2006-03-31
  target_date: 2007-03-31
  first_period: 2006-04
  last_period: 2007-03
  population: {2006: 36000, 2007: 36000}
recommendations:
  - {number: "1", title: Safeguarding outcomes}
  - {number: "6(2)", title: CAF}
indicators:
  - key: ia-in-7-days
    title: "% of initial assessments within 7 working days"
    unit: percent
    polarity: higher
    baseline: {value: 70.1, period: 2006-03}
    target: {value: 75}
    recommendations: ["1"]
actions:
  - key: caf-evaluation
    title: Evaluate the CAF pilots
    recommendations: ["6(2)"]
    due: 2007-01-31
    milestones:
      - {key: report, title: Evaluation to the board, due: 2007-01-31}
evidence_items:
  - {number: 1, area: Performance management, title: IPC reports}
success_criteria:
  - {number: 1, title: Actions completed on time, evidence_items: [1]}
meetings:
  - period: 2006-09
    reports:
      - {key: safeguarding, title: Safeguarding outcomes, recommendations: ["1"]}
risks:
  - {key: vacancies, title: Vacancies stay high, likelihood: 4, impact: 4}
"""


def problems_in(text: str) -> list[Problem]:
    with pytest.raises(ProblemsFound) as raised:
        parse_programme(textwrap.dedent(text), source="programme.yaml")
    return raised.value.problems


def located(problems: list[Problem]) -> set[tuple[int | None, str | None]]:
    return {(problem.row, problem.column) for problem in problems}


def lines_of(text: str, snippet: str) -> list[int]:
    """The 1-based numbers of the lines of ``text`` that contain ``snippet``."""
    return [n for n, line in enumerate(textwrap.dedent(text).splitlines(), 1) if snippet in line]


def line_of(text: str, snippet: str) -> int:
    """The 1-based number of the one line of ``text`` that contains ``snippet``."""
    [line] = lines_of(text, snippet)
    return line


def test_a_valid_file_loads_as_a_programme(tmp_path):
    path = tmp_path / "programme.yaml"
    path.write_text(VALID, encoding="utf-8")
    programme = load_programme(path)
    assert programme.programme.baseline_date == date(2006, 3, 31)
    assert programme.indicator("ia-in-7-days").target.value == 75
    assert [str(p) for p in programme.periods][:2] == ["2006-04", "2006-05"]
    assert len(programme.periods) == 12


def test_an_indicator_without_a_tolerance_has_none_of_its_own():
    programme = parse_programme(VALID, source="programme.yaml")
    assert programme.indicator("ia-in-7-days").tolerance is None
    assert programme.programme.default_tolerance.kind == "points"


SCHEMA_PROBLEMS = """\
programme:
  key: demo-2006
  name: Demo improvement programme
  council: Demoshire
  baseline_date: 2006-03-31
  target_date: 2007-03-31
  first_period: 2006-13
  last_period: 2007-03
  population: {2006: 36000}
indicators:
  - key: ia-in-7-days
    title: Initial assessments within 7 working days
    unit: percent
    polarity: higher
    tolerence: {value: 2}
    baseline: {value: 70.1}
    target: {value: seventy-five}
  - key: core-in-35-days
    title: Core assessments within 35 working days
    polarity: sideways
    baseline: {value: 76}
    target: {value: 80}
risks:
  - key: vacancies
    title: Vacancies stay high
    likelihood: high
    impact: 9
"""


def test_every_schema_problem_is_reported_at_once_with_its_line_and_field():
    problems = problems_in(SCHEMA_PROBLEMS)
    assert located(problems) == {
        (line_of(SCHEMA_PROBLEMS, "first_period:"), "programme.first_period"),
        (line_of(SCHEMA_PROBLEMS, "tolerence:"), "indicators.0.tolerence"),
        (line_of(SCHEMA_PROBLEMS, "seventy-five"), "indicators.0.target.value"),
        (line_of(SCHEMA_PROBLEMS, "key: core-in-35-days"), "indicators.1.unit"),
        (line_of(SCHEMA_PROBLEMS, "sideways"), "indicators.1.polarity"),
        (line_of(SCHEMA_PROBLEMS, "likelihood:"), "risks.0.likelihood"),
        (line_of(SCHEMA_PROBLEMS, "impact:"), "risks.0.impact"),
    }
    assert all(problem.file == "programme.yaml" for problem in problems)


def test_a_schema_problem_says_what_was_found():
    messages = {p.column: p.message for p in problems_in(SCHEMA_PROBLEMS)}
    assert "'2006-13'" in messages["programme.first_period"]
    assert "'seventy-five'" in messages["indicators.0.target.value"]
    assert "'sideways'" in messages["indicators.1.polarity"]
    assert "required" in messages["indicators.1.unit"].lower()


def test_an_unknown_key_is_refused_and_points_to_the_reference():
    messages = {p.column: p.message for p in problems_in(SCHEMA_PROBLEMS)}
    assert "not a field here" in messages["indicators.0.tolerence"]
    assert "docs/programme-file.md" in messages["indicators.0.tolerence"]


def test_a_missing_programme_field_is_reported_at_the_programme_line():
    text = VALID.replace("  council: Demoshire\n", "")
    assert located(problems_in(text)) == {(1, "programme.council")}


def test_a_band_target_without_its_bounds_is_reported_at_the_target():
    text = VALID.replace("target: {value: 75}", "target: {value: 75, qualifier: band, low: 70}")
    assert located(problems_in(text)) == {(line_of(text, "qualifier: band"), "indicators.0.target")}


REFERENCE_PROBLEMS = """\
programme:
  key: demo-2006
  name: Demo improvement programme
  council: Demoshire
  baseline_date: 2007-03-31
  target_date: 2006-03-31
  first_period: 2007-03
  last_period: 2006-04
  population: {2006: 36000}
recommendations:
  - {number: "1", title: Safeguarding outcomes}
  - {number: "1", title: Safeguarding outcomes again}
indicators:
  - key: ia-in-7-days
    title: Initial assessments within 7 working days
    unit: percent
    polarity: higher
    baseline: {value: 70.1}
    target: {value: 75}
    recommendations: ["1", "17"]
  - key: ia-in-7-days
    title: The same key again
    unit: percent
    polarity: higher
    baseline: {value: 76}
    target: {value: 80}
actions:
  - key: caf-evaluation
    title: Evaluate the CAF pilots
    milestones:
      - {key: trained, title: Staff trained, due: 2007-03-31, indicator: caf-trained}
success_criteria:
  - {number: 1, title: Actions completed on time, evidence_items: [3]}
meetings:
  - period: 2006-09
  - period: 2006-09
risks:
  - {key: vacancies, title: Vacancies, likelihood: 4, impact: 4, recommendations: ["12(5)"]}
"""


def test_every_cross_reference_problem_is_reported_at_once_with_its_line_and_field():
    problems = problems_in(REFERENCE_PROBLEMS)
    second_meeting = lines_of(REFERENCE_PROBLEMS, "period: 2006-09")[1]
    second_indicator = lines_of(REFERENCE_PROBLEMS, "key: ia-in-7-days")[1]
    assert located(problems) == {
        (line_of(REFERENCE_PROBLEMS, "target_date:"), "programme.target_date"),
        (line_of(REFERENCE_PROBLEMS, "last_period:"), "programme.last_period"),
        (line_of(REFERENCE_PROBLEMS, "again}"), "recommendations.1.number"),
        (line_of(REFERENCE_PROBLEMS, '"17"'), "indicators.0.recommendations.1"),
        (second_indicator, "indicators.1.key"),
        (line_of(REFERENCE_PROBLEMS, "caf-trained"), "actions.0.milestones.0.indicator"),
        (line_of(REFERENCE_PROBLEMS, "[3]"), "success_criteria.0.evidence_items.0"),
        (second_meeting, "meetings.1.period"),
        (line_of(REFERENCE_PROBLEMS, "12(5)"), "risks.0.recommendations.0"),
    }


def test_a_cross_reference_problem_names_what_is_missing_or_repeated():
    messages = {p.column: p.message for p in problems_in(REFERENCE_PROBLEMS)}
    assert "'17'" in messages["indicators.0.recommendations.1"]
    assert "'ia-in-7-days' is used twice" in messages["indicators.1.key"]
    assert "'caf-trained'" in messages["actions.0.milestones.0.indicator"]
    assert "evidence item 3" in messages["success_criteria.0.evidence_items.0"]
    assert "'2006-09' is used twice" in messages["meetings.1.period"]


def test_schema_and_cross_reference_problems_are_reported_together():
    text = (
        VALID.replace("likelihood: 4, impact: 4}", "likelihood: 9, impact: 4}")
        .replace('recommendations: ["1"]\nactions:', 'recommendations: ["17"]\nactions:')
        .replace("  - period: 2006-09\n", "  - period: 2006-09\n  - period: 2006-09\n", 1)
    )
    problems = problems_in(text)
    assert located(problems) == {
        (line_of(text, "likelihood: 9"), "risks.0.likelihood"),
        (line_of(text, '["17"]'), "indicators.0.recommendations.0"),
        (lines_of(text, "period: 2006-09")[1], "meetings.1.period"),
    }


def test_a_section_with_schema_problems_is_not_also_blamed_for_what_it_lacks():
    # The recommendations fail validation, so nothing is reported as missing from them.
    text = VALID.replace('{number: "1", title: Safeguarding outcomes}', '{number: "1"}')
    problems = problems_in(text)
    assert located(problems) == {(line_of(text, '{number: "1"}'), "recommendations.0.title")}


def test_invalid_yaml_is_one_problem_at_the_line_where_reading_stopped():
    text = VALID.replace("  name: Demo improvement programme", "  name: [Demo improvement")
    problems = problems_in(text)
    assert len(problems) == 1
    assert problems[0].row == line_of(text, "council: Demoshire")
    assert "is not valid YAML" in problems[0].message


def test_a_file_that_cannot_be_read_is_a_problem_naming_the_file(tmp_path):
    path = tmp_path / "missing.yaml"
    with pytest.raises(ProblemsFound) as raised:
        load_programme(path)
    [problem] = raised.value.problems
    assert (problem.file, problem.row) == (str(path), None)
    assert "cannot be read" in problem.message


def test_problems_from_a_file_name_that_file(tmp_path):
    path = tmp_path / "programme.yaml"
    path.write_text(VALID.replace("impact: 4", "impact: 6"), encoding="utf-8")
    with pytest.raises(ProblemsFound) as raised:
        load_programme(path)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}, row {line_of(VALID, 'impact: 4')}, column risks.0.impact: "
        "Input should be less than or equal to 5 (found 6)"
    ]


# --- the reference documents every field --------------------------------------------------------


def nested_model(annotation: object) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds (through list, Optional and Annotated) and whether it is a list."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is list:
            is_list, annotation = True, typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        else:
            break
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, is_list
    return None, is_list


def model_paths(model: type[BaseModel], path: str = "") -> Iterator[tuple[str, type[BaseModel]]]:
    """Every place a model sits in the file: ``indicators[].baseline``, ``meetings[].reports[]``."""
    yield path or "Top level", model
    for name, field in model.model_fields.items():
        child, is_list = nested_model(field.annotation)
        if child is not None:
            where = f"{path}.{name}" if path else name
            yield from model_paths(child, where + ("[]" if is_list else ""))


def doc_sections() -> dict[str, str]:
    """Each heading's text up to the next heading, under every `path` the heading names."""
    sections: dict[str, str] = {}
    parts = re.split(r"^(#{2,4} .*)$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        names = re.findall(r"`([^`]+)`", heading) or [heading.lstrip("# ").strip()]
        for name in names:
            sections[name] = body
    return sections


def documented_fields(sections: dict[str, str], path: str) -> set[str]:
    body = sections[path]
    same = re.search(r"Same fields as `([^`]+)`", body)
    if same:
        body = sections[same[1]]
    return set(re.findall(r"^\| `(\w+)` \|", body, flags=re.MULTILINE))


@pytest.mark.parametrize(
    ("path", "model"), list(model_paths(Programme)), ids=[p for p, _ in model_paths(Programme)]
)
def test_the_reference_documents_every_field_of_every_section_and_no_other(path, model):
    sections = doc_sections()
    assert path in sections, f"docs/programme-file.md has no heading for `{path}`"
    assert documented_fields(sections, path) == set(model.model_fields)


def test_a_programme_given_as_data_is_held_to_the_files_rules_with_the_files_messages() -> None:
    good = parse_programme(VALID, source="demo.yaml")
    data = good.model_dump(mode="python")
    assert check_data(data) == (good, [])
    data["indicators"][0]["target"] = {"value": 150.0}
    data["indicators"][0]["owner"] = "Head of\nService"
    programme, found = check_data(data)
    assert programme is None
    assert found == [
        (
            ("indicators", 0, "owner"),
            "holds a line break (a name or title is one line); remove it "
            "(found 'Head of\\nService')",
        )
    ]
    data["indicators"][0]["owner"] = None
    programme, found = check_data(data)
    assert programme is None
    assert found == [
        (("indicators", 0, "target", "value"), "a percentage must be between 0 and 100 (found 150)")
    ]
