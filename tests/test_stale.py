"""Stale content: reviews, outdated translations, expired notices; report formats; dashboard."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import jsonschema
import yaml
from conftest import REPO, Demo

from kbgen.checks.stale import word_diff

SCHEMA = json.loads((REPO / "docs" / "stale-report.schema.json").read_text())
TODAY = "2026-11-22"
ANNOTATION = re.compile(r"^::(error|warning|notice) (file=[^,:]+,(line=\d+,)?)?title=[^:,]+::.+$")


def _reviewed(mini: Path, days_ago: int, interval: int) -> None:
    article = mini / "content/articles/wallets/back-up-your-wallet.yaml"
    reviewed = (date.fromisoformat(TODAY) - timedelta(days=days_ago)).isoformat()
    text = re.sub(r"last_reviewed: .*", f"last_reviewed: {reviewed}", article.read_text())
    article.write_text(re.sub(r"review_interval_days: \d+", f"review_interval_days: {interval}", text))


def _report(kbgen, root: Path, *args: str) -> dict:
    result = kbgen("-C", root, "stale", "--format", "json", "--today", TODAY, *args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    jsonschema.validate(report, SCHEMA)
    return report


def test_review_overdue_is_reported_with_its_owner_and_only_warns_without_a_change(mini: Path, kbgen):
    _reviewed(mini, days_ago=100, interval=90)

    report = _report(kbgen, mini)
    check = kbgen("-C", mini, "check", "--today", TODAY)

    [finding] = [
        f for f in report["findings"] if f["article"] == "back-up-your-wallet" and f["kind"].startswith("review")
    ]
    assert finding["kind"] == "review-late" and finding["severity"] == "warning"
    assert finding["owner"] == "Backup team"
    assert finding["message"] == "review overdue by 10 days; last reviewed 2026-08-14 (owner: Backup team)"
    assert check.exit_code == 0
    assert (
        "content/articles/wallets/back-up-your-wallet.yaml:6: warning: 'review-late': review overdue by 10 days; "
        "last reviewed 2026-08-14 (owner: Backup team)"
    ) in check.output


def test_review_within_its_interval_is_not_reported(mini: Path, kbgen):
    _reviewed(mini, days_ago=60, interval=90)
    report = _report(kbgen, mini)
    assert not [f for f in report["findings"] if f["article"] == "back-up-your-wallet"]
    assert kbgen("-C", mini, "check", "--today", TODAY).exit_code == 0


def test_review_due_soon_is_a_notice(mini: Path, kbgen):
    _reviewed(mini, days_ago=85, interval=90)
    [finding] = [f for f in _report(kbgen, mini)["findings"] if f["article"] == "back-up-your-wallet"]
    assert (finding["kind"], finding["severity"]) == ("review-due", "info")
    assert finding["message"] == "review due on 2026-11-27 (in 5 days) (owner: Backup team)"


def test_policy_in_mkdocs_yml_decides_what_fails(mini: Path, kbgen):
    _reviewed(mini, days_ago=100, interval=90)
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + "    policy:\n      review_grace_days: 30\n")
    check = kbgen("-C", mini, "check", "--today", TODAY)
    assert check.exit_code == 0
    assert "warning: 'review-overdue': review overdue by 10 days" in check.output

    config.write_text(config.read_text().replace("review_grace_days: 30", "review_late: error"))
    check = kbgen("-C", mini, "check", "--today", TODAY)
    assert check.exit_code == 1
    assert "back-up-your-wallet.yaml:6: 'review-late': review overdue by 10 days" in check.output


def test_expired_notice_and_article_fail_check_when_the_policy_says_error(mini: Path, kbgen):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + "    policy:\n      expired_notices: error\n      expired_articles: error\n")
    article = mini / "content/articles/wallets/back-up-your-wallet.yaml"
    article.write_text(
        article.read_text().replace("review_interval_days: 3650", "review_interval_days: 3650\nexpires: 2026-11-01")
    )
    notices = mini / "content/notices.yaml"
    notices.write_text(
        notices.read_text()
        .replace("end: 2099-12-06T03:00:00Z", "end: 2026-11-20T03:00:00Z")
        .replace("start: 2026-12-06T01:00:00Z", "start: 2026-11-20T01:00:00Z")
    )

    check = kbgen("-C", mini, "check", "--today", TODAY)

    assert check.exit_code == 1
    assert (
        "content/articles/wallets/back-up-your-wallet.yaml:8: 'article-expired': expired on 2026-11-01: remove or renew the article"
        in check.output
    )
    assert (
        "content/notices.yaml:7: 'notice-expired': maintenance window 'maintenance' ended at 2026-11-20T03:00:00+00:00: remove it from content"
        in check.output
    )


def test_github_format_is_workflow_annotations(mini: Path, kbgen):
    _reviewed(mini, days_ago=100, interval=90)
    stale = kbgen("-C", mini, "stale", "--format", "github", "--today", TODAY)
    check = kbgen("-C", mini, "check", "--format", "github", "--today", TODAY)
    lines = stale.output.splitlines() + [out for out in check.output.splitlines() if out.startswith("::")]
    assert lines and all(ANNOTATION.match(line) for line in lines), lines
    assert (
        "::warning file=content/articles/wallets/back-up-your-wallet.yaml,line=6,title=kbgen review-late::"
        "review overdue by 10 days; last reviewed 2026-08-14 (owner: Backup team)"
    ) in lines


def test_word_diff():
    assert word_diff("Send the 12 words now.", "Send all 12 words now.") == "Send [-the-] {+all+} 12 words now."


PARAGRAPH = "Write down the 12 words in order."
BANNER = {  # the outdated banner's title, as each language's UI catalog words it
    "de": "Diese Übersetzung ist möglicherweise veraltet",
    "es": "Es posible que esta traducción esté desactualizada",
    "ar": "قد تكون هذه الترجمة قديمة",
}


def _translate_everything(root: Path, kbgen) -> list[str]:
    """What a project with finished translations looks like: every entry reviewed, and
    the UI strings translated (kbgen's own, from the repository's catalogs)."""
    from babel.messages.pofile import read_po, write_po

    from kbgen.config import load_project

    langs = [lang.babel for lang in load_project(root).targets]
    for lang in langs:
        folder = root / "locales" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / "locales" / lang / "LC_MESSAGES" / "theme.po", folder / "theme.po")
    assert kbgen("-C", root, "i18n", "update").exit_code == 0
    for lang in langs:
        path = root / "locales" / lang / "LC_MESSAGES" / "content.po"
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if message.id:
                message.string = f"[{lang}] {message.id}"
        with path.open("wb") as handle:
            write_po(handle, catalog, width=1_000_000)
    return langs


def _article_page(root: Path, lang: str) -> str:
    return (root / "site" / lang / "wallets/back-up-your-wallet/index.html").read_text()


def test_a_changed_paragraph_is_outdated_in_every_language_until_reverted(mini: Path, kbgen):
    # MkDocs' checks raised to warnings (strict builds fail on them): the banners' links to the English
    # page are not the language's own pages, and the search page is not an omitted file.
    config = mini / "mkdocs.yml"
    checks = "  nav:\n    omitted_files: warn\n  links:\n    unrecognized_links: warn\n    absolute_links: warn\n"
    config.write_text(config.read_text() + "validation:\n" + checks + "not_in_nav: /drafts/\n")
    langs = _translate_everything(mini, kbgen)
    assert set(langs) == set(BANNER)  # the small project has a right-to-left language too
    assert kbgen("-C", mini, "build").exit_code == 0
    assert not [lang for lang in langs if "kb-outdated" in _article_page(mini, lang)]

    article = mini / "content/articles/wallets/back-up-your-wallet.yaml"
    original = article.read_text()
    assert PARAGRAPH in original
    article.write_text(original.replace(PARAGRAPH, PARAGRAPH.replace("in order", "in the right order")))

    report = _report(kbgen, mini)
    outdated = [f for f in report["findings"] if f["kind"] == "translation-outdated"]
    assert sorted(f["lang"] for f in outdated) == sorted(langs)
    assert all(f["article"] == "back-up-your-wallet" and "in {+the right+} order." in f["diff"] for f in outdated)
    assert {a["id"]: a["languages"] for a in report["articles"]}["back-up-your-wallet"] == {
        lang: "outdated" for lang in langs
    }
    build = kbgen("-C", mini, "build")
    assert build.exit_code == 0, build.output
    generated = yaml.safe_load((mini / ".kbgen/de/mkdocs.yml").read_text())
    assert generated["not_in_nav"].split() == ["/drafts/", "/search.md"]  # the project's patterns are kept
    for lang in langs:
        page = _article_page(mini, lang)
        assert 'class="admonition kb-outdated"' in page and BANNER[lang] in page, lang
        assert '<a href="../../../en/wallets/back-up-your-wallet/" hreflang="en" lang="en">' in page, lang
        assert f"[{lang}] {PARAGRAPH}" in page, lang  # the reviewed translation is still shown

    article.write_text(original)
    assert not [f for f in _report(kbgen, mini)["findings"] if f["kind"] == "translation-outdated"]
    assert kbgen("-C", mini, "build").exit_code == 0
    assert not [lang for lang in langs if "kb-outdated" in _article_page(mini, lang)]


def test_dashboard_numbers_match_the_json_report(demo: Demo, kbgen):
    report = _report(kbgen, demo.root, "--today", date.today().isoformat())
    html = (demo.site / "dashboard" / "index.html").read_text()
    for row in report["coverage"]:
        cells = re.search(rf'<tr data-lang="{re.escape(row["lang"])}">(.*?)</tr>', html, re.S).group(1)
        for group in ("segments", "articles", "top_articles"):
            for status, count in row[group].items():
                shown = re.search(rf'data-group="{group}" data-status="{status}">(\d+)<', cells).group(1)
                assert int(shown) == count, (row["lang"], group, status)
    for article in report["articles"]:
        cells = re.search(rf'<tr data-article="{article["id"]}">(.*?)</tr>', html, re.S).group(1)
        assert dict(re.findall(r'data-lang="([^"]+)" data-status="([^"]+)"', cells)) == article["languages"]
    summary = report["summary"]
    assert f'data-summary="error">{summary["error"]} error(s)' in html
