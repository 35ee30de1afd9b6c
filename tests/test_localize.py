"""What a language shows: its published translations, English everywhere else.

The rules, as a reader of the German site meets them:
- reviewed translations are shown;
- outdated ones (reviewed, but the English changed since) are shown, and the page says so;
- machine drafts are shown only where the machine-publishing policy allows them;
- a missing translation, or one that fails a critical QA check, shows English
  in its place only, marked as English, and the page is "partly in English";
- the whole page is English only when its title, or more than half of its
  body's blocks, cannot be shown.

The catalogs here are built in memory from the segmenter's own units, as
`kbgen i18n update` would write them after a translator's work.
"""

from __future__ import annotations

from datetime import date

from babel.messages.catalog import Catalog, Message

from kbgen.config import MachineTranslation
from kbgen.content.model import Article, Content, Faq
from kbgen.i18n.entries import entries_of
from kbgen.i18n.segments import SegmentIndex, segment_content
from kbgen.site.localize import ENGLISH_END, ENGLISH_START, Localizer, localize
from kbgen.site.machine import MachineGate

ARTICLE = Article(
    id="send-crypto",
    title="Send crypto",
    summary="Move coins to another wallet.",
    category="wallets",
    last_reviewed=date(2026, 1, 1),
    body="Open **Send** and paste the address.\n\nCheck the network, then tap `Confirm`.\n",
)
FAQ = Faq(
    id="can-i-cancel",
    question="Can I cancel a transfer?",
    category="wallets",
    answer="No. A confirmed transfer cannot be reversed.",
)
CONTENT = Content(articles={ARTICLE.id: ARTICLE}, faqs={FAQ.id: FAQ})

GERMAN = {
    "Send crypto": "Krypto senden",
    "Move coins to another wallet.": "Coins an eine andere Wallet senden.",
    "Open **Send** and paste the address.": "Öffnen Sie **Senden** und fügen Sie die Adresse ein.",
    "Check the network, then tap `Confirm`.": "Prüfen Sie das Netzwerk und tippen Sie auf `Confirm`.",
    "Can I cancel a transfer?": "Kann ich eine Überweisung stornieren?",
    "No. A confirmed transfer cannot be reversed.": "Nein. Eine bestätigte Überweisung ist endgültig.",
}
GERMAN_BODY = (
    "Öffnen Sie **Senden** und fügen Sie die Adresse ein.\n\nPrüfen Sie das Netzwerk und tippen Sie auf `Confirm`.\n"
)


def make_localizer(catalog: Catalog | None, publish_machine: bool = False) -> Localizer:
    """The one place that knows how a Localizer is made."""
    gate = MachineGate(MachineTranslation(publish=["de"] if publish_machine else []), "de", CONTENT)
    return Localizer(entries_of(catalog or Catalog(locale="de"), "de"), SegmentIndex(segment_content(CONTENT)), gate)


def catalog(translations: dict[str, str] = GERMAN, machine=(), outdated: dict[str, str] | None = None) -> Catalog:
    """A German catalog for CONTENT: reviewed translations, except the sources named in
    `machine` (unreviewed drafts) and `outdated` (source -> the earlier source it was translated from)."""
    outdated = outdated or {}
    result = Catalog(locale="de", domain="content")
    for segment in segment_content(CONTENT):
        flags, previous = set(), []
        if segment.source in machine:
            flags.add("fuzzy")
        if segment.source in outdated:
            flags.add("fuzzy")
            previous = [outdated[segment.source]]
        result[segment.source] = Message(
            segment.source,
            translations.get(segment.source, ""),
            context=segment.context,
            flags=flags,
            previous_id=previous,
        )
    return result


def shown(catalog: Catalog | None, publish_machine: bool = False):
    """(article as shown, its page status, FAQ as shown, its status)."""
    view = localize(CONTENT, make_localizer(catalog, publish_machine))
    return (view.content.articles[ARTICLE.id], view.articles[ARTICLE.id], view.content.faqs[FAQ.id], view.faqs[FAQ.id])


def test_reviewed_translations_are_shown():
    article, status, faq, faq_status = shown(catalog())
    assert (article.title, article.summary, article.body) == (
        "Krypto senden",
        "Coins an eine andere Wallet senden.",
        GERMAN_BODY,
    )
    assert (faq.question, faq.answer) == ("Kann ich eine Überweisung stornieren?", GERMAN[FAQ.answer])
    assert (status, faq_status) == ("reviewed", "reviewed")


def test_an_outdated_translation_is_still_shown_and_marks_the_page_outdated():
    edited = "Check the network, then tap `Confirm`."
    article, status, _, _ = shown(catalog(outdated={edited: "Check the network and tap `Confirm`."}))
    assert article.body == GERMAN_BODY
    assert status == "outdated"


def _unmarked(text: str) -> str:
    return text.translate({ord(ENGLISH_START): None, ord(ENGLISH_END): None})


def test_machine_drafts_are_shown_only_where_the_language_publishes_them():
    drafts = catalog(machine=set(GERMAN))

    published, status, _, _ = shown(drafts, publish_machine=True)
    assert (published.title, published.body, status) == ("Krypto senden", GERMAN_BODY, "machine")

    hidden, status, faq, faq_status = shown(drafts, publish_machine=False)
    assert (hidden.title, hidden.summary, _unmarked(hidden.body)) == (ARTICLE.title, ARTICLE.summary, ARTICLE.body)
    assert hidden.body.startswith(ENGLISH_START)  # English, and marked as English
    assert faq.question == FAQ.question and _unmarked(faq.answer) == FAQ.answer
    assert (status, faq_status) == ("fallback", "fallback")


def test_without_a_catalog_everything_is_english():
    article, status, faq, faq_status = shown(None)
    assert article == ARTICLE.model_copy(update={"body": article.body}) and _unmarked(article.body) == ARTICLE.body
    assert faq == FAQ.model_copy(update={"answer": faq.answer}) and _unmarked(faq.answer) == FAQ.answer
    assert (status, faq_status) == ("fallback", "fallback")


def test_a_missing_title_makes_the_whole_page_english():
    article, status, _, _ = shown(catalog({k: v for k, v in GERMAN.items() if k != "Send crypto"}))
    assert (article.title, _unmarked(article.body)) == ("Send crypto", ARTICLE.body)
    assert article.summary == "Coins an eine andere Wallet senden."  # still helps in lists and search
    assert status == "fallback"


PARTLY_GERMAN = (
    "Öffnen Sie **Senden** und fügen Sie die Adresse ein.\n\n"
    f"{ENGLISH_START}Check the network, then tap `Confirm`.{ENGLISH_END}\n"
)


def test_a_body_with_one_untranslated_block_shows_that_block_alone_in_english():
    article, status, _, _ = shown(
        catalog({k: v for k, v in GERMAN.items() if k != "Check the network, then tap `Confirm`."})
    )
    assert article.body == PARTLY_GERMAN  # the English block is marked; the page renders it with lang="en"
    assert (article.title, article.summary) == ("Krypto senden", "Coins an eine andere Wallet senden.")
    assert status == "partial"


def test_a_body_mostly_untranslated_is_all_english():
    article, status, _, _ = shown(catalog({k: v for k, v in GERMAN.items() if k not in ARTICLE.body}))
    assert _unmarked(article.body) == ARTICLE.body and article.body.count(ENGLISH_START) == 2  # each block marked
    assert status == "fallback"


def test_a_faq_is_shown_translated_only_when_question_and_answer_both_are():
    _, _, faq, status = shown(catalog({k: v for k, v in GERMAN.items() if k != FAQ.answer}))
    assert faq.question == FAQ.question  # the translated question is not shown either
    assert _unmarked(faq.answer) == FAQ.answer
    assert status == "fallback"


def test_a_translation_that_fails_a_critical_check_shows_english():
    # The translated `Confirm` button name breaks the code span: the reader would look for a button that is not there.
    broken = {
        **GERMAN,
        "Check the network, then tap `Confirm`.": "Prüfen Sie das Netzwerk und tippen Sie auf `Bestätigen`.",
    }
    article, status, _, _ = shown(catalog(broken))
    assert article.body == PARTLY_GERMAN
    assert status == "partial"


def test_a_title_that_adds_html_shows_english():
    article, _, _, _ = shown(catalog({**GERMAN, "Send crypto": "Krypto senden<img src=x onerror=alert(1)>"}))
    assert article.title == "Send crypto"


def test_a_translation_failing_only_a_functional_check_is_shown():
    lost_bold = {**GERMAN, "Open **Send** and paste the address.": "Öffnen Sie Senden und fügen Sie die Adresse ein."}
    article, status, _, _ = shown(catalog(lost_bold))
    assert article.body.startswith("Öffnen Sie Senden und")
    assert status == "reviewed"


def with_source(catalog: Catalog, source: str, written: str) -> Catalog:
    """The catalog with the entry for `source` written for another English text, same context."""
    [message] = [m for m in catalog if m.id == source]
    del catalog[message.id, message.context]
    catalog[written] = Message(written, message.string, context=message.context)
    return catalog


def test_a_catalog_entry_for_another_source_is_not_shown():
    # A catalog not yet merged with the current English: the context matches, the source does not.
    article, _, _, _ = shown(with_source(catalog(), "Send crypto", "Send old crypto"))
    assert article.title == "Send crypto"


def test_a_source_that_differs_only_in_whitespace_still_finds_its_translation():
    article, status, _, _ = shown(with_source(catalog(), "Send crypto", "Send  crypto "))
    assert (article.title, status) == ("Krypto senden", "reviewed")


def test_the_site_looks_up_only_contexts_the_template_has():
    """Contexts are spelled by the segmenter alone: every one the site asks for is in locales/content.pot."""
    from babel.messages.pofile import read_po
    from conftest import REPO

    from kbgen.config import load_project
    from kbgen.i18n.workflow import merged_catalog, source_units
    from kbgen.languages import language
    from kbgen.pipeline import valid_content

    project = load_project(REPO)
    content, _ = valid_content(project)
    with (REPO / "locales/content.pot").open("rb") as handle:
        template = {message.context for message in read_po(handle) if message.id}
    index = SegmentIndex(segment_content(content))
    german = language("de")
    entries = entries_of(merged_catalog(project, german, source_units(content)), "de")  # no cache in the repo
    localizer = Localizer(entries, index)  # no machine drafts published
    localize(content, localizer)
    assert localizer.looked_up, "the site looked nothing up"
    assert localizer.looked_up <= template, sorted(localizer.looked_up - template)[:5]
    assert len(localizer.looked_up) == len(template)  # and every entry of the template is shown somewhere
