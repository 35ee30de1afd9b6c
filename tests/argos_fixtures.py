"""Argos fixtures shared by the tests: a tiny real package, installed offline.

Loaded as a pytest plugin from conftest.py, so it imports nothing of Argos at
collection: without the `argos` extra every test still collects, and a test
that uses one of these fixtures skips with the reason tests/requirements.py
gives.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from requirements import require


def _no_network(*args, **kwargs):
    raise OSError("tests must not touch the network")


def block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    block_network(monkeypatch)


def use_argos_dirs(monkeypatch: pytest.MonkeyPatch, home: Path) -> Path:
    """Point Argos at folders under `home`; return its packages folder.

    kbgen reads ARGOS_PACKAGES_DIR on every call, as Argos' own tools read it
    at start; the XDG folders are set too, so nothing reaches the real home.
    """
    packages = home / "packages"
    packages.mkdir(parents=True, exist_ok=True)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    return packages


@pytest.fixture(scope="session")
def tiny_argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny en->de .argosmodel file, built once per test run (about a second)."""
    require("argos")
    from argos_package import build_tiny_argos_package

    return build_tiny_argos_package(tmp_path_factory.mktemp("argosmodel"))


@pytest.fixture(scope="session")
def argos_session_home(tmp_path_factory: pytest.TempPathFactory, tiny_argosmodel: Path) -> Path:
    """An Argos home with the tiny package installed, offline."""
    from kbgen.i18n.engines.argos import install_model

    home = tmp_path_factory.mktemp("argos-home")
    with pytest.MonkeyPatch.context() as monkeypatch:
        use_argos_dirs(monkeypatch, home)
        block_network(monkeypatch)
        install_model(tiny_argosmodel)
    return home


@pytest.fixture
def argos_home(argos_session_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The packages folder with the tiny en->de package, active for one test."""
    return use_argos_dirs(monkeypatch, argos_session_home)


@pytest.fixture
def empty_argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    require("argos")
    return use_argos_dirs(monkeypatch, tmp_path / "argos")
