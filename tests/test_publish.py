"""Publishing: guarded folders, one build at a time, and a site that is always old or new, never half."""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import snapshot

from bench import faults
from kbgen.site.publish import LOCK_FILE, MARKER


def _set(mini: Path, line: str, after: str = "site_url:") -> None:
    config = mini / "mkdocs.yml"
    lines = config.read_text().splitlines()
    at = next(n for n, text in enumerate(lines) if text.startswith(after))
    lines.insert(at + 1, line)
    config.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize(
    "setting, message",
    [
        ("site_dir: .", "mkdocs.yml:3: 'site_dir': '.' is the project folder or contains it"),
        ("site_dir: ..", "mkdocs.yml:3: 'site_dir': '..' is the project folder or contains it"),
        ("site_dir: ../elsewhere", "mkdocs.yml:3: 'site_dir': '../elsewhere' is outside the project folder"),
        (
            "site_dir: /var/tmp/published",
            "mkdocs.yml:3: 'site_dir': '/var/tmp/published' is outside the project folder",
        ),
        ("site_dir: content", "mkdocs.yml:3: 'site_dir': 'content' overlaps content_dir (content)"),
        ("site_dir: content/articles", "mkdocs.yml:3: 'site_dir': 'content/articles' overlaps content_dir (content)"),
    ],
)
def test_output_folders_that_would_delete_sources_are_refused(mini: Path, kbgen, setting: str, message: str):
    _set(mini, setting)
    before = snapshot(mini)
    result = kbgen("-C", mini, "build", "--clean")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(message)
    assert snapshot(mini) == before


def test_build_dir_inside_the_content_is_refused(mini: Path, kbgen):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("  kbgen:\n", "  kbgen:\n    build_dir: content\n"))
    before = snapshot(mini)
    result = kbgen("-C", mini, "build", "--clean")
    assert result.exit_code == 1
    assert "'extra.kbgen.build_dir': 'content' overlaps content_dir (content)" in result.output
    assert snapshot(mini) == before


def test_a_site_folder_with_someone_elses_files_is_not_written(mini: Path, kbgen):
    (mini / "site").mkdir()
    (mini / "site/notes.txt").write_text("mine")
    result = kbgen("-C", mini, "build", "--clean")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: site: this folder exists and was not made by kbgen; kbgen writes only into folders it creates "
        "(empty it, or choose another folder in mkdocs.yml)"
    )
    assert sorted(p.name for p in (mini / "site").iterdir()) == ["notes.txt"]


def test_clean_removes_only_folders_kbgen_made(mini: Path, kbgen):
    assert kbgen("-C", mini, "build").exit_code == 0
    assert (mini / "site" / MARKER).is_file() and (mini / ".kbgen" / MARKER).is_file()
    (mini / "site" / MARKER).unlink()
    (mini / "site/notes.txt").write_text("mine")
    result = kbgen("-C", mini, "build", "--clean")
    assert result.exit_code == 1
    assert "site: not removed: it was not made by kbgen" in result.output
    assert (mini / "site/notes.txt").read_text() == "mine"


def test_clean_keeps_the_lock_it_holds_and_says_nothing_on_a_first_build(mini: Path, kbgen):
    # The lock is taken (creating the build folder) before --clean runs: on a fresh project the
    # folder holds only that lock, which is no reason to warn.
    result = kbgen("-C", mini, "build", "--clean")
    assert result.exit_code == 0 and "not removed" not in result.output, result.output
    lock = (mini / ".kbgen" / LOCK_FILE).stat().st_ino
    (mini / ".kbgen" / "stale.txt").write_text("from the last build")
    assert kbgen("-C", mini, "build", "--clean").exit_code == 0
    # Removed with everything else kbgen made, except the lock file this build held: removing it
    # would let a second build lock a new file while this one runs.
    assert not (mini / ".kbgen" / "stale.txt").exists()
    assert (mini / ".kbgen" / LOCK_FILE).stat().st_ino == lock
    assert (mini / ".kbgen" / MARKER).is_file()


def _hold_lock(mini: Path, seconds: float, held: threading.Event) -> None:
    (mini / ".kbgen").mkdir(exist_ok=True)
    with open(mini / ".kbgen" / LOCK_FILE, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write("pid 4242\n")
        handle.flush()
        held.set()
        time.sleep(seconds)


def test_a_second_build_stops_with_no_wait(mini: Path, kbgen):
    held = threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(mini, 3, held))
    holder.start()
    held.wait()
    result = kbgen("-C", mini, "build", "--no-wait")
    holder.join()
    assert result.exit_code == 1
    assert result.output.strip() == "Error: .kbgen: another build is running (pid 4242); try again when it ends"
    assert not (mini / "site").exists()


def test_a_second_build_waits_for_the_first(mini: Path, kbgen):
    held = threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(mini, 1, held))
    holder.start()
    held.wait()
    result = kbgen("-C", mini, "build")
    holder.join()
    assert result.exit_code == 0, result.output
    assert "warning: .kbgen: waiting for another build to finish (pid 4242)" in result.output


@pytest.mark.trial
def test_a_killed_build_leaves_each_language_old_or_new_and_the_next_build_recovers():
    # Two trials here; `python -m bench.faults --trials 20` runs the long series.
    outcomes = faults.run(faults.REPO / "tests/data/mini", trials=2, seed=7, max_delay=5.0)
    for outcome in outcomes:
        assert not outcome.broken, outcome
        assert outcome.recovered, outcome


def test_publishing_again_links_unchanged_files_and_never_the_working_copy(tmp_path: Path):
    from kbgen.site.publish import publish

    working, live = tmp_path / "work", tmp_path / "site" / "en"
    (working / "a").mkdir(parents=True)
    (working / "a" / "index.html").write_text("page a")
    (working / "b.html").write_text("page b")
    live.parent.mkdir()
    publish(working, live)
    assert (live / "a" / "index.html").stat().st_ino != (working / "a" / "index.html").stat().st_ino
    first = {p.name: p.stat().st_ino for p in live.rglob("*.html")}
    with (working / "b.html").open("r+") as handle:  # MkDocs rewrites its output in place
        handle.write("PAGE")
    assert (live / "b.html").read_text() == "page b"
    publish(working, live)
    assert (live / "a" / "index.html").stat().st_ino == first["index.html"]  # the same bytes: linked
    assert (live / "b.html").stat().st_ino != first["b.html"] and (live / "b.html").read_text() == "PAGE b"
    assert snapshot(live) == snapshot(working) and not list(tmp_path.glob("site/.*"))
    (working / "a" / "index.html").unlink()
    publish(working, live)
    assert snapshot(live) == snapshot(working)


def test_publishing_reads_a_file_only_when_its_time_cannot_vouch_for_it(tmp_path: Path, monkeypatch):
    from kbgen.site.publish import _same_file

    working, live = tmp_path / "working.html", tmp_path / "live.html"
    working.write_text("<p>one</p>")
    shutil.copy2(working, live)
    # Rewritten with other bytes of the same size and given the same time, just after the copy:
    # the copy is too recent for its time to vouch, so the bytes are compared.
    working.write_text("<p>two</p>")
    stamp = live.stat().st_mtime_ns
    os.utime(working, ns=(stamp, stamp))
    assert not _same_file(working, live)
    # A copy made well after the working file's last write: equal size and time are enough.
    working.write_text("<p>one</p>")
    old = time.time_ns() - 10_000_000_000
    for path in (working, live):
        os.utime(path, ns=(old, old))  # the copy's inode changes now, ten seconds after that time
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self.name} read"))
    assert _same_file(working, live)
