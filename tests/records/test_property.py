"""Random damage to valid records never crashes `check`, and every problem points inside its file."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import SourceError
from generator.records import loader
from generator.records.source import decode, parse
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


@settings(max_examples=300, deadline=None)
@given(document=st.one_of(st.binary(max_size=400), st.text(max_size=400), st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=30,
).map(repr)))
def test_any_document_gives_data_or_a_placed_error(document: bytes | str) -> None:
    """Whatever the bytes, the reader returns data or a SourceError with a position, nothing else."""
    raw = document.encode("utf-8", "surrogatepass") if isinstance(document, str) else document
    try:
        parse(Path("x.yaml"), decode(raw))
    except SourceError as error:
        assert error.line >= 1 and error.col >= 1 and error.message
