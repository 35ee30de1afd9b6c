"""Defaults for a test run: test processes (pytest-xdist) and bytecode caches.

Loaded with `-p run_defaults` (pyproject.toml): pytest's way to add options
from a plugin.

Processes: one more than the machine has cores (at most 8): the browser tests
spend about half their time waiting for Chromium's frames, and the extra
process uses that time. Without pytest-xdist, with `-p no:xdist`, or with
`-n`/`--dist` given, the arguments stay as they are (`-n 0`: one process).

Bytecode: the run starts hundreds of Python processes (test processes, `kbgen`
and benchmark subprocesses, build workers). With `PYTHONDONTWRITEBYTECODE` set,
as some shells and containers set it, none of them keeps what it compiled:
each compiles kbgen again and each test process rewrites every test module's
asserts (three runs each way on two cores: 384 against 338 CPU-s on average,
272 against 241 s). The run turns
caching back on for itself and the processes it starts (caches go to the
ignored `__pycache__` folders).
"""

from __future__ import annotations

import os
import sys

import pytest

_CHOSEN = ("-n", "--numprocesses", "--dist", "--maxprocesses")


def pytest_load_initial_conftests(early_config: pytest.Config, args: list[str]) -> None:
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # inherited by test processes and subprocesses
    sys.dont_write_bytecode = False
    if early_config.pluginmanager.has_plugin("xdist") and not any(_chooses(arg) for arg in args):
        args[:] = ["--numprocesses", str(processes()), "--dist", "worksteal", *args]


def processes() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores + 1, 8)


def _chooses(arg: str) -> bool:
    """`-n 4`, `-n0`, `--numprocesses=auto`, `--dist load`, ..."""
    return arg.split("=", 1)[0] in _CHOSEN or (arg.startswith("-n") and not arg.startswith("--"))
