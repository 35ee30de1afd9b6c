"""The Chromium that drives the browser tests, the search measurement and the screenshots.

Debian's `chromium-headless-shell` first: Chromium's own headless build
(what Playwright runs headless with its bundled browsers), without the
desktop browser's layers. It renders the same pages with about a third less
CPU than `chromium --headless`, which the browser tests spend most of their
time in on two cores. The full `chromium` when only it is installed.
"""

from __future__ import annotations

import shutil
from typing import Any

NAMES = ("chromium-headless-shell", "chromium")
ARGS = (
    "--no-sandbox",  # tests run as root in containers
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def executable() -> str | None:
    """The first of NAMES on PATH, or None."""
    return next((found for name in NAMES if (found := shutil.which(name))), None)


def launch(playwright: Any) -> Any:
    """A headless browser from a `sync_playwright()` session; RuntimeError without Chromium."""
    path = executable()
    if path is None:
        raise RuntimeError("Chromium is not installed: apt-get install chromium-headless-shell (or chromium)")
    return playwright.chromium.launch(executable_path=path, args=list(ARGS))
