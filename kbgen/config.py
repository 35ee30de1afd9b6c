"""The project: `mkdocs.yml` (site settings) and its `extra.kbgen` section.

kbgen's own settings live under `extra.kbgen` so that `mkdocs.yml` stays a
plain MkDocs file that every language build can INHERIT unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator

from kbgen.errors import ContentError, KbgenError, Problem, display_path
from kbgen.languages import DEFAULT_TARGETS, SOURCE_LANGUAGE, Language, language
from kbgen.records import Record, explain
from kbgen.yamlfile import LineDict, YamlError, line_of, load_yaml

CONFIG_FILE = "mkdocs.yml"


Level = Literal["error", "warning", "ignore"]


class Policy(Record):
    """What `kbgen check` fails on (error), reports (warning) or leaves to `kbgen stale` (ignore)."""

    review_grace_days: int = Field(0, ge=0, description="Days a review may be overdue before it is `review_late`")
    review_overdue: Level = "warning"  # overdue, within the grace period
    review_late: Level = "error"  # overdue beyond the grace period (by default: overdue at all)
    review_due_within_days: int = Field(14, ge=0, description="Reviews due this soon are listed by `kbgen stale`")
    outdated_translations: Level = "warning"
    missing_translations: Level = "ignore"
    machine_drafts: Level = "ignore"
    expired_notices: Level = "error"
    expired_articles: Level = "error"


class Settings(Record):
    """The `extra.kbgen` section of mkdocs.yml."""

    content_dir: str = "content"
    locales_dir: str = "locales"
    build_dir: str = ".kbgen"
    source_language: str = SOURCE_LANGUAGE
    languages: list[str] = list(DEFAULT_TARGETS)
    publish_machine_drafts: list[str] = []  # languages whose site shows unreviewed machine drafts (with a banner)
    # Domains content may link to (subdomains included); links elsewhere are reported,
    # since a look-alike domain in a help article is how phishing gets in. Default: site_url's domain.
    external_domains: list[str] | None = None
    # Where readers' searches and "Was this page helpful?" answers are sent (navigator.sendBeacon:
    # no cookies, no identifiers). Nothing is sent when it is not set.
    signals_endpoint: str | None = Field(None, pattern=r"^(https://|/)")
    policy: Policy = Policy()

    @field_validator("source_language")
    @classmethod
    def _known_source(cls, code: str) -> str:
        language(code)
        return code

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, codes: list[str]) -> list[str]:
        for code in codes:
            language(code)
        if len(set(codes)) != len(codes):
            raise ValueError("a language is listed twice")
        return codes


@dataclass(frozen=True)
class Project:
    root: Path
    config_path: Path
    mkdocs: dict[str, Any]
    settings: Settings

    @property
    def content_dir(self) -> Path:
        return self.root / self.settings.content_dir

    @property
    def locales_dir(self) -> Path:
        return self.root / self.settings.locales_dir

    @property
    def build_dir(self) -> Path:
        return self.root / self.settings.build_dir

    @property
    def site_dir(self) -> Path:
        return self.root / self.mkdocs.get("site_dir", "site")

    @property
    def source(self) -> Language:
        return language(self.settings.source_language)

    @property
    def targets(self) -> list[Language]:
        return [language(code) for code in self.settings.languages if code != self.settings.source_language]

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    @property
    def external_domains(self) -> list[str]:
        if self.settings.external_domains is not None:
            return self.settings.external_domains
        host = urlsplit(self.mkdocs.get("site_url") or "").hostname
        return [host] if host else []

    def with_site_url(self, url: str) -> Project:
        """The same project published at another address (a preview, a test server)."""
        return replace(self, mkdocs={**self.mkdocs, "site_url": url.rstrip("/") + "/"})


def load_project(root: Path, config_file: str = CONFIG_FILE) -> Project:
    """Read and validate mkdocs.yml; raise an error naming file, line and key."""
    path = root / config_file
    shown = display_path(path, root)
    if not path.is_file():
        raise KbgenError(f"{path}: not found (run kbgen in a help-center project, or pass --project)")
    try:
        raw = load_yaml(path, shown, mkdocs_tags=True)
    except YamlError as exc:
        raise ContentError([exc.problem]) from None
    if not isinstance(raw, LineDict):
        raise ContentError([Problem(shown, 1, "expected a mapping of MkDocs settings")])
    extra = raw.get("extra") if isinstance(raw.get("extra"), dict) else {}
    section = extra.get("kbgen") or LineDict()
    try:
        settings = Settings.model_validate(section)
    except ValidationError as exc:
        problems = [
            Problem(p.file, p.line or line_of(raw, ("extra", "kbgen")), p.message, key=f"extra.kbgen.{p.key}" if p.key else "extra.kbgen")
            for p in explain(exc, section, shown, Settings)
        ]
        raise ContentError(problems) from None
    return Project(root=root, config_path=path, mkdocs=raw, settings=settings)
