"""Preview encoding against the bundled ffmpeg fed the same stills: `python bench/preview.py EPISODE OUT [--pairs N]`.

Both encode the same frames (slides with captions burned in) with the same
x264 settings, in turn (moviepy, ffmpeg, moviepy, ffmpeg…): the stills are
drawn once, then each pair encodes them; prints the programme length and
each side's times as JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from pathlib import Path

import imageio_ffmpeg

from generator.broadcast import video
from generator.captions import FPS
from generator.broadcast.pack import write_pack
from generator.cache import Shared
from generator.broadcast.rundown import lay_out, plan
from generator.editions.calendar import Episode
from generator.records import loader
from generator.records.public import published

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("episode", type=Episode.parse)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()
    episode, out = args.episode, args.out
    view = published(loader.load(REPO / "records"), episode.air_date)
    rundown = lay_out(plan(view, episode, "https://safety365.example.org/"))
    pack = write_pack(rundown, out, REPO / "theme" / "broadcast", Shared(out / "shared", ""), preview=False)
    shots = [(pack.folder / frame.path, frames) for frame, frames in zip(pack.slides, (f for item in rundown.items for f in item.page_frames), strict=True)]
    drawn = [(draw(), frames) for draw, frames in video.stills(shots, rundown.cues)]  # both encoders get them drawn
    stills = [(lambda image=image: image, frames) for image, frames in drawn]
    lines = []
    for index, (image, frames) in enumerate(drawn):
        path = out / f"still-{index:04d}.png"
        image.save(path)
        lines.append(f"file '{path.name}'\nduration {frames / FPS:.2f}\n")
    lines.append(f"file 'still-{len(stills) - 1:04d}.png'\n")  # the concat demuxer needs the last file twice
    (out / "stills.txt").write_text("".join(lines), encoding="utf-8")

    ours, baseline = [], []
    for _ in range(args.pairs):
        start = time.perf_counter()
        video.encode(stills, out / "moviepy.mp4")
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(
            [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "concat", "-i", str(out / "stills.txt"),
             "-r", str(FPS), "-c:v", "libx264", "-preset", "ultrafast", *video.X264, "-pix_fmt", "yuv420p", str(out / "ffmpeg.mp4")],
            check=True,
        )
        baseline.append(time.perf_counter() - start)
    print(json.dumps({"seconds": rundown.frames / FPS, "moviepy": ours, "ffmpeg": baseline}))


if __name__ == "__main__":
    main()
