"""The editors' commands: new, schema, and check on real and hostile input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.records.models import KINDS
from tests.conftest import REPO, run


@pytest.mark.parametrize("kind", list(KINDS))
def test_new_writes_a_valid_skeleton_in_place(kind: str, records: Path) -> None:
    result = run("new", kind, "--date", "2017-09-01", "--title", "新的记录")
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path == Path("records") / kind / "2017" / "2017-09-01-" f"{kind}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../../schema/{kind}.schema.json\n")
    assert "public: false" in text
    assert run("check", "records").exit_code == 0


def test_new_never_overwrites(records: Path) -> None:
    first = run("new", "news", "--date", "2017-09-01", "--slug", "flood").stdout.strip()
    second = run("new", "news", "--date", "2017-09-01", "--slug", "flood").stdout.strip()
    assert first != second
    assert second.endswith("2017-09-01-flood-2.yaml")


def test_new_rejects_a_non_ascii_slug(records: Path) -> None:
    result = run("new", "news", "--slug", "汛期")
    assert result.exit_code != 0
    assert "lowercase" in result.output


def test_schema_marks_private_fields(tmp_path: Path) -> None:
    assert run("schema", "--out", str(tmp_path)).exit_code == 0
    tipoff = json.loads((tmp_path / "tipoff.schema.json").read_text(encoding="utf-8"))
    private = {name for name, spec in tipoff["properties"].items() if spec.get("x-private")}
    assert private == {"reporter", "reporter_contact", "review", "withdrawn"}
    case = json.loads((tmp_path / "case.schema.json").read_text(encoding="utf-8"))
    assert case["properties"]["notes"]["x-private"] is True
    assert case["properties"]["deadline"]["title"] == "整改期限"
    assert "id" not in case["properties"]


def test_committed_schemas_match_the_models(tmp_path: Path) -> None:
    run("schema", "--out", str(tmp_path))
    generated = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "schema").iterdir()}
    assert committed == generated, "run `safety365 schema` and commit schema/"


def test_symlink_out_of_records_is_refused(records: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("date: 2017-06-20\ntitle: x\n", encoding="utf-8")
    link = records / "tip/2017/2017-06-21-link.yaml"
    os.symlink(outside, link)
    result = run("check", "records")
    assert result.exit_code == 1
    assert result.stdout.strip() == f"{Path('records/tip/2017/2017-06-21-link.yaml')}:1:1: 符号链接指向记录文件夹以外"


def test_oversized_file_is_refused_without_reading_it(records: Path) -> None:
    big = records / "tip/2017/2017-06-21-huge.yaml"
    big.write_text("date: 2017-06-21\nbody: " + "安" * (20 * 1024 * 1024 // 3) + "\n", encoding="utf-8")
    result = run("check", "records")
    assert result.exit_code == 1
    assert "文件过大（20480 KiB），一份记录最多 1024 KiB" in result.stdout


def test_missing_records_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", "nowhere")
    assert result.exit_code == 1
    assert result.stdout.strip() == "nowhere:1:1: 找不到记录文件夹"


def test_new_case_takes_the_next_free_order_number(records: Path) -> None:
    first = Path(run("new", "case", "--date", "2017-09-01").stdout.strip())
    second = Path(run("new", "case", "--date", "2017-09-01").stdout.strip())
    assert "order_no: \"平安办督〔2017〕13号\"" in first.read_text(encoding="utf-8")
    assert "order_no: \"平安办督〔2017〕14号\"" in second.read_text(encoding="utf-8")
    assert run("check", "records").exit_code == 0


def test_personal_data_may_be_published_with_a_reason(records: Path) -> None:
    news = records / "news/2017/2017-06-05-safety-month.yaml"
    text = news.read_text(encoding="utf-8").replace("县安委办举行安全生产月启动仪式。", "咨询电话13812345678。")
    news.write_text(text, encoding="utf-8")
    assert run("check", "records").exit_code == 1
    news.write_text(text + "personal_data_reason:\n  - {field: summary, reason: 单位公开的值班电话，经本人同意公布}\n", encoding="utf-8")
    assert run("check", "records").exit_code == 0


def test_a_case_may_name_its_uploaded_photos(records: Path) -> None:
    (records / "media").mkdir()
    (records / "media/2017-06-15-crane-1.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    case = records / "case/2017/2017-06-15-crane-inspection-overdue.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "photos: [media/2017-06-15-crane-1.jpg]\n", encoding="utf-8")
    result = run("check", "records")
    assert result.exit_code == 0, result.output


def test_the_console_command_says_everything_and_exits_with_the_commands_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`safety365` leaves without tearing its heap down: its lines must still all arrive, and its exit code be the command's."""
    import subprocess
    import sys

    command = Path(sys.executable).parent / "safety365"
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)  # as in most terminals and CI jobs: stdout to a pipe is buffered
    cache = tmp_path / "cache"
    good = subprocess.run([command, "check", str(REPO / "records"), "--cache", str(cache)], capture_output=True, text=True)
    assert good.returncode == 0
    assert good.stderr.strip().endswith("records OK")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "news").mkdir()
    (broken / "news" / "2017-06-01-x.yaml").write_text("title: [\n", encoding="utf-8")
    bad = subprocess.run([command, "check", str(broken), "--cache", str(cache)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert bad.stdout.startswith(f"{broken / 'news' / '2017-06-01-x.yaml'}:")
    assert bad.stderr.strip().endswith("file(s)")
    usage = subprocess.run([command, "no-such-command"], capture_output=True, text=True)
    assert usage.returncode == 2
    assert "No such command" in usage.stderr
