"""The help center's pipeline: load -> validate -> (translate state) -> build, for every command.

`kbgen check`, `kbgen build` and `kbgen serve` (and every command that
needs valid content) go through these functions, so they load, validate
and build the same way. Each language's catalog entries are made once per
build and cached in the build folder; the worker that builds a language
reads its own, and the stale report that feeds the dashboard reads them all
once the languages are built.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime

from kbgen.checks.changes import Changes
from kbgen.checks.dashboard import DASHBOARD_DIR, write_dashboard
from kbgen.checks.report import as_problems
from kbgen.checks.signals import faq_opens, load_summary
from kbgen.checks.stale import stale_report
from kbgen.config import Project
from kbgen.content.loader import load_content
from kbgen.content.model import Content
from kbgen.content.scamcheck import declared_contacts
from kbgen.content.validate import markdown_fields, validate
from kbgen.errors import ContentError, Problem
from kbgen.fsutil import read_cache, write_if_changed
from kbgen.i18n import blocks, postrict
from kbgen.i18n.entries import CachedEntries, Entries, EntryStates, entry_states
from kbgen.i18n.theme import theme_po_path
from kbgen.i18n.workflow import check_catalog_files, qa_problems, source_units, ui_problems
from kbgen.languages import Language
from kbgen.memo import Memos
from kbgen.site import machine
from kbgen.site.build import (
    LanguageBuild,
    assemble_site,
    build_site,
    clean,
    language_sources,
    machine_published,
    pending,
    sources,
)
from kbgen.site.links import Linker
from kbgen.site.mkdocs_config import check_theme_files
from kbgen.site.publish import MARKER, build_lock

log = logging.getLogger("kbgen.build")

MEMO_DIR = "memo"  # in the build folder: see kbgen/memo.py


def checked_content(
    project: Project, today: date | None = None, memos: Memos | None = None
) -> tuple[Content, list[Problem]]:
    """Load and validate the content; return it with every problem, errors and warnings.

    `memos` (`content_memos`): what depends on one text alone (a file's YAML,
    a field's links, a string's scam-text findings) as an earlier run found
    it, so a rebuild reads again only the files that changed. They are kept
    once a build has made the folder kbgen's (a first build keeps them at its end).
    """
    memos = memos or content_memos(project)
    content, problems = load_content(project.content_dir, project.root, project.settings.max_file_bytes, memos)
    languages = [project.settings.source_language, *project.settings.languages]
    problems += validate(content, languages, today, project.external_domains, project.root, memos)
    keep_memos(project, memos)
    return content, sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))


def content_memos(project: Project) -> Memos:
    return Memos(project.build_dir / MEMO_DIR)


def keep_memos(project: Project, memos: Memos) -> None:
    """Write the memos, into a build folder kbgen made (never into one it did not)."""
    if (project.build_dir / MARKER).is_file():
        memos.save()


def valid_content(
    project: Project, today: date | None = None, memos: Memos | None = None
) -> tuple[Content, list[Problem]]:
    """The content, or ContentError with every error; warnings are returned.

    Translation QA is not part of it: a translation that fails a critical
    check is left off the site (English is shown), not a reason to stop.
    """
    content, problems = checked_content(project, today, memos)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return content, problems


def with_reader_signals(project: Project, content: Content) -> Content:
    """The content with the FAQs readers opened per language (imported reader signals): the home
    page's popular questions, and the stale report's, follow them."""
    return replace(content, faq_opens=faq_opens(load_summary(project)))


def check(
    project: Project, today: date | None = None, changes: Changes | None = None, jobs: int | None = None
) -> list[Problem]:
    """Everything `kbgen check` reports: content, translation QA and, per the policy, staleness.

    `changes`: what the change under check touches; findings at the policy
    level `changed` are errors there and warnings elsewhere.
    """
    content, problems = checked_content(project, today)
    content_is_valid = not any(p.severity == "error" for p in problems)
    if project.locales_dir.is_dir():
        postrict.load_clean(project.build_dir / postrict.RESULTS_FILE)  # catalogs the last build found well formed
        if content_is_valid:
            _prepare_entries(project, content, jobs)
        problems += _qa(project, content, None, False, jobs)
    problems += ui_problems(project)
    if content_is_valid:  # staleness of broken content would only repeat its errors
        problems += as_problems(stale_report(project, with_reader_signals(project, content), today, changes=changes))
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))


def _prepare_entries(project: Project, content: Content, jobs: int | None) -> None:
    """Every language's entries made as a build makes them, one worker per core, when nothing has
    made them yet: the stale report reads them, and QA reads the results they keep (so a check in a
    fresh clone checks each translation once, not once for QA and again for the report)."""
    with contextlib.suppress(ContentError):  # a malformed catalog is reported by QA, at its line
        check_catalog_files(project)
        catalog_entries(project, content, project.targets, jobs)


def translation_qa(
    project: Project,
    content: Content,
    languages: list[Language] | None = None,
    cosmetic: bool = True,
    jobs: int | None = None,
) -> list[Problem]:
    """QA of every translation (`kbgen check`, `kbgen i18n qa`), reading the results the last build
    or check kept, and keeping this run's in a build folder kbgen made. Catalogs the last build
    found well formed are not checked for that again. `jobs`: processes (default one per core)."""
    postrict.load_clean(project.build_dir / postrict.RESULTS_FILE)  # catalogs the last build found well formed
    return _qa(project, content, languages, cosmetic, jobs)


def _qa(
    project: Project, content: Content, languages: list[Language] | None, cosmetic: bool, jobs: int | None
) -> list[Problem]:
    kept = (project.build_dir / MARKER).is_file()
    return qa_problems(project, content, languages, cosmetic, kept, jobs or os.cpu_count() or 1)


def build(
    project: Project,
    content: Content,
    languages: list[Language] | None = None,
    now: datetime | None = None,
    jobs: int | None = None,
    clean_first: bool = False,
    wait: bool = True,
    only: list[Language] | None = None,
    memos: Memos | None = None,
) -> list[LanguageBuild]:
    """Build the language sites and the localization dashboard; return what each language did.

    `only`: build just these languages (a shard of a build spread over
    machines; `assemble` joins the shards). One build at a time per build
    folder: a second one waits for the lock (or, with `wait=False`, stops).
    `memos`: the ones the content was validated with, kept for the next build.
    """
    memos = memos or Memos(None)
    checks = project.build_dir / postrict.RESULTS_FILE
    postrict.load_clean(checks)  # catalogs that passed in the last build are not checked again
    check_catalog_files(project, only or (languages or project.targets))  # before anything is written
    check_theme_files(project)
    with build_lock(project.build_dir, project.shown(project.build_dir), wait):
        if clean_first:
            clean(project)
        every = languages or [project.source, *project.targets]
        results = _build(project, content, every, now, jobs, only, memos)
        postrict.save_clean(checks)
        keep_memos(project, memos)  # the folder is kbgen's now; unchanged memos are not written again
        return results


DASHBOARD_STAMP = ".dashboard.json"  # in the build folder: what the site's dashboard was made from


def _build(
    project: Project,
    content: Content,
    languages: list[Language],
    now: datetime | None,
    jobs: int | None,
    only: list[Language] | None,
    memos: Memos,
) -> list[LanguageBuild]:
    now = now or datetime.now(UTC)
    content = with_reader_signals(project, content)
    whole = only is None  # a shard leaves the dashboard to `assemble`
    selected = languages if only is None else only
    common = sources(project, content, languages, now)
    inputs = language_sources(project, languages, common)
    to_render = pending(project, selected, inputs)
    # The dashboard shows every language: made again when one changed, or when it was not made from
    # what every language is made from now (a build stopped after the languages, before it), nor from
    # the reader signals imported since (searches without results change no page).
    made_from = hashlib.sha256(json.dumps([inputs, load_summary(project)], sort_keys=True).encode()).hexdigest()
    stamp = project.build_dir / DASHBOARD_STAMP
    dashboard_current = (project.site_dir / DASHBOARD_DIR / "index.html").is_file() and bool(
        read_cache(stamp, made_from)
    )
    entries: Mapping[str, Entries] = {}
    if to_render or (whole and not dashboard_current):
        started = time.perf_counter()
        targets = [lang for lang in selected if lang.code != project.source.code]
        texts = [field.text for field in markdown_fields(content)]
        blocks.recall(memos.named("markdown-blocks"), texts)
        machine.recall(memos, project.settings.machine_policy, texts)
        entries = catalog_entries(project, content, targets, jobs)
        log.info("stage catalogs: %.2fs", time.perf_counter() - started)
    results = build_site(project, content, entries, languages, now, jobs, only, common)
    if whole and (to_render or not dashboard_current):
        _write_dashboard(project, content, languages, now, entries, common, memos)
        write_if_changed(stamp, json.dumps({"salt": made_from}), durable=False)
    return results


def assemble(
    project: Project, content: Content, now: datetime | None = None, jobs: int | None = None, wait: bool = True
) -> None:
    """Join language sites built separately (`build --lang X` on each machine) into the final site:
    search bundle, root page, sitemap index and dashboard, as a one-machine build makes them."""
    now = now or datetime.now(UTC)
    languages = [project.source, *project.targets]
    content = with_reader_signals(project, content)
    with build_lock(project.build_dir, project.shown(project.build_dir), wait):
        assemble_site(project, languages, jobs=jobs)
        targets = [lang for lang in languages if lang.code != project.source.code]
        _write_dashboard(project, content, languages, now, translation_entries(project, content, targets, jobs))


def _write_dashboard(
    project: Project,
    content: Content,
    languages: list[Language],
    now: datetime,
    entries: Mapping[str, Entries],
    common: str | None = None,
    memos: Memos | None = None,
) -> None:
    """Written once the language builds are done (their workers no longer hold memory beside it),
    from each language's entry states: what the report needs, not the entries themselves.

    With `common` (this build's `sources(...)`), the report is made again only when what it reads
    changed: a translator's fix that leaves every entry's status as it was leaves the page as it is.
    """
    started = time.perf_counter()
    targets = [lang for lang in languages if lang.code != project.source.code]
    states = {lang.code: entry_states(entries, lang.code) for lang in targets if lang.code in entries}
    machine_pages = machine_published(project, content, entries, common)
    made_from = _dashboard_inputs(project, targets, common, states, machine_pages) if common else ""
    stamp = project.build_dir / REPORT_STAMP
    if made_from and (project.site_dir / DASHBOARD_DIR / "index.html").is_file() and read_cache(stamp, made_from):
        log.info("stage dashboard: %.2fs (the report's inputs are unchanged)", time.perf_counter() - started)
        return
    stamp.unlink(missing_ok=True)  # until it names the page written now
    linker = Linker(content)
    questions = {faq.id: (faq.question, linker.url(f"faq:{faq.id}")) for faq in content.faqs.values()}
    write_dashboard(
        project, stale_report(project, content, now.date(), targets, now, states, memos=memos), machine_pages, questions
    )
    if made_from:
        write_if_changed(stamp, json.dumps({"salt": made_from}), durable=False)
    log.info("stage dashboard: %.2fs", time.perf_counter() - started)


REPORT_STAMP = ".dashboard-report.json"  # in the build folder: what the dashboard's report was made from


def _dashboard_inputs(
    project: Project,
    targets: list[Language],
    common: str,
    states: Mapping[str, EntryStates],
    machine_pages: list[tuple[str, str, str]],
) -> str:
    """The digest of what the dashboard shows: `common` (content, settings, theme, kbgen, the date,
    the notices started and ended), each language's entry states and UI catalog, the pages showing
    machine text and the reader signals' summary. Translations themselves are not shown."""
    digest = hashlib.sha256(json.dumps([common, machine_pages, load_summary(project)], sort_keys=True).encode())
    for lang in targets:
        ui_catalog = theme_po_path(project.locales_dir, lang)
        digest.update(hashlib.sha256(ui_catalog.read_bytes() if ui_catalog.is_file() else b"").digest())
        state = states.get(lang.code)
        if state is not None:
            status = {context: entry.value for context, entry in state.status.items()}
            digest.update(json.dumps([lang.code, status, state.previous], sort_keys=True).encode())
    return digest.hexdigest()


def translation_entries(
    project: Project, content: Content, languages: list[Language], jobs: int | None = None
) -> dict[str, Entries]:
    """Every language's catalog entries, merged with the current source (one worker per core)."""
    return dict(catalog_entries(project, content, languages, jobs))


def catalog_entries(
    project: Project, content: Content, languages: list[Language], jobs: int | None = None
) -> CachedEntries:
    """Every language's catalog entries made (one worker per core) and cached in the build folder;
    each is read from there where it is needed, so no process holds them all while languages build.
    Only the languages whose catalog or source changed are made; one such language (a translator's
    fix) is made here, without starting worker processes (and sending each the source units)."""
    units = source_units(content)
    keep = tuple(content.keep_terms())
    contacts = declared_contacts(content, project.external_domains)  # a translation may not add others
    entries = CachedEntries(project, languages, units, keep, contacts)
    stale = [code for code in entries if not entries.is_current(code)]
    workers = min(jobs or os.cpu_count() or 1, len(stale))
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(entries.prepare, stale))
    else:
        for code in stale:
            entries.prepare(code)
    return entries
