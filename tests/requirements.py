"""What some tests need beyond the `test` extra, and one way to skip without it.

Every optional requirement (a Debian program, the `argos` extra, Chromium)
is named once here with how to install it, so a skipped test always says
the same thing: `needs X: install Y`. Use the marks on tests, and
`require(...)` inside fixtures that only some tests use:

    @needs("msgfmt")
    def test_every_catalog_passes_msgfmt_check(...): ...

    @pytest.fixture
    def argos_home(...):
        require("argos")
"""

from __future__ import annotations

import functools
import importlib.util
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from bench import chromium


@dataclass(frozen=True)
class Requirement:
    name: str
    install: str
    available: Callable[[], bool]

    @property
    def reason(self) -> str:
        return f"needs {self.name}: install {self.install}"


def _programs(*names: str) -> Callable[[], bool]:
    return lambda: all(shutil.which(name) for name in names)


def _modules(*names: str) -> Callable[[], bool]:
    return lambda: all(importlib.util.find_spec(name) is not None for name in names)


def _apertium_pair(mode: str) -> Callable[[], bool]:
    """The program and the language pair: `apertium -l` lists the installed modes."""

    def check() -> bool:
        if not shutil.which("apertium"):
            return False
        modes = subprocess.run(["apertium", "-l"], capture_output=True, text=True, check=False).stdout
        return mode in modes.split()

    return check


REQUIREMENTS = {
    "msgfmt": Requirement("msgfmt", "the Debian package gettext", _programs("msgfmt")),
    "apertium": Requirement(
        "apertium en->es", "the Debian packages apertium and apertium-eng-spa", _apertium_pair("eng-spa")
    ),
    "argos": Requirement(
        "Argos Translate", "the argos extra (make setup-test)", _modules("ctranslate2", "sentencepiece", "numpy")
    ),
    "chromium": Requirement(
        "Chromium and Playwright",
        "the Debian package chromium-headless-shell (or chromium) and the test extra (playwright)",
        lambda: chromium.executable() is not None and _modules("playwright")(),
    ),
}


@functools.cache
def available(name: str) -> bool:
    return REQUIREMENTS[name].available()


def needs(name: str) -> pytest.MarkDecorator:
    """Skip the test (or module, as `pytestmark`) unless `name` is installed."""
    return pytest.mark.skipif(not available(name), reason=REQUIREMENTS[name].reason)


def require(name: str) -> None:
    """Skip the running test unless `name` is installed (for fixtures)."""
    if not available(name):
        pytest.skip(REQUIREMENTS[name].reason)
