"""What a language build depends on, and what its last successful build was made from.

A language is rebuilt only when one of its inputs changed. Everything that
can change the output is in a digest: the content, the language's catalogs,
`mkdocs.yml`, the theme overrides, every file of kbgen itself and the
installed versions of the libraries that render, index or sanitize.

Three digests are kept per language in `<build_dir>/<lang>/.state.json`,
written only after a build succeeded (and removed before one starts, so an
interrupted build never looks finished):

- `sources`: what kbgen reads to render the language (skip everything when equal);
- `config`: the effective MkDocs configuration (the generated config, the
  project's `mkdocs.yml` it inherits, the theme, kbgen and the libraries)
  but what only some pages show (the navigation, the search box's popular
  articles); a dirty MkDocs build, which re-renders only changed pages, is
  exact only when this is unchanged;
- `docs`: the generated Markdown (nothing to build when it, `config` and
  the navigation are equal);

with the navigation's digest and, per page, what it shows beyond its
Markdown (`kbgen.site.page_views`): a page whose view changed is rendered
again, the others keep their HTML.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from time import time_ns

from kbgen.config import Project
from kbgen.content.model import Content
from kbgen.languages import Language
from kbgen.toolchain import digest_files, toolchain_digest

STATE_FILE = ".state.json"


@dataclass(frozen=True)
class BuildState:
    sources: str
    config: str
    docs: str
    pages: int
    nav: str = ""  # the whole navigation's digest
    views: dict[str, str] = field(default_factory=dict)  # page -> what it shows beyond its Markdown


def renavigated(last: BuildState, now: BuildState) -> list[str] | None:
    """The pages whose view (`page_views`) is new or changed since `last`; None when a page is gone
    (a dirty build would leave its HTML behind: only a full build removes it)."""
    if not set(last.views) <= set(now.views):
        return None
    return sorted(page for page, view in now.views.items() if last.views.get(page) != view)


def mark_modified(docs: Path, pages: list[str]) -> None:
    """Make pages newer than their HTML: MkDocs' dirty build renders exactly those whose Markdown is newer."""
    now = time_ns()
    for page in pages:
        os.utime(docs / page, ns=(now, now))


def read_state(work: Path) -> BuildState | None:
    try:
        return BuildState(**json.loads((work / STATE_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None  # no build finished here, or an older format: build again


def write_state(work: Path, state: BuildState) -> None:
    from kbgen.fsutil import write_if_changed

    write_if_changed(work / STATE_FILE, json.dumps(asdict(state), sort_keys=True) + "\n")


def forget_state(work: Path) -> None:
    """Before a build starts: until it finishes, the language is not built."""
    (work / STATE_FILE).unlink(missing_ok=True)


def sources_digest(
    project: Project, languages: list[Language], now: datetime, epoch: int, signals: str = "", notices: str = ""
) -> str:
    """What every language reads: content, mkdocs.yml, the theme, kbgen, the date and the language set.

    The date is part of it because the dashboard counts days: the first build
    of a day renders again. `signals`: the reader signals the pages follow (the
    home page's popular questions); `notices`: which notices have started and
    which have ended (pages hide a notice until it starts and leave it out once
    it ended: a build later the same day may show another set).
    """
    digest = hashlib.sha256(
        f"{toolchain_digest()} {now.date()} {epoch} {[lang.code for lang in languages]} {project.site_url}"
        f" {signals} {notices}\n".encode()
    )
    for root in (project.content_dir, *_settings_files(project), *project.theme_dirs):
        digest_files(digest, root)
    digest.update(_config_environment(project).encode())
    return digest.hexdigest()


def _settings_files(project: Project) -> tuple[Path, ...]:
    """mkdocs.yml and the files it INHERITs."""
    return project.config_files or (project.config_path,)


def _config_environment(project: Project) -> str:
    """The values of the environment variables the settings read with `!ENV`: MkDocs puts them in
    the configuration, so another value is another site, though no file changed."""
    return json.dumps({name: os.environ.get(name) for name in project.config_environment})


def language_sources(common: str, project: Project, lang: Language) -> str:
    """`common` plus the language's own catalogs."""
    digest = hashlib.sha256(common.encode())
    digest_files(digest, project.locales_dir / lang.babel)
    return digest.hexdigest()


def config_digest(project: Project, settings: str, theme_dir: Path, epoch: int) -> str:
    """The effective MkDocs configuration of one language build, but what only some pages show
    (`settings`: the digest of the generated config without it, `page_views.per_page`)."""
    digest = hashlib.sha256(f"{toolchain_digest()} {epoch}\n{settings}\n".encode())
    for root in (*_settings_files(project), theme_dir):
        digest_files(digest, root)
    digest.update(_config_environment(project).encode())
    return digest.hexdigest()


def docs_digest(docs: Path) -> str:
    digest = hashlib.sha256()
    digest_files(digest, docs)
    return digest.hexdigest()


def build_epoch(content: Content) -> int:
    """A build date that only changes with the content: the newest review date.

    MkDocs stamps sitemaps with the build date; SOURCE_DATE_EPOCH keeps
    reruns byte-identical.
    """
    newest = max((a.last_reviewed for a in content.articles.values()), default=None)
    if newest is None:
        return 0
    return int(datetime.combine(newest, time(0), tzinfo=UTC).timestamp())
