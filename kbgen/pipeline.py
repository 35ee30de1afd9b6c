"""`kbgen build` from end to end: the language sites, then the localization dashboard."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone

from kbgen.checks.dashboard import DASHBOARD_DIR, write_dashboard
from kbgen.checks.stale import stale_report
from kbgen.config import Project
from kbgen.content.model import Content
from kbgen.languages import Language
from kbgen.site.build import LanguageBuild, build_site
from kbgen.site.extras import write_extras

log = logging.getLogger("kbgen.build")


def build_help_center(project: Project, content: Content, languages: list[Language] | None = None,
                      now: datetime | None = None, jobs: int | None = None) -> list[LanguageBuild]:
    now = now or datetime.now(timezone.utc)
    results = build_site(project, content, languages, now, jobs)
    # Notice feeds, redirect pages of aliases, the root 404 (kbgen/site/extras.py): after the MkDocs
    # builds, which empty a language's folder. Re-attach after the build.py split.
    write_extras(project, content, [r.lang for r in results], now)
    dashboard = project.site_dir / DASHBOARD_DIR / "index.html"
    if any(r.rendered for r in results) or not dashboard.is_file():  # otherwise nothing it shows changed
        started = time.perf_counter()
        targets = [r.lang for r in results if r.lang.code != project.source.code]
        known = {r.lang.code: r.entry_states for r in results if r.entry_states is not None}
        write_dashboard(project, stale_report(project, content, now.date(), targets, now, known))
        log.info("stage dashboard: %.2fs", time.perf_counter() - started)
    return results
