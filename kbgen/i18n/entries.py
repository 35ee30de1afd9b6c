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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from kbgen.config import Project
from kbgen.fsutil import read_cache, write_if_changed
from kbgen.i18n import catalogs
from kbgen.i18n.catalogs import SourceUnit, record_of
from kbgen.i18n.qa import Unit, critical_failures
from kbgen.i18n.qamemo import QA_CACHE, Memo, kept_failures, qa_key, qa_salt, read_memo, write_memo
from kbgen.i18n.workflow import load_catalog, po_path
from kbgen.languages import Language
from kbgen.scamtext import NOTHING_DECLARED, Declared
from kbgen.vocabulary import EntryStatus, QaSeverity


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


@dataclass(frozen=True)
class EntryStates:
    """What a report needs of a language's entries: each one's status, and for an outdated one
    the source its translation was made from. A small file beside the entries holds it, so the
    dashboard reads every language's states without reading every language's entries."""

    status: Mapping[str, EntryStatus]  # by context
    previous: Mapping[str, str]  # by context, outdated entries only

    @classmethod
    def of(cls, entries: Entries) -> EntryStates:
        return cls(
            {context: entry.status for context, entry in entries.items()},
            {context: entry.previous for context, entry in entries.items() if entry.previous is not None},
        )


def entry_states(entries: Mapping[str, Entries], code: str) -> EntryStates:
    """A language's entry states, from the small file when `entries` are the build folder's."""
    return entries.states(code) if isinstance(entries, CachedEntries) else EntryStates.of(entries[code])


class CachedEntries(Mapping[str, Entries]):
    """Target languages' entries, each made or read from the build folder's cache when it is asked for.

    Small to send to a worker process (the project and the source units, not
    the entries): each worker reads only the language it builds, so no process
    holds every language's entries while the languages build (at 1,000
    articles they are about 250 MB). Each lookup reads the cache again: a
    caller that asks twice makes a `dict` of it.
    """

    def __init__(
        self,
        project: Project,
        languages: Iterable[Language],
        units: tuple[SourceUnit, ...],
        keep_terms: tuple[str, ...],
        contacts: Declared,
    ):
        self.project, self.units, self.keep_terms, self.contacts = project, units, keep_terms, contacts
        self.languages = {lang.code: lang for lang in languages}

    def __getitem__(self, code: str) -> Entries:
        return language_entries(self.project, self.languages[code], self.units, self.keep_terms, self.contacts)

    def __contains__(self, code: object) -> bool:
        return code in self.languages  # without reading the entries

    def get(self, code: str, default: Entries | None = None) -> Entries | None:  # type: ignore[override]
        # Mapping.get would read a KeyError raised while making the entries as "no such language".
        return self[code] if code in self.languages else default

    def __iter__(self) -> Iterator[str]:
        return iter(self.languages)

    def __len__(self) -> int:
        return len(self.languages)

    def states(self, code: str) -> EntryStates:
        """The language's entry states (reading its entries only when they are not current)."""
        stored = read_cache(self.project.build_dir / code / STATES_CACHE, self._key(code))
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            status, previous = stored["status"], stored["previous"]
            return EntryStates({c: _STATUSES[s] for c, s in status.items()}, dict(previous))
        return EntryStates.of(self[code])

    def prepare(self, code: str) -> None:
        """Make one language's cached entries, unless the cache holds them already (then nothing is read)."""
        if not self.is_current(code):
            self[code]

    def is_current(self, code: str) -> bool:
        """Whether the cache holds the language's entries as they are now (its catalog is read, not parsed)."""
        return _stored_key(self.project.build_dir / code) == self._key(code)

    def _key(self, code: str) -> str:
        """The key the language's entries are cached under (its catalog is read, not parsed)."""
        return _cache_key(self.project, self.languages[code], self.units, self.keep_terms, self.contacts)[-1]


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
    When only the source changed, only the records whose units changed are
    merged again (an edited article's body, not every catalog entry). When
    this catalog changed, it is merged whole, and the QA results of the
    entries whose source and translation are unchanged are taken from the
    cache (QA is most of the work): an edited article or translation is
    checked alone, not the whole catalog again.
    """
    keep = tuple(keep_terms)
    work = project.build_dir / lang.code
    salt, base, records, key = _cache_key(project, lang, units, keep, contacts)
    stored = read_cache(work / ENTRIES_CACHE)
    with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError, IndexError):
        if stored["key"] == key:
            return {c: _decoded(e) for c, e in stored["entries"].items()}
    memo = read_memo(work / QA_CACHE, salt)
    reusable = stored if stored.get("base") == base else {}
    known_results = len(memo)
    entries = _entries_again(project, lang, units, records, reusable, base, (keep, contacts, memo))
    checked_now = len(memo) != known_results
    if entries is None:
        old = load_catalog(project, lang)
        _remember_records(work, base, old)
        merged, _ = catalogs.merge(old, list(units), lang, "kbgen")
        entries = entries_of(merged, lang.code, keep, contacts, memo)
        # A whole merge keeps only the results its entries use; a partial one adds its new ones.
        memo = {key: memo[key] for key in (_qa_key(c, e) for c, e in entries.items() if e.translation) if key in memo}
        checked_now = True
    if checked_now:
        write_memo(work / QA_CACHE, salt, memo)
    data = {
        "key": key,
        "base": base,
        "records": records,
        "entries": {c: [e.status, e.source, e.translation, e.previous, list(e.critical)] for c, e in entries.items()},
    }
    write_if_changed(work / ENTRIES_CACHE, json.dumps(data, ensure_ascii=False, sort_keys=True), durable=False)
    states = EntryStates.of(entries)
    states_data = {"salt": key, "status": states.status, "previous": states.previous}
    write_if_changed(work / STATES_CACHE, json.dumps(states_data, ensure_ascii=False, sort_keys=True), durable=False)
    write_if_changed(work / ENTRIES_KEY, key, durable=False)  # after the entries: never a key without them
    return entries


def _cache_key(
    project: Project, lang: Language, units: tuple[SourceUnit, ...], keep: tuple[str, ...], contacts: Declared
) -> tuple[str, str, dict[str, str], str]:
    """The QA salt, the catalog's `base` digest, each record's digest, and the key of the entries made of them."""
    po = po_path(project, lang)
    salt = qa_salt(lang.code, keep, contacts)
    # The catalog's bytes and everything QA reads beside the entries: with these equal, a record
    # (an article's body, a title) whose units are unchanged has the entries it had.
    base = hashlib.sha256(salt.encode() + (po.read_bytes() if po.is_file() else b"-")).hexdigest()
    records = _record_digests(units)
    key = hashlib.sha256(base.encode() + json.dumps(records, sort_keys=True).encode()).hexdigest()
    return salt, base, records, key


def _stored_key(work: Path) -> str | None:
    with contextlib.suppress(OSError, UnicodeError):
        return (work / ENTRIES_KEY).read_text(encoding="utf-8")
    return None


ENTRIES_CACHE = ".entries.json"
ENTRIES_KEY = ".entries.key"  # the key of the entries in ENTRIES_CACHE, read without reading them
STATES_CACHE = ".entry-states.json"  # EntryStates of the entries in ENTRIES_CACHE, under their key
# The catalog's entries by record and its translation memory, under the catalog's `base` digest:
# what merging a few records needs, without parsing the whole PO file again.
RECORDS_CACHE = ".catalog-records.json"


def _entries_again(
    project: Project,
    lang: Language,
    units: tuple[SourceUnit, ...],
    records: dict[str, str],
    stored: dict,
    base: str,
    qa: tuple[tuple[str, ...], Declared, Memo],
) -> dict[str, Entry] | None:
    """The entries from `stored` (made from the same catalog) with only the changed records merged again.

    A record's units are merged against the catalog independently of other
    records (an edited paragraph is matched among its own record's removed
    entries; a new one is looked up in the whole catalog's translation
    memory), so merging the changed records alone gives their entries as a
    whole merge does. None when nothing is stored to start from.
    """
    with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError, IndexError):
        before = stored["records"]
        changed = {record for record, digest in records.items() if before.get(record) != digest}
        part = [unit for unit in units if record_of(unit.context) in changed]
        fresh = {}
        if part:
            old, memory = _records_of(project, lang, base, changed)
            merged, _ = catalogs.merge(old, part, lang, "kbgen", memory=memory)
            fresh = entries_of(merged, lang.code, *qa)
        old = stored["entries"]
        return {
            u.context: fresh[u.context] if record_of(u.context) in changed else _decoded(old[u.context]) for u in units
        }
    return None


def _records_of(
    project: Project, lang: Language, base: str, wanted: set[str]
) -> tuple[Catalog | None, dict[str, tuple[str, str]]]:
    """The catalog's entries of the `wanted` records and its whole translation memory.

    From the copy kept under the catalog's digest (`base`) when there is
    one; else the PO file is read (and the copy made for the next edit).
    """
    work = project.build_dir / lang.code
    stored = read_cache(work / RECORDS_CACHE, base)
    with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError, IndexError):
        memory = {source: (string, context) for source, string, context in stored["memory"]}
        catalog = Catalog(locale=lang.babel)
        for record in sorted(wanted):
            for context, msgid, string, flags, previous, comments in stored["records"].get(record, []):
                catalog[msgid] = Message(
                    msgid, string, flags=flags, previous_id=previous, user_comments=comments, context=context
                )
        return catalog, memory
    old = load_catalog(project, lang)
    _remember_records(work, base, old)
    return old, catalogs.translation_memory(old)


def _remember_records(work: Path, base: str, catalog: Catalog | None) -> None:
    """Keep the catalog's entries by record, in the catalog's order, and its translation memory."""
    by_record: dict[str, list] = {}
    for m in catalog or []:
        if m.id and m.context:
            row = [m.context, catalogs.singular(m.id), catalogs.singular(m.string), sorted(m.flags)]
            by_record.setdefault(record_of(m.context), []).append([*row, list(m.previous_id), list(m.user_comments)])
    memory = [[source, *found] for source, found in catalogs.translation_memory(catalog).items()]
    data = {"salt": base, "records": by_record, "memory": memory}
    write_if_changed(work / RECORDS_CACHE, json.dumps(data, ensure_ascii=False, sort_keys=True), durable=False)


@lru_cache(maxsize=2)  # the same units for every language of a build
def _record_digests(units: tuple[SourceUnit, ...]) -> dict[str, str]:
    """Each record's units (contexts and sources, in order) as a short digest: what its entries come from."""
    digests: dict[str, hashlib.blake2b] = {}
    for unit in units:
        record = record_of(unit.context)
        if record not in digests:
            digests[record] = hashlib.blake2b(digest_size=12)
        digests[record].update(f"{unit.context}\0{unit.source}\0".encode())
    return {record: digest.hexdigest() for record, digest in digests.items()}


def _decoded(stored: list) -> Entry:
    return Entry(_STATUSES[stored[0]], stored[1], stored[2], stored[3], tuple(stored[4]))


_STATUSES = {status.value: status for status in EntryStatus}  # a dict: faster than EntryStatus(value)


def _qa_key(context: str, entry: Entry) -> str:
    return qa_key(context, entry.previous or entry.source, entry.translation)


def entries_of(
    catalog: Catalog,
    lang_code: str,
    keep_terms: Iterable[str] = (),
    contacts: Declared = NOTHING_DECLARED,
    memo: Memo | None = None,
) -> dict[str, Entry]:
    """The entries of a catalog already merged with the current source.

    `memo` (kbgen/i18n/qamemo.py) holds QA results known from an earlier run
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
                    Unit(
                        message.context, previous or entry.source, entry.translation, lang_code, keep, contacts=contacts
                    ),
                    memo,
                ),
            )
        entries[message.context] = entry
    return entries


def _critical(unit: Unit, memo: Memo | None) -> tuple[str, ...]:
    """The critical QA checks the translation fails; with a `memo`, every kept check's result is
    taken from it or kept in it (`kbgen check` reads them after a build).

    An outdated translation is checked against the source it was translated
    from (`unit.source`): the English edit is not the translation's mistake.
    """
    failures = critical_failures(unit) if memo is None else kept_failures(unit, memo)
    return tuple(sorted({failure.check for failure in failures if failure.severity == QaSeverity.CRITICAL}))
