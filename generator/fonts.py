"""The typefaces every drawn output uses: Debian's Noto Sans CJK, Simplified Chinese face.

fonts-noto-cjk ships .ttc collections holding five faces each; the SC face is
index 2 (index 0, the default, is Japanese and draws some characters differently).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONTS = Path("/usr/share/fonts/opentype/noto")
SC_FACE = 2
"""Index of the Simplified Chinese face in Debian's Noto CJK .ttc collections (0 is Japanese)."""


def path(bold: bool = False) -> Path:
    return FONTS / ("NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc")


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Noto Sans CJK SC at `size` pixels."""
    return ImageFont.truetype(str(path(bold)), size, index=SC_FACE)
