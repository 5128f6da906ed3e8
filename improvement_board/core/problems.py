"""Located problems: every check in the project reports what it found this way, all at once.

A council officer fixing a file needs the file, the row (or line), the column (or field) and what
was expected, for every problem in one go, never a traceback and never only the first problem.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one place in one input."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class ProblemsFound(Exception):
    """Raised with every problem when an input cannot be accepted; nothing has been stored."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) found")

    def __str__(self) -> str:
        lines = [f"{len(self.problems)} problem(s) found; nothing was stored:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)
