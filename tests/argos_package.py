"""Build a tiny but valid Argos Translate package without any download.

The package has the layout `argostranslate.package.install_from_path` expects:
a zip with one top-level folder holding `metadata.json`, `sentencepiece.model`
and a CTranslate2 model in `model/`. The Transformer has two layers and random
weights, so it "translates" into nonsense that always runs to the maximum
decoding length: good for testing plumbing and speed, useless for quality.

Everything is seeded and the zip entries carry a fixed date, so two builds
give the same bytes.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece

VOCAB = 300
SEED = 1234
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)

_WORDS = [
    "account",
    "wallet",
    "password",
    "reset",
    "send",
    "receive",
    "address",
    "network",
    "fee",
    "deposit",
    "withdraw",
    "confirm",
    "transaction",
    "blockchain",
    "support",
    "phrase",
    "recovery",
    "private",
    "key",
    "code",
    "verify",
    "email",
    "phone",
    "open",
    "tap",
    "click",
    "settings",
    "security",
    "enable",
    "disable",
    "limit",
    "balance",
    "the",
    "a",
    "your",
    "you",
    "to",
    "of",
    "and",
    "in",
    "on",
    "with",
    "for",
    "never",
    "always",
    "can",
    "cannot",
    "is",
    "are",
    "will",
    "login",
    "sign",
    "up",
    "out",
    "app",
    "browser",
    "download",
    "install",
    "update",
    "version",
    "error",
    "message",
    "help",
    "contact",
    "chat",
    "hours",
    "team",
    "ticket",
    "reply",
    "request",
    "card",
    "bank",
    "transfer",
    "pending",
    "failed",
    "complete",
    "minutes",
    "hours",
    "days",
    "identity",
    "document",
    "photo",
    "selfie",
    "check",
    "status",
    "history",
    "copy",
    "paste",
    "scan",
    "QR",
    "tag",
    "memo",
    "amount",
    "total",
    "network",
    "token",
    "coin",
    "swap",
    "buy",
    "sell",
    "price",
    "make",
    "sure",
    "before",
    "after",
    "only",
    "do",
    "not",
    "share",
    "anyone",
    "ask",
    "we",
    "our",
    "us",
    "this",
    "that",
    "what",
    "why",
    "how",
]
_SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "vi", "ro", "ze", "pa", "qu", "ex"]


def training_lines(count: int = 400, seed: int = SEED) -> list[str]:
    """Support-like English sentences for training the SentencePiece model."""
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(4, 12))]
        # Made-up words and numbers widen the character inventory SentencePiece can split into.
        words.append("".join(rng.choice(_SYLLABLES) for _ in range(3)))
        words.append(str(rng.randint(0, 999)))
        lines.append(" ".join(words).capitalize() + rng.choice(".?!"))
    return lines


def train_sentencepiece(vocab_size: int = VOCAB) -> bytes:
    """A serialized SentencePiece model; one thread so training is deterministic."""
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(training_lines()),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,  # keep test output quiet
    )
    return model.getvalue()


def transformer_spec(
    vocabulary: list[str], *, layers: int = 2, heads: int = 2, d_model: int = 32, ffn: int = 64, seed: int = SEED
) -> ctranslate2.specs.TransformerSpec:
    """A pre-norm Transformer with small random weights and a shared vocabulary (tiny by default)."""
    rng = np.random.default_rng(seed)

    def weights(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.1).astype(np.float32)

    def linear(spec, rows: int, cols: int) -> None:
        spec.weight = weights(rows, cols)
        spec.bias = np.zeros(rows, dtype=np.float32)

    def norm(spec) -> None:
        spec.gamma = np.ones(d_model, dtype=np.float32)
        spec.beta = np.zeros(d_model, dtype=np.float32)

    def feed_forward(spec) -> None:
        norm(spec.layer_norm)
        linear(spec.linear_0, ffn, d_model)
        linear(spec.linear_1, d_model, ffn)

    spec = ctranslate2.specs.TransformerSpec.from_config(layers, heads)
    size = len(vocabulary)
    encoder, decoder = spec.encoder, spec.decoder
    encoder.embeddings[0].weight = weights(size, d_model)
    decoder.embeddings.weight = weights(size, d_model)
    norm(encoder.layer_norm)
    norm(decoder.layer_norm)
    linear(decoder.projection, size, d_model)
    for layer in encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d_model, d_model)  # fused Q, K, V
        linear(layer.self_attention.linear[1], d_model, d_model)
        feed_forward(layer.ffn)
    for layer in decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d_model, d_model)
        linear(layer.self_attention.linear[1], d_model, d_model)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d_model, d_model)  # query
        linear(layer.attention.linear[1], 2 * d_model, d_model)  # fused K, V from the encoder
        linear(layer.attention.linear[2], d_model, d_model)
        feed_forward(layer.ffn)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    return spec


def metadata(from_code: str, to_code: str) -> dict[str, str]:
    return {
        "package_version": "0.1",
        "argos_version": "1.9",
        "type": "translate",
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
    }


def build_tiny_argos_package(dest_dir: Path, from_code: str = "en", to_code: str = "de", **sizes: int) -> Path:
    """Write `dest_dir/tiny_<from>_<to>.argosmodel` and return its path.

    `sizes` (layers, heads, d_model, ffn) make a bigger model for benchmarks.
    """
    folder = f"tiny_{from_code}_{to_code}"
    work = dest_dir / f"{folder}.build"
    model_dir = work / "model"
    model_dir.mkdir(parents=True, exist_ok=True)
    sp_model = train_sentencepiece()
    (work / "sentencepiece.model").write_bytes(sp_model)
    processor = sentencepiece.SentencePieceProcessor(model_proto=sp_model)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    # CTranslate2 looks up <unk>, <s> and </s> by name; SentencePiece puts them at ids 0-2.
    assert vocabulary[:3] == ["<unk>", "<s>", "</s>"], vocabulary[:3]
    spec = transformer_spec(vocabulary, **sizes)
    # What ctranslate2's converters do before saving: check shapes and types, then
    # quantize to int8 as published Argos models are.
    spec.validate()
    spec.optimize(quantization="int8")
    spec.save(str(model_dir))
    (work / "metadata.json").write_text(json.dumps(metadata(from_code, to_code), indent=2), encoding="utf-8")

    archive = dest_dir / f"{folder}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in work.rglob("*") if p.is_file()):
            name = f"{folder}/{path.relative_to(work).as_posix()}"
            zf.writestr(zipfile.ZipInfo(name, date_time=_ZIP_DATE), path.read_bytes())
    return archive
