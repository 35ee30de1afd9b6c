"""Search as readers use it: queries typed or pasted into a built site's search box in Chromium.

For each language and each query of a query set (tests/data/search_natural.yaml
format) it drives the search box the site shows (Material's, Pagefind's
default UI or kbgen's) and reports per language:

- hit@1 and hit@3: one of the query's answers among the first one or three
  results. An article answers when its page is the result; a FAQ answers
  when the result links to its question (`faq/#<faq-id>`). `page@3` also
  counts a FAQ page that contains the answer somewhere (the reader has to
  find the question on the page);
- latency: milliseconds from the last input event to the last change of the
  result list, as the reader sees it (debouncing included);
- payload: bytes of search files (engine, UI, index) downloaded by a fresh
  browser from opening the page to the first query's results (gzip-compressed
  size for text, as any web server sends it; Pagefind's index files are
  already compressed). Material loads its whole index when a page opens.

"Typed" sends key events for every character; "pasted" inserts the whole
query as one input event without key events, as a paste or an input method
(IME) does.

    python -m bench.search --site SITE_DIR --queries tests/data/search_natural.yaml --output FILE.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from bench import chromium, serving

SETTLE_MS = 400  # the result list is settled when it has not changed for this long after the last input
TIMEOUT_MS = 8000


@dataclass(frozen=True)
class Driver:
    """Where a search UI lives in a page and how to read its results."""

    name: str
    page: str  # path under the language's site
    open: str | None  # selector to click before the input is usable
    input: str
    results: str  # selector of result links, in ranking order
    shows: str | None = None  # JS (query) => true once the results shown are those of `query`, where the UI says so


DRIVERS = {
    "kbgen": Driver(
        "kbgen",
        "search/",
        None,
        "[data-kb-search] input[type=search]",
        "[data-kb-result] a[data-kb-result-link]",
        "(q) => document.querySelector('.kb-search__results').dataset.kbQuery === q",
    ),
    "pagefind-ui": Driver(
        "pagefind-ui",
        "search/",
        None,
        ".pagefind-ui__search-input",
        ".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title > a",
    ),
    "material": Driver("material", "", None, ".md-search__input", ".md-search-result__item > a"),
}

_WATCH = """(selector) => {
    window.__kb = {lastInput: 0, lastChange: 0, inputs: 0};
    const mark = () => { window.__kb.lastInput = performance.now(); window.__kb.inputs++; };
    document.addEventListener("input", mark, true);
    let previous = "";
    new MutationObserver(() => {
        const now = Array.from(document.querySelectorAll(selector)).map((a) => a.href).join(" ");
        if (now !== previous) { previous = now; window.__kb.lastChange = performance.now(); }
    }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""
_SETTLED = f"""() => window.__kb.inputs > 0 && performance.now() - window.__kb.lastInput > {SETTLE_MS}
    && performance.now() - Math.max(window.__kb.lastChange, window.__kb.lastInput) > {SETTLE_MS}"""


def detect_driver(site: Path, lang: str) -> Driver:
    """The search UI a language's site shows, read from its built search page and home page."""
    search_page = site / lang / "search" / "index.html"
    html = search_page.read_text(encoding="utf-8") if search_page.exists() else ""
    if "data-kb-search" in html and "data-kb-engine" in html:
        return DRIVERS["kbgen"]
    if "data-kb-search" in html:
        return DRIVERS["pagefind-ui"]
    return DRIVERS["material"]


def answer_urls(content_dir: Path, lang: str, answers: list[str], faq_categories: dict[str, str]) -> tuple[set, set]:
    """(exact, page) URL path suffixes that count as a hit for a query's answers."""
    exact, pages = set(), set()
    for slug in answers:
        if slug in faq_categories:
            exact.add(f"/{lang}/{faq_categories[slug]}/faq/#{slug}")
            pages.add(f"/{lang}/{faq_categories[slug]}/faq/")
        else:
            exact.add(f"/{slug}/")
    return exact, pages


def _hit(urls: list[str], exact: set, pages: set) -> tuple[bool, bool, bool]:
    def matches(url: str, also_pages: bool) -> bool:
        parts = urlsplit(url)
        path = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
        return any(path.endswith(e) for e in exact) or (also_pages and parts.path in pages)

    return (
        any(matches(u, False) for u in urls[:1]),
        any(matches(u, False) for u in urls[:3]),
        any(matches(u, True) for u in urls[:3]),
    )


def _transfer_size(response) -> int:
    try:
        body = response.body()
    except Exception:
        return 0
    kind = response.headers.get("content-type", "")
    textual = any(t in kind for t in ("text", "json", "javascript", "xml", "svg"))
    return len(gzip.compress(body, 6)) if textual else len(body)


def _is_search(url: str) -> bool:
    """Search's own files (engine, index, UI), wherever the page loads them: page HTML and theme are not counted."""
    path = urlsplit(url).path
    return (
        "/pagefind/" in path
        or "/search/" in path
        and not path.endswith((".html", "/"))
        or "search" in path.rsplit("/", 1)[-1]
    )


def _query(page, driver: Driver, query: str, mode: str) -> tuple[list[str], float | None]:
    box = page.locator(driver.input)
    box.fill("")
    page.evaluate("() => { window.__kb.inputs = 0; window.__kb.lastChange = 0; }")
    box.click()
    if mode == "typed":
        box.press_sequentially(query)
    else:
        page.keyboard.insert_text(query)
    try:
        if driver.shows:
            page.wait_for_function(driver.shows, arg=query.strip(), timeout=TIMEOUT_MS, polling=20)
        page.wait_for_function(_SETTLED, timeout=TIMEOUT_MS, polling=50)
    except Exception:
        return [], None
    urls = page.eval_on_selector_all(driver.results, "links => links.slice(0, 3).map((a) => a.href)")
    timing = page.evaluate("() => window.__kb.lastChange - window.__kb.lastInput")
    return urls, (timing if urls and timing >= 0 else None)


def measure_language(
    browser, base: str, site: Path, content_dir: Path, lang: str, queries: list[dict], faq_categories: dict[str, str]
) -> dict:
    driver = detect_driver(site, lang)
    result: dict = {"engine": driver.name, "queries": len(queries)}
    for mode in ("typed", "pasted"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sizes: list[int] = []
        page.on(
            "response",
            lambda response, sizes=sizes: sizes.append(_transfer_size(response)) if _is_search(response.url) else None,
        )
        page.goto(f"{base}{lang}/{driver.page}")
        page.evaluate(_WATCH, driver.results)
        if driver.open:
            page.click(driver.open)
        hits1 = hits3 = pages3 = 0
        latencies, misses = [], []
        for number, item in enumerate(queries):
            urls, latency = _query(page, driver, item["query"], mode)
            if number == 0:
                result.setdefault("payload_bytes", sum(sizes))
            exact, pages = answer_urls(content_dir, lang, item["answers"], faq_categories)
            h1, h3, p3 = _hit(urls, exact, pages)
            hits1, hits3, pages3 = hits1 + h1, hits3 + h3, pages3 + p3
            if latency is not None:
                latencies.append(latency)
            if not h3:
                misses.append(
                    {
                        "query": item["query"],
                        "top3": [
                            urlsplit(u).path + ("#" + urlsplit(u).fragment if urlsplit(u).fragment else "")
                            for u in urls
                        ],
                    }
                )
        context.close()
        n = len(queries)
        result[mode] = {
            "hit@1": round(hits1 / n, 3),
            "hit@3": round(hits3 / n, 3),
            "page@3": round(pages3 / n, 3),
            "latency_ms_median": round(statistics.median(latencies)) if latencies else None,
            "latency_ms_max": round(max(latencies)) if latencies else None,
            "misses": misses,
        }
    return result


def normalize_spec(spec: dict) -> dict:
    """Both query-set formats as `{"queries": {lang: [{"query", "answers"}]}}`.

    tests/data/search_queries.yaml names a topic per query and the answers
    per topic (`expect`); tests/data/search_natural.yaml lists them per query.
    """
    if "expect" not in spec:
        return spec
    return {
        "queries": {
            lang: [{"query": query, "answers": spec["expect"][topic]} for topic, query in queries.items()]
            for lang, queries in spec["queries"].items()
        }
    }


def measure(site: Path, content_dir: Path, spec: dict, languages: list[str] | None = None) -> dict:
    """Measure every language of `spec` on the built site `site`."""
    spec = normalize_spec(spec)
    from playwright.sync_api import sync_playwright

    from kbgen.content.loader import load_content

    content, _ = load_content(content_dir)
    faq_categories = {faq.id: faq.category for faq in content.faqs.values()}
    server = serving.start(site)
    base = serving.address(server)
    report: dict = {"languages": {}}
    try:
        with sync_playwright() as playwright:
            browser = chromium.launch(playwright)
            for lang, queries in spec["queries"].items():
                if languages and lang not in languages:
                    continue
                report["languages"][lang] = measure_language(
                    browser, base, site, content_dir, lang, queries, faq_categories
                )
            browser.close()
    finally:
        serving.stop(server)
    report["overall"] = _overall(report["languages"])
    return report


def _overall(languages: dict) -> dict:
    total = sum(r["queries"] for r in languages.values())
    overall = {}
    for mode in ("typed", "pasted"):
        overall[mode] = {
            key: round(sum(r[mode][key] * r["queries"] for r in languages.values()) / total, 3)
            for key in ("hit@1", "hit@3", "page@3")
        }
    return overall


def table(report: dict) -> str:
    """The report as a Markdown table, one row per language."""
    lines = [
        "| language | engine | hit@1 typed | hit@3 typed | hit@1 pasted | hit@3 pasted | latency ms (median/max) | first-query KB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for lang, r in report["languages"].items():
        t, p = r["typed"], r["pasted"]
        lat = f"{t['latency_ms_median']}/{t['latency_ms_max']}" if t["latency_ms_median"] is not None else "-"
        lines.append(
            f"| {lang} | {r['engine']} | {t['hit@1']:.0%} | {t['hit@3']:.0%} | {p['hit@1']:.0%} | "
            f"{p['hit@3']:.0%} | {lat} | {r['payload_bytes'] / 1024:.0f} |"
        )
    o = report["overall"]
    lines.append(
        f"| **all** | | {o['typed']['hit@1']:.0%} | {o['typed']['hit@3']:.0%} | {o['pasted']['hit@1']:.0%} | "
        f"{o['pasted']['hit@3']:.0%} | | |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site (the folder holding en/, de/ ...)")
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--queries", type=Path, default=Path("tests/data/search_natural.yaml"))
    parser.add_argument("--languages", default="", help="comma-separated; default: every language of the set")
    parser.add_argument("--output", type=Path, required=True, help="the report as JSON; a Markdown table beside it")
    args = parser.parse_args(argv)
    spec = yaml.safe_load(args.queries.read_text(encoding="utf-8"))
    report = measure(args.site, args.content, spec, [x for x in args.languages.split(",") if x])
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    args.output.with_suffix(".md").write_text(table(report) + "\n", encoding="utf-8")
    print(table(report))


if __name__ == "__main__":
    main()
