"""Editors' Markdown: rendered, sanitised, and joined the Chinese way."""

from __future__ import annotations

import pytest

from generator.markup import render_markdown


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[点我](javascript:alert(1))",
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        "<iframe src=//evil></iframe>",
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_dangerous_markup_does_not_survive(payload: str) -> None:
    html = str(render_markdown(payload)).lower()
    for marker in ("<script", "onerror", "javascript:", "data:", "<iframe", "style="):
        assert marker not in html


def test_structure_survives() -> None:
    html = str(render_markdown("**重点**\n\n- 一\n- 二\n\n[链接](https://example.org)"))
    assert "<strong>重点</strong>" in html and "<li>一</li>" in html
    assert 'href="https://example.org"' in html


def test_chinese_soft_breaks_join_without_space() -> None:
    assert "旺季，冬季" in str(render_markdown("销售旺季，\n冬季取暖"))
    assert "word\nnext" in str(render_markdown("word\nnext"))  # other scripts keep their break (a space)
