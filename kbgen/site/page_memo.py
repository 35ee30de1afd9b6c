"""Which of a language's generated Markdown pages are still current, so an edit renders only what it changed.

Rendering every page of every language again took most of kbgen's own time
in a one-article edit (200 articles x 16 languages: 3,400 pages for one
changed body). A page's Markdown is a function of the language's view of
the content, its UI catalog, the site's name and address, and kbgen with its
libraries. Two kinds of page read different parts of the view:

- an article's page reads its own record and status, the categories,
  blocks, glossary, labels and contact details (the `common` part), and of
  other articles only those it names: its related articles (their titles)
  and the articles its body and the blocks link to (their pages' paths);
- every other page (home, categories, FAQ pages, glossary, contact, search)
  reads the common part and every article but for its body and status
  (`listing`: titles, summaries, priorities, places).

Each article's inputs and the listing are kept as digests with the digest of
each page written. A page is taken from `docs/` instead of rendered while its
inputs' digest is the same and its file is what was written: a body edit
renders one page per language, a new article or a new title renders the
lists and the articles that name it. Anything in the common part renders
everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kbgen.config import Project
from kbgen.fsutil import read_cache, write_if_changed
from kbgen.i18n import theme
from kbgen.languages import Language
from kbgen.site.links import Linker
from kbgen.site.localize import LocalizedContent
from kbgen.site.pages import Page
from kbgen.toolchain import toolchain_digest

MEMO_FILE = ".pages.json"  # in a language's build folder

# An article a text links to. Looser than the links kbgen rewrites, so no linked article is missed.
_ARTICLE_REF = re.compile(r"article:([a-z0-9-]+)")


@dataclass
class PageMemo:
    """What the pages in `docs/` were rendered from: the listing's and each article's inputs, as digests,
    and each page's text digest by path."""

    listing: str = ""
    articles: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)


def read(work: Path) -> PageMemo:
    stored = read_cache(work / MEMO_FILE, toolchain_digest())
    try:
        return PageMemo(str(stored["listing"]), dict(stored["articles"]), dict(stored["pages"]))
    except (KeyError, TypeError, ValueError):
        return PageMemo()


def write(work: Path, memo: PageMemo) -> None:
    data = {"salt": toolchain_digest(), "listing": memo.listing, "articles": memo.articles, "pages": memo.pages}
    write_if_changed(work / MEMO_FILE, json.dumps(data, sort_keys=True), durable=False)


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def inputs(project: Project, view: LocalizedContent, lang: Language, base_url: str) -> PageMemo:
    """The digests of what the language's pages read now (`pages` left empty)."""
    catalog = theme.theme_po_path(project.locales_dir, lang)
    ui = catalog.read_bytes() if catalog.is_file() else b""
    settings = [lang.code, project.site_name, base_url, project.source.code, hashlib.sha256(ui).hexdigest()]
    return digests(view, settings)


def digests(view: LocalizedContent, settings: Iterable[str]) -> PageMemo:
    """The listing's and each article's inputs as digests (see the module's docstring).

    `settings`: the renderer's inputs beyond the view, as text (language, site
    name and address, a digest of the UI catalog).
    """
    content = view.content
    common = hashlib.sha256(toolchain_digest().encode())
    for part in settings:
        common.update(b"\0" + part.encode())
    for records in (content.categories, content.faqs, content.glossary, content.blocks, content.ui_labels):
        for record in records.values():
            common.update(b"\0" + record.model_dump_json().encode())
    rest = [
        content.contact.model_dump_json() if content.contact else "",
        content.popular,
        content.faq_opens,
        sorted(view.faqs.items()),
        sorted(key for key in view.english if key[0] != "article"),
        # No page template reads notices today (the configuration carries them): kept, so that one may.
        [n.model_dump_json() for n in content.notices.values()],
        [t.model_dump_json() for t in content.notice_templates.values()],
    ]
    common.update(json.dumps(rest, sort_keys=True, default=str).encode())
    base = common.hexdigest()

    english: dict[str, list[str]] = {}  # each article's fields shown in the source language
    for kind, record_id, name in sorted(view.english):
        if kind == "article":
            english.setdefault(record_id, []).append(name)
    listing = hashlib.sha256(base.encode())
    named: dict[str, str] = {}  # what a page naming an article reads of it: its page's place and its title
    listed: dict[str, bytes] = {}  # each article but for its body, as the lists read it
    for article in content.articles.values():
        own = english.get(article.id, [])
        listed[article.id] = article.model_dump_json(exclude={"body"}).encode()
        listing.update(b"\0" + listed[article.id] + json.dumps(own).encode())
        named[article.id] = json.dumps([article.category, article.title, own])
    in_blocks = {ref for block in content.blocks.values() for ref in _ARTICLE_REF.findall(block.text)}

    articles = {}
    for article in content.articles.values():
        names = in_blocks | set(article.related) | set(_ARTICLE_REF.findall(article.body))
        key = hashlib.sha256(f"{base}\0{view.articles[article.id]}\0{named[article.id]}".encode())
        key.update(listed[article.id] + b"\0" + article.body.encode())  # the whole record
        for other in sorted(names):
            key.update(f"\0{other}\0{named.get(other, '')}".encode())
        articles[article.id] = key.hexdigest()
    return PageMemo(listing.hexdigest(), articles)


def current_pages(docs: Path, last: PageMemo, now: PageMemo, linker: Linker, paths: Iterable[str]) -> dict[str, Page]:
    """Of the pages the language has now (`paths`), those in `docs` rendered from the same inputs, by path."""
    article_pages = {linker.target(f"article:{article_id}"): article_id for article_id in now.articles}
    current = {}
    for path in paths:
        digest = last.pages.get(path)
        article_id = article_pages.get(path)
        if article_id is None:
            same = last.listing == now.listing
        else:
            same = last.articles.get(article_id) == now.articles[article_id]
        if digest is None or not same:
            continue
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = (docs / path).read_text(encoding="utf-8")
            if text_digest(text) == digest:
                current[path] = Page.of(path, text)
    return current
