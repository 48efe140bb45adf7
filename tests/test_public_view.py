"""One public view on a date: every output of a full build sees only what the public saw that day.

The records are written here, on top of the small valid fixture tree, so that
the test knows by construction what was public on the build date (2017-06-25):

- a covert inspection held back while its case is open (its case closes in July);
- a draft news item (public: false) that a public news item lists as related;
- a ranking dated 2017-06-30, after the build date, that the same news item lists;
- a supervised case with a follow-up before the date, and a follow-up and its
  closure after it.

Nothing of the first three — id or title — may reach any byte of the build
(PDF text and zip members included), nor the late follow-up or the closure.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import FIXTURES, REPO
from tests.site.test_links import broken_links

HELD_BACK = ("2017-06-14-tower-cranes", "城区建筑工地塔吊专项督查")
DRAFT = ("2017-06-10-draft-briefing", "未公开的情况通报草稿")
LATER = ("2017-06-30-standardisation-june", "6月份镇街安监办标准化建设情况通报")
LATE_STEP = "七月复查仍有一处防护缺失"
CLOSURE = "检测合格报告及复查记录"
EARLY_STEP = "已停用塔吊，联系检测机构"


def write_records(root: Path) -> Path:
    records = root / "records"
    shutil.copytree(FIXTURES / "valid", records)
    inspection = records / "inspection/2017/2017-06-14-tower-cranes.yaml"
    inspection.write_text(inspection.read_text(encoding="utf-8") + "hold_until_closed: true\n", encoding="utf-8")
    (records / "case/2017/2017-06-15-crane-inspection-overdue.yaml").write_text(
        "date: 2017-06-15\ntitle: 塔吊检测报告过期\ninspection: 2017-06-14-tower-cranes\nunit: 平邑县恒泰建筑安装有限公司\n"
        "town: 平邑街道\ndescription: 一号塔吊检测报告已过期，仍在吊装作业。\nlevel: 重大\ndisposition: 挂牌督办\n"
        "order_no: 平安办督〔2017〕12号\ndeadline: 2017-06-20\nfollowups:\n"
        f"  - date: 2017-06-22\n    note: {EARLY_STEP}。\n  - date: 2017-07-10\n    note: {LATE_STEP}。\n"
        f"closed: 2017-07-20\nevidence: {CLOSURE}。\nreview: {{reviewer: 张伟, approver: 刘志强, date: 2017-06-15}}\n",
        encoding="utf-8",
    )
    (records / f"news/2017/{DRAFT[0]}.yaml").write_text(
        f"date: 2017-06-10\npublic: false\ntitle: {DRAFT[1]}\nsummary: 草稿，尚未审核。\n", encoding="utf-8"
    )
    (records / "news/2017/2017-06-24-week-roundup.yaml").write_text(
        "date: 2017-06-24\ntitle: 本周安全生产工作综述\nsummary: 县安委办通报一周督查督办情况。\ntown: 平邑街道\n"
        f"related: [{DRAFT[0]}, {LATER[0]}, {HELD_BACK[0]}, 2017-06-15-crane-inspection-overdue]\n"
        "review: {reviewer: 张伟, approver: 刘志强, date: 2017-06-24}\n",
        encoding="utf-8",
    )
    news = records / "news/2017/2017-06-05-safety-month.yaml"
    news.write_text(news.read_text(encoding="utf-8").replace("related: [2017-06-14-tower-cranes]", f"related: [{HELD_BACK[0]}]"), encoding="utf-8")
    return records


def build(records: Path, out: Path, as_of: str, cache: Path) -> str:
    result = CliRunner(env={"SAFETY365_CACHE": str(cache)}).invoke(
        main, ["build", "--records", str(records), "--out", str(out), "--as-of", as_of, "--config", str(REPO / "mkdocs.yml")]
    )
    assert result.exit_code == 0, result.output
    return result.output


def texts(out: Path) -> dict[str, str]:
    """Every text a reader can get out of `out`, whitespace and hyphens removed (PDF text wraps)."""
    found: dict[str, str] = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()
        if path.suffix == ".pdf":
            text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as bundle:
                for member in bundle.namelist():
                    found[f"{name}!{member}"] = re.sub(r"[\s\-]", "", bundle.read(member).decode("utf-8", "replace"))
            continue
        else:
            text = path.read_bytes().decode("utf-8", "replace")
        found[name] = re.sub(r"[\s\-]", "", text)
    return found


def where(found: dict[str, str], needle: str) -> set[str]:
    bare = re.sub(r"[\s\-]", "", needle)
    return {name for name, text in found.items() if bare in text}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("one-view")
    records = write_records(root)
    build(records, root / "dist", "2017-06-25", root / "cache")
    return root, texts(root / "dist")


def families(found: dict[str, str]) -> dict[str, dict[str, str]]:
    """The build's texts by output family."""
    def pick(pattern: str) -> dict[str, str]:
        return {name: text for name, text in found.items() if re.match(pattern, name)}

    return {
        "pages": pick(r"site/(?!data/|search/|feed|bulletin/\d|episode/\d).*\.html$"),
        "search": pick(r"site/search/"),
        "feed and open data": pick(r"site/(feed\.xml|data/)"),
        "charts": pick(r"site/.*\.svg$"),
        "bulletin": pick(r"(bulletins/|site/bulletin/\d)"),
        "tv pack": pick(r"(broadcast/|site/episode/)"),
    }


@pytest.mark.parametrize("family", ["pages", "search", "feed and open data", "charts", "bulletin", "tv pack"])
def test_records_not_public_on_the_date_leave_no_byte(built: tuple[Path, dict[str, str]], family: str) -> None:
    _, found = built
    files = families(found)[family]
    assert files, f"the build made no {family}"
    for needle in (*HELD_BACK, *DRAFT, *LATER):
        assert where(files, needle) == set(), needle


@pytest.mark.parametrize("family", ["pages", "search", "feed and open data", "bulletin", "tv pack"])
def test_steps_after_the_date_appear_nowhere(built: tuple[Path, dict[str, str]], family: str) -> None:
    _, found = built
    files = families(found)[family]
    assert where(files, LATE_STEP) == set() and where(files, CLOSURE) == set()


def test_what_was_public_is_shown(built: tuple[Path, dict[str, str]]) -> None:
    _, found = built
    assert where(found, EARLY_STEP) >= {"site/case/2017-06-15-crane-inspection-overdue/index.html", "site/data/case.json"}
    # the case stood open and overdue on 2017-06-25: deadline 2017-06-20
    assert "逾期5天" in found["site/case/2017-06-15-crane-inspection-overdue/index.html"]
    assert '"closed":null' in found["site/data/case.json"] and '"inspection":null' in found["site/data/case.json"]
    assert "本周安全生产工作综述" in found["site/news/2017-06-24-week-roundup/index.html"]


def test_an_episode_shows_each_case_as_it_stood_on_air(tmp_path: Path) -> None:
    """Built in December, the episode of 28 June shows the case overdue by 8 days, with June's follow-up only."""
    records = write_records(tmp_path)
    out = tmp_path / "out"
    result = CliRunner(env={"SAFETY365_CACHE": str(tmp_path / "cache")}).invoke(
        main, ["episode", "2017-W26", "--no-preview", "--records", str(records), "--out", str(out), "--as-of", "2017-12-31",
               "--config", str(REPO / "mkdocs.yml")],
    )
    assert result.exit_code == 0, result.output
    found = texts(out)
    rundown = found["broadcast/2017-W26/captions.srt"]
    assert re.sub(r"[\s\-]", "", EARLY_STEP) in rundown
    assert "已逾期8天" in found["broadcast/2017-W26/rundown.html"] or "已逾期8天" in rundown
    assert where(found, LATE_STEP) == set() and where(found, CLOSURE) == set()


def test_render_cache_keys_ignore_what_the_public_cannot_see(built: tuple[Path, dict[str, str]]) -> None:
    """Editing only a held-back record and a private field renders nothing again: keys hash the public view."""
    root, _ = built
    records = root / "records"
    inspection = records / "inspection/2017/2017-06-14-tower-cranes.yaml"
    inspection.write_text(inspection.read_text(encoding="utf-8").replace(HELD_BACK[1], "城区建筑工地塔吊专项督查（改）") + "notes: 内部备注已更新\n", encoding="utf-8")
    output = build(records, root / "dist", "2017-06-25", root / "cache")
    assert re.search(r"bulletins: \d+ issues \(0 rendered,", output), output
    assert re.search(r"TV packs: \d+ episodes \(0 rendered,", output), output
    assert "site: unchanged" in output


def test_a_full_build_has_no_broken_link(built: tuple[Path, dict[str, str]]) -> None:
    root, _ = built
    assert broken_links(root / "dist" / "site") == []
