"""The MkDocs side of a language build: its generated config, navigation, theme and the build call.

Each language gets a plain `<build_dir>/<lang>/mkdocs.yml` that INHERITs the
project's `mkdocs.yml` and overrides only what differs per language (its
language, navigation, paths, search and notices), so the generated configs
stay readable and portable to other MkDocs-compatible builders.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import posixpath
from collections.abc import Collection, Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from kbgen.config import Project, entry_name
from kbgen.content.model import Content
from kbgen.errors import ContentError, KbgenError
from kbgen.fsutil import remove_others, write_if_changed
from kbgen.languages import Language
from kbgen.safeio import InputError, read_input
from kbgen.site import hooks, search, ui
from kbgen.site.links import SEARCH
from kbgen.site.notices import notice_entries
from kbgen.site.pages import Page

THEME_DIR = Path(__file__).parent / "theme"
KBGEN_CSS = "assets/kbgen.css"
KBGEN_JS = "assets/kbgen.js"
KBGEN_SEARCH_JS = "assets/kb-search.js"
WORKING_SITE = "site"  # MkDocs' output, beside the generated config: the language's working copy


def prepare_theme(project: Project) -> Path:
    """Lay the project's own `custom_dir` over kbgen's Material overrides; return the merged folder."""
    merged = project.build_dir / "theme"
    files: dict[str, Path] = {}
    for source in (THEME_DIR, *project.theme_dirs):
        for path in sorted(source.rglob("*")):
            if path.is_file():
                files[path.relative_to(source).as_posix()] = path
    contents = {relative: _theme_file(project, path) for relative, path in files.items()}  # all read before any write
    for relative, data in contents.items():
        write_if_changed(merged / relative, data, durable=False)
    remove_others(merged, set(files))
    return merged


def check_theme_files(project: Project) -> None:
    """Raise ContentError when a file of the project's theme overrides cannot be published (before a build writes)."""
    for source in project.theme_dirs:
        for path in sorted(source.rglob("*")):
            if path.is_file() or path.is_symlink():
                _theme_file(project, path)


def _theme_file(project: Project, path: Path) -> bytes:
    """A theme file's bytes; the project's own must not be a symlink out of it (it would be published)."""
    if path.is_relative_to(THEME_DIR):
        return path.read_bytes()
    try:
        return read_input(path, project.shown(path), project.root, max_bytes=64_000_000)
    except InputError as exc:
        raise ContentError([exc.problem]) from None


def language_config(
    project: Project,
    content: Content,
    lang: Language,
    pages: list[Page],
    work: Path,
    now: datetime,
    translations,
    languages: list[Language],
    english: Collection[tuple[str, str, str]] = frozenset(),
) -> dict:
    """The per-language overrides on top of the project's mkdocs.yml (`config_text` writes them);
    `english`: the plain fields shown in the source language (`LocalizedContent.english`), marked as such in lists."""
    to_root = posixpath.relpath(project.root.resolve().as_posix(), work.resolve().as_posix())
    site_url = project.site_url or "/"
    base_path = urlsplit(site_url).path or "/"
    strings = ui.theme_strings(translations)
    # The name too: a project may write MkDocs' short form `theme: material`, which a mapping would replace.
    theme: dict = {"name": project.theme.get("name", "material"), "language": lang.material, "custom_dir": "../theme"}
    if lang.direction == "rtl":
        theme["direction"] = "rtl"
    overrides: dict = {
        "INHERIT": posixpath.join(to_root, project.config_path.name),
        "site_name": translations.gettext(project.site_name),  # a UI string (kbgen.i18n.theme)
        "docs_dir": "docs",
        "site_dir": WORKING_SITE,  # published into the site folder by kbgen.site.publish
        "theme": theme,
        "extra_css": [*project.extra_css, KBGEN_CSS],
        "extra_javascript": [*project.extra_javascript, KBGEN_JS, KBGEN_SEARCH_JS],
        # Search is kbgen's (Pagefind, see kbgen.site.search), not Material's.
        "plugins": [p for p in project.plugins if entry_name(p) not in ("search", "material/search")],
        # L10N: First entry of the navigation, the link to the home page (at most 20 characters)
        "nav": navigation(content, pages, translations.gettext("Home")),
        # The search page is reached from the header, not the navigation: not an omitted file for
        # MkDocs (a project's `validation: omitted_files: warn` failed every strict build), beside the project's own.
        "not_in_nav": "\n".join(part for part in (project.not_in_nav, f"/{SEARCH}") if part),
        "hooks": [hooks.__file__],
        "extra": {
            "kbgen_language": {
                "code": lang.code,
                "html": lang.html,
                "direction": lang.direction,
                "og_locale": lang.og_locale,
            },
            "kbgen_og_alternates": [other.og_locale for other in languages if other.code != lang.code],
            "kbgen_ui": strings,
            "kbgen_search": search.settings(lang, content, english, project.source),
            "kbgen_signals": project.settings.signals_endpoint or "",
            "kbgen_alternates": [{"hreflang": other.html, "href": f"{site_url}{other.code}/"} for other in languages]
            + [{"hreflang": "x-default", "href": f"{site_url}{project.source.code}/"}],
            "alternate": [
                {"name": other.name, "link": f"{base_path}{other.code}/", "lang": other.html} for other in languages
            ],
            "notices": notice_entries(content, lang, now, strings),
        },
    }
    if site_url != "/":
        overrides["site_url"] = f"{site_url}{lang.code}/"
    return overrides


def config_text(overrides: dict) -> str:
    """A language's generated mkdocs.yml."""
    header = "# Generated by kbgen from mkdocs.yml, content/ and locales/: do not edit.\n"
    return header + yaml.dump(overrides, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)


# LibYAML's emitter, where PyYAML has it (its wheels do). A config holds the whole navigation: at
# 200 articles x 16 languages the pure-Python emitter took 0.55 CPU-s of every rebuild of them all,
# LibYAML 0.05. It writes a key over 128 characters as `? key`: the same YAML.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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


class _DirtyBuildNotice(logging.Filter):
    """MkDocs warns that dirty builds are for development; kbgen makes one only when the
    effective configuration is unchanged, so it is exact. Dropped before strict mode counts it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_DIRTY_NOTICE = _DirtyBuildNotice()


@contextlib.contextmanager
def _build_environment(epoch: int) -> Iterator[None]:
    """SOURCE_DATE_EPOCH for MkDocs' dates, no dirty-build notice; both undone after."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    build_log = logging.getLogger("mkdocs.commands.build")
    build_log.addFilter(_DIRTY_NOTICE)
    try:
        yield
    finally:
        build_log.removeFilter(_DIRTY_NOTICE)
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


# Pages made from the navigation, the configuration and the build date alone. A dirty build is
# made only when the configuration and the date are the last build's; unless the navigation changed
# too, its copies of these are current (404.html renders the whole navigation: it cost about as much
# as all the changed pages of an edit).
NAVIGATION_TEMPLATES = frozenset({"404.html", "sitemap.xml"})


def run_mkdocs(
    config_path: Path, overrides: dict, epoch: int, dirty: bool = False, navigation_changed: bool = False
) -> None:
    """One strict MkDocs build (`dirty`: only pages whose Markdown file is newer than their HTML) of the
    configuration `overrides` written to `config_path` (`load_settings`); errors become KbgenError.
    A dirty build renders 404.html and the sitemap only if `navigation_changed`."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    with _build_environment(epoch):
        try:
            config = load_settings(config_path, overrides)
            if dirty and not navigation_changed:
                config.theme.static_templates.difference_update(NAVIGATION_TEMPLATES)
            build(config, dirty=dirty)
        except MkDocsException as exc:
            raise KbgenError(f"{config_path}: MkDocs build failed: {exc}") from None


def load_settings(config_path: Path, overrides: dict):
    """MkDocs' strict configuration of `overrides` as written to `config_path` (`config_text`).

    It is read from memory, the navigation as it is rather than as YAML:
    MkDocs parses YAML in pure Python, and the navigation, most of the file,
    took about 0.05 s of every language build at 200 articles. (A list, it
    replaces an inherited one whole, as the file's does.)
    """
    from mkdocs.config import load_config

    settings = io.BytesIO(config_text({key: value for key, value in overrides.items() if key != "nav"}).encode())
    settings.name = str(config_path)  # MkDocs finds the inherited mkdocs.yml beside this name
    return load_config(config_file=settings, strict=True, nav=overrides.get("nav"))
