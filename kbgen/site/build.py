"""Building the help center: pages per language, one MkDocs build per language.

Each language gets `<build_dir>/<lang>/docs/` (generated Markdown) and
`<build_dir>/<lang>/mkdocs.yml`, a plain config that INHERITs the project's
mkdocs.yml and overrides only what differs per language. Languages build in
parallel, one process per core; a language whose inputs are unchanged is not
rebuilt, so a rerun writes nothing.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import posixpath
import shutil
import time as time_
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, time, timezone
from pathlib import Path
from urllib.parse import urlsplit

import yaml

import kbgen
from kbgen.config import Project
from kbgen.content.model import Content
from kbgen.errors import KbgenError
from kbgen.fsutil import remove_others, write_if_changed
from kbgen.languages import Language
from kbgen.i18n.workflow import entry_states, merged_catalog, source_units
from kbgen.i18n import theme
from kbgen.site import hooks, root_page, search, ui
from kbgen.site.localize import LocalizedContent, Localizer, localize, source_view
from kbgen.site.notices import notice_entries
from kbgen.site.pages import Page, PageRenderer

log = logging.getLogger("kbgen.site")

INPUTS_FILE = ".inputs.sha256"  # what MkDocs read for the last successful build
SOURCES_FILE = ".sources.sha256"  # what kbgen read to render it, and how many pages
THEME_DIR = Path(__file__).parent / "theme"
KBGEN_CSS = "assets/kbgen.css"
KBGEN_JS = "assets/kbgen.js"
KBGEN_SEARCH_JS = "assets/kb-search.js"


@dataclass(frozen=True)
class LanguageBuild:
    lang: Language
    config_path: Path
    site_dir: Path
    pages: int
    rendered: bool  # False when nothing the language reads changed since its last build
    rebuilt: bool
    seconds: float  # rendering and (when its inputs changed) the MkDocs build
    render_seconds: float = 0.0  # kbgen's part: the language's view of the content, its pages and config
    entry_states: dict | None = None  # context -> EntryState, for the dashboard (None: not rendered, or the source)


@dataclass(frozen=True)
class _Job:
    """What every language's worker needs; workers are forked, so this is shared, not pickled."""

    project: Project
    content: Content
    languages: list[Language]
    units: tuple
    now: datetime
    epoch: int
    theme_changed: bool
    sources: str  # digest of everything every language reads (content, config, theme, date)


_job: _Job | None = None


def build_site(project: Project, content: Content, languages: list[Language] | None = None,
               now: datetime | None = None, jobs: int | None = None) -> list[LanguageBuild]:
    """Render and build every language, one worker process per core; return what was done.

    Each worker renders a language and, when its inputs changed, builds it
    with MkDocs, so one language renders while another builds.
    """
    global _job
    languages = languages or [project.source, *project.targets]
    now = now or datetime.now(timezone.utc)
    started = time_.perf_counter()
    theme_changed = prepare_theme(project)
    epoch = build_epoch(content)
    sources = _sources_digest(project, languages, now, epoch)
    _job = _Job(project, content, languages, source_units(content), now, epoch, theme_changed, sources)
    try:
        results = _run_languages(languages, jobs)
    finally:
        _job = None
    built = time_.perf_counter()
    log.info("stage languages: %.2fs (%d rendered, %d built with MkDocs)", built - started,
             sum(r.rendered for r in results), sum(r.rebuilt for r in results))
    workers = min(jobs or os.cpu_count() or 1, len(languages))
    log.info("stage render: %.2fs (kbgen's part of the languages stage, per core)",
             sum(r.render_seconds for r in results) / workers)
    if any(r.rebuilt for r in results) or not (project.site_dir / search.BUNDLE_DIR).is_dir():
        search.index_site(project.site_dir, project.build_dir / "pagefind", languages)
        log.info("stage search: %.2fs", time_.perf_counter() - built)
    write_if_changed(project.site_dir / "index.html", root_page.render(project, languages))
    write_if_changed(project.site_dir / "sitemap.xml", root_page.sitemap_index(project, languages))
    return results


def _run_languages(languages: list[Language], jobs: int | None) -> list[LanguageBuild]:
    workers = min(jobs or os.cpu_count() or 1, len(languages))
    if workers <= 1:
        return [_build_language(lang) for lang in languages]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_build_language, languages))


def _build_language(lang: Language) -> LanguageBuild:
    """Render one language and build it if anything it reads changed (runs in a worker).

    Three levels of work, least first: nothing (no input changed since the
    last build); a dirty MkDocs build of the changed pages (the text changed
    but not the structure, and the language's search is Pagefind, which
    reindexes the whole site anyway); a full build.
    """
    job = _job
    started = time_.perf_counter()
    work = job.project.build_dir / lang.code
    site_dir = job.project.site_dir / lang.code
    sources = _language_sources(job, lang)
    marker = work / SOURCES_FILE
    if site_dir.is_dir() and marker.is_file() and marker.read_text().split()[0] == sources:
        pages = int(marker.read_text().split()[1])
        return LanguageBuild(lang, work / "mkdocs.yml", site_dir, pages, False, False, time_.perf_counter() - started)
    marker.unlink(missing_ok=True)  # an interrupted build must not look finished
    view = language_view(job.project, job.content, lang, job.units)
    config_path, pages, structure_changed = prepare_language(job.project, view, lang, job.now, job.languages)
    rendered = time_.perf_counter() - started
    previous = (work / INPUTS_FILE).is_file()
    digest = _needs_build(job.project, config_path, job.epoch)
    if digest is not None:
        dirty = previous and site_dir.is_dir() and not structure_changed and not job.theme_changed
        run_mkdocs(config_path, job.epoch, dirty=dirty)
        write_if_changed(config_path.parent / INPUTS_FILE, digest)  # only once the build succeeded
    write_if_changed(marker, f"{sources} {len(pages)}\n")
    # The dashboard needs each entry's state; the merged catalog is in this worker's cache now.
    states = None if lang.code == job.project.source.code else entry_states(job.project, lang, job.units)
    return LanguageBuild(lang, config_path, site_dir, len(pages), True, digest is not None,
                         time_.perf_counter() - started, rendered, states)


def _sources_digest(project: Project, languages: list[Language], now: datetime, epoch: int) -> str:
    """What every language reads: content, mkdocs.yml, the theme, kbgen itself, the date and the language set.

    The date is part of it because notices end and the dashboard counts days:
    the first build of a day renders again.
    """
    digest = hashlib.sha256(f"kbgen {kbgen.__version__} {now.date()} {epoch} "
                            f"{[lang.code for lang in languages]} {project.mkdocs.get('site_url')}\n".encode())
    for root in (project.content_dir, project.config_path, project.build_dir / "theme", Path(__file__).parent):
        _digest_files(digest, root)
    return digest.hexdigest()


def _language_sources(job: _Job, lang: Language) -> str:
    digest = hashlib.sha256(job.sources.encode())
    _digest_files(digest, job.project.locales_dir / lang.babel)
    return digest.hexdigest()


def _digest_files(digest, root: Path) -> None:
    """Add a file, or every file under a folder, to `digest`. Dotfiles are kbgen's markers, not inputs."""
    if root.is_file():
        files = [root]
    else:
        files = sorted(p for p in root.rglob("*")
                       if p.is_file() and not p.name.startswith(".") and "__pycache__" not in p.parts)
    for path in files:
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def language_view(project: Project, content: Content, lang: Language, units) -> LocalizedContent:
    """What `lang` shows: the source itself, or its published translations.

    The catalog is merged with the current source in memory, as `kbgen i18n
    update` would, so an English edit shows as outdated without a catalog write.
    """
    if lang.code == project.source.code:
        return source_view(content)
    merged = merged_catalog(project, lang, units)
    publish_machine = lang.code in project.settings.publish_machine_drafts
    return localize(content, Localizer(merged, lang.code, publish_machine, content.keep_terms()))


def prepare_theme(project: Project) -> bool:
    """Lay the project's own `custom_dir` over kbgen's Material overrides; return whether anything changed."""
    merged = project.build_dir / "theme"
    sources = [THEME_DIR]
    custom_dir = (project.mkdocs.get("theme") or {}).get("custom_dir")
    if custom_dir:
        sources.append(project.root / custom_dir)
    files: dict[str, Path] = {}
    for source in sources:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                files[path.relative_to(source).as_posix()] = path
    changed = False
    for relative, path in files.items():
        changed = write_if_changed(merged / relative, path.read_bytes()) or changed
    return remove_others(merged, set(files)) or changed


def prepare_language(project: Project, view: LocalizedContent, lang: Language, now: datetime,
                     languages: list[Language]) -> tuple[Path, list[Page], bool]:
    """Write the language's Markdown pages and its mkdocs.yml.

    Returns the config path, the pages, and whether the site's structure
    changed (its config, so its navigation, or a page removed).
    """
    work = project.build_dir / lang.code
    docs = work / "docs"
    translations = theme.translations(project.locales_dir, lang)
    renderer = PageRenderer(view, lang, project.mkdocs.get("site_name", "Help Center"), translations,
                            project.source.code)
    pages = renderer.pages()
    for page in pages:
        write_if_changed(docs / page.path, page.text)
    removed = remove_others(docs, {page.path for page in pages})
    config_path = work / "mkdocs.yml"
    overrides = language_config(project, view.content, lang, pages, work, now, translations, languages)
    structure_changed = write_if_changed(config_path, overrides) or removed
    return config_path, pages, structure_changed


def language_config(project: Project, content: Content, lang: Language, pages: list[Page], work: Path,
                    now: datetime, translations, languages: list[Language]) -> str:
    """The per-language overrides on top of the project's mkdocs.yml."""
    to_root = posixpath.relpath(project.root.resolve().as_posix(), work.resolve().as_posix())
    site_url = (project.mkdocs.get("site_url") or "").rstrip("/") + "/"
    base_path = urlsplit(site_url).path or "/"
    strings = ui.theme_strings(translations)
    theme: dict = {"language": lang.material, "custom_dir": "../theme"}
    if lang.direction == "rtl":
        theme["direction"] = "rtl"
    overrides: dict = {
        "INHERIT": posixpath.join(to_root, project.config_path.name),
        "docs_dir": "docs",
        "site_dir": posixpath.join(to_root, project.site_dir.relative_to(project.root).as_posix(), lang.code),
        "theme": theme,
        "extra_css": [*(project.mkdocs.get("extra_css") or []), KBGEN_CSS],
        "extra_javascript": [*(project.mkdocs.get("extra_javascript") or []), KBGEN_JS, KBGEN_SEARCH_JS],
        # Search is kbgen's (Pagefind, see kbgen.site.search), not Material's.
        "plugins": [p for p in project.mkdocs.get("plugins") or [] if _plugin_name(p) not in ("search", "material/search")],
        "nav": navigation(content, pages, translations.gettext("Home")),
        "hooks": [hooks.__file__],
        "extra": {
            "kbgen_language": {"code": lang.code, "html": lang.html, "direction": lang.direction},
            "kbgen_ui": strings,
            "kbgen_search": search.settings(lang, content),
            "kbgen_signals": project.settings.signals_endpoint or "",
            "kbgen_alternates": [
                {"hreflang": other.html, "href": f"{site_url}{other.code}/"} for other in languages
            ] + [{"hreflang": "x-default", "href": f"{site_url}{project.source.code}/"}],
            "alternate": [
                {"name": other.name, "link": f"{base_path}{other.code}/", "lang": other.html} for other in languages
            ],
            "notices": notice_entries(content, lang, now, strings),
        },
    }
    if site_url != "/":
        overrides["site_url"] = f"{site_url}{lang.code}/"
    header = "# Generated by kbgen from mkdocs.yml, content/ and locales/: do not edit.\n"
    return header + yaml.safe_dump(overrides, allow_unicode=True, sort_keys=False, width=1000)


def _plugin_name(entry) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def navigation(content: Content, pages: list[Page], home_title: str) -> list:
    """The site navigation: categories with their articles and FAQ page."""
    titles = {page.path: page.title for page in pages}
    nav: list = [{home_title: "index.md"}]
    for category in content.sorted_categories():
        # Every entry has its title here, not from the page's heading: a dirty
        # build reads only the changed pages, and the navigation must not change.
        section: list = [{category.title: f"{category.id}/index.md"}]
        section += [{a.title: f"{category.id}/{a.id}.md"} for a in content.articles_in(category.id)]
        faq_path = f"{category.id}/faq.md"
        if faq_path in titles:
            section.append({titles[faq_path]: faq_path})
        nav.append({category.title: section})
    for path in ("glossary.md", "contact.md"):
        if path in titles:
            nav.append({titles[path]: path})
    return nav


def build_epoch(content: Content) -> int:
    """A build date that only changes with the content: the newest review date.

    MkDocs stamps sitemaps with the build date; SOURCE_DATE_EPOCH keeps
    reruns byte-identical.
    """
    newest = max((a.last_reviewed for a in content.articles.values()), default=None)
    if newest is None:
        return 0
    return int(datetime.combine(newest, time(0), tzinfo=timezone.utc).timestamp())


def _inputs_digest(project: Project, config_path: Path, epoch: int) -> str:
    """A digest of everything a language build reads."""
    digest = hashlib.sha256(f"kbgen {kbgen.__version__} {epoch}\n".encode())
    for root in (config_path.parent, project.config_path, project.build_dir / "theme", Path(hooks.__file__)):
        _digest_files(digest, root)
    return digest.hexdigest()


def _needs_build(project: Project, config_path: Path, epoch: int) -> str | None:
    """The inputs digest when the language must be built, None when its site is current."""
    marker = config_path.parent / INPUTS_FILE
    digest = _inputs_digest(project, config_path, epoch)
    site_dir = project.site_dir / config_path.parent.name
    if site_dir.is_dir() and marker.is_file() and marker.read_text() == digest:
        log.info("%s: unchanged, not rebuilt", project.shown(site_dir))
        return None
    marker.unlink(missing_ok=True)  # an interrupted build must not look finished
    return digest


class _DirtyBuildNotice(logging.Filter):
    """MkDocs warns that dirty builds are for development; kbgen only makes one when the
    navigation and theme are unchanged, so it is exact. Dropped before strict mode counts it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_MKDOCS_BUILD_LOG = logging.getLogger("mkdocs.commands.build")
_MKDOCS_BUILD_LOG.addFilter(_DirtyBuildNotice())


def run_mkdocs(config_path: Path, epoch: int, dirty: bool = False) -> None:
    """One strict MkDocs build (`dirty`: only pages whose Markdown changed); errors become KbgenError."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        config = load_config(config_file=str(config_path), strict=True)
        build(config, dirty=dirty)
    except MkDocsException as exc:
        raise KbgenError(f"{config_path}: MkDocs build failed: {exc}") from None
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def clean(project: Project) -> None:
    """Remove generated files (the build folder and the site)."""
    for path in (project.build_dir, project.site_dir):
        shutil.rmtree(path, ignore_errors=True)
