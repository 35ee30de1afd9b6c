"""Outdated never means a whole English page: only the blocks that cannot be shown fall back."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbgen.config import load_project
from kbgen.i18n import catalogs
from kbgen.i18n.entries import Entry
from kbgen.i18n.segments import SegmentIndex, segment_content
from kbgen.languages import language
from kbgen.pipeline import valid_content
from kbgen.site.localize import ENGLISH_END, ENGLISH_START, Localizer, localize
from kbgen.site.pages import PageRenderer
from kbgen.vocabulary import EntryStatus, PageStatus

ARTICLE = "what-is-a-wallet"  # tests/data/mini: 7 body blocks


def _content(root: Path):
    project = load_project(root)
    return valid_content(project)[0]


def _entries(content, broken: set[str] = frozenset(), status=EntryStatus.REVIEWED, leave_out=()) -> dict[str, Entry]:
    """Every segment translated as `DE: <source>`; `broken` contexts fail a critical check."""
    entries = {}
    for segment in segment_content(content):
        if segment.context in leave_out:
            continue
        critical = ("spans",) if segment.context in broken else ()
        entries[segment.context] = Entry(status, segment.source, f"DE: {segment.source}", critical=critical)
    return entries


def _body_contexts(content) -> list[str]:
    return [s.context for s in SegmentIndex(segment_content(content)).of(("article", ARTICLE), "body")]


def _view(content, entries):
    return localize(content, Localizer(entries, SegmentIndex(segment_content(content))))


def test_one_failing_block_falls_back_alone_and_the_page_is_partial(mini: Path):
    content = _content(mini)
    failing = _body_contexts(content)[0]
    view = _view(content, _entries(content, broken={failing}))

    body = view.content.articles[ARTICLE].body
    assert view.articles[ARTICLE] == PageStatus.PARTIAL
    assert body.startswith(f"{ENGLISH_START}A wallet stores your [private key](glossary:private-key).{ENGLISH_END}")
    assert "## DE: Types of wallets" in body
    assert view.content.articles[ARTICLE].title == "DE: What is a wallet?"


def test_a_missing_block_falls_back_alone_too(mini: Path):
    content = _content(mini)
    view = _view(content, _entries(content, leave_out={_body_contexts(content)[-1]}))
    assert view.articles[ARTICLE] == PageStatus.PARTIAL


def test_more_than_half_of_the_body_in_english_makes_the_page_english(mini: Path):
    content = _content(mini)
    blocks = _body_contexts(content)
    half = len(blocks) // 2 + 1
    view = _view(content, _entries(content, broken=set(blocks[:half])))

    assert view.articles[ARTICLE] == PageStatus.FALLBACK
    body = view.content.articles[ARTICLE].body  # all English, every block marked as English
    assert body.translate({ord(ENGLISH_START): None, ord(ENGLISH_END): None}) == content.articles[ARTICLE].body
    assert body.count(ENGLISH_START) == body.count(ENGLISH_END) == len(blocks)


def test_an_untranslatable_title_makes_the_page_english(mini: Path):
    content = _content(mini)
    view = _view(content, _entries(content, broken={f"article:{ARTICLE}:title"}))
    assert view.articles[ARTICLE] == PageStatus.FALLBACK


def test_a_summary_in_english_makes_the_page_partial(mini: Path):
    content = _content(mini)
    view = _view(content, _entries(content, leave_out={f"article:{ARTICLE}:summary"}))
    assert view.articles[ARTICLE] == PageStatus.PARTIAL


def test_a_suggested_translation_is_never_shown(mini: Path):
    content = _content(mini)
    entries = _entries(content)
    first = _body_contexts(content)[0]
    entries[first] = Entry(EntryStatus.SUGGESTED, entries[first].source, "DE: from elsewhere")
    view = _view(content, entries)
    assert "DE: from elsewhere" not in view.content.articles[ARTICLE].body
    assert view.articles[ARTICLE] == PageStatus.PARTIAL


def test_the_english_block_is_marked_as_english_on_the_page(mini: Path):
    content = _content(mini)
    view = _view(content, _entries(content, broken={_body_contexts(content)[0]}))
    page = PageRenderer(view, language("de"), "Mini").article(view.content.articles[ARTICLE])

    assert "<span lang=en dir=ltr>A wallet stores your [private key](../glossary.md#private-key).</span>" in page.text
    # the banner's text is indented under its title, so it renders inside the banner
    assert '!!! kb-partial "Partly in English"\n    Parts of this article are not yet available in ' in page.text
    assert ENGLISH_START not in page.text and ENGLISH_END not in page.text


def test_a_translation_cannot_bring_its_own_english_markers(mini: Path):
    content = _content(mini)
    entries = _entries(content)
    first = _body_contexts(content)[0]
    entries[first] = Entry(EntryStatus.REVIEWED, entries[first].source, f"{ENGLISH_START}DE{ENGLISH_END}")
    assert ENGLISH_START not in _view(content, entries).content.articles[ARTICLE].body


# ------------------------------------------------------------- end to end

PO = "locales/{}/LC_MESSAGES/content.po"


def _translate_everything(root: Path, lang: str) -> None:
    """A translator's reviewed catalog: every entry translated, nothing fuzzy."""
    path = root / PO.format(lang)
    catalog = catalogs.read(path, lang, lang)
    for message in catalog:
        if message.id:
            message.string = f"{lang.upper()}: {message.id}"
            message.flags.discard("fuzzy")
    catalogs.write(path, catalog)


def _page(root: Path, lang: str) -> str:
    return (root / "site" / lang / "wallets" / "back-up-your-wallet" / "index.html").read_text()


def test_a_changed_number_keeps_every_language_translated(mini: Path, kbgen):
    """Edit a number in a reviewed article -> i18n update -> check passes -> every language shows it."""
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    for lang in ("de", "es"):
        _translate_everything(mini, lang)
    article = mini / "content/articles/wallets/back-up-your-wallet.yaml"
    article.write_text(article.read_text().replace("Write down the 12 words", "Write down the 24 words"))

    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    check = kbgen("-C", mini, "check")
    build = kbgen("-C", mini, "build")

    assert check.exit_code == 0, check.output
    assert "critical" not in check.output
    assert build.exit_code == 0, build.output
    for lang in ("de", "es"):
        po = (mini / PO.format(lang)).read_text()
        assert "# kbgen: carried over 12 -> 24\n" in po
        page = _page(mini, lang)
        assert f"{lang.upper()}: Write down the 24 words in order." in page
        assert "Not yet translated" not in page and "12 words" not in page


def test_an_outdated_translation_is_checked_against_its_own_source_and_stays(mini: Path, kbgen):
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    _translate_everything(mini, "de")
    article = mini / "content/articles/wallets/back-up-your-wallet.yaml"
    article.write_text(
        article.read_text().replace("Write down the 12 words in order", "Write all 24 words down in order")
    )

    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    check = kbgen("-C", mini, "check")

    assert "critical" not in check.output, check.output
    catalog = catalogs.read(mini / PO.format("de"), "de", "de")
    outdated = [m for m in catalog if m.id and catalogs.status_of(m) == EntryStatus.OUTDATED]
    assert [m.string for m in outdated] == [
        "DE: Write down the 12 words in order. Send `0.5 BTC` to "
        "`bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh` only after a test."
    ]


@pytest.mark.parametrize("status", [PageStatus.PARTIAL])
def test_partial_is_a_page_status_between_outdated_and_fallback(status):
    order = list(PageStatus)
    assert order.index(PageStatus.OUTDATED) < order.index(status) < order.index(PageStatus.FALLBACK)


def test_the_english_marker_survives_the_sanitizer():
    from kbgen.site.hooks import sanitize

    assert sanitize("<p><span lang=en dir=ltr>Tap <strong>Send</strong>.</span></p>") == (
        '<p><span lang="en" dir="ltr">Tap <strong>Send</strong>.</span></p>'
    )
