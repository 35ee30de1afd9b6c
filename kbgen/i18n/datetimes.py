"""Dates and times of day, read in a language's own patterns.

"March 1, 2026" is `1. März 2026`, `1er mars 2026`, `1º de março`,
`2026年3月1日` or `01/03/2026`; "2:00 PM" is `14:00`, `14 h 30`, `午後2時`,
`下午2点` or `오후 2시`. Month names and day periods come from CLDR
(`conventions`); the CJK year/month/day marks and hour marks are written here.
Each reader blanks what it read, so the amounts reader does not see it again.
"""

from __future__ import annotations

import re
from functools import cache

from kbgen.i18n.conventions import Conventions, Value, blank, conventions, display

_DAY_SUFFIX = r"(?:st|nd|rd|th|er|re|e|º|ª|°)?\.?"
_CJK_DATES = (
    re.compile(r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?:(?P<d>\d{1,2})\s*[日일号號])?"),
    re.compile(r"(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일号號]"),
    re.compile(r"(?<![\d.])(?P<y>\d{4})[-/.]\s?(?P<m>\d{1,2})[-/.]\s?(?P<d>\d{1,2})(?![\d])\.?"),
)
_DOTTED = re.compile(r"(?<![\d.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d])")
# "am 1.3." without a year, only where the language writes dates with dots (de, ru, uk, tr).
_DOTTED_NO_YEAR = re.compile(r"(?<![\d.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?![\d])")
_SLASHED = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CONNECT = r"(?:,?\s*(?:de|del|of|năm|tahun|yılı)?\s*)"
_HOUR_MARK = r"(?:時(?!間)|时(?!间)|點(?!鐘頭)|点(?!钟头)|시(?!간)|giờ)"


@cache
def _month_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    conv = conventions(lang)
    names = "|".join(re.escape(name) for name, _ in conv.months)
    month = rf"(?<![^\W\d_])(?P<mn>{names})\.?(?![^\W\d_])"
    return (
        re.compile(
            rf"(?<![\d.,])(?P<d>\d{{1,2}}){_DAY_SUFFIX}\s*(?:de\s+|of\s+)?{month}"
            rf"(?:{_CONNECT}(?P<y>\d{{4}})(?!\d))?",
            re.IGNORECASE,
        ),
        re.compile(
            rf"{month}\s*(?P<d>\d{{1,2}})(?!\d){_DAY_SUFFIX}\s*[日号]?(?:,?\s*(?P<y>\d{{4}})(?!\d))?", re.IGNORECASE
        ),
        re.compile(rf"{month}{_CONNECT}(?P<y>\d{{4}})(?!\d)", re.IGNORECASE),
    )


@cache
def _date_patterns(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    conv = conventions(lang)
    patterns = [(p, "ymd") for p in _CJK_DATES] + [(_DOTTED, "ymd"), (_SLASHED, "slash")]
    if conv.dotted_dates:
        patterns.append((_DOTTED_NO_YEAR, "ymd"))
    return (*patterns, *((p, "named") for p in _month_patterns(lang)))


@cache
def _months(lang: str) -> dict[str, int]:
    return dict(conventions(lang).months)


_DIGIT = re.compile(r"\d")  # every date has one, and every time but "noon" and "midnight"


def read_dates(text: str, original: str, conv: Conventions, lang: str) -> list[Value]:
    found: list[Value] = []
    if not _DIGIT.search(text):
        return found
    months = _months(lang)
    for pattern, how in _date_patterns(lang):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            day = int(groups["d"]) if groups.get("d") else None
            if how == "named":
                month = months.get(groups["mn"].casefold())
            elif how == "slash":
                first, second = int(groups["a"]), int(groups["b"])
                month, slash_day = (first, second) if conv.month_first else (second, first)
                if month > 12 >= slash_day:  # 31/12/2026 can only be day first
                    month, slash_day = slash_day, month
                day = slash_day or None  # a day 0 reads as no day, as an empty group does
            else:
                month = int(groups["m"])
            year = int(groups["y"]) if groups.get("y") else None
            if year is not None and year < 100:
                year += 2000  # "01.03.26"
            if month and 1 <= month <= 12 and (day is None or 1 <= day <= 31) and (day or year):
                text = _take(found, "date", (year, month, day), match, text, original)
    return found


@cache
def _time_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    conv = conventions(lang)
    # Chinese, Japanese and Korean write 午後2時 with no space: no word boundary to ask for.
    spaced = "|".join(re.escape(w) for w, _, _ in conv.periods if not _UNSPACED.match(w)) or "(?!)"
    unspaced = "|".join(re.escape(w) for w, _, _ in conv.periods if _UNSPACED.match(w)) or "(?!)"
    period = rf"(?P<per>(?<![^\W\d_])(?:{spaced})(?![^\W\d_])|{unspaced})"
    ampm = r"(?P<ap>[AaPp])\.?\s?[Mm]\.?(?![A-Za-z])"
    return (
        re.compile(
            rf"(?:{period}\s*)?(?<![\d.,:])(?P<h>\d{{1,2}})(?::|\s?h\s?)(?P<mi>\d{{2}})(?!\d)"
            rf"(?:\s?{ampm}|\s*{period.replace('per', 'per2')})?",
            re.IGNORECASE,
        ),
        re.compile(rf"(?<![\d.,:])(?P<h>\d{{1,2}})\s?{ampm}", re.IGNORECASE),
        re.compile(
            rf"(?:{period}\s*)?(?<![\d.,])(?P<h>\d{{1,2}})\s*{_HOUR_MARK}(?:\s*(?P<mi>\d{{1,2}})\s*(?:分|분|phút)|\s*(?P<half>半|반))?"
            rf"(?:\s*{period.replace('per', 'per2')})?",
            re.IGNORECASE,
        ),
        re.compile(rf"(?<![\d.,])(?P<h>\d{{1,2}})\s+{period}", re.IGNORECASE),
        re.compile(r"(?<![^\W\d_])(?:(?P<noon>noon|midday)|midnight)(?![^\W\d_])", re.IGNORECASE),
    )


_SHARED_AMPM = re.compile(
    r"(?<![\d.,:])(?P<h1>\d{1,2})(?::(?P<m1>\d{2}))?\s*(?:[-–—~]|to)\s*(?P<h2>\d{1,2})(?::(?P<m2>\d{2}))?"
    r"\s?(?P<ap>[AaPp])\.?\s?[Mm]\.?(?![A-Za-z])"
)


def _shared_ampm(text: str, original: str) -> list[Value]:
    """ "2–4 PM": both ends of the range are afternoon times."""
    found = []
    for match in _SHARED_AMPM.finditer(text):
        shift = 12 if match.group("ap") in "Pp" else 0
        for h, m in (("h1", "m1"), ("h2", "m2")):
            hour, minute = int(match.group(h)), int(match.group(m) or 0)
            if hour <= 12 and minute < 60:
                start, end = match.span(h)[0], match.span(m)[1] if match.group(m) else match.span(h)[1]
                found.append(Value("time", (hour % 12 + shift, minute), None, start, end, display(original[start:end])))
    return found


@cache
def _period_spans(lang: str) -> dict[str, tuple[int, int]]:
    return {word: (a, b) for word, a, b in conventions(lang).periods}


def read_times(text: str, original: str, conv: Conventions, lang: str) -> list[Value]:
    digits = _DIGIT.search(text) is not None
    found = _shared_ampm(text, original) if digits else []
    for value in found:
        text = blank(text, value.start, value.end)
    spans = _period_spans(lang)
    # Without a digit, only "noon" and "midnight" (the last pattern) can be a time.
    for pattern in _time_patterns(lang) if digits else _time_patterns(lang)[-1:]:
        carried: tuple[tuple[int, int], int] | None = None  # the last period word and where its time ended
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
                carried = (spans.get(word.casefold(), (0, 24)), match.end())
            elif carried and re.fullmatch(r"\D{0,4}", text[carried[1] : match.start()]):
                hour = _in_period(hour, carried[0])  # "午後2時～4時": the range's end shares its period
            elif pattern is _time_patterns(lang)[2] and not re.search(r"[時时點点시]", match.group(0)):
                continue  # "24 giờ" without a period word is a duration, not a time of day
            if hour <= 24 and minute < 60:
                text = _take(found, "time", (hour % 24, minute), match, text, original)
    return found


def _take(found: list[Value], kind: str, value: tuple, match: re.Match[str], text: str, original: str) -> str:
    """Record a date or time the pattern matched, and blank it so no later pattern reads it again."""
    found.append(Value(kind, value, None, match.start(), match.end(), display(original[match.start() : match.end()])))
    return blank(text, match.start(), match.end())


def _in_period(hour: int, span: tuple[int, int]) -> int:
    """The 24-hour hour that a 12-hour `hour` means inside a CLDR day period (夜 9時 is 21:00)."""
    start, before = span
    for candidate in (hour % 12, hour % 12 + 12, hour):
        inside = start <= candidate < before if start < before else (candidate >= start or candidate < before)
        if inside:
            return candidate
    return hour
