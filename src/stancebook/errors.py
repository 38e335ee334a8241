"""Errors a reader can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One broken rule in one data file.

    ``line`` is the line number in the CSV file (the header is line 1), or None
    when the rule concerns the whole table or a missing column.
    """

    file: str
    rule: str
    line: int | None = None
    column: str | None = None
    value: object = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line == 1:
            where.append("header (line 1)")
        elif self.line is not None:
            where.append(f"row {self.line - 1} (line {self.line})")
        if self.column:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + f": {self.rule}"
        if self.value is not None and self.value == self.value:  # skip NaN
            value = self.value
            if hasattr(value, "strftime"):
                value = value.strftime("%Y-%m-%d")
            text += f" (found {value!r})"
        return text


class DataError(Exception):
    """The data in ``data/`` breaks one or more rules; nothing was built."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.message())

    def message(self, limit: int = 10) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        more = len(self.problems) - limit
        if more > 0:
            lines.append(f"... and {more} more problem(s)")
        return "\n".join(lines)


class BuildError(Exception):
    """A step of the build failed; the message says which and why."""
