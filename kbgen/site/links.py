"""Page paths and links between pages: references (`article:id`, `faq:id`, ...) as relative `.md` paths.

MkDocs checks every such link in `--strict` builds.
"""

from __future__ import annotations

import functools
import posixpath
import re

from kbgen.content.model import Content
from kbgen.content.refs import parse_ref

HOME = "index.md"
GLOSSARY = "glossary.md"
CONTACT = "contact.md"
SEARCH = "search.md"


def category_path(category_id: str) -> str:
    return f"{category_id}/index.md"


def faq_page_path(category_id: str) -> str:
    return f"{category_id}/faq.md"


class Linker:
    """Turns references (`article:id`, `faq:id`, ...) into relative page paths."""

    def __init__(self, content: Content):
        self.content = content

    def target(self, ref_text: str) -> str:
        if ref_text.startswith("category:"):  # kbgen's own pages link categories; content does not
            return category_path(ref_text.split(":", 1)[1])
        ref = parse_ref(ref_text)
        if ref is None:
            raise ValueError(f"not a reference: {ref_text}")
        anchor = ref.anchor
        if ref.kind == "article":
            path = f"{self.content.articles[ref.id].category}/{ref.id}.md"
        elif ref.kind == "faq":  # a FAQ and a term are anchors on a shared page
            path, anchor = faq_page_path(self.content.faqs[ref.id].category), anchor or ref.id
        elif ref.kind == "glossary":
            path, anchor = GLOSSARY, anchor or ref.id
        else:
            path = {"contact": CONTACT, "glossary": GLOSSARY, "home": HOME}[ref.id]
        return path + (f"#{anchor}" if anchor else "")

    def link(self, here: str, ref_text: str) -> str:
        target = self.target(ref_text)
        path, _, anchor = target.partition("#")
        relative = _relative(path, posixpath.dirname(here) or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def url(self, ref_text: str) -> str:
        """The page URL relative to the language root (`a/b.md#x` -> `a/b/#x`), as MkDocs serves it."""
        path, _, anchor = self.target(ref_text).partition("#")
        return self.url_of_path(path) + (f"#{anchor}" if anchor else "")

    @staticmethod
    def url_of_path(path: str) -> str:
        """`a/b.md` -> `a/b/`, `a/index.md` -> `a/`, `index.md` -> ``."""
        path = path.removesuffix(".md")
        return path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"

    def rewrite(self, here: str, markdown_text: str, to_url=None) -> str:
        """Content Markdown with its references turned into relative links (or `to_url(ref)`)."""

        def replace(match: re.Match) -> str:
            ref = match.group(1)
            return f"]({to_url(ref) if to_url else self.link(here, ref)})"

        return _REF_LINK.sub(replace, markdown_text)


@functools.lru_cache(maxsize=65536)
def _relative(path: str, start: str) -> str:
    """`posixpath.relpath`, remembered: every language links the same pages from the same places, and
    relpath asks the system for the working directory twice per call (32,000 links in a one-article edit)."""
    return posixpath.relpath(path, start)


_REF_LINK = re.compile(r"\]\(((?:article|faq|glossary|page):[a-z0-9-]+(?:#[^)\s]*)?)\)")
