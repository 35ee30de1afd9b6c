"""Which of a language's generated Markdown pages are still current, so an edit renders only what it changed.

Rendering every page of every language again took most of kbgen's own time
in a one-article edit (200 articles x 16 languages: 3,400 pages for one
changed body). A page's Markdown is a function of the language's view of
the content, its UI catalog, the site's name and address, and kbgen with its
libraries. Only an article's own page reads the article's body and status
(its title and summary appear in lists on other pages too), so the view is
split in two digests:

- `shared`: everything any page reads, articles without body and status;
- per article: its whole record as the language shows it, and its status.

While `shared` is the same as at the last build, every page other than an
article's is current, and so is each article page whose own digest is the
same: its Markdown is read back from `docs/` (checked against the digest of
what was written) instead of rendered. Any other change renders everything,
as before: no page is kept on a guess.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
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


@dataclass
class PageMemo:
    """What the pages in `docs/` were rendered from: `shared`, each article's digest, each page's text digest."""

    shared: str = ""
    articles: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)


def read(work: Path) -> PageMemo:
    stored = read_cache(work / MEMO_FILE, toolchain_digest())
    try:
        return PageMemo(str(stored["shared"]), dict(stored["articles"]), dict(stored["pages"]))
    except (KeyError, TypeError, ValueError):
        return PageMemo()


def write(work: Path, memo: PageMemo) -> None:
    data = {"salt": toolchain_digest(), "shared": memo.shared, "articles": memo.articles, "pages": memo.pages}
    write_if_changed(work / MEMO_FILE, json.dumps(data, sort_keys=True), durable=False)


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def shared_digest(view: LocalizedContent, settings: Iterable[str]) -> str:
    """Everything a page of the language reads except the articles' bodies and statuses.

    `settings`: the rest of the renderer's inputs as text (language, site name
    and address, the UI catalog's bytes as hex or a digest).
    """
    content = view.content
    digest = hashlib.sha256(toolchain_digest().encode())
    for part in settings:
        digest.update(b"\0" + part.encode())
    for records in (content.categories, content.faqs, content.glossary, content.blocks, content.ui_labels):
        for record in records.values():
            digest.update(b"\0" + record.model_dump_json().encode())
    for article in content.articles.values():
        digest.update(b"\0" + article.model_dump_json(exclude={"body"}).encode())
    digest.update(b"\0" + (content.contact.model_dump_json() if content.contact else "").encode())
    rest = [
        content.popular,
        content.faq_opens,
        sorted(view.faqs.items()),
        sorted(view.english),
        # No page template reads notices today (the configuration carries them): kept, so that one may.
        [n.model_dump_json() for n in content.notices.values()],
        [t.model_dump_json() for t in content.notice_templates.values()],
    ]
    digest.update(json.dumps(rest, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def article_digest(view: LocalizedContent, article_id: str) -> str:
    article = view.content.articles[article_id]
    return text_digest(f"{view.articles[article_id]}\0{article.model_dump_json()}")


def shared_inputs(project: Project, view: LocalizedContent, lang: Language, base_url: str) -> str:
    """`shared_digest` of the language: its view and the renderer's other inputs."""
    catalog = theme.theme_po_path(project.locales_dir, lang)
    ui = catalog.read_bytes() if catalog.is_file() else b""
    settings = [lang.code, project.site_name, base_url, project.source.code, hashlib.sha256(ui).hexdigest()]
    return shared_digest(view, settings)


def current_pages(docs: Path, last: PageMemo, now: PageMemo, linker: Linker) -> dict[str, Page]:
    """The pages in `docs` rendered from the same inputs as now, by path (`kbgen.site.page_memo`)."""
    if not last.shared or last.shared != now.shared:
        return {}
    changed = {linker.target(f"article:{a}") for a, key in now.articles.items() if last.articles.get(a) != key}
    current = {}
    for path, digest in last.pages.items():
        if path in changed:
            continue
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = (docs / path).read_text(encoding="utf-8")
            if text_digest(text) == digest:
                current[path] = Page.of(path, text)
    return current
