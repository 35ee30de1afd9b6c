"""Notices as the theme shows them: current ones only, text rendered safely."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from markdown_it import MarkdownIt

from kbgen.content.model import Content
from kbgen.languages import Language
from kbgen.site.pages import Linker

# Links in a notice are written relative to the language root; the theme
# prefixes this marker with the page's base URL, since the banner is on every page.
BASE_MARKER = "kbgen-base:"


@lru_cache(maxsize=1)
def _inline() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def notice_entries(content: Content, lang: Language, now: datetime, strings: dict[str, str]) -> list[dict]:
    """The notices to show in `lang`: not yet ended, newest first."""
    linker = Linker(content)
    entries = []
    for notice in sorted(content.notices.values(), key=lambda n: (n.start, n.id), reverse=True):
        if notice.end <= now or (notice.languages and lang.code not in notice.languages):
            continue
        text = linker.rewrite("index.md", notice.text, to_url=lambda ref: BASE_MARKER + linker.url(ref))
        entry = {
            "id": notice.id,
            "kind": notice.kind,
            "label": strings[f"notice_{notice.kind}"],
            "severity": notice.severity,
            "html": _inline().renderInline(text),
            "start": notice.start.isoformat(),
            "end": notice.end.isoformat(),
        }
        if notice.link and "<a " not in entry["html"]:  # no second link when the text has one
            entry["link"] = BASE_MARKER + linker.url(f"article:{notice.link}")
        entries.append(entry)
    return entries

