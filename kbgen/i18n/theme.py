"""UI-string catalogs: `locales/theme.pot` and `locales/<locale>/LC_MESSAGES/theme.po`.

The strings are the help center's own words (buttons, banners, headings):
`_()` calls in kbgen's page templates and `N_()` marks in `kbgen/site/ui.py`,
extracted with Babel from the site package's source files.
"""

from __future__ import annotations

import io
import re
from functools import cache, lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations

from kbgen.i18n import catalogs
from kbgen.i18n.uiqa import drop_failing
from kbgen.languages import Language
from kbgen.memo import Memo

SITE_SOURCES = Path(__file__).parent.parent / "site"
THEME_DOMAIN = "theme"
COMMENT_TAG = "L10N:"
_LIMIT = re.compile(r"at most (\d+) characters")

_METHODS = [("templates/**.j2", "jinja2.ext:babel_extract"), ("**.py", "python")]
_OPTIONS = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}


def theme_template(project_name: str) -> Catalog:
    """Every UI string kbgen shows, extracted from its own templates and code.

    `L10N:` comments next to a string say where it appears and, as "at most
    N characters", how long it may be (see `length_limit`). The limit stays in
    the comment: gettext tools drop flags they do not know.
    """
    catalog = catalogs.new_catalog(None, project_name, THEME_DOMAIN)
    for filename, message, comments in _extracted():
        location = catalogs.file_location(f"kbgen/site/{filename}")
        entry = catalog.get(message) or catalog.add(message)
        entry.locations += [location] if location not in entry.locations else []
        entry.auto_comments += [c for c in comments if c not in entry.auto_comments]
    # The help center's own name (site_name in mkdocs.yml) is a UI string of this project too.
    name = catalog.get(project_name) or catalog.add(project_name)
    name.locations += [catalogs.file_location("mkdocs.yml")]
    name.auto_comments += [
        "The help center's name (site_name in mkdocs.yml): header, browser tab, search "
        "engines; keep the brand name as the brand writes it"
    ]
    return catalog


@cache
def _extracted() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Each UI string in kbgen's site sources, in order: (file, string, comments).

    Babel tokenizes every source file to find them: about 0.3 s, which a
    process pays once (kbgen's files are fixed for a process, as in
    `toolchain_digest`; a test run updates catalogs over a hundred times).
    """
    found = extract_from_dir(
        str(SITE_SOURCES),
        method_map=_METHODS,
        options_map=_OPTIONS,
        keywords={"_": None, "N_": None, "gettext": None},
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
    )
    return tuple(
        (filename, message, tuple(comments))
        for filename, _lineno, message, comments, _context in sorted(found, key=lambda f: (f[0], f[1]))
        if isinstance(message, str)
    )


def length_limit(message: Message) -> int | None:
    """The most characters a UI string's translation may have, where its comments set a limit."""
    limits = [int(n) for comment in message.auto_comments for n in _LIMIT.findall(comment)]
    return min(limits) if limits else None


def theme_po_path(locales_dir: Path, lang: Language) -> Path:
    return locales_dir / lang.babel / "LC_MESSAGES" / f"{THEME_DOMAIN}.po"


def merge_theme(old: Catalog | None, template: Catalog, lang: Language, project_name: str) -> Catalog:
    """Babel's own update: UI strings are few, so its fuzzy matching is cheap here."""
    catalog = old or catalogs.new_catalog(lang.babel, project_name, THEME_DOMAIN)
    catalog.update(template, update_header_comment=False)
    catalog.obsolete.clear()  # kbgen's UI strings come back with kbgen; no memory needed
    catalog.creation_date = catalogs.FIXED_DATE  # the revision date is the translator's
    return catalog


def translations(locales_dir: Path, lang: Language) -> NullTranslations:
    """The reviewed UI translations of a language (English where there are none).

    A language build asks for them for its pages, its feeds and its redirect
    pages; they are made once per catalog text (and kept for the next build
    of a preview).
    """
    path = theme_po_path(locales_dir, lang)
    if not path.exists():
        return NullTranslations()
    return _reviewed(catalogs.checked_bytes(path, str(path)), lang.babel, str(path))


@lru_cache(maxsize=32)
def _reviewed(data: bytes, locale: str, shown: str) -> Translations:
    """Translations are only read (gettext): one object serves every caller."""
    catalog = catalogs.parse(data, locale, shown, THEME_DOMAIN)
    drop_failing(catalog)  # reported by `kbgen check` / `i18n qa`; the page shows English
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def ui_statuses(
    locales_dir: Path, lang: Language, project_name: str = "Help Center", memo: Memo | None = None
) -> dict[str, str]:
    """Each UI string's status in `lang` against kbgen's current strings (a language without theme.po: all missing).

    Only reviewed strings reach the site (drafts and fuzzy ones show English).
    `memo`: results kept by the catalog's text (kbgen's strings are in the memo's salt).
    """
    path = theme_po_path(locales_dir, lang)
    data = catalogs.checked_bytes(path, str(path)) if path.exists() else None

    def compute() -> dict[str, str]:
        return dict(_statuses(data, lang, project_name, str(path)))

    if memo is None or data is None:
        return compute()
    return memo(f"{lang.code}\0{lang.babel}\0{project_name}\0{data.decode('utf-8', 'surrogateescape')}", compute)


@lru_cache(maxsize=64)
def _statuses(data: bytes | None, lang: Language, project_name: str, shown: str) -> tuple[tuple[str, str], ...]:
    """Each UI string's status, once per catalog text in a process (`check`, `stale` and the dashboard ask)."""
    old = catalogs.parse(data, lang.babel, shown, THEME_DOMAIN) if data is not None else None
    merged = merge_theme(old, theme_template(project_name), lang, project_name)
    return tuple((catalogs.singular(m.id), catalogs.status_of(m)) for m in merged if m.id)
