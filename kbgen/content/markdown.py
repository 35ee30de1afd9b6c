"""What kbgen needs to know about a Markdown text: its links and raw HTML.

Parsing uses markdown-it-py (CommonMark plus tables); line numbers are
0-based offsets into the text, which the caller adds to the line where the
text starts in its YAML file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin


@dataclass(frozen=True)
class Link:
    target: str
    offset: int  # line offset from the start of the text


@dataclass(frozen=True)
class RawHtml:
    html: str
    offset: int


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The shared parser: CommonMark with tables and MkDocs-style admonitions.

    It analyses, never renders: every link is kept (even `javascript:`, which
    markdown-it would silently drop) so that checks can report it.
    """
    md = MarkdownIt("commonmark").enable("table").use(admon_plugin)
    # markdown-it's documented way to keep every link; mypy refuses any assignment to a method.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """The shared parser without inline parsing: the block structure only (headings, paragraphs, lists, tables).

    Its block tokens (types, source maps, inline content as written) are the
    shared parser's; finding a body's blocks does not need their links and
    emphasis, and skipping them takes about 40% off each parse.
    """
    return MarkdownIt("commonmark").enable("table").use(admon_plugin).disable("inline")


def _walk(tokens: list[Token], offset: int = 0) -> Iterator[tuple[Token, int]]:
    for token in tokens:
        line = token.map[0] if token.map else offset
        yield token, line
        if token.children:
            yield from _walk(token.children, line)


def links(text: str) -> list[Link]:
    """Every link and image target in the text, on the line where it is written."""
    return list(analysis(text)[0])


def raw_html(text: str) -> list[RawHtml]:
    """Raw HTML written into the text (which content may not contain)."""
    return list(analysis(text)[1])


@lru_cache(maxsize=64)  # links and raw HTML of one text are asked for one after the other: one parse
def analysis(text: str) -> tuple[tuple[Link, ...], tuple[RawHtml, ...]]:
    """The text's links and raw HTML, from one parse."""
    lines = text.split("\n")
    found, html = [], []
    for token, line in _walk(parser().parse(text)):
        if token.type in ("link_open", "image"):
            target = str(token.attrs.get("href" if token.type == "link_open" else "src", ""))
            found.append(Link(target, _line_of(lines, line, target)))
        elif token.type in ("html_block", "html_inline"):
            html.append(RawHtml(token.content.strip(), line))
    return tuple(found), tuple(html)


def encode(found: tuple[tuple[Link, ...], tuple[RawHtml, ...]]) -> list:
    """An analysis as JSON (for a memo)."""
    return [[[link.target, link.offset] for link in found[0]], [[raw.html, raw.offset] for raw in found[1]]]


def decode(kept: list) -> tuple[tuple[Link, ...], tuple[RawHtml, ...]]:
    return tuple(Link(target, offset) for target, offset in kept[0]), tuple(RawHtml(h, o) for h, o in kept[1])


def _line_of(lines: list[str], start: int, target: str) -> int:
    """Inline tokens only know their block's first line: find the line that holds the target."""
    for offset in range(start, len(lines)):
        if target in lines[offset]:
            return offset
    return start
