"""Translation QA: small registered checks, each with a severity.

Severities follow translate-toolkit: critical (the translation must not be
published: it changes what the reader does, or could run code), functional
(it reads wrong), cosmetic (worth a look). A critical failure keeps that
translation off the site and fails `kbgen check`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from kbgen.content import markdown
from kbgen.content.refs import is_unsafe
from kbgen.i18n.protect import compare_spans
from kbgen.i18n.segments import context_field, keyword_phrases
from kbgen.i18n.valuecheck import compare_values
from kbgen.plaintext import added_markup
from kbgen.scamtext import NOTHING_DECLARED, Declared, added
from kbgen.vocabulary import QaSeverity as Severity


@dataclass(frozen=True)
class Unit:
    """What a check looks at: one source segment and its translation."""

    context: str
    source: str
    translation: str
    lang: str
    keep_terms: Sequence[str] = ()
    required_terms: Sequence[tuple[str, str]] = ()  # (English term, required translation)
    contacts: Declared = NOTHING_DECLARED  # the project's declared domains, addresses and channels


@dataclass(frozen=True)
class Failure:
    check: str
    severity: Severity
    message: str


@dataclass(frozen=True)
class Check:
    name: str
    severity: Severity
    run: Callable[[Unit], list[str]]  # its docstring is the one-line explanation for translators


CHECKS: dict[str, Check] = {}


def check(name: str, severity: str):
    """Register a check under `name` with its severity."""

    def register(func: Callable[[Unit], list[str]]) -> Callable[[Unit], list[str]]:
        CHECKS[name] = Check(name, Severity(severity), func)
        return func

    return register


@check("spans", "critical")
def _spans(unit: Unit) -> list[str]:
    """URLs, links, addresses, code and placeholders stay exact; amounts, dates and times keep their values and order."""
    # A search keyword is never shown: readers' own name for a kept term ("구글 OTP" for Google
    # Authenticator) is what it is for, and the English keyword stays indexed beside it.
    keep = () if context_field(unit.context)[1] in SEARCH_FIELDS else unit.keep_terms
    return compare_spans(unit.source, unit.translation, keep, ignore=("number",)) + compare_values(
        unit.source, unit.translation, unit.lang, keep
    )


SEARCH_FIELDS = frozenset({"keywords", "synonyms"})
_MAYBE_UNSAFE = re.compile(r"<|script:|data:|file:", re.I)


@check("html", "critical")
def _html(unit: Unit) -> list[str]:
    """No HTML, script or code-running link may be added by a translation."""
    if not _MAYBE_UNSAFE.search(unit.translation) and "{" not in unit.translation:
        return []  # nothing that could be markup: skip parsing (the common case, and a hot path in builds)
    found = [f"adds raw HTML {raw.html[:60]!r}" for raw in markdown.raw_html(unit.translation)]
    found += [
        f"adds an unsafe link {link.target[:60]!r}"
        for link in markdown.links(unit.translation)
        if is_unsafe(link.target)
    ]
    if re.search(r"\{:?[^}]*\bon\w+\s*=", unit.translation):
        found.append("adds an event-handler attribute")
    return found


@check("scam", "critical")
def _scam(unit: Unit) -> list[str]:
    """A translation may not add what its source lacks: a request for a recovery phrase, key, password, code or crypto, or a contact point."""
    return [
        f"adds scam text: {finding.message}"
        for finding in added(unit.source, unit.translation, unit.lang, unit.contacts)
    ]


@check("markup", "critical")
def _markup(unit: Unit) -> list[str]:
    """No tag, character reference, link, attribute list or script URL the source does not have."""
    return [f"adds {found}" for found in added_markup(unit.source, unit.translation)]


_MARKUP = {
    "links": re.compile(r"\]\("),
    "bold": re.compile(r"\*\*"),
    "code": re.compile(r"`"),
    "emphasis": re.compile(r"(?<![*\w])\*(?!\*)"),
}


@check("markdown", "functional")
def _markdown(unit: Unit) -> list[str]:
    """Links, bold, italics and code marks must be kept (their text is translated, the marks are not)."""
    problems = []
    for name, pattern in _MARKUP.items():
        source, target = len(pattern.findall(unit.source)), len(pattern.findall(unit.translation))
        if source != target:
            problems.append(f"{name}: {source} in the source, {target} in the translation")
    return problems


@check("glossary", "functional")
def _glossary(unit: Unit) -> list[str]:
    """Glossary terms with a required translation must use it."""
    return [
        f"glossary term '{term}' must be translated as '{required}'"
        for term, required in unit.required_terms
        if re.search(rf"\b{re.escape(term)}\b", unit.source, re.I)
        and required.casefold() not in unit.translation.casefold()
    ]


@check("unchanged", "cosmetic")
def _unchanged(unit: Unit) -> list[str]:
    """A translation identical to a source with words in it was probably not translated."""
    if unit.translation.strip() != unit.source.strip():
        return []  # the common case: nothing to count
    words = re.sub(r"`[^`]*`|\]\([^)]*\)|https?://\S+", "", unit.source)
    for term in unit.keep_terms:
        words = words.replace(term, "")
    if len(re.findall(r"[A-Za-z]{3,}", words)) >= 2:
        return ["the translation is the English source"]
    return []


@check("length", "cosmetic")
def _length(unit: Unit) -> list[str]:
    """A translation far shorter or longer than its source may have lost or added text."""
    source, target = len(unit.source), len(unit.translation)
    if source >= 20 and (target < source * 0.25 or target > source * 4):
        return [f"{target} characters for a {source}-character source"]
    return []


# Checks that compare a translation's values and length with the source's. A keyword's translation
# listing several ways readers type it ("12 mots, phrase de 12 mots") is compared phrase by phrase;
# every other check (markup, scam text) reads the whole translation, as the page does.
_PER_PHRASE = frozenset({"spans", "length"})


def run_checks(unit: Unit, names: Sequence[str] | None = None) -> list[Failure]:
    phrases = keyword_phrases(unit.translation) if context_field(unit.context)[1] in SEARCH_FIELDS else []
    failures: list[Failure] = []
    for name in names or CHECKS:
        registered = CHECKS[name]
        each = [replace(unit, translation=p) for p in phrases] if name in _PER_PHRASE and len(phrases) > 1 else [unit]
        failures += [Failure(name, registered.severity, message) for one in each for message in registered.run(one)]
    return list(dict.fromkeys(failures))


def checks_of(severity: Severity) -> tuple[str, ...]:
    """The registered checks of one severity: the critical ones decide what is never published."""
    return tuple(name for name, registered in CHECKS.items() if registered.severity == severity)


def critical_failures(unit: Unit) -> list[Failure]:
    return run_checks(unit, checks_of(Severity.CRITICAL))
