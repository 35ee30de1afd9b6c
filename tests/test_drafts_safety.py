"""Machine drafts never replace human work, even when `kbgen translate` is killed mid-run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kbgen.i18n import catalogs
from kbgen.vocabulary import EntryStatus

REPO = Path(__file__).parent.parent
PO = "locales/{}/LC_MESSAGES/content.po"
ARTICLE = "content/articles/wallets/back-up-your-wallet.yaml"


def _read(root: Path, lang: str):
    return catalogs.read(root / PO.format(lang), lang, lang)


def _translate(root: Path, lang: str, leave_missing=lambda n: False) -> None:
    path = root / PO.format(lang)
    catalog = catalogs.read(path, lang, lang)
    for number, message in enumerate(m for m in catalog if m.id):
        message.string = "" if leave_missing(number) else f"{lang.upper()}: {message.id}"
        message.flags.discard("fuzzy")
    catalogs.write(path, catalog)


@pytest.fixture
def outdated(mini: Path, kbgen) -> Path:
    """Every entry reviewed, then one paragraph reworded in English: one outdated entry per language."""
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    for lang in ("de", "es"):
        _translate(mini, lang)
    article = mini / ARTICLE
    article.write_text(
        article.read_text().replace("Write down the 12 words in order", "Write all 12 words down in order")
    )
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    return mini


def _the_outdated(root: Path, lang: str):
    return next(m for m in _read(root, lang) if m.id and catalogs.status_of(m) == EntryStatus.OUTDATED)


def test_an_outdated_human_translation_keeps_its_text_and_gets_a_suggestion(outdated: Path, kbgen):
    before = _the_outdated(outdated, "de")
    result = kbgen("-C", outdated, "translate", "-e", "pseudo", "-l", "de")

    assert result.exit_code == 0, result.output
    assert "de: 0 draft(s), 1 suggestion(s) for outdated translations, 0 rejected" in result.output
    after = _the_outdated(outdated, "de")
    assert (after.string, after.previous_id) == (before.string, before.previous_id)
    [suggestion] = [c for c in after.user_comments if c.startswith("kbgen: machine suggestion")]
    assert suggestion.startswith("kbgen: machine suggestion (pseudo): ") and "`0.5 BTC`" in suggestion


def test_overwrite_outdated_replaces_it_with_a_draft(outdated: Path, kbgen):
    context = _the_outdated(outdated, "de").context
    result = kbgen("-C", outdated, "translate", "-e", "pseudo", "-l", "de", "--overwrite-outdated")

    assert result.exit_code == 0, result.output
    drafted = next(m for m in _read(outdated, "de") if m.context == context)
    assert catalogs.status_of(drafted) == EntryStatus.MACHINE and not drafted.previous_id


def test_reviewed_entries_are_never_touched(outdated: Path, kbgen):
    reviewed = {m.context: m.string for m in _read(outdated, "es") if catalogs.status_of(m) == EntryStatus.REVIEWED}
    kbgen("-C", outdated, "translate", "-e", "pseudo", "-l", "es", "--overwrite-outdated")
    after = {m.context: m.string for m in _read(outdated, "es") if m.context in reviewed}
    assert after == reviewed


# ------------------------------------------------------------------ kill test

_PARAGRAPHS = [
    "Open the app and tap your profile picture in the top left corner.",
    "Check that the network you choose matches the network of the receiving address.",
    "If the transfer does not arrive within 2 hours, contact support with the transaction ID.",
    "Never share your password or your 2FA code with anyone, including our staff.",
    "You can change your notification settings at any time under Preferences.",
]


def _bigger(root: Path) -> None:
    """Enough articles that a draft run writes many batches: room to be killed between and during them."""
    folder = root / "content/articles/wallets"
    for number in range(12):
        body = "\n\n".join(f"{n + 1}. {text} (Step {number}.{n})" for n, text in enumerate(_PARAGRAPHS * 3))
        (folder / f"guide-{number}.yaml").write_text(
            f"id: guide-{number}\ntitle: Wallet guide {number}\nsummary: Everything about wallets, part {number}.\n"
            "category: wallets\nlast_reviewed: 2026-10-01\nbody: |\n"
            + "\n".join(f"  {line}" for line in body.split("\n"))
        )


def _human_work(root: Path) -> dict[str, dict[str, tuple]]:
    found = {}
    for lang in ("de", "es"):
        found[lang] = {
            m.context: (catalogs.status_of(m), m.string, tuple(m.previous_id))
            for m in _read(root, lang)
            if m.id and catalogs.status_of(m) in (EntryStatus.REVIEWED, EntryStatus.OUTDATED)
        }
    return found


def _run(root: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "kbgen", "-C", str(root), "translate", "-e", "pseudo"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.trial
@pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext's msgfmt")
def test_a_killed_translate_never_loses_a_reviewed_or_outdated_translation(mini: Path, kbgen, tmp_path: Path):
    _bigger(mini)
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    for lang in ("de", "es"):
        _translate(mini, lang, leave_missing=lambda n: n % 3 == 0)
    for path in (mini / "content/articles/wallets").glob("guide-*.yaml"):  # reword: outdated entries
        path.write_text(path.read_text().replace("in the top left corner", "at the top left"))
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    expected = _human_work(mini)
    assert sum(status == EntryStatus.OUTDATED for entries in expected.values() for status, *_ in entries.values()) >= 24
    pristine = tmp_path / "pristine"
    shutil.copytree(mini / "locales", pristine)

    started = time.monotonic()
    assert _run(mini).wait(timeout=300) == 0
    full = time.monotonic() - started
    # Killed early (the first saves) and late (most languages drafted); `python -m bench.faults
    # --project . --command translate` runs the long series at random moments.
    for trial, share in enumerate((0.35, 0.8)):
        shutil.rmtree(mini / "locales")
        shutil.copytree(pristine, mini / "locales")
        process = _run(mini)
        time.sleep(share * full)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _human_work(mini) == expected, f"trial {trial}"
        for lang in ("de", "es"):
            check = subprocess.run(
                ["msgfmt", "--check", "-o", "/dev/null", str(mini / PO.format(lang))], capture_output=True, text=True
            )
            assert check.returncode == 0, check.stderr
