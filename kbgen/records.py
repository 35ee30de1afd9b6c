"""Validated records: the pydantic base every settings and content record shares,
and the translation of pydantic's errors into problems that name file, line and key.

It sits below `config` and `content`, so both validate with the same machinery.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from kbgen.errors import Problem
from kbgen.yamlfile import line_of


class Record(BaseModel):
    """Base of every content record: unknown keys are errors, records are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}


def explain(exc: ValidationError, data: Any, shown: str, model: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into problems that name file, line and key."""
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "missing":
            parent = loc[:-1]
            problems.append(Problem(shown, _mapping_line(data, parent), "required key is missing", key=_key_path(loc)))
        elif kind == "extra_forbidden":
            problems.append(Problem(shown, line_of(data, loc), _unknown_key(loc, model), key=_key_path(loc)))
        else:
            problems.append(Problem(shown, line_of(data, loc), _message(error), key=_key_path(loc) or None))
    return problems


def _mapping_line(data: Any, loc: tuple) -> int | None:
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return getattr(node, "line", None) or line_of(data, loc)


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind in _TYPE_NAMES:
        return f"expected {_TYPE_NAMES[kind]}, got {_describe(error['input'])}"
    if kind == "literal_error":
        expected = error["ctx"]["expected"].replace("'", "")
        return f"must be one of {expected}; got {_describe(error['input'])}"
    if kind == "too_short" and isinstance(error.get("input"), list):
        return "must not be empty"
    message = error["msg"]
    return message.removeprefix("Value error, ")


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def _key_path(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _unknown_key(loc: tuple, model: type[BaseModel]) -> str:
    allowed = _allowed_keys(model, loc[:-1])
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})" if allowed else ""
    return f"unknown key{hint}"


def _allowed_keys(model: type[BaseModel], parent: tuple) -> list[str]:
    """The keys allowed at `parent` inside `model`, following nested models."""
    current: Any = model
    for part in parent:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
