"""Search at build time: keywords in the catalogs, the engine settings a language's script implies,
the vocabulary for typo correction, and what is indexed."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from kbgen.content.model import Article, Content, Faq, GlossaryTerm
from kbgen.i18n.entries import entries_of
from kbgen.i18n.segments import SegmentIndex, segment_content, text_hash
from kbgen.languages import language
from kbgen.site import search
from kbgen.site.localize import Localizer, localize


def _content() -> Content:
    content = Content()
    content.articles["reset-password"] = Article(
        id="reset-password",
        title="Reset your password",
        summary="Select Forgot password.",
        category="account",
        keywords=["forgot password", "can't log in", "forgot password"],
        last_reviewed="2026-10-01",
        body="Text.",
    )
    content.faqs["no-reset-email"] = Faq(
        id="no-reset-email",
        question="Why no email?",
        answer="Check spam.",
        category="account",
        keywords=["spam folder"],
    )
    content.glossary["recovery-phrase"] = GlossaryTerm(
        id="recovery-phrase", term="Recovery phrase", definition="Words.", synonyms=["seed phrase"]
    )
    return content


def test_keywords_and_synonyms_are_translatable_segments_of_their_own():
    segments = {s.context: s for s in segment_content(_content())}
    assert segments[f"article:reset-password:keywords:{text_hash('forgot password')}"].source == "forgot password"
    assert segments[f"article:reset-password:keywords:{text_hash('forgot password')}"].kind == "keyword"
    assert f"article:reset-password:keywords:{text_hash(chr(99) + 'an' + chr(39) + 't log in')}" in segments
    assert segments[f"faq:no-reset-email:keywords:{text_hash('spam folder')}"].source == "spam folder"
    assert segments[f"term:recovery-phrase:synonyms:{text_hash('seed phrase')}"].source == "seed phrase"
    assert sum(1 for c in segments if c.startswith("article:reset-password:keywords:")) == 2  # the repeat is one


def test_a_language_searches_its_translated_keywords_then_the_english_ones():
    catalog = Catalog(locale="de")
    catalog.add(
        "forgot password",
        "Passwort vergessen",
        context=f"article:reset-password:keywords:{text_hash('forgot password')}",
    )
    catalog.add("seed phrase", "Seed-Phrase", context=f"term:recovery-phrase:synonyms:{text_hash('seed phrase')}")
    content = _content()
    view = localize(content, Localizer(entries_of(catalog, "de"), SegmentIndex(segment_content(content))))
    assert view.content.articles["reset-password"].keywords == ["Passwort vergessen", "forgot password", "can't log in"]
    assert view.content.faqs["no-reset-email"].keywords == ["spam folder"]
    assert view.content.glossary["recovery-phrase"].synonyms == ["Seed-Phrase", "seed phrase"]


@pytest.mark.parametrize(
    ("lang", "translation", "phrases"),
    [
        (
            "de",
            "Passwort vergessen, Kennwort vergessen, Passwort weg",
            ["Passwort vergessen", "Kennwort vergessen", "Passwort weg"],
        ),
        ("ar", "نسيت كلمة المرور، نسيت كلمة السر", ["نسيت كلمة المرور", "نسيت كلمة السر"]),
        ("ja", "パスワード忘れた、パスワードを忘れました", ["パスワード忘れた", "パスワードを忘れました"]),
        ("zh_Hans", "忘记密码，密码忘了", ["忘记密码", "密码忘了"]),
    ],
)
def test_a_keyword_translation_may_list_several_ways_readers_type_it(lang, translation, phrases):
    catalog = Catalog(locale=lang)
    context = f"article:reset-password:keywords:{text_hash('forgot password')}"
    catalog.add("forgot password", translation, context=context)
    content = _content()
    view = localize(content, Localizer(entries_of(catalog, lang), SegmentIndex(segment_content(content))))
    assert view.content.articles["reset-password"].keywords == [*phrases, "forgot password", "can't log in"]


@pytest.mark.parametrize(
    "code, segmented",
    [
        ("zh-Hans", True),
        ("zh-Hant", True),
        ("ja", True),
        ("th", True),
        ("km", True),
        ("lo", True),
        ("ko", False),
        ("de", False),
        ("ar", False),
        ("vi", False),
        ("ru", False),
        ("en", False),
    ],
)
def test_languages_written_without_spaces_get_query_segmentation_from_their_script(code, segmented):
    assert search.needs_segmentation(language(code)) is segmented
    assert search.settings(language(code), Content())["segment"] is segmented
    assert search.settings(language(code), Content())["typos"] is not segmented


def test_popular_articles_are_the_most_important_first():
    content = _content()
    content.articles["what-is-a-wallet"] = content.articles["reset-password"].model_copy(
        update={"id": "what-is-a-wallet", "title": "What is a wallet?", "priority": "top", "category": "wallets"}
    )
    popular = search.settings(language("en"), content)["popular"]
    assert popular == [
        {"title": "What is a wallet?", "path": "wallets/what-is-a-wallet/"},
        {"title": "Reset your password", "path": "account/reset-password/"},
    ]


def test_chinese_text_is_also_indexed_character_by_character():
    assert search.segmenter(language("zh-Hant"))("重置密碼，2FA code") == "重 置 密 碼 2FA code"
    assert search.segmenter(language("ja")) is None and search.segmenter(language("de")) is None


PAGE = """<html><body><nav>Navigation words</nav>
<div data-pagefind-body data-pagefind-meta="kind:article"><h1>Withdrawal pending</h1>
<p>Your withdrawal is pending review.</p><script>var hidden = "scriptword";</script>
<div class="admonition kb-contact"><p>Contact support anytime</p></div><br><img src="x.png">
<p data-pagefind-ignore>ignored words</p><p>Après vérification</p></div></body></html>"""


def test_the_indexed_text_is_the_page_body_without_excluded_parts():
    text = search.indexed_text(PAGE)
    assert "Withdrawal pending" in text and "Après vérification" in text
    assert not any(word in text for word in ("Navigation", "scriptword", "Contact support", "ignored"))
    assert search.indexed_text("<html><body><p>Not indexed</p></body></html>") is None


def test_the_vocabulary_counts_the_pages_holding_each_word(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text(PAGE.replace("pending review", "delayed"), encoding="utf-8")
    (tmp_path / "index.html").write_text("<html><body>home, not indexed</body></html>", encoding="utf-8")
    data = json.loads(search.vocabulary_json(tmp_path, stop=["your"]))
    assert data["pages"] == 2
    assert data["words"]["withdrawal"] == 2 and data["words"]["review"] == 1 and data["words"]["après"] == 2
    assert "your" in data["stop"] and "is" not in data["words"]  # words of fewer than four letters are left out
    assert json.loads(search.vocabulary_json(tmp_path, words=False)) == {"pages": 2, "words": {}, "stop": []}


def test_the_vocabulary_reads_again_only_pages_whose_bytes_changed(tmp_path: Path, monkeypatch):
    site, cache = tmp_path / "site", tmp_path / "words.json"
    for name, text in (("a", PAGE), ("b", PAGE.replace("pending review", "delayed")), ("c", PAGE)):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(text, encoding="utf-8")
    first = search.vocabulary_json(site, cache=cache)
    assert first == search.vocabulary_json(site) and json.loads(first)["pages"] == 3  # two pages alike count twice
    (site / "b" / "index.html").write_text(PAGE.replace("pending review", "refunded"), encoding="utf-8")
    (site / "c" / "index.html").write_text(PAGE.replace("Navigation words", "Renamed"), encoding="utf-8")
    parsed = []
    real_words = search._page_words
    monkeypatch.setattr(search, "_page_words", lambda html, words: parsed.append(html) or real_words(html, words))
    again = search.vocabulary_json(site, cache=cache)
    assert len(parsed) == 1 and "refunded" in parsed[0]  # not c: only its navigation changed
    assert "Navigation" not in parsed[0]  # what comes before the indexed element is not parsed
    assert again == search.vocabulary_json(site) and "refunded" in json.loads(again)["words"]
    assert "delayed" not in json.loads(again)["words"]
    parsed.clear()
    assert (
        json.loads(search.vocabulary_json(site, words=False, cache=cache))["words"] == {}
    )  # other settings: not reused
    assert len(parsed) == 3


def test_a_title_naming_the_indexed_attribute_does_not_move_where_the_words_are_read(tmp_path: Path, monkeypatch):
    title = "&lt;style&gt;data-pagefind-body"  # a hostile title, escaped as the theme prints it
    page = PAGE.replace(
        "<nav>Navigation words</nav>", f'<nav><a title="{title}">{title}</a><a title="x data-pagefind-body">y</a></nav>'
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(page, encoding="utf-8")
    parsed = []
    real_words = search._page_words
    monkeypatch.setattr(search, "_page_words", lambda html, words: parsed.append(html) or real_words(html, words))
    data = json.loads(search.vocabulary_json(tmp_path))
    assert data["pages"] == 1 and data["words"]["withdrawal"] == 1 and "style" not in data["words"]
    assert parsed[0].startswith('<a title="x data-pagefind-body">')  # the first tag naming it: not inside text


def test_built_pages_mark_what_search_indexes_and_how_much_it_weighs(demo_site: Path):
    site = demo_site / "site"
    article = (site / "en" / "account-access" / "reset-password" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-body data-pagefind-meta="kind:article"' in article
    assert re.search(r'<h1 data-pagefind-weight="10" id="reset-your-password">', article)
    assert re.search(r'<div class="kb-keywords" data-pagefind-weight="8">forgot password · ', article)
    faq = (site / "en" / "security" / "faq" / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<summary>\s*<h2 class="kb-question" data-pagefind-weight="9" id="freeze-my-account">How do I freeze my account\?',
        faq,
    )
    german = (site / "de" / "account-access" / "reset-password" / "index.html").read_text(encoding="utf-8")
    assert "Passwort vergessen · " in german and "· forgot password" in german
    for not_indexed in (site / "en" / "index.html", site / "en" / "account-access" / "index.html"):
        assert "data-pagefind-body" not in not_indexed.read_text(encoding="utf-8")
    vocabulary = json.loads((site / "en" / search.VOCABULARY_FILE).read_text(encoding="utf-8"))
    indexed = sum("data-pagefind-body" in p.read_text(encoding="utf-8") for p in (site / "en").rglob("index.html"))
    assert vocabulary["pages"] == indexed and vocabulary["words"]["withdrawal"] > 5 and "the" in vocabulary["stop"]
    # The same words as the whole pages' indexed text holds (the vocabulary reads from the indexed element on).
    whole: Counter[str] = Counter()
    for page in (site / "en").rglob("index.html"):
        text = search.indexed_text(page.read_text(encoding="utf-8"))
        whole.update(set(search._WORD.findall(text.casefold())) if text is not None else ())
    assert vocabulary["words"] == dict(whole)
    assert json.loads((site / "zh-Hans" / search.VOCABULARY_FILE).read_text(encoding="utf-8"))["words"] == {}


def test_traditional_chinese_weighs_its_own_spelling_of_stop_words_little():
    """stopwordsiso's Chinese list is simplified: zh-Hant readers type 怎麼辦, not 怎么办."""
    traditional, simplified = set(search.stop_words(language("zh-Hant"))), set(search.stop_words(language("zh-Hans")))
    assert {"怎麼辦", "為什麼", "這個"} <= traditional and "怎么办" in simplified
    assert "怎麼辦" not in simplified and "密碼" not in traditional


def _index(build: Path, code: str, files: dict[str, str], pages: str) -> Path:
    """A language's Pagefind index as `index_language` leaves it, with the digest of its pages beside it."""
    index = build / code / search.BUNDLE_DIR
    if index.exists():
        import shutil

        shutil.rmtree(index)
    for name, text in {**files, search.ENTRY_FILE: json.dumps({"version": "1", "languages": {code: {}}})}.items():
        (index / name).parent.mkdir(parents=True, exist_ok=True)
        (index / name).write_text(text)
    (index.parent / search.INDEXED_FILE).write_text(json.dumps({"salt": pages}))
    return index


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_joining_reads_only_the_indexes_the_bundle_does_not_hold(tmp_path: Path, monkeypatch):
    build = tmp_path / "build"
    en = _index(build, "en", {"pagefind.js": "shared", "fragment/en_1.pf": "en one"}, "pages-en")
    de = _index(build, "de", {"pagefind.js": "shared", "fragment/de_1.pf": "de one"}, "pages-de-1")
    bundle = build / search.BUNDLE_DIR
    search.join_indexes([en, de], bundle)
    assert sorted(_tree(bundle)) == ["fragment/de_1.pf", "fragment/en_1.pf", "pagefind-entry.json", "pagefind.js"]

    # German is indexed again from edited pages: English's index is not read, and the bundle is the
    # one a join from nothing makes.
    de = _index(build, "de", {"pagefind.js": "shared", "fragment/de_2.pf": "de two"}, "pages-de-2")
    read: list[str] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.as_posix()) or real_read(self))
    search.join_indexes([en, de], bundle)
    assert read and not [path for path in read if "/en/" in path], read
    fresh = tmp_path / "fresh"
    search.join_indexes([en, de], fresh)
    assert _tree(bundle) == _tree(fresh) and "fragment/de_1.pf" not in _tree(bundle)

    # A file missing from the bundle, or an index without its pages digest (an interrupted
    # indexing), is taken from the index again.
    (bundle / "fragment/en_1.pf").unlink()
    (de.parent / search.INDEXED_FILE).unlink()
    read.clear()
    search.join_indexes([en, de], bundle)
    assert _tree(bundle) == _tree(fresh)
    assert any(path.endswith("fragment/de_2.pf") for path in read)


def test_a_failing_pagefind_is_one_clear_error_and_leaves_the_index_alone(tmp_path: Path, monkeypatch):
    from kbgen.errors import KbgenError

    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: no space left on device' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))  # Pagefind's own setting: kbgen runs what it names
    search._pagefind.cache_clear()
    (tmp_path / "site/de").mkdir(parents=True)
    (tmp_path / "site/de/index.html").write_text("<html lang='de'><body data-pagefind-body>Hallo</body></html>")
    index = _index(tmp_path / "build", "de", {"fragment/de_1.pf": "before"}, "pages-de")
    try:
        with pytest.raises(KbgenError, match=r"^search indexing failed \(pagefind\): Error: no space left on device$"):
            search.index_language(tmp_path / "site", "de", index)
    finally:
        search._pagefind.cache_clear()
    assert _tree(index)["fragment/de_1.pf"] == "before"
