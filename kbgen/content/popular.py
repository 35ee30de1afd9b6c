"""The home page's popular questions: the FAQs readers of a language open most, else the configured order.

`popular:` in content/categories.yaml lists FAQ ids in order. Once reader
signals are imported (`kbgen signals import`, FAQ opens counted per
language), the questions readers of the page's language opened most come
first, then those opened most in every language, then the configured order.
"""

from __future__ import annotations

from collections import Counter

from kbgen.content.model import Content, Faq

POPULAR_COUNT = 6


def popular_faqs(content: Content, lang: str, count: int = POPULAR_COUNT) -> list[Faq]:
    """At most `count` FAQs, most popular first."""
    here = content.faq_opens.get(lang, {})
    everywhere: Counter[str] = Counter()
    for opens in content.faq_opens.values():
        everywhere.update(opens)
    configured = {faq_id: index for index, faq_id in enumerate(content.popular)}
    candidates = [faq_id for faq_id in {*configured, *everywhere} if faq_id in content.faqs]
    candidates.sort(key=lambda f: (-here.get(f, 0), -everywhere[f], configured.get(f, len(configured)), f))
    return [content.faqs[faq_id] for faq_id in candidates[:count]]
