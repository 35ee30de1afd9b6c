"""No page is wider than a phone: nothing makes the reader scroll sideways.

Every page type of the demo help center, in English, Arabic (right to left)
and Simplified Chinese, is loaded in headless Chromium at 390 px (a common
phone) and 320 px (the narrowest still in use). The page's scroll width must
not exceed the window's: one element sticking out (Material's language list
centred on its button did, by 13 px) lets the whole page slide sideways.
"""

from __future__ import annotations

import pytest
from conftest import Demo
from requirements import needs

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = needs("chromium")

LANGUAGES = ("en", "ar", "zh-Hans")
WIDTHS = (390, 320)
# Each page type, and what shows that the page has finished drawing what scripts add.
PAGES = {
    "home": ("", ".kb-question-list"),
    "category": ("security/", ".grid.cards"),
    "article": ("account-access/reset-password/", ".kb-summary"),
    "faq": ("security/faq/", "details.question"),
    "contact": ("contact/", ".kb-escalation"),
    "search": ("search/?q=password", ".kb-result"),
    "search without results": ("search/?q=qqqxzzv", "[data-kb-fallback]:not([hidden]) .kb-popular"),
    "glossary": ("glossary/", "dl, .md-typeset h2"),
}
# What sticks out: elements whose box passes the window's right or left edge. Material keeps the closed
# navigation drawer beside the page on purpose (its container clips it), so it is left out.
_STICKING_OUT = """() => [...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.md-sidebar'))
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.width > 0 && (r.right > innerWidth + .5 || r.left < -.5))
  .slice(0, 5)
  .map(([e, r]) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${Math.round(r.left)}..${Math.round(r.right)}`)"""


def _width(page) -> tuple[int, int]:
    page.evaluate("document.fonts.ready.then(() => true)")  # widths measured with the page's own fonts
    return page.evaluate("[document.documentElement.scrollWidth, innerWidth]")


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda width: f"{width}px")
def phone(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_is_wider_than_a_phone(phone, lang: str, demo: Demo):
    wider = {}
    for name, (path, drawn) in PAGES.items():
        phone.goto(f"{demo.url}{lang}/{path}")
        phone.locator(drawn).first.wait_for(state="attached")
        scroll_width, window = _width(phone)
        if scroll_width > window:
            wider[name] = (scroll_width, window, phone.evaluate(_STICKING_OUT))
    assert wider == {}


def test_the_dashboard_is_not_wider_than_a_phone(phone, demo: Demo):
    phone.goto(f"{demo.url}dashboard/")
    scroll_width, window = _width(phone)
    assert scroll_width <= window, phone.evaluate(_STICKING_OUT)
    # Its wide tables scroll in their own box, which a keyboard reaches (axe: scrollable-region-focusable).
    box = phone.locator(".wide").filter(has=phone.locator("#coverage"))
    assert box.get_attribute("tabindex") == "0"
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_open_language_list_stays_on_the_screen(phone, lang: str, demo: Demo):
    phone.goto(f"{demo.url}{lang}/")
    phone.locator(".md-header .md-select button").focus()  # it opens with the focus, as on a tap
    listing = phone.locator(".md-header .md-select__inner")
    phone.wait_for_function("e => getComputedStyle(e).opacity === '1'", arg=listing.element_handle())
    left, right, window = listing.evaluate(
        "e => [e.getBoundingClientRect().left, e.getBoundingClientRect().right, innerWidth]"
    )
    assert left >= 0 and right <= window
    assert _width(phone)[0] <= window
