"""The help center in a real browser: Debian's Chromium driven by Playwright.

Uses the demo site built once per run (conftest.demo) and served on
localhost. Screenshots are written to test-artifacts/ for people to look
at. Search has its own tests: test_search_browser.py.
"""

from __future__ import annotations

import json

import pytest
from conftest import REPO, Demo
from requirements import needs

ARTIFACTS = REPO / "test-artifacts"
ARTICLE = "account-access/reset-password/"

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = needs("chromium")


def _switch(page, hreflang: str) -> None:
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f'.md-select__link[hreflang="{hreflang}"]')


@pytest.mark.parametrize("target", ["de", "ar", "zh-Hans"])
def test_switcher_keeps_the_reader_on_the_same_article(target: str, page, demo: Demo):
    page.goto(f"{demo.url}en/{ARTICLE}")
    _switch(page, target)
    assert page.url == f"{demo.url}{target}/{ARTICLE}"
    assert page.locator("html").get_attribute("lang") == target


def test_arabic_pages_are_right_to_left(page, demo: Demo):
    page.goto(f"{demo.url}ar/{ARTICLE}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == "rtl"


def test_machine_translated_page_shows_its_banner(page, demo: Demo):
    page.goto(f"{demo.url}es/fees-limits/network-fees-explained/")
    banner = page.locator(".admonition.kb-machine")
    assert banner.is_visible()
    assert "traducido automáticamente" in banner.inner_text() or "automática" in banner.inner_text()
    english = banner.locator('a[hreflang="en"]')
    with page.expect_navigation():
        english.click()
    assert page.url == f"{demo.url}en/fees-limits/network-fees-explained/"


def test_untranslated_article_says_it_is_in_english(page, demo: Demo):
    page.goto(f"{demo.url}de/deposits-withdrawals/how-to-deposit/")
    assert page.locator(".admonition.kb-fallback").is_visible()
    assert page.locator("h1").inner_text().rstrip("¶") != "How to deposit crypto"  # the title is translated


def test_reviewed_translation_has_no_banner(page, demo: Demo):
    page.goto(f"{demo.url}de/{ARTICLE}")
    assert page.locator(".kb-machine, .kb-outdated, .kb-fallback").count() == 0
    assert page.locator("h1").inner_text().rstrip("¶") == "Passwort zurücksetzen"


def test_faq_page_has_valid_faqpage_jsonld(page, demo: Demo):
    page.goto(f"{demo.url}security/faq/".replace("security", "en/security", 1))
    blocks = [json.loads(text) for text in page.locator('script[type="application/ld+json"]').all_inner_texts()]
    (data,) = [block for block in blocks if block["@type"] == "FAQPage"]
    questions = page.locator("details.question")
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) == questions.count() > 0
    for item in data["mainEntity"]:
        assert item["@type"] == "Question" and item["name"]
        assert item["acceptedAnswer"]["@type"] == "Answer" and len(item["acceptedAnswer"]["text"]) > 20


def test_faq_questions_open_and_close(page, demo: Demo):
    page.goto(f"{demo.url}en/security/faq/")
    first = page.locator("details.question").first
    assert first.get_attribute("open") is None
    first.locator("summary").click()
    assert first.get_attribute("open") is not None


def test_feedback_widget_thanks_the_reader(page, demo: Demo):
    page.goto(f"{demo.url}ja/{ARTICLE}")
    form = page.locator(".kb-feedback")
    form.locator('button[value="yes"]').click()
    assert form.locator('[data-answer="yes"]').is_visible()
    page.reload()
    assert page.locator('.kb-feedback [data-answer="yes"]').is_visible()  # remembered


def test_screenshots(browser, demo: Demo):
    """Home and an article in English, Arabic and Japanese, for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    for lang in ("en", "ar", "ja"):
        for name, path in (("home", ""), ("article", ARTICLE)):
            page.goto(f"{demo.url}{lang}/{path}")
            page.evaluate("document.fonts.ready.then(() => true)")  # the page's fonts drawn, not a fixed wait
            target = ARTIFACTS / f"{name}-{lang}.png"
            page.screenshot(path=str(target), full_page=False)
            assert target.stat().st_size > 10_000
    context.close()


@pytest.mark.parametrize(
    "locale, lands_on", [("de-DE", "de"), ("zh-TW", "zh-Hant"), ("pt-BR", "pt-BR"), ("nl-NL", "en")]
)
def test_root_sends_visitors_to_their_language(locale: str, lands_on: str, browser, demo: Demo):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(demo.url)
    page.wait_for_url(f"{demo.url}{lands_on}/")
    context.close()


def test_root_lets_visitors_choose(page, demo: Demo):
    page.goto(f"{demo.url}?choose")
    assert page.locator('a[hreflang="ar"][dir="rtl"]').inner_text() == "العربية"
    assert page.locator("a[hreflang]").count() == 16


def test_every_page_names_its_translations(demo: Demo):
    import re
    from xml.etree import ElementTree

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    index = ElementTree.parse(demo.site / "sitemap.xml").getroot()
    sitemaps = [loc.text for loc in index.findall("s:sitemap/s:loc", namespace)]
    assert len(sitemaps) == 16
    for sitemap_url in sitemaps:
        lang = sitemap_url.removeprefix(demo.url).split("/")[0]
        urls = ElementTree.parse(demo.site / lang / "sitemap.xml").getroot().findall("s:url", namespace)
        pages = sorted(p for p in (demo.site / lang).rglob("index.html"))
        assert len(urls) == len(pages)
        for entry in urls:
            assert len(entry.findall("x:link", namespace)) == 17  # 16 languages and x-default
        for page in pages:
            html = page.read_text(encoding="utf-8")
            hreflangs = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html)
            assert len(hreflangs) == 17 and "x-default" in hreflangs, page
