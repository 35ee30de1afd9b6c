"""Renaming an article, FAQ or category in `content/`: the file, its id, every reference.

The YAML is edited as text, line by line where the loader says a reference
is, so comments, quoting and layout stay as the writer left them. The old id
is kept as an alias on the record: the site redirects its URL. Nothing is
written here: `plan_rename` returns the new text of every file it touches,
and the caller writes them all once every check has passed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kbgen.content.fields import SLUG_PATTERN
from kbgen.content.loader import ARTICLES_DIR, CATEGORIES_FILE, FAQS_DIR
from kbgen.content.model import Article, Category, Content, Faq
from kbgen.errors import KbgenError, display_path
from kbgen.fsutil import write_if_changed
from kbgen.yamlfile import LineDict, LineList, load_yaml

KINDS = ("article", "faq", "category")
# Keys whose values are ids of the kind being renamed.
_ID_KEYS = {"article": ("related", "link"), "faq": (), "category": ("category",)}


@dataclass
class RenamePlan:
    kind: str
    old: str
    new: str
    texts: dict[Path, str] = field(default_factory=dict)  # path -> new text (at its new place)
    moves: dict[Path, Path] = field(default_factory=dict)  # old path -> new path
    references: int = 0  # references and links rewritten in content


def link_pattern(kind: str, old: str) -> re.Pattern[str]:
    """`kind:old` as a link target (`article:old`, `article:old#step-2`), not `article:old-two`."""
    return re.compile(rf"(?<![\w-]){kind}:{re.escape(old)}(?![a-z0-9-])")


def plan_rename(content_dir: Path, content: Content, kind: str, old: str, new: str) -> RenamePlan:
    """What renaming `kind` `old` to `new` changes in content/, or KbgenError saying why it cannot."""
    by_kind: dict[str, Mapping[str, Article | Faq | Category]] = {
        "article": content.articles,
        "faq": content.faqs,
        "category": content.categories,
    }
    records = by_kind[kind]
    if old not in records:
        raise KbgenError(f"no {kind} with id '{old}'")
    if not re.match(SLUG_PATTERN, new):
        raise KbgenError(f"'{new}' is not a safe URL slug (use lowercase letters, digits and single hyphens)")
    if new in records:
        raise KbgenError(f"{'an' if kind == 'article' else 'a'} {kind} with id '{new}' already exists")
    for record in records.values():
        if new in record.aliases and record.id != old:
            raise KbgenError(f"'{new}' is an earlier id of {kind} '{record.id}' (its alias): choose another id")
    plan = RenamePlan(kind, old, new)
    _plan_moves(plan, content_dir, content)
    root = content_dir.parent
    for path in sorted(content_dir.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        edited = _edit_file(plan, path, text, display_path(path, root))
        target = plan.moves.get(path, path)
        if edited != text or target != path:
            plan.texts[target] = edited
    return plan


def _plan_moves(plan: RenamePlan, content_dir: Path, content: Content) -> None:
    if plan.kind == "category":
        for folder in (ARTICLES_DIR, FAQS_DIR):
            source = content_dir / folder / plan.old
            for path in sorted(source.rglob("*.yaml")) if source.is_dir() else ():
                plan.moves[path] = content_dir / folder / plan.new / path.relative_to(source)
        return
    record = content.articles[plan.old] if plan.kind == "article" else content.faqs[plan.old]
    record_dir = content_dir / (ARTICLES_DIR if plan.kind == "article" else FAQS_DIR) / record.category
    plan.moves[record_dir / f"{plan.old}.yaml"] = record_dir / f"{plan.new}.yaml"


def _edit_file(plan: RenamePlan, path: Path, text: str, shown: str) -> str:
    lines = text.split("\n")
    data = load_yaml(path, shown)
    for line in sorted(set(_reference_lines(data, _ID_KEYS[plan.kind], plan.old))):
        lines[line - 1], count = re.subn(
            rf"(?<![a-z0-9-]){re.escape(plan.old)}(?![a-z0-9-])", plan.new, lines[line - 1]
        )
        plan.references += count
    for record in _records_of(plan, path, data):
        _rename_record(plan, lines, record)
    edited = "\n".join(lines)
    if plan.kind in ("article", "faq"):
        edited, count = link_pattern(plan.kind, plan.old).subn(f"{plan.kind}:{plan.new}", edited)
        plan.references += count
    return edited


def _reference_lines(data: object, keys: tuple[str, ...], old: str):
    """Lines holding `old` as the value (or a list item) of one of `keys`, anywhere in the data."""
    if isinstance(data, LineDict):
        for key, value in data.items():
            if key in keys and value == old:
                yield data.key_lines[key]
            elif key in keys and isinstance(value, LineList):
                yield from (line for item, line in zip(value, value.item_lines, strict=True) if item == old)
            else:
                yield from _reference_lines(value, keys, old)
    elif isinstance(data, list):
        for item in data:
            yield from _reference_lines(item, keys, old)


def _records_of(plan: RenamePlan, path: Path, data: object) -> list[LineDict]:
    """The record being renamed, if it is in this file."""
    if plan.kind == "category":
        if path.name != CATEGORIES_FILE or not isinstance(data, LineDict):
            return []
        return [c for c in data.get("categories", []) if isinstance(c, LineDict) and c.get("id") == plan.old]
    moved = plan.moves.get(path)
    return [data] if moved is not None and isinstance(data, LineDict) and data.get("id") == plan.old else []


def _rename_record(plan: RenamePlan, lines: list[str], record: LineDict) -> None:
    """`id: old` becomes `id: new`, and `old` joins the record's aliases."""
    id_line = record.key_lines["id"] - 1
    lines[id_line] = re.sub(rf"(?<![a-z0-9-]){re.escape(plan.old)}(?![a-z0-9-])", plan.new, lines[id_line], count=1)
    lead = re.match(r"\s*(?:-\s+)?", lines[id_line])
    assert lead is not None  # the pattern matches the empty string
    indent = " " * len(lead.group(0))
    aliases = record.get("aliases")
    if "aliases" not in record:
        lines.insert(id_line + 1, f"{indent}aliases: [{plan.old}]")
    elif isinstance(aliases, LineList) and aliases and aliases.item_lines[-1] != record.key_lines["aliases"]:
        last = aliases.item_lines[-1] - 1
        item = re.match(r"\s*-\s*", lines[last])
        assert item is not None  # items on lines of their own are block items: `- old-id`
        item_indent = item.group(0)
        lines.insert(last + 1, f"{item_indent}{plan.old}")
    else:
        line = record.key_lines["aliases"] - 1
        lines[line] = (
            re.sub(r"\[\s*\]", f"[{plan.old}]", lines[line])
            if not aliases
            else re.sub(r"\]\s*$", f", {plan.old}]", lines[line].rstrip())
        )


def apply_plan(plan: RenamePlan) -> None:
    """Write every new text, then remove what moved away (and folders left empty)."""
    for path, text in plan.texts.items():
        write_if_changed(path, text)
    for source, target in plan.moves.items():
        if source != target and source.exists():
            source.unlink()
            folder = source.parent
            while folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
