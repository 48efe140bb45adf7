"""Find, read and validate every file under records/, collecting all problems in one pass.

Layout: `records/units.yaml`, `records/office.yaml` and one file per record at
`records/<kind>/<year>/<date>-<slug>.yaml`; the record's id is the file name
without `.yaml`, unique across all kinds. Uploaded photos live in `records/media/`.
"""

from __future__ import annotations

import copy
import functools
import os
import hashlib
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from generator.errors import Problem, RecordsError, SourceError
from generator.records.catalog import Catalog, Facts
from generator.records.diagnose import problems_from
from generator.records.editorial import EPISODE_ID, ISSUE_ID, BulletinEditorial, EpisodeEditorial, editorial_key
from generator.records import privacy
from generator.records.hints import did_you_mean
from generator.records import issued
from generator.records.memo import Memo, Outcome, Records, Stat, checking_code, stat_of
from generator.records.models import KINDS, Publishable, Record
from generator.records.refs import MEDIA_FOLDER, SLUG, Found, Loc, Registered, other_records
from generator.records.registry import Office, Units
from generator.records.source import MAX_BYTES, MAX_VALUES, Source, decode, parse
from ruamel.yaml.nodes import SequenceNode
from generator.strings import CHECK

RECORD_FILE = re.compile(rf"^(?P<date>\d{{4}}-\d{{2}}-\d{{2}})-(?P<slug>{SLUG})\.yaml$")
REGISTRIES: dict[str, type[BaseModel]] = {"units.yaml": Units, "office.yaml": Office}
EDITORIAL: dict[str, tuple[type[BaseModel], re.Pattern[str], str]] = {
    "bulletins": (BulletinEditorial, ISSUE_ID, "bulletin_file_name"),
    "episodes": (EpisodeEditorial, EPISODE_ID, "episode_file_name"),
}
"""Folders of editorial files: their model, the id their names must be, and the message (CHECK key) saying so."""
M = TypeVar("M", bound=BaseModel)


def read(root: Path, memo: Path | None = None) -> tuple[Catalog | None, list[Problem]]:
    """The catalog (None when the registries fail) and every problem, sorted by file and position.

    With `memo` (a folder), record files read before with the same bytes, registries and code are not parsed again.
    """
    reader = _Reader(root, memo_folder=memo)
    catalog = reader.run()
    if reader.memo is not None:
        reader.memo.save()
    return catalog, sorted(reader.problems)


def load(root: Path, memo: Path | None = None) -> Catalog:
    """The validated catalog, or RecordsError listing every problem."""
    catalog, problems = read(root, memo)
    if problems or catalog is None:
        raise RecordsError(problems)
    return catalog


def load_registry(root: Path, name: str, model: type[M]) -> M:
    """One registry file (units.yaml or office.yaml), validated on its own."""
    reader = _Reader(root)
    registry = reader._registry(name, model)
    if reader.problems or registry is None:
        raise RecordsError(reader.problems)
    return registry


class Archive:
    """A records folder read once and kept, so an edit re-reads only the files that changed.

    For the editors' preview (`safety365 serve`): at ten thousand records a
    full read takes seconds, re-reading one file and re-checking references
    a fraction of one. With `memo` (a folder, see `read`), a full read takes
    the record files read before against the same registries from there;
    with `parsed` (an earlier reading's files by digest, `_Reader.parsed`),
    it parses none of those again, and with `valid` (`_Reader.valid`) it
    validates again only the records whose registered names changed. The
    memo is written back after reading unless `save` is False: the preview's
    lives in memory only (its cache goes when it stops).
    """

    def __init__(
        self, root: Path, overlay: dict[Path, bytes | None] | None = None, memo: Path | None = None, parsed: Mapping[str, Source] | None = None,
        valid: Mapping[str, Valid] | None = None, known: Mapping[str, tuple[Stat, str]] | None = None,
        stats: Mapping[str, Stat] | None = None, save: bool = True,
    ) -> None:
        self.root = root
        self._reader = _Reader(
            root, overlay=overlay or {}, memo_folder=memo, parsed=parsed or {}, valid=valid or {}, known=known or {}, given=stats or {},
        )
        self.catalog = self._reader.run()
        self.problems = sorted(self._reader.problems)
        if save and self._reader.memo is not None:
            self._reader.memo.save()

    def changed(self, changes: dict[Path, bytes | None], stats: Mapping[str, Stat] | None = None) -> Archive:
        """The archive as it would be with `changes` (files' new bytes; None: deleted), read from memory, not the disk.

        For the editors' desk and preview, which check a save before writing
        anything: changed record and editorial files are read alone and the
        references of every record checked again (a new photo is only looked up
        by the records naming it; an editorial file changes nothing a record is
        checked against); a change to a registry, or a removed photo, reads the
        whole folder (through this archive's memo, if it was read with one, and
        from the files it parsed; with no photo changed, a record that was
        valid is validated again only if a name it gives is no longer
        registered). A whole reading takes the files' `stats` where given (by
        path: the preview's snapshot, just taken) instead of asking the system
        again, and keeps its memo in memory: the next reading takes what it
        knew from there, and a change that may yet be refused (the desk's
        check of a save) must not replace the memo of the files as they are.
        This archive stays as it was.
        """
        reader = self._reader
        media = self.root / MEDIA_FOLDER
        if reader.units is None or reader.office is None or not all(
            self._is_record_file(path) or self._is_editorial_file(path) or (path.parent == media and raw is not None)
            for path, raw in changes.items()
        ):
            valid = reader.valid_records() if all(path.parent != media for path in changes) else {}
            known = reader.memo.known() if reader.memo is not None else None
            return Archive(
                self.root, changes, memo=reader.memo_folder, parsed=reader.parsed_files(), valid=valid, known=known, stats=stats, save=False,
            )
        fork = dataclasses.replace(
            reader,
            problems=[problem for problem in reader.own if problem.path not in changes],
            given={},
            sources=dict(reader.sources),
            records=reader.records.copy(),
            facts=dict(reader.facts),
            digests=dict(reader.digests),
            found_refs=dict(reader.found_refs),
            failed=set(reader.failed),
            editorial={folder: dict(documents) for folder, documents in reader.editorial.items()},
            overlay=changes,
        )
        for path, raw in changes.items():
            if path.parent == media:
                continue  # a photo: read only when a record names it
            if self._is_editorial_file(path):
                fork._forget_editorial(path)
                if raw is not None:
                    fork._editorial_file(path)
                continue
            record_id = path.name.removesuffix(".yaml")
            if record_id in fork.sources and fork.sources[record_id].path != path:
                continue  # another file holds this id: leave it be, the duplicate is reported below
            fork._forget(record_id)
            if raw is not None:
                fork._record(path, path.parent.name, KINDS[path.parent.parent.name])
        archive = copy.copy(self)
        archive._reader = fork
        archive.catalog = fork._compile()
        archive.problems = sorted(fork.problems)
        return archive

    def documents(self) -> dict[Path, Any]:
        """The data of every record and editorial file read, by path (files that failed to parse are left out)."""
        return {source.path: source.data for source in self._reader.sources.values()}

    def _is_record_file(self, path: Path) -> bool:
        """A file in a year folder of a kind folder, where only records live."""
        return path.parent.parent.parent == self.root and path.parent.parent.name in KINDS

    def _is_editorial_file(self, path: Path) -> bool:
        """A file in an editorial folder (`EDITORIAL`)."""
        return path.parent.parent == self.root and path.parent.name in EDITORIAL

    def can_reread(self, paths: list[Path]) -> bool:
        """Whether `paths` are record files read before, and re-reading them clears every earlier problem of a file's own."""
        reader = self._reader
        if reader.units is None or reader.office is None:
            return False
        known = {source.path for source in reader.sources.values()}

        def read_before(path: Path) -> bool:
            record_id = path.name.removesuffix(".yaml")
            failed = record_id in reader.failed and path.parent.parent.parent == self.root and path.parent.parent.name in KINDS
            return path.is_file() and (path in known or failed)

        return all(read_before(path) for path in paths) and reader.read_problems <= set(paths)

    def reread(self, paths: list[Path]) -> None:
        """Re-read the record files `paths` (see `can_reread`) and re-check the references of every record."""
        reader = self._reader
        reader.problems = []
        for path in paths:
            reader._forget(path.name.removesuffix(".yaml"))
            reader._record(path, path.parent.name, KINDS[path.parent.parent.name])
        self.catalog = reader._compile()
        self.problems = sorted(reader.problems)


def check(root: Path) -> list[Problem]:
    """Every problem in the records folder, sorted by file and position."""
    return read(root)[1]


class Valid(NamedTuple):
    """A record an earlier reading found valid, with what was found of it (`_Reader.valid`)."""

    record: Record
    refs: list[Found]
    facts: Facts


@dataclass
class _Reader:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, Source | _Deferred] = field(default_factory=dict)
    records: Records = field(default_factory=Records)
    facts: dict[str, Facts] = field(default_factory=dict)
    """Each valid record's facts for the cross-record rules."""
    digests: dict[str, str] = field(default_factory=dict)
    """Each valid record's file digest."""
    failed: set[str] = field(default_factory=set)
    units: Units | None = None
    office: Office | None = None
    editorial: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    issued: issued.Issued | None = None
    read_problems: set[Path] = field(default_factory=set)
    """Files with problems of their own (not about references): only re-reading them clears those."""
    own: list[Problem] = field(default_factory=list)
    """The problems of files of their own (not about references), kept when other files are read again."""
    overlay: dict[Path, bytes | None] = field(default_factory=dict)
    """Files as a save would leave them (None: deleted), read instead of the disk."""
    found_refs: dict[str, list[Found]] = field(default_factory=dict)
    """Each valid document's references to records by key, walked once per file read (or remembered)."""
    memo_folder: Path | None = None
    parsed: Mapping[str, Source] = field(default_factory=dict)
    """Record files parsed by an earlier reading, by digest: what a file holds and where does not depend on the registries,
    so reading the folder again after a registry change parses none of them again (most of the time; see `valid` for what
    it validates again)."""
    valid: Mapping[str, Valid] = field(default_factory=dict)
    """Records an earlier reading found valid and without a problem of their own, by their files' digests: validating one
    again against changed registries (and the same photos) is taken as done while every name it gives of them is still
    registered (`refs.Registered`); its other checks read the record alone, and what was found of it then holds. A
    registry save in the preview validated ten thousand records (1.3 s) for the few naming what changed, walked each
    one's references twice more and pickled each into the new registries' memo. Such a record is not put in this
    reading's memo: only `Archive.changed` gives `valid`, and its readings never write their memo."""
    memo: Memo | None = None
    """Record files' outcomes by their bytes (see memo.py), opened once the registries are read."""
    known: Mapping[str, tuple[Stat, str]] = field(default_factory=dict)
    """Record files' stats and digests an earlier reading's memo noted (`Memo.known`): a file's digest does not depend
    on the registries, so the memo of new ones takes them, and a file parsed before with the same bytes is not read."""
    given: Mapping[str, Stat] = field(default_factory=dict)
    """Record files' stats as the caller just took them, by path: not asked of the system again (ten thousand `stat`
    calls were an eighth of a registry save's reading in the preview)."""

    def __post_init__(self) -> None:
        self._real_root = self.root.resolve()
        self._plain_dirs: set[Path] = {self.root}
        """Folders reached from the root through no link: what they hold is inside the records folder."""
        self._plain_files: set[Path] = set()
        """Plain files (not links) in those folders."""
        self._stats: dict[Path, Stat] = {}
        """Record files' stats, taken before they are read (see `Memo.note`)."""

    def run(self) -> Catalog | None:
        if not self.root.is_dir():
            self._problem(self.root, CHECK["no_folder"])
            return None
        self.units = self._registry("units.yaml", Units)
        self.office = self._registry("office.yaml", Office)
        if self.memo_folder is not None and self.units is not None and self.office is not None:
            self.memo = Memo.open(self.memo_folder, self._context())
            self.memo.know(self.known)
        for entry in self._children(self.root):
            if entry.name.startswith(".") or entry.name in REGISTRIES or entry.name == MEDIA_FOLDER:
                continue
            if self._is_dir(entry) and entry.name in KINDS:
                self._kind(entry, KINDS[entry.name])
            elif self._is_dir(entry) and entry.name in EDITORIAL:
                self._editorial(entry)
            elif self._is_dir(entry) and entry.name == issued.FOLDER:
                self.issued = self._ledger(entry)
            else:
                folders = [*KINDS, *EDITORIAL, issued.FOLDER]
                hint = did_you_mean(entry.name, folders)
                self._problem(entry, CHECK["not_kind_folder"].format(folders=CHECK["list_sep"].join(folders), hint=hint))
        return self._compile()

    def _compile(self) -> Catalog | None:
        """The catalog of what was read, with the problems only the whole catalog shows (references)."""
        self.read_problems = {problem.path for problem in self.problems}
        self.own = list(self.problems)
        if self.units is None or self.office is None:
            return None
        archive = self.issued or issued.Issued(self.root / issued.FOLDER)
        catalog = Catalog(self.office, self.units, self.records, self.facts, self.digests, self.editorial, archive)
        for record_id, loc, message in catalog.problems(self.failed, self.found_refs):
            self._at(self.sources[record_id], loc, message)
        return catalog

    def valid_records(self) -> dict[str, Valid]:
        """The records read valid and without a problem of their own, with what was found of them, by their files' digests (see `valid`)."""
        troubled = {problem.path for problem in self.own}
        return {
            digest: Valid(self.records[record_id], self.found_refs[record_id], self.facts[record_id])
            for record_id, digest in self.digests.items() if self.sources[record_id].path not in troubled
        }

    def parsed_files(self) -> dict[str, Source]:
        """The record files this reading parsed (or a remembered file's data was asked of), by digest."""
        found = {}
        for record_id, digest in self.digests.items():
            source = self.sources.get(record_id)
            parsed = source.parsed() if isinstance(source, _Deferred) else source
            if isinstance(parsed, Source):
                found[digest] = parsed
        return found

    def _forget_editorial(self, path: Path) -> None:
        """Drop what was read of an editorial file, before it is read again (or is gone)."""
        self.sources.pop(_editorial_key(path), None)
        self.found_refs.pop(_editorial_key(path), None)
        self.editorial.get(path.parent.name, {}).pop(path.name.removesuffix(".yaml"), None)

    def _forget(self, record_id: str) -> None:
        """Drop what was read of a record, before its file is read again (or is gone)."""
        self.sources.pop(record_id, None)
        self.records.pop(record_id, None)
        self.facts.pop(record_id, None)
        self.digests.pop(record_id, None)
        self.found_refs.pop(record_id, None)
        self.failed.discard(record_id)

    def _registry(self, name: str, model: type[M]) -> M | None:
        path = self.root / name
        if not self._is_file(path):
            self._problem(path, CHECK["no_registry"].format(name=name))
            return None
        source = self._read(path)
        registry = self._validate(source, model) if source else None
        if registry is not None and source is not None:
            for loc, message in getattr(registry, "problems", lambda: ())():
                self._at(source, loc, message)
        return registry

    def _kind(self, folder: Path, model: type[Record]) -> None:
        for year in self._children(folder):
            if not (self._is_dir(year) and re.fullmatch(r"\d{4}", year.name)):
                self._problem(year, CHECK["not_year_folder"].format(folder=folder))
                continue
            for path in self._children(year):
                self._record(path, year.name, model)

    def _editorial(self, folder: Path) -> None:
        self.editorial.setdefault(folder.name, {})
        for path in self._children(folder):
            self._editorial_file(path)

    def _editorial_file(self, path: Path) -> None:
        """Read one file of an editorial folder (`EDITORIAL`)."""
        model, pattern, expected = EDITORIAL[path.parent.name]
        stem = path.name.removesuffix(".yaml")
        if not (self._is_file(path) and path.name.endswith(".yaml") and pattern.match(stem)):
            self._problem(path, CHECK[expected])
            return
        source = self._read(path)
        document = self._validate(source, model) if source else None
        if source is not None and document is not None:
            self.sources[_editorial_key(path)] = source
            self.found_refs[_editorial_key(path)] = other_records(document)
            self.editorial.setdefault(path.parent.name, {})[stem] = document
            for loc, message in getattr(document, "problems", lambda: ())():
                self._at(source, loc, message)
            if isinstance(document, Publishable):
                for loc, message in privacy.scan(document):
                    self._at(source, loc, message)

    def _ledger(self, folder: Path) -> issued.Issued:
        """The ledger of issued editions (a list of entries), each entry checked where it stands."""
        archive = issued.Issued(folder)
        path = folder / issued.LEDGER
        if not path.is_file():
            return archive
        source = self._read(path, expect=list, limits=issued.LIMITS)
        if source is None or not isinstance(source.root, SequenceNode):
            return archive
        places = []
        for data, node in zip(source.data, source.root.value, strict=True):
            here = Source(path, data, node)
            if not isinstance(data, dict):
                self._at(here, (), CHECK["ledger_entry"])
                continue
            entry = self._validate(here, issued.Entry, {"office": self.office})
            if entry is None:
                continue
            for loc, message in entry.problems():
                self._at(here, loc, message, key=loc[0] == "files")
            archive.entries.append(entry)
            places.append(here)
        for index, loc, message in archive.problems():  # rules across the entries that are valid on their own
            self._at(places[index], loc, message)
        return archive

    def _record(self, path: Path, year: str, model: type[Record]) -> None:
        name = RECORD_FILE.match(path.name)
        if name is None or not self._is_file(path):
            self._problem(path, CHECK["record_file_name"])
            return
        if not name["date"].startswith(year):
            self._problem(path, CHECK["wrong_year_folder"].format(date=name["date"], year=year))
            return
        record_id = path.name.removesuffix(".yaml")
        if record_id in self.sources:
            self._problem(path, CHECK["duplicate_id"].format(id=record_id, other=self.sources[record_id].path))
            return
        digest = self._remembered_digest(path)
        kept = self.memo.get(digest) if self.memo is not None and digest is not None else None
        if kept is None and digest is not None and self._parsed(digest, path) is not None:  # as parsed before: not read again
            self._read_record(path, None, digest, name["date"], model, record_id)
            return
        if kept is None:
            raw = self._raw(path)
            if raw is None:
                self.failed.add(record_id)
                return
            digest = hashlib.sha256(path.name.encode() + b"\0" + raw).hexdigest()
            kept = self.memo.get(digest) if self.memo is not None else None
            if self.memo is not None and path in self._stats:
                self.memo.note(path, self._stats[path], digest)
            if kept is None:
                self._read_record(path, raw, digest, name["date"], model, record_id)
                return
        pickled, problems, refs, facts = kept
        self.sources[record_id] = _Deferred(path, self._reading)
        self.problems.extend(Problem(path, line, col, message, loc) for line, col, message, loc in problems)
        if facts is None:
            self.failed.add(record_id)
            return
        self.records.remember(record_id, pickled)
        self.facts[record_id] = facts
        self.digests[record_id] = digest
        self.found_refs[record_id] = list(refs)

    def _parsed(self, digest: str, path: Path) -> Source | None:
        """The file at `path` with this digest as an earlier reading parsed it, if it did."""
        parsed = self.parsed.get(digest)
        return parsed if parsed is not None and parsed.path == path else None

    def _remembered_digest(self, path: Path) -> str | None:
        """The digest of a record file the memo saw with this very stat (not read again), noting the stat of those it reads."""
        if self.memo is None or path not in self._plain_files or path in self.overlay:
            return None  # a link or a file a save would write: read it
        stat = self.given.get(str(path))
        if stat is None:
            try:
                stat = stat_of(path.stat())
            except OSError:
                return None  # reported when it is read
        self._stats[path] = stat
        return self.memo.digest_of(path, stat)

    def _read_record(self, path: Path, raw: bytes | None, digest: str, file_day: str, model: type[Record], record_id: str) -> None:
        """Parse (unless parsed before: `raw` None) and validate a record file not remembered, and remember its outcome."""
        before = len(self.problems)
        record = self._validate_record(path, raw, digest, file_day, model, record_id)
        earlier = self.valid.get(digest)
        if earlier is not None and record is earlier.record:  # valid as it was: what was found of it holds (see `valid`)
            self._found(record_id, record, digest, earlier.facts, earlier.refs)
            return
        own = tuple((p.line, p.col, p.message, p.loc) for p in self.problems[before:])
        refs = other_records(record) if record is not None else []
        facts = Facts.of(record) if record is not None else None
        if self.memo is not None and record_id in self.sources:
            self.memo.put(digest, Outcome(record, own, tuple(refs), facts))
        if record is None or facts is None:
            self.failed.add(record_id)
            return
        self._found(record_id, record, digest, facts, refs)

    def _found(self, record_id: str, record: Record, digest: str, facts: Facts, refs: list[Found]) -> None:
        """Take a valid record, with what was found of it."""
        self.records[record_id] = record
        self.facts[record_id] = facts
        self.digests[record_id] = digest
        self.found_refs[record_id] = refs

    def _validate_record(self, path: Path, raw: bytes | None, digest: str, file_day: str, model: type[Record], record_id: str) -> Record | None:
        """Parse (unless parsed before: then `raw` may be None) and validate one record file, noting its own problems; the
        record, or None when it is not valid."""
        source = self._parsed(digest, path)
        if source is None:
            assert raw is not None, "a file not parsed before is read"
            source = self._parse(path, raw)
        if source is None:
            return None
        self.sources[record_id] = source
        if "id" in source.data:
            self._at(source, ("id",), CHECK["id_key"], key=True)
            return None
        context = {"units": self.units, "office": self.office, "media": self._has_media}
        earlier = self.valid.get(digest)
        if earlier is not None and type(earlier.record) is model and self._registered(earlier.record):
            return earlier.record  # (the same name and bytes in another kind's folder are another record)
        record = self._validate(source, model, context, id=record_id)
        if record is None:
            return None
        file_date = _file_date(file_day)
        if file_date is None or record.date != file_date:
            self._at(source, ("date",), CHECK["date_not_file_date"].format(date=record.date, file_date=file_day))
        for loc, message in (*record.sign_off(), *record.problems()):
            self._at(source, loc, message)
        for loc, message in privacy.scan(record):
            self._at(source, loc, message)
        return record

    def _context(self) -> bytes:
        """What a record is validated against besides its own bytes: the registries, the uploaded photos, the checking code."""
        media = self.root / MEDIA_FOLDER
        photos = sorted(f"{p.name}:{p.stat().st_size}" for p in media.iterdir() if p.is_file()) if media.is_dir() else []
        registries = b"".join(self._raw(self.root / name) or b"" for name in REGISTRIES)
        return registries + "\0".join(photos).encode() + checking_code()

    def _children(self, folder: Path) -> list[Path]:
        """What `folder` holds (files and folders), sorted, as the overlay would leave it.

        Noted while scanning: which entries are plain files and folders inside the
        records folder (not links), so reading them needs no further checks.
        """
        found: set[Path] = set()
        if folder in self._plain_dirs or folder.is_dir():  # (a folder only a save would make holds only the overlay's files)
            inside = folder in self._plain_dirs
            with os.scandir(folder) as entries:
                for entry in entries:
                    path = folder / entry.name
                    found.add(path)
                    if inside and not entry.is_symlink():
                        if entry.is_dir(follow_symlinks=False):
                            self._plain_dirs.add(path)
                        elif entry.is_file(follow_symlinks=False):
                            self._plain_files.add(path)
        for path, raw in self.overlay.items():
            if path.parent == folder and raw is None:
                found.discard(path)
            elif path.is_relative_to(folder) and raw is not None:
                found.add(folder / path.relative_to(folder).parts[0])
        return sorted(found, key=attrgetter("name"))  # one folder's entries: by name, as paths would sort, without comparing paths

    def _is_dir(self, path: Path) -> bool:
        return path in self._plain_dirs or path.is_dir() or any(raw is not None and changed.is_relative_to(path) and changed != path for changed, raw in self.overlay.items())

    def _has_media(self, name: str) -> bool:
        """Whether the records folder holds the uploaded file `name` (media/…), inside it and not a link out."""
        path = self.root / name
        return self._is_file(path) and (path in self.overlay or path.resolve().is_relative_to(self._real_root))

    def _is_file(self, path: Path) -> bool:
        if path in self.overlay:
            return self.overlay[path] is not None
        return path in self._plain_files or path.is_file()

    @cached_property
    def _registered(self) -> Registered:
        """Whether a record's registry names are all registered in this reading's registries (read by now)."""
        return Registered({"units": self.units, "office": self.office})

    @cached_property
    def _reading(self) -> Callable[[Path, int], bytes]:
        """A file's bytes (`_file_bytes`), holding what it reads with but not this reader: a remembered file's `_Deferred` keeps it, and a
        reader its files referred back to was a cycle, which only the collector frees, and never once frozen (the
        preview freezes its first reading: `serve.Preview.build`)."""
        return functools.partial(_file_bytes, self.overlay, self._plain_files, self._real_root)

    def _read(self, path: Path, expect: type = dict, limits: tuple[int, int] = (MAX_BYTES, MAX_VALUES)) -> Source | None:
        """The parsed file, if it holds an `expect` (a mapping; a list for the ledger) within `limits` (bytes, values)."""
        raw = self._raw(path, limits[0])
        return self._parse(path, raw, expect, limits) if raw is not None else None

    def _raw(self, path: Path, max_bytes: int = MAX_BYTES) -> bytes | None:
        """A file's bytes, or None with its problem noted."""
        try:
            return self._reading(path, max_bytes)
        except SourceError as exc:
            self._problem(path, exc.message, exc.line, exc.col)
        except OSError as exc:
            self._problem(path, CHECK["unreadable"].format(reason=exc.strerror))
        return None

    def _parse(
        self, path: Path, raw: bytes, expect: type = dict, limits: tuple[int, int] = (MAX_BYTES, MAX_VALUES)
    ) -> Source | None:
        """A file's data with its positions, if it holds an `expect` within `limits`; else None with its problem noted."""
        max_bytes, max_values = limits
        try:
            source = parse(path, decode(raw, max_bytes), max_values)
        except SourceError as exc:
            self._problem(path, exc.message, exc.line, exc.col)
            return None
        if not isinstance(source.data, expect):
            found = CHECK[_FOUND.get(type(source.data), "found_other")]
            self._problem(path, CHECK["not_mapping" if expect is dict else "ledger_not_list"].format(found=found))
            return None
        return source

    def _validate(self, source: Source, model: type[M], context: dict[str, Any] | None = None, **extra: str) -> M | None:
        try:
            return model.model_validate({**source.data, **extra}, context=context)
        except ValidationError as exc:
            self.problems.extend(problems_from(source, model, exc))
            return None

    def _at(self, source: Source | _Deferred, loc: Loc, message: str, *, key: bool = False) -> None:
        line, col = source.position(loc, key=key)
        self.problems.append(Problem(source.path, line, col, message, loc))

    def _problem(self, path: Path, message: str, line: int = 1, col: int = 1) -> None:
        self.problems.append(Problem(path, line, col, message))


def _editorial_key(path: Path) -> str:
    """What the editorial file at `path` is known by (`editorial_key`)."""
    return editorial_key(path.parent.name, path.name.removesuffix(".yaml"))


def _file_bytes(overlay: dict[Path, bytes | None], plain: set[Path], real_root: Path, path: Path, max_bytes: int) -> bytes:
    """A file's bytes from the `overlay`, or from the disk if it stays inside the records folder (`real_root`; `plain`
    files are known to) and is not too large."""
    raw = overlay.get(path)
    if raw is not None:
        return raw
    real = path if path in plain else path.resolve(strict=True)  # a link may lead out of the folder
    if not (path in plain or real.is_relative_to(real_root)):
        raise SourceError(CHECK["symlink_out"])
    with real.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise SourceError(CHECK["too_large"].format(size=size // 1024, limit=max_bytes // 1024))
        return handle.read()


class _Deferred:
    """A record file whose outcome came from the memo: read and parsed only if a position or its data is asked for."""

    def __init__(self, path: Path, reading: Callable[[Path, int], bytes]) -> None:
        self.path = path
        self._reading = reading

    @cached_property
    def _source(self) -> Source:
        return parse(self.path, decode(self._reading(self.path, MAX_BYTES)))

    def parsed(self) -> Source | None:
        """The file parsed, if its data or a position was asked for; None: never read."""
        return self.__dict__.get("_source")  # where `cached_property` keeps what it made

    @property
    def data(self) -> Any:
        return self._source.data

    def position(self, loc: Iterable[str | int], *, key: bool = False) -> tuple[int, int]:
        return self._source.position(loc, key=key)


_FOUND = {type(None): "found_empty", list: "found_list", dict: "found_mapping", str: "found_text"}
"""What a file that is not a mapping holds instead (CHECK keys)."""


def _file_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
