"""New content files that are valid from the start, for `kbgen new`."""

from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path

from kbgen.content.fields import SLUG_PATTERN
from kbgen.content.loader import ARTICLES_DIR, FAQS_DIR
from kbgen.content.model import Content
from kbgen.errors import KbgenError
from kbgen.fsutil import write_if_changed

_LABELS = {"article": "an article", "faq": "a FAQ"}

_ARTICLE = """\
# yaml-language-server: $schema={schema}
id: {slug}
title: {title}
summary: Answer the reader's question in one or two sentences.
category: {category}
keywords: []
last_reviewed: {today}
related: []
body: |
  Start with the answer. Then give the steps:

  1. First step.
  2. Second step.

  ## Still need help?

  [Contact support](page:contact).
"""

_FAQ = """\
# yaml-language-server: $schema={schema}
id: {slug}
question: {title}?
category: {category}
answer: |
  Answer in two or three short sentences.
"""


def new_file(content_dir: Path, content: Content, kind: str, category: str, slug: str, today: date) -> Path:
    """Write a new article or FAQ and return its path; refuse anything that would not validate."""
    if not re.match(SLUG_PATTERN, slug):
        raise KbgenError(f"'{slug}' is not a safe URL slug (use lowercase letters, digits and single hyphens)")
    if category not in content.categories:
        known = ", ".join(sorted(content.categories)) or "none yet"
        raise KbgenError(f"unknown category '{category}' (known: {known})")
    existing = content.articles if kind == "article" else content.faqs
    if slug in existing:
        raise KbgenError(f"{_LABELS[kind]} with id '{slug}' already exists")
    folder = ARTICLES_DIR if kind == "article" else FAQS_DIR
    path = content_dir / folder / category / f"{slug}.yaml"
    if path.exists():
        raise KbgenError(f"{path} already exists")
    schema_dir = content_dir.parent / "schema"
    schema = posixpath.relpath((schema_dir / f"{kind}.schema.json").as_posix(), path.parent.as_posix())
    template = _ARTICLE if kind == "article" else _FAQ
    title = slug.replace("-", " ").capitalize()
    write_if_changed(
        path, template.format(schema=schema, slug=slug, title=title, category=category, today=today.isoformat())
    )
    return path
