"""Contact hours: written in UTC (`schedule:` in contact.yaml), shown in the reader's time zone.

Without JavaScript the page says the hours in UTC, with `<time>` elements and
data attributes; kbgen.js rewrites them in the reader's time zone and language.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import Demo
from requirements import needs

from kbgen.content.model import Schedule
from kbgen.languages import language
from kbgen.site.hours import schedule_html

UTC_PATTERN = "{days} {opens}–{closes} UTC"
LOCAL_PATTERN = "{days} {opens}–{closes} (your time, {zone})"
WEEKDAYS = Schedule(days=["fri", "mon", "tue", "wed", "thu"], opens="09:00", closes="18:00")


def test_the_page_says_the_hours_in_utc_with_the_data_to_convert_them():
    html = schedule_html(WEEKDAYS, language("en"), UTC_PATTERN, LOCAL_PATTERN)
    assert html == (
        '<span class="kb-hours" data-kb-days="1,2,3,4,5" data-kb-opens="09:00" data-kb-closes="18:00"'
        ' data-kb-local="{days} {opens}–{closes} (your time, {zone})">'
        'Mon–Fri <time datetime="09:00">09:00</time>–<time datetime="18:00">18:00</time> UTC</span>'
    )


@pytest.mark.parametrize(
    "lang, days, text",
    [
        ("de", ["mon", "tue", "wed", "thu", "fri"], "Mo.–Fr."),
        ("ja", ["mon", "tue", "wed", "thu", "fri"], "月–金"),
        ("en", ["mon", "wed"], "Mon and Wed"),  # two days, or days apart: a list
        ("de", ["sat", "sun"], "Sa. und So."),
    ],
)
def test_days_are_named_in_the_page_language(lang: str, days: list[str], text: str):
    html = schedule_html(Schedule(days=days, opens="09:00", closes="18:00"), language(lang), UTC_PATTERN, "")
    assert f'">{text} <time datetime="09:00">' in html


def test_a_translated_pattern_cannot_add_markup():
    html = schedule_html(WEEKDAYS, language("en"), "<b>{days}</b> {opens}–{closes}", '"><script>')
    assert "<b>" not in html and "<script>" not in html and 'data-kb-local="&quot;&gt;&lt;script&gt;"' in html


def test_a_schedule_is_validated():
    with pytest.raises(ValueError, match="lists a day twice"):
        Schedule(days=["mon", "mon"], opens="09:00", closes="18:00")
    with pytest.raises(ValueError, match="are the same time"):
        Schedule(days=["mon"], opens="09:00", closes="09:00")


# The demo's complaints team: Monday to Friday, 09:00 to 18:00 UTC.
HOURS = ".kb-hours"
pytestmark_browser = needs("chromium")


def _local(zone: str) -> str:
    """What a reader in `zone` should read, this week (daylight saving time included), in English."""
    today = datetime.now(UTC)
    monday = datetime(today.year, today.month, today.day, tzinfo=UTC) - timedelta(days=today.weekday())
    opens = (monday + timedelta(hours=9)).astimezone(ZoneInfo(zone))
    closes = (monday + timedelta(hours=18)).astimezone(ZoneInfo(zone))
    first, last = opens.strftime("%a"), (opens + timedelta(days=4)).strftime("%a")
    return f"{first}–{last} {opens:%H:%M}–{closes:%H:%M} (your time, {zone})"


@pytestmark_browser
@pytest.mark.parametrize("zone", ["Europe/Berlin", "Asia/Tokyo", "America/Los_Angeles"])
def test_readers_see_the_hours_in_their_own_time_zone(zone: str, new_page, demo: Demo):
    page = new_page(timezone_id=zone)
    page.goto(f"{demo.url}en/contact/")
    hours = page.locator(HOURS)
    hours.get_by_text("your time").wait_for()  # kbgen.js has run
    assert hours.inner_text() == _local(zone)
    assert hours.get_attribute("title") == "Mon–Fri 09:00–18:00 UTC"  # the UTC hours stay one hover away


@pytestmark_browser
def test_two_time_zones_read_different_hours(new_page, demo: Demo):
    shown = []
    for zone in ("Europe/Berlin", "Asia/Tokyo"):
        page = new_page(timezone_id=zone)
        page.goto(f"{demo.url}en/contact/")
        page.locator(HOURS).get_by_text("your time").wait_for()
        shown.append(page.locator(HOURS).inner_text())
    assert shown[0] != shown[1]
    assert "18:00–03:00" in shown[1]  # Tokyo is UTC+9 all year: the team's day ends after midnight there


@pytestmark_browser
def test_without_javascript_the_hours_are_in_utc(new_page, demo: Demo):
    page = new_page(java_script_enabled=False, timezone_id="Asia/Tokyo")
    page.goto(f"{demo.url}en/contact/")
    hours = page.locator(HOURS)
    assert hours.inner_text() == "Mon–Fri 09:00–18:00 UTC"
    assert hours.locator("time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))") == ["09:00", "18:00"]
    page.goto(f"{demo.url}de/contact/")
    assert page.locator(HOURS).inner_text() == "Mo.–Fr. 09:00–18:00 Uhr UTC"


@pytestmark_browser
def test_the_hours_follow_the_page_language(new_page, demo: Demo):
    page = new_page(timezone_id="Asia/Tokyo")
    page.goto(f"{demo.url}ja/contact/")
    hours = page.locator(HOURS)
    hours.get_by_text("Asia/Tokyo").wait_for()
    assert hours.inner_text() == "月–金 18:00～03:00（お使いのタイムゾーン: Asia/Tokyo）"
