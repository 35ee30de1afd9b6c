"""`kbgen labels import`: the app's own string files into `content/ui-labels.yaml`.

The help center must call a button what the app calls it, in every
language. The app's translators already decided those words; this reads
them from the app's string files, each with a maintained parser:
Android `strings.xml`, iOS `.strings`, JSON and Flutter ARB through
translate-toolkit's storage classes, and Xcode String Catalogs
(`.xcstrings`, plain JSON that translate-toolkit does not read) with the
standard library's JSON parser.

An app string key matches a label by the label's `key`, or by its id
(`forgot_password` and `forgot-password` are the same name).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kbgen.config import Project
from kbgen.content.loader import UI_LABELS_FILE
from kbgen.content.model import Content
from kbgen.errors import KbgenError
from kbgen.fsutil import write_if_changed
from kbgen.languages import Language

FORMATS = "Android strings.xml, iOS .strings or .xcstrings, JSON or ARB"


@dataclass
class LabelImport:
    updated: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    unused: int = 0  # app strings no label refers to


def label_id(app_key: str) -> str:
    """The label id an app key names: `forgot_password`, `forgotPassword.title` -> `forgot-password`, ..."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", app_key)
    return re.sub(r"[^a-z0-9]+", "-", spaced.lower()).strip("-")


def read_app_strings(path: Path, shown: str, lang: Language) -> dict[str, str]:
    """The app's strings for `lang` in one file: key -> text (translatable, non-empty, single strings)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KbgenError(f"{shown}: cannot read ({exc.strerror})") from None
    name = path.name.lower()
    try:
        if name.endswith(".xcstrings"):
            return _xcstrings(json.loads(raw.decode("utf-8")), lang)
        store = _store(name, raw)
    except KbgenError:
        raise
    except Exception as exc:  # each parser raises its own errors: one line naming the file
        raise KbgenError(
            f"{shown}: not a valid {_kind(name)} file ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})"
        ) from None
    found = {}
    for unit in store.units:
        text = unit.target or unit.source
        key = unit.getid().lstrip(".")
        if key and isinstance(text, str) and text.strip() and unit.istranslatable() and not key.startswith("@"):
            found[key] = text.strip()
    return found


def _store(name: str, raw: bytes):
    from translate.storage import aresource, jsonl10n, properties

    if name.endswith(".xml"):
        return aresource.AndroidResourceFile.parsestring(raw)
    if name.endswith(".strings"):
        utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
        return (properties.stringsfile if utf16 else properties.stringsutf8file).parsestring(raw)
    if name.endswith(".arb") or (name.endswith(".json") and b'"@@locale"' in raw):
        return jsonl10n.ARBJsonFile.parsestring(raw)
    if name.endswith(".json"):
        return jsonl10n.JsonFile.parsestring(raw)
    raise KbgenError(f"{name}: unknown string file format (expected {FORMATS})")


def _kind(name: str) -> str:
    for suffix, kind in (
        (".xml", "Android strings.xml"),
        (".strings", "iOS .strings"),
        (".arb", "ARB"),
        (".json", "JSON"),
        (".xcstrings", "String Catalog"),
    ):
        if name.endswith(suffix):
            return kind
    return "string"


def _xcstrings(catalog: dict, lang: Language) -> dict[str, str]:
    """An Xcode String Catalog: every language in one file; the source text is the key by default."""
    if not isinstance(catalog, dict) or not isinstance(catalog.get("strings"), dict):
        raise KbgenError("a String Catalog needs a 'strings' object")
    source = catalog.get("sourceLanguage", "en")
    found = {}
    for key, entry in catalog["strings"].items():
        if not isinstance(entry, dict) or entry.get("shouldTranslate") is False:
            continue
        unit = ((entry.get("localizations") or {}).get(lang.html) or {}).get("stringUnit") or {}
        value = unit.get("value") or (key if lang.html == source else None)
        if isinstance(value, str) and value.strip():
            found[key] = value.strip()
    return found


def import_file(project: Project, path: Path, code: str, add: bool = False) -> LabelImport:
    """`kbgen labels import`: check the language and the labels file, then import."""
    from kbgen.content.loader import load_content
    from kbgen.errors import ContentError
    from kbgen.languages import language

    known = {lang.code for lang in [project.source, *project.targets]}
    if code not in known:
        raise KbgenError(f"not a configured language: {code} (configured: {', '.join(sorted(known))})")
    content, problems = load_content(project.content_dir, project.root)
    broken = [p for p in problems if p.severity == "error" and p.file.endswith(UI_LABELS_FILE)]
    if broken:
        raise ContentError(broken)  # never rewrite a labels file kbgen could not read
    return import_labels(project, content, path, language(code), add)


def import_labels(project: Project, content: Content, path: Path, lang: Language, add: bool = False) -> LabelImport:
    """Set `lang`'s text of every label the file names; with `add` (source language only), add new labels."""
    if add and lang.code != project.source.code:
        raise KbgenError(
            f"--add needs the source language ({project.source.code}): a new label needs its {project.source.code} text"
        )
    strings = read_app_strings(path, project.shown(path), lang)
    by_name = {label_id(label.key or label.id): label.id for label in content.ui_labels.values()}
    labels = {label.id: dict(label.text) for label in content.ui_labels.values()}
    keys = {label.id: label.key for label in content.ui_labels.values()}
    result = LabelImport()
    for app_key, text in sorted(strings.items()):
        target = by_name.get(label_id(app_key))
        if target is None and add and label_id(app_key):
            target = label_id(app_key)
            labels[target], keys[target] = {}, app_key if app_key != target else None
            by_name[target] = target
            result.added.append(target)
        if target is None:
            result.unused += 1
        elif labels[target].get(lang.code) == text:
            result.unchanged += 1
        else:
            labels[target][lang.code] = text
            if target not in result.added:
                result.updated.append(target)
    if result.updated or result.added:
        order = [project.source.code, *(lang.code for lang in project.targets)]
        write_labels(project.content_dir / UI_LABELS_FILE, labels, keys, order)
    return result


def write_labels(path: Path, labels: dict[str, dict[str, str]], keys: dict[str, str | None], order: list[str]) -> None:
    """The labels file, deterministic: labels by id, languages in the configured order (strings JSON-quoted)."""
    header = [line for line in _leading_comments(path)] or [
        "# yaml-language-server: $schema=../schema/ui-labels.schema.json"
    ]
    rank = {code: n for n, code in enumerate(order)}
    lines = [*header, "labels:"]
    for label in sorted(labels):
        lines.append(f"  - id: {label}")
        if keys.get(label):
            lines.append(f"    key: {json.dumps(keys[label], ensure_ascii=False)}")
        lines.append("    text:")
        for code in sorted(labels[label], key=lambda c: (rank.get(c, len(rank)), c)):
            lines.append(f"      {code}: {json.dumps(labels[label][code], ensure_ascii=False)}")
    write_if_changed(path, "\n".join(lines) + "\n")


def _leading_comments(path: Path) -> list[str]:
    if not path.exists():
        return []
    comments = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        comments.append(line)
    return comments
