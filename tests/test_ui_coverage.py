"""A new language says what it lacks: interface-string coverage in status, check, the stale report and the dashboard."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kbgen.i18n.theme import theme_template


@pytest.fixture
def with_dutch(mini: Path) -> Path:
    """The mini project with Dutch added to its languages and nothing translated for it."""
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("languages: [de, es, ar]", "languages: [de, es, ar, nl]"))
    return mini


def _ui_total() -> int:
    return sum(1 for m in theme_template("Mini Help Center") if m.id)


def test_status_shows_ui_coverage_next_to_content_coverage(with_dutch: Path, kbgen):
    assert kbgen("-C", with_dutch, "i18n", "update").exit_code == 0
    total = _ui_total()

    result = kbgen("-C", with_dutch, "i18n", "status")

    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "lang      reviewed   machine  outdated suggested   missing  content          ui"
    dutch = next(line for line in lines if line.startswith("nl "))
    assert re.fullmatch(rf"nl +0 +0 +0 +0 +\d+ +0% +0/{total}", dutch)


def test_check_warns_for_each_language_without_ui_strings(with_dutch: Path, kbgen):
    total = _ui_total()
    result = kbgen("-C", with_dutch, "check")
    for lang in ("nl",):  # the other languages of the small project have their UI strings
        assert (
            f"locales/{lang}/LC_MESSAGES/theme.po: warning: {lang}: {total} of {total} interface strings are not "
            f"translated and show in English (such as 'Home'); run `kbgen i18n update` and translate it"
        ) in result.output


def test_check_is_quiet_once_the_ui_strings_are_translated(with_dutch: Path, kbgen):
    from kbgen.i18n import catalogs

    kbgen("-C", with_dutch, "i18n", "update")
    path = with_dutch / "locales" / "nl" / "LC_MESSAGES" / "theme.po"
    catalog = catalogs.read(path, "nl", "nl", "theme")
    for message in list(catalog)[1:]:
        message.string = f"NL {message.id}"
    catalogs.write(path, catalog)

    german = with_dutch / "locales" / "de" / "LC_MESSAGES" / "theme.po"
    catalog = catalogs.read(german, "de", "de", "theme")
    first = list(catalog)[1]
    first.string = ""
    catalogs.write(german, catalog)

    result = kbgen("-C", with_dutch, "check")

    assert "locales/nl/LC_MESSAGES/theme.po" not in result.output
    # the warning points at the first string to translate
    assert re.search(
        rf"^locales/de/LC_MESSAGES/theme\.po:\d+: warning: de: 1 of \d+ interface strings are not "
        rf"translated and show in English \(such as '{re.escape(first.id)}'\)",
        result.output,
        re.MULTILINE,
    )


def test_stale_report_and_dashboard_show_ui_coverage(with_dutch: Path, kbgen):
    from kbgen.checks.dashboard import render
    from kbgen.checks.stale import stale_report
    from kbgen.config import load_project
    from kbgen.pipeline import valid_content as load_valid_content

    total = _ui_total()
    report = json.loads(kbgen("-C", with_dutch, "stale", "--format", "json").output)
    dutch = next(row for row in report["coverage"] if row["lang"] == "nl")
    assert dutch["ui"] == {"reviewed": 0, "machine": 0, "outdated": 0, "suggested": 0, "missing": total}

    project = load_project(with_dutch)
    content, _ = load_valid_content(project)
    page = render(project, stale_report(project, content))
    row = page[page.index('<tr data-lang="nl">') :]
    row = row[: row.index("</tr>")]
    assert f'<td class="missing" data-group="ui" data-status="missing">{total}</td>' in row
    assert '<td class="reviewed" data-group="ui" data-status="reviewed">0</td>' in row
    assert '<th colspan="5">Interface strings</th>' in page  # over its five statuses
