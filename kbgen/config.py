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
from kbgen.plaintext import find_markup
from kbgen.pytags import check_config_file
from kbgen.records import Record, explain
from kbgen.safeio import DEFAULT_MAX_BYTES
from kbgen.yamlfile import LineDict, YamlError, line_of

CONFIG_FILE = "mkdocs.yml"


# changed: an error in the records a change touches (`kbgen check --changed-since REF`), a warning
# elsewhere and when no base is given; for findings the calendar makes, so an unchanged tree never fails.
Level = Literal["error", "changed", "warning", "ignore"]


class Policy(Record):
    """What `kbgen check` fails on (error), reports (warning) or leaves to `kbgen stale` (ignore).

    Findings that appear with the date alone (a review past due, a notice or
    article that ended) default to `changed`: a deploy is never refused
    because of something nobody changed.
    """

    review_grace_days: int = Field(0, ge=0, description="Days a review may be overdue before it is `review_late`")
    review_overdue: Level = "warning"  # overdue, within the grace period
    review_late: Level = "changed"  # overdue beyond the grace period (by default: overdue at all)
    review_due_within_days: int = Field(14, ge=0, description="Reviews due this soon are listed by `kbgen stale`")
    outdated_translations: Level = "warning"
    missing_translations: Level = "ignore"
    machine_drafts: Level = "ignore"
    popular_questions: Literal["error", "changed", "warning", "info"] = Field(
        "info",
        description="The least severity of a popular question (the home page's list) outdated, untranslated or "
        "a machine draft in a language: the stricter of this and the level above applies",
    )
    expired_notices: Level = "changed"
    expired_articles: Level = "changed"


class MachineTranslation(Record):
    """Where unreviewed machine translation may be published: a risk decision, not only a language switch.

    Text that is not published shows the English original, block by block.
    """

    publish: list[str] = Field([], description="Languages whose site shows unreviewed machine drafts (with a banner)")
    never_in: list[str] = Field(
        ["warning", "danger"], description="Admonition types whose text is never machine-published"
    )
    sensitive_categories: list[str] = Field(
        ["verification", "deposits-withdrawals"],
        description="Categories whose articles and answers are never machine-published",
    )
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
    # Where readers' searches and "Was this page helpful?" answers are sent (navigator.sendBeacon:
    # no cookies, no identifiers). Nothing is sent when it is not set.
    signals_endpoint: str | None = Field(None, pattern=r"^(https://|/)")
    policy: Policy = Policy()
    # Largest content, catalog or config file kbgen reads; a help article is a few kilobytes.
    max_file_bytes: int = Field(DEFAULT_MAX_BYTES, gt=0, description="Largest input file kbgen reads, in bytes")
    # Modules whose `!!python/name:` and `!!python/object/apply:` tags mkdocs.yml may use,
    # besides material and pymdownx: any other tag would run code when MkDocs loads the file.
    allowed_python_tags: list[str] = []

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
    config_files: tuple[Path, ...] = ()  # mkdocs.yml and the files it INHERITs: what MkDocs reads of the settings
    config_environment: tuple[str, ...] = ()  # the environment variables they read with `!ENV`

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
    def theme(self) -> dict[str, Any]:
        """The `theme` setting as a mapping (MkDocs also accepts `theme: material`)."""
        theme = self.mkdocs.get("theme")
        if isinstance(theme, str):
            return {"name": theme}
        return dict(theme) if isinstance(theme, dict) else {}

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

    @property
    def not_in_nav(self) -> str:
        """MkDocs' patterns of pages left out of the navigation on purpose (gitignore lines)."""
        return str(self.mkdocs.get("not_in_nav") or "").strip()

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
    """Read and validate mkdocs.yml; raise an error naming file, line and key.

    Python tags in it (and in files it INHERITs) are checked against the
    allowlist here, before MkDocs, which would run them, ever loads it.
    """
    path = root / CONFIG_FILE
    shown = display_path(path, root)
    if not path.exists() and not path.is_symlink():
        raise KbgenError(f"{path}: not found (run kbgen in a help-center project, or pass --project)")
    try:
        raw, tags = check_config_file(path, root)
    except YamlError as exc:
        raise ContentError([exc.problem]) from None
    if not isinstance(raw, LineDict):
        raise ContentError([Problem(shown, 1, "expected a mapping of MkDocs settings")])
    extra = raw["extra"] if isinstance(raw.get("extra"), dict) else {}
    section = extra.get("kbgen") or LineDict()
    try:
        settings = Settings.model_validate(section)
    except ValidationError as exc:
        problems = [
            Problem(
                p.file,
                p.line or line_of(raw, ("extra", "kbgen")),
                p.message,
                key=f"extra.kbgen.{p.key}" if p.key else "extra.kbgen",
            )
            for p in explain(exc, section, shown, Settings)
        ]
        raise ContentError(problems) from None
    project = Project(
        root=root,
        config_path=path,
        mkdocs=raw,
        settings=settings,
        config_files=tuple(tags.files),
        config_environment=tuple(sorted(set(tags.environment))),
    )
    problems = tags.refused(settings.allowed_python_tags) + _site_problems(raw, shown)
    problems = problems or _output_folder_problems(project, raw, shown)  # folders need a readable theme
    if problems:
        raise ContentError(problems)
    return project


def _output_folder_problems(project: Project, raw: LineDict, shown: str) -> list[Problem]:
    """The site and build folders are kbgen's to delete and rewrite: they must hold nothing else.

    Each must lie inside the project, below its root, and neither contain nor
    lie inside the content, the catalogs, the theme overrides or mkdocs.yml.
    """
    root = project.root.resolve()
    precious = {
        "content_dir": project.content_dir,
        "locales_dir": project.locales_dir,
        "mkdocs.yml": project.config_path,
    }
    if project.custom_dir:
        precious["theme.custom_dir"] = project.custom_dir
    problems = []
    for key, folder, where in (
        ("site_dir", project.site_dir, ("site_dir",)),
        ("extra.kbgen.build_dir", project.build_dir, ("extra", "kbgen", "build_dir")),
    ):
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
            problems.append(
                Problem(
                    shown,
                    line_of(raw, where),
                    f"'{folder.relative_to(project.root) if folder.is_relative_to(project.root) else folder}' {reason}: kbgen deletes and rewrites this folder, so it must hold only what kbgen builds",
                    key=key,
                )
            )
    return problems


def entry_name(entry: Any) -> str:
    """The name of an entry of MkDocs' `plugins` or `markdown_extensions`: `name` or `{name: settings}`."""
    return str(next(iter(entry), "")) if isinstance(entry, dict) else str(entry)


# The Markdown extensions kbgen's pages are written for: banners and boxes are admonitions, classes
# and search weights attribute lists, home and category grids Markdown inside HTML; content has tables.
PAGE_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables")


def _site_problems(raw: LineDict, shown: str) -> list[Problem]:
    """MkDocs settings kbgen prints, links by or replaces: site_name is plain text; theme is a name
    or a mapping; pages have directory URLs and the Markdown extensions they are written for;
    the navigation is kbgen's."""
    problems = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(shown, line_of(raw, (key,)), message, key=key))

    name, theme = raw.get("site_name"), raw.get("theme")
    if "site_name" in raw and (not isinstance(name, str) or not name.strip()):
        problem("site_name", "must be the site's name (text)")
    elif isinstance(name, str) and (found := find_markup(name)):
        problem("site_name", f"plain text must not contain markup: {found[0]}")
    if (
        not isinstance(theme, (str, dict))
        or isinstance(theme, dict)
        and not isinstance(theme.get("custom_dir", ""), str)
    ):
        problem("theme", "expected a theme name (material) or a mapping with 'name: material'")
    extensions = raw.get("markdown_extensions")
    if extensions is not None or "INHERIT" not in raw:  # an inherited file's list is not read here
        named = extensions if isinstance(extensions, (list, dict)) else []
        names = {entry_name(e).removeprefix("markdown.extensions.") for e in named}
        if missing := [name for name in PAGE_EXTENSIONS if name not in names]:
            # Without them a reader saw `!!! kb-contact` and `{ .md-button }` as text on every page.
            problem("markdown_extensions", f"kbgen's pages need {', '.join(PAGE_EXTENSIONS)}: add {', '.join(missing)}")
    if "nav" in raw:  # replaced in every language's configuration: its entries would vanish without a word
        problem("nav", "kbgen builds the navigation from content/ (categories, articles, FAQs): remove this setting")
    if raw.get("use_directory_urls", True) is not True:
        # The language switcher, the status banners, search results, the home and contact pages'
        # lists and the dashboard link to `page/`: with `page.html` files every one of them breaks.
        problem(
            "use_directory_urls",
            "kbgen builds pages as folders (page/index.html, linked as page/): remove this setting",
        )
    return problems
