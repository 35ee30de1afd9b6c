"""Segment catalogs: update, statuses, translation memory, drafts, QA, msgfmt."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import snapshot
from requirements import available, needs

from kbgen.i18n import catalogs

LANGS = ("de", "es")
ARTICLE = "content/articles/wallets/back-up-your-wallet.yaml"


def _po(root: Path, lang: str) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / "content.po"


def _read(root: Path, lang: str):
    return catalogs.read(_po(root, lang), None, lang)


def _review_everything(root: Path, lang: str) -> None:
    """What a translator does in Poedit: translate every entry and clear fuzzy."""
    catalog = _read(root, lang)
    for message in catalog:
        if message.id:
            message.string = f"{lang.upper()}: {message.id}"
            message.flags.discard("fuzzy")
            message.previous_id = ()
    catalogs.write(_po(root, lang), catalog)


def _statuses(root: Path, lang: str) -> dict[str, str]:
    return {m.context: catalogs.status_of(m) for m in _read(root, lang) if m.id}


@pytest.fixture
def translated(mini: Path, kbgen) -> Path:
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    for lang in LANGS:
        _review_everything(mini, lang)
    return mini


def _edit(root: Path, old: str, new: str) -> None:
    path = root / ARTICLE
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_update_writes_template_and_catalogs(mini: Path, kbgen):
    result = kbgen("-C", mini, "i18n", "update")

    assert result.exit_code == 0, result.output
    assert (mini / "locales" / "content.pot").is_file()
    for lang in LANGS:
        statuses = _statuses(mini, lang)
        assert set(statuses.values()) == {"missing"}
        assert "article:what-is-a-wallet:title" in statuses
        assert "faq:can-support-restore-my-wallet:question" in statuses
        assert any(c.startswith("term:private-key:definition:") for c in statuses)
        assert "term:harbor-exchange:term" not in statuses  # translate: false
        assert "notice:maintenance:text" in statuses
        assert "contact:intro" in statuses


def test_rerun_changes_no_byte(translated: Path, kbgen):
    before = snapshot(translated / "locales")
    assert kbgen("-C", translated, "i18n", "update").exit_code == 0
    assert snapshot(translated / "locales") == before


@needs("msgfmt")
def test_every_catalog_passes_msgfmt_check(translated: Path, kbgen):
    _edit(translated, "Write down the 12 words", "Write down all 12 words")
    assert kbgen("-C", translated, "i18n", "update").exit_code == 0
    assert kbgen("-C", translated, "translate", "--engine", "pseudo", "--lang", "es").exit_code == 0
    for path in [translated / "locales" / "content.pot", *(_po(translated, lang) for lang in LANGS)]:
        run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr


def test_one_changed_paragraph_outdates_exactly_one_entry_per_language(translated: Path, kbgen):
    _edit(translated, "Write down the 12 words in order.", "Write down all 12 words in order.")

    result = kbgen("-C", translated, "i18n", "update")

    assert result.exit_code == 0
    for lang in LANGS:
        catalog = _read(translated, lang)
        outdated = [m for m in catalog if m.id and catalogs.status_of(m) == "outdated"]
        assert len(outdated) == 1
        assert outdated[0].id.startswith("Write down all 12 words in order.")
        assert "".join(outdated[0].previous_id).startswith("Write down the 12 words in order.")
        assert outdated[0].string.startswith(f"{lang.upper()}: Write down the 12 words")
        assert sum(catalogs.status_of(m) == "reviewed" for m in catalog if m.id) == len(_statuses(translated, lang)) - 1


def test_reverting_the_change_makes_it_current_again(translated: Path, kbgen):
    _edit(translated, "Write down the 12 words", "Write down all 12 words")
    kbgen("-C", translated, "i18n", "update")
    _edit(translated, "Write down all 12 words", "Write down the 12 words")
    kbgen("-C", translated, "i18n", "update")
    assert set(_statuses(translated, "de").values()) == {"reviewed"}


def test_whitespace_only_edit_outdates_nothing(translated: Path, kbgen):
    _edit(translated, "Write down the 12 words in order. Send", "Write down the 12 words in order.\n  Send")
    assert kbgen("-C", translated, "i18n", "update").exit_code == 0
    for lang in LANGS:
        assert set(_statuses(translated, lang).values()) == {"reviewed"}


def test_declared_minor_edit_keeps_translations_reviewed(translated: Path, kbgen):
    _edit(translated, "only after a test", "only after a test transfer")
    result = kbgen("-C", translated, "i18n", "update", "--minor", "article:back-up-your-wallet")
    assert result.exit_code == 0
    assert set(_statuses(translated, "de").values()) == {"reviewed"}


def test_translation_memory_only_suggests_a_translation_from_another_kind_of_text(translated: Path, kbgen):
    faq = translated / "content/faqs/wallets/can-support-restore-my-wallet.yaml"
    faq.write_text(faq.read_text() + "\n  Write down your recovery phrase and keep it offline.\n")
    # The same sentence is the reviewed summary of back-up-your-wallet; here it is part of an answer.
    result = kbgen("-C", translated, "i18n", "update", "--lang", "de")
    assert "1 from memory" in result.output
    reused = {
        m.context: m for m in _read(translated, "de") if m.id == "Write down your recovery phrase and keep it offline."
    }
    answer = next(m for context, m in reused.items() if context.startswith("faq:"))
    assert catalogs.status_of(answer) == "suggested"
    assert answer.fuzzy and answer.user_comments == ["kbgen: suggested from article:back-up-your-wallet:summary"]
    assert catalogs.status_of(reused["article:back-up-your-wallet:summary"]) == "reviewed"


def test_translation_memory_reuses_a_reviewed_translation_of_the_same_field(translated: Path, kbgen):
    # A paragraph of one article's body, written again in another article's body.
    article = translated / "content/articles/wallets/what-is-a-wallet.yaml"
    article.write_text(article.read_text() + "\n  Visit https://harbor.example.com/settings for details.\n")
    result = kbgen("-C", translated, "i18n", "update", "--lang", "de")
    assert "1 from memory" in result.output
    reused = next(
        m
        for m in _read(translated, "de")
        if m.id and m.context.startswith("article:what-is-a-wallet:body:") and m.id.startswith("Visit")
    )
    assert catalogs.status_of(reused) == "reviewed" and reused.string.startswith("DE: Visit")


def test_pseudo_drafts_are_machine_and_keep_spans(mini: Path, kbgen):
    kbgen("-C", mini, "i18n", "update")
    result = kbgen("-C", mini, "translate", "--engine", "pseudo")
    assert result.exit_code == 0, result.output
    catalog = _read(mini, "de")
    assert {catalogs.status_of(m) for m in catalog if m.id} == {"machine"}
    body = next(m for m in catalog if m.id and "0.5 BTC" in m.id)
    assert "`0.5 BTC`" in body.string and "`bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh`" in body.string
    assert kbgen("-C", mini, "i18n", "qa").exit_code == 0


@pytest.mark.parametrize(
    "source_part, bad_part, expected",
    [
        (
            "https://harbor.example.com/settings",
            "https://harb0r.example.net/settings",
            "https://harbor.example.com/settings",
        ),
        ("`0.5 BTC`", "`5 BTC`", "0.5 BTC"),
        (
            "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
            "bc1qattackerattackerattackerattacker0wlh",
            "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
        ),
        ("Write down", "Write down <script>steal()</script>", "script"),
    ],
    ids=["changed-url", "changed-amount", "changed-address", "added-script"],
)
def test_qa_catches_adversarial_translations(source_part, bad_part, expected, translated: Path, kbgen):
    catalog = _read(translated, "de")
    target = next(m for m in catalog if m.id and source_part in m.id)
    target.string = target.id.replace(source_part, bad_part)
    catalogs.write(_po(translated, "de"), catalog)

    qa = kbgen("-C", translated, "i18n", "qa", "--lang", "de")
    check = kbgen("-C", translated, "check")

    assert qa.exit_code == 1
    line = next(out for out in qa.output.splitlines() if "[critical]" in out and expected in out)
    assert line.startswith("locales/de/LC_MESSAGES/content.po:")
    assert f"'{target.context}'" in line and expected in line
    assert check.exit_code == 1

    assert kbgen("-C", translated, "build").exit_code == 0
    site = "".join(p.read_text() for p in (translated / "site" / "de").rglob("*.html"))
    assert bad_part not in site and "steal()" not in site  # the English text is shown instead


def test_qa_catches_a_dropped_link(translated: Path, kbgen):
    catalog = _read(translated, "de")
    target = next(m for m in catalog if m.id and "](" in m.id)
    target.string = "Kein Link mehr hier."
    catalogs.write(_po(translated, "de"), catalog)
    qa = kbgen("-C", translated, "i18n", "qa", "--lang", "de")
    assert qa.exit_code == 1
    assert "link target" in qa.output


def test_broken_po_file_is_one_error_with_its_line(translated: Path, kbgen):
    po = _po(translated, "de")
    lines = po.read_text().splitlines()
    lines[20] = "this is not a PO line"
    po.write_text("\n".join(lines) + "\n")
    before = snapshot(translated)

    result = kbgen("-C", translated, "i18n", "update")

    assert result.exit_code == 1
    assert result.output.startswith("locales/de/LC_MESSAGES/content.po:21: invalid PO file: unknown keyword 'this'\n")
    assert "Traceback" not in result.output
    assert snapshot(translated) == before


@needs("apertium")
def test_apertium_drafts_pass_qa_and_a_draft_that_loses_a_value_is_not_saved(mini: Path, kbgen):
    """Real Apertium en->es on the small project: protected spans, links, lists, a table, a warning box."""
    contact = mini / "content/contact.yaml"
    contact.write_text(contact.read_text().replace("help.", "help. Live chat is open around the clock.", 1))
    assert kbgen("-C", mini, "i18n", "update", "--lang", "es").exit_code == 0

    result = kbgen("-C", mini, "translate", "--engine", "apertium", "--lang", "es")

    assert result.exit_code == 0, result.output
    # Apertium's "alrededor del reloj" loses the value: warned about, and the entry stays untranslated.
    assert "rejected draft contact:intro: 'around the clock' (around the clock) is missing" in result.output
    assert re.search(r"^es: (\d+) draft\(s\), .*, 1 rejected$", result.output, re.M)
    statuses = _statuses(mini, "es")
    assert statuses.pop("contact:intro") == "missing"
    assert set(statuses.values()) == {"machine"}
    catalog = _read(mini, "es")
    assert any("cartera" in m.string for m in catalog if m.id)  # Spanish for "wallet"
    body = next(m for m in catalog if m.id and "0.5 BTC" in m.id)
    assert "`0.5 BTC`" in body.string and "`bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh`" in body.string
    assert kbgen("-C", mini, "i18n", "qa", "--lang", "es").exit_code == 0


def test_argos_drafts_through_the_cli_keep_protected_spans(mini: Path, kbgen, argos_home: Path, offline):
    """The real Argos/CTranslate2 path on the tiny random-weight package, with the network blocked.

    The model's output is nonsense that invents numbers, so QA rejects most
    drafts: what matters here is that every entry went through the engine,
    rejected drafts were not saved, and protected spans come back intact.
    """
    from kbgen.i18n.engines import get_engine
    from kbgen.i18n.protect import find_spans, mask, unmask
    from kbgen.languages import language

    assert kbgen("-C", mini, "i18n", "update", "--lang", "de").exit_code == 0

    result = kbgen("-C", mini, "translate", "--engine", "argos", "--lang", "de")

    assert result.exit_code == 0, result.output
    drafted, rejected = map(
        int,
        re.search(
            r"^de: (\d+) draft\(s\), 0 suggestion\(s\) for outdated translations, (\d+) rejected$", result.output, re.M
        ).groups(),
    )
    catalog = _read(mini, "de")
    entries = [m for m in catalog if m.id]
    assert drafted + rejected == len(entries) and rejected > 0
    assert result.output.count("rejected draft") == rejected
    assert sum(catalogs.status_of(m) == "missing" for m in entries) == rejected  # nothing half-saved
    for message in entries:
        if catalogs.status_of(message) == "machine":
            assert "kbgen: machine draft (argos)" in message.user_comments
            assert all(span.text in message.string for span in find_spans(message.id))

    source = next(m.id for m in entries if "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh" in m.id)
    masked, spans = mask(source)
    [output] = get_engine("argos").translate([masked], language("de"))
    restored = unmask(output, spans)
    assert {"`0.5 BTC`", "`bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh`"} <= {span.text for span in spans}
    assert all(span.text in restored for span in spans)


def test_build_with_a_broken_catalog_is_one_error(translated: Path, kbgen):
    po = _po(translated, "de")
    po.write_text(po.read_text() + "this is not a PO line\n")

    result = kbgen("-C", translated, "build")

    assert result.exit_code == 1
    assert "locales/de/LC_MESSAGES/content.po:" in result.output and "invalid PO file" in result.output
    assert "Traceback" not in result.output


def test_interrupted_drafting_keeps_finished_batches(mini: Path, kbgen):
    from kbgen.config import load_project
    from kbgen.i18n import drafts
    from kbgen.i18n.engines.pseudo import PseudoEngine
    from kbgen.languages import language
    from kbgen.pipeline import valid_content

    kbgen("-C", mini, "i18n", "update", "--lang", "de")
    project = load_project(mini)
    content, _ = valid_content(project)

    class Interrupted(PseudoEngine):
        calls = 0

        def translate(self, texts, target):
            Interrupted.calls += 1
            if Interrupted.calls == 2:
                raise KeyboardInterrupt  # Ctrl-C during the second batch
            return super().translate(texts, target)

    original = drafts.BATCH_SIZE
    drafts.BATCH_SIZE = 10
    try:
        with pytest.raises(KeyboardInterrupt):
            drafts.draft_language(project, content, language("de"), Interrupted())
    finally:
        drafts.BATCH_SIZE = original

    statuses = list(_statuses(mini, "de").values())  # the catalog still reads
    assert statuses.count("machine") == 10 and statuses.count("missing") == len(statuses) - 10
    run = (
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(_po(mini, "de"))], capture_output=True, text=True)
        if available("msgfmt")
        else None
    )
    assert run is None or run.returncode == 0, run.stderr
