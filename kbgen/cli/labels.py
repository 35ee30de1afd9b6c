"""`kbgen labels`: the app's own button and menu names (`:ui[id]` in content) per language."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def labels() -> None:
    """App UI labels (`:ui[id]` in content): the app's own button and menu names per language."""


@labels.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-l", "--lang", "code", required=True, help="The language of the file (e.g. de, pt-BR).")
@click.option("--add", is_flag=True, help="Also add a label for every app string not yet used (source language only).")
@click.pass_obj
def labels_import(obj, file: Path, code: str, add: bool) -> None:
    """Read the app's strings (Android strings.xml, iOS .strings/.xcstrings, JSON, ARB) into content/ui-labels.yaml."""
    from kbgen.i18n.app_strings import import_file

    result = import_file(obj.project(), file, code, add)
    click.echo(
        f"{code}: {len(result.updated)} label(s) updated, {len(result.added)} added, {result.unchanged} unchanged, "
        f"{result.unused} app string(s) not used as labels"
    )
