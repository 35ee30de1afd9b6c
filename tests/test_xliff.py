"""XLIFF 1.2 exchange: export and import keep every byte and every status, and an import is checked before it writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot
from lxml import etree

from kbgen.i18n import catalogs
from kbgen.i18n.xliff import NAMESPACE

NS = {"x": NAMESPACE}
ARTICLE = "content/articles/wallets/back-up-your-wallet.yaml"
SPAN_SOURCE = "Write down the 12 words in order. Send `0.5 BTC`"


def _po(root: Path, lang: str = "de") -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / "content.po"


def _statuses(root: Path) -> dict[str, str]:
    return {m.context: catalogs.status_of(m) for m in catalogs.read(_po(root), "de", "de") if m.id}


@pytest.fixture
def every_status(mini: Path, kbgen) -> Path:
    """German with reviewed, machine, outdated and missing entries."""
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    catalog = catalogs.read(_po(mini), "de", "de")
    for number, message in enumerate(m for m in catalog if m.id):
        if number % 7 != 3:  # every seventh stays for the machine
            message.string = f"DE: {message.id}"
    catalogs.write(_po(mini), catalog)
    assert kbgen("-C", mini, "translate", "--engine", "pseudo", "-l", "de").exit_code == 0
    path = mini / ARTICLE
    text = path.read_text().replace("Write down the 12 words", "Write down all 12 words")
    path.write_text(text + "\n  Keep the paper away from water.\n")
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    assert set(_statuses(mini).values()) == {"reviewed", "machine", "outdated", "missing"}
    return mini


def _units(path: Path) -> dict[str, etree._Element]:
    tree = etree.parse(str(path))
    return {u.get("id"): u for u in tree.iterfind(".//x:trans-unit", NS)}


def test_export_then_import_changes_no_byte(every_status: Path, kbgen, tmp_path: Path):
    before = snapshot(every_status / "locales")
    exported = tmp_path / "de.xlf"

    assert kbgen("-C", every_status, "i18n", "export", "-l", "de", "--format", "xliff", "-o", exported).exit_code == 0
    result = kbgen("-C", every_status, "i18n", "import", exported)

    assert result.exit_code == 0, result.output
    assert result.output == "de: no change\n"
    assert snapshot(every_status / "locales") == before


def test_statuses_become_xliff_states(every_status: Path, kbgen, tmp_path: Path):
    exported = tmp_path / "de.xlf"
    kbgen("-C", every_status, "i18n", "export", "-l", "de", "-o", exported)
    units = _units(exported)
    expected = {
        "reviewed": ("translated", None, "yes"),
        "machine": ("needs-review-translation", "mt-suggestion", "no"),
        "outdated": ("needs-review-translation", None, "no"),
        "missing": ("needs-translation", None, None),
    }
    for context, status in _statuses(every_status).items():
        target = units[context].find("x:target", NS)
        state = (target.get("state"), target.get("state-qualifier"), units[context].get("approved"))
        assert state == expected[status], (context, status)
    outdated = next(c for c, s in _statuses(every_status).items() if s == "outdated")
    previous = units[outdated].find("x:note[@from='previous-source']", NS).text
    assert previous.startswith("Write down the 12 words in order.")


def test_exported_units_carry_notes_locations_and_length_limits(every_status: Path, kbgen, tmp_path: Path):
    exported = tmp_path / "de.xlf"
    kbgen("-C", every_status, "i18n", "export", "-l", "de", "-o", exported)
    units = _units(exported)
    title = units["article:what-is-a-wallet:title"]
    assert title.find("x:note[@from='developer']", NS).text == "Title of article 'What is a wallet?'"
    assert (
        title.find(".//x:context[@context-type='sourcefile']", NS).text
        == "content/articles/wallets/what-is-a-wallet.yaml"
    )
    yes = next(u for i, u in units.items() if i.startswith("ui:") and u.find("x:source", NS).text == "Yes")
    assert (yes.get("maxwidth"), yes.get("size-unit")) == ("12", "char")


def test_a_translators_file_comes_back_reviewed(every_status: Path, kbgen, tmp_path: Path):
    exported = tmp_path / "de.xlf"
    kbgen("-C", every_status, "i18n", "export", "-l", "de", "-o", exported)
    tree = etree.parse(str(exported))
    statuses = _statuses(every_status)
    for unit in tree.iterfind(".//x:trans-unit", NS):
        if statuses.get(unit.get("id")) in ("missing", "machine", "outdated"):
            target = unit.find("x:target", NS)
            target.text = "DE: " + unit.find("x:source", NS).text
            target.set("state", "final")
    tree.write(str(exported), encoding="UTF-8", xml_declaration=True)

    result = kbgen("-C", every_status, "i18n", "import", exported)

    assert result.exit_code == 0, result.output
    assert result.output == "de: updated locales/de/LC_MESSAGES/content.po\n"
    assert set(_statuses(every_status).values()) == {"reviewed"}


def test_an_import_that_breaks_a_protected_span_writes_nothing(every_status: Path, kbgen, tmp_path: Path):
    exported = tmp_path / "de.xlf"
    kbgen("-C", every_status, "i18n", "export", "-l", "de", "-o", exported)
    text = exported.read_text()
    source_at = text.index("<source>Write down all 12 words in order. Send `0.5 BTC`")
    target_at = text.index("<target", source_at)
    end = text.index("</target>", target_at)
    line = text.count("\n", 0, text.rfind("<trans-unit", 0, source_at)) + 1  # errors name the unit's line
    broken = text[:target_at] + '<target state="translated">Schreiben Sie die 12 Wörter auf.' + text[end:]
    exported.write_text(broken)
    before = snapshot(every_status / "locales")

    result = kbgen("-C", every_status, "i18n", "import", exported)

    assert result.exit_code == 1
    assert f"{exported}:{line}: 'article:back-up-your-wallet:body:" in result.output
    assert "[critical] spans:" in result.output
    assert "code '`0.5 BTC`' is missing" in result.output
    assert result.output.endswith("Error: 2 problem(s) found.\n")
    assert snapshot(every_status / "locales") == before


def test_a_file_for_an_unconfigured_language_is_one_error(every_status: Path, kbgen, tmp_path: Path):
    exported = tmp_path / "de.xlf"
    kbgen("-C", every_status, "i18n", "export", "-l", "de", "-o", exported)
    exported.write_text(exported.read_text().replace('target-language="de"', 'target-language="nl"'))
    result = kbgen("-C", every_status, "i18n", "import", exported)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {exported}: target-language 'nl' is not a configured target language (configured: de, es, ar)\n"
    )
