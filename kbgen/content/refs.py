"""Links between content items: `article:<id>`, `faq:<id>`, `glossary:<id>`, `page:<name>`.

Writers link by id, never by URL, so a page can move or exist in another
language and the link still resolves; a link to an id that does not exist is
an error at check time.
"""

from __future__ import annotations

from dataclasses import dataclass

REF_KINDS = ("article", "faq", "glossary", "page")
PAGES = ("contact", "glossary", "home")
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


@dataclass(frozen=True)
class Ref:
    kind: str
    id: str
    anchor: str = ""

    @property
    def text(self) -> str:
        return f"{self.kind}:{self.id}{'#' + self.anchor if self.anchor else ''}"


def parse_ref(target: str) -> Ref | None:
    """The reference a link target names, or None for an ordinary URL."""
    kind, sep, rest = target.partition(":")
    if not sep or kind not in REF_KINDS:
        return None
    ref_id, _, anchor = rest.partition("#")
    return Ref(kind, ref_id, anchor)


def is_unsafe(target: str) -> bool:
    """A link target that would run code or read local files in a browser."""
    squashed = "".join(target.split()).lower()
    return squashed.startswith(UNSAFE_SCHEMES)
