"""The editors' desk at ten years of records: seconds per save, and until the case list shows in the browser.

`python bench/desk.py RECORDS [--saves N]` copies RECORDS into a fresh git
repository, starts `safety365 desk` on it, then
- N times opens one case (getEntry), changes its title and saves it
  (persistEntry: check against the whole catalog, write, commit), timing
  the save's answer;
- in Debian's chromium, opens the desk, logs in, and times a click on
  督办事项 until every case of the list is on the page (after one warm-up
  visit, as an editor moves between collections), and the same from a
  cold page load.
Prints one JSON line: startup seconds, the save times, the list times and
the number of cases listed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
CARDS = 'a[href^="#/collections/case/entries/"]'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def call(base: str, action: str, params: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        base + "api/v1", data=json.dumps({"branch": "main", "action": action, "params": params}).encode("utf-8"),
        headers={"Content-Type": "application/json", "Origin": base.rstrip("/")},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", *args], cwd=folder, check=True, capture_output=True)


def saves(base: str, count: int) -> list[float]:
    cases = call(base, "entriesByFolder", {"folder": "case", "extension": "yaml", "depth": 1})
    path = sorted(entry["file"]["path"] for entry in cases)[len(cases) // 2]
    times = []
    for number in range(count):
        entry = call(base, "getEntry", {"path": path})
        form = json.loads(entry["data"])
        form["title"] = f"改过的标题第{number + 1}版"
        start = time.perf_counter()
        call(base, "persistEntry", {"dataFiles": [{"path": path, "slug": path, "raw": json.dumps(form, ensure_ascii=False)}], "assets": [], "options": {}})
        times.append(time.perf_counter() - start)
    return times


def listing(base: str, expected: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(120_000)
        start = time.perf_counter()
        page.goto(base)
        page.get_by_role("button", name="登录").click()
        page.goto(base + "#/collections/case")
        page.wait_for_function(f"document.querySelectorAll('{CARDS}').length >= {expected}")
        cold = time.perf_counter() - start
        clicks = []
        for _ in range(3):
            page.get_by_test_id("news").click()
            page.wait_for_selector('a[href^="#/collections/news/entries/"]')
            start = time.perf_counter()
            page.get_by_test_id("case").click()
            page.wait_for_function(f"document.querySelectorAll('{CARDS}').length >= {expected}")
            clicks.append(time.perf_counter() - start)
        browser.close()
    return {"cold": cold, "clicks": clicks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("records", type=Path)
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as tmp:
        records = Path(tmp) / "records"
        shutil.copytree(args.records, records)
        git(records, "init", "--quiet")
        git(records, "add", "--all")
        git(records, "commit", "--quiet", "--message", "corpus")
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        server = subprocess.Popen(
            [str(BIN / "safety365"), "desk", "--records", str(records), "--port", str(port), "--author", "bench <bench@localhost>", "--preview", ""],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            start = time.perf_counter()
            while True:
                try:
                    call(base, "info", {})
                    break
                except (urllib.error.URLError, ConnectionError):
                    if time.perf_counter() - start > 600:
                        raise
                    time.sleep(0.1)
            startup = time.perf_counter() - start
            cases = len(list((records / "case").rglob("*.yaml")))
            saved = saves(base, args.saves)
            listed = listing(base, cases)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps({"startup": startup, "saves": saved, "cases": cases, "list_cold": listed["cold"], "list_clicks": listed["clicks"]}))


if __name__ == "__main__":
    main()
