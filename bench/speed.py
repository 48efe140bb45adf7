"""Speed and size of a cold build, an unchanged rebuild and issuing: `python bench/speed.py RECORDS AS_OF [--work DIR]`.

Builds RECORDS (a slice of the ten-year corpus) cold into a fresh cache and
output, builds it again unchanged, then issues one bulletin and one episode
on a copy of the records. Prints wall and CPU seconds (the whole process tree's) for each, the bytes of the cache and
`dist/` together (a file linked into both counted once, as the disk holds it),
the PNG files and bytes among them, and the most returning overdue cases any
pack follows up one by one.
"""

from __future__ import annotations

import argparse
import csv
import ctypes
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "generator.cli"]


PR_SET_CHILD_SUBREAPER = 36
"""prctl(2): orphaned descendants are handed to this process instead of init, so it reaps them and counts their CPU."""


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _reap() -> None:
    """Wait for every descendant left over (the fork server outlives the command by a moment): its CPU is then counted."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def run(*arguments: str) -> str:
    """Wall seconds one safety365 command took, and the CPU seconds of its whole process tree; stops the bench when it fails.

    The machine is shared: CPU seconds compare runs made under different
    loads. The build's fork server and its workers are counted: this process
    is their subreaper (Linux), so they are reaped, and counted, here.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    start, cpu = time.perf_counter(), _cpu()
    result = subprocess.run([*COMMAND, *arguments], cwd=REPO, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    _reap()
    if result.returncode != 0:
        sys.exit(f"{' '.join(arguments)} failed:\n{result.stderr[-2000:]}")
    return f"{seconds:.1f} s ({_cpu() - cpu:.1f} s CPU)"


def disk(*folders: Path) -> tuple[int, int, int]:
    """Bytes of every file under `folders` (each inode once), and the PNG files and bytes among them."""
    seen: set[tuple[int, int]] = set()
    total = pngs = png_bytes = 0
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                info = os.lstat(os.path.join(root, name))
                if (info.st_dev, info.st_ino) in seen:
                    continue
                seen.add((info.st_dev, info.st_ino))
                total += info.st_size
                if name.endswith(".png"):
                    pngs, png_bytes = pngs + 1, png_bytes + info.st_size
    return total, pngs, png_bytes


def returning(broadcast: Path) -> int:
    """The most overdue cases any pack follows up one by one (items of cases in 现场督查)."""
    most = 0
    for rundown in broadcast.glob("*/rundown.csv"):
        with rundown.open(encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
        most = max(most, sum(1 for row in rows[1:] if "-case-" in row[3] and " " not in row[3]))
    return most


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("records", type=Path)
    parser.add_argument("as_of")
    parser.add_argument("--work", type=Path, default=None, help="Folder for the cache and outputs (default: a fresh temporary one)")
    parser.add_argument("--bulletin", help="The issue to issue (default: the year's 23rd)")
    parser.add_argument("--episode", help="The episode to issue (default: the year's week 50)")
    args = parser.parse_args()
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-speed-"))
    cache, out = work / "cache", work / "dist"
    build = ("build", "--records", str(args.records.resolve()), "--out", str(out), "--cache", str(cache), "--as-of", args.as_of)
    cold = run(*build)
    total, pngs, png_bytes = disk(cache, out.resolve())
    warm = run(*build)
    print(f"cold build: {cold}")
    print(f"unchanged rebuild: {warm}")
    print(f"cache + dist: {total:,} bytes ({pngs:,} PNG files, {png_bytes:,} bytes)")
    print(f"most overdue cases followed up in one episode: {returning(out.resolve() / 'broadcast')}")
    records = work / "records"
    shutil.rmtree(records, ignore_errors=True)
    shutil.copytree(args.records, records)
    year = dt.date.fromisoformat(args.as_of).year
    bulletin, episode = args.bulletin or f"{year}-23", args.episode or f"{year}-W50"
    signer = ("--signed-by", "刘志强", "--records", str(records), "--cache", str(cache), "--date", args.as_of)
    print(f"issue bulletin {bulletin}: {run('issue', 'bulletin', bulletin, *signer)}")
    print(f"issue episode {episode}: {run('issue', 'episode', episode, *signer)}")


if __name__ == "__main__":
    main()
