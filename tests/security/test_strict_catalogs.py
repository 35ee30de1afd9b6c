"""Catalogs are read at least as strictly as `msgfmt --check` reads them.

Each broken catalog below is one a translator's tool, a bad merge or an
attacker could produce; Babel alone would read most of them without a word
(an unterminated msgstr silently changed a translation). kbgen must report
each with file and line, in content and theme catalogs, and `msgfmt --check`
(when installed) must reject the same file: kbgen is never more lenient.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import snapshot

HEADER = """msgid ""
msgstr ""
"Project-Id-Version: Mini\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Language: de\\n"

"""
ENTRY = """msgctxt "category:wallets:title"
msgid "Wallets"
msgstr "Wallets"

"""
GOOD = (
    HEADER
    + ENTRY
    + """msgctxt "category:wallets:description"
msgid "Everything about wallets."
msgstr "Alles über Wallets."
"""
)

# name: (catalog text, the line kbgen reports after "invalid PO file: ", its line number)
# kbgen reads and writes catalogs as UTF-8 only: these two msgfmt accepts with a warning.
UTF8_ONLY = {"header-without-charset", "unknown-charset"}
BROKEN = {
    "unterminated-msgstr": (
        HEADER + ENTRY + 'msgctxt "a"\nmsgid "Everything about wallets."\nmsgstr "Alles über\n',
        "unterminated string (no closing quote)",
        15,
    ),
    "unterminated-continuation": (
        HEADER + 'msgctxt "a"\nmsgid "x"\nmsgstr ""\n"first line\n"second"\n',
        "unterminated string (no closing quote)",
        12,
    ),
    "invalid-escape": (
        HEADER + 'msgctxt "a"\nmsgid "Path"\nmsgstr "C:\\Programme"\n',
        "invalid escape sequence '\\P'",
        11,
    ),
    "text-after-string": (HEADER + 'msgctxt "a"\nmsgid "x"\nmsgstr "y" z\n', "text after the closing quote: 'z'", 11),
    "duplicate-entry": (GOOD + "\n" + ENTRY, "duplicate message definition (first defined on line 9)", 17),
    "duplicate-without-context": (
        HEADER + 'msgid "Yes"\nmsgstr "Ja"\n\nmsgid "Yes"\nmsgstr "Jawohl"\n',
        "duplicate message definition (first defined on line 9)",
        12,
    ),
    "no-header": (ENTRY, 'no header entry (msgid "" with Content-Type)', 1),
    "header-without-charset": (
        HEADER.replace('"Content-Type: text/plain; charset=UTF-8\\n"\n', "") + ENTRY,
        "the header has no charset (Content-Type: text/plain; charset=UTF-8)",
        1,
    ),
    "unknown-charset": (HEADER.replace("charset=UTF-8", "charset=KLINGON-8") + ENTRY, "unknown charset 'KLINGON-8'", 1),
    "msgid-without-msgstr": (
        HEADER + 'msgctxt "a"\nmsgid "x"\n\nmsgctxt "b"\nmsgid "y"\nmsgstr "z"\n',
        "msgid without msgstr",
        9,
    ),
    "unknown-keyword": (HEADER + 'msgctxt "a"\nmsgid "x"\nmsgtsr "y"\n', "unknown keyword 'msgtsr'", 11),
    "newline-mismatch": (
        HEADER + 'msgctxt "a"\nmsgid "Line\\n"\nmsgstr "Zeile"\n',
        "msgid and msgstr do not both end with a newline",
        9,
    ),
}


def _msgfmt_rejects(path: Path) -> bool:
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True)
    return done.returncode != 0


@pytest.mark.parametrize("name", sorted(BROKEN), ids=sorted(BROKEN))
def test_strict_reader_reports_file_and_line(name: str, tmp_path: Path):
    from kbgen.i18n.postrict import check_po

    text, message, line = BROKEN[name]
    problems = check_po(text.encode("utf-8"), "content.po")
    assert [str(p) for p in problems] == [f"content.po:{line}: invalid PO file: {message}"]


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="msgfmt (Debian gettext) is not installed")
@pytest.mark.parametrize("name", sorted(set(BROKEN) - UTF8_ONLY), ids=sorted(set(BROKEN) - UTF8_ONLY))
def test_msgfmt_rejects_what_kbgen_rejects(name: str, tmp_path: Path):
    path = tmp_path / "content.po"
    path.write_text(BROKEN[name][0], encoding="utf-8")
    assert _msgfmt_rejects(path)


def test_two_strings_on_one_line_are_refused():
    # msgfmt joins them; Babel would read `"y" "z"` as `y" "z` and show the quotes to readers.
    from kbgen.i18n.postrict import check_po

    problems = check_po((HEADER + 'msgctxt "a"\nmsgid "x"\nmsgstr "y" "z"\n').encode(), "content.po")
    assert [str(p) for p in problems] == [
        "content.po:11: invalid PO file: two strings on one line (put each on its own line)"
    ]


def test_good_catalog_passes_both(tmp_path: Path):
    from kbgen.i18n.postrict import check_po

    path = tmp_path / "content.po"
    path.write_text(GOOD, encoding="utf-8")
    assert check_po(GOOD.encode("utf-8"), "content.po") == []
    if shutil.which("msgfmt"):
        assert not _msgfmt_rejects(path)


def test_every_catalog_kbgen_writes_passes(mini: Path, kbgen, tmp_path: Path):
    from kbgen.i18n.postrict import check_po

    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    from kbgen.config import load_project

    written = sorted((mini / "locales").rglob("*.po")) + sorted((mini / "locales").glob("*.pot"))
    assert len(written) == 2 * (1 + len(load_project(mini).targets))  # content and theme: template and each language
    for path in written:
        assert check_po(path.read_bytes(), path.name) == []


@pytest.mark.parametrize("domain", ["content", "theme"])
@pytest.mark.parametrize("name", ["unterminated-msgstr", "duplicate-entry", "invalid-escape"])
def test_check_and_build_refuse_a_broken_catalog(name: str, domain: str, mini: Path, kbgen):
    config = mini / "mkdocs.yml"
    config.write_text(re.sub(r"languages: \[[^\]]*\]", "languages: [de]", config.read_text()))
    assert kbgen("-C", mini, "i18n", "update").exit_code == 0
    text, message, line = BROKEN[name]
    path = mini / "locales" / "de" / "LC_MESSAGES" / f"{domain}.po"
    path.write_text(text, encoding="utf-8")
    expected = f"locales/de/LC_MESSAGES/{domain}.po:{line}: invalid PO file: {message}"
    before = snapshot(mini)

    for command in ("check", "build"):
        result = kbgen("-C", mini, command)
        assert result.exit_code == 1
        assert expected in result.output.splitlines(), result.output
        assert "Traceback" not in result.output
    assert snapshot(mini) == before


@pytest.mark.parametrize(
    ("msgstr", "problem"),
    [
        (r'"C:\\Programme"', None),  # an escaped backslash, then a letter
        (r'"\x41\101\t\"quoted\""', None),
        (r'"Why\?"', "invalid escape sequence '\\?'"),
        (r'"C:\Programme"', "invalid escape sequence '\\P'"),
        (r'"\xZZ"', "invalid escape sequence '\\x'"),
        (r'"ends with a backslash\"', "unterminated string (no closing quote)"),
    ],
)
def test_escape_sequences_are_read_as_msgfmt_reads_them(msgstr: str, problem: str | None, tmp_path: Path):
    from kbgen.i18n.postrict import check_po

    text = HEADER + f'msgctxt "a"\nmsgid "x"\nmsgstr {msgstr}\n'
    found = [p.message for p in check_po(text.encode(), "content.po")]
    assert found == ([f"invalid PO file: {problem}"] if problem else [])
    if shutil.which("msgfmt"):
        path = tmp_path / "content.po"
        path.write_text(text, encoding="utf-8")
        assert _msgfmt_rejects(path) == (problem is not None)
