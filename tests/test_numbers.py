"""Values read the way each language writes them, and compared as values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kbgen.i18n.conventions import conventions, fold
from kbgen.i18n.numbers import read_number, read_values
from kbgen.i18n.qa import Unit, run_checks
from kbgen.i18n.valuecheck import compare_values


def values(text: str, lang: str, always: bool = False) -> list[tuple]:
    return [(v.kind, v.key, v.unit) for v in read_values(text, lang, always_phrases=always)]


def amount(*readings: str, unit: str | None = None) -> tuple:
    return ("amount", tuple(Decimal(r) for r in readings), unit)


# ------------------------------------------------------------------ digits and separators


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        pytest.param("１０，０００ USDT", "ja", [amount("10000", unit="USDT")], id="ja-full-width-grouping"),
        pytest.param("０．００１ BTC", "zh-Hans", [amount("0.001", unit="BTC")], id="zh-full-width-decimal"),
        pytest.param("٣٠ دقيقة", "ar", [amount("30")], id="ar-arabic-indic-digits"),
        pytest.param("٠٫٥ BTC", "ar", [amount("0.5", unit="BTC")], id="ar-arabic-decimal-separator"),
        pytest.param("١٠٬٠٠٠ USDT", "ar", [amount("10000", unit="USDT")], id="ar-arabic-group-separator"),
        pytest.param("0,5 BTC", "de", [amount("0.5", unit="BTC")], id="de-decimal-comma"),
        pytest.param(
            "10.000 USDT", "de", [amount("10.000", "10000", unit="USDT")], id="de-dot-grouping-or-swiss-decimal"
        ),
        pytest.param("0.5 BTC", "de", [amount("0.5", unit="BTC")], id="de-english-decimal-is-swiss-german"),
        pytest.param("10,000 USDT", "de", [amount("10.000", unit="USDT")], id="de-comma-is-a-decimal"),
        pytest.param("10,000 USDT", "es", [amount("10.000", "10000", unit="USDT")], id="es-comma-reads-both-ways"),
        pytest.param("10\u202f000 €", "fr", [amount("10000", unit="EUR")], id="fr-narrow-space-grouping"),
        pytest.param("10 000 USDT", "ru", [amount("10000", unit="USDT")], id="ru-space-grouping"),
        pytest.param("10’000 CHF", "de", [amount("10000", unit="CHF")], id="de-swiss-apostrophe"),
        pytest.param("%0,1", "tr", [amount("0.1", unit="%")], id="tr-percent-before"),
        pytest.param("0,5 %", "fr", [amount("0.5", unit="%")], id="fr-percent-after-space"),
        pytest.param("R$ 50.000", "pt-BR", [amount("50000", unit="BRL")], id="pt-real-sign"),
        pytest.param("1万 USDT", "zh-Hans", [amount("10000", unit="USDT")], id="zh-wan"),
        pytest.param("5萬 USDT", "zh-Hant", [amount("50000", unit="USDT")], id="zh-hant-wan"),
        pytest.param("10 mil USDT", "es", [amount("10", "10000", unit="USDT")], id="es-mil"),
        pytest.param("10 тыс. USDT", "ru", [amount("10", "10000", unit="USDT")], id="ru-thousand-abbreviation"),
        pytest.param("手数料は0.0005BTC", "ja", [amount("0.0005", unit="BTC")], id="ja-glued-asset-code"),
        pytest.param("Rp1.000.000", "id", [amount("1000000", unit="IDR")], id="id-rupiah-prefix"),
        pytest.param("Turn on 2FA", "en", [], id="2FA-is-a-name"),
    ],
)
def test_numbers_are_read_in_the_language_s_conventions(text: str, lang: str, expected: list[tuple]) -> None:
    assert values(text, lang) == expected


def test_fold_keeps_one_character_for_one() -> None:
    text = "最低入金額は０．００１ BTC、٣٠ دقيقة"
    folded = fold(text, conventions("ja"))
    assert len(folded) == len(text)
    assert "0.001 BTC" in folded and "30 دقيقة" in folded


def test_a_number_no_locale_writes_is_not_a_value() -> None:
    assert read_number("0,001", conventions("ja")) == frozenset()


# ------------------------------------------------------------------ dates, times, ordinals


@pytest.mark.parametrize(
    ("text", "lang", "key"),
    [
        pytest.param("December 25, 2026", "en", (2026, 12, 25), id="en-month-day-year"),
        pytest.param("6 December", "en", (None, 12, 6), id="en-day-month"),
        pytest.param("12/31/2026", "en", (2026, 12, 31), id="en-numeric-month-first"),
        pytest.param("12月25日", "ja", (None, 12, 25), id="ja-month-day"),
        pytest.param("2026年3月1日", "zh-Hans", (2026, 3, 1), id="zh-year-month-day"),
        pytest.param("2026년 3월 1일", "ko", (2026, 3, 1), id="ko-year-month-day"),
        pytest.param("1. März 2026", "de", (2026, 3, 1), id="de-ordinal-dot"),
        pytest.param("31.12.2026", "de", (2026, 12, 31), id="de-numeric"),
        pytest.param("1er mars", "fr", (None, 3, 1), id="fr-premier"),
        pytest.param("25 décembre", "fr", (None, 12, 25), id="fr-day-month"),
        pytest.param("31 de diciembre de 2026", "es", (2026, 12, 31), id="es-de"),
        pytest.param("1º de março", "pt-BR", (None, 3, 1), id="pt-ordinal"),
        pytest.param("1° marzo 2026", "it", (2026, 3, 1), id="it-degree-ordinal"),
        pytest.param("25 декабря 2026 года", "ru", (2026, 12, 25), id="ru-genitive"),
        pytest.param("1 березня 2026 року", "uk", (2026, 3, 1), id="uk-genitive"),
        pytest.param("25 Aralık 2026'da", "tr", (2026, 12, 25), id="tr-suffix"),
        pytest.param("17 Agustus 2026", "id", (2026, 8, 17), id="id-month-name"),
        pytest.param("٢٥ ديسمبر ٢٠٢٦", "ar", (2026, 12, 25), id="ar-arabic-indic"),
        pytest.param("01/03/2026", "vi", (2026, 3, 1), id="vi-day-first"),
        pytest.param("31/12/2026", "en", (2026, 12, 31), id="en-day-first-when-month-first-is-impossible"),
        pytest.param("ab dem 1.3.", "de", (None, 3, 1), id="de-day-month-dotted"),
    ],
)
def test_dates_in_the_language_s_patterns(text: str, lang: str, key: tuple) -> None:
    assert values(text, lang) == [("date", key, None)]


@pytest.mark.parametrize(
    ("text", "lang", "key"),
    [
        pytest.param("2:00 PM", "en", (14, 0), id="en-pm"),
        pytest.param("10 p.m.", "en", (22, 0), id="en-pm-dotted"),
        pytest.param("14:00", "de", (14, 0), id="24-hour"),
        pytest.param("14 h 30", "fr", (14, 30), id="fr-h"),
        pytest.param("午後2時", "ja", (14, 0), id="ja-gogo"),
        pytest.param("下午2点", "zh-Hans", (14, 0), id="zh-xiawu"),
        pytest.param("晚上10點", "zh-Hant", (22, 0), id="zh-hant-evening-day-period"),
        pytest.param("오후 2시", "ko", (14, 0), id="ko-ohu"),
        pytest.param("2 giờ chiều", "vi", (14, 0), id="vi-chieu"),
        pytest.param("午後2時半", "ja", (14, 30), id="ja-half-past"),
        pytest.param("오후 2시 반", "ko", (14, 30), id="ko-half-past"),
        pytest.param("凌晨2点", "zh-Hans", (2, 0), id="zh-early-morning-day-period"),
        pytest.param("at noon", "en", (12, 0), id="en-noon"),
    ],
)
def test_times_with_cldr_day_periods(text: str, lang: str, key: tuple) -> None:
    assert values(text, lang) == [("time", key, None)]


def test_a_duration_is_not_a_time_of_day() -> None:
    assert values("24時間", "ja") == [amount("24")]
    assert values("24 giờ", "vi") == [amount("24")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("the 3rd step", "en"), ("le 3e jour", "fr"), ("el 3.er paso", "es"), ("3-й шаг", "ru"), ("3. adım", "tr")],
)
def test_ordinal_suffixes_keep_the_number(text: str, lang: str) -> None:
    assert values(text, lang) == [amount("3")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("24/7", "en"),
        ("around the clock", "en"),
        ("rund um die Uhr", "de"),
        ("على مدار الساعة", "ar"),
        ("24時間365日", "ja"),
        ("연중무휴", "ko"),
        ("7/24", "tr"),
        ("24 h/24", "fr"),
        ("круглосуточно", "ru"),
    ],
)
def test_around_the_clock(text: str, lang: str) -> None:
    assert {kind for kind, _, _ in values(text, lang, always=True)} == {"always"}


# ------------------------------------------------------------------ comparison


@pytest.mark.parametrize(
    ("source", "translation", "lang"),
    [
        pytest.param(
            "Verification takes 2 business days.", "La vérification prend deux jours ouvrés.", "fr", id="fr-word"
        ),
        pytest.param("Verification takes 2 business days.", "Проверка занимает два рабочих дня.", "ru", id="ru-word"),
        pytest.param("You have 5 attempts.", "У вас есть пять попыток.", "ru", id="ru-inflected"),
        pytest.param("Withdrawals take 2 business days.", "تتم معالجة السحب خلال يومَي عمل.", "ar", id="ar-dual"),
        pytest.param("It takes 1 hour.", "يستغرق ذلك ساعة.", "ar", id="ar-singular-is-one"),
        pytest.param("Within 2 business days.", "两个工作日内。", "zh-Hans", id="zh-liang"),
        pytest.param("You can try 3 times.", "세 번 시도할 수 있습니다.", "ko", id="ko-native"),
        pytest.param("Up to 10,000 USDT per day.", "1日あたり最大10,000 USDT。", "ja", id="ja-per-day-is-one"),
        pytest.param("Starts at 2:00 PM.", "Commence à 14 h.", "fr", id="fr-bare-hour"),
        pytest.param("Starts at 2:00 PM.", "Saat 14.00'te başlar.", "tr", id="tr-dotted-time"),
        pytest.param("Starts at 2 PM.", "Empieza a las 2 de la tarde.", "es", id="es-cldr-day-period"),
        pytest.param("Starts at 3 AM UTC.", "تبدأ الساعة 3 صباحًا بتوقيت UTC.", "ar", id="ar-cldr-day-period"),
        pytest.param("From March 1.", "Từ ngày 1/3.", "vi", id="vi-date-as-numbers"),
        pytest.param("Limits of $1.5 million.", "上限は150万ドルです。", "ja", id="ja-million-as-wan"),
        pytest.param("From March 1 to March 31.", "С 1 по 31 марта.", "ru", id="ru-range-sharing-the-month"),
        pytest.param("From March 1 to March 31.", "Du 1er au 31 mars.", "fr", id="fr-range-sharing-the-month"),
        pytest.param(
            "Takes 3 to 5 business days.", "Занимает от трёх до пяти рабочих дней.", "ru", id="ru-genitive-words"
        ),
        pytest.param(
            "Ends on 1 March 2026.", "ينتهي في الأول من مارس 2026.", "ar", id="ar-first-of-the-month-as-a-word"
        ),
        pytest.param("Support is available 24/7.", "Destek 7 gün 24 saat hizmetinizde.", "tr", id="tr-7-days-24-hours"),
        pytest.param("Until 11:59 PM.", "오후 11시 59분까지.", "ko", id="ko-pm-with-minutes"),
        pytest.param("Open from 2 PM to 4 PM.", "午後2時～4時に営業します。", "ja", id="ja-range-shares-its-period"),
        pytest.param("Open from 2 PM to 4 PM.", "下午2点至4点开放。", "zh-Hans", id="zh-range-shares-its-period"),
        pytest.param("Open 2–4 PM.", "Geöffnet 14–16 Uhr.", "de", id="en-range-shares-pm"),
        pytest.param("From March 1, 2026.", "Ab 01.03.26.", "de", id="de-two-digit-year"),
        pytest.param("It takes about half an hour.", "Es dauert etwa 30 Minuten.", "de", id="half-an-hour-in-minutes"),
        pytest.param("It takes a day.", "24時間かかります。", "ja", id="a-day-in-hours"),
        pytest.param("Reviews can take 2 weeks.", "قد تستغرق المراجعة أسبوعين.", "ar", id="ar-dual-with-hamza"),
        pytest.param("Wait 1–2 minutes.", "انتظر دقيقة أو دقيقتين.", "ar", id="ar-singular-and-dual"),
        pytest.param("Mon–Fri, 9 AM–6 PM UTC", "Mo.–Fr., 9–18 Uhr UTC", "de", id="de-hours-as-numbers"),
    ],
)
def test_locale_forms_pass(source: str, translation: str, lang: str) -> None:
    assert compare_values(source, translation, lang) == []


@pytest.mark.parametrize(
    ("source", "translation", "lang"),
    [
        pytest.param("Codes expire after 1 hour.", "تنتهي صلاحية الرموز بعد ساعتين.", "ar", id="ar-dual-for-one"),
        pytest.param(
            "Withdrawals take 2 business days.", "تستغرق عمليات السحب يوم عمل.", "ar", id="ar-singular-for-two"
        ),
        pytest.param("Wait 5 minutes.", "Подождите пятнадцать минут.", "ru", id="ru-fifteen-for-five"),
        pytest.param("Wait 2 minutes.", "Подождите двадцать минут.", "ru", id="ru-twenty-for-two"),
        pytest.param("Withdrawals take 2 business days.", "提现需要十二个工作日。", "zh-Hans", id="zh-twelve-for-two"),
        pytest.param("You can try 3 times.", "열세 번 시도할 수 있습니다.", "ko", id="ko-thirteen-for-three"),
        pytest.param("Send at least 0.01 ETH.", "Envoyez au moins un ETH.", "fr", id="amount-with-asset-never-a-word"),
    ],
)
def test_a_different_number_word_is_a_changed_value(source: str, translation: str, lang: str) -> None:
    assert len(compare_values(source, translation, lang)) == 1


@pytest.mark.parametrize(
    ("source", "translation", "lang", "expected"),
    [
        pytest.param(
            "Pay 0.5 BTC",
            "Zahlen Sie 5 BTC",
            "de",
            ["amount '0.5 BTC' changed or missing", "extra amount '5 BTC'"],
            id="wrong-decimal",
        ),
        pytest.param(
            "The fee is 0.0005 BTC.",
            "出金手数料は0.0005 ETHです。",
            "ja",
            ["amount '0.0005 BTC' changed or missing", "extra amount '0.0005 ETH'"],
            id="changed-unit",
        ),
        pytest.param(
            "Up to 10,000 USDT.",
            "Bis zu 10,000 USDT.",
            "de",
            ["amount '10,000 USDT' changed or missing", "extra amount '10,000 USDT'"],
            id="de-comma-misread",
        ),
        pytest.param(
            "Ends on December 25.",
            "12月28日に終了します。",
            "ja",
            ["date 'December 25' changed or missing", "extra date '12月28日'"],
            id="changed-date",
        ),
        pytest.param(
            "Starts at 2:00 PM.",
            "午前2時に開始します。",
            "ja",
            ["time '2:00 PM' changed or missing", "extra time '午前2時'"],
            id="am-for-pm",
        ),
        pytest.param(
            "Starts at 2:00 PM.",
            "Commence à 2 h.",
            "fr",
            ["time '2:00 PM' changed or missing", "extra amount '2'"],
            id="fr-24-hour-clock-2-h-is-morning",
        ),
        pytest.param(
            "Takes 2 business days.",
            "Prend trois jours ouvrés.",
            "fr",
            ["amount '2' changed or missing"],
            id="changed-word",
        ),
        pytest.param(
            "Takes 3 days.", "Dauert dreißig Tage.", "de", ["amount '3' changed or missing"], id="thirty-is-not-three"
        ),
        pytest.param(
            "Send only BEP-20 USDT.",
            "Senden Sie nur ERC-20 USDT.",
            "de",
            ["amount 'BEP-20 USDT' changed or missing", "extra amount 'ERC-20 USDT'"],
            id="changed-network",
        ),
        pytest.param(
            "Support is available 24/7.",
            "Der Support ist von 9 bis 17 Uhr erreichbar.",
            "de",
            ["'24/7' (around the clock) is missing", "extra amount '9'", "extra amount '17'"],
            id="no-longer-24-7",
        ),
    ],
)
def test_changed_values_are_reported(source: str, translation: str, lang: str, expected: list[str]) -> None:
    assert compare_values(source, translation, lang) == expected


# ------------------------------------------------------------------ swaps


@pytest.mark.parametrize(
    ("source", "translation", "lang"),
    [
        ("Send 0.5 BTC, fee 0.0005 BTC.", "Senden Sie 0,0005 BTC, Gebühr 0,5 BTC.", "de"),
        ("Send 0.5 BTC, fee 0.0005 BTC.", "أرسل ٠٫٠٠٠٥ BTC، والرسوم ٠٫٥ BTC.", "ar"),
        (
            "The minimum is 0.001 BTC and the fee is 0.0005 BTC.",
            "最小出金額は0.0005 BTCで、手数料は0.001 BTCです。",
            "ja",
        ),
        ("Maintenance runs from 10:00 PM to 11:30 PM UTC.", "La manutenzione va dalle 23:30 alle 22:00 UTC.", "it"),
        (
            "Withdrawals above 1 BTC pay a fee of 0.0005 BTC.",
            "Auszahlungen über 0,0005 BTC zahlen eine Gebühr von 1 BTC.",
            "de",
        ),
    ],
)
def test_exchanged_values_are_reported_as_swapped(source: str, translation: str, lang: str) -> None:
    messages = compare_values(source, translation, lang)
    assert len(messages) == 1 and messages[0].endswith("are swapped")


def test_values_that_trade_the_names_beside_them_are_swapped_in_any_word_order() -> None:
    source = "Fees: 1 USDT on TRC-20, 10 USDT on ERC-20."
    assert compare_values(source, "手数料：TRC-20は10 USDT、ERC-20は1 USDTです。", "ja") == [
        "amounts '1 USDT' and '10 USDT' are swapped"
    ]
    assert compare_values(source, "Gebühren: 10 USDT für TRC-20, 1 USDT für ERC-20.", "de") == [
        "amounts '1 USDT' and '10 USDT' are swapped"
    ]


def test_values_that_keep_the_names_beside_them_may_change_order() -> None:
    source = "Bitcoin needs 2 confirmations; Ethereum needs 12."
    assert compare_values(source, "Ethereum には12回、Bitcoin には2回の承認が必要です。", "ja") == []
    assert compare_values(source, "Ethereum には2回、Bitcoin には12回の承認が必要です。", "ja") == [
        "amounts '2' and '12' are swapped"
    ]


def test_swap_message_names_both_values() -> None:
    assert compare_values("Send 0.5 BTC, fee 0.0005 BTC.", "Senden Sie 0,0005 BTC, Gebühr 0,5 BTC.", "de") == [
        "amounts '0.5 BTC' and '0.0005 BTC' are swapped"
    ]


@pytest.mark.parametrize(
    ("source", "translation", "lang"),
    [
        (
            "A fee of 0.0005 BTC applies to withdrawals over 1 BTC.",
            "1 BTCを超える出金には0.0005 BTCの手数料がかかります。",
            "ja",
        ),
        (
            "A fee of 0.0005 BTC applies to withdrawals over 1 BTC.",
            "1 BTC'nin üzerindeki çekimlere 0,0005 BTC ücret uygulanır.",
            "tr",
        ),
        ("Send 0.5 BTC when the fee is below 0.0001 BTC.", "수수료가 0.0001 BTC 미만일 때 0.5 BTC를 보내세요.", "ko"),
        ("Wait 30 minutes after 3 confirmations.", "Warten Sie nach 3 Bestätigungen 30 Minuten.", "de"),
        ("It takes 10 minutes to get 2 confirmations.", "2回の承認には10分かかります。", "ja"),
        (
            "Level 2 raises your limit to $100,000 per 24 hours.",
            "레벨 2에서는 한도가 24시간당 100,000달러로 올라갑니다.",
            "ko",
        ),
    ],
)
def test_word_order_that_languages_change_is_not_a_swap(source: str, translation: str, lang: str) -> None:
    assert compare_values(source, translation, lang) == []


# ------------------------------------------------------------------ the QA check


def test_spans_check_reports_values_and_keeps_other_spans_exact() -> None:
    unit = Unit(
        "x", "Pay 0.5 BTC at https://harbor.example.com", "Zahlen Sie 5 BTC auf https://harb0r.example.com", "de"
    )
    assert [f.message for f in run_checks(unit, ("spans",))] == [
        "URL 'https://harbor.example.com' is missing",
        "extra URL 'https://harb0r.example.com'",
        "amount '0.5 BTC' changed or missing",
        "extra amount '5 BTC'",
    ]


def test_numbers_inside_code_and_urls_are_compared_exactly_not_as_values() -> None:
    unit = Unit(
        "x", "Open `v2/limits` at https://a.example.com/2", "Öffnen Sie `v2/limits` unter https://a.example.com/2", "de"
    )
    assert run_checks(unit, ("spans",)) == []


def test_no_text_makes_the_comparison_raise() -> None:
    """Hostile input on purpose: fragments of every form the readers know, glued at random (seeded)."""
    import random

    pieces = [
        "0.5",
        "BTC",
        " ",
        "10,000",
        "USDT",
        "December 25",
        ", 2026",
        "2:00 PM",
        "24/7",
        "around the clock",
        "$",
        "%",
        "12/31/2026",
        "3rd",
        "ERC-20",
        "1.5 million",
        "noon",
        "٣",
        "١٫",
        "１",
        ".",
        ",",
        ":",
        "万",
        "午後",
        "時",
        "日",
        "月",
        "年",
        "h",
        "per",
        "2FA",
        "https://a.example.com/1",
        "`v2`",
        "-",
        "/",
        "Rp",
        "tháng",
        "de",
        "März",
        "1.",
        "(",
        "يومَي",
        "两",
        "半",
        "99999999999999999999",
        "\u200f",
        "\ufffc",
    ]
    rng = random.Random(11)
    for _ in range(300):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        translation = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        for lang in ("ar", "de", "fr", "ja", "ko", "ru", "tr", "vi", "zh-Hant", "pt-BR"):
            assert isinstance(compare_values(source, translation, lang), list)


def test_folding_knows_every_decimal_digit_of_unicode():
    # The fold table looks at every tenth code point (digits come in runs of ten): it must find the
    # same digits as looking at all of them, in this Python's Unicode version.
    import unicodedata

    from kbgen.i18n.conventions import _fold_common

    every = {
        code: str(unicodedata.decimal(chr(code)))
        for code in range(0x80, 0x110000)
        if unicodedata.decimal(chr(code), None) is not None
    }
    table = _fold_common()
    assert {code: table[code] for code in every} == every
    assert all(unicodedata.decimal(chr(code), None) is not None for code in table if code > 0xFF5E and code != 0x3000)
