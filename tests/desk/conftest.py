"""A desk running in this process on a git repository of the valid fixture records."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.desk.repo import Repository
from generator.desk.server import Desk
from generator.desk.store import Store
from tests.conftest import FIXTURES

AUTHOR = "王丽 <wangli@pingyi.example.cn>"


def git(folder: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=setup", "-c", "user.email=setup@localhost", *args], cwd=folder, capture_output=True, text=True, check=True)
    return result.stdout


@dataclass
class Running:
    url: str
    records: Path
    server: Desk

    def call(self, action: str, params: dict[str, Any], headers: dict[str, str] | None = None) -> tuple[int, Any]:
        """POST one protocol request as the desk's own page would; (status, JSON body)."""
        body = json.dumps({"branch": "main", "action": action, "params": params}).encode("utf-8")
        sent = {"Content-Type": "application/json", "Origin": self.url.rstrip("/"), **(headers or {})}
        request = urllib.request.Request(self.url + "api/v1", data=body, headers=sent)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def form(self, path: str) -> dict[str, Any]:
        status, entry = self.call("getEntry", {"path": path})
        assert status == 200, entry
        return json.loads(entry["data"])

    def save(self, path: str, form: dict[str, Any], *, new: bool = False, assets: list[dict[str, Any]] | None = None) -> tuple[int, Any]:
        raw = json.dumps(form, ensure_ascii=False)  # JSON is YAML: Decap's own text would be read the same way
        return self.call("persistEntry", {"dataFiles": [{"path": path, "slug": path, "raw": raw}], "assets": assets or [], "options": {"newEntry": new}})

    def commits(self) -> list[str]:
        return git(self.records, "log", "--format=%H").split()


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Running]:
    records = tmp_path / "records"
    shutil.copytree(FIXTURES / "valid", records)
    git(records, "init", "--quiet")
    git(records, "add", "--all")
    git(records, "commit", "--quiet", "--message", "records")
    server = Desk(("127.0.0.1", 0), Store(records, Repository(records, AUTHOR)), "http://127.0.0.1:8000/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Running(server.url, records.resolve(), server)
    server.shutdown()
    server.server_close()
