"""The records' git repository: one commit per save, holding exactly the files of that save.

`git commit --only -- <paths>` commits those paths and nothing else that
happens to be staged, so a stray file in the folder is never swept in (the
stock decap-server runs `git add .`). Hooks are skipped (`--no-verify`):
the desk has just run the same check the records' pre-commit hook runs, and
running it again over ten thousand records would cost seconds per save.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

AUTHOR = re.compile(r"^(?P<name>[^<>]+?)\s*<(?P<email>[^<>\s]+)>$")


class GitError(Exception):
    """A git command failed; the message is git's own last line."""


class Repository:
    """The git work tree that holds the records folder."""

    def __init__(self, folder: Path, author: str | None) -> None:
        self.env = dict(os.environ)
        if author:
            match = AUTHOR.match(author.strip())
            if match is None:
                raise GitError(f"--author must look like 'Name <email>', not {author!r}")
            for role in ("AUTHOR", "COMMITTER"):
                self.env[f"GIT_{role}_NAME"] = match["name"]
                self.env[f"GIT_{role}_EMAIL"] = match["email"]
        self.top = Path(_run(["rev-parse", "--show-toplevel"], folder, self.env).strip()).resolve()

    def commit(self, paths: list[Path], message: str, new: list[Path]) -> None:
        """Commit the current state of `paths` (absolute; written or deleted) and nothing else.

        `commit --only` takes the files git tracks, changed or removed; `new`
        ones, and any other the work tree holds untracked, are added first.
        """
        names = [str(path.relative_to(self.top)) for path in paths]
        added = [str(path.relative_to(self.top)) for path in new]
        try:
            if added:
                self._git("add", "--", *added)
            try:
                self._git("commit", "--quiet", "--no-verify", "--only", "--message", message, "--", *names)
            except GitError as error:
                if "did not match" not in str(error):
                    raise
                self._git("add", "--all", "--", *names)
                self._git("commit", "--quiet", "--no-verify", "--only", "--message", message, "--", *names)
        except GitError:
            self._git("reset", "--quiet", "--", *names)  # leave the index as it was
            raise

    def _git(self, *args: str) -> str:
        return _run(list(args), self.top, self.env)


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """git's output, or GitError with the last line git printed."""
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise GitError(lines[-1] if lines else f"git {args[0]} failed")
    return result.stdout
