"""The end of an article: the template adds one contact block, so the body's own "contact us" lines go.

Writers (and translators) end many articles with a list of next steps whose
last item is "Still need help? [Contact support](page:contact)". The article
template closes every article with a contact block that says the same, so a
reader would see it twice. Lines are found by their link, not their words,
so it works in every language.
"""

from __future__ import annotations

import re

# A list item whose link goes to the contact page (`page:contact`, with or without an anchor).
_CONTACT_ITEM = re.compile(r"^[ \t]*[-*+][ \t][^\n]*\]\(page:contact(?:#[^)\s]*)?\)[^\n]*\n?", re.M)


def without_contact_items(markdown_text: str) -> str:
    """The body without list items that only send the reader to the contact page."""
    return _CONTACT_ITEM.sub("", markdown_text)


_LINK_ITEM = re.compile(r"^[-*+][ \t].*\]\([^)\s]+\)")


def ends_with_link_list(markdown_text: str) -> bool:
    """Whether the body's last section (after its last `##` heading) is only a list of links: its "next steps".

    The template then continues that list with the related articles it does not
    name yet, so an article ends with one list of where to go next, not two.
    """
    head, found, last = markdown_text.rstrip().rpartition("\n## ")
    if not found:
        return False
    lines = [line for line in last.splitlines()[1:] if line.strip()]
    return bool(lines) and all(_LINK_ITEM.match(line) for line in lines)
