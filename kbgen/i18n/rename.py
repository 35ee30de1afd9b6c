"""A renamed record in every catalog: contexts and link targets follow, translations stay reviewed.

`article:old:title` becomes `article:new:title`, and `(article:old)` in a
source and in its translation becomes `(article:new)` alike, so a reviewed
translation of a paragraph that links to the renamed article is still a
reviewed translation of the new paragraph: the merge that follows
(`kbgen i18n update`) finds it under its new text and keeps it.
"""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog, Message

from kbgen.i18n import catalogs


def rename_in_catalog(catalog: Catalog, kind: str, old: str, new: str) -> tuple[Catalog, int]:
    """A copy of `catalog` with the record's contexts and link targets renamed; and how many entries changed."""
    link = re.compile(rf"(?<![\w-]){kind}:{re.escape(old)}(?![a-z0-9-])")
    prefix = f"{kind}:{old}:"
    renamed = catalogs.new_catalog(
        str(catalog.locale) if catalog.locale else None, catalog.project or "", catalog.domain or catalogs.DOMAIN
    )
    renamed.header_comment = catalog.header_comment
    changed = 0

    def convert(message: Message) -> Message:
        nonlocal changed
        context = message.context
        if context and context.startswith(prefix):
            context = f"{kind}:{new}:" + context[len(prefix) :]
        ids = [link.sub(f"{kind}:{new}", text) for text in _texts(message.id)]
        strings = [link.sub(f"{kind}:{new}", text) for text in _texts(message.string)]
        previous = [link.sub(f"{kind}:{new}", text) for text in message.previous_id]
        result = Message(
            ids[0] if len(ids) == 1 else tuple(ids),
            strings[0] if len(strings) == 1 else tuple(strings),
            locations=message.locations,
            flags=set(message.flags),
            auto_comments=message.auto_comments,
            user_comments=message.user_comments,
            previous_id=previous,
            context=context,
        )
        if (context, result.id, result.string, previous) != (
            message.context,
            message.id,
            message.string,
            list(message.previous_id),
        ):
            changed += 1
        return result

    for message in catalog:
        if message.id:
            converted = convert(message)
            renamed[converted.id] = converted
    for message in catalog.obsolete.values():
        converted = convert(message)
        renamed.obsolete[(catalogs.singular(converted.id), converted.context or "")] = converted
    return renamed, changed


def _texts(value) -> list[str]:
    return list(value) if isinstance(value, (list, tuple)) else [value or ""]
