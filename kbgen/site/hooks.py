"""MkDocs hooks loaded by every kbgen language build.

The last line of defence for safe output: whatever Markdown produced from
content or translations, the page body keeps only harmless HTML (no script,
no event handler, no javascript: URL). The theme's own templates are not
touched; they are kbgen's code, not content.
"""

from __future__ import annotations

import re
from pathlib import Path

import nh3
from jinja2 import pass_eval_context
from markupsafe import Markup

from kbgen.site import compiled, render_cache, theme_files

_TAGS = set(nh3.ALLOWED_TAGS) | {
    "details",
    "summary",
    "nav",
    "section",
    "figure",
    "figcaption",
    "svg",
    "path",
    "g",
    "mark",
    "kbd",
}
_ATTRIBUTES: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES.setdefault("*", set()).update({"class", "id", "title", "lang", "dir"})
# How much search weighs a part of a page (title, keywords, summary): a number Pagefind reads, nothing runs.
_ATTRIBUTES["*"].add("data-pagefind-weight")
_ATTRIBUTES.setdefault("a", set()).update({"href", "title"})
_ATTRIBUTES.setdefault("details", set()).add("open")
_ATTRIBUTES.setdefault("abbr", set()).add("tabindex")  # glossary marks: reachable by keyboard
# Contact hours (site/hours.py): UTC times as data, which kbgen.js shows in the reader's time zone.
_ATTRIBUTES.setdefault("time", set()).add("datetime")
_ATTRIBUTES.setdefault("span", set()).update({"data-kb-days", "data-kb-opens", "data-kb-closes", "data-kb-local"})
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


def on_config(config):
    # Conversions are shared by every language.
    render_cache.install(_build_dir(config) / render_cache.CACHE_DIR, config)
    theme_files.install(config.theme)  # Material's icons are not listed for every language
    return config


def _build_dir(config) -> Path:
    """Generated configs live in <build_dir>/<lang>/."""
    return Path(config.config_file_path).parent.parent


def on_env(env, config, files):
    """Every `{{ value }}` in Material's templates and kbgen's overrides is HTML-escaped.

    MkDocs creates its Jinja environment without autoescaping and Material
    prints navigation titles, page titles, `<meta name="description">` and
    site_name raw: a title with markup, or a `"` that closes an attribute,
    would run in the reader's browser. With autoescaping on, only values
    marked safe (the sanitized page body, table-of-contents titles, kbgen's
    rendered notices) are printed as HTML.
    """
    env.autoescape = True
    env.filters["tojson"] = _script_json(env.filters["tojson"])
    # Every language build compiles the same templates: once is enough (salted with these settings).
    env.bytecode_cache = compiled.on_disk(_build_dir(config) / compiled.CACHE_DIR, env)
    return env


def _script_json(tojson):
    """Jinja's `tojson` escapes <, >, & and ' so that JSON inside `<script>` cannot close it;
    U+2028 and U+2029 are escaped too, since older JavaScript parsers end a string at them."""

    @pass_eval_context
    def escaped(eval_ctx, value, indent=None):
        text = str(tojson(eval_ctx, value, indent))
        return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))

    return escaped


def on_page_content(html: str, page, config, files) -> str:
    # Heading permalinks (¶) are navigation, not text: keep them out of search results.
    html = _SUMMARY.sub(_without_permalinks, sanitize(html))
    return html.replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore')


# A FAQ question is a heading inside <summary>: the summary is the control, and a link
# inside it would be a control inside a control (screen readers and keyboards get only one).
_SUMMARY = re.compile(r"<summary>.*?</summary>", re.S)
_PERMALINK = re.compile(r'<a class="headerlink" [^>]*>[^<]*</a>')


def _without_permalinks(match: re.Match) -> str:
    return _PERMALINK.sub("", match.group(0))


def on_page_context(context, page, config, nav):
    """Mark the sanitized body and the table of contents as HTML, right before the page is rendered.

    Done here rather than when sanitizing: a plugin that handles the content
    in between (the search plugin, for one) may turn it back into a plain str.
    """
    page.content = Markup(page.content or "")
    # Table-of-contents titles are heading text as HTML (entities kept); keep them HTML, tag-free.
    for item in _toc_items(page.toc):
        item.title = Markup(nh3.clean(str(item.title), tags=set()))
    return context


def _toc_items(items):
    for item in items or ():
        yield item
        yield from _toc_items(item.children)


_HTML_LANG = re.compile(r'<html lang="[^"]*"')
# Material links each language's home page as an alternate; kbgen's theme links
# the same page in every language (with hreflang and x-default) instead.
# The look-behind makes a match start only where a whitespace run starts: a bare leading
# `\s*` would be tried at every position of every run, and cost grows with the page.
_MATERIAL_ALTERNATE = re.compile(r'(?<!\s)\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, page, config) -> str:
    return _without_blank_lines(_exact_language(output, config))


def on_post_template(output: str, template_name: str, config) -> str:
    """The same for pages built from a template alone, such as 404.html."""
    return _without_blank_lines(_exact_language(output, config)) if template_name.endswith(".html") else output


# Where whitespace is shown as written: kept as it is.
_AS_WRITTEN = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def _without_blank_lines(output: str) -> str:
    """The page without the blank lines Material's template loops leave (about a seventh of a page).

    A page shows no difference: a run of whitespace between tags stays
    whitespace. It also makes a page's HTML independent of how many entries
    a section it shows as one link has (a loop over them wrote one blank
    line each), so a new article re-renders only the pages that show its
    section open (`kbgen.site.page_views`).
    """
    parts = _AS_WRITTEN.split(output)  # odd indexes: what the pattern captured
    return "".join(part if number % 2 else _BLANK_LINES.sub("\n", part) for number, part in enumerate(parts))


def _exact_language(output: str, config) -> str:
    """Material derives `<html lang>` from its own language code (pt-BR -> pt, zh-Hans -> zh);
    readers, search engines and Pagefind need the exact BCP 47 tag."""
    language = config.extra.get("kbgen_language") or {}
    if "html" not in language:
        return output
    output = _MATERIAL_ALTERNATE.sub("", output)
    return _HTML_LANG.sub(f'<html lang="{language["html"]}" dir="{language["direction"]}"', output, count=1)


def on_files(files, config):
    for file in theme_files.unused(files, config):
        files.remove(file)
    return files
