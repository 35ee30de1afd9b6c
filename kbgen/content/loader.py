"""Loading `content/` into the model, collecting every problem on the way."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kbgen.content.model import (
    Article,
    CategoriesFile,
    Contact,
    Content,
    Faq,
    GlossaryFile,
    NoticesFile,
    Origin,
)
from kbgen.errors import Problem, display_path
from kbgen.records import explain
from kbgen.safeio import DEFAULT_MAX_BYTES
from kbgen.yamlfile import LineDict, LineList, YamlError, line_of, load_yaml

log = logging.getLogger("kbgen.content")

CATEGORIES_FILE = "categories.yaml"
GLOSSARY_FILE = "glossary.yaml"
NOTICES_FILE = "notices.yaml"
CONTACT_FILE = "contact.yaml"
ARTICLES_DIR = "articles"
FAQS_DIR = "faqs"
_SINGLE_FILES = {CATEGORIES_FILE, GLOSSARY_FILE, NOTICES_FILE, CONTACT_FILE}


class _Reader:
    """Reads files one at a time and keeps the problems of all of them."""

    def __init__(self, root: Path, project_root: Path, max_bytes: int):
        self.root = root
        self.project_root = project_root
        self.max_bytes = max_bytes
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> str:
        return display_path(path, self.project_root)

    def parse(self, path: Path, model: type[BaseModel]) -> tuple[BaseModel | None, Any]:
        shown = self.shown(path)
        try:
            data = load_yaml(path, shown, root=self.project_root, max_bytes=self.max_bytes)
        except YamlError as exc:
            self.problems.append(exc.problem)
            return None, None
        if not isinstance(data, LineDict):
            got = "an empty file" if data is None else f"a {type(data).__name__}"
            self.problems.append(Problem(shown, getattr(data, "line", None), f"expected a mapping of keys, got {got}"))
            return None, data
        try:
            return model.model_validate(data), data
        except ValidationError as exc:
            self.problems.extend(explain(exc, data, shown, model))
            return None, data


def load_content(content_dir: Path, project_root: Path | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Content, list[Problem]]:
    """Load every content file; return the model and all problems found.

    Records that fail validation are left out of the model, so later checks
    only see well-formed records and report each mistake once.
    """
    project_root = project_root or content_dir.parent
    reader = _Reader(content_dir, project_root, max_bytes)
    content = Content()
    if not content_dir.is_dir():
        return content, [Problem(reader.shown(content_dir), None, "content folder not found")]

    categories_path = content_dir / CATEGORIES_FILE
    if _present(categories_path):
        parsed, data = reader.parse(categories_path, CategoriesFile)
        if parsed:
            _add_all(content.categories, "category", parsed.categories, data["categories"], reader.shown(categories_path), content, reader)
    else:
        reader.problems.append(Problem(reader.shown(categories_path), None, "missing: every help center needs its categories"))

    for kind, folder, model, into in (
        ("article", ARTICLES_DIR, Article, content.articles),
        ("faq", FAQS_DIR, Faq, content.faqs),
    ):
        for path in sorted((content_dir / folder).rglob("*.yaml")):
            parsed, data = reader.parse(path, model)
            if parsed is None:
                if isinstance(data, dict) and isinstance(data.get("id"), str):
                    content.invalid.add((kind, data["id"]))
                continue
            shown = reader.shown(path)
            if parsed.id != path.stem:
                reader.problems.append(Problem(shown, data.key_lines["id"], f"must match the file name '{path.stem}'", key="id"))
            _add(into, kind, parsed, data, shown, content, reader)

    glossary_path = content_dir / GLOSSARY_FILE
    if _present(glossary_path):
        parsed, data = reader.parse(glossary_path, GlossaryFile)
        if parsed:
            _add_all(content.glossary, "term", parsed.terms, data["terms"], reader.shown(glossary_path), content, reader)

    notices_path = content_dir / NOTICES_FILE
    if _present(notices_path):
        parsed, data = reader.parse(notices_path, NoticesFile)
        if parsed:
            _add_all(content.notices, "notice", parsed.notices, data.get("notices", []), reader.shown(notices_path), content, reader)

    contact_path = content_dir / CONTACT_FILE
    if _present(contact_path):
        parsed, data = reader.parse(contact_path, Contact)
        if parsed:
            content.contact = parsed
            content.origins[("contact", "contact")] = Origin(reader.shown(contact_path), data)

    for path in sorted(content_dir.rglob("*")):
        relative = path.relative_to(content_dir)
        if path.is_file() and not _is_content_file(relative):
            log.warning("%s: not a content file; ignored", reader.shown(path))
    return content, reader.problems


def _present(path: Path) -> bool:
    """A path that exists or is a symlink (a dangling one is reported when read, not taken as missing)."""
    return path.is_symlink() or path.exists()


def _is_content_file(relative: Path) -> bool:
    if relative.as_posix() in _SINGLE_FILES:
        return True
    return relative.suffix == ".yaml" and relative.parts[0] in (ARTICLES_DIR, FAQS_DIR) and len(relative.parts) > 1


def _add_all(into: dict, kind: str, records: list, items: LineList, shown: str, content: Content, reader: _Reader) -> None:
    for record, data in zip(records, items):
        _add(into, kind, record, data, shown, content, reader)


def _add(into: dict, kind: str, record: Any, data: LineDict, shown: str, content: Content, reader: _Reader) -> None:
    line = data.key_lines.get("id", data.line)
    if record.id in into:
        first = content.origins[(kind, record.id)]
        first_line = first.data.key_lines.get("id", first.data.line)
        message = f"duplicate {kind} id '{record.id}' (first defined in {first.file}:{first_line})"
        reader.problems.append(Problem(shown, line, message, key="id"))
        return
    into[record.id] = record
    content.origins[(kind, record.id)] = Origin(shown, data)
