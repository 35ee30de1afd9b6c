"""Publishing into the site folder: atomically, one build at a time, deleting only what kbgen made.

MkDocs builds each language into its own working copy under the build
folder (`<build_dir>/<lang>/site`), where it may rewrite files in place and
build incrementally. Publishing copies that working copy next to the live
language and swaps the two with one rename, so a reader, a deploy or an
interrupted build only ever sees the complete previous language or the
complete new one. A file whose bytes the live language already has is a
hard link to the live file (published files are never written in place,
only replaced by the swap); the others are copied (a reflink where the
file system supports it), never linked to the working copy, which MkDocs
rewrites in place.

Folders kbgen creates carry a marker file; kbgen deletes nothing that lacks it.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import logging
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from kbgen.errors import KbgenError

log = logging.getLogger("kbgen.site")

MARKER = ".kbgen-generated"
_STAGING_PREFIX = ".staging-"
_RETIRED_PREFIX = ".retired-"
LOCK_FILE = ".build.lock"


# ------------------------------------------------------------------ ownership


def claim(folder: Path, shown: str, layout: frozenset[str] = frozenset()) -> None:
    """Make `folder` kbgen's (creating it), or refuse when it holds files kbgen did not make.

    A folder holding only names of kbgen's own `layout` (written by a
    kbgen from before the marker) is taken over.
    """
    if (
        folder.is_dir()
        and not (folder / MARKER).is_file()
        and any(path.name not in layout for path in folder.iterdir())
    ):
        raise KbgenError(
            f"{shown}: this folder exists and was not made by kbgen; kbgen writes only into "
            f"folders it creates (empty it, or choose another folder in mkdocs.yml)"
        )
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / MARKER).is_file():
        (folder / MARKER).write_text("Made by kbgen: `kbgen build --clean` may delete this folder.\n")


def remove_generated(folder: Path, shown: str, keep: str | None = None) -> bool:
    """Delete `folder` if kbgen made it; say so and keep it otherwise. Returns whether it went.

    `keep`: a file of the folder that stays (with the folder): the build
    lock the caller holds. Removing it would let a second build lock a new
    file while this one still runs.
    """
    if not folder.exists() or (keep and {path.name for path in folder.iterdir()} <= {keep}):
        return False
    if not (folder / MARKER).is_file():
        log.warning("%s: not removed: it was not made by kbgen (no %s in it)", shown, MARKER)
        return False
    if keep is None:
        shutil.rmtree(folder)
        return True
    for path in folder.iterdir():  # the marker last: a folder interrupted here is still kbgen's
        if path.name in (keep, MARKER):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    (folder / MARKER).unlink()
    return True


def clear_leftovers(site_dir: Path) -> None:
    """Remove staging and retired copies an interrupted publish left behind."""
    if site_dir.is_dir():
        for path in site_dir.iterdir():
            if path.is_dir() and path.name.startswith((_STAGING_PREFIX, _RETIRED_PREFIX)):
                shutil.rmtree(path, ignore_errors=True)


# ------------------------------------------------------------------ publishing


def publish(working: Path, live: Path) -> None:
    """Replace the folder `live` by a copy of `working`, in one rename."""
    staging = live.parent / f"{_STAGING_PREFIX}{live.name}"
    shutil.rmtree(staging, ignore_errors=True)
    if live.is_dir() and not live.is_symlink():
        _link_unchanged(working, staging, live)
    else:
        copy_tree(working, staging)
    _sync_folder(staging)
    swap(staging, live)


def _link_unchanged(source: Path, target: Path, previous: Path) -> None:
    """Copy the folder `source` to `target`, linking the files `previous` holds with the same bytes."""
    for folder, _, names in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in names:
            new, old = Path(folder, name), previous / relative / name
            if _same_file(new, old):
                os.link(old, target / relative / name)
            else:
                shutil.copy2(new, target / relative / name, follow_symlinks=False)


def _same_file(new: Path, old: Path) -> bool:
    """Regular files (not links) with the same bytes.

    The live file was copied from the working one with its modification
    time, or linked from an earlier such copy. When size and time are still
    equal and the live file was made (its inode's change time) well after
    that time, the working file was not written since, and no bytes are
    read: a rebuild that changed one page compared every page's bytes. The
    margin covers file systems that keep times to the second or two.
    """
    try:
        new_info, old_info = new.lstat(), old.lstat()
    except OSError:
        return False
    if not (stat.S_ISREG(new_info.st_mode) and stat.S_ISREG(old_info.st_mode)) or new_info.st_size != old_info.st_size:
        return False
    unchanged = new_info.st_mtime_ns == old_info.st_mtime_ns and old_info.st_ctime_ns - new_info.st_mtime_ns > _MARGIN
    return unchanged or new.read_bytes() == old.read_bytes()


_MARGIN = 3_000_000_000  # nanoseconds


def copy_tree(source: Path, target: Path) -> None:
    """Copy a folder, sharing blocks (reflink) where the file system can."""
    cp = shutil.which("cp")
    if cp:
        result = subprocess.run(
            [cp, "-R", "--reflink=auto", "--preserve=timestamps", str(source), str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            return
        shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)


def swap(staging: Path, live: Path) -> None:
    """Put `staging` where `live` is: one atomic exchange where the kernel offers it."""
    if live.exists() and _exchange(staging, live):
        shutil.rmtree(staging, ignore_errors=True)  # it holds the previous version now
        return
    if not live.exists():
        os.rename(staging, live)
        return
    # Without an atomic exchange: the previous version steps aside for the moment of one rename.
    retired = live.parent / f"{_RETIRED_PREFIX}{live.name}"
    shutil.rmtree(retired, ignore_errors=True)
    os.rename(live, retired)
    os.rename(staging, live)
    shutil.rmtree(retired, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): swap two paths atomically. False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EXDEV, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _sync_folder(folder: Path) -> None:
    """One sync of the file system before the swap: the new version is on disk before readers see it.

    One syncfs per published folder replaces an fsync per written file.
    """
    libc_name = ctypes.util.find_library("c")
    syncfs = getattr(ctypes.CDLL(libc_name), "syncfs", None) if libc_name else None
    if syncfs is None:
        os.sync()
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        syncfs(descriptor)
    finally:
        os.close(descriptor)


# ------------------------------------------------------------------ one build at a time


@contextlib.contextmanager
def build_lock(build_dir: Path, shown: str, wait: bool = True) -> Iterator[None]:
    """Hold the build folder's lock for the duration of a build.

    The lock is the kernel's (flock): a killed build releases it with its
    process, so a stale lock file never blocks the next build.
    """
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / LOCK_FILE
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            if not wait:
                raise KbgenError(f"{shown}: another build is running ({holder}); try again when it ends") from None
            log.warning("%s: waiting for another build to finish (%s)", shown, holder)
            started = time.monotonic()
            fcntl.flock(handle, fcntl.LOCK_EX)
            log.info("waited %.1fs for the other build", time.monotonic() - started)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
