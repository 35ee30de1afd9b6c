"""English shown inside a German or Arabic page says it is English (`lang="en" dir="ltr"`):
screen readers pronounce it as English, and in Arabic its punctuation lands on the right side."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from kbgen.i18n import catalogs

PO = "locales/{}/LC_MESSAGES/content.po"
WHOLE = "what-is-a-wallet"  # left untranslated: the whole page is English
PARTIAL = "back-up-your-wallet"  # one block left untranslated
FAQ = "can-support-restore-my-wallet"  # left untranslated
CHANNEL = "live-chat"  # the contact channel (the whole contact page is left untranslated)


def _translate_all_but(root: Path, lang: str, left: tuple[str, ...], first_block_of: str) -> None:
    path = root / PO.format(lang)
    catalog = catalogs.read(path, lang, lang)
    first = min(
        (m.context for m in catalog if m.id and m.context.startswith(f"article:{first_block_of}:body:")),
        key=lambda c: [m.context for m in catalog].index(c),
    )
    for message in catalog:
        if message.id and not message.context.startswith(left) and message.context != first:
            message.string = f"{lang.upper()}: {message.id}"
            message.flags.discard("fuzzy")
    catalogs.write(path, catalog)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil

    from click.testing import CliRunner
    from conftest import MINI

    from kbgen.cli import cli

    root = tmp_path_factory.mktemp("marks") / "mini"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("site", ".kbgen"))
    run = lambda *args: CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)  # noqa: E731
    with (root / "content" / "categories.yaml").open("a") as categories:
        categories.write(f"popular: [{FAQ}]\n")  # the home page lists the untranslated question
    assert run("i18n", "update").exit_code == 0
    for lang in ("de", "ar"):
        _translate_all_but(root, lang, (f"article:{WHOLE}:", f"faq:{FAQ}:", "contact:"), PARTIAL)
    result = run("build")
    assert result.exit_code == 0, result.output
    return root / "site"


def _english(element) -> bool:
    """The element or an ancestor says it is English, left to right."""
    return any(e.get("lang") == "en" and e.get("dir") == "ltr" for e in (element, *element.iterancestors()))


def _content(site: Path, lang: str, path: str):
    return lxml_html.parse(str(site / lang / path / "index.html")).find(".//article")


def _texts(tree, text: str):
    found = [e for e in tree.iter() if isinstance(e.tag, str) and e.text and text in e.text]
    assert found, text
    return found


@pytest.mark.parametrize("lang, direction", [("de", "ltr"), ("ar", "rtl")])
def test_a_page_shown_in_english_marks_every_english_block(built: Path, lang: str, direction: str):
    html = (built / lang / "wallets" / WHOLE / "index.html").read_text()
    assert f'<html lang="{lang}" dir="{direction}"' in html
    article = _content(built, lang, f"wallets/{WHOLE}")
    for text in (
        "What is a wallet?",
        "A wallet stores your",
        "Types of wallets",
        "Hot wallets are online.",
        "Keep your key safe",
        "Never share it.",
        "See ",
    ):
        assert all(_english(e) for e in _texts(article, text)), text
    # The page's own words (the banner, "Related articles") stay in the page's language.
    banner = article.find('.//div[@class="admonition kb-fallback"]')
    assert not _english(banner) and not any(_english(e) for e in banner.iter())


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_one_english_block_in_a_translated_page_is_marked_alone(built: Path, lang: str):
    article = _content(built, lang, f"wallets/{PARTIAL}")
    in_contact_box = lambda e: any("kb-contact" in (a.get("class") or "") for a in e.iterancestors())  # noqa: E731
    english = [e for e in article.iter("span") if _english(e) and not in_contact_box(e)]
    assert len(english) == 1  # the contact box's English channel is another test's
    translated = _texts(article, f"{lang.upper()}: ")
    assert not any(_english(e) for e in translated)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_an_english_faq_answer_is_marked(built: Path, lang: str):
    page = _content(built, lang, "wallets/faq")
    assert all(_english(e) for e in _texts(page, "Can support restore my wallet?"))
    assert all(_english(e) for e in _texts(page, "Only your recovery phrase"))


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_english_cards_on_a_category_page_are_marked(built: Path, lang: str):
    page = _content(built, lang, "wallets")
    for text in (
        "What is a wallet?",
        "A wallet holds the keys",
        "Can support restore my wallet?",
    ):  # title, summary, question
        assert all(_english(e) for e in _texts(page, text)), text
    # the translated card, and the page's own headings, are in the page's language
    assert not any(_english(e) for e in _texts(page, f"{lang.upper()}: Back up your wallet"))
    assert not any(_english(e) for e in page.iter("h1", "h2"))


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_an_english_popular_question_on_the_home_page_is_marked(built: Path, lang: str):
    home = _content(built, lang, "")
    link = home.find('.//div[@class="kb-question-list"]//a')
    assert link.get("href") == f"wallets/faq/#{FAQ}"
    assert [e for e in link.iter() if _english(e)] and link.text_content() == "Can support restore my wallet?"
    assert not _english(link.getparent())  # only the question itself: the list is the page's


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("page", ["contact", "search"])  # beside the channels; when a search finds nothing
def test_english_titles_in_the_most_read_articles_are_marked(built: Path, lang: str, page: str):
    tree = lxml_html.parse(str(built / lang / page / "index.html"))
    links = {a.get("href").rsplit("/", 2)[-2]: a for a in tree.iterfind('.//ul[@class="kb-popular"]/li/a')}
    assert set(links) == {WHOLE, PARTIAL}
    english = links[WHOLE]
    assert [e for e in english.iter() if _english(e)] and english.text_content() == "What is a wallet?"
    assert not _english(english)  # the title, not the link (nor the list): they are the page's
    translated = links[PARTIAL]
    assert translated.text_content() == f"{lang.upper()}: Back up your wallet"
    assert not any(_english(e) for e in translated.iter())


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_english_contact_text_is_marked_on_the_contact_page_and_under_every_article(built: Path, lang: str):
    contact = lxml_html.parse(str(built / lang / "contact" / "index.html"))
    heading = contact.find(f'.//h3[@id="{CHANNEL}"]')
    assert heading.text_content().rstrip("¶").strip() == "Live chat" and [e for e in heading.iter() if _english(e)]
    assert not _english(heading)  # the channel's name, not the heading's anchor link
    description = next(p for p in contact.iterfind(".//p") if p.text_content().strip() == "Fastest way to reach us.")
    assert [e for e in description.iter() if _english(e)]
    hours = next(li for li in contact.iterfind(".//li") if "Every day" in li.text_content())
    assert [e for e in hours.iter() if _english(e) and e.text_content() == "Every day"]
    assert not _english(hours)  # the translated label "Hours" is the page's
    button = contact.find('.//a[@class="md-button md-button--primary kb-channel__button"]')
    assert [e for e in button.iter() if _english(e)] and button.text_content() == "Live chat"
    for text in ("We are here to help.", "If your issue is not solved, escalate.", "Ask for escalation"):
        shown = [e for e in contact.iter() if e.text_content().strip() == text]
        assert shown and any(_english(e) for e in shown), text  # the contact page's own text, as its channel
    article = _content(built, lang, f"wallets/{PARTIAL}/")
    box = next(li for li in article.iterfind(".//li") if "Live chat" in li.text_content())
    assert [e for e in box.iter() if _english(e) and e.text_content() == "Live chat"]
