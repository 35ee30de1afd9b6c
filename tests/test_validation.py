"""Every kind of broken input gets one clear message naming file, line and key.

Each `tests/bad/bad.*.yaml` says where it goes (`# path:`) and the exact line
kbgen must print (`# expect:`). The file is dropped into a copy of the small
valid project; `kbgen check` and `kbgen build` must both exit 1 with that
message and write nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TESTS, snapshot

BAD = sorted((TESTS / "bad").glob("bad.*.yaml"))


def _header(path: Path, name: str) -> str:
    match = re.search(rf"^# {name}: (.*)$", path.read_text(encoding="utf-8"), re.M)
    assert match, f"{path.name} lacks '# {name}:'"
    return match.group(1)


def test_there_is_a_bad_input_for_each_failure_kind():
    assert len(BAD) >= 15


@pytest.mark.parametrize("bad", BAD, ids=[p.name for p in BAD])
def test_check_reports_bad_input(bad: Path, mini: Path, kbgen):
    target = mini / _header(bad, "path")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bad.read_bytes())
    before = snapshot(mini)

    result = kbgen("-C", mini, "check")

    assert result.exit_code == 1
    assert _header(bad, "expect") in result.output.splitlines()
    assert "Traceback" not in result.output
    assert snapshot(mini) == before


@pytest.mark.parametrize("bad", BAD[:3], ids=[p.name for p in BAD[:3]])
def test_build_refuses_bad_input_and_writes_nothing(bad: Path, mini: Path, kbgen):
    target = mini / _header(bad, "path")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bad.read_bytes())
    before = snapshot(mini)

    result = kbgen("-C", mini, "build")

    assert result.exit_code == 1
    assert _header(bad, "expect") in result.output.splitlines()
    assert "problem(s) found." in result.output
    assert snapshot(mini) == before


def test_all_errors_of_a_run_are_shown_together(mini: Path, kbgen):
    article = mini / "content/articles/wallets/what-is-a-wallet.yaml"
    text = (
        article.read_text()
        .replace("priority: top", "priority: urgent")
        .replace("keywords: [crypto wallet]", "keywordz: [crypto wallet]")
    )
    article.write_text(text)
    (mini / "content/faqs/wallets/can-support-restore-my-wallet.yaml").write_text("id: [unclosed\n")

    result = kbgen("-C", mini, "check")

    assert result.exit_code == 1
    assert (
        "content/articles/wallets/what-is-a-wallet.yaml:5: 'keywordz': unknown key (did you mean 'keywords'?)"
        in result.output
    )
    assert "'priority': must be one of top, high, normal or low; got 'urgent'" in result.output
    assert "content/faqs/wallets/can-support-restore-my-wallet.yaml:2: invalid YAML" in result.output
    assert "3 error(s)" in result.output


def test_unknown_language_in_mkdocs_yml(mini: Path, kbgen):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("languages: [de, es, ar]", "languages: [de, klingon]"))

    result = kbgen("-C", mini, "check")

    assert result.exit_code == 1
    assert (
        "mkdocs.yml:19: 'extra.kbgen.languages': unknown language 'klingon' "
        "(expected a locale such as 'de', 'pt-BR' or 'zh-Hant')"
    ) in result.output


def test_unknown_kbgen_setting(mini: Path, kbgen):
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("languages: [de, es, ar]", "languages: [de, es, ar]\n    langauges: [fr]")
    )

    result = kbgen("-C", mini, "check")

    assert result.exit_code == 1
    assert "mkdocs.yml:20: 'extra.kbgen.langauges': unknown key (did you mean 'languages'?)" in result.output


def test_warnings_fail_only_with_strict(mini: Path, kbgen):
    article = mini / "content/articles/wallets/back-up-your-wallet.yaml"
    article.write_text(article.read_text() + "  [Old page](http://harbor.example.com/old)\n")

    assert kbgen("-C", mini, "check").exit_code == 0
    strict = kbgen("-C", mini, "check", "--strict")
    assert strict.exit_code == 1
    assert "warning: 'body': insecure link 'http://harbor.example.com/old': use https://" in strict.output


def test_links_outside_the_allowed_domains_are_reported(mini: Path, kbgen):
    article = mini / "content/articles/wallets/back-up-your-wallet.yaml"
    article.write_text(article.read_text() + "  [Claim your refund](https://harbor-example.support/claim)\n")

    result = kbgen("-C", mini, "check", "--strict")

    assert result.exit_code == 1
    assert (
        "content/articles/wallets/back-up-your-wallet.yaml:13: warning: 'body': link to 'harbor-example.support', "
        "which is not an allowed domain (extra.kbgen.external_domains in mkdocs.yml)"
    ) in result.output.splitlines()
