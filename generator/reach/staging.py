"""One edition's folder of a channel (`OUT/wechat/2017-W50/`), written whole or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(folder: Path) -> Iterator[Path]:
    """A fresh folder beside `folder` to write in; it takes `folder`'s place only when the block succeeds.

    On any failure the fresh folder is removed and `folder` is left exactly as
    it was. Its files reach the disk before the swap, so a crash just after it
    never leaves an empty clip or a truncated PDF under the edition's name.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.writing-", dir=folder.parent))
    try:
        yield fresh
        for path in fresh.rglob("*"):
            if path.is_file():
                with path.open("rb") as handle:
                    os.fsync(handle.fileno())
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = folder.parent / f".{folder.name}.old-{os.getpid()}"
    if folder.exists():
        folder.rename(old)
    fresh.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
