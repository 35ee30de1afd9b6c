"""Reading YAML with line numbers, strict duplicate keys and no surprises.

PyYAML silently keeps the last of two identical keys and turns `no` into
False and `2026-13-01` into an exception; a writer deserves a message that
points at the line instead. Dates and times stay strings here: the schema
parses them and reports a bad one like any other wrong value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kbgen.errors import Problem
from kbgen.memo import Memo, Uncacheable
from kbgen.safeio import DEFAULT_MAX_BYTES, InputError, read_text

# Deeper nesting than any content or configuration needs; PyYAML composes
# recursively, and 10,000 nested brackets would end in a RecursionError.
MAX_DEPTH = 64
_BAD_CHARACTER = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


class _BadText(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with kbgen's resolvers and constructors (set up below)."""

    _depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_scalar(self, node):
        value = super().construct_scalar(node)
        bad = _BAD_CHARACTER.search(value) if isinstance(value, str) else None
        if bad:
            raise _BadText(node.start_mark.line + 1, _describe(bad.group(0)))
        return value


def _describe(char: str) -> str:
    if "\ud800" <= char <= "\udfff":
        return f"invalid text: a lone surrogate (\\u{ord(char):04x}) is not a character"
    if char == "\x00":
        return "invalid text: a NUL character (\\0) is not allowed"
    return f"invalid text: the control character \\x{ord(char):02x} is not allowed"


# YAML 1.1 booleans (yes/no/on/off) turn language codes such as `no` into
# False; only true/false are booleans here.
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
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


@dataclass
class ConfigTags:
    """What MkDocs' tags in a config file ask for."""

    python: list[tuple[str, int]] = field(default_factory=list)  # each `!!python/...` tag's suffix and line
    environment: list[str] = field(default_factory=list)  # the variables `!ENV` reads


class _ConfigLoader(_Loader):
    """For mkdocs.yml: MkDocs' Python and custom tags (`!!python/name:`, `!ENV`) are read as null and recorded."""

    def __init__(self, stream):
        super().__init__(stream)
        self.found_tags = ConfigTags()


def _python_tag(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> None:
    loader.found_tags.python.append((suffix, node.start_mark.line + 1))
    return None


def _environment_tag(loader: _ConfigLoader, node: yaml.Node) -> None:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]` (MkDocs' pyyaml-env-tag: a list's last item is the default)."""
    if isinstance(node, yaml.ScalarNode):
        loader.found_tags.environment.append(node.value)
    elif isinstance(node, yaml.SequenceNode):
        names = [item.value for item in node.value if isinstance(item, yaml.ScalarNode)]
        loader.found_tags.environment += names[:-1] if len(node.value) > 1 else names
    return None


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)
_ConfigLoader.add_constructor("!ENV", _environment_tag)
_ConfigLoader.add_multi_constructor("!", _ignore_tag)


class YamlError(Exception):
    """The file is not valid YAML; carries the problem to report."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def load_yaml(
    path: Path, shown_as: str, *, root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES, memo: Memo | None = None
) -> Any:
    """Parse one YAML file inside `root`; raise YamlError naming `shown_as` and the line.

    `memo`: what the same text parsed to in an earlier run (lines included); a
    text that fails to parse is never kept, so its error is reported every time.
    """
    return _load(path, shown_as, _Loader, root, max_bytes, memo)[0]


def load_config_yaml(
    path: Path, shown_as: str, *, root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Any, ConfigTags]:
    """Parse mkdocs.yml: MkDocs' tags are accepted (as null); returns the data and what its tags ask for:
    each `!!python/...` tag with its line, for the caller to check before MkDocs loads the file, and
    the environment variables `!ENV` reads."""
    return _load(path, shown_as, _ConfigLoader, root, max_bytes)


def _load(
    path: Path, shown_as: str, loader_class: type[_Loader], root: Path | None, max_bytes: int, memo: Memo | None = None
):
    try:
        text = read_text(path, shown_as, root, max_bytes)
    except InputError as exc:
        raise YamlError(exc.problem) from None
    if memo is not None:
        return memo(text, lambda: _parse(text, shown_as, loader_class), _encode, _decode)
    return _parse(text, shown_as, loader_class)


def _parse(text: str, shown_as: str, loader_class: type[_Loader]):
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:  # the reader checks every character first
        line = text.count("\n", 0, exc.position) + 1
        message = f"invalid YAML: unacceptable character #x{exc.character:04x}: {exc.reason}"
        raise YamlError(Problem(shown_as, line, message)) from None
    try:
        return loader.get_single_data(), getattr(loader, "found_tags", [])
    except _DuplicateKey as exc:
        message = f"duplicate key (first defined on line {exc.first_line})"
        raise YamlError(Problem(shown_as, exc.line, message, key=exc.key)) from None
    except _TooDeep as exc:
        raise YamlError(Problem(shown_as, exc.line, f"nested more than {MAX_DEPTH} levels deep")) from None
    except _BadText as exc:
        raise YamlError(Problem(shown_as, exc.line, exc.message)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        mark_line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "invalid YAML"
        raise YamlError(Problem(shown_as, mark_line, f"invalid YAML: {reason}")) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(shown_as, None, f"invalid YAML: {exc}")) from None
    finally:
        loader.dispose()


# Values with lines as JSON, for a memo: a mapping {"m": line, "k": [[key, line, value], ...]}, a
# sequence {"s": line, "i": [[line, value], ...]}, scalars as they are. An alias repeated many
# times over (a "billion laughs" file) would expand here: past this many nodes it is not kept.
_MAX_ENCODED_NODES = 200_000


def _encode(parsed: tuple[Any, list]) -> list:
    data, tags = parsed
    budget = [_MAX_ENCODED_NODES]

    def encode(value: Any) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise Uncacheable
        if isinstance(value, LineDict):
            return {"m": value.line, "k": [[k, value.key_lines[k], encode(v)] for k, v in value.items()]}
        if isinstance(value, LineList):
            return {"s": value.line, "i": [[line, encode(v)] for line, v in zip(value.item_lines, value, strict=True)]}
        if value is None or isinstance(value, str | bool | int | float):
            return value
        raise Uncacheable  # bytes (!!binary), sets: parsed every time

    return [encode(data), tags]


def _decode(kept: list) -> tuple[Any, list]:
    def decode(value: Any) -> Any:
        if isinstance(value, dict) and "m" in value:
            mapping = LineDict((k, decode(v)) for k, _, v in value["k"])
            mapping.line, mapping.key_lines = value["m"], {k: line for k, line, _ in value["k"]}
            return mapping
        if isinstance(value, dict):
            sequence = LineList(decode(v) for _, v in value["i"])
            sequence.line, sequence.item_lines = value["s"], [line for line, _ in value["i"]]
            return sequence
        return value

    data, tags = kept
    return decode(data), [tuple(tag) for tag in tags]


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
