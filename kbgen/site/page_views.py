"""What each page shows beyond its own Markdown, so that a change re-renders only the pages it reaches.

Navigation. With Material's `navigation.prune`, a page's HTML holds the
navigation only along its own path: the sections it is in are open (every
entry of theirs), every other section is one link (its title and its first
page), and the footer links its previous and next page. A new article in
one category changes the pages of that category and its two neighbours in
the page order, not the rest of the site. Without pruning (or with tabs or
sections, which open sections on every page) each page shows the whole
navigation: any change re-renders every page.

Popular articles. kbgen's search box (home, search and contact pages: the
pages with a theme template of their own) lists the most important
articles; a new one changes those pages only. A project whose own theme
files read the search settings shows them anywhere: then they belong to
the whole configuration.

`page_views` gives each page a digest of what it shows; a dirty MkDocs
build re-renders the pages whose digest changed, the others keep their HTML.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Iterable
from pathlib import Path

from kbgen.site.pages import Page

Nav = list  # MkDocs' `nav`: entries of {title: "page.md"} or {title: [entries]}
Key = tuple[int, ...]  # where a section is: its index at each level

# Features that open sections on pages outside them: every page shows the whole navigation.
_OPENS_SECTIONS = frozenset({"navigation.tabs", "navigation.sections"})
_THEME_TEMPLATE = re.compile(r"^template:", re.M)


def per_page(overrides: dict, popular_anywhere: bool) -> tuple[dict, Nav, list]:
    """A language's configuration split: (what every page shows, the navigation, the popular articles
    when only the search box's pages show them, else [] and they stay with the rest)."""
    shared = {key: value for key, value in overrides.items() if key != "nav"}
    if popular_anywhere:
        return shared, overrides["nav"], []
    search = dict(shared["extra"]["kbgen_search"])
    popular = search.pop("popular", [])
    shared["extra"] = {**shared["extra"], "kbgen_search": search}
    return shared, overrides["nav"], popular


def popular_anywhere(theme_dirs: Iterable[Path]) -> bool:
    """Whether a project's own theme files read the search settings (and may show popular articles anywhere)."""
    return any(
        b"kbgen_search" in path.read_bytes() for root in theme_dirs for path in root.rglob("*") if path.is_file()
    )


def page_views(nav: Nav, popular: list, pages: Iterable[Page], features: Collection[str]) -> dict[str, str]:
    """For each page (its Markdown path), a digest of what it shows beyond its Markdown."""
    shows_popular = {page.path for page in pages if _THEME_TEMPLATE.search(_front_matter(page.text))}
    return {
        path: digest([view, popular if path in shows_popular else None])
        for path, view in _navigation_views(nav, [page.path for page in pages], features).items()
    }


def _front_matter(text: str) -> str:
    return text.split("\n---", 1)[0] if text.startswith("---") else ""


def _navigation_views(nav: Nav, pages: list[str], features: Collection[str]) -> dict[str, str]:
    if "navigation.prune" not in features or _OPENS_SECTIONS & set(features):
        whole = digest(nav)
        return {page: whole for page in pages}
    order: list[tuple[str, str]] = []  # (path, title) in page order: the footer's previous and next
    sections: dict[str, tuple[Key, ...]] = {}  # page -> the sections it is in
    _walk(nav, (), (), order, sections)
    position: dict[str, int] = {}
    for place, (path, _) in enumerate(order):
        position.setdefault(path, place)  # a page's first place
    shown: dict[tuple[Key, ...], str] = {}  # by the sections a page is in: the pages of a section see the same
    marks = {}
    for page in pages:
        number = position.get(page)
        neighbours = (
            [order[number - 1] if number > 0 else None, order[number + 1] if number + 1 < len(order) else None]
            if number is not None
            else []
        )
        chain = sections.get(page, ())
        if chain not in shown:
            shown[chain] = digest(_shown(nav, (), frozenset(chain)))
        marks[page] = digest([page, shown[chain], neighbours])
    return marks


def _walk(
    entries: Nav, key: Key, chain: tuple[Key, ...], order: list[tuple[str, str]], sections: dict[str, tuple[Key, ...]]
) -> None:
    for number, entry in enumerate(entries):
        for title, value in _items(entry):
            if isinstance(value, list):
                _walk(value, (*key, number), (*chain, (*key, number)), order, sections)
            else:
                order.append((str(value), title))
                sections.setdefault(str(value), chain)


def _shown(entries: Nav, key: Key, open_sections: frozenset[Key]) -> list:
    """The entries as the page renders them: its own sections open, every other section one link."""
    shown: list = []
    for number, entry in enumerate(entries):
        for title, value in _items(entry):
            here = (*key, number)
            if not isinstance(value, list):
                shown.append(["page", title, value])
            elif here in open_sections:
                shown.append(["open", title, _shown(value, here, open_sections)])
            else:
                # Its entries are not shown, only whether it has any (`hooks._without_blank_lines`
                # removes the blank line each of them left).
                shown.append(["pruned", title, _first_page(value), bool(value)])
    return shown


def _first_page(entries: Nav) -> str | None:
    """Where a pruned section links: its first page (Material descends into first subsections)."""
    for entry in entries[:1]:
        for _, value in _items(entry):
            return _first_page(value) if isinstance(value, list) else str(value)
    return None


def _items(entry) -> list[tuple[str, object]]:
    # A bare "page.md" entry has no title of its own here; MkDocs takes the page's.
    return [(str(title), value) for title, value in entry.items()] if isinstance(entry, dict) else [("", entry)]


def digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]
