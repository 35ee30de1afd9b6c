"""Segmentation: which units a translator sees, their contexts, and writing translations back."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kbgen.content.loader import load_content
from kbgen.content.markdown import block_parser, parser
from kbgen.content.model import (
    Article,
    Category,
    Channel,
    Contact,
    Content,
    Escalation,
    EscalationStep,
    Faq,
    GlossaryTerm,
    Notice,
)
from kbgen.i18n.blocks import join_markdown, normalize, split_markdown
from kbgen.i18n.segments import Segment, segment_content

ROOT = Path(__file__).parent.parent
FENCE = "```"

SAMPLE = f"""\
You can withdraw crypto in the app. Check the `Network` field and read
[the fees](article:trading-withdrawal-fees) first.

## Before you start

1. Open `Assets`.
2. Choose the asset:
   - BTC on Bitcoin
   - ETH on Ethereum
3. Paste the address from https://harbor.example.com.

!!! warning "Check the network"
    A withdrawal **cannot** be reversed.

    - Compare the address.
    - Send a test amount first.

| Asset | Fee |
|---|---|
| BTC | 0.0002 BTC |
| USDT \\| ERC-20 | 5 USDT |

{FENCE}bash
harbor withdraw --asset BTC
{FENCE}

Still need help? [Contact support](page:contact).
"""


def sha8(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:8]


def blocks_of(markdown: str) -> list[tuple[str, str]]:
    return [(block.kind, block.source) for block in split_markdown(markdown)]


def shape(markdown: str) -> list[tuple[str, int, str, str]]:
    """Token types and nesting: what must not change when text is translated."""
    return [(t.type, t.level, t.tag, t.markup) for t in parser().parse(markdown) if t.type != "inline"]


def pseudo(source: str) -> str:
    return f"«{source}» ÜBERSETZT"


# ------------------------------------------------------------------ splitting


def test_sample_article_splits_into_blocks() -> None:
    assert blocks_of(SAMPLE) == [
        (
            "paragraph",
            "You can withdraw crypto in the app. Check the `Network` field and read "
            "[the fees](article:trading-withdrawal-fees) first.",
        ),
        ("heading", "Before you start"),
        ("list-item", "Open `Assets`."),
        ("list-item", "Choose the asset:"),
        ("list-item", "BTC on Bitcoin"),
        ("list-item", "ETH on Ethereum"),
        ("list-item", "Paste the address from https://harbor.example.com."),
        ("admonition-title", "Check the network"),
        ("paragraph", "A withdrawal **cannot** be reversed."),
        ("list-item", "Compare the address."),
        ("list-item", "Send a test amount first."),
        ("table-cell", "Asset"),
        ("table-cell", "Fee"),
        ("table-cell", "BTC"),
        ("table-cell", "0.0002 BTC"),
        ("table-cell", "USDT \\| ERC-20"),
        ("table-cell", "5 USDT"),
        ("paragraph", "Still need help? [Contact support](page:contact)."),
    ]


def test_fenced_code_is_not_a_segment() -> None:
    assert not any("harbor withdraw" in source for _, source in blocks_of(SAMPLE))


def test_block_offsets_cover_the_text_as_written() -> None:
    for block in split_markdown(SAMPLE):
        written = SAMPLE[block.start : block.end]
        assert normalize(written) == block.source
        assert SAMPLE.count("\n", 0, block.start) == block.line


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param(
            "1. First paragraph\n   of the item.\n\n   Second paragraph.\n\n   - nested\n2. Next\n",
            [
                ("list-item", "First paragraph of the item."),
                ("list-item", "Second paragraph."),
                ("list-item", "nested"),
                ("list-item", "Next"),
            ],
            id="list-item-with-two-paragraphs-and-nested-list",
        ),
        pytest.param(
            "- Run:\n\n  ```\n  rm -rf build\n  ```\n\n  Then wait.\n",
            [("list-item", "Run:"), ("list-item", "Then wait.")],
            id="code-inside-list-item",
        ),
        pytest.param(
            "- Table:\n\n  | a | b |\n  |---|---|\n  | c | d |\n",
            [
                ("list-item", "Table:"),
                ("table-cell", "a"),
                ("table-cell", "b"),
                ("table-cell", "c"),
                ("table-cell", "d"),
            ],
            id="table-inside-list-item",
        ),
        pytest.param(
            "> | a | b |\n> |---|---|\n> | c | |\n",
            [("table-cell", "a"), ("table-cell", "b"), ("table-cell", "c")],
            id="table-inside-quote-empty-cell-skipped",
        ),
        pytest.param("a | b\n--|--\nc | d\n", [("table-cell", x) for x in "abcd"], id="table-without-outer-pipes"),
        pytest.param("> quoted\nlazy line\n", [("paragraph", "quoted lazy line")], id="quote-with-lazy-line"),
        pytest.param("!!! note\n    Body.\n", [("paragraph", "Body.")], id="admonition-default-title-not-in-source"),
        pytest.param('!!! note ""\n    Body.\n', [("paragraph", "Body.")], id="admonition-without-title"),
        pytest.param(
            '???+ tip "Open me"\n    Body.\n',
            [("admonition-title", "Open me"), ("paragraph", "Body.")],
            id="collapsible-admonition",
        ),
        pytest.param("## Fees ##\n", [("heading", "Fees")], id="atx-closing-sequence"),
        pytest.param("Fees\nand limits\n----\n", [("heading", "Fees and limits")], id="setext-heading"),
        pytest.param("Para\n\n    indented code\n", [("paragraph", "Para")], id="indented-code"),
        pytest.param(
            "See [x][ref].\n\n[ref]: https://a.example.com\n",
            [("paragraph", "See [x][ref].")],
            id="reference-definition",
        ),
    ],
)
def test_blocks_in_containers(markdown: str, expected: list[tuple[str, str]]) -> None:
    assert blocks_of(markdown) == expected


# ------------------------------------------------------------ normalization


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("one\ntwo", "one two", id="soft-break"),
        pytest.param("one  two\t three", "one two three", id="space-runs"),
        pytest.param("one   \n   two", "one  \ntwo", id="hard-break-spaces"),
        pytest.param("one\\\ntwo", "one\\\ntwo", id="hard-break-backslash"),
        pytest.param("one\\\\\ntwo", "one\\\\ two", id="escaped-backslash-is-no-break"),
        pytest.param("`a  b` and `c\n  d`", "`a  b` and `c d`", id="code-keeps-spaces"),
        pytest.param("  edges  \n", "edges", id="edges"),
    ],
)
def test_normalize_keeps_what_markdown_renders(text: str, expected: str) -> None:
    assert normalize(text) == expected


# ------------------------------------------------------------------ contexts


def sample_content(body: str = SAMPLE) -> Content:
    return Content(
        categories={"wallets": Category(id="wallets", title="Wallets", description="All about wallets.")},
        articles={
            "reset-password": Article(
                id="reset-password",
                title="Reset your password",
                summary="Use the link we email you.",
                category="wallets",
                last_reviewed="2026-01-01",
                body=body,
            )
        },
        faqs={
            "lost-2fa": Faq(
                id="lost-2fa", question="Lost your 2FA device?", answer="Ask support.\n\nWe help.", category="wallets"
            )
        },
        glossary={
            "gas": GlossaryTerm(id="gas", term="Gas", definition="The unit of network work."),
            "harbor-wallet": GlossaryTerm(
                id="harbor-wallet", term="Harbor Wallet", definition="Our app.", translate=False
            ),
        },
        notices={
            "scam": Notice(
                id="scam",
                kind="incident",
                text="Beware of fake\nsupport accounts.",
                start="2026-01-01T00:00:00Z",
                end="2026-02-01T00:00:00Z",
            )
        },
        contact=Contact(
            intro="We help around the clock.",
            channels=[
                Channel(
                    id="live-chat",
                    name="Live chat",
                    description="Fastest.",
                    url="https://a.example.com/chat",
                    hours="Always",
                    response_time="Within 5 minutes",
                ),
                Channel(id="email", name="Email", description="Slower.", email="help@example.com", hours="Always"),
            ],
            escalation=Escalation(
                intro="Escalate in steps.", steps=[EscalationStep(title="Ask a lead", text="Ask in chat.")]
            ),
        ),
    )


def test_every_translatable_field_has_a_context() -> None:
    content = sample_content(body="Para one.\n\n## Next steps\n")
    assert [(s.context, s.kind, s.source) for s in segment_content(content)] == [
        ("category:wallets:title", "title", "Wallets"),
        ("category:wallets:description", "text", "All about wallets."),
        ("article:reset-password:title", "title", "Reset your password"),
        ("article:reset-password:summary", "summary", "Use the link we email you."),
        (f"article:reset-password:body:{sha8('Para one.')}", "paragraph", "Para one."),
        (f"article:reset-password:body:{sha8('Next steps')}", "heading", "Next steps"),
        ("faq:lost-2fa:question", "question", "Lost your 2FA device?"),
        (f"faq:lost-2fa:answer:{sha8('Ask support.')}", "paragraph", "Ask support."),
        (f"faq:lost-2fa:answer:{sha8('We help.')}", "paragraph", "We help."),
        ("term:gas:term", "term", "Gas"),
        (f"term:gas:definition:{sha8('The unit of network work.')}", "paragraph", "The unit of network work."),
        # translate: false keeps the term as written; its definition is still translated.
        (f"term:harbor-wallet:definition:{sha8('Our app.')}", "paragraph", "Our app."),
        ("notice:scam:text", "text", "Beware of fake support accounts."),
        ("contact:intro", "text", "We help around the clock."),
        ("contact:channel:live-chat:name", "title", "Live chat"),
        ("contact:channel:live-chat:description", "text", "Fastest."),
        ("contact:channel:live-chat:hours", "text", "Always"),
        ("contact:channel:live-chat:response-time", "text", "Within 5 minutes"),
        ("contact:channel:email:name", "title", "Email"),
        ("contact:channel:email:description", "text", "Slower."),
        ("contact:channel:email:hours", "text", "Always"),
        ("contact:escalation:intro", "text", "Escalate in steps."),
        ("contact:escalation:step:1:title", "title", "Ask a lead"),
        (f"contact:escalation:step:1:text:{sha8('Ask in chat.')}", "paragraph", "Ask in chat."),
    ]


def test_segments_without_origins_have_no_location() -> None:
    segment = segment_content(sample_content())[0]
    assert segment == Segment(
        "category:wallets:title", "Wallets", "title", None, None, ("category", "wallets"), "title"
    )


def body_contexts(body: str) -> list[str]:
    return [s.context for s in segment_content(sample_content(body)) if ":body:" in s.context]


def test_contexts_are_stable_between_runs() -> None:
    assert segment_content(sample_content()) == segment_content(sample_content())
    assert body_contexts(SAMPLE)[1] == f"article:reset-password:body:{sha8('Before you start')}"


def test_editing_one_paragraph_changes_exactly_one_context() -> None:
    edited = SAMPLE.replace("A withdrawal **cannot** be reversed.", "A withdrawal **can never** be reversed.")
    before, after = body_contexts(SAMPLE), body_contexts(edited)
    assert len(before) == len(after)
    assert sum(b != a for b, a in zip(before, after, strict=True)) == 1


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda s: s.replace("and read\n[the fees]", "and\nread [the fees]"), id="rewrapped-paragraph"),
        pytest.param(lambda s: s.replace("first.\n", "first.   \n", 1), id="trailing-spaces"),
        pytest.param(lambda s: s.replace("Open `Assets`.", "Open  `Assets`."), id="double-space"),
        pytest.param(lambda s: s.replace("   - BTC on Bitcoin", "   -   BTC on Bitcoin"), id="space-after-list-marker"),
        pytest.param(lambda s: s.replace("| BTC | 0.0002 BTC |", "|  BTC  |  0.0002 BTC|"), id="table-cell-padding"),
        pytest.param(lambda s: s.replace("Check the network", "Check  the network"), id="admonition-title-spaces"),
    ],
)
def test_whitespace_only_edit_keeps_segments(edit) -> None:
    edited = edit(SAMPLE)
    assert edited != SAMPLE
    assert segment_content(sample_content(edited)) == segment_content(sample_content(SAMPLE))


def test_same_text_twice_in_one_field_gets_numbered_contexts() -> None:
    contexts = body_contexts("| Fee | Fee |\n|---|---|\n| 1% | 1% |\n")
    base = f"article:reset-password:body:{sha8('Fee')}"
    assert contexts[:2] == [base, base + "-2"]
    assert contexts[2:] == [f"article:reset-password:body:{sha8('1%')}", f"article:reset-password:body:{sha8('1%')}-2"]


# --------------------------------------------------------------- demo content


def _demo_content() -> Content:
    content, _problems = load_content(ROOT / "content")  # files with problems are left out
    return content


DEMO = _demo_content()
DEMO_BODIES = {f"article:{a.id}": a.body for a in DEMO.articles.values()} | {
    f"faq:{f.id}": f.answer for f in DEMO.faqs.values()
}


@pytest.mark.parametrize("name", sorted(DEMO_BODIES))
def test_join_with_source_as_translation_is_byte_identical(name: str) -> None:
    body = DEMO_BODIES[name]
    identity = {block.source: block.source for block in split_markdown(body)}
    assert join_markdown(body, identity) == body
    assert join_markdown(body, {}) == body


@pytest.mark.parametrize("name", sorted(DEMO_BODIES))
def test_translated_join_keeps_structure(name: str) -> None:
    body = DEMO_BODIES[name]
    sources = [block.source for block in split_markdown(body)]
    joined = join_markdown(body, {source: pseudo(source) for source in sources})
    assert shape(joined) == shape(body)
    assert [block.source for block in split_markdown(joined)] == [pseudo(source) for source in sources]


def _block_tokens(tokens) -> list[tuple]:
    return [(t.type, t.nesting, t.map, t.content, t.markup, t.info, t.meta) for t in tokens]


def test_the_block_parser_finds_the_blocks_the_full_parser_finds() -> None:
    """Blocks are found without parsing inline Markdown: the block tokens are the same, only inline children lack."""
    for name, text in {"sample": SAMPLE, **DEMO_BODIES}.items():
        assert _block_tokens(block_parser().parse(text)) == _block_tokens(parser().parse(text)), name
        assert all(not token.children for token in block_parser().parse(text)), name


def test_demo_segments_point_at_their_line() -> None:
    checked = 0
    for segment in segment_content(DEMO):
        if segment.file and segment.line and ":body:" in segment.context:
            line = (ROOT / segment.file).read_text(encoding="utf-8").splitlines()[segment.line - 1]
            assert segment.source.split()[0] in line, segment
            checked += 1
    assert checked > 0 or not DEMO.articles


def test_demo_contexts_are_unique() -> None:
    contexts = [segment.context for segment in segment_content(DEMO)]
    assert len(contexts) == len(set(contexts))


# ------------------------------------------------------------------- joining


def test_translated_sample_keeps_structure() -> None:
    sources = [source for _, source in blocks_of(SAMPLE)]
    joined = join_markdown(SAMPLE, {source: pseudo(source) for source in sources})
    assert shape(joined) == shape(SAMPLE)
    assert f"{FENCE}bash\nharbor withdraw --asset BTC\n{FENCE}" in joined
    assert '!!! warning "«Check the network» ÜBERSETZT"\n    «A withdrawal **cannot** be reversed.» ÜBERSETZT' in joined
    assert "   - «BTC on Bitcoin» ÜBERSETZT\n" in joined
    assert "| «USDT \\| ERC-20» ÜBERSETZT | «5 USDT» ÜBERSETZT |" in joined


def test_missing_translation_keeps_the_english_block() -> None:
    joined = join_markdown(SAMPLE, {"Before you start": "Bevor Sie beginnen"})
    assert joined == SAMPLE.replace("## Before you start", "## Bevor Sie beginnen")


@pytest.mark.parametrize(
    ("markdown", "translation", "expected"),
    [
        pytest.param("| a |\n|---|\n| b |\n", "x | y", "| a |\n|---|\n| x \\| y |\n", id="pipe-in-cell-is-escaped"),
        pytest.param("|a|\n|-|\n|b|\n", "x\\", "|a|\n|-|\n|x\\ |\n", id="final-backslash-in-cell-escapes-nothing"),
        pytest.param("Title\n", " \n ", "Title\n", id="blank-translation-keeps-english"),
        pytest.param("## Title\n", "Ti\ntel", "## Ti tel\n", id="heading-stays-on-one-line"),
        pytest.param("## Title\n", "Use C #", "## Use C \\#\n", id="heading-hash-is-not-closing-sequence"),
        pytest.param("Title\n=====\n", "Titel", "Titel\n=====\n", id="setext-heading"),
        pytest.param("Title\n", "1. Einführung", "1\\. Einführung\n", id="paragraph-does-not-become-list"),
        pytest.param("- Title\n", "- Punkt", "- \\- Punkt\n", id="list-item-does-not-nest"),
        pytest.param("Title\n", "# Titel", "\\# Titel\n", id="paragraph-does-not-become-heading"),
        pytest.param("1. Title\n", "eins  \nzwei", "1. eins  \n   zwei\n", id="hard-break-in-list-item-is-indented"),
        pytest.param(
            '!!! note "T"\n    Title\n', "a  \nb", '!!! note "T"\n    a  \n    b\n', id="hard-break-in-admonition"
        ),
        pytest.param("> Title\n", "a  \nb", "> a  \n> b\n", id="hard-break-in-quote"),
        pytest.param("Title\n", "a\n\n---", "a\n\\---\n", id="no-blank-line-or-setext-underline"),
        pytest.param(
            '!!! tip "Title"\n    Body.\n',
            'Le "titre"',
            '!!! tip "Le "titre""\n    Body.\n',
            id="quotes-in-admonition-title",
        ),
    ],
)
def test_join_keeps_each_block_what_it_was(markdown: str, translation: str, expected: str) -> None:
    assert join_markdown(markdown, {"Title": translation, "b": translation}) == expected
    assert shape(expected) == shape(markdown)


def test_crlf_text_round_trips_and_translates() -> None:
    markdown = "Para one\r\nline two\r\n\r\n- item\r\n"
    assert blocks_of(markdown) == [("paragraph", "Para one line two"), ("list-item", "item")]
    assert join_markdown(markdown, {"Para one line two": "X", "item": "Y"}) == "X\r\n\r\n- Y\r\n"
