"""Markdown blocks: a Markdown text cut into the units a translator translates, and joined back.

Blocks (headings, paragraphs, list items, table cells, admonition titles)
are found with the same parser that renders them; a block's source is its
inline Markdown as written, so links, emphasis and inline code stay inside
the sentence they belong to. Code blocks are never blocks.

`join_markdown` writes translations back into the original text, leaving
every byte outside the translated blocks (markers, indentation, fences,
table pipes) as the writer wrote it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.token import Token

from kbgen.content.labels import BLOCK_REF
from kbgen.content.markdown import block_parser
from kbgen.i18n.protect import code_spans
from kbgen.memo import Memo

log = logging.getLogger("kbgen.i18n")


@dataclass(frozen=True)
class Block:
    """One translatable block of a Markdown text."""

    kind: str  # heading | paragraph | list-item | table-cell | admonition-title
    source: str  # inline Markdown, whitespace-normalized
    start: int  # character offsets of the block's text in the Markdown;
    end: int  # container prefixes of the lines in between are included
    line: int  # 0-based line where the block starts
    indent: str  # what starts each further line of a translation (markers blanked)
    multiline: bool  # False: a translation must fit on one line (cells, ATX headings, titles)


# ---------------------------------------------------------------- normalizing

_WHITESPACE = re.compile(r"[ \t]*\n[ \t]*|[ \t]+")


def normalize(text: str) -> str:
    """The text with whitespace as Markdown renders it.

    Runs of spaces and line breaks become one space; a hard line break (two
    or more spaces, or a backslash, before the newline) stays a line break,
    written as two spaces and a newline or as the backslash. Inside code
    spans only line breaks become spaces: spaces in code may matter.
    """
    pieces, last = [], 0
    for start, end in code_spans(text):
        pieces.append(_normalize_prose(text[last:start]))
        pieces.append(re.sub(r"[ \t]*\n[ \t]*", " ", text[start:end]))
        last = end
    pieces.append(_normalize_prose(text[last:]))
    return "".join(pieces).strip(MD_TRIM_CHARS)


def _normalize_prose(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        if "\n" not in run:
            return " "
        if run.split("\n")[0].endswith("  "):
            return "  \n"
        before = text[: match.start()]
        if not run.startswith((" ", "\t")) and (len(before) - len(before.rstrip("\\"))) % 2 == 1:
            return "\n"  # the backslash before it makes a hard break
        return " "

    return _WHITESPACE.sub(replace, text)


def text_hash(source: str) -> str:
    """First 8 hex digits of the SHA-1 of the normalized text."""
    return hashlib.sha1(normalize(source).encode("utf-8")).hexdigest()[:8]


# ------------------------------------------------------------------ splitting


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the line in the text
    text: str  # without its line ending


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        # markdown-it reads "\r\n" as "\n": keep the "\r" out of the line's text.
        lines.append(_Line(offset, raw[:-1] if raw.endswith("\r") else raw))
        offset += len(raw) + 1
    return lines


def split_markdown(text: str) -> list[Block]:
    """The translatable blocks of a Markdown text, in document order."""
    return list(_split(text))


# Splits an earlier run kept (`recall`), each taken by `_split` the first time its text is asked for.
_RECALLED: dict[str, tuple[Block, ...]] = {}


def recall(memo: Memo, texts: Iterable[str]) -> None:
    """Have this run's `split_markdown` of `texts` from the memo (splitting, and keeping, those it lacks).

    A build splits every body before it merges the catalogs; parsing them all
    again when one changed was most of the time a translation edit took.
    """
    _RECALLED.clear()  # a long preview keeps only the last build's
    for text in texts:
        _RECALLED[text] = memo(text, lambda: _blocks(text), _encode, _decode)  # noqa: B023 (called at once)


def _encode(blocks: tuple[Block, ...]) -> list:
    return [[b.kind, b.source, b.start, b.end, b.line, b.indent, b.multiline] for b in blocks]


def _decode(kept: list) -> tuple[Block, ...]:
    return tuple(Block(*fields) for fields in kept)


@lru_cache(maxsize=4096)
def _split(text: str) -> tuple[Block, ...]:
    # Cached: a build splits each body for its segments, its translation and its
    # join in every language; blocks are immutable.
    recalled = _RECALLED.pop(text, None)
    return recalled if recalled is not None else _blocks(text)


def _blocks(text: str) -> tuple[Block, ...]:
    lines = _lines(text)
    blocks: list[Block] = []
    containers: list[str] = []
    row: list[Token] = []
    row_map: list[int] | None = None
    tokens = block_parser().parse(text)
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            containers.append(token.type)
        elif token.nesting == -1:
            containers.pop()
        if token.type == "tr_open":
            row, row_map = [], token.map
        elif token.type == "tr_close":
            blocks += _cells(lines, row_map, [cell.content for cell in row])
        elif token.type == "inline" and token.map:
            opener = tokens[index - 1]
            if opener.type in ("th_open", "td_open"):
                row.append(token)
            else:
                block = _block(lines, opener, token, containers[-2] if len(containers) > 1 else "")
                if block is not None and block.source and not BLOCK_REF.fullmatch(block.source):
                    blocks.append(block)  # `:block[id]` alone is an inclusion, not text
    return tuple(blocks)


def _block(lines: list[_Line], opener: Token, inline: Token, container: str) -> Block | None:
    """The block of one inline token, or None when there is nothing to replace."""
    assert inline.map is not None  # only inline tokens with a source map are passed
    first = inline.map[0]
    if not inline.content:
        return None  # an empty heading: nothing to translate
    if opener.type == "admonition_title_open":
        return _admonition_title(lines[first], inline.content, first)
    if opener.type == "heading_open" and opener.markup.startswith("#"):
        block = _atx_heading(lines[first], inline.content, first)
    elif opener.type == "heading_open":
        block = _paragraph(lines, first, inline.content, "heading")
    elif opener.type == "paragraph_open":
        kind = "list-item" if container == "list_item_open" else "paragraph"
        block = _paragraph(lines, first, inline.content, kind)
    else:
        return None
    if block is None:
        # Safe but visible: the English text stays in place.
        log.warning("could not locate Markdown block on line %d; it stays untranslated", first + 1)
    return block


def _paragraph(lines: list[_Line], first: int, content: str, kind: str) -> Block | None:
    """A block whose content lines are the ends of its source lines, one each."""
    parts = content.split("\n")
    regions = []
    for k, part in enumerate(parts):
        line = lines[first + k]
        last = k == len(parts) - 1
        text = line.text.rstrip(MD_TRIM_CHARS) if last else line.text
        want = part.lstrip(" \t")
        if not text.endswith(want):
            return None
        regions.append((line.start + len(text) - len(want), line.start + len(text)))
    start, end = regions[0][0], regions[-1][1]
    prefix = lines[first].text[: start - lines[first].start]
    source = "\n".join(_slice(lines, first + k, region) for k, region in enumerate(regions))
    return Block(kind, normalize(source), start, end, first, _blank_markers(prefix), True)


def _slice(lines: list[_Line], number: int, region: tuple[int, int]) -> str:
    line = lines[number]
    return line.text[region[0] - line.start : region[1] - line.start]


def _blank_markers(prefix: str) -> str:
    """The prefix of a continuation line: list markers become spaces, `>` stays."""
    return re.sub(r"[^\s>]", " ", prefix)


def _atx_heading(line: _Line, content: str, number: int) -> Block | None:
    opening = re.match(r"[^#]*#{1,6}[ \t]*", line.text)
    at = line.text.find(content, opening.end()) if opening else -1
    if at < 0:
        return None
    start = line.start + at
    return Block("heading", normalize(content), start, start + len(content), number, "", False)


def _admonition_title(line: _Line, title: str, number: int) -> Block | None:
    # MkDocs only shows a quoted title (`!!! note "Title"`): an unquoted or
    # default one is not in the source, so there is nothing to replace.
    first, last = line.text.find('"'), line.text.rfind('"')
    if first < 0 or last <= first or line.text[first + 1 : last] != title:
        return None
    start = line.start + first + 1
    return Block("admonition-title", normalize(title), start, start + len(title), number, "", False)


def _cells(lines: list[_Line], row_map: list[int] | None, contents: list[str]) -> list[Block]:
    """The non-empty cells of one table row, located on the row's line."""
    if not row_map:
        return []
    number = row_map[0]
    line = lines[number]
    for begin in _row_starts(line.text):
        cells = _split_row(line.text, begin)
        if _cells_match(line.text, cells, contents):
            return [
                Block("table-cell", normalize(line.text[a:b]), line.start + a, line.start + b, number, "", False)
                for a, b in cells[: len(contents)]
                if b > a
            ]
    log.warning("could not locate table row on line %d; it stays untranslated", number + 1)
    return []


def _row_starts(text: str) -> Iterator[int]:
    """Where the row may begin: after a container prefix (spaces, `>`, a list marker)."""
    for position, char in enumerate(text):
        if not char.isspace() and (position == 0 or text[position - 1] in " \t>"):
            yield position
        if char not in " \t>-+*.)0123456789":
            return


def _split_row(text: str, begin: int) -> list[tuple[int, int]]:
    """Cell regions (trimmed) as markdown-it's escapedSplit finds them."""
    end = len(text.rstrip(MD_TRIM_CHARS))
    pieces, last, escaped = [], begin, False
    for position in range(begin, end):
        if text[position] == "|" and not escaped:
            pieces.append((last, position))
            last = position + 1
        escaped = text[position] == "\\"
    pieces.append((last, end))
    if pieces and pieces[0][0] == pieces[0][1]:
        pieces.pop(0)
    if pieces and pieces[-1][0] == pieces[-1][1]:
        pieces.pop()
    return [_trim(text, a, b) for a, b in pieces]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in MD_TRIM_CHARS:
        a += 1
    while b > a and text[b - 1] in MD_TRIM_CHARS:
        b -= 1
    return a, b


def _cells_match(text: str, cells: list[tuple[int, int]], contents: list[str]) -> bool:
    found = [text[a:b].replace("\\|", "|") for a, b in cells[: len(contents)]]
    found += [""] * (len(contents) - len(found))  # markdown-it fills short rows
    return found == contents


# -------------------------------------------------------------------- joining

# A line start that would turn translated text into a heading, quote, list,
# rule, fence or admonition: its first character gets a backslash.
_BLOCK_START = re.compile(
    r"(?:#{1,6}(?=[ \t]|$)|>|[-+*](?=[ \t]|$)|(?:=+|-+|\*{3,}|_{3,})[ \t]*$|`{3,}|~{3,}|!!!|\?\?\?)"
)
_ORDERED_START = re.compile(r"(\d{1,9})([.)])(?=[ \t]|$)")


def join_markdown(text: str, translations: Mapping[str, str]) -> str:
    """The Markdown with each block's source replaced by its translation.

    `translations` maps a block's (normalized) source to its translation; a
    block without one, or whose translation equals its source, keeps its
    original bytes.
    """
    pieces, last = [], 0
    for block in split_markdown(text):
        translation = translations.get(block.source)
        if not translation or not translation.strip() or translation == block.source:
            continue
        pieces += [text[last : block.start], _fit(block, translation)]
        last = block.end
    pieces.append(text[last:])
    return "".join(pieces)


def _fit(block: Block, translation: str) -> str:
    """The translation written so that it stays the same kind of block."""
    if not block.multiline:
        line = re.sub(r"\s*\n\s*", " ", translation.strip(MD_TRIM_CHARS))
        if block.kind == "table-cell":
            # A bare pipe would start a new cell; a final backslash would escape the closing one.
            line = re.sub(r"(?<!\\)\|", r"\\|", line)
            return line + " " if line.endswith("\\") else line
        if block.kind == "heading":
            return re.sub(r"(^|\s)(#+)$", r"\1\\\2", line)  # not a closing sequence
        return line
    # Trailing spaces stay: two of them before a newline are a hard break.
    lines = [line.lstrip(" \t") for line in translation.strip(MD_TRIM_CHARS).split("\n")]
    return ("\n" + block.indent).join(_escape_block_start(line) for line in lines if line.strip())


def _escape_block_start(line: str) -> str:
    if _BLOCK_START.match(line):
        return "\\" + line
    return _ORDERED_START.sub(r"\1\\\2", line, count=1) if _ORDERED_START.match(line) else line
