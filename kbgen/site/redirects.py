"""Redirect pages for old URLs: every alias (an id a record had before `kbgen mv`) in every language.

A static host cannot answer with an HTTP redirect, so each old URL gets a
small page: a meta refresh, a canonical link to the new page, a visible link
for readers without automatic redirects, and `noindex`. They are written
after MkDocs and are not pages of its site, so they are in no sitemap and no
search index (Pagefind indexes only pages marked `data-pagefind-body`).
A FAQ's alias is an extra anchor on its FAQ page instead (a URL fragment
never reaches a server).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from kbgen.config import Project
from kbgen.content.model import Content
from kbgen.fsutil import write_if_changed
from kbgen.i18n import theme
from kbgen.languages import Language
from kbgen.site import ui

_PAGE = """<!doctype html>
<html lang="{lang}" dir="{direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{canonical}">
<title>{title}</title>
</head>
<body data-pagefind-ignore="all">
<p>{moved} <a href="{target}">{title}</a></p>
</body>
</html>
"""


@dataclass(frozen=True)
class Redirect:
    old: str  # path under the language root, e.g. "security/support-never-asks/"
    new: str  # e.g. "security/what-support-never-asks/"
    title: str  # the new page's title, as the language shows it


def redirects(content: Content) -> list[Redirect]:
    """Every old URL and where it now is, relative to a language root, in a stable order."""
    found = []
    for article in content.articles.values():
        for alias in article.aliases:
            found.append(Redirect(f"{article.category}/{alias}/", f"{article.category}/{article.id}/", article.title))
    for category in content.categories.values():
        here = (f"{category.id}/", category.title)
        for alias in category.aliases:
            found.append(Redirect(f"{alias}/", *here))
            if content.faqs_in(category.id):
                found.append(Redirect(f"{alias}/faq/", f"{category.id}/faq/", *here[1:]))
            for article in content.articles_in(category.id):
                found.append(Redirect(f"{alias}/{article.id}/", f"{category.id}/{article.id}/", article.title))
    return sorted(found, key=lambda r: r.old)


def redirect_page(project: Project, lang: Language, redirect: Redirect, title: str, moved: str) -> str:
    site_url = project.site_url.rstrip("/")
    depth = redirect.old.count("/")
    target = "../" * depth + redirect.new
    return _PAGE.format(
        lang=lang.html,
        direction=lang.direction,
        target=escape(target),
        canonical=escape(f"{site_url}/{lang.code}/{redirect.new}"),
        title=escape(title),
        moved=escape(moved),
    )


def write_redirects(project: Project, view: Content, lang: Language, folder: Path) -> bool:
    """Every redirect page of a language (titles from `view`, the content as it shows them) into its
    built site `folder`; return whether a file changed."""
    moved = ui.theme_strings(theme.translations(project.locales_dir, lang))["page_moved"]
    changed = False
    for redirect in redirects(view):
        path = folder / redirect.old / "index.html"
        changed = (
            write_if_changed(path, redirect_page(project, lang, redirect, redirect.title, moved), durable=False)
            or changed
        )
    return changed
