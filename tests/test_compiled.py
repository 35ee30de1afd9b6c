"""Templates are compiled once and reused only where they compile to the same code."""

from __future__ import annotations

import errno
from pathlib import Path

import jinja2
import pytest

from kbgen.site import compiled


def _environment(templates: Path, cache_dir: Path | None, autoescape: bool = False) -> tuple[jinja2.Environment, list]:
    """An environment whose compilations are counted, as MkDocs makes one per language build."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=autoescape)
    env.bytecode_cache = compiled.on_disk(cache_dir, env) if cache_dir else compiled.InMemory()
    compiled_names: list[str] = []
    compile_source = env.compile

    def counting(source, name=None, filename=None, *args, **kwargs):
        compiled_names.append(name)
        return compile_source(source, name, filename, *args, **kwargs)

    env.compile = counting  # type: ignore[method-assign]
    return env, compiled_names


def _page(templates: Path, text: str) -> Path:
    templates.mkdir(parents=True, exist_ok=True)
    (templates / "page.html").write_text(text)
    return templates


def test_a_new_environment_reuses_the_compiled_template(tmp_path: Path):
    templates, cache = _page(tmp_path / "theme", "<p>{{ title }}</p>"), tmp_path / "cache"
    first, first_compiled = _environment(templates, cache)
    second, second_compiled = _environment(templates, cache)

    assert first.get_template("page.html").render(title="Hi") == "<p>Hi</p>"
    assert second.get_template("page.html").render(title="Hi") == "<p>Hi</p>"
    assert (first_compiled, second_compiled) == (["page.html"], [])
    assert len(list(cache.iterdir())) == 1


def test_another_projects_build_in_the_same_process_compiles_nothing_again(tmp_path: Path):
    # The same template (Material's, in site-packages) for two projects' build folders.
    templates = _page(tmp_path / "theme", "<p>{{ title }} again</p>")
    first, first_compiled = _environment(templates, tmp_path / "one/cache")
    second, second_compiled = _environment(templates, tmp_path / "two/cache")

    assert first.get_template("page.html").render(title="A") == "<p>A again</p>"
    assert second.get_template("page.html").render(title="B") == "<p>B again</p>"
    assert (first_compiled, second_compiled) == (["page.html"], [])
    assert len(list((tmp_path / "two/cache").iterdir())) == 1  # kept for that project's next build

    _page(templates, "<p>{{ title }} edited</p>")
    third, third_compiled = _environment(templates, tmp_path / "three/cache")
    assert third.get_template("page.html").render(title="C") == "<p>C edited</p>"
    assert third_compiled == ["page.html"]


def test_escaping_settings_are_part_of_the_key(tmp_path: Path):
    templates, cache = _page(tmp_path / "theme", "{{ title }}"), tmp_path / "cache"
    raw, _ = _environment(templates, cache)
    escaped, escaped_compiled = _environment(templates, cache, autoescape=True)

    assert raw.get_template("page.html").render(title="<b>") == "<b>"
    assert escaped.get_template("page.html").render(title="<b>") == "&lt;b&gt;"
    assert escaped_compiled == ["page.html"]


def test_an_edited_template_is_compiled_again(tmp_path: Path):
    templates, cache = _page(tmp_path / "theme", "old {{ title }}"), tmp_path / "cache"
    before, _ = _environment(templates, cache)
    assert before.get_template("page.html").render(title="x") == "old x"

    _page(templates, "new {{ title }}")
    after, after_compiled = _environment(templates, cache)

    assert after.get_template("page.html").render(title="x") == "new x"
    assert after_compiled == ["page.html"]


def test_code_compiled_by_another_kbgen_is_pruned(tmp_path: Path):
    templates, cache = _page(tmp_path / "theme", "{{ title }}"), tmp_path / "cache"
    _environment(templates, cache)[0].get_template("page.html")
    (cache / "0123456789abcdef-00000000-old.cache").write_bytes(b"stale")

    compiled.prune(cache)

    assert [p.name.startswith("0123456789abcdef-") for p in cache.iterdir()] == [False]


def test_kbgens_page_templates_are_compiled_once_per_process(tmp_path: Path):
    templates = _page(tmp_path / "theme", "{{ title }}")
    env, env_compiled = _environment(templates, None)
    env.get_template("page.html")
    env.cache.clear()  # a new overlay for the next language: same process cache
    assert env.get_template("page.html").render(title="a") == "a"
    assert env_compiled == ["page.html"]


def test_a_full_disk_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def full(self, bucket, *args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode", full)
    templates, cache = _page(tmp_path / "theme", "{{ title }}"), tmp_path / "cache"
    env, env_compiled = _environment(templates, cache)

    assert env.get_template("page.html").render(title="ok") == "ok"
    assert env_compiled == ["page.html"] and list(cache.iterdir()) == []
