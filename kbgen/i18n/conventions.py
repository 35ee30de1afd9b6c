"""How a language writes numbers, dates and times, from Babel's CLDR data.

`Conventions` gathers, for one language and its regional variants, what QA
needs to read values in a translation: decimal and group symbols, month names,
the order of numeric dates and the day periods (午後, 오후, chiều) with their
hours. `fold` makes any script's digits and full-width forms ASCII, one
character for one, so positions still point into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError, dates, localedata, numbers

from kbgen.i18n.protect import find_spans
from kbgen.languages import SOURCE_LANGUAGE, UnknownLanguage, language

BLANK = "\ufffc"  # stands for a span that is compared elsewhere; never a digit, letter or space


@dataclass(frozen=True)
class Value:
    """One value of a text: what it means (`key`), and where and how it is written."""

    kind: str  # amount | date | time | always
    key: tuple  # amount: its possible values, ascending (one, unless the writing is ambiguous); date: (year|None, month, day|None); time: (hour, minute); always: ()
    unit: str | None  # amounts: an asset or currency code, or "%"
    start: int
    end: int
    text: str  # as written, for messages


@dataclass(frozen=True)
class Conventions:
    """What Babel says about how one language writes numbers, dates and times."""

    language: str  # CLDR language code: "de", "zh", "pt"
    decimal: str
    group: str
    readings: tuple[tuple[str, str], ...]  # (decimal, group) of the language and each regional variant
    months: tuple[tuple[str, int], ...]  # (casefolded name, month), longest first
    month_first: bool  # numeric dates: 3/1/2026 is March 1 (en) rather than 3 January
    dotted_dates: bool  # numeric dates with dots: 1.3.2026 (de, ru, tr)
    twelve_hour: bool  # the clock counts to 12 (ar, ko, zh-Hant): a bare "2" may be 14:00
    periods: tuple[tuple[str, int, int], ...]  # (day-period word, from hour, before hour), longest first


@cache
def conventions(lang: str) -> Conventions:
    """Conventions for a kbgen language code ("pt-BR", "zh-Hant"); English ones for an unknown code."""
    try:
        locale = Locale.parse(language(lang).babel)
    except UnknownLanguage:
        locale = Locale.parse("en")
    return Conventions(
        language=locale.language,
        decimal=numbers.get_decimal_symbol(locale),
        group=numbers.get_group_symbol(locale),
        readings=_readings(locale),
        months=_month_names(locale.language),
        month_first=dates.get_date_format("short", locale).pattern.lstrip("y/.- ").startswith("M"),
        twelve_hour="h" in dates.get_time_format("short", locale).pattern,
        dotted_dates=bool(re.fullmatch(r"d{1,2}\.M{1,2}\.y+", dates.get_date_format("short", locale).pattern)),
        periods=_periods(locale),
    )


def _variants(lang: str) -> list[str]:
    return [x for x in localedata.locale_identifiers() if x == lang or x.startswith(lang + "_")]


def _readings(locale: Locale) -> tuple[tuple[str, str], ...]:
    """Decimal and group symbols of the locale first, then of its regional variants (es_MX writes 10,000.5)."""
    found = [(numbers.get_decimal_symbol(locale), numbers.get_group_symbol(locale))]
    if locale.language == SOURCE_LANGUAGE:
        return tuple(found)  # the source is written one way; en_DE's 0,5 is not its business
    for identifier in _variants(locale.language):
        try:
            pair = (numbers.get_decimal_symbol(identifier), numbers.get_group_symbol(identifier))
        except (UnknownLocaleError, ValueError):
            continue
        if pair not in found:
            found.append(pair)
    return tuple(found)


def _month_names(lang: str) -> tuple[tuple[str, int], ...]:
    """Every month name and abbreviation of every regional variant of a language, plus English."""
    names: dict[str, int] = {}
    for identifier in _variants(lang) + ["en"]:
        try:
            locale = Locale.parse(identifier)
        except (UnknownLocaleError, ValueError):
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for month, name in dates.get_month_names(width, context, locale).items():
                    name = name.casefold().rstrip(".")
                    if len(name) >= 3 and not any(ch.isdigit() for ch in name):
                        names.setdefault(name, month)
    return tuple(sorted(names.items(), key=lambda item: -len(item[0])))


def _periods(locale: Locale) -> tuple[tuple[str, int, int], ...]:
    """Day-period words (午後, 오후, chiều, مساءً) with the hours CLDR's rules give them."""
    rules = locale.day_period_rules.get(None, {}) if locale.day_period_rules else {}
    spans = {"am": (0, 12), "pm": (12, 24), "noon": (12, 13), "midnight": (0, 1)}
    for period, ranges in rules.items():
        for rule in ranges:
            if "from" in rule and "before" in rule:
                spans[period] = (rule["from"] // 3600, rule["before"] // 3600)
    words: dict[str, tuple[int, int]] = {}
    for width in ("abbreviated", "wide", "narrow"):
        for context in ("format", "stand-alone"):
            for period, word in dates.get_period_names(width, context, locale).items():
                if period in spans and len(word) >= (1 if not word.isascii() else 3):
                    # A word that is both "pm" and a narrower period (Korean 오후) means pm.
                    if period in ("am", "pm"):
                        words[word.casefold()] = spans[period]
                    else:
                        words.setdefault(word.casefold(), spans[period])
    return tuple(sorted(((w, a, b) for w, (a, b) in words.items()), key=lambda p: -len(p[0])))


# ------------------------------------------------------------------ folding

_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u200b"), " ")


def fold(text: str, conv: Conventions) -> str:
    """The text with digits in ASCII and full-width forms made half-width, one character for one."""
    return text if text.isascii() else text.translate(_fold_table(conv.decimal if len(conv.decimal) == 1 else "."))


@cache
def _fold_table(decimal: str) -> dict[int, str]:
    """What `fold` changes, as one translation table, with the language's decimal separator."""
    return {**_fold_common(), 0x066B: decimal}


@cache
def _fold_common() -> dict[int, str]:
    """Every decimal digit of Unicode, the Arabic thousands separator (only ever a group) and
    percent sign, full-width forms, and the invisible direction marks as spaces."""
    table: dict[int, str] = dict(_BIDI)
    # Unicode's decimal digits come in runs of ten, zero to nine, so every tenth code point meets each
    # run once: looking at those finds every digit in a tenth of the time of looking at all of them.
    for probe in range(0x80, 0x110000, 10):
        digit = unicodedata.decimal(chr(probe), None)
        if digit is not None:
            for code in range(probe - digit, probe - digit + 10):
                table[code] = str(unicodedata.decimal(chr(code)))
    table.update({0x066C: "'", 0x066A: "%"})
    for code in [*range(0xFF01, 0xFF5F), 0x3000]:
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and code not in table:
            table[code] = folded
    return table


def blank_protected(text: str, keep_terms: tuple[str, ...] = ()) -> str:
    """The text with URLs, code, addresses, link targets and terms blanked (they are compared exactly elsewhere)."""
    chars = list(text)
    for span in find_spans(text, keep_terms):
        if span.kind != "number":
            chars[span.start : span.end] = BLANK * (span.end - span.start)
    return "".join(chars)


def display(text: str) -> str:
    """A value as a message quotes it: without the sentence's full stop ("p.m." keeps its own)."""
    text = text.strip()
    return text if re.search(r"\.[AaPp]\.?[Mm]\.$", text) else text.rstrip(".")


def blank(text: str, start: int, end: int) -> str:
    return text[:start] + BLANK * (end - start) + text[end:]
