"""Jinja templates compiled once, not once per language build.

MkDocs makes a new Jinja environment for every language it builds, and kbgen a
new overlay of its page templates for every language it renders: each compiled
the same templates again, about half the time of a small language's build.
Jinja's bytecode cache keeps the compiled code, keyed by the template, the
settings that change the code it compiles to, and the checksum of its source
(an edited template is compiled again):

- installed templates (Material's, MkDocs', kbgen's own) in Jinja's folder for
  the user (`<tmp>/_jinja2-cache-<uid>`), shared by the worker processes of a
  build and by later builds;
- a project's templates (its theme, merged under the build folder) in memory,
  for the process: one project's files never fill a folder outside it.

A cache that cannot be read or written only costs time; the build goes on.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache

_PROJECT = "project-"  # the key prefix of a project's templates


class CompiledTemplates(BytecodeCache):
    """`project_dir`: where a project's own templates are (the build folder), if any."""

    def __init__(self, project_dir: Path | None = None) -> None:
        self.project_dir = project_dir

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = self.get_cache_key(f"{name}\0{_settings(environment)}", filename)
        if (
            _SHARED is None
            or filename is None
            or (self.project_dir and Path(filename).is_relative_to(self.project_dir))
        ):
            key = _PROJECT + key
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        if not bucket.key.startswith(_PROJECT):
            assert _SHARED is not None
            _SHARED.load_bytecode(bucket)
        elif (code := _IN_MEMORY.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key.startswith(_PROJECT):
            _IN_MEMORY[bucket.key] = bucket.bytecode_to_string()
            return
        assert _SHARED is not None
        with contextlib.suppress(OSError):  # a full or read-only temporary folder: compiled again next time
            _SHARED.dump_bytecode(bucket)


def _settings(env: Environment) -> str:
    """What changes the code a template compiles to, the same in every process."""
    values = (
        env.autoescape,
        sorted(env.extensions),
        getattr(env, "newstyle_gettext", False),  # set by the i18n extension
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.finalize,
    )
    return repr([_stable(value) for value in values])


def _stable(value: Any) -> Any:
    """Functions by name: their repr holds an address that differs from process to process."""
    return f"{value.__module__}.{value.__qualname__}" if callable(value) else value


def _shared_folder() -> FileSystemBytecodeCache | None:
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no folder of its own for this user: installed templates stay in memory too
        return None


_SHARED = _shared_folder()
_IN_MEMORY: dict[str, bytes] = {}
