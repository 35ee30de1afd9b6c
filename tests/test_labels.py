"""App UI labels: `:ui[id]` shows the app's own button name in every language, and survives translation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbgen.config import load_project
from kbgen.i18n.carry import rewrite, span_changes
from kbgen.i18n.qa import Unit, critical_failures
from kbgen.languages import language
from kbgen.pipeline import checked_content, valid_content
from kbgen.site.localize import source_view
from kbgen.site.pages import PageRenderer

ARTICLE = "content/articles/wallets/back-up-your-wallet.yaml"
LABELS = """\
# yaml-language-server: $schema=../schema/ui-labels.schema.json
labels:
  - id: withdraw
    text:
      en: Withdraw
      ar: سحب
      de: Auszahlen
  - id: forgot-password
    key: forgot_password_button
    text:
      en: Forgot password?
      ar: هل نسيت كلمة المرور؟
      de: Passwort vergessen?
      es: ¿Olvidaste tu contraseña?
"""


@pytest.fixture
def labelled(mini: Path) -> Path:
    (mini / "content/ui-labels.yaml").write_text(LABELS)
    article = mini / ARTICLE
    article.write_text(
        article.read_text().replace(
            "Visit https://harbor.example.com/settings for details.",
            "Tap :ui[withdraw] or :ui[forgot-password], not `:ui[withdraw]`. Visit https://harbor.example.com/settings.",
        )
    )
    return mini


def _article_page(root: Path, lang: str) -> str:
    project = load_project(root)
    content, _ = valid_content(project)
    renderer = PageRenderer(source_view(content), language(lang), "Mini", source_code="en")
    return renderer.article(content.articles["back-up-your-wallet"]).text


def test_each_language_shows_the_apps_own_label_as_a_control(labelled: Path):
    assert (
        'Tap <kbd class="kb-ui" lang="de" dir="ltr">Auszahlen</kbd> or '
        '<kbd class="kb-ui" lang="de" dir="ltr">Passwort vergessen?</kbd>, not `:ui[withdraw]`.'
    ) in _article_page(labelled, "de")
    assert '<kbd class="kb-ui" lang="es" dir="ltr">¿Olvidaste tu contraseña?</kbd>' in _article_page(labelled, "es")
    assert 'Tap <kbd class="kb-ui">Withdraw</kbd>' in _article_page(labelled, "en")


def test_a_label_in_a_title_is_plain_text_in_the_languages_word(labelled: Path):
    article = labelled / ARTICLE
    article.write_text(
        article.read_text().replace("title: Back up your wallet", "title: Back up before you :ui[withdraw]")
    )
    page = _article_page(labelled, "de")
    assert 'title: "Back up before you Auszahlen"' in page and "# Back up before you Auszahlen" in page


def test_a_label_in_a_summary_is_indexed_as_the_languages_word(labelled: Path):
    """Chinese titles and summaries are also indexed character by character: the label's own characters,
    never its reference's letters."""
    config = labelled / "mkdocs.yml"
    config.write_text(config.read_text().replace("languages: [de, es, ar]", "languages: [de, es, ar, zh-Hans]"))
    labels = LABELS.replace("      es: ¿Olvidaste", "      zh-Hans: 忘记密码？\n      es: ¿Olvidaste")
    (labelled / "content/ui-labels.yaml").write_text(labels)
    article = labelled / ARTICLE
    text = article.read_text()
    article.write_text(text.replace("\nsummary: ", "\nsummary: Choose :ui[forgot-password] first. ", 1))
    page = _article_page(labelled, "zh-Hans")
    indexed = next(line for line in page.splitlines() if line.startswith('<div class="kb-keywords"'))
    assert "忘 记 密 码" in indexed and "ui" not in indexed and "forgot" not in indexed
    assert 'description: "Choose 忘记密码？ first.' in page and "\nChoose 忘记密码？ first." in page


def test_a_missing_label_shows_english_marked_as_english_with_a_warning(labelled: Path):
    assert '<kbd class="kb-ui" lang="en" dir="ltr">Withdraw</kbd>' in _article_page(labelled, "es")
    _, problems = checked_content(load_project(labelled))
    assert [str(p) for p in problems if "label" in p.message] == [
        "content/ui-labels.yaml:3: warning: 'id': label 'withdraw' has no text for es: those languages show 'Withdraw'"
    ]
    assert all(p.severity == "warning" for p in problems if "label" in p.message)


def test_an_unknown_label_is_an_error_at_its_line(labelled: Path, kbgen):
    article = labelled / ARTICLE
    article.write_text(article.read_text().replace(":ui[withdraw] or", ":ui[withdrw] or"))
    result = kbgen("-C", labelled, "check")
    assert result.exit_code == 1
    assert (
        "content/articles/wallets/back-up-your-wallet.yaml:12: 'body': unknown UI label 'withdrw' "
        "(add it to content/ui-labels.yaml)"
    ) in result.output


def test_a_label_without_its_english_text_is_an_error(labelled: Path):
    (labelled / "content/ui-labels.yaml").write_text(LABELS.replace("      en: Withdraw\n", ""))
    _, problems = checked_content(load_project(labelled))
    assert "content/ui-labels.yaml:4: 'text': label 'withdraw' has no 'en' text" in [str(p) for p in problems]


def test_qa_requires_every_label_reference_to_survive_translation():
    source = "Tap :ui[withdraw] to send."
    translated = critical_failures(Unit("c", source, "Tippen Sie auf Auszahlen.", "de"))
    assert [f.message for f in translated] == ["app label ':ui[withdraw]' is missing"]
    assert critical_failures(Unit("c", source, "Tippen Sie auf :ui[withdraw].", "de")) == []


def test_inline_code_turned_into_a_label_is_carried_into_translations():
    old, new = "Tap `Withdraw` and confirm.", "Tap :ui[withdraw] and confirm."
    changes = span_changes(old, new)
    assert rewrite("Tippen Sie auf `Withdraw` und bestätigen Sie.", changes, "de", old) == (
        "Tippen Sie auf :ui[withdraw] und bestätigen Sie."
    )


# ------------------------------------------------------------------ import

ANDROID = """<?xml version="1.0" encoding="utf-8"?>
<resources>
    <string name="withdraw">Auszahlen</string>
    <string name="forgot_password_button">Passwort vergessen?</string>
    <string name="app_name" translatable="false">Harbor</string>
    <string name="deposit">Einzahlen</string>
</resources>
"""


def _labels(root: Path) -> dict[str, dict[str, str]]:
    project = load_project(root)
    content, _ = valid_content(project)
    return {label.id: label.text for label in content.ui_labels.values()}


def test_import_android_strings_updates_the_labels_it_names(labelled: Path, kbgen, tmp_path: Path):
    (labelled / "content/ui-labels.yaml").write_text(LABELS.replace("de: Auszahlen", "de: Abheben"))
    strings = tmp_path / "strings.xml"
    strings.write_text(ANDROID)

    result = kbgen("-C", labelled, "labels", "import", strings, "--lang", "de")

    assert result.exit_code == 0, result.output
    assert result.output == "de: 1 label(s) updated, 0 added, 1 unchanged, 1 app string(s) not used as labels\n"
    assert _labels(labelled)["withdraw"] == {"en": "Withdraw", "ar": "سحب", "de": "Auszahlen"}
    assert (labelled / "content/ui-labels.yaml").read_text().startswith("# yaml-language-server: $schema=")


def test_import_ios_strings_in_utf16(labelled: Path, kbgen, tmp_path: Path):
    strings = tmp_path / "Localizable.strings"
    strings.write_bytes('/* Withdraw button */\n"withdraw" = "Retirar";\n'.encode("utf-16"))
    assert kbgen("-C", labelled, "labels", "import", strings, "-l", "es").exit_code == 0
    assert _labels(labelled)["withdraw"]["es"] == "Retirar"


def test_import_arb_and_json(labelled: Path, kbgen, tmp_path: Path):
    arb = tmp_path / "app_es.arb"
    arb.write_text(json.dumps({"@@locale": "es", "withdraw": "Retirar", "@withdraw": {"description": "Button"}}))
    assert kbgen("-C", labelled, "labels", "import", arb, "-l", "es").exit_code == 0
    flat = tmp_path / "de.json"
    flat.write_text(json.dumps({"forgotPasswordButton": "Kennwort vergessen?"}))
    assert kbgen("-C", labelled, "labels", "import", flat, "-l", "de").exit_code == 0
    labels = _labels(labelled)
    assert (labels["withdraw"]["es"], labels["forgot-password"]["de"]) == ("Retirar", "Kennwort vergessen?")


def test_import_an_xcode_string_catalog(labelled: Path, kbgen, tmp_path: Path):
    catalog = tmp_path / "Localizable.xcstrings"
    catalog.write_text(
        json.dumps(
            {
                "sourceLanguage": "en",
                "version": "1.0",
                "strings": {
                    "withdraw": {"localizations": {"es": {"stringUnit": {"state": "translated", "value": "Retirar"}}}}
                },
            }
        )
    )
    assert kbgen("-C", labelled, "labels", "import", catalog, "-l", "es").exit_code == 0
    assert _labels(labelled)["withdraw"]["es"] == "Retirar"


def test_import_add_creates_labels_from_the_source_language_only(labelled: Path, kbgen, tmp_path: Path):
    strings = tmp_path / "strings.xml"
    strings.write_text(ANDROID.replace("Einzahlen", "Deposit"))
    refused = kbgen("-C", labelled, "labels", "import", strings, "-l", "de", "--add")
    assert refused.exit_code == 1
    assert "Error: --add needs the source language (en): a new label needs its en text" in refused.output
    assert kbgen("-C", labelled, "labels", "import", strings, "-l", "en", "--add").exit_code == 0
    assert _labels(labelled)["deposit"] == {"en": "Deposit"}


def test_a_broken_string_file_is_one_error_and_nothing_is_written(labelled: Path, kbgen, tmp_path: Path):
    strings = tmp_path / "strings.xml"
    strings.write_text("<resources><string name='x'>unclosed</resources>")
    before = (labelled / "content/ui-labels.yaml").read_bytes()

    result = kbgen("-C", labelled, "labels", "import", strings, "-l", "de")

    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {strings}: not a valid Android strings.xml file (")
    assert len(result.output.strip().splitlines()) == 1
    assert (labelled / "content/ui-labels.yaml").read_bytes() == before


def test_the_built_page_and_its_search_index_hold_the_localized_label(labelled: Path, kbgen):
    import gzip

    assert kbgen("-C", labelled, "i18n", "update").exit_code == 0
    build = kbgen("-C", labelled, "build")
    assert build.exit_code == 0, build.output

    page = (labelled / "site/de/wallets/back-up-your-wallet/index.html").read_text()
    assert '<kbd class="kb-ui" lang="de" dir="ltr">Passwort vergessen?</kbd>' in page  # kept by the sanitizer
    fragments = (labelled / "site/pagefind").rglob("*.pf_fragment")
    indexed = "".join(gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in fragments)
    assert "Passwort vergessen?" in indexed
