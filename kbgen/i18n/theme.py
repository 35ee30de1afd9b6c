"""UI-string catalogs: `locales/theme.pot` and `locales/<locale>/LC_MESSAGES/theme.po`.

The strings are the help center's own words (buttons, banners, headings):
`_()` calls in kbgen's page templates and `N_()` marks in `kbgen/site/ui.py`,
extracted with Babel from the site package's source files.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations

from kbgen.i18n import catalogs
from kbgen.i18n.uiqa import drop_failing
from kbgen.languages import Language

SITE_SOURCES = Path(__file__).parent.parent / "site"
THEME_DOMAIN = "theme"

_METHODS = [("templates/**.j2", "jinja2.ext:babel_extract"), ("**.py", "python")]
_OPTIONS = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}


def theme_template(project_name: str) -> Catalog:
    """Every UI string kbgen shows, extracted from its own templates and code."""
    catalog = catalogs.new_catalog(None, project_name, THEME_DOMAIN)
    found = extract_from_dir(str(SITE_SOURCES), method_map=_METHODS, options_map=_OPTIONS,
                             keywords={"_": None, "N_": None, "gettext": None})
    for filename, _lineno, message, _comments, _context in sorted(found, key=lambda f: (f[0], f[1])):
        if isinstance(message, str) and message not in catalog:
            catalog.add(message, locations=[(f"kbgen/site/{filename}", None)])
    return catalog


def theme_po_path(locales_dir: Path, lang: Language) -> Path:
    return locales_dir / lang.babel / "LC_MESSAGES" / f"{THEME_DOMAIN}.po"


def merge_theme(old: Catalog | None, template: Catalog, lang: Language, project_name: str) -> Catalog:
    """Babel's own update: UI strings are few, so its fuzzy matching is cheap here."""
    catalog = old or catalogs.new_catalog(lang.babel, project_name, THEME_DOMAIN)
    catalog.update(template, update_header_comment=False)
    catalog.obsolete.clear()  # kbgen's UI strings come back with kbgen; no memory needed
    catalog.creation_date = catalog.revision_date = catalogs.FIXED_DATE
    return catalog


def translations(locales_dir: Path, lang: Language) -> NullTranslations:
    """The reviewed UI translations of a language (English where there are none)."""
    path = theme_po_path(locales_dir, lang)
    if not path.exists():
        return NullTranslations()
    catalog = catalogs.read(path, lang.babel, str(path), THEME_DOMAIN)
    drop_failing(catalog)  # reported by `kbgen check` / `i18n qa`; the page shows English
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)
