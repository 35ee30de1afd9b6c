"""Search for every language: Pagefind's index, kbgen's query handling (theme/assets/kb-search.js).

Measured in Chromium on tests/data/search_natural.yaml (bench/search.py,
figures in docs/search.md): Pagefind 1.5 segments Chinese and Japanese
queries in the browser (Intl.Segmenter), so the Material + jieba/lunr-ja path
that Chinese and Japanese needed before is gone, and with it a second UI
that ignored pasted queries. One engine, one UI, one index per language
(Pagefind indexes each page under its `<html lang>` and loads index chunks on
demand, so a first query downloads a small part of it).

What kbgen adds around Pagefind:
- which pages are indexed and how much each part weighs (the templates mark
  `data-pagefind-body` and `data-pagefind-weight`: title > keywords > summary
  > headings > body); navigation, banners and the contact box are excluded;
- per language, whether queries need word segmentation, from the language's
  script (scripts written without spaces between words), not from a list of
  languages;
- a vocabulary per language (`search-vocabulary.json`) built from the indexed
  pages, for typo correction by edit distance in alphabetic scripts and for
  weighing query words by how many pages contain them.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from babel.core import get_global

from kbgen.content.fields import PRIORITY_RANK
from kbgen.content.model import Article, Content
from kbgen.errors import KbgenError
from kbgen.fsutil import files_under, read_cache, remove_others, write_if_changed
from kbgen.languages import Language
from kbgen.toolchain import toolchain_digest

BUNDLE_DIR = "pagefind"
VOCABULARY_FILE = "search-vocabulary.json"
PAGE_WORDS_CACHE = ".search-words.json"  # in a language's build folder: each page's words by its digest
# Parts of a page that are on every page or say nothing about its subject.
EXCLUDED = (
    ".kb-contact",
    ".kb-fallback",
    ".kb-machine",
    ".kb-outdated",
    ".kb-reviewed",
    ".kb-feedback",
    ".headerlink",
    ".md-source-file",
)
# ISO 15924 scripts written without spaces between words: queries need word segmentation.
_UNSPACED_SCRIPTS = frozenset({"Hani", "Hans", "Hant", "Jpan", "Thai", "Laoo", "Khmr", "Mymr", "Tibt", "Bali", "Java"})
# Words typo correction considers: letters only, long enough that one edit is a typo, not another word.
_WORD = re.compile(r"[^\W\d_]{4,}")
_HAN_OR_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def script(lang: Language) -> str:
    """The ISO 15924 script a language is written in (CLDR's likely subtags)."""
    parts = lang.babel.split("_")
    if len(parts) > 1 and len(parts[1]) == 4:
        return parts[1]
    likely = get_global("likely_subtags").get(parts[0], "")
    return next((p for p in likely.split("_")[1:] if len(p) == 4), "Latn")


def needs_segmentation(lang: Language) -> bool:
    """True for languages written without spaces between words (Chinese, Japanese, Thai ...)."""
    return script(lang) in _UNSPACED_SCRIPTS


def segmenter(lang: Language):
    """For Chinese: a function that writes a text's Han characters one by one, separated by spaces; else None.

    Pagefind indexes Chinese page text as dictionary words (提现, 余额), and
    segments a query with the browser's Intl.Segmenter, whose Chinese
    dictionary differs between browsers: Chromium here splits 提现 into 提 and
    现, and a word is then not found. Titles, keywords and summaries are also
    indexed character by character (in a hidden block), so a query matches
    however the browser segments it.
    """
    if script(lang) not in ("Hans", "Hant", "Hani"):
        return None
    return lambda text: " ".join(_HAN_OR_WORD.findall(text))


def settings(
    lang: Language,
    content: Content,
    english: Collection[tuple[str, str, str]] = frozenset(),
    source: Language | None = None,
    popular: int = 6,
) -> dict:
    """What a language's search box needs to know: `extra.kbgen_search` in its MkDocs config.

    `popular`: the most important articles (by priority), offered when a
    search finds nothing and on the contact page, so no search ends empty.
    A title still in the `source` language (its (kind, id, field) is in
    `english`) carries that language's `lang` and `dir`, as cards do.
    """
    ranked = sorted(content.articles.values(), key=lambda a: (PRIORITY_RANK[a.priority], a.category, a.id))
    return {
        "segment": needs_segmentation(lang),
        "typos": not needs_segmentation(lang),
        "popular": [_popular(a, english, source) for a in ranked[:popular]],
    }


def _popular(article: Article, english: Collection[tuple[str, str, str]], source: Language | None) -> dict:
    entry = {"title": article.title, "path": f"{article.category}/{article.id}/"}
    if source is not None and ("article", article.id, "title") in english:
        entry.update(lang=source.html, dir=source.direction)
    return entry


def index_languages(site_dir: Path, languages: Sequence[Language], outs: dict[str, Path], workers: int) -> None:
    """Pagefind's index of each language (`index_language`), `workers` Pagefind runs at a time.

    Each run is its own process, so threads suffice. The languages whose
    words are segmented start first: they take longest (Japanese about three
    times a Latin-script language, and about 400 MB at 200 articles, against
    40-100 MB for the others), so the last run to finish is a short one.
    """
    ordered = sorted(languages, key=lambda lang: not needs_segmentation(lang))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        # list(): the first failure is raised here, once every run has ended
        list(pool.map(lambda lang: index_language(site_dir, lang.code, outs[lang.code]), ordered))


INDEXED_FILE = ".pagefind-pages.json"  # beside a language's index: the digest of the pages it was made from


def pages_digest(site_dir: Path, lang_code: str) -> str:
    """The digest of what Pagefind reads of a language: its pages, by path and bytes."""
    digest = hashlib.sha256()
    for page in sorted((site_dir / lang_code).rglob("*.html")):
        digest.update(f"{page.relative_to(site_dir).as_posix()}\0".encode())
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()


def index_is_current(site_dir: Path, lang_code: str, out: Path) -> bool:
    """Whether the index in `out` was made from exactly the language's pages now in `site_dir`
    (a language built on another machine brings its index along: `kbgen assemble` reuses it)."""
    return out.is_dir() and bool(read_cache(out.parent / INDEXED_FILE, pages_digest(site_dir, lang_code)))


@cache
def _pagefind() -> tuple[str, ...]:
    """How to run Pagefind: its binary, found once (`python -m pagefind` finds it again on every
    run, 0.1 s each), or the module where the package cannot say."""
    try:
        from pagefind.service import get_executable

        found = get_executable()
    except ImportError:
        found = None
    return (str(found),) if found is not None and found.is_file() else (sys.executable, "-m", "pagefind")


def index_language(site_dir: Path, lang_code: str, out: Path) -> None:
    """Pagefind's index of one language site under `site_dir` into the folder `out`.

    Pagefind indexes each language on its own: a run over one language makes
    byte for byte the files a run over the whole site makes for it (its
    index chunks, fragments, metadata and wasm, and the shared scripts), and
    an entry file naming only it. `join_indexes` puts the languages together,
    so an edit re-indexes only the languages whose pages changed.
    """
    scratch = out.with_name(out.name + ".new")
    shutil.rmtree(scratch, ignore_errors=True)
    command = [
        *_pagefind(),
        "--site",
        str(site_dir),
        "--glob",
        f"{lang_code}/**/*.html",
        "--output-path",
        str(scratch),
        "--quiet",
        "--exclude-selectors",
        ", ".join(EXCLUDED),
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise KbgenError(f"cannot run Pagefind: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise KbgenError(f"search indexing failed (pagefind): {detail[0]}")
    (out.parent / INDEXED_FILE).unlink(missing_ok=True)  # until it names the new index, none
    shutil.rmtree(out, ignore_errors=True)
    scratch.rename(out)
    digest = pages_digest(site_dir, lang_code)
    write_if_changed(out.parent / INDEXED_FILE, json.dumps({"salt": digest}), durable=False)


def join_indexes(indexes: list[Path], bundle: Path) -> None:
    """The search bundle of every language from their own indexes (`index_language`) into `bundle`.

    Files are united (the shared ones are the same in every index) and the
    entry files merged, languages sorted, so the bundle is the one a single
    Pagefind run over every language makes. Only files whose bytes changed
    are written, and files no index holds any more are removed. An index the
    bundle took in whole last time (the same pages digest) is not read
    again: an edit in one language reads that language's index alone.
    """
    joined_file = bundle.with_name(JOINED_FILE)
    joined = read_cache(joined_file).get("indexes")
    joined = joined if isinstance(joined, dict) else {}
    joined_file.unlink(missing_ok=True)  # an interrupted join takes every index in again
    present = set(files_under(bundle))
    stamps = {index.as_posix(): _index_stamp(index) for index in indexes}
    files: dict[str, Path] = {}  # to compare with the bundle's
    held: set[str] = set()  # in the bundle already, from an index it holds
    languages: dict = {}
    entry: dict = {}
    for index in indexes:
        stamp = stamps[index.as_posix()]
        taken = bool(stamp) and joined.get(index.as_posix()) == stamp
        for relative in files_under(index):
            if taken and relative in present:
                held.add(relative)
            else:
                files.setdefault(relative, index / relative)
        entry = json.loads((index / ENTRY_FILE).read_text(encoding="utf-8"))
        languages.update(entry.get("languages", {}))
    entry["languages"] = languages
    for relative, path in files.items():
        if relative != ENTRY_FILE:
            write_if_changed(bundle / relative, path.read_bytes(), durable=False)
    write_if_changed(
        bundle / ENTRY_FILE,
        json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        durable=False,
    )
    remove_others(bundle, set(files) | held)
    write_if_changed(joined_file, json.dumps({"indexes": stamps}, sort_keys=True), durable=False)


JOINED_FILE = ".pagefind-joined.json"  # beside the bundle: the stamp of each index it took in whole


def _index_stamp(index: Path) -> str:
    """The digest of the pages an index was made from ("" when unknown)."""
    salt = read_cache(index.parent / INDEXED_FILE).get("salt")
    return salt if isinstance(salt, str) else ""


ENTRY_FILE = "pagefind-entry.json"


def write_vocabulary(lang: Language, lang_site: Path, cache: Path | None = None, theme: str = "") -> bool:
    """The language's search vocabulary (`search-vocabulary.json`) from its built pages; whether it changed.

    Written into the language's own site before it is published, so it
    travels with the pages it describes (and with a shard built elsewhere).
    `cache`: a file keeping each page's words, so a rebuild reads again only
    the pages whose indexed part changed; `theme`, the digest of the templates
    that lay out what encloses that part.
    """
    words, stop = not needs_segmentation(lang), stop_words(lang)
    data = vocabulary_json(lang_site, words=words, stop=stop, cache=cache, salt=theme)
    return write_if_changed(lang_site / VOCABULARY_FILE, data, durable=False)


def stop_words(lang: Language) -> list[str]:
    """The language's stop words (stopwordsiso's lists): the search box weighs them little, it does not drop them.

    stopwordsiso's Chinese list is in simplified characters; a language written
    in traditional ones gets each word converted too (OpenCC), so 怎麼辦 weighs
    as little as 怎么办.
    """
    import stopwordsiso

    code = lang.code.split("-")[0]
    words = set(stopwordsiso.stopwords(code)) if stopwordsiso.has_lang(code) else set()
    if script(lang) == "Hant":
        import opencc

        to_traditional = opencc.OpenCC("s2tw")
        words |= {to_traditional.convert(word) for word in words}
    return sorted(words)


def vocabulary_json(
    lang_dir: Path, words: bool = True, stop: Sequence[str] = (), cache: Path | None = None, salt: str = ""
) -> bytes:
    """The words of a language's indexed pages with the number of pages holding each, as compact JSON.

    `{"pages": N, "words": {"withdrawal": 12, ...}, "stop": [...]}`: the search box corrects a
    query word that matches nothing to the nearest of these words, and
    weighs query words by rarity. Words are lowercased letters only, four or
    more of them; in scripts without spaces (`words=False`) only the page
    count is written. With `cache`, a page whose indexed part it knows is not
    parsed again: the navigation before that part changes with every title.
    """
    salt = f"{toolchain_digest()} {words} {salt}"
    known = _known_pages(cache, salt)
    seen: dict[str, list[str] | None] = {}
    counts: Counter[str] = Counter()
    pages = 0
    for page in sorted(lang_dir.rglob("index.html")):
        part = _indexed_part(page.read_bytes())
        if part is None:
            continue  # nothing on it is indexed
        key = hashlib.blake2b(part, digest_size=16).hexdigest()
        page_words = known[key] if key in known else _page_words(part.decode("utf-8"), words)
        seen[key] = page_words
        if page_words is not None:
            pages += 1
            counts.update(page_words)
    if cache is not None:
        write_if_changed(cache, json.dumps({"salt": salt, "pages": seen}, ensure_ascii=False), durable=False)
    data = {"pages": pages, "words": dict(sorted(counts.items())), "stop": list(stop)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _indexed_part(raw: bytes) -> bytes | None:
    """A page from the element search indexes on to its end (what its words depend on); None without one.
    What comes before it (the navigation, most of a large help center's page) is not parsed."""
    lowered, at = raw.lower(), -1
    while (at := lowered.find(b"data-pagefind-body", at + 1)) >= 0:
        # The attribute in a start tag, not the words in a title: escaped text has no `<` or `>` in a tag.
        start = lowered.rfind(b"<", 0, at)
        if start > lowered.rfind(b">", 0, at) and lowered[at - 1 : at].isspace():
            return raw[start:]
    return None


def _page_words(html: str, words: bool) -> list[str] | None:
    """The words of a page's indexed text (`html`: the page, or its part from the indexed element on);
    none when `words` is False; None when it is not indexed."""
    text = indexed_text(html)
    if text is None:
        return None
    return sorted(set(_WORD.findall(text.casefold()))) if words else []


def _known_pages(cache: Path | None, salt: str) -> dict[str, list[str] | None]:
    """Page words by page digest, from a cache made with the same settings and kbgen; else nothing."""
    pages = read_cache(cache, salt).get("pages") if cache is not None else None
    return {k: v for k, v in pages.items() if v is None or isinstance(v, list)} if isinstance(pages, dict) else {}


def indexed_text(html: str) -> str | None:
    """The text Pagefind indexes on a page (its `data-pagefind-body`), None if the page is not indexed."""
    parser = _BodyText()
    parser.feed(html)
    return " ".join(parser.parts) if parser.found else None


class _BodyText(HTMLParser):
    """Collects the text inside `data-pagefind-body`, leaving out excluded parts, scripts and styles."""

    _VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.found = False
        self._stack: list[tuple[bool, bool]] = []  # (inside body, skipped) per open element

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._VOID:
            return
        inside, skipped = self._stack[-1] if self._stack else (False, False)
        names = dict(attrs)
        classes = set((names.get("class") or "").split())
        if "data-pagefind-body" in names:
            inside, self.found = True, True
        skipped = (
            skipped
            or tag in ("script", "style", "template")
            or "data-pagefind-ignore" in names
            or any(selector[1:] in classes for selector in EXCLUDED)
        )
        self._stack.append((inside, skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1] == (True, False):
            self.parts.append(data)
