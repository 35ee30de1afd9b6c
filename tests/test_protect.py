"""Protected spans: what a translation must keep exactly, and how it is checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbgen.content.loader import load_content
from kbgen.errors import KbgenError
from kbgen.i18n.protect import MaskError, Span, compare_spans, find_spans, mask, unmask
from kbgen.i18n.segments import segment_content

BECH32 = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"
LEGACY = "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"
ETHEREUM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
TX_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def kinds_and_texts(text: str, keep_terms: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(span.kind, span.text) for span in find_spans(text, keep_terms)]


# ------------------------------------------------------------------ finding


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Tap `Withdraw` now", [("code", "`Withdraw`")], id="inline-code"),
        pytest.param("Run ``a ` b`` here", [("code", "``a ` b``")], id="inline-code-double-backticks"),
        pytest.param(
            "Go to https://harbor.example.com/login.",
            [("url", "https://harbor.example.com/login")],
            id="https-url-without-full-stop",
        ),
        pytest.param(
            "Old http://a.example.com/x?y=1, new", [("url", "http://a.example.com/x?y=1")], id="http-url-without-comma"
        ),
        pytest.param("Visit www.example.org today", [("url", "www.example.org")], id="bare-www"),
        pytest.param("Write to mailto:help@example.com", [("url", "mailto:help@example.com")], id="mailto-url"),
        pytest.param(
            "Read [the guide](article:how-to-withdraw).",
            [("link-target", "article:how-to-withdraw")],
            id="link-target-only",
        ),
        pytest.param(
            'See [docs](https://a.example.com "Docs title")',
            [("link-target", "https://a.example.com")],
            id="link-target-with-title",
        ),
        pytest.param("See [docs][guide]", [("link-target", "guide")], id="reference-link-label"),
        pytest.param(
            "(see [x](https://a.example.com/a_(b)))",
            [("link-target", "https://a.example.com/a_(b)")],
            id="link-target-with-parentheses",
        ),
        pytest.param("Email support@harbor.example.com.", [("email", "support@harbor.example.com")], id="email"),
        pytest.param("The fee is 0.0002 BTC", [("number", "0.0002")], id="decimal-amount"),
        pytest.param("Up to 1,000 USDT", [("number", "1,000")], id="thousands"),
        pytest.param("Fees of 25%", [("number", "25")], id="percent-number-only"),
        pytest.param("After 2 confirmations", [("number", "2")], id="count"),
        pytest.param("Under $1,000,000.50 a day", [("number", "1,000,000.50")], id="currency-amount"),
        pytest.param(f"Send to {BECH32} only", [("address", BECH32)], id="bech32-address"),
        pytest.param(f"Legacy {LEGACY} works", [("address", LEGACY)], id="base58-address"),
        pytest.param(f"ERC-20 address {ETHEREUM}.", [("number", "20"), ("address", ETHEREUM)], id="ethereum-address"),
        pytest.param(f"TxID {TX_HASH}", [("hash", TX_HASH)], id="transaction-hash"),
        pytest.param(f"TxID 0x{TX_HASH}", [("hash", "0x" + TX_HASH)], id="0x-transaction-hash"),
        pytest.param(
            "Hello %(name)s, you have {count} alerts",
            [("placeholder", "%(name)s"), ("placeholder", "{count}")],
            id="placeholders",
        ),
        pytest.param("Literal [[C0]] survives", [("placeholder", "[[C0]]")], id="mask-marker-in-source"),
    ],
)
def test_finds_each_kind_of_span(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds_and_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Use a hardware wallet for savings you rarely move.", id="plain-prose"),
        pytest.param("Turn on 2FA for your account.", id="2FA-is-not-a-number"),
        pytest.param("reconstructionsunderwriters is one long word", id="long-word-is-not-an-address"),
        pytest.param("Sign in at harbor.example.com", id="bare-domain-is-link-text"),
    ],
)
def test_finds_nothing_in_ordinary_text(text: str) -> None:
    assert find_spans(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Open `https://a.example.com/1`", [("code", "`https://a.example.com/1`")], id="code-holds-url-and-number"
        ),
        pytest.param(
            "Go to https://a.example.com/v2/page", [("url", "https://a.example.com/v2/page")], id="url-holds-number"
        ),
        pytest.param(
            "[site](https://a.example.com)", [("link-target", "https://a.example.com")], id="link-target-names-its-url"
        ),
        pytest.param(
            "[text with `code`](faq:x)", [("code", "`code`"), ("link-target", "faq:x")], id="code-in-link-text"
        ),
        pytest.param("mailto:a@b.example.com", [("url", "mailto:a@b.example.com")], id="mailto-holds-email"),
        pytest.param(r"Not \`code\` here, 5 times", [("number", "5")], id="escaped-backticks"),
    ],
)
def test_longest_span_wins_and_spans_do_not_overlap(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds_and_texts(text) == expected


def test_spans_carry_their_offsets() -> None:
    text = "Pay 5 USDT at https://a.example.com"
    assert find_spans(text) == [Span("number", "5", 4, 5), Span("url", "https://a.example.com", 14, 35)]
    assert all(text[s.start : s.end] == s.text for s in find_spans(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Open Harbor Wallet now", [("term", "Harbor Wallet")], id="term"),
        pytest.param("Open harbor wallet now", [], id="case-sensitive"),
        pytest.param("Two Harbor Wallets", [], id="whole-words-only"),
        pytest.param(
            "Harbor Wallet and Harbor Wallet Pro",
            [("term", "Harbor Wallet"), ("term", "Harbor Wallet Pro")],
            id="longest-term-wins",
        ),
    ],
)
def test_do_not_translate_terms(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds_and_texts(text, ("Harbor Wallet", "Harbor Wallet Pro")) == expected


# ----------------------------------------------------------- mask / unmask


def test_mask_replaces_spans_in_order() -> None:
    masked, spans = mask("Send 0.5 BTC to `Savings` via [Withdraw](article:how-to-withdraw).")
    assert masked == "Send [[C0]] BTC to [[C1]] via [Withdraw]([[C2]])."
    assert [s.text for s in spans] == ["0.5", "`Savings`", "article:how-to-withdraw"]


def test_unmask_restores_spans_wherever_the_engine_moved_them() -> None:
    _, spans = mask("Send 0.5 BTC to `Savings`")
    assert unmask("Envoyez [[C1]] : [[C0]] BTC", spans) == "Envoyez `Savings` : 0.5 BTC"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("No spans at all.", id="nothing"),
        pytest.param(f"Pay 1,000.50 USDT to {ETHEREUM} (see `History`, https://a.example.com).", id="many"),
        pytest.param("Literal [[C0]] and `code`", id="marker-in-source"),
    ],
)
def test_mask_unmask_round_trip(text: str) -> None:
    masked, spans = mask(text, ["Harbor Wallet"])
    assert unmask(masked, spans) == text


def _demo_sources() -> list[str]:
    content, _ = load_content(Path(__file__).parent.parent / "content")
    return [segment.source for segment in segment_content(content)]


def test_mask_unmask_round_trip_on_every_demo_segment() -> None:
    sources = _demo_sources()
    for source in sources:
        masked, spans = mask(source, ["Harbor Wallet"])
        assert unmask(masked, spans) == source


@pytest.mark.parametrize(
    ("output", "message"),
    [
        pytest.param("Envoyez [[C0]] BTC", "placeholder [[C1]] is missing", id="dropped"),
        pytest.param("Envoyez [[C0]] [[C0]] BTC [[C1]]", "placeholder [[C0]] appears 2 times", id="duplicated"),
        pytest.param("Envoyez [[ C0 ]] BTC [[C1]]", "placeholder [[C0]] is garbled as '[[ C0 ]]'", id="garbled-spaces"),
        pytest.param("Envoyez [[c0]] BTC [[C1]]", "placeholder [[C0]] is garbled as '[[c0]]'", id="garbled-case"),
        pytest.param("Envoyez [[C0]] BTC [[C1]] [C1]", "placeholder [[C1]] appears 2 times", id="garbled-copy"),
        pytest.param("Envoyez [[C0]] BTC [[C1]] [[C2]]", "unknown placeholder [[C2]]", id="invented"),
    ],
)
def test_unmask_rejects_placeholders_that_did_not_survive_once(output: str, message: str) -> None:
    _, spans = mask("Send 0.5 BTC to `Savings`")
    with pytest.raises(MaskError) as caught:
        unmask(output, spans)
    assert str(caught.value) == message
    assert caught.value.problems == [message]


def test_unmask_reports_every_problem_at_once() -> None:
    _, spans = mask("1 2 3")
    with pytest.raises(MaskError, match=r"^placeholder \[\[C1\]\] is missing; placeholder \[\[C2\]\] is missing$"):
        unmask("[[C0]]", spans)


def test_mask_error_is_a_user_facing_error() -> None:
    assert issubclass(MaskError, KbgenError)


# ---------------------------------------------------------- compare_spans

SOURCE = (
    f"Send 0.0002 BTC to {BECH32}. Read [the guide](article:how-to-withdraw) "
    "or https://a.example.com, and tap `Confirm`."
)


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        pytest.param(
            f"Senden Sie 0,0002 BTC an {BECH32}. Lesen Sie [die Anleitung](article:how-to-withdraw) "
            "oder https://a.example.com und tippen Sie auf `Confirm`.",
            [],
            id="faithful",
        ),
        pytest.param(
            SOURCE.replace("https://a.example.com", "https://b.example.com"),
            ["URL 'https://a.example.com' is missing", "extra URL 'https://b.example.com'"],
            id="changed-url",
        ),
        pytest.param(
            SOURCE.replace("0.0002", "0.002"),
            ["amount '0.0002' changed or missing", "extra amount '0.002'"],
            id="changed-amount",
        ),
        pytest.param(
            SOURCE.replace(BECH32, BECH32[:-1] + "q"),
            [f"address '{BECH32}' is missing", f"extra address '{BECH32[:-1]}q'"],
            id="changed-address",
        ),
        pytest.param(
            SOURCE.replace("[the guide](article:how-to-withdraw)", "the guide"),
            ["link target 'article:how-to-withdraw' is missing"],
            id="dropped-link-target",
        ),
        pytest.param(SOURCE + " https://evil.example.net", ["extra URL 'https://evil.example.net'"], id="added-url"),
        pytest.param(
            SOURCE.replace("`Confirm`", "`Bestätigen`"),
            ["code '`Confirm`' is missing", "extra code '`Bestätigen`'"],
            id="translated-code",
        ),
    ],
)
def test_compare_spans_reports_what_changed(translation: str, expected: list[str]) -> None:
    assert compare_spans(SOURCE, translation) == expected


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        pytest.param("Up to 1,000 USDT", "Bis zu 1.000 USDT", id="de-thousands"),
        pytest.param("Up to 1,000 USDT", "Jusqu'à 1 000 USDT", id="fr-thousands-space"),
        pytest.param("Up to 1,000 USDT", "Jusqu'à 1\u202f000 USDT", id="fr-thousands-narrow-nbsp"),
        pytest.param("Up to 1,000 USDT", "Bis zu 1'000 USDT", id="ch-thousands-apostrophe"),
        pytest.param("Pay 0.5 BTC", "Payez 0,5 BTC", id="decimal-comma"),
        pytest.param("Fees of 25%", "Frais de 25 %", id="percent-spacing"),
        pytest.param("Wait 25 minutes", "انتظر ٢٥ دقيقة", id="arabic-indic-digits"),
        pytest.param("Use Harbor Wallet", "Utilisez Harbor Wallet", id="kept-term"),
    ],
)
def test_compare_spans_accepts_locale_formatting(source: str, translation: str) -> None:
    assert compare_spans(source, translation, ["Harbor Wallet"]) == []


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        pytest.param(
            "Pay 0.5 BTC",
            "Zahlen Sie 5 BTC",
            ["amount '0.5' changed or missing", "extra amount '5'"],
            id="decimal-dropped",
        ),
        pytest.param(
            "See https://a.example.com or https://a.example.com",
            "Voir https://a.example.com",
            ["URL 'https://a.example.com' is missing"],
            id="multiset-one-of-two-missing",
        ),
        pytest.param(
            "1 2 3",
            "",
            ["amount '1' changed or missing", "amount '2' changed or missing", "amount '3' changed or missing"],
            id="all-missing-in-order",
        ),
        pytest.param(
            "Use Harbor Wallet",
            "Utilisez le portefeuille Harbor",
            ["term 'Harbor Wallet' is missing"],
            id="translated-term",
        ),
    ],
)
def test_compare_spans_counts_and_terms(source: str, translation: str, expected: list[str]) -> None:
    assert compare_spans(source, translation, ["Harbor Wallet"]) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("访问 https://harbor.example.com/login，然后登录", [("url", "https://harbor.example.com/login")]),
        ("在2天内发送0.5 BTC到Harbor Exchange账户", [("number", "2"), ("number", "0.5"), ("term", "Harbor Exchange")]),
        ("送金は10分ほどかかります", [("number", "10")]),
    ],
    ids=["url-before-chinese-punctuation", "numbers-and-names-inside-chinese", "number-inside-japanese"],
)
def test_spans_touching_cjk_text_are_found(text, expected):
    assert [(s.kind, s.text) for s in find_spans(text, ["Harbor Exchange"])] == expected
