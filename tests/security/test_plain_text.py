"""Markup in a plain-text field, a content translation or a UI string is refused with file:line.

Every payload of `payloads.PAYLOADS` is tried in every plain-text field of
the small project (check), in every entry of a content catalog (i18n qa)
and in every UI string (i18n qa and check). Payloads that are legitimate
text (quotes, apostrophes) pass; the browser test proves they are printed
safely.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from payloads import ALLOWED, PAYLOADS, REFUSED, Payload

from kbgen.i18n import catalogs
from kbgen.plaintext import markup_kinds

ARTICLE = "content/articles/wallets/what-is-a-wallet.yaml"
FAQ = "content/faqs/wallets/can-support-restore-my-wallet.yaml"

# Each file of the small project with `{p}` where a plain-text field goes;
# PLAIN_FIELDS names the (file, line, key) kbgen must report for each.
_TEMPLATES = {
    "content/categories.yaml": """categories:
  - id: wallets
    title: {p}
    description: {p}
    order: 1
    review_interval_days: 3650
    owner: {p}
""",
    ARTICLE: """id: what-is-a-wallet
title: {p}
summary: {p}
category: wallets
keywords: [wallet, {p}]
owner: {p}
last_reviewed: 2026-10-01
priority: top
related: [back-up-your-wallet]
body: A wallet stores your keys.
""",
    FAQ: """id: can-support-restore-my-wallet
question: {p}
category: wallets
owner: {p}
keywords: [{p}]
answer: No. Only your recovery phrase can restore a wallet.
""",
    "content/glossary.yaml": """terms:
  - id: private-key
    term: {p}
    definition: A secret number that lets you spend crypto.
    translations:
      de: {p}
    synonyms: [{p}]
    not_in: [{p}]
""",
    "content/contact.yaml": """intro: {p}
channels:
  - id: live-chat
    name: {p}
    description: {p}
    url: https://harbor.example.com/chat
    hours: {p}
    response_time: {p}
escalation:
  intro: {p}
  steps:
    - title: {p}
      text: Tell the agent you want to escalate.
""",
}
PLAIN_FIELDS = [
    ("content/categories.yaml", 3, "categories[0].title"),
    ("content/categories.yaml", 4, "categories[0].description"),
    ("content/categories.yaml", 7, "categories[0].owner"),
    (ARTICLE, 2, "title"),
    (ARTICLE, 3, "summary"),
    (ARTICLE, 5, "keywords[1]"),
    (ARTICLE, 6, "owner"),
    (FAQ, 2, "question"),
    (FAQ, 4, "owner"),
    (FAQ, 5, "keywords[0]"),
    ("content/glossary.yaml", 3, "terms[0].term"),
    ("content/glossary.yaml", 6, "terms[0].translations.de"),
    ("content/glossary.yaml", 7, "terms[0].synonyms[0]"),
    ("content/glossary.yaml", 8, "terms[0].not_in[0]"),
    ("content/contact.yaml", 1, "intro"),
    ("content/contact.yaml", 4, "channels[0].name"),
    ("content/contact.yaml", 5, "channels[0].description"),
    ("content/contact.yaml", 7, "channels[0].hours"),
    ("content/contact.yaml", 8, "channels[0].response_time"),
    ("content/contact.yaml", 10, "escalation.intro"),
    ("content/contact.yaml", 12, "escalation.steps[0].title"),
    ("mkdocs.yml", 1, "site_name"),
]


def put_in_plain_fields(root: Path, text: str) -> None:
    """Write `text` into every plain-text field of the small project (and its site_name)."""
    quoted = json.dumps(text)  # a YAML double-quoted scalar
    for relative, template in _TEMPLATES.items():
        (root / relative).write_text(template.replace("{p}", quoted), encoding="utf-8")
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("site_name:")
    lines[0] = f"site_name: {quoted}"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_every_plain_text_field_of_the_model_is_attacked():
    # A field added to the model as plain text must be added to PLAIN_FIELDS too.
    from kbgen.content import model

    declared = {
        f"{cls.__name__}.{name}"
        for cls in (
            model.Category,
            model.Article,
            model.Faq,
            model.GlossaryTerm,
            model.Channel,
            model.EscalationStep,
            model.Escalation,
            model.Contact,
        )
        for name, schema in cls.model_json_schema()["properties"].items()
        if "Plain text" in json.dumps(schema)
    }
    assert declared == {
        "Category.title",
        "Category.description",
        "Category.owner",
        "Article.title",
        "Article.summary",
        "Article.keywords",
        "Article.owner",
        "Faq.question",
        "Faq.keywords",
        "Faq.owner",
        "GlossaryTerm.term",
        "GlossaryTerm.translations",
        "GlossaryTerm.synonyms",
        "GlossaryTerm.not_in",
        "Channel.name",
        "Channel.description",
        "Channel.hours",
        "Channel.response_time",
        "EscalationStep.title",
        "Escalation.intro",
        "Contact.intro",
    }
    assert len(PLAIN_FIELDS) == len(declared) + 1  # and the config's site_name


def test_clean_fields_pass(mini: Path, kbgen):
    put_in_plain_fields(mini, "Wallets & keys: \"cold\" or 'hot'? 100% sure")
    result = kbgen("-C", mini, "check")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("payload", REFUSED, ids=[p.name for p in REFUSED])
def test_check_refuses_markup_in_every_plain_text_field(payload: Payload, mini: Path, kbgen):
    put_in_plain_fields(mini, payload.text)

    result = kbgen("-C", mini, "check")

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    # mkdocs.yml is read first: a refused site_name stops before the content is read.
    assert f"mkdocs.yml:1: 'site_name': plain text must not contain markup: {payload.refused_as}" in lines
    (mini / "mkdocs.yml").write_text(
        (mini / "mkdocs.yml")
        .read_text()
        .replace((mini / "mkdocs.yml").read_text().splitlines()[0], "site_name: Mini Help Center"),
        encoding="utf-8",
    )
    lines = kbgen("-C", mini, "check").output.splitlines()
    for file, line, key in PLAIN_FIELDS[:-1]:
        assert f"{file}:{line}: '{key}': plain text must not contain markup: {payload.refused_as}" in lines


@pytest.mark.parametrize("payload", ALLOWED, ids=[p.name for p in ALLOWED])
def test_text_that_only_looks_like_an_attack_is_allowed(payload: Payload, mini: Path, kbgen):
    put_in_plain_fields(mini, payload.text)
    result = kbgen("-C", mini, "check")
    assert result.exit_code == 0, result.output


def _translate_everything(root: Path, domain: str, text: str) -> Path:
    """Every entry of the German catalog translated (and reviewed) as `text`."""
    path = root / "locales" / "de" / "LC_MESSAGES" / f"{domain}.po"
    catalog = catalogs.read(path, "de", "de", domain)
    for message in catalog:
        if message.id:
            message.string = text
            message.flags.discard("fuzzy")
    catalogs.write(path, catalog)
    return path


def _msgid_lines(path: Path) -> dict[tuple[str | None, str], int]:
    with path.open("rb") as handle:
        return {(m.context, m.id): m.lineno for m in read_po(handle) if m.id}


@pytest.fixture
def german(mini: Path, kbgen) -> Path:
    config = mini / "mkdocs.yml"
    config.write_text(re.sub(r"languages: \[[^\]]*\]", "languages: [de]", config.read_text()))
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    return mini


@pytest.mark.parametrize("payload", REFUSED, ids=[p.name for p in REFUSED])
def test_qa_refuses_markup_added_by_a_content_translation(payload: Payload, german: Path, kbgen):
    path = _translate_everything(german, "content", payload.text)

    result = kbgen("-C", german, "i18n", "qa")

    assert result.exit_code == 1
    lines = result.output.splitlines()
    for (context, msgid), line in _msgid_lines(path).items():
        where = f"locales/de/LC_MESSAGES/content.po:{line}: '{context}': [critical] "
        if markup_kinds(msgid):  # the source has markup of its own: another critical check catches it
            assert any(entry.startswith(where) for entry in lines), (msgid, lines[:5])
        else:
            assert f"{where}markup: adds {payload.refused_as}" in lines, (msgid, lines[:5])


@pytest.mark.parametrize("payload", REFUSED, ids=[p.name for p in REFUSED])
def test_check_refuses_markup_in_every_ui_string(payload: Payload, german: Path, kbgen):
    path = _translate_everything(german, "theme", payload.text)

    result = kbgen("-C", german, "check")

    assert result.exit_code == 1
    lines = result.output.splitlines()
    for (_context, msgid), line in _msgid_lines(path).items():
        expected = f"locales/de/LC_MESSAGES/theme.po:{line}: '{msgid}': [critical] ui: adds {payload.refused_as}"
        assert expected in lines, lines[:5]


@pytest.mark.parametrize(
    ("source", "translation", "message"),
    [
        (
            "Back to the help center",
            "Zurück zum Hilfe-Center: https://harb0r-example.com/verify",
            "adds a link or address the English string does not have: 'https://harb0r-example.com/verify'",
        ),
        (
            "Thank you. Tell us what was missing through the contact page.",
            "Danke. Schreiben Sie an support@harb0r-help.com.",
            "adds a link or address the English string does not have: 'support@harb0r-help.com'",
        ),
        (
            "Page not found",
            "ページが見つかりません。harb0r-example.com で確認してください",
            "adds a link or address the English string does not have: 'harb0r-example.com'",
        ),
        (
            "Last reviewed: %(date)s",
            "Zuletzt geprüft",
            "placeholders differ: %(date)s in the English string, none in the translation",
        ),
    ],
)
def test_ui_qa_refuses_links_and_lost_placeholders(source: str, translation: str, message: str):
    from kbgen.i18n.uiqa import ui_failures

    assert ui_failures(source, translation) == [message]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Last reviewed: %(date)s", "Zuletzt geprüft: %(date)s"),
        ("Page not found", "ページが見つかりません"),
        ("Details", "z.B. Details"),
        ("Search", "Suche & Hilfe"),
    ],
)
def test_ui_qa_passes_ordinary_translations(source: str, translation: str):
    from kbgen.i18n.uiqa import ui_failures

    assert ui_failures(source, translation) == []


def test_payload_table_names_what_kbgen_reports():
    from kbgen.plaintext import find_markup

    for payload in PAYLOADS:
        found = find_markup(payload.text)
        assert (found[0] if found else None) == payload.refused_as, payload.name
