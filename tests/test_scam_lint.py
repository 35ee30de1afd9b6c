"""The scam-text lint in use: its labelled sets, the demo, `kbgen check`, translation QA and the site.

Targets: at least 95% of the scam sentences caught, no legitimate sentence
flagged, and nothing at all in the demo content or its translations.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from conftest import REPO, TESTS, snapshot

from bench.scam_lint import DEFAULT_SET, evaluate, table
from kbgen.config import load_project
from kbgen.content.loader import load_content
from kbgen.content.scamcheck import declared_contacts, scam_problems
from kbgen.i18n import catalogs
from kbgen.i18n.entries import entries_of
from kbgen.i18n.segments import SegmentIndex, plain_segment
from kbgen.scamtext import Declared
from kbgen.site.localize import Localizer

SETS = [
    DEFAULT_SET,
    *(
        TESTS / "data" / f"scam_sentences_{name}.yaml"
        for name in ("more", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh")
    ),
]
ARTICLE = "content/articles/wallets/back-up-your-wallet.yaml"


@pytest.mark.parametrize("path", SETS, ids=[p.name for p in SETS])
def test_labelled_sentences_meet_the_targets(path: Path):
    scores = evaluate(path)
    print(f"\n{path.name}\n{table(scores)}")  # the per-language figures, with `pytest -s -n 0`
    overall = scores["all"]
    assert overall.recall >= 0.95, overall.missed
    assert overall.false_alarms == 0, overall.alarms


def test_the_first_set_is_big_and_balanced_enough():
    scores = evaluate(DEFAULT_SET)
    assert len({lang for lang in scores if lang != "all"}) >= 8
    assert scores["all"].scams + scores["all"].legit >= 80 and scores["all"].scams == scores["all"].legit


@pytest.fixture(scope="module")
def demo():
    project = load_project(REPO)
    content, problems = load_content(project.content_dir, project.root)
    assert not problems
    return project, content, declared_contacts(content, project.external_domains)


def test_the_demo_content_has_no_findings(demo):
    project, content, declared = demo
    assert len(content.articles) >= 39 and len(content.faqs) >= 48  # the whole demo, not a part of it
    assert scam_problems(content, declared, project.root) == []


def test_the_contact_page_and_external_domains_are_declared(demo):
    _, _, declared = demo
    assert declared.domains == ("harbor.example.com", "status.harbor.example.com")
    assert declared.emails == ("support@harbor.example.com",)


# ------------------------------------------------------------------ kbgen check


def _append_to_body(root: Path, text: str) -> None:
    path = root / ARTICLE
    path.write_text(path.read_text() + text)


def test_check_reports_scam_text_with_file_line_and_key(mini: Path, kbgen):
    _append_to_body(
        mini,
        "\n  Please reply with your 12-word recovery phrase to keep your wallet.\n\n"
        "  Support is on Telegram at @harbor_help_desk, or see harb0r-example.com/verify.\n",
    )
    before = snapshot(mini)

    result = kbgen("-C", mini, "check")

    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        f"{ARTICLE}:14: 'body': scam-text: asks the reader to share a recovery phrase: "
        '"Please reply with your 12-word recovery phrase to keep your wallet."'
    ) in lines
    assert (
        f"{ARTICLE}:16: 'body': scam-text: undeclared handle '@harbor_help_desk' (declare it in content/contact.yaml)"
    ) in lines
    assert (
        f"{ARTICLE}:16: 'body': scam-text: look-alike domain 'harb0r-example.com/verify' "
        "(resembles the declared 'harbor.example.com')"
    ) in lines
    assert "Traceback" not in result.output
    assert snapshot(mini) == before


def test_build_refuses_scam_text(mini: Path, kbgen):
    _append_to_body(mini, "\n  Send 0.1 BTC to the address below to verify your account.\n")

    result = kbgen("-C", mini, "build")

    assert result.exit_code == 1
    assert "scam-text: asks the reader to send crypto or pay a fee to verify, unlock or release funds" in result.output
    assert not (mini / "site").exists()


def test_a_plain_field_is_allowed_by_a_yaml_comment_with_a_reason(mini: Path, kbgen):
    path = mini / ARTICLE
    text = path.read_text().replace(
        "summary: Write down your recovery phrase and keep it offline.",
        "summary: Our old address harb0r.example.com now redirects here.",
    )
    path.write_text(text)
    assert "look-alike domain 'harb0r.example.com'" in kbgen("-C", mini, "check").output

    path.write_text(
        text.replace("redirects here.", "redirects here.  # kbgen: allow scam-text we own this domain, see ticket 42")
    )

    assert kbgen("-C", mini, "check").exit_code == 0


def test_a_markdown_line_is_allowed_by_a_marker_line_above_it(mini: Path, kbgen):
    _append_to_body(
        mini,
        "\n  [//]: # (kbgen: allow scam-text quotes a real phishing message)\n"
        "  Their message read: Pay the release fee to unlock your funds.\n",
    )
    assert kbgen("-C", mini, "check").exit_code == 0


def test_a_marker_needs_a_reason(mini: Path, kbgen):
    _append_to_body(mini, "\n  [//]: # (kbgen: allow scam-text)\n  Pay the release fee to unlock your funds.\n")

    result = kbgen("-C", mini, "check")

    assert result.exit_code == 1
    assert (
        f"{ARTICLE}:14: 'body': scam-text marker needs a reason: 'kbgen: allow scam-text <why this is safe>'"
        in result.output.splitlines()
    )


def test_a_marker_inside_a_paragraph_would_show_and_is_refused(mini: Path, kbgen):
    _append_to_body(mini, "  [//]: # (kbgen: allow scam-text quoted)\n  Pay the release fee to unlock your funds.\n")

    result = kbgen("-C", mini, "check")

    assert result.exit_code == 1
    assert (
        f"{ARTICLE}:13: 'body': scam-text marker must follow a blank line, or Markdown shows it as text"
        in result.output
    )


# ------------------------------------------------------------------ translation QA and the site


@pytest.fixture
def translated(mini: Path, kbgen) -> Path:
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    for lang in ("de", "es"):
        path = mini / "locales" / lang / "LC_MESSAGES" / "content.po"
        catalog = catalogs.read(path, None, lang)
        for message in catalog:
            if message.id:
                message.string = f"{lang.upper()}: {message.id}"
                message.flags.discard("fuzzy")
        catalogs.write(path, catalog)
    return mini


@pytest.mark.parametrize(
    "addition, expected",
    [
        (" Schreiben Sie uns auf Telegram: @harbor_hilfe", "undeclared handle '@harbor_hilfe'"),
        (" Senden Sie uns Ihre Wiederherstellungsphrase.", "asks the reader to share a recovery phrase"),
        (" Melden Sie sich auf harb0r-example.com an.", "look-alike domain 'harb0r-example.com'"),
    ],
    ids=["telegram-handle", "recovery-phrase-request", "look-alike-domain"],
)
def test_a_translation_that_adds_scam_text_is_critical_and_not_published(addition, expected, translated: Path, kbgen):
    path = translated / "locales" / "de" / "LC_MESSAGES" / "content.po"
    catalog = catalogs.read(path, None, "de")
    target = next(m for m in catalog if m.id and m.id.startswith("Visit https://harbor.example.com/settings"))
    target.string += addition
    catalogs.write(path, catalog)

    qa = kbgen("-C", translated, "i18n", "qa", "--lang", "de")

    assert qa.exit_code == 1
    line = next(out for out in qa.output.splitlines() if "[critical] scam:" in out and expected in out)
    assert line.startswith(
        f"locales/de/LC_MESSAGES/content.po:{target.lineno}: '{target.context}': [critical] scam: adds scam text: "
    )
    assert kbgen("-C", translated, "check").exit_code == 1

    assert kbgen("-C", translated, "build").exit_code == 0
    page = (translated / "site" / "de" / "wallets" / "back-up-your-wallet" / "index.html").read_text()
    assert "Visit" in page and addition.strip() not in page  # the English paragraph is shown instead


def test_the_site_falls_back_when_a_translation_adds_a_contact():
    catalog = Catalog(locale="de")
    catalog.add("Contact support in live chat.", "Kontaktieren Sie uns auf kestre1x.com.", context="faq:x:answer")
    entries = entries_of(catalog, "de", contacts=Declared.of(["kestrelx.com"]))
    localizer = Localizer(
        entries, SegmentIndex([plain_segment(("faq", "x"), "answer", "Contact support in live chat.", "text")])
    )

    shown = localizer.text(("faq", "x"), "answer", "Contact support in live chat.")

    assert (shown.text, shown.status) == ("Contact support in live chat.", "fallback")
