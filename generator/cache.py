"""A content-addressed store of rendered outputs, so a rebuild only renders what changed.

An output (a bulletin issue, a TV pack) is rendered once per key: the sha256 of
everything that goes into it — its content, the templates, this program's
source, the versions of the libraries that draw it and the fonts on the
machine. Equal key, equal bytes, so a build reuses the stored entry instead of
rendering again; any change to any input gives a new key, so nothing stale can
be reused. Entries are written in a scratch folder and renamed into place, so
an interrupted build never leaves half an entry. Builds place entries into
their output by hard link (a copy across file systems): no bytes are copied.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import fcntl
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TextIO, TypeVar

import orjson
from pydantic import BaseModel

import generator
from generator.files import discard, write_atomic
from generator.identity import per_object
from generator.records.models import Record
from generator.records.public import public_data

if TYPE_CHECKING:
    import jinja2

LIBRARIES = (
    "weasyprint", "pydyf", "fonttools", "pillow", "matplotlib", "moviepy", "imageio-ffmpeg", "segno", "jinja2", "jieba",
    "pysubs2", "mkdocs", "mkdocs-material", "markdown", "nh3", "opentimelineio", "otio-fcp-adapter",
    "otio-fcpx-xml-adapter", "otio-cmx3600-adapter", "otio-xges-adapter", "otio-kdenlive-adapter", "ttconv",
)
"""Libraries whose output lands in bulletins, packs and the site: a new version may render differently."""
FONTS = Path("/usr/share/fonts")
LOCK = ".lock"
"""The file every build holds a shared lock on while it uses the cache; pruning needs it alone."""
RETIRED = ("site", "shown")
"""Kinds earlier versions stored that no build looks up any more (whole sites: a build now takes the published one; what a
pack shows: noted now), pruned whole."""
SCRATCH_AGE = 24 * 3600
"""Scratch folders older than this (seconds) are left by builds that were killed: removed."""
TRASH = ".trash"
"""Where pruned entries wait, under the cache's root, for the background `rm` (`generator.files.discard`)."""


@per_object
def _record_digest(record: Record) -> str:
    """The digest of what the public may see of `record` (never a private field), made once per record object.

    One public copy is in the keys of many pages (its own, its units', those
    that refer to it) and editions; records are frozen, so its digest is made
    once, not each time.
    """
    return digest(type(record).__name__, public_data(record))


class Whole:
    """A composed edition (an issue's contents, a rundown): in any key that holds it, it stands as its digest.

    Two hundred issues and five hundred rundowns hold tens of thousands of
    records between them, and the same edition is in several keys (its PDF's
    or pack's, its site page's, the site's): its digest is made once per
    object, and the composed store hands over, with an edition it kept, the
    digest it was kept with (`PerObject.remember`). So an edition is never
    changed once composed: a changed one is a new object (`dataclasses.replace`).
    """


@per_object
def edition_digest(edition: Whole) -> str:
    """The digest of `edition`'s fields, made once per object (see `Whole`)."""
    assert dataclasses.is_dataclass(edition)
    return digest(type(edition).__name__, {f.name: getattr(edition, f.name) for f in dataclasses.fields(edition)})


def _plain(value: object) -> object:
    """A JSON-ready form of the dataclasses, models, paths and sets that make up an output's input (orjson writes dates as
    `isoformat` and enums as their value itself)."""
    if isinstance(value, Record):
        return {"@": type(value).__name__, "public": _record_digest(value)}
    if isinstance(value, Whole):
        return {"@": type(value).__name__, "whole": edition_digest(value)}
    if isinstance(value, BaseModel):
        return {"@": type(value).__name__, **value.model_dump(mode="json")}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@": type(value).__name__, **{f.name: getattr(value, f.name) for f in dataclasses.fields(value)}}
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


CANONICAL = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS
"""Keys sorted (as `json.dumps(sort_keys=True)` would, keys that are not strings too); every dataclass through `_plain`,
which names its type."""


def digest(*parts: object) -> str:
    """sha256 of `parts` in a canonical JSON form: equal inputs, equal digest, on any run.

    Written by orjson: a build after one edit at ten years makes some
    twenty thousand digests (a key per page, record and edition), and the
    standard library's encoder spent about a third of a second on them.
    """
    return hashlib.sha256(orjson.dumps(parts, default=_plain, option=CANONICAL)).hexdigest()


def tree(folder: Path) -> str:
    """sha256 of every file under `folder`, by path and bytes (compiled Python left out: it differs by interpreter and run)."""
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"):
        sha.update(path.relative_to(folder).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()


SYSTEM_LIBRARIES = (
    ("pango-1.0", "pango_version_string"), ("harfbuzz", "hb_version_string"), ("cairo", "cairo_version_string"), ("z", "zlibVersion"),
)
"""The C libraries that lay out, shape, draw and compress text and pages, with the function that names their version."""


def _system_versions() -> list[str]:
    """Versions of the C libraries, Pillow's own, both ffmpegs and the interpreter: a new one may change the bytes."""
    found = [f"python {sys.version}"]
    for name, function in SYSTEM_LIBRARIES:
        library = ctypes.util.find_library(name)
        try:
            call = getattr(ctypes.CDLL(library), function)
            call.restype = ctypes.c_char_p
            found.append(f"{name} {call().decode()}")
        except (OSError, AttributeError, TypeError):
            found.append(f"{name} -")
    from PIL import features  # Pillow bundles its own zlib and FreeType

    found += [f"pillow-{name} {features.version(name)}" for name in ("zlib", "freetype2")]
    for ffmpeg in (_bundled_ffmpeg(), shutil.which("ffmpeg")):
        if ffmpeg:
            found.append(_program(Path(ffmpeg)))
    return found


def _program(path: Path) -> str:
    """A program by its file, as the fonts are: another build of it is another file.

    Asking `ffmpeg -version` loads every library it links, a tenth of a
    second in every command that renders, for the same answer.
    """
    real = path.resolve()
    stat = real.stat()
    return f"{real} {stat.st_size} {stat.st_mtime_ns}"


def _bundled_ffmpeg() -> str | None:
    """The ffmpeg that moviepy drives (imageio-ffmpeg's static build)."""
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        return None


def _jieba_dictionary() -> str:
    """Digest of jieba's dictionary: search words are cut by it."""
    import jieba

    dictionary = Path(jieba.__file__).parent / "dict.txt"
    return hashlib.sha256(dictionary.read_bytes()).hexdigest() if dictionary.is_file() else "-"


@cache
def toolchain() -> str:
    """This program's source, the libraries' versions, the system's drawing libraries, jieba's dictionary and the fonts, as one digest."""
    fonts = sorted((p.as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in FONTS.rglob("*") if p.is_file()) if FONTS.is_dir() else []
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} -")
    return digest(tree(Path(generator.__file__).parent), versions, _system_versions(), _jieba_dictionary(), fonts)


SHARED = ".shared"
"""The cache's folder of files shared by many entries (see `Shared`)."""
NOTES = ".notes"
"""The cache's folder of notes on entries (see `Notes`)."""
COMPILED = ".templates"
"""The cache's folder of compiled Jinja templates (see `Cache.compiled`)."""


@dataclass(frozen=True)
class Shared:
    """Files that many entries hold, stored once by the digest of what they show and linked into each entry.

    A slide that returns week after week (an overdue case, a segment's head,
    the closing) is drawn once and its bytes are on disk once, however many
    packs show it. Keys are salted with the toolchain, like every entry's. A
    stored file that no entry links any more (one link left) goes when the
    cache is pruned.
    """

    folder: Path
    salt: str

    def key(self, *parts: object) -> str:
        """The key of a shared file made from `parts`."""
        return digest(self.salt, *parts)

    def path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def put(self, key: str, suffix: str, data: bytes) -> Path:
        """Store `data` under `key` whole (written beside, then linked in); the first of two concurrent writers wins.

        Linking, not renaming over, keeps the file another worker may already
        have linked into its pack: one file on disk, never two equal ones.
        """
        path = self.path(key, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temporary, 0o644)
            os.link(temporary, path)
        except FileExistsError:
            pass  # stored meanwhile: same key, same bytes
        finally:
            os.unlink(temporary)
        return path

    def link(self, key: str, suffix: str, make: Callable[[], bytes], target: Path) -> None:
        """Link the stored file `key` to `target`, making and storing it first when it is not stored.

        The entry that `target` is in holds a link, so the file stays as long as the entry does.
        """
        path = self.path(key, suffix)
        if not path.is_file():
            path = self.put(key, suffix, make())
        place(path, target)

    def prune(self) -> int:
        """Remove the stored files no entry links; returns how many.

        By `os.scandir` and plain strings: ten thousand shared files are
        looked at after every build, and a `Path` and its `stat` per file
        took a quarter second of a build after one edit.
        """
        removed = 0
        try:
            with os.scandir(self.folder) as folders:
                parts = [folder.path for folder in folders if folder.is_dir(follow_symlinks=False)]
        except FileNotFoundError:
            return 0
        for part in parts:
            with os.scandir(part) as files:
                for file in files:
                    if file.is_file(follow_symlinks=False) and file.stat(follow_symlinks=False).st_nlink == 1:
                        os.unlink(file.path)
                        removed += 1
        return removed


T = TypeVar("T")


@dataclass
class Built(Generic[T]):
    """What a build of many editions placed, and which of them it had to render."""

    outputs: list[T]
    rendered: list[str]
    """Ids of the editions rendered in this build; the others were placed from the cache."""

    def summary(self, noun: str) -> str:
        return f"{len(self.outputs)} {noun} ({len(self.rendered)} rendered, {len(self.outputs) - len(self.rendered)} unchanged)"


@dataclass
class Filling:
    """Entries being rendered in the pool for `Cache.start`, in job order (None: not yet committed)."""

    cache: Cache
    kind: str
    keys: list[str]
    entries: list[Path | None]
    started: list[tuple[int, Path, Future[None]]]
    """(job index, scratch folder, render) of each job not stored."""

    def wait(self) -> tuple[list[Path], list[int]]:
        """Every job's entry in job order, and the indexes of the jobs rendered; on a failure none of them is kept."""
        try:
            for index, scratch, job in self.started:
                job.result()
                self.entries[index] = self.cache.commit(self.kind, self.keys[index], scratch)
        except BaseException:
            self.cancel()
            raise
        return [entry for entry in self.entries if entry is not None], [index for index, _, _ in self.started]

    def cancel(self) -> None:
        """Stop the renders not begun and drop their scratch (a build that failed elsewhere meanwhile)."""
        for _, scratch, job in self.started:
            job.cancel()
            shutil.rmtree(scratch, ignore_errors=True)


@dataclass
class Notes(Generic[T]):
    """Small things read out of entries (a page's search entries, what a pack shows), kept together by their entry's key.

    At ten thousand pages, opening a file of a few hundred bytes per entry
    took longer than what it holds; what an entry says never changes under
    its key, so one file per kind holds it for every entry a build used.
    Only what this build asked for is written back: the notes prune themselves.
    """

    path: Path
    kept: dict[str, T] = dataclasses.field(default_factory=dict)
    used: dict[str, T] = dataclasses.field(default_factory=dict)

    @classmethod
    def open(cls, path: Path) -> Notes[T]:
        try:
            kept = pickle.loads(path.read_bytes())  # written by `save` below, for this very code (the name holds its toolchain)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return cls(path)
        return cls(path, kept) if isinstance(kept, dict) else cls(path)

    def __contains__(self, key: str) -> bool:
        """Whether the entry `key` has a note kept."""
        return key in self.kept

    def get(self, key: str, read: Callable[[], T]) -> T:
        """The note for the entry `key`: kept, or what `read` takes out of the entry."""
        note = self.kept[key] if key in self.kept else read()
        self.used[key] = note
        return note

    def save(self) -> None:
        """Keep the notes this build used (written whole, only when they changed), for the next build."""
        if self.used.keys() != self.kept.keys():
            kind = self.path.name.rsplit("-", 1)[0]
            for stale in self.path.parent.glob(f"{kind}-*.pickle"):  # other toolchains' notes
                if stale != self.path:
                    stale.unlink(missing_ok=True)
            write_atomic(self.path, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
        self.kept, self.used = self.used, {}


class Cache:
    """Entries under ROOT/<kind>/<key>/, each a folder of files placed into outputs by link."""

    def __init__(self, root: Path) -> None:
        self.root = root.absolute()  # mkdocs reads a relative site_dir from mkdocs.yml's folder, not the one a build runs in
        self.scratch_root = self.root / ".scratch"
        self.used: dict[str, set[str]] = {}
        """Keys looked up in this build, by kind: what `prune` keeps."""
        self.present: dict[str, Path] = {}
        """Entries this object has found or committed, by folder: an entry is never changed once stored and only `prune`
        removes one, so the editors' preview, which looks up ten thousand pages at every save, stats each once."""
        self.listed: dict[str, frozenset[str]] = {}
        """Each kind's entries as its folder held them at this object's first look-up of that kind (`entry`)."""
        self._lock: TextIO | None = None

    def shared(self) -> Shared:
        """The store of files shared by entries, keyed with this toolchain."""
        return Shared(self.root / SHARED, toolchain())

    def notes(self, kind: str) -> Notes[T]:
        """The notes kept for entries of `kind` with this toolchain (`Notes`)."""
        return Notes.open(self.root / NOTES / f"{kind}-{toolchain()[:32]}.pickle")

    def compiled(self) -> jinja2.BytecodeCache:
        """Jinja's own store of compiled templates, in the cache: a build loads the theme's fifty templates instead of compiling them.

        Jinja keys each by the template's name and checks its source and its
        own version before use, so an edited template is compiled again.
        """
        import jinja2  # only builds of the site need it

        folder = self.root / COMPILED
        folder.mkdir(parents=True, exist_ok=True)
        return jinja2.FileSystemBytecodeCache(str(folder))

    def entry(self, kind: str, key: str) -> Path | None:
        """The stored entry for `key`, or None when it has to be rendered.

        Found in one listing of the kind's folder, not by a `stat` per key
        (a tenth of a second of a build at ten years, for ten thousand pages);
        a key not listed is looked for on the disk, as it may have been stored
        since the listing.
        """
        self.used.setdefault(kind, set()).add(key)
        folder = os.path.join(self.root, kind, key)  # a plain string: ten thousand look-ups per build, where a Path costs more than the stat
        found = self.present.get(folder)
        if found is None and (key in self._listing(kind) or os.path.isdir(folder)):
            found = self.present[folder] = Path(folder)
        return found

    def _listing(self, kind: str) -> frozenset[str]:
        listed = self.listed.get(kind)
        if listed is None:
            try:
                listed = frozenset(os.listdir(os.path.join(self.root, kind)))
            except OSError:  # no entry of this kind yet
                listed = frozenset()
            self.listed[kind] = listed
        return listed

    def scratch(self) -> Path:
        """An empty folder to render an entry in, on the cache's file system so the commit is a rename."""
        self.scratch_root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=self.scratch_root))

    def commit(self, kind: str, key: str, scratch: Path) -> Path:
        """Make `scratch` the entry for `key`, all at once; returns the entry."""
        folder = self.root / kind / key
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            scratch.rename(folder)
        except OSError:  # stored meanwhile by a concurrent build: same key, same bytes
            shutil.rmtree(scratch, ignore_errors=True)
        return folder

    def keep(self, kind: str, key: str, make: Callable[[Path], None]) -> Path:
        """The entry for `key`: the stored one, or what `make(scratch)` writes, committed (nothing is kept if it fails)."""
        entry = self.entry(kind, key)
        if entry is not None:
            return entry
        scratch = self.scratch()
        try:
            make(scratch)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        return self.commit(kind, key, scratch)

    def fill(
        self, kind: str, jobs: list[tuple[str, tuple[object, ...]]], render: Callable[..., None], pool: Executor
    ) -> tuple[list[Path], list[int]]:
        """The entry of every (key, args) job, calling `render(*args, scratch)` in the build's `pool` for keys not stored.

        Returns the entries in job order and the indexes of the jobs rendered.
        """
        return self.start(kind, jobs, render, pool).wait()

    def start(self, kind: str, jobs: list[tuple[str, tuple[object, ...]]], render: Callable[..., None], pool: Executor) -> Filling:
        """`fill`, handed to the pool: the caller goes on with other work and waits for the entries later."""
        entries = [self.entry(kind, key) for key, _ in jobs]
        filling = Filling(self, kind, [key for key, _ in jobs], entries, [])
        for index, entry in enumerate(entries):
            if entry is None:
                scratch = self.scratch()
                filling.started.append((index, scratch, pool.submit(render, *jobs[index][1], scratch)))
        return filling

    @contextmanager
    def in_use(self) -> Iterator[None]:
        """Hold a shared lock on the cache for a whole build, so no other build's prune removes what this one places."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / LOCK).open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH)
            self._lock = handle
            try:
                yield
            finally:
                self._lock = None
                fcntl.flock(handle, fcntl.LOCK_UN)

    def prune(self) -> int | None:
        """Remove the entries of the kinds this build looked up that it did not use, and stale scratch; returns entries removed.

        Run after a build of every issue and episode: whatever it did not use
        belongs to records, templates or code that are no longer there. Kinds
        it never looked up are kept whole (a site taken from the published
        build looks up none of its pages: they stay for the next edit), but
        for the `RETIRED` ones, which go whole. Only
        when no other build is using the cache (its shared lock held): then
        nothing is pruned (None) and a later build does it.
        """
        if self._lock is None:
            raise RuntimeError("prune() runs inside in_use()")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fcntl.flock(self._lock, fcntl.LOCK_SH)  # a failed upgrade may have dropped the shared lock
            return None
        shared = self.root / SHARED
        looked_up = [folder for folder in self.root.iterdir() if folder.is_dir() and folder.name in self.used]
        kinds = [folder for folder in looked_up if folder not in (self.scratch_root, shared)]
        unused = [entry for folder in kinds for entry in folder.iterdir() if entry.name not in self.used.get(folder.name, set())]
        unused += [folder for folder in (self.root / kind for kind in RETIRED) if folder.is_dir()]
        stale = [scratch for scratch in (self.scratch_root.iterdir() if self.scratch_root.is_dir() else ())
                 if time.time() - scratch.stat().st_mtime > SCRATCH_AGE]
        discard(unused + stale, self.root / TRASH)  # a replaced site is a hundred thousand files: deleted in the background
        self.present.clear()
        self.listed.clear()
        Shared(shared, "").prune()  # the files no entry links since the prune before (a discarded entry still links its own)
        fcntl.flock(self._lock, fcntl.LOCK_SH)
        return len(unused)


def place(source: Path, target: Path) -> None:
    """Put the file or folder `source` at `target` by hard links (copies across file systems)."""
    if source.is_dir():
        _place_tree(os.fspath(source), os.fspath(target))
        return
    place_file(source, target)


def place_again(source: Path, target: Path, spare: Path | None) -> None:
    """`place` the stored folder `source` at `target`, a new path: by moving `spare` (the same folder in an earlier build,
    set aside: `generator.publish.spare`) when it holds just `source`'s own files, else by linking them anew.

    On the office's disk each link or folder made costs some fifty
    microseconds of the kernel's time, and a build places some twenty
    thousand of them for its TV packs alone; a move is one call, and
    comparing the two folders takes only what listing them gives.
    """
    if spare is not None and _holds(os.fspath(spare), os.fspath(source)):
        try:
            os.rename(spare, target)
            return
        except OSError:  # `target` is there already, or on another file system
            pass
    place(source, target)


def _holds(copy: str, source: str) -> bool:
    """Whether the folder `copy` holds just the files of `source`, each by the same inode (so on the same file system)."""
    try:
        with os.scandir(copy) as entries:
            theirs = {entry.name: entry.inode() if not entry.is_dir(follow_symlinks=False) else None for entry in entries}
        with os.scandir(source) as entries:
            ours = {entry.name: entry.inode() if not entry.is_dir(follow_symlinks=False) else None for entry in entries}
        if theirs != ours or os.stat(copy).st_dev != os.stat(source).st_dev:
            return False
    except OSError:  # no such copy
        return False
    return all(_holds(os.path.join(copy, name), os.path.join(source, name)) for name, inode in ours.items() if inode is None)


def place_file(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """`place` for a file, with no test of what `source` is: one link call for most (ten thousand pages per build)."""
    try:
        _link(source, target)
    except FileNotFoundError:  # its folder is not there yet (made only then: most are, and it is a call per file)
        os.makedirs(os.path.dirname(os.fspath(target)), exist_ok=True)
        _link(source, target)


def _place_tree(source: str, target: str) -> None:
    """`shutil.copytree(source, target, copy_function=_link, dirs_exist_ok=True)` by `os.scandir` and plain strings.

    A site is ten thousand folders of a few files; copytree's per-entry
    bookkeeping took half again as long as the links and folders themselves.
    """
    try:
        os.mkdir(target)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(target, exist_ok=True)
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.is_dir():
                _place_tree(entry.path, os.path.join(target, entry.name))
            else:
                _link(entry.path, os.path.join(target, entry.name))


def _link(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Link `source` at `target`; over a file already there, link (or copy) under a temporary name, then rename over
    it: `target` is never missing or partial.

    Most targets are new (a build places into an empty version folder): one
    link call each, which matters at a hundred thousand files per build.
    """
    try:
        os.link(source, target)
        return
    except FileExistsError:
        if os.path.exists(target) and os.path.samefile(source, target):
            return  # placed before; renaming a link over itself would leave the temporary name behind
    except FileNotFoundError:
        raise  # no such folder (or source): linking under another name would fail the same way
    except OSError:
        pass  # across file systems: copied below
    folder, name = os.path.split(os.fspath(target))
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.placing")
    if os.path.lexists(temporary):
        os.unlink(temporary)
    try:
        os.link(source, temporary)
    except OSError:
        shutil.copy2(source, temporary)
    os.replace(temporary, target)
