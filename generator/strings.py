"""Every Chinese word the public, the producers or the printer read, in one place.

Templates get these as `t`; code uses them by key. Field values that editors
write (titles, 挂牌督办, 黑榜 …) come from the records themselves.
"""

from __future__ import annotations

import datetime as dt

PROGRAMME = "安全365"
BULLETIN = "安全生产通报"

KIND = {
    "news": "动态要闻",
    "inspection": "现场督查",
    "case": "督办事项",
    "listing": "红黑榜",
    "ranking": "工作通报",
    "tip": "安全知识",
    "accountability": "问责情况",
    "tipoff": "有奖举报",
}
"""Record kinds as the public names them."""

SEGMENT = {
    "opening": "片头",
    "news": "安全生产动态要闻",
    "inspection": "现场督查",
    "listing": "红黑榜",
    "ranking": "工作通报",
    "tip": "安全知识",
    "closing": "有奖举报",
}
"""The programme's segments, in running order."""

SITE = {
    "this_week": "本周节目",
    "premiere": "首播",
    "rerun": "重播",
    "nothing_this_week": "本周暂无新内容",
    "counters": "数据一览",
    "open_supervised": "挂牌督办中的事项",
    "hotline": "有奖举报电话",
    "more": "更多",
    "follow_up_report": "跟踪报道",
    "all_towns": "全部镇街",
    "all_types": "全部类型",
    "filter_town": "按镇街筛选",
    "filter_type": "按类型筛选",
    "no_records": "暂无记录",
    "date": "日期",
    "town": "镇街",
    "unit": "单位",
    "units_visited": "督查单位",
    "team": "督查组",
    "inspectors": "督查人次",
    "mode": "督查方式",
    "scope": "督查类型",
    "topic": "督查主题",
    "findings": "发现问题",
    "description": "问题描述",
    "level": "隐患等级",
    "disposition": "处置方式",
    "case": "督办事项",
    "order_no": "督办单号",
    "opened": "交办日期",
    "deadline": "整改期限",
    "status": "状态",
    "days_left": "剩余 {n} 天",
    "days_overdue": "逾期 {n} 天",
    "due_today": "今日到期",
    "closed_on": "销号日期",
    "evidence": "销号依据",
    "followups": "跟踪进展",
    "source_inspection": "来源督查",
    "responsible_unit": "责任单位",
    "board": "榜单",
    "red_board": "红榜",
    "black_board": "黑榜",
    "red_board_note": "安全生产先进典型",
    "black_board_note": "违法违规和重大隐患单位，依法公开曝光",
    "industry": "行业",
    "reason": "上榜事由",
    "measures": "处理措施",
    "publicity_end": "公示截止",
    "board_rule": "黑榜公示期不少于一年、不超过三年；期满或经信用修复的单位不再公示。",
    "series": "通报系列",
    "period": "考核期间",
    "rank": "名次",
    "score": "得分",
    "movement": "名次变化",
    "up": "上升 {n} 位",
    "down": "下降 {n} 位",
    "same": "持平",
    "new_entry": "新进",
    "comment": "点评",
    "previous_ranking": "上期通报",
    "chart_of": "{series}历次得分走势",
    "season": "适用季节",
    "points": "要点",
    "summary": "摘要",
    "related": "相关记录",
    "cases_open": "整改中",
    "cases_overdue": "逾期未改",
    "cases_closed": "已销号",
    "as_of": "数据截至 {date}",
    "unit_index": "单位",
    "unit_kinds": "单位类别",
    "stats": "统计",
    "stats_year": "{year}年",
    "inspections_count": "督查次数",
    "inspector_times": "督查人次",
    "unit_visits": "督查单位次数",
    "cases_opened": "交办督办事项",
    "cases_closed_count": "销号事项",
    "orders_supervised": "挂牌督办单",
    "orders_handed": "直接交办单",
    "listings_count": "红黑榜曝光",
    "accountability_by_type": "问责情况（人次）",
    "tipoffs_count": "有奖举报",
    "rewards_paid": "奖励金额（元）",
    "month": "月份",
    "per_month": "按月统计",
    "per_year": "按年统计",
    "data": "开放数据",
    "data_intro": "以下数据均为公开字段，可自由下载使用。举报人信息、内部备注等不公开内容不包含在内。",
    "download_json": "JSON",
    "download_csv": "CSV",
    "feed": "订阅（Atom）",
    "count": "数量",
    "issue": "期号",
    "issue_period": "收录期间",
    "download_pdf": "PDF",
    "web_version": "网页版",
    "print_version": "打印版（PDF）",
    "html_version": "排版稿（HTML）",
    "in_this_issue": "本期内容",
    "episodes": "节目",
    "episode_title": "《安全365》{date}",
    "download_pack": "下载本期素材包（ZIP）",
    "rundown": "串联单",
    "running_time": "总时长",
    "slides": "画面",
    "captions": "字幕",
    "thumbnail": "第{n}屏",
    "persons": "人次",
    "type": "类型",
    "reward": "奖励",
}
"""Labels of the public site."""


DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1-99 in Chinese numerals, as sections are numbered: 一, 十, 十一, 二十三."""
    tens, ones = divmod(n, 10)
    if not 0 < n < 100:
        return str(n)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


def cn_date(day: dt.date) -> str:
    """2017年6月14日"""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_month(day: dt.date) -> str:
    """2017年6月"""
    return f"{day.year}年{day.month}月"

PRINT = {
    "number": "第{n}期",
    "year_number": "{year}年第{n}期",
    "note": "编者按",
    "news": "工作动态",
    "inspections": "督查情况",
    "cases": "隐患整改",
    "listings": "红黑榜",
    "rankings": "工作通报",
    "accountability": "问责情况",
    "tipoffs": "有奖举报",
    "next_steps": "下步工作",
    "cases_opened": "本期交办督办",
    "cases_closed": "本期整改销号",
    "cases_overdue": "逾期未整改",
    "order_no": "督办单号",
    "case": "事项",
    "unit": "责任单位",
    "deadline": "整改期限",
    "status": "状态",
    "closed": "销号日期",
    "findings": "发现问题{n}个：",
    "inspection_line": "{date}，{team}赴{town}开展{mode}{scope}督查（{topic}），{summary}",
    "rank": "名次",
    "score": "得分",
    "movement": "变化",
    "new_entry": "新进",
    "same": "持平",
    "chart": "{series}历次得分",
    "total_persons": "本期问责{n}人次：",
    "persons": "{type}{n}人次",
    "tipoff_line": "{date}受理举报：{violation}。{outcome}奖励{reward}元。",
    "report_to": "报送：",
    "send_to": "发送：",
    "copies": "共印{n}份",
    "issued": "{date}印发",
    "qr": "扫码查看本期网页版及相关记录",
    "red_board": "红榜",
    "black_board": "黑榜",
    "listing_line": "{unit}（{town}，{industry}）：{reason}",
    "measures": "处理措施：{measures}。",
    "publicity_end": "公示至{date}。",
    "list_sep": "、",
}
"""Words of the printed bulletin 《安全生产通报》."""

TV = {
    "continued": "（续）",
    "follow_up": "跟踪报道",
    "overdue": "整改期限{deadline}，已逾期{days}天",
    "findings": "发现问题{n}个",
    "finding": "{n}. {text}（{disposition}）",
    "facts_inspection": "{town} · {mode} · {scope} · {team}",
    "facts_case": "{unit} · {order_no}",
    "board_new": "本周新上榜",
    "rank": "名次",
    "unit": "单位",
    "score": "得分",
    "movement": "变化",
    "new_entry": "新进",
    "same": "持平",
    "chart": "{series}：本期得分",
    "tip_point": "{n}. {text}",
    "hotline_title": "有奖举报",
    "scan": "扫码了解举报方式",
    "opening_caption": "欢迎收看《安全365》。",
    "closing_caption": "举报电话{hotline}。{note}",
    "segment_caption": "下面请看{segment}。",
    "ranking_caption": "{title}，{leader}位列第一。",
    "listing_caption": "{board}：{unit}。{reason}",
    "lower_inspection": "{unit}：{finding}",
    "rundown": "串联单",
    "total": "总时长",
    "order": "序号",
    "segment": "板块",
    "item": "内容",
    "records": "来源记录",
    "start": "开始",
    "duration": "时长",
    "slides": "画面",
    "lower_thirds": "角标",
    "captions": "字幕",
}
"""Words of the TV pack: slides, lower-thirds, captions and the rundown."""

SHARE = {
    "tagline": "督查、督办、红黑榜、工作通报与安全知识",
    "hotline": "有奖举报电话 {hotline}",
    "unit_town": "{unit} · {town}",
    "case_label": "督办事项 · {disposition}",
    "case_open": "整改中 · 整改期限 {date}（{countdown}）",
    "case_overdue": "逾期未改 · 整改期限 {date}（{countdown}）",
    "case_closed": "已销号 · {date}",
    "case_description": "{disposition}，{state}。{unit}（{town}）：{description}",
    "inspection_label": "现场督查 · {mode}",
    "inspection_line": "{date} · {town} · {team}",
    "findings": "发现问题 {n} 项",
    "listing_line": "{town} · {industry} · 公示至 {date}",
    "ranking_leader": "{period} · 第一名 {units}",
    "tip_line": "{topic} · 适用季节：{season}",
    "issue_title": "{year}年第{n}期",
    "issue_period": "收录 {start}—{end}",
    "case_board": "督办事项公示",
    "case_board_line": "逾期未改 {overdue} 项 · 整改中 {open} 项 · 已销号 {closed} 项",
    "listing_board": "红黑榜",
    "listing_board_line": "红榜 {red} 家 · 黑榜 {black} 家",
    "ranking_board": "工作通报",
    "ranking_board_line": "{n} 个通报系列 · 最新 {title}",
    "as_of": "数据截至 {date}",
}
"""Words of the sharing cards and page descriptions: what a chat app shows of a shared link."""

CHART = {
    "lead": "{period}{units}得分最高（{score}分）",
    "lead_streak": "{units}连续{n}期第一",
    "and_last": "，{units}末位（{score}分）",
    "ranking_description": "{series}：{first}至{last}共{n}期各单位得分。红色实线（圆点）为最新一期第一名{best}，"
    "黑色虚线（方块）为最新一期末位{worst}，灰色细线为其余{rest}个单位。",
    "year_message": "{year}年督查{inspections}次，交办督办事项{opened}项，销号{closed}项",
    "bars_description": "{title}。柱形图按月显示{series}。",
    "rest": "其余{n}个单位",
    "data_table": "{title}：数据表",
    "see_table": "数据见下表。",
}
"""Words of the charts (site and bulletin): their one-line messages and their text alternatives."""
