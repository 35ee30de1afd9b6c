"""Span-only edits: a change to an amount, URL, link target or code in the English
source, applied to every translation in the translation's own form.

The most common edit a support team makes is a changed number ("30 minutes"
-> "15 minutes"). The words around it did not change, so a translator has
nothing to do, and fifteen reviewed translations must not be marked outdated
or fail QA for it. `span_changes` finds such an edit; `rewrite` applies it to
a translation, finding the old value in the locale's own form (`30`, `３０`,
`٣٠`, `0,5`, `1.000`) and writing the new value in that same form. When the
translation is ambiguous (the old value occurs more or fewer times than in the
source, or spans were added or removed) nothing is rewritten and the entry
becomes outdated as before.

`rewrite` is the one mechanism for changing a protected value in every
catalog: moving an article rewrites its link targets with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import get_decimal_symbol, get_group_symbol

from kbgen.i18n.protect import find_spans

CARRIED = "kbgen: carried over"


@dataclass(frozen=True)
class Change:
    """One protected value of the source that changed: `kind` as `protect` names it."""

    kind: str
    old: str
    new: str
    old_kind: str = ""  # when the value changed kind: inline code `Withdraw` became the app label :ui[withdraw]

    @property
    def found_as(self) -> str:
        return self.old_kind or self.kind


def span_changes(old_source: str, new_source: str) -> list[Change] | None:
    """The protected values that changed from `old_source` to `new_source`.

    None when anything else changed: words, or the number, order or kinds of
    the spans. An empty list when nothing changed at all.
    """
    old_spans, new_spans = find_spans(old_source), find_spans(new_source)
    if len(old_spans) != len(new_spans) or _outside(old_source, old_spans) != _outside(new_source, new_spans):
        return None
    changes = []
    for old, new in zip(old_spans, new_spans, strict=True):
        if (old.kind, new.kind) == ("code", "ui-label"):
            changes.append(Change(new.kind, old.text, new.text, old.kind))
        elif old.kind != new.kind:
            return None
        elif old.text != new.text:
            changes.append(Change(old.kind, old.text, new.text))
    return changes


def _outside(text: str, spans) -> tuple[str, ...]:
    """The text between the spans, whitespace-normalized: what a translator translated."""
    pieces, last = [], 0
    for span in spans:
        pieces.append(text[last : span.start])
        last = span.end
    pieces.append(text[last:])
    return tuple(re.sub(r"\s+", " ", piece) for piece in pieces)


def describe(changes: Sequence[Change]) -> str:
    """The translator comment: `kbgen: carried over 30 -> 15`."""
    return f"{CARRIED} " + ", ".join(f"{c.old} -> {c.new}" for c in changes)


def rewrite(translation: str, changes: Sequence[Change], locale: str, source: str | None = None) -> str | None:
    """The translation with every change applied, each value in the translation's own form.

    With `source` (the English text the changes were made to), each old value
    must occur in the translation exactly as often as in the source, and every
    occurrence in the source must change the same way; otherwise the result is
    None (ambiguous: a translator must look). Without it, every occurrence is
    rewritten (a link target renamed everywhere).
    """
    edits: dict[tuple[int, int], str] = {}
    for change in changes:
        if source is not None and not _consistent(change, changes, source):
            return None
        found = _occurrences(translation, change.found_as, change.old, locale)
        if source is not None and len(found) != len(_occurrences(source, change.found_as, change.old, "en")):
            return None
        for start, end in found:  # a value changed twice changes the same way (checked above)
            edits[(start, end)] = _in_form(change, translation[start:end], locale)
    if not edits:
        return None if changes else translation
    result, last = [], 0
    for (start, end), value in sorted(edits.items()):
        if start < last:
            return None  # overlapping occurrences: not a value we can place
        result += [translation[last:start], value]
        last = end
    result.append(translation[last:])
    return "".join(result)


def _consistent(change: Change, changes: Sequence[Change], source: str) -> bool:
    """Every occurrence of the old value in the source changed, and to the same new value."""
    same = [c for c in changes if c.found_as == change.found_as and _same(c, change)]
    if any(c.new != change.new for c in same):
        return False
    return len(same) == len(_occurrences(source, change.found_as, change.old, "en"))


def _same(a: Change, b: Change) -> bool:
    if a.found_as == "number":
        return number_value(a.old, "en") == number_value(b.old, "en")
    return a.old == b.old


def _occurrences(text: str, kind: str, old: str, locale: str) -> list[tuple[int, int]]:
    """Where `text` holds the value `old` (English form) of this kind: numbers by value, in any form."""
    if kind != "number":
        return [(s.start, s.end) for s in find_spans(text) if s.kind == kind and s.text == old]
    wanted = number_value(old, "en")
    others = [(s.start, s.end) for s in find_spans(text) if s.kind != "number"]  # digits of a URL are not amounts
    return [
        m.span()
        for m in _NUMBER.finditer(text)
        if wanted is not None
        and number_value(m.group(0), locale) == wanted
        and not any(a < m.end() and m.start() < b for a, b in others)
    ]


# ---------------------------------------------------------------- numbers

# Separators locales write: ASCII, apostrophe (de-CH), no-break and thin
# spaces (fr, ru), Arabic decimal and thousands marks, full-width comma and stop.
_MARKS = ".,'\u066b\u066c\uff0c\uff0e"
_SPACES = " \u00a0\u202f\u2009"
_NUMBER = re.compile(rf"(?<![A-Za-z_\d])(?<!\d[{_MARKS}])\d+(?:[{_MARKS}]\d+|[{_SPACES}]\d{{3}}(?!\d))*(?![A-Za-z_\d])")
_ALWAYS_DECIMAL = "\u066b"
_ALWAYS_GROUP = "'\u066c" + _SPACES
_FULLWIDTH = {".": "\uff0e", ",": "\uff0c"}


def number_value(text: str, locale: str) -> Decimal | None:
    """The value of a number as `locale` writes it (`1.000,5` in German is 1000.5), any script's digits."""
    integer, fraction = _parts(text, locale)
    try:
        return Decimal(f"{integer or '0'}.{fraction or '0'}")
    except InvalidOperation:
        return None


def _parts(text: str, locale: str) -> tuple[str, str]:
    """(integer digits, fraction digits) in ASCII."""
    marks = [(i, ch) for i, ch in enumerate(text) if unicodedata.decimal(ch, None) is None]
    decimal_at = _decimal_mark(text, marks, locale)
    digits = "".join(str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch for ch in text)
    if decimal_at is None:
        return re.sub(r"\D", "", digits), ""
    return re.sub(r"\D", "", digits[:decimal_at]), re.sub(r"\D", "", digits[decimal_at + 1 :])


def _decimal_mark(text: str, marks: list[tuple[int, str]], locale: str) -> int | None:
    """Where the decimal separator is, or None: decided by the marks used and the locale's symbol."""
    if not marks:
        return None
    at, last = marks[-1]
    if last in _ALWAYS_DECIMAL:
        return at
    if last in _ALWAYS_GROUP:
        return None
    folded = unicodedata.normalize("NFKC", last)
    if len({unicodedata.normalize("NFKC", ch) for _, ch in marks}) > 1:
        return at  # 1.000,5 / 1,000.5: the last, different mark is the decimal one
    if len(marks) > 1 or len(text) - at - 1 == 3:
        # 1,000,000 groups; 1,000 or 1.000 is grouped unless that is the locale's decimal mark
        return at if len(marks) == 1 and folded == get_decimal_symbol(locale) else None
    return at  # 0.5 / 0,5 / 12.25: one mark not followed by three digits


def _in_form(change: Change, found: str, locale: str) -> str:
    """The new value written as the translation wrote the old one (digits, separators)."""
    if change.kind != "number":
        return change.new
    zero = next(
        (chr(ord(ch) - unicodedata.decimal(ch)) for ch in found if unicodedata.decimal(ch, None) is not None), "0"
    )
    decimal_sym, group_sym = _symbols(found, locale, zero)
    integer, fraction = _english_parts(change.new)
    digits = str.maketrans("0123456789", "".join(chr(ord(zero) + n) for n in range(10)))
    text = group_sym.join(integer) + (decimal_sym + fraction if fraction else "")
    return text.translate(digits)


def _english_parts(number: str) -> tuple[list[str], str]:
    """`1,500.25` -> (["1", "500"], "25"): the groups as the writer grouped them."""
    integer, _, fraction = number.partition(".")
    return [group for group in re.split(r"[,\s]", integer) if group], fraction


def _symbols(found: str, locale: str, zero: str) -> tuple[str, str]:
    """The decimal and group marks the translation uses, else the locale's (CLDR, via Babel)."""
    system = {"\u0660": "arab", "\u06f0": "arabext"}.get(zero, "latn")
    decimal_sym = get_decimal_symbol(locale, numbering_system=system)
    group_sym = get_group_symbol(locale, numbering_system=system)
    if zero == "\uff10":  # full-width digits take full-width marks
        decimal_sym, group_sym = _FULLWIDTH.get(decimal_sym, decimal_sym), _FULLWIDTH.get(group_sym, group_sym)
    marks = [(i, ch) for i, ch in enumerate(found) if unicodedata.decimal(ch, None) is None]
    decimal_at = _decimal_mark(found, marks, locale)
    for at, mark in marks:
        if at == decimal_at:
            decimal_sym = mark
        else:
            group_sym = mark
    return decimal_sym, group_sym
