"""Bad inputs from the file system: one line naming the file, exit 1, no traceback, nothing written.

Each case puts one bad thing into a copy of the small project. `kbgen check`
and `kbgen build` must both print the exact line, exit 1 and leave every
file as it was (a FIFO must not make either of them hang).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import snapshot

ARTICLES = "content/articles/wallets"
ARTICLE = f"{ARTICLES}/what-is-a-wallet.yaml"
PO = "locales/de/LC_MESSAGES/content.po"


def _article(root: Path, name: str, **fields) -> None:
    text = {
        "id": name,
        "title": "A title",
        "summary": "A summary.",
        "category": "wallets",
        "last_reviewed": "2026-10-01",
        "body": "Text.",
        **fields,
    }
    (root / ARTICLES / f"{name}.yaml").write_text(
        "".join(f"{key}: {json.dumps(value)}\n" for key, value in text.items()), encoding="utf-8"
    )


def _outside(root: Path) -> str:
    secret = root.parent / "secret.yaml"
    secret.write_text("id: secret\n", encoding="utf-8")
    os.symlink(secret, root / ARTICLES / "secret.yaml")
    return f"{ARTICLES}/secret.yaml: is a symlink to {secret}, outside the project: refused (copy the file into the project)"


def _write(relative: str, data: bytes) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)

    return make


def _limit(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("    external_domains:", "    max_file_bytes: 500\n    external_domains:")
    )


CASES: dict[str, tuple[Callable[[Path], object], str]] = {
    "folder-named-yaml": (
        lambda r: (r / ARTICLES / "folder.yaml").mkdir(),
        f"{ARTICLES}/folder.yaml: is a folder, not a file",
    ),
    "fifo-named-yaml": (
        lambda r: os.mkfifo(r / ARTICLES / "pipe.yaml"),
        f"{ARTICLES}/pipe.yaml: is not a regular file (it is a FIFO); not read",
    ),
    "dangling-symlink": (
        lambda r: os.symlink("gone.yaml", r / ARTICLES / "dangling.yaml"),
        f"{ARTICLES}/dangling.yaml: is a symlink to gone.yaml, which does not exist",
    ),
    "symlink-loop": (
        lambda r: os.symlink("loop.yaml", r / ARTICLES / "loop.yaml"),
        f"{ARTICLES}/loop.yaml: is a symlink loop",
    ),
    "symlink-outside": (_outside, None),
    "file-over-1-mb": (
        lambda r: _article(r, "huge", body="x" * 1_000_001),
        f"{ARTICLES}/huge.yaml: is 1,000,108 bytes, over the limit of 1,000,000 (extra.kbgen.max_file_bytes)",
    ),
    "configured-size-limit": (_limit, f"{ARTICLE}: is 565 bytes, over the limit of 500 (extra.kbgen.max_file_bytes)"),
    "nesting-10k-deep": (
        _write(f"{ARTICLES}/deep.yaml", b"id: deep\nbody: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"),
        f"{ARTICLES}/deep.yaml:2: nested more than 64 levels deep",
    ),
    "lone-surrogate": (
        _write(f"{ARTICLES}/surrogate.yaml", b'id: surrogate\ntitle: "Wallet \\ud800"\n'),
        f"{ARTICLES}/surrogate.yaml:2: invalid text: a lone surrogate (\\ud800) is not a character",
    ),
    "nul-escape": (
        _write(f"{ARTICLES}/nul.yaml", b'id: nul\ntitle: "Wallet\\0"\n'),
        f"{ARTICLES}/nul.yaml:2: invalid text: a NUL character (\\0) is not allowed",
    ),
    "nul-byte": (
        _write(f"{ARTICLES}/nulbyte.yaml", b"id: nulbyte\ntitle: Wal\x00let\n"),
        f"{ARTICLES}/nulbyte.yaml:2: invalid YAML: unacceptable character #x0000: special characters are not allowed",
    ),
    "invalid-utf8": (
        _write(f"{ARTICLES}/latin1.yaml", "id: latin1\ntitle: Geldbörse\n".encode("latin-1")),
        f"{ARTICLES}/latin1.yaml: not valid UTF-8 text (invalid start byte at byte 23)",
    ),
    "content-po-is-a-folder": (lambda r: (r / PO).mkdir(parents=True), f"{PO}: is a folder, not a file"),
    "content-po-is-a-fifo": (
        lambda r: ((r / PO).parent.mkdir(parents=True, exist_ok=True), os.mkfifo(r / PO)),
        f"{PO}: is not a regular file (it is a FIFO); not read",
    ),
    "mkdocs-yml-is-a-folder": (
        lambda r: ((r / "mkdocs.yml").unlink(), (r / "mkdocs.yml").mkdir()),
        "mkdocs.yml: is a folder, not a file",
    ),
}


class _Hang(Exception):
    """A command that did not return in time (a blocking open, a loop)."""


def _alarm(signum, frame):
    raise _Hang("kbgen hung")


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_bad_input_is_one_line_and_nothing_is_written(case: str, command: str, mini: Path, kbgen):
    make, expected = CASES[case]
    made = make(mini)
    expected = expected or made
    before = snapshot(mini)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(60)
    try:
        result = kbgen("-C", mini, command)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

    assert result.exit_code == 1, result.output
    assert expected in result.output.splitlines(), result.output
    assert "Traceback" not in result.output
    assert snapshot(mini) == before
    assert not (mini / "site").exists()


def test_theme_file_linked_from_outside_the_project_is_refused(mini: Path, kbgen):
    secret = mini.parent / "id_rsa"
    secret.write_text("PRIVATE KEY\n")
    (mini / "theme" / "assets").mkdir(parents=True)
    os.symlink(secret, mini / "theme" / "assets" / "logo.png")
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: theme\n"))
    before = snapshot(mini)

    result = kbgen("-C", mini, "build")

    assert result.exit_code == 1
    assert (
        f"theme/assets/logo.png: is a symlink to {secret}, outside the project: refused "
        "(copy the file into the project)"
    ) in result.output.splitlines()
    assert snapshot(mini) == before
    assert not (mini / "site").exists()


def test_theme_in_mkdocs_string_form_is_accepted(mini: Path, kbgen):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("theme:\n  name: material\n  font: false\n", "theme: material\n"))
    assert "theme: material\n" in config.read_text()

    assert kbgen("-C", mini, "check").exit_code == 0
    result = kbgen("-C", mini, "build")
    assert result.exit_code == 0, result.output
    assert (mini / "site" / "de" / "wallets" / "what-is-a-wallet" / "index.html").is_file()


@pytest.mark.parametrize(
    ("theme", "message"),
    [
        (
            "theme: [material]",
            "mkdocs.yml:3: 'theme': expected a theme name (material) or a mapping with 'name: material'",
        ),
        (
            "theme:\n  name: material\n  custom_dir: [a]",
            "mkdocs.yml:3: 'theme': expected a theme name (material) or a mapping with 'name: material'",
        ),
    ],
)
def test_malformed_theme_setting_is_one_line(theme: str, message: str, mini: Path, kbgen):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("theme:\n  name: material\n  font: false", theme))
    result = kbgen("-C", mini, "check")
    assert result.exit_code == 1
    assert message in result.output.splitlines()


@pytest.mark.parametrize(
    ("setting", "message", "accepted"),
    [
        (  # page.html files, while every link kbgen makes names page/
            "use_directory_urls: false",
            "'use_directory_urls': kbgen builds pages as folders (page/index.html, linked as page/): remove this setting",
            "use_directory_urls: true",
        ),
        (  # kbgen makes every language's navigation: an entry added here vanished without a word
            "nav:\n  - Status: https://status.example.com/",
            "'nav': kbgen builds the navigation from content/ (categories, articles, FAQs): remove this setting",
            None,
        ),
    ],
)
def test_settings_kbgen_cannot_honour_are_refused_at_their_line(setting, message, accepted, mini: Path, kbgen):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + setting + "\n")
    line = config.read_text().splitlines().index(setting.splitlines()[0]) + 1
    for command in ("check", "build"):
        result = kbgen("-C", mini, command)
        assert result.exit_code == 1
        assert f"mkdocs.yml:{line}: {message}" in result.output.splitlines()
    assert not (mini / "site").exists()
    if accepted:
        config.write_text(config.read_text().replace(setting, accepted))
        assert kbgen("-C", mini, "check").exit_code == 0


def test_the_markdown_extensions_kbgen_writes_for_are_required(mini: Path, kbgen):
    """Without them readers saw `!!! kb-contact` and `{ .md-button }` as text on every page."""
    config = mini / "mkdocs.yml"
    text = config.read_text()
    config.write_text(text.replace("  - attr_list\n", "").replace("  - md_in_html\n", ""))
    line = config.read_text().splitlines().index("markdown_extensions:") + 1
    for command in ("check", "build"):
        result = kbgen("-C", mini, command)
        assert result.exit_code == 1
        assert (
            f"mkdocs.yml:{line}: 'markdown_extensions': kbgen's pages need admonition, attr_list, md_in_html, "
            "tables: add attr_list, md_in_html"
        ) in result.output.splitlines()
    assert not (mini / "site").exists()
    config.write_text(text.replace("  - attr_list\n", "  - markdown.extensions.attr_list\n"))  # its full name
    config.write_text(config.read_text().replace("  - md_in_html\n", "  - md_in_html: {}\n"))  # with settings
    assert kbgen("-C", mini, "check").exit_code == 0


def _mount(kind: str, target: Path) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    options = "ro,size=64k" if kind == "read-only" else "size=64k"
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    return done.returncode == 0


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("disk-full", r"Error: site/\S+: no space left on device"),
        ("read-only", r"Error: site/\S+: read-only file system"),
    ],
)
def test_unwritable_output_is_one_line(kind: str, expected: str, mini: Path, kbgen):
    site = mini / "site"
    if not _mount(kind, site):
        pytest.skip("needs root to mount a small tmpfs as the site folder")
    try:
        result = kbgen("-C", mini, "build")
    finally:
        subprocess.run(["umount", str(site)], check=True)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and re.fullmatch(expected, errors[0]), result.output
    assert "Traceback" not in result.output
