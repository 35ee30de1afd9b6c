"""MkDocs copies the same theme files when the listing skips dot-folders (Material's icons)."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from kbgen.site import theme_files


def _copied(config, loader_type) -> list[tuple[str, str]]:
    env = config.theme.get_env()
    loader = env.loader
    env.loader = loader_type(loader.searchpath, loader.encoding, loader.followlinks)
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def test_the_theme_files_mkdocs_copies_are_the_same(tmp_path: Path):
    overrides = tmp_path / "overrides"
    for name in (
        "assets/kb.css",
        "assets/.cache/old.css",  # in a dot-folder: never copied
        ".icons/custom/logo.svg",
        "assets/.hidden.js",  # a dot-file: never copied either
        "main.html",
        "assets/images/deep/x.png",
    ):
        (overrides / name).parent.mkdir(parents=True, exist_ok=True)
        (overrides / name).write_text("x")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: material\n  custom_dir: overrides\n")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))

    copied = _copied(config, theme_files.ThemeLoader)
    assert copied == _copied(config, jinja2.FileSystemLoader)
    names = [name for name, _ in copied]
    assert "assets/kb.css" in names and "assets/images/deep/x.png" in names
    assert "assets/stylesheets/main.css" not in names  # Material's is built with a hash in its name
    assert any(name.startswith("assets/javascripts/bundle.") for name in names)
    assert not [name for name in names if "/." in name or name.startswith(".")]


def test_install_lists_with_the_loader_and_loads_templates_as_before(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: material\n")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    theme_files.install(config.theme)
    env = config.theme.get_env()
    assert type(env.loader) is theme_files.ThemeLoader
    assert env.get_template("main.html").render  # Material's templates still load
    assert ".icons/material/home.svg" not in env.list_templates()


def _theme_files(tmp_path: Path, plugins: str) -> tuple[Files, object]:
    overrides = tmp_path / "overrides"
    for name in ("assets/javascripts/workers/own.js", "assets/own.js.map"):  # a project's own: kept
        (overrides / name).parent.mkdir(parents=True, exist_ok=True)
        (overrides / name).write_text("x")
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\ntheme:\n  name: material\n  custom_dir: overrides\nplugins: [{plugins}]\n"
    )
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return files, config


def test_material_files_no_kbgen_page_loads_are_left_out(tmp_path: Path):
    files, config = _theme_files(tmp_path, "")
    dropped = {file.src_uri for file in theme_files.unused(files, config)}
    assert any(name.startswith("assets/javascripts/lunr/min/lunr.") for name in dropped)
    assert any(name.startswith("assets/javascripts/workers/search.") for name in dropped)
    assert any(name.startswith("assets/javascripts/bundle.") and name.endswith(".map") for name in dropped)
    assert "assets/javascripts/workers/own.js" not in dropped and "assets/own.js.map" not in dropped
    kept = {file.src_uri for file in files} - dropped
    assert any(name.startswith("assets/javascripts/bundle.") and name.endswith(".min.js") for name in kept)
    assert any(name.startswith("assets/stylesheets/main.") and name.endswith(".min.css") for name in kept)


def test_with_materials_search_on_its_files_are_kept(tmp_path: Path):
    files, config = _theme_files(tmp_path, "search")
    assert theme_files.unused(files, config) == []


def test_the_built_demo_ships_no_search_worker_lunr_or_source_map(demo_site: Path):
    assets = demo_site / "site" / "en" / "assets"
    assert (assets / "javascripts").is_dir()
    shipped = [path.relative_to(demo_site / "site").as_posix() for path in (demo_site / "site").rglob("*")]
    assert not [name for name in shipped if "/lunr/" in name or "/workers/" in name or name.endswith(".map")]
