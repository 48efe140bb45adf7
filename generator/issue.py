"""Issuing (签发): seal one bulletin issue, one aired episode or one case paper into the archive, and the archive's upkeep.

`issue_bulletin` prints the issue as it stands on its last day, with the
corrections of earlier issues it must carry, and seals its PDF, its HTML and
the public content of what it printed. `issue_episode` packs an aired week
and seals its text. `issue_order` seals a case's order or 销号 notice as
sent. `redact` makes the public copies that withdrawals need;
`check_archive` re-hashes everything against the ledger. Each one renders at
most one edition (or the copies of one withdrawal): the rest of the archive
is only read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from generator import processes
from generator.build import Project, build_bulletins, build_episodes, build_orders
from generator.clock import today
from generator.editions import corrections, withdrawals
from generator.editions.bulletin import issue_content
from generator.editions.calendar import Episode, Issue
from generator.editions.programme import returning, running_order
from generator.editions.ledger import Archive, content_hash, data_hash, sha256
from generator.editions.orders import ledger_kind, paper_hash, papers
from generator.errors import IssuedError
from generator.records.catalog import Catalog
from generator.records.editorial import BulletinEditorial
from generator.records.issued import Entry
from generator.records.public import Views


def _signer(catalog: Catalog, name: str) -> str:
    if catalog.office.editor(name) is None:
        names = ", ".join(editor.name for editor in catalog.office.editors)
        raise IssuedError(f"{name} is not one of the editors in office.yaml who may sign ({names})")
    return name


def _signed_on(day: dt.date) -> dt.date:
    """A signing day that has come: an edition is never sealed ahead of the day it is signed."""
    if day > today():
        raise IssuedError(f"the day of signing {day} is after today ({today()}): sign on or after the day, not before")
    return day


E = TypeVar("E", Issue, Episode)


def _parse(parse: Callable[[str], E], edition: str) -> E:
    try:
        return parse(edition)
    except ValueError as exc:
        raise IssuedError(str(exc)) from None


def _not_issued(archive: Archive, kind: str, edition: str, advice: str = "") -> None:
    entry = archive.original(kind, edition)
    if entry is not None:
        raise IssuedError(f"{kind} {edition} was issued on {entry.issued} by {entry.signed_by}: an edition is issued once{advice}")


def _intact(archive: Archive) -> None:
    """Refuse to seal into an archive that no longer matches its ledger (a file changed or lost, a ledger line edited or removed).

    Sealing on top of it would bury the damage under a new entry, or write
    over the files of an edition whose ledger line was taken out.
    """
    problems = list(archive.verify())
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise IssuedError(f"{problems[0]}{more}: the archive must match its ledger before anything is issued; restore it from git (see safety365 verify)")


def issue_bulletin(catalog: Catalog, edition: str, signer: str, day: dt.date, project: Project) -> Entry:
    """Seal bulletin issue `edition`, signed by `signer` on `day` (its half month must be over)."""
    issue = _parse(Issue.parse, edition)
    _signed_on(day)
    if day < issue.period.end:
        raise IssuedError(f"bulletin {edition} covers {issue.period.start} to {issue.period.end}: it can be issued from {issue.period.end}")
    archive = Archive(catalog.issued)
    _not_issued(archive, "bulletin", edition)
    _signer(catalog, signer)
    _intact(archive)
    views = Views(catalog, day)
    content = issue_content(views, issue, day)
    editorial = content.editorial or BulletinEditorial()
    reasons = {note.record: note.reason for note in editorial.corrections}
    carried = corrections.pending(archive, views, reasons)
    if content.empty and not carried and content.editorial is None:
        raise IssuedError(f"bulletin {edition} has nothing to print: no public records from {issue.period.start} to {issue.period.end}")
    content = dataclasses.replace(content, corrections=carried, issued=day)
    with tempfile.TemporaryDirectory() as scratch, project.cache.in_use(), processes.pool(1) as workers:
        pdf = build_bulletins([content], views, project, Path(scratch), workers).outputs[0]
        printed = {pdf.name: pdf.read_bytes(), pdf.with_suffix(".html").name: pdf.with_suffix(".html").read_bytes()}
    corrected = []
    for correction in carried:
        record = views.on(Issue.parse(correction.edition).period.end).get(correction.record)
        assert record is not None, "a pending correction is of a public record"
        corrected.append((correction.edition, record))
    sealed = corrections.snapshot(content.items(), corrected)
    printed[corrections.SNAPSHOT] = (json.dumps(sealed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    files = {f"bulletin/{edition}/{name}": data for name, data in printed.items()}
    entry = Entry(
        edition=edition, kind="bulletin", issued=day, signed_by=signer,
        files={name: sha256(data) for name, data in files.items()},
        records={record.id: content_hash(record) for _, _, record in content.items()},
        corrections=[correction.mark() for correction in carried],
    )
    archive.seal(entry, files)
    return entry


def issue_episode(catalog: Catalog, edition: str, signer: str, day: dt.date, project: Project) -> Entry:
    """Seal episode `edition` (it must have aired by `day`): its pack's text files and aired text; the pack's sha256."""
    from generator.broadcast.seal import sealed_files  # Pillow: only when packing

    episode = _parse(Episode.parse, edition)
    _signed_on(day)
    if day < episode.air_date:
        raise IssuedError(f"episode {edition} airs on {episode.air_date}: it can be issued once it has aired")
    archive = Archive(catalog.issued)
    _not_issued(archive, "episode", edition)
    _signer(catalog, signer)
    _intact(archive)
    views = Views(catalog, day)
    view = views.on(episode.on(day))
    if not any(running_order(view, episode).values()) and not returning(view, episode).listed:
        raise IssuedError(f"episode {edition} has nothing on air: no public record in its running order on {view.on}")
    with tempfile.TemporaryDirectory() as scratch, project.cache.in_use(), processes.pool(1) as workers:
        pack = build_episodes(views, [episode], day, project, Path(scratch), {edition}, set(), workers).outputs[0].pack()
        files = {f"episode/{edition}/{name}": data for name, data in sealed_files(pack).items()}
        assert pack.archive is not None, "made for airing: the pack as the station got it, zip included"
        unarchived = {pack.archive.name: sha256(pack.archive.read_bytes())}
    shown = [record for record_id in pack.rundown.record_ids if (record := view.get(record_id)) is not None]
    entry = Entry(
        edition=edition, kind="episode", issued=day, signed_by=signer,
        files={name: sha256(data) for name, data in files.items()},
        records={record.id: content_hash(record) for record in shown}, unarchived=unarchived,
    )
    archive.seal(entry, files)
    return entry


SUPPLEMENT = (
    "; a changed requirement or deadline needs a new order (补充通知): "
    "open a new case for it (safety365 new case) with its own order number, and issue that case's order"
)
"""What to do when an order was sent and the case changed: the records express a 补充通知 as a case of its own."""


def issue_order(catalog: Catalog, case_id: str, signer: str, day: dt.date, project: Project, closing: bool = False) -> Entry:
    """Seal the order of case `case_id` (with `closing`, its 销号 notice) as sent on `day`: its PDF and HTML, and the hash of what it says.

    Once sealed, `safety365 order` prints the sealed copy, whatever the case
    says later. A 销号 notice closes an order that was sent: the order is
    issued first.
    """
    _signed_on(day)
    paper = papers(catalog, day, case_id, closing)[0]
    kind = ledger_kind(paper)
    archive = Archive(catalog.issued)
    _not_issued(archive, kind, case_id, "" if closing else SUPPLEMENT)
    if closing and archive.original("order", case_id) is None:
        raise IssuedError(f"the 销号 notice of {case_id} closes an order that was sent: issue it first (safety365 issue order {case_id})")
    _signer(catalog, signer)
    _intact(archive)
    with tempfile.TemporaryDirectory() as scratch, project.cache.in_use(), processes.pool(1) as workers:
        pdf = build_orders([paper], catalog.office, project, Path(scratch), workers).outputs[0]
        files = {f"{kind}/{case_id}/{path.name}": path.read_bytes() for path in (pdf, pdf.with_suffix(".html"))}
    entry = Entry(
        edition=case_id, kind=kind, issued=day, signed_by=signer,
        files={name: sha256(data) for name, data in files.items()},
        records={case_id: paper_hash(paper)},
    )
    archive.seal(entry, files)
    return entry


def redact(catalog: Catalog, signer: str, day: dt.date, project: Project) -> list[Entry]:
    """Issue every redacted public copy that the withdrawals up to `day` call for; the entries made."""
    from generator.bulletin.redact import redacted_copy  # WeasyPrint: only when printing
    from generator.bulletin.render import archival_of
    from generator.paper.layout import Layout

    _signer(catalog, signer)
    _intact(Archive(catalog.issued))
    archive = Archive(catalog.issued, day)
    layout = Layout.of(project.theme, "bulletin")
    made = []
    for original, gone in withdrawals.missing(archive, catalog, day):
        html_name = next(name for name in original.files if name.endswith(f"/{original.edition}.html"))
        signed = archive.read(original, html_name).decode("utf-8")
        dated = archival_of(Issue.parse(original.edition), original.issued, catalog.office)
        rendered = redacted_copy(signed, {record: w.basis for record, w in gone.items()}, layout, dated)
        copies = sum(1 for e in archive.issued.entries if e.kind == original.kind and e.edition == original.edition and not e.original)
        folder = f"bulletin/{original.edition}/public-{copies + 1}"
        files = {f"{folder}/{original.edition}.pdf": rendered.pdf, f"{folder}/{original.edition}.html": rendered.html.encode("utf-8")}
        entry = Entry(
            edition=original.edition, kind="bulletin", issued=day, signed_by=signer,
            files={name: sha256(data) for name, data in files.items()},
            records={record: digest for record, digest in original.records.items() if record not in gone},
            redacted={record: w.date for record, w in gone.items()},
        )
        archive.seal(entry, files)
        made.append(entry)
    return made


def check_archive(catalog: Catalog, day: dt.date) -> Iterator[str]:
    """Every way the archive disagrees with its ledger, and every public copy a withdrawal by `day` still needs."""
    archive = Archive(catalog.issued)
    yield from archive.verify()
    for entry in archive.entries:
        for name in entry.files:
            if name.endswith("/" + corrections.SNAPSHOT) and archive.path(name).is_file():
                yield from _snapshot_agrees(archive, entry, name)
    for entry, gone in withdrawals.missing(Archive(catalog.issued, day), catalog, day):
        first = min(gone, key=lambda record: gone[record].date)
        yield f"{entry.kind} {entry.edition}: shows {first}, withdrawn on {gone[first].date}, and has no redacted public copy (run safety365 redact)"


def _snapshot_agrees(archive: Archive, entry: Entry, name: str) -> Iterator[str]:
    """The sealed content of each record hashes to what the ledger says it does."""
    try:
        sealed = json.loads(archive.path(name).read_bytes())
    except ValueError:
        yield f"{archive.path(name)}: not readable JSON"
        return
    for item in sealed.get("items", []):
        if entry.records.get(item["record"]) != data_hash(item["data"]):
            yield f"{archive.path(name)}: content of {item['record']} does not hash to the ledger's"
