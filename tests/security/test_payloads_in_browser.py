"""No payload runs in a reader's browser, wherever it came from.

One build of the small project (English, German and Chinese) in which every input an
attacker could touch carries every payload of `payloads.PAYLOADS`:

- every plain-text field and site_name: all payloads, with the content
  check bypassed (the model is edited after validation), so this tests the
  output encoding itself, not the check in front of it;
- every Markdown field (article body, FAQ answer, glossary definition,
  notice, escalation step): all payloads, each as its own paragraph, plus
  raw HTML blocks and attribute lists;
- every German content translation and every German UI string (reviewed):
  a payload each, as a compromised translator account would write them.

Chinese is built too, untranslated: it is searched with Material's search
plugin rather than Pagefind, so its pages take the other path through MkDocs.

Every page of both languages, the root page and the dashboard are opened in
headless Chromium with `alert`/`confirm`/`prompt`/`print` replaced by
recorders, dialogs, console messages and requests to /kbxss-beacon watched,
and mouse and focus events fired on every element. Then the DOM is searched
for what would run later: event-handler attributes and script URLs.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import MINI
from payloads import PAYLOADS
from requirements import needs

from bench import serving

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = needs("chromium")

ALL = " ".join(p.text for p in PAYLOADS)
MARKDOWN = (
    "\n\n".join(
        [
            "Intro text.",
            *(p.text for p in PAYLOADS),
            '<div onclick="alert(20)">raw block</div>',
            '## Heading {: onclick="alert(21)" }',
            "`<script>alert(22)</script>` in code",
            "```html\n<script>alert(23)</script>\n```",
            '[Open](https://harbor.example.com/x){: onmouseover="alert(24)" }',
            '<https://harbor.example.com/"onmouseover="alert(25)>',
            "![x](javascript:alert(26))",
        ]
    )
    + "\n"
)
PAGES = [
    "",
    "wallets/",
    "wallets/what-is-a-wallet/",
    "wallets/back-up-your-wallet/",
    "wallets/faq/",
    "glossary/",
    "contact/",
    "search/",
    "404.html",
]
_HOOKS = """
window.__kbxss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function (message) { window.__kbxss.push(name + ":" + message); return null; };
}
"""
_PROVOKE = """() => {
  for (const element of document.querySelectorAll("*")) {
    for (const type of ["mouseover", "mouseenter", "pointerover", "focus", "focusin", "animationstart"]) {
      element.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
}"""
_DORMANT = """() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const value = attribute.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      // Material's own search form does nothing on submit this way; it is the theme's, not input.
      if (element.tagName === "FORM" && attribute.name === "action" && value === "javascript:void(0);") continue;
      if (/^on/i.test(attribute.name)) found.push(element.tagName + " " + attribute.name + "=" + attribute.value);
      else if (/^(href|src|action|formaction|xlink:href|data)$/i.test(attribute.name)
               && /^(javascript|vbscript|data:text|data:application)/.test(value)) {
        found.push(element.tagName + " " + attribute.name + "=" + attribute.value);
      }
    }
    if (element.tagName === "SCRIPT" && /alert\\(|kbxss/.test(element.textContent)
        && element.type !== "application/ld+json") found.push("SCRIPT " + element.textContent.slice(0, 60));
  }
  return found;
}"""


def _hostile(content):
    """The content with every payload in every field (validation bypassed)."""

    def md(record, **fields):
        return record.model_copy(update=fields)

    content.categories = {
        k: md(c, title=f"Wallets {ALL}", description=ALL, owner=ALL) for k, c in content.categories.items()
    }
    content.articles = {
        k: md(a, title=f"{a.title} {ALL}", summary=ALL, tags=[ALL], owner=ALL, body=MARKDOWN)
        for k, a in content.articles.items()
    }
    content.faqs = {k: md(f, question=f"{f.question} {ALL}", answer=MARKDOWN) for k, f in content.faqs.items()}
    # "Intro text" starts every body: each page marks it with a term's hostile definition.
    content.glossary = {
        k: md(t, term=f"{t.term} {ALL}", definition=MARKDOWN, synonyms=["Intro text"])
        for k, t in content.glossary.items()
    }
    content.notices = {k: md(n, text=MARKDOWN.replace("\n\n", " ")) for k, n in content.notices.items()}
    contact = content.contact
    channels = [md(c, name=ALL, description=ALL, hours=ALL, response_time=ALL) for c in contact.channels]
    steps = [md(s, title=ALL, text=MARKDOWN) for s in contact.escalation.steps]
    content.contact = md(
        contact, intro=ALL, channels=channels, escalation=md(contact.escalation, intro=ALL, steps=steps)
    )
    return content


def _translate_everything(path: Path, domain: str) -> None:
    from kbgen.i18n import catalogs

    catalog = catalogs.read(path, "de", "de", domain)
    for number, message in enumerate(m for m in catalog if m.id):
        message.string = f"DE {PAYLOADS[number % len(PAYLOADS)].text}"
        message.flags.discard("fuzzy")
    catalogs.write(path, catalog)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from kbgen.config import load_project
    from kbgen.i18n.workflow import update_catalogs
    from kbgen.pipeline import build, valid_content

    root = tmp_path_factory.mktemp("hostile") / "mini"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("site", ".kbgen"))
    config = root / "mkdocs.yml"
    # German is searched with Pagefind, Chinese with Material's search plugin: both page pipelines.
    config.write_text(re.sub(r"languages: \[[^\]]*\]", "languages: [de, zh-Hans]", config.read_text()))
    server = serving.start(root / "site")  # served from before the build: the site's URL is in its pages
    url = serving.address(server)
    project = load_project(root).with_site_url(url)
    content, _ = valid_content(project)
    content = _hostile(content)
    update_catalogs(project, content)
    for domain in ("content", "theme"):
        _translate_everything(root / "locales" / "de" / "LC_MESSAGES" / f"{domain}.po", domain)
    lines = config.read_text().splitlines()
    config.write_text("\n".join([f"site_name: {json.dumps('Help ' + ALL)}", *lines[1:]]) + "\n")
    project = dataclasses.replace(project, mkdocs={**project.mkdocs, "site_name": f"Help {ALL}"})
    build(project, content)
    yield url
    serving.stop(server)


def test_no_payload_runs_on_any_page(hostile_site: str, browser):
    urls = [f"{hostile_site}{lang}/{page}" for lang in ("en", "de", "zh-Hans") for page in PAGES]
    urls += [f"{hostile_site}?choose", f"{hostile_site}dashboard/"]
    executed, dormant, beacons, opened = [], [], [], 0
    context = browser.new_context()
    context.add_init_script(_HOOKS)
    page = context.new_page()
    page.on("dialog", lambda dialog: (executed.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda message: executed.append(f"console {message.text}") if "kbxss" in message.text else None)
    page.on("request", lambda request: beacons.append(request.url) if "kbxss" in request.url else None)
    for url in urls:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status in (200, 404), url
        if url.endswith("/") and "dashboard" not in url:  # a language page: its body is HTML, not text
            assert page.locator("article h1").count() == 1, f"{url}: the page body is not HTML"
        page.evaluate(_PROVOKE)
        # Handlers the events set off run before the next frame: wait for it, not for a fixed time.
        page.evaluate("new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))")
        executed += [f"{url}: {call}" for call in page.evaluate("window.__kbxss || []")]
        dormant += [f"{url}: {found}" for found in page.evaluate(_DORMANT)]
        opened += 1
    context.close()
    print(
        f"{len(PAYLOADS)} payloads on {opened} pages: {len(executed)} executed, {len(beacons)} beacons, "
        f"{len(dormant)} dormant handlers or script URLs"
    )
    assert opened == len(urls)
    assert executed == []
    assert beacons == []
    assert dormant == [], dormant


def test_payloads_are_shown_as_text(hostile_site: str, browser):
    """Escaped, not stripped: the reader sees exactly what the writer wrote."""
    page = browser.new_page()
    page.goto(f"{hostile_site}en/wallets/what-is-a-wallet/")
    title = page.title()
    heading = page.inner_text("article h1").removesuffix("¶")
    description = page.get_attribute('meta[name="description"]', "content")
    page.close()
    assert title.startswith(f"What is a wallet? {ALL} - Help ")
    assert heading == f"What is a wallet? {ALL}"
    assert description == ALL


def test_structured_data_and_sharing_tags_keep_hostile_titles_as_text(hostile_site: str):
    """JSON-LD cannot be closed by a title (`</script>`, `<!--`, U+2028): `<`, `>`, `&` are \\u escapes;
    it loads as JSON and says exactly what the title says. Sharing tags keep it as an attribute value."""
    from urllib.request import urlopen

    from lxml import html as lxml_html

    with urlopen(f"{hostile_site}en/wallets/what-is-a-wallet/") as response:
        raw = response.read().decode("utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
    assert len(scripts) == 2  # Article and BreadcrumbList
    for text in scripts:
        assert not re.search(r"[<>&\u2028\u2029]", text), text[:200]
    article = json.loads(scripts[0])
    assert article["headline"].startswith("What is a wallet? <script>alert(1)</script>")
    assert "\u2028" in article["headline"] and "</script><script>alert(13)</script>" in article["headline"]
    tree = lxml_html.fromstring(raw)
    (title,) = [m.get("content") for m in tree.iter("meta") if m.get("property") == "og:title"]
    assert title == article["headline"]
    (abbr,) = [a for a in tree.iter("abbr") if a.get("class") == "kb-term"]
    assert "<script>alert(1)</script>" in abbr.get("title") and abbr.text == "Intro text"
