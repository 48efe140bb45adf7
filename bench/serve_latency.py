"""Seconds from saving a record to its page showing the change in `safety365 serve`.

`python bench/serve_latency.py RECORDS AS_OF [--edits N]` copies RECORDS,
serves the copy, then N times edits one news record's title and polls its
page until the new title is there. Prints one JSON line: startup seconds and
each edit's latency.
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
from pathlib import Path

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(predicate: object, timeout: float) -> float:
    """Seconds until `predicate()` holds, polling every 20 ms."""
    start = time.perf_counter()
    while not predicate():  # type: ignore[operator]
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"nothing after {timeout} s")
        time.sleep(0.02)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("records", type=Path)
    parser.add_argument("as_of")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        records = Path(tmp) / "records"
        shutil.copytree(args.records, records)
        edited = sorted((records / "news").rglob("*.yaml"))[-1]
        page = f"news/{edited.stem}/"
        port = free_port()
        server = subprocess.Popen(
            [str(BIN / "safety365"), "serve", "--records", str(records), "--as-of", args.as_of,
             "--config", str(REPO / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/{page}"
            startup = wait_for(lambda: fetch(url) is not None, 300)
            latencies = []
            for number in range(args.edits):
                time.sleep(1.0)  # a person saves now and then, not in a burst
                marker = f"改过的标题第{number + 1}版"
                text = edited.read_text(encoding="utf-8")
                edited.write_text(re.sub(r"^title: .*$", f"title: {marker}", text, flags=re.M), encoding="utf-8")
                latencies.append(wait_for(lambda: marker in (fetch(url) or ""), 120))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps({"startup": startup, "latencies": latencies}))


if __name__ == "__main__":
    main()
