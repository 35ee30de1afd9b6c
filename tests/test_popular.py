"""The home page's popular questions: `popular:` in categories.yaml, reordered by the FAQs readers open."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kbgen.checks.signals import faq_opens, read_signals, summarize
from kbgen.config import load_project
from kbgen.content.popular import popular_faqs
from kbgen.languages import language
from kbgen.pipeline import valid_content
from kbgen.site.localize import source_view
from kbgen.site.pages import PageRenderer

FAQS = ("lost-phone", "fees", "limits")
OPENS = [
    {"type": "faq", "lang": "de", "faq": "limits"},
    {"type": "faq", "lang": "de", "faq": "limits"},
    {"type": "faq", "lang": "de", "faq": "fees"},
    {"type": "faq", "lang": "ja", "faq": "lost-phone"},
    {"type": "faq", "lang": "ja", "faq": "lost-phone"},
    {"type": "faq", "lang": "ja", "faq": "lost-phone"},
    {"type": "search", "lang": "de", "query": "Gebühren", "results": 2},
]


def _project(mini: Path, popular: list[str]) -> Path:
    for faq_id in FAQS:
        (mini / "content" / "faqs" / "wallets" / f"{faq_id}.yaml").write_text(
            f"id: {faq_id}\nquestion: What about {faq_id.replace('-', ' ')}?\ncategory: wallets\nanswer: It depends.\n"
        )
    with (mini / "content" / "categories.yaml").open("a") as categories:
        categories.write("popular:\n" + "".join(f"  - {faq_id}\n" for faq_id in popular))
    return mini


def _questions(page_text: str) -> list[str]:
    """The anchors the home page's popular questions link to, in order."""
    section = page_text.split("## Popular questions", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"\(wallets/faq\.md#([a-z-]+)\)", section)


def test_without_signals_the_configured_order_is_the_home_page_order(mini: Path):
    content, _ = valid_content(load_project(_project(mini, ["fees", "can-support-restore-my-wallet", "lost-phone"])))
    page = PageRenderer(source_view(content), language("en"), "Mini").home()
    assert _questions(page.text) == ["fees", "can-support-restore-my-wallet", "lost-phone"]


def test_no_popular_list_and_no_signals_shows_no_section(mini: Path):
    content, _ = valid_content(load_project(mini))
    assert "Popular questions" not in PageRenderer(source_view(content), language("en"), "Mini").home().text


def test_signals_put_what_readers_of_the_language_open_first(mini: Path, tmp_path: Path):
    content, _ = valid_content(load_project(_project(mini, ["fees", "can-support-restore-my-wallet"])))
    export = tmp_path / "signals.jsonl"
    export.write_text("".join(json.dumps(s) + "\n" for s in OPENS), encoding="utf-8")
    content.faq_opens = faq_opens(summarize(read_signals(export)))
    assert content.faq_opens == {"de": {"limits": 2, "fees": 1}, "ja": {"lost-phone": 3}}
    ids = lambda lang: [f.id for f in popular_faqs(content, lang)]  # noqa: E731
    # the language's own readers first, then every language's, then the configured order
    assert ids("de") == ["limits", "fees", "lost-phone", "can-support-restore-my-wallet"]
    assert ids("ja") == ["lost-phone", "limits", "fees", "can-support-restore-my-wallet"]
    assert ids("en") == ["lost-phone", "limits", "fees", "can-support-restore-my-wallet"]
    assert len(popular_faqs(content, "de", count=2)) == 2


def test_a_signal_for_a_removed_faq_is_left_out(mini: Path):
    content, _ = valid_content(load_project(_project(mini, ["fees"])))
    content.faq_opens = {"de": {"gone": 9}}
    assert [f.id for f in popular_faqs(content, "de")] == ["fees"]


def test_imported_signals_reorder_the_built_home_page(mini: Path, kbgen, tmp_path: Path):
    _project(mini, ["fees", "lost-phone"])
    export = tmp_path / "signals.jsonl"
    export.write_text("".join(json.dumps(s) + "\n" for s in OPENS[3:6]), encoding="utf-8")  # ja readers
    assert kbgen("-C", mini, "build").exit_code == 0
    home = mini / ".kbgen" / "en" / "docs" / "index.md"
    assert _questions(home.read_text()) == ["fees", "lost-phone"]
    result = kbgen("-C", mini, "signals", "import", str(export))
    assert result.exit_code == 0, result.output
    assert kbgen("-C", mini, "build").exit_code == 0  # the import alone makes the languages render again
    assert _questions(home.read_text()) == ["lost-phone", "fees"]
    assert json.loads((mini / ".kbgen" / "signals.json").read_text())["ja"]["top_faqs"] == [
        {"faq": "lost-phone", "count": 3}
    ]
