"""MkDocs hooks loaded by every kbgen language build.

The last line of defence for safe output: whatever Markdown produced from
content or translations, the page body keeps only harmless HTML (no script,
no event handler, no javascript: URL). The theme's own templates are not
touched; they are kbgen's code, not content.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nh3

_TAGS = set(nh3.ALLOWED_TAGS) | {
    "details", "summary", "nav", "section", "figure", "figcaption", "svg", "path", "g", "mark", "kbd",
}
_ATTRIBUTES: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES.setdefault("*", set()).update({"class", "id", "title", "lang", "dir"})
# How much search weighs a part of a page (title, keywords, summary): a number Pagefind reads, nothing runs.
_ATTRIBUTES["*"].add("data-pagefind-weight")
_ATTRIBUTES.setdefault("a", set()).update({"href", "title"})
_ATTRIBUTES.setdefault("details", set()).add("open")
_ATTRIBUTES.setdefault("svg", set()).update({"xmlns", "viewbox", "width", "height", "fill"})
_ATTRIBUTES.setdefault("path", set()).update({"d", "fill"})
for cell in ("th", "td"):
    _ATTRIBUTES.setdefault(cell, set()).add("style")


def sanitize(html: str) -> str:
    """Keep only harmless HTML."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


def on_page_content(html: str, page, config, files) -> str:  # noqa: ANN001 - MkDocs hook signature
    # Heading permalinks (¶) are navigation, not text: keep them out of search results.
    return sanitize(html).replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore')


_HTML_LANG = re.compile(r'<html lang="[^"]*"')
# Material links each language's home page as an alternate; kbgen's theme links
# the same page in every language (with hreflang and x-default) instead.
_MATERIAL_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, page, config) -> str:  # noqa: ANN001 - MkDocs hook signature
    return _exact_language(output, config)


def on_post_template(output: str, template_name: str, config) -> str:  # noqa: ANN001 - MkDocs hook signature
    """The same for pages built from a template alone, such as 404.html."""
    return _exact_language(output, config) if template_name.endswith(".html") else output


def _exact_language(output: str, config) -> str:  # noqa: ANN001
    """Material derives `<html lang>` from its own language code (pt-BR -> pt, zh-Hans -> zh);
    readers, search engines and Pagefind need the exact BCP 47 tag."""
    language = config.extra.get("kbgen_language") or {}
    if "html" not in language:
        return output
    output = _MATERIAL_ALTERNATE.sub("", output)
    return _HTML_LANG.sub(f'<html lang="{language["html"]}" dir="{language["direction"]}"', output, count=1)


def on_post_build(config) -> None:  # noqa: ANN001 - MkDocs hook signature
    """Material writes its search index with every non-ASCII character as a \\u escape (six
    bytes for one CJK character); written as UTF-8 it is about half the size to download."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
