"""Segmentation: the content model cut into the units a translator translates.

This module is the one owner of translation contexts. Plain fields (titles,
summaries, names) are one segment each; Markdown fields are cut into blocks
(`kbgen.i18n.blocks`). Every segment knows its record and field, so the site
and the reports look segments up by record and field and never spell a
context themselves.

A body block's context ends in a hash of its whitespace-normalized text, so
editing one paragraph changes one context and re-wrapping changes none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from kbgen.content.model import Content
from kbgen.i18n.blocks import normalize, split_markdown, text_hash

Record = tuple[str, ...]  # ("article", "reset-password"), ("contact", "channel", "chat"), ...

# Segment kinds of Markdown fields (one segment per block); the others are plain fields.
BLOCK_KINDS = frozenset({"heading", "paragraph", "list-item", "table-cell", "admonition-title"})


@dataclass(frozen=True)
class Segment:
    context: str  # stable msgctxt, e.g. "article:reset-password:body:1a2b3c4d"
    source: str  # English text, whitespace-normalized; inline Markdown for body blocks
    kind: str  # title | summary | question | term | text | keyword, or one of BLOCK_KINDS
    file: str | None = None
    line: int | None = None  # 1-based line in `file`, where known
    record: Record = ()  # the record the segment belongs to
    field: str = ""  # the record's field (the model's attribute name)


_BLOCK_HASH = re.compile(r"[0-9a-f]{8}(?:-\d+)?")


def context_field(context: str) -> tuple[str, str]:
    """The kind of record and the field a context belongs to: `article:x:body:1a2b3c4d` -> ("article", "body").

    What translation memory compares: the same English in a title and in a
    sentence, or in an article and a glossary entry, is not the same text.
    """
    parts = context.split(":")
    if len(parts) > 3 and _BLOCK_HASH.fullmatch(parts[-1]):
        parts = parts[:-1]
    return parts[0], parts[-1] if len(parts) > 1 else ""


def context_of(record: Record, field: str) -> str:
    """The one spelling of a field's context: `article:reset-password:title`."""
    return ":".join((*record, field.replace("_", "-")))


def body_segments(
    record: Record, field: str, text: str, file: str | None = None, first_line: int | None = None
) -> list[Segment]:
    """The segments of one Markdown field; contexts are `<record>:<field>:<hash8>[-n]`."""
    prefix = context_of(record, field)
    seen: Counter[str] = Counter()
    segments = []
    for block in split_markdown(text):
        digest = text_hash(block.source)
        seen[digest] += 1
        context = f"{prefix}:{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else "")
        line = None if first_line is None else first_line + block.line
        segments.append(Segment(context, block.source, block.kind, file, line, record, field))
    return segments


def plain_segment(
    record: Record, field: str, text: str, kind: str, file: str | None = None, line: int | None = None
) -> Segment:
    return Segment(context_of(record, field), normalize(text), kind, file, line, record, field)


def keyword_segments(
    record: Record, field: str, words: list[str], file: str | None = None, line: int | None = None
) -> list[Segment]:
    """Search keywords (and glossary synonyms and not_in phrases): one segment each, its context ending in the word's
    hash, so reordering the list keeps every translation."""
    prefix = context_of(record, field)
    return [
        Segment(f"{prefix}:{text_hash(word)}", word, "keyword", file, line, record, field)
        for word in dict.fromkeys(normalize(w) for w in words)
    ]


# A keyword's translation may list several ways readers type it, separated by Latin, Arabic or
# CJK commas (not semicolons: "&#60;" must stay one piece for the checks that read it).
_PHRASE_LIST = re.compile(r"\s*[,\u060c\u3001\uff0c]\s*")


def keyword_phrases(text: str) -> list[str]:
    """The phrases a keyword's translation lists ("Passwort vergessen, Kennwort vergessen"): each is a keyword of its own."""
    return [phrase for phrase in _PHRASE_LIST.split(text.strip()) if phrase]


def segment_content(content: Content) -> list[Segment]:
    """Every translatable segment of the content, in a deterministic order.

    Records are ordered by kind, then id, so a file moving between folders
    or a retitled record does not reorder the catalog. Found once for the
    last content asked about (a build asks for its catalogs, every language
    and the stale report; the loaded content is not modified).
    """
    if not _LAST or _LAST[0][0] is not content:
        _LAST[:] = [(content, tuple(_Segmenter(content).all()))]
    return list(_LAST[0][1])


_LAST: list[tuple[Content, tuple[Segment, ...]]] = []


class SegmentIndex:
    """The segments of the content by record and field: how the site finds what to translate."""

    def __init__(self, segments: list[Segment]):
        self._by_field: dict[tuple[Record, str], list[Segment]] = {}
        for segment in segments:
            self._by_field.setdefault((segment.record, segment.field), []).append(segment)

    def of(self, record: Record, field: str) -> list[Segment]:
        """The segments of one field: one for a plain field, one per block for Markdown; [] for an empty one."""
        return self._by_field.get((record, field), [])


class _Segmenter:
    def __init__(self, content: Content):
        self.content = content

    def all(self) -> Iterator[Segment]:
        content = self.content
        for category in sorted(content.categories.values(), key=lambda c: c.id):
            yield from self.fields("category", category.id, category, [("title", "title"), ("description", "text")])
        for article in sorted(content.articles.values(), key=lambda a: a.id):
            yield from self.fields("article", article.id, article, [("title", "title"), ("summary", "summary")])
            yield from self.body("article", article.id, "body", article.body)
            yield from self.keywords("article", article.id, "keywords", article.keywords)
        for faq in sorted(content.faqs.values(), key=lambda f: f.id):
            yield from self.fields("faq", faq.id, faq, [("question", "question")])
            yield from self.body("faq", faq.id, "answer", faq.answer)
            yield from self.keywords("faq", faq.id, "keywords", faq.keywords)
        for term in sorted(content.glossary.values(), key=lambda t: t.id):
            # A do-not-translate term stays as written; its definition is still translated.
            yield from self.fields("term", term.id, term, [("term", "term")] if term.translate else [])
            yield from self.body("term", term.id, "definition", term.definition)
            yield from self.keywords("term", term.id, "synonyms", term.synonyms)
            if term.translate:  # phrases pages must not mark as the term, in each language's words
                yield from self.keywords("term", term.id, "not_in", term.not_in)
        for block in sorted(content.blocks.values(), key=lambda b: b.id):
            # Written once, translated once: every article that includes it shows the same translation.
            yield from self.fields("block", block.id, block, [("title", "title")] if block.title else [])
            yield from self.body("block", block.id, "text", block.text)
        for notice in sorted(content.notices.values(), key=lambda n: n.id):
            # Notices render as one inline text in the banner: one segment. A notice
            # from a template has none: its template is translated once for all.
            if notice.text is not None:
                yield from self.fields("notice", notice.id, notice, [("text", "text")])
        for template in sorted(content.notice_templates.values(), key=lambda t: t.id):
            yield from self.fields("notice-template", template.id, template, [("text", "text")])
        if content.contact:
            yield from self.contact()

    def contact(self) -> Iterator[Segment]:
        contact, data = self.content.contact, self._data("contact", "contact")
        assert contact is not None  # segmented only when the content has one
        file = self._file("contact", "contact")
        yield plain_segment(("contact",), "intro", contact.intro, "text", file, _key_line(data, "intro"))
        channels_data = data.get("channels", []) if isinstance(data, dict) else []
        for number, channel in enumerate(contact.channels):
            item = channels_data[number] if number < len(channels_data) else None
            for field, kind in (
                ("name", "title"),
                ("description", "text"),
                ("hours", "text"),
                ("response_time", "text"),
            ):
                value = getattr(channel, field)
                if value:
                    record: Record = ("contact", "channel", channel.id)
                    yield plain_segment(record, field, value, kind, file, _key_line(item, field))
        escalation = data.get("escalation") if isinstance(data, dict) else None
        yield plain_segment(
            ("contact", "escalation"), "intro", contact.escalation.intro, "text", file, _key_line(escalation, "intro")
        )
        steps_data = escalation.get("steps", []) if isinstance(escalation, dict) else []
        for number, step in enumerate(contact.escalation.steps, start=1):
            # Steps have no id: their place is their identity.
            item = steps_data[number - 1] if number <= len(steps_data) else None
            record = escalation_step(number)
            yield plain_segment(record, "title", step.title, "title", file, _key_line(item, "title"))
            yield from body_segments(record, "text", step.text, file, _body_line(item, "text", step.text))

    def fields(self, kind: str, record_id: str, record: object, fields: list[tuple[str, str]]) -> Iterator[Segment]:
        file, data = self._file(kind, record_id), self._data(kind, record_id)
        for field, segment_kind in fields:
            yield plain_segment(
                (kind, record_id), field, getattr(record, field), segment_kind, file, _key_line(data, field)
            )

    def body(self, kind: str, record_id: str, field: str, text: str) -> list[Segment]:
        file, data = self._file(kind, record_id), self._data(kind, record_id)
        return body_segments((kind, record_id), field, text, file, _body_line(data, field, text))

    def keywords(self, kind: str, record_id: str, field: str, words: list[str]) -> list[Segment]:
        file, data = self._file(kind, record_id), self._data(kind, record_id)
        return keyword_segments((kind, record_id), field, words, file, _key_line(data, field))

    def _file(self, kind: str, record_id: str) -> str | None:
        origin = self.content.origins.get((kind, record_id))
        return origin.file if origin else None

    def _data(self, kind: str, record_id: str) -> object:
        origin = self.content.origins.get((kind, record_id))
        return origin.data if origin else None


def escalation_step(number: int) -> Record:
    """Escalation steps have no id: their place (from 1) is their identity."""
    return ("contact", "escalation", "step", str(number))


def _key_line(data: object, key: str) -> int | None:
    key_lines = getattr(data, "key_lines", None)
    return key_lines.get(key) if key_lines else None


def _body_line(data: object, key: str, text: str) -> int | None:
    """The file line of the text's first line: a multi-line value is a block scalar (`|`)."""
    line = _key_line(data, key)
    return None if line is None else line + (1 if "\n" in text else 0)
