"""Python tags in mkdocs.yml: allowed only from modules the project trusts.

MkDocs loads its configuration with PyYAML's full loader, so
`!!python/object/apply:os.system ["..."]` in mkdocs.yml runs a command on
every build, in CI too: a pull request that edits mkdocs.yml could run code
with the pipeline's secrets. Material's documented settings need a few tags
(`!!python/name:material.extensions.emoji.twemoji`,
`!!python/object/apply:pymdownx.slugs.slugify`), so tags that name a Python
object are allowed from `material` and `pymdownx` and from modules the project
lists in `extra.kbgen.allowed_python_tags`; every other one is reported with
its line before MkDocs reads the file. Files the config INHERITs are checked too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kbgen.errors import Problem, display_path
from kbgen.yamlfile import YamlError, load_config_yaml

TRUSTED_MODULES = ("material", "pymdownx")
# Tags that name a Python object (and so import, and may call, it); the others
# (`!!python/tuple`, `!!python/bytes`, ...) are plain data.
_OBJECT_TAGS = ("name:", "module:", "object:", "object/apply:", "object/new:")
_MAX_INHERIT = 10


@dataclass
class Tags:
    """Every Python tag found in a config file and the files it inherits."""

    found: list[tuple[str, int, str]] = field(default_factory=list)  # (file shown, line, tag suffix)
    files: list[Path] = field(default_factory=list)  # the config file and those it INHERITs, in that order
    environment: list[str] = field(default_factory=list)  # the variables their `!ENV` tags read

    def refused(self, allowed: list[str]) -> list[Problem]:
        modules = (*TRUSTED_MODULES, *allowed)
        problems = []
        for shown, line, suffix in self.found:
            name = suffix.partition(":")[2]
            if not any(suffix.startswith(prefix) for prefix in _OBJECT_TAGS):
                continue
            if any(name == module or name.startswith(module + ".") for module in modules):
                continue
            problems.append(
                Problem(
                    shown,
                    line,
                    f"the tag '!!python/{suffix}' would run Python code when MkDocs "
                    "loads this file: only material, pymdownx and modules listed in "
                    "extra.kbgen.allowed_python_tags are allowed",
                )
            )
        return problems


def check_config_file(path: Path, root: Path) -> tuple[Any, Tags]:
    """mkdocs.yml's data, and the Python tags in it and in the files it INHERITs."""
    tags = Tags()
    data = _collect(path, root, tags)
    seen = {path.resolve()}
    current, parent = path, data
    for _ in range(_MAX_INHERIT):
        inherit = parent.get("INHERIT") if isinstance(parent, dict) else None
        if not isinstance(inherit, str):
            break
        current = current.parent / inherit
        if current.resolve() in seen:
            raise YamlError(Problem(display_path(path, root), None, f"INHERIT loop through {inherit}"))
        seen.add(current.resolve())
        parent = _collect(current, root, tags)
    return data, tags


def _collect(path: Path, root: Path, tags: Tags) -> Any:
    tags.files.append(path)
    shown = display_path(path, root)
    data, found = load_config_yaml(path, shown, root=root)
    tags.found += [(shown, line, suffix) for suffix, line in found.python]
    tags.environment += found.environment
    return data
