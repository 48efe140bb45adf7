"""The desk's API as Decap calls it: saves checked like `check`, one commit each, and every refusal."""

from __future__ import annotations

import base64
import io
import json
import os
import threading
import urllib.request
from pathlib import Path

from PIL import Image

from generator.records import loader
from tests.desk.conftest import Running, git

CASE = "case/2017-06-15-crane-inspection-overdue.yaml"
CASE_FILE = "case/2017/2017-06-15-crane-inspection-overdue.yaml"
NEWS = "news/2017-06-05-safety-month.yaml"


def test_an_entry_is_read_as_the_form_shows_it(desk: Running) -> None:
    form = desk.form(CASE)
    assert form["title"] == "塔吊检测报告过期"
    assert form["deadline"] == "2017-06-30"
    assert form["public"] is True  # left out of the file, public by default: the form must say so
    assert form["desk_internal"] == {"review": {"reviewer": "张伟", "approver": "刘志强", "date": "2017-06-15"}}
    assert "review" not in form
    assert form["desk_slug"] == "crane-inspection-overdue"
    assert len(form["desk_version"]) == 64


def test_a_folder_lists_its_records_by_flat_path(desk: Running) -> None:
    status, entries = desk.call("entriesByFolder", {"folder": "case", "extension": "yaml", "depth": 1})
    assert status == 200
    assert [entry["file"]["path"] for entry in entries] == [CASE]
    assert json.loads(entries[0]["data"]) == {"date": "2017-06-15", "desk_headline": "2017-06-15　塔吊检测报告过期"}  # what the list shows


def test_an_accepted_save_is_one_commit_of_that_file_written_as_an_editor_would(desk: Running) -> None:
    path = desk.records / CASE_FILE
    path.write_text("# yaml-language-server: $schema=../../../schema/case.schema.json\n# 督查一科跟进\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    git(desk.records, "commit", "--quiet", "--all", "--message", "comment")
    (desk.records / ".stray.txt").write_text("不该提交的文件", encoding="utf-8")
    before = desk.commits()
    form = desk.form(CASE)
    form["title"] = "一号塔吊检测报告过期仍在使用"
    form["followups"].append({"date": "2017-06-25", "note": "检测机构已进场检测。"})
    status, answer = desk.save(CASE, form)
    assert (status, answer) == (200, {"message": "case: 2017-06-15-crane-inspection-overdue 一号塔吊检测报告过期仍在使用"})
    assert len(desk.commits()) == len(before) + 1
    assert [line for line in git(desk.records, "show", "--name-only", "--format=%an <%ae>%n%s", "HEAD").splitlines() if line] == [
        "王丽 <wangli@pingyi.example.cn>", "case: 2017-06-15-crane-inspection-overdue 一号塔吊检测报告过期仍在使用", CASE_FILE,
    ]
    assert git(desk.records, "status", "--porcelain") == "?? .stray.txt\n"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/case.schema.json\n# 督查一科跟进\ndate: 2017-06-15\ntitle: 一号塔吊检测报告过期仍在使用\n")
    assert "  - date: 2017-06-25\n    note: 检测机构已进场检测。\nclosed: 2017-06-28\n" in text
    assert "review: {reviewer: 张伟, approver: 刘志强, date: 2017-06-15}\n" in text  # untouched values keep their style
    assert "public:" not in text  # the form's default is not written into a file that left it out
    assert loader.check(desk.records) == []


def test_a_refused_save_says_why_in_chinese_and_leaves_no_trace(desk: Running) -> None:
    path = desk.records / CASE_FILE
    before, text = desk.commits(), path.read_bytes()
    form = desk.form(CASE)
    form["deadline"] = "2017-06-10"
    form["desk_internal"]["review"]["approver"] = "张伟"
    status, answer = desk.save(CASE, form)
    assert status == 422
    assert answer == {"error": "未保存，请先改正：「整改期限」2017-06-10 早于立案日期 2017-06-15；「审核人」和「批准公开人」须是两个不同的人"}
    assert desk.commits() == before
    assert path.read_bytes() == text


def test_a_refusal_names_the_field_by_its_label(desk: Running) -> None:
    form = desk.form(NEWS)
    form["town"] = "平邑镇"
    status, answer = desk.save(NEWS, form)
    assert (status, answer) == (422, {"error": "未保存，请先改正：「镇街」：「平邑镇」不是 units.yaml 中登记的镇街（是否应为「平邑街道」？）"})


def test_a_public_record_needs_its_sign_off(desk: Running) -> None:
    form = desk.form(NEWS)
    form["desk_internal"] = {}
    status, answer = desk.save(NEWS, form)
    assert (status, answer) == (422, {
        "error": "未保存，请先改正：「是否公开」：公开的记录须经审核签发：请在「审核签发」（review）中填写审核人、批准公开人和批准日期，或改为 public: false"
    })
    form["public"] = False
    assert desk.save(NEWS, form)[0] == 200


def test_removing_what_another_record_names_is_refused(desk: Running) -> None:
    status, answer = desk.call("deleteFiles", {"paths": [CASE], "options": {"commitMessage": "删除"}})
    assert (status, answer) == (422, {"error": (
        "未保存，请先改正：记录 2017-07-10-slow-rectification：没有编号为「2017-06-15-crane-inspection-overdue」的督办事项；"
        "记录 2017-06-14-tower-cranes：没有编号为「2017-06-15-crane-inspection-overdue」的督办事项"
    )})
    assert (desk.records / CASE_FILE).exists()


def test_a_deletion_is_a_commit(desk: Running) -> None:
    before = desk.commits()
    status, answer = desk.call("deleteFiles", {"paths": ["tip/2017-06-20-summer-electricity.yaml"], "options": {}})
    assert (status, answer) == (200, {"message": "tip: remove 2017-06-20-summer-electricity 夏季用电安全"})
    assert len(desk.commits()) == len(before) + 1
    assert git(desk.records, "show", "--name-status", "--format=", "HEAD").strip() == "D\ttip/2017/2017-06-20-summer-electricity.yaml"


def test_a_new_record_lands_in_its_year_folder_and_never_overwrites(desk: Running) -> None:
    form = {
        "date": "2018-01-05", "desk_slug": "winter-heating", "public": False, "title": "冬季取暖安全",
        "summary": "县安委办部署冬季取暖安全工作。", "desk_internal": {},
    }
    assert desk.save("news/2018-01-05-winter-heating.yaml", form, new=True) == (200, {"message": "news: 2018-01-05-winter-heating 冬季取暖安全"})
    text = (desk.records / "news/2018/2018-01-05-winter-heating.yaml").read_text(encoding="utf-8")
    assert text == (
        "# yaml-language-server: $schema=../../../schema/news.schema.json\n"
        "date: 2018-01-05\npublic: false\ntitle: 冬季取暖安全\nsummary: 县安委办部署冬季取暖安全工作。\n"
    )
    status, answer = desk.save("news/2018-01-05-winter-heating.yaml", form, new=True)
    assert (status, answer) == (409, {"error": "未保存：已有文件 news/2018-01-05-winter-heating.yaml；请换一个英文短名"})


def test_a_form_opened_before_someone_else_saved_is_refused(desk: Running) -> None:
    mine, theirs = desk.form(CASE), desk.form(CASE)
    theirs["desk_tab"], mine["desk_tab"] = "tab-b", "tab-a"
    theirs["evidence"] = "检测合格报告、复查记录及照片。"
    assert desk.save(CASE, theirs)[0] == 200
    mine["title"] = "我的标题"
    assert desk.save(CASE, mine) == (409, {"error": "未保存：这条记录在您打开之后已被他人修改。请记下您的改动，刷新页面后重新编辑。"})
    theirs["evidence"] = "检测合格报告及复查记录（第二次保存）。"
    assert desk.save(CASE, theirs)[0] == 200, "the same tab saving again from its open form is not stale"
    assert "我的标题" not in (desk.records / CASE_FILE).read_text(encoding="utf-8")


def test_concurrent_saves_of_different_records_both_land(desk: Running) -> None:
    before = desk.commits()
    forms = {CASE: desk.form(CASE), NEWS: desk.form(NEWS)}
    forms[CASE]["title"] = "同时保存一"
    forms[NEWS]["title"] = "同时保存二"
    answers: dict[str, tuple[int, object]] = {}
    threads = [threading.Thread(target=lambda p=path: answers.__setitem__(p, desk.save(p, forms[p]))) for path in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [answers[path][0] for path in forms] == [200, 200]
    assert len(desk.commits()) == len(before) + 2
    assert "title: 同时保存一" in (desk.records / CASE_FILE).read_text(encoding="utf-8")
    assert "title: 同时保存二" in (desk.records / "news/2017/2017-06-05-safety-month.yaml").read_text(encoding="utf-8")


def test_requests_from_elsewhere_are_refused(desk: Running) -> None:
    port = desk.url.rsplit(":", 1)[1].rstrip("/")
    assert desk.call("info", {}, {"Origin": "http://evil.example"})[0] == 403
    assert desk.call("info", {}, {"Origin": "null"})[0] == 403
    assert desk.call("info", {}, {"Host": f"evil.example:{port}"})[0] == 403  # DNS rebinding: the name is not ours
    assert desk.call("info", {}, {"Content-Type": "text/plain"})[0] == 415  # what a cross-site form could send
    page = urllib.request.Request(desk.url, headers={"Host": f"rebound.example:{port}"})
    try:
        urllib.request.urlopen(page, timeout=10)
        raise AssertionError("page served to a foreign Host")
    except urllib.error.HTTPError as error:
        assert error.code == 403
    assert desk.call("info", {}, {"Host": f"localhost:{port}"})[0] == 200


def test_paths_outside_the_records_folder_are_refused(desk: Running, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    os.symlink(secret, desk.records / "news/2017/2017-06-30-link.yaml")
    for path in ("../secret.yaml", "/etc/passwd", "news/../../secret.yaml", "news/2017-06-30-link.yaml", "schema/case.schema.json"):
        status, answer = desk.call("getEntry", {"path": path})
        assert status == 403, path
        assert answer["error"].startswith(("拒绝访问：", "编辑台不能修改")), answer
    status, _ = desk.save("../../outside.yaml", {"date": "2017-06-30"}, new=True)
    assert status == 403
    assert not (tmp_path / "outside.yaml").exists()


def photo_with_gps(size: tuple[int, int]) -> bytes:
    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (35.0, 30.0, 0.0), 3: "E", 4: (117.0, 38.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_an_upload_loses_its_exif_and_is_resized(desk: Running) -> None:
    raw = photo_with_gps((4000, 3000))
    assert Image.open(io.BytesIO(raw)).getexif()
    before = desk.commits()
    status, answer = desk.call("persistMedia", {"asset": {"path": "media/IMG 0615 塔吊.JPG", "content": base64.b64encode(raw).decode(), "encoding": "base64"}})
    assert status == 200
    assert answer["path"] == "media/img-0615.jpg"
    stored = desk.records / "media/img-0615.jpg"
    image = Image.open(stored)
    assert image.size == (2000, 1500)
    assert not image.getexif() and "exif" not in image.info
    assert base64.b64decode(answer["content"]) == stored.read_bytes()
    assert len(desk.commits()) == len(before) + 1
    assert git(desk.records, "show", "--name-only", "--format=%s", "HEAD").split() == ["media:", "img-0615.jpg", "media/img-0615.jpg"]


def test_a_case_saved_with_its_photo_names_it(desk: Running) -> None:
    form = desk.form(CASE)
    form["desk_internal"]["photos"] = ["media/crane.jpg"]
    asset = {"path": "media/crane.jpg", "content": base64.b64encode(photo_with_gps((640, 480))).decode(), "encoding": "base64"}
    assert desk.save(CASE, form, assets=[asset])[0] == 200
    assert git(desk.records, "show", "--name-only", "--format=", "HEAD").split() == [CASE_FILE, "media/crane.jpg"]
    assert not Image.open(desk.records / "media/crane.jpg").getexif()
    assert loader.check(desk.records) == []


def test_what_is_not_a_photo_is_refused(desk: Running) -> None:
    for name, content in (("media/report.jpg", b"%PDF-1.7 not a photo"), ("media/x.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")):
        status, answer = desk.call("persistMedia", {"asset": {"path": name, "content": base64.b64encode(content).decode(), "encoding": "base64"}})
        assert status == 415
        assert answer["error"].startswith("上传失败：")
    assert not (desk.records / "media").exists()


def test_a_photo_a_case_names_cannot_be_removed(desk: Running) -> None:
    form = desk.form(CASE)
    form["desk_internal"]["photos"] = ["media/crane.jpg"]
    asset = {"path": "media/crane.jpg", "content": base64.b64encode(photo_with_gps((64, 48))).decode(), "encoding": "base64"}
    assert desk.save(CASE, form, assets=[asset])[0] == 200
    status, answer = desk.call("deleteFiles", {"paths": ["media/crane.jpg"], "options": {}})
    assert (status, answer) == (422, {"error": "未保存，请先改正：记录 2017-06-15-crane-inspection-overdue：照片「media/crane.jpg」不在记录文件夹的 media/ 中；请先上传"})
    assert (desk.records / "media/crane.jpg").exists()


def test_an_edit_made_outside_the_desk_is_seen(desk: Running) -> None:
    news = desk.records / "news/2017/2017-06-05-safety-month.yaml"
    news.write_text(news.read_text(encoding="utf-8").replace("title: 全县安全生产月活动启动", "title: 在编辑器里改的标题"), encoding="utf-8")
    assert desk.form(NEWS)["title"] == "在编辑器里改的标题"
    status, entries = desk.call("entriesByFolder", {"folder": "news", "extension": "yaml", "depth": 1})
    assert json.loads(entries[0]["data"])["desk_headline"] == "2017-06-05　在编辑器里改的标题"


def test_malformed_requests_get_a_message_not_a_traceback(desk: Running) -> None:
    assert desk.call("nosuch", {}) == (422, {"error": "编辑台不支持此操作：nosuch"})
    status, answer = desk.call("getEntry", {})
    assert status == 400 and answer["error"].startswith("请求格式不对")
    status, answer = desk.call("persistEntry", {"dataFiles": [{"path": CASE, "raw": "title: [unclosed"}], "assets": [], "options": {}})
    assert status == 400 and answer["error"].startswith("无法读取表单内容")


def test_a_registry_edit_is_checked_against_every_record(desk: Running) -> None:
    form = desk.form("units.yaml")
    form["enterprises"] = [unit for unit in form["enterprises"] if unit["name"] != "平邑县恒泰建筑安装有限公司"]
    status, answer = desk.save("units.yaml", form)
    assert (status, answer) == (422, {"error": (
        "未保存，请先改正：记录 2017-06-15-crane-inspection-overdue：「平邑县恒泰建筑安装有限公司」不是 units.yaml 中登记的单位；"
        "记录 2017-06-14-tower-cranes：「平邑县恒泰建筑安装有限公司」不是 units.yaml 中登记的单位"
    )})
    form = desk.form("units.yaml")
    form["towns"].append({"name": "流峪镇", "slug": "liuyu"})
    assert desk.save("units.yaml", form) == (200, {"message": "registry: units"})
    assert "  - {name: 武台镇, slug: wutai}\n  - name: 流峪镇\n    slug: liuyu\n" in (desk.records / "units.yaml").read_text(encoding="utf-8")


def test_an_episode_file_keeps_its_upper_case_week(desk: Running) -> None:
    form = {"desk_id": "2017-w50", "opening": "本期节目关注冬季安全。"}
    assert desk.save("episodes/2017-w50.yaml", form, new=True)[0] == 200  # Decap lower-cases the slug it makes
    assert (desk.records / "episodes/2017-W50.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schema/episode.schema.json\nopening: 本期节目关注冬季安全。\n"
    )
    assert desk.form("episodes/2017-W50.yaml")["desk_id"] == "2017-W50"


def test_a_file_written_outside_git_is_committed_by_its_first_save(desk: Running) -> None:
    news = desk.records / "news/2017/2017-06-06-untracked.yaml"
    news.write_text((desk.records / "news/2017/2017-06-05-safety-month.yaml").read_text(encoding="utf-8").replace("2017-06-05", "2017-06-06"), encoding="utf-8")
    form = desk.form("news/2017-06-06-untracked.yaml")
    form["title"] = "先在编辑器里新建的记录"
    assert desk.save("news/2017-06-06-untracked.yaml", form)[0] == 200
    assert git(desk.records, "show", "--name-status", "--format=", "HEAD").strip() == "A\tnews/2017/2017-06-06-untracked.yaml"
