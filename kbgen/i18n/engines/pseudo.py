"""Pseudo-localization: English that looks translated, to test a site before real translations exist.

`Reset your password` becomes `[Ŕéšéţ ýóúŕ ƥáššŵóŕđ ···]`: accents show text that
skipped translation (it stays plain ASCII), the padding shows layouts that break
when a language runs ~30% longer, and the brackets show truncation. Anything a
translation must keep verbatim is left alone, so QA checks pass on the output.
"""

from __future__ import annotations

import re

from kbgen.languages import Language

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "áƀçđéƒĝĥíĵķĺɱñóƥǫŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤǪŔŠŢÚṼŴẊÝŽ"
_ACCENTS = str.maketrans(_PLAIN, _ACCENTED)

# Spans copied verbatim: the caller's placeholders, code spans and fences (any
# number of backticks), Markdown link targets and reference labels, HTML tags and
# entities, and format placeholders in theme strings.
_PROTECTED = re.compile(
    r"\[\[C\d+\]\]"
    r"|(?P<ticks>`+).*?(?P=ticks)"
    r"|\]\([^)]*\)"
    r"|\]\[[^\]]*\]"
    r"|<[^<>\n]*>"
    r"|&#?\w+;"
    r"|\{[^{}\s]*\}"
    r"|%\(\w+\)[sd]",
    re.DOTALL,
)
# Markdown block markers stay in front of the opening bracket so a heading or list
# item is still one after pseudo-localization.
_BLOCK_MARKERS = re.compile(r"\s*(?:(?:#{1,6}|[-*+]|\d+[.)]|>)\s+)*")
_GROWTH = 0.3  # translations often run this much longer than English
_PAD = "·"


def accent(text: str) -> str:
    """Accent every Latin letter outside protected spans."""
    parts: list[str] = []
    last = 0
    for match in _PROTECTED.finditer(text):
        parts.append(text[last : match.start()].translate(_ACCENTS))
        parts.append(match.group())
        last = match.end()
    parts.append(text[last:].translate(_ACCENTS))
    return "".join(parts)


def pseudo_localize(text: str) -> str:
    """Accented, padded and bracketed; whitespace-only text is returned unchanged."""
    if not text.strip():
        return text
    markers = _BLOCK_MARKERS.match(text)
    assert markers is not None  # the pattern matches the empty string
    lead = markers.group()
    trail = text[len(text.rstrip()) :]
    body = text[len(lead) : len(text) - len(trail)]
    # Brackets and the space count toward the growth, so short strings get one pad mark.
    pad = _PAD * max(1, round(len(text) * _GROWTH) - 3)
    return f"{lead}[{accent(body)} {pad}]{trail}"


class PseudoEngine:
    """Deterministic and offline: the same text gives the same output for every language."""

    name = "pseudo"

    def translate(self, texts: list[str], target: Language) -> list[str]:
        return [pseudo_localize(text) for text in texts]
