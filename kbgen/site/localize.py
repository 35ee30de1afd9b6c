"""One language's view of the content: published translations, English elsewhere.

A translation is shown when it is reviewed or outdated (a reviewed
translation of an earlier source; the page says so), when it is a machine
draft and the machine-publishing policy allows it there (`kbgen.site.machine`), and never when it fails a critical
QA check or was only suggested by translation memory.

A Markdown field falls back block by block: a block that cannot be shown is
written in English, marked as English (`lang`/`dir`, see `ENGLISH_START`),
and the page is `partial` ("partly in English"). Only when more than half of
an article's body blocks, or its title, cannot be shown does the whole page
fall back to English: a page that is mostly English reads better as English.

The build merges the catalogs with the current source in memory, exactly as
`kbgen i18n update` would, so an English edit shows as outdated at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kbgen.content.model import Article, Content, Faq
from kbgen.i18n.blocks import join_markdown, normalize
from kbgen.i18n.catalogs import normalized
from kbgen.i18n.entries import Entries
from kbgen.i18n.segments import BLOCK_KINDS, Record, SegmentIndex, escalation_step, keyword_phrases
from kbgen.site.machine import MachineGate
from kbgen.vocabulary import EntryStatus, PageStatus, worst

_NO_MARKERS = str.maketrans("", "", "\ue000\ue001")


# Private-use characters around a block shown in English inside a translated
# field; the page renderer turns them into `<span lang=.. dir=..>` after the
# Markdown was made safe (and drops any that a translation brought in).
ENGLISH_START, ENGLISH_END = "\ue000", "\ue001"
MARKERS = ENGLISH_START + ENGLISH_END


@dataclass(frozen=True)
class Shown:
    text: str
    status: PageStatus


class Localizer:
    """Looks up what a language shows for each field of the content.

    Fields are found by record and field through the segment index, the one
    owner of translation contexts; every context looked up is remembered in
    `looked_up`, so a test can prove the site asks only for contexts that exist.
    """

    def __init__(self, entries: Entries, index: SegmentIndex, machine: MachineGate | None = None):
        self.entries = entries
        self.index = index
        self.machine = machine
        self.looked_up: set[str] = set()
        self.machine_shown: set[Record] = set()  # records showing a machine draft somewhere

    def shown(self, context: str, source: str, machine_ok: bool = False) -> Shown:
        self.looked_up.add(context)
        entry = self.entries.get(context)
        if (
            entry is None
            or not entry.translation
            or (entry.source != source and normalized(entry.source) != normalized(source))
        ):
            return Shown(source, PageStatus.FALLBACK)
        if entry.critical:  # a translation that fails a critical QA check is never shown
            return Shown(source, PageStatus.FALLBACK)
        if entry.status == EntryStatus.SUGGESTED:  # a memory hit nobody reviewed in this context
            return Shown(source, PageStatus.FALLBACK)
        if entry.status == EntryStatus.MACHINE and not machine_ok:
            return Shown(source, PageStatus.FALLBACK)
        return Shown(entry.translation.translate(_NO_MARKERS), PageStatus(entry.status))

    def text(self, record: Record, name: str, text: str, mark: bool = False, english: bool = False) -> Shown:
        """A field as the language shows it: a plain field, or a Markdown field block by block.

        Blocks that cannot be shown stay English (between the English markers
        when `mark`) and the field is `partial`; when more than half of them
        cannot, the whole field is English (`fallback`).
        """
        segments = self.index.of(record, name)
        if not segments:  # an empty field has nothing to translate
            return Shown(text, PageStatus.REVIEWED)
        if english:  # the field is shown in English whatever its translation (its page is)
            return Shown(_marked(text, segments) if mark else text, PageStatus.FALLBACK)
        machine_ok = self.machine is not None and self.machine.allows(record)
        if segments[0].kind not in BLOCK_KINDS:
            return self._seen(record, self.shown(segments[0].context, normalize(text), machine_ok))
        risky = self.machine.risky_blocks(text) if machine_ok and self.machine is not None else frozenset()
        shown = [
            self._seen(record, self.shown(s.context, s.source, machine_ok and n not in risky))
            for n, s in enumerate(segments)
        ]
        in_english = [s for s, x in zip(segments, shown, strict=True) if x.status == PageStatus.FALLBACK]
        if len(in_english) * 2 > len(segments):  # all English, every block marked as English when `mark`
            return Shown(_marked(text, segments) if mark else text, PageStatus.FALLBACK)
        translations = {
            s.source: x.text for s, x in zip(segments, shown, strict=True) if x.status != PageStatus.FALLBACK
        }
        if mark:
            translations.update({s.source: f"{ENGLISH_START}{s.source}{ENGLISH_END}" for s in in_english})
        status = PageStatus.PARTIAL if in_english else worst(x.status for x in shown)
        return Shown(join_markdown(text, translations), status)

    def search_words(self, record: Record, name: str, words: list[str]) -> list[str]:
        """Search keywords as the language indexes them: its translations first, then the English
        ones, since readers everywhere also type "2FA" or "seed phrase". Never shown on a page.
        A translation may list several ways readers type the same thing ("Passwort vergessen,
        Kennwort vergessen"): each is a keyword of its own."""
        machine_ok = self.machine is not None and self.machine.allows(record)
        shown = [self.shown(s.context, s.source, machine_ok) for s in self.index.of(record, name)]
        translated = [phrase for x in shown if x.status != PageStatus.FALLBACK for phrase in keyword_phrases(x.text)]
        return list(dict.fromkeys(translated + [normalize(w) for w in words]))

    def _seen(self, record: Record, shown: Shown) -> Shown:
        if shown.status == PageStatus.MACHINE:
            self.machine_shown.add(record)
        return shown


def _marked(text: str, segments) -> str:
    """A Markdown field shown in English with every block between the English markers."""
    if segments[0].kind not in BLOCK_KINDS:
        return text
    return join_markdown(text, {s.source: f"{ENGLISH_START}{s.source}{ENGLISH_END}" for s in segments})


@dataclass
class LocalizedContent:
    """The content as one language shows it, with each page's status."""

    content: Content
    articles: dict[str, PageStatus] = field(default_factory=dict)
    faqs: dict[str, PageStatus] = field(default_factory=dict)
    english: set[tuple[str, str, str]] = field(
        default_factory=set
    )  # (kind, id, field) of plain fields shown in English


def source_view(content: Content) -> LocalizedContent:
    return LocalizedContent(
        content, dict.fromkeys(content.articles, PageStatus.SOURCE), dict.fromkeys(content.faqs, PageStatus.SOURCE)
    )


def localize(content: Content, localizer: Localizer) -> LocalizedContent:
    """A copy of the content with every text replaced by what the language shows."""
    view = LocalizedContent(
        Content(
            origins=content.origins,
            invalid=content.invalid,
            ui_labels=content.ui_labels,
            popular=content.popular,
            faq_opens=content.faq_opens,
        )
    )
    out = view.content
    text = localizer.text
    for category in content.categories.values():
        record = ("category", category.id)
        out.categories[category.id] = category.model_copy(
            update={
                "title": text(record, "title", category.title).text,
                "description": text(record, "description", category.description).text,
            }
        )
    for article in content.articles.values():
        out.articles[article.id], view.articles[article.id] = _article(article, localizer, view.english)
    for faq in content.faqs.values():
        out.faqs[faq.id], view.faqs[faq.id] = _faq(faq, localizer)
        if view.faqs[faq.id] == PageStatus.FALLBACK:
            view.english.add(("faq", faq.id, "question"))
    for term in content.glossary.values():
        update = {
            "definition": text(("term", term.id), "definition", term.definition, mark=True).text,
            "synonyms": localizer.search_words(("term", term.id), "synonyms", term.synonyms),
        }
        if term.translate:
            update["term"] = text(("term", term.id), "term", term.term).text
            # Exclusions in the language's words, and the English ones (a block shown in English is English text).
            update["not_in"] = localizer.search_words(("term", term.id), "not_in", term.not_in)
        out.glossary[term.id] = term.model_copy(update=update)
    for block in content.blocks.values():
        record = ("block", block.id)
        title = text(record, "title", block.title) if block.title else None
        if title and title.status == PageStatus.FALLBACK:
            view.english.add(("block", block.id, "title"))
        out.blocks[block.id] = block.model_copy(
            update={"title": title and title.text, "text": text(record, "text", block.text, mark=True).text}
        )
    localize_notices(content, localizer, out)
    if content.contact:
        out.contact = _contact(content.contact, localizer, view.english)
    return view


def localize_notices(content: Content, localizer: Localizer, out: Content) -> None:
    """The notices and notice templates of `content`, as the language shows them, into `out`."""
    for notice in content.notices.values():
        if notice.text is not None:
            notice = notice.model_copy(update={"text": localizer.text(("notice", notice.id), "text", notice.text).text})
        out.notices[notice.id] = notice
    for template in content.notice_templates.values():
        out.notice_templates[template.id] = template.model_copy(
            update={"text": localizer.text(("notice-template", template.id), "text", template.text).text}
        )


def _article(article: Article, localizer: Localizer, english: set) -> tuple[Article, PageStatus]:
    record = ("article", article.id)
    article = article.model_copy(update={"keywords": localizer.search_words(record, "keywords", article.keywords)})
    title = localizer.text(record, "title", article.title)
    summary = localizer.text(record, "summary", article.summary)
    body = localizer.text(record, "body", article.body, mark=True)
    english.update(
        ("article", article.id, name)
        for name, shown in (("title", title), ("summary", summary))
        if shown.status == PageStatus.FALLBACK
    )
    if PageStatus.FALLBACK in (title.status, body.status):
        # The body is English (with a banner saying so, each block marked as English); a
        # translated title and summary still help a reader find the article in lists and search.
        if body.status != PageStatus.FALLBACK:
            body = localizer.text(record, "body", article.body, mark=True, english=True)
        return article.model_copy(
            update={"title": title.text, "summary": summary.text, "body": body.text}
        ), PageStatus.FALLBACK
    status = worst([title.status, _partial(summary.status), body.status])
    return article.model_copy(update={"title": title.text, "summary": summary.text, "body": body.text}), status


def _faq(faq: Faq, localizer: Localizer) -> tuple[Faq, PageStatus]:
    faq = faq.model_copy(update={"keywords": localizer.search_words(("faq", faq.id), "keywords", faq.keywords)})
    question = localizer.text(("faq", faq.id), "question", faq.question)
    answer = localizer.text(("faq", faq.id), "answer", faq.answer, mark=True)
    status = worst([question.status, answer.status])
    if status == PageStatus.FALLBACK:
        if answer.status != PageStatus.FALLBACK:
            answer = localizer.text(("faq", faq.id), "answer", faq.answer, mark=True, english=True)
        return faq.model_copy(update={"answer": answer.text}), PageStatus.FALLBACK
    return faq.model_copy(update={"question": question.text, "answer": answer.text}), status


def _partial(status: PageStatus) -> PageStatus:
    """A field shown in English on a translated page makes the page partial, not English."""
    return PageStatus.PARTIAL if status == PageStatus.FALLBACK else status


def _contact(contact, localizer: Localizer, english: set[tuple[str, str, str]]):
    """The contact page's text; a plain field shown in English goes into `english` (as `kind, id, field`,
    e.g. ("channel", "live-chat", "name")) for the template to mark."""

    def plain(record: Record, name: str, value: str, key: tuple[str, str, str]) -> str:
        shown = localizer.text(record, name, value)
        if shown.status == PageStatus.FALLBACK:
            english.add(key)
        return shown.text

    channels = []
    for channel in contact.channels:
        update = {}
        for name in ("name", "description", "hours", "response_time"):
            value = getattr(channel, name)
            if value:
                update[name] = plain(("contact", "channel", channel.id), name, value, ("channel", channel.id, name))
        channels.append(channel.model_copy(update=update))
    steps = [
        step.model_copy(
            update={
                "title": plain(escalation_step(number), "title", step.title, ("step", str(number), "title")),
                "text": localizer.text(escalation_step(number), "text", step.text, mark=True).text,
            }
        )
        for number, step in enumerate(contact.escalation.steps, start=1)
    ]
    intro = plain(("contact", "escalation"), "intro", contact.escalation.intro, ("contact", "escalation", "intro"))
    escalation = contact.escalation.model_copy(update={"intro": intro, "steps": steps})
    return contact.model_copy(
        update={
            "intro": plain(("contact",), "intro", contact.intro, ("contact", "contact", "intro")),
            "channels": channels,
            "escalation": escalation,
        }
    )
