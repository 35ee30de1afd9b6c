"""The scam-text lint over the English content: every prose field of every record, at its line.

The contact points a project declares are its `external_domains` and
whatever `content/contact.yaml` names (channel addresses and the text around
them). A writer who must quote scam text (an article about phishing that
shows a look-alike address) allows one line with a visible, reviewed marker:

- on a one-line field, a YAML comment at the end of that line:
  `summary: ... # kbgen: allow scam-text <reason>`
- inside a Markdown block (`body: |`), a line of its own directly above the
  flagged line, after a blank line: `[//]: # (kbgen: allow scam-text <reason>)`.
  It is a Markdown link definition, which renders nothing and is not a
  translation segment.

The reason is required: the marker is a review decision, and says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kbgen.content.labels import LABEL_REF
from kbgen.content.model import Content
from kbgen.errors import Problem
from kbgen.memo import Memo
from kbgen.scamtext import Declared, Finding, scan

_YAML_MARKER = re.compile(r"#\s*kbgen:\s*allow\s+scam-text\b(.*)$")
_MD_MARKER = re.compile(r"^\s*\[//\]:\s*#\s*\(\s*kbgen:\s*allow\s+scam-text\b([^)]*)\)\s*$")
_SKIP_KEYS = {
    "id",
    "url",
    "email",
    "category",
    "tags",
    "owner",
    "related",
    "icon",
    "link",
    "languages",
    "severity",
    "priority",
    "last_reviewed",
    "start",
    "end",
    "expires",
}


def declared_contacts(content: Content, external_domains: Iterable[str] | None) -> Declared:
    """What the project declares: its external domains and every address and channel its contact page names."""
    texts: list[str] = []
    if content.contact is not None:
        contact = content.contact
        texts += [contact.intro, contact.escalation.intro, *(s.text for s in contact.escalation.steps)]
        for channel in contact.channels:
            texts += [channel.name, channel.description, channel.url or "", channel.email or ""]
    return Declared.of(external_domains or (), texts)


def scam_problems(
    content: Content, declared: Declared, root: Path | None = None, memo: Memo | None = None
) -> list[Problem]:
    """Every finding in the content's prose, as an error at its file and line, less the allowed lines.

    `memo`: each string's findings from an earlier run (salted with `declared`, which they depend on).
    """
    problems: list[Problem] = []
    memo = memo or Memo(None)
    for (_kind, _), origin in sorted(content.origins.items()):
        raw = _raw_lines(root, origin.file)
        for key, line, text in _strings(origin.data):
            masked = LABEL_REF.sub("the button", text)
            findings = memo(masked, lambda: scan(masked, "en", declared), _encode, _decode)  # noqa: B023 (called at once)
            problems += _field_problems(origin.file, key, line, text, findings, raw)
    return problems


def _encode(findings: list[Finding]) -> list:
    return [[f.kind, f.subject, f.message, f.line] for f in findings]


def _decode(kept: list) -> list[Finding]:
    return [Finding(kind, subject, message, line) for kind, subject, message, line in kept]


def _field_problems(
    file: str, key: str, line: int, text: str, findings: list[Finding], raw: list[str]
) -> list[Problem]:
    block = "\n" in text.rstrip("\n")
    first = line + 1 if block else line
    allowed: dict[int, str] = {}
    problems = []
    if block:
        lines = text.split("\n")
        for index, content_line in enumerate(lines):
            if (match := _MD_MARKER.match(content_line)) is None:
                continue
            if index > 0 and lines[index - 1].strip() and not lines[index - 1].lstrip().startswith("#"):
                problems.append(
                    Problem(
                        file,
                        first + index,
                        "scam-text marker must follow a blank line, or Markdown shows it as text",
                        key=key,
                    )
                )
            allowed[first + index + 1] = match.group(1).strip()
    elif 0 < line <= len(raw) and (match := _YAML_MARKER.search(raw[line - 1])):
        allowed[line] = match.group(1).strip()
    for marker_line, reason in allowed.items():
        if not reason:
            problems.append(
                Problem(
                    file,
                    marker_line - (1 if block else 0),
                    "scam-text marker needs a reason: 'kbgen: allow scam-text <why this is safe>'",
                    key=key,
                )
            )
    seen = set()
    # An app label reference names one of the app's own controls (its text is checked in ui-labels.yaml).
    for finding in findings:
        where = first + finding.line - 1
        if allowed.get(where) or (where, finding.message) in seen:
            continue
        seen.add((where, finding.message))
        problems.append(Problem(file, where, f"scam-text: {finding.message}", key=key))
    return problems


def _strings(data: Any, key: str = "", line: int = 0) -> Iterator[tuple[str, int, str]]:
    """Every prose string inside a loaded record, with its key and the line its value starts on."""
    if isinstance(data, dict):
        lines = getattr(data, "key_lines", {})
        for name, value in data.items():
            if name not in _SKIP_KEYS:
                yield from _strings(value, str(name), lines.get(name, line))
    elif isinstance(data, list):
        lines = getattr(data, "item_lines", [])
        for index, value in enumerate(data):
            yield from _strings(value, key, lines[index] if index < len(lines) else line)
    elif isinstance(data, str) and data.strip():
        yield key, line, data


def _raw_lines(root: Path | None, file: str) -> list[str]:
    path = (root / file) if root is not None else Path(file)
    try:
        return path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeError):
        return []
