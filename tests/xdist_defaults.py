"""Test processes by default (pytest-xdist), unless the command line chooses.

Loaded with `-p xdist_defaults` (pyproject.toml): pytest's way to add options
from a plugin. One process more than the machine has cores (at most 8): the
browser tests spend about half their time waiting for Chromium's frames, and
the extra process uses that time. Without pytest-xdist, with `-p no:xdist`, or
with `-n`/`--dist` given, the arguments stay as they are (`-n 0`: one process).
"""

from __future__ import annotations

import os

import pytest

_CHOSEN = ("-n", "--numprocesses", "--dist", "--maxprocesses")


def pytest_load_initial_conftests(early_config: pytest.Config, args: list[str]) -> None:
    if early_config.pluginmanager.has_plugin("xdist") and not any(_chooses(arg) for arg in args):
        args[:] = ["--numprocesses", str(processes()), "--dist", "worksteal", *args]


def processes() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores + 1, 8)


def _chooses(arg: str) -> bool:
    """`-n 4`, `-n0`, `--numprocesses=auto`, `--dist load`, ..."""
    return arg.split("=", 1)[0] in _CHOSEN or (arg.startswith("-n") and not arg.startswith("--"))
