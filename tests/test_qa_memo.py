"""QA results a build keeps are what `kbgen check` and `kbgen i18n qa` report, without checking every translation again."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_catalogs import _po, _read, translated  # noqa: F401 (the fixture)

from kbgen.i18n import catalogs, qamemo


def _spoil(root: Path) -> None:
    """One German translation per severity: a changed URL (critical), added bold (functional),
    the English left as it was (cosmetic), and a glossary term not translated as required."""
    glossary = root / "content/glossary.yaml"
    glossary.write_text(
        glossary.read_text().replace(
            "    definition: A secret number that lets you spend crypto.\n",
            "    definition: A secret number that lets you spend crypto.\n    translations:\n      de: Privater Schlüssel\n",
        )
    )
    catalog = _read(root, "de")
    messages = [m for m in catalog if m.id]
    url = next(m for m in messages if "https://" in m.id)
    url.string = url.id.replace("https://", "https://evil.example.net/?")
    plain = [m for m in messages if len(m.id.split()) > 4 and not any(c in m.id for c in "`*[:/") and m is not url]
    bold, english = plain[0], plain[1]
    bold.string = f"**{bold.string}**"
    english.string = english.id
    catalogs.write(_po(root, "de"), catalog)
    assert any("Private key" in m.id for m in messages)


def test_check_after_a_build_reads_the_kept_results_and_reports_the_same(translated: Path, kbgen, monkeypatch):  # noqa: F811
    _spoil(translated)
    check_first = kbgen("-C", translated, "check")
    qa_first = kbgen("-C", translated, "i18n", "qa", "--lang", "de")
    assert check_first.exit_code == 1 and qa_first.exit_code == 1
    for found in ("[critical] spans", "[functional] markdown", "[functional] glossary"):
        assert found in check_first.output, found
    assert "[cosmetic] unchanged" in qa_first.output and "[cosmetic]" not in check_first.output
    # Languages checked side by side in worker processes report the same, in the same order.
    assert kbgen("-C", translated, "check", "-j", "2").output == check_first.output
    assert kbgen("-C", translated, "i18n", "qa", "--lang", "de", "--lang", "es", "-j", "2").exit_code == 1

    assert kbgen("-C", translated, "build").exit_code == 0
    assert (translated / ".kbgen/de" / qamemo.QA_CACHE).is_file()
    checked: list[tuple[str, ...]] = []
    real = qamemo.run_checks
    monkeypatch.setattr(qamemo, "run_checks", lambda unit, names: checked.append(tuple(names)) or real(unit, names))

    assert kbgen("-C", translated, "check").output == check_first.output
    assert kbgen("-C", translated, "i18n", "qa", "--lang", "de").output == qa_first.output
    assert set(checked) == {qamemo.GLOSSARY_CHECKS}  # every other check's result was kept by the build

    # A translation fixed after the build is checked again, not taken from what was kept.
    catalog = _read(translated, "de")
    fixed = next(m for m in catalog if m.id and "evil.example.net" in m.string)
    fixed.string = fixed.id
    catalogs.write(_po(translated, "de"), catalog)
    checked.clear()
    again = kbgen("-C", translated, "check")
    assert "[critical] spans" not in again.output and "[functional] glossary" in again.output
    assert qamemo.KEPT_CHECKS in checked


def test_kept_results_are_read_only_under_their_own_salt(tmp_path: Path):
    from kbgen.i18n.qa import Unit

    unit = Unit("article:a:body:1", "See https://harbor.example.com/fees.", "Siehe https://evil.example/fees.", "de")
    memo: qamemo.Memo = {}
    found = qamemo.kept_failures(unit, memo)
    assert {f.check for f in found} == {"spans", "scam"} and len(memo) == 1  # lost, added, and an undeclared host
    path = tmp_path / qamemo.QA_CACHE
    qamemo.write_memo(path, "salt-a", memo)
    assert qamemo.read_memo(path, "salt-a") == memo
    assert qamemo.read_memo(path, "salt-b") == {}  # other kept terms, contacts or kbgen: nothing is taken
    memo[next(iter(memo))] = [["no-such-check", "x"]]  # not what this kbgen writes: checked again
    assert qamemo.kept_failures(unit, memo) == found


@pytest.mark.parametrize("name", qamemo.GLOSSARY_CHECKS)
def test_checks_that_are_not_kept_are_never_critical(name: str):
    """A build keeps only the critical failures it needs from the kept checks: a critical glossary
    check would be missed by it."""
    from kbgen.i18n.qa import CHECKS
    from kbgen.vocabulary import QaSeverity

    assert CHECKS[name].severity != QaSeverity.CRITICAL


def test_a_check_in_a_fresh_clone_checks_each_translation_once(translated: Path, kbgen, monkeypatch):  # noqa: F811
    """The stale report's entries and QA share their results: no translation is checked twice."""
    from collections import Counter

    checked: Counter = Counter()
    real = qamemo.run_checks

    def counting(unit, names):
        if tuple(names) == qamemo.KEPT_CHECKS:
            checked[(unit.lang, unit.context)] += 1
        return real(unit, names)

    monkeypatch.setattr(qamemo, "run_checks", counting)
    assert kbgen("-C", translated, "check").exit_code == 0
    translations = sum(1 for lang in ("de", "es") for m in _read(translated, lang) if m.id and m.string)
    assert len(checked) == translations > 0 and set(checked.values()) == {1}
