"""`kbgen mv`: a rename keeps every reference, every reviewed translation and every old URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot

from kbgen.i18n import catalogs

LINKING = "See [how to back up](article:back-up-your-wallet) or [ask us](page:contact)."
GERMAN = {
    "article:back-up-your-wallet:title": "Ihre Wallet sichern",
    LINKING: "Lesen Sie, [wie Sie sichern](article:back-up-your-wallet), oder [fragen Sie uns](page:contact).",
}


def _po(mini: Path, code: str) -> Path:
    return mini / "locales" / code / "LC_MESSAGES" / "content.po"


@pytest.fixture
def translated(mini: Path, kbgen) -> Path:
    """The mini project with catalogs, and two reviewed German translations that name the article."""
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    catalog = catalogs.read(_po(mini, "de"), "de", "de")
    for message in catalog:
        for key, text in GERMAN.items():
            if key in (message.context, message.id):
                message.string = text
    catalogs.write(_po(mini, "de"), catalog)
    return mini


def _status(kbgen, mini: Path) -> str:
    return kbgen("-C", mini, "i18n", "status").output


def test_mv_article_end_to_end(translated: Path, kbgen):
    mini = translated
    before = _status(kbgen, mini)

    result = kbgen("-C", mini, "mv", "article", "back-up-your-wallet", "wallet-backup")

    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Renamed article 'back-up-your-wallet' to 'wallet-backup': 3 file(s) written, 3 reference(s) updated"
    )
    moved = mini / "content/articles/wallets/wallet-backup.yaml"
    assert not (mini / "content/articles/wallets/back-up-your-wallet.yaml").exists()
    assert moved.read_text().startswith("id: wallet-backup\naliases: [back-up-your-wallet]\n")
    linking = (mini / "content/articles/wallets/what-is-a-wallet.yaml").read_text()
    assert "related: [wallet-backup]" in linking and "(article:wallet-backup)" in linking
    assert "related: [wallet-backup]" in (mini / "content/faqs/wallets/can-support-restore-my-wallet.yaml").read_text()

    assert kbgen("-C", mini, "check").exit_code == 0
    assert _status(kbgen, mini) == before  # nothing became outdated or missing
    catalog = catalogs.read(_po(mini, "de"), "de", "de")
    title = catalog.get("Back up your wallet", context="article:wallet-backup:title")
    assert title.string == "Ihre Wallet sichern" and not title.fuzzy
    paragraph = catalog.get(
        LINKING.replace("back-up-your-wallet", "wallet-backup"),
        context=next(m.context for m in catalog if m.id.startswith("See [how to back up]")),
    )
    assert paragraph.string == GERMAN[LINKING].replace("back-up-your-wallet", "wallet-backup")
    assert not paragraph.fuzzy
    assert "back-up-your-wallet" not in kbgen("-C", mini, "i18n", "qa").output

    assert kbgen("-C", mini, "build").exit_code == 0
    for code in ("en", "de", "es"):
        page = (mini / "site" / code / "wallets/back-up-your-wallet/index.html").read_text()
        assert '<meta http-equiv="refresh" content="0; url=../../wallets/wallet-backup/">' in page
        assert f'<link rel="canonical" href="https://help.mini.example.com/{code}/wallets/wallet-backup/">' in page
        assert '<meta name="robots" content="noindex">' in page
        assert "back-up-your-wallet" not in (mini / "site" / code / "sitemap.xml").read_text()
    assert (
        '<a href="../../wallets/wallet-backup/">Ihre Wallet sichern</a>'
        in (mini / "site/de/wallets/back-up-your-wallet/index.html").read_text()
    )


def test_mv_category_moves_its_folders_and_redirects_its_pages(translated: Path, kbgen):
    result = kbgen("-C", translated, "mv", "category", "wallets", "crypto-wallets")
    assert result.exit_code == 0, result.output
    assert (translated / "content/articles/crypto-wallets/what-is-a-wallet.yaml").is_file()
    assert not (translated / "content/articles/wallets").exists()
    assert (
        "category: crypto-wallets"
        in (translated / "content/faqs/crypto-wallets/can-support-restore-my-wallet.yaml").read_text()
    )
    categories = (translated / "content/categories.yaml").read_text()
    assert "  - id: crypto-wallets\n    aliases: [wallets]\n" in categories
    assert kbgen("-C", translated, "check").exit_code == 0

    from kbgen.config import load_project
    from kbgen.pipeline import valid_content as load_valid_content
    from kbgen.site.redirects import redirects

    content, _ = load_valid_content(load_project(translated))
    assert [(r.old, r.new) for r in redirects(content)] == [
        ("wallets/", "crypto-wallets/"),
        ("wallets/back-up-your-wallet/", "crypto-wallets/back-up-your-wallet/"),
        ("wallets/faq/", "crypto-wallets/faq/"),
        ("wallets/what-is-a-wallet/", "crypto-wallets/what-is-a-wallet/"),
    ]


def test_mv_faq_keeps_the_old_anchor(mini: Path, kbgen):
    result = kbgen("-C", mini, "mv", "faq", "can-support-restore-my-wallet", "support-cannot-restore")
    assert result.exit_code == 0, result.output
    assert kbgen("-C", mini, "check").exit_code == 0
    assert kbgen("-C", mini, "build").exit_code == 0
    page = (mini / "site/en/wallets/faq/index.html").read_text()
    assert 'id="support-cannot-restore"' in page and 'id="can-support-restore-my-wallet"' in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("article", "nope", "x"), "Error: no article with id 'nope'"),
        (
            ("article", "what-is-a-wallet", "back-up-your-wallet"),
            "Error: an article with id 'back-up-your-wallet' already exists",
        ),
        (
            ("article", "what-is-a-wallet", "Bad Slug"),
            "Error: 'Bad Slug' is not a safe URL slug (use lowercase letters, digits and single hyphens)",
        ),
    ],
)
def test_mv_refuses_and_writes_nothing(args, message: str, mini: Path, kbgen):
    before = snapshot(mini)
    result = kbgen("-C", mini, "mv", *args)
    assert result.exit_code == 1
    assert result.output.strip() == message
    assert snapshot(mini) == before


def test_check_refuses_an_alias_that_is_a_live_id(mini: Path, kbgen):
    article = mini / "content/articles/wallets/what-is-a-wallet.yaml"
    article.write_text(article.read_text().replace("title:", "aliases: [back-up-your-wallet]\ntitle:", 1))
    result = kbgen("-C", mini, "check")
    assert result.exit_code == 1
    assert (
        "content/articles/wallets/what-is-a-wallet.yaml:2: 'aliases': alias 'back-up-your-wallet' is the id of "
        "a live article (content/articles/wallets/back-up-your-wallet.yaml): remove the alias or rename that "
        "article"
    ) in result.output
