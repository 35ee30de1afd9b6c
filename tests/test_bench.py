"""A smoke run of the benchmark on a tiny corpus: the runner works end to end (figures are not asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO


@pytest.mark.trial
def test_benchmark_runs_on_a_tiny_corpus(tmp_path: Path):
    scratch = tmp_path / "tmp"  # the benchmark's temporary folder: empty again once it ends
    scratch.mkdir()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--articles",
            "4",
            "--languages",
            "de",
            "--segments",
            "100",
            "--skip-argos",
            "--scale",
            "3,4",
            "--output",
            str(tmp_path),
        ],
        cwd=REPO,
        # One process per build (as `kbgen build -j 1`): the figures are not asserted, the runner is.
        env={**os.environ, "TMPDIR": str(scratch), "KBGEN_JOBS": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["languages"] == 2 and results["pages"] > 0
    for key in (
        "full_build_s",
        "plain_mkdocs_2proc_s",
        "plain_mkdocs_sequential_s",
        "one_edit_s",
        "nochange_s",
        "translation_edit_s",
        "title_edit_s",
        "new_article_s",
        "full_build_cpu_s",
        "plain_mkdocs_cpu_s",
    ):
        assert results[key] > 0, key
    assert 0 < results["full_build_peak_mb"] < 4096
    assert 0 < results["scaling"]["3"]["pages"] < results["scaling"]["4"]["pages"]
    assert results["scaling"]["4"]["full_build_s"] == results["full_build_s"]  # the corpus's own size: not built again
    assert set(results["search"]) == {"en", "de"}
    assert "| full `kbgen build` |" in (tmp_path / "results.md").read_text()
    assert not list(scratch.iterdir())  # the generated corpus and plain MkDocs' output are gone
