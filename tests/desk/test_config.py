"""Decap's config as the desk generates it from the models, and the page that loads it."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Any

from ruamel.yaml import YAML

from generator.desk.config import config
from generator.records import loader
from tests.conftest import FIXTURES
from tests.desk.conftest import Running


def generated(preview: str | None = "http://127.0.0.1:8000/") -> dict[str, Any]:
    catalog = loader.load(FIXTURES / "valid")
    return config(catalog.units, catalog.office, preview)


def fields_of(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in collection["fields"]}


def test_one_collection_per_kind_editorial_folder_and_the_registries() -> None:
    made = generated()
    assert made["locale"] == "zh_Hans"
    assert made["backend"] == {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}
    assert [c["name"] for c in made["collections"]] == [
        "inspection", "case", "listing", "ranking", "tip", "news", "accountability", "tipoff", "bulletins", "episodes", "registries",
    ]
    assert [c["label"] for c in made["collections"][:3]] == ["督查记录", "督办事项", "红黑榜"]
    assert [f["file"] for f in made["collections"][-1]["files"]] == ["units.yaml", "office.yaml"]


def test_a_case_form_picks_names_from_the_registries_and_links_its_inspection() -> None:
    case = next(c for c in generated()["collections"] if c["name"] == "case")
    fields = fields_of(case)
    assert case["folder"] == "case" and case["slug"] == "{{fields.date}}-{{slug}}" and case["preview_path"] == "case/{{filename}}/"
    assert fields["unit"]["widget"] == "select" and fields["unit"]["options"] == [
        "平邑街道", "仲村镇", "武台镇", "建筑施工安全专业委员会", "县住房和城乡建设局", "平邑县恒泰建筑安装有限公司", "武台镇金石采石场",
    ]
    assert fields["town"]["options"] == ["平邑街道", "仲村镇", "武台镇"]
    assert {key: fields["inspection"][key] for key in ("label", "widget", "collection", "value_field", "required")} == {
        "label": "来源督查", "widget": "relation", "collection": "inspection", "value_field": "{{filename}}", "required": False,
    }
    assert fields["level"] == {"name": "level", "label": "隐患等级", "required": True, "widget": "select", "options": ["一般", "重大"]}
    assert fields["deadline"]["widget"] == "datetime" and fields["deadline"]["time_format"] is False
    assert fields["public"]["default"] is False  # a new record starts as a draft
    internal = fields["desk_internal"]
    assert internal["label"] == "内部信息（不公开）"
    assert [f["name"] for f in internal["fields"]] == ["review", "withdrawn", "photos", "notes"]
    assert not any(f["required"] for f in internal["fields"][1]["fields"])  # an empty withdrawal must not block a save
    review = fields_of(internal["fields"][0])
    assert review["reviewer"]["options"] == ["刘志强", "张伟"] and review["approver"]["label"] == "批准公开人"
    assert "review" not in fields and "notes" not in fields
    assert [f["name"] for f in case["fields"] if f["widget"] == "hidden"] == ["desk_version", "desk_tab", "desk_headline"]


def test_pageless_kinds_have_no_preview_and_nothing_points_off_the_machine() -> None:
    made = generated()
    tipoff = next(c for c in made["collections"] if c["name"] == "tipoff")
    assert "preview_path" not in tipoff
    assert "reporter" in fields_of(next(f for f in tipoff["fields"] if f["name"] == "desk_internal"))
    assert re.findall(r"https?://[^\"]*", json.dumps(made, ensure_ascii=False)) == []  # (the preview site is the page's, not the config's)


def get(desk: Running, path: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(desk.url + path, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_page_loads_decap_from_the_desk_itself(desk: Running) -> None:
    status, headers, body = get(desk, "")
    assert status == 200
    page = body.decode("utf-8")
    assert '<html lang="zh-CN">' in page and "<title>安委办编辑台</title>" in page
    assert re.findall(r'src="([^"]+)"', page) == ["desk.js", "decap/decap-cms.js"]
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy and "frame-ancestors 'none'" in policy
    status, headers, body = get(desk, "decap/decap-cms.js")
    assert status == 200 and len(body) > 1_000_000 and headers["Content-Type"].startswith("text/javascript")
    assert get(desk, "decap/../package.json")[0] == 404
    assert get(desk, "decap/%2e%2e/package.json")[0] == 404
    status, _, body = get(desk, "config.yml")
    assert status == 200
    assert YAML(typ="safe").load(body.decode("utf-8"))["collections"][1]["label"] == "督办事项"
