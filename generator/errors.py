"""Problems an editor can fix, kept apart from bugs in this program.

Every problem in the records carries the file, line and column it is about, so
that `check` can print ``path:line:col: message`` the way compilers do and
editors can jump straight to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the records, at a place in a file (1-based).

    `loc` names the value it is about (keys and list positions, as pydantic
    gives them) when there is one, so the desk can name the form field.
    """

    path: Path
    line: int
    col: int
    message: str
    loc: tuple[str | int, ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class RecordsError(Exception):
    """Raised when the records cannot be compiled; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class SourceError(Exception):
    """A problem found while reading one file, before its position is attached."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


class OutputError(Exception):
    """An output (site, bulletin, TV pack) could not be built; the message says why."""


class IssuedError(Exception):
    """An edition cannot be issued, or the archive of issued editions does not match its ledger; the message says what to fix."""
