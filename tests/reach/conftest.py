"""Running the reach commands on the sample records, as the office would."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO

SHOTS = REPO / "test-output" / "screenshots"


def args(out: Path, records: Path = REPO / "records") -> list[str]:
    """The options every reach command takes: the records, OUT, the archive's last day, the project's mkdocs.yml."""
    return ["--records", str(records), "--out", str(out), "--as-of", "2017-12-31", "--config", str(REPO / "mkdocs.yml")]
