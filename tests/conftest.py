"""Shared fixtures: small projects built from a dict, the CLI, the demo site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kbgen.cli import cli

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


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo help center, built once per test run."""
    from kbgen.checks import load_valid_content
    from kbgen.config import load_project
    from kbgen.site.build import build_site

    root = tmp_path_factory.mktemp("demo") / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "content", "theme", "schema", "locales"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy2(source, root / name)
    project = load_project(root)
    content, _ = load_valid_content(project)
    build_site(project, content)
    return root
