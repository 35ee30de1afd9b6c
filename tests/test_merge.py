"""Updating a catalog: which translation goes with which English text after an edit.

`merge` is what `kbgen i18n update` and every build do: the current source
units meet last time's catalog, and no translation is lost. A unit keeps its
entry when its context is the same; a body paragraph whose text changed has a
new context (its hash), and finds its old entry among the removed ones of the
same record and field, never elsewhere.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog, Message

from kbgen.i18n.catalogs import SourceUnit, UpdateStats, merge, status_of
from kbgen.i18n.segments import body_segments
from kbgen.languages import language

GERMAN = language("de")
BODY = """Write down the 12 words of your recovery phrase in order.

Keep the paper somewhere only you can reach.

Never type the words into a website or a chat."""


def title(record: str, text: str) -> SourceUnit:
    return SourceUnit(f"article:{record}:title", text)


def body(record: str, text: str, field: str = "body") -> list[SourceUnit]:
    """The units of a Markdown field, with the contexts the segmenter gives them."""
    return [SourceUnit(s.context, s.source) for s in body_segments(("article", record), field, text)]


def update(
    old: Catalog | None, units: list[SourceUnit], minor: frozenset[str] = frozenset()
) -> tuple[Catalog, UpdateStats]:
    return merge(old, units, GERMAN, "test", minor)


def reviewed(units: list[SourceUnit]) -> Catalog:
    """A catalog where a translator reviewed a German translation of every unit."""
    catalog, _ = update(None, units)
    for message in catalog:
        if message.id:
            message.string = f"DE {message.id}"
    return catalog


def entry(catalog: Catalog, source: str) -> Message:
    [message] = [m for m in catalog if m.id == source]
    return message


def statuses(catalog: Catalog) -> dict[str, str]:
    return {m.id: status_of(m) for m in catalog if m.id}


UNITS = [title("back-up", "Back up your wallet"), *body("back-up", BODY)]
FIRST, SECOND, THIRD = BODY.split("\n\n")


# --- kept, outdated, reverted ---------------------------------------------------------


def test_an_unchanged_unit_keeps_its_reviewed_translation():
    catalog, stats = update(reviewed(UNITS), UNITS)
    assert entry(catalog, "Back up your wallet").string == "DE Back up your wallet"
    assert set(statuses(catalog).values()) == {"reviewed"}
    assert (stats.kept, stats.outdated, stats.new) == (4, 0, 0)


def test_a_new_unit_is_missing():
    catalog, stats = update(reviewed(UNITS), [*UNITS, title("send", "Send crypto")])
    assert statuses(catalog)["Send crypto"] == "missing"
    assert stats.new == 1


def test_a_changed_title_is_outdated_and_keeps_the_source_it_was_translated_from():
    units = [title("back-up", "Back up your wallet today"), *UNITS[1:]]
    catalog, stats = update(reviewed(UNITS), units)
    message = entry(catalog, "Back up your wallet today")
    assert (status_of(message), message.string, message.previous_id) == (
        "outdated",
        "DE Back up your wallet",
        ["Back up your wallet"],
    )
    assert stats.outdated == 1


def test_a_second_edit_keeps_the_source_the_translation_was_made_from():
    once, _ = update(reviewed(UNITS), [title("back-up", "Back up your wallet today"), *UNITS[1:]])
    twice, stats = update(once, [title("back-up", "Back up your wallet now"), *UNITS[1:]])
    assert entry(twice, "Back up your wallet now").previous_id == ["Back up your wallet"]
    assert stats.outdated == 0  # it was already outdated


def test_reverting_the_source_makes_the_translation_reviewed_again():
    edited, _ = update(reviewed(UNITS), [title("back-up", "Back up your wallet today"), *UNITS[1:]])
    reverted, _ = update(edited, UNITS)
    message = entry(reverted, "Back up your wallet")
    assert (status_of(message), message.previous_id) == ("reviewed", [])


def test_a_whitespace_only_edit_changes_nothing():
    rewrapped = BODY.replace("12 words of your", "12 words\nof your").replace("only you", "only  you")
    units = [title("back-up", "Back up  your wallet "), *body("back-up", rewrapped)]
    assert [u.context for u in units[1:]] == [u.context for u in UNITS[1:]]  # the same paragraphs
    catalog, stats = update(reviewed(UNITS), units)
    assert set(statuses(catalog).values()) == {"reviewed"}
    assert stats.outdated == 0


def test_an_edited_machine_draft_stays_a_draft_nobody_reviewed():
    old = reviewed(UNITS)
    entry(old, "Back up your wallet").flags.add("fuzzy")  # a machine draft
    catalog, _ = update(old, [title("back-up", "Back up your wallet today"), *UNITS[1:]])
    assert statuses(catalog)["Back up your wallet today"] == "machine"


def test_a_declared_minor_edit_keeps_the_translation_reviewed():
    units = [title("back-up", "Back up your wallet!"), *UNITS[1:]]
    catalog, _ = update(reviewed(UNITS), units, minor=frozenset({"article:back-up"}))
    message = entry(catalog, "Back up your wallet!")
    assert (status_of(message), message.string, message.previous_id) == ("reviewed", "DE Back up your wallet", [])


def test_a_minor_edit_of_another_record_does_not_apply():
    units = [title("back-up", "Back up your wallet!"), *UNITS[1:]]
    catalog, _ = update(reviewed(UNITS), units, minor=frozenset({"article:send"}))
    assert statuses(catalog)["Back up your wallet!"] == "outdated"


# --- edited paragraphs: matched within their record and field ----------------------------


def test_an_edited_paragraph_is_matched_to_the_paragraph_it_was():
    edited = BODY.replace("somewhere only you can reach", "somewhere safe that only you can reach")
    catalog, stats = update(reviewed(UNITS), [UNITS[0], *body("back-up", edited)])
    message = entry(catalog, "Keep the paper somewhere safe that only you can reach.")
    assert (status_of(message), message.string, message.previous_id) == ("outdated", f"DE {SECOND}", [SECOND])
    assert statuses(catalog)[FIRST] == statuses(catalog)[THIRD] == "reviewed"
    assert (stats.outdated, stats.kept) == (1, 3)
    assert not catalog.obsolete  # the old entry moved, it was not left behind


def test_a_moved_and_edited_paragraph_still_finds_its_translation():
    moved = "\n\n".join([THIRD.replace("a website", "any website"), FIRST, SECOND])
    catalog, _ = update(reviewed(UNITS), [UNITS[0], *body("back-up", moved)])
    assert entry(catalog, "Never type the words into any website or a chat.").previous_id == [THIRD]


def test_a_paragraph_is_never_matched_across_records():
    # The paragraph leaves one article and a similar one appears in another.
    rest = body("back-up", "\n\n".join([FIRST, THIRD]))
    other = body("store-safely", SECOND.replace("only you", "only you and your family"))
    catalog, stats = update(reviewed(UNITS), [UNITS[0], *rest, *other])
    assert statuses(catalog)[other[0].source] == "missing"
    assert stats.new == 1
    assert [m.id for m in catalog.obsolete.values()] == [SECOND]


def test_a_paragraph_is_never_matched_across_fields_of_one_record():
    summary = body("back-up", SECOND.replace("only you", "only you and your family"), field="summary")
    catalog, _ = update(reviewed(UNITS), [UNITS[0], *body("back-up", "\n\n".join([FIRST, THIRD])), *summary])
    assert statuses(catalog)[summary[0].source] == "missing"


def test_a_rewritten_paragraph_is_new_and_the_old_one_obsolete():
    rewritten = BODY.replace(SECOND, "Store it in a fireproof box.")
    catalog, stats = update(reviewed(UNITS), [UNITS[0], *body("back-up", rewritten)])
    assert statuses(catalog)["Store it in a fireproof box."] == "missing"
    assert [m.id for m in catalog.obsolete.values()] == [SECOND]


# --- obsolete entries and translation memory --------------------------------------------


def test_a_removed_translated_entry_is_kept_as_obsolete_and_an_untranslated_one_dropped():
    old = reviewed(UNITS)
    entry(old, THIRD).string = ""
    catalog, _ = update(old, [UNITS[0], *body("back-up", FIRST)])
    assert [(m.id, m.string) for m in catalog.obsolete.values()] == [(SECOND, f"DE {SECOND}")]


def test_obsolete_entries_survive_later_updates():
    removed, _ = update(reviewed(UNITS), [UNITS[0], *body("back-up", "\n\n".join([FIRST, THIRD]))])
    again, _ = update(removed, [UNITS[0], *body("back-up", "\n\n".join([FIRST, THIRD]))])
    assert [m.id for m in again.obsolete.values()] == [SECOND]


def test_translation_memory_reuses_a_reviewed_translation_of_the_same_text():
    units = [*UNITS, title("restore", "Back up  your wallet")]  # the same words elsewhere
    catalog, stats = update(reviewed(UNITS), units)
    [reused] = [m for m in catalog if m.context == "article:restore:title"]
    assert (reused.string, status_of(reused)) == ("DE Back up your wallet", "reviewed")
    assert stats.reused == 1


def test_translation_memory_remembers_obsolete_entries():
    removed, _ = update(reviewed(UNITS), [UNITS[0], *body("back-up", "\n\n".join([FIRST, THIRD]))])
    catalog, stats = update(removed, [*UNITS[:2], UNITS[3], *body("store-safely", SECOND)])
    assert entry(catalog, SECOND).string == f"DE {SECOND}"
    assert stats.reused == 1


def test_translation_memory_ignores_drafts_and_outdated_translations():
    old = reviewed(UNITS)
    entry(old, "Back up your wallet").flags.add("fuzzy")  # a machine draft
    catalog, stats = update(old, [*UNITS, title("restore", "Back up your wallet")])
    [new] = [m for m in catalog if m.context == "article:restore:title"]
    assert status_of(new) == "missing" and stats.reused == 0
