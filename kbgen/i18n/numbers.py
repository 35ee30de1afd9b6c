"""The values in a text, read the way its language writes them.

A translation writes the source's "10,000 USDT" as "10.000 USDT" (de),
"10 000 USDT" (fr, ru), "１０，０００ USDT" (ja), "١٠٬٠٠٠ USDT" (ar) or "1万 USDT"
(zh); "March 1, 2026" as "1. März 2026" or "2026年3月1日"; "2:00 PM" as
"14:00" or "午後2時". `read_values` turns each of these into one comparable
value -- an amount (with its unit, asset code or network), a date, a time of
day, or "around the clock" -- through the language's CLDR conventions
(`conventions`, `datetimes`) and its words (`numwords`).

Protected spans other than numbers (URLs, code, addresses, link targets,
terms) are blanked first: `protect.compare_spans` keeps those exact.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from kbgen.i18n import numwords
from kbgen.i18n.conventions import Conventions, Value, blank, blank_protected, conventions, fold
from kbgen.i18n.datetimes import read_dates, read_times
from kbgen.languages import SOURCE_LANGUAGE

# ------------------------------------------------------------------ numbers

_SPACES = "\u00a0\u202f\u2009"
_APOSTROPHES = "'\u2019"
_SYMBOLS = {
    "Rp": "IDR",
    "$": "USD",
    "US$": "USD",
    "R$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "₩": "KRW",
    "₫": "VND",
    "₺": "TRY",
    "₽": "RUB",
    "₴": "UAH",
    "₹": "INR",
    "%": "%",
    "¥": "¥",
    "円": "¥",
    "元": "¥",
    "원": "KRW",
}
_TIME_ZONES = frozenset(
    [
        "UTC",
        "GMT",
        "CET",
        "CEST",
        "EET",
        "EEST",
        "WET",
        "MSK",
        "TRT",
        "WIB",
        "WITA",
        "WIT",
        "ICT",
        "JST",
        "KST",
        "CST",
        "HKT",
        "SGT",
        "PST",
        "PDT",
        "EST",
        "EDT",
    ]
)
_MULTIPLIERS = {"万": 10_000, "萬": 10_000, "만": 10_000, "亿": 100_000_000, "億": 100_000_000, "억": 100_000_000}
_ORDINAL = (
    r"(?:\.?(?:st|nd|rd|th|er|re|ère|ème|eme|e|º|ª|°|o|a)|h"
    r"|-?(?:й|го|я|е|ї|му)|'?(?:inci|ıncı|uncu|üncü|nci|ncı|ncu|ncü))"
)
_UNIT_AFTER = re.compile(
    rf"(?P<mult>[万萬만亿億억])?(?:(?P<ord>{_ORDINAL})(?![A-Za-z\u00c0-\u024f])"
    rf"|[ {_SPACES}]?(?P<sym>%|€|£|¥|₩|₫|₺|₽|₴|₹|\$|円|元|원)"
    rf"|[ {_SPACES}](?P<code>[A-Z][A-Z0-9]{{1,9}})(?![A-Za-z0-9])"
    # Chinese, Japanese and Korean text often glues the asset code on: "0.5BTC"; "2FA" stays a name.
    rf"|(?P<glued>[A-Z]{{3,9}})(?![A-Za-z0-9]))?"
)
_NAME_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]{1,9}-$")
_UNIT_BEFORE = re.compile(r"(?:US\$|R\$|Rp|[$€£¥₩₺₽₴₹%])[ \u00a0\u202f]?$")


def _number_pattern(space_grouping: bool) -> re.Pattern[str]:
    groups = "[,." + _APOSTROPHES + _SPACES + (" " if space_grouping else "") + "]"
    return re.compile(
        rf"(?:(?<![A-Za-z0-9_.,])|(?<=Rp))(?P<num>\d{{1,3}}(?P<g>{groups})\d{{3}}(?:(?P=g)\d{{3}})*(?:[.,]\d+)?"
        rf"|\d+(?:[.,]\d+)?)(?![0-9]|[.,]\d)"
    )


def read_number(raw: str, conv: Conventions) -> frozenset[Decimal]:
    """The values a written number can have where its language is written, or else in English.

    German "10.000" is ten thousand and "0,5" a half; "0.5" cannot be German
    of Germany, but is Swiss German, so it reads 0.5. "10,000" reads ten in
    German (as a German reader reads it) but ten thousand in Spanish, because
    Mexican Spanish groups with commas.
    """
    found = {v for decimal, group in conv.readings if (v := _reading(raw, decimal, group)) is not None}
    english = _reading(raw, ".", ",")
    return frozenset(found or ({english} if english is not None else set()))


def _reading(raw: str, decimal: str, group: str) -> Decimal | None:
    groups = re.escape("".join(sorted(set(group + _APOSTROPHES + _SPACES + (" " if group.isspace() else "")))))
    match = re.fullmatch(rf"([1-9]\d{{0,2}}(?:[{groups}]\d{{3}})+|\d+)(?:{re.escape(decimal)}(\d+))?", raw)
    if not match:
        return None
    whole = re.sub(r"\D", "", match.group(1))
    try:
        return Decimal(f"{whole}.{match.group(2)}" if match.group(2) else whole)
    except InvalidOperation:
        return None


def _amounts(text: str, original: str, conv: Conventions) -> list[Value]:
    found = []
    for match in _number_pattern(conv.group.isspace()).finditer(text):
        readings = read_number(match.group("num"), conv)
        after = _UNIT_AFTER.match(text, match.end())
        end = after.end() if after else match.end()
        if not readings or (end == match.end() and re.match(r"[A-Za-z]", text[end : end + 1])):
            continue  # "2FA", "v2": part of a name, not a number
        unit, start = None, match.start()
        if after and after.group("mult"):
            readings = frozenset(v * _MULTIPLIERS[after.group("mult")] for v in readings)
        scale = numwords.SCALE_PATTERN.match(text, end)
        if scale:  # "1.5 million" may be written "150万" or "1,5 Millionen": both readings stand
            factor = numwords.SCALE_OF[scale.group("scale").casefold()]
            readings, end = readings | {v * factor for v in readings}, scale.end()
            after = _UNIT_AFTER.match(text, end)
            end = after.end() if after else end
        if after and (after.group("sym") or after.group("code") or after.group("glued")):
            unit = _SYMBOLS.get(after.group("sym") or "", after.group("code") or after.group("glued"))
            unit = None if unit in _TIME_ZONES else unit
        before = _UNIT_BEFORE.search(text, 0, match.start())
        name = _NAME_BEFORE.search(text, 0, match.start())
        if name:  # "ERC-20", "BEP-20": a network, which must not become another
            unit, start = name.group(0), name.start()
        elif before and unit is None:
            unit, start = _SYMBOLS[before.group(0).strip(" \u00a0\u202f")], before.start()
        found.append(Value("amount", tuple(sorted(readings)), unit, start, end, original[start:end].strip()))
    return found


# ------------------------------------------------------------------ all values


@lru_cache(maxsize=65536)
def read_values(
    text: str, lang: str, keep_terms: tuple[str, ...] = (), always_phrases: bool = True
) -> tuple[Value, ...]:
    """Every amount, date, time and "24/7" in `text`, in order of position.

    Cached: every language's QA and build read the same English sources.
    `always_phrases` reads the language's words for "around the clock" as a value;
    off when the source has no such value, so that "24 jam" stays 24 hours.
    """
    conv = conventions(lang)
    original = text
    text = fold(blank_protected(text, keep_terms), conv)
    values: list[Value] = []
    source = conv.language == SOURCE_LANGUAGE
    if source:
        pattern = numwords.english_always()
    elif always_phrases:
        pattern = numwords.always_pattern(conv.language)
    else:
        pattern = numwords.numeric_always()
    for match in pattern.finditer(text):
        values.append(Value("always", (), None, match.start(), match.end(), original[match.start() : match.end()]))
        text = blank(text, match.start(), match.end())
    for reader in (read_dates, read_times):
        for value in reader(text, original, conv, lang):
            values.append(value)
            text = blank(text, value.start, value.end)
    values += _amounts(text, original, conv)
    return tuple(sorted(values, key=lambda v: v.start))
