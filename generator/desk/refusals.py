"""What the desk answers when it will not do something: an HTTP status and one Chinese sentence.

The Decap client shows the `error` of a refused request to the editor as it
is, so a refusal names what to fix in the words of the form: the field's
label, then the check's own message.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from generator.errors import Problem
from generator.records.diagnose import label
from generator.strings import DESK


class Refused(Exception):
    """A request the desk turns down; nothing has been written or committed."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def problems_refusal(problems: list[Problem], path: Path, model: type[BaseModel] | None, ids: dict[Path, str]) -> Refused:
    """The refusal of a change that would leave `problems`: those of the saved file by field, others by record."""
    said = [_in_form(problem, model) if model and problem.path == path else _elsewhere(problem, ids) for problem in problems]
    return Refused(DESK["refused"].format(problems=DESK["problem_sep"].join(dict.fromkeys(said))))


def _in_form(problem: Problem, model: type[BaseModel]) -> str:
    if not any(isinstance(part, str) for part in problem.loc):
        return problem.message
    field = label(model, problem.loc)
    if field in problem.message:
        return problem.message
    return DESK["in_field"].format(field=field, message=problem.message)


def _elsewhere(problem: Problem, ids: dict[Path, str]) -> str:
    return DESK["in_other"].format(id=ids.get(problem.path, problem.path.name), message=problem.message)
