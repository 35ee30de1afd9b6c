"""Commands that write content: `kbgen new`, `kbgen mv`, `kbgen schema` and `kbgen codeowners`."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import click

log = logging.getLogger("kbgen")


def _output_option(help: str, folder: bool):
    """`-o/--output`: where a command writes, a folder or a file."""
    path = click.Path(file_okay=not folder, dir_okay=folder, path_type=Path)
    return click.option("-o", "--output", type=path, default=None, help=help)


@click.command()
@_output_option("Folder for the schema files (default: schema/ in the project).", folder=True)
@click.pass_obj
def schema(obj, output: Path | None) -> None:
    """Write JSON Schemas of the content files, for editor autocompletion."""
    from kbgen.content.schema import write_schemas

    folder = output or obj.root / "schema"
    written = write_schemas(folder)
    click.echo(
        f"{len(written)} schema file(s) written to {folder}" if written else f"Schemas in {folder} are up to date"
    )


@click.group()
def new() -> None:
    """Create a new article or FAQ from a valid template."""


def _new(obj, kind: str, category: str, slug: str) -> None:
    from kbgen.content.loader import load_content
    from kbgen.content.scaffold import new_file

    project = obj.project()
    content, _ = load_content(project.content_dir, project.root, project.settings.max_file_bytes)
    path = new_file(project.content_dir, content, kind, category, slug, date.today())
    click.echo(f"Created {project.shown(path)}")


@new.command("article")
@click.argument("category")
@click.argument("slug")
@click.pass_obj
def new_article(obj, category: str, slug: str) -> None:
    """Create content/articles/CATEGORY/SLUG.yaml."""
    _new(obj, "article", category, slug)


@new.command("faq")
@click.argument("category")
@click.argument("slug")
@click.pass_obj
def new_faq(obj, category: str, slug: str) -> None:
    """Create content/faqs/CATEGORY/SLUG.yaml."""
    _new(obj, "faq", category, slug)


@click.command()
@_output_option("Where to write it (default: .github/CODEOWNERS in the project).", folder=False)
@click.pass_obj
def codeowners(obj, output: Path | None) -> None:
    """Write CODEOWNERS from the owners of categories, articles and FAQs (GitHub handles and teams)."""
    from kbgen.content.owners import codeowners as generate
    from kbgen.fsutil import write_if_changed
    from kbgen.pipeline import valid_content as load_valid_content

    project = obj.project()
    content, _ = load_valid_content(project)
    result = generate(content, project.settings.content_dir)
    for line in result.skipped:
        log.warning("%s", line)
    path = output or project.root / ".github" / "CODEOWNERS"
    written = write_if_changed(path, result.text)
    click.echo(f"{project.shown(path)}: {result.lines} owner line(s), {'written' if written else 'unchanged'}")


@click.command("mv")
@click.argument("kind", type=click.Choice(["article", "faq", "category"]))
@click.argument("old")
@click.argument("new")
@click.pass_obj
def mv(obj, kind: str, old: str, new: str) -> None:
    """Rename an article, FAQ or category: file, id, references, catalogs; OLD's URLs redirect to NEW."""
    from kbgen.rename import rename

    project = obj.project()
    result = rename(project, kind, old, new)
    click.echo(
        f"Renamed {kind} '{old}' to '{new}': {result.files} file(s) written, {result.references} "
        f"reference(s) updated, {result.entries} catalog entr{'y' if result.entries == 1 else 'ies'} "
        f"renamed; '{old}' is kept as an alias (its URLs redirect)."
    )
