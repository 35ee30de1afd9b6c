"""Translation QA results kept in the build folder, shared by `kbgen build`, `check` and `i18n qa`.

QA is most of the work of reading a catalog: every translation of every
language goes through the span, value and scam-text checks. Its results
depend on the entry (context, the source it is checked against, the
translation) and on what the salt names: the language, the kept terms, the
declared contacts and kbgen itself. A build keeps them per language
(`<build>/<lang>/.qa.json`); `kbgen check` after a build, or a second
`check`, reads them instead of checking every translation again.

The glossary check also reads the glossary's required translations, which
are not in the salt; it is cheap and run every time (`GLOSSARY_CHECKS`),
and it is never critical, so a build (which needs only the critical
failures) does not run it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kbgen.fsutil import read_cache, write_if_changed
from kbgen.i18n.qa import CHECKS, Failure, Unit, run_checks
from kbgen.scamtext import Declared
from kbgen.toolchain import toolchain_digest

QA_CACHE = ".qa.json"
GLOSSARY_CHECKS = ("glossary",)  # read the glossary's required translations: not kept
KEPT_CHECKS = tuple(name for name in CHECKS if name not in GLOSSARY_CHECKS)
_ORDER = {name: number for number, name in enumerate(CHECKS)}  # the registry's

Memo = dict[str, list[list[str]]]  # qa_key -> [[check, message], ...]


def qa_salt(lang_code: str, keep: tuple[str, ...], contacts: Declared) -> str:
    """What every kept QA result of a language depends on beside the entry itself (kbgen's checks among it)."""
    return hashlib.sha256(f"{toolchain_digest()}\0{lang_code}\0{keep}\0{contacts!r}".encode()).hexdigest()


def qa_key(context: str, checked_source: str, translation: str) -> str:
    """What one entry's QA result depends on: its context, the source it is checked against, its translation."""
    return hashlib.sha256(f"{context}\0{checked_source}\0{translation}".encode()).hexdigest()


def read_memo(path: Path, salt: str) -> Memo:
    known = read_cache(path, salt).get("qa")
    return known if isinstance(known, dict) else {}


def write_memo(path: Path, salt: str, memo: Memo) -> None:
    write_if_changed(path, json.dumps({"salt": salt, "qa": memo}, sort_keys=True), durable=False)


def kept_failures(unit: Unit, memo: Memo | None) -> list[Failure]:
    """The failures of the kept checks (every check but the glossary's), from `memo` when it has them.

    `unit.source` is the source the translation is checked against (an
    outdated translation's own). A result computed here is added to `memo`.
    """
    if memo is None:
        return run_checks(unit, KEPT_CHECKS)
    key = qa_key(unit.context, unit.source, unit.translation)
    known = memo.get(key)
    if isinstance(known, list):
        try:
            return [Failure(name, CHECKS[name].severity, message) for name, message in known]
        except (KeyError, TypeError, ValueError):
            pass  # not what this kbgen writes: checked again
    found = run_checks(unit, KEPT_CHECKS)
    memo[key] = [[failure.check, failure.message] for failure in found]
    return found


def all_failures(unit: Unit, memo: Memo | None) -> list[Failure]:
    """Every check's failures, in the registry's order: the kept ones from `memo`, the glossary's run now."""
    found = kept_failures(unit, memo)  # in the registry's order already
    if not unit.required_terms:
        return found
    return sorted(found + run_checks(unit, GLOSSARY_CHECKS), key=lambda failure: _ORDER[failure.check])
