"""Trust on the reach channels: the hostile records of tests/test_trust.py, told on WeChat and in clips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run
from tests.reach.conftest import args
from tests.test_trust import HIDDEN, PAYLOADS, PRIVATE, REVIEWERS, hostile_records, texts


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-reach")
    records = hostile_records(root)
    for command, edition in (("wechat", "2017-W27"), ("wechat", "2017-13"), ("clips", "2017-W27")):
        result = run(command, edition, *args(root / "dist", records))
        assert result.exit_code == 0, result.output
    return root / "dist"


def test_no_private_field_draft_or_expired_entry_reaches_wechat_or_the_clips(out: Path) -> None:
    everything = texts(out)
    assert {"wechat/2017-W27/article.html", "wechat/2017-13/article.html", "clips/2017-W27/manifest.json"} <= set(everything)
    assert any(name.endswith(".ass") for name in everything)
    canaries = [c for fields in PRIVATE.values() for c in fields.values()] + list(HIDDEN)
    canaries += [name for pair in REVIEWERS.values() for name in pair]
    bare = lambda text: re.sub(r"[\s\-]", "", text)  # noqa: E731 - captions wrap and drop hyphens
    assert [(name, c) for name, text in everything.items() for c in canaries if bare(c) in bare(text)] == []
    assert "临涧镇" not in everything["wechat/2017-W27/article.html"]  # the week shows the fixture's own black-list entry
    assert "武台镇金石采石场" in everything["wechat/2017-W27/article.html"]


def test_injections_in_public_fields_stay_text_after_inlining(out: Path) -> None:
    for edition in ("2017-W27", "2017-13"):
        html = (out / "wechat" / edition / "article.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "javascript:" not in html.lower()
        assert "&lt;script&gt;alert" in html  # shown as text
    captions = (out / "clips" / "2017-W27" / "01-board-black.ass").read_text(encoding="utf-8").replace(r"\N", "")
    assert PAYLOADS[0] in captions  # said as it was written, across two captions
