"""Protected spans: the parts of a segment that a translation must keep as they are.

Inline code, URLs, link targets, e-mail addresses, numbers, crypto addresses,
transaction hashes, placeholders and do-not-translate terms carry meaning a
translator (or an engine) must not change. `mask` swaps them for `[[C0]]`,
`[[C1]]`... before a machine translates (Apertium passes these through;
SentencePiece would mangle underscores and identifiers), `unmask` puts them
back, and `compare_spans` tells a reviewer what a finished translation lost
or added.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kbgen.content.labels import LABEL_PATTERN
from kbgen.errors import KbgenError


@dataclass(frozen=True)
class Span:
    kind: str  # code | link-target | url | email | placeholder | hash | address | term | number
    text: str
    start: int
    end: int


class MaskError(KbgenError):
    """A masked translation lost, repeated or garbled a placeholder."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


# When two candidates cover exactly the same text, the earlier kind names it.
KINDS = ("ui-label", "code", "link-target", "url", "email", "placeholder", "hash", "address", "term", "number")
_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
LABELS = {
    "ui-label": "app label",
    "code": "code",
    "link-target": "link target",
    "url": "URL",
    "email": "e-mail address",
    "placeholder": "placeholder",
    "hash": "transaction hash",
    "address": "address",
    "term": "term",
    "number": "amount",
}

_B58 = "1-9A-HJ-NP-Za-km-z"
# Word boundaries in ASCII: Chinese and Japanese put no space between a number
# or a Latin name and the text around it, and Python's \w includes their letters.
_W = r"[A-Za-z0-9_]"
_URL_CHARS = r"(?:(?![<>\"'`\[\]])[\x21-\x7e])"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # `:ui[withdraw]`: the app's own label, shown in each language's form by the site.
    ("ui-label", re.compile(f"(?P<x>{LABEL_PATTERN})")),
    # Only the target: the link text is what the reader sees and is translated.
    (
        "link-target",
        re.compile(
            r"\]\((?P<x><[^<>\n]+>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)"
            r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
        ),
    ),
    ("link-target", re.compile(r"\]\[(?P<x>[^\]\n]+)\]")),
    # URLs are ASCII (IRIs arrive percent-encoded): a URL ends where Chinese or Arabic text begins.
    ("url", re.compile(rf"(?P<x>(?:https?://|mailto:){_URL_CHARS}+|(?<![\w/.@-])www\.{_URL_CHARS}+)")),
    ("email", re.compile(r"(?<![\w.+-])(?P<x>[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})(?![\w-])")),
    (
        "placeholder",
        re.compile(
            r"(?P<x>%\([A-Za-z_]\w*\)[#0 +-]?\d*(?:\.\d+)?[diouxXeEfFgGcrs]|(?<![\w%])%[sd]"
            r"|\{[A-Za-z_]\w*\}|\{\d+\}|\[\[C\d+\]\])"
        ),
    ),
    ("hash", re.compile(rf"(?<!{_W})(?P<x>(?:0x)?[0-9a-fA-F]{{64}})(?!{_W})")),
    ("address", re.compile(rf"(?<!{_W})(?P<x>0x[0-9a-fA-F]{{40}})(?!{_W})")),
    ("address", re.compile(rf"(?<!{_W})(?P<x>(?i:bc1|tb1|ltc1)[02-9ac-hj-np-zAC-HJ-NP-Z]{{8,87}})(?!{_W})")),
    # Base58 (bitcoin legacy 1.../3..., Litecoin L/M, Tron T..., XRP r...):
    # demand a letter and a digit so that no long English word qualifies.
    (
        "address",
        re.compile(
            rf"(?<!{_W})(?P<x>(?=\w*[A-Za-z])(?=\w*[1-9])(?:[13LM][{_B58}]{{25,34}}|T[{_B58}]{{33}}|r[{_B58}]{{24,34}}))(?!{_W})"
        ),
    ),
    # Numbers as English writes them and as locales reformat them: 1,000 /
    # 1.000 / 1 000 (also no-break and thin spaces) / 0.5 / 0,5, any script's
    # digits. Units and % stay outside, so a locale may write "25 %".
    (
        "number",
        re.compile(
            r"(?<![A-Za-z_\d.,])(?P<x>\d{1,3}(?:[,.'\u00a0\u202f\u2009\u066c ]\d{3})+(?:[.,\u066b]\d+)?"
            r"|\d+(?:[.,\u066b]\d+)?)(?![A-Za-z_\d]|[.,]\d)"
        ),
    ),
)
_URL_TRAILING = ".,;:!?*_~'\""
_PLACEHOLDER = re.compile(r"\[\[C(\d+)\]\]")
# What engines make of a placeholder: spaces, lower case, full-width brackets.
_LOOSE_PLACEHOLDER = re.compile(r"[\[［【]+\s*[Cc]\s*(\d+)\s*[\]］】]+")
_CODE_MARK = re.compile(r"[`\\]")  # where a code span may open, or a backslash escape one
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def code_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each inline code span, backticks included (CommonMark rules).

    A run of n backticks opens a span closed by the next run of exactly n;
    an escaped backtick outside code opens nothing.
    """
    spans: list[tuple[int, int]] = []
    if "`" not in text:
        return spans  # most texts: nothing to scan (it runs for every block, label and translation)
    i, n = 0, len(text)
    while (mark := _CODE_MARK.search(text, i)) is not None:
        i = mark.start()
        if text[i] == "\\":
            i += 2 if i + 1 < n and text[i + 1] in _ASCII_PUNCT else 1
            continue
        opener_end = _run_end(text, i)
        close = _closing_run(text, opener_end, opener_end - i)
        if close is None:
            i = opener_end
        else:
            spans.append((i, close))
            i = close
    return spans


def _run_end(text: str, i: int) -> int:
    while i < len(text) and text[i] == "`":
        i += 1
    return i


def _closing_run(text: str, i: int, length: int) -> int | None:
    while (i := text.find("`", i)) >= 0:
        end = _run_end(text, i)
        if end - i == length:
            return end
        i = end
    return None


def find_spans(text: str, keep_terms: Sequence[str] = ()) -> list[Span]:
    """Every protected span, non-overlapping, in order; the longest candidate wins."""
    return list(_find_spans(text, tuple(keep_terms)))


@lru_cache(maxsize=65536)
def _find_spans(text: str, keep_terms: tuple[str, ...]) -> tuple[Span, ...]:
    # Cached: every language's QA and build look at the same English sources.
    candidates = [Span("code", text[s:e], s, e) for s, e in code_spans(text)]
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span("x")
            if kind == "url":
                end = start + len(_trim_url(text[start:end]))
            candidates.append(Span(kind, text[start:end], start, end))
    candidates.extend(_term_spans(text, keep_terms))
    chosen: list[Span] = []
    for span in sorted(candidates, key=lambda s: (s.start - s.end, _RANK[s.kind], s.start)):
        if not any(span.start < other.end and other.start < span.end for other in chosen):
            chosen.append(span)
    return tuple(sorted(chosen, key=lambda s: s.start))


def _trim_url(url: str) -> str:
    """A URL without the sentence punctuation or closing parenthesis after it."""
    while url:
        if url[-1] in _URL_TRAILING or url[-1] == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        else:
            break
    return url


def _term_spans(text: str, keep_terms: Sequence[str]) -> list[Span]:
    spans = []
    for term in {t for t in keep_terms if t.strip()}:
        # Lookarounds rather than \b: a term may begin or end with punctuation ("C++").
        for match in re.finditer(rf"(?<!{_W}){re.escape(term)}(?!{_W})", text):
            spans.append(Span("term", term, match.start(), match.end()))
    return spans


def mask(text: str, keep_terms: Sequence[str] = ()) -> tuple[str, list[Span]]:
    """The text with span i replaced by `[[Ci]]`, and the spans to restore."""
    spans = find_spans(text, keep_terms)
    pieces, last = [], 0
    for number, span in enumerate(spans):
        pieces += [text[last : span.start], f"[[C{number}]]"]
        last = span.end
    pieces.append(text[last:])
    return "".join(pieces), spans


def unmask(masked: str, spans: list[Span]) -> str:
    """Put the spans back; MaskError unless every placeholder survived exactly once."""
    problems = _placeholder_problems(masked, len(spans))
    if problems:
        raise MaskError(problems)
    return _PLACEHOLDER.sub(lambda m: spans[int(m.group(1))].text, masked)


def _placeholder_problems(masked: str, count: int) -> list[str]:
    exact = Counter(int(m.group(1)) for m in _PLACEHOLDER.finditer(masked))
    # Every look-alike counts, so a garbled second copy is a duplicate too.
    loose = Counter(int(m.group(1)) for m in _LOOSE_PLACEHOLDER.finditer(masked))
    garbled = {
        int(m.group(1)): m.group(0)
        for m in _LOOSE_PLACEHOLDER.finditer(masked)
        if not _PLACEHOLDER.fullmatch(m.group(0))
    }
    problems = []
    for number in range(count):
        if loose[number] > 1:
            problems.append(f"placeholder [[C{number}]] appears {loose[number]} times")
        elif exact[number] == 0 and number in garbled:
            problems.append(f"placeholder [[C{number}]] is garbled as '{garbled[number]}'")
        elif loose[number] == 0:
            problems.append(f"placeholder [[C{number}]] is missing")
    problems += [f"unknown placeholder [[C{number}]]" for number in sorted(loose) if number >= count]
    return problems


def compare_spans(
    source: str, translation: str, keep_terms: Sequence[str] = (), ignore: Collection[str] = ()
) -> list[str]:
    """What the translation lost or added among the source's protected spans.

    Spans are compared as multisets per kind; numbers by their digits only,
    so '1,000' matches a locale's '1.000' or '1 000', and '0.5' matches '0,5'.
    Kinds in `ignore` are left to another comparison (QA reads numbers as values).
    """
    wanted = _keyed([s for s in find_spans(source, keep_terms) if s.kind not in ignore])
    found = _keyed([s for s in find_spans(translation, keep_terms) if s.kind not in ignore])
    differences = []
    for key, (text, count) in wanted.items():
        missing = count - found.get(key, ("", 0))[1]
        if missing > 0:
            differences.append(_message(key[0], text, missing, extra=False))
    for key, (text, count) in found.items():
        extra = count - wanted.get(key, ("", 0))[1]
        if extra > 0:
            differences.append(_message(key[0], text, extra, extra=True))
    return differences


def _keyed(spans: list[Span]) -> dict[tuple[str, str], tuple[str, int]]:
    """(kind, comparison key) -> (text of the first occurrence, count), in text order."""
    keyed: dict[tuple[str, str], tuple[str, int]] = {}
    for span in spans:
        key = (span.kind, _digits(span.text) if span.kind == "number" else span.text)
        text, count = keyed.get(key, (span.text, 0))
        keyed[key] = (text, count + 1)
    return keyed


def _digits(number: str) -> str:
    """The digits of a number in ASCII, whatever the script and separators."""
    return "".join(str(unicodedata.decimal(ch)) for ch in number if unicodedata.decimal(ch, None) is not None)


def _message(kind: str, text: str, count: int, extra: bool) -> str:
    label = LABELS[kind]
    if extra:
        message = f"extra {label} '{text}'"
    elif kind == "number":
        message = f"{label} '{text}' changed or missing"
    else:
        message = f"{label} '{text}' is missing"
    return message if count == 1 else f"{message} ({count} times)"
