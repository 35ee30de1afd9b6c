"""A PO file read at least as strictly as `msgfmt --check` reads it.

Babel's `read_po` is lenient: an unterminated `msgstr "...` is read as if it
were closed, an unknown escape is kept as it is, and of two entries with the
same msgctxt and msgid the last silently wins. Any of those changes what a
reader sees without anyone having decided it, so kbgen refuses such a file
with the line to fix, before Babel reads it. The rules follow GNU gettext's
PO lexer and parser (`po-lex.c`, `po-gram.y`) and `msgfmt --check`'s header
and newline checks.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kbgen.errors import Problem
from kbgen.fsutil import read_cache, write_if_changed
from kbgen.toolchain import toolchain_digest

_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(.*)$")
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')  # unrolled: one step per run of plain characters
_ANY_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]|.?)", re.S)  # pairs, left to right: `\\P` is `\\` then `P`
_VALID_ESCAPE = set('ntbrfva\\"01234567')  # as msgfmt 0.21: C's \? and \' are invalid in PO
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+))")
_SIMPLE = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


def _unescape(match: re.Match) -> str:
    simple, octal, hexa = match.groups()
    if simple:
        return _SIMPLE.get(simple, simple)
    return chr(int(octal, 8)) if octal else chr(int(hexa, 16) % 0x110000)


_CHARSET = re.compile(r"^Content-Type:\s*[^;\n]*;\s*charset=([^\s;]+)", re.M | re.I)


@dataclass
class _Entry:
    line: int
    obsolete: bool
    fields: dict[str, list[str]] = field(default_factory=dict)  # keyword -> string pieces
    order: list[str] = field(default_factory=list)
    broken: bool = False

    def text(self, keyword: str) -> str | None:
        return "".join(self.fields[keyword]) if keyword in self.fields else None


class _Parser:
    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []
        self.entries: list[_Entry] = []
        self.current: _Entry | None = None
        self.keyword: str | None = None

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.shown, line, f"invalid PO file: {message}"))
        if self.current is not None:
            self.current.broken = True  # one mistake, one message: its consequences are not reported

    def feed(self, number: int, raw: str) -> None:
        line = raw.strip()
        obsolete = False
        if line.startswith("#~"):
            obsolete, line = True, line[2:].strip()
            if line.startswith("|"):
                return  # a previous msgid of an obsolete entry: a comment
        elif not line:
            return
        elif line.startswith("#"):
            self.keyword = None  # strings after a comment continue nothing
            return
        if line.startswith('"'):
            if self.keyword is None or self.current is None:
                self.error(number, "a string without a keyword before it")
                return
            self.current.fields[self.keyword].append(self.string(number, line))
            return
        match = _KEYWORD.match(line)
        if not match:
            self.error(number, f"unknown keyword {line.split()[0]!r}")
            return
        self.keyword_line(number, match, obsolete)

    def keyword_line(self, number: int, match: re.Match, obsolete: bool) -> None:
        keyword, rest = match.group(1), match.group(3)
        starts = keyword == "msgctxt" or keyword == "msgid" and (self.current is None or "msgid" in self.current.fields)
        if starts:
            self.close()
            self.current = _Entry(number, obsolete)
        elif keyword != "msgid" and (self.current is None or "msgid" not in self.current.fields):
            self.error(number, f"'{keyword}' without a msgid before it")
            return
        assert self.current is not None  # opened above, or a msgid opened it (else the line was skipped)
        if keyword in self.current.fields:
            self.error(number, f"a second '{keyword}' in one entry")
            return
        if keyword.startswith("msgstr[") and "msgid_plural" not in self.current.fields:
            self.error(number, f"'{keyword}' without msgid_plural")
        if keyword == "msgstr" and "msgid_plural" in self.current.fields:
            self.error(number, "'msgstr' after msgid_plural (expected msgstr[0])")
        self.current.fields[keyword] = [self.string(number, rest.strip())]
        self.current.order.append(keyword)
        self.keyword = keyword

    def string(self, number: int, token: str) -> str:
        """The value of the `"..."` token on one line; a malformed one is reported."""
        pieces, rest = [], token
        while True:
            match = _STRING.match(rest)
            if match is None:
                self.error(
                    number,
                    "unterminated string (no closing quote)"
                    if rest.startswith('"')
                    else "expected a string in double quotes",
                )
                break
            pieces.append(match.group(1))
            rest = rest[match.end() :].strip()
            if not rest:
                break
            if rest.startswith('"'):
                # msgfmt joins them, but Babel reads `"y" "z"` as `y" "z`: the reader would see quotes.
                self.error(number, "two strings on one line (put each on its own line)")
            else:
                self.error(number, f"text after the closing quote: {rest[:20]!r}")
            break
        value = "".join(pieces)
        if "\\" not in value:
            return value  # the common case
        for escape in _ANY_ESCAPE.finditer(value):
            sequence = escape.group(1)
            if not (len(sequence) == 2 or sequence and sequence in _VALID_ESCAPE):  # two: `x` and a hex digit
                self.error(number, f"invalid escape sequence '\\{escape.group(1)}'")
                break
        return _ESCAPE.sub(_unescape, value)

    def close(self) -> None:
        if self.current is None:
            return
        entry = self.current
        if not entry.broken:  # a broken entry was reported where it broke
            if "msgid" not in entry.fields:
                self.error(entry.line, "msgctxt without msgid")
            elif not any(k.startswith("msgstr") for k in entry.fields):
                self.error(entry.line, "msgid without msgstr")
        self.entries.append(entry)
        self.current, self.keyword = None, None


def check_po(data: bytes, shown: str) -> list[Problem]:
    """Every problem `msgfmt --check` would report in a PO/POT file (and the same line)."""
    problems = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return [Problem(shown, line, f"invalid PO file: not valid UTF-8 ({exc.reason})")]
    parser = _Parser(shown)
    for number, raw in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 is text in a PO file
        parser.feed(number, raw)
    parser.close()
    problems += parser.problems
    problems += _duplicates(parser.entries, shown)
    problems += _header(parser.entries, shown)
    problems += _newlines(parser.entries, shown)
    return problems


RESULTS_FILE = ".catalog-checks.json"  # in the build folder: the catalogs that passed
_RESULTS: dict[tuple[bytes, str], tuple[Problem, ...]] = {}
_CLEAN: set[bytes] = set()  # digests of catalogs known to pass, from this process or a results file
_CLEAN_SEEN: set[bytes] = set()  # those asked about in this process


def checked(data: bytes, shown: str) -> tuple[Problem, ...]:
    """check_po, once per catalog state (by digest): a build checks every catalog before it
    writes anything, then reads them again, in worker processes forked with these results.
    A catalog that passed in an earlier build (`load_clean`) is not checked again."""
    digest = hashlib.sha256(data).digest()
    if digest in _CLEAN:
        _CLEAN_SEEN.add(digest)
        return ()
    key = (digest, shown)
    if key not in _RESULTS:
        if len(_RESULTS) >= 256:  # a long `kbgen serve` session sees many states
            _RESULTS.clear()
        _RESULTS[key] = tuple(check_po(data, shown))
        if not _RESULTS[key]:
            _CLEAN.add(digest)
            _CLEAN_SEEN.add(digest)
    return _RESULTS[key]


def load_clean(path: Path) -> None:
    """Take the catalogs that passed in an earlier build with this kbgen from `path` (a results file)."""
    with contextlib.suppress(ValueError, TypeError):  # a digest that is not hex, a list that is not one
        _CLEAN.update(bytes.fromhex(digest) for digest in read_cache(path, toolchain_digest()).get("clean", ()))


def save_clean(path: Path) -> None:
    """Write the digests of the catalogs this process found clean to `path`, for the next build."""
    data = {"salt": toolchain_digest(), "clean": sorted(digest.hex() for digest in _CLEAN_SEEN)}
    write_if_changed(path, json.dumps(data, indent=0) + "\n", durable=False)


def _duplicates(entries: list[_Entry], shown: str) -> list[Problem]:
    seen: dict[tuple[str | None, str], int] = {}
    problems = []
    for entry in entries:
        if entry.obsolete or "msgid" not in entry.fields:
            continue
        key = (entry.text("msgctxt"), entry.text("msgid") or "")
        if key in seen:
            problems.append(
                Problem(
                    shown,
                    entry.line,
                    f"invalid PO file: duplicate message definition (first defined on line {seen[key]})",
                )
            )
        else:
            seen[key] = entry.line
    return problems


def _header(entries: list[_Entry], shown: str) -> list[Problem]:
    header = next((e for e in entries if not e.obsolete and e.text("msgid") == "" and e.text("msgctxt") is None), None)
    if header is None:
        return [Problem(shown, 1, 'invalid PO file: no header entry (msgid "" with Content-Type)')]
    value = header.text("msgstr") or ""
    match = _CHARSET.search(value)
    if not match:
        return [
            Problem(
                shown,
                header.line,
                "invalid PO file: the header has no charset (Content-Type: text/plain; charset=UTF-8)",
            )
        ]
    charset = match.group(1)
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return [Problem(shown, header.line, f"invalid PO file: unknown charset '{charset}'")]
    if name != "utf-8":
        return [
            Problem(
                shown,
                header.line,
                f"invalid PO file: charset '{charset}': kbgen reads catalogs as UTF-8 (convert with msgconv -t UTF-8)",
            )
        ]
    return []


def _newlines(entries: list[_Entry], shown: str) -> list[Problem]:
    """msgfmt --check: a msgid and its msgstr both begin, and both end, with a newline, or neither does."""
    problems = []
    for entry in entries:
        source = entry.text("msgid")
        if entry.obsolete or not source:
            continue
        for keyword in entry.order:
            target = entry.text(keyword) if keyword.startswith("msgstr") else None
            if not target:
                continue
            for where, test in (("begin", str.startswith), ("end", str.endswith)):
                if test(source, "\n") != test(target, "\n"):
                    problems.append(
                        Problem(
                            shown,
                            entry.line,
                            f"invalid PO file: msgid and {keyword} do not both {where} with a newline",
                        )
                    )
    return problems
