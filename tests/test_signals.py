"""Reader signals: imported from an export, summarized per language, shown on the dashboard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbgen.checks.signals import read_signals, summarize

JSONL = (
    "\n".join(
        json.dumps(s, ensure_ascii=False)
        for s in [
            {"type": "search", "lang": "de", "query": "Passwort  vergessen", "results": 0},
            {"type": "search", "lang": "de", "query": "passwort vergessen", "results": 0},
            {"type": "search", "lang": "de", "query": "Auszahlung", "results": 6},
            {"type": "search", "lang": "de", "query": "Kontoauszug", "results": 0},
            {"type": "feedback", "lang": "de", "page": "account-access/reset-password/", "helpful": False},
            {"type": "feedback", "lang": "de", "page": "account-access/reset-password/", "helpful": True},
            {"type": "feedback", "lang": "de", "page": "wallets/what-is-a-wallet/", "helpful": True},
            {"type": "search", "lang": "ja", "query": "出金", "results": 3},
        ]
    )
    + "\n"
)

CSV = """type,lang,query,results,page,helpful
search,fr,mdp oublié,0,,
feedback,fr,,,account-access/reset-password/,no
"""


def test_an_export_is_summarized_per_language(tmp_path: Path):
    export = tmp_path / "signals.jsonl"
    export.write_text(JSONL, encoding="utf-8")
    summary = summarize(read_signals(export))
    assert summary["de"] == {
        "searches": 4,
        "zero_results": 3,
        "top_zero_result_queries": [{"query": "passwort vergessen", "count": 2}, {"query": "kontoauszug", "count": 1}],
        "least_helpful_pages": [
            {"page": "account-access/reset-password/", "answers": 2, "helpful": 0.5},
            {"page": "wallets/what-is-a-wallet/", "answers": 1, "helpful": 1.0},
        ],
        "top_faqs": [],
    }
    assert summary["ja"]["zero_results"] == 0 and summary["ja"]["top_zero_result_queries"] == []


def test_csv_exports_read_the_same(tmp_path: Path):
    export = tmp_path / "signals.csv"
    export.write_text(CSV, encoding="utf-8")
    summary = summarize(read_signals(export))
    assert summary["fr"]["top_zero_result_queries"] == [{"query": "mdp oublié", "count": 1}]
    assert summary["fr"]["least_helpful_pages"] == [
        {"page": "account-access/reset-password/", "answers": 1, "helpful": 0.0}
    ]


def test_import_writes_the_summary_and_names_a_bad_line(mini: Path, kbgen, tmp_path: Path):
    export = tmp_path / "signals.jsonl"
    export.write_text(JSONL, encoding="utf-8")
    result = kbgen("-C", mini, "signals", "import", str(export))
    assert result.exit_code == 0, result.output
    assert "de: 4 searches, 3 without results; top: passwort vergessen (2), kontoauszug (1)" in result.output
    assert json.loads((mini / ".kbgen" / "signals.json").read_text(encoding="utf-8"))["de"]["searches"] == 4

    export.write_text(JSONL + "{not json\n", encoding="utf-8")
    result = kbgen("-C", mini, "signals", "import", str(export))
    assert result.exit_code == 1
    assert f"Error: {export}:9: not JSON: Expecting property name enclosed in double quotes" in result.output

    export.write_text('{"type": "click", "lang": "de"}\n', encoding="utf-8")
    result = kbgen("-C", mini, "signals", "import", str(export))
    assert (
        f"Error: {export}:1: 'type' must be search, feedback or faq and 'lang' set; got 'click', 'de'" in result.output
    )


@pytest.mark.parametrize("built_before", [False, True], ids=["first-build", "next-build"])
def test_the_dashboard_shows_what_readers_did_not_find(built_before: bool, mini: Path, kbgen, tmp_path: Path):
    """Also when the signals are imported after a build: they change no page, the dashboard is made again."""
    if built_before:
        assert kbgen("-C", mini, "build").exit_code == 0
    export = tmp_path / "signals.jsonl"
    export.write_text(JSONL, encoding="utf-8")
    assert kbgen("-C", mini, "signals", "import", str(export)).exit_code == 0
    assert kbgen("-C", mini, "build").exit_code == 0
    dashboard = (mini / "site" / "dashboard" / "index.html").read_text(encoding="utf-8")
    assert "What readers searched for and did not find" in dashboard
    assert "passwort vergessen (2), kontoauszug (1)" in dashboard
    assert '<a href="../de/account-access/reset-password/">account-access/reset-password/</a> (50% of 2)' in dashboard
