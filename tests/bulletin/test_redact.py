"""The redacted public copy: the signed HTML with exactly the withdrawn items blacked out."""

from __future__ import annotations

from generator.bulletin.redact import redact

SIGNED = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>安全生产通报 2017年第13期</title><style>p > span { color: red; }</style></head>
<body><main>
<p data-record="2017-07-03-quarry-black">武台镇金石采石场（武台镇，非煤矿山）：越界开采，拒不整改。</p>
<p data-record="2017-07-10-slow-rectification">县住建局：隐患整改拖延（通报批评，2人次）</p>
<table><tbody>
<tr data-record="2017-06-15-crane"><td>平安办督〔2017〕12号</td><td>塔吊检测报告过期</td><td>恒泰建筑</td></tr>
<tr data-record="2017-06-16-other"><td>平安办交〔2017〕3号</td><td>基坑临边无防护</td><td>鑫城置业</td></tr>
</tbody></table>
</main></body></html>"""


def test_only_the_withdrawn_items_are_replaced_by_the_notice() -> None:
    html = redact(SIGNED, {"2017-07-03-quarry-black": "县人民法院判决", "2017-06-15-crane": "上级机关决定"})
    assert "越界开采" not in html and "2017-07-03-quarry-black" not in html
    assert "塔吊检测报告过期" not in html and "2017-06-15-crane" not in html
    assert '<p class="redacted"><span class="bar" aria-hidden="true"></span>此条已依法撤回（依据：县人民法院判决）</p>' in html
    assert '<tr class="redacted"><td class="redacted" colspan="3"><span class="bar" aria-hidden="true"></span>此条已依法撤回（依据：上级机关决定）</td></tr>' in html
    assert "县住建局：隐患整改拖延（通报批评，2人次）" in html and "基坑临边无防护" in html
    assert '<p class="redacted-note">本期公开版已依法遮盖撤回的内容。</p>' in html
    assert "p > span { color: red; }" in html, "the signed styles pass unescaped"
    assert html.startswith("<!doctype html>")


def test_nothing_withdrawn_changes_no_text() -> None:
    html = redact(SIGNED, {"2017-01-01-not-here": "依据"})
    assert "越界开采" in html and "redacted" not in html
