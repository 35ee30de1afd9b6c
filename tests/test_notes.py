"""Context for translators: every catalog entry says what it is and where it appears."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbgen.i18n import catalogs


def _catalog(root: Path, lang: str, domain: str = "content"):
    return catalogs.read(root / "locales" / lang / "LC_MESSAGES" / f"{domain}.po", lang, lang, domain)


@pytest.fixture
def updated(mini: Path, kbgen) -> Path:
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    return mini


def _notes(root: Path) -> dict[str, list[str]]:
    return {m.context: m.auto_comments for m in _catalog(root, "de") if m.id}


def test_every_entry_has_a_note_and_a_file_reference_without_line(updated: Path):
    for message in _catalog(updated, "de"):
        if message.id:
            assert len(message.auto_comments) == 1, message.context
            assert len(message.locations) == 1 and message.locations[0][0].startswith("content/"), message.context
            assert message.locations[0][1] is None


@pytest.mark.parametrize(
    "context_start, note",
    [
        ("article:what-is-a-wallet:title", "Title of article 'What is a wallet?'"),
        ("article:what-is-a-wallet:body:", "Heading in article 'What is a wallet?'"),
        (
            "article:what-is-a-wallet:body:",
            "Table header, column 2 of 'Types of wallets' in article 'What is a wallet?'",
        ),
        ("article:what-is-a-wallet:body:", "Table cell, column 1 of 'Types of wallets' in article 'What is a wallet?'"),
        ("faq:can-support-restore-my-wallet:question", "Question of FAQ 'Can support restore my wallet?'"),
        ("faq:can-support-restore-my-wallet:answer:", "Answer to FAQ 'Can support restore my wallet?'"),
        ("term:private-key:definition:", "Glossary definition of 'Private key'"),
        (
            "notice:maintenance:text",
            "Notice (maintenance) shown as a banner from 6 Dec 2026 01:00 UTC until 6 Dec 2099 03:00 UTC",
        ),
        ("contact:channel:live-chat:hours", "Opening hours of contact channel 'Live chat'"),
    ],
)
def test_notes_say_what_and_where(updated: Path, context_start: str, note: str):
    notes = _notes(updated)
    assert any(context.startswith(context_start) and comments == [note] for context, comments in notes.items())


def test_blocks_name_the_heading_above_them(updated: Path):
    notes = {c[0] for c in _notes(updated).values()}
    assert "List item under 'Types of wallets' in article 'What is a wallet?'" in notes
    assert "Title of a highlighted box under 'Types of wallets' in article 'What is a wallet?'" in notes


def test_theme_entries_say_where_they_appear_and_carry_length_limits(updated: Path):
    from kbgen.i18n.theme import length_limit

    theme = {m.id: m for m in _catalog(updated, "de", "theme") if m.id}
    assert all(m.auto_comments for m in theme.values()), [i for i, m in theme.items() if not m.auto_comments]
    assert theme["Yes"].auto_comments == ["Button label: the page was helpful (at most 12 characters)"]
    assert length_limit(theme["Yes"]) == 12
    assert theme["Contact support"].auto_comments == [
        "Button label that opens the contact page (at most 24 characters)",
        "Page title (navigation and browser tab) and main heading of the contact page",
    ]
    assert length_limit(theme["Contact support"]) == 24
    assert length_limit(theme["Related articles"]) is None


def test_a_new_notice_end_changes_only_that_notice_s_note(updated: Path, kbgen):
    before = _notes(updated)
    path = updated / "content" / "notices.yaml"
    path.write_text(path.read_text().replace("2099-12-06T03:00:00Z", "2099-12-06T04:00:00Z"))
    assert kbgen("-C", updated, "i18n", "update").exit_code == 0
    after = _notes(updated)
    changed = {c for c in before if before[c] != after.get(c)}
    assert changed == {"notice:maintenance:text"}
    assert after["notice:maintenance:text"][0].endswith("until 6 Dec 2099 04:00 UTC")
