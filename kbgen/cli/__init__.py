"""The `kbgen` command: parses arguments and calls one domain function per command."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click
from click.decorators import FC

import kbgen
from kbgen.errors import ContentError, KbgenError, Problem, os_error_line

log = logging.getLogger("kbgen")


@dataclass
class Context:
    root: Path
    warnings: WarningCounter

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
        except (KbgenError, OSError) as exc:  # OSError: disk full, read-only output...: which file, and why
            message = os_error_line(exc, ctx.obj.root if ctx.obj else Path(".")) if isinstance(exc, OSError) else exc
            click.echo(f"Error: {message}", err=True)
            ctx.exit(1)


@click.group(cls=KbgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(kbgen.__version__, prog_name="kbgen")
@click.option(
    "-C",
    "--project",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The help-center project (the folder with mkdocs.yml).",
)
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
        click.echo(str(problem), err=problem.severity == "error")


# Typed: kbgen.cli.i18n imports it while this package imports that module (a cycle mypy cannot infer through).
_LANG_OPTION: Callable[[FC], FC] = click.option(
    "-l",
    "--lang",
    "langs",
    multiple=True,
    metavar="LANG",
    help="Only this language (repeatable; default: every configured one).",
)
# Processes to build or check with: one per core unless told (a CI runner that shares its cores, a
# build beside other work, a test process among others).
_JOBS_OPTION: Callable[[FC], FC] = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    envvar="KBGEN_JOBS",
    metavar="N",
    help="Processes to work with (default: one per core; or the KBGEN_JOBS environment variable).",
)


_TODAY_OPTION = click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), help="Check as of this date (default: today)."
)


@cli.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github", "summary"]),
    default="text",
    show_default=True,
    help="github: GitHub Actions annotations for the first 10 errors and warnings; summary: every problem as Markdown.",
)
@click.option(
    "--summary",
    "summary_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help='Also append every problem as Markdown to FILE (e.g. "$GITHUB_STEP_SUMMARY").',
)
@click.option(
    "--changed-since",
    "base_ref",
    metavar="REF",
    help="Date-driven findings (policy level `changed`) are errors only in records changed since REF.",
)
@_TODAY_OPTION
@_JOBS_OPTION
@click.pass_obj
def check(
    obj: Context,
    strict: bool,
    output_format: str,
    summary_file: Path | None,
    base_ref: str | None,
    today,
    jobs: int | None,
) -> None:
    """Validate content, translations and staleness; exit 1 on errors (and on warnings with --strict).

    What counts as an error is set by extra.kbgen.policy in mkdocs.yml.
    """
    from kbgen.checks.changes import changes_since
    from kbgen.checks.summary import check_annotations, check_summary
    from kbgen.pipeline import check as check_project

    project = obj.project()
    changes = changes_since(project.root, base_ref) if base_ref else None
    problems = check_project(project, today.date() if today else None, changes, jobs)
    if output_format == "github":
        for line in check_annotations(problems):
            click.echo(line)
    elif output_format == "summary":
        click.echo(check_summary(problems, base_ref))
    else:
        _report(problems)
    if summary_file is not None:
        try:
            with summary_file.open("a", encoding="utf-8") as out:
                out.write(check_summary(problems, base_ref) + "\n")
        except OSError as exc:
            raise KbgenError(f"--summary: cannot write {summary_file}: {exc.strerror}") from None
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors + obj.warnings.count
    click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        sys.exit(1)


@cli.command()
@_LANG_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "summary"]),
    default="text",
    show_default=True,
    help="json: the documented report (docs/stale-report.md); github: annotations; "
    "summary: Markdown grouped by owner (for a CI job summary).",
)
@_TODAY_OPTION
@click.pass_obj
def stale(obj: Context, langs: tuple[str, ...], output_format: str, today) -> None:
    """Report what is stale: reviews due, outdated or missing translations, expired notices."""
    import json

    from kbgen.checks.report import github_annotations
    from kbgen.checks.stale import stale_report
    from kbgen.checks.stale_text import print_report
    from kbgen.pipeline import valid_content, with_reader_signals

    project = obj.project()
    content = with_reader_signals(project, valid_content(project)[0])
    report = stale_report(project, content, today.date() if today else None, _languages(project, langs))
    if output_format == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif output_format == "github":
        for line in github_annotations(report):
            click.echo(line)
    elif output_format == "summary":
        from kbgen.checks.summary import stale_summary

        click.echo(stale_summary(report))
    else:
        print_report(report)


@cli.command()
@click.option("--clean", "clean_first", is_flag=True, help="Remove earlier output first (only what kbgen made).")
@click.option(
    "--site-url", metavar="URL", help="Build for this address instead of mkdocs.yml's site_url (e.g. a preview)."
)
@click.option("--no-wait", is_flag=True, help="Stop at once if another build of this project is running.")
@click.option(
    "-l",
    "--lang",
    "langs",
    multiple=True,
    metavar="LANG",
    help="Build only this language (repeatable): one shard of a build spread over machines; "
    "`kbgen assemble` joins the shards.",
)
@_JOBS_OPTION
@click.pass_obj
def build(
    obj: Context, clean_first: bool, site_url: str | None, no_wait: bool, langs: tuple[str, ...], jobs: int | None
) -> None:
    """Build the help center into the site folder."""
    from kbgen.pipeline import build as build_help_center
    from kbgen.pipeline import content_memos, valid_content

    project = obj.project()
    if site_url:
        project = project.with_site_url(site_url)
    only = _site_languages(project, langs) if langs else None
    memos = content_memos(project)
    content, warnings = valid_content(project, memos=memos)
    for problem in warnings:
        log.warning("%s", problem)
    results = build_help_center(
        project, content, jobs=jobs, clean_first=clean_first, wait=not no_wait, only=only, memos=memos
    )
    for result in results:
        state = "built" if result.rebuilt else "unchanged"
        log.info("%s: %d pages, %s", result.lang.code, result.pages, state)
    built = ", ".join(r.lang.code for r in results)
    if only is None:
        click.echo(f"Site ready: {project.shown(project.site_dir / 'index.html')} ({built})")
    else:
        click.echo(f"Built {built} into {project.shown(project.site_dir)}/; join the languages with `kbgen assemble`")


@cli.command()
@click.option("--site-url", metavar="URL", help="The address the languages were built for (as given to build).")
@click.option("--no-wait", is_flag=True, help="Stop at once if another build of this project is running.")
@_JOBS_OPTION
@click.pass_obj
def assemble(obj: Context, site_url: str | None, no_wait: bool, jobs: int | None) -> None:
    """Join languages built separately (`build --lang X`) into the final site."""
    from kbgen.pipeline import assemble as assemble_site
    from kbgen.pipeline import valid_content

    project = obj.project()
    if site_url:
        project = project.with_site_url(site_url)
    content, _ = valid_content(project)
    assemble_site(project, content, jobs=jobs, wait=not no_wait)
    click.echo(f"Site ready: {project.shown(project.site_dir / 'index.html')}")


def _site_languages(project, codes: tuple[str, ...]) -> list:
    """The configured languages (the source included) named by `codes`."""
    known = {lang.code: lang for lang in (project.source, *project.targets)}
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise KbgenError(f"not a configured language: {', '.join(unknown)} (configured: {', '.join(known)})")
    return [known[code] for code in dict.fromkeys(codes)]


@cli.command()
@click.option(
    "-l", "--lang", "lang_code", default=None, metavar="LANG", help="The language to preview (default: the source)."
)
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


def _languages(project, codes: tuple[str, ...]):
    from kbgen.languages import language

    if not codes:
        return project.targets
    known = {lang.code for lang in project.targets}
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise KbgenError(
            f"not a configured target language: {', '.join(unknown)} (configured: {', '.join(sorted(known))})"
        )
    return [language(code) for code in codes]


from kbgen.cli.content import codeowners, mv, new, schema  # noqa: E402 - commands in their own modules register last
from kbgen.cli.i18n import i18n, translate  # noqa: E402
from kbgen.cli.labels import labels  # noqa: E402
from kbgen.cli.models import models  # noqa: E402
from kbgen.cli.signals import signals  # noqa: E402

cli.add_command(new)
cli.add_command(mv)
cli.add_command(schema)
cli.add_command(codeowners)
cli.add_command(i18n)
cli.add_command(translate)
cli.add_command(labels)
cli.add_command(models)
cli.add_command(signals)


def main() -> None:
    """Console entry point."""
    try:
        cli.main(prog_name="kbgen")
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
