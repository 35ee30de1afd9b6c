"""PO files laid out the way gettext tools lay them out.

Babel builds and reads kbgen's catalogs, but its writer wraps long strings with
its own rules (and cannot read back a wrapped `#| msgid`), so a save in Poedit
or `msgcat` rewrote half of every catalog. Here translate-toolkit, whose PO
wrapper follows gettext's (79 columns, breaks where Unicode line breaking
allows, CJK counted as double width), lays out what Babel generated, and the
previous-source comments are read back from their wrapped lines.

Different gettext releases break a few lines differently (their Unicode line
breaking tables differ), so `kbgen i18n update` also keeps a file's bytes when
only its layout differs from kbgen's: it compares `contents`, what the file
says whatever its layout (see `catalogs.write`).
"""

from __future__ import annotations

import io
import os
import re

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import denormalize, write_po
from translate.storage import pypo

DOMAIN = "content"  # the content catalogs' gettext domain (the theme's is `theme.THEME_DOMAIN`)

# gettext's default output width (msgcat, msgmerge, xgettext: --width=79).
WIDTH = 79


def gettext_layout(data: bytes) -> bytes:
    """The PO file `data` with every string wrapped as gettext wraps it.

    translate-toolkit keeps the lines of a parsed file as they were; assigning
    each field again makes it quote and wrap the text itself. gettext counts
    the `#| ` and `#~ ` prefixes in a line's width: those lines get 3 columns less.
    """
    store = pypo.pofile(io.BytesIO(data), width=WIDTH - 2)  # its width excludes the quotes
    prefixed = pypo.PoWrapper(WIDTH - 2 - 3)
    for unit in store.units:
        if unit.isheader():
            unit.target = unit.target
            continue
        wrapper = unit.wrapper
        if unit.isobsolete():
            unit.wrapper = prefixed
        _requote(unit, prefixed)
        unit.wrapper = wrapper
    return bytes(store)


def _requote(unit: pypo.pounit, prefixed: pypo.PoWrapper) -> None:
    context, previous = unit.getcontext(), unit.prev_source
    if context:
        unit.setcontext(context)
    unit.source = unit.source
    unit.target = unit.target
    if previous:
        wrapper, unit.wrapper = unit.wrapper, prefixed
        unit.prev_source = previous
        unit.wrapper = wrapper


_PREVIOUS = re.compile(r"\|\s*(msgctxt|msgid|msgid_plural)?\s*(\".*\")")


def split_previous(comments: list[str]) -> tuple[dict[str, str], list[str]]:
    """`#|` lines (Babel reads them as translator comments) as fields, and the other comments.

    A wrapped previous msgid is a `#| msgid ""` line followed by `#| "..."`
    continuation lines; each continuation belongs to the keyword before it.
    """
    fields: dict[str, list[str]] = {}
    kept: list[str] = []
    keyword = None
    for comment in comments:
        match = _PREVIOUS.fullmatch(comment.strip())
        if match and (current := match.group(1) or keyword):
            keyword = current
            fields.setdefault(current, []).append(match.group(2))
        else:
            keyword = None
            kept.append(comment)
    return {key: denormalize("\n".join(lines)) for key, lines in fields.items()}, kept


# Babel's own layout with no wrapping at all: one string per line. Two catalogs
# are the same catalog when their canonical forms are equal.
_NO_WRAP = 1_000_000


def _drop_format_flags(catalog: Catalog) -> None:
    if catalog.domain == DOMAIN:
        # Babel flags any text with "%" as python-format ("0.10% for" looks like `% f`);
        # content is prose, and the flag would make msgfmt reject correct translations.
        for message in [*catalog, *catalog.obsolete.values()]:
            message.flags.discard("python-format")


def canonical(catalog: Catalog) -> bytes:
    """The catalog as Babel writes it unwrapped: its content, independent of any tool's layout."""
    _drop_format_flags(catalog)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=_NO_WRAP, include_previous=True, include_lineno=False, sort_output=False)
    return buffer.getvalue()


# Comments as Babel writes them at `_NO_WRAP`: every whitespace character a space, the ends trimmed.
_SPACES = str.maketrans("\t\n\x0b\x0c\r", "     ")


def contents(catalog: Catalog) -> tuple:
    """Everything `canonical` writes, without writing it: equal contents, equal canonical forms.

    Comparing these instead of the written text makes an unchanged catalog
    cost a walk over its entries, not Babel's writer (which word-wraps every
    comment even when told not to wrap): half the time of an update.
    """
    _drop_format_flags(catalog)

    def comments(texts: list[str]) -> tuple[str, ...]:
        return tuple(c for c in (text.expandtabs().translate(_SPACES).strip() for text in texts) if c)

    def entry(message: Message) -> tuple:
        files = dict.fromkeys(sorted(str(name).replace(os.sep, "/") for name, _ in message.locations))
        return (
            comments(message.user_comments),
            comments(message.auto_comments),
            tuple(files),
            tuple(sorted(message.flags)),
            tuple(message.previous_id or ()),
            message.context,
            message.id,
            message.string or "",
        )

    return (
        catalog.header_comment,
        catalog.num_plurals,
        tuple(entry(m) for m in catalog),
        tuple((comments(m.user_comments), m.context, m.id, m.string or "") for m in catalog.obsolete.values()),
    )


def render(catalog: Catalog) -> bytes:
    """The PO file kbgen writes: Babel's entries in gettext's layout (what Poedit and msgcat keep)."""
    return gettext_layout(canonical(catalog))
