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


def remove_others(folder: Path, keep: set[str]) -> bool:
    """Delete files under `folder` that are not in `keep` (POSIX relative paths), and emptied folders.

    Dotfiles are kept: they are kbgen's own markers. Returns whether any file went.
    """
    removed = False
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(folder).as_posix() not in keep and not path.name.startswith("."):
            path.unlink()
            removed = True
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
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
