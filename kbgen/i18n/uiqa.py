"""QA for UI strings (`theme.po`): the same bar as content translations.

A UI string is printed on every page of its language (the 404 page, the
feedback form, notices, search), so one compromised translator account
could put a script or a phishing link in front of every reader. A UI
translation must keep its placeholders and add no markup and no link, URL,
domain or e-mail address that the English string does not have. One that
fails is reported by `kbgen i18n qa` and `kbgen check`, and the site shows
the English string instead.
"""

from __future__ import annotations

import re
from collections import Counter

from babel.messages.catalog import Catalog

from kbgen.errors import Problem
from kbgen.i18n.catalogs import singular
from kbgen.plaintext import added_markup

_PLACEHOLDER = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{[^{}\s]*\}")
_ADDRESS = re.compile(
    r"(?:[a-z][a-z0-9+.-]*:)?//\S+"  # a URL with a scheme, or scheme-relative
    r"|\bwww\.\S+"
    r"|[\w.+-]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+"  # an e-mail address
    r"|\b(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}\b",  # a domain, in any script
    re.I,
)


def ui_failures(source: str, translation: str) -> list[str]:
    """Why a UI translation must not be shown (empty: it may)."""
    failures = [f"adds {found}" for found in added_markup(source, translation)]
    source_places, target_places = Counter(_PLACEHOLDER.findall(source)), Counter(_PLACEHOLDER.findall(translation))
    if source_places != target_places:
        failures.append(
            f"placeholders differ: {_listed(source_places)} in the English string, "
            f"{_listed(target_places)} in the translation"
        )
    known = {a.casefold() for a in _ADDRESS.findall(source)}
    added = [a for a in _ADDRESS.findall(translation) if a.casefold() not in known]
    if added:
        failures.append(f"adds a link or address the English string does not have: {added[0]!r}")
    return failures


def _listed(places: Counter) -> str:
    return ", ".join(sorted(places.elements())) or "none"


def ui_problems(catalog: Catalog, shown: str) -> list[Problem]:
    """Every UI translation that fails QA, at its line in the catalog (errors: it is not shown)."""
    problems = []
    for message in catalog:
        if not message.id or not message.string or not isinstance(message.string, str):
            continue
        for failure in ui_failures(singular(message.id), message.string):
            problems.append(Problem(shown, message.lineno, f"[critical] ui: {failure}", key=singular(message.id)))
    return problems


def drop_failing(catalog: Catalog) -> int:
    """Empty every UI translation that fails QA, so the English string is shown; return how many."""
    dropped = 0
    for message in catalog:
        if (
            message.id
            and isinstance(message.string, str)
            and message.string
            and ui_failures(singular(message.id), message.string)
        ):
            message.string = ""
            dropped += 1
    return dropped
