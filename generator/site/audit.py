"""Lighthouse audits of a built site, served the way it is deployed.

The site is served by a plain static server that, like nginx with
`gzip_static on`, sends a file's precompressed `.gz` copy to browsers that
accept gzip. Lighthouse (npm, pinned in package.json) runs on Debian's
chromium with its default mobile settings (a mid-range phone on a slow 4G
connection, simulated) and nothing is downloaded.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.editions.bulletin import issues_with_records
from generator.errors import OutputError
from generator.records.catalog import Catalog
from generator.records.public import Views
from generator.records.models import Case, Ranking
from generator.site.pages import record_url

CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")
TIMEOUT = 180
"""Seconds one page's audit may take on a busy 2-core machine."""


def landing_pages(catalog: Catalog, as_of: dt.date) -> dict[str, str]:
    """(name, URL relative to the site root) of the pages audited: where people land from a link or a search."""
    views = Views(catalog, as_of)
    view = views.on(as_of)
    case = max(view.of(Case), key=lambda c: (c.date, c.id))
    ranking = max(view.of(Ranking), key=lambda r: (r.date, r.id))
    issue = issues_with_records(views, as_of)[-1].issue
    return {
        "home": "",
        "case board": "case/",
        "a case": record_url(case),
        "statistics": "stats/",
        "rankings": "ranking/",
        "a ranking": record_url(ranking),
        "a bulletin issue": f"bulletin/{issue.id}/",
    }


class GzipStaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `x.gz` for `x` when the browser accepts gzip, as nginx's gzip_static does, over kept-alive connections."""

    protocol_version = "HTTP/1.1"

    def send_head(self):  # type: ignore[no-untyped-def]  # the base class's signature, untyped there
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        packed = path.with_name(path.name + ".gz")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not packed.is_file():
            return super().send_head()
        handle = packed.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(packed.stat().st_size))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return handle

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: one line per request would bury the scores."""


@contextmanager
def served(root: Path) -> Iterator[str]:
    """Serve `root` on a free local port for the duration of the block; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipStaticHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join()


@dataclass(frozen=True)
class Failing:
    """An audit that did not pass: its id, title, score (0–1) and what Lighthouse says it found."""

    id: str
    title: str
    score: float
    value: str


@dataclass(frozen=True)
class Report:
    url: str
    scores: dict[str, int]
    """Category scores, 0–100."""
    failing: list[Failing]
    metrics: dict[str, str]
    """The performance metrics as Lighthouse shows them (first and largest paint, blocking time, layout shift)."""
    benchmark: float
    """Lighthouse's measure of the machine's speed: below 1000 it warns that the CPU-bound figures (blocking time) come out worse than on the phone it models."""


def lighthouse(project: Path) -> Path:
    """The Lighthouse command installed by `npm ci` in `project`."""
    command = project / "node_modules" / ".bin" / "lighthouse"
    if not command.exists():
        raise OutputError(f"{command}: missing; run `make install` (npm ci installs Lighthouse)")
    if not Path(CHROMIUM).exists():
        raise OutputError(f"{CHROMIUM}: missing; run `make install` (it installs Debian's chromium)")
    return command


def audit(project: Path, url: str, categories: Sequence[str] = CATEGORIES) -> Report:
    """Run Lighthouse (mobile) on `url`; its category scores and failing audits."""
    with tempfile.TemporaryDirectory(prefix="safety365-lighthouse-") as scratch:
        output = Path(scratch) / "report.json"
        command = [
            str(lighthouse(project)), url, "--quiet", "--output=json", f"--output-path={output}",
            f"--only-categories={','.join(categories)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run",
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "HOME": scratch}  # chrome-launcher's profile stays in scratch
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, env=env, check=False)
        if done.returncode != 0 or not output.exists():
            raise OutputError(f"lighthouse failed on {url}: {(done.stderr or done.stdout).strip()[-500:]}")
        return parse(json.loads(output.read_text(encoding="utf-8")))


def parse(result: dict[str, object]) -> Report:
    """Scores and failing audits from a Lighthouse JSON result."""
    categories: dict[str, dict[str, object]] = result["categories"]  # type: ignore[assignment]
    audits: dict[str, dict[str, object]] = result["audits"]  # type: ignore[assignment]
    scores = {name: round(float(category["score"] or 0) * 100) for name, category in categories.items()}  # type: ignore[arg-type]
    failing = [
        Failing(key, str(found["title"]), float(found["score"]), str(found.get("displayValue", "")))  # type: ignore[arg-type]
        for key, found in audits.items()
        if found.get("score") is not None and float(found["score"]) < 0.9  # type: ignore[arg-type]
        and found.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]
    metrics = {key: str(audits[key].get("displayValue", "")).replace("\xa0", " ") for key in METRICS if key in audits}
    benchmark = float(result["environment"]["benchmarkIndex"])  # type: ignore[index]
    return Report(str(result["finalDisplayedUrl"]), scores, sorted(failing, key=lambda f: f.score), metrics, benchmark)
