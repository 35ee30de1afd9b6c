"""Building the language sites: pages per language, one MkDocs build per language.

Each language gets `<build_dir>/<lang>/docs/` (generated Markdown) and a
generated `mkdocs.yml` (`kbgen.site.mkdocs_config`). Languages build in
parallel, one worker process per core; what each worker needs travels with
the pool's initializer and each task's arguments. A language whose inputs
are unchanged is not rebuilt (`kbgen.site.incremental`), so a rerun writes
nothing.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kbgen.config import Project
from kbgen.content.model import Content
from kbgen.errors import KbgenError
from kbgen.fsutil import read_cache, remove_others, write_if_changed
from kbgen.i18n import theme
from kbgen.i18n.entries import Entries
from kbgen.i18n.segments import SegmentIndex, segment_content
from kbgen.languages import Language
from kbgen.site import (
    compiled,
    incremental,
    page_memo,
    page_views,
    publish,
    render_cache,
    root_page,
    search,
    structured,
)
from kbgen.site.extras import write_language_extras
from kbgen.site.links import Linker, faq_page_path
from kbgen.site.localize import LocalizedContent, Localizer, localize, source_view
from kbgen.site.machine import MachineGate
from kbgen.site.mkdocs_config import WORKING_SITE, config_text, language_config, prepare_theme, run_mkdocs
from kbgen.site.pages import Page, PageRenderer

log = logging.getLogger("kbgen.site")


@dataclass(frozen=True)
class LanguageBuild:
    lang: Language
    site_dir: Path
    pages: int
    rendered: bool  # False when nothing the language reads changed since its last build
    rebuilt: bool  # True when MkDocs ran
    seconds: float  # rendering and (when its inputs changed) the MkDocs build
    render_seconds: float = 0.0  # kbgen's part: the language's view of the content, its pages and config
    dirty: bool = False  # MkDocs re-rendered only the pages whose Markdown or view of the navigation changed


@dataclass(frozen=True)
class BuildJob:
    """What every language's worker needs; sent once to each worker."""

    project: Project
    content: Content
    languages: list[Language]
    now: datetime
    epoch: int
    sources: str  # digest of everything every language reads
    theme_dir: Path
    entries: Mapping[str, Entries] = field(default_factory=dict)  # by target language; read by its worker
    popular_anywhere: bool = False  # the project's theme files read the search settings (`page_views`)


def sources(project: Project, content: Content, languages: list[Language], now: datetime) -> str:
    """The digest of everything the site's languages read (computed once per build)."""
    signals = json.dumps(content.faq_opens, sort_keys=True)
    # A page shows a notice hidden until it starts and leaves it out once it ended: which have, at `now`.
    notices = json.dumps(sorted((n.id, n.start <= now, n.end <= now) for n in content.notices.values()))
    return incremental.sources_digest(project, languages, now, incremental.build_epoch(content), signals, notices)


def language_sources(project: Project, languages: list[Language], common: str) -> dict[str, str]:
    """Each language's inputs digest (`incremental.language_sources`: `common` and its catalogs), by code."""
    return {lang.code: incremental.language_sources(common, project, lang) for lang in languages}


def pending(project: Project, selected: list[Language], inputs: Mapping[str, str]) -> list[Language]:
    """The languages of `selected` whose inputs (`language_sources`) changed since their last successful build."""
    return [lang for lang in selected if not _is_current(project, lang, inputs[lang.code])]


def _is_current(project: Project, lang: Language, inputs: str) -> bool:
    state = incremental.read_state(project.build_dir / lang.code)
    return state is not None and (project.site_dir / lang.code).is_dir() and state.sources == inputs


def build_site(
    project: Project,
    content: Content,
    entries: Mapping[str, Entries],
    languages: list[Language],
    now: datetime,
    jobs: int | None = None,
    only: list[Language] | None = None,
    common: str | None = None,
) -> list[LanguageBuild]:
    """Render and build the languages, one worker process per core; return what was done.

    `languages` are the site's languages (every page links all of them);
    `only`, when given, the ones this run builds (a shard: `assemble_site`
    then joins the shards). `entries` holds the target languages' catalog
    entries (made once by the pipeline; each worker reads its language's
    from `entries`, a `CachedEntries` when the pipeline builds). Each worker renders a language
    and, when its inputs changed, builds it with MkDocs, so one language
    renders while another builds. `common` is `sources(...)` when the caller has it.
    """
    started = time.perf_counter()
    claim_output(project, languages)
    render_cache.prune(project.build_dir / render_cache.CACHE_DIR)
    compiled.prune(project.build_dir / compiled.CACHE_DIR)
    theme_dir = prepare_theme(project)
    epoch = incremental.build_epoch(content)
    common = common or sources(project, content, languages, now)
    popular = page_views.popular_anywhere(project.theme_dirs)  # once: the project's theme files are read here
    job = BuildJob(project, content, languages, now, epoch, common, theme_dir, entries, popular)
    selected = only if only is not None else languages
    workers = max(1, min(jobs or os.cpu_count() or 1, len(selected)))
    if workers <= 1:
        results = [build_language(job, lang) for lang in selected]
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(job,)) as pool:
            results = list(pool.map(_worker_task, selected))
    log.info(
        "stage languages: %.2fs (%d rendered, %d built with MkDocs)",
        time.perf_counter() - started,
        sum(r.rendered for r in results),
        sum(r.rebuilt for r in results),
    )
    log.info(
        "stage render: %.2fs (kbgen's part of the languages stage, per core)",
        sum(r.render_seconds for r in results) / workers,
    )
    changed = {r.lang.code for r in results if r.rebuilt}
    if only is None:
        assemble_site(project, languages, changed, jobs)
    else:  # a shard indexes its own languages: `kbgen assemble` reuses the indexes it is given
        started = time.perf_counter()
        indexed = index_search(project, only, changed, jobs)
        log.info("stage search: %.2fs (%d languages indexed)", time.perf_counter() - started, indexed)
    return results


def assemble_site(
    project: Project, languages: list[Language], changed: set[str] | None = None, jobs: int | None = None
) -> None:
    """Join the language sites into one: the search bundle, then the root page and the sitemap index.

    The same whether the languages were built here or on other machines
    (`kbgen build --lang X` on each, then `kbgen assemble`). `changed`: the
    languages whose pages this build changed, the only ones indexed again,
    with those that have no index of their own yet; None (assembling): every
    language whose index was not made from its pages as they are (a shard
    brings its index along). Indexing runs one Pagefind run per core, once the language builds
    are done: Pagefind takes about 400 MB for a Japanese site of 200 articles,
    and beside two MkDocs workers it raised the build's peak memory by that much.
    """
    missing = [lang.code for lang in languages if not (project.site_dir / lang.code).is_dir()]
    if missing:
        raise KbgenError(
            f"{project.shown(project.site_dir)}: no built site for {', '.join(missing)} "
            f"(build it with `kbgen build --lang CODE` and copy it here first)"
        )
    claim_output(project, languages)
    started = time.perf_counter()
    indexed = index_search(project, languages, changed, jobs)
    if changed is None or indexed or not (project.site_dir / search.BUNDLE_DIR).is_dir():
        bundle = project.build_dir / search.BUNDLE_DIR
        search.join_indexes([project.build_dir / lang.code / search.BUNDLE_DIR for lang in languages], bundle)
        publish.publish(bundle, project.site_dir / search.BUNDLE_DIR)
        log.info("stage search: %.2fs (%d languages indexed)", time.perf_counter() - started, indexed)
    # The root page and the sitemap index go last: they link only languages already published.
    write_if_changed(project.site_dir / "index.html", root_page.render(project, languages))
    write_if_changed(project.site_dir / "sitemap.xml", root_page.sitemap_index(project, languages))
    write_if_changed(project.site_dir / "404.html", root_page.not_found(project, languages))


def index_search(project: Project, languages: list[Language], changed: set[str] | None, jobs: int | None) -> int:
    """Index the languages whose pages changed (`changed`; None: any whose index was not made
    from its pages as they are now, such as a language built elsewhere without its index);
    return how many were indexed."""
    indexes = {lang.code: project.build_dir / lang.code / search.BUNDLE_DIR for lang in languages}

    def needs_index(lang: Language) -> bool:
        if changed is None:
            return not search.index_is_current(project.site_dir, lang.code, indexes[lang.code])
        return lang.code in changed or not indexes[lang.code].is_dir()

    stale = [lang for lang in languages if needs_index(lang)]
    if stale:
        search.index_languages(project.site_dir, stale, indexes, jobs or os.cpu_count() or 1)
    return len(stale)


_worker_job: BuildJob | None = None  # set once in each worker process by the pool's initializer


def _start_worker(job: BuildJob) -> None:
    global _worker_job
    _worker_job = job


def _worker_task(lang: Language) -> LanguageBuild:
    assert _worker_job is not None, "the pool's initializer sets the job"
    return build_language(_worker_job, lang)


def build_language(job: BuildJob, lang: Language) -> LanguageBuild:
    """Render one language and build it if anything it reads changed.

    The language's catalog entries (`job.entries`) are read only when it
    renders: an edit that leaves a language's sources alone reads none.

    Three levels of work, least first: nothing (no input changed since the
    last build); a dirty MkDocs build of the pages whose Markdown or view of
    the navigation changed (the rest of the effective configuration is
    unchanged, and no page is gone); a full build. A language whose pages
    changed loses its search index here; `assemble_site` makes it again.
    """
    started = time.perf_counter()
    project = job.project
    work = project.build_dir / lang.code
    site_dir = project.site_dir / lang.code
    sources = incremental.language_sources(job.sources, project, lang)
    last = incremental.read_state(work)
    if last is not None and site_dir.is_dir() and last.sources == sources:
        return LanguageBuild(lang, site_dir, last.pages, False, False, time.perf_counter() - started)
    incremental.forget_state(work)  # an interrupted build must not look finished
    view, machine = _localized(project, job.content, lang, job.entries.get(lang.code))
    if lang.code in project.settings.machine_policy.publish:  # for the dashboard, which would localize it again
        write_if_changed(work / MACHINE_FILE, json.dumps({"salt": sources, "records": sorted(machine)}), durable=False)
    config_path, pages, overrides = prepare_language(project, view, lang, job.now, job.languages)
    rendered = time.perf_counter() - started
    shared, nav, popular = page_views.per_page(overrides, job.popular_anywhere)
    state = incremental.BuildState(
        sources,
        incremental.config_digest(project, page_views.digest(shared), job.theme_dir, job.epoch),
        incremental.docs_digest(work / "docs"),
        len(pages),
        page_views.digest(nav),
        page_views.page_views(nav, popular, pages, project.theme.get("features") or ()),
    )
    renavigated = None  # the pages a dirty build renders for the navigation; None: a full build
    if last is not None and last.config == state.config and site_dir.is_dir() and (work / WORKING_SITE).is_dir():
        renavigated = incremental.renavigated(last, state)
    dirty = renavigated is not None
    rebuild = not (dirty and last is not None and last.docs == state.docs and last.nav == state.nav)
    if rebuild:
        if renavigated:
            incremental.mark_modified(work / "docs", renavigated)
        run_mkdocs(
            config_path, overrides, job.epoch, dirty=dirty, navigation_changed=last is None or last.nav != state.nav
        )
        theme = incremental.docs_digest(job.theme_dir)
        search.write_vocabulary(lang, work / WORKING_SITE, work / search.PAGE_WORDS_CACHE, theme)
    extras = write_language_extras(project, view.content, lang, job.now, work / WORKING_SITE)
    if rebuild or extras or not site_dir.is_dir():
        shutil.rmtree(work / search.BUNDLE_DIR, ignore_errors=True)  # its search index is made again after
        publish.publish(work / WORKING_SITE, site_dir)
    incremental.write_state(work, state)  # only once the build is published
    seconds = time.perf_counter() - started
    return LanguageBuild(lang, site_dir, len(pages), True, rebuild, seconds, rendered, dirty)


def language_view(project: Project, content: Content, lang: Language, entries: Entries | None) -> LocalizedContent:
    """What `lang` shows: the source itself, or its published translations."""
    return _localized(project, content, lang, entries)[0]


def _localized(
    project: Project, content: Content, lang: Language, entries: Entries | None
) -> tuple[LocalizedContent, set[tuple]]:
    """The language's view and the records in it that show unreviewed machine text."""
    if lang.code == project.source.code or entries is None:
        return source_view(content), set()
    shower = localizer(project, content, lang, entries)
    return localize(content, shower), shower.machine_shown


MACHINE_FILE = ".machine.json"  # in a language's build folder: the records showing machine text, and their sources


def machine_published(
    project: Project, content: Content, entries: Mapping[str, Entries], common: str | None = None
) -> list[tuple[str, str, str]]:
    """(language, page title, URL) of every article and FAQ page that shows unreviewed machine text.

    `common`: this build's `sources(...)`; a language rendered from the same
    sources says which records it found, and is not localized again.
    """
    linker = Linker(content)
    found = []
    for lang in project.targets:
        if lang.code not in project.settings.machine_policy.publish or lang.code not in entries:
            continue
        pages = {}
        for kind, record_id, *_ in (r + ("",) for r in _machine_records(project, content, lang, entries, common)):
            if kind == "article":
                pages[linker.url(f"article:{record_id}")] = content.articles[record_id].title
            elif kind == "faq":
                category = content.faqs[record_id].category
                pages[linker.url_of_path(faq_page_path(category))] = content.categories[category].title + " (FAQ)"
        found += [(lang.code, title, url) for url, title in sorted(pages.items())]
    return found


def _machine_records(
    project: Project, content: Content, lang: Language, entries: Mapping[str, Entries], common: str | None
) -> list[tuple]:
    """The records of `lang` showing machine text; its entries are read only to localize it again."""
    if common is not None:
        # Written by this language's build from the same sources: the records it found.
        stored = read_cache(
            project.build_dir / lang.code / MACHINE_FILE, incremental.language_sources(common, project, lang)
        )
        with contextlib.suppress(KeyError, TypeError):
            return [tuple(record) for record in stored["records"]]
    return sorted(_localized(project, content, lang, entries[lang.code])[1])


def localizer(project: Project, content: Content, lang: Language, entries: Entries) -> Localizer:
    gate = MachineGate(project.settings.machine_policy, lang.code, content)
    return Localizer(entries, SegmentIndex(segment_content(content)), gate)


def prepare_language(
    project: Project, view: LocalizedContent, lang: Language, now: datetime, languages: list[Language]
) -> tuple[Path, list[Page], dict]:
    """Write the language's Markdown pages and its mkdocs.yml; return the config path, the pages and
    the configuration written."""
    work = project.build_dir / lang.code
    docs = work / "docs"
    translations = theme.translations(project.locales_dir, lang)
    renderer = PageRenderer(
        view,
        lang,
        project.site_name,
        translations,
        project.source.code,
        base_url=f"{project.site_url or '/'}{lang.code}/",
    )
    memo = page_memo.inputs(project, view, lang, renderer.base_url)
    current = page_memo.current_pages(docs, page_memo.read(work), memo, renderer.linker, renderer.paths())
    # Steps of the pages kept as they are are not asked for: the earlier build's stay remembered.
    with structured.steps_remembered(work / STEPS_CACHE, keep=bool(current)):
        pages = renderer.pages(current)
    for page in pages:
        if page.path not in current:
            write_if_changed(docs / page.path, page.text, durable=False)
    remove_others(docs, {page.path for page in pages})
    memo.pages = {page.path: page_memo.text_digest(page.text) for page in pages}
    page_memo.write(work, memo)
    config_path = work / "mkdocs.yml"
    overrides = language_config(project, view.content, lang, pages, work, now, translations, languages, view.english)
    write_if_changed(config_path, config_text(overrides), durable=False)
    return config_path, pages, overrides


# What earlier kbgen versions wrote into the two folders, before they carried a marker, and what
# other commands may write there before a first build (`kbgen signals import`: signals.json).
_BUILD_LAYOUT = frozenset({"theme", "pagefind", "preview", render_cache.CACHE_DIR, publish.LOCK_FILE, "signals.json"})
_SITE_LAYOUT = frozenset({"index.html", "sitemap.xml", "404.html", "pagefind", "dashboard"})


STEPS_CACHE = ".steps.json"  # in a language's build folder: the numbered steps of its pages' bodies


def claim_output(project: Project, languages: list[Language]) -> None:
    """Take the build and site folders as kbgen's own, refusing folders with someone else's files."""
    codes = frozenset(lang.code for lang in languages)
    publish.claim(project.build_dir, project.shown(project.build_dir), _BUILD_LAYOUT | codes)
    publish.claim(project.site_dir, project.shown(project.site_dir), _SITE_LAYOUT | codes)
    publish.clear_leftovers(project.site_dir)


def clean(project: Project) -> None:
    """Remove generated files (the build folder and the site), and nothing kbgen did not make."""
    publish.remove_generated(project.build_dir, project.shown(project.build_dir), keep=publish.LOCK_FILE)
    publish.remove_generated(project.site_dir, project.shown(project.site_dir))
