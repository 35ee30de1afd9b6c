"""Machine-translation engines: same-length output, placeholders kept, no network, clear errors.

Argos runs for real on a tiny random-weight package built by tests/argos_package.py
(no download); its output is nonsense, so these tests check plumbing, not quality.
Apertium runs the Debian install when there is one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO
from requirements import needs

from kbgen.i18n.engines import PLACEHOLDER, EngineError, get_engine
from kbgen.i18n.engines.pseudo import pseudo_localize
from kbgen.languages import language

GERMAN = language("de")
SPANISH = language("es")

SUPPORT_TEXTS = [
    "Reset your password from the sign-in page.",
    "Open [[C0]] and tap [[C1]]. Then enter the code from [[C2]].",
    "Support will never ask for your recovery phrase, private key or password.",
    "1. Open the app.\n2. Tap **Send**.\n3. Paste the address [[C3]].",
    "[[C4]]",
    "",
]


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


# --- registry -----------------------------------------------------------------------


def test_unknown_engine_lists_the_known_ones():
    with pytest.raises(EngineError) as error:
        get_engine("google")
    assert str(error.value) == "unknown translation engine 'google' (known engines: apertium, argos, pseudo)"


def test_get_engine_passes_options():
    engine = get_engine("argos", threads=1, max_decoding_length=8)
    assert (engine.name, engine.threads, engine.max_decoding_length) == ("argos", 1, 8)


# --- pseudo -------------------------------------------------------------------------


def test_pseudo_accents_pads_and_brackets():
    assert pseudo_localize("Reset your password") == "[Ŕéšéţ ýóúŕ ƥáššŵóŕđ ···]"


def test_pseudo_keeps_placeholders_code_and_link_targets():
    text = "Run `kbgen build --strict` in [[C0]], then read [the guide](https://example.com/Guide) and ``a`b``."
    out = pseudo_localize(text)
    for kept in ("`kbgen build --strict`", "[[C0]]", "](https://example.com/Guide)", "``a`b``"):
        assert kept in out
    assert "guide" not in out.replace("Guide", "")  # the link text itself is accented


def test_pseudo_keeps_markdown_block_markers_outside_the_brackets():
    assert pseudo_localize("1. Tap Send\n2. Confirm").startswith("1. [Ţáƥ")
    assert pseudo_localize("## Fees").startswith("## [")
    assert pseudo_localize("  \n") == "  \n"


def test_pseudo_is_about_thirty_percent_longer():
    text = SUPPORT_TEXTS[2]
    assert 1.25 <= len(pseudo_localize(text)) / len(text) <= 1.35


def test_pseudo_is_deterministic_and_the_same_for_every_language():
    engine = get_engine("pseudo")
    first = engine.translate(SUPPORT_TEXTS, GERMAN)
    assert first == engine.translate(SUPPORT_TEXTS, GERMAN) == engine.translate(SUPPORT_TEXTS, SPANISH)
    assert [placeholders(t) for t in first] == [placeholders(t) for t in SUPPORT_TEXTS]


# --- argos --------------------------------------------------------------------------


def test_argos_translates_a_batch_offline(argos_home: Path, offline: None):
    from kbgen.i18n.engines import argos

    out = get_engine("argos", threads=2).translate(SUPPORT_TEXTS, GERMAN)

    assert len(out) == len(SUPPORT_TEXTS)
    assert all(isinstance(text, str) for text in out)
    assert [placeholders(t) for t in out] == [placeholders(t) for t in SUPPORT_TEXTS]
    assert out[0] != SUPPORT_TEXTS[0]
    assert out[4:] == ["[[C4]]", ""]  # nothing to translate: unchanged
    assert out[3].startswith("1. ") and "\n2. " in out[3]  # list markers kept

    argos._translator.cache_clear()  # a freshly loaded model gives the same output
    assert get_engine("argos", threads=1).translate(SUPPORT_TEXTS, GERMAN) == out


def test_argos_translation_does_not_depend_on_the_rest_of_the_batch(argos_home: Path, offline: None):
    engine = get_engine("argos", batch_size=4)
    batch = engine.translate(SUPPORT_TEXTS * 3, GERMAN)
    assert batch[: len(SUPPORT_TEXTS)] == [engine.translate([text], GERMAN)[0] for text in SUPPORT_TEXTS]


def test_argos_caps_the_decoding_length(argos_home: Path, offline: None):
    # Random weights never emit </s>: the output runs exactly to the cap.
    short = get_engine("argos", max_decoding_length=4).translate([SUPPORT_TEXTS[0]], GERMAN)[0]
    long = get_engine("argos", max_decoding_length=40).translate([SUPPORT_TEXTS[0]], GERMAN)[0]
    assert len(short) < len(long)


def test_argos_without_a_model_says_how_to_install_one(empty_argos_home: Path, offline: None):
    with pytest.raises(EngineError) as error:
        get_engine("argos").translate(["Hello."], GERMAN)
    assert str(error.value) == (
        "no Argos model for en->de; install one with `kbgen models install en de` "
        "(or from a downloaded file: `kbgen models install FILE.argosmodel`)"
    )


def test_argos_prefers_the_pb_package_for_brazilian_portuguese(argos_home: Path):
    from kbgen.i18n.engines.argos import find_package

    copies = [argos_home / f"tiny_en_{code}" for code in ("pt", "pb")]
    for copy in copies:  # the tiny en->de package, relabelled
        shutil.copytree(argos_home / "tiny_en_de", copy)
        metadata = json.loads((copy / "metadata.json").read_text())
        (copy / "metadata.json").write_text(json.dumps(metadata | {"to_code": copy.name[-2:]}))
    try:
        assert find_package(language("pt-BR")).to_code == "pb"
        assert find_package(language("pt")).to_code == "pt"
    finally:
        for copy in copies:
            shutil.rmtree(copy)


def test_models_list_shows_installed_packages(argos_home: Path):
    from kbgen.i18n.engines.argos import ArgosModel, list_models

    assert list_models() == [ArgosModel("en", "de", "0.1", "en → de", argos_home / "tiny_en_de")]


def test_models_install_into_an_empty_folder(empty_argos_home: Path, tiny_argosmodel: Path, offline: None):
    from kbgen.i18n.engines.argos import install_model, list_models

    installed = install_model(tiny_argosmodel)

    assert (installed.from_code, installed.to_code, installed.path) == ("en", "de", empty_argos_home / "tiny_en_de")
    assert list_models() == [installed]


def _zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            None,
            "no such file; download an .argosmodel file first "
            "(links in https://github.com/argosopentech/argospm-index/blob/main/index.json)",
        ),
        ("not a zip", "not an Argos model (an .argosmodel file is a zip archive)"),
        ({"README.md": "hi"}, "not an Argos model (no metadata.json in a top-level folder)"),
        ({"p/metadata.json": "{"}, "not an Argos model (metadata.json is not valid JSON: "),
        (
            {"p/metadata.json": '{"type": "sbd"}'},
            'not an Argos translation model (metadata.json has no "type": "translate")',
        ),
        ({"p/metadata.json": "{}"}, "not an Argos model kbgen can use (missing model/model.bin, sentencepiece.model)"),
    ],
    ids=["missing", "not-zip", "no-metadata", "bad-json", "not-translate", "no-model"],
)
def test_models_install_rejects_what_is_not_a_package(files, message: str, empty_argos_home: Path, tmp_path: Path):
    from kbgen.i18n.engines.argos import install_model

    path = tmp_path / "bad.argosmodel"
    if isinstance(files, str):
        path.write_text(files)
    elif files is not None:
        _zip(path, files)
    with pytest.raises(EngineError) as error:
        install_model(path)
    assert str(error.value).startswith(f"{path}: {message}")
    assert list(empty_argos_home.iterdir()) == []


def test_argos_packages_dir_from_the_environment(argos_session_home: Path):
    # A fresh interpreter, as the CLI runs.
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(argos_session_home / "packages")}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(argos_session_home / name.lower())
    code = "from kbgen.i18n.engines.argos import list_models; print([(m.to_code, m.path.name) for m in list_models()])"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[('de', 'tiny_en_de')]"


def test_segments_keep_placeholders_markers_and_spacing():
    from kbgen.i18n.engines.argos import segment

    text = "Open [[C0]]. Then tap Save, e.g. twice!\n  - Done"
    parts = segment(text)
    assert "".join(part for part, _ in parts) == text
    assert [part for part, translate in parts if translate] == ["Open", "Then tap Save, e.g. twice!", "Done"]


# --- apertium -----------------------------------------------------------------------


@needs("apertium")
def test_apertium_translates_support_text_to_spanish():
    out = get_engine("apertium").translate(
        ["Reset your password.", "Never share your recovery phrase with [[C0]].", ""], SPANISH
    )
    assert "contraseña" in out[0]
    assert out[1].startswith("Nunca") and "[[C0]]" in out[1]
    assert out[2] == ""


@needs("apertium")
def test_apertium_keeps_placeholders_in_a_batch_of_fifty_with_one_process(monkeypatch: pytest.MonkeyPatch):
    from kbgen.i18n.engines import apertium

    runs: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args, *rest, **kwargs):
        runs.append(list(args))
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(apertium.subprocess, "run", counting_run)
    texts = [f"Send only [[C{i}]] to the address [[C{i + 1}]] and wait {i} minutes." for i in range(50)]

    out = get_engine("apertium").translate(texts, SPANISH)

    assert len(out) == 50
    assert [Counter(placeholders(t)) for t in out] == [Counter(placeholders(t)) for t in texts]
    assert len([args for args in runs if "eng-spa" in args]) == 1


@needs("apertium")
def test_apertium_batch_gives_what_single_texts_give():
    engine = get_engine("apertium")
    texts = ["Click the red", "car is fast.", "Line one\nline two\n", "[[S]] is not a separator here\n[[S]]\nreally"]
    assert engine.translate(texts, SPANISH) == [engine.translate([text], SPANISH)[0] for text in texts]


def test_apertium_unsupported_language():
    with pytest.raises(EngineError) as error:
        get_engine("apertium").translate(["Hello."], GERMAN)
    assert (
        str(error.value) == "Apertium cannot translate English to 'de' (kbgen knows: ca, es, gl); use the argos engine"
    )


def test_apertium_not_installed(tmp_path: Path):
    with pytest.raises(EngineError) as error:
        get_engine("apertium", command=str(tmp_path / "apertium")).translate(["Hello."], SPANISH)
    assert (
        str(error.value) == "Apertium is not installed; install the Debian packages `apertium` and `apertium-eng-spa`"
    )


def test_apertium_without_the_language_pair(tmp_path: Path):
    fake = tmp_path / "apertium"  # an apertium that knows no modes
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    with pytest.raises(EngineError) as error:
        get_engine("apertium", command=str(fake)).translate(["Hello."], language("ca"))
    assert str(error.value) == "Apertium has no 'eng-cat' mode; install the Debian package `apertium-eng-cat`"
