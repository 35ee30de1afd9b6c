"""`kbgen signals`: readers' searches and "Was this page helpful?" answers, imported for the dashboard."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def signals() -> None:
    """Reader signals (searches, "Was this page helpful?") sent to extra.kbgen.signals_endpoint."""


@signals.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def signals_import(obj, file: Path) -> None:
    """Import an export of signals (JSON Lines or CSV) for the dashboard."""
    from kbgen.checks.signals import import_signals

    target, summary = import_signals(obj.project(), file)
    for lang, data in summary.items():
        empty = ", ".join(f"{q['query']} ({q['count']})" for q in data["top_zero_result_queries"][:3]) or "none"
        click.echo(f"{lang}: {data['searches']} searches, {data['zero_results']} without results; top: {empty}")
    click.echo(f"Summary written to {target}")
