"""`kbgen i18n update`: extract the source segments and merge every language's catalog."""

from __future__ import annotations

import logging
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from kbgen.config import Project
from kbgen.errors import Problem
from kbgen.content.model import Content
from kbgen.i18n import catalogs
from kbgen.i18n.catalogs import SourceUnit, UpdateStats
from kbgen.languages import Language
from kbgen.vocabulary import ENTRY_STATUSES
from kbgen.i18n.segments import segment_content
from kbgen.i18n import theme as ui

log = logging.getLogger("kbgen.i18n")

POT_NAME = "content.pot"
THEME_POT_NAME = "theme.pot"


@dataclass(frozen=True)
class LanguageUpdate:
    lang: Language
    stats: UpdateStats
    written: bool


def source_units(content: Content) -> tuple[SourceUnit, ...]:
    return tuple(SourceUnit(s.context, s.source, s.file) for s in segment_content(content))


def po_path(project: Project, lang: Language) -> Path:
    return project.locales_dir / lang.babel / "LC_MESSAGES" / "content.po"


def merged_catalog(project: Project, lang: Language, units: tuple[SourceUnit, ...]) -> Catalog:
    """The language's catalog merged with the current source in memory, as an update would write it.

    Cached on the PO file's state and the source, since one build asks for it
    twice per language (the site, then the dashboard). Callers must not modify it.
    """
    path = po_path(project, lang)
    stamp = (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None
    return _merged(path, project.shown(path), stamp, lang, units)


@lru_cache(maxsize=32)
def _merged(path: Path, shown: str, stamp, lang: Language, units: tuple[SourceUnit, ...]) -> Catalog:
    old = catalogs.read(path, lang.babel, shown) if stamp is not None else None
    merged, _ = catalogs.merge(old, list(units), lang, "kbgen")
    return merged


def load_catalog(project: Project, lang: Language) -> Catalog | None:
    path = po_path(project, lang)
    if not path.exists():
        return None
    return catalogs.read(path, lang.babel, project.shown(path))


def _load_theme(project: Project, lang: Language) -> Catalog | None:
    path = ui.theme_po_path(project.locales_dir, lang)
    return catalogs.read(path, lang.babel, project.shown(path), ui.THEME_DOMAIN) if path.exists() else None


def update_catalogs(project: Project, content: Content, languages: list[Language] | None = None,
                    minor: frozenset[str] = frozenset()) -> list[LanguageUpdate]:
    """Write the template and merge each language's catalog; return what changed.

    Every catalog is read before any is written, so a broken PO file stops
    the run with nothing half-updated.
    """
    languages = languages or project.targets
    units = source_units(content)
    name = project.site_name
    old = {lang.code: load_catalog(project, lang) for lang in languages}
    old_theme = {lang.code: _load_theme(project, lang) for lang in languages}
    catalogs.write(project.locales_dir / POT_NAME, catalogs.template(units, name))
    theme_template = ui.theme_template(name)
    catalogs.write(project.locales_dir / THEME_POT_NAME, theme_template)
    results = []
    for lang in languages:
        merged, stats = catalogs.merge(old[lang.code], units, lang, name, minor)
        path = po_path(project, lang)
        written = catalogs.write(path, merged)
        theme = ui.merge_theme(old_theme[lang.code], theme_template, lang, name)
        written = catalogs.write(ui.theme_po_path(project.locales_dir, lang), theme) or written
        log.info("%s: %d new, %d outdated, %d kept, %d from memory, %d untranslated", lang.code, stats.new,
                 stats.outdated, stats.kept, stats.reused, stats.untranslated)
        results.append(LanguageUpdate(lang, stats, written))
    return results


def required_terms(content: Content, lang: Language) -> list[tuple[str, str]]:
    return [(t.term, t.translations[lang.code]) for t in content.glossary.values() if lang.code in t.translations]


def qa_problems(project: Project, content: Content, languages: list[Language] | None = None,
                cosmetic: bool = True) -> list[Problem]:
    """QA failures of every translation in every catalog, as problems at the PO line.

    Critical failures are errors (that translation is not published); the
    others are warnings. `kbgen check` leaves cosmetic ones to `kbgen i18n qa`:
    "Live chat" may well be right in Indonesian, and CI must not block on it.
    """
    from kbgen.i18n.qa import Unit, run_checks

    terms = content.keep_terms()
    problems = []
    for lang in languages or project.targets:
        catalog = load_catalog(project, lang)
        if catalog is None:
            continue
        shown = project.shown(po_path(project, lang))
        required = required_terms(content, lang)
        for message in catalog:
            if not message.id or not message.string:
                continue
            # An outdated translation is checked against the source it was translated from.
            source = message.previous_id[0] if catalogs.status_of(message) == "outdated" else message.id
            unit = Unit(message.context, source, message.string, lang.code, terms, required)
            for failure in run_checks(unit):
                if failure.severity == "cosmetic" and not cosmetic:
                    continue
                severity = "error" if failure.severity == "critical" else "warning"
                text = f"[{failure.severity}] {failure.check}: {failure.message}"
                problems.append(Problem(shown, message.lineno, text, key=message.context, severity=severity))
    return problems


def status_counts(catalog: Catalog) -> dict[str, int]:
    counts = dict.fromkeys(ENTRY_STATUSES, 0)
    for message in catalog:
        if message.id:
            counts[catalogs.status_of(message)] += 1
    return counts
