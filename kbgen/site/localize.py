"""One language's view of the content: published translations, English elsewhere.

A translation is shown when it is reviewed or outdated (a reviewed
translation of an earlier source; the page says so), when it is a machine
draft and the language publishes drafts, and never when it fails a critical
QA check. A Markdown field is shown translated only when every block of it
is, so a page never mixes languages mid-text; otherwise it falls back to
English, and the page says so.

The build merges the catalogs with the current source in memory, exactly as
`kbgen i18n update` would, so an English edit shows as outdated at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from babel.messages.catalog import Catalog, Message

from kbgen.content.model import Article, Content, Faq
from kbgen.i18n.catalogs import normalized, status_of
from kbgen.i18n.qa import Unit, run_checks
from kbgen.i18n.segments import body_segments, join_markdown, keyword_context, normalize

PageStatus = Literal["source", "reviewed", "machine", "outdated", "fallback"]
# When segments of one page differ, the page shows the least trustworthy.
_RANK: dict[str, int] = {"source": 0, "reviewed": 1, "machine": 2, "outdated": 3, "fallback": 4}


def worst(statuses) -> PageStatus:
    return max(statuses, key=_RANK.__getitem__, default="reviewed")


@dataclass(frozen=True)
class Shown:
    text: str
    status: PageStatus


class Localizer:
    """Looks up what a language shows for each source text."""

    def __init__(self, catalog: Catalog | None, lang_code: str, publish_machine: bool, keep_terms=()):
        self.lang_code = lang_code
        self.publish_machine = publish_machine
        self.keep_terms = tuple(keep_terms)
        self.entries: dict[str, Message] = {m.context: m for m in catalog or () if m.id and m.context}

    def shown(self, context: str, source: str) -> Shown:
        message = self.entries.get(context)
        if message is None or not message.string or (message.id != source and normalized(message.id) != normalized(source)):
            return Shown(source, "fallback")
        status = status_of(message)
        if status == "machine" and not self.publish_machine:
            return Shown(source, "fallback")
        unit = Unit(context, message.id, message.string, self.lang_code, self.keep_terms)
        if any(f.severity == "critical" for f in run_checks(unit, ("spans", "html"))):
            return Shown(source, "fallback")
        return Shown(message.string, status)

    def field(self, context: str, text: str) -> Shown:
        return self.shown(context, normalize(text))

    def markdown(self, prefix: str, text: str) -> Shown:
        segments = body_segments(prefix, text)
        shown = [self.shown(s.context, s.source) for s in segments]
        status = worst(s.status for s in shown)
        if status == "fallback":
            return Shown(text, "fallback")
        return Shown(join_markdown(text, {s.source: x.text for s, x in zip(segments, shown)}), status)


@dataclass
class LocalizedContent:
    """The content as one language shows it, with each page's status."""

    content: Content
    articles: dict[str, PageStatus] = field(default_factory=dict)
    faqs: dict[str, PageStatus] = field(default_factory=dict)


def source_view(content: Content) -> LocalizedContent:
    return LocalizedContent(content, {a: "source" for a in content.articles}, {f: "source" for f in content.faqs})


def localize(content: Content, localizer: Localizer) -> LocalizedContent:
    """A copy of the content with every text replaced by what the language shows."""
    view = LocalizedContent(Content(origins=content.origins, invalid=content.invalid))
    out = view.content
    text = localizer.field
    for category in content.categories.values():
        out.categories[category.id] = category.model_copy(update={
            "title": text(f"category:{category.id}:title", category.title).text,
            "description": text(f"category:{category.id}:description", category.description).text,
        })
    for article in content.articles.values():
        out.articles[article.id], view.articles[article.id] = _article(article, localizer)
    for faq in content.faqs.values():
        out.faqs[faq.id], view.faqs[faq.id] = _faq(faq, localizer)
    for term in content.glossary.values():
        update = {"definition": localizer.markdown(f"term:{term.id}:definition", term.definition).text,
                  "synonyms": search_words(localizer, "term", term.id, "synonyms", term.synonyms)}
        if term.translate:
            update["term"] = text(f"term:{term.id}:term", term.term).text
        out.glossary[term.id] = term.model_copy(update=update)
    for notice in content.notices.values():
        out.notices[notice.id] = notice.model_copy(update={"text": text(f"notice:{notice.id}:text", notice.text).text})
    if content.contact:
        out.contact = _contact(content.contact, localizer)
    return view


def search_words(localizer: Localizer, kind: str, record_id: str, field: str, words: list[str]) -> list[str]:
    """Translated keywords first, then the English ones: readers everywhere also type "2FA" or "seed phrase"."""
    shown = [localizer.field(keyword_context(kind, record_id, field, normalize(w)), w) for w in words]
    return list(dict.fromkeys([s.text for s in shown if s.status != "fallback"] + [normalize(w) for w in words]))


def _article(article: Article, localizer: Localizer) -> tuple[Article, PageStatus]:
    keywords = search_words(localizer, "article", article.id, "keywords", article.keywords)
    article = article.model_copy(update={"keywords": keywords})
    title = localizer.field(f"article:{article.id}:title", article.title)
    summary = localizer.field(f"article:{article.id}:summary", article.summary)
    body = localizer.markdown(f"article:{article.id}:body", article.body)
    if body.status == "fallback":
        # The body stays English (with a banner saying so); a translated title
        # and summary still help a reader find the article in lists and search.
        return article.model_copy(update={"title": title.text, "summary": summary.text}), "fallback"
    status = worst([title.status, summary.status, body.status])
    return article.model_copy(update={"title": title.text, "summary": summary.text, "body": body.text}), status


def _faq(faq: Faq, localizer: Localizer) -> tuple[Faq, PageStatus]:
    faq = faq.model_copy(update={"keywords": search_words(localizer, "faq", faq.id, "keywords", faq.keywords)})
    question = localizer.field(f"faq:{faq.id}:question", faq.question)
    answer = localizer.markdown(f"faq:{faq.id}:answer", faq.answer)
    status = worst([question.status, answer.status])
    if status == "fallback":
        return faq, "fallback"
    return faq.model_copy(update={"question": question.text, "answer": answer.text}), status


def _contact(contact, localizer: Localizer):
    text = localizer.field
    channels = []
    for channel in contact.channels:
        update = {}
        for name in ("name", "description", "hours", "response_time"):
            value = getattr(channel, name)
            if value:
                update[name] = text(f"contact:channel:{channel.id}:{name.replace('_', '-')}", value).text
        channels.append(channel.model_copy(update=update))
    steps = [
        step.model_copy(update={
            "title": text(f"contact:escalation:step:{number}:title", step.title).text,
            "text": localizer.markdown(f"contact:escalation:step:{number}:text", step.text).text,
        })
        for number, step in enumerate(contact.escalation.steps, start=1)
    ]
    escalation = contact.escalation.model_copy(update={
        "intro": text("contact:escalation:intro", contact.escalation.intro).text, "steps": steps})
    return contact.model_copy(update={
        "intro": text("contact:intro", contact.intro).text, "channels": channels, "escalation": escalation})
