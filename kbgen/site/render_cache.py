"""Markdown conversions cached on disk, shared by every language build and across builds.

MkDocs converts each page's Markdown with a fresh Python-Markdown instance
on every build. A page whose Markdown, place and site structure are
unchanged converts to the same HTML, so kbgen keeps each conversion under a
content hash (`<build_dir>/render-cache/`): a build whose navigation or
configuration changed (an article retitled, `site_name` edited) renders
templates again but converts no unchanged Markdown.

The key holds what the conversion reads: the page's Markdown, its source
and destination paths, the Markdown extensions and their settings, and
kbgen with its libraries. The site's other files matter only through the
links the page holds (MkDocs looks each target up among the files and
writes its URL), so each entry keeps the lookups its conversion made and
is used only while every one of them finds the same: a new article leaves
the other pages' conversions valid. A conversion that logged a warning is
never stored, so a strict build can never pass on a cached result.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import time
from pathlib import Path
from typing import Any

from kbgen.fsutil import write_if_changed
from kbgen.toolchain import toolchain_digest

CACHE_DIR = "render-cache"
MAX_AGE_DAYS = 14  # entries unused this long are removed at the start of a build

_state: dict[str, Any] = {"folder": None, "salt": "", "original": None}


def install(folder: Path, config: Any) -> None:
    """Route MkDocs' page rendering through the cache for this build (idempotent per process)."""
    from mkdocs.structure.pages import Page

    _state["folder"] = folder
    _state["salt"] = f"{toolchain_digest()}\0{settings_key(config)}\0{config['use_directory_urls']}"
    if _state["original"] is None:
        _state["original"] = Page.render
        # Replacing a method on the class is the point; `_render` takes the page as `page`, not `self`.
        Page.render = _render  # type: ignore[method-assign, assignment]


def settings_key(config: Any) -> str:
    """The Markdown extensions and their settings as text that is the same in every process.

    Settings may hold functions (`!!python/name:` tags, such as the emoji
    index): their repr holds a memory address, which changes with every
    process and would make every build miss the cache; they are named instead.
    """
    settings = [config["markdown_extensions"], config["mdx_configs"]]
    try:
        return json.dumps(settings, sort_keys=True, default=_stable)
    except (ValueError, TypeError, RecursionError):  # state that refers to itself: its text, without addresses
        return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(settings))


def _stable(value: Any) -> Any:
    if hasattr(value, "__module__") and hasattr(value, "__qualname__"):  # a function or a class
        return f"{value.__module__}.{value.__qualname__}"
    if hasattr(value, "__dict__"):  # an object: its type and its state
        return [f"{type(value).__module__}.{type(value).__qualname__}", vars(value)]
    return repr(value)


def prune(folder: Path, now: float | None = None) -> int:
    """Remove entries not used for MAX_AGE_DAYS (a hit refreshes an entry's time).

    At most once a day (`PRUNED` keeps when): looking at every entry took a
    fifth of a second at 3,000 pages, on every build, a translation edit's too.
    """
    now = now or time.time()
    stamp = folder / PRUNED
    with contextlib.suppress(OSError):
        if 0 <= now - stamp.stat().st_mtime < 86400:
            return 0
    limit = now - MAX_AGE_DAYS * 86400
    removed = 0
    for entry in folder.glob("*/*.json"):
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < limit:
                entry.unlink()
                removed += 1
    folder.mkdir(parents=True, exist_ok=True)  # the build's conversions go here
    stamp.touch()
    os.utime(stamp, (now, now))
    return removed


PRUNED = ".pruned"


def _key(page: Any) -> str:
    digest = hashlib.sha256(_state["salt"].encode())
    for part in (page.file.src_uri, page.file.dest_uri, page.markdown or ""):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def _render(page: Any, config: Any, files: Any) -> None:
    folder: Path | None = _state["folder"]
    if folder is None or page.markdown is None:
        return _state["original"](page, config, files)
    key = _key(page)
    path = folder / key[:2] / f"{key}.json"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if all(_found(files, target) == found for target, found in data["lookups"].items()):
            _restore(page, files, data)
            os.utime(path)
            return None
    counter = _WarningCounter()
    recorder = _Lookups(files)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(counter)
    try:
        _state["original"](page, config, recorder)
    finally:
        mkdocs_log.removeHandler(counter)
    if not counter.count:
        data = {**_snapshot(page), "lookups": recorder.seen}
        write_if_changed(path, json.dumps(data, ensure_ascii=False, sort_keys=True), durable=False)
    return None


class _Lookups:
    """The site's files as one conversion sees them: every link target looked up is recorded."""

    def __init__(self, files: Any) -> None:
        self._files = files
        self.seen: dict[str, list | None] = {}

    def get_file_from_path(self, path: str) -> Any:
        self.seen[path] = _found(self._files, path)
        return self._files.get_file_from_path(path)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)


def _found(files: Any, path: str) -> list | None:
    """What a conversion learns from looking `path` up: nothing, or the file's URL and whether it is excluded."""
    target = files.get_file_from_path(path)
    return None if target is None else [target.url, target.inclusion.is_excluded()]


def _snapshot(page: Any) -> dict:
    return {
        "content": page.content,
        "toc": _toc_tokens(page.toc),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()},
    }


def _restore(page: Any, files: Any, data: dict) -> None:
    from mkdocs.structure.toc import get_toc

    links = {}
    for uri, anchors in data["links"].items():
        target = files.get_file_from_path(uri)
        if target is None:
            raise KeyError(uri)  # the site changed under the entry: convert again
        links[target] = anchors
    page.content = data["content"]
    page.toc = get_toc(data["toc"])
    page._title_from_render = data["title"]
    page.present_anchor_ids = set(data["anchors"])
    page.links_to_anchors = links


def _toc_tokens(toc: Any) -> list[dict]:
    return [
        {
            "level": item.level,
            "id": item.id,
            "name": item.title,
            "html": item.title,
            "data-toc-label": "",
            "children": _toc_tokens(item.children),
        }
        for item in toc
    ]


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
