"""Real Argos models: the package index, downloads and installs, over HTTP on 127.0.0.1 as in production."""

from __future__ import annotations

import json
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from argos_package import build_tiny_argos_package

from bench.serving import served as serving_folder


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on 127.0.0.1, and its address."""
    root = tmp_path / "www"
    root.mkdir()
    with serving_folder(root) as url:
        yield root, url.rstrip("/")


def _entry(base: str, from_code: str, to_code: str, file: str, version: str = "0.1") -> dict:
    return {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": from_code.upper(),
        "to_code": to_code,
        "to_name": to_code.upper(),
        "links": ["ipfs://Qmnothere", f"{base}/{file}"],
        "code": f"translate-{from_code}_{to_code}",
    }


@pytest.fixture
def index(served, tiny_argosmodel: Path) -> str:
    """An Argos index offering en->de (the tiny package), en->fr and de->en."""
    root, base = served
    shutil.copy(tiny_argosmodel, root / "translate-en_de-0_1.argosmodel")
    entries = [
        _entry(base, "de", "en", "missing.argosmodel"),
        _entry(base, "en", "de", "translate-en_de-0_1.argosmodel"),
        _entry(base, "en", "fr", "translate-en_de-0_1.argosmodel", "1.9"),
    ]
    (root / "index.json").write_text(json.dumps(entries))
    return f"{base}/index.json"


def test_list_available_shows_the_packages_from_english(index: str, empty_argos_home: Path, kbgen):
    result = kbgen("models", "list", "--available", "--index", index)
    assert result.exit_code == 0, result.output
    assert result.output == "en -> de  EN → DE 0.1\nen -> fr  EN → FR 1.9\n"


def test_install_a_pair_downloads_checks_and_installs_it(index: str, empty_argos_home: Path, kbgen):
    result = kbgen("models", "install", "en", "de", "--index", index)

    assert result.exit_code == 0, result.output
    assert result.output == f"Installed en -> de: en → de 0.1 in {empty_argos_home / 'tiny_en_de'}\n"
    assert (empty_argos_home / "tiny_en_de" / "model" / "model.bin").is_file()
    assert sorted(p.name for p in empty_argos_home.iterdir()) == ["tiny_en_de"]  # no download left behind
    listed = kbgen("models", "list", "--available", "--index", index).output
    assert "en -> de  EN → DE 0.1  (installed)\n" in listed


def test_the_index_is_read_from_argos_package_index(index: str, empty_argos_home: Path, kbgen, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index.removesuffix("/index.json"))
    assert kbgen("models", "install", "en", "de").exit_code == 0


def test_a_download_that_is_not_the_promised_pair_installs_nothing(index: str, empty_argos_home: Path, kbgen):
    result = kbgen("models", "install", "en", "fr", "--index", index)
    assert result.exit_code == 1
    assert "the index promised en->fr, the package holds en->de" in result.output
    assert list(empty_argos_home.iterdir()) == []


def test_a_pair_the_index_lacks_names_what_it_has(index: str, empty_argos_home: Path, kbgen):
    result = kbgen("models", "install", "en", "vi", "--index", index)
    assert result.exit_code == 1
    assert result.output == f"Error: the Argos index ({index}) has no en->vi package; from en it offers: de, fr\n"


def test_brazilian_portuguese_prefers_the_pb_package(served, tmp_path: Path, empty_argos_home: Path, kbgen):
    root, base = served
    shutil.copy(build_tiny_argos_package(tmp_path, "en", "pb"), root / "pb.argosmodel")
    shutil.copy(build_tiny_argos_package(tmp_path, "en", "pt"), root / "pt.argosmodel")
    (root / "index.json").write_text(
        json.dumps([_entry(base, "en", "pt", "pt.argosmodel"), _entry(base, "en", "pb", "pb.argosmodel")])
    )
    result = kbgen("models", "install", "en", "pt-BR", "--index", f"{base}/index.json")
    assert result.exit_code == 0, result.output
    assert [p.name for p in empty_argos_home.iterdir()] == ["tiny_en_pb"]


def test_offline_is_one_message_with_the_way_to_install_a_file(empty_argos_home: Path, kbgen):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/index.json"
    result = kbgen("models", "list", "--available", "--index", url)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot reach {url} (")
    assert result.output.endswith(
        "). Without network: download the .argosmodel file elsewhere (the links are in "
        "https://github.com/argosopentech/argospm-index/blob/main/index.json), copy it here and run "
        "`kbgen models install FILE.argosmodel`\n"
    )
    assert result.output.count("\n") == 1


def test_translate_without_lang_drafts_every_language_with_a_model(mini: Path, argos_home: Path, kbgen):
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0

    result = kbgen("-C", mini, "translate")

    assert result.exit_code == 0, result.output
    assert re.search(
        r"^de: \d+ draft\(s\), \d+ suggestion\(s\) for outdated translations, \d+ rejected$",
        result.output,
        re.MULTILINE,
    )
    assert (
        "Skipped 2 language(s) without a argos model:\n"
        "  es (no Argos model for en->es; install one with `kbgen models install en es` "
        "(or from a downloaded file: `kbgen models install FILE.argosmodel`))\n"
        "  ar (no Argos model for en->ar; install one with `kbgen models install en ar` "
        "(or from a downloaded file: `kbgen models install FILE.argosmodel`))\n"
    ) in result.output


def test_translate_with_lang_and_no_model_is_an_error(mini: Path, empty_argos_home: Path, kbgen):
    kbgen("-C", mini, "i18n", "update")
    result = kbgen("-C", mini, "translate", "-l", "es")
    assert result.exit_code == 1
    assert result.output.startswith("Error: no Argos model for en->es; install one with `kbgen models install en es`")
