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
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(BENCH))

import findable  # noqa: E402
from corpus import write_corpus  # noqa: E402


@dataclass
class Timing:
    seconds: float
    peak_mb: float
    output: str = ""
    """What the last run printed (stdout, then stderr)."""


def measure(command: list[str], runs: int) -> Timing:
    """Median wall time and the largest peak RSS over `runs` runs of `command`."""
    times, peaks = [], []
    output = ""
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as report:
            done = subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *command], check=True, capture_output=True, text=True)
            text = report.read()
        output = done.stdout + done.stderr
        times.append(_elapsed(text))
        peaks.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)[1]) / 1024)  # type: ignore[index]
    return Timing(statistics.median(times), max(peaks), output)


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
    base: Timing | None
    target: str
    met: bool | None

    def markdown(self) -> str:
        against = "— | —" if self.base is None else f"{self.baseline}: {self.base.seconds:.2f} s | {self.timing.seconds / self.base.seconds:.2f}×"
        return (
            f"| {self.what} | {self.records:,} | {self.timing.seconds:.2f} s | {self.timing.peak_mb:.0f} MB "
            f"| {against} | {self.target} | {'—' if self.met is None else 'met' if self.met else 'NOT met'} |"
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


def bench_site(runs: int, heavy: int) -> tuple[list[Row], list[str]]:
    """Our build against a plain `mkdocs build` and Hugo of the same pages; site and search index sizes."""
    rows, sizes, per_record = [], [], {}
    for count in (1_000, 10_000):
        records = corpus(count)
        ours = OUT / f"site-{count}"
        plain = OUT / f"plain-{count}"
        subprocess.run([sys.executable, str(BENCH / "plain_site.py"), str(records), str(plain), AS_OF], check=True)
        repeat = runs if count < 10_000 else heavy
        timing = measure(["env", f"SAFETY365_RECORDS={records}", f"SAFETY365_AS_OF={AS_OF}", str(BIN / "mkdocs"), "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(ours / "site")], repeat)
        base = measure([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain / "mkdocs.yml")], repeat)
        hugo = measure(["hugo", "--quiet", "-s", str(plain / "hugo"), "-d", str(plain / "hugo" / "public")], runs)
        ratio = timing.seconds / base.seconds
        what = "site build (`mkdocs build` with the plugin)"
        if count == 10_000:
            target, met = "≤ 0.75×, < 1 GB", ratio <= 0.75 and timing.peak_mb < 1024
        else:
            target, met = "≤ 1.2×", ratio <= 1.2
        rows.append(Row(what, count, timing, "plain `mkdocs build` of the same pages", base, target, met))
        rows.append(Row(what, count, timing, "Hugo of the same pages, minimal templates", hugo, "reported", None))
        site = ours / "site"
        index = site / "search" / "search_index.json"
        total = folder_size(site)
        per_record[count] = total / count
        packed = len(gzip.compress(index.read_bytes())) / 2**20
        checked, words, missed = findable.misses(records, dt.date.fromisoformat(AS_OF), site, REPO / "mkdocs.yml")
        sizes.append(
            f"| {count:,} | {total / 2**20:.0f} MB | {per_record[count] / 1024:.1f} KB "
            f"| {index.stat().st_size / 2**20:.1f} MB | {packed:.2f} MB | {words:,} words of {checked:,} records, {len(missed)} missed "
            f"| {'met' if packed < 3 and not missed else 'NOT met'} |"
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


def page_sizes(label: str, pdfs: list[Path]) -> str:
    pages = sum(pdf_pages(pdf) for pdf in pdfs)
    per_page = sum(pdf.stat().st_size for pdf in pdfs) / pages
    return f"| {label} | {len(pdfs)} | {pages} | {per_page / 1024:.0f} KB | < 150 KB | {'met' if per_page < 150 * 1024 else 'NOT met'} |"


def bench_bulletins(runs: int) -> tuple[list[Row], list[str]]:
    """The sample's issues built in parallel against the same issues rendered one by one, and bytes per page."""
    script = [sys.executable, str(BENCH / "bulletins.py")]
    records, as_of, out = REPO / "records", "2017-12-31", OUT / "bulletins-207"
    timing = measure([*script, str(records), str(out), as_of], runs)
    base = measure([*script, str(records), str(OUT / "bulletins-207-serial"), as_of, "--serial"], runs)
    row = Row("all bulletins, sample 2017", 207, timing, "same issues rendered one by one", base, "faster than serial", timing.seconds < base.seconds)
    return [row], [page_sizes("sample 2017", sorted(out.glob("*.pdf")))]


REPORTED = re.compile(r"^(bulletins|TV packs): (\d+) \w+ \((\d+) rendered, (\d+) unchanged\)", re.M)


def rendered(output: str) -> dict[str, tuple[int, int]]:
    """What `safety365 build` reported: output -> (editions, rendered)."""
    return {m[1]: (int(m[2]), int(m[3])) for m in REPORTED.finditer(output)}


def bench_builds(runs: int) -> tuple[list[Row], list[str], list[str]]:
    """`safety365 build` of the 10,000-record corpus: cold (every bulletin, pack and page), unchanged, one record edited."""
    folder = OUT / "build-10000"
    shutil.rmtree(folder, ignore_errors=True)
    records = folder / "records"
    shutil.copytree(corpus(10_000), records)
    command = [str(BIN / "safety365"), "build", "--records", str(records), "--out", str(folder / "dist"), "--as-of", AS_OF,
               "--config", str(REPO / "mkdocs.yml"), "--cache", str(folder / "cache")]
    full = measure(command, 1)
    unchanged = measure(command, runs)
    news = sorted((records / "news").rglob("*.yaml"))
    edited = news[len(news) // 2]  # mid-archive: its issue and episode are long printed and aired
    edits = []
    for number in range(runs):
        text = edited.read_text(encoding="utf-8")
        edited.write_text(re.sub(r"^title: .*$", f"title: 更正后的标题第{number + 1}次", text, flags=re.M), encoding="utf-8")
        edits.append(measure(command, 1))
    edit = Timing(statistics.median(t.seconds for t in edits), max(t.peak_mb for t in edits), edits[-1].output)
    full_counts, same, changed = rendered(full.output), rendered(unchanged.output), rendered(edit.output)
    ratio = unchanged.seconds / full.seconds
    rows = [
        Row("`safety365 build`, cold: every bulletin, TV pack and page", 10_000, full, "", None, "reported", None),
        Row("`safety365 build`, nothing changed", 10_000, unchanged, "the cold build", full, "< 10 %, renders nothing",
            ratio < 0.10 and all(n == 0 for _, n in same.values()) and "site: unchanged" in unchanged.output),
        Row("`safety365 build`, one news record edited", 10_000, edit, "the cold build", full, "renders its issue and episode only",
            all(n == 1 for _, n in changed.values()) and len(changed) == 2),
    ]
    notes = [
        f"Cold build: {full_counts.get('bulletins', (0, 0))[0]} bulletin issues and {full_counts.get('TV packs', (0, 0))[0]} TV packs "
        f"(a preview video for the last week's pack), then the site. Rendered on the unchanged rebuild: "
        f"{same.get('bulletins', (0, 0))[1]} issues, {same.get('TV packs', (0, 0))[1]} packs; after editing `{edited.name}`: "
        f"{changed.get('bulletins', (0, 0))[1]} issue, {changed.get('TV packs', (0, 0))[1]} pack and the site "
        f"(the site is stored whole and placed again when nothing it shows changed).",
    ]
    pdfs = sorted((folder / "dist" / "bulletins").glob("*.pdf"))
    return rows, notes, [page_sizes("10,000 records", pdfs)]


def bench_serve() -> list[str]:
    """Seconds from saving a record to its page showing the change in `safety365 serve`, at 10,000 records."""
    done = subprocess.run([sys.executable, str(BENCH / "serve_latency.py"), str(corpus(10_000)), AS_OF, "--edits", "5"],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    latency = statistics.median(result["latencies"])
    worst = max(result["latencies"])
    return [
        f"`safety365 serve` on 10,000 records: first build {result['startup']:.1f} s; a saved news title shows on its page "
        f"in {latency:.2f} s (median of {len(result['latencies'])} saves, slowest {worst:.2f} s; "
        f"target < 3 s): {'met' if worst < 3 else 'NOT met'}.",
    ]


def bench_tv(heavy: int) -> tuple[list[Row], list[str]]:
    """A week's pack against a minute, and the preview's encoding against ffmpeg fed the same stills."""
    week = "2017-W50"
    with tempfile.TemporaryDirectory() as cache:  # cold: drawn, not placed from a cache
        pack = measure([str(BIN / "safety365"), "episode", week, "--out", str(OUT / "tv"), "--as-of", "2017-12-31",
                        "--config", str(REPO / "mkdocs.yml"), "--cache", cache], 1)
    minute = Timing(60.0, 0.0)
    rows = [Row(f"TV pack {week} (preview included)", 207, pack, "one minute", minute, "< 1 min", pack.seconds < 60)]
    results = []
    for _ in range(heavy):
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


@dataclass
class Report:
    rows: list[Row]
    sizes: list[str]
    pdfs: list[str]
    builds: list[str]
    preview: list[str]
    tv: list[str]
    minutes: float
    runs: tuple[int, int]
    """Runs of the quick measurements and of the long ones."""


def write_report(report: Report) -> None:
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("pydantic", "ruamel.yaml", "mkdocs", "mkdocs-material"))
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True).stdout.split()[1]
    lines = [
        "# Benchmarks",
        "",
        f"Measured {dt.date.today()} by `make bench` (`bench/run.py`) on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; {versions}; Hugo {hugo}.",
        f"Times are medians of {report.runs[0]} separate processes ({report.runs[1]} for the mkdocs builds of 10,000 records, the rebuilds, "
        "the sample's bulletins and the preview; "
        "the cold build and a week's pack run once); memory is the peak resident set size (`/usr/bin/time -v`).",
        "Corpora come from `bench/corpus.py` (all kinds, ten years, every town, cross-referenced, seed 2017).",
        f"The whole run took {report.minutes:.1f} minutes (target < 20): {'met' if report.minutes < 20 else 'NOT met'}.",
        "",
        "| measurement | records | time | peak memory | baseline (same run) | ratio | target | |",
        "| --- | ---: | ---: | ---: | --- | ---: | --- | --- |",
        *(row.markdown() for row in report.rows),
        "",
        "## Rebuilds",
        "",
        *report.builds,
        "",
        "## Site size and search",
        "",
        "The search index must stay under 3 MB gzipped and find every record by each word of its title and gist",
        "(each Chinese word jieba cuts from them must be a token of the record's entry, split as the browser splits it).",
        "",
        "| records | site | per record | search index | gzipped | findable | target |",
        "| ---: | ---: | ---: | ---: | ---: | --- | --- |",
        *report.sizes,
        "",
        "## Bulletin PDFs",
        "",
        "| corpus | issues | pages | size per page | target | |",
        "| --- | ---: | ---: | ---: | --- | --- |",
        *report.pdfs,
        "",
        "## Editors' preview",
        "",
        *report.preview,
        "",
        "## TV preview",
        "",
        *report.tv,
        "",
    ]
    (REPO / "BENCHMARKS.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs of the quick measurements; the long ones get one fewer")
    args = parser.parse_args()
    heavy = max(1, args.runs - 1)
    start = time.perf_counter()
    check_rows = bench_check(args.runs)
    site_rows, sizes = bench_site(args.runs, heavy)
    build_rows, builds, corpus_pdfs = bench_builds(heavy)
    bulletin_rows, pdfs = bench_bulletins(heavy)
    tv_rows, tv = bench_tv(heavy)
    preview = bench_serve()
    rows = check_rows + site_rows + build_rows + bulletin_rows + tv_rows
    write_report(Report(rows, sizes, pdfs + corpus_pdfs, builds, preview, tv, (time.perf_counter() - start) / 60, (args.runs, heavy)))
    print((REPO / "BENCHMARKS.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
