"""`safety365 serve`, the editors' preview: a saved edit shows up, a broken one is reported, never served."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.conftest import REPO, SHOTS

NEWS = "news/2017/2017-06-16-safety-consultation-day.yaml"
PAGE = "news/2017-06-16-safety-consultation-day/"


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def eventually(check: Callable[[], bool], timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "did not happen in time"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, Path]]:
    """(records folder, base URL, server log) of one preview for the module, running on a copy of the sample records.

    Starting a preview builds the whole sample site: the tests share one, and
    `served` puts the records back after each.
    """
    root = tmp_path_factory.mktemp("serve")
    records = root / "records"
    shutil.copytree(REPO / "records", records)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = root / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "safety365"), "serve", "--records", str(records), "--as-of", "2017-12-31",
             "--config", str(REPO / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
            stdout=output, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}/"
        try:
            eventually(lambda: "安全宣传咨询日活动在县城举行" in get(base + PAGE), 120)
            yield records, base, log
        finally:
            server.terminate()
            server.wait(timeout=30)


def restore(records: Path) -> None:
    """Put the copy back as the sample records are: changed and removed files written again, added ones removed."""
    sample = {path.relative_to(REPO / "records") for path in (REPO / "records").rglob("*") if path.is_file()}
    for path in records.rglob("*"):
        if path.is_file() and path.relative_to(records) not in sample:
            path.unlink()
    for name in sample:
        original, copy = REPO / "records" / name, records / name
        if not copy.is_file() or copy.read_bytes() != original.read_bytes():
            shutil.copy(original, copy)


def as_sampled(base: str) -> bool:
    """The preview shows the sample again in every place a test here changes."""
    return (
        "安全宣传咨询日活动在县城举行" in get(base + PAGE) and "安全宣传咨询日活动在县城举行" in get(base + "news/")
        and get(base + "news/2017-06-17-new-item/") == ""
        and "case/2017-06-16-high-steep-slope-jinshi-quarry/" in get(base + "unit/jinshi-quarry/")
        and "0539-4211365" in get(base)
    )


@pytest.fixture
def served(session: tuple[Path, str, Path]) -> Iterator[tuple[Path, str, Callable[[], str]]]:
    """(records folder, base URL, what the server printed since the test began) of the module's preview.

    After the test the records are put back, and the next test starts once the preview shows the sample again.
    """
    records, base, log = session
    start = log.stat().st_size
    yield records, base, lambda: log.read_bytes()[start:].decode("utf-8", errors="replace")
    restore(records)
    eventually(lambda: as_sampled(base))


def retitle(path: Path, title: str) -> None:
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")


def test_a_saved_edit_shows_on_its_page_and_in_the_lists(served: tuple[Path, str, Callable[[], str]]) -> None:
    records, base, _ = served
    retitle(records / NEWS, "预览里改过的标题")
    eventually(lambda: "预览里改过的标题" in get(base + PAGE))
    assert "预览里改过的标题" in get(base + "news/")
    assert "安全宣传咨询日活动在县城举行" not in get(base + "news/")


def test_a_broken_record_is_reported_and_the_last_good_page_stays(served: tuple[Path, str, Callable[[], str]]) -> None:
    records, base, log = served
    path = records / NEWS
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("date: 2017-06-16", "date: 2017-13-45"), encoding="utf-8")
    eventually(lambda: f"{NEWS}:2:7:" in log())
    assert "安全宣传咨询日活动在县城举行" in get(base + PAGE)
    path.write_text(good.replace("安全宣传咨询日活动在县城举行", "修好以后的标题"), encoding="utf-8")
    eventually(lambda: "修好以后的标题" in get(base + PAGE))


def test_a_new_record_gets_its_page(served: tuple[Path, str, Callable[[], str]]) -> None:
    records, base, _ = served
    source = records / NEWS
    (source.parent / "2017-06-17-new-item.yaml").write_text(
        source.read_text(encoding="utf-8").replace("date: 2017-06-16", "date: 2017-06-17").replace("安全宣传咨询日活动在县城举行", "新加的一条新闻"),
        encoding="utf-8",
    )
    eventually(lambda: "新加的一条新闻" in get(base + "news/2017-06-17-new-item/"))


def test_a_case_moved_to_another_unit_leaves_the_old_units_page(served: tuple[Path, str, Callable[[], str]]) -> None:
    records, base, _ = served
    path = records / "case/2017/2017-06-16-high-steep-slope-jinshi-quarry.yaml"
    link = "case/2017-06-16-high-steep-slope-jinshi-quarry/"
    assert link in get(base + "unit/jinshi-quarry/")
    path.write_text(path.read_text(encoding="utf-8").replace("unit: 武台镇金石采石场", "unit: 武台镇永兴石膏矿"), encoding="utf-8")
    eventually(lambda: link in get(base + "unit/yongxing-gypsum/"))
    assert link not in get(base + "unit/jinshi-quarry/")


def test_a_removed_record_and_a_registry_change_reach_the_site(served: tuple[Path, str, Callable[[], str]]) -> None:
    records, base, _ = served
    (records / NEWS).unlink()
    eventually(lambda: "安全宣传咨询日活动在县城举行" not in get(base + "news/"))
    assert get(base + PAGE) == "", "the removed record's page is gone"
    office = records / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8").replace("hotline: 0539-4211365", "hotline: 0539-4219999"), encoding="utf-8")
    eventually(lambda: "0539-4219999" in get(base))


def test_a_broken_record_shows_its_problem_over_the_last_good_page_in_the_browser(served: tuple[Path, str, Callable[[], str]], browser: Browser) -> None:
    records, base, _ = served
    path = records / NEWS
    good = path.read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(base + PAGE)
        assert page.locator("#s365-problems").count() == 0
        path.write_text(good.replace("date: 2017-06-16", "date: 2017-13-45"), encoding="utf-8")
        overlay = page.locator("#s365-problems")
        overlay.wait_for(timeout=60_000)  # the browser reloads on the save and shows the problem over the page
        assert f"{NEWS}:2:7:" in overlay.inner_text()
        assert "记录有问题" in overlay.inner_text()
        assert "安全宣传咨询日活动在县城举行" in page.locator("h1").inner_text(), "the last good page stays"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "serve-problems.png"))
        path.write_text(good.replace("安全宣传咨询日活动在县城举行", "修好以后的标题"), encoding="utf-8")
        page.locator("h1", has_text="修好以后的标题").wait_for(timeout=60_000)
        assert page.locator("#s365-problems").count() == 0
    finally:
        page.close()
