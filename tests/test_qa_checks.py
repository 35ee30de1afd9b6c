"""Translation QA, check by check: what passes, what fails, with which words and how badly.

Each check looks at one unit (a source segment and its translation). A
critical failure keeps the translation off the site; functional and cosmetic
ones are reported to translators.
"""

from __future__ import annotations

import pytest

from kbgen.i18n.qa import CHECKS, Failure, Unit, run_checks
from kbgen.vocabulary import QaSeverity


def unit(source: str, translation: str, **extra) -> Unit:
    return Unit("article:x:body:00000000", source, translation, "de", **extra)


def failures(name: str, source: str, translation: str, **extra) -> list[Failure]:
    return run_checks(unit(source, translation, **extra), [name])


def messages(name: str, source: str, translation: str, **extra) -> list[str]:
    return [f.message for f in failures(name, source, translation, **extra)]


def test_the_registry_names_each_check_with_its_severity():
    assert {name: check.severity for name, check in CHECKS.items()} == {
        "spans": QaSeverity.CRITICAL,
        "html": QaSeverity.CRITICAL,
        "scam": QaSeverity.CRITICAL,
        "markup": QaSeverity.CRITICAL,
        "markdown": QaSeverity.FUNCTIONAL,
        "glossary": QaSeverity.FUNCTIONAL,
        "unchanged": QaSeverity.COSMETIC,
        "length": QaSeverity.COSMETIC,
    }


@pytest.mark.parametrize("name", list(CHECKS))
def test_every_check_explains_itself_to_translators_in_one_line(name: str):
    doc = CHECKS[name].run.__doc__ or ""
    assert doc.strip() and "\n" not in doc.strip(), name


def test_a_failure_carries_its_check_and_severity():
    assert failures("spans", "Send `0.5 BTC`.", "Sende 0.5 BTC.") == [
        Failure("spans", QaSeverity.CRITICAL, "code '`0.5 BTC`' is missing"),
        Failure("spans", QaSeverity.CRITICAL, "extra amount '0.5 BTC'"),  # outside code, the amount is an amount
    ]


def test_all_checks_run_when_none_are_named():
    found = run_checks(unit("Open <https://example.com/a> now.", "Öffnen."))
    assert [(f.check, f.message) for f in found] == [
        ("spans", "URL 'https://example.com/a' is missing"),
        ("length", "7 characters for a 33-character source"),
    ]


# --- spans (critical) -----------------------------------------------------------------


def test_spans_pass_when_code_urls_and_amounts_are_kept():
    source = "Send `0.5 BTC` to [the address](https://example.com/a) within 30 minutes."
    translation = "Senden Sie `0.5 BTC` innerhalb von 30 Minuten an [die Adresse](https://example.com/a)."
    assert messages("spans", source, translation) == []


def test_spans_accept_a_locales_decimal_and_thousands_separators():
    assert messages("spans", "The limit is 1,000.5 USDT a day.", "Das Limit liegt bei 1.000,5 USDT am Tag.") == []


@pytest.mark.parametrize(
    "source, translation, expected",
    [
        ("Tap `Send`.", "Tippen Sie auf `Senden`.", ["code '`Send`' is missing", "extra code '`Senden`'"]),
        (
            "See [help](https://example.com/help).",
            "Siehe [Hilfe](https://example.com/hilfe).",
            ["link target 'https://example.com/help' is missing", "extra link target 'https://example.com/hilfe'"],
        ),
        ("Wait 30 minutes.", "Warten Sie 40 Minuten.", ["amount '30' changed or missing", "extra amount '40'"]),
        ("Write `a` and `a`.", "Schreiben Sie `a`.", ["code '`a`' is missing"]),
        ("Write `a` and `a`.", "Schreiben Sie.", ["code '`a`' is missing (2 times)"]),
    ],
    ids=["code", "link-target", "amount", "one-of-two", "counted"],
)
def test_spans_fail_when_a_protected_span_is_lost_or_changed(source: str, translation: str, expected: list[str]):
    found = failures("spans", source, translation)
    assert [f.message for f in found] == expected
    assert {f.severity for f in found} == {QaSeverity.CRITICAL}


def test_spans_keep_do_not_translate_terms():
    assert messages(
        "spans", "Open Harbor Wallet.", "Öffnen Sie die Hafen-Geldbörse.", keep_terms=["Harbor Wallet"]
    ) == ["term 'Harbor Wallet' is missing"]


def test_a_search_keyword_may_use_the_readers_name_for_a_kept_term_but_not_change_values():
    """Keywords are never shown: "구글 OTP" is what Korean readers type for Google Authenticator."""
    keyword = Unit(
        "article:enable-2fa:keywords:589f612d",
        "Google Authenticator",
        "구글 OTP",
        "ko",
        keep_terms=["Google Authenticator"],
    )
    assert run_checks(keyword, ["spans"]) == []
    shown = Unit(
        "article:enable-2fa:title", "Google Authenticator", "구글 OTP", "ko", keep_terms=["Google Authenticator"]
    )
    assert [f.message for f in run_checks(shown, ["spans"])] == ["term 'Google Authenticator' is missing"]
    changed = Unit("faq:x:keywords:00000000", "withdraw 100 USDT", "100 USDT 대신 500 USDT 출금", "ko")
    assert run_checks(changed, ["spans"])  # amounts still keep their values


# --- html (critical) ------------------------------------------------------------------


def test_html_passes_plain_and_markdown_translations():
    assert (
        messages("html", "Open **Settings**.", "Öffnen Sie **Einstellungen** und [Hilfe](https://example.com).") == []
    )


@pytest.mark.parametrize(
    "translation, expected",
    [
        ("Öffnen <script>alert(1)</script>", ["adds raw HTML '<script>'", "adds raw HTML '</script>'"]),
        ("Siehe [hier](javascript:alert(1)).", ["adds an unsafe link 'javascript:alert(1)'"]),
        ("Siehe [hier](data:text/html,x).", ["adds an unsafe link 'data:text/html,x'"]),
        ('Öffnen Sie die Einstellungen.{: onclick="x()"}', ["adds an event-handler attribute"]),
    ],
    ids=["raw-html", "javascript-link", "data-link", "event-handler"],
)
def test_html_fails_when_a_translation_adds_markup_or_code(translation: str, expected: list[str]):
    found = failures("html", "Open the settings.", translation)
    assert [f.message for f in found] == expected
    assert {f.severity for f in found} == {QaSeverity.CRITICAL}


# --- markdown (functional) ------------------------------------------------------------


def test_markdown_passes_when_every_mark_is_kept():
    assert (
        messages(
            "markdown",
            "Tap **Send**, then *wait*. See [help](x).",
            "Tippen Sie auf **Senden** und *warten* Sie. Siehe [Hilfe](x).",
        )
        == []
    )


def test_markdown_names_each_lost_mark_with_its_counts():
    # Emphasis counts opening marks: `*wait*` is one.
    found = failures(
        "markdown", "Tap **Send**, then *wait*. See [help](x).", "Tippen Sie auf Senden und warten Sie. Siehe Hilfe."
    )
    assert [f.message for f in found] == [
        "links: 1 in the source, 0 in the translation",
        "bold: 2 in the source, 0 in the translation",
        "emphasis: 1 in the source, 0 in the translation",
    ]
    assert {f.severity for f in found} == {QaSeverity.FUNCTIONAL}


# --- glossary (functional) ------------------------------------------------------------


REQUIRED = [("recovery phrase", "Wiederherstellungsphrase")]


def test_glossary_passes_when_the_required_translation_is_used_in_any_case():
    assert (
        messages(
            "glossary",
            "Write down your recovery phrase.",
            "Notieren Sie Ihre wiederherstellungsphrase.",
            required_terms=REQUIRED,
        )
        == []
    )


def test_glossary_ignores_terms_the_source_does_not_use():
    assert (
        messages("glossary", "Write down your password.", "Notieren Sie Ihr Passwort.", required_terms=REQUIRED) == []
    )


def test_glossary_fails_when_the_required_translation_is_missing():
    found = failures(
        "glossary", "Never share your Recovery Phrase.", "Teilen Sie nie Ihre Seed-Phrase.", required_terms=REQUIRED
    )
    assert found == [
        Failure(
            "glossary",
            QaSeverity.FUNCTIONAL,
            "glossary term 'recovery phrase' must be translated as 'Wiederherstellungsphrase'",
        )
    ]


# --- unchanged (cosmetic) -------------------------------------------------------------


def test_unchanged_passes_a_translated_text_and_a_source_without_words():
    assert messages("unchanged", "Open the app.", "Öffnen Sie die App.") == []
    assert messages("unchanged", "`kbgen build` https://example.com", "`kbgen build` https://example.com") == []


def test_unchanged_ignores_do_not_translate_terms_when_counting_words():
    assert messages("unchanged", "Harbor Wallet", "Harbor Wallet", keep_terms=["Harbor Wallet"]) == []


def test_unchanged_fails_when_the_translation_is_the_english_source():
    assert failures("unchanged", "Open the app.", " Open the app. ") == [
        Failure("unchanged", QaSeverity.COSMETIC, "the translation is the English source")
    ]


# --- length (cosmetic) ----------------------------------------------------------------


SOURCE_40 = "Reset your password from the login page."  # 40 characters


def test_length_passes_within_a_quarter_and_four_times_the_source():
    assert len(SOURCE_40) == 40
    assert messages("length", SOURCE_40, "x" * 10) == []
    assert messages("length", SOURCE_40, "x" * 160) == []


def test_length_does_not_judge_short_sources():
    assert messages("length", "Send now.", "x" * 100) == []


@pytest.mark.parametrize("length", [9, 161])
def test_length_fails_far_shorter_or_longer_translations(length: int):
    assert failures("length", SOURCE_40, "x" * length) == [
        Failure("length", QaSeverity.COSMETIC, f"{length} characters for a 40-character source")
    ]


def test_each_way_of_typing_a_keyword_is_judged_on_its_own():
    variants = "Passwort vergessen, Kennwort vergessen, Passwort weg, kann mich nicht einloggen, Login geht nicht"
    keyword = Unit("article:reset-password:keywords:dd442612", "forgot your password", variants, "de")
    assert run_checks(keyword, ["length"]) == []
    assert run_checks(unit("forgot your password", variants), ["length"])  # shown text is judged whole
    words = Unit("article:store-recovery-phrase:keywords:c0296779", "12 words", "12 mots, phrase de 12 mots", "fr")
    assert run_checks(words, ["spans"]) == []  # the amount repeats in each variant, unchanged


def test_a_keyword_variant_may_not_add_an_amount_or_scam_text():
    added = Unit("article:enable-2fa:keywords:8a8a080f", "2FA code", "code 2FA, code à 6 chiffres", "fr")
    assert [f.check for f in run_checks(added, ["spans"])] == ["spans"]
    scam = Unit("faq:x:keywords:00000000", "leaked seed phrase", "phrase divulguée, envoyez votre phrase secrète", "fr")
    assert [f.check for f in run_checks(scam, ["scam"])] == ["scam"]
