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
  project's `mkdocs.yml` it inherits, the theme, kbgen and the libraries);
  a dirty MkDocs build, which re-renders only changed pages, is exact only
  when this is unchanged;
- `docs`: the generated Markdown (nothing to build when it and `config` are equal).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, time
from pathlib import Path

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


def sources_digest(project: Project, languages: list[Language], now: datetime, epoch: int, signals: str = "") -> str:
    """What every language reads: content, mkdocs.yml, the theme, kbgen, the date and the language set.

    The date is part of it because notices end and the dashboard counts days:
    the first build of a day renders again. `signals`: the reader signals the
    pages follow (the home page's popular questions).
    """
    digest = hashlib.sha256(
        f"{toolchain_digest()} {now.date()} {epoch} {[lang.code for lang in languages]} {project.site_url}"
        f" {signals}\n".encode()
    )
    for root in (project.content_dir, project.config_path, *project.theme_dirs):
        digest_files(digest, root)
    return digest.hexdigest()


def language_sources(common: str, project: Project, lang: Language) -> str:
    """`common` plus the language's own catalogs."""
    digest = hashlib.sha256(common.encode())
    digest_files(digest, project.locales_dir / lang.babel)
    return digest.hexdigest()


def config_digest(project: Project, config_path: Path, theme_dir: Path, epoch: int) -> str:
    """The effective MkDocs configuration of one language build."""
    digest = hashlib.sha256(f"{toolchain_digest()} {epoch}\n".encode())
    for root in (config_path, project.config_path, theme_dir):
        digest_files(digest, root)
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
