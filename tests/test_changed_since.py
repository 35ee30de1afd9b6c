"""The calendar never breaks an unchanged tree; a change that touches an overdue record must fix it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kbgen.checks.changes import Changes, _parse_diff

FAR_FUTURE = "2040-01-01"  # every review overdue (mini reviews every 10 years)


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(mini: Path) -> Path:
    """The mini project as a git repository with one commit on `main`."""
    _git(mini, "init", "-q", "-b", "main")
    _git(mini, "add", "-A")
    _git(mini, "commit", "-q", "-m", "Help center")
    return mini


def test_far_future_on_an_unchanged_tree_only_warns(repo: Path, kbgen):
    result = kbgen("-C", repo, "check", "--today", FAR_FUTURE, "--changed-since", "main")
    assert result.exit_code == 0, result.output
    assert "warning: 'review-late': review overdue by" in result.output
    assert (
        "content/notices.yaml:7: warning: 'notice-expired': maintenance window 'maintenance' ended at "
        "2099-12-06T03:00:00+00:00" not in result.output
    )  # still running in 2040
    assert "0 error(s)" in result.output


def test_a_touched_overdue_article_fails_and_an_untouched_one_warns(repo: Path, kbgen):
    _git(repo, "checkout", "-q", "-b", "fix-typo")
    article = repo / "content/articles/wallets/what-is-a-wallet.yaml"
    article.write_text(article.read_text().replace("Hot wallets are online.", "Hot wallets are always online."))

    result = kbgen("-C", repo, "check", "--today", FAR_FUTURE, "--changed-since", "main")

    assert result.exit_code == 1
    assert (
        "content/articles/wallets/what-is-a-wallet.yaml:6: 'review-late': review overdue by 1190 days; "
        "last reviewed 2026-10-01 (owner: Wallet team)"
    ) in result.output
    assert "content/articles/wallets/back-up-your-wallet.yaml:6: warning: 'review-late'" in result.output


def test_committed_changes_count_as_well_as_uncommitted_ones(repo: Path, kbgen):
    _git(repo, "checkout", "-q", "-b", "fix-typo")
    article = repo / "content/articles/wallets/back-up-your-wallet.yaml"
    article.write_text(article.read_text().replace("title:", "title: ", 1))
    _git(repo, "commit", "-q", "-am", "Edit")
    result = kbgen("-C", repo, "check", "--today", FAR_FUTURE, "--changed-since", "main")
    assert result.exit_code == 1
    assert "content/articles/wallets/back-up-your-wallet.yaml:6: 'review-late'" in result.output


def test_a_new_notice_next_to_an_ended_one_passes(repo: Path, kbgen):
    """An urgent notice added to notices.yaml is not blocked by an old notice in the same file."""
    notices = repo / "content/notices.yaml"
    notices.write_text(notices.read_text().replace("2099-12-06T03:00:00Z", "2026-12-07T03:00:00Z"))
    _git(repo, "commit", "-q", "-am", "Maintenance ends")
    notices.write_text(
        notices.read_text()
        + (
            "  - id: scam-warning\n    kind: incident\n    severity: critical\n"
            "    text: Fake support accounts are asking for recovery phrases.\n"
            "    start: 2026-12-08T00:00:00Z\n    end: 2026-12-20T00:00:00Z\n"
        )
    )

    result = kbgen("-C", repo, "check", "--today", "2026-12-10", "--changed-since", "main")

    assert result.exit_code == 0, result.output
    assert (
        "content/notices.yaml:7: warning: 'notice-expired': maintenance window 'maintenance' ended at "
        "2026-12-07T03:00:00+00:00: remove it from content"
    ) in result.output


def test_editing_an_ended_notice_asks_to_remove_it(repo: Path, kbgen):
    notices = repo / "content/notices.yaml"
    notices.write_text(notices.read_text().replace("2099-12-06T03:00:00Z", "2026-12-07T03:00:00Z"))
    result = kbgen("-C", repo, "check", "--today", "2026-12-10", "--changed-since", "main")
    assert result.exit_code == 1
    assert (
        "content/notices.yaml:7: 'notice-expired': maintenance window 'maintenance' ended at "
        "2026-12-07T03:00:00+00:00: remove it from content"
    ) in result.output


def test_unknown_revision_is_one_readable_error(repo: Path, kbgen):
    result = kbgen("-C", repo, "check", "--changed-since", "origin/nope")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: --changed-since: unknown git revision 'origin/nope' "
        "(in CI, fetch it first: actions/checkout with fetch-depth: 0)"
    )


def test_outside_a_git_repository_is_one_readable_error(mini: Path, kbgen, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = kbgen("-C", mini, "check", "--changed-since", "main")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: --changed-since needs a git repository: {mini} is not in one"


def test_diff_hunks_become_line_ranges():
    changes = Changes("main")
    _parse_diff(
        "diff --git a/x.yaml b/x.yaml\n--- a/x.yaml\n+++ b/x.yaml\n@@ -3 +3,2 @@\n-a\n+b\n+c\n"
        "@@ -10,2 +11,0 @@\n-d\n-e\n"
        "diff --git a/gone.yaml b/gone.yaml\n--- a/gone.yaml\n+++ /dev/null\n@@ -1 +0,0 @@\n-f\n",
        changes,
    )
    assert changes.lines == {"x.yaml": [(3, 4), (11, 12)]}
    assert changes.touches("x.yaml", 4, 9) and not changes.touches("x.yaml", 5, 10)
    assert not changes.touches("gone.yaml")


def test_the_demo_never_fails_by_date_alone(demo_site: Path, kbgen):
    result = kbgen("-C", demo_site, "check", "--today", "2030-01-01")
    assert result.exit_code == 0, result.output
    assert "'review-late'" in result.output and "'notice-expired'" in result.output
