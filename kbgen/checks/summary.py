"""Reports as Markdown for a CI job summary ($GITHUB_STEP_SUMMARY) and as a few annotations.

GitHub shows at most 10 error and 10 warning annotations per step, so the
annotations only point at the first ones; the job summary lists every
problem. Every text is escaped for a Markdown table cell: a message quotes
the writer's content, which must not turn into markup.
"""

from __future__ import annotations

from html import escape

from kbgen.checks.report import StaleReport, annotation
from kbgen.errors import Problem

ANNOTATION_LIMIT = 10  # per severity and step, as GitHub shows them
NO_OWNER = "(no owner)"


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no HTML, no column breaks, one line."""
    return escape(str(text), quote=False).replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _where(file: str | None, line: int | None) -> str:
    if not file:
        return ""
    return f"`{cell(file)}:{line}`" if line else f"`{cell(file)}`"


def check_annotations(problems: list[Problem], limit: int = ANNOTATION_LIMIT) -> list[str]:
    """Workflow commands for the first `limit` errors and warnings, and a notice for the rest."""
    lines, left = [], {"error": 0, "warning": 0}
    shown = {"error": 0, "warning": 0}
    for problem in problems:
        if shown[problem.severity] >= limit:
            left[problem.severity] += 1
            continue
        shown[problem.severity] += 1
        what = f"'{problem.key}': {problem.message}" if problem.key else problem.message
        lines.append(annotation(problem.severity, what, problem.file or None, problem.line, "kbgen check"))
    if any(left.values()):
        lines.append(
            f"::notice title=kbgen check::{left['error']} more error(s) and {left['warning']} more "
            "warning(s) are listed in the job summary"
        )
    return lines


def check_summary(problems: list[Problem], base: str | None = None) -> str:
    """Every problem of `kbgen check` as Markdown: errors in a table, warnings folded below."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    scope = f" (date-driven findings are errors only where the change since `{cell(base)}` touches)" if base else ""
    out = [
        f"## kbgen check: {len(errors)} error(s), {len(warnings)} warning(s)",
        "",
        ("Nothing blocks this change." if not errors else "These must be fixed before publishing.") + scope,
        "",
    ]
    if errors:
        out += _problem_table(errors) + [""]
    if warnings:
        out += [f"<details><summary>{len(warnings)} warning(s)</summary>", ""] + _problem_table(warnings)
        out += ["", "</details>", ""]
    return "\n".join(out)


def _problem_table(problems: list[Problem]) -> list[str]:
    rows = ["| Where | What |", "| --- | --- |"]
    for p in problems:
        what = f"`{cell(p.key)}`: {cell(p.message)}" if p.key else cell(p.message)
        rows.append(f"| {_where(p.file, p.line)} | {what} |")
    return rows


def stale_summary(report: StaleReport) -> str:
    """The stale report as Markdown, one section per owner (GitHub handles and teams as written)."""
    by_owner: dict[str, list] = {}
    for finding in report.findings:
        by_owner.setdefault(finding.owner or NO_OWNER, []).append(finding)
    counts = {s: sum(f.severity == s for f in report.findings) for s in ("error", "warning", "info")}
    out = [
        f"## Stale content on {report.today}",
        "",
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} notice(s), "
        f"{len(by_owner)} owner(s).",
        "",
    ]
    if not report.findings:
        out.append("Nothing is stale.")
    for owner in sorted(by_owner, key=lambda o: (o == NO_OWNER, o.casefold())):
        findings = by_owner[owner]
        out += [
            f"### {cell(owner)} ({len(findings)})",
            "",
            "| Severity | What | Record | Where |",
            "| --- | --- | --- | --- |",
        ]
        for f in findings:
            what = f"{cell(f.kind)}: {cell(f.message)}"
            record = cell(f.article or (f"faq:{f.faq}" if f.faq else "")) + (f" [{cell(f.lang)}]" if f.lang else "")
            out.append(f"| {f.severity} | {what} | {record} | {_where(f.file, f.line)} |")
        out.append("")
    return "\n".join(out)
