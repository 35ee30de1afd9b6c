"""Every entry of one language as the site and the reports need it.

Computed once per build for each language, from the catalog merged with the
current source in memory (exactly as `kbgen i18n update` would write it), and
handed to the page builder and to the stale report alike, so both always
agree on what a language shows. Small and picklable: it crosses to the
worker processes that build each language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from kbgen.config import Project
from kbgen.i18n import catalogs
from kbgen.i18n.catalogs import SourceUnit
from kbgen.i18n.qa import Unit, critical_failures
from kbgen.i18n.workflow import merged_catalog
from kbgen.languages import Language
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


def language_entries(project: Project, lang: Language, units: tuple[SourceUnit, ...],
                     keep_terms: Iterable[str] = ()) -> dict[str, Entry]:
    """Every current entry of `lang`, with its status and its critical QA failures."""
    keep = tuple(keep_terms)
    entries = {}
    for message in merged_catalog(project, lang, units):
        if not (message.id and message.context):
            continue
        status = catalogs.status_of(message)
        previous = "".join(message.previous_id) if status == EntryStatus.OUTDATED else None
        critical: tuple[str, ...] = ()
        if message.string:
            # An outdated translation is checked against the source it was translated from:
            # the English edit is not the translation's mistake.
            unit = Unit(message.context, previous or message.id, message.string, lang.code, keep)
            critical = tuple(sorted({failure.check for failure in critical_failures(unit)}))
        entries[message.context] = Entry(status, message.id, message.string or "", previous, critical)
    return entries
