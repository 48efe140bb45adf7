"""Publishing: dist/ always serves one complete build, switched at once; builds take turns; rollback is one command.

Builds the first days of the sample archive (as of 2017-06-10), which is quick.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cache import Cache
from generator.cli import main
from generator.publish import locked
from tests.conftest import REPO

AS_OF = "2017-06-10"


def build(out: Path, cache: Path) -> Result:
    return CliRunner().invoke(
        main, ["build", "--records", str(REPO / "records"), "--out", str(out), "--as-of", AS_OF, "--config", str(REPO / "mkdocs.yml"), "--cache", str(cache)]
    )


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One render cache for the module's builds: they build the same records on the same date, so only the first renders."""
    return tmp_path_factory.mktemp("publish-cache")


def serving(out: Path) -> str:
    """The version folder `out` links to."""
    assert out.is_symlink()
    return os.readlink(out)


def test_each_build_is_switched_in_whole_and_rollback_returns_to_the_one_before(tmp_path: Path, cache: Path) -> None:
    out = tmp_path / "dist"
    assert build(out, cache).exit_code == 0
    first = serving(out)
    assert first.startswith(".dist.versions/") and (out / "site" / "index.html").is_file()
    assert build(out, cache).exit_code == 0
    second = serving(out)
    assert second != first and (tmp_path / first / "site" / "index.html").is_file(), "the build before is kept"

    result = CliRunner().invoke(main, ["rollback", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert serving(out) == first

    result = CliRunner().invoke(main, ["rollback", "--out", str(out)])
    assert result.exit_code == 1 and "no earlier build" in result.output

    assert build(out, cache).exit_code == 0
    third = serving(out)
    kept = sorted(p.name for p in (tmp_path / ".dist.versions").iterdir())
    assert kept == sorted([Path(first).name, Path(third).name]), "the new build and the one it replaced, no other"
    spare = tmp_path / ".dist.spare"
    assert not (tmp_path / second).exists() and (spare / "site" / "index.html").is_file(), "the build no longer kept is set aside"

    assert build(out, cache).exit_code == 0
    assert sorted(p.name for p in (tmp_path / ".dist.versions").iterdir()) == sorted([Path(third).name, Path(serving(out)).name])
    assert not (tmp_path / first).exists() and (spare / "site" / "index.html").is_file(), "the next one no longer kept takes its place"
    deadline = time.monotonic() + 60
    while list(tmp_path.glob(".dist.trash-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not list(tmp_path.glob(".dist.trash-*")), "what was left of the spare before leaves the disk"


def test_rollback_without_a_build_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["rollback", "--out", str(tmp_path / "dist")])
    assert result.exit_code == 1 and "not a published build" in result.output and "Traceback" not in result.output


def test_a_second_build_into_the_same_dist_waits_for_the_first(tmp_path: Path, cache: Path) -> None:
    out = tmp_path / "dist"
    command = [sys.executable, "-m", "generator.cli", "build", "--records", str(REPO / "records"), "--out", str(out), "--as-of", AS_OF,
               "--config", str(REPO / "mkdocs.yml"), "--cache", str(cache)]
    with locked(tmp_path / ".dist.lock", lambda line: None, "dist"):  # a first build holds dist
        second = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=REPO)
        assert second.stderr is not None
        line = ""
        while "waiting" not in line:
            line = second.stderr.readline()
            assert line, "the second build ended instead of waiting"
        assert f"{out} is in use by pid {os.getpid()}" in line
        assert not out.exists(), "nothing is published while the first build holds dist"
    _, rest = second.communicate(timeout=600)
    assert second.returncode == 0, rest
    assert (out / "site" / "index.html").is_file()


def test_pruning_spares_the_cache_another_build_is_using(tmp_path: Path, cache: Path) -> None:
    out = tmp_path / "dist"
    stale = cache / "bulletin" / ("0" * 64)
    stale.mkdir(parents=True)
    whole_site = cache / "site" / ("1" * 64) / "index.html"  # as an earlier version stored whole sites
    whole_site.parent.mkdir(parents=True)
    whole_site.write_text("<html></html>")
    with Cache(cache).in_use():  # another build is running on this cache
        result = build(out, cache)
    assert result.exit_code == 0, result.output
    assert "cache: in use by another build" in result.output and stale.is_dir() and whole_site.is_file()
    assert build(out, cache).exit_code == 0
    assert not stale.exists(), "pruned once the cache is free"
    assert not (cache / "site").exists(), "no build stores whole sites any more: their folder goes"
