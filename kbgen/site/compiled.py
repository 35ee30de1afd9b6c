"""Compiled Jinja templates, kept: a build compiles each template once, not once per language.

Jinja compiles a template to Python code for each environment that loads
it. kbgen makes an environment per language (its page templates, with the
language's filters) and MkDocs one per language build (Material's
templates), so the same sources were compiled again for every language.
Jinja's bytecode cache keys code by template name and source checksum;
what else changes the compiled code (autoescaping, extensions, kbgen and
Jinja's versions) salts the key here.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import jinja2

from kbgen.toolchain import toolchain_digest

CACHE_DIR = "template-cache"  # in the build folder: Material's templates, compiled


class InMemory(jinja2.BytecodeCache):
    """Compiled code for this process (kbgen's page templates are compiled once per worker)."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


def on_disk(folder: Path, env: jinja2.Environment) -> jinja2.BytecodeCache:
    """A cache in `folder` shared by every build process and kept between builds."""
    settings = f"{env.autoescape} {sorted(env.extensions)} {env.trim_blocks} {env.lstrip_blocks}"
    salt = hashlib.sha256(settings.encode()).hexdigest()[:8]
    folder.mkdir(parents=True, exist_ok=True)
    return _OnDisk(str(folder), pattern=f"{_kbgen()}-{salt}-%s.cache")


# This process's compiled code by cache file name (kbgen's digest, the settings' salt, the template's
# name and path): the next language's environment, or the next project this process builds (a
# preview, a test run), takes it without reading a file. A changed source fails Jinja's checksum.
_IN_PROCESS: dict[str, bytes] = {}


class _OnDisk(jinja2.FileSystemBytecodeCache):
    """A cache that cannot be written (a full disk) only costs time: the build goes on."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        name = self._name(bucket)
        known = _IN_PROCESS.get(name)
        if known is not None:
            bucket.bytecode_from_string(known)
            if bucket.code is not None:
                if not Path(self._get_cache_filename(bucket)).exists():  # for this project's next build
                    self._write(bucket)
                return
        super().load_bytecode(bucket)
        if bucket.code is not None:
            _IN_PROCESS[name] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        _IN_PROCESS[self._name(bucket)] = bucket.bytecode_to_string()
        self._write(bucket)

    def _name(self, bucket: jinja2.bccache.Bucket) -> str:
        return self.pattern % bucket.key  # not the folder: another project's build shares it

    def _write(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def prune(folder: Path) -> None:
    """Remove code compiled by another kbgen or with other library versions."""
    if folder.is_dir():
        for path in folder.iterdir():
            if not path.name.startswith(f"{_kbgen()}-"):
                path.unlink(missing_ok=True)


def _kbgen() -> str:
    return toolchain_digest()[:16]
