"""File writes that are atomic and leave unchanged files untouched; kbgen's own cache files read back."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path


def write_if_changed(path: Path, data: str | bytes, durable: bool = True) -> bool:
    """Atomically write `data` to `path` unless it already holds exactly that.

    Returns True when the file was written. Skipping identical writes keeps
    mtimes stable, so reruns on unchanged input leave the tree untouched.
    `durable=False` skips the fsync: for generated files that a later step
    publishes with one sync (thousands of per-file syncs cost seconds).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with contextlib.suppress(FileNotFoundError):
        if path.read_bytes() == raw:
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def files_under(folder: Path) -> list[str]:
    """The files under `folder` (and links to files, as `Path.is_file` counts them), as sorted POSIX
    paths relative to it; [] when it is not a folder.

    `os.scandir` knows each entry's type without asking the file system again: over a search
    bundle's 3,300 files this took a fifth of the time of `rglob` with `is_file` and `relative_to`.
    """
    found: list[str] = []
    pending = [("", os.fspath(folder))]
    while pending:
        prefix, directory = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append((f"{prefix}{entry.name}/", entry.path))
            elif entry.is_file():
                found.append(prefix + entry.name)
    return sorted(found)


def remove_others(folder: Path, keep: set[str]) -> bool:
    """Delete files under `folder` that are not in `keep` (POSIX relative paths), and emptied folders.

    Dotfiles are kept: they are kbgen's own markers. Returns whether any file went.
    """
    removed = False
    for relative in files_under(folder):
        if relative not in keep and not relative.rpartition("/")[2].startswith("."):
            (folder / relative).unlink()
            removed = True
    for directory, _, _ in os.walk(folder, topdown=False):  # the deepest first: a parent may empty too
        if directory != os.fspath(folder) and not os.listdir(directory):
            os.rmdir(directory)
    return removed


def read_cache(path: Path, salt: str | None = None) -> dict:
    """A JSON object kbgen wrote to speed up a later run; {} when it is missing, unreadable,
    not an object, or (with `salt`) written with another salt ("salt" key: kbgen's version and settings).

    A cache is only ever a shortcut: a broken or foreign one means the work is done again, not an error.
    """
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and (salt is None or data.get("salt") == salt):
            return data
    return {}
