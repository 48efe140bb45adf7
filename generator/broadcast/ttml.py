"""Broadcast captions as IMSC 1.1 Text Profile TTML, written by ttconv.

The same cues as the SRT and WebVTT, built straight into ttconv's document
model (not through the SRT, whose reader drops escaped markup) so every
character survives; each subtitle line stays a line (`<br/>`), and every
subtitle sits at the foot of the EBU R 95 title-safe area (90 % of the frame).
Times are HH:MM:SS:FF at 25 fps, frame-exact against the rundown.
"""

from __future__ import annotations

import xml.etree.ElementTree as et
from fractions import Fraction
from pathlib import Path

from ttconv import model
from ttconv import style_properties as styles
from ttconv.imsc import writer
from ttconv.imsc.attributes import TimeExpressionSyntaxEnum
from ttconv.imsc.config import ContentProfilesSignaling, IMSCWriterConfiguration

from generator.captions import FPS, Cue
from generator.broadcast.layout import HEIGHT, SAFE, WIDTH
from generator.broadcast.video import CAPTION

LANGUAGE = "zh-Hans"
PROFILE = "http://www.w3.org/ns/ttml/profile/imsc1.1/text"
REGION = "title-safe"
FONTS = ("Noto Sans CJK SC", styles.GenericFontFamilyType.sansSerif)


def _pct(value: float) -> styles.LengthType:
    return styles.LengthType(round(value, 3), styles.LengthType.Units.pct)


def _region(doc: model.ContentDocument) -> model.Region:
    """The title-safe area, captions at its foot and centred, as large as those burned into the preview."""
    x0, y0, x1, y1 = SAFE
    region = model.Region(REGION, doc)
    region.set_style(styles.StyleProperties.Origin, styles.CoordinateType(x=_pct(100 * x0 / WIDTH), y=_pct(100 * y0 / HEIGHT)))
    region.set_style(styles.StyleProperties.Extent, styles.ExtentType(width=_pct(100 * (x1 - x0) / WIDTH), height=_pct(100 * (y1 - y0) / HEIGHT)))
    region.set_style(styles.StyleProperties.DisplayAlign, styles.DisplayAlignType.after)
    region.set_style(styles.StyleProperties.TextAlign, styles.TextAlignType.center)
    region.set_style(styles.StyleProperties.FontFamily, FONTS)
    region.set_style(styles.StyleProperties.FontSize, styles.LengthType(round(100 * CAPTION / HEIGHT, 2), styles.LengthType.Units.rh))
    region.set_style(styles.StyleProperties.LineHeight, _pct(125))
    region.set_style(styles.StyleProperties.Color, styles.NamedColors.white.value)
    return region


def document(cues: list[Cue]) -> model.ContentDocument:
    """The cues as a ttconv document: one paragraph per subtitle, a line break between its lines."""
    doc = model.ContentDocument()
    doc.set_lang(LANGUAGE)
    doc.set_display_aspect_ratio(Fraction(WIDTH, HEIGHT))
    doc.set_content_profiles({PROFILE})
    region = _region(doc)
    doc.put_region(region)
    body = model.Body(doc)
    doc.set_body(body)
    div = model.Div(doc)
    body.push_child(div)
    for cue in cues:
        paragraph = model.P(doc)
        paragraph.set_begin(Fraction(cue.start, FPS))
        paragraph.set_end(Fraction(cue.end, FPS))
        paragraph.set_region(region)
        for index, line in enumerate(cue.lines):
            if index:
                paragraph.push_child(model.Br(doc))
            span = model.Span(doc)
            span.set_style(styles.StyleProperties.BackgroundColor, styles.ColorType((0, 0, 0, 170)))
            span.push_child(model.Text(doc, line))
            paragraph.push_child(span)
        div.push_child(paragraph)
    return doc


def write(cues: list[Cue], path: Path) -> None:
    """captions.ttml: IMSC 1.1 Text, zh-Hans, profile signalled, frame-based times at 25 fps."""
    config = IMSCWriterConfiguration(
        time_format=TimeExpressionSyntaxEnum.clock_time_with_frames,
        fps=Fraction(FPS),
        profile_signaling=ContentProfilesSignaling.CONTENT_PROFILES,
    )
    tree: et.ElementTree = writer.from_model(document(cues), config)
    tree.write(path, encoding="utf-8", xml_declaration=True)
