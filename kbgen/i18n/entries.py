"""Every entry of one language as the site and the reports need it.

Computed once per build for each language, from the catalog merged with the
current source in memory (exactly as `kbgen i18n update` would write it), and
handed to the page builder and to the stale report alike, so both always
agree on what a language shows. Small and picklable: it crosses to the
worker processes that build each language.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from babel.messages.catalog import Catalog

from kbgen.config import Project
from kbgen.fsutil import write_if_changed
from kbgen.i18n import catalogs
from kbgen.i18n.catalogs import SourceUnit
from kbgen.i18n.qa import Unit, critical_failures
from kbgen.i18n.workflow import merged_catalog, po_path
from kbgen.languages import Language
from kbgen.scamtext import NOTHING_DECLARED, Declared
from kbgen.toolchain import toolchain_digest
from kbgen.vocabulary import EntryStatus


@dataclass(frozen=True)
class Entry:
    """One entry of a language's catalog."""

    status: EntryStatus
    source: str  # the current source text
    translation: str  # "" when missing
    previous: str | None = None  # outdated: the source the translation was made from
    critical: tuple[str, ...] = ()  # critical QA checks the translation fails (against `previous` when
    # outdated): it is never shown


Entries = Mapping[str, Entry]  # by context


def language_entries(
    project: Project,
    lang: Language,
    units: tuple[SourceUnit, ...],
    keep_terms: Iterable[str] = (),
    contacts: Declared = NOTHING_DECLARED,
) -> dict[str, Entry]:
    """Every current entry of `lang`, with its status and its critical QA failures.

    Cached on disk under the build folder, keyed by the catalog's bytes, the
    source units, the kept terms and kbgen itself: when only another
    language's catalog changed, this one is not parsed, merged or checked again.
    When this one changed, or the source did, the QA results of the entries
    whose source and translation are unchanged are taken from the cache too
    (QA is most of the work): an edited article or translation is checked
    alone, not the whole catalog again.
    """
    keep = tuple(keep_terms)
    cache = project.build_dir / lang.code / ENTRIES_CACHE
    key = _cache_key(po_path(project, lang), units, keep, contacts)
    salt = _qa_salt(lang, keep, contacts)
    stored: dict = {}
    with contextlib.suppress(OSError, ValueError):
        stored = json.loads(cache.read_text(encoding="utf-8"))
    with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
        if stored["key"] == key:
            return {
                context: Entry(EntryStatus(e[0]), e[1], e[2], e[3], tuple(e[4]))
                for context, e in stored["entries"].items()
            }
    known = stored.get("qa") if isinstance(stored, dict) and stored.get("salt") == salt else None
    memo: dict[str, list[str]] = known if isinstance(known, dict) else {}
    entries = entries_of(merged_catalog(project, lang, units), lang.code, keep, contacts, memo)
    used = {key: memo[key] for key in (qa_key(c, e) for c, e in entries.items() if e.translation)}
    data = {
        "key": key,
        "salt": salt,
        "qa": used,
        "entries": {c: [e.status, e.source, e.translation, e.previous, list(e.critical)] for c, e in entries.items()},
    }
    write_if_changed(cache, json.dumps(data, ensure_ascii=False, sort_keys=True), durable=False)
    return entries


ENTRIES_CACHE = ".entries.json"


def _cache_key(po: Path, units: tuple[SourceUnit, ...], keep: tuple[str, ...], contacts: Declared) -> str:
    digest = hashlib.sha256(toolchain_digest().encode())
    digest.update(po.read_bytes() if po.is_file() else b"-")
    for unit in units:
        digest.update(f"\0{unit.context}\0{unit.source}\0{unit.location}".encode())
    digest.update("\0".join(keep).encode())
    digest.update(repr(contacts).encode())
    return digest.hexdigest()


def _qa_salt(lang: Language, keep: tuple[str, ...], contacts: Declared) -> str:
    """What every QA result of a language depends on beside the entry itself (kbgen's checks among it)."""
    return hashlib.sha256(f"{toolchain_digest()}\0{lang.code}\0{keep}\0{contacts!r}".encode()).hexdigest()


def qa_key(context: str, entry: Entry) -> str:
    """What one entry's QA result depends on: its context, the source it is checked against, its translation."""
    return hashlib.sha256(f"{context}\0{entry.previous or entry.source}\0{entry.translation}".encode()).hexdigest()


def entries_of(
    catalog: Catalog,
    lang_code: str,
    keep_terms: Iterable[str] = (),
    contacts: Declared = NOTHING_DECLARED,
    memo: dict[str, list[str]] | None = None,
) -> dict[str, Entry]:
    """The entries of a catalog already merged with the current source.

    `memo` maps `qa_key`s to critical QA results known from an earlier run
    with the same language, kept terms and contacts; it is read and filled.
    """
    keep = tuple(keep_terms)
    entries = {}
    for message in catalog:
        if not (message.id and message.context):
            continue
        status = catalogs.status_of(message)
        previous = "".join(message.previous_id) if status == EntryStatus.OUTDATED else None
        entry = Entry(status, catalogs.singular(message.id), catalogs.singular(message.string), previous)
        if message.string:
            entry = replace(
                entry,
                critical=_critical(
                    message.context,
                    entry,
                    Unit(
                        message.context, previous or entry.source, entry.translation, lang_code, keep, contacts=contacts
                    ),
                    memo,
                ),
            )
        entries[message.context] = entry
    return entries


def _critical(context: str, entry: Entry, unit: Unit, memo: dict[str, list[str]] | None) -> tuple[str, ...]:
    """The critical QA checks the translation fails, from `memo` when it knows them.

    An outdated translation is checked against the source it was translated
    from (`unit.source`): the English edit is not the translation's mistake.
    """
    if memo is None:
        return tuple(sorted({failure.check for failure in critical_failures(unit)}))
    key = qa_key(context, entry)
    known = memo.get(key)
    if isinstance(known, list):
        return tuple(known)
    found = tuple(sorted({failure.check for failure in critical_failures(unit)}))
    memo[key] = list(found)
    return found
