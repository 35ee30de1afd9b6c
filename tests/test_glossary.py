"""Glossary marks: longest phrase first, once per section, never in links, headings, code or
app labels, never on a listed exclusion; in English, German and Japanese."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from lxml import html as lxml_html

from kbgen.site.glossary import GlossaryMarker, MarkedTerm
from kbgen.site.hooks import sanitize

ADDRESS = MarkedTerm("address", "Where crypto is sent.", ("address",), ("email address", "proof of address"))
WALLET = MarkedTerm("wallet", "Holds keys.", ("wallet",))
HARDWARE = MarkedTerm("hardware-wallet", "A device.", ("hardware wallet",))
CONFIRMATION = MarkedTerm("confirmation", "A block after yours.", ("confirmation",), ("confirmation email",))
EXCHANGE = MarkedTerm("exchange", "A platform.", ("exchange",))
ENGLISH = GlossaryMarker([ADDRESS, WALLET, HARDWARE, CONFIRMATION, EXCHANGE], names=("Harbor Exchange",))


def marked(marker: GlossaryMarker, text: str) -> list[str]:
    """The phrases marked in `text`, in order."""
    return re.findall(r"<abbr [^>]*>(.*?)</abbr>", marker.mark(text), re.S)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Plug in your hardware wallet, then open the wallet app.", ["hardware wallet", "wallet"], id="longest-first"
        ),
        pytest.param("Your email address is private. Your address is public.", ["address"], id="not-in"),
        pytest.param("We send a confirmation email. Wait for one confirmation.", ["confirmation"], id="not-in-2"),
        pytest.param("Upload a proof of address.", [], id="not-in-only"),
        pytest.param("Harbor Exchange is an exchange.", ["exchange"], id="names-are-taken"),
        pytest.param("Copy the address. Paste the address.", ["address"], id="once-per-section"),
        pytest.param("See [your address](../a.md) and the address.", ["address"], id="not-in-link-text"),
        pytest.param("[Open wallet](x.md){ .md-button } then the wallet.", ["wallet"], id="not-in-buttons"),
        pytest.param("Run `wallet send address` with your wallet.", ["wallet"], id="not-in-code"),
        pytest.param('Tap <kbd class="kb-ui">Wallet</kbd>, then your wallet.', ["wallet"], id="not-in-app-labels"),
        pytest.param("Addresses and wallets are not the term itself.", [], id="whole-words"),
        pytest.param("The Address field.", ["Address"], id="any-case"),
        pytest.param("One address\nacross lines: hardware\nwallet.", ["address", "hardware\nwallet"], id="line-breaks"),
    ],
)
def test_english_marks(text: str, expected: list[str]):
    assert marked(ENGLISH, text) == expected


def test_headings_and_admonition_titles_are_not_marked_and_a_heading_starts_a_section():
    text = (
        "## Your wallet\n\nA wallet holds keys. Another wallet.\n\n"
        '!!! warning "Check the address"\n    Check the address twice.\n\n'
        "## Next\n\nThe wallet again, and the address.\n"
    )
    out = ENGLISH.mark(text)
    assert "## Your wallet\n" in out and '"Check the address"' in out
    assert marked(ENGLISH, text) == ["wallet", "address", "wallet", "address"]


def test_table_cells_and_list_items_are_marked():
    text = "- Send to an address.\n- Then the wallet.\n\n| Term | Use |\n| --- | --- |\n| Exchange | A wallet |\n"
    assert marked(ENGLISH, text) == ["address", "wallet", "Exchange"]


def test_german():
    adresse = MarkedTerm("address", "Wohin Krypto gesendet wird.", ("Adresse",), ("E-Mail-Adresse", "email address"))
    hardware = MarkedTerm("hardware-wallet", "Ein Gerät.", ("Hardware-Wallet",))
    wallet = MarkedTerm("wallet", "Hält Schlüssel.", ("Wallet",))
    german = GlossaryMarker([adresse, hardware, wallet])
    text = (
        "Wir senden einen Code an Ihre E-Mail-Adresse. Kopieren Sie dann die Adresse.\n\n"
        "## Geräte\n\nVerbinden Sie Ihre Hardware-Wallet. Eine Wallet-App genügt nicht.\n"
    )
    assert marked(german, text) == ["Adresse", "Hardware-Wallet", "Wallet"]
    assert "E-Mail-Adresse." in german.mark(text)


def test_japanese_needs_no_word_boundaries():
    address = MarkedTerm("address", "暗号資産の送り先。", ("アドレス",), ("メールアドレス",))
    wallet = MarkedTerm("wallet", "鍵を保管します。", ("ウォレット",))
    hardware = MarkedTerm("hardware-wallet", "端末。", ("ハードウェアウォレット",))
    japanese = GlossaryMarker([address, wallet, hardware])
    text = (
        "メールアドレスに確認コードを送ります。入金アドレスをコピーし、ハードウェアウォレットとウォレットを確認します。"
    )
    assert marked(japanese, text) == ["アドレス", "ハードウェアウォレット", "ウォレット"]
    assert "メールアドレスに" in japanese.mark(text)


def test_phrases_of_every_script_in_one_marker_match_as_each_would_alone():
    """Latin (Turkish dotted and dotless I included), Greek, Cyrillic, Arabic and Japanese phrases in
    one marker: any case of a first letter starts a match, a phrase inside a longer word does not
    (but for Japanese, written without spaces), each term once per section."""
    terms = [
        MarkedTerm("withdrawal", "Para çekme.", ("çekim", "işlem")),
        MarkedTerm("refund", "Geri ödeme.", ("iade",)),
        MarkedTerm("password", "Συνθηματικό.", ("σύνθημα",)),
        MarkedTerm("wallet", "Кошелёк.", ("кошелёк", "محفظة", "ウォレット")),
        MarkedTerm("two-factor", "2FA.", ("2fa",)),
    ]
    marker = GlossaryMarker(terms)
    text = (
        "İşlem: ÇEKİM. IADE ve İADE. Σύνθημα. КОШЕЛЁК. المحفظة محفظة. 2FA.\n\n"
        "## Sonra\n\nİadeler ve işlemler. ハードウェアウォレット. ÇEKİM.\n"
    )
    assert marked(marker, text) == ["İşlem", "IADE", "Σύνθημα", "КОШЕЛЁК", "2FA", "ウォレット", "ÇEKİM"]


@pytest.mark.parametrize(
    "definition",
    [
        '"><script>alert(1)</script>',
        "' onmouseover='alert(2)' x='",
        "`code` and \\` and *emphasis* & </abbr><img src=x onerror=alert(3)>",
        "[Verify](javascript:alert(7)) <https://x.example/> _a_ {: .x } &lt;",
        "Line\u2028separator",
    ],
)
def test_hostile_definitions_stay_text(definition: str):
    marker = GlossaryMarker([MarkedTerm("wallet", definition, ("wallet",))])
    page = markdown.markdown(marker.mark("Open the wallet `now`."), extensions=["attr_list", "md_in_html"])
    tree = lxml_html.fragment_fromstring(sanitize(page), create_parent="div")
    (abbr,) = tree.iter("abbr")
    assert abbr.get("title") == definition.replace("\n", " ")
    assert abbr.text == "wallet"
    assert not list(tree.iter("script", "img")) and len(list(tree.iter("code"))) == 1


# ---------------------------------------------------------------- the built demo

NEVER_IN = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "summary", "button", "abbr"}


def _abbrs(page: Path):
    tree = lxml_html.parse(str(page))
    return [a for a in tree.iter("abbr") if "kb-term" in (a.get("class") or "")]


@pytest.mark.parametrize("lang", ["en", "de", "ja"])
def test_demo_marks_are_precise(demo_site: Path, lang: str):
    pages = sorted((demo_site / "site" / lang).rglob("index.html"))
    total = 0
    for page in pages:
        for abbr in _abbrs(page):
            total += 1
            where = {ancestor.tag for ancestor in abbr.iterancestors()}
            assert not where & NEVER_IN, f"{page}: {abbr.text!r} inside {where & NEVER_IN}"
            classes = " ".join(a.get("class") or "" for a in abbr.iterancestors())
            assert "admonition-title" not in classes and "md-button" not in classes
            before = (abbr.getprevious().tail if abbr.getprevious() is not None else abbr.getparent().text) or ""
            after = abbr.tail or ""
            assert not re.search(r"(email|E-Mail-|メール)\s*$", before), f"{page}: {before[-20:]}{abbr.text}"
            assert not (abbr.text.lower() == "confirmation" and re.match(r"\s*email", after)), f"{page}: {after[:20]}"
    assert total > 50  # the demo explains its terms


def test_demo_marks_each_term_once_per_section(demo_site: Path):
    page = demo_site / "site" / "en" / "deposits-withdrawals" / "how-to-deposit" / "index.html"
    tree = lxml_html.parse(str(page))
    article = tree.find(".//article")
    section, seen = 0, set()
    for element in article.iter():
        if element.tag in ("h2", "h3", "h4"):
            section += 1
        elif element.tag == "abbr":
            key = (section, element.get("title"))
            assert key not in seen, f"{element.text!r} twice in section {section}"
            seen.add(key)
    assert seen
