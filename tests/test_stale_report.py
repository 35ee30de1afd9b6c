"""The stale report, computed directly: reviews falling due, translations behind, expired content.

Runs on the small project (tests/data/mini: two articles in German,
Spanish and Arabic) with each language's entry states given in memory, so
every count below can be checked by hand. The JSON shape is the documented one
(docs/stale-report.schema.json).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
from conftest import MINI, REPO

from kbgen.checks.report import StaleReport
from kbgen.checks.stale import stale_report
from kbgen.config import Policy, Project, load_project
from kbgen.content.model import Content
from kbgen.i18n.entries import Entry
from kbgen.i18n.segments import segment_content
from kbgen.pipeline import valid_content as load_valid_content
from kbgen.vocabulary import EntryStatus


def EntryState(status: str, previous: str | None = None) -> Entry:
    """An entry as the stale report reads it: its status and, when outdated, the earlier source."""
    return Entry(EntryStatus(status), "", "", previous)


SCHEMA = json.loads((REPO / "docs" / "stale-report.schema.json").read_text())
TODAY = date(2026, 11, 22)
BACKUP = "back-up-your-wallet"  # owner: Backup team; 4 segments
WALLET = "what-is-a-wallet"  # top priority; owner: the category's, Wallet team; 13 segments
BACKUP_FILE = "content/articles/wallets/back-up-your-wallet.yaml"


@pytest.fixture(scope="module")
def mini_project() -> tuple[Project, Content]:
    """The small project with a policy that makes date-driven findings errors everywhere
    (the default `changed` level makes them errors only where a change touches)."""
    project = load_project(MINI)
    strict = Policy(review_late="error", expired_notices="error", expired_articles="error")
    project = dataclasses.replace(project, settings=project.settings.model_copy(update={"policy": strict}))
    content, _ = load_valid_content(project)
    return project, content


def states(
    content: Content, changed: dict[str, EntryState] | None = None, status: str = "reviewed"
) -> dict[str, EntryState]:
    """One language's entry states: `status` everywhere, except for the segments whose
    English starts with a key of `changed`."""
    found = {}
    for segment in segment_content(content):
        prefix = next((p for p in changed or {} if segment.source.startswith(p)), None)
        found[segment.context] = changed[prefix] if prefix else EntryState(status)
    return found


def report(
    project: Project, content: Content, now: datetime | None = None, **languages: dict[str, EntryState]
) -> StaleReport:
    """The report on TODAY with the given entry states per language (reviewed everywhere by default)."""
    known = {lang.code: languages.get(lang.code.replace("-", "_")) or states(content) for lang in project.targets}
    return stale_report(project, content, today=TODAY, now=now, entries=known)


def as_json(result: StaleReport) -> dict:
    data = result.to_json()
    jsonschema.validate(data, SCHEMA)
    return data


def reviewed_on(content: Content, article_id: str, days_ago: int, interval: int) -> Content:
    article = content.articles[article_id].model_copy(
        update={"last_reviewed": TODAY - timedelta(days=days_ago), "review_interval_days": interval}
    )
    return dataclasses.replace(content, articles={**content.articles, article_id: article})


def with_policy(project: Project, **policy) -> Project:
    return dataclasses.replace(project, settings=project.settings.model_copy(update={"policy": Policy(**policy)}))


def findings(result: StaleReport, kind_prefix: str = "") -> list:
    return [f for f in result.findings if f.kind.startswith(kind_prefix)]


def findings_of(data: dict, kind_prefix: str) -> list[dict]:
    return [f for f in data["findings"] if f["kind"].startswith(kind_prefix)]


# --- reviews ---------------------------------------------------------------------------


def test_a_current_and_fully_translated_project_reports_nothing(mini_project):
    project, content = mini_project
    data = as_json(report(project, content))
    assert data["findings"] == []
    assert data["summary"] == {"error": 0, "warning": 0, "info": 0}
    assert {a["id"]: a["languages"] for a in data["articles"]} == {
        WALLET: {"de": "reviewed", "es": "reviewed", "ar": "reviewed"},
        BACKUP: {"de": "reviewed", "es": "reviewed", "ar": "reviewed"},
    }


def test_a_review_overdue_is_an_error_naming_file_line_and_owner(mini_project):
    project, content = mini_project
    [finding] = findings(report(project, reviewed_on(content, BACKUP, days_ago=100, interval=90)), "review")
    assert (finding.kind, finding.severity, finding.owner, finding.article) == (
        "review-late",
        "error",
        "Backup team",
        BACKUP,
    )
    assert finding.message == "review overdue by 10 days; last reviewed 2026-08-14 (owner: Backup team)"
    assert (finding.file, finding.line) == (BACKUP_FILE, 6)


def test_within_the_grace_period_an_overdue_review_is_a_warning(mini_project):
    project, content = mini_project
    project = with_policy(project, review_grace_days=30, review_late="error")
    [within] = findings(report(project, reviewed_on(content, BACKUP, days_ago=100, interval=90)), "review")
    [beyond] = findings(report(project, reviewed_on(content, BACKUP, days_ago=130, interval=90)), "review")
    assert (within.kind, within.severity) == ("review-overdue", "warning")
    assert within.message == "review overdue by 10 days; last reviewed 2026-08-14 (owner: Backup team)"
    assert (beyond.kind, beyond.severity) == ("review-late", "error")
    assert beyond.message == (
        "review overdue by 40 days, past the 30-day grace period; last reviewed 2026-07-15 (owner: Backup team)"
    )


def test_a_review_due_within_two_weeks_is_a_notice(mini_project):
    project, content = mini_project
    [soon] = findings(report(project, reviewed_on(content, BACKUP, days_ago=85, interval=90)), "review")
    assert (soon.kind, soon.severity) == ("review-due", "info")
    assert soon.message == "review due on 2026-11-27 (in 5 days) (owner: Backup team)"
    assert findings(report(project, reviewed_on(content, BACKUP, days_ago=75, interval=90)), "review") == []


def test_an_article_without_an_owner_takes_its_categorys(mini_project):
    project, content = mini_project
    [finding] = findings(report(project, reviewed_on(content, WALLET, days_ago=100, interval=90)), "review")
    assert finding.message.endswith("(owner: Wallet team)")


# --- translations ----------------------------------------------------------------------


PARAGRAPH = "Write down the 12 words in order. Send `0.5 BTC` to `bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh` only after a test."


def test_an_outdated_paragraph_is_a_warning_with_the_word_diff(mini_project):
    project, content = mini_project
    translated_from = PARAGRAPH.replace("in order", "in any order")
    outdated = states(content, {PARAGRAPH: EntryState("outdated", translated_from)})
    result = report(project, content, de=outdated)

    [finding] = findings(result, "translation")
    assert (finding.kind, finding.severity, finding.lang, finding.article) == (
        "translation-outdated",
        "warning",
        "de",
        BACKUP,
    )
    assert finding.message == "de translation is outdated: the English source changed in 1 place(s)"
    assert finding.diff == PARAGRAPH.replace("in order", "in [-any-] order")
    assert (finding.file, finding.line) == (BACKUP_FILE, 10)  # the paragraph itself
    assert {a.id: a.languages for a in result.articles}[BACKUP] == {
        "de": "outdated",
        "es": "reviewed",
        "ar": "reviewed",
    }


def test_missing_translations_are_counted_but_not_findings_by_default(mini_project):
    project, content = mini_project
    data = as_json(report(project, content, es=states(content, status="missing")))
    assert findings_of(data, "translation") == []
    [spanish] = [row for row in data["coverage"] if row["lang"] == "es"]
    assert spanish == {
        "lang": "es",
        "name": "Español",
        "segments": {"reviewed": 0, "machine": 0, "outdated": 0, "suggested": 0, "missing": 33},
        "articles": {"reviewed": 0, "machine": 0, "outdated": 0, "suggested": 0, "missing": 2},
        "top_articles": {"reviewed": 0, "machine": 0, "outdated": 0, "suggested": 0, "missing": 1},
        "ui": spanish["ui"],  # the UI strings have their own test (test_ui_coverage.py)
        "popular": {"reviewed": 0, "machine": 0, "outdated": 0, "suggested": 0, "missing": 0},  # none listed
    }


def test_the_policy_can_make_missing_translations_and_drafts_warnings(mini_project):
    project, content = mini_project
    project = with_policy(project, missing_translations="warning", machine_drafts="warning")
    german = states(content, {"Visit https://harbor": EntryState("missing")})
    spanish = states(content, {"Back up your wallet": EntryState("machine")})
    result = report(project, content, de=german, es=spanish)
    assert [(f.kind, f.lang, f.message) for f in findings(result, "translation")] == [
        ("translation-machine", "es", "es: machine draft waiting for review"),
        ("translation-missing", "de", "de: 1 of 4 segments not translated"),
    ]


def test_a_translation_memory_suggestion_counts_as_not_translated(mini_project):
    project, content = mini_project
    project = with_policy(project, missing_translations="warning")
    german = states(content, {"Visit https://harbor": EntryState("suggested")})
    result = report(project, content, de=german)
    assert [(f.kind, f.lang, f.message) for f in findings(result, "translation")] == [
        (
            "translation-missing",
            "de",
            "de: 1 of 4 segments not translated (1 suggested by translation memory, waiting for review)",
        )
    ]


def test_an_article_shows_its_least_translated_segment(mini_project):
    project, content = mini_project
    german = states(content, {"Hot wallets": EntryState("machine"), "Cold wallets": EntryState("outdated", "Cold.")})
    spanish = states(content, {"Hot wallets": EntryState("machine"), "Never share it": EntryState("missing")})
    data = as_json(report(project, content, de=german, es=spanish))
    assert {a["id"]: a["languages"] for a in data["articles"]}[WALLET] == {
        "de": "outdated",
        "es": "missing",
        "ar": "reviewed",
    }
    [german_row] = [row for row in data["coverage"] if row["lang"] == "de"]
    assert german_row["segments"] == {"reviewed": 31, "machine": 1, "outdated": 1, "suggested": 0, "missing": 0}
    assert german_row["top_articles"] == {"reviewed": 0, "machine": 0, "outdated": 1, "suggested": 0, "missing": 0}


# --- expiry ----------------------------------------------------------------------------


def test_expired_notices_and_articles_are_errors_at_the_line_that_says_when(mini: Path):
    # Edited in the files, so the lines are the writer's.
    article = mini / BACKUP_FILE
    article.write_text(article.read_text().replace("related:", "expires: 2026-11-01\nrelated:"))
    notices = mini / "content/notices.yaml"
    notices.write_text(
        notices.read_text()
        .replace("start: 2026-12-06T01:00:00Z", "start: 2026-11-20T01:00:00Z")
        .replace("end: 2099-12-06T03:00:00Z", "end: 2026-11-20T03:00:00Z")
    )
    project = with_policy(load_project(mini), review_late="error", expired_notices="error", expired_articles="error")
    content, _ = load_valid_content(project)

    result = report(project, content)

    assert [(f.kind, f.severity, f.file, f.line, f.message) for f in result.findings] == [
        (
            "notice-expired",
            "error",
            "content/notices.yaml",
            7,
            "maintenance window 'maintenance' ended at 2026-11-20T03:00:00+00:00: remove it from content",
        ),
        ("article-expired", "error", BACKUP_FILE, 8, "expired on 2026-11-01: remove or renew the article"),
    ]


def test_a_notice_ending_later_today_is_not_expired(mini_project):
    project, content = mini_project
    notice = content.notices["maintenance"].model_copy(update={"end": datetime(2026, 11, 22, 18, tzinfo=UTC)})
    result = report(
        project,
        dataclasses.replace(content, notices={"maintenance": notice}),
        now=datetime(2026, 11, 22, 12, tzinfo=UTC),
    )
    assert findings(result, "notice") == []


# --- the JSON --------------------------------------------------------------------------


def test_the_json_lists_errors_first_and_sums_each_severity(mini_project):
    project, content = mini_project
    late = reviewed_on(reviewed_on(content, BACKUP, days_ago=100, interval=90), WALLET, days_ago=80, interval=90)
    outdated = states(content, {"Hot wallets": EntryState("outdated", "Hot wallets are connected.")})
    data = as_json(report(project, late, de=outdated))
    assert [(f["kind"], f["severity"], f.get("lang")) for f in data["findings"]] == [
        ("review-late", "error", None),
        ("translation-outdated", "warning", "de"),
        ("review-due", "info", None),
    ]
    assert data["summary"] == {"error": 1, "warning": 1, "info": 1}
    assert (data["schema_version"], data["today"]) == (1, "2026-11-22")
    assert [a["id"] for a in data["articles"]] == [WALLET, BACKUP]  # top priority first
    assert {a["id"]: a["url"] for a in data["articles"]} == {
        WALLET: "wallets/what-is-a-wallet/",
        BACKUP: "wallets/back-up-your-wallet/",
    }


# --- the home page's popular questions ---------------------------------------------------

FAQ = "can-support-restore-my-wallet"  # owner: the category's, Wallet team; a question and a one-paragraph answer
FAQ_FILE = "content/faqs/wallets/can-support-restore-my-wallet.yaml"
ANSWER = "No. Only your recovery phrase can restore a wallet."


def popular(content: Content, *faq_ids: str, opens: dict[str, dict[str, int]] | None = None) -> Content:
    """The content with `popular:` listing `faq_ids` and, per language, the FAQs readers opened."""
    return dataclasses.replace(content, popular=list(faq_ids), faq_opens=opens or {})


def coverage_of(data: dict, lang: str) -> dict:
    return next(row for row in data["coverage"] if row["lang"] == lang)


def test_an_untranslated_popular_question_is_reported_where_other_missing_text_is_not(mini_project):
    project, content = mini_project
    german = states(
        content, {"Can support restore": EntryState("missing"), "Visit https://harbor": EntryState("missing")}
    )
    data = as_json(report(project, popular(content, FAQ), de=german))
    # By default missing translations are left to the coverage table; a popular question is a notice.
    assert findings_of(data, "translation") == [
        {
            "kind": "translation-missing",
            "severity": "info",
            "message": "de: popular question 1 on the home page: 1 of 2 segments not translated "
            "(the home page shows it in English)",
            "file": FAQ_FILE,
            "line": 2,
            "faq": FAQ,
            "lang": "de",
            "owner": "Wallet team",
            "priority": "top",
            "popular": 1,
        }
    ]
    assert coverage_of(data, "de")["popular"] == {
        "reviewed": 0,
        "machine": 0,
        "outdated": 0,
        "suggested": 0,
        "missing": 1,
    }
    assert coverage_of(data, "es")["popular"] == {
        "reviewed": 1,
        "machine": 0,
        "outdated": 0,
        "suggested": 0,
        "missing": 0,
    }


def test_a_popular_question_comes_before_the_articles_at_its_severity(mini_project):
    project, content = mini_project
    project = with_policy(project, missing_translations="warning", popular_questions="warning")
    german = states(content, {ANSWER: EntryState("missing"), "Visit https://harbor": EntryState("missing")})
    result = report(project, popular(content, FAQ), de=german)
    assert [(f.severity, f.faq or f.article, f.priority) for f in findings(result, "translation")] == [
        ("warning", FAQ, "top"),
        ("warning", BACKUP, "normal"),
    ]


def test_an_outdated_popular_question_is_a_warning_with_the_word_diff_or_what_the_policy_says(mini_project):
    project, content = mini_project
    arabic = states(content, {ANSWER: EntryState("outdated", ANSWER.replace("recovery", "seed"))})
    [finding] = findings(report(project, popular(content, FAQ), ar=arabic), "translation")
    assert (finding.kind, finding.severity, finding.lang, finding.faq, finding.popular) == (
        "translation-outdated",
        "warning",
        "ar",
        FAQ,
        1,
    )
    assert finding.message == (
        "ar translation of popular question 1 on the home page is outdated: the English source changed in 1 place(s)"
    )
    assert finding.diff == "No. Only your [-seed-] {+recovery+} phrase can restore a wallet."
    assert (finding.file, finding.line) == (FAQ_FILE, 6)  # the answer's paragraph
    strict = with_policy(project, popular_questions="error")
    assert [f.severity for f in findings(report(strict, popular(content, FAQ), ar=arabic), "translation")] == ["error"]
    # The level is a floor: a policy stricter for every outdated text stays stricter for popular questions.
    stricter = with_policy(project, outdated_translations="error", popular_questions="info")
    assert [f.severity for f in findings(report(stricter, popular(content, FAQ), ar=arabic), "translation")] == [
        "error"
    ]


def test_each_language_ranks_its_popular_questions_as_its_home_page_does(mini: Path):
    (mini / "content" / "faqs" / "wallets" / "fees.yaml").write_text(
        "id: fees\nquestion: What are the fees?\ncategory: wallets\nanswer: It depends.\n"
    )
    project = load_project(mini)
    content = popular(load_valid_content(project)[0], FAQ, "fees", opens={"de": {"fees": 3}, "es": {FAQ: 1}})
    untranslated = states(content, status="missing")
    result = stale_report(
        project, content, today=TODAY, entries={"de": untranslated, "es": untranslated, "ar": states(content)}
    )
    assert {(f.lang, f.popular): f.faq for f in findings(result) if f.faq} == {
        ("de", 1): "fees",  # German readers open it most: first on the German home page
        ("de", 2): FAQ,
        ("es", 1): FAQ,  # Spanish readers, the other
        ("es", 2): "fees",
    }


def test_the_dashboard_lists_each_languages_popular_questions_to_translate_first(mini_project):
    from lxml import html as lxml_html

    from kbgen.checks.dashboard import render

    project, content = mini_project
    german = states(content, {ANSWER: EntryState("outdated", ANSWER.replace("recovery", "seed"))})
    result = report(project, popular(content, FAQ), de=german)
    page = lxml_html.fromstring(
        render(project, result, questions={FAQ: ("Can support restore my wallet?", "wallets/faq/#" + FAQ)})
    )
    [row] = page.xpath('//table[@id="popular"]/tbody/tr')
    assert (row.get("data-lang"), row.get("data-kind")) == ("de", "translation-outdated")
    assert [cell.text_content() for cell in row.xpath("td")[:4]] == [
        "de",
        "1",
        "Can support restore my wallet?",
        "outdated",
    ]
    assert row.xpath("td/a")[0].get("href") == f"../de/wallets/faq/#{FAQ}"
    assert page.xpath('//ul[@id="findings"]') == []  # listed once: not again under "Other findings"
    counts = {
        cell.get("data-status"): cell.text for cell in page.xpath('//tr[@data-lang="de"]/td[@data-group="popular"]')
    }
    assert counts == {"reviewed": "0", "machine": "0", "outdated": "1", "suggested": "0", "missing": "0"}
