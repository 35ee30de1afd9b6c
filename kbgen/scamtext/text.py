"""Markdown or plain text cut into sentences that remember their lines.

The lint reads text as a reader does: link targets are part of the
sentence that holds the link, emphasis and code marks are dropped, a long
quotation ("Send 0.1 BTC and get 0.2 BTC back") is reported speech and not
an instruction, and the items of a list under "We will never ask you to:"
are read with that intro's negation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from kbgen.scamtext import lexicon
from kbgen.scamtext.contacts import ContactPoint, contact_points

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_ADMONITION = re.compile(r"^\s*[!?]{3}\+?\s*[\w-]+(?:\s+\"(.*)\")?\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_MARKER_LINE = re.compile(r"^\s*\[//\]:\s*#")
_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_EXTERNAL = re.compile(r"^(?:https?://|mailto:|tel:|www\.)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”»)]*\s+(?=\S)|(?<=[。！？])\s*")
# Clauses end at punctuation and at the words that start a purpose or a threat ("so that your account is not
# closed", "agar akun tidak diblokir"): a negation there says nothing about the request before it.
_SUBORDINATE = (
    r"\s(?:so that|or else|otherwise|unless|to avoid|damit|sonst|afin de|afin que|pour que|sinon|para que|para evitar|"
    r"senão|affinché|altrimenti|per evitare|чтобы|иначе|щоб|інакше|yoksa|aksi halde|agar|supaya|nếu không|để tránh)\s|"
    r"以免|否则|否則|않도록|않으면"
)
_CLAUSE = re.compile(r"[,;:()\[\]—–，；：،؛]|\s-\s|" + _SUBORDINATE, re.IGNORECASE)
_CLAUSE_JA = re.compile(
    r"[,;:()\[\]—–，；：、]|\s-\s|" + _SUBORDINATE, re.IGNORECASE
)  # in Japanese 、 is a comma; in Chinese it lists nouns
_QUOTE = re.compile(
    r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|«[^»\n]{1,300}»|„[^“”\n]{1,300}[“”]|「[^」\n]{1,300}」|『[^』\n]{1,300}』"
)


@dataclass
class Sentence:
    plain: str  # as read: Markdown marks dropped, link texts kept
    masked: str  # long quotations replaced by a placeholder
    clauses: list[str]
    contacts: list[ContactPoint]  # in the text and in link targets
    line: int  # 1-based line where the sentence starts
    inherited: bool = False  # a list item under a negated intro
    lines: list[tuple[int, int]] = field(default_factory=list)  # (offset in plain, line) where each line starts

    def line_of(self, offset: int) -> int:
        return max((line for start, line in self.lines if start <= offset), default=self.line)


@dataclass
class _Block:
    kind: str  # heading | item | paragraph
    parts: list[tuple[int, str, list[tuple[int, str]]]] = field(default_factory=list)  # (line, text, links)


def sentences(text: str, lang: str) -> list[Sentence]:
    """The sentences of `text`, in order; lists under a negated intro are marked `inherited`."""
    found: list[Sentence] = []
    negated_intro = False
    for block in _blocks(text):
        joined, starts, links = _join(block)
        if block.kind == "item":
            inherited = negated_intro
        else:
            inherited = False
            ends_intro = block.kind == "heading" or joined.rstrip().endswith(":")
            neg = lexicon.words(lang, "neg")
            negated_intro = ends_intro and bool(neg and neg.search(_mask(joined)))
        found += _split(joined, starts, links, inherited, lang)
    return found


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    fenced = False
    for number, raw in enumerate(text.split("\n"), 1):
        if _FENCE.match(raw):
            fenced, current = not fenced, None
            continue
        if fenced or _MARKER_LINE.match(raw):
            continue
        if not raw.strip():
            current = None
            continue
        admonition = None if _HEADING.match(raw) else _ADMONITION.match(raw)
        if admonition or _HEADING.match(raw):
            title = (admonition.group(1) or "") if admonition else _HEADING.sub("", raw)
            blocks.append(_Block("heading", [_part(number, title)]))
            current = None
            continue
        if _ITEM.match(raw):
            current = _Block("item", [_part(number, _ITEM.sub("", raw))])
            blocks.append(current)
            continue
        if current is None:
            current = _Block("paragraph")
            blocks.append(current)
        current.parts.append(_part(number, raw.strip().strip("|").replace("|", " ; ")))
    return blocks


def _part(number: int, raw: str) -> tuple[int, str, list[tuple[int, str]]]:
    """One line with its Markdown marks dropped, and the external link targets with where their text now starts."""
    links: list[tuple[int, str]] = []
    out: list[str] = []
    position = 0
    raw = _AUTOLINK.sub(lambda m: m.group(1).removeprefix("mailto:"), raw)
    for match in _LINK.finditer(raw):
        out.append(raw[position : match.start()])
        if _EXTERNAL.match(match.group(2)):
            links.append((sum(map(len, out)), re.sub(r"^(?:mailto:|tel:)", "", match.group(2), flags=re.IGNORECASE)))
        out.append(match.group(1))
        position = match.end()
    out.append(raw[position:])
    text = "".join(out)
    # Drop emphasis and code marks; offsets of links shift a little, which only matters for their line (unchanged).
    text = re.sub(r"\*\*|__|`", "", text)
    return number, text, links


def _join(block: _Block) -> tuple[str, list[tuple[int, int]], list[tuple[int, str]]]:
    text, starts, links = "", [], []
    for number, part, part_links in block.parts:
        if text:
            text += " "
        starts.append((len(text), number))
        links += [(len(text) + offset, target) for offset, target in part_links]
        text += part
    return text, starts, links


def _split(
    text: str, starts: list[tuple[int, int]], links: list[tuple[int, str]], inherited: bool, lang: str
) -> list[Sentence]:
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    result = []
    for a, b in pairwise(bounds):
        plain = text[a:b]
        if not plain.strip():
            continue
        lines = [(max(start - a, 0), line) for start, line in starts if start < b]
        lines = [(offset, line) for offset, line in lines if offset > 0 or line == max(n for o, n in lines if o == 0)]
        masked = _mask(plain)
        points = contact_points(plain)
        for offset, target in links:
            if a <= offset < b or (offset == b and b == len(text)):
                points += [ContactPoint(p.kind, p.value, offset - a, offset - a) for p in contact_points(target)]
        sentence = Sentence(
            plain,
            masked,
            [c for c in (_CLAUSE_JA if lang == "ja" else _CLAUSE).split(masked) if c.strip()],
            points,
            lines[0][1] if lines else 1,
            inherited,
            lines,
        )
        sentence.line = sentence.line_of(0)
        result.append(sentence)
    return result


_POLITE = re.compile(
    r",\s*(please|kindly|bitte|por favor|s'il vous plaît|per favore|пожалуйста|будь ласка|lütfen|mohon|"
    r"vui lòng|من فضلك)\s*,",
    re.IGNORECASE,
)


def _mask(text: str) -> str:
    """Long quotations are reported speech ("Send 0.1 BTC and get 0.2 BTC back"); short ones are labels and stay."""

    def replace(match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1]
        long_quote = len(inner.split()) >= 4 or (" " not in inner and len(inner) >= 10)
        return " «…» " if long_quote else inner

    return _POLITE.sub(r" \1 ", _QUOTE.sub(replace, text))  # "Продиктуйте, пожалуйста, код": one clause
