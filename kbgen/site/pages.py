"""The Markdown pages of one language's help center, rendered with Jinja2.

Pages link to each other with relative `.md` paths so that MkDocs checks
every internal link in `--strict` builds.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from gettext import NullTranslations
from html import escape

import jinja2
from babel.dates import format_date

from kbgen.content.labels import BLOCK_REF, LABEL_REF, label_text
from kbgen.content.model import Article
from kbgen.content.popular import popular_faqs
from kbgen.i18n.protect import code_spans
from kbgen.languages import Language, language
from kbgen.site import compiled, search
from kbgen.site.endmatter import ends_with_link_list, without_contact_items
from kbgen.site.glossary import GlossaryMarker, MarkedTerm
from kbgen.site.hours import schedule_html
from kbgen.site.links import CONTACT, GLOSSARY, HOME, SEARCH, Linker, category_path, faq_page_path
from kbgen.site.localize import ENGLISH_END, ENGLISH_START, LocalizedContent
from kbgen.site.safety import neutralize, plain_text_markdown, quoted_markdown
from kbgen.site.structured import article_jsonld, breadcrumb_jsonld, faq_jsonld, howto_jsonld, plain_text, steps
from kbgen.vocabulary import PageStatus


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs_dir, POSIX
    title: str
    text: str

    @classmethod
    def of(cls, path: str, text: str) -> Page:
        """The page with this Markdown; its title is the front matter's."""
        title = re.search(r"^title: (.*)$", text, re.M)
        return cls(path, json.loads(title.group(1)) if title else "", text)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kbgen.site", "templates"),
        extensions=["jinja2.ext.i18n"],
        autoescape=False,  # the output is Markdown; the `text` filter escapes plain text
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["text"] = plain_text_markdown
    env.filters["quoted"] = quoted_markdown
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.filters["json"] = _json
    env.bytecode_cache = compiled.InMemory()  # shared by each language's overlay: compiled once per process
    return env


def _json(value) -> str:
    """Data as one line of YAML (JSON is YAML): line and paragraph separators escaped, which YAML would fold."""
    return json.dumps(value, ensure_ascii=False).translate(_YAML_BREAKS)


_YAML_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


class PageRenderer:
    """Renders every page of one language's site from its view of the content."""

    def __init__(
        self,
        view: LocalizedContent,
        lang: Language,
        site_title: str,
        translations=None,
        source_code: str = "en",
        base_url: str = "",
    ):
        self.view = view
        self.base_url = base_url  # the language's root URL (absolute when site_url is set), for structured data
        self.content = content = view.content
        self.lang = lang
        self.source_code = source_code
        self.site_title = site_title
        self.linker = Linker(content)
        self.translations = translations or NullTranslations()
        self.env = _environment().overlay()
        # Added to the environment by jinja2's i18n extension at run time; Environment's types do not know it.
        self.env.install_gettext_translations(self.translations, newstyle=True)  # type: ignore[attr-defined]
        self.env.filters["text"] = lambda value: plain_text_markdown(self.labels(value, markup=False))
        self.env.filters["quoted"] = lambda value: quoted_markdown(self.labels(value, markup=False))
        source = language(source_code)  # a title shown in the source language says so
        self.env.filters["english_quoted"] = lambda value: (
            f'"<span lang={source.html} dir={source.direction}>{quoted_markdown(self.labels(value, markup=False))[1:-1]}</span>"'
        )
        # A plain field in a list or card (`article.title|field("article", article.id, "title")`), marked when English.
        self.env.filters["field"] = lambda value, *key: (
            f"<span lang={source.html} dir={source.direction}>{self.env.filters['text'](value)}</span>"
            if key in self.view.english
            else self.env.filters["text"](value)
        )
        self.env.filters["yaml"] = lambda value: json.dumps(
            self.labels(value, markup=False) if isinstance(value, str) else value, ensure_ascii=False
        )
        self._segment: Callable[[str], str] | None = None

    def markdown(self, here: str, text: str) -> str:
        safe = self.labels(self.linker.rewrite(here, neutralize(text)).strip("\n"))
        if ":block[" in safe:
            safe = BLOCK_REF.sub(lambda m: self.block(here, m.group("block"), m.group("indent")) or m.group(0), safe)
        # A block shown in the source language inside a translation says so, for
        # screen readers, hyphenation and fonts; the sanitizer keeps lang and dir.
        source = language(self.source_code)
        return safe.replace(ENGLISH_START, f"<span lang={source.html} dir={source.direction}>").replace(
            ENGLISH_END, "</span>"
        )

    def block(self, here: str, block_id: str, indent: str = "") -> str | None:
        """A reusable block as an admonition, indented where its reference is (None: no such block)."""
        block = self.content.blocks.get(block_id)
        if block is None:
            return None
        quoted = self.env.filters["english_quoted" if ("block", block.id, "title") in self.view.english else "quoted"]
        # No title: an empty one, or Markdown would title the box with its English kind ("Danger").
        title = f" {quoted(block.title)}" if block.title else ' ""'
        body = self.markdown(here, block.text)
        lines = [f"{indent}!!! {block.kind} kb-block{title}"]
        lines += [f"{indent}    {line}" if line.strip() else "" for line in body.split("\n")]
        return "\n".join(lines)

    def english_attributes(self) -> str:
        """The attribute list that marks a block shown in the source language."""
        source = language(self.source_code)
        return f'lang="{source.html}" dir="{source.direction}"'

    def labels(self, text: str, markup: bool = True) -> str:
        """App labels (`:ui[withdraw]`) as the app shows them in this language, outside code spans.

        As markup, a `<kbd class="kb-ui">` styled as a control (marked English
        where the app has no text in this language); else plain text.
        """
        if not markup and ":block[" in text:  # plain text (structured data): a block is its text
            text = BLOCK_REF.sub(
                lambda m: (
                    self.content.blocks[m.group("block")].text
                    if m.group("block") in self.content.blocks
                    else m.group(0)
                ),
                text,
            )
        if ":ui[" not in text:
            return text
        code = code_spans(text)

        def replace(match: re.Match) -> str:
            if any(start <= match.start() < end for start, end in code):
                return match.group(0)
            found = label_text(self.content, match.group("label"), self.lang.code, self.source_code)
            if found is None:
                return match.group(0)
            label, shown_in = found
            if not markup:
                return label
            # On a translated page the label may sit in a block shown in English: it names its own language.
            shown = language(shown_in)
            attributes = "" if self.lang.code == self.source_code else f' lang="{shown.html}" dir="{shown.direction}"'
            return f'<kbd class="kb-ui"{attributes}>{escape(label)}</kbd>'

        return LABEL_REF.sub(replace, text)

    def render(self, template: str, here: str, **context) -> Page:
        text = self.env.get_template(template).render(
            here=here,
            link=self.linker.link,
            contact=self.content.contact,
            language_name=self.lang.name,
            english_url=self.source_url(here),
            search_words=self.search_words,
            schedule=lambda schedule, utc, local: schedule_html(schedule, self.lang, utc, local),
            **context,
        )
        return Page.of(here, _tidy(text))

    def pages(self, current: Mapping[str, Page] | None = None) -> list[Page]:
        """Every page of the language, in navigation order; a page in `current` is taken as it is
        (`kbgen.site.page_memo` knows which are still current), the others are rendered."""
        current = current or {}
        return [current.get(path) or make() for path, make in self._makers()]

    def paths(self) -> list[str]:
        """Every page's path, in navigation order (nothing is rendered)."""
        return [path for path, _ in self._makers()]

    def _makers(self) -> Iterator[tuple[str, Callable[[], Page]]]:
        """(path, how to render it) of every page."""
        content = self.content
        yield HOME, self.home
        for category in content.sorted_categories():
            yield category_path(category.id), functools.partial(self.category, category.id)
            for article in content.articles_in(category.id):
                yield self.linker.target(f"article:{article.id}"), functools.partial(self.article, article)
            if content.faqs_in(category.id):
                yield faq_page_path(category.id), functools.partial(self.faq_page, category.id)
        if content.glossary:
            yield GLOSSARY, self.glossary_page
        if content.contact:
            yield CONTACT, self.contact_page
        yield SEARCH, functools.partial(self.render, "search.md.j2", SEARCH)

    def category(self, category_id: str) -> Page:
        category = self.content.categories[category_id]
        return self.render(
            "category.md.j2",
            category_path(category.id),
            category=category,
            articles=self.content.articles_in(category.id),
            faqs=self.content.faqs_in(category.id),
            jsonld=[breadcrumb_jsonld(self.trail(category.id))],
        )

    def glossary_page(self) -> Page:
        terms = sorted(self.content.glossary.values(), key=lambda t: t.term.casefold())
        return self.render(
            "glossary.md.j2",
            GLOSSARY,
            articles=self.content.articles,
            terms=[(t, self.markdown(GLOSSARY, t.definition)) for t in terms],
        )

    def contact_page(self) -> Page:
        contact = self.content.contact
        assert contact is not None, "only a site with a contact page renders it"
        steps = [(s, self.markdown(CONTACT, s.text)) for s in contact.escalation.steps]
        warning = contact.warning and self.block(CONTACT, contact.warning)
        return self.render("contact.md.j2", CONTACT, steps=steps, warning=warning)

    def source_url(self, here: str) -> str:
        """The same page in the source language, relative to `here` (sites are siblings)."""
        url = self.linker.url_of_path(here)
        depth = url.count("/") + 1  # up out of the page's folders and the language folder
        return "../" * depth + f"{self.source_code}/{url}"

    def home(self) -> Page:
        top = [a for a in self.content.articles.values() if a.priority == "top"]
        top.sort(key=lambda a: (a.category, a.title.casefold()))
        return self.render(
            "home.md.j2",
            HOME,
            site_title=self.site_title,
            categories=self.content.sorted_categories(),
            top_articles=top,
            popular=popular_faqs(self.content, self.lang.code),
        )

    def article(self, article: Article) -> Page:
        here = self.linker.target(f"article:{article.id}")
        related = [self.content.articles[r] for r in article.related if r in self.content.articles]
        body = without_contact_items(article.body)
        return self.render(
            "article.md.j2",
            here,
            article=article,
            category=self.content.categories[article.category],
            jsonld=self.article_jsonld(article, here),
            english={
                name for kind, record_id, name in self.view.english if (kind, record_id) == ("article", article.id)
            },
            english_attributes=self.english_attributes(),
            body=self.glossary.mark(self.markdown(here, body)),
            next_steps=ends_with_link_list(body),
            related=related,
            reviewed_on=self.format_date(article.last_reviewed),
            status=self.view.articles[article.id],
        )

    def article_jsonld(self, article: Article, here: str) -> list[dict]:
        """Article (and HowTo when the body has numbered steps) and the breadcrumb, as plain text."""
        title, summary = (self.labels(t, markup=False) for t in (article.title, article.summary))
        url = self.base_url + self.linker.url_of_path(here)
        found = [article_jsonld(title, summary, article.last_reviewed, self.lang.html, url)]
        texts = steps(self.labels(article.body, markup=False))
        if texts:  # a body shown in English says so
            body_lang = (
                language(self.source_code).html
                if self.view.articles[article.id] == PageStatus.FALLBACK
                else self.lang.html
            )
            found.append(howto_jsonld(title, summary, texts, body_lang))
        return found + [breadcrumb_jsonld(self.trail(article.category, (title, url)))]

    def trail(self, category_id: str, *more: tuple[str, str]) -> list[tuple[str, str]]:
        """The breadcrumb from the home page to a page of a category: (name, URL) each."""
        category = self.content.categories[category_id]
        # L10N: First entry of the navigation, the link to the home page (at most 20 characters)
        return [
            (self.translations.gettext("Home"), self.base_url),
            (self.labels(category.title, markup=False), self.base_url + self.linker.url(f"category:{category_id}")),
            *more,
        ]

    @functools.cached_property
    def glossary(self) -> GlossaryMarker:
        """The glossary terms as this language's pages mark them (do-not-translate names are never marked)."""
        terms, names = [], []
        for term in sorted(self.content.glossary.values(), key=lambda t: t.id):
            if not term.translate:
                names.append(term.term)  # a name (the brand, an app) needs no explanation; its words are taken
                continue
            phrases = [term.term, *term.synonyms, *filter(None, [term.translations.get(self.lang.code)])]
            definition = plain_text(self.labels(term.definition, markup=False))
            terms.append(MarkedTerm(term.id, definition, tuple(phrases), tuple(term.not_in)))
        return GlossaryMarker(terms, tuple(names))

    def faq_page(self, category_id: str) -> Page:
        here = faq_page_path(category_id)
        category = self.content.categories[category_id]
        items = self.content.faqs_in(category_id)
        faqs = [(f, self.glossary.mark(self.markdown(here, f.answer))) for f in items]  # an answer is a section
        statuses = sorted({self.view.faqs[f.id] for f in items})
        # L10N: Title of a category's FAQ page; %(category)s is the category's name
        title = self.translations.gettext("%(category)s: questions and answers") % {"category": category.title}
        english = {record_id for kind, record_id, name in self.view.english if kind == "faq"}
        return self.render(
            "faq.md.j2",
            here,
            category=category,
            faqs=faqs,
            title=title,
            articles=self.content.articles,
            statuses=statuses,
            english=english,
            english_attributes=self.english_attributes(),
            jsonld=[
                faq_jsonld([f.model_copy(update={"answer": self.labels(f.answer, markup=False)}) for f in items]),
                breadcrumb_jsonld(self.trail(category_id, (title, self.base_url + self.linker.url_of_path(here)))),
            ],
        )

    def search_words(self, *texts: str) -> str:
        """Texts as words separated by spaces, for the search index of a language written without
        spaces whose segmentation Pagefind gets wrong (see kbgen.site.search.segmenter); else ""."""
        if self._segment is None:
            self._segment = search.segmenter(self.lang) or (lambda text: "")
        # An app label is indexed as the app shows it in this language, not as its reference.
        return self._segment(" ".join(self.labels(text, markup=False) for text in texts))

    def format_date(self, day: date) -> str:
        return format_date(day, format="long", locale=self.lang.babel)


def _tidy(text: str) -> str:
    """Collapse runs of blank lines left by template logic."""
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
