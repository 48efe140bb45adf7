"""IMSC 1.1 captions: read back with ttconv, cue for cue against the SRT."""

from __future__ import annotations

import xml.etree.ElementTree as et
from pathlib import Path

from ttconv import model
from ttconv import style_properties as styles
from ttconv.imsc import reader as imsc_reader
from ttconv.srt import reader as srt_reader

from generator.broadcast import ttml
from generator.captions import Cue
from generator.broadcast.pack import Pack

Read = tuple[int, int, tuple[str, ...]]


def cues(doc: model.ContentDocument) -> list[Read]:
    """(first frame, end frame, lines) of every paragraph at 25 fps; a <br/> ends a line."""
    body = doc.get_body()
    assert body is not None
    result = []
    for div in body:
        for paragraph in div:
            lines = [""]
            for child in paragraph.dfs_iterator():
                if isinstance(child, model.Br):
                    lines.append("")
                elif isinstance(child, model.Text):
                    lines[-1] += child.get_text()
            begin, end = paragraph.get_begin() or 0, paragraph.get_end()
            assert end is not None
            result.append((round(begin * 25), round(end * 25), tuple(lines)))  # the SRT reader gives float seconds
    return result


def test_ttml_holds_the_srt_cue_for_cue(pack: Pack) -> None:
    imsc = imsc_reader.to_model(et.parse(pack.folder / "captions.ttml"))
    with (pack.folder / "captions.srt").open(encoding="utf-8") as handle:
        srt = srt_reader.to_model(handle)
    ours, theirs = cues(imsc), cues(srt)
    assert len(ours) == len(pack.rundown.cues) > 30
    assert ours == theirs == [(cue.start, cue.end, cue.lines) for cue in pack.rundown.cues]
    assert any(len(lines) == 2 for _, _, lines in ours)  # two-line subtitles keep their break


def test_ttml_is_chinese_imsc_text_in_title_safe(pack: Pack) -> None:
    root = et.parse(pack.folder / "captions.ttml").getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"
    assert root.get("{http://www.w3.org/ns/ttml#parameter}contentProfiles") == "http://www.w3.org/ns/ttml/profile/imsc1.1/text"
    assert root.get("{http://www.w3.org/ns/ttml#parameter}frameRate") == "25"
    doc = imsc_reader.to_model(et.parse(pack.folder / "captions.ttml"))
    [region] = list(doc.iter_regions())
    origin, extent = region.get_style(styles.StyleProperties.Origin), region.get_style(styles.StyleProperties.Extent)
    assert (origin.x.value, origin.y.value, extent.width.value, extent.height.value) == (5, 5, 90, 90)  # EBU R 95 title-safe
    assert region.get_style(styles.StyleProperties.DisplayAlign) == styles.DisplayAlignType.after


def test_markup_like_text_survives(tmp_path: Path) -> None:
    path = tmp_path / "captions.ttml"
    ttml.write([Cue(0, 50, ("<b>举报</b> & 奖励",)), Cue(52, 100, ("第一行", "第二行"))], path)
    assert cues(imsc_reader.to_model(et.parse(path))) == [
        (0, 50, ("<b>举报</b> & 奖励",)),
        (52, 100, ("第一行", "第二行")),
    ]
