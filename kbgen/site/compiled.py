"""Jinja templates compiled once per process, for every environment that compiles them the same way.

MkDocs makes a new Jinja environment for every language it builds, and kbgen a
new overlay of its page templates for every language it renders: each compiled
the same templates again, about half of a small language's build. Jinja's
bytecode cache keeps the compiled code; here it stays in memory, keyed by the
template, the settings that change the code it compiles to, and the checksum
of its source (an edited template is compiled again).
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache


class CompiledTemplates(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = f"{self.get_cache_key(name, filename)}:{_settings(environment)}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _settings(env: Environment) -> str:
    return repr(
        (
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
    )


TEMPLATES = CompiledTemplates()
