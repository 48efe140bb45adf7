"""Seconds from saving a change to the records to the browser reloading with it in `safety365 serve`.

`python bench/serve_latency.py RECORDS AS_OF [--edits N]` copies RECORDS,
serves the copy, then N times each of: edits one news record's title, adds a
news record, deletes it again, registers a new town in units.yaml and changes
an episode's editorial file. Each change is timed from the save until the
preview's live-reload tells the browser to reload (the long poll every served
page makes) with the change on show: the edited title or the added record on
its page, the deleted record's page gone, the new town's page there (an
episode's editorial text shows on no page the preview builds: the reload
alone). Prints one JSON line: startup seconds, a list of seconds per kind,
`latencies` (the title edits, as before) and `resident_mb`: the preview's
resident memory after its first build and after the last change (Linux).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EPISODE = "2025-W50"
"""The week whose editorial file the bench writes (any week before the bench's date)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float = 5) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(predicate: Callable[[], bool], timeout: float) -> float:
    """Seconds until `predicate()` holds, polling every 20 ms."""
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"nothing after {timeout} s")
        time.sleep(0.02)
    return time.perf_counter() - start


class Preview:
    """A running preview, seen as a browser sees it: pages, and the live-reload epoch they wait on."""

    def __init__(self, base: str) -> None:
        self.base = base

    def epoch(self, page: str) -> int:
        """The site version `page` was served from (mkdocs injects it into every page for the live-reload poll)."""
        found = re.search(r"livereload\((\d+),", fetch(self.base + page) or "")
        if found is None:
            raise RuntimeError(f"{page}: no live-reload script")
        return int(found[1])

    def timed(self, change: Callable[[], None], shows: Callable[[], bool], page: str = "") -> float:
        """Seconds from `change()` until a reload announced after it shows what `shows` looks for."""
        epoch = self.epoch(page)
        start = time.perf_counter()
        change()
        while True:
            answer = fetch(f"{self.base}livereload/{epoch}/0", timeout=120)  # returns once a newer build is on show
            if answer is not None and int(answer) > epoch:
                epoch = int(answer)
                if shows():
                    return time.perf_counter() - start
            if time.perf_counter() - start > 120:
                raise TimeoutError("the change never showed")


def resident_mb(pid: int) -> float | None:
    """The resident set of process `pid` in MB (None where /proc does not tell)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, flags=re.M)
    return int(found[1]) / 1024 if found else None


def retitle(path: Path, title: str) -> None:
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("records", type=Path)
    parser.add_argument("as_of")
    parser.add_argument("--edits", type=int, default=3, help="Changes of each kind.")
    args = parser.parse_args()
    kinds: dict[str, list[float]] = {"edit": [], "add": [], "delete": [], "registry": [], "editorial": []}
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        records = Path(tmp) / "records"
        shutil.copytree(args.records, records)
        edited = sorted((records / "news").rglob("*.yaml"))[-1]
        page = f"news/{edited.stem}/"
        units = records / "units.yaml"
        editorial = records / "episodes" / f"{EPISODE}.yaml"
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", "--records", str(records), "--as-of", args.as_of,
             "--config", str(REPO / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO,
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            startup = wait_for(lambda: fetch(base + page) is not None, 600)
            memory = [resident_mb(server.pid)]
            preview = Preview(base)
            for number in range(1, args.edits + 1):
                time.sleep(1.0)  # a person saves now and then, not in a burst
                marker = f"改过的标题第{number}版"
                kinds["edit"].append(preview.timed(lambda: retitle(edited, marker), lambda: marker in (fetch(base + page) or ""), page))

                added = edited.with_name(f"{edited.stem[:10]}-bench-added-{number}.yaml")
                url = f"{base}news/{added.stem}/"
                title = f"新加的记录第{number}条"
                time.sleep(1.0)
                kinds["add"].append(preview.timed(
                    lambda: added.write_text(re.sub(r"^title: .*$", f"title: {title}", edited.read_text(encoding="utf-8"), flags=re.M),
                                             encoding="utf-8"),
                    lambda: title in (fetch(url) or ""), page,
                ))
                time.sleep(1.0)
                kinds["delete"].append(preview.timed(added.unlink, lambda: fetch(url) is None, page))

                town = f"bench-town-{number}"
                time.sleep(1.0)
                kinds["registry"].append(preview.timed(
                    lambda: units.write_text(
                        units.read_text(encoding="utf-8").replace("towns:\n", f"towns:\n  - {{name: 测试镇{number}, slug: {town}}}\n", 1),
                        encoding="utf-8",
                    ),
                    lambda: fetch(f"{base}unit/{town}/") is not None, page,
                ))

                def write_editorial() -> None:
                    editorial.parent.mkdir(exist_ok=True)
                    editorial.write_text(f"opening: 观众朋友们好，这是第{number}版开场白。\n", encoding="utf-8")

                time.sleep(1.0)
                kinds["editorial"].append(preview.timed(write_editorial, lambda: True, page))
            time.sleep(1.0)  # the last build's collection done
            memory.append(resident_mb(server.pid))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps({"startup": startup, **kinds, "latencies": kinds["edit"], "resident_mb": memory}))


if __name__ == "__main__":
    main()
