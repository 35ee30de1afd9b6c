"""Where a language may publish unreviewed machine translation: by language and by risk.

A machine draft that reads "No la programa del auricular" in a withdrawal
warning costs a customer their funds; the same quality in a notification
tip costs nothing. So the policy (`extra.kbgen.machine_translation`) names
the languages that publish drafts at all, and the places that never do:
warning and danger admonitions, `priority: top` articles, sensitive
categories (verification, deposits and withdrawals by default) and any
article or answer with `machine_translation: never`. There the English
original is shown, block by block.
"""

from __future__ import annotations

from functools import lru_cache

from kbgen.config import MachineTranslation
from kbgen.content.markdown import parser
from kbgen.content.model import Content
from kbgen.i18n.blocks import split_markdown
from kbgen.i18n.segments import Record


class MachineGate:
    """Answers, for one language, whether a machine draft of a record's text may be shown."""

    def __init__(self, policy: MachineTranslation, lang_code: str, content: Content):
        self.policy = policy
        self.enabled = lang_code in policy.publish
        self.content = content

    def allows(self, record: Record) -> bool:
        """Whether the record's machine drafts may be shown at all (before looking at its blocks)."""
        if not self.enabled:
            return False
        kind, record_id = (record + ("", ""))[:2]
        item = (
            self.content.articles.get(record_id)
            if kind == "article"
            else (self.content.faqs.get(record_id) if kind == "faq" else None)
        )
        if item is None:
            return True  # category names, glossary, contact details: no money moves on them
        if item.machine_translation == "never" or item.category in self.policy.sensitive_categories:
            return False
        return self.policy.top_articles or getattr(item, "priority", "normal") != "top"

    def risky_blocks(self, text: str) -> frozenset[int]:
        """Indexes of the Markdown blocks (as `split_markdown` numbers them) inside a never-machine admonition."""
        if not self.policy.never_in or ("!!!" not in text and "???" not in text):
            return frozenset()  # no admonition without its marker: most texts are not parsed at all
        return _risky_blocks(text, tuple(self.policy.never_in))


@lru_cache(maxsize=4096)
def _risky_blocks(text: str, kinds: tuple[str, ...]) -> frozenset[int]:
    regions = [
        token.map
        for token in parser().parse(text)
        if token.type == "admonition_open" and token.map and token.meta.get("tag") in kinds
    ]
    return frozenset(
        number
        for number, block in enumerate(split_markdown(text))
        if any(start <= block.line < end for start, end in regions)
    )
