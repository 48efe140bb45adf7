"""Run the benchmarks and write BENCHMARKS.md: `python bench/run.py [--runs N]`.

Every figure is the median of several runs of a separate process, with peak
memory from `/usr/bin/time -v`, and sits beside a baseline measured in the
same run on the same corpus, so the ratios hold on any machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import json
import platform
import shutil
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(BENCH))

from corpus import write_corpus  # noqa: E402


@dataclass
class Timing:
    seconds: float
    peak_mb: float


def measure(command: list[str], runs: int) -> Timing:
    """Median wall time and the largest peak RSS over `runs` runs of `command`."""
    times, peaks = [], []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as report:
            subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *command], check=True, capture_output=True)
            text = report.read()
        times.append(_elapsed(text))
        peaks.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)[1]) / 1024)  # type: ignore[index]
    return Timing(statistics.median(times), max(peaks))


def _elapsed(report: str) -> float:
    clock = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", report)
    assert clock is not None, report
    hours, minutes, seconds = clock.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)


def corpus(count: int) -> Path:
    """A synthetic records folder of `count` records, written once and reused."""
    folder = OUT / f"corpus-{count}"
    if not (folder / "office.yaml").exists():
        write_corpus(count, folder)
    return folder


@dataclass
class Row:
    what: str
    records: int
    timing: Timing
    baseline: str
    base: Timing
    target: str
    met: bool | None

    def markdown(self) -> str:
        ratio = self.timing.seconds / self.base.seconds
        return (
            f"| {self.what} | {self.records:,} | {self.timing.seconds:.2f} s | {self.timing.peak_mb:.0f} MB "
            f"| {self.baseline}: {self.base.seconds:.2f} s | {ratio:.2f}× | {self.target} | {'—' if self.met is None else 'met' if self.met else 'NOT met'} |"
        )


def bench_check(runs: int) -> list[Row]:
    """`safety365 check` against parsing the same files with a plain YAML load and no validation."""
    rows = []
    for count in (1_000, 10_000):
        folder = corpus(count)
        timing = measure([str(BIN / "safety365"), "check", str(folder)], runs)
        base = measure([sys.executable, str(BENCH / "baseline_parse.py"), str(folder)], runs)
        target, met = ("< 10 s", timing.seconds < 10) if count == 10_000 else ("—", None)
        rows.append(Row("`check`", count, timing, "plain YAML load, no validation", base, target, met))
    return rows


AS_OF = "2025-12-31"
"""The synthetic corpora span 2016-2025; build them as of the end of that span."""


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_site(runs: int) -> tuple[list[Row], list[str]]:
    """Our build against a plain `mkdocs build` of the same pages written as Markdown files."""
    rows, sizes, per_record = [], [], {}
    for count in (1_000, 10_000):
        records = corpus(count)
        ours = OUT / f"site-{count}"
        plain = OUT / f"plain-{count}"
        subprocess.run([sys.executable, str(BENCH / "plain_site.py"), str(records), str(plain), AS_OF], check=True)
        timing = measure(["env", f"SAFETY365_RECORDS={records}", f"SAFETY365_AS_OF={AS_OF}", str(BIN / "mkdocs"), "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(ours / "site")], runs)
        base = measure([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain / "mkdocs.yml")], runs)
        ratio = timing.seconds / base.seconds
        rows.append(Row("site build (`mkdocs build` with the plugin)", count, timing, "plain `mkdocs build` of the same pages", base, "≤ 1.2×", ratio <= 1.2))
        site = ours / "site"
        index = site / "search" / "search_index.json"
        total = folder_size(site)
        per_record[count] = total / count
        sizes.append(
            f"| {count:,} | {total / 2**20:.0f} MB | {per_record[count] / 1024:.1f} KB "
            f"| {index.stat().st_size / 2**20:.1f} MB | {len(gzip.compress(index.read_bytes())) / 2**20:.2f} MB |"
        )
    growth = per_record[10_000] / per_record[1_000]
    sizes.append("")
    sizes.append(
        f"Size per record grows {growth:.2f}× from 1,000 to 10,000 records "
        f"(target: linear, ≤ 1.2×): {'met' if growth <= 1.2 else 'NOT met'}."
    )
    return rows, sizes


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]


def bench_bulletins(runs: int) -> tuple[list[Row], list[str]]:
    """All issues built in parallel against the same issues rendered one by one, and bytes per page."""
    rows, notes = [], []
    script = [sys.executable, str(BENCH / "bulletins.py")]
    for label, records, as_of, count, repeat in (
        ("sample 2017", REPO / "records", "2017-12-31", 207, runs),
        ("10,000 records", corpus(10_000), AS_OF, 10_000, 1),
    ):
        out = OUT / f"bulletins-{count}"
        timing = measure([*script, str(records), str(out), as_of], repeat)
        base = measure([*script, str(records), str(OUT / f"bulletins-{count}-serial"), as_of, "--serial"], repeat)
        rows.append(Row(f"all bulletins, {label}", count, timing, "same issues rendered one by one", base, "faster than serial", timing.seconds < base.seconds))
        pdfs = sorted(out.glob("*.pdf"))
        pages = sum(pdf_pages(pdf) for pdf in pdfs)
        per_page = sum(pdf.stat().st_size for pdf in pdfs) / pages
        notes.append(
            f"| {label} | {len(pdfs)} | {pages} | {per_page / 1024:.0f} KB | < 150 KB | {'met' if per_page < 150 * 1024 else 'NOT met'} |"
        )
    return rows, notes


def bench_tv(runs: int) -> tuple[list[Row], list[str]]:
    """A week's pack against a minute, and the preview's encoding against ffmpeg fed the same stills."""
    week = "2017-W50"
    pack = measure([str(BIN / "safety365"), "episode", week, "--out", str(OUT / "tv"), "--as-of", "2017-12-31", "--config", str(REPO / "mkdocs.yml")], runs)
    minute = Timing(60.0, 0.0)
    rows = [Row(f"TV pack {week} (preview included)", 207, pack, "one minute", minute, "< 1 min", pack.seconds < 60)]
    results = []
    for _ in range(runs):
        out = OUT / "preview"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        done = subprocess.run([sys.executable, str(BENCH / "preview.py"), week, str(out)], capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    ours = statistics.median(r["moviepy"] for r in results)
    base = statistics.median(r["ffmpeg"] for r in results)
    length = results[0]["seconds"]
    ratio = ours / base
    notes = [
        f"Preview of {week}: {length:.1f} s of programme. moviepy {ours:.1f} s ({length / ours:.1f}× real time); "
        f"bundled ffmpeg fed the same stills {base:.1f} s ({length / base:.1f}× real time); "
        f"ratio {ratio:.2f}× (target ≤ 1.5×): {'met' if ratio <= 1.5 else 'NOT met'}.",
    ]
    return rows, notes


def write_report(rows: list[Row], sizes: list[str], pdfs: list[str], tv: list[str]) -> None:
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("pydantic", "ruamel.yaml", "mkdocs", "mkdocs-material"))
    lines = [
        "# Benchmarks",
        "",
        f"Measured {dt.date.today()} by `make bench` (`bench/run.py`) on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; {versions}.",
        "Times are medians of separate processes; memory is the peak resident set size (`/usr/bin/time -v`).",
        "Corpora come from `bench/corpus.py` (all kinds, ten years, every town, cross-referenced, seed 2017).",
        "",
        "| measurement | records | time | peak memory | baseline (same run) | ratio | target | |",
        "| --- | ---: | ---: | ---: | --- | ---: | --- | --- |",
        *(row.markdown() for row in rows),
        "",
        "## Site size",
        "",
        "| records | site | per record | search index | search index gzipped |",
        "| ---: | ---: | ---: | ---: | ---: |",
        *sizes,
        "",
        "## Bulletin PDFs",
        "",
        "| corpus | issues | pages | size per page | target | |",
        "| --- | ---: | ---: | ---: | --- | --- |",
        *pdfs,
        "",
        "## TV preview",
        "",
        *tv,
        "",
    ]
    (REPO / "BENCHMARKS.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    site_rows, sizes = bench_site(args.runs)
    bulletin_rows, pdfs = bench_bulletins(args.runs)
    tv_rows, tv = bench_tv(args.runs)
    write_report(bench_check(args.runs) + site_rows + bulletin_rows + tv_rows, sizes, pdfs, tv)
    print((REPO / "BENCHMARKS.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
