"""撤回 in the archive: which records of an issued bulletin are withdrawn by a date, and which public copy shows it then.

The public view leaves a withdrawn record out of everything rendered; an
issued bulletin is not rendered again, so its public copy must be a redacted
copy made for exactly the records withdrawn by then. There is one copy for
each day a further record of the issue was withdrawn, so a build on any date
finds the copy of that date.
"""

from __future__ import annotations

import datetime as dt

from generator.editions.ledger import Archive
from generator.errors import IssuedError
from generator.records.catalog import Catalog
from generator.records.issued import Entry
from generator.records.models import Withdrawal


def withdrawn(entry: Entry, catalog: Catalog, day: dt.date) -> dict[str, Withdrawal]:
    """The records of `entry` withdrawn on or before `day`, with their withdrawals."""
    found = {}
    for record_id in entry.records:
        record = catalog.records.get(record_id)
        withdrawal = record.withdrawal() if record is not None else None
        if withdrawal is not None and withdrawal.date <= day:
            found[record_id] = withdrawal
    return found


def steps(entry: Entry, catalog: Catalog, day: dt.date) -> list[dict[str, Withdrawal]]:
    """The sets of records withdrawn on each withdrawal day up to `day`: the redacted copies `entry` needs."""
    found = withdrawn(entry, catalog, day)
    days = sorted({withdrawal.date for withdrawal in found.values()})
    return [{record: w for record, w in found.items() if w.date <= until} for until in days]


def missing(archive: Archive, catalog: Catalog, day: dt.date) -> list[tuple[Entry, dict[str, Withdrawal]]]:
    """Every (issued bulletin, withdrawn records) whose redacted copy has not been made yet."""
    return [
        (entry, step)
        for entry in archive.originals("bulletin")
        for step in steps(entry, catalog, day)
        if archive.public_copy(entry, set(step)) is None
    ]


def public_copy(archive: Archive, entry: Entry, catalog: Catalog, day: dt.date) -> Entry:
    """The copy of the issued `entry` the public may see on `day`; refused when its redacted copy is missing."""
    gone = withdrawn(entry, catalog, day)
    copy = archive.public_copy(entry, set(gone))
    if copy is None:
        first = min(gone, key=lambda record: (gone[record].date, record))
        raise IssuedError(
            f"{entry.kind} {entry.edition} shows {first}, withdrawn on {gone[first].date}: "
            f"issue its redacted public copy first (safety365 redact --signed-by NAME)"
        )
    return copy
