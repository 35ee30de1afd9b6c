"""Ownership: FAQs are reviewed like articles, owners are GitHub handles or teams, CODEOWNERS follows them."""

from __future__ import annotations

import json
from pathlib import Path

FAQ = "content/faqs/wallets/can-support-restore-my-wallet.yaml"


def _edit(mini: Path, relative: str, old: str, new: str) -> None:
    path = mini / relative
    path.write_text(path.read_text().replace(old, new, 1))


def test_a_faq_takes_its_review_date_interval_and_owner_from_the_category(mini: Path, kbgen):
    _edit(mini, "content/categories.yaml", "review_interval_days: 3650", "review_interval_days: 30")
    result = kbgen("-C", mini, "stale", "--format", "json", "--today", "2026-11-15")
    [finding] = [f for f in json.loads(result.output)["findings"] if f.get("faq")]
    assert finding == {
        "kind": "review-late",
        "severity": "warning",
        "faq": "can-support-restore-my-wallet",
        "owner": "Wallet team",
        "file": FAQ,
        "line": 1,
        "message": "review overdue by 15 days; last reviewed 2026-10-01 (owner: Wallet team)",
    }


def test_a_faq_can_have_its_own_review_date_and_owner(mini: Path, kbgen):
    _edit(
        mini,
        FAQ,
        "category: wallets",
        'category: wallets\nowner: "@harbor/support"\nlast_reviewed: 2026-11-01\nreview_interval_days: 7',
    )
    result = kbgen("-C", mini, "stale", "--format", "json", "--today", "2026-11-15")
    [finding] = [f for f in json.loads(result.output)["findings"] if f.get("faq")]
    assert (finding["owner"], finding["line"]) == ("@harbor/support", 5)
    assert finding["message"] == "review overdue by 7 days; last reviewed 2026-11-01 (owner: @harbor/support)"


def test_a_faq_without_any_review_date_is_a_warning(mini: Path, kbgen):
    _edit(mini, "content/categories.yaml", "    faqs_last_reviewed: 2026-10-01\n", "")
    result = kbgen("-C", mini, "check")
    assert result.exit_code == 0
    assert (
        f"{FAQ}:1: warning: 'id': no review date: set 'last_reviewed' here or 'faqs_last_reviewed' on "
        "category 'wallets'"
    ) in result.output


def test_an_owner_that_looks_like_a_handle_must_be_one(mini: Path, kbgen):
    _edit(mini, "content/categories.yaml", "owner: Wallet team", 'owner: "@harbor/wallet team"')
    result = kbgen("-C", mini, "check")
    assert result.exit_code == 1
    assert (
        "content/categories.yaml:7: 'categories[0].owner': '@harbor/wallet team' is not a GitHub handle (@user) "
        "or team (@org/team)"
    ) in result.output


def test_codeowners_follows_categories_then_records_with_their_own_owner(mini: Path, kbgen):
    _edit(mini, "content/categories.yaml", "owner: Wallet team", 'owner: "@harbor/wallets"')
    _edit(mini, "content/articles/wallets/back-up-your-wallet.yaml", "owner: Backup team", 'owner: "@dana"')
    _edit(mini, FAQ, "category: wallets", "category: wallets\nowner: Support leads")

    result = kbgen("-C", mini, "codeowners")

    assert result.exit_code == 0
    assert (
        "warning: content/faqs/wallets/can-support-restore-my-wallet.yaml: owner 'Support leads' is not a GitHub "
        "handle (@user) or team (@org/team); not in CODEOWNERS"
    ) in result.output
    assert ".github/CODEOWNERS: 3 owner line(s), written" in result.output
    lines = (mini / ".github/CODEOWNERS").read_text().splitlines()
    assert [line for line in lines if not line.startswith("#")] == [
        "/content/articles/wallets/ @harbor/wallets",
        "/content/faqs/wallets/ @harbor/wallets",
        "/content/articles/wallets/back-up-your-wallet.yaml @dana",
    ]
    assert "unchanged" in kbgen("-C", mini, "codeowners").output


def test_the_dashboard_lists_faq_reviews(mini: Path):
    from datetime import date

    from kbgen.checks.dashboard import render
    from kbgen.checks.stale import stale_report
    from kbgen.config import load_project
    from kbgen.pipeline import valid_content as load_valid_content

    _edit(mini, "content/categories.yaml", "review_interval_days: 3650", "review_interval_days: 30")
    project = load_project(mini)
    content, _ = load_valid_content(project)
    page = render(project, stale_report(project, content, date(2026, 11, 15)))
    assert "faq:can-support-restore-my-wallet (Wallet team) review overdue by 15 days" in page
