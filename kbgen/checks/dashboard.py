"""The localization dashboard: the stale report as one static HTML page (no JavaScript).

Written to `site/dashboard/index.html`, beside the language sites, from the
same report object that `kbgen stale --format json` prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import jinja2

from kbgen.checks.report import STATUSES, StaleReport
from kbgen.checks.signals import load_summary
from kbgen.config import Project
from kbgen.fsutil import write_if_changed

DASHBOARD_DIR = "dashboard"
_REVIEW_KINDS = ("review-late", "review-overdue", "review-due")


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kbgen.checks", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("dashboard.html.j2")


def render(
    project: Project,
    report: StaleReport,
    machine_pages: Sequence[tuple[str, str, str]] = (),
    questions: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """The dashboard page; `machine_pages` lists (language, page title, URL) of every page
    that shows unreviewed machine translation; `questions` gives a FAQ's question and URL
    (relative to a language root) by id, for the popular questions' links."""
    data = report.to_json()
    popular = [f for f in report.findings if f.popular]
    return _template().render(
        site_name=project.site_name,
        report=report,
        summary=data["summary"],
        statuses=STATUSES,
        reviews=[f for f in report.findings if f.kind in _REVIEW_KINDS and f.article],
        popular=sorted(popular, key=lambda f: (f.lang or "", f.popular)),
        others=[f for f in report.findings if (f.kind not in _REVIEW_KINDS or not f.article) and not f.popular],
        questions=questions or {},
        urls={a.id: a.url for a in report.articles},
        reviewed={a.id: a.last_reviewed for a in report.articles},
        base="../",
        source=project.source.code,
        machine_pages=list(machine_pages),
        signals=load_summary(project),
    )


def write_dashboard(
    project: Project,
    report: StaleReport,
    machine_pages: Sequence[tuple[str, str, str]] = (),
    questions: Mapping[str, tuple[str, str]] | None = None,
) -> Path:
    path = project.site_dir / DASHBOARD_DIR / "index.html"
    write_if_changed(path, render(project, report, machine_pages, questions))
    return path
