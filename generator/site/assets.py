"""Files of the site that are not pages: charts, open-data downloads and the Atom feed.

All of them come from the published view, so an expired listing or a private
field can no more reach a download than a page.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from generator import charts, strings
from generator.editions.corrections import Issued
from generator.records.models import KINDS, Inspection, Listing, News, Ranking, Record
from generator.records.public import PublicView, public_data
from generator.site.pages import chart_paths, record_url, slug_of
from generator.stats import Monthly

ATOM = "http://www.w3.org/2005/Atom"
FEED_KINDS = (News, Inspection, Listing)
FEED_SIZE = 50
CORRECTIONS = "corrections"
"""The open data file of the corrections printed in issued bulletins (data/corrections.json, .csv)."""
FEED = "feed"
"""The Atom feed's name among the downloads (feed.xml)."""


def site_charts(view: PublicView, per_month: Monthly) -> Iterator[tuple[str, charts.Chart, charts.Frame]]:
    """(path relative to the site root, chart, frame) for every chart of the site."""
    yield from series_charts(view)
    yield from stats_charts(per_month)


def downloads(view: PublicView, corrected: list[Issued] | None = None) -> dict[str, list[Any]]:
    """What each download shows, by name: a kind's records (its JSON and CSV), the corrections' rows, the feed's items.

    Kept apart so a build remakes only the downloads an edit reaches: an
    edited news item rewrites the news tables and the feed, not the ten
    megabytes of every kind's.
    """
    shown: dict[str, list[Any]] = {kind: view.of(model) for kind, model in KINDS.items()}
    shown[CORRECTIONS] = correction_rows(view, corrected or [])
    shown[FEED] = feed_items(view)
    return shown


def download_files(name: str, shown: list[Any], view: PublicView, site_url: str) -> Iterator[tuple[str, bytes]]:
    """(path relative to the site root, content) of the download `name` showing `shown` (from `downloads`)."""
    if name == FEED:
        yield "feed.xml", atom_feed(shown, view, site_url)
        return
    rows = shown if name == CORRECTIONS else [public_data(record) for record in shown]
    yield f"data/{name}.json", json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")
    yield f"data/{name}.csv", to_csv(rows)


def site_files(view: PublicView, site_url: str, corrected: list[Issued] | None = None) -> Iterator[tuple[str, bytes]]:
    """(path relative to the site root, content) for every download and the feed."""
    for name, shown in downloads(view, corrected).items():
        yield from download_files(name, shown, view, site_url)


def correction_rows(view: PublicView, corrected: list[Issued]) -> list[dict[str, object]]:
    """The open data of corrections: each one printed, of a record still public (a withdrawn one's text stays withdrawn)."""
    return [
        {
            "issue": c.carried_by, "issued": c.date.isoformat(), "corrects": c.correction.edition,
            "record": c.correction.record, "text": c.correction.text,
        }
        for c in corrected
        if view.get(c.correction.record) is not None
    ]


def series_charts(view: PublicView) -> Iterator[tuple[str, charts.Chart, charts.Frame]]:
    ordered = sorted(view.of(Ranking), key=lambda r: (r.series, r.date))
    for name, group in groupby(ordered, key=lambda r: r.series):
        yield from both(f"ranking/chart-{slug_of(name)}", charts.ranking_lines(list(group), strings.SITE["score"]))


def stats_charts(per_month: Monthly) -> Iterator[tuple[str, charts.Chart, charts.Frame]]:
    for year, chart in charts.year_charts(per_month).items():
        yield from both(f"stats/chart-{year}", chart)


def both(stem: str, chart: charts.Chart) -> Iterator[tuple[str, charts.Chart, charts.Frame]]:
    """A chart drawn twice: wide (wide screens) and narrow (phones), where the pages look for them."""
    paths = chart_paths(stem)
    yield paths["wide"], chart, charts.WIDE
    yield paths["narrow"], chart, charts.NARROW


def to_csv(rows: list[dict[str, object]]) -> bytes:
    """Rows as UTF-8 CSV (with BOM, so spreadsheet programs read the Chinese); lists as JSON text."""
    buffer = io.StringIO()
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def feed_items(view: PublicView) -> list[Record]:
    """The newest news, inspections and listings, which the feed carries."""
    return sorted((r for model in FEED_KINDS for r in view.of(model)), key=lambda r: (r.date, r.id), reverse=True)[:FEED_SIZE]


def atom_feed(items: list[Record], view: PublicView, site_url: str) -> bytes:
    """Atom feed of `items` (`feed_items`)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = strings.PROGRAMME
    ET.SubElement(feed, f"{{{ATOM}}}id").text = site_url
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(items[0].date if items else view.on)
    ET.SubElement(feed, f"{{{ATOM}}}link", href=site_url)
    ET.SubElement(feed, f"{{{ATOM}}}author").append(_name(view.office.name))
    for record in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = site_url + record_url(record)
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{strings.KIND[record.kind]}：{record.headline}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", href=url)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(record.date)
        summary = record.reason if isinstance(record, Listing) else str(getattr(record, "summary"))
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def _name(text: str) -> ET.Element:
    element = ET.Element(f"{{{ATOM}}}name")
    element.text = text
    return element
