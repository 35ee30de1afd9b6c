"""Rebuilds are incremental, and complete: every input that changes output invalidates the cache."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import MINI, snapshot

from kbgen import toolchain
from kbgen.config import load_project
from kbgen.errors import ContentError
from kbgen.pipeline import build, valid_content
from kbgen.site.pages import Page, PageRenderer


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory) -> Path:
    """The small project built once; each test starts from a copy of it."""
    root = tmp_path_factory.mktemp("built") / "mini"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("site", ".kbgen"))
    _build(root)
    return root


@pytest.fixture
def built(built_mini: Path, tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(built_mini, root, symlinks=True)
    return root


def _build(root: Path):
    project = load_project(root)
    content, _ = valid_content(project)
    return {r.lang.code: r for r in build(project, content, jobs=1)}


def _pages(root: Path) -> list[Path]:
    return sorted((root / "site").glob("*/**/index.html"))


def test_an_unchanged_rebuild_renders_nothing(built: Path):
    again = _build(built)
    assert not any(r.rendered or r.rebuilt for r in again.values())


def test_editing_site_name_changes_every_page(built: Path):
    config = built / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: Mini Help Center", "site_name: Renamed Center"))
    results = _build(built)
    assert all(r.rebuilt and not r.dirty for r in results.values())
    stale = [p for p in _pages(built) if "Mini Help Center" in p.read_text(encoding="utf-8")]
    assert not stale, f"{len(stale)} pages still name the old site: {stale[:3]}"
    assert all("Renamed Center" in p.read_text(encoding="utf-8") for p in _pages(built))


def test_an_environment_variable_mkdocs_yml_reads_is_an_input(built: Path, monkeypatch):
    """`copyright: !ENV [HELP_COPYRIGHT, ...]`: MkDocs puts the variable's value in every page's footer."""
    monkeypatch.delenv("HELP_COPYRIGHT", raising=False)
    config = built / "mkdocs.yml"
    config.write_text(config.read_text() + 'copyright: !ENV [HELP_COPYRIGHT, "Mini Exchange"]\n')
    _build(built)
    pages = [page for page in _pages(built) if "dashboard" not in page.parts]  # kbgen's own page, no footer
    assert all("Mini Exchange" in page.read_text(encoding="utf-8") for page in pages)

    monkeypatch.setenv("HELP_COPYRIGHT", "Mini Exchange Europe")
    results = _build(built)

    assert all(r.rebuilt and not r.dirty for r in results.values())
    assert all("Mini Exchange Europe" in page.read_text(encoding="utf-8") for page in pages)


def test_a_file_mkdocs_yml_inherits_is_an_input(built: Path):
    config = built / "mkdocs.yml"
    config.write_text("INHERIT: shared.yml\n" + config.read_text())
    (built / "shared.yml").write_text("copyright: Mini Exchange\n")
    _build(built)

    (built / "shared.yml").write_text("copyright: Mini Exchange Europe\n")
    results = _build(built)

    assert all(r.rebuilt and not r.dirty for r in results.values())
    pages = [page for page in _pages(built) if "dashboard" not in page.parts]  # kbgen's own page, no footer
    assert all("Mini Exchange Europe" in page.read_text(encoding="utf-8") for page in pages)


def _build_with_a_new_toolchain(root: Path):
    """Build again, the toolchain digest computed afresh (it is cached for a process)."""
    toolchain.toolchain_digest.cache_clear()
    try:
        return _build(root)
    finally:
        toolchain.toolchain_digest.cache_clear()


def test_a_new_library_version_rebuilds_everything(built: Path, monkeypatch):
    real_version = toolchain.metadata.version
    monkeypatch.setattr(
        toolchain.metadata, "version", lambda name: "99.0" if name == "mkdocs-material" else real_version(name)
    )
    results = _build_with_a_new_toolchain(built)
    assert all(r.rendered and r.rebuilt and not r.dirty for r in results.values())


def test_a_change_to_kbgen_itself_rebuilds_everything(built: Path, monkeypatch, tmp_path: Path):
    fake_package = tmp_path / "kbgen"
    fake_package.mkdir()
    (fake_package / "extra.py").write_text("CHANGED = True\n")
    monkeypatch.setattr(toolchain, "KBGEN_DIR", fake_package)
    results = _build_with_a_new_toolchain(built)
    assert all(r.rendered and r.rebuilt and not r.dirty for r in results.values())


def _rendered(monkeypatch) -> list[tuple[str, str]]:
    """(language, page path) of every page kbgen renders from now on."""
    seen: list[tuple[str, str]] = []
    original = PageRenderer.render

    def render(self: PageRenderer, template: str, here: str, **context) -> Page:
        seen.append((self.lang.code, here))
        return original(self, template, here, **context)

    monkeypatch.setattr(PageRenderer, "render", render)
    return seen


def test_a_text_edit_is_a_dirty_build_of_the_changed_pages(built: Path, monkeypatch):
    article = built / "content/articles/wallets/back-up-your-wallet.yaml"
    article.write_text(article.read_text().replace("body: |\n", "body: |\n  A new first paragraph.\n\n", 1))
    navigation_pages = [p for p in (built / ".kbgen").glob("*/site/*") if p.name in ("404.html", "sitemap.xml")]
    assert navigation_pages
    made = {p: p.stat().st_mtime_ns for p in navigation_pages}
    rendered = _rendered(monkeypatch)
    results = _build(built)
    assert results["en"].rebuilt and results["en"].dirty
    # Only the article's own page reads its body: the other pages' Markdown is kept, in every language.
    assert sorted(rendered) == sorted((code, "wallets/back-up-your-wallet.md") for code in results)
    # The navigation did not change: 404 pages and sitemaps are not rendered again.
    assert {p: p.stat().st_mtime_ns for p in navigation_pages} == made
    assert any("A new first paragraph." in p.read_text(encoding="utf-8") for p in _pages(built))
    clean = built.parent / "clean"
    shutil.copytree(built, clean, ignore=shutil.ignore_patterns("site", ".kbgen"))
    _build(clean)
    assert snapshot(clean / "site") == snapshot(built / "site")  # byte for byte what a clean build makes


def test_pages_are_rendered_again_when_what_they_read_changed_or_their_markdown_is_not_what_was_written(
    built: Path, monkeypatch
):
    kept = built / ".kbgen/de/docs/wallets/what-is-a-wallet.md"
    kept.write_text(kept.read_text(encoding="utf-8") + "Written by hand.\n", encoding="utf-8")
    article = built / "content/articles/wallets/back-up-your-wallet.yaml"
    article.write_text(article.read_text().replace("body: |\n", "body: |\n  A new first paragraph.\n\n", 1))
    rendered = _rendered(monkeypatch)
    _build(built)
    assert ("de", "wallets/what-is-a-wallet.md") in rendered and ("en", "wallets/what-is-a-wallet.md") not in rendered
    assert "Written by hand." not in kept.read_text(encoding="utf-8")

    # A title is on other pages (lists, related articles; here both articles name each other): all rendered again.
    article.write_text(article.read_text().replace("title: ", "title: Now ", 1))
    rendered.clear()
    results = _build(built)
    pages = {path.relative_to(built / ".kbgen/en/docs").as_posix() for path in (built / ".kbgen/en/docs").rglob("*.md")}
    assert sorted(rendered) == sorted((code, page) for code in results for page in pages)


def test_an_edit_in_one_language_indexes_only_that_language_for_search(built: Path, monkeypatch):
    from kbgen.site import search

    po = built / "locales/de/LC_MESSAGES/theme.po"
    po.write_text(
        re.sub(r'^msgstr "(.+)"$', r'msgstr "\1 (neu)"', po.read_text(encoding="utf-8"), count=1, flags=re.M),
        encoding="utf-8",
    )
    indexed = []
    real_index = search.index_language
    monkeypatch.setattr(
        search, "index_language", lambda site, code, out: indexed.append(code) or real_index(site, code, out)
    )
    results = _build(built)
    assert [code for code, r in results.items() if r.rebuilt] == ["de"] and indexed == ["de"]
    clean = built.parent / "clean"
    shutil.copytree(built, clean, ignore=shutil.ignore_patterns("site", ".kbgen"))
    _build(clean)
    assert snapshot(clean / "site") == snapshot(built / "site")  # the search bundle of one Pagefind run included


def test_a_title_edit_renders_404_pages_and_sitemaps_again(built: Path):
    article = next((built / "content/articles").rglob("*.yaml"))
    article.write_text(re.sub(r"^title: (.*)$", r"title: \1 renamed", article.read_text(), count=1, flags=re.M))
    results = _build(built)
    assert all(r.rebuilt for r in results.values())
    assert all("renamed" in p.read_text(encoding="utf-8") for p in (built / "site").glob("*/404.html"))
    # Without Material's pruned navigation every page shows the whole navigation: every page is rendered again.
    assert all("renamed" in p.read_text(encoding="utf-8") for p in _pages(built))


def test_an_interrupted_build_is_not_taken_for_a_finished_one(built: Path, monkeypatch):
    article = next((built / "content/articles").rglob("*.yaml"))
    article.write_text(article.read_text().replace("body: |\n", "body: |\n  Fresh text.\n\n", 1))

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("kbgen.site.build.run_mkdocs", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _build(built)
    monkeypatch.undo()
    results = _build(built)
    assert results["en"].rebuilt
    assert any("Fresh text." in p.read_text(encoding="utf-8") for p in _pages(built))


def test_cached_catalog_entries_follow_the_catalog_and_the_source(mini: Path, kbgen):

    from kbgen.i18n.entries import language_entries
    from kbgen.i18n.workflow import source_units
    from kbgen.languages import language

    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    project = load_project(mini)
    content, _ = valid_content(project)
    units = source_units(content)
    german = language("de")
    first = language_entries(project, german, units)
    assert all(entry.status == "missing" for entry in first.values())
    assert language_entries(project, german, units) == first  # read back from the cache

    title = _translate_a_title(mini / "locales/de/LC_MESSAGES/content.po", "Übersetzt")
    after_translation = language_entries(project, german, units)
    assert after_translation[title].translation == "Übersetzt"

    changed = tuple(u for u in units if u.context != title)
    assert title not in language_entries(project, german, changed)


def _translate_a_title(po: Path, text: str) -> str:
    """Give the catalog's first title the translation `text`; its context."""
    from babel.messages.pofile import read_po, write_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    title = next(m for m in catalog if m.context and m.context.endswith(":title"))
    title.string = text
    with po.open("wb") as handle:
        write_po(handle, catalog)
    return title.context


def test_cached_qa_results_follow_each_entry_and_match_a_fresh_check(mini: Path, kbgen, monkeypatch):
    from babel.messages.pofile import read_po, write_po

    from kbgen.content.scamcheck import declared_contacts
    from kbgen.i18n import qamemo
    from kbgen.i18n.entries import entries_of, language_entries
    from kbgen.i18n.workflow import merged_catalog, source_units
    from kbgen.languages import language

    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    project = load_project(mini)
    content, _ = valid_content(project)
    units, german = source_units(content), language("de")
    keep, contacts = tuple(content.keep_terms()), declared_contacts(content, project.external_domains)
    po = mini / "locales/de/LC_MESSAGES/content.po"

    def translate(text_of) -> None:
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if message.id and message.context:
                message.string = text_of(message)
        with po.open("wb") as handle:
            write_po(handle, catalog)

    def fresh(current_units):
        return entries_of(merged_catalog(project, german, current_units), "de", keep, contacts)

    translate(lambda m: m.id)  # every entry translated, none failing
    first = language_entries(project, german, units, keep, contacts)
    assert first == fresh(units) and not any(e.critical for e in first.values())
    # One translation now adds a script: its cached result (nothing failed) must not be reused.
    edited = next(u for u in units if u.context.endswith(":title")).context
    translate(lambda m: m.id + (" <script>alert(1)</script>" if m.context == edited else ""))
    checked = []
    real_check = qamemo.run_checks
    monkeypatch.setattr(qamemo, "run_checks", lambda unit, names: checked.append(unit) or real_check(unit, names))
    after = language_entries(project, german, units, keep, contacts)
    assert [unit.context for unit in checked] == [edited]  # the other entries' results came from the cache
    monkeypatch.undo()
    assert after[edited].critical and after == fresh(units)
    # A source edit: the entry is outdated and checked against the source it was translated from.
    changed = tuple(
        u if u.context != edited else type(u)(u.context, u.source + " Now longer.", u.location, u.note) for u in units
    )
    assert language_entries(project, german, changed, keep, contacts) == fresh(changed)


def test_cached_conversions_give_the_same_site_and_follow_the_markdown_settings(built: Path):
    pages = {p: p.read_bytes() for p in _pages(built)}
    cache = built / ".kbgen/render-cache"
    assert list(cache.glob("*/*.json")), "conversions are cached"
    config = built / "mkdocs.yml"
    original = config.read_text()
    config.write_text(original.replace("site_name: Mini Help Center", "site_name: Mini Help Centre"))
    _build(built)  # every page again, its Markdown from the cache
    config.write_text(original)
    _build(built)
    assert {p: p.read_bytes() for p in _pages(built)} == pages

    config.write_text(original.replace("      permalink: true", "      permalink: false"))
    _build(built)  # the Markdown settings are part of the key: no stale conversion
    assert not any('class="headerlink"' in p.read_text(encoding="utf-8") for p in _pages(built))


def test_catalogs_that_passed_the_strict_check_are_not_checked_again(built: Path, kbgen, monkeypatch):
    from kbgen.i18n import postrict

    for name in ("_RESULTS", "_CLEAN", "_CLEAN_SEEN"):  # as a new process starts: nothing known but the file
        monkeypatch.setattr(postrict, name, type(getattr(postrict, name))())
    checked = []
    real_check = postrict.check_po
    monkeypatch.setattr(postrict, "check_po", lambda data, shown: checked.append(shown) or real_check(data, shown))
    po = built / "locales/de/LC_MESSAGES/theme.po"
    original = po.read_text(encoding="utf-8")
    po.write_text(original + "\n", encoding="utf-8")
    _build(built)
    assert checked == ["locales/de/LC_MESSAGES/theme.po"]  # the others passed in the last build
    checked.clear()
    _build(built)
    assert checked == []
    for command in (("check",), ("i18n", "qa"), ("i18n", "update")):  # they read what the build found, too
        for name in ("_RESULTS", "_CLEAN", "_CLEAN_SEEN"):
            monkeypatch.setattr(postrict, name, type(getattr(postrict, name))())
        kbgen("-C", built, *command)
        assert checked == [], command
    _build(built)  # the catalogs as `i18n update` wrote them are checked once, by this build
    checked.clear()
    for name in ("_RESULTS", "_CLEAN", "_CLEAN_SEEN"):
        monkeypatch.setattr(postrict, name, type(getattr(postrict, name))())
    po.write_text(original + '\nmsgctxt "broken"\nmsgid "unterminated\n', encoding="utf-8")
    with pytest.raises(ContentError, match="theme.po"):
        _build(built)
    assert checked == ["locales/de/LC_MESSAGES/theme.po"]


def test_a_source_edit_merges_only_the_edited_records_and_matches_a_whole_merge(mini: Path, kbgen, monkeypatch):
    from babel.messages.pofile import read_po, write_po

    from kbgen.i18n import catalogs
    from kbgen.i18n.entries import entries_of, language_entries
    from kbgen.i18n.workflow import merged_catalog, source_units
    from kbgen.languages import language

    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    po = mini / "locales/de/LC_MESSAGES/content.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and message.context:
            message.string = f"DE {message.id}"
    with po.open("wb") as handle:
        write_po(handle, catalog)
    project, german = load_project(mini), language("de")

    def entries_now() -> tuple[dict, dict]:
        content, _ = valid_content(project)
        units = source_units(content)
        return language_entries(project, german, units), entries_of(merged_catalog(project, german, units), "de")

    cached, fresh = entries_now()
    assert cached == fresh and all(e.status == "reviewed" for e in cached.values())
    article = mini / "content/articles/wallets/back-up-your-wallet.yaml"
    article.write_text(article.read_text().replace("Write down the 12 words in order.", "Write the 12 words down."))
    from kbgen.i18n import entries as entries_module
    from kbgen.i18n import qamemo

    merged, parsed = [], []
    real_merge, real_load = catalogs.merge, entries_module.load_catalog
    monkeypatch.setattr(
        catalogs, "merge", lambda old, units, *a, **k: merged.append(units) or real_merge(old, units, *a, **k)
    )
    monkeypatch.setattr(entries_module, "load_catalog", lambda *a: parsed.append(a) or real_load(*a))
    cached = entries_now()[0]
    monkeypatch.setattr(entries_module, "load_catalog", real_load)
    assert cached == entries_now()[1]  # the edited paragraph found its old translation (outdated), as in a whole merge
    assert [e.status for c, e in cached.items() if e.source.startswith("Write the 12")] == ["outdated"]
    assert {u.context.split(":")[:3] == ["article", "back-up-your-wallet", "body"] for u in merged[0]} == {True}
    assert parsed == []  # the record's entries and the memory came from the copy kept beside the entries

    (project.build_dir / "de" / entries_module.ENTRIES_CACHE).unlink()  # a whole merge: every QA result known
    checked = []
    real_check = qamemo.run_checks
    monkeypatch.setattr(qamemo, "run_checks", lambda unit, names: checked.append(unit) or real_check(unit, names))
    units = source_units(valid_content(project)[0])
    assert language_entries(project, german, units) == cached and checked == []
    monkeypatch.setattr(qamemo, "run_checks", real_check)
    article.write_text(
        article.read_text().replace(
            "body: |\n", "body: |\n  Visit https://harbor.example.com/settings for details.\n\n"
        )
    )
    cached, fresh = entries_now()  # a new paragraph, its translation from memory (the same sentence below)
    assert cached == fresh and len([e for e in cached.values() if e.source.startswith("Visit https")]) == 2


def test_a_cached_conversion_is_used_only_while_its_link_targets_are_found_alike(tmp_path: Path, monkeypatch):
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from kbgen.site import render_cache

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSee [the guide](guide.md).\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Links\n")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    render_cache.install(tmp_path / "cache", config)
    conversions = []
    real_render = render_cache._state["original"]
    monkeypatch.setitem(render_cache._state, "original", lambda *a: conversions.append(a) or real_render(*a))

    def converted(guide_dest: str, *more: str) -> str:
        docs = str(tmp_path / "docs")
        home = File("index.md", docs, str(tmp_path / "site"), True)
        others = [File(name, docs, "", True) for name in more]
        page = Page(None, home, config)
        page.read_source(config)
        page.render(config, Files([home, File("guide.md", docs, "", True, dest_uri=guide_dest), *others]))
        return page.content or ""

    assert 'href="guide/"' in converted("guide/index.html")
    entry = next((tmp_path / "cache").glob("*/*.json"))
    assert json.loads(entry.read_text())["lookups"] == {"guide.md": ["guide/", False]}
    assert 'href="guide/"' in converted("guide/index.html", "new.md") and len(conversions) == 1  # a new page: cached
    assert 'href="moved/guide/"' in converted("moved/guide/index.html") and len(conversions) == 2  # the target moved


def test_a_new_article_converts_only_the_pages_whose_markdown_changed(built: Path, monkeypatch):
    from kbgen.site import render_cache

    source = built / "content/articles/wallets/what-is-a-wallet.yaml"
    new = source.with_name("a-new-article.yaml")
    new.write_text(source.read_text().replace("id: what-is-a-wallet", "id: a-new-article", 1))
    conversions = []
    real_render = render_cache._state["original"]
    monkeypatch.setitem(
        render_cache._state, "original", lambda page, *a: conversions.append(page) or real_render(page, *a)
    )
    before = snapshot(built / ".kbgen")
    results = _build(built)
    assert all(r.rebuilt for r in results.values())  # the navigation changed
    after = snapshot(built / ".kbgen")
    changed = {path for path, data in after.items() if path.endswith(".md") and before.get(path) != data}
    converted = {Path(page.file.abs_src_path).relative_to(built / ".kbgen").as_posix() for page in conversions}
    assert converted == changed and len(changed) < sum(r.pages for r in results.values()) / 2
    assert all(p.read_text(encoding="utf-8").count("a-new-article") for p in (built / "site").glob("*/index.html"))
    monkeypatch.undo()
    clean = built.parent / "clean"
    shutil.copytree(built, clean, ignore=shutil.ignore_patterns("site", ".kbgen"))
    _build(clean)
    assert snapshot(clean / "site") == snapshot(built / "site")


def test_cached_conversions_are_keyed_alike_in_every_process():
    import subprocess
    import sys

    script = (
        "import material.extensions.emoji as emoji\n"
        "from kbgen.site.render_cache import settings_key\n"
        "print(settings_key({'markdown_extensions': ['toc', 'pymdownx.emoji'], 'mdx_configs': "
        "{'pymdownx.emoji': {'emoji_index': emoji.twemoji, 'emoji_generator': emoji.to_svg}}}))\n"
    )
    keys = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout for _ in "ab"
    }
    assert len(keys) == 1 and "material.extensions.emoji.twemoji" in keys.pop()  # named, not a memory address


def test_language_workers_read_their_entries_from_the_cache_and_no_error_reads_as_english(built: Path, monkeypatch):
    import pickle

    from kbgen.i18n import entries as entries_module
    from kbgen.pipeline import catalog_entries, translation_entries

    project = load_project(built)
    content, _ = valid_content(project)
    whole = translation_entries(project, content, project.targets, jobs=1)
    lazy = pickle.loads(pickle.dumps(catalog_entries(project, content, project.targets, jobs=2)))  # as a worker gets it
    read = []
    real = entries_module.language_entries
    monkeypatch.setattr(
        entries_module, "language_entries", lambda p, lang, *a: read.append(lang.code) or real(p, lang, *a)
    )
    assert "de" in lazy and "en" not in lazy and lazy.get("en") is None and read == []
    assert lazy.get("de") == whole["de"] and read == ["de"]  # one language read, as its worker reads it
    assert dict(lazy) == whole

    def broken(*_args):
        raise KeyError("article:x:title")

    monkeypatch.setattr(entries_module, "language_entries", broken)
    with pytest.raises(KeyError):  # a fault while making the entries is not "no translation: English"
        lazy.get("de")


def test_preparing_current_entries_reads_none_and_a_changed_catalog_is_made_again(mini: Path, kbgen, monkeypatch):

    from kbgen.i18n import entries as entries_module
    from kbgen.pipeline import catalog_entries

    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    project = load_project(mini)
    content, _ = valid_content(project)
    made = []
    real = entries_module.language_entries
    monkeypatch.setattr(
        entries_module, "language_entries", lambda p, lang, *a: made.append(lang.code) or real(p, lang, *a)
    )
    entries = catalog_entries(project, content, project.targets, jobs=1)
    for code in entries:
        entries.prepare(code)
    assert sorted(made) == ["ar", "de", "es"]
    made.clear()
    for code in entries:
        entries.prepare(code)
    assert made == []  # every language's entries are current: not even read

    title = _translate_a_title(mini / "locales/de/LC_MESSAGES/content.po", "Neu übersetzt")
    for code in entries:
        entries.prepare(code)
    assert made == ["de"]
    assert entries["de"][title].translation == "Neu übersetzt"


def test_entry_states_come_from_their_small_file_and_follow_the_catalog(mini: Path, kbgen, monkeypatch):
    from kbgen.i18n import entries as entries_module
    from kbgen.i18n.entries import EntryStates
    from kbgen.pipeline import catalog_entries

    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    title = _translate_a_title(mini / "locales/de/LC_MESSAGES/content.po", "Brieftaschen")
    categories = mini / "content/categories.yaml"
    categories.write_text(categories.read_text().replace("title: Wallets", "title: Wallets and keys", 1))
    project = load_project(mini)
    content, _ = valid_content(project)
    entries = catalog_entries(project, content, project.targets, jobs=1)
    whole = {code: EntryStates.of(entries[code]) for code in entries}
    assert whole["de"].status[title] == "outdated" and whole["de"].previous == {title: "Wallets"}
    made = []
    real = entries_module.language_entries
    monkeypatch.setattr(
        entries_module, "language_entries", lambda p, lang, *a: made.append(lang.code) or real(p, lang, *a)
    )
    assert {code: entries.states(code) for code in entries} == whole
    assert made == []  # the entries themselves are not read

    _translate_a_title(mini / "locales/de/LC_MESSAGES/content.po", "")  # the translator empties it
    states = entries.states("de")
    assert made == ["de"] and states == EntryStates.of(entries["de"])
    assert states.status[title] == "missing" and not states.previous
    (mini / ".kbgen/es" / entries_module.STATES_CACHE).write_text("{not json")
    assert entries.states("es") == whole["es"]  # a damaged file: the entries are read instead


def test_conversions_are_pruned_at_most_once_a_day(tmp_path: Path):
    from kbgen.site import render_cache

    old = tmp_path / "ab" / "old.json"
    old.parent.mkdir()
    old.write_text("{}")
    day = 86400
    first = old.stat().st_mtime + (render_cache.MAX_AGE_DAYS - 0.25) * day
    assert render_cache.prune(tmp_path, first) == 0  # not old enough yet
    assert render_cache.prune(tmp_path, first + 0.5 * day) == 0 and old.exists()  # old now, but pruned today
    assert render_cache.prune(tmp_path, first + 1.5 * day) == 1 and not old.exists()


PRUNED_FEATURES = "  features: [navigation.indexes, navigation.path, navigation.prune, navigation.footer]\n"
FEES = """  - id: fees
    title: Fees
    description: What deposits and withdrawals cost.
    order: 2
    review_interval_days: 3650
    owner: Fees team
"""


def _fee_article(article_id: str, title: str) -> str:
    return (
        f"id: {article_id}\ntitle: {title}\nsummary: What the network fee pays for.\ncategory: fees\n"
        "last_reviewed: 2026-10-01\nreview_interval_days: 3650\nowner: Fees team\n"
        "body: |\n  The network fee goes to the miners, not to us.\n"
    )


@pytest.fixture(scope="module")
def built_pruned_mini(tmp_path_factory) -> Path:
    """The small project with two categories and Material's pruned navigation, built once."""
    root = tmp_path_factory.mktemp("pruned") / "mini"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("site", ".kbgen"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n" + PRUNED_FEATURES))
    categories = root / "content/categories.yaml"
    categories.write_text(categories.read_text() + FEES)
    (root / "content/articles/fees").mkdir()
    for article_id, title in (("network-fees", "Network fees"), ("withdrawal-fees", "Withdrawal fees")):
        (root / "content/articles/fees" / f"{article_id}.yaml").write_text(_fee_article(article_id, title))
    _build(root)
    return root


def _html_times(root: Path) -> dict[str, int]:
    return {
        p.relative_to(root / ".kbgen").as_posix(): p.stat().st_mtime_ns
        for p in (root / ".kbgen").glob("*/site/**/*.html")
    }


def _wallet_title(root: Path) -> None:
    article = root / "content/articles/wallets/back-up-your-wallet.yaml"
    article.write_text(article.read_text().replace("title: Back up your wallet", "title: Back up a wallet"))


def _new_wallet_article(root: Path) -> None:
    source = root / "content/articles/wallets/back-up-your-wallet.yaml"
    new = source.with_name("a-new-wallet-article.yaml")
    new.write_text(source.read_text().replace("id: back-up-your-wallet", "id: a-new-wallet-article", 1))
    new.write_text(new.read_text().replace("title: Back up your wallet", "title: A new wallet article"))


@pytest.mark.parametrize("edit", [_wallet_title, _new_wallet_article], ids=["title", "new article"])
def test_a_navigation_change_renders_only_the_pages_that_show_it(
    built_pruned_mini: Path, tmp_path: Path, monkeypatch, edit
):
    """With a pruned navigation, a change in one category re-renders that category's pages and its neighbours."""
    root = tmp_path / "mini"
    shutil.copytree(built_pruned_mini, root, symlinks=True)
    before = _html_times(root)
    edit(root)
    rendered = _rendered(monkeypatch)

    results = _build(root)

    # kbgen renders the lists again and the articles naming the one that changed, not the others.
    fee_articles = {"fees/network-fees.md", "fees/withdrawal-fees.md"}
    assert {code for code, _ in rendered} == set(results) and not fee_articles & {page for _, page in rendered}
    assert ("de", "fees/index.md") in rendered

    assert all(r.rebuilt and r.dirty for r in results.values())
    again = {page for page, made in _html_times(root).items() if before.get(page) != made}
    # The other category's pages show the wallets as one link, and the wallets' FAQ page stays next to them.
    assert [page for page in again if "/fees/" in page] == []
    assert all(f"{code}/site/wallets/back-up-your-wallet/index.html" in again for code in results)
    assert all(f"{code}/site/404.html" in again for code in results)
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("site", ".kbgen"))
    _build(clean)
    assert snapshot(clean / "site") == snapshot(root / "site")  # byte for byte what a clean build makes


def test_a_page_gone_from_the_navigation_is_a_full_build(built_pruned_mini: Path, tmp_path: Path):
    root = tmp_path / "mini"
    shutil.copytree(built_pruned_mini, root, symlinks=True)
    (root / "content/articles/fees/withdrawal-fees.yaml").unlink()

    results = _build(root)

    assert all(r.rebuilt and not r.dirty for r in results.values())
    assert not list((root / "site").glob("*/fees/withdrawal-fees"))


def test_the_dashboard_report_is_made_again_only_when_what_it_shows_changed(mini: Path, kbgen, monkeypatch):
    """A translator's fix leaves every entry's status as it was: the report is not made again. A new
    translation, or a notice that ended since the last build of the same day (no page changes), is
    shown at once."""
    from babel.messages.pofile import read_po, write_po

    from kbgen import pipeline

    notices = mini / "content/notices.yaml"
    notices.write_text(notices.read_text().replace("2099-12-06T03:00:00Z", "2026-12-06T03:00:00Z"))
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    po = mini / "locales/de/LC_MESSAGES/content.po"

    def translate(title_number: int, text: str) -> None:
        with po.open("rb") as handle:
            catalog = read_po(handle)
        [m for m in catalog if m.context and m.context.endswith(":title")][title_number].string = text
        with po.open("wb") as handle:
            write_po(handle, catalog)

    def build_at(root: Path, hour: int) -> str:
        project = load_project(root)
        content, _ = valid_content(project)
        build(project, content, now=datetime(2026, 12, 6, hour, tzinfo=UTC), jobs=1)
        return (root / "site/dashboard/index.html").read_text(encoding="utf-8")

    made = []
    report = pipeline.stale_report
    monkeypatch.setattr(pipeline, "stale_report", lambda *args, **kwargs: made.append(1) or report(*args, **kwargs))
    translate(0, "Übersetzt")
    first = build_at(mini, 1)
    translate(0, "Besser übersetzt")
    assert build_at(mini, 1) == first and len(made) == 1
    translate(1, "Noch ein Titel")  # missing before: the coverage changes
    second = build_at(mini, 1)
    assert len(made) == 2 and second != first
    third = build_at(mini, 4)  # nothing changed, but the maintenance window ended at 3:00
    assert len(made) == 3 and "ended at" in third and "ended at" not in second
    translate(0, "Am besten übersetzt")
    assert build_at(mini, 4) == third and len(made) == 3

    clean = mini.parent / "clean"
    shutil.copytree(mini, clean, ignore=shutil.ignore_patterns("site", ".kbgen"))
    assert build_at(clean, 4) == third


def test_a_build_stopped_before_the_dashboard_has_it_made_by_the_next(built: Path, monkeypatch):
    """Every language published, then the build is stopped: the next build finds them current, not the dashboard."""
    from kbgen import pipeline

    source = built / "content/articles/wallets/what-is-a-wallet.yaml"
    source.with_name("a-new-article.yaml").write_text(
        source.read_text().replace("id: what-is-a-wallet", "id: a-new-article", 1)
    )

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "_write_dashboard", stopped)
    with pytest.raises(KeyboardInterrupt):
        _build(built)
    monkeypatch.undo()
    dashboard = built / "site/dashboard/index.html"
    assert "a-new-article" not in dashboard.read_text(encoding="utf-8")

    results = _build(built)

    assert not any(r.rendered for r in results.values())  # the languages were done
    assert "a-new-article" in dashboard.read_text(encoding="utf-8")
    clean = built.parent / "clean"
    shutil.copytree(built, clean, ignore=shutil.ignore_patterns("site", ".kbgen"))
    _build(clean)
    assert snapshot(clean / "site") == snapshot(built / "site")
