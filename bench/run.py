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
import resource
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


LAST: dict[str, float] = {}  # CPU seconds and peak memory of the last timed command


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, str]:
    """Wall seconds and output of a command; its CPU seconds (all its processes) and the peak
    memory of its whole process tree are left in LAST."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # Output goes to a file: a pipe nobody reads while memory is sampled fills up and stops the command.
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        process = subprocess.Popen(command, cwd=cwd, stdout=out_file, stderr=err_file, text=True)
        peak, peak_rss = _watch_memory(process)
        process.wait()
        elapsed = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST.update(
        cpu_s=(after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        peak_mb=peak / 1024,
        peak_rss_mb=peak_rss / 1024,
    )
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{err[-3000:]}")
    return elapsed, out + err


def _watch_memory(process: subprocess.Popen) -> tuple[int, int]:
    """The peak memory (KiB) of the process and its descendants, sampled every 0.1 s: proportional
    (PSS: a page shared by forked workers counts once, split between them) and resident (RSS summed)."""
    peak_pss = peak_rss = 0
    while process.poll() is None:
        pss, rss = _tree_memory(process.pid)
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        time.sleep(0.1)
    return peak_pss, peak_rss


def _tree_memory(root: int) -> tuple[int, int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in stat.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields.get("PPid", "0").strip())
    tree, frontier = {root}, [root]
    while frontier:
        current = frontier.pop()
        children = [pid for pid, parent in parents.items() if parent == current and pid not in tree]
        tree.update(children)
        frontier += children
    pss = rss = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        pss += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1)) if "Pss:" in rollup else 0
        rss += int(re.search(r"^Rss:\s+(\d+)", rollup, re.M).group(1)) if "Rss:" in rollup else 0
    return pss, rss


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


PLAIN_CPU = {"s": 0.0}


def plain_mkdocs(configs: list[Path], workers: int) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(
            pool.map(
                lambda c: subprocess.run(
                    [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(c)], capture_output=True, check=True
                ),
                configs,
            )
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    PLAIN_CPU["s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - start


def hugo_time(corpus: Path, out: Path) -> float | None:
    """Hugo on the same Markdown, one site per language, with a minimal layout (a reference point)."""
    if not shutil.which("hugo"):
        return None
    root = out / "hugo"
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "layouts" / "_default" / "single.html").write_text(
        "<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>"
    )
    (root / "layouts" / "_default" / "list.html").write_text(
        '<html><body>{{ .Content }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>'
    )
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.com/"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
        "[markup.goldmark.renderer]\nunsafe = false\n"
    )
    for docs in sorted((corpus / ".kbgen").glob("*/docs")):
        target = root / "content" / docs.parent.name
        shutil.copytree(docs, target)
        for page in target.rglob("*.md"):  # Hugo wants _index.md for sections and no `template` front matter
            if page.name == "index.md":
                page.rename(page.with_name("_index.md"))
    # Hugo keeps a cache in $TMPDIR unless told otherwise: in the benchmark's folder, it goes with it.
    command = ["hugo", "--quiet", "-s", str(root), "-d", str(out / "hugo-site"), "--cacheDir", str(out / "hugo-cache")]
    elapsed, _ = timed(command)
    return elapsed


def catalog_update(segments: int, languages: list) -> float:
    """Merge + write every language's catalog for `segments` sources, 1% of them edited."""
    from babel.messages.catalog import Catalog

    from kbgen.i18n import catalogs

    units = tuple(
        catalogs.SourceUnit(f"article:a{n // 20}:body:{n:08x}", f"Source sentence number {n} about fees.")
        for n in range(segments)
    )
    edited = tuple(
        catalogs.SourceUnit(u.context, u.source + " Edited." if n % 100 == 0 else u.source) for n, u in enumerate(units)
    )
    olds = []
    for lang in languages:
        old = Catalog(locale=lang.babel)
        for unit in units:
            old.add(unit.source, f"{lang.code}: {unit.source}", context=unit.context)
        olds.append(old)
    start = time.perf_counter()
    for lang, old in zip(languages, olds, strict=True):
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
        files = [
            p for p in bundle.rglob("*") if p.is_file() and p.name.startswith((f"{key}_", f"wasm.{key.split('-')[0]}"))
        ]
        files.append(lang_dir / search.VOCABULARY_FILE)
        # A first query loads the entry, the language's metadata, its wasm, its vocabulary, one index chunk and fragments.
        meta = [p for p in files if p.suffix == ".pf_meta"]
        chunks = [p for p in files if p.suffix == ".pf_index"]
        fragments = [p for p in files if p.suffix == ".pf_fragment"]
        wasm = [p for p in files if p.name.startswith("wasm.")]
        first = (
            sum(p.stat().st_size for p in meta + wasm)
            + (bundle / "pagefind-entry.json").stat().st_size
            + (bundle / "pagefind.js").stat().st_size
            + (lang_dir / search.VOCABULARY_FILE).stat().st_size
            + (max(p.stat().st_size for p in chunks) if chunks else 0)
            + 5 * (sum(p.stat().st_size for p in fragments) // max(len(fragments), 1))
        )
        raw = sum(p.stat().st_size for p in files)
        zipped = sum(len(gzip.compress(p.read_bytes())) for p in files)
        sizes[lang] = {"engine": "pagefind", "raw": raw, "gzip": zipped, "first_query": first}
    return sizes


def argos_throughput() -> dict | None:
    try:
        _, output = timed([PYTHON, str(REPO / "bench" / "argos_throughput.py"), "--json", "--repeats", "2"])
    except SystemExit as exc:
        return {"error": str(exc).strip().splitlines()[-1][:200]}  # the exception's last line says why
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--corpus", type=Path, help="build here (default: a temporary folder)")
    parser.add_argument("--languages", help="comma-separated targets (default: all 15)")
    parser.add_argument("--segments", default="10000,100000", help="catalog sizes to update")
    parser.add_argument("--skip-argos", action="store_true")
    parser.add_argument("--update-readme", action="store_true")
    parser.add_argument(
        "--scale",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[],
        help="also time full builds at these article counts, e.g. 200,600,1000 (the corpus's own size is its full build)",
    )
    parser.add_argument("--output", type=Path, default=REPO / "bench")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    work = Path(tempfile.mkdtemp(prefix="kbgen-bench-"))
    try:
        measure(args, work)
    finally:
        # Finished, failed or stopped with Ctrl-C: the generated corpus (unless --corpus), plain MkDocs' output and the
        # scale points are the run's own.
        shutil.rmtree(work, ignore_errors=True)


def measure(args: argparse.Namespace, work: Path) -> None:
    """Every figure of the table, side by side, written to `args.output` (and the README)."""
    from bench.corpus import generate
    from kbgen.languages import DEFAULT_TARGETS, language

    corpus = args.corpus or work / "corpus"
    targets = args.languages.split(",") if args.languages else list(DEFAULT_TARGETS)
    started = time.perf_counter()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    generate(corpus, args.articles, languages=targets)
    r: dict = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "articles": args.articles,
        "languages": 1 + len(targets),
    }

    full, output = kbgen(corpus, "build", "--clean")
    r["full_build_s"] = full
    r["full_build_cpu_s"], r["full_build_peak_mb"] = LAST["cpu_s"], LAST["peak_mb"]
    r["full_build_peak_rss_mb"] = LAST["peak_rss_mb"]
    r["stages"] = stages(output)
    # Startup: loading, validating, segmenting; everything before the languages stage.
    r["stages"]["startup"] = max(0.0, full - sum(v for k, v in r["stages"].items() if k != "render"))
    r["pages"] = count_pages(corpus / "site")
    configs = plain_configs(corpus, work / "plain")
    r["plain_mkdocs_sequential_s"] = plain_mkdocs(configs, 1)
    r["plain_mkdocs_cpu_s"] = PLAIN_CPU["s"]
    r["plain_mkdocs_2proc_s"] = plain_mkdocs(configs, 2)
    r["hugo_s"] = hugo_time(corpus, work)
    r["nochange_s"], _ = kbgen(corpus, "build")
    r["nochange_cpu_s"] = LAST["cpu_s"]
    article = next((corpus / "content" / "articles").rglob("*.yaml"))
    article.write_text(article.read_text().replace("usually completes within", "normally completes within", 1))
    r["one_edit_s"], _ = kbgen(corpus, "build")
    r["one_edit_cpu_s"] = LAST["cpu_s"]
    po = corpus / "locales" / language(targets[0]).babel / "LC_MESSAGES" / "content.po"
    fix_translation(po)
    r["translation_edit_s"], _ = kbgen(corpus, "build")
    r["translation_edit_cpu_s"] = LAST["cpu_s"]
    article.write_text(re.sub(r"^title: (.*)$", r"title: \1 (updated)", article.read_text(), count=1, flags=re.M))
    r["title_edit_s"], _ = kbgen(corpus, "build")
    r["title_edit_cpu_s"] = LAST["cpu_s"]
    new = article.with_name("a-new-article.yaml")
    new.write_text(article.read_text().replace(f"id: {article.stem}", "id: a-new-article", 1))
    r["new_article_s"], _ = kbgen(corpus, "build")
    r["new_article_cpu_s"] = LAST["cpu_s"]
    # The point at the corpus's own size is the full build measured above: not built again.
    full_point = {
        "full_build_s": full,
        "cpu_s": r["full_build_cpu_s"],
        "peak_mb": r["full_build_peak_mb"],
        "peak_rss_mb": r["full_build_peak_rss_mb"],
        "pages": r["pages"],
    }
    r["scaling"] = {n: full_point if n == args.articles else scale_point(n, targets, work) for n in args.scale}
    langs = [language(code) for code in targets]
    r["catalog_update_s"] = {int(n): catalog_update(int(n), langs) for n in args.segments.split(",")}
    r["argos"] = None if args.skip_argos else argos_throughput()
    r["search"] = search_sizes(corpus / "site")
    r["bench_s"] = time.perf_counter() - started
    r["load"] = [load_before, " ".join(f"{x:.2f}" for x in os.getloadavg())]
    write_results(r, args.output, args.update_readme)


def fix_translation(po: Path) -> str:
    """Edit one reviewed translation, as a translator fixing a sentence would (the page showing it
    changes): an article's paragraph, else any reviewed entry (a tiny corpus may have no paragraph
    reviewed); return the edited entry's context."""
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    entry = re.compile(r'^msgctxt "([^"\n]+)"\nmsgid ((?:"[^\n]*"\n)+)msgstr "([^"\n]+)"$', re.M)
    found = [(n, m) for n, block in enumerate(blocks) if (m := entry.search(block)) and "#, fuzzy" not in block]
    paragraphs = [(n, m) for n, m in found if ":body:" in m.group(1) and len(m.group(2).split()) >= 8]
    if not found:
        raise SystemExit(f"{po}: no reviewed translation to edit")
    number, match = (paragraphs or found)[0]
    block = blocks[number]
    blocks[number] = f"{block[: match.end(3)]} {match.group(3).split()[-1]}{block[match.end(3) :]}"
    po.write_text("\n\n".join(blocks), encoding="utf-8")
    return match.group(1)


def scale_point(articles: int, targets: list[str], work: Path) -> dict:
    """A full build at one corpus size: wall and CPU seconds, peak memory, pages."""
    from bench.corpus import generate

    corpus = work / f"scale-{articles}"
    generate(corpus, articles, languages=targets)
    seconds, _ = kbgen(corpus, "build", "--clean")
    point = {
        "full_build_s": seconds,
        "cpu_s": LAST["cpu_s"],
        "peak_mb": LAST["peak_mb"],
        "peak_rss_mb": LAST["peak_rss_mb"],
        "pages": count_pages(corpus / "site"),
    }
    shutil.rmtree(corpus, ignore_errors=True)
    return point


def table(r: dict) -> str:
    full = r["full_build_s"]
    stages = r["stages"]
    own = sum(stages.get(name, 0) for name in ("catalogs", "render", "dashboard", "startup"))
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
        lines.append(
            f"| Hugo 0.111 (Debian), same Markdown, minimal layout | {r['hugo_s']:.1f} s | kbgen {full / r['hugo_s']:.1f}x of it |"
        )
    lines += [
        *[_rebuild_line(r, label, key) for label, key in REBUILDS],
        f"| CPU, full build vs plain MkDocs (sequential) | {r['full_build_cpu_s']:.1f} s vs {r['plain_mkdocs_cpu_s']:.1f} s | "
        f"{r['full_build_cpu_s'] / r['plain_mkdocs_cpu_s']:.2f}x |",
        f"| peak memory of the build's process tree (proportional: pages forked workers share count once) | "
        f"{r['full_build_peak_mb']:.0f} MB | resident sum {r.get('full_build_peak_rss_mb', 0):.0f} MB |",
        "| stages of the full build | " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()) + " | |",
        f"| kbgen's own stages (startup and checks, catalogs, render, dashboard) | {own:.1f} s | {own / full:.0%} of full |",
    ]
    for size, seconds in r["catalog_update_s"].items():
        lines.append(
            f"| catalog update, {size:,} segments x {r['languages'] - 1} languages | {seconds:.1f} s | "
            f"{seconds / (size * (r['languages'] - 1)) * 1e6:.1f} us per entry |"
        )
    argos = r.get("argos") or {}
    if "error" in argos:
        lines.append(
            f"| machine drafts, batched engine vs argostranslate translate() | not measured: {argos['error']} (bench/argos_throughput.py says how to install it) | |"
        )
    if "kbgen" in argos:
        lines.append(
            f"| machine drafts, batched engine vs argostranslate translate() ({argos['model']}, cap {argos['cap']}) | "
            f"{argos['kbgen']:.0f} vs {argos['argos']:.0f} segments/s | {argos['kbgen'] / argos['argos']:.1f}x |"
        )
    lines += [
        "",
        "| language | search | index raw | gzipped | first query downloads |",
        "| --- | --- | --- | --- | --- |",
    ]
    for lang, s in r["search"].items():
        lines.append(
            f"| {lang} | {s['engine']} | {s['raw'] / 1024:.0f} KB | {s['gzip'] / 1024:.0f} KB | {s['first_query'] / 1024:.0f} KB |"
        )
    if r.get("scaling"):
        lines += [
            "",
            "| articles | pages | full build | CPU | peak memory | cost vs the smallest |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        first = r["scaling"][min(r["scaling"])]
        for articles, point in sorted(r["scaling"].items()):
            lines.append(
                f"| {articles} | {point['pages']} | {point['full_build_s']:.1f} s | {point['cpu_s']:.1f} s | "
                f"{point['peak_mb']:.0f} MB ({point.get('peak_rss_mb', 0):.0f} MB resident sum) | "
                f"{point['cpu_s'] / first['cpu_s']:.2f}x CPU for "
                f"{point['pages'] / first['pages']:.2f}x pages |"
            )
    if "load" in r:
        lines.append(f"\nLoad average before and after: {r['load'][0]} / {r['load'][1]}.")
    lines.append(f"\nThe whole benchmark took {r['bench_s'] / 60:.1f} minutes.")
    return "\n".join(lines)


REBUILDS = [
    ("no-change rebuild", "nochange"),
    ("one-article edit", "one_edit"),
    ("one translation edit (one language)", "translation_edit"),
    ("article title edit (navigation changes)", "title_edit"),
    ("new article", "new_article"),
]


def _rebuild_line(r: dict, label: str, key: str) -> str:
    """A rebuild's wall time and CPU seconds, each as a share of the full build's."""
    seconds, cpu = r[f"{key}_s"], r.get(f"{key}_cpu_s")
    cpu_text = f", {cpu:.1f} CPU-s" if cpu is not None else ""
    cpu_share = f", CPU {cpu / r['full_build_cpu_s']:.0%}" if cpu is not None else ""
    return f"| {label} | {seconds:.1f} s{cpu_text} | {seconds / r['full_build_s']:.0%} of full{cpu_share} |"


def write_results(r: dict, folder: Path, update_readme: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n")
    markdown = table(r)
    (folder / "results.md").write_text(markdown + "\n")
    print(markdown)
    if update_readme:
        readme = REPO / "README.md"
        text = readme.read_text()
        text = re.sub(
            r"(<!-- bench:start -->\n).*?(<!-- bench:end -->)",
            lambda m: m.group(1) + markdown + "\n" + m.group(2),
            text,
            flags=re.S,
        )
        readme.write_text(text)


if __name__ == "__main__":
    main()
