"""Fault trials: kill a build at random moments and check what readers would see.

    python -m bench.faults --trials 20 [--project tests/data/mini]

Each trial copies the project, builds it (the "old" site), edits an article,
starts `kbgen build` and kills it with SIGKILL at a random moment. Then every
language folder of site/ must be byte-identical to either the old site or the
new one (built separately, to compare), no file may be truncated, and the
next build must finish and give the new site.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _kbgen(root: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "kbgen", "-C", str(root), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def copy_project(project: Path, target: Path) -> None:
    """The project's own files (configuration, content, catalogs, theme), not its output or anything else."""
    target.mkdir(parents=True)
    shutil.copy2(project / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("content", "locales", "theme"):
        if (project / name).is_dir():
            shutil.copytree(project / name, target / name)


def _kill_after(process: subprocess.Popen, delay: float) -> bool:
    """SIGKILL the command (and its workers) `delay` seconds after it started; False if it had finished."""
    try:
        process.wait(timeout=delay)  # a command that ends sooner is not waited for to the end of the delay
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True


def build(root: Path) -> None:
    process = _kbgen(root, "build")
    _, err = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"build of {root} failed: {err.decode()[-500:]}")


def languages(site: Path) -> dict[str, dict[str, bytes]]:
    """Every language folder of a site: its files and their bytes."""
    return {
        folder.name: {
            p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
        }
        for folder in sorted(site.iterdir())
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in ("pagefind", "dashboard")
    }


def edit(root: Path) -> None:
    """A writer's edit: a new paragraph at the top of every article body."""
    for article in sorted((root / "content/articles").rglob("*.yaml")):
        text = article.read_text(encoding="utf-8")
        article.write_text(
            text.replace("body: |\n", "body: |\n  Updated guidance for this week.\n\n", 1), encoding="utf-8"
        )


@dataclass
class Outcome:
    delay: float
    killed: bool  # False: the build had finished before the kill
    old: list[str]  # languages still showing the old site
    new: list[str]  # languages showing the new site
    broken: list[str]  # languages that are neither (the failure this guards against)
    recovered: bool  # the next build finished and gave the new site


def prepare(project: Path, workdir: Path) -> tuple[Path, dict, dict]:
    """The old site built in `workdir/old`, and the new site's languages built elsewhere for comparison."""
    old = workdir / "old"
    copy_project(project, old)
    build(old)
    new = workdir / "new"
    copy_project(old, new)
    edit(new)
    build(new)
    return old, languages(old / "site"), languages(new / "site")


def trial(old_built: Path, workdir: Path, expected_old: dict, expected_new: dict, delay: float) -> Outcome:
    root = workdir / f"trial-{delay:.3f}"
    shutil.copytree(old_built, root, symlinks=True)
    edit(root)
    killed = _kill_after(_kbgen(root, "build"), delay)
    seen = languages(root / "site")
    old = [lang for lang, files in seen.items() if files == expected_old.get(lang)]
    new = [lang for lang, files in seen.items() if files == expected_new.get(lang) and lang not in old]
    broken = sorted(set(expected_new) - set(old) - set(new))
    build(root)
    recovered = languages(root / "site") == expected_new
    shutil.rmtree(root)
    return Outcome(delay, killed, old, new, broken, recovered)


def run(project: Path, trials: int, seed: int = 1, max_delay: float = 8.0) -> list[Outcome]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="kbgen-faults-") as scratch:
        workdir = Path(scratch)
        old, expected_old, expected_new = prepare(project, workdir)
        return [trial(old, workdir, expected_old, expected_new, rng.uniform(0.2, max_delay)) for _ in range(trials)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=REPO / "tests/data/mini")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--max-delay", type=float, default=8.0, help="latest kill, in seconds after the start")
    parser.add_argument(
        "--command",
        choices=["build", "update", "translate"],
        default="build",
        help="build: the site; update: `i18n update`; translate: `translate -e pseudo` "
        "(catalog trials want a project with catalogs, e.g. --project .)",
    )
    args = parser.parse_args()
    if args.command != "build":
        command = ["i18n", "update"] if args.command == "update" else ["translate", "-e", "pseudo"]
        report_catalogs(run_catalogs(args.project, command, args.trials, max_delay=args.max_delay))
        return
    outcomes = run(args.project, args.trials, max_delay=args.max_delay)
    for o in outcomes:
        print(
            f"kill at {o.delay:5.2f}s  {'killed' if o.killed else 'finished'}  old={len(o.old)} new={len(o.new)} "
            f"broken={o.broken or 0}  recovered={o.recovered}"
        )
    killed = [o for o in outcomes if o.killed]
    print(
        f"{len(outcomes)} trials, {len(killed)} killed mid-build, "
        f"{sum(bool(o.broken) for o in outcomes)} with a broken language, "
        f"{sum(o.recovered for o in outcomes)} recovered"
    )


def report_catalogs(outcomes: list[CatalogOutcome]) -> None:
    for o in outcomes:
        print(
            f"kill at {o.delay:5.2f}s  {'killed' if o.killed else 'finished'}  lost={o.lost or 0}  "
            f"invalid={len(o.invalid)}"
        )
    print(
        f"{len(outcomes)} trials, {sum(o.killed for o in outcomes)} killed mid-run, "
        f"{sum(bool(o.lost) for o in outcomes)} lost a translation, "
        f"{sum(bool(o.invalid) for o in outcomes)} left an invalid catalog"
    )


# ---------------------------------------------------------------- catalog commands


def translations(locales: Path) -> dict[str, list[str]]:
    """Every non-empty translation of every content catalog, current and obsolete."""
    from babel.messages.pofile import read_po

    found = {}
    for po in sorted(locales.glob("*/LC_MESSAGES/content.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        found[po.parent.parent.name] = sorted(
            m.string for m in [*catalog, *catalog.obsolete.values()] if m.id and m.string
        )
    return found


def catalogs_pass_msgfmt(locales: Path) -> list[str]:
    """The catalogs `msgfmt --check` rejects (none, when gettext is not installed)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return []
    failed = []
    for po in sorted(locales.glob("*/LC_MESSAGES/*.po")):
        result = subprocess.run([msgfmt, "--check", "-o", os.devnull, str(po)], capture_output=True, check=False)
        if result.returncode != 0:
            failed.append(f"{po}: {result.stderr.decode().strip()[:200]}")
    return failed


@dataclass
class CatalogOutcome:
    delay: float
    killed: bool
    lost: dict[str, int]  # language -> translations that disappeared
    invalid: list[str]  # catalogs msgfmt --check rejects


def catalog_trial(project: Path, workdir: Path, command: list[str], delay: float) -> CatalogOutcome:
    """Kill `kbgen COMMAND` after `delay` seconds; no translation may be lost, every catalog stays valid."""
    root = workdir / f"catalogs-{delay:.3f}"
    copy_project(project, root)
    edit(root)
    before = translations(root / "locales")
    killed = _kill_after(_kbgen(root, *command), delay)
    after = translations(root / "locales")
    lost = {}
    for lang, strings in before.items():
        remaining = list(after.get(lang, []))
        missing = 0
        for text in strings:
            if text in remaining:
                remaining.remove(text)
            else:
                missing += 1
        if missing:
            lost[lang] = missing
    outcome = CatalogOutcome(delay, killed, lost, catalogs_pass_msgfmt(root / "locales"))
    shutil.rmtree(root)
    return outcome


def run_catalogs(
    project: Path, command: list[str], trials: int, seed: int = 1, max_delay: float = 3.0
) -> list[CatalogOutcome]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="kbgen-faults-") as scratch:
        return [catalog_trial(project, Path(scratch), command, rng.uniform(0.3, max_delay)) for _ in range(trials)]


if __name__ == "__main__":
    main()
