"""Can every record be found by each word of its title and gist in a built site's search index?

The browser splits the index by the separator in mkdocs.yml and matches whole
words; a record is findable by a word when that word is a token of the entry
at its page. Used by `run.py` on the 10,000-record site, and on Zensical's
build of the same pages (`zensical_site.py`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jieba
from ruamel.yaml import YAML

from generator.records import loader
from generator.records.public import published
from generator.site import search
from generator.site.pages import PAGELESS, record_url

HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


def separator(config_file: Path) -> re.Pattern[str]:
    yaml = YAML(typ="safe", pure=True)
    yaml.constructor.add_constructor("!ENV", lambda loader, node: None)
    plugins = yaml.load(config_file.read_text(encoding="utf-8"))["plugins"]
    return re.compile(next(p["search"]["separator"] for p in plugins if isinstance(p, dict) and "search" in p))


def material_index(site: Path) -> list[dict[str, str]]:
    """The entries of Material's search index in a built site."""
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def misses(records: Path, as_of: dt.date, entries: list[dict[str, str]], split: re.Pattern[str]) -> tuple[int, int, list[str]]:
    """(records checked, words checked, every 'record: word' missed) in a search index's `entries`, split by `split`.

    A page's entries (the page and its sections, `page/#anchor`) count together.
    """
    catalog = loader.load(records)
    search.teach(catalog.units)
    tokens: dict[str, set[str]] = {}
    for entry in entries:
        tokens.setdefault(entry["location"].split("#")[0], set()).update(split.split(entry["title"] + " " + entry["text"]))
    shown = [r for r in published(catalog, as_of).records.values() if r.kind not in PAGELESS]
    words, missed = 0, []
    for record in shown:
        indexed = tokens.get(record_url(record), set())
        for word in (w for text in (record.headline, record.gist) for w in jieba.cut(text) if HAN_WORD.fullmatch(w)):
            words += 1
            if word not in indexed:
                missed.append(f"{record.id}: {word}")
    return len(shown), words, missed
