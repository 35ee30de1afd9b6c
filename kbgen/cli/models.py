"""`kbgen models`: Argos Translate models for `kbgen translate --engine argos`."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def models() -> None:
    """Argos Translate models for `kbgen translate --engine argos`."""


_INDEX_OPTION = click.option(
    "--index",
    "index",
    metavar="URL",
    default=None,
    help="The Argos package index (default: ARGOS_PACKAGE_INDEX or Argos' own index).",
)


@models.command("install")
@click.argument("what", nargs=-1, required=True, metavar="FILE | FROM TO")
@_INDEX_OPTION
def models_install(what: tuple[str, ...], index: str | None) -> None:
    """Install a model: `kbgen models install en de` downloads it from the Argos index;
    `kbgen models install FILE.argosmodel` installs a downloaded file."""
    from kbgen.i18n.engines.argos import install_model, install_pair

    if len(what) == 1:
        model = install_model(Path(what[0]))
    elif len(what) == 2:
        model = install_pair(what[0], what[1], index)
    else:
        raise click.UsageError("give one .argosmodel file, or two language codes (e.g. `en de`)")
    click.echo(f"Installed {model.from_code} -> {model.to_code}: {model.name} {model.version} in {model.path}")


@models.command("list")
@click.option("--available", is_flag=True, help="List the packages from English in the Argos index instead.")
@_INDEX_OPTION
def models_list(available: bool, index: str | None) -> None:
    """List installed Argos models (or, with --available, what the index offers)."""
    from kbgen.i18n.engines.argos import available_models, list_models

    if available:
        for model, installed in available_models(index):
            click.echo(
                f"{model.from_code} -> {model.to_code}  {model.name} {model.version}"
                + ("  (installed)" if installed else "")
            )
        return
    found = list_models()
    for model in found:
        click.echo(f"{model.from_code} -> {model.to_code}  {model.name} {model.version}  ({model.path})")
    if not found:
        click.echo(
            "No Argos models installed. See what is available with `kbgen models list --available`, "
            "then install one with `kbgen models install en LANG`."
        )
