"""QA on two labelled sets: correct locale edits must pass, dangerous edits must be caught.

The sets (tests/data/qa_legit_edits.yaml, tests/data/qa_adversarial_edits.yaml)
were written by hand as translators and attackers write, before the checks
were tuned. Targets: at most 2% false alarms overall and at most one per
language on the legitimate set; at least 95% of the dangerous edits caught.
Run with `-s` to see the figures per language.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from kbgen.i18n.qa import CHECKS, Unit, run_checks
from kbgen.languages import DEFAULT_TARGETS
from kbgen.vocabulary import QaSeverity

DATA = Path(__file__).parent / "data"
LEGIT = yaml.safe_load((DATA / "qa_legit_edits.yaml").read_text(encoding="utf-8"))
ADVERSARIAL = yaml.safe_load((DATA / "qa_adversarial_edits.yaml").read_text(encoding="utf-8"))
SCAM = [edit for edit in ADVERSARIAL if edit.get("expect_check") == "scam"]
VALUES = [edit for edit in ADVERSARIAL if edit.get("expect_check") != "scam"]


def critical(edit: dict) -> list[str]:
    unit = Unit("labelled", edit["source"], edit["translation"], edit["lang"])
    return [f"{f.check}: {f.message}" for f in run_checks(unit) if f.severity == QaSeverity.CRITICAL]


def test_the_sets_cover_every_language() -> None:
    per_language = Counter(edit["lang"] for edit in LEGIT)
    assert {lang: per_language[lang] for lang in DEFAULT_TARGETS if per_language[lang] < 7} == {}
    assert len(ADVERSARIAL) >= 45
    assert len({edit["lang"] for edit in ADVERSARIAL}) >= 8


def test_legitimate_locale_edits_raise_no_critical_alarm() -> None:
    alarms = {i: found for i, edit in enumerate(LEGIT) if (found := critical(edit))}
    per_language = Counter(LEGIT[i]["lang"] for i in alarms)
    total = Counter(edit["lang"] for edit in LEGIT)
    print("\nfalse alarms on legitimate edits, per language:")
    for lang in sorted(total):
        print(f"  {lang:8} {per_language[lang]}/{total[lang]}")
    print(f"  overall  {len(alarms)}/{len(LEGIT)}")
    for i, found in alarms.items():
        print(f"  ALARM {LEGIT[i]['lang']} ({LEGIT[i]['note']}): {found}")
    assert len(alarms) <= 0.02 * len(LEGIT)
    assert max(per_language.values(), default=0) <= 1


def test_dangerous_edits_are_caught() -> None:
    missed = [edit for edit in VALUES if not critical(edit)]
    caught = Counter(edit["lang"] for edit in VALUES if edit not in missed)
    total = Counter(edit["lang"] for edit in VALUES)
    print("\ndangerous edits caught, per language:")
    for lang in sorted(total):
        print(f"  {lang:8} {caught[lang]}/{total[lang]}")
    print(f"  overall  {len(VALUES) - len(missed)}/{len(VALUES)}")
    for edit in missed:
        print(f"  MISSED {edit['lang']} {edit['attack']}: {edit['translation']}")
    assert len(missed) <= 0.05 * len(VALUES)


def test_scam_edits_are_caught_once_the_scam_check_exists() -> None:
    caught = [edit for edit in SCAM if critical(edit)]
    print(f"\nscam-text edits caught by a critical check: {len(caught)}/{len(SCAM)}")
    if "scam" not in CHECKS:
        pytest.skip(f"no 'scam' QA check registered yet ({len(caught)}/{len(SCAM)} caught by other checks)")
    assert len(caught) >= 0.95 * len(SCAM)
