"""Catalogs as PO tools write them: gettext's wrapping, wrapped previous sources, saves that change nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, snapshot

from kbgen.i18n import catalogs
from kbgen.i18n.poformat import canonical, split_previous

needs_gettext = pytest.mark.skipif(not shutil.which("msgcat"), reason="msgcat (Debian gettext) is not installed")
LONG = (
    "Write down the 12 words in order on paper, keep the paper somewhere safe and dry, "
    "and never type the words into a website, an email or a chat with anyone."
)


def _po(root: Path, lang: str, domain: str = "content") -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """The demo project's source and catalogs (real translations, CJK and Arabic included)."""
    root = tmp_path / "demo"
    root.mkdir()
    for name in ("content", "locales", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _outdated_catalog():
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="de", domain="content")
    catalog.add(
        LONG.replace("12", "24"),
        "Schreiben Sie die 12 Wörter auf.",
        context="article:x:body:1",
        flags=["fuzzy"],
        previous_id=[LONG],
    )
    return catalog


@needs_gettext
def test_msgcat_save_then_update_changes_no_byte(demo_copy: Path, kbgen):
    """A translator saves in a gettext tool (msgcat wraps as Poedit does); `i18n update` keeps that file."""
    for lang in ("de", "ja", "ar"):
        for domain in ("content", "theme"):
            path = _po(demo_copy, lang, domain)
            subprocess.run(["msgcat", str(path), "-o", str(path)], check=True)
    before = snapshot(demo_copy / "locales")

    result = kbgen("-C", demo_copy, "i18n", "update", "-l", "de", "-l", "ja", "-l", "ar")

    assert result.exit_code == 0, result.output
    assert snapshot(demo_copy / "locales") == before


def test_demo_catalogs_are_in_kbgen_layout(demo_copy: Path, kbgen):
    """The committed catalogs are what `i18n update --relayout` writes: nothing to rewrite.

    A plain `i18n update` writes only the catalogs whose content changed, laid
    out the same way: with every catalog rewritten and no byte changed, it
    changes none either.
    """
    before = snapshot(demo_copy / "locales")
    assert kbgen("-C", demo_copy, "i18n", "update", "--relayout").exit_code == 0
    assert snapshot(demo_copy / "locales") == before


def test_long_strings_wrap_at_79_columns():
    text = catalogs.render(_outdated_catalog()).decode()
    assert max(len(line) for line in text.splitlines()) <= 79
    assert 'msgid ""\n"Write down the 24 words in order on paper, keep the paper somewhere safe and "\n' in text
    assert '#| msgid ""\n#| "Write down the 12 words in order on paper, keep the paper somewhere safe "\n' in text


def test_a_wrapped_previous_source_reads_back_whole(tmp_path: Path):
    path = tmp_path / "de.po"
    catalogs.write(path, _outdated_catalog())

    message = next(m for m in catalogs.read(path, "de", "de.po") if m.id)

    assert message.previous_id == [LONG]
    assert message.user_comments == []
    assert catalogs.status_of(message) == "outdated"


def test_previous_fields_and_translator_comments_are_told_apart():
    comments = ["Checked by Ana", '| msgctxt "article:x:title"', '| msgid ""', '| "Send "', '| "crypto"', "Ask Ben"]
    fields, kept = split_previous(comments)
    assert fields == {"msgctxt": "article:x:title", "msgid": "Send crypto"}
    assert kept == ["Checked by Ana", "Ask Ben"]


@needs_gettext
def test_kbgen_layout_passes_msgfmt_check(tmp_path: Path):
    path = tmp_path / "de.po"
    catalogs.write(path, _outdated_catalog())
    run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


@needs_gettext
def test_msgcat_keeps_kbgen_layout_of_latin_text(tmp_path: Path):
    """gettext releases differ on a few CJK and punctuation breaks; plain prose wraps identically."""
    path = tmp_path / "de.po"
    catalogs.write(path, _outdated_catalog())
    saved = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
    assert saved == path.read_bytes()


def test_a_translators_header_survives_an_update(demo_copy: Path, kbgen):
    """Poedit, Weblate and Crowdin set the revision date and translator; an update keeps them."""
    path = _po(demo_copy, "de")
    text = path.read_text(encoding="utf-8")
    text = text.replace('"PO-Revision-Date: 2000-01-01 00:00+0000\\n"', '"PO-Revision-Date: 2026-11-20 14:05+0100\\n"')
    text = text.replace('"Last-Translator: kbgen\\n"', '"Last-Translator: Ana Weber <ana@example.com>\\n"')
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()

    assert kbgen("-C", demo_copy, "i18n", "update", "-l", "de").exit_code == 0
    assert path.read_bytes() == before

    assert kbgen("-C", demo_copy, "i18n", "update", "-l", "de", "--relayout").exit_code == 0
    assert '"PO-Revision-Date: 2026-11-20 14:05+0100\\n"' in path.read_text(encoding="utf-8")
    assert '"Last-Translator: Ana Weber <ana@example.com>\\n"' in path.read_text(encoding="utf-8")


def _rich_catalog():
    """A catalog with every part a PO file writes: header, comments, locations, flags, previous source, obsolete."""
    from babel.messages.catalog import Message

    catalog = _outdated_catalog()
    catalog.header_comment = "# German translation of the help center."
    catalog.add(
        "Open Settings.",
        "Öffnen Sie die Einstellungen.",
        context="article:x:body:2",
        locations=[("content/articles/x.yaml", 12), ("content/articles/x.yaml", 30)],
        auto_comments=["Article body, paragraph 2"],
        user_comments=["checked by Lena"],
    )
    catalog.obsolete[("Old text.", "article:x:body:9")] = Message(
        "Old text.", "Alter Text.", context="article:x:body:9"
    )
    return catalog


def _edits():
    """One change to each part of `_rich_catalog`, and changes that are only layout."""

    def entry(catalog):
        return next(m for m in catalog if m.context == "article:x:body:2")

    def retranslate(c):
        entry(c).string = "Öffnen Sie bitte die Einstellungen."

    def recomment(c):
        entry(c).user_comments = ["checked by Jonas"]

    def renote(c):
        entry(c).auto_comments = ["Article body, paragraph 3"]

    def relocate(c):
        entry(c).locations = [("content/articles/y.yaml", 12)]

    def reflag(c):
        entry(c).flags.add("fuzzy")

    def reprevious(c):
        next(m for m in c if m.context == "article:x:body:1").previous_id = ["Another source."]

    def reheader(c):
        c.header_comment = "# Deutsche Übersetzung."

    def reobsolete(c):
        next(iter(c.obsolete.values())).string = "Ganz alter Text."

    def other_line_numbers(c):  # kbgen writes no line numbers: not a change
        entry(c).locations = [("content/articles/x.yaml", 1), ("content/articles/x.yaml", 2)]

    def padded_comment(c):  # written trimmed: not a change
        entry(c).user_comments = ["checked by Lena  "]

    return [retranslate, recomment, renote, relocate, reflag, reprevious, reheader, reobsolete] + [
        other_line_numbers,
        padded_comment,
    ]


@pytest.mark.parametrize("edit", _edits(), ids=lambda edit: edit.__name__)
def test_contents_tell_the_same_catalogs_apart_as_their_written_text(edit):
    """`catalogs.write` compares contents instead of writing both sides: the two comparisons must agree."""
    original, edited = _rich_catalog(), _rich_catalog()
    edit(edited)
    same_text = canonical(edited) == canonical(original)
    assert (catalogs.contents(edited) == catalogs.contents(original)) == same_text
    assert same_text == (edit.__name__ in ("other_line_numbers", "padded_comment"))
