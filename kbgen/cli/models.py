"""`kbgen models`: Argos Translate models for `kbgen translate --engine argos`."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
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
