"""Results of pure functions of a text, kept on disk from one run to the next.

Most of a rebuild that changes little went into reading the content again:
parsing every YAML file, finding every Markdown field's links and raw HTML,
scanning every prose string for scam text. Each is a pure function of its
text (and of what the salt names), so a `Memo` keeps its results by the
text's digest, in one JSON file per function, salted with kbgen's and its
libraries' digest: another kbgen or library version starts afresh.

A memo keeps only the texts asked for in the run that saves it, so an edited
or deleted file's results leave with the next save, and a rerun on the same
content writes the same bytes (the file is then left alone).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from kbgen.fsutil import write_if_changed
from kbgen.toolchain import toolchain_digest

T = TypeVar("T")


class Uncacheable(Exception):
    """Raised by an encoder for a result JSON cannot hold (it is then computed every time)."""


class Memo:
    """`memo(text, compute, encode, decode)`: compute(), or what it gave for the same text in an earlier run.

    `path` None: nothing is read or kept (every call computes).
    """

    def __init__(self, path: Path | None, salt: str = ""):
        self.path = path
        self.salt = self.salted(salt)
        self._kept: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("salt") == self.salt and isinstance(data.get("values"), dict):
                    self._kept = data["values"]
            except (OSError, ValueError):
                pass  # no memo yet, or a damaged one: computed again, and written whole at the next save

    @staticmethod
    def salted(salt: str) -> str:
        return hashlib.sha256(f"{toolchain_digest()}\n{salt}".encode()).hexdigest()

    def __call__(
        self,
        text: str,
        compute: Callable[[], T],
        encode: Callable[[T], Any] = lambda value: value,
        decode: Callable[[Any], T] = lambda value: value,
    ) -> T:
        if self.path is None:
            return compute()
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        for known in (self._used, self._kept):
            if key in known:
                try:
                    value = decode(known[key])
                except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                    break  # not what this kbgen writes: computed again
                self._used[key] = known[key]
                return value
        value = compute()
        with contextlib.suppress(Uncacheable):
            self._used[key] = encode(value)
        return value

    def save(self) -> None:
        """Keep the results of this run's texts (only those) for the next run."""
        if self.path is None:
            return
        data = {"salt": self.salt, "values": self._used}
        write_if_changed(self.path, json.dumps(data, sort_keys=True, separators=(",", ":")), durable=False)


class Memos:
    """The memos kept in one folder, one file each (`<name>.json`); None: nothing is kept."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._open: dict[str, Memo] = {}

    def named(self, name: str, salt: str = "") -> Memo:
        """The memo `name`; `salt`: what its results depend on besides the text (one per name in a run)."""
        memo = self._open.get(name)
        if memo is None:
            memo = self._open[name] = Memo(None if self.folder is None else self.folder / f"{name}.json", salt)
        assert memo.salt == Memo.salted(salt), f"memo {name}: one salt per run"
        return memo

    def save(self) -> None:
        for memo in self._open.values():
            memo.save()
