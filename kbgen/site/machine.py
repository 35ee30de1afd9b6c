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

from collections.abc import Iterable
from functools import lru_cache

from kbgen.config import MachineTranslation
from kbgen.content.markdown import block_parser
from kbgen.content.model import Content
from kbgen.i18n.blocks import split_markdown
from kbgen.i18n.segments import Record
from kbgen.memo import Memos


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
        if not self.policy.never_in or not _may_hold_admonition(text):
            return frozenset()  # most texts are not parsed at all
        return _risky_blocks(text, tuple(self.policy.never_in))


def _may_hold_admonition(text: str) -> bool:
    """An admonition starts with `!!!` (or `???` when collapsible): a text without either has none."""
    return "!!!" in text or "???" in text


# This run's results from the memo (`recall`), taken by the language workers the build forks after it.
_RECALLED: dict[tuple[str, tuple[str, ...]], frozenset[int]] = {}


def recall(memos: Memos, policy: MachineTranslation, texts: Iterable[str]) -> None:
    """Have this run's `risky_blocks` of `texts` from the memo (parsing, and keeping, those it lacks),
    when the policy publishes drafts anywhere.

    Each language that publishes drafts parsed every English body with a
    warning in it again in its own process: most of the time a translation
    edit spent localizing its language.
    """
    _RECALLED.clear()
    if not policy.publish or not policy.never_in:
        return
    kinds = tuple(policy.never_in)
    memo = memos.named("risky-blocks", " ".join(kinds))
    for text in filter(_may_hold_admonition, texts):
        _RECALLED[text, kinds] = memo(text, lambda: _parsed(text, kinds), sorted, frozenset)  # noqa: B023


@lru_cache(maxsize=4096)
def _risky_blocks(text: str, kinds: tuple[str, ...]) -> frozenset[int]:
    recalled = _RECALLED.get((text, kinds))
    return recalled if recalled is not None else _parsed(text, kinds)


def _parsed(text: str, kinds: tuple[str, ...]) -> frozenset[int]:
    regions = [
        token.map
        for token in block_parser().parse(text)
        if token.type == "admonition_open" and token.map and token.meta.get("tag") in kinds
    ]
    return frozenset(
        number
        for number, block in enumerate(split_markdown(text))
        if any(start <= block.line < end for start, end in regions)
    )
