"""`kbgen i18n` (catalogs: update, status, QA, XLIFF) and `kbgen translate` (machine drafts)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kbgen.cli import _JOBS_OPTION, _LANG_OPTION, Context, _languages, _report, log


@click.group()
def i18n() -> None:
    """Translation catalogs: update, status, QA."""


@i18n.command("update")
@_LANG_OPTION
@click.option(
    "--minor",
    multiple=True,
    metavar="ID",
    help="Record whose edits are minor (e.g. article:reset-password): translations stay reviewed.",
)
@click.option(
    "--relayout",
    is_flag=True,
    help="Rewrite catalogs in gettext's layout even where only the layout differs (after a PO tool's save).",
)
@click.pass_obj
def i18n_update(obj: Context, langs: tuple[str, ...], minor: tuple[str, ...], relayout: bool) -> None:
    """Extract source segments into locales/content.pot and merge every language's content.po."""
    from kbgen.i18n.workflow import update_catalogs
    from kbgen.pipeline import valid_content

    project = obj.project()
    content, _ = valid_content(project)
    results = update_catalogs(project, content, _languages(project, langs), frozenset(minor), relayout)
    for result in results:
        s = result.stats
        click.echo(
            f"{result.lang.code:8} {s.new:5} new {s.outdated:5} outdated {s.kept:5} kept "
            f"{s.reused:5} from memory {s.untranslated:5} untranslated  "
            f"{'written' if result.written else 'unchanged'}"
        )


@i18n.command("status")
@_LANG_OPTION
@click.pass_obj
def i18n_status(obj: Context, langs: tuple[str, ...]) -> None:
    """Segments per status in each language, content and interface (UI-string) coverage side by side."""
    from kbgen.i18n.theme import ui_statuses
    from kbgen.i18n.workflow import load_catalog, status_counts
    from kbgen.vocabulary import ENTRY_STATUSES, EntryStatus

    project = obj.project()
    name = project.site_name
    click.echo(f"{'lang':8} " + " ".join(f"{status:>9}" for status in ENTRY_STATUSES) + f" {'content':>8} {'ui':>11}")
    for lang in _languages(project, langs):
        catalog = load_catalog(project, lang)
        counts = status_counts(catalog) if catalog is not None else {}
        total = sum(counts.values())
        content = f"{100 * counts.get(EntryStatus.REVIEWED, 0) / total:.0f}%" if total else "-"
        ui = list(ui_statuses(project.locales_dir, lang, name).values())
        ui_cell = f"{ui.count('reviewed')}/{len(ui)}"
        click.echo(
            f"{lang.code:8} "
            + " ".join(f"{counts.get(k, 0):9}" for k in ENTRY_STATUSES)
            + f" {content:>8} {ui_cell:>11}"
        )


@i18n.command("qa")
@_LANG_OPTION
@_JOBS_OPTION
@click.pass_obj
def i18n_qa(obj: Context, langs: tuple[str, ...], jobs: int | None) -> None:
    """Check translations: spans, HTML, Markdown, glossary, length. Exit 1 on critical failures."""
    from kbgen.pipeline import translation_qa, valid_content

    project = obj.project()
    content, _ = valid_content(project)
    problems = translation_qa(project, content, _languages(project, langs), jobs=jobs)
    _report(problems)
    errors = sum(p.severity == "error" for p in problems)
    click.echo(f"{errors} critical, {len(problems) - errors} other", err=True)
    if errors:
        sys.exit(1)


@i18n.command("export")
@click.option("-l", "--lang", "lang_code", required=True, metavar="LANG", help="The language to export.")
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["xliff"]),
    default="xliff",
    show_default=True,
    help="xliff: XLIFF 1.2 (Crowdin, Phrase, memoQ, Trados).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file to write."
)
@click.pass_obj
def i18n_export(obj: Context, lang_code: str, file_format: str, output: Path) -> None:
    """Write one language's content and UI catalogs as an exchange file, statuses included."""
    from kbgen.i18n.xliff import export_language

    project = obj.project()
    (lang,) = _languages(project, (lang_code,))
    count = export_language(project, lang, output)
    click.echo(f"{lang.code}: {count} unit(s) written to {output}")


@i18n.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def i18n_import(obj: Context, file: Path) -> None:
    """Read translations back from an exchange file; nothing is written unless every unit passes QA."""
    from kbgen.i18n.xliff import import_file
    from kbgen.pipeline import valid_content

    project = obj.project()
    content, _ = valid_content(project)
    lang, written = import_file(project, content, file)
    names = ", ".join(project.shown(path) for path in written)
    click.echo(f"{lang.code}: {'updated ' + names if written else 'no change'}")


@click.command()
@_LANG_OPTION
@click.option(
    "-e",
    "--engine",
    "engine_name",
    default="argos",
    show_default=True,
    type=click.Choice(["argos", "apertium", "pseudo"]),
    help="Machine-translation engine.",
)
@click.option(
    "--overwrite-outdated",
    is_flag=True,
    help="Replace outdated human translations with drafts (default: suggest in a comment).",
)
@click.pass_obj
def translate(obj: Context, langs: tuple[str, ...], engine_name: str, overwrite_outdated: bool) -> None:
    """Fill missing entries with machine drafts (marked for review); suggest for outdated ones.

    Without -l, every language the engine has a model for is drafted and the
    others are listed as skipped; with -l, a missing model is an error.
    """
    from rich.progress import Progress

    from kbgen.i18n.drafts import draft_language
    from kbgen.i18n.engines import EngineError, get_engine
    from kbgen.pipeline import valid_content

    project = obj.project()
    content, _ = valid_content(project)
    engine = get_engine(engine_name)
    skipped = []
    with Progress(transient=True, disable=not sys.stderr.isatty()) as bar:
        for lang in _languages(project, langs):
            task = bar.add_task(lang.code, total=None)

            def progress(_lang, done, total, task=task):  # this language's bar (task bound now, not at call)
                bar.update(task, completed=done, total=total)

            try:
                result = draft_language(project, content, lang, engine, progress, overwrite_outdated)
            except EngineError as error:
                if langs:
                    raise
                skipped.append(f"{lang.code} ({error})")
                continue
            for rejected in result.rejected:
                log.warning("%s: rejected draft %s", lang.code, rejected)
            click.echo(
                f"{lang.code}: {result.drafted} draft(s), {result.suggested} suggestion(s) for outdated "
                f"translations, {len(result.rejected)} rejected"
            )
    if skipped:
        click.echo(f"Skipped {len(skipped)} language(s) without a {engine.name} model:", err=True)
        for line in skipped:
            click.echo(f"  {line}", err=True)
