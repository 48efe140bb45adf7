"""Uploaded photos made safe to keep: really images, no EXIF (GPS, device), no larger than needed.

A phone photo carries where and with what it was taken; a case's evidence
photo must not. Pillow decodes the upload (anything it cannot decode as a
photo is refused), turns it upright by its EXIF orientation, shrinks it to
at most MAX_SIDE pixels on the long side and encodes it again without any
metadata: JPEG, or PNG when it has transparency.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError

from generator.desk.refusals import Refused
from generator.strings import DESK

MAX_SIDE = 2000
"""Pixels on the long side: sharp on a 1080p slide and a printed page, a few hundred KB."""
MAX_UPLOAD_MB = 25
MAX_PIXELS = 60_000_000
"""A decompression bomb is refused before it is decoded."""
FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}


def cleaned(name: str, raw: bytes) -> tuple[str, bytes]:
    """A safe file name and the re-encoded photo, or Refused."""
    if len(raw) > MAX_UPLOAD_MB << 20:
        raise Refused(DESK["too_big"].format(name=name, limit=MAX_UPLOAD_MB), 413)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw))
            if image.format not in FORMATS or image.width * image.height > MAX_PIXELS:
                raise Refused(DESK["not_image"].format(name=name), 415)
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(DESK["not_image"].format(name=name), 415) from None
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image.save(out, "PNG", optimize=True)
        suffix = ".png"
    else:
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        suffix = ".jpg"
    return safe_name(name, suffix), out.getvalue()


def safe_name(name: str, suffix: str) -> str:
    """An ASCII file name (lower-case letters, digits, hyphens) from an upload's name; 'photo' when nothing is left."""
    stem = re.sub(r"[^a-z0-9]+", "-", PurePosixPath(name).stem.lower()).strip("-")
    return (stem or "photo") + suffix
