"""The values in a text, read the way its language writes them.

A translation writes the source's "10,000 USDT" as "10.000 USDT" (de),
"10 000 USDT" (fr, ru), "１０，０００ USDT" (ja), "١٠٬٠٠٠ USDT" (ar) or "1万 USDT"
(zh); "March 1, 2026" as "1. März 2026", "1er mars 2026" or "2026年3月1日";
"2:00 PM" as "14:00", "14.00", "午後2時" or "下午2点". `read_values` turns
each of these into one comparable value -- an amount (with its unit or asset
code), a date, a time of day, or "around the clock" -- using Babel's CLDR
data for the language: decimal and group symbols, month names, day periods
(午後, 오후, chiều) and the order of numeric dates. Digits of any script are
folded to ASCII first (`unicodedata.decimal`), full-width forms by NFKC.

Protected spans other than numbers (URLs, code, addresses, link targets,
terms) are blanked first: `protect.compare_spans` keeps those exact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError, dates, localedata, numbers

from kbgen.i18n import numwords
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
    periods: tuple[tuple[str, int, int], ...]  # (day-period word, from hour, before hour), longest first


@lru_cache(maxsize=None)
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
                    words.setdefault(word.casefold(), spans[period])
    return tuple(sorted(((w, a, b) for w, (a, b) in words.items()), key=lambda p: -len(p[0])))


# ------------------------------------------------------------------ folding

_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u200b"), " ")


def fold(text: str, conv: Conventions) -> str:
    """The text with digits in ASCII and full-width forms made half-width, one character for one."""
    out = []
    for ch in text.translate(_BIDI):
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            out.append(str(digit))
        elif ch == "\u066b":  # Arabic decimal separator
            out.append(conv.decimal if len(conv.decimal) == 1 else ".")
        elif ch == "\u066c":  # Arabic thousands separator: only ever a group, like the apostrophe
            out.append("'")
        elif ch == "\u066a":
            out.append("%")
        elif "\uff01" <= ch <= "\uff5e" or ch == "\u3000":
            folded = unicodedata.normalize("NFKC", ch)
            out.append(folded if len(folded) == 1 else ch)
        else:
            out.append(ch)
    return "".join(out)


def blank_protected(text: str, keep_terms: tuple[str, ...] = ()) -> str:
    """The text with URLs, code, addresses, link targets and terms blanked (they are compared exactly elsewhere)."""
    chars = list(text)
    for span in find_spans(text, keep_terms):
        if span.kind != "number":
            chars[span.start : span.end] = BLANK * (span.end - span.start)
    return "".join(chars)


# ------------------------------------------------------------------ numbers

_SPACES = "\u00a0\u202f\u2009"
_APOSTROPHES = "'\u2019"
_SYMBOLS = {"Rp": "IDR", "$": "USD", "US$": "USD", "R$": "BRL", "€": "EUR", "£": "GBP", "₩": "KRW", "₫": "VND", "₺": "TRY",
            "₽": "RUB", "₴": "UAH", "₹": "INR", "%": "%", "¥": "¥", "円": "¥", "元": "¥", "원": "KRW"}
_TIME_ZONES = frozenset("UTC GMT CET CEST EET EEST WET MSK TRT WIB WITA WIT ICT JST KST CST HKT SGT PST PDT EST EDT".split())
_MULTIPLIERS = {"万": 10_000, "萬": 10_000, "만": 10_000, "亿": 100_000_000, "億": 100_000_000, "억": 100_000_000}
_ORDINAL = (r"(?:\.?(?:st|nd|rd|th|er|re|ère|ème|eme|e|º|ª|°|o|a)|h"
            r"|-?(?:й|го|я|е|ї|му)|'?(?:inci|ıncı|uncu|üncü|nci|ncı|ncu|ncü))")
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


# ------------------------------------------------------------------ dates and times

_DAY_SUFFIX = r"(?:st|nd|rd|th|er|re|e|º|ª|°)?\.?"
_CJK_DATES = (
    re.compile(r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?:(?P<d>\d{1,2})\s*[日일号號])?"),
    re.compile(r"(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일号號]"),
    re.compile(r"(?<![\d.])(?P<y>\d{4})[-/.]\s?(?P<m>\d{1,2})[-/.]\s?(?P<d>\d{1,2})(?![\d])\.?"),
)
_DOTTED = re.compile(r"(?<![\d.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d])")
# "am 1.3." without a year, only where the language writes dates with dots (de, ru, uk, tr).
_DOTTED_NO_YEAR = re.compile(r"(?<![\d.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?![\d])")
_SLASHED = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CONNECT = r"(?:,?\s*(?:de|del|of|năm|tahun|yılı)?\s*)"
_HOUR_MARK = r"(?:時(?!間)|时(?!间)|點(?!鐘頭)|点(?!钟头)|시(?!간)|giờ)"


@lru_cache(maxsize=None)
def _month_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    conv = conventions(lang)
    names = "|".join(re.escape(name) for name, _ in conv.months)
    month = rf"(?<![^\W\d_])(?P<mn>{names})\.?(?![^\W\d_])"
    return (
        re.compile(rf"(?<![\d.,])(?P<d>\d{{1,2}}){_DAY_SUFFIX}\s*(?:de\s+|of\s+)?{month}"
                   rf"(?:{_CONNECT}(?P<y>\d{{4}})(?!\d))?", re.I),
        re.compile(rf"{month}\s*(?P<d>\d{{1,2}})(?!\d){_DAY_SUFFIX}\s*[日号]?(?:,?\s*(?P<y>\d{{4}})(?!\d))?", re.I),
        re.compile(rf"{month}{_CONNECT}(?P<y>\d{{4}})(?!\d)", re.I),
    )


def _dates(text: str, original: str, conv: Conventions, lang: str) -> list[Value]:
    found = []
    months = dict(conv.months)
    patterns = [(p, "ymd") for p in _CJK_DATES] + [(_DOTTED, "ymd"), (_SLASHED, "slash")]
    if conv.dotted_dates:
        patterns.append((_DOTTED_NO_YEAR, "ymd"))
    patterns += [(p, "named") for p in _month_patterns(lang)]
    for pattern, how in patterns:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if how == "named":
                month = months.get(groups["mn"].casefold())
            elif how == "slash":
                first, second = int(groups["a"]), int(groups["b"])
                month, groups["d"] = (first, second) if conv.month_first else (second, first)
                if month > 12 >= groups["d"]:  # 31/12/2026 can only be day first
                    month, groups["d"] = groups["d"], month
            else:
                month = int(groups["m"])
            day = int(groups["d"]) if groups.get("d") else None
            year = int(groups["y"]) if groups.get("y") else None
            if month and 1 <= month <= 12 and (day is None or 1 <= day <= 31) and (day or year):
                found.append(Value("date", (year, month, day), None, match.start(), match.end(),
                                   _display(original[match.start() : match.end()])))
                text = _blank(text, match.start(), match.end())
    return found


@lru_cache(maxsize=None)
def _time_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    conv = conventions(lang)
    # Chinese, Japanese and Korean write 午後2時 with no space: no word boundary to ask for.
    spaced = "|".join(re.escape(w) for w, _, _ in conv.periods if not _UNSPACED.match(w)) or "(?!)"
    unspaced = "|".join(re.escape(w) for w, _, _ in conv.periods if _UNSPACED.match(w)) or "(?!)"
    period = rf"(?P<per>(?<![^\W\d_])(?:{spaced})(?![^\W\d_])|{unspaced})"
    ampm = r"(?P<ap>[AaPp])\.?\s?[Mm]\.?(?![A-Za-z])"
    return (
        re.compile(rf"(?:{period}\s*)?(?<![\d.,:])(?P<h>\d{{1,2}})(?::|\s?h\s?)(?P<mi>\d{{2}})(?!\d)"
                   rf"(?:\s?{ampm}|\s*{period.replace('per', 'per2')})?", re.I),
        re.compile(rf"(?<![\d.,:])(?P<h>\d{{1,2}})\s?{ampm}", re.I),
        re.compile(rf"(?:{period}\s*)?(?<![\d.,])(?P<h>\d{{1,2}})\s*{_HOUR_MARK}(?:\s*(?P<mi>\d{{1,2}})\s*(?:分|분|phút)|\s*(?P<half>半|반))?"
                   rf"(?:\s*{period.replace('per', 'per2')})?", re.I),
        re.compile(rf"(?<![\d.,])(?P<h>\d{{1,2}})\s+{period}", re.I),
        re.compile(r"(?<![^\W\d_])(?:(?P<noon>noon|midday)|midnight)(?![^\W\d_])", re.I),
    )


def _times(text: str, original: str, conv: Conventions, lang: str) -> list[Value]:
    found = []
    spans = {word: (a, b) for word, a, b in conv.periods}
    for pattern in _time_patterns(lang):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if "h" not in groups:  # English "noon" or "midnight"
                groups["h"] = "12" if groups["noon"] else "0"
            hour, minute = int(groups["h"]), int(groups.get("mi") or 0) + (30 if groups.get("half") else 0)
            word = groups.get("per") or groups.get("per2")
            if groups.get("ap"):
                hour = hour % 12 + (12 if groups["ap"] in "Pp" else 0)
            elif word:
                hour = _in_period(hour, spans.get(word.casefold(), (0, 24)))
            elif pattern is _time_patterns(lang)[2] and not re.search(r"[時时點点시]", match.group(0)):
                continue  # "24 giờ" without a period word is a duration, not a time of day
            if hour <= 24 and minute < 60:
                found.append(Value("time", (hour % 24, minute), None, match.start(), match.end(),
                                   _display(original[match.start() : match.end()])))
                text = _blank(text, match.start(), match.end())
    return found


def _in_period(hour: int, span: tuple[int, int]) -> int:
    """The 24-hour hour that a 12-hour `hour` means inside a CLDR day period (夜 9時 is 21:00)."""
    start, before = span
    for candidate in (hour % 12, hour % 12 + 12, hour):
        inside = start <= candidate < before if start < before else (candidate >= start or candidate < before)
        if inside:
            return candidate
    return hour


def _display(text: str) -> str:
    """A value as a message quotes it: without the sentence's full stop ("p.m." keeps its own)."""
    text = text.strip()
    return text if re.search(r"\.[AaPp]\.?[Mm]\.$", text) else text.rstrip(".")


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + BLANK * (end - start) + text[end:]


# ------------------------------------------------------------------ all values

@lru_cache(maxsize=65536)
def read_values(text: str, lang: str, keep_terms: tuple[str, ...] = (), always_phrases: bool = True) -> tuple[Value, ...]:
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
        text = _blank(text, match.start(), match.end())
    for reader in (_dates, _times):
        for value in reader(text, original, conv, lang):
            values.append(value)
            text = _blank(text, value.start, value.end)
    values += _amounts(text, original, conv)
    return tuple(sorted(values, key=lambda v: v.start))
