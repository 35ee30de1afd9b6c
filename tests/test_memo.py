"""Content read from memos is the content read from its files: same records, same problems, same lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbgen import yamlfile
from kbgen.config import load_project
from kbgen.content.loader import load_content
from kbgen.content.validate import validate
from kbgen.memo import Memo
from kbgen.pipeline import MEMO_DIR, checked_content
from kbgen.site.publish import claim

ARTICLE = "content/articles/wallets/what-is-a-wallet.yaml"
# A paragraph with a scam request, raw HTML and a link to an unknown article: one problem of each
# kind the memos hold (links and raw HTML per Markdown text, scam-text findings per string).
HOSTILE = """
  Please send us your 12-word recovery phrase at wallet-help.example so we can restore access.

  <b onclick="x()">urgent</b> and [gone](article:no-such-article)
"""


def _project(mini: Path):
    project = load_project(mini)
    claim(project.build_dir, "build")  # as a build does: memos are kept only in a folder kbgen made
    return project


def _parsed_from_files(project):
    """The content and its problems with no memo at all."""
    content, problems = load_content(project.content_dir, project.root, project.settings.max_file_bytes)
    languages = [project.settings.source_language, *project.settings.languages]
    problems += validate(content, languages, None, project.external_domains, project.root)
    return content, sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))


def _lines(data, at=()) -> list:
    """Every line a loaded record remembers (== on two records compares values only)."""
    if isinstance(data, yamlfile.LineDict):
        found = [(at, data.line, sorted(data.key_lines.items()))]
        return found + [line for key, value in data.items() for line in _lines(value, (*at, key))]
    if isinstance(data, yamlfile.LineList):
        found = [(at, data.line, data.item_lines)]
        return found + [line for index, value in enumerate(data) for line in _lines(value, (*at, index))]
    return []


def _all_lines(content) -> dict:
    return {key: _lines(origin.data) for key, origin in content.origins.items()}


def _count_parses(monkeypatch) -> list[str]:
    parsed: list[str] = []
    real = yamlfile._parse

    def counting(text, shown_as, loader_class):
        parsed.append(shown_as)
        return real(text, shown_as, loader_class)

    monkeypatch.setattr(yamlfile, "_parse", counting)
    return parsed


def test_content_from_memos_equals_content_from_files(mini: Path, monkeypatch):
    article = mini / ARTICLE
    article.write_text(article.read_text() + HOSTILE)
    project = _project(mini)
    first = checked_content(project)
    assert sorted(p.name for p in (project.build_dir / MEMO_DIR).iterdir()) == [
        "content-yaml.json",
        "markdown.json",
        "scam-text.json",
    ]
    parsed = _count_parses(monkeypatch)

    again = checked_content(project)

    assert not [name for name in parsed if name.startswith("content/")]  # every file came from the memo
    assert again == first == _parsed_from_files(project)
    assert _all_lines(again[0]) == _all_lines(first[0])
    assert len(_all_lines(again[0])) > 5
    messages = {(p.line, p.message.split(":")[0]) for p in again[1] if p.file == ARTICLE}
    assert any(m.startswith("scam-text") for _, m in messages)
    assert any(m.startswith("raw HTML") for _, m in messages)
    assert any(m.startswith("broken link") for _, m in messages)


def test_an_edited_file_is_read_again_and_its_problems_found(mini: Path, monkeypatch):
    project = _project(mini)
    assert checked_content(project)[1] == []  # memos made from the clean project
    article = mini / ARTICLE
    article.write_text(article.read_text() + HOSTILE)
    parsed = _count_parses(monkeypatch)

    content, problems = checked_content(project)

    assert [name for name in parsed if name.startswith("content/")] == [ARTICLE]
    assert (content, problems) == _parsed_from_files(project)
    lines = article.read_text().split("\n")
    scam = next(p for p in problems if p.message.startswith("scam-text"))
    assert "recovery phrase" in lines[scam.line - 1]


def test_memos_change_no_byte_on_unchanged_content(mini: Path):
    project = _project(mini)
    checked_content(project)
    memos = {p.name: p.read_bytes() for p in (project.build_dir / MEMO_DIR).iterdir()}
    checked_content(project)
    assert {p.name: p.read_bytes() for p in (project.build_dir / MEMO_DIR).iterdir()} == memos


def test_no_memo_is_written_into_a_folder_kbgen_did_not_make(mini: Path):
    project = load_project(mini)
    checked_content(project)
    assert not project.build_dir.exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut off
        lambda text: text.replace('"k":[[', '"k":[[1,', 1),  # another shape
        lambda text: "[]",
    ],
)
def test_a_damaged_memo_is_read_again_from_the_files(mini: Path, damage):
    project = _project(mini)
    expected = checked_content(project)
    memo = project.build_dir / MEMO_DIR / "content-yaml.json"
    memo.write_text(damage(memo.read_text()))
    assert checked_content(project) == expected
    assert json.loads(memo.read_text())["values"]  # written whole again


def test_a_memo_of_another_kbgen_or_salt_is_not_used(tmp_path: Path):
    path = tmp_path / "m.json"
    memo = Memo(path, salt="declared: a")
    assert memo("text", lambda: 1) == 1
    memo.save()
    assert Memo(path, salt="declared: a")("text", lambda: 2) == 1
    assert Memo(path, salt="declared: b")("text", lambda: 3) == 3
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "salt": "0" * 64}))  # as another kbgen or library version wrote it
    assert Memo(path, salt="declared: a")("text", lambda: 4) == 4


def test_an_alias_bomb_is_parsed_but_never_kept(tmp_path: Path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 8)]  # 10^8 strings once expanded
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(levels) + "\n")
    memo = Memo(tmp_path / "m.json")
    data = yamlfile.load_yaml(path, "bomb.yaml", root=tmp_path, memo=memo)
    assert data.key_lines["a7"] == 8
    memo.save()
    assert json.loads((tmp_path / "m.json").read_text())["values"] == {}


def test_splits_recalled_from_a_memo_are_the_splits_of_the_text(tmp_path: Path):
    from conftest import REPO

    from kbgen.content.validate import markdown_fields
    from kbgen.i18n import blocks

    content, _ = load_content(REPO / "content", REPO)
    texts = [field.text for field in markdown_fields(content)]
    fresh = [blocks._blocks(text) for text in texts]
    memo = Memo(tmp_path / "blocks.json")
    blocks.recall(memo, texts)
    memo.save()
    blocks._RECALLED.clear()
    blocks.recall(Memo(tmp_path / "blocks.json"), texts)  # from the file
    recalled = dict(blocks._RECALLED)
    blocks._RECALLED.clear()
    assert [recalled[text] for text in texts] == fresh
    assert sum(len(found) for found in fresh) > 500


def test_ui_string_statuses_are_kept_by_the_theme_catalog(mini: Path, kbgen, monkeypatch):
    from kbgen.i18n import catalogs, theme
    from kbgen.languages import language

    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    locales, german, path = mini / "locales", language("de"), mini / "memo" / "ui.json"
    fresh = theme.ui_statuses(locales, german, "Help")
    memo = Memo(path)
    assert theme.ui_statuses(locales, german, "Help", memo) == fresh
    memo.save()
    real_parse = catalogs.parse
    theme._statuses.cache_clear()  # what this process made: the memo must answer alone
    monkeypatch.setattr(catalogs, "parse", lambda *a, **k: pytest.fail("theme catalog parsed"))
    assert theme.ui_statuses(locales, german, "Help", Memo(path)) == fresh  # from the memo

    # A translator empties a reviewed string: the statuses follow the catalog's text.
    po = theme.theme_po_path(locales, german)
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Startseite"', 'msgstr ""'), encoding="utf-8")
    monkeypatch.setattr(catalogs, "parse", real_parse)
    edited = theme.ui_statuses(locales, german, "Help", Memo(path))
    assert edited == theme.ui_statuses(locales, german, "Help") and edited["Home"] == "missing" != fresh["Home"]
