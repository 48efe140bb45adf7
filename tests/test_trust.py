"""Trust: nothing private leaks, nothing unsafe renders, nothing published is lost, builds repeat.

One hostile records tree is built into every output: canaries sit in every
private field, in a draft and in an expired black-list entry; injection
payloads sit in public fields. Then every byte produced is searched.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import OutputError
from generator.records.models import KINDS
from generator.records.public import private_fields
from tests.conftest import FIXTURES, REPO

PAYLOADS = ("<script>alert('x')</script>", '<img src=x onerror="alert(1)">', "[a](javascript:alert(1))", "{{ 7*7 }}", "{% raw %}")
PRIVATE = {
    "inspection/2017/2017-06-14-tower-cranes.yaml": {"notes": "CANARY-inspection-notes"},
    "case/2017/2017-06-15-crane-inspection-overdue.yaml": {"notes": "CANARY-case-notes", "photos": "[media/canary-case-photo.jpg]"},
    "tipoff/2017/2017-08-02-night-quarrying.yaml": {"reporter": "CANARY-tipoff-reporter", "reporter_contact": "CANARY-tipoff-contact"},
}
REVIEWERS = {kind: (f"CANARY-{kind}-reviewer", f"CANARY-{kind}-approver") for kind in KINDS}
"""The sign-off of every record names two canary editors, listed in the hostile office.yaml."""
WITHDRAWN = {kind: (f"CANARY-{kind}-withdrawal-reason", f"CANARY-{kind}-withdrawal-basis") for kind in KINDS}
"""Every record is withdrawn in 2018, after the build date: neither the reason nor the basis may show before."""
TEXT_FIELD = re.compile(r"^(\s*(?:- )?(?:title|summary|description|reason|comment|topic|industry|outcome|violation|note|evidence)): ([^'\n]+)$", re.M)
HIDDEN = ("CANARY-draft-title", "CANARY-expired-reason")
EPOCH = "1514678400"  # 2017-12-31


def test_every_private_field_gets_a_canary() -> None:
    planted = {(path.split("/")[0], field) for path, fields in PRIVATE.items() for field in fields}
    planted |= {(kind, "review") for kind in REVIEWERS}
    planted |= {(kind, "withdrawn") for kind in WITHDRAWN}
    declared = {(kind, field) for kind, model in KINDS.items() for field in private_fields(model)}
    assert planted == declared, "a private field was added: plant a canary in it here"


def hostile_records(root: Path) -> Path:
    records = root / "records"
    shutil.copytree(FIXTURES / "valid", records)
    for path, fields in PRIVATE.items():
        lines = (records / path).read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if line.split(":")[0] not in fields]
        (records / path).write_text("\n".join(kept + [f"{field}: {canary}" for field, canary in fields.items()]) + "\n", encoding="utf-8")
    (records / "media").mkdir()
    (records / "media/canary-case-photo.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    office = records / "office.yaml"
    names = [name for pair in REVIEWERS.values() for name in pair]
    office.write_text(office.read_text(encoding="utf-8") + "".join(f"  - {{name: {n}, role: 科员}}\n" for n in names), encoding="utf-8")
    for path in records.glob("*/2017/*.yaml"):
        reviewer, approver = REVIEWERS[path.parent.parent.name]
        text = re.sub(r"^review: \{reviewer: \S+, approver: \S+,", f"review: {{reviewer: {reviewer}, approver: {approver},", path.read_text(encoding="utf-8"), flags=re.M)
        assert reviewer in text, path
        reason, basis = WITHDRAWN[path.parent.parent.name]
        text += f"withdrawn: {{date: 2018-06-01, reason: {reason}, basis: {basis}}}\n"
        path.write_text(text, encoding="utf-8")
    for path in records.rglob("*.yaml"):  # a payload in every public text field of every record
        text = path.read_text(encoding="utf-8")
        text = TEXT_FIELD.sub(lambda m: f"{m[1]}: '{m[2]} {PAYLOADS[0]} {PAYLOADS[1]}'".replace("'x'", "''x''"), text)
        path.write_text(text, encoding="utf-8")
    news = records / "news/2017/2017-06-05-safety-month.yaml"
    text = news.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", f"title: 安全月 {PAYLOADS[0]} {PAYLOADS[3]}", text, flags=re.M)
    text = re.sub(r"^summary: .*$", f"summary: '启动 {PAYLOADS[1]} {PAYLOADS[4]}'", text, flags=re.M)
    text = text.replace("  6月5日，启动仪式在县城广场举行。", f"  6月5日 {PAYLOADS[2]} {PAYLOADS[0]} {PAYLOADS[1]}")
    news.write_text(text, encoding="utf-8")
    (records / "news/2017/2017-06-20-draft.yaml").write_text(
        f"date: 2017-06-20\npublic: false\ntitle: {HIDDEN[0]}\nsummary: 草稿。\n", encoding="utf-8"
    )
    (records / "listing/2017/2017-06-01-expired-red.yaml").write_text(
        "date: 2017-06-01\nboard: 红榜\nunit: 武台镇金石采石场\ntown: 武台镇\nindustry: 非煤矿山\n"
        f"reason: {HIDDEN[1]}\npublicity_end: 2017-09-01\nreview: {{reviewer: {REVIEWERS['listing'][0]}, approver: 刘志强, date: 2017-06-01}}\n",
        encoding="utf-8",
    )
    return records


def build(records: Path, out: Path, cache: Path) -> None:
    result = CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH}).invoke(
        main, ["build", "--records", str(records), "--out", str(out), "--as-of", "2017-12-31", "--config", str(REPO / "mkdocs.yml"),
               "--cache", str(cache)]
    )
    assert result.exit_code == 0, result.output


def texts(out: Path) -> dict[str, str]:
    """Every text a reader can get out of `out`: files, PDF text, zip members."""
    found: dict[str, str] = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = str(path.relative_to(out))
        if path.suffix == ".pdf":
            found[name] = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as bundle:
                for member in bundle.namelist():
                    found[f"{name}!{member}"] = bundle.read(member).decode("utf-8", "replace")
        else:
            found[name] = path.read_bytes().decode("utf-8", "replace")
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    records = hostile_records(root)
    build(records, root / "dist", root / "cache")
    return records, root / "dist"


@pytest.fixture(scope="module")
def everything(built: tuple[Path, Path]) -> dict[str, str]:
    """The texts of the module's build, read once (every PDF through pdftotext): the tests only read them."""
    return texts(built[1])


def test_no_canary_in_any_byte_produced(everything: dict[str, str]) -> None:
    assert any(name.endswith(".pdf") for name in everything) and any("!" in name for name in everything)
    assert any(name.endswith("captions.srt") for name in everything)
    canaries = [c for fields in PRIVATE.values() for value in fields.values() for c in re.findall(r"(?i)canary-[a-z0-9-]+", value)]
    canaries += list(HIDDEN)
    canaries += [name for pair in REVIEWERS.values() for name in pair]
    canaries += [text for pair in WITHDRAWN.values() for text in pair]
    bare = lambda text: re.sub(r"[\s\-]", "", text)  # noqa: E731 - PDF text and captions wrap and drop hyphens
    leaks = [(name, canary) for name, text in everything.items() for canary in canaries if bare(canary) in bare(text)]
    # The red-list entry was public from 1 June to 1 September 2017: the bulletin issue and the
    # episode of its fortnight showed it, and keep showing it as they were; nothing made for a
    # later date does.
    aired = re.compile(r"(bulletins|site/bulletin)/2017-11\b|(broadcast|site/episode)/2017-W23\b|site/search/search_index.json")
    assert {(name, canary) for name, canary in leaks if not (canary == HIDDEN[1] and aired.search(name))} == set()
    assert {name for name, canary in leaks} >= {"bulletins/2017-11.pdf", "broadcast/2017-W23/captions.srt"}
    index = json.loads(everything["site/search/search_index.json"])["docs"]
    assert {doc["location"].split("#")[0] for doc in index if bare(HIDDEN[1]) in bare(doc["text"])} <= {"bulletin/2017-11/", "episode/2017-W23/"}


def test_injections_stay_text(built: tuple[Path, Path], everything: dict[str, str]) -> None:
    _, out = built
    pages = {name: text for name, text in everything.items() if name.endswith(".html")}
    assert pages
    for name, html in pages.items():
        assert "<script>alert" not in html, name  # a payload may show as text, never as markup
        assert "<img src=x" not in html, name
        assert 'href="javascript:' not in html.lower(), name
    news = (out / "site/news/2017-06-05-safety-month/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in news and "{{ 7*7 }}" in news  # shown, not run
    bulletin = everything["bulletins/2017-11.pdf"]
    assert "{{ 7*7 }}" in bulletin and "<script>alert('x')</script>" in bulletin


def test_same_records_build_byte_identical(built: tuple[Path, Path], tmp_path: Path) -> None:
    """A second build from nothing (its own empty cache: nothing placed from the first) gives the same bytes."""
    records, first = built
    build(records, tmp_path / "again", tmp_path / "empty-cache")
    def digests(root: Path) -> dict[str, str]:
        return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}
    assert digests(first) == digests(tmp_path / "again")


def test_a_failed_build_leaves_the_previous_output_untouched(built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records, first = built
    out = tmp_path / "dist"
    shutil.copytree(first, out)
    before = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args: object, **kwargs: object) -> None:
        raise OutputError("site: disk full (simulated)")

    import generator.build

    monkeypatch.setattr(generator.build, "build_site_cached", broken)
    cache = records.parent / "cache"  # the module build's: the issues and packs are placed, not rendered, before the site fails
    result = CliRunner().invoke(main, ["build", "--records", str(records), "--out", str(out), "--as-of", "2017-12-31", "--config", str(REPO / "mkdocs.yml"),
                                       "--cache", str(cache)])
    assert result.exit_code == 1 and "disk full" in result.output
    after = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert len(list((tmp_path / ".dist.versions").iterdir())) == 1, "no half-built version left behind"
