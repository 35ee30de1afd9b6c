"""PO files laid out the way gettext tools lay them out.

Babel builds and reads kbgen's catalogs, but its writer wraps long strings with
its own rules (and cannot read back a wrapped `#| msgid`), so a save in Poedit
or `msgcat` rewrote half of every catalog. Here translate-toolkit, whose PO
wrapper follows gettext's (79 columns, breaks where Unicode line breaking
allows, CJK counted as double width), lays out what Babel generated, and the
previous-source comments are read back from their wrapped lines.

Different gettext releases break a few lines differently (their Unicode line
breaking tables differ), so `kbgen i18n update` also keeps a file's bytes when
only its layout differs from kbgen's: see `catalogs.write`.
"""

from __future__ import annotations

import io
import re

from babel.messages.pofile import denormalize
from translate.storage import pypo

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
