"""What a language's site gets beside MkDocs' pages: notice feeds and the redirect pages of old ids.

Written into the language's working copy after its MkDocs build (a full
build empties that folder) and before it is published, so the feeds and
redirects are swapped in with the pages they belong to.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kbgen.config import Project
from kbgen.content.model import Content
from kbgen.languages import Language
from kbgen.site.feeds import write_feeds
from kbgen.site.redirects import write_redirects


def write_language_extras(project: Project, view: Content, lang: Language, now: datetime, folder: Path) -> bool:
    """Feeds and redirect pages of one language into `folder`; return whether a file changed."""
    changed = write_feeds(project, view, lang, now, folder)
    return write_redirects(project, view, lang, folder) or changed
