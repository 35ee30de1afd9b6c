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


class MachineTranslation(Record):
    """Where unreviewed machine translation may be published: a risk decision, not only a language switch.

    Text that is not published shows the English original, block by block.
    """

    publish: list[str] = Field([], description="Languages whose site shows unreviewed machine drafts (with a banner)")
    never_in: list[str] = Field(["warning", "danger"], description="Admonition types whose text is never machine-published")
    sensitive_categories: list[str] = Field(
        ["verification", "deposits-withdrawals"], description="Categories whose articles and answers are never machine-published")
    top_articles: bool = Field(False, description="Whether `priority: top` articles may show machine translation")


class Settings(Record):
    """The `extra.kbgen` section of mkdocs.yml."""

    content_dir: str = "content"
    locales_dir: str = "locales"
    build_dir: str = ".kbgen"
    source_language: str = SOURCE_LANGUAGE
    languages: list[str] = list(DEFAULT_TARGETS)
    # Shorthand for `machine_translation: {publish: [...]}`: publish where safe, by the default risk rules.
    publish_machine_drafts: list[str] = []
    machine_translation: MachineTranslation = MachineTranslation()
    # Domains content may link to (subdomains included); links elsewhere are reported,
    # since a look-alike domain in a help article is how phishing gets in. Default: site_url's domain.
    external_domains: list[str] | None = None
    policy: Policy = Policy()

    @field_validator("source_language")
    @classmethod
    def _known_source(cls, code: str) -> str:
        language(code)
        return code

    @property
    def machine_policy(self) -> MachineTranslation:
        """The machine-publishing policy, with the `publish_machine_drafts` shorthand folded in."""
        publish = list(dict.fromkeys([*self.machine_translation.publish, *self.publish_machine_drafts]))
        return self.machine_translation.model_copy(update={"publish": publish})

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

    # MkDocs settings kbgen reads, typed; everything else in mkdocs.yml is MkDocs' own.

    @property
    def site_name(self) -> str:
        return str(self.mkdocs.get("site_name") or "Help Center")

    @property
    def site_url(self) -> str:
        """The published address with a final slash, or "" when mkdocs.yml has none."""
        url = self.mkdocs.get("site_url") or ""
        return url.rstrip("/") + "/" if url else ""

    @property
    def custom_dir(self) -> Path | None:
        """The project's own Material overrides (`theme.custom_dir`), laid over kbgen's."""
        theme = self.mkdocs.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        return self.root / custom if custom else None

    @property
    def theme_dirs(self) -> list[Path]:
        return [self.custom_dir] if self.custom_dir else []

    @property
    def extra_css(self) -> list[str]:
        return list(self.mkdocs.get("extra_css") or [])

    @property
    def extra_javascript(self) -> list[str]:
        return list(self.mkdocs.get("extra_javascript") or [])

    @property
    def plugins(self) -> list:
        return list(self.mkdocs.get("plugins") or [])

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    @property
    def external_domains(self) -> list[str]:
        if self.settings.external_domains is not None:
            return self.settings.external_domains
        host = urlsplit(self.site_url).hostname
        return [host] if host else []

    def with_site_url(self, url: str) -> Project:
        """The same project published at another address (a preview, a test server)."""
        return replace(self, mkdocs={**self.mkdocs, "site_url": url.rstrip("/") + "/"})


def load_project(root: Path) -> Project:
    """Read and validate mkdocs.yml; raise an error naming file, line and key."""
    path = root / CONFIG_FILE
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
    project = Project(root=root, config_path=path, mkdocs=raw, settings=settings)
    problems = _output_folder_problems(project, raw, shown)
    if problems:
        raise ContentError(problems)
    return project


def _output_folder_problems(project: Project, raw: LineDict, shown: str) -> list[Problem]:
    """The site and build folders are kbgen's to delete and rewrite: they must hold nothing else.

    Each must lie inside the project, below its root, and neither contain nor
    lie inside the content, the catalogs, the theme overrides or mkdocs.yml.
    """
    root = project.root.resolve()
    precious = {"content_dir": project.content_dir, "locales_dir": project.locales_dir, "mkdocs.yml": project.config_path}
    if project.custom_dir:
        precious["theme.custom_dir"] = project.custom_dir
    problems = []
    for key, folder, where in (("site_dir", project.site_dir, ("site_dir",)),
                               ("extra.kbgen.build_dir", project.build_dir, ("extra", "kbgen", "build_dir"))):
        target = folder.resolve()
        reason = None
        if target == root or target in root.parents:
            reason = "is the project folder or contains it"
        elif root not in target.parents:
            reason = "is outside the project folder"
        else:
            for name, path in precious.items():
                kept = path.resolve()
                if kept == target or target in kept.parents or kept in target.parents:
                    reason = f"overlaps {name} ({display_path(path, project.root)})"
                    break
        if reason:
            problems.append(Problem(shown, line_of(raw, where), f"'{folder.relative_to(project.root) if folder.is_relative_to(project.root) else folder}' {reason}: kbgen deletes and rewrites this folder, so it must hold only what kbgen builds", key=key))
    return problems
