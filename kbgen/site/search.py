"""Search for every script, with the engine that measured best for each language.

Measured in Chromium on the demo (tests/test_browser.py, 7 queries per
language, hit@3): Pagefind found the answer for every query in the
alphabetic scripts, Arabic and Korean, where Material's lunr search falls
back to English stemming for Indonesian and to Russian for Ukrainian. For
Chinese and Japanese, Pagefind segments page text at index time but not the
query, so compounds (手数料, 提现待处理, 驗證器) matched 2 of 7 queries at
best; Material's search with jieba (Chinese, segmented at build time) and
lunr's Japanese segmenter found all of them. So: Material's search for
those, Pagefind for the rest.

Pagefind indexes each page under its `<html lang>` (one index per language)
and loads index chunks on demand, so a first query downloads a small part of
the index. Only `data-pagefind-body` (page content) is indexed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from kbgen.errors import KbgenError
from kbgen.fsutil import remove_others, write_if_changed

BUNDLE_DIR = "pagefind"

# Languages searched with Material's own search (lunr): its `lang` setting.
MATERIAL_SEARCH: dict[str, str] = {"ja": "ja", "zh-Hans": "zh", "zh-Hant": "zh"}
# Material's recommended separator for Chinese: jieba's segments are joined by U+200B.
_CHINESE_SEPARATOR = r'[\s\u200b\-_,:!=\[\]()"`/]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])'


def engine(lang_code: str) -> str:
    """"material" or "pagefind": which search a language's site uses."""
    return "material" if lang_code in MATERIAL_SEARCH else "pagefind"


def material_plugin(lang_code: str) -> dict:
    """Material's search plugin settings for a language searched with it."""
    settings: dict = {"lang": MATERIAL_SEARCH[lang_code]}
    if MATERIAL_SEARCH[lang_code] == "zh":
        settings["separator"] = _CHINESE_SEPARATOR
    return {"search": settings}


def index_site(site_dir: Path, languages: list[str], bundle: Path) -> None:
    """Write the search bundle for the language sites under `site_dir` into `bundle`.

    Pagefind writes into a scratch folder; only files whose bytes changed are
    copied into `bundle` and files it no longer makes are removed, so an
    unchanged index keeps its files untouched and no stale chunk is left behind.
    """
    scratch = bundle.with_name(bundle.name + ".new")
    shutil.rmtree(scratch, ignore_errors=True)
    pages = "{" + ",".join(sorted(languages)) + "}/**/*.html"
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", pages,
               "--output-path", str(scratch), "--quiet"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise KbgenError(f"cannot run Pagefind: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise KbgenError(f"search indexing failed (pagefind): {detail[0]}")
    _stabilize(scratch / "pagefind-entry.json")
    _sync(scratch, bundle)
    shutil.rmtree(scratch, ignore_errors=True)


def _sync(source: Path, target: Path) -> None:
    made = {p.relative_to(source).as_posix(): p for p in source.rglob("*") if p.is_file()}
    for relative, path in made.items():
        write_if_changed(target / relative, path.read_bytes(), durable=False)
    remove_others(target, set(made))


def _stabilize(entry: Path) -> None:
    """Pagefind lists languages in a different order on each run; sort them so reruns are byte-identical."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
