"""`kbgen serve`: a writer's edit shows up in the preview without a restart."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _get(url)
        if text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds}s")


def test_preview_rebuilds_on_edit_and_leaves_site_alone(mini: Path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/en/wallets/back-up-your-wallet/"
    server = subprocess.Popen(
        [sys.executable, "-m", "kbgen", "-C", str(mini), "serve", "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        page = _wait_for(url, "Write down the 12 words")
        assert "livereload" in page  # the browser reloads by itself after a rebuild

        article = mini / "content/articles/wallets/back-up-your-wallet.yaml"
        article.write_text(article.read_text().replace("Write down the 12 words", "Write down all twelve words"))

        _wait_for(url, "Write down all twelve words")
        assert not (mini / "site").exists()  # the preview never touches the published build
    finally:
        server.terminate()
        server.wait(timeout=10)
