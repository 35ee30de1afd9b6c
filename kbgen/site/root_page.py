"""The site's root page: sends a visitor to their browser's language, or lets them choose."""

from __future__ import annotations

import json
from html import escape
from urllib.parse import urlsplit

from kbgen.config import Project
from kbgen.languages import Language

# The page body both root pages share: a heading and a list of links to every language.
_LINKS_BODY = """<body>
<main>
<h1>{title}</h1>
<ul class="languages">
{links}
</ul>
</main>
</body>
</html>
"""

# The chooser's look: one card per language, its own name in its own script; light and dark,
# both with AA contrast; no web fonts (the build is offline).
_STYLE = """<style>
:root {{ color-scheme: light dark; --bg: #f5f6fb; --fg: #1b1d29; --card: #fff; --border: #c5cbef; --link: #303fa1; }}
@media (prefers-color-scheme: dark) {{
  :root {{ --bg: #1e2129; --fg: #e3e5ec; --card: #262b45; --border: #3e4675; --link: #c3cbff; }}
}}
body {{ margin: 0; font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif; background: var(--bg); color: var(--fg); }}
main {{ max-width: 56rem; margin: 0 auto; padding: 3rem 1rem; }}
h1 {{ margin: 0 0 2rem; font-size: 1.8rem; text-align: center; }}
.languages {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .75rem; margin: 0; padding: 0; list-style: none; }}
.languages a {{ display: block; padding: 1rem 1.1rem; border: 1px solid var(--border); border-radius: .5rem; background: var(--card);
  color: var(--link); font-size: 1.1rem; font-weight: 600; text-decoration: none; }}
.languages a:hover, .languages a:focus-visible {{ outline: 3px solid var(--link); outline-offset: 2px; }}
</style>
"""

_TEMPLATE = (
    """<!doctype html>
<html lang="{source_html}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="{source_code}/assets/images/favicon.png">
{alternates}
<script>
(function () {{
  var available = {available};
  var fallback = {fallback};
  function pick(tags) {{
    for (var i = 0; i < tags.length; i++) {{
      var tag = tags[i].toLowerCase();
      for (var j = 0; j < available.length; j++) {{
        if (available[j].toLowerCase() === tag) return available[j];
      }}
      var base = tag.split("-")[0];
      if (base === "zh") return /hant|tw|hk|mo/.test(tag) ? pick(["zh-Hant"]) : pick(["zh-Hans"]);
      for (var k = 0; k < available.length; k++) {{
        if (available[k].toLowerCase().split("-")[0] === base) return available[k];
      }}
    }}
    return null;
  }}
  var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  var chosen = pick(tags) || fallback;
  if (!/[?&]choose/.test(location.search)) location.replace(chosen + "/" + location.hash);
}})();
</script>
"""
    + _STYLE
    + """</head>
"""
    + _LINKS_BODY
)


_NOT_FOUND = (
    """<!doctype html>
<html lang="{source_html}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<script>
(function () {{
  // A static host (GitHub Pages) answers every missing URL with this page: send the
  // reader to the 404 page of the language in the URL, else of their browser.
  var base = {base};
  var available = {available};
  var fallback = {fallback};
  function match(tag) {{
    tag = String(tag || "").toLowerCase();
    for (var i = 0; i < available.length; i++) if (available[i].toLowerCase() === tag) return available[i];
    var primary = tag.split("-")[0];
    if (primary === "zh") return match(/hant|tw|hk|mo/.test(tag) ? "zh-Hant" : "zh-Hans");
    for (var j = 0; j < available.length; j++) if (available[j].toLowerCase().split("-")[0] === primary) return available[j];
    return null;
  }}
  var path = location.pathname.indexOf(base) === 0 ? location.pathname.slice(base.length) : "";
  var first = path.split("/")[0];
  var chosen = null;
  for (var i = 0; i < available.length; i++) if (available[i] === first) chosen = first;
  var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (var k = 0; !chosen && k < tags.length; k++) chosen = match(tags[k]);
  location.replace(base + (chosen || fallback) + "/404.html");
}})();
</script>
"""
    + _STYLE
    + """</head>
"""
    + _LINKS_BODY
)


def not_found(project: Project, languages: list[Language]) -> str:
    """The root 404.html: a static host serves it for any missing URL; it forwards to the right language's 404."""
    base = urlsplit(project.site_url or "/").path or "/"
    links = "\n".join(
        f'<li><a href="{escape(base)}{lang.code}/" hreflang="{lang.html}" lang="{lang.html}" dir="{lang.direction}">'
        f"{escape(lang.name)}</a></li>"
        for lang in languages
    )
    return _NOT_FOUND.format(
        source_html=project.source.html,
        title="404",
        base=json.dumps(base),
        available=json.dumps([lang.code for lang in languages]),
        fallback=json.dumps(project.source.code),
        links=links,
    )


def sitemap_index(project: Project, languages: list[Language]) -> str:
    """The root sitemap: an index of every language's sitemap."""
    site_url = project.site_url or "/"
    entries = "".join(
        f"  <sitemap><loc>{escape(site_url)}{lang.code}/sitemap.xml</loc></sitemap>\n" for lang in languages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</sitemapindex>\n"
    )


def render(project: Project, languages: list[Language]) -> str:
    title = escape(project.site_name)
    links = "\n".join(
        f'<li><a href="{lang.code}/" hreflang="{lang.html}" lang="{lang.html}" dir="{lang.direction}">{escape(lang.name)}</a></li>'
        for lang in languages
    )
    alternates = "\n".join(f'<link rel="alternate" hreflang="{lang.html}" href="{lang.code}/">' for lang in languages)
    return _TEMPLATE.format(
        source_html=project.source.html,
        source_code=project.source.code,
        title=title,
        alternates=alternates,
        available=json.dumps([lang.code for lang in languages]),
        fallback=json.dumps(project.source.code),
        links=links,
    )
