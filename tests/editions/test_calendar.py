"""The publishing calendar at the edges of a year: ISO week 53 and week 1, the 24th issue, a year without a December issue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.editions.bulletin import issues_with_records
from generator.editions.calendar import Episode, Issue
from generator.editions.programme import episodes_with_records
from generator.records import loader
from generator.records.public import Views

D = dt.date


def test_iso_week_53_airs_on_the_last_wednesday_of_2020() -> None:
    episode = Episode.parse("2020-W53")
    assert episode.air_date == D(2020, 12, 30)
    assert (episode.period.start, episode.period.end) == (D(2020, 12, 23), D(2020, 12, 29))
    assert episode.next() == Episode(2021, 1)
    assert Episode.parse("2021-W01").air_date == D(2021, 1, 6)


def test_a_year_without_week_53_refuses_it() -> None:
    with pytest.raises(ValueError, match="2021 has no ISO week 53"):
        Episode.parse("2021-W53")


def test_new_years_day_belongs_to_the_first_episode_after_it() -> None:
    assert Episode.covering(D(2021, 1, 1)).id == "2021-W01"
    assert Episode.covering(D(2020, 12, 30)).id == "2021-W01"  # aired on the 30th, so the next one covers it
    assert Episode.covering(D(2020, 12, 29)).id == "2020-W53"
    assert Episode.covering(D(2018, 12, 31)).id == "2019-W01"  # a Monday of ISO week 2019-W01


def test_the_24th_issue_closes_the_year() -> None:
    last = Issue.parse("2017-24")
    assert (last.period.start, last.period.end) == (D(2017, 12, 16), D(2017, 12, 31))
    assert last.next() == Issue(2018, 1)
    assert Issue.covering(D(2017, 12, 31)) == last
    assert Issue.covering(D(2016, 2, 29)).period == Issue.parse("2016-04").period
    assert Issue.parse("2016-04").period.end == D(2016, 2, 29)
    with pytest.raises(ValueError):
        Issue.parse("2017-25")


def test_a_year_with_no_december_records_has_no_december_issue(records: Path) -> None:
    """Records end in November 2017: built as of the year's end, the last issue is November's second."""
    for path in records.rglob("2017-*.yaml"):
        if path.name.startswith(("2017-12", "2017-08", "2017-07")) and "bulletins" not in path.parts:
            path.unlink()
    news = records / "news/2017/2017-06-05-safety-month.yaml"
    november = records / "news/2017/2017-11-20-winter-briefing.yaml"
    november.write_text(
        news.read_text(encoding="utf-8").replace("date: 2017-06-05", "date: 2017-11-20").replace("related: [2017-06-14-tower-cranes]", "related: []"),
        encoding="utf-8",
    )
    views = Views(loader.load(records))
    issues = [content.issue.id for content in issues_with_records(views, D(2017, 12, 31))]
    assert issues == ["2017-11", "2017-12", "2017-22"]
    episodes = [episode.id for episode in episodes_with_records(views, D(2017, 12, 31))]
    assert episodes == ["2017-W23", "2017-W25", "2017-W27", "2017-W47"]  # 5 June; 14-20 June; 30 June; 20 November
