"""Glossary marks: the first use of a glossary term in each section of a text explains itself.

A term is marked as `<abbr title="definition">` (Material shows the title as
a tooltip; `tabindex="0"` lets a keyboard reach it) where a reader meets it
in running text, with these rules:

- the longest phrase wins: "hardware wallet" is one term, not "wallet";
- a term's `not_in` phrases ("email address" for "address") and the names of
  do-not-translate terms ("Harbor Exchange" for "exchange") match too, and
  mark nothing: their words are taken;
- never inside headings, admonition titles, links (buttons included), code,
  app labels (`<kbd>`) or any other inline HTML;
- once per section: a heading starts a new section, a FAQ answer is one.

Phrases are the term in the page's language, its synonyms and its required
translation (`translations:`); all but the last come from the catalogs.
Latin, Cyrillic, Arabic... phrases match whole words; an edge written in
Chinese, Japanese or Korean characters needs no word boundary (those
scripts do not separate words with spaces).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kbgen.i18n.blocks import split_markdown
from kbgen.i18n.protect import code_spans

MARKED_KINDS = frozenset({"paragraph", "list-item", "table-cell"})
# In a block's Markdown: link or image `[text](target)`, an element with its text
# (`<kbd>…</kbd>`, `<abbr>…</abbr>`), any other tag, a character reference, a URL,
# an attribute list. Their words are not running text.
_PROTECTED = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
    r"|<(kbd|abbr|code|a)\b[^>]*>.*?</\1\s*>"
    r"|<[^>\n]*>|&#?\w+;|\bhttps?://\S+|\{[^{}\n]*\}",
    re.S,
)
_SPACELESS = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]")
# A definition in the tag's attribute, as character references: HTML's quotes and brackets, and
# every character that starts Markdown (Python-Markdown reads links and code spans before raw HTML).
_ATTRIBUTE = str.maketrans({**{c: f"&#{ord(c)};" for c in "&<>\"'`\\*_[](){}!|~#:"}, "\n": " "})


@dataclass(frozen=True)
class MarkedTerm:
    id: str
    definition: str  # plain text
    phrases: tuple[str, ...]  # what marks the term
    not_in: tuple[str, ...] = ()  # what contains a phrase and marks nothing


class GlossaryMarker:
    """Marks glossary terms in Markdown text; `count` is how many marks it made."""

    def __init__(self, terms: list[MarkedTerm], names: tuple[str, ...] = ()):
        self.terms = {term.id: term for term in terms}
        owners: dict[str, str | None] = {}
        for term in sorted(terms, key=lambda t: t.id):
            for phrase in term.phrases:
                owners.setdefault(_key(phrase), term.id)
        for phrase in (*names, *(p for t in terms for p in t.not_in)):
            owners[_key(phrase)] = None  # taken words: an exclusion wins over a term with the same words
        self.owners = owners
        self.pattern = _alternation(owners)
        self.count = 0

    def mark(self, markdown: str) -> str:
        """The Markdown with the first use of each term in each section marked."""
        if self.pattern is None:
            return markdown
        pieces, last = [], 0
        seen: set[str] = set()
        for block in split_markdown(markdown):
            if block.kind == "heading":
                seen = set()
            if block.kind not in MARKED_KINDS:
                continue
            pieces += [markdown[last : block.start], self._block(markdown[block.start : block.end], seen)]
            last = block.end
        pieces.append(markdown[last:])
        return "".join(pieces)

    def _block(self, text: str, seen: set[str]) -> str:
        protected = sorted([*code_spans(text), *((m.start(), m.end()) for m in _PROTECTED.finditer(text))])
        pieces, last = [], 0
        for start, end in protected:
            if start < last:
                last = max(last, end)
                continue
            pieces += [self._running(text[last:start], seen), text[start:end]]
            last = end
        pieces.append(self._running(text[last:], seen))
        return "".join(pieces)

    def _running(self, text: str, seen: set[str]) -> str:
        def replace(match: re.Match) -> str:
            term_id = self.owners.get(_key(match.group(0)))
            if term_id is None or term_id in seen:
                return match.group(0)
            seen.add(term_id)
            self.count += 1
            title = self.terms[term_id].definition.translate(_ATTRIBUTE)
            return f'<abbr class="kb-term" title="{title}" tabindex="0">{match.group(0)}</abbr>'

        assert self.pattern is not None  # mark() marks nothing without one
        return self.pattern.sub(replace, text) if text else text


def _key(phrase: str) -> str:
    # Turkish capital İ lowercases to i and a combining dot: "İşlem" is the phrase "işlem".
    return " ".join(phrase.split()).lower().replace("i\u0307", "i")


def _alternation(phrases: Iterable[str]) -> re.Pattern | None:
    """One pattern for every phrase, the longest first where several match at one place.

    A phrase that starts in a spaced script starts a word; those phrases sit
    behind one word-start lookbehind and a lookahead for their possible first letters, so
    the alternatives are tried only where a word starts with one of them, not
    at every character (marking took most of kbgen's page rendering). Phrases
    of both groups never match at the same place: their first characters differ.
    """
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    if not ordered:
        return None
    spaced = [p for p in ordered if not _SPACELESS.match(p[0])]
    spaceless = [p for p in ordered if _SPACELESS.match(p[0])]
    groups = []
    if spaced:
        first = "".join(sorted({c for p in spaced for c in (p[0], p[0].upper(), p[0].lower())}))
        groups.append(rf"(?<!\w)(?=[{re.escape(first)}])(?:{'|'.join(map(_pattern, spaced))})")
    if spaceless:
        groups.append(f"(?:{'|'.join(map(_pattern, spaceless))})")
    return re.compile("|".join(groups), re.I)


def _pattern(phrase: str) -> str:
    body = r"\s+".join(re.escape(word) for word in phrase.split(" "))
    after = "" if _SPACELESS.match(phrase[-1]) else r"(?!\w)"
    return body + after
