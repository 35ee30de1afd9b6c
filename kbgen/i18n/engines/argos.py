"""Machine drafts from an installed Argos Translate package, run directly on CTranslate2.

The packages come from Argos' index and format (see `argos_packages`); the
`argostranslate` library itself is not used. Its own `translate()` splits
sentences with a model it downloads on first use (so it fails offline),
translates paragraph by paragraph with beam search 4 and one thread setting
for everything. Instead we split sentences with a small regex, send every
unique fragment of the batch to CTranslate2 at once (one translator replica per
core, one thread each, greedy decoding, a cap on output length) and decode with
the package's SentencePiece model. DESIGN.md has the measurements.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kbgen.errors import KbgenError
from kbgen.i18n.engines import EngineError, argos_packages
from kbgen.i18n.engines.argos_packages import Package
from kbgen.languages import Language, language

if TYPE_CHECKING:
    import ctranslate2
    import sentencepiece

log = logging.getLogger("kbgen.i18n")

SOURCE = "en"

# Kept verbatim: placeholders, and line starts with any Markdown list, heading or
# quote markers. Only the text between them is translated.
_KEEP = re.compile(r"(\[\[C\d+\]\]|(?:^|\s*\n)[ \t]*(?:(?:[-*+>]|#{1,6}|\d+[.)])[ \t]+)*)")
# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket), then
# whitespace, then something that can start a sentence.
_SENTENCE_GAP = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"')\]]))(\s+)(?=[\"'(\[]*[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:e\.g|i\.e|etc|vs|approx|Mr|Mrs|Ms|Dr|No)\.$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
# Published Argos packages for Brazilian Portuguese use "pb" where they differ from "pt".
_PREFERRED_CODES = {"pt-BR": ("pb",)}


@dataclass(frozen=True)
class ArgosModel:
    """An installed Argos package, as `kbgen models list` shows it."""

    from_code: str
    to_code: str
    version: str
    name: str
    path: Path


# --- packages -----------------------------------------------------------------


def packages_dir() -> Path:
    return argos_packages.packages_dir()


def _model(pkg: Package) -> ArgosModel:
    name = f"{pkg.from_name} → {pkg.to_name}" if pkg.from_name and pkg.to_name else pkg.installed_path.name
    return ArgosModel(pkg.from_code, pkg.to_code, pkg.package_version, name, pkg.installed_path)


def list_models() -> list[ArgosModel]:
    """Installed translation packages, sorted by language pair (for `kbgen models list`)."""
    models = [_model(pkg) for pkg in argos_packages.installed_packages() if pkg.type == "translate"]
    return sorted(models, key=lambda m: (m.from_code, m.to_code, m.version, m.name))


def install_model(path: Path) -> ArgosModel:
    """Install an `.argosmodel` file (for `kbgen models install FILE`); return what was installed."""
    return _model(argos_packages.install_file(path))


def argos_codes(code: str) -> tuple[str, ...]:
    """The Argos codes for a kbgen language code, preferred first (`pt-BR` -> pb, pt); other codes as given."""
    try:
        lang = language(code)
    except KbgenError:
        return (code,)
    return _PREFERRED_CODES.get(lang.code, ()) + (lang.argos,)


def install_pair(from_code: str, to_code: str, index: str | None = None) -> ArgosModel:
    """Find the pair in the package index, download, check and install it (`kbgen models install en de`)."""
    url = index or argos_packages.index_url()
    offered = argos_packages.available_packages(url)
    package = argos_packages.choose(offered, argos_codes(from_code)[-1], argos_codes(to_code))
    if package is None:
        targets = sorted({p.to_code for p in offered if p.from_code == from_code})
        raise EngineError(
            f"the Argos index ({url}) has no {from_code}->{to_code} package; "
            f"from {from_code} it offers: {', '.join(targets) or 'nothing'}"
        )
    return _model(argos_packages.download_and_install(package))


def available_models(index: str | None = None) -> list[tuple[ArgosModel, bool]]:
    """Packages from English in the index, each with whether it is installed (`kbgen models list --available`)."""
    installed = {(m.from_code, m.to_code, m.version) for m in list_models()}
    offered = [p for p in argos_packages.available_packages(index) if p.from_code == SOURCE]
    rows = []
    for pkg in sorted(offered, key=lambda p: (p.to_code, p.version_key)):
        model = ArgosModel(
            pkg.from_code,
            pkg.to_code,
            pkg.package_version,
            f"{pkg.from_name} → {pkg.to_name}",
            Path(pkg.links[0]) if pkg.links else Path(),
        )
        rows.append((model, (pkg.from_code, pkg.to_code, pkg.package_version) in installed))
    return rows


def find_package(target: Language) -> Package:
    """The installed en->target package, newest version first; raise EngineError with the fix if none."""
    packages = [p for p in argos_packages.installed_packages() if p.type == "translate"]
    found = argos_packages.choose(packages, SOURCE, argos_codes(target.code))
    if found is None:
        raise EngineError(f"no Argos model for {SOURCE}->{target.argos}; {install_hint(target)}")
    return found


def install_hint(target: Language) -> str:
    return (
        f"install one with `kbgen models install {SOURCE} {target.code}` "
        f"(or from a downloaded file: `kbgen models install FILE.argosmodel`)"
    )


# --- text -----------------------------------------------------------------------


def split_sentences(text: str) -> list[str]:
    """Sentences and the whitespace between them, alternating; joined they give `text` back.

    English source only: punctuation followed by a capital or a digit, except after
    a few common abbreviations. Never touches the network.
    """
    parts = _SENTENCE_GAP.split(text)
    merged = [parts[0]]
    for gap, sentence in zip(parts[1::2], parts[2::2], strict=True):
        if _ABBREVIATION.search(merged[-1]):
            merged[-1] += gap + sentence
        else:
            merged += [gap, sentence]
    return merged


def segment(text: str) -> list[tuple[str, bool]]:
    """`text` as (part, translate?) pairs; joined, the parts give `text` back.

    Placeholders, line breaks, Markdown block markers, the whitespace around
    sentences and parts without a letter are kept verbatim, so a placeholder can
    never be lost or garbled.
    """
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(_KEEP.split(text)):
        if i % 2:
            parts.append((piece, False))
            continue
        for j, sentence in enumerate(split_sentences(piece)):
            core = sentence.strip()
            if j % 2 or not _LETTER.search(core):
                parts.append((sentence, False))
                continue
            start = sentence.index(core)
            parts += [(sentence[:start], False), (core, True), (sentence[start + len(core) :], False)]
    return [(part, translate) for part, translate in parts if part]


# --- CTranslate2 ------------------------------------------------------------------


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _default_compute_type() -> str:
    import ctranslate2

    return "int8" if "int8" in ctranslate2.get_supported_compute_types("cpu") else "auto"


@functools.lru_cache(maxsize=4)
def _translator(model_dir: str, replicas: int, compute_type: str) -> ctranslate2.Translator:
    """Loading a model takes long: one Translator per package and settings for the whole process."""
    import ctranslate2

    log.debug("loading %s (%d replicas, %s)", model_dir, replicas, compute_type)
    try:
        # One single-threaded replica per core: replicas decode batches in parallel,
        # which beat threads inside one replica by 3-4x (DESIGN.md).
        return ctranslate2.Translator(
            model_dir, device="cpu", inter_threads=replicas, intra_threads=1, compute_type=compute_type
        )
    except (RuntimeError, ValueError) as error:
        raise EngineError(
            f"cannot load the Argos model in {model_dir}: {error}; reinstall it with `kbgen models install FILE.argosmodel`"
        ) from None


@functools.lru_cache(maxsize=4)
def _tokenizer(model_file: str) -> sentencepiece.SentencePieceProcessor:
    import sentencepiece

    try:
        return sentencepiece.SentencePieceProcessor(model_file=model_file)
    except (OSError, RuntimeError) as error:
        raise EngineError(
            f"cannot load {model_file}: {error}; reinstall the model with `kbgen models install FILE.argosmodel`"
        ) from None


class ArgosEngine:
    """Greedy CTranslate2 decoding of an installed Argos package.

    Options: `threads` (translator replicas; default: usable cores), `batch_size`
    (sentences per batch), `max_decoding_length` (a fixed cap on output tokens;
    default: `length_ratio` x the sentence's tokens + `length_extra`) and
    `compute_type` (default int8 where the CPU supports it).
    """

    name = "argos"

    def __init__(
        self,
        *,
        threads: int | None = None,
        batch_size: int = 32,
        max_decoding_length: int | None = None,
        length_ratio: float = 2.0,
        length_extra: int = 10,
        compute_type: str | None = None,
    ):
        self.threads = threads or _cores()
        self.batch_size = batch_size
        self.max_decoding_length = max_decoding_length
        self.length_ratio = length_ratio
        self.length_extra = length_extra
        self.compute_type = compute_type

    def translate(self, texts: list[str], target: Language) -> list[str]:
        if not texts:
            return []
        pkg = find_package(target)
        segmented = [segment(text) for text in texts]
        # Help-center text repeats itself ("Open Settings."): translate each sentence once.
        unique = list(dict.fromkeys(part for parts in segmented for part, translate in parts if translate))
        done = dict(zip(unique, self.translate_sentences(pkg, unique), strict=True))
        return ["".join(done[part] if translate else part for part, translate in parts) for parts in segmented]

    def translate_sentences(self, pkg: Package, sentences: list[str]) -> list[str]:
        """Translate sentences that contain no placeholders and no line breaks with `pkg`."""
        if not sentences:
            return []
        tokenizer = _tokenizer(str(pkg.installed_path / "sentencepiece.model"))
        translator = _translator(
            str(pkg.installed_path / "model"), self.threads, self.compute_type or _default_compute_type()
        )
        tokens = [tokenizer.encode(sentence, out_type=str) for sentence in sentences]
        # Multilingual packages name the target language with a first token.
        prefix = [pkg.target_prefix] if pkg.target_prefix else None
        pieces = self._decode(translator, tokens, prefix)
        return [_detokenize(tokenizer, hyp, prefix) for hyp in pieces]

    def _decode(
        self, translator: ctranslate2.Translator, tokens: list[list[str]], prefix: list[str] | None
    ) -> list[list[str]]:
        # Batch only sentences of equal length: no padding, and a sentence's decoding cap
        # depends on itself alone, so its translation does not depend on the rest of the
        # batch. Batches run asynchronously so all replicas work at once.
        by_length: dict[int, list[int]] = {}
        for i, sentence in enumerate(tokens):
            by_length.setdefault(len(sentence), []).append(i)
        size = max(1, min(self.batch_size, math.ceil(len(tokens) / self.threads)))
        order: list[int] = []
        pending = []
        for length, indexes in sorted(by_length.items()):
            for start in range(0, len(indexes), size):
                chunk = indexes[start : start + size]
                order += chunk
                pending += translator.translate_batch(
                    [tokens[i] for i in chunk],
                    target_prefix=[prefix] * len(chunk) if prefix else None,
                    asynchronous=True,
                    beam_size=1,
                    max_decoding_length=self._cap(length),
                    replace_unknowns=True,
                )
        results: list[list[str]] = [[] for _ in tokens]
        for i, result in zip(order, pending, strict=True):
            results[i] = result.result().hypotheses[0]
        return results

    def _cap(self, length: int) -> int:
        # An untrained or confused model repeats itself until the cap: keep it near the input length.
        if self.max_decoding_length:
            return self.max_decoding_length
        return int(self.length_ratio * length) + self.length_extra


def _detokenize(tokenizer: sentencepiece.SentencePieceProcessor, pieces: list[str], prefix: list[str] | None) -> str:
    if prefix and pieces[: len(prefix)] == prefix:
        pieces = pieces[len(prefix) :]
    # SentencePiece's own decoding, unlike Argos', keeps underscores as underscores.
    return tokenizer.decode(pieces).strip()
