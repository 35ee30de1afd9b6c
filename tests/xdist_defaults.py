"""Two test processes by default (pytest-xdist), unless the command line chooses.

Loaded with `-p xdist_defaults` (pyproject.toml). pytest's way to add options
from a plugin: without pytest-xdist, with `-p no:xdist`, or with `-n`/`--dist`
given, the arguments stay as they are (`-n 0` or `-p no:xdist`: one process).
"""

from __future__ import annotations

import pytest

DEFAULTS = ["--numprocesses", "2", "--dist", "worksteal"]
_CHOSEN = ("-n", "--numprocesses", "--dist", "--maxprocesses")


def pytest_load_initial_conftests(early_config: pytest.Config, args: list[str]) -> None:
    if early_config.pluginmanager.has_plugin("xdist") and not any(_chooses(arg) for arg in args):
        args[:] = [*DEFAULTS, *args]


def _chooses(arg: str) -> bool:
    """`-n 4`, `-n0`, `--numprocesses=auto`, `--dist load`, ..."""
    return arg.split("=", 1)[0] in _CHOSEN or (arg.startswith("-n") and not arg.startswith("--"))
