"""Loading `content/` into the model, collecting every problem on the way."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kbgen.content.model import (
    Article,
    BlocksFile,
    CategoriesFile,
    Contact,
    Content,
    Faq,
    GlossaryFile,
    NoticesFile,
    Origin,
    UiLabelsFile,
)
from kbgen.errors import Problem, display_path
from kbgen.memo import Memo, Memos
from kbgen.records import explain
from kbgen.safeio import DEFAULT_MAX_BYTES
from kbgen.yamlfile import LineDict, YamlError, load_yaml

log = logging.getLogger("kbgen.content")
M = TypeVar("M", bound=BaseModel)

CATEGORIES_FILE = "categories.yaml"
GLOSSARY_FILE = "glossary.yaml"
NOTICES_FILE = "notices.yaml"
CONTACT_FILE = "contact.yaml"
UI_LABELS_FILE = "ui-labels.yaml"
BLOCKS_FILE = "blocks.yaml"
ARTICLES_DIR = "articles"
FAQS_DIR = "faqs"
# The files that hold many records (or one, the contact page): name, model, its sections
# (the key listing records, their kind, the Content attribute they go to; none: the file
# is the record), and whether a project needs the file.
_SINGLE_FILES: tuple[tuple[str, type[BaseModel], tuple[tuple[str, str, str], ...], bool], ...] = (
    (CATEGORIES_FILE, CategoriesFile, (("categories", "category", "categories"),), True),
    (GLOSSARY_FILE, GlossaryFile, (("terms", "term", "glossary"),), False),
    (
        NOTICES_FILE,
        NoticesFile,
        (("templates", "notice-template", "notice_templates"), ("notices", "notice", "notices")),
        False,
    ),
    (CONTACT_FILE, Contact, (), False),
    (UI_LABELS_FILE, UiLabelsFile, (("labels", "label", "ui_labels"),), False),
    (BLOCKS_FILE, BlocksFile, (("blocks", "block", "blocks"),), False),
)


class _Reader:
    """Reads files one at a time and keeps the problems of all of them."""

    def __init__(self, project_root: Path, max_bytes: int, memo: Memo | None):
        self.project_root = project_root
        self.max_bytes = max_bytes
        self.memo = memo
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> str:
        return display_path(path, self.project_root)

    def parse(self, path: Path, model: type[M]) -> tuple[M | None, Any]:
        shown = self.shown(path)
        try:
            data = load_yaml(path, shown, root=self.project_root, max_bytes=self.max_bytes, memo=self.memo)
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


def load_content(
    content_dir: Path, project_root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES, memos: Memos | None = None
) -> tuple[Content, list[Problem]]:
    """Load every content file; return the model and all problems found.

    Records that fail validation are left out of the model, so later checks
    only see well-formed records and report each mistake once. `memos`: files
    parsed in an earlier run (by their text) are not parsed again.
    """
    project_root = project_root or content_dir.parent
    reader = _Reader(project_root, max_bytes, memos.named("content-yaml") if memos else None)
    content = Content()
    if not content_dir.is_dir():
        return content, [Problem(reader.shown(content_dir), None, "content folder not found")]

    for name, model, sections, required in _SINGLE_FILES:
        _load_single(reader, content, content_dir / name, model, sections, required)
    _fill_from_templates(content)

    pages: tuple[tuple[str, str, type[Article] | type[Faq], dict], ...] = (
        ("article", ARTICLES_DIR, Article, content.articles),
        ("faq", FAQS_DIR, Faq, content.faqs),
    )
    for kind, folder, model, into in pages:
        for path in sorted((content_dir / folder).rglob("*.yaml")):
            parsed, data = reader.parse(path, model)
            if parsed is None:
                if isinstance(data, dict) and isinstance(data.get("id"), str):
                    content.invalid.add((kind, data["id"]))
                continue
            shown = reader.shown(path)
            if parsed.id != path.stem:
                reader.problems.append(
                    Problem(shown, data.key_lines["id"], f"must match the file name '{path.stem}'", key="id")
                )
            _add(into, kind, parsed, data, shown, content, reader)

    for path in sorted(content_dir.rglob("*")):
        relative = path.relative_to(content_dir)
        if path.is_file() and not _is_content_file(relative):
            log.warning("%s: not a content file; ignored", reader.shown(path))
    return content, reader.problems


def _load_single(
    reader: _Reader,
    content: Content,
    path: Path,
    model: type[BaseModel],
    sections: tuple[tuple[str, str, str], ...],
    required: bool,
) -> None:
    shown = reader.shown(path)
    if not path.exists() and not path.is_symlink():  # a dangling link is reported when read
        if required:
            reader.problems.append(Problem(shown, None, "missing: every help center needs its categories"))
        return
    parsed, data = reader.parse(path, model)
    if not parsed:
        return
    if not sections:  # the file is one record: the contact page
        assert isinstance(parsed, Contact)  # the one file that is one record (_SINGLE_FILES)
        content.contact = parsed
        content.origins[("contact", "contact")] = Origin(shown, data)
        return
    if isinstance(parsed, CategoriesFile):  # the home page's popular questions, checked with the FAQs
        content.popular = list(parsed.popular)
        content.origins[("home", "popular")] = Origin(shown, data)
    for key, kind, attribute in sections:
        into = getattr(content, attribute)
        for record, item in zip(getattr(parsed, key), data.get(key, []), strict=True):
            _add(into, kind, record, item, shown, content, reader)


def _fill_from_templates(content: Content) -> None:
    """Kind, severity and link a notice leaves to its template (an unknown template is a validation error)."""
    for notice_id, notice in content.notices.items():
        template = content.notice_templates.get(notice.template or "")
        if template is not None:
            content.notices[notice_id] = notice.with_template(template)
        elif notice.template is None and notice.severity is None:
            content.notices[notice_id] = notice.model_copy(update={"severity": "info"})


def _is_content_file(relative: Path) -> bool:
    if relative.as_posix() in {entry[0] for entry in _SINGLE_FILES}:
        return True
    return relative.suffix == ".yaml" and relative.parts[0] in (ARTICLES_DIR, FAQS_DIR) and len(relative.parts) > 1


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
