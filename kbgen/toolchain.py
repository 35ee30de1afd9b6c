"""kbgen's own code and the libraries it renders with: one digest for every cache key.

A cache made by another kbgen, or with another version of MkDocs, Material,
Babel, markdown-it-py, nh3, stopwordsiso or Pagefind, is never reused.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

import kbgen

KBGEN_DIR = Path(kbgen.__file__).parent
# The libraries whose version changes what a build writes.
RENDERING_LIBRARIES = (
    "mkdocs",
    "mkdocs-material",
    "pymdown-extensions",
    "babel",
    "markdown-it-py",
    "mdit-py-plugins",
    "nh3",
    "stopwordsiso",
    "opencc",
    "pagefind",
    "jinja2",
    "markdown",
    "pyyaml",
)


@cache
def toolchain_digest() -> str:
    """kbgen's own files and the versions of the libraries it renders with (fixed for a process)."""
    digest = hashlib.sha256()
    for name in RENDERING_LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}=={version}\n".encode())
    digest_files(digest, KBGEN_DIR)
    return digest.hexdigest()


def digest_files(digest, root: Path) -> None:
    """Add a file, or every file under a folder, to `digest`. Dotfiles are kbgen's markers, not inputs.

    Names are hashed relative to `root`, so a project copied or checked out
    elsewhere keeps its digests (and its caches).
    """
    if root.is_file():
        files = [root]
    elif root.is_dir():
        files = sorted(
            p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".") and "__pycache__" not in p.parts
        )
    else:
        files = []
    digest.update(f"\0root {root.name}\0".encode())
    for path in files:
        name = path.name if path == root else path.relative_to(root).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
