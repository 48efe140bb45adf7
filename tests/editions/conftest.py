"""A small records tree with bulletin 2017-11 issued once, shared by the tests of the archive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import FIXTURES, REPO, run

SIGNER = "刘志强"


@pytest.fixture(scope="session")
def issued_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture tree with bulletin 2017-11 (1-15 June: a news item, an inspection, a case) issued on 2017-06-15."""
    records = tmp_path_factory.mktemp("issued") / "records"
    shutil.copytree(FIXTURES / "valid", records)
    result = run("issue", "bulletin", "2017-11", "--signed-by", SIGNER, "--date", "2017-06-15", *options(records))
    assert result.exit_code == 0, result.output
    return records


def options(records: Path) -> tuple[str, ...]:
    """--records and --config, so a test runs from any folder."""
    return ("--records", str(records), "--config", str(REPO / "mkdocs.yml"))


def copy(tree: Path, to: Path) -> Path:
    """A copy of a records tree to change freely."""
    shutil.copytree(tree, to / "records")
    return to / "records"


def ledger(records: Path) -> list[dict[str, object]]:
    data: list[dict[str, object]] = YAML(typ="safe").load((records / "issued" / "ledger.yaml").read_text(encoding="utf-8"))
    return data
