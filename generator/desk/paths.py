"""Paths as Decap names them, mapped onto the records folder, and nothing outside it.

Decap computes the path of a new entry from a slug template and cannot put
it in a year folder by the entry's own date without timezone slips, so the
desk shows each record kind as one flat folder (`case/2017-06-15-crane.yaml`)
and files it where the records layout wants it (`case/2017/…`): the year is
the first four characters of the file name. Every path that comes in is
checked before use: no absolute paths, no `..`, no symbolic link out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel

from generator.records.loader import EDITORIAL, RECORD_FILE, REGISTRIES
from generator.records.models import KINDS
from generator.records.refs import MEDIA_FOLDER
from generator.desk.refusals import Refused
from generator.strings import DESK

Area = Literal["record", "editorial", "registry", "media"]
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Place:
    """One file the desk may read or write: where Decap thinks it is and where it really is."""

    virtual: str
    real: Path
    area: Area
    folder: str
    """The record kind, the editorial folder, the registry's file name, or the media folder."""
    stem: str

    @property
    def model(self) -> type[BaseModel] | None:
        """The model the file holds (None for media)."""
        if self.area == "record":
            return KINDS[self.folder]
        if self.area == "editorial":
            return EDITORIAL[self.folder][0]
        if self.area == "registry":
            return REGISTRIES[self.folder]
        return None

    @property
    def schema(self) -> tuple[str, int]:
        """The JSON Schema the file's `$schema` modeline names, and how many folders up the schema folder is."""
        if self.area == "record":
            return self.folder, 3
        if self.area == "editorial":
            return self.folder.removesuffix("s"), 2
        return self.stem, 1


class Layout:
    """The records folder as the desk sees it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def place(self, virtual: str) -> Place:
        """The file Decap means by `virtual`, or Refused when it is outside the folder or not the desk's to touch."""
        parts = self._parts(virtual)
        if len(parts) == 1 and parts[0] in REGISTRIES:
            return self._checked(Place(parts[0], self.root / parts[0], "registry", parts[0], parts[0].removesuffix(".yaml")))
        if len(parts) != 2:
            raise Refused(DESK["not_editable"].format(path=virtual), 403)
        folder, name = parts
        stem = name.removesuffix(".yaml")
        if folder in KINDS and RECORD_FILE.match(name):
            return self._checked(Place(f"{folder}/{name}", self.root / folder / name[:4] / name, "record", folder, stem))
        if folder in EDITORIAL and name.endswith(".yaml"):
            if folder == "episodes":
                stem = stem.upper()  # Decap lower-cases every slug: 2017-w50 is the episode 2017-W50
            if EDITORIAL[folder][1].match(stem):
                return self._checked(Place(f"{folder}/{stem}.yaml", self.root / folder / f"{stem}.yaml", "editorial", folder, stem))
        if folder == MEDIA_FOLDER:
            return self._checked(Place(f"{folder}/{name}", self.root / folder / name, "media", folder, stem))
        raise Refused(DESK["not_editable"].format(path=virtual), 403)

    def record_place(self, path: Path) -> Place | None:
        """The place of a record or editorial file the archive read (None for anything else)."""
        relative = path.relative_to(self.root).parts
        if len(relative) == 3 and relative[0] in KINDS:
            return Place(f"{relative[0]}/{relative[2]}", path, "record", relative[0], relative[2].removesuffix(".yaml"))
        if len(relative) == 2 and relative[0] in EDITORIAL:
            return Place("/".join(relative), path, "editorial", relative[0], relative[1].removesuffix(".yaml"))
        return None

    def media_folder(self) -> Path:
        return self.root / MEDIA_FOLDER

    def _parts(self, virtual: str) -> tuple[str, ...]:
        """The parts of a relative path that stays where it says: no root, no `..`, no hidden or odd names.

        An upload keeps its own name here (a phone's `IMG 0615 塔吊.JPG`); `media` makes it safe.
        """
        if not isinstance(virtual, str) or "\\" in virtual or "\x00" in virtual:
            raise Refused(DESK["outside"].format(path=virtual), 403)
        path = PurePosixPath(virtual.removeprefix("./"))
        uploaded = len(path.parts) == 2 and path.parts[0] == MEDIA_FOLDER and not path.name.startswith(".")
        if path.is_absolute() or not path.parts or not all(_SAFE.match(part) for part in (path.parts[:1] if uploaded else path.parts)):
            raise Refused(DESK["outside"].format(path=virtual), 403)
        if any(part.startswith("..") for part in path.parts):
            raise Refused(DESK["outside"].format(path=virtual), 403)
        return path.parts

    def _checked(self, place: Place) -> Place:
        """`place`, unless a symbolic link on its way leads out of the records folder."""
        real = place.real.resolve()
        if not real.is_relative_to(self.root):
            raise Refused(DESK["outside"].format(path=place.virtual), 403)
        return place
