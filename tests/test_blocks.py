"""Reusable blocks: written once in content/blocks.yaml, translated once, included as `:block[id]`."""

from __future__ import annotations

from pathlib import Path

from kbgen.config import load_project
from kbgen.content.model import Content
from kbgen.i18n.blocks import split_markdown
from kbgen.i18n.entries import Entry
from kbgen.i18n.segments import SegmentIndex, segment_content
from kbgen.languages import language
from kbgen.pipeline import valid_content
from kbgen.site.links import CONTACT
from kbgen.site.localize import LocalizedContent, Localizer, localize, source_view
from kbgen.site.pages import PageRenderer
from kbgen.vocabulary import EntryStatus

BLOCKS = """blocks:
  - id: never-ask
    kind: danger
    title: Support never asks for your secrets
    text: |
      Support will never ask for your recovery phrase. See [how to back up](article:back-up-your-wallet).
"""
FAQ = """id: who-asks
question: Will support ask for my recovery phrase?
category: wallets
answer: |
  No.

  - First point.

    :block[never-ask]
"""


def _project(mini: Path):
    (mini / "content" / "blocks.yaml").write_text(BLOCKS)
    (mini / "content" / "faqs" / "wallets" / "who-asks.yaml").write_text(FAQ)
    content, problems = valid_content(load_project(mini))
    assert not [p for p in problems if p.severity == "error"]
    return content


def test_a_block_is_one_set_of_segments_and_its_reference_is_none(mini: Path):
    segments = segment_content(_project(mini))
    block = [s for s in segments if s.record == ("block", "never-ask")]
    assert [(s.field, s.source) for s in block] == [
        ("title", "Support never asks for your secrets"),
        ("text", "Support will never ask for your recovery phrase. See [how to back up](article:back-up-your-wallet)."),
    ]
    assert not [s for s in segments if ":block[" in s.source]
    assert [b.source for b in split_markdown("Text.\n\n:block[never-ask]\n")] == ["Text."]


def test_a_block_renders_as_the_same_box_wherever_it_is_included(mini: Path):
    content = _project(mini)
    page = PageRenderer(source_view(content), language("en"), "Mini").faq_page("wallets")
    # indented where it is included (here inside a list item of an answer)
    assert (
        '- First point.\n\n  !!! danger kb-block "Support never asks for your secrets"\n'
        "      Support will never ask for your recovery phrase. See [how to back up](back-up-your-wallet.md).\n"
    ) in page.text


def _block_in_german(content: Content) -> LocalizedContent:
    """The German view of the content with only the never-ask block translated ("DE: ...")."""
    segments = segment_content(content)
    entries = {
        s.context: Entry(EntryStatus.REVIEWED, s.source, f"DE: {s.source}")
        for s in segments
        if s.record == ("block", "never-ask")
    }
    return localize(content, Localizer(entries, SegmentIndex(segments)))


def test_a_block_is_translated_once_for_every_page(mini: Path):
    page = PageRenderer(_block_in_german(_project(mini)), language("de"), "Mini").faq_page("wallets")
    assert '!!! danger kb-block "DE: Support never asks for your secrets"' in page.text
    assert "DE: Support will never ask for your recovery phrase." in page.text
    # the FAQ itself is not translated: shown in English, marked, with the translated block inside
    assert "<span lang=en dir=ltr>No.</span>" in page.text


def test_the_title_of_an_untranslated_block_is_marked_english(mini: Path):
    content = _project(mini)
    segments = segment_content(content)
    view = localize(content, Localizer({}, SegmentIndex(segments)))
    page = PageRenderer(view, language("ar"), "Mini").faq_page("wallets")
    assert '!!! danger kb-block "<span lang=en dir=ltr>Support never asks for your secrets</span>"' in page.text


def test_a_block_without_a_title_is_a_box_without_a_title_bar(mini: Path):
    # Without an explicit empty title, Markdown would title the box "Danger", in English on every page.
    (mini / "content" / "blocks.yaml").write_text(
        BLOCKS.replace("    title: Support never asks for your secrets\n", "")
    )
    (mini / "content" / "faqs" / "wallets" / "who-asks.yaml").write_text(FAQ)
    content, problems = valid_content(load_project(mini))
    assert not [p for p in problems if p.severity == "error"]
    page = PageRenderer(source_view(content), language("en"), "Mini").faq_page("wallets")
    assert '- First point.\n\n  !!! danger kb-block ""\n      Support will never ask' in page.text


def _contact_page(renderer: PageRenderer) -> str:
    return next(p for p in renderer.pages() if p.path == CONTACT).text


def test_the_contact_page_shows_the_block_its_file_names_as_its_warning(mini: Path):
    assert "!!!" not in _contact_page(PageRenderer(source_view(_project(mini)), language("en"), "Mini"))
    contact = mini / "content" / "contact.yaml"
    intro = "intro: We are here to help.\n"
    contact.write_text(contact.read_text().replace(intro, intro + "warning: never-ask\n"))
    text = _contact_page(PageRenderer(_block_in_german(_project(mini)), language("de"), "Mini"))
    # the block, translated once, under the intro; its link made relative to the contact page
    assert (
        '!!! danger kb-block "DE: Support never asks for your secrets"\n'
        "    DE: Support will never ask for your recovery phrase. "
        "See [how to back up](wallets/back-up-your-wallet.md).\n"
    ) in text
    assert text.index("We are here to help.") < text.index("kb-block")
