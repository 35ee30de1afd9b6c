"""The command line: help everywhere, exit codes, scaffolding, schemas."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, snapshot

from kbgen import __version__
from kbgen.cli import cli


def test_version(kbgen):
    result = kbgen("--version")
    assert result.exit_code == 0
    assert result.output == f"kbgen, version {__version__}\n"


def _commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("command", list(_commands(cli)), ids=" ".join)
def test_every_command_has_help(command, kbgen):
    result = kbgen(*command, "--help")
    assert result.exit_code == 0
    assert "Usage: " in result.output
    assert len(result.output.splitlines()) > 3


def test_unknown_command_is_a_usage_error(kbgen):
    result = kbgen("publish")
    assert result.exit_code == 2
    assert "No such command 'publish'" in result.output


def test_missing_project_is_one_readable_error(tmp_path: Path, kbgen):
    result = kbgen("-C", tmp_path, "check")
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: {tmp_path / 'mkdocs.yml'}: not found (run kbgen in a help-center project, or pass --project)\n"
    )


def test_demo_content_checks_clean(demo_site: Path, kbgen):
    # The built copy of the demo (its QA results cached by the build); as of a fixed date:
    # the demo's reviews fall due as time passes, as real content does. Every translation is
    # checked: one that adds scam text, changes a value or adds markup is an error here.
    result = kbgen("-C", demo_site, "check", "--strict", "--today", "2026-11-22")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("0 error(s), 0 warning(s)\n")


def test_quiet_hides_warnings(mini: Path, kbgen):
    (mini / "content" / "notes.txt").write_text("scratch")
    assert "not a content file; ignored" in kbgen("-C", mini, "check").output
    assert "not a content file" not in kbgen("-C", mini, "-q", "check").output


@pytest.mark.parametrize("kind, folder, key", [("article", "articles", "title"), ("faq", "faqs", "question")])
def test_new_scaffolds_a_valid_file(kind, folder, key, mini: Path, kbgen):
    result = kbgen("-C", mini, "new", kind, "wallets", "move-funds-between-wallets")

    path = mini / "content" / folder / "wallets" / "move-funds-between-wallets.yaml"
    assert result.exit_code == 0, result.output
    assert result.output == f"Created content/{folder}/wallets/move-funds-between-wallets.yaml\n"
    text = path.read_text()
    assert text.startswith(f"# yaml-language-server: $schema=../../../schema/{kind}.schema.json\n")
    assert f"{key}: Move funds between wallets" in text
    check = kbgen("-C", mini, "check")
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize(
    "args, message",
    [
        (("article", "cards", "lost-card"), "Error: unknown category 'cards' (known: wallets)"),
        (
            ("article", "wallets", "Lost_Card"),
            "Error: 'Lost_Card' is not a safe URL slug (use lowercase letters, digits and single hyphens)",
        ),
        (("article", "wallets", "what-is-a-wallet"), "Error: an article with id 'what-is-a-wallet' already exists"),
        (
            ("faq", "wallets", "can-support-restore-my-wallet"),
            "Error: a FAQ with id 'can-support-restore-my-wallet' already exists",
        ),
    ],
)
def test_new_refuses_what_would_not_validate(args, message, mini: Path, kbgen):
    before = snapshot(mini)
    result = kbgen("-C", mini, "new", *args)
    assert result.exit_code == 1
    assert result.output == message + "\n"
    assert snapshot(mini) == before


def test_schema_matches_the_committed_files(tmp_path: Path, kbgen):
    result = kbgen("schema", "--output", tmp_path)
    assert result.exit_code == 0
    for path in sorted(tmp_path.glob("*.schema.json")):
        assert path.read_text() == (REPO / "schema" / path.name).read_text(), (
            f"run `kbgen schema`: {path.name} is stale"
        )


def test_an_editor_using_the_article_schema_flags_typos_and_missing_fields():
    # What yaml-language-server tells a writer, from the committed schema (YAML dates are strings to it).
    schema = json.loads((REPO / "schema" / "article.schema.json").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    article = json.loads(
        json.dumps(
            yaml.safe_load((REPO / "content/articles/account-access/reset-password.yaml").read_text()), default=str
        )
    )
    without_summary = {key: value for key, value in article.items() if key != "summary"}

    assert [e.message for e in validator.iter_errors(article)] == []
    assert [e.message for e in validator.iter_errors({**article, "titel": "Reset", "priority": "urgent"})] == [
        "Additional properties are not allowed ('titel' was unexpected)",
        "'urgent' is not one of ['top', 'high', 'normal', 'low']",
    ]
    assert [e.message for e in validator.iter_errors(without_summary)] == ["'summary' is a required property"]


def test_every_demo_file_points_editors_at_its_schema():
    for path in sorted((REPO / "content").rglob("*.yaml")):
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), f"{path}: {schema} does not exist"
