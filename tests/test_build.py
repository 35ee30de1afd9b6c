"""The English help center: pages, navigation, notices, safety, determinism."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import pytest
from conftest import snapshot
from markdown_it import MarkdownIt

from kbgen.config import load_project
from kbgen.content.labels import LABEL_REF
from kbgen.pipeline import valid_content
from kbgen.site.hooks import sanitize
from kbgen.site.safety import neutralize


def _demo(demo_site: Path):
    project = load_project(demo_site)
    content, _ = valid_content(project)
    return project, content


def _text(html: str) -> str:
    """The visible text of some HTML, whitespace collapsed."""
    html = re.sub(r"</?(?:a|abbr|code|strong|em|span)\b[^>]*>", "", html)  # inline: no word break
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace(" .", ".").replace(" ,", ",")


def test_root_page_offers_the_built_languages(demo_site: Path):
    root = (demo_site / "site" / "index.html").read_text()
    assert '<a href="en/" hreflang="en" lang="en" dir="ltr">English</a>' in root
    assert "location.replace" in root


def test_every_article_has_a_page_with_its_title_and_body(demo_site: Path):
    _, content = _demo(demo_site)
    assert len(content.articles) >= 30
    for article in content.articles.values():
        page = demo_site / "site" / "en" / article.category / article.id / "index.html"
        text = _text(page.read_text())
        assert f" {article.title} " in text, article.id
        # App labels (:ui[settings]) show as the app's English text on the English site.
        body = LABEL_REF.sub(lambda m: content.ui_labels[m.group("label")].text["en"], article.body)
        first_words = " ".join(_text(MarkdownIt().render(body)).split()[:12])
        assert first_words in text, article.id


def test_every_category_has_an_index_and_a_faq_page(demo_site: Path):
    _, content = _demo(demo_site)
    assert len(content.categories) >= 7 and len(content.faqs) >= 40
    for category in content.categories.values():
        index = (demo_site / "site" / "en" / category.id / "index.html").read_text()
        faq = (demo_site / "site" / "en" / category.id / "faq" / "index.html").read_text()
        for article in content.articles_in(category.id):
            assert f'href="{article.id}/"' in index
        for item in content.faqs_in(category.id):
            assert f'id="{item.id}"' in faq
            assert item.question.replace('"', "&quot;") in faq or item.question in _text(faq)
        assert '<details class="question"' in faq


def test_article_page_parts(demo_site: Path):
    html = (demo_site / "site" / "en" / "account-access" / "reset-password" / "index.html").read_text()
    assert 'class="kb-summary"' in html
    assert re.search(r"Last reviewed: \w+ \d+, 20\d\d", html)
    # The related article the body does not link yet continues its "Next steps" list: one list, not two.
    body = html[html.index('<article class="md-content__inner') : html.index("</article>")]
    assert body.count('href="../lost-authenticator/"') == 1 and "Related articles" not in body
    assert 'class="admonition kb-contact"' in html
    assert 'href="../../contact/"' in html
    assert 'class="md-path"' in html  # breadcrumbs


def test_home_lists_categories_and_top_articles(demo_site: Path):
    _, content = _demo(demo_site)
    html = (demo_site / "site" / "en" / "index.html").read_text()
    for category in content.categories.values():
        assert f'href="{category.id}/"' in html
    top = [a for a in content.articles.values() if a.priority == "top"]
    assert top and all(f'href="{a.category}/{a.id}/"' in html for a in top)
    assert "data-kb-search" in html


def test_glossary_and_contact_pages(demo_site: Path):
    _, content = _demo(demo_site)
    glossary = (demo_site / "site" / "en" / "glossary" / "index.html").read_text()
    for term in content.glossary.values():
        assert f'id="{term.id}"' in glossary
    contact = (demo_site / "site" / "en" / "contact" / "index.html").read_text()
    for channel in content.contact.channels:
        assert channel.name in contact
    assert 'id="escalation"' in contact


def test_internal_links_resolve(demo_site: Path):
    site = demo_site / "site" / "en"
    for page in site.rglob("index.html"):
        for href in re.findall(r'<a [^>]*href="([^"#:?]+)/(?:#[^"]*)?"', page.read_text()):
            target = (page.parent / href).resolve()
            assert (target / "index.html").is_file() or not str(target).startswith(str(site)), (page, href)


def test_build_is_offline(demo_site: Path):
    for page in (demo_site / "site" / "en").rglob("*.html"):
        html = page.read_text()
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page


def test_every_language_uses_the_projects_settings_and_theme_overrides(demo_site: Path):
    from kbgen.i18n.theme import translations as theme_translations

    project = load_project(demo_site)
    copyright = project.mkdocs["copyright"]
    for lang in [project.source, *project.targets]:
        page = (demo_site / "site" / lang.code / "account-access" / "reset-password" / "index.html").read_text()
        # The site name is a UI string: each language shows its reviewed translation.
        name = theme_translations(project.locales_dir, lang).gettext(project.mkdocs["site_name"])
        assert name == project.mkdocs["site_name"] or lang != project.source
        title = re.search(r"<title>([^<]+)</title>", page)
        assert title and unescape(title.group(1)).endswith(f" - {name}"), lang.code
        assert f"&copy; {copyright}" in page, lang.code  # the project's copyright ...
        assert 'href="https://status.harbor.example.com/"' in page, lang.code  # ... in its own footer (theme/)


@pytest.mark.parametrize("lang", ["en", "ar", "zh-Hans"])
def test_the_written_mkdocs_yml_is_the_configuration_the_build_used(demo_site: Path, lang: str):
    """kbgen hands MkDocs each language's configuration from memory; `mkdocs build -f` on the written
    file (as a reader of .kbgen/ would run it) must get the same configuration."""
    import yaml
    from mkdocs.config import load_config

    from kbgen.site.mkdocs_config import load_settings

    path = demo_site / ".kbgen" / lang / "mkdocs.yml"
    from_file = load_config(config_file=str(path), strict=True)
    used = load_settings(path, yaml.safe_load(path.read_text(encoding="utf-8")))

    assert from_file["nav"] and from_file["nav"] == used["nav"]
    assert dict(from_file.theme.items()) == dict(used.theme.items()) and from_file.theme["language"]
    assert dict(from_file.extra) == dict(used.extra) and dict(from_file.validation) == dict(used.validation)
    assert [p.pattern for p in from_file.not_in_nav.patterns] == [p.pattern for p in used.not_in_nav.patterns]
    plain = {key for key, value in from_file.items() if isinstance(value, (str, int, float, list, dict, type(None)))}
    assert {key: from_file[key] for key in plain} == {key: used[key] for key in plain}
    assert list(from_file.plugins) == list(used.plugins) and list(from_file.hooks) == list(used.hooks)


def test_rebuild_on_unchanged_input_changes_no_byte(mini: Path, kbgen):
    assert kbgen("-C", mini, "build").exit_code == 0
    first = snapshot(mini)
    mtimes = {p: p.stat().st_mtime_ns for p in (mini / "site").rglob("*") if p.is_file()}

    again = kbgen("-C", mini, "-v", "build")

    assert again.exit_code == 0
    assert "en: 8 pages, unchanged" in again.output
    assert snapshot(mini) == first
    assert {p: p.stat().st_mtime_ns for p in (mini / "site").rglob("*") if p.is_file()} == mtimes


def test_clean_rebuild_is_byte_identical(mini: Path, kbgen):
    # With worker processes and without: the same bytes.
    assert kbgen("-C", mini, "build", "--jobs", "2").exit_code == 0
    first = snapshot(mini / "site")
    assert kbgen("-C", mini, "build", "--clean", "-j", "1").exit_code == 0
    assert snapshot(mini / "site") == first
    refused = kbgen("-C", mini, "build", "-j", "0")
    assert refused.exit_code == 2 and "0 is not in the range x>=1" in refused.output


def test_edit_rebuilds_and_removes_deleted_pages(mini: Path, kbgen):
    assert kbgen("-C", mini, "build").exit_code == 0
    faq = mini / "content" / "faqs" / "wallets" / "can-support-restore-my-wallet.yaml"
    faq.unlink()
    article = mini / "content" / "articles" / "wallets" / "back-up-your-wallet.yaml"
    article.write_text(article.read_text().replace("Write down the 12 words", "Write down all 12 words"))

    result = kbgen("-C", mini, "build")

    assert result.exit_code == 0, result.output
    assert "Write down all 12 words" in (mini / "site/en/wallets/back-up-your-wallet/index.html").read_text()
    assert not (mini / ".kbgen/en/docs/wallets/faq.md").exists()
    assert not (mini / "site/en/wallets/faq").exists()


def test_notices_are_built_until_they_end_and_hidden_until_they_start(mini: Path):
    from kbgen.pipeline import build

    project = load_project(mini)
    content, _ = valid_content(project)
    build(project, content, now=datetime(2026, 11, 1, tzinfo=UTC))
    html = (mini / "site/en/index.html").read_text()
    assert (
        'data-kb-notice-start="2026-12-06T01:00:00Z" data-kb-notice-end="2099-12-06T03:00:00Z" '
        'data-kb-notice-rank="2" hidden>'
    ) in html
    assert '<a href="./wallets/what-is-a-wallet/">Details</a>' in html

    build(project, content, now=datetime(2100, 1, 1, tzinfo=UTC))
    assert "kb-notice" not in (mini / "site/en/index.html").read_text().split("</header>")[0].split("md-banner")[-1]


@pytest.mark.parametrize(
    "markdown, shown",
    [
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("Click <img src=x onerror=alert(1)>", "Click &lt;img src=x onerror=alert(1)>"),
        ("[bonus](javascript:alert(1))", "[bonus](#)"),
        ("[bonus]( JavaScript:alert(1) )", "[bonus](#)"),
        ('Paragraph\n{: onclick="alert(1)" }', 'Paragraph\n&#123;: onclick="alert(1)" }'),
        ("Use `<b>` in code", "Use `<b>` in code"),
        ("```\n<b>kept in code</b>\n```", "```\n<b>kept in code</b>\n```"),
        ("See <https://harbor.example.com/fees>", "See <https://harbor.example.com/fees>"),
    ],
)
def test_content_markdown_cannot_carry_markup(markdown: str, shown: str):
    assert neutralize(markdown) == shown


@pytest.mark.parametrize(
    "html, kept",
    [
        ('<p onclick="steal()">Hi</p>', "<p>Hi</p>"),
        ("<script>steal()</script><p>Hi</p>", "<p>Hi</p>"),
        ('<a href="javascript:steal()">x</a>', "<a>x</a>"),
        (
            '<details class="question" open><summary>Q</summary><p>A</p></details>',
            '<details class="question" open=""><summary>Q</summary><p>A</p></details>',
        ),
        (
            '<h2 id="fees">Fees<a class="headerlink" href="#fees" title="Permanent link">&para;</a></h2>',
            '<h2 id="fees">Fees<a class="headerlink" href="#fees" title="Permanent link">¶</a></h2>',
        ),
    ],
)
def test_page_html_is_sanitized(html: str, kept: str):
    assert sanitize(html) == kept


def test_no_script_in_any_page_body(demo_site: Path):
    for page in (demo_site / "site" / "en").rglob("index.html"):
        article = page.read_text().split('<article class="md-content__inner md-typeset">')[-1].split("</article>")[0]
        assert "<script" not in article and "onerror=" not in article and "javascript:" not in article, page


def test_incremental_rebuild_after_an_edit_equals_a_clean_build(mini: Path, kbgen):
    assert kbgen("-C", mini, "build").exit_code == 0
    article = mini / "content" / "articles" / "wallets" / "back-up-your-wallet.yaml"
    article.write_text(article.read_text().replace("only after a test", "only after a small test"))

    incremental = kbgen("-C", mini, "-v", "build")
    after_edit = snapshot(mini / "site")
    assert kbgen("-C", mini, "build", "--clean").exit_code == 0

    assert incremental.exit_code == 0, incremental.output
    assert "only after a small test" in after_edit["en/wallets/back-up-your-wallet/index.html"].decode()
    assert after_edit == snapshot(mini / "site")
