"""The `kbgen` command: parses arguments and calls one domain function per command."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

import kbgen
from kbgen.errors import ContentError, KbgenError, Problem

log = logging.getLogger("kbgen")


@dataclass
class Context:
    root: Path
    warnings: "WarningCounter"

    def project(self):
        from kbgen.config import load_project

        return load_project(self.root)


class WarningCounter(logging.Handler):
    """Prints log records as `warning: ...` lines and counts warnings (for --strict)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.count += 1
        prefix = {logging.WARNING: "warning: ", logging.ERROR: "Error: "}.get(record.levelno, "")
        click.echo(prefix + record.getMessage(), err=True)


class KbgenGroup(click.Group):
    """Turns a user's mistake into readable lines and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            click.echo(f"Error: {len(exc.problems)} problem(s) found.", err=True)
            ctx.exit(1)
        except KbgenError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=KbgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(kbgen.__version__, prog_name="kbgen")
@click.option("-C", "--project", "root", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="The help-center project (the folder with mkdocs.yml).")
@click.option("-v", "--verbose", count=True, help="Say more (repeat for debug output).")
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
@click.pass_context
def cli(ctx: click.Context, root: Path, verbose: int, quiet: bool) -> None:
    """kbgen: build a multilingual help center from YAML articles and FAQs."""
    counter = WarningCounter()
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    for name in ("kbgen", "mkdocs"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [counter]
        logger.setLevel(level)
        logger.propagate = False
    counter.setLevel(level)
    ctx.obj = Context(root=root, warnings=counter)


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=problem.severity == "error" or None)


_LANG_OPTION = click.option("-l", "--lang", "langs", multiple=True, metavar="LANG",
                            help="Only this language (repeatable; default: every configured one).")
_TODAY_OPTION = click.option("--today", type=click.DateTime(["%Y-%m-%d"]),
                             help="Check as of this date (default: today).")


@cli.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text", show_default=True,
              help="github: GitHub Actions annotations (::error file=...,line=...::).")
@_TODAY_OPTION
@click.pass_obj
def check(obj: Context, strict: bool, output_format: str, today) -> None:
    """Validate content, translations and staleness; exit 1 on errors (and on warnings with --strict).

    What counts as an error is set by extra.kbgen.policy in mkdocs.yml.
    """
    from kbgen.checks import check_project
    from kbgen.checks.stale import annotation

    project = obj.project()
    problems = check_project(project, today.date() if today else None)
    if output_format == "github":
        for problem in problems:
            what = f"'{problem.key}': {problem.message}" if problem.key else problem.message
            click.echo(annotation(problem.severity, what, problem.file or None, problem.line, "kbgen check"))
    else:
        _report(problems)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors + obj.warnings.count
    click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        sys.exit(1)


@cli.command()
@_LANG_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="json: the documented report (docs/stale-report.md); github: annotations.")
@_TODAY_OPTION
@click.pass_obj
def stale(obj: Context, langs: tuple[str, ...], output_format: str, today) -> None:
    """Report what is stale: reviews due, outdated or missing translations, expired notices."""
    import json

    from kbgen.checks import load_valid_content
    from kbgen.checks.stale import github_annotations, stale_report
    from kbgen.checks.stale_text import print_report

    project = obj.project()
    content, _ = load_valid_content(project)
    report = stale_report(project, content, today.date() if today else None, _languages(project, langs))
    if output_format == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif output_format == "github":
        for line in github_annotations(report):
            click.echo(line)
    else:
        print_report(report)


@cli.command()
@click.option("--clean", "clean_first", is_flag=True, help="Remove earlier output first.")
@click.option("--site-url", metavar="URL", help="Build for this address instead of mkdocs.yml's site_url (e.g. a preview).")
@click.pass_obj
def build(obj: Context, clean_first: bool, site_url: str | None) -> None:
    """Build the help center into the site folder."""
    from kbgen.checks import load_valid_content
    from kbgen.pipeline import build_help_center
    from kbgen.site.build import clean

    project = obj.project()
    if site_url:
        project = project.with_site_url(site_url)
    content, warnings = load_valid_content(project)
    for problem in warnings:
        log.warning("%s", problem)
    if clean_first:
        clean(project)
    results = build_help_center(project, content)
    for result in results:
        state = "built" if result.rebuilt else "unchanged"
        log.info("%s: %d pages, %s", result.lang.code, result.pages, state)
    click.echo(f"Site ready: {project.shown(project.site_dir / 'index.html')} "
               f"({', '.join(r.lang.code for r in results)})")


@cli.command()
@click.option("-l", "--lang", "lang_code", default=None, metavar="LANG", help="The language to preview (default: the source).")
@click.option("-a", "--address", default="127.0.0.1:8000", show_default=True, help="HOST:PORT to serve on.")
@click.pass_obj
def serve(obj: Context, lang_code: str | None, address: str) -> None:
    """Live preview of one language: rebuilds when content, catalogs or the theme change."""
    from kbgen.languages import language
    from kbgen.preview import serve as serve_preview

    project = obj.project()
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter(f"'{address}' is not HOST:PORT", param_hint="--address")
    code = lang_code or project.source.code
    known = [project.source.code, *(lang.code for lang in project.targets)]
    if code not in known:
        raise KbgenError(f"'{code}' is not a configured language (configured: {', '.join(known)})")
    serve_preview(project, language(code), host, int(port))


@cli.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the schema files (default: schema/ in the project).")
@click.pass_obj
def schema(obj: Context, output: Path | None) -> None:
    """Write JSON Schemas of the content files, for editor autocompletion."""
    from kbgen.content.schema import write_schemas

    folder = output or obj.root / "schema"
    written = write_schemas(folder)
    click.echo(f"{len(written)} schema file(s) written to {folder}" if written else f"Schemas in {folder} are up to date")


@cli.group()
def new() -> None:
    """Create a new article or FAQ from a valid template."""


def _new(obj: Context, kind: str, category: str, slug: str) -> None:
    from kbgen.content.loader import load_content
    from kbgen.content.scaffold import new_file

    project = obj.project()
    content, _ = load_content(project.content_dir, project.root)
    path = new_file(project.content_dir, content, kind, category, slug, date.today())
    click.echo(f"Created {project.shown(path)}")


@new.command("article")
@click.argument("category")
@click.argument("slug")
@click.pass_obj
def new_article(obj: Context, category: str, slug: str) -> None:
    """Create content/articles/CATEGORY/SLUG.yaml."""
    _new(obj, "article", category, slug)


@new.command("faq")
@click.argument("category")
@click.argument("slug")
@click.pass_obj
def new_faq(obj: Context, category: str, slug: str) -> None:
    """Create content/faqs/CATEGORY/SLUG.yaml."""
    _new(obj, "faq", category, slug)


def _languages(project, codes: tuple[str, ...]):
    from kbgen.languages import language

    if not codes:
        return project.targets
    known = {lang.code for lang in project.targets}
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise KbgenError(f"not a configured target language: {', '.join(unknown)} (configured: {', '.join(sorted(known))})")
    return [language(code) for code in codes]


@cli.group()
def i18n() -> None:
    """Translation catalogs: update, status, QA."""


@i18n.command("update")
@_LANG_OPTION
@click.option("--minor", multiple=True, metavar="ID",
              help="Record whose edits are minor (e.g. article:reset-password): translations stay reviewed.")
@click.pass_obj
def i18n_update(obj: Context, langs: tuple[str, ...], minor: tuple[str, ...]) -> None:
    """Extract source segments into locales/content.pot and merge every language's content.po."""
    from kbgen.checks import load_valid_content
    from kbgen.i18n.workflow import update_catalogs

    project = obj.project()
    content, _ = load_valid_content(project)
    results = update_catalogs(project, content, _languages(project, langs), frozenset(minor))
    for result in results:
        s = result.stats
        click.echo(f"{result.lang.code:8} {s.new:5} new {s.outdated:5} outdated {s.kept:5} kept "
                   f"{s.reused:5} from memory {s.untranslated:5} untranslated  "
                   f"{'written' if result.written else 'unchanged'}")


@i18n.command("status")
@_LANG_OPTION
@click.pass_obj
def i18n_status(obj: Context, langs: tuple[str, ...]) -> None:
    """Segments per status in each language: reviewed, machine, outdated, missing."""
    from kbgen.i18n.workflow import load_catalog, status_counts

    project = obj.project()
    click.echo(f"{'lang':8} {'reviewed':>9} {'machine':>9} {'outdated':>9} {'missing':>9}")
    for lang in _languages(project, langs):
        catalog = load_catalog(project, lang)
        counts = status_counts(catalog) if catalog is not None else {}
        click.echo(f"{lang.code:8} " + " ".join(f"{counts.get(k, 0):9}" for k in ("reviewed", "machine", "outdated", "missing")))


@i18n.command("qa")
@_LANG_OPTION
@click.pass_obj
def i18n_qa(obj: Context, langs: tuple[str, ...]) -> None:
    """Check translations: spans, HTML, Markdown, glossary, length. Exit 1 on critical failures."""
    from kbgen.checks import load_valid_content
    from kbgen.i18n.workflow import qa_problems

    project = obj.project()
    content, _ = load_valid_content(project)
    problems = qa_problems(project, content, _languages(project, langs))
    _report(problems)
    errors = sum(p.severity == "error" for p in problems)
    click.echo(f"{errors} critical, {len(problems) - errors} other", err=True)
    if errors:
        sys.exit(1)


@cli.command()
@_LANG_OPTION
@click.option("-e", "--engine", "engine_name", default="argos", show_default=True,
              type=click.Choice(["argos", "apertium", "pseudo"]), help="Machine-translation engine.")
@click.pass_obj
def translate(obj: Context, langs: tuple[str, ...], engine_name: str) -> None:
    """Fill missing and outdated entries with machine drafts (marked for review)."""
    from rich.progress import Progress

    from kbgen.checks import load_valid_content
    from kbgen.i18n.drafts import draft_language
    from kbgen.i18n.engines import get_engine

    project = obj.project()
    content, _ = load_valid_content(project)
    engine = get_engine(engine_name)
    with Progress(transient=True, disable=not sys.stderr.isatty()) as bar:
        for lang in _languages(project, langs):
            task = bar.add_task(lang.code, total=None)
            result = draft_language(project, content, lang, engine,
                                    lambda _l, done, total: bar.update(task, completed=done, total=total))
            for rejected in result.rejected:
                log.warning("%s: rejected draft %s", lang.code, rejected)
            click.echo(f"{lang.code}: {result.drafted} draft(s), {len(result.rejected)} rejected")


@cli.group()
def signals() -> None:
    """Reader signals (searches, "Was this page helpful?") sent to extra.kbgen.signals_endpoint."""


@signals.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def signals_import(obj: Context, file: Path) -> None:
    """Import an export of signals (JSON Lines or CSV) for the dashboard."""
    from kbgen.checks.signals import import_signals

    target, summary = import_signals(obj.project(), file)
    for lang, data in summary.items():
        empty = ", ".join(f"{q['query']} ({q['count']})" for q in data["top_zero_result_queries"][:3]) or "none"
        click.echo(f"{lang}: {data['searches']} searches, {data['zero_results']} without results; top: {empty}")
    click.echo(f"Summary written to {target}")


@cli.group()
def models() -> None:
    """Argos Translate models for `kbgen translate --engine argos`."""


@models.command("install")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def models_install(file: Path) -> None:
    """Install an .argosmodel package file."""
    from kbgen.i18n.engines.argos import install_model

    model = install_model(file)
    click.echo(f"Installed {model.from_code} -> {model.to_code}: {model.name} {model.version} in {model.path}")


@models.command("list")
def models_list() -> None:
    """List installed Argos models."""
    from kbgen.i18n.engines.argos import list_models

    installed = list_models()
    for model in installed:
        click.echo(f"{model.from_code} -> {model.to_code}  {model.name} {model.version}  ({model.path})")
    if not installed:
        click.echo("No Argos models installed. Install one with `kbgen models install FILE.argosmodel`.")


def main() -> None:
    """Console entry point."""
    try:
        cli.main(prog_name="kbgen")
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
