"""Where a record has its page on the public site: one rule for the site and for the desk's preview links."""

from __future__ import annotations

from generator.records.models import Record

PAGELESS = ("accountability", "tipoff")
"""Kinds shown in lists, statistics and downloads but without a page of their own."""


def page_path(kind: str, record_id: str) -> str:
    """The site path of a record's page, relative to the site root."""
    return f"{kind}/{record_id}/"


def record_url(record: Record) -> str:
    return page_path(record.kind, record.id)
