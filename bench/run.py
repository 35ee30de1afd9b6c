"""kbgen's benchmark: one table, every figure measured side by side in one run.

    python -m bench [--articles 200] [--corpus DIR] [--languages de,ja] [--segments 10000,100000]
                    [--skip-argos] [--update-readme]

Measures, on a synthetic help center (bench/corpus.py):
  * a full `kbgen build` against plain MkDocs + Material on the same generated
    Markdown (sequential, and two processes at a time), and Hugo on the same
    Markdown when `hugo` is installed (Debian package `hugo`);
  * a no-change rebuild and a one-article edit, as ratios of the full build;
  * catalog update (merge + write) at each --segments size, for every language;
  * machine-draft throughput, batched engine against argostranslate's translate()
    (bench/argos_throughput.py, tiny package, equal decoding length);
  * search index size per language (raw and gzipped).
Results go to bench/results.json and bench/results.md (and the README with --update-readme).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{run.stderr[-3000:]}")
    return elapsed, run.stdout + run.stderr


def kbgen(corpus: Path, *args: str) -> tuple[float, str]:
    return timed([PYTHON, "-m", "kbgen", "-C", str(corpus), "-v", *args])


def stages(output: str) -> dict[str, float]:
    return {name: float(seconds) for name, seconds in re.findall(r"stage (\w+): ([\d.]+)s", output)}


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.glob("*/**/index.html"))


def plain_configs(corpus: Path, out: Path) -> list[Path]:
    """MkDocs + Material over kbgen's generated Markdown and theme, without kbgen's hooks,
    with Material's own search for every language: what a hand-rolled setup would run."""
    configs = []
    for generated in sorted((corpus / ".kbgen").glob("*/mkdocs.yml")):
        lang = generated.parent.name
        config = yaml.safe_load(generated.read_text())
        config.pop("hooks", None)
        config["plugins"] = ["search"]
        config["site_dir"] = str(out / lang)
        path = generated.parent / "plain-mkdocs.yml"  # beside the generated one: its relative paths hold
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
        configs.append(path)
    return configs


def plain_mkdocs(configs: list[Path], workers: int) -> float:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda c: timed([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(c)]), configs))
    return time.perf_counter() - start


def hugo_time(corpus: Path, out: Path) -> float | None:
    """Hugo on the same Markdown, one site per language, with a minimal layout (a reference point)."""
    if not shutil.which("hugo"):
        return None
    root = out / "hugo"
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "layouts" / "_default" / "single.html").write_text("<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>")
    (root / "layouts" / "_default" / "list.html").write_text("<html><body>{{ .Content }}{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>")
    (root / "hugo.toml").write_text('baseURL = "https://example.com/"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
                                   '[markup.goldmark.renderer]\nunsafe = false\n')
    for docs in sorted((corpus / ".kbgen").glob("*/docs")):
        target = root / "content" / docs.parent.name
        shutil.copytree(docs, target)
        for page in target.rglob("*.md"):  # Hugo wants _index.md for sections and no `template` front matter
            if page.name == "index.md":
                page.rename(page.with_name("_index.md"))
    elapsed, _ = timed(["hugo", "--quiet", "-s", str(root), "-d", str(out / "hugo-site")])
    return elapsed


def catalog_update(segments: int, languages: list) -> float:
    """Merge + write every language's catalog for `segments` sources, 1% of them edited."""
    from babel.messages.catalog import Catalog

    from kbgen.i18n import catalogs

    units = tuple(catalogs.SourceUnit(f"article:a{n // 20}:body:{n:08x}", f"Source sentence number {n} about fees.")
                  for n in range(segments))
    edited = tuple(catalogs.SourceUnit(u.context, u.source + " Edited." if n % 100 == 0 else u.source)
                   for n, u in enumerate(units))
    olds = []
    for lang in languages:
        old = Catalog(locale=lang.babel)
        for unit in units:
            old.add(unit.source, f"{lang.code}: {unit.source}", context=unit.context)
        olds.append(old)
    start = time.perf_counter()
    for lang, old in zip(languages, olds):
        merged, _ = catalogs.merge(old, list(edited), lang, "bench")
        catalogs.render(merged)
    return time.perf_counter() - start


def search_sizes(site: Path) -> dict[str, dict[str, int]]:
    from kbgen.site import search

    sizes = {}
    bundle = site / search.BUNDLE_DIR
    for lang_dir in sorted(p for p in site.iterdir() if (p / "index.html").is_file() and p.name != "dashboard"):
        lang = lang_dir.name
        key = lang.lower()
        files = [p for p in bundle.rglob("*") if p.is_file() and p.name.startswith((f"{key}_", f"wasm.{key.split('-')[0]}"))]
        files.append(lang_dir / search.VOCABULARY_FILE)
        # A first query loads the entry, the language's metadata, its wasm, its vocabulary, one index chunk and fragments.
        meta = [p for p in files if p.suffix == ".pf_meta"]
        chunks = [p for p in files if p.suffix == ".pf_index"]
        fragments = [p for p in files if p.suffix == ".pf_fragment"]
        wasm = [p for p in files if p.name.startswith("wasm.")]
        first = (sum(p.stat().st_size for p in meta + wasm) + (bundle / "pagefind-entry.json").stat().st_size
                 + (bundle / "pagefind.js").stat().st_size + (lang_dir / search.VOCABULARY_FILE).stat().st_size
                 + (max(p.stat().st_size for p in chunks) if chunks else 0)
                 + 5 * (sum(p.stat().st_size for p in fragments) // max(len(fragments), 1)))
        raw = sum(p.stat().st_size for p in files)
        zipped = sum(len(gzip.compress(p.read_bytes())) for p in files)
        sizes[lang] = {"engine": "pagefind", "raw": raw, "gzip": zipped, "first_query": first}
    return sizes


def argos_throughput() -> dict | None:
    try:
        _, output = timed([PYTHON, str(REPO / "bench" / "argos_throughput.py"), "--json", "--repeats", "2"])
    except SystemExit as exc:
        return {"error": str(exc)[:200]}
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--corpus", type=Path, help="build here (default: a temporary folder)")
    parser.add_argument("--languages", help="comma-separated targets (default: all 15)")
    parser.add_argument("--segments", default="10000,100000", help="catalog sizes to update")
    parser.add_argument("--skip-argos", action="store_true")
    parser.add_argument("--update-readme", action="store_true")
    parser.add_argument("--output", type=Path, default=REPO / "bench")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from bench.corpus import generate
    from kbgen.languages import DEFAULT_TARGETS, language

    work = Path(tempfile.mkdtemp(prefix="kbgen-bench-"))
    corpus = args.corpus or work / "corpus"
    targets = args.languages.split(",") if args.languages else list(DEFAULT_TARGETS)
    started = time.perf_counter()
    generate(corpus, args.articles, languages=targets)
    r: dict = {"date": date.today().isoformat(), "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
               "articles": args.articles, "languages": 1 + len(targets)}

    full, output = kbgen(corpus, "build", "--clean")
    r["full_build_s"] = full
    r["stages"] = stages(output)
    # Startup: loading, validating, segmenting; everything before the languages stage.
    r["stages"]["startup"] = max(0.0, full - sum(v for k, v in r["stages"].items() if k != "render"))
    r["pages"] = count_pages(corpus / "site")
    configs = plain_configs(corpus, work / "plain")
    r["plain_mkdocs_sequential_s"] = plain_mkdocs(configs, 1)
    r["plain_mkdocs_2proc_s"] = plain_mkdocs(configs, 2)
    r["hugo_s"] = hugo_time(corpus, work)
    r["nochange_s"], _ = kbgen(corpus, "build")
    article = next((corpus / "content" / "articles").rglob("*.yaml"))
    article.write_text(article.read_text().replace("usually completes within", "normally completes within", 1))
    r["one_edit_s"], _ = kbgen(corpus, "build")
    langs = [language(code) for code in targets]
    r["catalog_update_s"] = {int(n): catalog_update(int(n), langs) for n in args.segments.split(",")}
    r["argos"] = None if args.skip_argos else argos_throughput()
    r["search"] = search_sizes(corpus / "site")
    r["bench_s"] = time.perf_counter() - started
    write_results(r, args.output, args.update_readme)
    if not args.corpus:
        shutil.rmtree(work, ignore_errors=True)


def table(r: dict) -> str:
    full = r["full_build_s"]
    stages = r["stages"]
    own = stages.get("render", 0) + stages.get("dashboard", 0) + stages.get("startup", 0)
    lines = [
        f"Measured {r['date']} on {r['machine']}: {r['articles']} articles x {r['languages']} languages, {r['pages']} pages.",
        "",
        "| measure | value | ratio |",
        "| --- | --- | --- |",
        f"| full `kbgen build` | {full:.1f} s ({r['pages'] / full:.0f} pages/s) | 1.00 |",
        f"| plain MkDocs + Material, same Markdown, sequential | {r['plain_mkdocs_sequential_s']:.1f} s | kbgen {full / r['plain_mkdocs_sequential_s']:.2f}x of it |",
        f"| plain MkDocs + Material, 2 processes | {r['plain_mkdocs_2proc_s']:.1f} s | kbgen {full / r['plain_mkdocs_2proc_s']:.2f}x of it |",
    ]
    if r["hugo_s"]:
        lines.append(f"| Hugo 0.111 (Debian), same Markdown, minimal layout | {r['hugo_s']:.1f} s | kbgen {full / r['hugo_s']:.1f}x of it |")
    lines += [
        f"| no-change rebuild | {r['nochange_s']:.1f} s | {r['nochange_s'] / full:.0%} of full |",
        f"| one-article edit | {r['one_edit_s']:.1f} s | {r['one_edit_s'] / full:.0%} of full |",
        "| stages of the full build | " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()) + " | |",
        f"| kbgen's own stages (startup and checks, render, dashboard) | {own:.1f} s | {own / full:.0%} of full |",
    ]
    for size, seconds in r["catalog_update_s"].items():
        lines.append(f"| catalog update, {size:,} segments x {r['languages'] - 1} languages | {seconds:.1f} s | "
                     f"{seconds / (size * (r['languages'] - 1)) * 1e6:.1f} us per entry |")
    argos = r.get("argos") or {}
    if "kbgen" in argos:
        lines.append(f"| machine drafts, batched engine vs argostranslate translate() ({argos['model']}, cap {argos['cap']}) | "
                     f"{argos['kbgen']:.0f} vs {argos['argos']:.0f} segments/s | {argos['kbgen'] / argos['argos']:.1f}x |")
    lines += ["", "| language | search | index raw | gzipped | first query downloads |", "| --- | --- | --- | --- | --- |"]
    for lang, s in r["search"].items():
        lines.append(f"| {lang} | {s['engine']} | {s['raw'] / 1024:.0f} KB | {s['gzip'] / 1024:.0f} KB | {s['first_query'] / 1024:.0f} KB |")
    lines.append(f"\nThe whole benchmark took {r['bench_s'] / 60:.1f} minutes.")
    return "\n".join(lines)


def write_results(r: dict, folder: Path, update_readme: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n")
    markdown = table(r)
    (folder / "results.md").write_text(markdown + "\n")
    print(markdown)
    if update_readme:
        readme = REPO / "README.md"
        text = readme.read_text()
        text = re.sub(r"(<!-- bench:start -->\n).*?(<!-- bench:end -->)", lambda m: m.group(1) + markdown + "\n" + m.group(2),
                      text, flags=re.S)
        readme.write_text(text)


if __name__ == "__main__":
    main()
