"""The TV frame: 1920x1080 and its title-safe area (EBU R 95 for 16:9)."""

from __future__ import annotations

from typing import Any

from generator.frames import Canvas

WIDTH, HEIGHT = 1920, 1080
SAFE = (96, 54, 1824, 1026)
"""Title-safe area, 90 % of the frame: x0, y0, x1, y1."""


def canvas(**options: Any) -> Canvas:
    """A 1920x1080 frame to lay out (options as for `Canvas`)."""
    return Canvas((WIDTH, HEIGHT), **options)
