"""In a real browser: notices with a fixed clock (on time, local time, one bar, dismissible, readable); the root 404."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import MINI
from requirements import needs
from test_notices import NOTICE, TEMPLATE, _build

from bench.serving import QuietHandler, served

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = needs("chromium")

BEFORE = datetime(2026, 12, 1, tzinfo=UTC)  # when the site was built: nothing started
DURING = datetime(2026, 12, 10, 2, tzinfo=UTC)  # the upgrade (critical) and the maintenance (warning)
AFTER = datetime(2026, 12, 10, 4, tzinfo=UTC)  # the upgrade is over, the maintenance goes on
UPGRADE = '[data-kb-notice^="eth-upgrade:"]'
MAINTENANCE = '[data-kb-notice^="maintenance:"]'


_ROOTS: dict[str, Path] = {}


def site_root(url: str) -> Path:
    """The folder a served site comes from."""
    return _ROOTS[url]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> str:
    """The mini help center with two notices, built before either started, served on localhost."""
    root = tmp_path_factory.mktemp("notices") / "mini"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("site", ".kbgen"))
    notices = root / "content/notices.yaml"
    notices.write_text(
        notices.read_text()
        + NOTICE.replace("template:", "severity: critical\n    template:")
        + TEMPLATE
        + "    link: what-is-a-wallet\n"
    )
    _build(root, now=BEFORE)
    with served(root / "site") as url:
        _ROOTS[url] = root / "site"
        yield url


def _open(browser, url: str, at: datetime, timezone_id: str = "UTC", scheme: str | None = None):
    context = browser.new_context(timezone_id=timezone_id, locale="de-DE")
    context.clock.set_fixed_time(at)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    if scheme:
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.errors = errors
    return page


@pytest.mark.parametrize(
    ("at", "upgrade", "maintenance"),
    [(BEFORE, False, False), (DURING, True, False), (AFTER, False, True)],
    ids=["before", "during", "after"],
)
def test_notices_show_between_start_and_end_on_a_page_built_before(browser, site: str, at, upgrade, maintenance):
    page = _open(browser, site + "de/", at)
    assert page.is_visible(UPGRADE) is upgrade
    assert page.is_visible(MAINTENANCE) is maintenance  # during: behind "+1 more"
    assert page.is_visible("[data-kb-notices]") is (upgrade or maintenance)
    assert page.errors == []


def test_one_bar_shows_the_most_severe_and_expands_to_the_rest(browser, site: str):
    page = _open(browser, site + "de/", DURING)
    more = page.locator("[data-kb-notices-more]")
    assert more.inner_text() == "+1 weitere" and more.get_attribute("aria-expanded") == "false"  # the German UI
    more.click()
    assert page.is_visible(UPGRADE) and page.is_visible(MAINTENANCE)
    assert more.inner_text() == "Weniger anzeigen" and more.get_attribute("aria-expanded") == "true"
    first = page.locator("[data-kb-notice]:visible").first.get_attribute("data-kb-notice")
    assert first.startswith("eth-upgrade:")


def test_times_are_shown_in_the_readers_time_zone_with_utc_on_hover(browser, site: str):
    page = _open(browser, site + "de/", DURING, timezone_id="Asia/Tokyo")
    start = page.locator(f"{UPGRADE} time").first
    assert start.inner_text() == "10.12.2026, 10:00"
    assert start.get_attribute("title") == "10. Dez. 2026, 01:00 UTC"


def test_a_dismissed_notice_stays_dismissed_and_the_next_one_shows(browser, site: str):
    page = _open(browser, site + "de/", DURING)
    page.click(f"{UPGRADE} [data-kb-dismiss]")
    assert not page.is_visible(UPGRADE) and page.is_visible(MAINTENANCE)
    assert not page.is_visible("[data-kb-notices-more]")
    page.reload()
    assert not page.is_visible(UPGRADE) and page.is_visible(MAINTENANCE)
    key = page.evaluate("Object.keys(localStorage).find(k => k.startsWith('kbgen-notice-dismissed:'))")
    assert key.startswith("kbgen-notice-dismissed:eth-upgrade:")


def _luminance(rgb: str) -> float:
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_notice_text_and_links_have_aa_contrast(browser, site: str, scheme: str):
    page = _open(browser, site + "de/", DURING, scheme=scheme)
    page.click("[data-kb-notices-more]")
    for selector in (UPGRADE, MAINTENANCE):
        colours = page.eval_on_selector(
            selector,
            """el => ({
            background: getComputedStyle(el).backgroundColor,
            text: getComputedStyle(el.querySelector('.kb-notice__text')).color,
            link: getComputedStyle(el.querySelector('a')).color})""",
        )
        assert _contrast(colours["text"], colours["background"]) >= 4.5, (selector, colours)
        assert _contrast(colours["link"], colours["background"]) >= 4.5, (selector, colours)


class _PagesHandler(QuietHandler):
    """Serves like GitHub Pages: any missing URL gets the root 404.html, with status 404."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.parametrize(
    ("path", "locale", "expected"),
    [
        ("wallets/gone/", "de-DE", "de/404.html"),  # no language in the URL: the browser's
        ("es/wallets/gone/", "de-DE", "es/404.html"),  # the URL's language first
        ("nowhere", "ja-JP", "en/404.html"),  # neither: the source language
    ],
)
def test_root_404_sends_the_reader_to_their_languages_404(browser, site: str, tmp_path, path, locale, expected):
    folder = Path(site_root(site))
    with served(folder, _PagesHandler) as pages:
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(f"{pages}{path}")
        page.wait_for_url(f"**/{expected}")
        assert page.evaluate("document.documentElement.lang") == expected.split("/")[0]
        context.close()


def test_the_bar_stays_compact_on_a_phone(browser, site: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="de-DE")
    context.clock.set_fixed_time(DURING)
    page = context.new_page()
    page.goto(site + "de/")
    height = page.eval_on_selector("[data-kb-notices]", "el => el.getBoundingClientRect().height")
    assert height < 0.2 * 844, height  # one notice and the "+1 more" button, not a stack of banners
    context.close()


def test_a_long_notice_is_cut_to_three_lines_on_a_phone_and_shown_whole_on_demand(browser, site: str):
    long_text = "Withdrawals pause for an upgrade. " + "Trading stays open and your funds are safe. " * 12
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="de-DE")
    context.clock.set_fixed_time(AFTER)  # only the maintenance notice is current
    page = context.new_page()

    def lengthen(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("Withdrawals pause for an upgrade. ", long_text))

    page.route("**/de/", lengthen)
    page.goto(site + "de/")
    text = page.locator(f"{MAINTENANCE} .kb-notice__text")
    line = float(text.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
    cut = text.evaluate("el => el.getBoundingClientRect().height")
    more = page.locator("[data-kb-notices-more]")
    assert cut <= 3 * line + 1 and more.inner_text() == "Mehr anzeigen"
    more.click()
    assert text.evaluate("el => el.getBoundingClientRect().height") > 5 * line
    assert more.inner_text() == "Weniger anzeigen"
    context.close()
