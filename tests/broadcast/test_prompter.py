"""The host's script: every spoken text, in running order, timed, in the HTML, the PDF and the plain text."""

from __future__ import annotations

import re
import subprocess

from generator.broadcast.pack import Pack


def squeeze(text: str) -> str:
    """Text without whitespace: PDF lines break wherever the page does."""
    return re.sub(r"\s+", "", text)


def spoken(pack: Pack) -> list[str]:
    return [text for item in pack.rundown.items for text in item.texts]


def test_the_pdf_reads_every_spoken_text_in_order(pack: Pack) -> None:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pack.folder / "prompter.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    flat = squeeze(text)
    assert flat.startswith("《安全365》提词稿2017-W50") and "2017年12月13日播出·语速每秒4字" in flat
    at = 0
    for line in spoken(pack):
        found = flat.find(squeeze(line), at)
        assert found >= 0, line  # copyable, and after the one before
        at = found + len(squeeze(line))
    # the first news item: its heading with in and out timecodes, its source record and the time its text starts
    assert "3.春节烟花爆竹经营安全工作提前部署00:00:13:05–00:00:24:00" in flat
    assert "来源记录2017-12-06-fireworks-market-preparations" in flat
    assert "00:00:13:05·10.6秒县安委办部署春节期间烟花爆竹经营安全工作" in flat  # 42 characters at 4 a second, in 2 subtitles


def test_the_pdf_is_large_type(pack: Pack) -> None:
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pack.folder / "prompter.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    heights = {word: float(y1) - float(y0) for y0, y1, word in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)<', boxes)}
    opening = next(word for word in heights if word.startswith("观众朋友们好"))
    assert heights[opening] >= 22  # points: a line of the script is set at 22 pt, readable at arm's length


def test_plain_text_for_prompter_software(pack: Pack) -> None:
    text = (pack.folder / "prompter.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "《安全365》提词稿 2017-W50"
    assert "【现场督查】00:00:24:00" in lines and "—— 春节前烟花爆竹批发企业专项督查 00:00:28:00" in lines
    said = [line for line in lines if line in set(spoken(pack))]
    assert said == spoken(pack)
    assert "来源记录" not in text and "2017-12-12-fireworks-wholesale-bianqiao" not in text  # nothing the host should not read out


def test_html_page_in_chinese_with_every_line(pack: Pack) -> None:
    html = (pack.folder / "prompter.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html
    for line in spoken(pack):
        assert line in html or line.replace("《", "&lt;") in html, line
    assert html.count('class="line"') == len(spoken(pack))
