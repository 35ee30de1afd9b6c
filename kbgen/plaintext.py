"""Markup in plain-text fields: what a title, summary or UI string must not contain.

A plain-text field (a title, a summary, a FAQ question, a channel name, a UI
string) is shown as text everywhere: in HTML, in attributes, in `<title>`,
in navigation and in JSON-LD. kbgen escapes it for each of those contexts,
so markup in it would only ever show as stray characters; but markup in a
title is a sign of an attack (or of a paste from a web page), and a writer
deserves to hear about it before a reader sees `<img src=x onerror=...>`
spelled out in the navigation. Each finding names the markup it saw.
"""

from __future__ import annotations

import re

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an HTML tag", re.compile(r"</?[A-Za-z][^>]*>?|<!--|<![A-Za-z\[]|<\?")),
    ("an HTML character reference", re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);|&#")),
    ("a Markdown link", re.compile(r"!?\[[^\]\n]*\]\s*[(\[]")),
    ("a Markdown attribute list", re.compile(r"\{\s*:|\{\s*[.#][\w-]+|\{[^{}\n]*\b[\w-]+\s*=")),
    ("a script URL", re.compile(r"\b(?:javascript|vbscript|livescript)\s*:|\bdata\s*:\s*[\w.+-]+/[\w.+-]+", re.I)),
    ("an autolink", re.compile(r"<(?:https?|mailto|ftp):", re.I)),
)

_MAYBE = re.compile(r"[<&\[{:]")


def find_markup(text: str) -> list[str]:
    """Each kind of markup in `text`, with the first piece of it: `an HTML tag '<b>'`."""
    found = []
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            found.append(f"{kind} {_shorten(match.group(0))!r}")
    return found


def markup_kinds(text: str) -> set[str]:
    """The kinds of markup in `text`, to compare a translation with its source."""
    return {kind for kind, pattern in _PATTERNS if pattern.search(text)}


def added_markup(source: str, translation: str) -> list[str]:
    """Markup a translation has that its source does not have."""
    if not _MAYBE.search(translation):
        return []  # the common case, and a hot path in builds
    kinds = markup_kinds(translation) - markup_kinds(source)
    return [f for f in find_markup(translation) if any(f.startswith(kind + " ") for kind in kinds)]


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
