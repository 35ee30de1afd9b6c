"""Shared fixtures: small projects built from a dict, the CLI, the demo site."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from filelock import FileLock
from requirements import require

from bench import chromium, serving
from kbgen.cli import cli

# Argos fixtures import Argos only when a test uses them (they skip without the extra).
pytest_plugins = ["argos_fixtures"]

TESTS = Path(__file__).parent
REPO = TESTS.parent
MINI = TESTS / "data" / "mini"
_GENERATED = shutil.ignore_patterns("site", ".kbgen")
# Where the demo is built and the address it is served at: set by the main pytest process,
# read by it and by the test processes it starts (pytest-xdist's workers inherit its environment).
_DEMO_FOLDER = "KBGEN_TEST_DEMO_FOLDER"
_DEMO_URL = "KBGEN_TEST_DEMO_URL"
_DEMO_SERVER = pytest.StashKey[ThreadingHTTPServer]()


@pytest.hookimpl(trylast=True)  # after pytest's own, which sets up the run's temporary folder
def pytest_configure(config: pytest.Config) -> None:
    """In the main process: serve the demo's folder for the whole run (it is built on first use).

    One server in the process that outlives every worker, so the address the
    demo is built for stays the same and answers until the last test.
    """
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: the main process serves
        return
    # In the run's temporary folder (the workers' folders are inside it), which pytest keeps
    # for the last few runs and removes after: a run never waits for the demo's files to go.
    folder = config._tmp_path_factory.getbasetemp() / "demo"  # as pytest-xdist itself reads it
    folder.mkdir()
    server = serving.start(folder / "project" / "site")
    config.stash[_DEMO_SERVER] = server
    os.environ[_DEMO_FOLDER] = str(folder)
    os.environ[_DEMO_URL] = serving.address(server)


def pytest_unconfigure(config: pytest.Config) -> None:
    server = config.stash.get(_DEMO_SERVER, None)
    if server is not None:
        serving.stop(server)
        os.environ.pop(_DEMO_FOLDER)
        os.environ.pop(_DEMO_URL)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the demo first: the process that runs them builds it while the others run the rest.

    pytest-xdist's `worksteal` gives each worker a contiguous share of this order.
    """
    items.sort(key=lambda item: "demo" not in getattr(item, "fixturenames", ()))


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes: compare two to prove nothing was written."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small valid project in tests/data/mini."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root, ignore=_GENERATED)
    return root


# Builds run by the `kbgen` fixture use one process (`kbgen build -j 1`): the test processes already
# take every core, and a small project's build costs a third more CPU when it starts workers. The
# demo build and the tests that call `pipeline.build` keep one worker per core, so that path stays tested.
_CLI_ENV = {"KBGEN_JOBS": "1"}


@pytest.fixture
def kbgen():
    """Run the kbgen CLI in-process: kbgen("-C", path, "check") -> click Result."""

    def run(*args: str | Path) -> Result:
        return CliRunner(env=_CLI_ENV).invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return run


@dataclass(frozen=True)
class Demo:
    root: Path  # the project (a copy of the repository's demo)
    url: str  # where its site is served, e.g. http://127.0.0.1:41234/

    @property
    def site(self) -> Path:
        return self.root / "site"


@pytest.fixture(scope="session")
def demo() -> Demo:
    """The demo help center, built once per test run and served on localhost.

    It is built for the address it is served at, as a preview is: Material's
    language switcher reads the sitemap of that address. The main pytest
    process serves it (see `pytest_configure`); the first test process that
    needs it builds it while the others wait on the lock, then all read it.
    """
    folder, url = Path(os.environ[_DEMO_FOLDER]), os.environ[_DEMO_URL]
    root = folder / "project"
    with FileLock(folder / "build.lock"):
        if not (folder / "built").exists():
            _build_demo(root, url)
            (folder / "built").touch()
    return Demo(root, url)


def _build_demo(root: Path, url: str) -> None:
    from kbgen.config import load_project
    from kbgen.pipeline import build as build_help_center
    from kbgen.pipeline import valid_content

    shutil.rmtree(root, ignore_errors=True)  # what a build that failed in another process left
    root.mkdir()
    for name in ("mkdocs.yml", "content", "theme", "schema", "locales"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy2(source, root / name)
    project = load_project(root).with_site_url(url)
    content, _ = valid_content(project)
    build_help_center(project, content)


@pytest.fixture(scope="session")
def demo_site(demo: Demo) -> Path:
    return demo.root


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium (bench/chromium.py) driven by Playwright: one per test process;
    each test opens its own context."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    require("chromium")
    with playwright_api.sync_playwright() as playwright:
        browser = chromium.launch(playwright)
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
