"""The records behind the desk: kept in memory, changed only by checked saves, one git commit each.

Every change (save, delete, upload) runs under one lock: look at the disk
for edits made outside the desk, check the change against the whole catalog
as it would be afterwards (`Archive.changed`, the same reading and checking
as `safety365 check`, in memory), and only then write the files and commit
them. A change that would add a problem is refused and leaves no trace.

Stale forms: each form carries the sha256 of the file it was opened from;
a save is refused when the file is no longer that, unless this same browser
tab made the newer version itself from that same opening (Decap keeps the
opened form after a save, so an editor who saves twice must not be refused
by their own first save).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.desk import form, media
from generator.desk.document import render
from generator.desk.paths import Layout, Place
from generator.desk.refusals import Refused, problems_refusal
from generator.desk.repo import GitError, Repository
from generator.errors import SourceError
from generator.files import write_atomic
from generator.records.loader import RECORD_FILE, Archive
from generator.records.models import KINDS
from generator.records.source import decode, parse
from generator.strings import DESK

Stat = tuple[int, int, int]
LISTED = ("date", form.HEADLINE, form.NAME)
"""What a listed entry carries: what the list shows, sorts and searches by. Decap reads an entry whole
(getEntry) when it is opened, so a list of thousands of records stays small to send and parse."""


@dataclass(frozen=True)
class Saved:
    """A save this desk made: the version it wrote, from which opened version, by which tab."""

    version: str
    base: str
    tab: str


class Store:
    """The records folder, its archive in memory and its git repository."""

    def __init__(self, root: Path, repo: Repository) -> None:
        self.layout = Layout(root)
        self.root = self.layout.root
        self.repo = repo
        self.lock = threading.Lock()
        self.archive = Archive(self.root)
        self.seen: dict[str, Stat] = self._stats()
        self.saved: dict[Path, Saved] = {}
        self._listed: dict[Path, tuple[object, dict[str, Any], str]] = {}
        for folder in KINDS:
            self.entries(folder)  # ready before the first editor asks

    # --- reading ------------------------------------------------------------

    def entries(self, folder: str) -> list[dict[str, Any]]:
        """Every file of a record kind or editorial folder, as Decap lists a folder collection."""
        with self.lock:
            self._sync()
            archive = self.archive
        found = []
        for path, data in archive.documents().items():
            known = self._listed.get(path)
            if known is None or known[0] is not data:  # the archive keeps the same data until the file changes
                place = self.layout.record_place(path)
                if place is None:
                    continue
                known = self._listed[path] = (data, self._entry(place, data, archive, listed=True), place.folder)
            if known[2] == folder:
                found.append(known[1])
        return found

    def entry(self, virtual: str) -> dict[str, Any]:
        """One file as Decap reads an entry: its form data, or `data: null` when there is no such file."""
        place = self.layout.place(virtual)
        if place.model is None or not place.real.is_file():
            return {"data": None, "file": {"path": place.virtual, "id": None}}
        with self.lock:
            self._sync()
            archive = self.archive
        data = archive.documents().get(place.real)
        if data is None:
            try:
                data = parse(place.real, decode(place.real.read_bytes())).data
            except SourceError:
                data = None
        if not isinstance(data, dict):  # unreadable: shown as text, so the editor sees what is there
            raw = place.real.read_bytes()
            return {"data": raw.decode("utf-8", "replace"), "file": {"path": place.virtual, "id": _sha(raw)}}
        return self._entry(place, data, archive)

    def media_files(self) -> list[dict[str, Any]]:
        folder = self.layout.media_folder()
        return [self.media_file(f"{folder.name}/{path.name}") for path in sorted(folder.glob("*")) if path.is_file()]

    def media_file(self, virtual: str) -> dict[str, Any]:
        place = self.layout.place(virtual)
        if place.area != "media" or not place.real.is_file():
            raise Refused(DESK["missing"].format(path=virtual), 404)
        raw = place.real.read_bytes()
        return _media_answer(place, raw)

    # --- changing -----------------------------------------------------------

    def save(self, virtual: str, raw: str, *, new: bool, assets: list[dict[str, Any]]) -> str:
        """Check, write and commit one entry (and the photos uploaded with it); the commit message."""
        place = self.layout.place(virtual)
        model = place.model
        if model is None:
            raise Refused(DESK["not_editable"].format(path=virtual), 403)
        data, meta = form.from_form(model, _form_data(virtual, raw))
        photos = [self._photo(asset) for asset in assets]
        with self.lock:
            self._sync()
            current = place.real.read_bytes() if place.real.is_file() else None
            self._check_version(place, current, meta, new)
            text = render(model, data, _text(current), place.schema)
            changes = {place.real: text.encode("utf-8"), **dict(photos)}
            after = self._checked(changes, place)
            message = self._message(place, after)
            self._commit(changes, message)
            self.archive = after
            version = _sha(changes[place.real])
            self.saved[place.real] = Saved(version, meta.version if current is not None else version, meta.tab)
        return message

    def delete(self, virtuals: list[str]) -> str:
        """Remove files (entries or photos) in one commit, unless something still needs them."""
        places = [self.layout.place(virtual) for virtual in virtuals]
        with self.lock:
            self._sync()
            changes: dict[Path, bytes | None] = {place.real: None for place in places if place.real.is_file()}
            if not changes:
                raise Refused(DESK["missing"].format(path="、".join(virtuals)), 404)
            after = self._checked(changes, places[0])
            message = "; ".join(self._message(place, self.archive, removed=True) for place in places)
            self._commit(changes, message)
            self.archive = after
        return message

    def upload(self, virtual: str, content: str) -> dict[str, Any]:
        """Store one photo (cleaned, see `media`) in the media folder with its own commit."""
        target, raw = self._photo({"path": virtual, "content": content})
        with self.lock:
            self._sync()
            self._commit({target: raw}, f"media: {target.name}")
            self.archive = self.archive.changed({target: raw})
        return _media_answer(self.layout.place(f"{target.parent.name}/{target.name}"), raw)

    # --- helpers ------------------------------------------------------------

    def _entry(self, place: Place, data: dict[str, Any], archive: Archive, *, listed: bool = False) -> dict[str, Any]:
        """A file as Decap's entry: its form data as JSON text (only what lists need, when `listed`), path and version."""
        assert place.model is not None
        version = _sha(place.real.read_bytes())
        record = archive.catalog.records.get(place.stem) if archive.catalog and place.area == "record" else None
        headline = record.headline if record else str(data.get("title", place.stem))
        extra = {form.HEADLINE: f"{data['date']}　{headline}" if isinstance(data.get("date"), dt.date) else headline}
        name = RECORD_FILE.match(place.real.name)
        if place.area == "record" and name is not None:
            extra[form.SLUG] = name["slug"]
        elif place.area == "editorial":
            extra[form.NAME] = place.stem
        document = form.to_form(place.model, data, version=version, extra=extra)
        if listed:
            document = {key: document[key] for key in LISTED if key in document}
        return {"data": json.dumps(document, ensure_ascii=False), "file": {"path": place.virtual, "id": version}}

    def _check_version(self, place: Place, current: bytes | None, meta: form.Meta, new: bool) -> None:
        """Refuse a new file that exists, and a form opened from a version that is no longer the file's."""
        if new:
            if current is not None:
                raise Refused(DESK["exists"].format(path=place.virtual), 409)
            return
        if current is None:
            raise Refused(DESK["missing"].format(path=place.virtual), 404)
        version = _sha(current)
        if version != meta.version and not (meta.tab and self.saved.get(place.real) == Saved(version, meta.version, meta.tab)):
            raise Refused(DESK["stale"], 409)

    def _checked(self, changes: dict[Path, bytes | None], place: Place) -> Archive:
        """The archive after `changes`, or Refused naming every problem they would add."""
        after = self.archive.changed(changes)
        before = set(self.archive.problems)
        added = [problem for problem in after.problems if problem.path in changes or problem not in before]
        if added:
            ids = {path: path.name.removesuffix(".yaml") for path in {problem.path for problem in added}}
            raise problems_refusal(added, place.real, place.model, ids)
        return after

    def _message(self, place: Place, archive: Archive, *, removed: bool = False) -> str:
        """`<kind>: <id> <title>`, the commit message of a save (`remove` before the id for a deletion)."""
        record = archive.catalog.records.get(place.stem) if archive.catalog and place.area == "record" else None
        kind = place.area if place.area in ("registry", "media") else place.folder
        words = [f"{kind}:", "remove" if removed else "", place.real.name if place.area == "media" else place.stem, record.headline if record else ""]
        return " ".join(word for word in words if word)

    def _commit(self, changes: dict[Path, bytes | None], message: str) -> None:
        """Write (or remove) the files and commit exactly them; on any failure put every file back as it was."""
        before = {path: path.read_bytes() if path.is_file() else None for path in changes}
        try:
            for path, raw in changes.items():
                _write(path, raw)
            self.repo.commit(list(changes), message, new=[path for path, raw in before.items() if raw is None])
        except (GitError, OSError) as error:
            for path, raw in before.items():
                _write(path, raw)
            raise Refused(DESK["git_failed"].format(detail=error), 500) from None
        for path in changes:
            self._remember(path)

    def _photo(self, asset: dict[str, Any]) -> tuple[Path, bytes]:
        """Where an uploaded photo goes (a free name in the media folder) and its cleaned bytes."""
        place = self.layout.place(str(asset.get("path", "")))
        if place.area != "media":
            raise Refused(DESK["not_editable"].format(path=place.virtual), 403)
        try:
            raw = base64.b64decode(str(asset.get("content", "")), validate=True)
        except ValueError:
            raise Refused(DESK["not_image"].format(name=place.stem), 415) from None
        name, cleaned = media.cleaned(place.stem, raw)
        target, number = place.real.parent / name, 1
        while target.exists():
            number += 1
            target = target.with_stem(f"{Path(name).stem}-{number}")
        return target, cleaned

    def _sync(self) -> None:
        """Take in files changed on disk by someone else (an editor, git pull) since we last looked."""
        stats = self._stats()
        changed = [Path(name) for name in stats.keys() | self.seen.keys() if stats.get(name) != self.seen.get(name)]
        if changed:
            self.archive = self.archive.changed({path: path.read_bytes() if str(path) in stats else None for path in changed})
            self.seen = stats

    def _stats(self) -> dict[str, Stat]:
        """Size, modification time and inode of every file under the records folder, by path as text (fast at 10,000)."""
        found: dict[str, Stat] = {}
        folders = [str(self.root)]
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue  # git, editors' swap files and our own temporary files
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    else:
                        stat = entry.stat()
                        found[entry.path] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        return found

    def _remember(self, path: Path) -> None:
        if path.is_file():
            stat = path.stat()
            self.seen[str(path)] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        else:
            self.seen.pop(str(path), None)


def _form_data(virtual: str, raw: str) -> dict[str, Any]:
    """The form's data from Decap's YAML text of it."""
    try:
        data = parse(Path(virtual), decode(raw.encode("utf-8"))).data
    except (SourceError, UnicodeError) as error:
        raise Refused(DESK["not_yaml"].format(detail=getattr(error, "message", error)), 400) from None
    if not isinstance(data, dict):
        raise Refused(DESK["not_yaml"].format(detail=type(data).__name__), 400)
    return data


def _text(raw: bytes | None) -> str | None:
    """An existing file's text to edit in place; None (write afresh) when it cannot be read as text."""
    try:
        return None if raw is None else decode(raw)
    except SourceError:
        return None


def _write(path: Path, raw: bytes | None) -> None:
    """Put `raw` at `path` whole or not at all (temporary file, fsync, rename); None removes the file."""
    if raw is None:
        path.unlink(missing_ok=True)
        return
    write_atomic(path, raw)


def _media_answer(place: Place, raw: bytes) -> dict[str, Any]:
    """A photo as Decap's proxy backend expects it."""
    return {"id": _sha(raw), "content": base64.b64encode(raw).decode("ascii"), "encoding": "base64", "path": place.virtual, "name": place.real.name}


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()

