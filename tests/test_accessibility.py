"""Accessibility in a real browser: axe-core on the main pages, and keyboard-only use.

axe-core is the reference for automated accessibility checks. Its minified
script comes from the PyPI package `axe-playwright-python` (pinned in the
`test` extra; it bundles axe-core 4.12.1), so the test runs offline once the
test dependencies are installed. It is injected into each page in headless
Chromium and must report no serious or critical violation, in both colour
schemes: every rule in the light scheme, the colour rules in the dark one
(the scheme changes the colours only; the page's structure, names and roles
are the light page's). The full set of design screenshots (desktop and phone, light and
dark) is `python -m bench.screenshots`.
"""

from __future__ import annotations

from importlib.resources import files

import pytest
from conftest import Demo
from requirements import needs
from test_browser import ARTIFACTS

ARTICLE = "account-access/reset-password/"
FAQ = "security/faq/"
PAGES = {"home": "", "article": ARTICLE, "faq": FAQ, "contact": "contact/", "category": "security/"}
LANGUAGES = ("en", "ar", "zh-Hans")
SCHEMES = ("light", "dark")
# A time while the demo's phishing warning and holiday notice are both shown.
NOTICES_LIVE = "2026-12-20T12:00:00Z"

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = needs("chromium")


def _axe_script() -> str:
    try:
        return str(files("axe_playwright_python") / "axe.min.js")
    except ModuleNotFoundError:
        pytest.skip("axe-core is not installed: pip install -e '.[test]' (axe-playwright-python bundles it)")


@pytest.fixture(scope="module", params=SCHEMES)
def scheme_page(request, browser):
    """One page per colour scheme; the system setting picks Material's palette (light or slate)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    # axe-core is given to the context once and runs in every page it loads (injecting its 500 KB
    # into each page after loading cost as much as loading the page).
    context.add_init_script(path=_axe_script())
    page = context.new_page()
    page.clock.install(time=NOTICES_LIVE)
    yield request.param, page
    context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.clock.install(time=NOTICES_LIVE)
    yield page
    context.close()


# The rules whose outcome depends on the colours (axe-core's "color" category).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def _serious(page, scheme: str = "light") -> list[str]:
    options: dict = {"resultTypes": ["violations"]}
    if scheme == "dark":
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + " | ".join(n["html"][:120] for n in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(name: str, lang: str, scheme_page, demo: Demo):
    scheme, page = scheme_page
    page.goto(f"{demo.url}{lang}/{PAGES[name]}")
    page.wait_for_load_state("load")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    if name == "home":  # the notice bar (with its links) is part of what is checked
        assert page.locator(".kb-notice:not([hidden])").count() >= 1
    assert _serious(page, scheme) == []


def test_the_dashboard_has_no_serious_accessibility_violations(scheme_page, demo: Demo):
    scheme, page = scheme_page
    page.goto(f"{demo.url}dashboard/")
    assert _serious(page, scheme) == []


def test_the_language_chooser_has_no_serious_accessibility_violations(scheme_page, demo: Demo):
    scheme, page = scheme_page
    page.goto(f"{demo.url}?choose")
    assert _serious(page, scheme) == []


def test_every_page_offers_both_colour_schemes_with_translated_labels(page, demo: Demo):
    page.goto(f"{demo.url}de/")
    palette = page.locator('[data-md-component="palette"]')
    assert (
        palette.locator("input[data-md-color-scheme='default']").get_attribute("aria-label")
        == "Dunkles Design aktivieren"
    )
    assert (
        palette.locator("input[data-md-color-scheme='slate']").get_attribute("aria-label") == "Helles Design aktivieren"
    )
    palette.locator("label:visible").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert page.locator(".md-header__topic").first.inner_text().strip() == "Harbor Exchange Hilfe-Center"


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_search_by_keyboard_alone(page, demo: Demo):
    page.goto(f"{demo.url}en/")
    _tab_to(page, ".kb-hero .kb-search__input")
    page.evaluate(
        "window.kbQueries = []; document.addEventListener('kbgen:search', e => kbQueries.push(e.detail.query))"
    )
    page.keyboard.type("reset my password")
    page.wait_for_function("kbQueries.includes('reset my password')")  # the results of the whole query
    page.locator(".kb-hero .kb-result").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.kb-result') !== null")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/en/" in page.url and page.url != f"{demo.url}en/"


def test_the_header_search_button_is_reached_by_keyboard_in_every_script(page, demo: Demo):
    for lang in LANGUAGES:
        page.goto(f"{demo.url}{lang}/{ARTICLE}")
        _tab_to(page, ".kb-search-button")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == f"{demo.url}{lang}/search/"
        assert page.evaluate("document.activeElement.classList.contains('kb-search__input')")


def test_faq_questions_open_and_close_by_keyboard(page, demo: Demo):
    page.goto(f"{demo.url}en/{FAQ}")
    first = page.locator("details.question").first
    _tab_to(page, "details.question > summary")
    page.keyboard.press("Enter")
    assert first.get_attribute("open") is not None
    assert first.locator("p").first.is_visible()
    page.keyboard.press("Space")
    assert first.get_attribute("open") is None
    # The question is the control: no link inside it competes for the focus.
    assert first.locator("summary a").count() == 0


def test_the_language_switcher_works_by_keyboard(page, demo: Demo):
    page.goto(f"{demo.url}en/{ARTICLE}")
    _tab_to(page, ".md-select__link[hreflang='de']", limit=80)
    assert page.locator(".md-select__link[hreflang='de']").is_visible()  # the menu opens with the focus
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{demo.url}de/{ARTICLE}"


def test_notices_are_expanded_and_dismissed_by_keyboard(page, demo: Demo):
    page.goto(f"{demo.url}en/")
    bar = page.locator("[data-kb-notices]")
    assert bar.locator(".kb-notice:not([hidden])").count() == 1
    _tab_to(page, "[data-kb-notices-more]")
    page.keyboard.press("Enter")
    assert bar.locator(".kb-notice:not([hidden])").count() == 2
    assert bar.locator("[data-kb-notices-more]").get_attribute("aria-expanded") == "true"
    first = bar.locator(".kb-notice:not([hidden])").first
    dismissed = first.get_attribute("data-kb-notice")
    first.locator("[data-kb-dismiss]").focus()
    page.keyboard.press("Enter")
    assert bar.locator(f'[data-kb-notice="{dismissed}"]').is_hidden()
    # The focus stays in the bar, on the next notice's button, not back at the top of the page.
    assert page.evaluate("document.activeElement.matches('[data-kb-dismiss]')")


def test_articles_end_with_one_list_of_next_steps_and_one_contact_block(page, demo: Demo):
    for lang in LANGUAGES:
        page.goto(f"{demo.url}{lang}/{ARTICLE}")
        content = page.locator(".md-content")
        links = [a.get_attribute("href") for a in content.locator("article a[href^='../']").all()]
        article_links = [h for h in links if "/contact/" not in h]
        assert len(article_links) == len(set(article_links)), article_links
        assert content.locator(".kb-contact").count() == 1
        assert content.locator("a[href$='/contact/']").count() == 1  # the contact block's button only


def test_contact_channels_are_buttons(page, demo: Demo):
    page.goto(f"{demo.url}en/contact/")
    chat = page.locator("a.kb-channel__button", has_text="Live chat")
    assert chat.get_attribute("href") == "https://harbor.example.com/support/chat"
    assert page.get_by_text("https://harbor.example.com/support/chat").count() == 0  # no raw URL shown
    assert page.locator(".kb-escalation ol > li").count() >= 3


def test_articles_print_without_navigation(page, demo: Demo):
    page.goto(f"{demo.url}en/{ARTICLE}")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".kb-summary").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "article-en-print.pdf"))
