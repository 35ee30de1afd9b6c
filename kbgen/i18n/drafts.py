"""`kbgen translate`: machine drafts for missing and outdated catalog entries.

Protected spans are masked before the engine sees a segment and restored
after; a draft whose spans did not survive is rejected, not saved. Drafts are
saved in batches with atomic writes, so an interrupted run keeps every
finished batch and leaves each catalog valid.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable

from babel.messages.catalog import Catalog, Message

from kbgen.config import Project
from kbgen.content.model import Content
from kbgen.i18n import catalogs
from kbgen.i18n.catalogs import FUZZY, MACHINE_COMMENT, status_of
from kbgen.i18n.engines import Engine
from kbgen.languages import Language
from kbgen.i18n.protect import MaskError, mask, unmask
from kbgen.i18n.qa import Unit, run_checks
from kbgen.i18n.workflow import load_catalog, po_path

log = logging.getLogger("kbgen.i18n")

BATCH_SIZE = 32
Progress = Callable[[Language, int, int], None]  # language, done, total


@dataclass
class DraftResult:
    lang: Language
    drafted: int = 0
    rejected: list[str] = field(default_factory=list)  # "context: reason"


def to_draft(catalog: Catalog) -> list[Message]:
    """Entries a machine draft may fill: missing ones and outdated ones (never a review)."""
    return [m for m in catalog if m.id and status_of(m) in ("missing", "outdated")]


def draft_language(project: Project, content: Content, lang: Language, engine: Engine,
                   progress: Progress | None = None) -> DraftResult:
    """Fill the language's missing and outdated entries with engine drafts."""
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
        masked = [mask(m.id, terms) for m in batch]
        outputs = engine.translate([text for text, _ in masked], lang)
        for message, (_, spans), output in zip(batch, masked, outputs):
            reason = _accept(message, spans, output, terms, lang)
            if isinstance(reason, str):
                result.rejected.append(f"{message.context}: {reason}")
                continue
            message.string = reason[0]
            message.flags.add(FUZZY)
            message.previous_id = ()
            message.user_comments = [f"{MACHINE_COMMENT} ({engine.name})"]
            result.drafted += 1
        catalogs.write(path, catalog)  # after each batch: an interruption loses at most one batch
        if progress:
            progress(lang, min(start + BATCH_SIZE, len(pending)), len(pending))
    return result


def _accept(message: Message, spans, output: str, terms: list[str], lang: Language) -> tuple[str] | str:
    """The restored draft, or why it is rejected."""
    try:
        draft = unmask(output, spans)
    except MaskError as exc:
        return f"protected spans did not survive ({exc})"
    critical = [f for f in run_checks(Unit(message.context, message.id, draft, lang.code, terms)) if f.severity == "critical"]
    if critical:
        return "; ".join(f.message for f in critical)
    return (draft,)
