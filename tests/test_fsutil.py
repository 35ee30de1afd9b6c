"""Listing and pruning kbgen's own folders (a search bundle, a language's generated Markdown)."""

from __future__ import annotations

from pathlib import Path

from kbgen.fsutil import files_under, remove_others


def _files(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)


def test_files_under_lists_files_and_links_to_files_relative_and_sorted(tmp_path: Path):
    _files(tmp_path, "b/c/x.html", "a.txt", ".marker", "b/a.js")
    (tmp_path / "link").symlink_to(tmp_path / "a.txt")
    (tmp_path / "folder-link").symlink_to(tmp_path / "b", target_is_directory=True)  # not followed
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()

    assert files_under(tmp_path) == [".marker", "a.txt", "b/a.js", "b/c/x.html", "link"]
    assert files_under(tmp_path / "missing") == [] and files_under(tmp_path / "a.txt") == []


def test_remove_others_keeps_what_it_is_told_and_dotfiles_and_removes_emptied_folders(tmp_path: Path):
    _files(tmp_path, "keep.html", "go.html", "sub/go.html", "sub/deeper/go.html", "kept/keep.html", ".stamp")
    _files(tmp_path, "marked/.marker")
    keep = {"keep.html", "kept/keep.html"}

    assert remove_others(tmp_path, keep)

    assert files_under(tmp_path) == [".stamp", "keep.html", "kept/keep.html", "marked/.marker"]
    assert not (tmp_path / "sub").exists()  # emptied, with the folder inside it
    assert not remove_others(tmp_path, keep)  # nothing more to remove
    assert remove_others(tmp_path / "missing", keep) is False
