"""The errors a user can cause, each carrying where it happened."""

from __future__ import annotations

import errno
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about the user's files: a location and a readable message."""

    file: str
    line: int | None
    message: str
    key: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"'{self.key}': {self.message}" if self.key else self.message
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}: {prefix}{what}"


class KbgenError(Exception):
    """An error the user can fix; the CLI prints it without a traceback."""


class ContentError(KbgenError):
    """The content or configuration is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        # Builds run in worker processes; the error must cross back intact.
        return (ContentError, (self.problems,))


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.message)


def display_path(path: Path, root: Path) -> str:
    """A path as the user thinks of it: relative to the project when inside it."""
    # Not resolved first: a symlink is shown by its own name, not its target's.
    absolute, project = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    if absolute.is_relative_to(project):
        return absolute.relative_to(project).as_posix()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the project, or a symlink loop
        return str(path)


# Errors about where a copy or a rename writes: the second file named is the one that failed.
_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}


def os_error_line(exc: OSError, root: Path) -> str:
    """`<file>: <reason>`, as the user can act on it (the file relative to the project)."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        # copytree collects (source, destination, why) for every file it could not copy: name the first.
        _source, destination, why = exc.args[0][0]
        reason = re.sub(r"^\[Errno \d+\] ([^:]+).*$", r"\1", str(why), flags=re.S).rstrip(".")
        return f"{display_path(Path(os.fsdecode(destination)), root)}: {reason[:1].lower()}{reason[1:]}"
    reason = (exc.strerror or str(exc)).rstrip(".")
    reason = reason[:1].lower() + reason[1:]
    name = exc.filename2 if exc.filename2 and exc.errno in _WRITE_ERRORS else exc.filename
    if name is None:
        return reason
    return f"{display_path(Path(os.fsdecode(name)), root)}: {reason}"
