"""Search for every script: a Pagefind index over all language sites.

Pagefind indexes each page under its `<html lang>` (one index per language,
with word segmentation for Chinese, Japanese and Korean in the extended
build) and loads index chunks on demand, so a first query downloads a small
part of the index. Only `data-pagefind-body` (page content) is indexed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kbgen.errors import KbgenError

BUNDLE_DIR = "pagefind"


def index_site(site_dir: Path) -> None:
    """(Re)write `<site>/pagefind/` for every language site under `site_dir`."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE_DIR, "--quiet"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise KbgenError(f"cannot run Pagefind: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise KbgenError(f"search indexing failed (pagefind): {detail[0]}")
    _stabilize(site_dir / BUNDLE_DIR / "pagefind-entry.json")


def _stabilize(entry: Path) -> None:
    """Pagefind lists languages in a different order on each run; sort them so reruns are byte-identical."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
