"""Random damage to valid records never crashes `check`, and every problem points inside its file."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.records import loader
from tests.conftest import FIXTURES

VALID = FIXTURES / "valid"
FILES = sorted(p.relative_to(VALID) for p in VALID.rglob("*.yaml"))
NOISE = st.sampled_from(list(":-[]{}&*!|>'\"#%@`,? \t\n") + ["\ufeff", "安", "2017-02-30", "  ", "- ", "\x00", "\xff"])


@st.composite
def damaged(draw: st.DrawFn) -> tuple[Path, bytes]:
    """One valid file with a few random cuts, insertions and line swaps."""
    relative = draw(st.sampled_from(FILES))
    text = (VALID / relative).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["insert", "delete", "swap"]))
        at = draw(st.integers(0, len(text)))
        if action == "insert":
            text = text[:at] + draw(NOISE) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 12)):]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    raw = text.encode("utf-8", "surrogatepass") if draw(st.booleans()) else text.encode("gbk", "replace")
    return relative, raw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=damaged())
def test_check_survives_random_damage(tmp_path: Path, change: tuple[Path, bytes]) -> None:
    relative, raw = change
    root = tmp_path / "records"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(VALID, root)
    (root / relative).write_bytes(raw)
    problems = loader.check(root)  # must not raise
    lines = raw.split(b"\n")
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1
        if problem.path == root / relative:
            assert problem.line <= len(lines), problem
            width = len(lines[problem.line - 1].decode("utf-8", "replace"))
            assert problem.col <= width + 1, problem
