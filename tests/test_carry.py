"""Span-only edits: a changed amount, URL, link target or code is carried into every translation."""

from __future__ import annotations

import pytest

from kbgen.i18n import catalogs
from kbgen.i18n.carry import Change, describe, number_value, rewrite, span_changes
from kbgen.i18n.catalogs import SourceUnit
from kbgen.languages import language
from kbgen.vocabulary import EntryStatus

OLD = "The link works for 30 minutes."
NEW = "The link works for 15 minutes."


def test_a_changed_number_is_a_span_only_change():
    assert span_changes(OLD, NEW) == [Change("number", "30", "15")]


@pytest.mark.parametrize(
    "old, new",
    [
        ("The link works for 30 minutes.", "The link works for 30 hours."),  # a word changed
        ("Wait 30 minutes.", "Wait 30 or 40 minutes."),  # a span was added
        ("Send `1 BTC` now.", "Send 1 BTC now."),  # a span changed kind
    ],
)
def test_anything_else_is_not(old, new):
    assert span_changes(old, new) is None


@pytest.mark.parametrize(
    "locale, translation, expected",
    [
        ("de", "Der Link ist 30 Minuten lang gültig.", "Der Link ist 15 Minuten lang gültig."),
        ("ja", "リンクは３０分間有効です。", "リンクは１５分間有効です。"),
        ("ar", "الرابط صالح لمدة ٣٠ دقيقة.", "الرابط صالح لمدة ١٥ دقيقة."),
        ("zh_Hans", "链接在30分钟内有效。", "链接在15分钟内有效。"),
    ],
)
def test_the_number_is_replaced_in_the_translations_own_digits(locale, translation, expected):
    assert rewrite(translation, span_changes(OLD, NEW), locale, OLD) == expected


@pytest.mark.parametrize(
    "locale, translation, expected",
    [
        ("de", "Gebühr 0,5 BTC, mindestens 1.000 USDT.", "Gebühr 0,25 BTC, mindestens 1.500 USDT."),
        ("fr", "Frais de 0,5 BTC, minimum 1\u202f000 USDT.", "Frais de 0,25 BTC, minimum 1\u202f500 USDT."),
        ("ja", "手数料は０．５ BTC、最低１，０００ USDTです。", "手数料は０．２５ BTC、最低１，５００ USDTです。"),
        ("ar", "الرسوم ٠٫٥ BTC، والحد الأدنى ١٬٠٠٠ USDT.", "الرسوم ٠٫٢٥ BTC، والحد الأدنى ١٬٥٠٠ USDT."),
    ],
)
def test_decimal_and_group_marks_follow_the_translation(locale, translation, expected):
    source = "Fee 0.5 BTC, minimum 1,000 USDT."
    changes = span_changes(source, "Fee 0.25 BTC, minimum 1,500 USDT.")
    assert rewrite(translation, changes, locale, source) == expected


def test_a_new_separator_takes_the_locales_symbol_from_cldr():
    source = "Minimum 500 USDT."
    changes = span_changes(source, "Minimum 1,500.5 USDT.")
    assert rewrite("Mindestens 500 USDT.", changes, "de", source) == "Mindestens 1.500,5 USDT."
    assert rewrite("Минимум 500 USDT.", changes, "ru", source) == "Минимум 1\u00a0500,5 USDT."


def test_swapped_amounts_are_swapped_in_place():
    source = "Between 10 and 20 confirmations."
    changes = span_changes(source, "Between 20 and 10 confirmations.")
    assert rewrite("Zwischen 10 und 20 Bestätigungen.", changes, "de", source) == "Zwischen 20 und 10 Bestätigungen."


def test_an_ambiguous_translation_is_not_rewritten():
    # The translator wrote the old value twice (or not at all): only a person can tell which one is meant.
    changes = span_changes(OLD, NEW)
    assert rewrite("30 Minuten: der Link gilt 30 Minuten.", changes, "de", OLD) is None
    assert rewrite("Der Link gilt eine halbe Stunde.", changes, "de", OLD) is None


def test_a_value_changed_only_once_of_two_is_ambiguous():
    source = "Send 30 USDT, then wait 30 minutes."
    changes = span_changes(source, "Send 30 USDT, then wait 15 minutes.")
    assert rewrite("Senden Sie 30 USDT und warten Sie 30 Minuten.", changes, "de", source) is None


def test_digits_inside_a_url_are_not_an_amount():
    source = "Wait 30 minutes, see https://harbor.example.com/30."
    changes = span_changes(source, "Wait 15 minutes, see https://harbor.example.com/30.")
    assert rewrite("Warten Sie 30 Minuten, siehe https://harbor.example.com/30.", changes, "de", source) == (
        "Warten Sie 15 Minuten, siehe https://harbor.example.com/30."
    )


def test_link_targets_and_code_are_rewritten_everywhere():
    changes = [Change("link-target", "article:old-name", "article:new-name")]
    text = "Lesen Sie [dies](article:old-name) und [das](article:old-name)."
    assert rewrite(text, changes, "de") == "Lesen Sie [dies](article:new-name) und [das](article:new-name)."
    code = span_changes("Tap `Withdraw`.", "Tap `Send`.")
    assert rewrite("Tippen Sie auf `Withdraw`.", code, "de", "Tap `Withdraw`.") == "Tippen Sie auf `Send`."


def test_numbers_are_read_as_the_locale_writes_them():
    assert number_value("1.000", "de") == number_value("1,000", "en") == 1000
    assert number_value("0,5", "fr") == number_value("٠٫٥", "ar") == number_value("０．５", "ja") == 0.5
    assert number_value("1.5", "en") != number_value("15", "en")


def test_describe_names_each_change():
    assert describe([Change("number", "30", "15"), Change("url", "https://a.example", "https://b.example")]) == (
        "kbgen: carried over 30 -> 15, https://a.example -> https://b.example"
    )


def _merged(old_source: str, translation: str, new_source: str, flags=(), previous=None, lang="de"):
    old = catalogs.new_catalog("de", "t")
    old.add(
        old_source,
        translation,
        context="article:a:body:11111111",
        flags=flags,
        previous_id=[previous] if previous else (),
    )
    unit = SourceUnit("article:a:body:22222222", new_source)
    merged, stats = catalogs.merge(old, [unit], language(lang), "t")
    return merged.get(new_source, "article:a:body:22222222"), stats


def test_update_carries_a_number_into_a_reviewed_translation_and_keeps_it_reviewed():
    message, stats = _merged(OLD, "Der Link gilt 30 Minuten.", NEW)

    assert message.string == "Der Link gilt 15 Minuten."
    assert catalogs.status_of(message) == EntryStatus.REVIEWED
    assert message.user_comments == ["kbgen: carried over 30 -> 15"]
    assert (stats.kept, stats.outdated) == (1, 0)


def test_update_carries_into_a_machine_draft_and_keeps_it_a_draft():
    message, _ = _merged(OLD, "El enlace funciona 30 minutos.", NEW, flags=("fuzzy",), lang="es")
    assert (message.string, catalogs.status_of(message)) == ("El enlace funciona 15 minutos.", EntryStatus.MACHINE)


def test_an_ambiguous_translation_becomes_outdated_with_its_source_kept():
    message, stats = _merged(OLD, "30 Minuten: der Link gilt 30 Minuten.", NEW)

    assert catalogs.status_of(message) == EntryStatus.OUTDATED
    assert message.string == "30 Minuten: der Link gilt 30 Minuten."
    assert message.previous_id == [OLD]
    assert stats.outdated == 1


def test_a_short_edited_block_is_matched_by_its_words_around_the_spans():
    message, _ = _merged("Fee: 1 USDT.", "Gebühr: 1 USDT.", "Fee: 2 USDT.")
    assert message.string == "Gebühr: 2 USDT."
