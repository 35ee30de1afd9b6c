"""Reading the user's input files without surprises.

Every file kbgen reads from a project (content, catalogs, mkdocs.yml) comes
through `read_input`, which checks what the path is before opening it: a
folder or a FIFO named `x.yaml`, a dangling symlink, a symlink loop, a
symlink to a file outside the project (which would be published), or a file
far larger than any help article each become one readable problem naming the
file, instead of a traceback or a `check` that hangs on a FIFO forever.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from kbgen.errors import Problem

DEFAULT_MAX_BYTES = 1_000_000


class InputError(Exception):
    """An input file cannot be read; carries the problem to report."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_input(path: Path, shown: str, root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file inside `root`, at most `max_bytes` of them.

    The file is checked with stat before it is opened (a FIFO is never
    opened, since opening one blocks until a writer comes), and opened
    non-blocking in case it changes in between.
    """

    def fail(message: str) -> InputError:
        return InputError(Problem(shown, None, message))

    if root is not None and not _inside(Path(os.path.abspath(path)), Path(os.path.abspath(root))):
        raise fail("is outside the project: refused")
    resolved = _resolve(path, fail)
    if root is not None and not _inside(resolved, root.resolve()):
        raise fail(f"is a symlink to {resolved}, outside the project: refused (copy the file into the project)")
    try:
        info = os.stat(resolved)
    except OSError as exc:
        raise fail(_reason(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise fail("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise fail(f"is not a regular file (it is a {_kind(info.st_mode)}); not read")
    if info.st_size > max_bytes:
        raise fail(f"is {info.st_size:,} bytes, over the limit of {max_bytes:,} (extra.kbgen.max_file_bytes)")
    try:
        fd = os.open(resolved, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise fail(_reason(exc)) from None
    if len(data) > max_bytes:
        raise fail(f"is over the limit of {max_bytes:,} bytes (extra.kbgen.max_file_bytes)")
    return data


def read_text(path: Path, shown: str, root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """`read_input` decoded as UTF-8; invalid bytes are a problem naming the offset."""
    data = read_input(path, shown, root, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Problem(shown, None, f"not valid UTF-8 text ({exc.reason} at byte {exc.start})")) from None


def _resolve(path: Path, fail) -> Path:
    try:
        return path.resolve(strict=True)
    except FileNotFoundError:
        if path.is_symlink():
            raise fail(f"is a symlink to {os.readlink(path)}, which does not exist") from None
        raise fail("not found") from None
    except RuntimeError:  # Python < 3.13 reports a symlink loop this way
        raise fail("is a symlink loop") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise fail("is a symlink loop") from None
        raise fail(_reason(exc)) from None


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)
