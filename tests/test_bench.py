"""A smoke run of the benchmark on a tiny corpus: the runner works end to end (figures are not asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_benchmark_runs_on_a_tiny_corpus(tmp_path: Path):
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--articles", "3", "--languages", "de,ja", "--segments", "100",
         "--skip-argos", "--output", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["languages"] == 3 and results["pages"] > 0
    assert set(results["search"]) == {"en", "de", "ja"}
    assert results["search"]["ja"]["engine"] == "pagefind" and results["search"]["de"]["engine"] == "pagefind"
    assert "| full `kbgen build` |" in (tmp_path / "results.md").read_text()
