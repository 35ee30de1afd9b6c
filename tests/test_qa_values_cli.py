"""`kbgen i18n qa` reads values the way the translation's language writes them."""

from __future__ import annotations

from pathlib import Path

from kbgen.i18n import catalogs


def _translate(root: Path, lang: str, start: str, translation: str) -> str:
    """Write a reviewed translation for the entry whose source starts with `start`; return its context."""
    path = root / "locales" / lang / "LC_MESSAGES" / "content.po"
    catalog = catalogs.read(path, None, lang)
    message = next(m for m in catalog if m.id and m.id.startswith(start))
    message.string = translation
    message.flags.discard("fuzzy")
    catalogs.write(path, catalog)
    return message.context


def test_a_number_written_as_a_word_passes_and_a_changed_one_is_critical(mini: Path, kbgen) -> None:
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    code = "Senden Sie `0.5 BTC` an `bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh` erst nach einem Test."

    _translate(mini, "de", "Write down the 12 words", f"Schreiben Sie die zwölf Wörter der Reihe nach auf. {code}")
    assert kbgen("-C", mini, "i18n", "qa", "--lang", "de").exit_code == 0

    context = _translate(
        mini, "de", "Write down the 12 words", f"Schreiben Sie die 24 Wörter der Reihe nach auf. {code}"
    )
    result = kbgen("-C", mini, "i18n", "qa", "--lang", "de")
    assert result.exit_code == 1
    critical = [line for line in result.output.splitlines() if "[critical]" in line]
    assert [line.split(": ", 1)[1] for line in critical] == [
        f"'{context}': [critical] spans: amount '12' changed or missing",
        f"'{context}': [critical] spans: extra amount '24'",
    ]
    assert critical[0].startswith("locales/de/LC_MESSAGES/content.po:")
