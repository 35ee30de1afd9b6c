"""What the site gets after every language's MkDocs build: notice feeds, redirect pages, the root 404.

MkDocs empties a language's site folder when it builds it in full, so these
files are written after the builds, every time (unchanged files are not
rewritten). One call, so the build can attach it wherever the languages end.
"""

from __future__ import annotations

from datetime import datetime

from kbgen.config import Project
from kbgen.content.model import Content
from kbgen.fsutil import write_if_changed
from kbgen.languages import Language
from kbgen.site import root_page
from kbgen.site.feeds import write_feeds
from kbgen.site.redirects import write_redirects


def write_extras(project: Project, content: Content, languages: list[Language], now: datetime) -> None:
    write_feeds(project, content, languages, now)
    write_redirects(project, content, languages)
    write_if_changed(project.site_dir / "404.html", root_page.not_found(project, languages))
