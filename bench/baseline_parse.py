"""Baseline for `check`: parse every record with a plain YAML load and validate nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from ruamel.yaml import YAML

yaml = YAML(typ="safe", pure=False)
count = sum(1 for path in Path(sys.argv[1]).rglob("*.yaml") if yaml.load(path.read_text(encoding="utf-8")) is not None)
print(f"{count} files parsed")
