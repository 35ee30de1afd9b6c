"""Reader signals: what readers searched for and whether pages helped, imported from an export.

The site sends them (theme/assets/kb-search.js) only where `extra.kbgen.signals_endpoint`
is set; whoever runs that endpoint exports what it received as JSON Lines or
CSV, one signal per line:

    {"type": "search", "lang": "de", "query": "Passwort vergessen", "results": 0}
    {"type": "feedback", "lang": "de", "page": "account-access/reset-password/", "helpful": false}
    {"type": "faq", "lang": "de", "faq": "reset-2fa"}

`kbgen signals import FILE` keeps a summary in `<build_dir>/signals.json`: per
language, the searches that found nothing (most frequent first), the pages
readers found least helpful (the dashboard shows both) and the FAQ questions
readers opened most (the home page's popular questions follow them).
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kbgen.config import Project
from kbgen.errors import KbgenError
from kbgen.fsutil import write_if_changed

SUMMARY_FILE = "signals.json"
TOP = 10


@dataclass(frozen=True)
class Signal:
    type: str  # search | feedback | faq
    lang: str
    query: str = ""
    results: int = 0
    page: str = ""
    helpful: bool = False
    faq: str = ""  # the FAQ a reader opened


def read_signals(path: Path) -> list[Signal]:
    """Signals from a JSON Lines or CSV export (by extension); a bad line stops with its file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KbgenError(f"{str(path)}: cannot read: {exc.strerror}") from None
    rows = _csv_rows(text) if path.suffix.lower() == ".csv" else _jsonl_rows(text, path)
    return [_signal(row, path, line) for line, row in rows]


def _jsonl_rows(text: str, path: Path):
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KbgenError(f"{str(path)}:{number}: not JSON: {exc.msg}") from None
            yield number, row


def _csv_rows(text: str):
    reader = csv.DictReader(text.splitlines())
    for row in reader:
        yield reader.line_num, row


def _signal(row: object, path: Path, line: int) -> Signal:
    where = f"{str(path)}:{line}"
    if not isinstance(row, dict):
        raise KbgenError(f"{where}: expected an object with 'type' and 'lang'")
    kind, lang = row.get("type"), row.get("lang")
    if kind not in ("search", "feedback", "faq") or not lang:
        raise KbgenError(f"{where}: 'type' must be search, feedback or faq and 'lang' set; got {kind!r}, {lang!r}")
    if kind == "faq":
        return Signal("faq", str(lang), faq=str(row.get("faq") or ""))
    if kind == "search":
        try:
            results = int(row.get("results", ""))
        except (TypeError, ValueError):
            raise KbgenError(f"{where}: 'results' must be a number; got {row.get('results')!r}") from None
        return Signal(
            "search", str(lang), query=" ".join(str(row.get("query") or "").split()).casefold(), results=results
        )
    helpful = row.get("helpful")
    if isinstance(helpful, str):
        helpful = helpful.strip().lower() in ("true", "yes", "1")
    return Signal("feedback", str(lang), page=str(row.get("page") or ""), helpful=bool(helpful))


def summarize(signals: list[Signal], top: int = TOP) -> dict:
    """Per language: searches, zero-result share, the most frequent zero-result queries, the least helpful pages."""
    by_lang: dict[str, list[Signal]] = defaultdict(list)
    for signal in signals:
        by_lang[signal.lang].append(signal)
    summary = {}
    for lang in sorted(by_lang):
        searches = [s for s in by_lang[lang] if s.type == "search"]
        empty = Counter(s.query for s in searches if s.results == 0 and s.query)
        votes: dict[str, list[bool]] = defaultdict(list)
        for s in by_lang[lang]:
            if s.type == "feedback" and s.page:
                votes[s.page].append(s.helpful)
        pages: list[dict[str, Any]] = [
            {"page": page, "answers": len(v), "helpful": round(sum(v) / len(v), 2)} for page, v in votes.items()
        ]
        pages.sort(key=lambda p: (p["helpful"], -p["answers"], p["page"]))
        opened = Counter(s.faq for s in by_lang[lang] if s.type == "faq" and s.faq)
        summary[lang] = {
            "searches": len(searches),
            "zero_results": sum(1 for s in searches if s.results == 0),
            "top_zero_result_queries": [
                {"query": q, "count": n} for q, n in sorted(empty.items(), key=lambda x: (-x[1], x[0]))[:top]
            ],
            "least_helpful_pages": pages[:top],
            "top_faqs": [{"faq": f, "count": n} for f, n in sorted(opened.items(), key=lambda x: (-x[1], x[0]))[:top]],
        }
    return summary


def faq_opens(summary: dict) -> dict[str, dict[str, int]]:
    """Per language, how often readers opened each of the most opened FAQs (a summary from before FAQ signals: none)."""
    return {
        lang: {item["faq"]: item["count"] for item in data.get("top_faqs", [])}
        for lang, data in summary.items()
        if data.get("top_faqs")
    }


def import_signals(project: Project, path: Path) -> tuple[Path, dict]:
    """Read an export and write its summary where the dashboard reads it."""
    summary = summarize(read_signals(path))
    target = project.build_dir / SUMMARY_FILE
    write_if_changed(target, (json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return target, summary


def load_summary(project: Project) -> dict:
    """The last imported summary, or {} when none was imported."""
    path = project.build_dir / SUMMARY_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
