"""Machine drafts from Apertium, the rule-based translator packaged by Debian.

Starting Apertium costs about 0.3 s and translating a sentence about 1 ms, so a
whole batch goes through one process: texts are joined with a separator line
that Apertium copies unchanged (a line holding only `[[S]]`; a word such as
`[[KBGEN-BREAK]]` gets translated, to `[[KBGEN-PAUSA]]`) and the output is split
on it again. A separator line also stops Apertium reordering words across texts.

Apertium copies the caller's `[[C0]]` placeholders through untouched (it may move
them with the words around them), so texts are sent whole: unlike a neural model,
its rules need the full sentence.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess

from kbgen.i18n.engines import EngineError
from kbgen.languages import Language

log = logging.getLogger("kbgen.i18n")

# kbgen language -> (Apertium mode, Debian package that provides it)
PAIRS: dict[str, tuple[str, str]] = {
    "es": ("eng-spa", "apertium-eng-spa"),
    "ca": ("eng-cat", "apertium-eng-cat"),
    "gl": ("en-gl", "apertium-en-gl"),
}
SEPARATOR = "\n[[S]]\n"


@functools.cache
def _installed_modes(command: str) -> frozenset[str]:
    result = subprocess.run([command, "-l"], capture_output=True, text=True, encoding="utf-8", check=False)
    return frozenset(result.stdout.split())


class ApertiumEngine:
    """Options: `command`, the apertium executable (default: `apertium` on PATH)."""

    name = "apertium"

    def __init__(self, *, command: str = "apertium"):
        self.command = command

    def translate(self, texts: list[str], target: Language) -> list[str]:
        if not texts:
            return []
        mode = self._mode(target)
        output = self._run(mode, SEPARATOR.join(texts))
        parts = output.split(SEPARATOR)
        if len(parts) == len(texts):
            return parts
        # A text that itself holds the separator line: slow but correct.
        log.warning("apertium: the separator did not survive; translating %d texts one by one", len(texts))
        return [self._run(mode, text) for text in texts]

    def _mode(self, target: Language) -> str:
        if target.code not in PAIRS:
            known = ", ".join(sorted(PAIRS))
            raise EngineError(
                f"Apertium cannot translate English to '{target.code}' (kbgen knows: {known}); use the argos engine"
            )
        mode, debian_package = PAIRS[target.code]
        path = shutil.which(self.command)
        if path is None:
            raise EngineError(
                f"Apertium is not installed; install the Debian packages `apertium` and `{debian_package}`"
            )
        if mode not in _installed_modes(path):
            raise EngineError(f"Apertium has no '{mode}' mode; install the Debian package `{debian_package}`")
        return mode

    def _run(self, mode: str, text: str) -> str:
        # -u: no '*' before unknown words, so they come out as plain English.
        # The final newline makes Apertium flush the last line; it is removed again below.
        result = subprocess.run(
            [self.command, "-u", mode], input=text + "\n", capture_output=True, text=True, encoding="utf-8", check=False
        )
        if result.returncode != 0:
            raise EngineError(f"apertium {mode} failed: {result.stderr.strip() or f'exit code {result.returncode}'}")
        return result.stdout.removesuffix("\n")
