"""The layers of kbgen call downward only: checked by scanning every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "kbgen"

# Lowest first; a module may import from its own layer or a lower one.
LAYERS: list[set[str]] = [
    {"errors", "fsutil", "vocabulary", "toolchain", "memo", "scamtext", "safeio", "plaintext", "babelfix"},
    {"yamlfile", "languages"},
    {"records", "pytags"},
    {"config"},
    {"content"},
    {"i18n"},
    {"checks", "site"},
    {"pipeline"},
    {"preview", "rename"},
    {"cli", "__main__"},
]
# Siblings that must not know each other.
FORBIDDEN = {("checks", "site"), ("site", "checks")}


def _area(module: str) -> str:
    """`kbgen.i18n.qa` -> `i18n`, `kbgen.config` -> `config`."""
    return module.split(".")[1] if module.count(".") else ""


def _layer(area: str) -> int:
    return next(number for number, areas in enumerate(LAYERS) if area in areas)


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "kbgen" else [f"kbgen.{a.name}" for a in node.names]
            found += [(node.lineno, name) for name in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_go_downward(path: Path) -> None:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    own = _area(".".join(relative.parts)) if len(relative.parts) > 1 else ""
    if own in ("", "__init__"):
        return
    wrong = []
    for line, module in _imports(path):
        if module.split(".")[0] == "click" and own != "cli":
            wrong.append(f"line {line}: {module} (only the CLI uses click)")
        if not module.startswith("kbgen.") or module == "kbgen.__init__":
            continue
        target = _area(module)
        if target == own or target in ("", "__init__"):
            continue
        if _layer(target) > _layer(own) or (own, target) in FORBIDDEN:
            wrong.append(f"line {line}: {own} imports {module}")
    assert not wrong, f"{path.relative_to(PACKAGE.parent)}: " + "; ".join(wrong)


def test_every_area_has_a_layer() -> None:
    areas = {_area(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)) for p in MODULES}
    known = set().union(*LAYERS) | {"", "__init__"}
    assert areas <= known, f"add {sorted(areas - known)} to LAYERS"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400
