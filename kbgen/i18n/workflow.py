"""`kbgen i18n update`: extract the source segments and merge every language's catalog."""

from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog

from kbgen.config import Project
from kbgen.content.model import Content
from kbgen.errors import ContentError, Problem, Severity
from kbgen.i18n import catalogs, postrict
from kbgen.i18n import theme as ui
from kbgen.i18n.catalogs import SourceUnit, UpdateStats
from kbgen.i18n.notes import segment_notes
from kbgen.i18n.segments import segment_content
from kbgen.languages import Language
from kbgen.scamtext import Declared
from kbgen.vocabulary import ENTRY_STATUSES, EntryStatus

log = logging.getLogger("kbgen.i18n")

POT_NAME = "content.pot"
THEME_POT_NAME = "theme.pot"


@dataclass(frozen=True)
class LanguageUpdate:
    lang: Language
    stats: UpdateStats
    written: bool


def source_units(content: Content) -> tuple[SourceUnit, ...]:
    """The segments as catalog entries, each with its note for translators (what and where)."""
    notes = segment_notes(content)
    return tuple(SourceUnit(s.context, s.source, s.file, notes.get(s.context)) for s in segment_content(content))


def po_path(project: Project, lang: Language) -> Path:
    return project.locales_dir / lang.babel / "LC_MESSAGES" / "content.po"


def merged_catalog(project: Project, lang: Language, units: tuple[SourceUnit, ...]) -> Catalog:
    """The language's catalog merged with the current source in memory, as an update would write it.

    The last one is kept, on the PO file's state and the source, for a caller
    that asks again (a build asks once per language: `i18n.entries` keeps what
    it needs, and a process keeping every language's catalog grew by hundreds
    of megabytes at a thousand articles). Callers must not modify it.
    """
    path = po_path(project, lang)
    stamp = _stamp(path)
    return _merged(path, project.shown(path), project.root, stamp, lang, units)


def _stamp(path: Path) -> tuple | None:
    """What identifies the catalog's state for the cache (None: there is none)."""
    if not _present(path):
        return None
    try:
        info = path.stat()
    except OSError:
        return ("unreadable",)  # a dangling link or a loop: reading it reports why
    return (info.st_mtime_ns, info.st_size)


def _present(path: Path) -> bool:
    """A catalog that exists, or a path that is there but broken (read to report why)."""
    return path.is_symlink() or path.exists()


@lru_cache(maxsize=1)
def _merged(path: Path, shown: str, root: Path, stamp, lang: Language, units: tuple[SourceUnit, ...]) -> Catalog:
    old = catalogs.read(path, lang.babel, shown, root=root) if stamp is not None else None
    merged, _ = catalogs.merge(old, list(units), lang, "kbgen")
    return merged


def load_catalog(project: Project, lang: Language) -> Catalog | None:
    path = po_path(project, lang)
    if not _present(path):
        return None
    return catalogs.read(path, lang.babel, project.shown(path), root=project.root)


def _load_theme(project: Project, lang: Language) -> Catalog | None:
    path = ui.theme_po_path(project.locales_dir, lang)
    return (
        catalogs.read(path, lang.babel, project.shown(path), ui.THEME_DOMAIN, project.root) if _present(path) else None
    )


def update_catalogs(
    project: Project,
    content: Content,
    languages: list[Language] | None = None,
    minor: frozenset[str] = frozenset(),
    relayout: bool = False,
) -> list[LanguageUpdate]:
    """Write the template and merge each language's catalog; return what changed.

    Every catalog is read before any is written, so a broken PO file stops
    the run with nothing half-updated. A catalog whose content is unchanged
    keeps its bytes, whatever tool laid it out last, unless `relayout` asks
    for kbgen's (gettext's) layout everywhere.
    """
    languages = languages or project.targets
    units = source_units(content)
    name = project.site_name
    postrict.load_clean(project.build_dir / postrict.RESULTS_FILE)  # what the last build found well formed
    old = {lang.code: load_catalog(project, lang) for lang in languages}
    old_theme = {lang.code: _load_theme(project, lang) for lang in languages}
    on_disk = (
        {}
        if relayout
        else {
            (lang.code, domain): catalogs.contents(catalog)
            for lang in languages
            for domain, catalog in (("content", old[lang.code]), ("theme", old_theme[lang.code]))
            if catalog is not None
        }
    )
    catalogs.write(project.locales_dir / POT_NAME, catalogs.template(units, name))
    theme_template = ui.theme_template(name)
    catalogs.write(project.locales_dir / THEME_POT_NAME, theme_template)
    results = []
    for lang in languages:
        merged, stats = catalogs.merge(old[lang.code], units, lang, name, minor)
        path = po_path(project, lang)
        written = catalogs.write(path, merged, on_disk.get((lang.code, "content")))
        theme = ui.merge_theme(old_theme[lang.code], theme_template, lang, name)
        written = (
            catalogs.write(ui.theme_po_path(project.locales_dir, lang), theme, on_disk.get((lang.code, "theme")))
            or written
        )
        log.info(
            "%s: %d new, %d outdated, %d kept, %d from memory, %d untranslated",
            lang.code,
            stats.new,
            stats.outdated,
            stats.kept,
            stats.reused,
            stats.untranslated,
        )
        results.append(LanguageUpdate(lang, stats, written))
    return results


def check_catalog_files(project: Project, languages: list[Language] | None = None) -> None:
    """Raise ContentError when any language's catalog cannot be read or is malformed.

    A build calls it before writing anything: a broken catalog found halfway
    through would leave some languages built and others not.
    """
    problems = []
    for lang in languages or project.targets:
        for path in (po_path(project, lang), ui.theme_po_path(project.locales_dir, lang)):
            if _present(path):
                problems += catalogs.file_problems(path, project.shown(path), project.root)
    if problems:
        raise ContentError(problems)


def required_terms(content: Content, lang: Language) -> list[tuple[str, str]]:
    return [(t.term, t.translations[lang.code]) for t in content.glossary.values() if lang.code in t.translations]


def qa_problems(
    project: Project,
    content: Content,
    languages: list[Language] | None = None,
    cosmetic: bool = True,
    keep_results: bool = False,
    jobs: int = 1,
) -> list[Problem]:
    """QA failures of every translation in every catalog, as problems at the PO line.

    Critical failures are errors (that translation is not published); the
    others are warnings. `kbgen check` leaves cosmetic ones to `kbgen i18n qa`:
    "Live chat" may well be right in Indonesian, and CI must not block on it.
    Results a build (or an earlier check) kept are read, not computed again;
    `keep_results`: keep this run's for the next (the build folder is kbgen's).
    `jobs`: languages checked at once, each in its own process (a check in a
    fresh clone, with nothing kept, checks every translation).
    """
    from kbgen.content.scamcheck import declared_contacts

    selected = languages or project.targets
    check = _LanguageQa(
        project,
        tuple(content.keep_terms()),
        declared_contacts(content, project.external_domains),
        {lang.code: tuple(required_terms(content, lang)) for lang in selected},
        cosmetic,
        keep_results,
    )
    workers = max(1, min(jobs, len(selected)))
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            found = list(pool.map(check, selected))
    else:
        found = [check(lang) for lang in selected]
    return [problem for problems in found for problem in problems]


@dataclass(frozen=True)
class _LanguageQa:
    """`qa_problems` of one language: what it reads of the content, small enough to send to a worker."""

    project: Project
    keep_terms: tuple[str, ...]
    contacts: Declared
    required: dict[str, tuple[tuple[str, str], ...]]  # by language code
    cosmetic: bool
    keep_results: bool

    def __call__(self, lang: Language) -> list[Problem]:
        from kbgen.i18n.qa import Unit
        from kbgen.i18n.qamemo import QA_CACHE, all_failures, qa_salt, read_memo, write_memo
        from kbgen.i18n.uiqa import ui_problems

        project, problems = self.project, []
        theme_catalog = _load_theme(project, lang)
        if theme_catalog is not None:
            problems += ui_problems(theme_catalog, project.shown(ui.theme_po_path(project.locales_dir, lang)))
        catalog = load_catalog(project, lang)
        if catalog is None:
            return problems
        shown = project.shown(po_path(project, lang))
        kept, salt = project.build_dir / lang.code / QA_CACHE, qa_salt(lang.code, self.keep_terms, self.contacts)
        memo = read_memo(kept, salt)
        known = len(memo)
        for message in catalog:
            if not message.id or not message.string:
                continue
            # An outdated translation is checked against the source it was translated from.
            source = (
                message.previous_id[0] if catalogs.status_of(message) == "outdated" else catalogs.singular(message.id)
            )
            translation = catalogs.singular(message.string)
            unit = Unit(
                message.context or "",
                source,
                translation,
                lang.code,
                self.keep_terms,
                self.required[lang.code],
                self.contacts,
            )
            for failure in all_failures(unit, memo):
                if failure.severity == "cosmetic" and not self.cosmetic:
                    continue
                severity: Severity = "error" if failure.severity == "critical" else "warning"
                text = f"[{failure.severity}] {failure.check}: {failure.message}"
                problems.append(Problem(shown, message.lineno, text, key=message.context, severity=severity))
        if self.keep_results and len(memo) != known:
            write_memo(kept, salt, memo)
        return problems


def status_counts(catalog: Catalog) -> dict[EntryStatus, int]:
    counts = dict.fromkeys(ENTRY_STATUSES, 0)
    for message in catalog:
        if message.id:
            counts[catalogs.status_of(message)] += 1
    return counts


def ui_problems(project: Project) -> list[Problem]:
    """A warning per language whose interface strings (buttons, banners, headings) are not all translated.

    A language added to mkdocs.yml builds a site whose every button is English
    until someone translates theme.po; this says so before readers see it.
    """
    problems = []
    name = project.site_name
    for lang in project.targets:
        statuses = ui.ui_statuses(project.locales_dir, lang, name)
        english = [text for text, status in statuses.items() if status != "reviewed"]
        if english:
            path = ui.theme_po_path(project.locales_dir, lang)
            where = project.shown(path)
            hint = "translate it" if path.exists() else "run `kbgen i18n update` and translate it"
            line = None
            if path.exists():  # point at the first string to translate
                catalog = catalogs.read(path, lang.babel, where, ui.THEME_DOMAIN)
                line = next((m.lineno for m in catalog if m.id == english[0]), None)
            problems.append(
                Problem(
                    where,
                    line,
                    severity="warning",
                    message=(
                        f"{lang.code}: {len(english)} of {len(statuses)} interface strings are not translated and show "
                        f"in English (such as '{english[0]}'); {hint}"
                    ),
                )
            )
    return problems
