"""Python tags in mkdocs.yml run code when MkDocs loads it: only an allowlist passes.

Every command that loads the project refuses other tags with file and line,
before MkDocs reads the file (the proof: the command they would run leaves
no trace).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot

REFUSED = (
    "would run Python code when MkDocs loads this file: only material, pymdownx and modules listed in "
    "extra.kbgen.allowed_python_tags are allowed"
)


def _append(root: Path, text: str, name: str = "mkdocs.yml") -> None:
    path = root / name
    path.write_text(path.read_text() + text)


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch PWNED"]',
        '!!python/object/apply:subprocess.call [["touch", "PWNED"]]',
        "!!python/name:os.system",
        "!!python/module:os",
        '!!python/object/new:os.system ["touch PWNED"]',
        "!!python/object:builtins.object {}",
        "!!python/object/apply:materialx.evil []",  # a look-alike of an allowed module
    ],
)
@pytest.mark.parametrize("command", [("check",), ("build",), ("stale",), ("i18n", "update")])
def test_other_python_tags_are_refused_before_mkdocs_runs(tag: str, command: tuple[str, ...], mini: Path, kbgen):
    _append(mini, f"copyright: {tag}\n")
    line = len((mini / "mkdocs.yml").read_text().splitlines())
    before = snapshot(mini)

    result = kbgen("-C", mini, *command)

    assert result.exit_code == 1
    suffix = tag.removeprefix("!!python/").split(" ")[0]
    assert f"mkdocs.yml:{line}: the tag '!!python/{suffix}' {REFUSED}" in result.output.splitlines()
    assert not (mini / "PWNED").exists()
    assert snapshot(mini) == before


def test_material_and_pymdownx_tags_are_allowed_and_built(mini: Path, kbgen):
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text()
        .replace(
            "markdown_extensions:\n",
            """markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
""",
        )
        .replace(
            "      permalink: true\n",
            """      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}
""",
        )
    )
    assert "pymdownx.slugs.slugify" in config.read_text()

    assert kbgen("-C", mini, "check").exit_code == 0
    result = kbgen("-C", mini, "build")
    assert result.exit_code == 0, result.output


def test_a_project_can_allow_its_own_module(mini: Path, kbgen):
    _append(mini, "copyright: !!python/name:harbor_theme.copyright\n")
    assert kbgen("-C", mini, "check").exit_code == 1
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "    external_domains:", "    allowed_python_tags: [harbor_theme]\n    external_domains:"
        )
    )
    result = kbgen("-C", mini, "check")
    assert REFUSED not in result.output


def test_tags_in_an_inherited_file_are_refused(mini: Path, kbgen):
    (mini / "base.yml").write_text('copyright: !!python/object/apply:os.system ["touch PWNED"]\n')
    config = mini / "mkdocs.yml"
    config.write_text("INHERIT: base.yml\n" + config.read_text())

    result = kbgen("-C", mini, "check")

    assert result.exit_code == 1
    assert f"base.yml:1: the tag '!!python/object/apply:os.system' {REFUSED}" in result.output.splitlines()
    assert not (mini / "PWNED").exists()


def test_data_tags_are_not_code(mini: Path, kbgen):
    _append(mini, "copyright: !!python/tuple [a, b]\n")
    assert REFUSED not in kbgen("-C", mini, "check").output
