"""Checks across records: references resolve, Markdown is safe, dates make sense."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from kbgen.content import markdown
from kbgen.content.labels import block_refs, label_refs
from kbgen.content.model import TEMPLATE_FIELDS, TEMPLATE_PARAMS, Content, Origin
from kbgen.content.refs import PAGES, is_unsafe, parse_ref
from kbgen.content.scamcheck import declared_contacts, scam_problems
from kbgen.errors import Problem, Severity
from kbgen.memo import Memo, Memos
from kbgen.yamlfile import line_of

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")


@dataclass(frozen=True)
class MarkdownField:
    """A Markdown text inside a record, with where it starts in its file."""

    file: str
    line: int
    key: str
    text: str


def validate(
    content: Content,
    languages: Iterable[str] = (),
    today: date | None = None,
    external_domains: Iterable[str] | None = None,
    root: Path | None = None,
    memos: Memos | None = None,
) -> list[Problem]:
    """Every cross-record problem in the content.

    `external_domains`: the domains links may point to (None: any).
    `root`: the project, where the files are read again for scam-text markers.
    `memos`: each Markdown text's links and each prose string's scam-text
    findings from an earlier run (they depend on the text alone).
    """
    languages = list(languages)
    memos = memos or Memos(None)
    checker = _Checker(content, set(languages), today or date.today(), external_domains, memos.named("markdown"))
    checker.source_language = languages[0] if languages else None  # the pipeline lists the source first
    checker.run()
    declared = declared_contacts(content, external_domains)
    return checker.problems + scam_problems(content, declared, root, memos.named("scam-text", repr(declared)))


class _Checker:
    def __init__(self, content: Content, languages: set[str], today: date, external_domains, markdown_memo: Memo):
        self.external_domains = None if external_domains is None else [d.lower().strip(".") for d in external_domains]
        self.content = content
        self.languages = languages
        self.today = today
        self.source_language: str | None = None
        self.markdown_memo = markdown_memo  # each Markdown text's links and raw HTML
        self.problems: list[Problem] = []

    def problem(self, origin: Origin, loc: tuple, message: str, severity: Severity = "error") -> None:
        key = str(loc[0]) if loc else None
        self.problems.append(Problem(origin.file, line_of(origin.data, loc), message, key=key, severity=severity))

    def run(self) -> None:
        self.check_categories()
        self.check_articles()
        self.check_faqs()
        self.check_popular()
        self.check_contact()
        self.check_glossary()
        self.check_notices()
        self.check_aliases()
        used: dict[str, None] = {}
        for field in markdown_fields(self.content):
            self.check_markdown(field)
            used.update(dict.fromkeys(self.check_labels(field)))
            self.check_blocks(field)
        self.check_label_languages(used)

    def origin(self, kind: str, record_id: str) -> Origin:
        return self.content.origins[(kind, record_id)]

    def exists(self, kind: str, record_id: str) -> bool:
        known: dict[str, Mapping[str, object]] = {
            "article": self.content.articles,
            "faq": self.content.faqs,
            "term": self.content.glossary,
            "block": self.content.blocks,
        }
        return record_id in known[kind] or (kind, record_id) in self.content.invalid

    def check_related(self, origin: Origin, related: list[str]) -> None:
        for index, article_id in enumerate(related):
            if not self.exists("article", article_id):
                self.problem(origin, ("related", index), f"unknown article id '{article_id}'")

    def check_category(self, origin: Origin, category_id: str) -> None:
        if category_id not in self.content.categories:
            self.problem(origin, ("category",), f"unknown category '{category_id}'")

    def check_categories(self) -> None:
        for category in self.content.categories.values():
            if not self.content.articles_in(category.id) and not self.content.faqs_in(category.id):
                origin = self.origin("category", category.id)
                self.problem(origin, ("id",), f"category '{category.id}' has no articles or FAQs", "warning")

    def check_articles(self) -> None:
        for article in self.content.articles.values():
            origin = self.origin("article", article.id)
            self.check_category(origin, article.category)
            self.check_related(origin, article.related)
            if article.id in article.related:
                self.problem(origin, ("related",), "an article cannot be related to itself")
            if article.category in self.content.categories and self.content.owner(article) is None:
                self.problem(origin, ("owner",), "no owner: set 'owner' here or on the category")
            if article.last_reviewed > self.today:
                self.problem(origin, ("last_reviewed",), f"{article.last_reviewed} is in the future")

    def check_faqs(self) -> None:
        for faq in self.content.faqs.values():
            origin = self.origin("faq", faq.id)
            self.check_category(origin, faq.category)
            self.check_related(origin, faq.related)
            if faq.category not in self.content.categories:
                continue
            if self.content.owner(faq) is None:
                self.problem(origin, ("owner",), "no owner: set 'owner' here or on the category")
            reviewed = self.content.last_reviewed(faq)
            if reviewed is None:
                self.problem(
                    origin,
                    ("id",),
                    f"no review date: set 'last_reviewed' here or 'faqs_last_reviewed' on category '{faq.category}'",
                    "warning",
                )
            elif reviewed > self.today:
                self.problem(origin, ("last_reviewed",), f"{reviewed} is in the future")

    def check_popular(self) -> None:
        """The home page's popular questions name existing FAQs, each once."""
        seen: set[str] = set()
        for index, faq_id in enumerate(self.content.popular):
            origin = self.origin("home", "popular")
            if not self.exists("faq", faq_id):
                self.problem(origin, ("popular", index), f"unknown FAQ id '{faq_id}'")
            elif faq_id in seen:
                self.problem(origin, ("popular", index), f"FAQ '{faq_id}' is listed twice")
            seen.add(faq_id)

    def check_contact(self) -> None:
        """The contact page's warning names a block of content/blocks.yaml."""
        contact = self.content.contact
        if contact is not None and contact.warning is not None and not self.exists("block", contact.warning):
            origin = self.origin("contact", "contact")
            self.problem(origin, ("warning",), _unknown_block(contact.warning))

    def check_glossary(self) -> None:
        for term in self.content.glossary.values():
            origin = self.origin("term", term.id)
            self.check_related(origin, term.related)
            for lang in term.translations:
                if self.languages and lang not in self.languages:
                    self.problem(origin, ("translations", lang), f"'{lang}' is not a configured language")

    def check_notices(self) -> None:
        for template in self.content.notice_templates.values():
            origin = self.origin("notice-template", template.id)
            for name in sorted(set(_PLACEHOLDER.findall(template.text)) - set(TEMPLATE_FIELDS + TEMPLATE_PARAMS)):
                self.problem(
                    origin,
                    ("text",),
                    f"unknown placeholder '{{{name}}}' (a template can use "
                    + ", ".join(f"{{{n}}}" for n in TEMPLATE_FIELDS + TEMPLATE_PARAMS)
                    + ")",
                )
            if template.link and not self.exists("article", template.link):
                self.problem(origin, ("link",), f"unknown article id '{template.link}'")
        for notice in self.content.notices.values():
            origin = self.origin("notice", notice.id)
            self.check_template_use(origin, notice.template, notice.params)
            if notice.link and not self.exists("article", notice.link):
                self.problem(origin, ("link",), f"unknown article id '{notice.link}'")
            for index, lang in enumerate(notice.languages or []):
                if self.languages and lang not in self.languages:
                    self.problem(origin, ("languages", index), f"'{lang}' is not a configured language")

    def check_aliases(self) -> None:
        """An earlier id must not be a live id, nor claimed twice: its redirect would hide a page."""
        for kind, records in (
            ("category", self.content.categories),
            ("article", self.content.articles),
            ("faq", self.content.faqs),
        ):
            claimed: dict[str, str] = {}
            for record in records.values():
                origin = self.origin(kind, record.id)
                for index, alias in enumerate(record.aliases):
                    if alias in records:
                        live = self.origin(kind, alias)
                        self.problem(
                            origin,
                            ("aliases", index),
                            f"alias '{alias}' is the id of a live {kind} "
                            f"({live.file}): remove the alias or rename that {kind}",
                        )
                    elif alias in claimed:
                        self.problem(
                            origin, ("aliases", index), f"alias '{alias}' is also an alias of {kind} '{claimed[alias]}'"
                        )
                    claimed.setdefault(alias, record.id)

    def check_template_use(self, origin: Origin, template_id: str | None, params) -> None:
        if template_id is None:
            return
        template = self.content.notice_templates.get(template_id)
        if template is None:
            known = ", ".join(sorted(self.content.notice_templates)) or "none"
            self.problem(origin, ("template",), f"unknown notice template '{template_id}' (templates: {known})")
            return
        used = set(_PLACEHOLDER.findall(template.text)) & set(TEMPLATE_PARAMS)
        for name in sorted(used):
            if getattr(params, name) is None:
                self.problem(origin, ("template",), f"template '{template_id}' needs 'params.{name}'")

    def check_markdown(self, field: MarkdownField) -> None:
        def report(offset: int, message: str, severity: Severity = "error") -> None:
            self.problems.append(Problem(field.file, field.line + offset, message, key=field.key, severity=severity))

        found, html = self.markdown_memo(
            field.text, lambda: markdown.analysis(field.text), markdown.encode, markdown.decode
        )
        for raw in html:
            report(raw.offset, f"raw HTML is not allowed in content: {_shorten(raw.html)}")
        for link in found:
            target = link.target
            if is_unsafe(target):
                report(link.offset, f"unsafe link target '{_shorten(target)}'")
            elif (ref := parse_ref(target)) is not None:
                if not self.resolves(ref.kind, ref.id):
                    report(link.offset, f"broken link '{ref.text}': unknown {ref.kind} id '{ref.id}'")
            else:
                if target.startswith("http://"):
                    report(link.offset, f"insecure link '{target}': use https://", "warning")
                host = urlsplit(target).hostname if target.startswith(("http://", "https://")) else None
                if host and not self.allowed(host):
                    report(
                        link.offset,
                        f"link to '{host}', which is not an allowed domain "
                        "(extra.kbgen.external_domains in mkdocs.yml)",
                        "warning",
                    )

    def check_labels(self, field: MarkdownField) -> list[str]:
        """Every `:ui[id]` names a label; returns the ids used."""
        used = []
        for label_id, offset in label_refs(field.text):
            if label_id in self.content.ui_labels or ("label", label_id) in self.content.invalid:
                used.append(label_id)
            else:
                self.problems.append(
                    Problem(
                        field.file,
                        field.line + offset,
                        f"unknown UI label '{label_id}' (add it to content/ui-labels.yaml)",
                        key=field.key,
                    )
                )
        return used

    def check_blocks(self, field: MarkdownField) -> None:
        """Every `:block[id]` names a block of content/blocks.yaml; a block includes no other."""
        for block_id, offset in block_refs(field.text):
            if field.file.endswith("blocks.yaml"):
                self.problems.append(
                    Problem(field.file, field.line + offset, "a block cannot include another block", key=field.key)
                )
            elif not self.exists("block", block_id):
                self.problems.append(Problem(field.file, field.line + offset, _unknown_block(block_id), key=field.key))

    def check_label_languages(self, used: dict[str, None]) -> None:
        """A label needs the source text; a language without its own text shows it (a warning)."""
        source = self.source_language
        for label in self.content.ui_labels.values():
            origin = self.origin("label", label.id)
            if source and source not in label.text:
                self.problem(origin, ("text",), f"label '{label.id}' has no '{source}' text")
            unknown = [lang for lang in label.text if self.languages and lang not in self.languages]
            for lang in unknown:
                self.problem(origin, ("text", lang), f"'{lang}' is not a configured language")
            missing = sorted(self.languages - set(label.text))
            if label.id in used and missing and source in label.text:
                self.problem(
                    origin,
                    ("id",),
                    f"label '{label.id}' has no text for {', '.join(missing)}: "
                    f"those languages show '{label.text[source]}'",
                    "warning",
                )

    def allowed(self, host: str) -> bool:
        if self.external_domains is None:
            return True
        host = host.lower()
        return any(host == domain or host.endswith("." + domain) for domain in self.external_domains)

    def resolves(self, kind: str, ref_id: str) -> bool:
        if kind == "page":
            return ref_id in PAGES
        return self.exists("term" if kind == "glossary" else kind, ref_id)


def markdown_fields(content: Content) -> Iterator[MarkdownField]:
    """Every Markdown text in the content, located in its file."""
    for article in content.articles.values():
        yield _field(content.origins[("article", article.id)], "body", article.body)
    for faq in content.faqs.values():
        yield _field(content.origins[("faq", faq.id)], "answer", faq.answer)
    for notice in content.notices.values():
        if notice.text is not None:
            yield _field(content.origins[("notice", notice.id)], "text", notice.text)
    for template in content.notice_templates.values():
        yield _field(content.origins[("notice-template", template.id)], "text", template.text)
    for term in content.glossary.values():
        yield _field(content.origins[("term", term.id)], "definition", term.definition)
    for block in content.blocks.values():
        yield _field(content.origins[("block", block.id)], "text", block.text)
    if content.contact is not None:
        origin = content.origins[("contact", "contact")]
        for index, step in enumerate(content.contact.escalation.steps):
            yield _field(origin, ("escalation", "steps", index, "text"), step.text, key="text")


def _field(origin: Origin, loc: str | tuple, text: str, key: str | None = None) -> MarkdownField:
    loc = (loc,) if isinstance(loc, str) else loc
    data = origin.data
    key_line = line_of(data, loc) or 1
    # A block scalar (`body: |`) starts on the line after its key.
    starts_below = "\n" in text.rstrip("\n") or text.endswith("\n")
    return MarkdownField(origin.file, key_line + (1 if starts_below else 0), key or str(loc[-1]), text)


def _unknown_block(block_id: str) -> str:
    return f"unknown block '{block_id}' (add it to content/blocks.yaml)"


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
