"""The site builds the same with ProperDocs (the continuation of MkDocs 1.x) as with MkDocs, page for page.

Both are run as a user runs them, `mkdocs build` and `properdocs build` on the
project's mkdocs.yml, with the sample records and date from the environment.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
"""The one line that legitimately differs: each tool names itself (and its version) in every page's generator tag."""


def build(tool: str, out: Path) -> dict[str, bytes]:
    """Every file the tool builds, by path; gzip copies unpacked and generator tags blanked."""
    environment = {**os.environ, "SAFETY365_AS_OF": "2017-12-31", "SAFETY365_RECORDS": str(REPO / "records"), "NO_MKDOCS_2_WARNING": "1"}
    command = [str(Path(sys.executable).parent / tool), "build", "--quiet", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)]
    subprocess.run(command, env=environment, check=True, cwd=REPO)
    found = {}
    for path in out.rglob("*"):
        if path.is_file():
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            found[path.relative_to(out).as_posix()] = GENERATOR.sub(b"", data)
    return found


def test_mkdocs_and_properdocs_build_the_same_site(tmp_path: Path) -> None:
    mkdocs, properdocs = build("mkdocs", tmp_path / "mkdocs"), build("properdocs", tmp_path / "properdocs")
    assert len(mkdocs) > 900, "the whole sample site: pages, cards, charts, downloads"
    assert sorted(mkdocs) == sorted(properdocs)
    assert [name for name in mkdocs if mkdocs[name] != properdocs[name]] == []
