"""Careless and hostile programme files, and the rules every answer to one must obey.

Shared by the property tests (tests/core/test_programme_properties.py) and the robustness script
(scripts/robustness/inputs.py). A file is one of the bundled programmes (the test fixtures and
the seed) with a few mutations: a value replaced by something careless or hostile (NaN, 1e400,
twenty digits, Arabic-Indic digits, Cyrillic look-alikes, control characters, a long text, a
month ten thousand years away, an alias, a YAML tag, deep nesting), a line deleted, repeated or
cut, or text put in at random.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.programme import Programme, parse_programme
from improvement_board.core.values import LARGEST, LONGEST_PROGRAMME

ROOT = Path(__file__).resolve().parents[2]
BASES = {
    "mini": (ROOT / "tests" / "fixtures" / "mini-programme.yaml").read_text(encoding="utf-8"),
    "cadenced": (ROOT / "tests" / "fixtures" / "cadenced-programme.yaml").read_text(
        encoding="utf-8"
    ),
    "seed": (ROOT / "improvement_board" / "data" / "herefordshire-2006.yaml").read_text(
        encoding="utf-8"
    ),
}
TOKENS = [
    *[".nan", ".inf", "-.inf", "1e400", "1.0e+400", "-1", "0", "-5", "1.0e+16"],
    *["99999999999999999999", "٢٠٠٦-٠٤", "２００６-０４", "١٢٣", '"СН 141"', '"CН 141"'],
    *['"ＣＨ 141"', '"a\\x07b"', '"\\u202eevil"', '"line\\nbreak"', "x" * 400, "y" * 12_000],
    *["9999-12", "0000-01", "2006-13", "2006-4", "*a", "&a value", "[" * 40 + "]" * 40],
    *["{", "!!python/object/apply:os.system ['true']", "!!binary aGVsbG8=", "!!set {a, b}"],
    *["yes", "null", "~", '""', "2006-04-31", "2106-03", "1906-03", "[]", "{}", "{a: 1}"],
]
_VALUE_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_]+:) (.+)$")
_KEY = re.compile(r"^\s*(?:- )?([A-Za-z_]+):")


@dataclass(frozen=True)
class Written:
    """A programme file as drawn, and the name it is read under."""

    text: str
    name: str

    def __repr__(self) -> str:
        return f"Written({self.name!r}, {self.text[:300]!r}...)"


@st.composite
def programme_files(draw: st.DrawFn) -> Written:
    """A bundled programme with one to three mutations."""
    base = draw(st.sampled_from(sorted(BASES)))
    lines = BASES[base].split("\n")
    for _ in range(draw(st.integers(1, 3))):
        lines = _mutate(draw, lines)
    return Written("\n".join(lines), f"{base}.yaml")


def _mutate(draw: st.DrawFn, lines: list[str]) -> list[str]:
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    kind = draw(st.sampled_from(["value", "value", "value", "delete", "repeat", "insert", "cut"]))
    if kind == "value":
        candidates = [n for n, line in enumerate(lines) if _VALUE_LINE.match(line)]
        if candidates:
            n = draw(st.sampled_from(candidates))
            match = _VALUE_LINE.match(lines[n])
            assert match is not None
            lines[n] = f"{match.group(1)} {draw(st.sampled_from(TOKENS))}"
        return lines
    if kind == "delete":
        return lines[:at] + lines[at + 1 :]
    if kind == "repeat":
        return lines[: at + 1] + lines[at:]
    if kind == "cut":
        return lines[:at]
    inserted = draw(st.one_of(st.text(max_size=40), st.sampled_from(TOKENS)))
    return [*lines[:at], inserted, *lines[at:]]


@dataclass
class Outcome:
    programme: Programme | None
    problems: list[Problem]
    broken: list[str]


def parse_once(written: Written) -> Outcome:
    """Parse a drawn file and check the answer; exceptions other than ProblemsFound escape."""
    try:
        programme = parse_programme(written.text, source=written.name)
    except ProblemsFound as found:
        return Outcome(None, found.problems, refusal_broken(found.problems, written))
    return Outcome(programme, [], accepted_broken(programme))


def refusal_broken(problems: list[Problem], written: Written) -> list[str]:
    """A refusal names the file, a line the file has, and a field written in it (or none)."""
    lines = written.text.count("\n") + 1
    keys = {m.group(1) for line in written.text.split("\n") if (m := _KEY.match(line))}
    broken = [] if problems else ["a refusal without a problem"]
    for problem in problems:
        if problem.file != written.name:
            broken.append(f"a problem naming another file: {problem}")
        if problem.row is not None and not 1 <= problem.row <= lines:
            broken.append(f"a problem at a line the file does not have: {problem}")
        if problem.column not in (None, "(file)") and not _field_of(problem.column, keys):
            broken.append(f"a problem at a field the file does not write: {problem}")
        if not problem.message or len(problem.message) > 1_000:
            broken.append(f"a problem without a short message: {problem.message[:80]!r}")
    return broken


def _field_of(column: str, keys: set[str]) -> bool:
    """Whether a problem's dotted field starts at a top-level part the file writes, or is a
    field the programme requires (reported missing at its parent)."""
    top = column.split(".")[0]
    return top in keys or top in Programme.model_fields


def accepted_broken(programme: Programme) -> list[str]:
    """What a programme accepted must be: a plausible span, finite figures in range."""
    from improvement_board.core.periods import Period

    info = programme.programme
    first, last = Period.parse(info.first_period), Period.parse(info.last_period)
    broken = []
    if first.months_until(last) + 1 > LONGEST_PROGRAMME:
        broken.append(f"a programme {first} to {last}")
    if any(value <= 0 for value in info.population.values()):
        broken.append(f"a population of none: {info.population}")
    for indicator in programme.indicators:
        figures = [indicator.baseline.value, indicator.target.value if indicator.target else None]
        if any(f is not None and not abs(f) <= LARGEST for f in figures):
            broken.append(f"a figure that is no number: {indicator.key} {figures}")
        if indicator.unit == "percent" and any(
            f is not None and not 0 <= f <= 100 for f in figures
        ):
            broken.append(f"a percentage outside 0-100: {indicator.key} {figures}")
    return broken
