"""A build spread over machines: each builds its languages, one joins them, byte for byte the same site."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import snapshot


def _copy(mini: Path, target: Path) -> Path:
    shutil.copytree(mini, target, ignore=shutil.ignore_patterns("site", ".kbgen"))
    return target


def test_shards_assemble_into_the_one_machine_site(mini: Path, tmp_path: Path, kbgen, monkeypatch):
    from kbgen.site import search

    assert kbgen("-C", mini, "build").exit_code == 0
    languages = sorted(p.name for p in (mini / "site").iterdir() if (p / "sitemap.xml").is_file())
    assert len(languages) >= 3

    final = _copy(mini, tmp_path / "assembled")
    for lang in languages:  # one runner per language, each with its own checkout
        runner = _copy(mini, tmp_path / f"runner-{lang}")
        result = kbgen("-C", runner, "build", "--lang", lang)
        assert result.exit_code == 0, result.output
        assert "join the languages with `kbgen assemble`" in result.output
        assert sorted(p.name for p in (runner / "site").iterdir() if p.is_dir()) == [lang]
        shutil.copytree(runner / "site" / lang, final / "site" / lang)  # the artifact each runner uploads
        if lang != languages[0]:  # with its search index (the first language's runner sends none)
            shutil.copytree(runner / ".kbgen" / lang / "pagefind", final / ".kbgen" / lang / "pagefind")
            shutil.copy2(runner / ".kbgen" / lang / search.INDEXED_FILE, final / ".kbgen" / lang)
    indexed: list[str] = []
    real_index = search.index_language
    monkeypatch.setattr(
        search, "index_language", lambda site, code, out: indexed.append(code) or real_index(site, code, out)
    )
    result = kbgen("-C", final, "assemble")
    assert result.exit_code == 0, result.output
    assert snapshot(final / "site") == snapshot(mini / "site")
    assert indexed == [languages[0]]  # the indexes that came with their pages are reused
    # An index whose pages are not the ones it was made from is made again.
    page = final / "site" / languages[1] / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>edited</p></main>"), encoding="utf-8")
    indexed.clear()
    assert kbgen("-C", final, "assemble").exit_code == 0
    assert indexed == [languages[1]]


def test_assemble_names_the_languages_it_lacks(mini: Path, kbgen):
    assert kbgen("-C", mini, "build", "--lang", "en").exit_code == 0
    result = kbgen("-C", mini, "assemble")
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: site: no built site for ")


def test_an_unknown_shard_language_is_refused(mini: Path, kbgen):
    result = kbgen("-C", mini, "build", "--lang", "xx")
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: not a configured language: xx (configured: en,")
