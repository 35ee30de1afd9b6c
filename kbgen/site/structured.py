"""schema.org structured data (JSON-LD) for the pages, as plain data.

Search engines read it to show rich results: `Article` for every article,
`HowTo` for an article whose body has numbered steps, `BreadcrumbList` for
every page in a category, `FAQPage` for the FAQ pages. Values are plain
text (no markup); the theme prints them with `tojson`, which escapes `<`,
`>`, `&`, `'` and U+2028/U+2029, so a title cannot close the `<script>`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import date
from html import unescape
from pathlib import Path

from markdown_it import MarkdownIt

from kbgen.fsutil import read_cache, write_if_changed
from kbgen.site.localize import MARKERS
from kbgen.toolchain import toolchain_digest

_PLAIN = MarkdownIt("commonmark", {"html": False})
_NO_MARKERS = str.maketrans("", "", MARKERS)
CONTEXT = "https://schema.org"


def plain_text(markdown_text: str) -> str:
    """The text a reader sees, without markup (for tooltips and structured data)."""
    html = _PLAIN.render(markdown_text.translate(_NO_MARKERS))
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip().replace(" .", ".").replace(" ,", ",")


def steps(markdown_text: str) -> list[str]:
    """The items of the body's first top-level numbered list of two or more items, as plain text.

    Remembered by the text's digest within a process (a body shown in
    English is the same in every language a worker builds) and, inside
    `steps_remembered`, across builds.
    """
    key = hashlib.blake2b(markdown_text.encode(), digest_size=16).hexdigest()
    found = _STEPS.get(key)
    if found is None:
        if len(_STEPS) >= _MAX_STEPS:
            _STEPS.clear()
        found = _STEPS[key] = _steps(markdown_text)
    _STEPS_USED[key] = found
    return list(found)


_MAX_STEPS = 50_000
_STEPS: dict[str, list[str]] = {}  # steps() by text digest, in this process
_STEPS_USED: dict[str, list[str]] = {}  # those asked for since `steps_remembered` began


@contextlib.contextmanager
def steps_remembered(path: Path, keep: bool = False) -> Iterator[None]:
    """Take the steps of texts an earlier build saw from `path`; afterwards keep there those asked for now
    (and, with `keep`, those stored before: pages kept from that build ask for none; an edited text's
    old steps stay among them until the file holds `_MAX_STEPS`, then only those asked for are kept)."""
    salt = toolchain_digest()
    stored = read_cache(path, salt).get("steps")
    stored = {k: v for k, v in stored.items() if isinstance(v, list)} if isinstance(stored, dict) else {}
    _STEPS.update(stored)
    _STEPS_USED.clear()
    yield
    kept = {**stored, **_STEPS_USED} if keep and len(stored) < _MAX_STEPS else _STEPS_USED
    data = {"salt": salt, "steps": dict(sorted(kept.items()))}
    write_if_changed(path, json.dumps(data, ensure_ascii=False), durable=False)


def _steps(markdown_text: str) -> list[str]:
    tokens = _PLAIN.parse(markdown_text.translate(_NO_MARKERS))
    for index, token in enumerate(tokens):
        if token.type != "ordered_list_open" or token.level != 0:
            continue
        items: list[list[str]] = []  # each item's inline texts
        depth = 0
        for inner in tokens[index + 1 :]:
            if inner.type == "ordered_list_close" and depth == 0:
                break
            if inner.type.endswith("_list_open"):
                depth += 1
            elif inner.type.endswith("_list_close"):
                depth -= 1
            elif inner.type == "list_item_open" and depth == 0:
                items.append([])
            elif inner.type == "inline" and items and depth == 0:
                items[-1].append(inner.content)
        texts = [plain_text(" ".join(parts)) for parts in items]
        if len(texts) >= 2:
            return texts
    return []


def article_jsonld(title: str, summary: str, modified: date, lang: str, url: str) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": title,
        "description": summary,
        "dateModified": modified.isoformat(),
        "inLanguage": lang,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }


def howto_jsonld(title: str, summary: str, texts: list[str], lang: str) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "HowTo",
        "name": title,
        "description": summary,
        "inLanguage": lang,
        "step": [{"@type": "HowToStep", "position": n, "text": text} for n, text in enumerate(texts, start=1)],
    }


def breadcrumb_jsonld(trail: list[tuple[str, str]]) -> dict:
    """`trail`: (name, URL) from the home page to this page."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def faq_jsonld(faqs) -> dict:
    """schema.org FAQPage data for a FAQ page (search engines show it as rich results)."""
    return {
        "@context": CONTEXT,
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(faq.answer)},
            }
            for faq in faqs
        ],
    }
