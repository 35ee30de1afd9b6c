"""App UI labels in content: `:ui[withdraw]` names the app's Withdraw button.

Support articles name buttons and menus ("tap Withdraw"). Written as inline
code, every language showed the English word in monospace, even where the
app itself is localized. A label reference instead shows, in each language,
the app's own text for that language (from `content/ui-labels.yaml`, which
`kbgen labels import` fills from the app's string files), styled as a UI
control. The reference is a protected span: translators and engines keep it
as it is, and QA requires it to survive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kbgen.content.model import Content

# A role-like reference: no Markdown meaning, so it survives rendering and translation untouched.
LABEL_PATTERN = r":ui\[(?P<label>[a-z0-9]+(?:-[a-z0-9]+)*)\]"
LABEL_REF = re.compile(LABEL_PATTERN)


def label_refs(text: str) -> Iterator[tuple[str, int]]:
    """(label id, line offset) of every reference in a text."""
    for match in LABEL_REF.finditer(text):
        yield match.group("label"), text.count("\n", 0, match.start())


# A reusable block (content/blocks.yaml) included on a line of its own.
BLOCK_REF = re.compile(r"^(?P<indent>[ \t]*):block\[(?P<block>[a-z0-9]+(?:-[a-z0-9]+)*)\][ \t]*$", re.M)


def block_refs(text: str) -> Iterator[tuple[str, int]]:
    """(block id, line offset) of every block included in a text."""
    for match in BLOCK_REF.finditer(text):
        yield match.group("block"), text.count("\n", 0, match.start())


def label_text(content: Content, label_id: str, lang: str, source: str) -> tuple[str, str] | None:
    """The label's text in `lang`, or in the source language when the app has none: (text, language shown)."""
    label = content.ui_labels.get(label_id)
    if label is None:
        return None
    if lang in label.text:
        return label.text[lang], lang
    return (label.text[source], source) if source in label.text else None
