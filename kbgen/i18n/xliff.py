"""`kbgen i18n export --format xliff` and `kbgen i18n import`: one language's catalogs as XLIFF 1.2.

Crowdin, Phrase, memoQ and Trados prefer XLIFF. translate-toolkit reads and
writes it; this module only maps kbgen's statuses to XLIFF states and back:

    missing   <-> no target, state="needs-translation"
    machine   <-> state="needs-review-translation" state-qualifier="mt-suggestion"
    outdated  <-> state="needs-review-translation", the source it was translated
                  from in <note from="previous-source">
    reviewed  <-> state="translated" approved="yes" (also read: final, signed-off)

Each PO file is one <file original="locales/<locale>/LC_MESSAGES/<domain>.po">;
a unit's id is its msgctxt (UI strings have none: `ui:` and a hash of the
text). Notes for translators and length limits travel along (`maxwidth`).
An import is checked whole (sources still current, QA, protected spans)
before any catalog is written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from translate.storage import xliff

from kbgen.errors import ContentError, KbgenError, Problem
from kbgen.i18n import catalogs
from kbgen.i18n.catalogs import FUZZY, status_of
from kbgen.i18n.qa import Unit, run_checks
from kbgen.i18n.theme import length_limit
from kbgen.languages import Language

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
PREVIOUS, TRANSLATOR, DEVELOPER = "previous-source", "translator", "developer"
REVIEWED_STATES = {"translated", "final", "signed-off"}


class Xliff12Unit(xliff.xliffunit):
    namespace = NAMESPACE


class Xliff12File(xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing version 1.2 (it reads 1.0 to 1.2)."""

    UnitClass = Xliff12Unit
    namespace = NAMESPACE
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{NAMESPACE}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""


@dataclass(frozen=True)
class Part:
    """One catalog in an exchange file: where it lives and what it holds."""

    path: Path  # the PO file
    original: str  # its path as the XLIFF names it (relative to the project)
    domain: str
    catalog: Catalog


def unit_id(message: Message) -> str:
    return message.context or "ui:" + hashlib.sha1(catalogs.singular(message.id).encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------- export


def export_xliff(parts: list[Part], lang: Language) -> bytes:
    store = Xliff12File(sourcelanguage="en", targetlanguage=lang.code)
    store.removedefaultfile()
    for part in parts:
        store.switchfile(part.original, createifmissing=True)
        for message in part.catalog:
            if message.id:
                store.addunit(_unit(message, lang), new=True)
    return bytes(store)


def _unit(message: Message, lang: Language) -> Xliff12Unit:
    unit = Xliff12Unit(message.id)
    unit.setid(unit_id(message))
    for note in message.auto_comments:
        unit.addnote(note, origin=DEVELOPER)
    for note in message.user_comments:
        unit.addnote(note, origin=TRANSLATOR)
    for location, _line in message.locations:
        unit.addlocation(location)
    if (limit := length_limit(message)) is not None:
        unit.xmlelement.set("maxwidth", str(limit))
        unit.xmlelement.set("size-unit", "char")
    status = status_of(message)
    unit.settarget(message.string, lang=lang.code)
    target = unit.getlanguageNode(lang=None, index=1)
    if status == "missing":
        target.set("state", "needs-translation")
        return unit
    unit.markapproved(status == "reviewed")
    target.set("state", "translated" if status == "reviewed" else "needs-review-translation")
    if status == "machine":
        target.set("state-qualifier", "mt-suggestion")
    if status == "outdated":
        unit.addnote("".join(message.previous_id), origin=PREVIOUS)
    return unit


# --------------------------------------------------------------------- import


def read_xliff(path: Path, shown: str) -> Xliff12File:
    try:
        return Xliff12File.parsefile(str(path))
    except OSError as error:
        raise KbgenError(f"{shown}: cannot read: {error.strerror or error}") from None
    except Exception as error:  # lxml's XMLSyntaxError and translate-toolkit's ValueError
        raise ContentError([Problem(shown, getattr(error, "lineno", None), f"not an XLIFF file: {error}")]) from None


def apply_xliff(
    store: Xliff12File, parts: dict[str, Part], lang: Language, shown: str, keep_terms: list[str]
) -> list[Problem]:
    """Put the file's translations into the parts' catalogs; return every problem (nothing is written here)."""
    problems: list[Problem] = []
    for filenode in store.document.getroot().iterchildren(f"{{{NAMESPACE}}}file"):
        original = store.getfilename(filenode)
        part = parts.get(original or "")
        line = filenode.sourceline
        if part is None:
            known = ", ".join(sorted(parts))
            problems.append(
                Problem(shown, line, f"file '{original}' is not a catalog of '{lang.code}' (expected one of: {known})")
            )
            continue
        messages = {unit_id(m): m for m in part.catalog if m.id}
        for unit in _units_of(store, filenode):
            problems += _apply(unit, messages, part, lang, shown, keep_terms)
    return problems


def _units_of(store: Xliff12File, filenode) -> list[Xliff12Unit]:
    nodes = filenode.iterdescendants(f"{{{NAMESPACE}}}trans-unit")
    return [store.UnitClass.createfromxmlElement(node) for node in nodes]


def _apply(
    unit: Xliff12Unit, messages: dict[str, Message], part: Part, lang: Language, shown: str, keep_terms: list[str]
) -> list[Problem]:
    line = unit.xmlelement.sourceline
    key = unit.xmlelement.get("id", "")
    message = messages.get(key)
    if message is None:
        return [Problem(shown, line, "no such entry in the catalog (removed since the export?)", key=key)]
    if unit.source != message.id:
        return [Problem(shown, line, "the English source changed since the export; export again", key=key)]
    string = unit.target or ""
    state = _state(unit)
    problems = []
    if string:
        checked = Unit(message.context or key, catalogs.singular(message.id), string, lang.code, keep_terms)
        for failure in run_checks(checked):
            if failure.severity == "critical":
                problems.append(
                    Problem(shown, line, f"[{failure.severity}] {failure.check}: {failure.message}", key=key)
                )
        limit = length_limit(message)
        if limit is not None and len(string) > limit:
            problems.append(
                Problem(shown, line, f"translation has {len(string)} characters; at most {limit} fit", key=key)
            )
    if problems:
        return problems
    message.string = string
    message.user_comments = _notes(unit, TRANSLATOR)
    previous = _notes(unit, PREVIOUS)
    message.previous_id = previous[:1] if string and state != "reviewed" and previous else []
    if string and state != "reviewed":
        message.flags.add(FUZZY)
    else:
        message.flags.discard(FUZZY)
    return []


def _notes(unit: Xliff12Unit, origin: str) -> list[str]:
    return [note.text or "" for note in unit.xmlelement.iterfind(f"{{{NAMESPACE}}}note") if note.get("from") == origin]


def _state(unit: Xliff12Unit) -> str:
    target = unit.getlanguageNode(lang=None, index=1)
    xml_state = target.get("state") if target is not None else None
    if unit.isapproved() or xml_state in REVIEWED_STATES:
        return "reviewed"
    return "draft"


# ------------------------------------------------------------------ the project


def catalog_parts(project, lang: Language) -> list[Part]:
    """The language's content and UI catalogs, as they are on disk (run `i18n update` first)."""
    from kbgen.i18n import theme as ui
    from kbgen.i18n.workflow import po_path

    parts = []
    for domain, path in (
        ("content", po_path(project, lang)),
        (ui.THEME_DOMAIN, ui.theme_po_path(project.locales_dir, lang)),
    ):
        if not path.exists():
            raise KbgenError(f"{project.shown(path)}: no such catalog; run `kbgen i18n update` first")
        catalog = catalogs.read(path, lang.babel, project.shown(path), domain)
        parts.append(Part(path, path.relative_to(project.root).as_posix(), domain, catalog))
    return parts


def export_language(project, lang: Language, output: Path) -> int:
    """Write the language's catalogs as one XLIFF file; return the number of units."""
    from kbgen.fsutil import write_if_changed

    parts = catalog_parts(project, lang)
    write_if_changed(output, export_xliff(parts, lang))
    return sum(1 for part in parts for m in part.catalog if m.id)


def import_file(project, content, path: Path) -> tuple[Language, list[Path]]:
    """Read an XLIFF file into its language's catalogs; write only if every unit passes; return what changed."""
    shown = str(path)
    store = read_xliff(path, shown)
    lang = _target_language(project, store.gettargetlanguage(), shown)
    parts = catalog_parts(project, lang)
    before = {part.original: catalogs.contents(part.catalog) for part in parts}
    problems = apply_xliff(store, {part.original: part for part in parts}, lang, shown, content.keep_terms())
    if problems:
        raise ContentError(problems)
    return lang, [part.path for part in parts if catalogs.write(part.path, part.catalog, before[part.original])]


def _target_language(project, code: str | None, shown: str) -> Language:
    for lang in project.targets:
        if code in (lang.code, lang.babel):
            return lang
    known = ", ".join(lang.code for lang in project.targets)
    raise KbgenError(f"{shown}: target-language '{code}' is not a configured target language (configured: {known})")
