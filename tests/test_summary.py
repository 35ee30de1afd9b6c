"""Job summaries: every problem listed, the writer's text never turning into markup."""

from __future__ import annotations

from pathlib import Path

from kbgen.checks.summary import check_annotations, check_summary
from kbgen.errors import Problem


def test_summary_escapes_what_a_message_quotes():
    problem = Problem("content/a.yaml", 3, "title '<img src=x onerror=alert(1)> | fees' is too long", key="title")
    summary = check_summary([problem])
    assert (
        "| `content/a.yaml:3` | `title`: title '&lt;img src=x onerror=alert(1)&gt; \\| fees' is too long |"
        in summary.splitlines()
    )


def test_warnings_are_folded_below_the_errors():
    summary = check_summary([Problem("a.yaml", 1, "broken"), Problem("b.yaml", 2, "late", severity="warning")], "main")
    assert summary.splitlines()[:3] == [
        "## kbgen check: 1 error(s), 1 warning(s)",
        "",
        "These must be fixed before publishing. (date-driven findings are errors only where the change "
        "since `main` touches)",
    ]
    assert summary.index("| `a.yaml:1` | broken |") < summary.index("<details><summary>1 warning(s)</summary>")
    assert summary.index("<details>") < summary.index("| `b.yaml:2` | late |")


def test_annotations_stop_at_ten_per_severity():
    problems = [Problem("a.yaml", n, f"error {n}") for n in range(1, 13)]
    problems += [Problem("b.yaml", n, f"warning {n}", severity="warning") for n in range(1, 4)]
    lines = check_annotations(problems)
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 3
    assert lines[-1] == (
        "::notice title=kbgen check::2 more error(s) and 0 more warning(s) are listed in the job summary"
    )


def test_stale_summary_groups_by_owner(mini: Path, kbgen):
    category = mini / "content/categories.yaml"
    category.write_text(category.read_text().replace("owner: Wallet team", 'owner: "@harbor/wallets"'))
    article = mini / "content/articles/wallets/back-up-your-wallet.yaml"
    article.write_text(article.read_text().replace("owner: Backup team", 'owner: "@dana"'))
    result = kbgen("-C", mini, "stale", "--format", "summary", "--today", "2040-01-01")
    lines = result.output.splitlines()
    assert lines[2] == "0 error(s), 3 warning(s), 0 notice(s), 2 owner(s)."
    assert lines.index("### @dana (1)") < lines.index("### @harbor/wallets (2)")
    assert any(
        line.startswith("| warning | review-late: review overdue by 1190 days") and "what-is-a-wallet" in line
        for line in lines[lines.index("### @harbor/wallets (2)") :]
    )


def test_check_appends_its_summary_to_a_file(mini: Path, kbgen, tmp_path: Path):
    summary = tmp_path / "summary.md"
    summary.write_text("## Earlier step\n")
    assert kbgen("-C", mini, "check", "--summary", summary).exit_code == 0
    assert summary.read_text().startswith("## Earlier step\n## kbgen check: 0 error(s), 0 warning(s)\n")
    result = kbgen("-C", mini, "check", "--summary", tmp_path / "missing" / "summary.md")
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: --summary: cannot write {tmp_path / 'missing' / 'summary.md'}: No such file or directory"
    )
