"""Run the benchmarks and write BENCHMARKS.md: `python bench/run.py [--pairs N] [--sample-pairs N] [--rebuilds N]`.

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from ruamel.yaml import YAML

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(BENCH))

import findable  # noqa: E402
import zensical_site  # noqa: E402
from corpus import SAMPLE, write_corpus  # noqa: E402
from pairs import Paired, Sample, Verdict, combine, interleave, judge, pair, spread  # noqa: E402
from speed import disk  # noqa: E402

T = TypeVar("T")


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
            unpaired = " (not paired: every combination)" if not self.paired.interleaved else ""
            against = f"{self.baseline}{once}: {self.paired.base_time.text(' s')} | {self.paired.ratio.text('×')}{unpaired}"
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


SITE = "site build (`mkdocs build` with the plugin)"


def bench_site(pairs: int) -> tuple[list[Row], list[str], dict[int, list[Sample]], list[Sample]]:
    """Our build against a plain `mkdocs build` and Hugo of the same pages, in the same rounds; site and search index sizes.

    Our runs by corpus, and Hugo's of the 10,000-record pages, are handed
    back: Zensical's build is set beside ours, and the one-edit rebuild is
    held to twice Hugo's full build of the same pages.
    """
    rows, sizes, per_record, ours, hugo_10k = [], [], {}, {}, []
    for count in (1_000, 10_000):
        records = corpus(count)
        built = OUT / f"site-{count}"
        plain = OUT / f"plain-{count}"
        subprocess.run([sys.executable, str(BENCH / "plain_site.py"), str(records), str(plain), AS_OF], check=True)
        mine, (mkdocs, hugo) = interleave(
            runner(["env", f"SAFETY365_RECORDS={records}", f"SAFETY365_AS_OF={AS_OF}", str(BIN / "mkdocs"), "build", "-q",
                    "-f", str(REPO / "mkdocs.yml"), "-d", str(built / "site")]),
            [runner([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain / "mkdocs.yml")]),
             runner(["hugo", "--quiet", "-s", str(plain / "hugo"), "-d", str(plain / "hugo" / "public")])],
            pairs,
        )
        what = SITE
        ours[count] = mine
        if count == 10_000:
            hugo_10k = hugo
            against = Paired(what, mine, mkdocs, 0.5)
            memory = judge(spread([s.peak_mb for s in mine]), 1024)
            rows.append(Row.of(against, what, count, "plain `mkdocs build` of the same pages", "≤ 0.5×, ≤ 1 GB",
                               combine(judge(against.ratio, 0.5), memory)))
        else:
            rows.append(Row.of(Paired(what, mine, mkdocs, 1.2), what, count, "plain `mkdocs build` of the same pages", "≤ 1.2×"))
        rows.append(Row.of(Paired(what, mine, hugo), what, count, "Hugo of the same pages, minimal templates", "reported"))
        site = built / "site"
        index = site / "search" / "search_index.json"
        total = folder_size(site)
        per_record[count] = total / count
        packed = len(gzip.compress(index.read_bytes())) / 2**20
        checked, words, missed = findable.misses(records, dt.date.fromisoformat(AS_OF), findable.material_index(site),
                                                 findable.separator(REPO / "mkdocs.yml"))
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
    return rows, sizes, ours, hugo_10k


def bench_zensical(ours: dict[int, list[Sample]]) -> tuple[list[Row], list[str]]:
    """`zensical build` of the pages `plain_site.py` wrote for the site rounds, once per corpus, beside `ours`; what survives it.

    It runs once per corpus (at 10,000 records a run of it takes longer than
    the three rounds of ours): its row divides each of our runs by it and
    reports, no target. A build it stops is reported with its last line.
    """
    zensical = BIN / "zensical"
    if not zensical.exists():
        return [], ["Zensical: not installed (`make bench` installs the `bench` extra), not measured."]
    version = metadata.version("zensical")
    rows, notes = [], []
    for count, mine in ours.items():
        plain = OUT / f"plain-{count}"
        command = [str(zensical), "build", "--clean", "-f", str(zensical_site.configure(plain))]  # --clean: from scratch, as ours
        start = time.perf_counter()
        try:
            built = run_once(command)
        except subprocess.CalledProcessError as failed:
            last = failed.stderr.strip().splitlines()[-1]
            notes.append(f"Zensical {version}, {count:,} records: the build stopped after {time.perf_counter() - start:.0f} s: `{last}`")
            continue
        rows.append(Row.of(Paired("zensical", mine, [built]), SITE, count,
                           f"`zensical build` {version} of the same pages, written beforehand", "reported"))
        notes.extend(zensical_survey(plain, count, version, built))
    return rows, notes


def zensical_survey(plain: Path, count: int, version: str, built: Sample) -> list[str]:
    """What of the site Zensical's build of PLAIN kept: search, templates, boards (`zensical_site.py`)."""
    shot = OUT / f"zensical-board-{count}-390.png"
    done = subprocess.run([sys.executable, str(BENCH / "zensical_site.py"), str(plain), str(corpus(count)), AS_OF, "--shot", str(shot)],
                          capture_output=True, text=True, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    shown = "present" if found["boards"] else "absent"
    return [
        f"Zensical {version}, {count:,} records: {found['pages']:,} pages from the pages `bench/plain_site.py` writes beforehand "
        f"(it runs no third-party plugin: ours never runs under it) in {built.seconds:.1f} s, {built.peak_mb:.0f} MB.",
        f"- search: its own index (`search.json`, {found['search_entries']:,} entries; Material's `search/search_index.json` "
        f"{'present' if found['material_index'] else 'absent'}), {found['segmented']:,} entries segmented for Chinese: "
        f"{found['words'] - found['missed']:,} of {found['words']:,} words of the titles and gists of {found['records_checked']:,} "
        f"records are whole tokens of their page's entries (ours: every one).",
        f"- templates: `theme/main.html` applied (sharing meta {'present' if found['sharing_meta'] else 'absent'}; "
        f"the script holding Material's index file back {'present' if found['hold_back_script'] else 'absent'}, "
        f"though it waits for a file Zensical does not write); the boards' markup {shown} "
        f"(`{shot.relative_to(REPO)}`: the boards at 390 px).",
    ]


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


def signer(records: Path) -> str:
    """The first editor named in the corpus's office.yaml: who signs what the bench issues."""
    office = YAML(typ="safe").load((records / "office.yaml").read_text(encoding="utf-8"))
    return str(office["editors"][0]["name"])


def bench_builds(rebuilds: int, hugo: list[Sample]) -> tuple[list[Row], list[str], list[str]]:
    """`safety365 build` of the 10,000-record corpus: cold once, then unchanged and one record edited; `check` and issuing after it.

    The cold build takes half of the bench's time: it runs once, and each
    unchanged rebuild is compared with it (its spread is that of the
    rebuilds). Each edit's rebuild is held to 5 s and to twice `hugo` (Hugo's
    full build of the same pages, run in the site rounds), and `check` runs
    after it on the build's cache. Issuing one bulletin and one episode then
    runs on a fresh copy of the corpus with that cache, once each.
    """
    folder = OUT / "build-10000"
    shutil.rmtree(folder, ignore_errors=True)
    records, cache = folder / "records", folder / "cache"
    shutil.copytree(corpus(10_000), records)
    command = [str(BIN / "safety365"), "build", "--records", str(records), "--out", str(folder / "dist"), "--as-of", AS_OF,
               "--config", str(REPO / "mkdocs.yml"), "--cache", str(cache)]
    full = run_once(command)
    size, _, _ = disk(*(path for path in folder.iterdir() if path != records))  # the cache and every version of dist/ the build keeps
    unchanged = [run_once(command) for _ in range(rebuilds)]
    news = sorted((records / "news").rglob("*.yaml"))
    edited = news[len(news) // 2]  # mid-archive: its issue and episode are long printed and aired
    edits, checks = [], []
    for number in range(rebuilds):
        text = edited.read_text(encoding="utf-8")
        edited.write_text(re.sub(r"^title: .*$", f"title: 更正后的标题第{number + 1}次", text, flags=re.M), encoding="utf-8")
        edits.append(run_once(command))
        checks.append(run_once([str(BIN / "safety365"), "check", str(records), "--cache", str(cache)]))
    full_counts = rendered(full.output)
    same, changed = [rendered(s.output) for s in unchanged], [rendered(s.output) for s in edits]
    nothing = all(n == 0 for counts in same for _, n in counts.values()) and all("site: unchanged" in s.output for s in unchanged)
    only_its_own = all(len(counts) == 2 and all(n == 1 for _, n in counts.values()) for counts in changed)
    still = Paired("unchanged", unchanged, [full], 0.10)
    assert still.verdict is not None
    against_hugo = Paired("edited", edits, hugo, 2.0, interleaved=False)
    assert against_hugo.verdict is not None
    checked = spread([s.seconds for s in checks])
    rows = [
        Row("`safety365 build`, cold: every bulletin, TV pack and page", 10_000, [full], "", None, "≤ 240 s",
            judge(spread([full.seconds]), 240.0)),
        Row.of(still, "`safety365 build`, nothing changed", 10_000, "the cold build", "≤ 10 %, renders nothing",
               combine(still.verdict, met(nothing))),
        Row.of(against_hugo, "`safety365 build`, one news title edited (warm cache)", 10_000,
               "Hugo's full build of the same pages (site rounds)", "≤ 5 s, ≤ 2× Hugo, renders its issue and episode only",
               combine(judge(against_hugo.time, 5.0), against_hugo.verdict, met(only_its_own))),
        Row("`safety365 check` after that edit (memo warm)", 10_000, checks, "", None, "≤ 1 s", judge(checked, 1.0)),
        *bench_issuing(cache),
    ]
    notes = [
        f"Cold build: {full_counts.get('bulletins', (0, 0))[0]} bulletin issues and {full_counts.get('TV packs', (0, 0))[0]} TV packs "
        f"(a preview video for the last week's pack), then the site. Rendered on the unchanged rebuild: "
        f"{same[-1].get('bulletins', (0, 0))[1]} issues, {same[-1].get('TV packs', (0, 0))[1]} packs; after editing `{edited.name}`: "
        f"{changed[-1].get('bulletins', (0, 0))[1]} issue, {changed[-1].get('TV packs', (0, 0))[1]} pack and the site "
        f"(the published site is taken whole while its key is unchanged; otherwise only the pages the edit reaches are rendered). "
        f"The cold build runs once; each of the {rebuilds} rebuilds of either kind is divided by it. "
        f"The edit's rebuild is divided by each of Hugo's {len(hugo)} full builds of the same 10,000 records' pages.",
        f"After the cold build the render cache and `dist/` hold {size / 1e9:.2f} GB on disk (a hard-linked file counted once; "
        f"target ≤ 1.5 GB): {met(size <= 1.5e9)}.",
    ]
    pdfs = sorted((folder / "dist" / "bulletins").glob("*.pdf"))
    return rows, notes, [page_sizes("10,000 records", pdfs)]


ISSUED = (f"{AS_OF[:4]}-23", f"{AS_OF[:4]}-W50")
"""The bulletin and the episode the bench issues: the corpus's last year's, as bench/speed.py issues them."""


def bench_issuing(cache: Path) -> list[Row]:
    """Issuing one bulletin and one episode of the 10,000-record corpus, each on a fresh copy of it and the builds' cache."""
    rows = []
    for kind, edition in zip(("bulletin", "episode"), ISSUED, strict=True):
        records = OUT / "build-10000" / f"issue-{kind}"
        shutil.copytree(corpus(10_000), records)
        issued = run_once([str(BIN / "safety365"), "issue", kind, edition, "--signed-by", signer(records), "--date", AS_OF,
                           "--records", str(records), "--config", str(REPO / "mkdocs.yml"), "--cache", str(cache)])
        rows.append(Row(f"`safety365 issue {kind} {edition}` (the builds' cache)", 10_000, [issued], "", None, "≤ 5 s",
                        judge(spread([issued.seconds]), 5.0)))
    return rows


CHANGES = {
    "edit": "a record's text edited",
    "add": "a record added",
    "delete": "a record deleted",
    "registry": "a registry changed",
    "editorial": "an editorial file changed",
}
"""The kinds of change `serve_latency.py` times, by the key of its JSON, each held to 1.5 s."""


def serve_lines(result: dict[str, Any]) -> list[str]:
    """The preview's lines: first build, a saved title, each kind of change (a kind the script did not time says so), its memory."""
    latency = spread(result["latencies"])
    lines = [
        f"`safety365 serve` on 10,000 records: first build {result['startup']:.1f} s; a saved news title shows on its page "
        f"in {latency.text(' s')} (median and range of {len(result['latencies'])} saves; target ≤ 1.5 s): {judge(latency, 1.5)}.",
    ]
    for key, what in CHANGES.items():
        times = result.get(key)
        if not times:
            lines.append(f"- {what}: not measured (`serve_latency.py` reported no `{key}`); target ≤ 1.5 s.")
            continue
        shown = spread(times)
        lines.append(f"- {what}: shows in {shown.text(' s')} (median and range of {len(times)} saves; target ≤ 1.5 s): "
                     f"{judge(shown, 1.5)}.")
    memory = result.get("resident_mb") or []
    if len(memory) == 2 and None not in memory:
        saves = sum(len(result.get(key) or []) for key in CHANGES)
        lines.append(f"- the preview's memory: {memory[0]:.0f} MB after its first build, {memory[1]:.0f} MB after {saves} saves.")
    return lines


def bench_serve() -> list[str]:
    """Seconds from saving a change to the site showing it in `safety365 serve`, at 10,000 records."""
    done = subprocess.run([sys.executable, str(BENCH / "serve_latency.py"), str(corpus(10_000)), AS_OF, "--edits", "3"],
                          capture_output=True, text=True, check=True)
    return serve_lines(json.loads(done.stdout.strip().splitlines()[-1]))


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
    zensical: list[str]
    stages: dict[str, float]
    pairs: int
    sample_pairs: int
    rebuilds: int

    @property
    def minutes(self) -> float:
        return sum(self.stages.values())


def write_report(report: Report) -> None:
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("pydantic", "ruamel.yaml", "mkdocs", "mkdocs-material"))
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True).stdout.split()[1]
    lines = [
        "# Benchmarks",
        "",
        f"Measured {dt.date.today()} by `make bench` (`bench/run.py`) on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; {versions}; Hugo {hugo}.",
        f"Every comparison runs interleaved in {report.pairs} pairs of separate processes: ours, its baseline, ours, its baseline… "
        "(the site: ours, plain mkdocs, Hugo in each round), so both sides of a pair run under the same load; "
        f"the sample's bulletins and the preview's encoding, far from their targets, in {report.sample_pairs}. "
        "A time is the median of our runs and a ratio the median of the pair ratios, each with its range (min–max) in brackets. "
        "A target is met when the whole range is within it, missed when none of it is, and unsettled when the range crosses it. "
        f"The cold build, a week's pack, issuing and Zensical's build run once; the rebuilds {report.rebuilds} times each, "
        "against the one cold build. "
        "Memory is the largest peak resident set size (`/usr/bin/time -v`).",
        "Corpora come from `bench/corpus.py` (all kinds, ten years, every town, cross-referenced, seed 2017).",
        f"The whole run took {report.minutes:.1f} minutes (target < 20): {met(report.minutes < 20)}; "
        + ", ".join(f"{stage} {minutes:.1f}" for stage, minutes in report.stages.items()) + " minutes.",
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
        "## Zensical",
        "",
        *report.zensical,
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


def timed(stages: dict[str, float], stage: str, work: Callable[[], T]) -> T:
    """`work()`, its minutes kept under `stage`: the report shows where the 20 minutes went."""
    start = time.perf_counter()
    try:
        result = work()
    finally:
        stages[stage] = stages.get(stage, 0.0) + (time.perf_counter() - start) / 60
    print(f"{stage}: {stages[stage]:.1f} min", *_lines(result), sep="\n", file=sys.stderr, flush=True)
    return result


def _lines(result: object) -> Iterator[str]:
    """The table rows and report lines in a stage's result, printed as each stage ends: a run stopped early still shows them."""
    if isinstance(result, Row):
        yield result.markdown()
    elif isinstance(result, str):
        yield result
    elif isinstance(result, (list, tuple)):
        for part in result:
            yield from _lines(part)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=3, help="interleaved pairs of every comparison (at least 3 to show a spread)")
    parser.add_argument("--sample-pairs", type=int, default=2,
                        help="pairs of the sample's comparisons far from their targets (bulletins against serial, the preview's encoding)")
    parser.add_argument("--rebuilds", type=int, default=2, help="runs of each rebuild of the 10,000-record corpus (the cold build runs once)")
    args = parser.parse_args()
    if args.pairs < 1 or args.sample_pairs < 1 or args.rebuilds < 1:
        parser.error("--pairs, --sample-pairs and --rebuilds take at least 1")
    stages: dict[str, float] = {}
    check_rows = timed(stages, "check", lambda: bench_check(args.pairs))
    site_rows, sizes, ours, hugo_10k = timed(stages, "site", lambda: bench_site(args.pairs))
    zensical_rows, zensical = timed(stages, "Zensical", lambda: bench_zensical(ours))
    build_rows, builds, corpus_pdfs = timed(stages, "builds", lambda: bench_builds(args.rebuilds, hugo_10k))
    bulletin_rows, pdfs = timed(stages, "bulletins", lambda: bench_bulletins(args.sample_pairs))
    tv_rows, tv = timed(stages, "TV", lambda: bench_tv(args.sample_pairs))
    preview = timed(stages, "serve", bench_serve)
    desk = timed(stages, "desk", bench_desk)
    rows = check_rows + site_rows + zensical_rows + build_rows + bulletin_rows + tv_rows
    write_report(Report(rows, sizes, pdfs + corpus_pdfs, builds, preview, desk, tv, zensical, stages, args.pairs, args.sample_pairs,
                        args.rebuilds))
    print((REPO / "BENCHMARKS.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
