"""Does a translation say the same amounts, dates and times as its source?

The source's values and the translation's values (`numbers.read_values`, each
read in its own language's conventions) are paired by meaning: an amount by
its value and unit ("0.5 BTC" pairs with "0,5 BTC", never with "0.5 ETH"), a
date by year, month and day, a time by hour and minute. What stays unpaired
may still be said another way -- a small count as a word ("zwei", "两", the
Arabic dual), a time as a bare hour ("18 h", "14.00"), a date as numbers
("ngày 1/3") -- and only then is it reported as changed, missing or extra.

Swaps: where each of two values shares its clause with one name a translation
keeps as it is ("1 USDT on TRC-20", "TRC-20は1 USDT"), the values must keep
their names, in any word order. Elsewhere two different values that exchange
places are swapped, unless the English words between them are ones that
languages move ("a fee of X applies to withdrawals over Y" becomes
"Y を超える出金には X" in Japanese); ranges and lists keep their order everywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from kbgen.i18n import numwords
from kbgen.i18n.conventions import Conventions, Value, conventions
from kbgen.i18n.numbers import read_values
from kbgen.languages import SOURCE_LANGUAGE

# English words between two values that let a translation put the second first.
_REORDERING = frozenset(
    [
        "when",
        "if",
        "once",
        "after",
        "before",
        "until",
        "while",
        "because",
        "since",
        "unless",
        "as",
        "for",
        "above",
        "over",
        "under",
        "below",
        "from",
        "than",
        "per",
        "within",
        "by",
        "at",
        "on",
        "in",
        "with",
        "without",
        "into",
        "exceeding",
        "beyond",
        "to",
        "every",
        "each",
        "during",
        "that",
        "which",
        "who",
        "whose",
        "where",
    ]
)
# Words that join a range or a list: "from 10 to 100", "0.5 or 1 BTC".
_RANGE = frozenset(["to", "and", "or", "until", "till", "through"])
_LABELS = {"amount": "amount", "date": "date", "time": "time"}


@dataclass
class _Pairing:
    wanted: tuple[Value, ...]
    found: tuple[Value, ...]
    pairs: dict[int, int] = field(default_factory=dict)  # exact pairs: source index -> translation index
    used: set[int] = field(default_factory=set)  # translation values accounted for
    satisfied: set[int] = field(default_factory=set)  # source values said another way


def compare_values(source: str, translation: str, lang: str, keep_terms: Sequence[str] = ()) -> list[str]:
    """What the translation changed, lost, added or swapped among the source's values, as messages."""
    if not _has_digit(source) and not _has_digit(translation) and not numwords.english_always().search(source):
        return []  # nothing to compare: the common case, and a hot path in builds
    terms = tuple(keep_terms)
    wanted = read_values(source, SOURCE_LANGUAGE, terms)
    has_always = any(v.kind == "always" for v in wanted)
    found = read_values(translation, lang, terms, always_phrases=has_always)
    pairing = _Pairing(wanted, found)
    _pair_exactly(pairing)
    _pair_other_forms(pairing, translation, lang)
    missing = [_missing(v) for i, v in enumerate(wanted) if i not in pairing.pairs and i not in pairing.satisfied]
    return missing + _extras(pairing, source, has_always) + _swaps(pairing, source, translation)


def _extras(pairing: _Pairing, source: str, has_always: bool) -> list[str]:
    """Translation values nothing in the source accounts for."""
    counts = numwords.english_counts(source)
    messages = []
    for j, value in enumerate(pairing.found):
        if j in pairing.used or (value.kind == "always" and has_always) or _said_in_words(value, counts):
            continue
        if has_always and value.kind == "amount" and value.unit is None and set(value.key) & {7, 24, 365}:
            continue  # "7 gün 24 saat", "24 giờ, 7 ngày": the parts of around the clock
        messages.append(_extra(value))
    return messages


def _has_digit(text: str) -> bool:
    return any(map(str.isdigit, text))  # any script's digits, full-width ones too; map: twice a generator's speed


def _pair_exactly(pairing: _Pairing) -> None:
    """Pair equal values, same unit first, then a unit the other side leaves out."""
    for same_unit in (True, False):
        for i, want in enumerate(pairing.wanted):
            if i in pairing.pairs or want.kind == "always":
                continue
            for j, have in enumerate(pairing.found):
                if j not in pairing.used and _same(want, have, same_unit):
                    pairing.pairs[i] = j
                    pairing.used.add(j)
                    break


def _same(want: Value, have: Value, same_unit: bool) -> bool:
    if want.kind != have.kind:
        return False
    if want.kind == "date" and want.key[0] is None:
        key_equal = want.key[1:] == have.key[1:]  # a translation may add the year
    elif want.kind == "amount":
        key_equal = bool(set(want.key) & set(have.key))  # a translation's number may read two ways
    else:
        key_equal = want.key == have.key
    if not key_equal:
        return False
    return want.unit == have.unit if same_unit else (want.unit is None or have.unit is None)


def _pair_other_forms(pairing: _Pairing, translation: str, lang: str) -> None:
    """Source values the translation says without a matching value: words, bare hours, date parts, phrases."""
    words = _Words(numwords.normalize_for_words(translation), conventions(lang))
    always_found = any(v.kind == "always" for v in pairing.found)
    for i, want in enumerate(pairing.wanted):
        if i in pairing.pairs:
            continue
        if want.kind == "always":
            done = always_found or _take_numbers(pairing, [Decimal(24)])
        elif want.kind in ("date", "time") and any(pairing.wanted[k].key == want.key for k in pairing.pairs):
            done = True  # said twice in the source ("midnight (12:00 AM)"), once in the translation
        elif want.kind == "date":
            done = _take_date(pairing, want, words)
        elif want.kind == "time":
            done = _take_time(pairing, want.key[0], want.key[1], twelve_hour=words.conv.twelve_hour)
        else:
            done = _is_count(want) and words.take(int(want.key[0]))
        if done:
            pairing.satisfied.add(i)


def _free_numbers(pairing: _Pairing) -> list[int]:
    return [j for j, v in enumerate(pairing.found) if j not in pairing.used and v.kind == "amount" and v.unit is None]


def _take_numbers(pairing: _Pairing, values: list[Decimal]) -> bool:
    """Account for all of `values` among the translation's free bare numbers, or for none."""
    free = _free_numbers(pairing)
    taken: list[int] = []
    for value in values:
        match = next((j for j in free if j not in taken and value in pairing.found[j].key), None)
        if match is None:
            return False
        taken.append(match)
    pairing.used.update(taken)
    return True


def _take_date(pairing: _Pairing, want: Value, words: _Words) -> bool:
    """A date written as bare numbers ("ngày 1/3"), as a day before a shared month ("с 1 по 31 марта"),
    or with the day as a word ("الأول من مارس", "primeiro de março")."""
    year, month, day = want.key
    if _take_numbers(pairing, [Decimal(p) for p in (day, month, year) if p is not None]):
        return True
    shares_month = any(v.kind == "date" and v.key[1] == month and year in (None, v.key[0]) for v in pairing.found)
    if day is not None and shares_month and _take_numbers(pairing, [Decimal(day)]):
        return True
    if day is None or day > 12 or not words.names_month(month) or not words.take(day):
        return False
    undated = [
        j
        for j, v in enumerate(pairing.found)
        if j not in pairing.used and v.kind == "date" and v.key[1:] == (month, None) and year in (None, v.key[0])
    ]
    pairing.used.update(undated[:1])  # "مارس 2026" is this date's month and year
    return True


def _take_time(pairing: _Pairing, hour: int, minute: int, twelve_hour: bool) -> bool:
    """A time written as a bare hour ("18 h", "14 Uhr") or with a dot ("14.00", "23.59").

    A 12-hour bare hour ("2" for 14:00) only where the language's clock counts
    to 12: in French "2 h" is two in the morning.
    """
    candidates = [Decimal(hour) + Decimal(minute) / 100]
    if minute == 0 and twelve_hour:
        candidates += [Decimal(hour % 12 or 12)]
    return any(_take_numbers(pairing, [candidate]) for candidate in candidates)


def _is_count(value: Value) -> bool:
    """A small bare count, which a translation may write as a word; never an amount with a unit or a decimal."""
    number = value.key[0]
    return value.unit is None and number == number.to_integral_value() and 1 <= number <= 12


@dataclass
class _Words:
    """The translation as number words are searched in, and the words already used."""

    text: str
    conv: Conventions
    uses: Counter[int] = field(default_factory=Counter)

    def take(self, number: int) -> bool:
        """Use one more occurrence of `number` written as a word, if there is one."""
        pattern = numwords.word_pattern(self.conv.language, number)
        if pattern is None or len(pattern.findall(self.text)) <= self.uses[number]:
            return False
        self.uses[number] += 1
        return True

    def names_month(self, month: int) -> bool:
        return any(m == month and name in self.text for name, m in self.conv.months)


def _said_in_words(value: Value, counts: frozenset[Decimal]) -> bool:
    """An extra bare count the source says in English words ("a day" -> "1日", "twice" -> "2回")."""
    return value.kind == "amount" and value.unit is None and any(v in counts for v in value.key)


def _swaps(pairing: _Pairing, source: str, translation: str) -> list[str]:
    """Two different values that traded places, or traded the names beside them.

    Where each value sits in a clause with one name kept as is ("1 USDT on
    TRC-20", "TRC-20は1 USDT"), the names decide, whatever the word order.
    Otherwise a reversed order is a swap unless the English between the two
    values is where languages reorder.
    """
    names = [n for n in set(_ANCHOR.findall(source)) if _count(source, n) == 1 and _count(translation, n) == 1]
    tied_source = _ties(source, pairing.wanted, names)
    tied_translation = _ties(translation, pairing.found, names)
    ordered = sorted(pairing.pairs.items())
    messages = []
    for n, (i, j) in enumerate(ordered):
        for k, m in ordered[n + 1 :]:
            first, second = pairing.wanted[i], pairing.wanted[k]
            if _is_name(first) or _is_name(second) or (first.key, first.unit) == (second.key, second.unit):
                continue
            before = (tied_source.get(i), tied_source.get(k))
            after = (tied_translation.get(j), tied_translation.get(m))
            if None not in before and before[0] != before[1] and after in (before, before[::-1]):
                swapped = after != before
            else:
                swapped = m < j and not _may_reorder(source[first.end : second.start])
            if swapped:
                messages.append(_swapped(first, second))
    return messages


def _may_reorder(between: str) -> bool:
    words = [w.casefold() for w in re.findall(r"[A-Za-z]+", between) if not (w.isupper() and len(w) > 1)]
    words = [w for w in words if w not in ("am", "pm", "a", "p", "m")]
    if all(w in _RANGE for w in words):
        return False  # "from 10 to 100", "1 or 2": no language reverses a range or a list
    return any(w in _REORDERING for w in words)


def _missing(value: Value) -> str:
    if value.kind == "always":
        return f"'{value.text}' (around the clock) is missing"
    return f"{_LABELS[value.kind]} '{value.text}' changed or missing"


def _extra(value: Value) -> str:
    if value.kind == "always":
        return f"extra '{value.text}' (around the clock)"
    return f"extra {_LABELS[value.kind]} '{value.text}'"


def _swapped(first: Value, second: Value) -> str:
    label = f"{_LABELS[first.kind]}s" if first.kind == second.kind else "values"
    return f"{label} '{first.text}' and '{second.text}' are swapped"


# Names a translation keeps as they are: "Bitcoin", "Tron", "SEPA", "TRC-20".
_ANCHOR = re.compile(r"(?<![A-Za-z0-9_-])(?:[A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,}-\d+)(?![A-Za-z0-9_-])")
# Where a clause or list item ends, in any script (not a decimal point or a time's colon).
_CLAUSE_END = re.compile(r"[,;:،؛、，；：。!?！？](?!\d)|\.(?=\s|$)")


def _ties(text: str, values: Sequence[Value], names: list[str]) -> dict[int, str]:
    """value index -> the name sharing its clause, for clauses with one value and one name."""
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(text)] + [len(text) + 1]
    ties = {}
    for start, end in pairwise(bounds):
        inside = [i for i, v in enumerate(values) if start <= v.start < end and not _is_name(v) and v.kind != "always"]
        named = [n for n in names if _count(text[start:end], n)]
        if len(inside) == 1 and len(named) == 1:
            ties[inside[0]] = named[0]
    return ties


def _count(text: str, name: str) -> int:
    return len(re.findall(rf"(?<![A-Za-z0-9_-]){re.escape(name)}(?![A-Za-z0-9_-])", text))


def _is_name(value: Value) -> bool:
    return bool(value.unit and value.unit.endswith("-"))  # "ERC-20" is a name, not an amount
