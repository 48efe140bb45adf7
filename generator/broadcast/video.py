"""The preview: slides in rundown order with the captions burned in, made with moviepy.

1920x1080, 25 fps, H.264 yuv420p. Slides change on a 1/5 s grid, so moviepy
pipes 5 stills a second and ffmpeg repeats each to 25 fps: a fifth of the
bytes through the pipe. Burned captions snap to that grid (within 2 frames of
the SRT, which stays frame-exact). Stills are drawn as the encoder reaches
them, one at a time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import partial
from itertools import accumulate
from pathlib import Path

import numpy as np
from PIL import Image

from generator.broadcast.layout import SAFE, canvas
from generator.broadcast.rundown import GRID
from generator.captions import FPS, Cue
from generator.frames import line_height

CAPTION = 52
"""Burned-in caption size: bigger than the 40 px floor, as subtitles are read fast."""
X264 = ["-tune", "stillimage"]
"""Encoder settings shared with the benchmark's baseline."""


def burn(image: Image.Image, lines: tuple[str, ...]) -> Image.Image:
    """`image` with the caption lines centred at the foot of title-safe, on a dark band."""
    overlay = canvas(mode="RGBA", background=(0, 0, 0, 0))
    x0, _, x1, y1 = SAFE
    height = len(lines) * line_height(CAPTION) + 24
    overlay.rect((x0 + 200, y1 - height, x1 - 200, y1), (0, 0, 0, 170), radius=12)
    y = y1 - height + 12
    for line in lines:
        overlay.text(((x0 + x1) // 2, y), line, CAPTION, bold=True, anchor="ma")
        y += line_height(CAPTION)
    assert overlay.image is not None
    return Image.alpha_composite(image.convert("RGBA"), overlay.image).convert("RGB")


Still = tuple[Callable[[], Image.Image], int]
"""A frame of the programme, made when the encoder reaches it, and how many frames it lasts."""


def stills(shots: list[tuple[Path, int]], cues: list[Cue]) -> list[Still]:
    """The whole programme as stills, split wherever a caption starts or ends; none is drawn yet."""
    result: list[Still] = []
    at = 0
    for path, frames in shots:
        edges = {at, at + frames}
        edges.update(_snap(t) for cue in cues for t in (cue.start, cue.end) if at < _snap(t) < at + frames)
        points = sorted(edges)
        for start, end in zip(points, points[1:]):
            cue = next((c for c in cues if _snap(c.start) <= start < _snap(c.end)), None)
            result.append((partial(_still, path, cue.lines if cue else ()), end - start))
        at += frames
    return result


def _still(slide: Path, lines: tuple[str, ...]) -> Image.Image:
    with Image.open(slide) as image:
        frame = image.convert("RGB")
    return burn(frame, lines) if lines else frame


def _snap(frame: int) -> int:
    return round(frame / GRID) * GRID


def preview(shots: list[tuple[Path, int]], cues: list[Cue], out: Path) -> None:
    encode(stills(shots, cues), out)


def encode(stills_: list[Still], out: Path) -> None:
    """Encode the stills into an H.264 file with moviepy, drawing each when it is reached.

    One still is held at a time, so memory stays flat however long the programme.
    """
    from moviepy import VideoClip  # slow to import; only previews need it

    starts = list(accumulate((frames for _, frames in stills_), initial=0))
    held: dict[int, np.ndarray] = {}

    def frame(t: float) -> np.ndarray:
        index = bisect_right(starts, round(t * FPS)) - 1
        if index not in held:
            held.clear()
            held[index] = np.asarray(stills_[min(index, len(stills_) - 1)][0]())
        return held[index]

    movie = VideoClip(frame_function=frame, duration=starts[-1] / FPS)
    movie.write_videofile(
        str(out), fps=FPS // GRID, codec="libx264", audio=False, preset="ultrafast", pixel_format="yuv420p",
        ffmpeg_params=[*X264, "-r", str(FPS)], logger=None,
    )
