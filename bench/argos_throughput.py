"""Segments per second: kbgen's batched Argos engine against argostranslate's own translate().

argostranslate is not a kbgen dependency (it pulls torch); install it by hand
for this comparison: `pip install /path/to/torch-2.13.0+cpu.whl argostranslate==1.11.0`.

    .venv/bin/python bench/argos_throughput.py [--size tiny|base] [--argosmodel FILE] [--cap 48] [--sentences 200]

Without --argosmodel it builds the random-weight en->de package from
tests/argos_package.py: tiny (2 layers, d_model 32), or with --size base the
shape of a Transformer-base (6 layers, d_model 512, ffn 2048, 8 heads; the
vocabulary stays 300 pieces, real packages have ~32k). Random weights never emit </s>, so every sentence
decodes exactly --cap tokens on both paths: equal work, and the ratio measures
the plumbing alone. With a real model the cap only stops runaway output.

To run Argos' path offline and at equal settings, three things are patched on
its (public) translation objects, nothing inside argostranslate's source:
  * the sentence splitter: Argos 1.11 defaults to MiniSBD, which downloads an
    ONNX model on first use (not stanza or spaCy unless ARGOS_CHUNK_TYPE says
    so); it is replaced by kbgen's regex splitter, which both paths then share;
  * beam size: `settings.beam_size` 4 -> 1 (kbgen decodes greedily);
  * decoding length: Argos never passes max_decoding_length (CTranslate2's
    default is 256); its Translator is wrapped to pass --cap.
Argos keeps its own thread settings (inter_threads=1, intra_threads=0 = all
cores), since that is what its users get; a second run gives it kbgen's.
Sockets are blocked throughout.
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

SIZES = {"tiny": {}, "base": {"layers": 6, "heads": 8, "d_model": 512, "ffn": 2048}}
_SUBJECTS = [
    "your password",
    "the recovery phrase",
    "two-factor authentication",
    "the deposit address",
    "your withdrawal",
    "the network fee",
    "your account email",
    "the transaction",
]
_ACTIONS = ["Check", "Reset", "Confirm", "Never share", "Update", "Copy", "Review", "Verify"]
_ENDINGS = [
    "before you continue.",
    "in Settings.",
    "from the mobile app.",
    "if support asks you to.",
    "within 24 hours.",
    "after the transfer is complete.",
    "on the security page.",
    "when you sign in on a new device.",
]


def support_sentences(count: int) -> list[str]:
    """`count` distinct support sentences, so kbgen's de-duplication gains nothing."""
    combos = itertools.product(_ACTIONS, _SUBJECTS, _ENDINGS)
    return [f"{action} {subject} {ending}" for action, subject, ending in itertools.islice(combos, count)]


def block_network() -> None:
    def refuse(*args, **kwargs):
        raise OSError("benchmark must stay offline")

    socket.socket.connect = refuse
    socket.getaddrinfo = refuse


class CappedTranslator:
    """Argos' own Translator, with the decoding cap Argos does not let us set."""

    def __init__(self, translator, cap: int):
        self.translator, self.cap = translator, cap

    def translate_batch(self, *args, **kwargs):
        return self.translator.translate_batch(*args, max_decoding_length=self.cap, **kwargs)


class RegexSentencizer:
    def split_sentences(self, text: str) -> list[str]:
        from kbgen.i18n.engines.argos import split_sentences

        return split_sentences(text)[::2]  # drop the whitespace between sentences


def argos_path(to_code: str, cap: int, threads: tuple[int, int] | None):
    """argostranslate's translate() for en->to_code, patched as the module docstring says."""
    import ctranslate2
    from argostranslate import settings, translate

    settings.beam_size = 1
    cached = translate.get_translation_from_codes("en", to_code)  # CachedTranslation(PackageTranslation)
    package_translation = cached.underlying
    package_translation.sentencizer = RegexSentencizer()
    inter, intra = threads or (settings.inter_threads, settings.intra_threads)
    # The same constructor call PackageTranslation.hypotheses makes, with the threads we want.
    translator = ctranslate2.Translator(
        str(package_translation.pkg.package_path / "model"),
        device=settings.device,
        inter_threads=inter,
        intra_threads=intra,
        compute_type=settings.compute_type,
    )
    package_translation.translator = CappedTranslator(translator, cap)
    return lambda texts: [translate.translate(text, "en", to_code) for text in texts]


def measure(run, texts: list[str], repeats: int) -> tuple[float, list[str]]:
    run(texts[:4])  # load the model and warm caches outside the timing
    best, out = float("inf"), []
    for _ in range(repeats):
        start = time.perf_counter()
        out = run(texts)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--argosmodel", type=Path, help="a real .argosmodel (default: build a random-weight package)")
    parser.add_argument(
        "--size", choices=sorted(SIZES), default="tiny", help="shape of the built package (default: tiny)"
    )
    parser.add_argument("--to", default="de", help="target Argos code of the package (default: de)")
    parser.add_argument("--cap", type=int, default=48, help="max decoding length for both paths (default: 48)")
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object (for bench/run.py)")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="kbgen-bench-"))
    # Argos reads these once, at import: set them first so nothing lands in ~.
    os.environ["ARGOS_PACKAGES_DIR"] = str(home / "packages")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(home / name.lower())
    block_network()

    from kbgen.i18n.engines import get_engine
    from kbgen.i18n.engines.argos import _cores, install_model
    from kbgen.languages import language

    shape = "a real model"
    if args.argosmodel is None:
        from argos_package import build_tiny_argos_package

        args.argosmodel = build_tiny_argos_package(home, **SIZES[args.size])
        shape = f"{args.size}, random weights"
    model = install_model(args.argosmodel)
    target = language(args.to)
    texts = support_sentences(args.sentences)
    cores = _cores()
    if not args.json:
        print(
            f"model: {model.name} {model.version} ({shape}); {len(texts)} sentences; "
            f"cap {args.cap} tokens; greedy; {cores} cores"
        )

    kbgen = get_engine("argos", max_decoding_length=args.cap)
    ours, our_out = measure(lambda t: kbgen.translate(t, target), texts, args.repeats)
    theirs, their_out = measure(argos_path(model.to_code, args.cap, None), texts, args.repeats)
    same_threads, _ = measure(argos_path(model.to_code, args.cap, (cores, 1)), texts, args.repeats)
    # Argos' decoding also turns "_" into " "; compare without it.
    agree = sum(a.replace("_", " ") == b for a, b in zip(our_out, their_out, strict=True))

    if args.json:
        import json

        print(
            json.dumps(
                {
                    "model": shape,
                    "sentences": len(texts),
                    "cap": args.cap,
                    "kbgen": ours,
                    "argos": theirs,
                    "argos_same_threads": same_threads,
                    "identical": agree,
                }
            )
        )
        return
    print(f"kbgen batched engine:                         {ours:8.1f} segments/s")
    print(f"argostranslate translate() (its threads):     {theirs:8.1f} segments/s   ratio {ours / theirs:.2f}x")
    print(
        f"argostranslate translate() (inter={cores}, intra=1): {same_threads:8.1f} segments/s   ratio {ours / same_threads:.2f}x"
    )
    print(f"identical outputs: {agree}/{len(texts)}")


if __name__ == "__main__":
    main()
