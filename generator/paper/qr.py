"""The QR code a printed paper carries to its page on the site, drawn as inline SVG (sharp at any size)."""

from __future__ import annotations

import segno


def qr_uri(url: str) -> str:
    """A data URI of the SVG QR code of `url`, medium error correction (survives a fold or a stamp)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=0)
