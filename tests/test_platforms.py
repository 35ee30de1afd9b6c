"""The example platform configurations name the real catalogs of every configured language."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import REPO

from kbgen.config import load_project
from kbgen.i18n.poformat import WIDTH

EXAMPLES = REPO / "docs" / "examples"
# Crowdin's language ids for kbgen's languages, where they differ from kbgen's code.
CROWDIN_IDS = {"es": "es-ES", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}


@pytest.fixture(scope="module")
def project():
    return load_project(REPO)


def _crowdin_folder(crowdin_id: str, mapping: dict) -> str:
    """What %two_letters_code% becomes for a Crowdin language."""
    return mapping.get("two_letters_code", {}).get(crowdin_id, crowdin_id.split("-")[0])


def test_crowdin_patterns_name_every_languages_catalogs(project):
    config = yaml.safe_load((EXAMPLES / "crowdin.yml").read_text())
    assert config["export_only_approved"] is True  # kbgen publishes every non-fuzzy translation
    sources = set()
    for entry in config["files"]:
        source = REPO / entry["source"].lstrip("/")
        assert source.is_file(), entry["source"]
        sources.add(source.name)
        for lang in project.targets:
            folder = _crowdin_folder(CROWDIN_IDS.get(lang.code, lang.code), entry.get("languages_mapping", {}))
            translation = REPO / entry["translation"].lstrip("/").replace("%two_letters_code%", folder)
            assert translation.is_file(), f"{lang.code}: {translation.relative_to(REPO)}"
            assert translation.name == source.name.replace(".pot", ".po")
    assert sources == {"content.pot", "theme.pot"}


def test_weblate_components_name_every_languages_catalogs(project):
    components = json.loads((EXAMPLES / "weblate-components.json").read_text())["components"]
    assert {c["slug"] for c in components} == {"content", "theme"}  # a component per catalog
    for component in components:
        assert component["file_format"] == "po" and component["template"] == ""
        assert (REPO / component["new_base"]).is_file()
        for lang in project.targets:
            assert (REPO / component["filemask"].replace("*", lang.babel)).is_file(), (component["slug"], lang.code)
        addons = {addon["name"]: addon.get("configuration", {}) for addon in component["addons"]}
        assert addons["weblate.gettext.customize"] == {"width": WIDTH - 2}  # kbgen's wrapping
        assert "weblate.gettext.msgmerge" not in addons  # kbgen's update does the merge


def test_the_guide_names_the_tested_files():
    guide = (REPO / "docs" / "translation-platforms.md").read_text()
    for name in ("docs/examples/crowdin.yml", "docs/examples/weblate-components.json", "tests/test_platforms.py"):
        assert name in guide
