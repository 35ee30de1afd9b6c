"""Templates are compiled once and reused only where they compile to the same code."""

from __future__ import annotations

import errno
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import FileSystemBytecodeCache

from kbgen.site import compiled
from kbgen.site.compiled import CompiledTemplates


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder installed templates are kept in, empty."""
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(compiled, "_SHARED", FileSystemBytecodeCache(str(folder)))
    return folder


def _environment(
    templates: Path, cache: CompiledTemplates, autoescape: bool = False
) -> tuple[jinja2.Environment, list]:
    """An environment whose compilations are counted, as MkDocs makes one per build."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=autoescape, bytecode_cache=cache)
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


def test_a_new_environment_reuses_the_compiled_template(tmp_path: Path, shared: Path):
    templates = _page(tmp_path / "installed", "<p>{{ title }}</p>")
    first, first_compiled = _environment(templates, CompiledTemplates())
    second, second_compiled = _environment(templates, CompiledTemplates())

    assert first.get_template("page.html").render(title="Hi") == "<p>Hi</p>"
    assert second.get_template("page.html").render(title="Hi") == "<p>Hi</p>"
    assert (first_compiled, second_compiled) == (["page.html"], [])
    assert len(list(shared.iterdir())) == 1


def test_escaping_settings_are_part_of_the_key(tmp_path: Path, shared: Path):
    templates = _page(tmp_path / "installed", "{{ title }}")
    raw, _ = _environment(templates, CompiledTemplates())
    escaped, escaped_compiled = _environment(templates, CompiledTemplates(), autoescape=True)

    assert raw.get_template("page.html").render(title="<b>") == "<b>"
    assert escaped.get_template("page.html").render(title="<b>") == "&lt;b&gt;"
    assert escaped_compiled == ["page.html"]


def test_an_edited_template_is_compiled_again(tmp_path: Path, shared: Path):
    templates = _page(tmp_path / "installed", "old {{ title }}")
    before, _ = _environment(templates, CompiledTemplates())
    assert before.get_template("page.html").render(title="x") == "old x"

    _page(templates, "new {{ title }}")
    after, after_compiled = _environment(templates, CompiledTemplates())

    assert after.get_template("page.html").render(title="x") == "new x"
    assert after_compiled == ["page.html"]


def test_a_projects_templates_stay_out_of_the_shared_folder(tmp_path: Path, shared: Path):
    build_dir = tmp_path / "project" / ".kbgen"
    templates = _page(build_dir / "theme", "{{ title }}")
    first, _ = _environment(templates, CompiledTemplates(build_dir))
    second, second_compiled = _environment(templates, CompiledTemplates(build_dir))

    assert first.get_template("page.html").render(title="a") == second.get_template("page.html").render(title="a")
    assert second_compiled == []  # from memory
    assert list(shared.iterdir()) == []


def test_a_full_disk_only_costs_time(tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch):
    def full(self, bucket):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemBytecodeCache, "dump_bytecode", full)
    templates = _page(tmp_path / "installed", "{{ title }}")
    env, env_compiled = _environment(templates, CompiledTemplates())

    assert env.get_template("page.html").render(title="ok") == "ok"
    assert env_compiled == ["page.html"] and list(shared.iterdir()) == []
