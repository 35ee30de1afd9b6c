"""Argos Translate packages without Argos Translate: the index, downloads, installation.

kbgen decodes with CTranslate2 and SentencePiece and splits sentences itself,
so the `argostranslate` library was only needed to find and install packages,
and it pulls stanza and torch (several GB where pip picks the CUDA build).
The formats are small and documented by Argos:

- the package index is a JSON list of entries (`from_code`, `to_code`,
  `package_version`, `links`, ...), published at
  https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json;
- a package (`.argosmodel`) is a zip with one top-level folder holding
  `metadata.json`, `sentencepiece.model` and a CTranslate2 model in `model/`.

Packages go where Argos puts them (ARGOS_PACKAGES_DIR, or
`$XDG_DATA_HOME/argos-translate/packages`), so both tools share them. The
variables are read on every call.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kbgen.i18n.engines import EngineError

DEFAULT_INDEX_BASE = "https://raw.githubusercontent.com/argosopentech/argospm-index/main"
INDEX_PAGE = "https://github.com/argosopentech/argospm-index/blob/main/index.json"
TIMEOUT = 60  # seconds without data before a download gives up


@dataclass(frozen=True)
class Package:
    """A translation package: installed (`package_path`) or offered by the index (`links`)."""

    from_code: str
    to_code: str
    package_version: str = ""
    from_name: str = ""
    to_name: str = ""
    type: str = "translate"
    target_prefix: str = ""
    package_path: Path | None = None
    links: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_metadata(cls, data: dict, package_path: Path | None = None) -> Package:
        return cls(
            str(data.get("from_code") or ""),
            str(data.get("to_code") or ""),
            str(data.get("package_version") or ""),
            str(data.get("from_name") or ""),
            str(data.get("to_name") or ""),
            str(data.get("type") or "translate"),
            str(data.get("target_prefix") or ""),
            package_path,
            tuple(link for link in data.get("links") or () if isinstance(link, str)),
        )

    @property
    def installed_path(self) -> Path:
        """The folder of an installed package (a package offered by the index has none)."""
        assert self.package_path is not None, f"{self.from_code}->{self.to_code} is not installed"
        return self.package_path

    @property
    def version_key(self) -> tuple[int, ...]:
        return tuple(int(part) for part in "".join(c if c.isdigit() else " " for c in self.package_version).split())


def packages_dir() -> Path:
    """Where Argos packages are installed: ARGOS_PACKAGES_DIR, or Argos' default under XDG_DATA_HOME."""
    if os.environ.get("ARGOS_PACKAGES_DIR"):
        return Path(os.environ["ARGOS_PACKAGES_DIR"])
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "argos-translate" / "packages"


def index_url() -> str:
    """The package index: ARGOS_PACKAGE_INDEX (a base address, as Argos reads it) + /index.json."""
    return os.environ.get("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX_BASE).rstrip("/") + "/index.json"


# ------------------------------------------------------------------ installed


def installed_packages() -> list[Package]:
    folder = packages_dir()
    if not folder.is_dir():
        return []
    packages = []
    for path in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        try:
            data = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise EngineError(f"cannot read the installed Argos packages in {folder}: {path.name}: {error}") from None
        packages.append(Package.from_metadata(data if isinstance(data, dict) else {}, path))
    return packages


def install_file(path: Path, expected: Package | None = None) -> Package:
    """Check an `.argosmodel` file and unpack it into the packages folder; return the installed package.

    The archive is unpacked next to its final place and renamed into it, so an
    interrupted install leaves no half package; members may not leave their folder.
    """
    folder, metadata = check_archive(path)
    package = Package.from_metadata(metadata)
    if expected is not None and (package.from_code, package.to_code) != (expected.from_code, expected.to_code):
        raise EngineError(
            f"{path}: the index promised {expected.from_code}->{expected.to_code}, "
            f"the package holds {package.from_code}->{package.to_code}"
        )
    target_dir = packages_dir()
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target_dir, prefix=".install-") as work, zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if not (Path(work) / member).resolve().is_relative_to(Path(work).resolve()):
                    raise EngineError(f"{path}: not an Argos model (member '{member}' points outside the package)")
            archive.extractall(work)
            final = target_dir / folder
            if final.exists():
                shutil.rmtree(final)
            (Path(work) / folder).rename(final)
    except OSError as error:
        raise EngineError(f"{path}: cannot install into {target_dir}: {error}") from None
    return Package.from_metadata(metadata, final)


def check_archive(path: Path) -> tuple[str, dict]:
    """The archive's top-level folder and metadata; raise EngineError unless it is a translation package."""
    if not path.is_file():
        raise EngineError(f"{path}: no such file; download an .argosmodel file first (links in {INDEX_PAGE})")
    if not zipfile.is_zipfile(path):
        raise EngineError(f"{path}: not an Argos model (an .argosmodel file is a zip archive)")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        folders = {name.split("/")[0] for name in names if "/" in name}
        folder = next((f for f in sorted(folders) if f"{f}/metadata.json" in names), None)
        if folder is None:
            raise EngineError(f"{path}: not an Argos model (no metadata.json in a top-level folder)")
        try:
            metadata = json.loads(archive.read(f"{folder}/metadata.json"))
        except (ValueError, UnicodeDecodeError) as error:
            raise EngineError(f"{path}: not an Argos model (metadata.json is not valid JSON: {error})") from None
    if not isinstance(metadata, dict) or metadata.get("type", "translate") != "translate":
        raise EngineError(f'{path}: not an Argos translation model (metadata.json has no "type": "translate")')
    missing = [f for f in ("model/model.bin", "sentencepiece.model") if f"{folder}/{f}" not in names]
    if missing:
        raise EngineError(f"{path}: not an Argos model kbgen can use (missing {', '.join(missing)})")
    return folder, metadata


# ---------------------------------------------------------------------- index


def _offline(url: str, reason: object) -> EngineError:
    return EngineError(
        f"cannot reach {url} ({reason}). Without network: download the .argosmodel file elsewhere "
        f"(the links are in {INDEX_PAGE}), copy it here and run `kbgen models install FILE.argosmodel`"
    )


def available_packages(url: str | None = None) -> list[Package]:
    """The translation packages the index offers."""
    url = url or index_url()
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError) as error:
        raise _offline(url, getattr(error, "reason", error)) from None
    except ValueError as error:
        raise EngineError(f"{url}: not an Argos package index (invalid JSON: {error})") from None
    if not isinstance(data, list):
        raise EngineError(f"{url}: not an Argos package index (expected a JSON list of packages)")
    packages = [Package.from_metadata(entry) for entry in data if isinstance(entry, dict)]
    return [p for p in packages if p.type == "translate" and p.from_code and p.to_code]


def choose(packages: list[Package], from_code: str, to_codes: tuple[str, ...]) -> Package | None:
    """The newest package from `from_code` to the first of `to_codes` that has one."""
    for code in to_codes:
        matches = [p for p in packages if p.from_code == from_code and p.to_code == code]
        if matches:
            return max(matches, key=lambda p: p.version_key)
    return None


def download_and_install(package: Package) -> Package:
    """Download the package from the first link that answers, check it and install it."""
    links = [link for link in package.links if link.startswith(("https://", "http://", "file://"))]
    if not links:
        raise EngineError(f"the index has no download link for {package.from_code}->{package.to_code}")
    target_dir = packages_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    errors = []
    for link in links:
        with tempfile.NamedTemporaryFile(dir=target_dir, prefix=".download-", suffix=".argosmodel") as part:
            try:
                with urllib.request.urlopen(link, timeout=TIMEOUT) as response:
                    shutil.copyfileobj(response, part)
                part.flush()
            except (urllib.error.URLError, OSError) as error:
                errors.append(f"{link}: {getattr(error, 'reason', error)}")
                continue
            return install_file(Path(part.name), expected=package)
    raise _offline(links[0], "; ".join(errors))
