"""Structured data (JSON-LD) and sharing tags, read from the built demo as a crawler reads them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from kbgen.languages import language
from kbgen.site.structured import steps


def _head(page: Path):
    tree = lxml_html.parse(str(page))
    blocks = [json.loads(s.text) for s in tree.iter("script") if s.get("type") == "application/ld+json"]
    meta = {}
    for tag in tree.iter("meta"):
        key = tag.get("property") or tag.get("name")
        meta.setdefault(key, []).append(tag.get("content"))
    return blocks, meta


def _by_type(blocks: list[dict]) -> dict[str, dict]:
    return {block["@type"]: block for block in blocks}


@pytest.mark.parametrize("lang", ["en", "de", "ar"])
def test_article_has_article_howto_and_breadcrumb(demo: object, lang: str):
    page = demo.site / lang / "deposits-withdrawals" / "how-to-deposit" / "index.html"
    blocks, meta = _head(page)
    found = _by_type(blocks)
    assert set(found) == {"Article", "HowTo", "BreadcrumbList"}
    article = found["Article"]
    title = lxml_html.parse(str(page)).find(".//article//h1").text_content().strip().rstrip("¶")
    assert article["headline"] == title and article["inLanguage"] == language(lang).html
    assert article["description"] == meta["description"][0]
    assert article["dateModified"] == "2026-09-08"
    assert article["url"] == f"{demo.url}{lang}/deposits-withdrawals/how-to-deposit/"
    assert len(found["HowTo"]["step"]) >= 3 and all(s["text"] for s in found["HowTo"]["step"])
    trail = found["BreadcrumbList"]["itemListElement"]
    assert [item["position"] for item in trail] == [1, 2, 3]
    assert trail[0]["item"] == f"{demo.url}{lang}/" and trail[-1]["name"] == title
    assert trail[1]["item"] == f"{demo.url}{lang}/deposits-withdrawals/"


def test_article_without_steps_has_no_howto(demo: object):
    blocks, _ = _head(demo.site / "en" / "wallets" / "what-is-a-wallet" / "index.html")
    assert set(_by_type(blocks)) == {"Article", "BreadcrumbList"}


def test_faq_and_category_pages(demo: object):
    faq, _ = _head(demo.site / "en" / "wallets" / "faq" / "index.html")
    assert set(_by_type(faq)) == {"FAQPage", "BreadcrumbList"}
    assert _by_type(faq)["FAQPage"]["mainEntity"][0]["acceptedAnswer"]["text"]
    category, _ = _head(demo.site / "en" / "wallets" / "index.html")
    assert [b["@type"] for b in category] == ["BreadcrumbList"]


@pytest.mark.parametrize(
    "lang, locale", [("en", "en_US"), ("de", "de_DE"), ("ar", "ar_EG"), ("zh-Hans", "zh_CN"), ("pt-BR", "pt_BR")]
)
def test_open_graph_and_twitter_tags(demo: object, lang: str, locale: str):
    page = demo.site / lang / "deposits-withdrawals" / "how-to-deposit" / "index.html"
    blocks, meta = _head(page)
    headline = _by_type(blocks)["Article"]["headline"]
    assert meta["og:title"] == [headline] and meta["twitter:title"] == [headline]
    assert meta["og:description"] == meta["description"] == meta["twitter:description"]
    assert meta["og:type"] == ["article"] and meta["twitter:card"] == ["summary"]
    assert meta["og:url"] == [f"{demo.url}{lang}/deposits-withdrawals/how-to-deposit/"]
    assert meta["og:locale"] == [locale]
    assert locale not in meta["og:locale:alternate"] and len(meta["og:locale:alternate"]) == 15
    home = _head(demo.site / lang / "index.html")[1]
    assert home["og:type"] == ["website"]


def test_steps_are_the_first_numbered_list():
    body = "Intro.\n\n- a\n- b\n\n1. Open **Assets**.\n2. Tap [Deposit](x.md).\n   1. nested\n3. Send.\n\nThen:\n\n1. later\n2. list\n"
    assert steps(body) == ["Open Assets.", "Tap Deposit.", "Send."]
    assert steps("1. Only one step.\n") == []


def test_steps_are_remembered_between_builds_and_follow_the_text(tmp_path: Path, monkeypatch):
    from kbgen.site import structured

    memory = tmp_path / "steps.json"
    with structured.steps_remembered(memory):
        assert steps("1. Open.\n2. Send.\n") == ["Open.", "Send."]
    monkeypatch.setattr(structured, "_STEPS", {})  # as in a new process: only the file is known
    parsed = []
    real_steps = structured._steps
    monkeypatch.setattr(structured, "_steps", lambda text: parsed.append(text) or real_steps(text))
    with structured.steps_remembered(memory):
        assert steps("1. Open.\n2. Send.\n") == ["Open.", "Send."] and parsed == []
        assert steps("1. Open.\n2. Send it.\n") == ["Open.", "Send it."] and len(parsed) == 1
    with structured.steps_remembered(memory):
        steps("1. Open.\n2. Send it.\n")
    assert "Send it." in memory.read_text() and '"Send."' not in memory.read_text()  # only what the last build used
    monkeypatch.setattr(structured, "_STEPS", {})
    monkeypatch.setattr(structured, "toolchain_digest", lambda: "another kbgen")
    with structured.steps_remembered(memory):
        assert steps("1. Open.\n2. Send it.\n") == ["Open.", "Send it."] and len(parsed) == 2


def test_steps_of_pages_kept_from_the_last_build_stay_remembered_up_to_a_limit(tmp_path: Path, monkeypatch):
    """A build that keeps most pages (`page_memo`) asks for the steps of the few it renders only."""
    from kbgen.site import structured

    memory = tmp_path / "steps.json"
    with structured.steps_remembered(memory):
        steps("1. Open.\n2. Send.\n")
    with structured.steps_remembered(memory, keep=True):
        steps("1. Open.\n2. Confirm.\n")
    remembered = json.loads(memory.read_text())["steps"]
    assert sorted(remembered.values()) == [["Open.", "Confirm."], ["Open.", "Send."]]

    monkeypatch.setattr(structured, "_MAX_STEPS", 2)
    with structured.steps_remembered(memory, keep=True):
        steps("1. Open.\n2. Wait.\n")
    assert list(json.loads(memory.read_text())["steps"].values()) == [["Open.", "Wait."]]
