"""Rendering content Markdown so that nothing in it can run in a reader's browser.

Content and translations are text, not markup: raw HTML is shown as text,
attribute lists cannot add event handlers, and links that would run code are
dropped. The MkDocs hook in `hooks.py` sanitizes the rendered HTML once more.
"""

from __future__ import annotations

import re

from kbgen.content.refs import is_unsafe

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]+>")
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*\}")
# A link target may hold one level of balanced parentheses, as CommonMark allows.
_LINK_TARGET = re.compile(r"\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(\s+\"[^\"]*\")?\s*\)")


def neutralize(text: str) -> str:
    """The Markdown text with raw HTML, attribute lists and unsafe links defused."""
    out, in_fence = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
        elif in_fence:
            out.append(line)
        else:
            out.append(_outside_code(line))
    return "\n".join(out)


def _outside_code(line: str) -> str:
    pieces, last = [], 0
    for match in _CODE_SPAN.finditer(line):
        pieces.append(_defuse(line[last : match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(_defuse(line[last:]))
    return "".join(pieces)


def _defuse(text: str) -> str:
    autolinks = _AUTOLINK.findall(text)
    text = _AUTOLINK.sub("\x00", text)
    text = text.replace("<", "&lt;")
    for autolink in autolinks:
        text = text.replace("\x00", autolink, 1)
    text = _ATTR_LIST.sub(lambda m: "&#123;" + m.group(0)[1:], text)
    return _LINK_TARGET.sub(_safe_target, text)


def _safe_target(match: re.Match) -> str:
    return "](#)" if is_unsafe(match.group(1)) else match.group(0)


# Characters that start HTML or Markdown syntax (tags, entities, links, emphasis,
# code, attribute lists, tables): written as character references, they are text.
_MARKDOWN_ACTIVE = {c: f"&#{ord(c)};" for c in "\\`*_[]{}<>!|~#"}
_MARKDOWN_ACTIVE["&"] = "&amp;"
_MARKDOWN_TABLE = str.maketrans(_MARKDOWN_ACTIVE)


def plain_text_markdown(value: str) -> str:
    """Plain text for a Markdown page: it renders as exactly these characters, never as markup."""
    text = value.translate(_MARKDOWN_TABLE)
    # A list marker or a numbered item at the start of a line would make a list.
    return re.sub(
        r"^(\s*)([-+]|\d+[.)])(?=\s)",
        lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)),
        text,
        flags=re.M,
    )


def quoted_markdown(value: str) -> str:
    """Plain text as a double-quoted Markdown string (an admonition title)."""
    return '"' + plain_text_markdown(value).replace('"', "&quot;") + '"'
