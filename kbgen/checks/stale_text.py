"""The stale report as a writer reads it in a terminal (rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from kbgen.checks.report import STATUSES, StaleReport

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def print_report(report: StaleReport, console: Console | None = None) -> None:
    console = console or Console()
    findings = Table(title=f"Stale content as of {report.today}", show_lines=False, expand=False)
    for column in ("severity", "article", "lang", "what", "owner", "where"):
        findings.add_column(column, overflow="fold")
    for finding in report.findings:
        article = finding.article or (f"faq:{finding.faq}" if finding.faq else "")
        if finding.priority in ("top", "high"):
            article += f" ({finding.priority})"
        where = f"{finding.file}:{finding.line}" if finding.file and finding.line else finding.file or ""
        what = finding.message + (f"\n{finding.diff}" if finding.diff else "")
        findings.add_row(
            f"[{_STYLE[finding.severity]}]{finding.severity}[/]",
            article,
            finding.lang or "",
            what,
            finding.owner or "",
            where,
        )
    console.print(findings if report.findings else "[green]Nothing is stale.[/]")

    if report.coverage:
        coverage = Table(title="Translation coverage (segments; articles; top articles)")
        coverage.add_column("lang")
        for status in STATUSES:
            coverage.add_column(status, justify="right")
        for row in report.coverage:
            coverage.add_row(
                row.lang, *(f"{row.segments[s]}; {row.articles[s]}; {row.top_articles[s]}" for s in STATUSES)
            )
        console.print(coverage)
    errors = sum(f.severity == "error" for f in report.findings)
    warnings = sum(f.severity == "warning" for f in report.findings)
    console.print(f"{errors} error(s), {warnings} warning(s), {len(report.findings) - errors - warnings} notice(s)")
