"""Checks over the whole project, for writers and for CI."""

from __future__ import annotations

from datetime import date

from kbgen.config import Project
from kbgen.content.loader import load_content
from kbgen.content.model import Content
from kbgen.content.validate import validate
from kbgen.errors import ContentError, Problem
from kbgen.i18n.workflow import qa_problems


def check_content(project: Project, today: date | None = None) -> tuple[Content, list[Problem]]:
    """Load and validate the content; return it with every problem, errors and warnings."""
    content, problems = load_content(project.content_dir, project.root, project.settings.max_file_bytes)
    languages = [project.settings.source_language, *project.settings.languages]
    problems += validate(content, languages, today, project.external_domains)
    return content, sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))


def check_project(project: Project, today: date | None = None) -> list[Problem]:
    """Everything `kbgen check` reports: content, translation QA and, per the policy, staleness."""
    from kbgen.checks.stale import as_problems, stale_report

    content, problems = check_content(project, today)
    content_is_valid = not any(p.severity == "error" for p in problems)
    if project.locales_dir.is_dir():
        problems += qa_problems(project, content, cosmetic=False)
    if content_is_valid:  # staleness of broken content would only repeat its errors
        problems += as_problems(stale_report(project, content, today))
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))


def load_valid_content(project: Project, today: date | None = None) -> tuple[Content, list[Problem]]:
    """The content, or ContentError with every error; warnings are returned.

    Translation QA is not part of it: a translation that fails a critical
    check is left off the site (English is shown), not a reason to stop.
    """
    content, problems = check_content(project, today)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return content, problems
