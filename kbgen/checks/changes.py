"""What a change touches: the lines that differ from a base revision, per record.

`kbgen check --changed-since REF` makes date-driven findings (a review past
due, a notice or article that ended) errors only in the records the change
touches, so the calendar alone never fails an unchanged tree, while a writer
who edits an overdue article is asked to review it.

The change is everything between the merge base of REF and HEAD and the
working tree: commits, staged and unstaged edits, and untracked files, so a
writer gets locally what CI will say. Line numbers are those of the working
tree, as every problem reports them.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from kbgen.content.model import Content
from kbgen.errors import KbgenError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_FILE = re.compile(r"^\+\+\+ (?:b/(.*)|/dev/null)$", re.MULTILINE)
WHOLE_FILE = (1, 1 << 30)


@dataclass
class Changes:
    """Changed line ranges per file (paths relative to the project root)."""

    base: str
    lines: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def add(self, path: str, first: int, last: int) -> None:
        self.lines.setdefault(path, []).append((first, last))

    def touches(self, path: str | None, first: int = 1, last: int = WHOLE_FILE[1]) -> bool:
        """Whether any changed line of `path` falls within first..last."""
        return any(a <= last and first <= b for a, b in self.lines.get(path or "", ()))


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise KbgenError("--changed-since needs git, which is not installed") from None


def changes_since(root: Path, ref: str) -> Changes:
    """The lines changed since the merge base of `ref` and HEAD, uncommitted edits included."""
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise KbgenError(f"--changed-since needs a git repository: {root} is not in one")
    if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise KbgenError(
            f"--changed-since: unknown git revision '{ref}' (in CI, fetch it first: "
            "actions/checkout with fetch-depth: 0)"
        )
    base = _git(root, "merge-base", ref, "HEAD")
    if base.returncode != 0:
        raise KbgenError(f"--changed-since: '{ref}' has no common history with HEAD")
    diff = _git(root, "diff", "--unified=0", "--no-color", "--no-ext-diff", "--relative", base.stdout.strip())
    changes = Changes(ref)
    _parse_diff(diff.stdout, changes)
    untracked = _git(root, "ls-files", "--others", "--exclude-standard")
    for path in untracked.stdout.splitlines():
        changes.add(path, *WHOLE_FILE)
    return changes


def _parse_diff(text: str, changes: Changes) -> None:
    """Added or changed lines of each file; a pure deletion touches the lines around it."""
    for chunk in re.split(r"^diff --git ", text, flags=re.MULTILINE)[1:]:
        target = _FILE.search(chunk)
        if target is None or target.group(1) is None:  # a deleted file has no lines left to report
            continue
        path = target.group(1)
        for hunk in _HUNK.finditer(chunk):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            if count:
                changes.add(path, start, start + count - 1)
            else:
                changes.add(path, max(start, 1), start + 1)


def record_spans(content: Content) -> dict[tuple[str, str], tuple[int, int]]:
    """The lines each record occupies in its file (kind, id) -> (first, last).

    A file with one record (an article, a FAQ) is that record from its first
    line to its last; in a file with many (notices, the glossary) each record
    runs up to the next one.
    """
    by_file: dict[str, list[tuple[int, tuple[str, str]]]] = {}
    for key, origin in content.origins.items():
        by_file.setdefault(origin.file, []).append((getattr(origin.data, "line", 1) or 1, key))
    spans = {}
    for records in by_file.values():
        records.sort()
        for index, (start, key) in enumerate(records):
            first = 1 if index == 0 else start
            last = records[index + 1][0] - 1 if index + 1 < len(records) else WHOLE_FILE[1]
            spans[key] = (first, last)
    return spans
