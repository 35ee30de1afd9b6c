"""Notices for incidents: templates in every language at once, visibility windows, feeds."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import REPO, TESTS
from lxml import etree

from kbgen.config import load_project
from kbgen.i18n import catalogs
from kbgen.languages import language
from kbgen.pipeline import build as build_help_center
from kbgen.pipeline import valid_content as load_valid_content

ATOM_SCHEMA = TESTS / "data" / "atom.rng"
TEMPLATE = """templates:
  - id: network-maintenance
    kind: maintenance
    severity: warning
    text: "Deposits of {asset} on {network} pause from {start} to {end}. Expect up to {delay} of delay."
"""
NOTICE = """  - id: eth-upgrade
    template: network-maintenance
    params: {asset: ETH, network: 'Ethereum & L2 "rollups"', delay: 1h30m}
    start: 2026-12-10T01:00:00Z
    end: 2026-12-10T03:00:00Z
"""
TRANSLATIONS = {
    "de": "Einzahlungen von {asset} über {network} pausieren von {start} bis {end}. Bis zu {delay} Verzögerung.",
    "es": "Los depósitos de {asset} en {network} se pausan desde el {start} hasta el {end}. Retraso de hasta {delay}.",
}
BEFORE = datetime(2026, 12, 1, tzinfo=UTC)


def _add_template(mini: Path, kbgen) -> None:
    """A writer adds the template; translators translate it once (reviewed)."""
    notices = mini / "content/notices.yaml"
    notices.write_text(notices.read_text() + TEMPLATE)
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    for code, text in TRANSLATIONS.items():
        path = mini / "locales" / code / "LC_MESSAGES" / "content.po"
        catalog = catalogs.read(path, code, str(path))
        catalog.get(
            "Deposits of {asset} on {network} pause from {start} to {end}. Expect up to {delay} of delay.",
            context="notice-template:network-maintenance:text",
        ).string = text
        catalogs.write(path, catalog)


def _add_notice(mini: Path) -> None:
    notices = mini / "content/notices.yaml"
    notices.write_text(notices.read_text().replace("templates:\n", NOTICE + "templates:\n"))


def _build(mini: Path, now: datetime = BEFORE):
    project = load_project(mini)
    content, _ = load_valid_content(project)
    build_help_center(project, content, now=now, jobs=1)
    return project


def _notice(site: Path, lang: str, notice_id: str) -> str:
    page = (site / lang / "index.html").read_text()
    match = re.search(rf'<div class="kb-notice [^"]*"[^>]*data-kb-notice="{notice_id}:.*?</div>', page, re.S)
    assert match, f"notice {notice_id} not on the {lang} home page"
    return match.group(0)


def test_a_notice_from_a_template_is_in_every_language_without_new_translations(mini: Path, kbgen):
    _add_template(mini, kbgen)
    _add_notice(mini)

    assert kbgen("-C", mini, "check", "--today", "2026-12-01").exit_code == 0
    _build(mini)

    german = _notice(mini / "site", "de", "eth-upgrade")
    assert (
        'Einzahlungen von ETH über Ethereum &amp; L2 &quot;rollups&quot; pausieren von <time datetime="2026-12-10T01:00:00Z" '
        'title="10. Dez. 2026, 01:00 UTC">10. Dez. 2026, 01:00 UTC</time> bis <time datetime="2026-12-10T03:00:00Z" '
        'title="10. Dez. 2026, 03:00 UTC">10. Dez. 2026, 03:00 UTC</time>. Bis zu 90 Minuten Verzögerung.'
    ) in german
    spanish = _notice(mini / "site", "es", "eth-upgrade")
    assert "Los depósitos de ETH en Ethereum &amp; L2 &quot;rollups&quot; se pausan desde el" in spanish
    assert "Retraso de hasta 90 minutos." in spanish
    english = _notice(mini / "site", "en", "eth-upgrade")
    assert "Expect up to 90 minutes of delay." in english
    assert '"rollups"' not in german + spanish + english  # text, escaped for HTML


def test_a_template_notice_needs_its_parameters_and_a_known_template(mini: Path, kbgen):
    _add_template(mini, kbgen)
    notices = mini / "content/notices.yaml"
    notices.write_text(
        notices.read_text().replace(
            "templates:\n", NOTICE.replace("asset: ETH, ", "").replace("delay: 1h30m", "delay: soon") + "templates:\n"
        )
    )
    result = kbgen("-C", mini, "check")
    assert result.exit_code == 1
    assert (
        "content/notices.yaml:11: 'notices[1].params.delay': 'soon' is not a duration (write e.g. 30m, 2h, 1h30m or 1d)"
        in result.output
    )

    notices.write_text(
        notices.read_text()
        .replace("delay: soon", "delay: 2h")
        .replace("template: network-maintenance", "template: network-outage")
    )
    result = kbgen("-C", mini, "check")
    assert (
        "content/notices.yaml:10: 'template': unknown notice template 'network-outage' (templates: network-maintenance)"
    ) in result.output

    notices.write_text(notices.read_text().replace("network-outage", "network-maintenance"))
    result = kbgen("-C", mini, "check")
    assert "content/notices.yaml:10: 'template': template 'network-maintenance' needs 'params.asset'" in result.output


def test_a_template_may_only_name_known_placeholders(mini: Path, kbgen):
    notices = mini / "content/notices.yaml"
    notices.write_text(notices.read_text() + TEMPLATE.replace("{delay}", "{delya}"))
    result = kbgen("-C", mini, "check")
    assert result.exit_code == 1
    assert (
        "content/notices.yaml:13: 'text': unknown placeholder '{delya}' (a template can use {start}, {end}, "
        "{asset}, {network}, {delay})"
    ) in result.output


def test_upcoming_notices_are_built_hidden_and_ended_ones_are_left_out(mini: Path, kbgen):
    _add_template(mini, kbgen)
    _add_notice(mini)

    _build(mini, now=datetime(2026, 12, 10, 2, tzinfo=UTC))
    during = _notice(mini / "site", "de", "eth-upgrade")
    _build(mini, now=BEFORE)
    before = _notice(mini / "site", "de", "eth-upgrade")
    _build(mini, now=datetime(2026, 12, 10, 3, tzinfo=UTC))

    assert " hidden>" not in during.split(">")[0] + ">"
    assert before.split(">")[0].endswith(" hidden")
    assert 'data-kb-notice="eth-upgrade:' not in (mini / "site/de/index.html").read_text()


def test_builds_of_one_day_follow_a_notice_that_starts_or_ends_between_them(mini: Path, kbgen):
    """Nothing else changed: a notice's start or end alone makes the pages again (readers without
    JavaScript see what the build put there)."""
    _add_template(mini, kbgen)
    _add_notice(mini)

    _build(mini, now=datetime(2026, 12, 10, 0, 30, tzinfo=UTC))
    before = _notice(mini / "site", "de", "eth-upgrade")
    _build(mini, now=datetime(2026, 12, 10, 2, tzinfo=UTC))
    during = _notice(mini / "site", "de", "eth-upgrade")
    _build(mini, now=datetime(2026, 12, 10, 3, 30, tzinfo=UTC))

    assert before.split(">")[0].endswith(" hidden")
    assert " hidden>" not in during.split(">")[0] + ">"
    assert 'data-kb-notice="eth-upgrade:' not in (mini / "site/de/index.html").read_text()


def test_feeds_are_valid_atom_and_json_feed_in_each_language(mini: Path, kbgen):
    _add_template(mini, kbgen)
    _add_notice(mini)
    _build(mini)

    schema = etree.RelaxNG(etree.parse(str(ATOM_SCHEMA)))
    for code in ("en", "de", "es"):
        atom = etree.parse(str(mini / "site" / code / "notices.xml"))
        assert schema.validate(atom), schema.error_log
        feed = json.loads((mini / "site" / code / "notices.json").read_text())
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["title"] and feed["items"]
        for item in feed["items"]:
            assert item["id"] and (item.get("content_html") or item.get("content_text"))
            assert set(item["_kbgen"]) == {"kind", "severity", "start", "end", "version"}

    ns = {"a": "http://www.w3.org/2005/Atom"}
    atom = etree.parse(str(mini / "site/de/notices.xml"))
    assert atom.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    entry = atom.find("a:entry[a:id='https://help.mini.example.com/de/#notice-eth-upgrade']", ns)
    assert entry.findtext("a:title", namespaces=ns) == (
        'Wartung: Einzahlungen von ETH über Ethereum & L2 "rollups" pausieren von 10. Dez. 2026, 01:00 UTC '
        "bis 10. Dez. 2026, 03:00 UTC. Bis zu 90 Minuten Verzögerung."
    )
    assert "Ethereum &amp; L2 &quot;rollups&quot;" in entry.findtext("a:content", namespaces=ns)
    feed = json.loads((mini / "site/de/notices.json").read_text())
    item = next(i for i in feed["items"] if i["id"].endswith("#notice-eth-upgrade"))
    assert item["_kbgen"]["start"] == "2026-12-10T01:00:00Z" and item["_kbgen"]["end"] == "2026-12-10T03:00:00Z"
    assert item["content_text"].endswith("Bis zu 90 Minuten Verzögerung.")


def test_feeds_are_rewritten_byte_for_byte(mini: Path, kbgen):
    _add_template(mini, kbgen)
    _add_notice(mini)
    _build(mini)
    first = {p.name: p.read_bytes() for p in (mini / "site/es").glob("notices.*")}
    _build(mini)
    assert first == {p.name: p.read_bytes() for p in (mini / "site/es").glob("notices.*")}
    assert set(first) == {"notices.xml", "notices.json"}


@pytest.mark.parametrize(
    ("code", "expected"),
    [("de", "10. Dez. 2026, 01:00 UTC"), ("ja", "2026年12月10日 1:00 UTC"), ("ar", "10 ديسمبر 2026، 01:00 UTC")],
)
def test_times_are_written_per_language(code: str, expected: str):
    from kbgen.site.notices import format_time

    assert format_time(datetime(2026, 12, 10, 1, tzinfo=UTC), language(code)) == expected


def test_reading_chinese_conventions_leaves_arabic_dates_alone():
    """QA reads the month names of every Chinese variant, zh_Latn among them (python-babel/babel#1234).

    In a fresh process: what a process read before decides whether the bug shows.
    """
    code = (
        "from datetime import UTC, datetime\n"
        "from kbgen.i18n.conventions import conventions\n"
        "from kbgen.languages import language\n"
        "from kbgen.site.notices import format_time\n"
        "conventions('zh-Hans')\n"
        "print(format_time(datetime(2026, 12, 10, 1, tzinfo=UTC), language('ar')))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "10 ديسمبر 2026، 01:00 UTC"


@pytest.mark.parametrize(("delay", "expected"), [("90m", "90 Minuten"), ("2h", "2 Stunden"), ("1d", "1 Tag")])
def test_delays_are_written_in_their_largest_whole_unit(delay: str, expected: str):
    from kbgen.content.model import parse_duration
    from kbgen.site.notices import format_delay

    assert format_delay(parse_duration(delay), language("de")) == expected
