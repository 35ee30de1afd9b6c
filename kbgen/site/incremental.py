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
from datetime import datetime, time, timezone
from functools import cache
from importlib import metadata
from pathlib import Path

import kbgen
from kbgen.config import Project
from kbgen.content.model import Content
from kbgen.languages import Language

STATE_FILE = ".state.json"
KBGEN_DIR = Path(kbgen.__file__).parent
# The libraries whose version changes what a build writes.
RENDERING_LIBRARIES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "babel", "markdown-it-py",
                       "mdit-py-plugins", "nh3", "jieba", "pagefind", "jinja2", "markdown", "pyyaml")


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


@cache
def toolchain_digest() -> str:
    """kbgen's own files and the versions of the libraries it renders with (fixed for a process)."""
    digest = hashlib.sha256()
    for name in RENDERING_LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}=={version}\n".encode())
    digest_files(digest, KBGEN_DIR)
    return digest.hexdigest()


def sources_digest(project: Project, languages: list[Language], now: datetime, epoch: int) -> str:
    """What every language reads: content, mkdocs.yml, the theme, kbgen, the date and the language set.

    The date is part of it because notices end and the dashboard counts days:
    the first build of a day renders again.
    """
    digest = hashlib.sha256(f"{toolchain_digest()} {now.date()} {epoch} {[lang.code for lang in languages]} "
                            f"{project.site_url}\n".encode())
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


def digest_files(digest, root: Path) -> None:  # noqa: ANN001 - a hashlib object
    """Add a file, or every file under a folder, to `digest`. Dotfiles are kbgen's markers, not inputs."""
    if root.is_file():
        files = [root]
    elif root.is_dir():
        files = sorted(p for p in root.rglob("*")
                       if p.is_file() and not p.name.startswith(".") and "__pycache__" not in p.parts)
    else:
        files = []
    for path in files:
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def build_epoch(content: Content) -> int:
    """A build date that only changes with the content: the newest review date.

    MkDocs stamps sitemaps with the build date; SOURCE_DATE_EPOCH keeps
    reruns byte-identical.
    """
    newest = max((a.last_reviewed for a in content.articles.values()), default=None)
    if newest is None:
        return 0
    return int(datetime.combine(newest, time(0), tzinfo=timezone.utc).timestamp())
