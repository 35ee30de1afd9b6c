"""Reading YAML with line numbers, strict duplicate keys and no surprises.

PyYAML silently keeps the last of two identical keys and turns `no` into
False and `2026-13-01` into an exception; a writer deserves a message that
points at the line instead. Dates and times stay strings here: the schema
parses them and reports a bad one like any other wrong value.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from kbgen.errors import Problem


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list):
    """A sequence that remembers the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, first_line: int):
        self.key, self.line, self.first_line = key, line, first_line


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with kbgen's resolvers and constructors (set up below)."""


# YAML 1.1 booleans (yes/no/on/off) turn language codes such as `no` into
# False; only true/false are booleans here.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise _DuplicateKey(key, line, result.key_lines[key])
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


class _ConfigLoader(_Loader):
    """For mkdocs.yml: Python and custom tags (`!!python/name:`, `!ENV`) are MkDocs' business; read them as null."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_ConfigLoader.add_multi_constructor("!", _ignore_tag)


class YamlError(Exception):
    """The file is not valid YAML; carries the problem to report."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def load_yaml(path: Path, shown_as: str, *, mkdocs_tags: bool = False) -> Any:
    """Parse one YAML file; raise YamlError naming `shown_as` and the line.

    With `mkdocs_tags`, MkDocs' Python and custom tags are accepted (as null).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(Problem(shown_as, None, f"not valid UTF-8 text ({exc.reason} at byte {exc.start})")) from None
    try:
        return yaml.load(text, Loader=_ConfigLoader if mkdocs_tags else _Loader)  # noqa: S506 - SafeLoaders
    except _DuplicateKey as exc:
        message = f"duplicate key (first defined on line {exc.first_line})"
        raise YamlError(Problem(shown_as, exc.line, message, key=exc.key)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "invalid YAML"
        raise YamlError(Problem(shown_as, line, f"invalid YAML: {reason}")) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(shown_as, None, f"invalid YAML: {exc}")) from None


def line_of(data: Any, loc: tuple) -> int | None:
    """The line of the value at `loc` (keys and indexes) inside loaded data."""
    line = getattr(data, "line", None)
    node = data
    for part in loc:
        if isinstance(node, LineDict) and isinstance(part, str):
            if part not in node:
                break
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line
