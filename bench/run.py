"""Run the benchmarks and write BENCHMARKS.md: `python bench/run.py [--pairs N] [--rebuilds N]`.

Every comparison runs interleaved — ours, its baseline, ours, baseline… (see
`pairs.py`) — in separate processes, with peak memory from `/usr/bin/time -v`:
the figure is the median of the pair ratios, shown with their spread, and a
target the spread crosses is "unsettled". Ratios of runs made under the same
load hold on any machine; times alone do not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import os
import json
import platform
import shutil
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(BENCH))

import findable  # noqa: E402
from corpus import SAMPLE, write_corpus  # noqa: E402
from pairs import Paired, Sample, Verdict, combine, interleave, judge, pair, spread  # noqa: E402
from speed import disk  # noqa: E402


def run_once(command: list[str]) -> Sample:
    """Wall time, peak RSS and output of one run of `command` in its own process."""
    with tempfile.NamedTemporaryFile("r") as report:
        done = subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *command], check=True, capture_output=True, text=True)
        text = report.read()
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    assert peak is not None, text
    return Sample(_elapsed(text), int(peak[1]) / 1024, done.stdout + done.stderr)


def runner(command: list[str]) -> Callable[[], Sample]:
    """A run of `command`, to hand to `pair` or `interleave`."""
    return lambda: run_once(command)


def _elapsed(report: str) -> float:
    clock = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", report)
    assert clock is not None, report
    hours, minutes, seconds = clock.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)


def _made_from() -> str:
    """What a corpus is made from: its script and the sample's registries it copies. A change makes it again."""
    digest = hashlib.sha256()
    for path in (BENCH / "corpus.py", SAMPLE / "units.yaml", SAMPLE / "office.yaml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def corpus(count: int) -> Path:
    """A synthetic records folder of `count` records, written once and reused while what it is made from is unchanged."""
    folder, stamp = OUT / f"corpus-{count}", OUT / f"corpus-{count}.stamp"
    made_from = _made_from()
    if not (folder / "office.yaml").exists() or not stamp.is_file() or stamp.read_text(encoding="utf-8") != made_from:
        write_corpus(count, folder)
        stamp.write_text(made_from, encoding="utf-8")
    return folder


@dataclass
class Row:
    """One line of the table: our runs, the comparison with a baseline (None: a fixed target), the target and its verdict."""

    what: str
    records: int
    ours: list[Sample]
    baseline: str
    paired: Paired | None
    target: str
    verdict: Verdict | None

    @classmethod
    def of(cls, paired: Paired, what: str, records: int, baseline: str, target: str, verdict: Verdict | None = None) -> Row:
        """A row of `paired`, judged by its target ratio unless `verdict` says otherwise."""
        return cls(what, records, paired.ours, baseline, paired, target, verdict if verdict is not None else paired.verdict)

    def markdown(self) -> str:
        time = spread([s.seconds for s in self.ours]).text(" s")
        peak = max(s.peak_mb for s in self.ours)
        against = "— | —"
        if self.paired is not None:
            once = " (once)" if len(self.paired.baseline) == 1 < len(self.ours) else ""
            against = f"{self.baseline}{once}: {self.paired.base_time.text(' s')} | {self.paired.ratio.text('×')}"
        return f"| {self.what} | {self.records:,} | {time} | {peak:.0f} MB | {against} | {self.target} | {self.verdict or '—'} |"


def met(condition: bool) -> Verdict:
    """The verdict of a target that is a fact of the output, not a timing."""
    return "met" if condition else "missed"


def bench_check(pairs: int) -> list[Row]:
    """`safety365 check` against parsing the same files with a plain YAML load and no validation."""
    rows = []
    for count in (1_000, 10_000):
        folder = corpus(count)
        result = pair("check", runner([str(BIN / "safety365"), "check", str(folder)]),
                      runner([sys.executable, str(BENCH / "baseline_parse.py"), str(folder)]), None, pairs)
        target, verdict = ("≤ 10 s", judge(result.time, 10.0)) if count == 10_000 else ("—", None)
        rows.append(Row.of(result, "`check`", count, "plain YAML load, no validation", target, verdict))
    return rows


AS_OF = "2025-12-31"
"""The synthetic corpora span 2016-2025; build them as of the end of that span."""


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_site(pairs: int) -> tuple[list[Row], list[str]]:
    """Our build against a plain `mkdocs build` and Hugo of the same pages, in the same rounds; site and search index sizes."""
    rows, sizes, per_record = [], [], {}
    for count in (1_000, 10_000):
        records = corpus(count)
        ours = OUT / f"site-{count}"
        plain = OUT / f"plain-{count}"
        subprocess.run([sys.executable, str(BENCH / "plain_site.py"), str(records), str(plain), AS_OF], check=True)
        mine, (mkdocs, hugo) = interleave(
            runner(["env", f"SAFETY365_RECORDS={records}", f"SAFETY365_AS_OF={AS_OF}", str(BIN / "mkdocs"), "build", "-q",
                    "-f", str(REPO / "mkdocs.yml"), "-d", str(ours / "site")]),
            [runner([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain / "mkdocs.yml")]),
             runner(["hugo", "--quiet", "-s", str(plain / "hugo"), "-d", str(plain / "hugo" / "public")])],
            pairs,
        )
        what = "site build (`mkdocs build` with the plugin)"
        if count == 10_000:
            against = Paired(what, mine, mkdocs, 0.75)
            memory = judge(spread([s.peak_mb for s in mine]), 1024)
            rows.append(Row.of(against, what, count, "plain `mkdocs build` of the same pages", "≤ 0.75×, ≤ 1 GB",
                               combine(judge(against.ratio, 0.75), memory)))
        else:
            rows.append(Row.of(Paired(what, mine, mkdocs, 1.2), what, count, "plain `mkdocs build` of the same pages", "≤ 1.2×"))
        rows.append(Row.of(Paired(what, mine, hugo), what, count, "Hugo of the same pages, minimal templates", "reported"))
        site = ours / "site"
        index = site / "search" / "search_index.json"
        total = folder_size(site)
        per_record[count] = total / count
        packed = len(gzip.compress(index.read_bytes())) / 2**20
        checked, words, missed = findable.misses(records, dt.date.fromisoformat(AS_OF), site, REPO / "mkdocs.yml")
        sizes.append(
            f"| {count:,} | {total / 2**20:.0f} MB | {per_record[count] / 1024:.1f} KB "
            f"| {index.stat().st_size / 2**20:.1f} MB | {packed:.2f} MB | {words:,} words of {checked:,} records, {len(missed)} missed "
            f"| {met(packed < 3 and not missed)} |"
        )
    growth = per_record[10_000] / per_record[1_000]
    sizes.append("")
    sizes.append(
        f"Size per record grows {growth:.2f}× from 1,000 to 10,000 records "
        f"(target: linear, ≤ 1.2×): {met(growth <= 1.2)}."
    )
    return rows, sizes


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]


def page_sizes(label: str, pdfs: list[Path]) -> str:
    pages = sum(pdf_pages(pdf) for pdf in pdfs)
    per_page = sum(pdf.stat().st_size for pdf in pdfs) / pages
    return f"| {label} | {len(pdfs)} | {pages} | {per_page / 1024:.0f} KB | < 150 KB | {met(per_page < 150 * 1024)} |"


def bench_bulletins(pairs: int) -> tuple[list[Row], list[str]]:
    """The sample's issues built in parallel against the same issues rendered one by one, and bytes per page."""
    script = [sys.executable, str(BENCH / "bulletins.py")]
    records, as_of, out = REPO / "records", "2017-12-31", OUT / "bulletins-207"
    result = pair("bulletins", runner([*script, str(records), str(out), as_of]),
                  runner([*script, str(records), str(OUT / "bulletins-207-serial"), as_of, "--serial"]), 1.0, pairs)
    row = Row.of(result, "all bulletins, sample 2017", 207, "same issues rendered one by one", "faster than serial (≤ 1×)")
    return [row], [page_sizes("sample 2017", sorted(out.glob("*.pdf")))]


REPORTED = re.compile(r"^(bulletins|TV packs): (\d+) \w+ \((\d+) rendered, (\d+) unchanged\)", re.M)


def rendered(output: str) -> dict[str, tuple[int, int]]:
    """What `safety365 build` reported: output -> (editions, rendered)."""
    return {m[1]: (int(m[2]), int(m[3])) for m in REPORTED.finditer(output)}


def bench_builds(rebuilds: int) -> tuple[list[Row], list[str], list[str]]:
    """`safety365 build` of the 10,000-record corpus: cold (every bulletin, pack and page) once, then unchanged and one record edited.

    The cold build takes half of the bench's time: it runs once, and each
    rebuild is compared with it (its spread is that of the rebuilds).
    """
    folder = OUT / "build-10000"
    shutil.rmtree(folder, ignore_errors=True)
    records = folder / "records"
    shutil.copytree(corpus(10_000), records)
    command = [str(BIN / "safety365"), "build", "--records", str(records), "--out", str(folder / "dist"), "--as-of", AS_OF,
               "--config", str(REPO / "mkdocs.yml"), "--cache", str(folder / "cache")]
    full = run_once(command)
    size, _, _ = disk(*(path for path in folder.iterdir() if path != records))  # the cache and every version of dist/ the build keeps
    unchanged = [run_once(command) for _ in range(rebuilds)]
    news = sorted((records / "news").rglob("*.yaml"))
    edited = news[len(news) // 2]  # mid-archive: its issue and episode are long printed and aired
    edits = []
    for number in range(rebuilds):
        text = edited.read_text(encoding="utf-8")
        edited.write_text(re.sub(r"^title: .*$", f"title: 更正后的标题第{number + 1}次", text, flags=re.M), encoding="utf-8")
        edits.append(run_once(command))
    full_counts = rendered(full.output)
    same, changed = [rendered(s.output) for s in unchanged], [rendered(s.output) for s in edits]
    nothing = all(n == 0 for counts in same for _, n in counts.values()) and all("site: unchanged" in s.output for s in unchanged)
    only_its_own = all(len(counts) == 2 and all(n == 1 for _, n in counts.values()) for counts in changed)
    still = Paired("unchanged", unchanged, [full], 0.10)
    assert still.verdict is not None
    rows = [
        Row("`safety365 build`, cold: every bulletin, TV pack and page", 10_000, [full], "", None, "≤ 240 s",
            judge(spread([full.seconds]), 240.0)),
        Row.of(still, "`safety365 build`, nothing changed", 10_000, "the cold build", "≤ 10 %, renders nothing",
               combine(still.verdict, met(nothing))),
        Row.of(Paired("edited", edits, [full]), "`safety365 build`, one news record edited", 10_000, "the cold build",
               "renders its issue and episode only", met(only_its_own)),
    ]
    notes = [
        f"Cold build: {full_counts.get('bulletins', (0, 0))[0]} bulletin issues and {full_counts.get('TV packs', (0, 0))[0]} TV packs "
        f"(a preview video for the last week's pack), then the site. Rendered on the unchanged rebuild: "
        f"{same[-1].get('bulletins', (0, 0))[1]} issues, {same[-1].get('TV packs', (0, 0))[1]} packs; after editing `{edited.name}`: "
        f"{changed[-1].get('bulletins', (0, 0))[1]} issue, {changed[-1].get('TV packs', (0, 0))[1]} pack and the site "
        f"(the site is stored whole and placed again when nothing it shows changed). "
        f"The cold build runs once; each of the {rebuilds} rebuilds of either kind is divided by it.",
        f"After the cold build the render cache and `dist/` hold {size / 1e9:.2f} GB on disk (a hard-linked file counted once; "
        f"target ≤ 1.5 GB): {met(size <= 1.5e9)}.",
    ]
    pdfs = sorted((folder / "dist" / "bulletins").glob("*.pdf"))
    return rows, notes, [page_sizes("10,000 records", pdfs)]


def bench_serve() -> list[str]:
    """Seconds from saving a record to its page showing the change in `safety365 serve`, at 10,000 records."""
    done = subprocess.run([sys.executable, str(BENCH / "serve_latency.py"), str(corpus(10_000)), AS_OF, "--edits", "5"],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    latency = spread(result["latencies"])
    return [
        f"`safety365 serve` on 10,000 records: first build {result['startup']:.1f} s; a saved news title shows on its page "
        f"in {latency.text(' s')} (median and range of {len(result['latencies'])} saves; target ≤ 3 s): {judge(latency, 3.0)}.",
    ]


def bench_desk() -> list[str]:
    """Seconds a save takes in the editors' desk, and until the case list shows in the browser, at 10,000 records."""
    done = subprocess.run([sys.executable, str(BENCH / "desk.py"), str(corpus(10_000)), "--saves", "5"],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    saved, listed = spread(result["saves"]), spread(result["list_clicks"])
    return [
        f"`safety365 desk` on 10,000 records: started in {result['startup']:.1f} s; a case saved (checked against the whole "
        f"catalog, written, committed) in {saved.text(' s')} (median and range of {len(result['saves'])} saves; target ≤ 1 s): "
        f"{judge(saved, 1.0)}; the {result['cases']:,} cases listed in the browser in {listed.text(' s')} after a click "
        f"({result['list_cold']:.1f} s from a cold page load; target ≤ 2 s): {judge(listed, 2.0)}.",
    ]


def bench_tv(pairs: int) -> tuple[list[Row], list[str]]:
    """A week's pack against a minute, and the preview's encoding against ffmpeg fed the same stills, in turn."""
    week = "2017-W50"
    with tempfile.TemporaryDirectory() as cache:  # cold: drawn, not placed from a cache
        pack = run_once([str(BIN / "safety365"), "episode", week, "--out", str(OUT / "tv"), "--as-of", "2017-12-31",
                         "--config", str(REPO / "mkdocs.yml"), "--cache", cache])
    rows = [Row(f"TV pack {week} (preview included)", 207, [pack], "", None, "≤ 1 min", judge(spread([pack.seconds]), 60.0))]
    out = OUT / "preview"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    done = subprocess.run([sys.executable, str(BENCH / "preview.py"), week, str(out), "--pairs", str(pairs)],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    encoded = Paired("preview", [Sample(s, 0.0) for s in result["moviepy"]], [Sample(s, 0.0) for s in result["ffmpeg"]], 1.5)
    length = result["seconds"]
    ours, base = encoded.time.median, encoded.base_time.median
    notes = [
        f"Preview of {week}: {length:.1f} s of programme, encoded in {pairs} pairs (moviepy, then ffmpeg). "
        f"moviepy {encoded.time.text(' s', 1)} ({length / ours:.1f}× real time); "
        f"bundled ffmpeg fed the same stills {encoded.base_time.text(' s', 1)} ({length / base:.1f}× real time); "
        f"ratio {encoded.ratio.text('×')} (target ≤ 1.5×): {encoded.verdict}.",
    ]
    return rows, notes


@dataclass
class Report:
    rows: list[Row]
    sizes: list[str]
    pdfs: list[str]
    builds: list[str]
    preview: list[str]
    desk: list[str]
    tv: list[str]
    minutes: float
    pairs: int
    rebuilds: int


def write_report(report: Report) -> None:
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("pydantic", "ruamel.yaml", "mkdocs", "mkdocs-material"))
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True).stdout.split()[1]
    lines = [
        "# Benchmarks",
        "",
        f"Measured {dt.date.today()} by `make bench` (`bench/run.py`) on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; {versions}; Hugo {hugo}.",
        f"Every comparison runs interleaved in {report.pairs} pairs of separate processes: ours, its baseline, ours, its baseline… "
        "(the site: ours, plain mkdocs, Hugo in each round), so both sides of a pair run under the same load. "
        "A time is the median of our runs and a ratio the median of the pair ratios, each with its range (min–max) in brackets. "
        "A target is met when the whole range is within it, missed when none of it is, and unsettled when the range crosses it. "
        f"The cold build and a week's pack run once; the rebuilds {report.rebuilds} times each, against the one cold build. "
        "Memory is the largest peak resident set size (`/usr/bin/time -v`).",
        "Corpora come from `bench/corpus.py` (all kinds, ten years, every town, cross-referenced, seed 2017).",
        f"The whole run took {report.minutes:.1f} minutes (target < 20): {met(report.minutes < 20)}.",
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
        "## Editors' preview and desk",
        "",
        *report.preview,
        "",
        *report.desk,
        "",
        "## TV preview",
        "",
        *report.tv,
        "",
    ]
    (REPO / "BENCHMARKS.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=3, help="interleaved pairs of every comparison (at least 3 to show a spread)")
    parser.add_argument("--rebuilds", type=int, default=2, help="runs of each rebuild of the 10,000-record corpus (the cold build runs once)")
    args = parser.parse_args()
    if args.pairs < 1 or args.rebuilds < 1:
        parser.error("--pairs and --rebuilds take at least 1")
    start = time.perf_counter()
    check_rows = bench_check(args.pairs)
    site_rows, sizes = bench_site(args.pairs)
    build_rows, builds, corpus_pdfs = bench_builds(args.rebuilds)
    bulletin_rows, pdfs = bench_bulletins(args.pairs)
    tv_rows, tv = bench_tv(args.pairs)
    preview = bench_serve()
    desk = bench_desk()
    rows = check_rows + site_rows + build_rows + bulletin_rows + tv_rows
    minutes = (time.perf_counter() - start) / 60
    write_report(Report(rows, sizes, pdfs + corpus_pdfs, builds, preview, desk, tv, minutes, args.pairs, args.rebuilds))
    print((REPO / "BENCHMARKS.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
