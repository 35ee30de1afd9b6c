"""Shared fixtures: small projects built from a dict, the CLI, the demo site."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from requirements import CHROMIUM

from kbgen.cli import cli

# Argos fixtures import Argos only when a test uses them (they skip without the extra).
pytest_plugins = ["argos_fixtures"]

TESTS = Path(__file__).parent
REPO = TESTS.parent
MINI = TESTS / "data" / "mini"
_GENERATED = shutil.ignore_patterns("site", ".kbgen")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes: compare two to prove nothing was written."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small valid project in tests/data/mini."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root, ignore=_GENERATED)
    return root


@pytest.fixture
def kbgen():
    """Run the kbgen CLI in-process: kbgen("-C", path, "check") -> click Result."""

    def run(*args: str | Path) -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return run


@dataclass(frozen=True)
class Demo:
    root: Path  # the project (a copy of the repository's demo)
    url: str  # where its site is served, e.g. http://127.0.0.1:41234/

    @property
    def site(self) -> Path:
        return self.root / "site"


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Iterator[Demo]:
    """The demo help center, built once per test run and served on localhost.

    It is built for the address it is served at, as a preview is: Material's
    language switcher reads the sitemap of that address.
    """
    from kbgen.config import load_project
    from kbgen.pipeline import build as build_help_center
    from kbgen.pipeline import valid_content

    root = tmp_path_factory.mktemp("demo") / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "content", "theme", "schema", "locales"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy2(source, root / name)
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    project = load_project(root).with_site_url(url)
    content, _ = valid_content(project)
    build_help_center(project, content)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Demo(root, url)
    server.shutdown()


@pytest.fixture(scope="session")
def demo_site(demo: Demo) -> Path:
    return demo.root


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright: one per test module."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Make fresh desktop pages (`new_page(timezone_id="Asia/Tokyo")`: options of a new browser context)
    that record console errors; the test fails if any appear."""
    contexts = []

    def make(**options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        page = context.new_page()
        page.errors = []
        page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        contexts.append((context, page))
        return page

    yield make
    errors = [error for _, page in contexts for error in page.errors]
    for context, _ in contexts:
        context.close()
    assert errors == [], f"console errors: {errors}"


@pytest.fixture
def page(new_page):
    """A fresh desktop page that records console errors; the test fails if any appear."""
    return new_page()
