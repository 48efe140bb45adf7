"""Shared fixtures: a small valid records tree and a way to run the CLI."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from playwright.sync_api import Browser, sync_playwright

from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = REPO / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Debian chromium for the whole run: Playwright's sync API allows one session per process."""
    assert Path(CHROMIUM).exists(), "chromium missing: run `make test`, which installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def render_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One render cache for the session's CLI builds, away from the project's own .cache."""
    folder = tmp_path_factory.mktemp("render-cache")
    before = os.environ.get("SAFETY365_CACHE")
    os.environ["SAFETY365_CACHE"] = str(folder)
    yield folder
    if before is None:
        del os.environ["SAFETY365_CACHE"]
    else:
        os.environ["SAFETY365_CACHE"] = before


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    """A command freezes what it reads in for the rest of its process (`processes.lasting`); a test process runs
    hundreds of them, so what each test froze is handed back to the collector after it."""
    yield
    gc.unfreeze()


@pytest.fixture
def records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the valid fixture tree at ./records, with the working directory at its parent."""
    root = tmp_path / "records"
    shutil.copytree(FIXTURES / "valid", root)
    monkeypatch.chdir(tmp_path)
    return root


def run(*args: str) -> Result:
    """Invoke `safety365 ARGS` in-process, as a user would from a shell."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)
