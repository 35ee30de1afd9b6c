"""The natural-query sets stay natural: readers' words, not the pages' titles.

tests/data/search_natural.yaml holds what readers type, with the articles and
FAQs that answer it; tests/data/search_heldout.yaml holds more such queries,
written from the answers' English titles and summaries only and never tuned
for (search figures are checked on it). A set whose queries copy titles measures nothing (the
project's keyword set scores 99% while readers found the answer half the
time), so a query may share at most one content word with the title or FAQ
question of any of its answers, in the language of the query.

"Content word" per script, using stop-word lists from stopwordsiso:
- alphabetic scripts: words that are not stop words, equal when their first
  five letters are (so "withdrawal" and "withdrawals" are one word); Arabic
  words are compared without the conjunction و and the article ال;
- Korean: eojeol (space-separated) compared by their first two syllables,
  which strips the particles attached to them;
- Vietnamese writes a space between syllables and most words have two, so a
  query may share two syllables;
- Japanese: runs of kanji, katakana or Latin letters (kana particles and
  okurigana drop out); Chinese: jieba's words. Single characters are left out
  (mostly particles), and two CJK words are one when one contains the other
  (出金 and 出金手数料).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import REPO, TESTS

from kbgen.content.loader import load_content
from kbgen.languages import DEFAULT_TARGETS, language

stopwordsiso = pytest.importorskip("stopwordsiso")
jieba = pytest.importorskip("jieba")

SETS = ("search_natural", "search_heldout")


def _spec(name: str) -> dict:
    return yaml.safe_load((TESTS / "data" / f"{name}.yaml").read_text(encoding="utf-8"))


LANGUAGES = ("en", *DEFAULT_TARGETS)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_JAPANESE_WORD = re.compile(f"[{_HAN}]+|[\u30a0-\u30ff\uff66-\uff9f]+|[a-z0-9]+")


@cache
def _content():
    content, problems = load_content(REPO / "content", REPO)
    assert not problems
    return content


def _english_titles() -> dict[str, str]:
    content = _content()
    titles = {article.id: article.title for article in content.articles.values()}
    titles.update({faq.id: faq.question for faq in content.faqs.values()})
    return titles


@cache
def _titles(lang: str) -> dict[str, str]:
    """Titles and FAQ questions as the site shows them in `lang`."""
    titles = _english_titles()
    if lang == "en":
        return titles
    path = REPO / "locales" / language(lang).babel / "LC_MESSAGES" / "content.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        parts = (message.context or "").split(":")
        if len(parts) == 3 and parts[2] in ("title", "question") and message.string and parts[1] in titles:
            titles[parts[1]] = message.string
    return titles


def _stopwords(lang: str) -> set[str]:
    return set(stopwordsiso.stopwords(lang.split("-")[0]))


def content_words(text: str, lang: str) -> list[str]:
    """The words of `text` that carry meaning, normalized for comparison (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    stop = _stopwords(lang)
    if lang == "ja":
        return [w for w in _JAPANESE_WORD.findall(text) if len(w) > 1 and w not in stop]
    if lang.startswith("zh"):
        return [w for w in jieba.lcut(text) if len(w) > 1 and re.search(rf"[{_HAN}a-z0-9]", w) and w not in stop]
    words = [w for w in re.findall(r"\w+", text) if w not in stop]
    if lang == "ko":
        return [w[:2] for w in words]
    if lang == "ar":
        words = [re.sub(r"^(?:ال|لل|بال|كال|فال)", "", re.sub(r"^و(?=..)", "", w)) for w in words]
        return [w[:4] for w in words if w]
    return [w[:5] for w in words]


def shared_words(query: str, title: str, lang: str) -> set[str]:
    ours, theirs = content_words(query, lang), content_words(title, lang)
    if lang == "ja" or lang.startswith("zh"):
        return {q for q in ours for t in theirs if q == t or (min(len(q), len(t)) >= 2 and (q in t or t in q))}
    return set(ours) & set(theirs)


def _allowed(lang: str) -> int:
    return 2 if lang == "vi" else 1


@pytest.mark.parametrize("name, at_least", [("search_natural", 10), ("search_heldout", 4)])
def test_every_language_has_its_queries(name, at_least):
    spec = _spec(name)
    counts = {lang: len(spec["queries"].get(lang, [])) for lang in LANGUAGES}
    assert set(spec["queries"]) == set(LANGUAGES)
    assert min(counts.values()) >= at_least, counts


@pytest.mark.parametrize("name", SETS)
def test_every_answer_is_an_article_or_faq(name):
    known = set(_english_titles())
    queries = _spec(name)["queries"].values()
    unknown = {answer for items in queries for item in items for answer in item["answers"]} - known
    assert unknown == set()


def test_the_held_out_queries_are_not_the_tuned_ones():
    tuned = {(lang, item["query"]) for lang, items in _spec("search_natural")["queries"].items() for item in items}
    held_out = {(lang, item["query"]) for lang, items in _spec("search_heldout")["queries"].items() for item in items}
    assert tuned & held_out == set()


@pytest.mark.parametrize("name", SETS)
def test_no_query_repeats_the_title_of_its_answer(name):
    too_close = []
    for lang, queries in _spec(name)["queries"].items():
        titles = _titles(lang)
        for item in queries:
            for answer in item["answers"]:
                shared = shared_words(item["query"], titles[answer], lang)
                if len(shared) > _allowed(lang):
                    too_close.append(f"{lang} {item['query']!r} ~ {titles[answer]!r}: {sorted(shared)}")
    assert too_close == []


@pytest.mark.parametrize(
    "query, title, lang, shared",
    [
        ("My withdrawals pending", "Why is my withdrawal pending?", "en", {"withdr", "pendi"}),
        ("Passwort vergessen", "Passwort zurücksetzen", "de", {"passw"}),
        ("出金が保留のまま", "出金が保留中になっているのはなぜですか？", "ja", {"出金", "保留"}),
        ("提现一直没到账", "为什么我的提现处于待处理状态？", "zh-Hans", {"提现"}),
        ("출금 대기", "출금이 대기 중인 이유는 무엇인가요?", "ko", {"출금", "대기"}),
    ],
)
def test_shared_words_are_counted_per_script(query, title, lang, shared):
    assert {word[:5] for word in shared_words(query, title, lang)} == {word[:5] for word in shared}
