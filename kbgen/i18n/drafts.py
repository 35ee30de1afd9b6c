"""`kbgen translate`: machine drafts for missing catalog entries, suggestions for outdated ones.

Machine drafts never replace human work: a missing entry gets the draft; an
outdated human translation (or a translation-memory suggestion) keeps its
text and its `#| msgid`, and the draft goes into a translator comment
(`# kbgen: machine suggestion (engine): ...`) for the translator who updates
it, unless `overwrite_outdated` is asked for; a reviewed entry is never touched.

Protected spans are masked before the engine sees a segment and restored
after; a draft whose spans did not survive is rejected, not saved. Drafts are
saved in batches with atomic writes, so an interrupted run keeps every
finished batch and leaves each catalog valid.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog, Message

from kbgen.config import Project
from kbgen.content.model import Content
from kbgen.i18n import catalogs
from kbgen.i18n.catalogs import FUZZY, MACHINE_COMMENT, status_of
from kbgen.i18n.engines import Engine
from kbgen.i18n.protect import MaskError, mask, unmask
from kbgen.i18n.qa import Unit, critical_failures
from kbgen.i18n.workflow import load_catalog, po_path
from kbgen.languages import Language
from kbgen.vocabulary import EntryStatus

log = logging.getLogger("kbgen.i18n")

BATCH_SIZE = 32
Progress = Callable[[Language, int, int], None]  # language, done, total


SUGGESTION_COMMENT = "kbgen: machine suggestion"


@dataclass
class DraftResult:
    lang: Language
    drafted: int = 0
    suggested: int = 0  # outdated human translations that got a suggestion in a comment
    rejected: list[str] = field(default_factory=list)  # "context: reason"


def to_draft(catalog: Catalog) -> list[Message]:
    """Entries a machine may work on: missing, outdated and suggested ones (never a review, never a draft)."""
    wanted = (EntryStatus.MISSING, EntryStatus.OUTDATED, EntryStatus.SUGGESTED)
    return [m for m in catalog if m.id and status_of(m) in wanted]


def draft_language(
    project: Project,
    content: Content,
    lang: Language,
    engine: Engine,
    progress: Progress | None = None,
    overwrite_outdated: bool = False,
) -> DraftResult:
    """Fill the language's missing entries with engine drafts; suggest for outdated ones."""
    catalog = load_catalog(project, lang)
    result = DraftResult(lang)
    if catalog is None:
        log.warning("%s: no catalog yet; run `kbgen i18n update` first", lang.code)
        return result
    terms = content.keep_terms()
    pending = to_draft(catalog)
    path = po_path(project, lang)
    for start in range(0, len(pending), BATCH_SIZE):
        batch = pending[start : start + BATCH_SIZE]
        masked = [mask(catalogs.singular(m.id), terms) for m in batch]
        outputs = engine.translate([text for text, _ in masked], lang)
        for message, (_, spans), output in zip(batch, masked, outputs, strict=True):
            reason = _accept(message, spans, output, terms, lang)
            if isinstance(reason, str):
                result.rejected.append(f"{message.context}: {reason}")
                continue
            if _replaces(message, overwrite_outdated):
                message.string = reason[0]
                message.flags.add(FUZZY)
                message.previous_id = []
                message.user_comments = [f"{MACHINE_COMMENT} ({engine.name})"]
                result.drafted += 1
            else:
                suggest(message, engine.name, reason[0])
                result.suggested += 1
        catalogs.write(path, catalog)  # after each batch: an interruption loses at most one batch
        if progress:
            progress(lang, min(start + BATCH_SIZE, len(pending)), len(pending))
    return result


def _replaces(message: Message, overwrite_outdated: bool) -> bool:
    """Whether the draft becomes the translation: only where there is none (or the user asked)."""
    status = status_of(message)
    return status == EntryStatus.MISSING or (status == EntryStatus.OUTDATED and overwrite_outdated)


def suggest(message: Message, engine: str, draft: str) -> None:
    """Keep the human translation; put the machine's in a translator comment (one line, the latest only)."""
    kept = [c for c in message.user_comments if not c.startswith(SUGGESTION_COMMENT)]
    line = " ".join(draft.split())
    message.user_comments = [*kept, f"{SUGGESTION_COMMENT} ({engine}): {line}"]


def _accept(message: Message, spans, output: str, terms: list[str], lang: Language) -> tuple[str] | str:
    """The restored draft, or why it is rejected."""
    try:
        draft = unmask(output, spans)
    except MaskError as exc:
        return f"protected spans did not survive ({exc})"
    critical = [
        f
        for f in critical_failures(Unit(message.context or "", catalogs.singular(message.id), draft, lang.code, terms))
    ]
    if critical:
        return "; ".join(f.message for f in critical)
    return (draft,)
