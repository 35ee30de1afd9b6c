"""What and where each segment is, in words: the `#.` comment a translator reads in a PO tool.

A table header "Accepted" or a notice "Back at 03:00" says little on its own;
"Table header, column 2 of 'What each status means' in article 'Deposit
statuses'" or "Notice shown as a banner until 6 Dec 2026 03:00 UTC" says what
the text is, where it appears and how long it may be. The segmenter owns the
contexts; this module only reads them, with the content and the Markdown
blocks they came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from kbgen.content.model import Content
from kbgen.i18n.blocks import Block, split_markdown
from kbgen.i18n.segments import Record, body_segments, context_of, escalation_step, keyword_segments

_BLOCK_NAMES = {
    "heading": "Heading",
    "paragraph": "Paragraph",
    "list-item": "List item",
    "admonition-title": "Title of a highlighted box",
}
_FIELD_NAMES = {
    ("category", "title"): "Name of category",
    ("category", "description"): "Description of category",
    ("article", "title"): "Title of article",
    ("article", "summary"): "Summary (shown under the title and in lists) of article",
    ("faq", "question"): "Question of FAQ",
    ("term", "term"): "Glossary term",
}
_CHANNEL_FIELDS = {
    "name": "Name",
    "description": "Description",
    "hours": "Opening hours",
    "response_time": "Response time",
}
_DELIMITER_ROW = re.compile(r"^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def segment_notes(content: Content) -> dict[str, str]:
    """Every segment's context mapped to its description."""
    notes = dict(_field_notes(content))
    for record, field, text, where, whole in _bodies(content):
        notes.update(_body_notes(record, field, text, where, whole))
    return notes


def _quoted(text: str) -> str:
    return "'" + re.sub(r"\s+", " ", text).strip() + "'"


def _field_notes(content: Content) -> Iterator[tuple[str, str]]:
    for kind, records, name in (
        ("category", content.categories, "title"),
        ("article", content.articles, "title"),
        ("faq", content.faqs, "question"),
        ("term", content.glossary, "term"),
    ):
        for record_id, record in records.items():
            for (record_kind, field), label in _FIELD_NAMES.items():
                if record_kind == kind:
                    yield context_of((kind, record_id), field), f"{label} {_quoted(getattr(record, name))}"
    for block_id, block in content.blocks.items():
        if block.title:
            yield (
                context_of(("block", block_id), "title"),
                f"Title of the box of the reusable block '{block_id}' (shown in every article that includes it)",
            )
    for term_id, term in content.glossary.items():
        for segment in keyword_segments(("term", term_id), "not_in", term.not_in):
            yield (
                segment.context,
                (
                    f"A phrase containing the glossary term {_quoted(term.term)} that means something "
                    "else (never marked as the term): not shown; translate it as an article would write it"
                ),
            )
    yield from _keyword_notes(content)
    for notice_id, notice in content.notices.items():
        yield (
            context_of(("notice", notice_id), "text"),
            (f"Notice ({notice.kind}) shown as a banner from {_when(notice.start)} until {_when(notice.end)}"),
        )
    if content.contact:
        yield context_of(("contact",), "intro"), "Introduction of the contact page"
        yield (
            context_of(("contact", "escalation"), "intro"),
            "Introduction of the escalation section on the contact page",
        )
        for channel in content.contact.channels:
            for field, label in _CHANNEL_FIELDS.items():
                yield (
                    context_of(("contact", "channel", channel.id), field),
                    f"{label} of contact channel {_quoted(channel.name)}",
                )
        for number, _step in enumerate(content.contact.escalation.steps, start=1):
            yield context_of(escalation_step(number), "title"), f"Title of escalation step {number} on the contact page"


def _keyword_notes(content: Content) -> Iterator[tuple[str, str]]:
    """Search keywords are never shown: the note says to write what readers of the language type."""
    for kind, records, name, field, label in (
        ("article", content.articles, "title", "keywords", "Search keyword of article"),
        ("faq", content.faqs, "question", "keywords", "Search keyword of FAQ"),
        ("term", content.glossary, "term", "synonyms", "Other name readers search for, of glossary term"),
    ):
        for record_id, record in records.items():
            for segment in keyword_segments((kind, record_id), field, getattr(record, field)):
                yield (
                    segment.context,
                    (
                        f"{label} {_quoted(getattr(record, name))}: not shown on the page; "
                        "write what readers in your language type to find it (several ways, separated by commas)"
                    ),
                )


def _when(moment: datetime) -> str:
    moment = moment.astimezone(UTC) if moment.tzinfo else moment
    return f"{moment.day} {moment:%b %Y %H:%M} UTC"


def _bodies(content: Content) -> Iterator[tuple[Record, str, str, str, str]]:
    """Each Markdown field: its record and field, its text, where it appears, and its name when it is one paragraph."""
    for article_id, article in content.articles.items():
        where = f"in article {_quoted(article.title)}"
        yield ("article", article_id), "body", article.body, where, f"Paragraph {where}"
    for faq_id, faq in content.faqs.items():
        question = _quoted(faq.question)
        yield ("faq", faq_id), "answer", faq.answer, f"in the answer to FAQ {question}", f"Answer to FAQ {question}"
    for term_id, term in content.glossary.items():
        name = _quoted(term.term)
        yield (
            ("term", term_id),
            "definition",
            term.definition,
            f"in the glossary definition of {name}",
            f"Glossary definition of {name}",
        )
    for block_id in content.blocks:
        where = f"in the reusable block '{block_id}' (shown in every article that includes it)"
        yield ("block", block_id), "text", content.blocks[block_id].text, where, f"Text {where}"
    if content.contact:
        for number, step in enumerate(content.contact.escalation.steps, start=1):
            where = f"of escalation step {number} on the contact page"
            yield escalation_step(number), "text", step.text, where, f"Text {where}"


def _body_notes(record: Record, field: str, text: str, where: str, whole: str) -> dict[str, str]:
    """Notes for the blocks of one Markdown field, paired with the segments the segmenter made of them."""
    pairs = list(zip(split_markdown(text), body_segments(record, field, text), strict=True))
    if len(pairs) == 1 and pairs[0][0].kind == "paragraph":
        return {pairs[0][1].context: whole}
    notes, heading, lines = {}, None, text.split("\n")
    for block, segment in pairs:
        if block.kind == "table-cell":
            what = _cell(block, text, lines, heading)
        else:
            what = _BLOCK_NAMES.get(block.kind, block.kind)
            if heading and block.kind != "heading":
                what += f" under {_quoted(heading)}"
        if block.kind == "heading":
            heading = block.source
        notes[segment.context] = f"{what} {where}"
    return notes


def _cell(block: Block, text: str, lines: list[str], heading: str | None) -> str:
    """ "Table header, column 2 of 'Fees'" or "Table cell, column 1 of 'Fees'" """
    line_start = text.rfind("\n", 0, block.start) + 1
    before = text[line_start : block.start]
    pipes = len(re.findall(r"(?<!\\)\|", before))
    leading = 1 if before.lstrip(" \t>").startswith("|") else 0
    column = pipes - leading + 1
    is_header = block.line + 1 < len(lines) and bool(_DELIMITER_ROW.match(lines[block.line + 1]))
    table = f" of {_quoted(heading)}" if heading else ""
    return f"{'Table header' if is_header else 'Table cell'}, column {column}{table}"
