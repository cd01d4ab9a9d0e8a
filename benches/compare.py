#!/usr/bin/env python3
"""Benchmark `wsis build` against the copy floor, Hugo and Pagefind.

    python3 benches/compare.py [--runs 5] [--sizes 10,100,1000] [--skip-hugo] [--skip-pagefind]

For the repository's own corpus and for generated corpora of N documents (benches/scale_corpus.py,
cached under target/scale/N/), it measures:

* wsis: `wsis build --root R --out OUT -q`, run --runs times; wall time (median of all runs, and
  the first, cold run apart) and peak RSS (ru_maxrss from os.wait4), the HTML pages and bytes
  written, the static search index (OUT/static/search) and its runtime (OUT/static/search.js);
* the copy floor: copying the finished output tree (shutil.copytree), the least any build writing
  these files must do;
* Hugo: the same documents exported as Markdown from wsis's JSON data (OUT/<lang>/<id>/data.json),
  built with minimal layouts. Hugo only renders Markdown: wsis also links citations, checks
  quotations, builds the search index and minifies, so the ratio flatters Hugo;
* Pagefind: `pagefind --site COPY --output-subdir _pagefind` on a copy of wsis's output; its index
  proper (*.pf_fragment, *.pf_index, *.pf_meta, *.pf_filter) and everything it writes.

It prints Markdown tables on stdout (progress goes to stderr) and writes the same figures to
target/bench/compare.json. Only the Python standard library is used.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATOR = REPO / "benches" / "scale_corpus.py"
# Pagefind's index proper, as opposed to its runtime (JS, WASM, CSS).
PAGEFIND_INDEX_SUFFIXES = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")
PAGEFIND_CI = Path.home() / ".cache" / "wsis-ci" / "node_modules" / ".bin" / "pagefind"


class BenchError(Exception):
    """A problem that stops the benchmark, reported without a trace."""


def log(msg):
    """Progress on stderr, so that stdout holds only the tables."""
    print(msg, file=sys.stderr, flush=True)


# --- Measuring ------------------------------------------------------------------------------------


class Run:
    """One measured process: wall time in seconds, peak RSS in KiB, exit code, stderr text."""

    def __init__(self, wall, rss_kib, code, stderr, timed_out=False):
        self.wall = wall
        self.rss_kib = rss_kib
        self.code = code
        self.stderr = stderr
        self.timed_out = timed_out

    @property
    def ok(self):
        return self.code == 0 and not self.timed_out


def run_measured(cmd, timeout=None, cwd=None, scratch=None):
    """Run `cmd`, waiting with os.wait4 to get its peak RSS; stdout is discarded.

    stderr goes to a file in `scratch` (not a pipe, which could fill up while we wait).
    """
    scratch = Path(scratch or REPO / "target" / "bench")
    scratch.mkdir(parents=True, exist_ok=True)
    err_path = scratch / f"stderr-{os.getpid()}.txt"
    with open(err_path, "wb") as err:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd)
        except OSError as e:
            raise BenchError(f"cannot run {cmd[0]}: {e}")
        timed_out = []
        timer = None
        if timeout:

            def kill():
                timed_out.append(True)
                proc.kill()

            timer = threading.Timer(timeout, kill)
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    err_path.unlink()
    # ru_maxrss is in KiB on Linux.
    return Run(wall, usage.ru_maxrss, proc.returncode, stderr, bool(timed_out))


def repeat(runs, budget, before, measure):
    """Call `before()` then `measure()` (returning a Run or a duration) up to `runs` times.

    Stops early once the measured time exceeds `budget` seconds (0: no limit), or when a run
    fails. Returns the list of results.
    """
    out = []
    spent = 0.0
    for _ in range(runs):
        before()
        r = measure()
        out.append(r)
        if isinstance(r, Run):
            if not r.ok:
                break
            spent += r.wall
        else:
            spent += r
        if budget and spent > budget:
            break
    return out


class Runs:
    """A new folder for each run of a tool writing `path`: `path.1`, `path.2`, …

    Nothing is deleted while measurements go on: file systems such as ext4 create files slowly
    for a minute or so after many were deleted (the inode allocator passes over recently freed
    inodes), which would charge each run with the clean-up of the run before. The whole work
    folder is removed once every measurement is done.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.done = []

    def next(self):
        run = self.path.with_name(f"{self.path.name}.{len(self.done) + 1}")
        self.done.append(run)
        return run

    @property
    def last(self):
        return self.done[-1]


def median_ms(seconds):
    return round(statistics.median(seconds) * 1000, 1) if seconds else None


def remove(path):
    """Remove a file or folder if it exists."""
    path = Path(path)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def tree_bytes(path, suffixes=None):
    """Total size of the files under `path` (those ending in one of `suffixes`, if given)."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            if suffixes is None or f.endswith(suffixes):
                total += os.path.getsize(os.path.join(dirpath, f))
    return total


def count_files(path, suffix):
    return sum(1 for _, _, files in os.walk(path) for f in files if f.endswith(suffix))


# --- Machine and tools ----------------------------------------------------------------------------


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_commit(repo):
    """The short commit of `repo`, with `-dirty` when its tracked files have changes."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        return commit + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.TimeoutExpired, IndexError):
        return None


def build_wsis():
    """`cargo build --release` in the repository; returns the binary."""
    log(f"building wsis: cargo build --release in {REPO}")
    try:
        subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True,
                       stdout=sys.stderr)
    except FileNotFoundError:
        raise BenchError("cargo not found: install Rust, or pass --bin PATH to a wsis binary")
    except subprocess.CalledProcessError as e:
        raise BenchError(f"cargo build --release failed (exit {e.returncode})")
    exe = REPO / "target" / "release" / ("wsis.exe" if os.name == "nt" else "wsis")
    if not exe.is_file():
        raise BenchError(f"cargo built no {exe}")
    return exe


def find_hugo(explicit):
    """The hugo command and whether it takes --noBuildLock, or None."""
    exe = explicit or shutil.which("hugo")
    if not exe:
        return None
    try:
        help_text = subprocess.run([exe, "--help"], capture_output=True, text=True,
                                   timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return [exe], "--noBuildLock" in help_text


def find_pagefind(explicit):
    """The pagefind command (a list), or None when it is not installed."""
    candidates = []
    if explicit:
        candidates.append([explicit])
    if shutil.which("pagefind"):
        candidates.append([shutil.which("pagefind")])
    if shutil.which("npx"):
        candidates.append(["npx", "--no-install", "pagefind"])
    if PAGEFIND_CI.exists():
        candidates.append([str(PAGEFIND_CI)])
    for cmd in candidates:
        try:
            r = subprocess.run(cmd + ["--version"], capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if r.returncode == 0:
            return cmd
    return None


# --- Corpora --------------------------------------------------------------------------------------


def inputs_digest(n):
    """A digest of what a generated corpus is made from: the generator and the repo's content."""
    h = hashlib.sha256(f"n={n}\n".encode())
    files = [GENERATOR, REPO / "wsis.yaml"]
    for top in ("content", "seeds"):
        files += sorted(p for p in (REPO / top).rglob("*") if p.is_file())
    for p in files:
        h.update(str(p.relative_to(REPO)).encode() + b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()


def scale_corpus(n):
    """target/scale/N, generated unless it is there and made from the same inputs."""
    root = REPO / "target" / "scale" / str(n)
    stamp = root / ".inputs-sha256"
    digest = inputs_digest(n)
    if stamp.is_file() and stamp.read_text().strip() == digest:
        log(f"corpus N={n}: cached in {root}")
        return root
    log(f"corpus N={n}: generating in {root}")
    r = subprocess.run(
        [sys.executable, str(GENERATOR), "--n", str(n), "--out", str(root), "--root", str(REPO),
         "-q"],
        capture_output=True, text=True,
    )
    if r.returncode != 0:
        raise BenchError(f"scale_corpus.py failed for N={n}:\n{r.stderr.strip()}")
    stamp.write_text(digest + "\n")
    return root


def document_count(root):
    return len(list((root / "content" / "documents").glob("*.yaml")))


# --- wsis -----------------------------------------------------------------------------------------


def bench_wsis(exe, root, out, args):
    """Build `root` --runs times, each into a new folder; the last one is then renamed `out`.
    Returns the figures and whether it succeeded."""
    runs = Runs(out)
    results = repeat(
        args.runs, args.budget,
        before=runs.next,
        measure=lambda: run_measured(
            [str(exe), "build", "--root", str(root), "--out", str(runs.last), "-q"],
            timeout=args.timeout, scratch=out.parent,
        ),
    )
    if runs.last.is_dir():
        runs.last.rename(out)
    last = results[-1]
    if not last.ok:
        why = f"timed out after {args.timeout} s" if last.timed_out else f"exit {last.code}"
        tail = "\n".join(last.stderr.strip().splitlines()[-10:])
        return {"ok": False, "error": why, "stderr_tail": tail,
                "wall_ms": [round(r.wall * 1000, 1) for r in results]}, False
    walls = [r.wall for r in results]
    pages = count_files(out, ".html")
    median = statistics.median(walls)
    search = out / "static" / "search"
    runtime = out / "static" / "search.js"
    return {
        "ok": True,
        "runs": len(results),
        "wall_ms": [round(w * 1000, 1) for w in walls],
        "median_ms": median_ms(walls),
        "cold_ms": round(walls[0] * 1000, 1),
        "peak_rss_mib": round(max(r.rss_kib for r in results) / 1024, 1),
        "html_pages": pages,
        "pages_per_s": round(pages / median, 1),
        "output_bytes": tree_bytes(out),
        "search_index_bytes": tree_bytes(search) if search.exists() else 0,
        "search_runtime_bytes": tree_bytes(runtime) if runtime.exists() else 0,
    }, True


def bench_copy(out, work, args):
    """Median time of copying the output tree: the floor of any build writing these files."""
    runs = Runs(work / "copy")

    def measure():
        t = time.perf_counter()
        shutil.copytree(out, runs.last)
        return time.perf_counter() - t

    times = repeat(args.runs, args.budget, before=runs.next, measure=measure)
    return {"runs": len(times), "median_ms": median_ms(times)}


# --- Hugo -----------------------------------------------------------------------------------------

HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "WSIS texts (Hugo comparison)"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]

[markup.goldmark.parser.attribute]
block = true
title = true

[languages.fr]
contentDir = "content/fr"
languageName = "Français"
weight = 1

[languages.en]
contentDir = "content/en"
languageName = "English"
weight = 2
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<ul>
{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul>
{{ end }}
""",
}

# ASCII punctuation that Markdown may read as markup anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]{}<>|~&!])")


def md_escape(text):
    """Text as a one-line Markdown paragraph that renders as the same text."""
    text = _MD_INLINE.sub(r"\\\1", text)
    if re.match(r"^(\d+[.)]|[-+#>=])", text):
        # A line starting so would be a list item, a heading or a quote.
        text = "\\" + text if not text[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def note_label(note):
    return note.get("id") or "fn" + re.sub(r"\W", "-", note.get("number", ""))


def document_markdown(doc):
    """A wsis document (its JSON data) as Markdown with JSON front matter."""
    lines = [json.dumps({"title": doc.get("title") or doc.get("id")}, ensure_ascii=False), ""]
    notes = {n.get("number"): note_label(n) for n in doc.get("footnotes", [])}
    for block in doc.get("blocks", []):
        text = md_escape(block.get("text", ""))
        anchor = block.get("id")
        if block.get("type") == "heading":
            level = min(max(int(block.get("level", 2)), 1) + 1, 6)
            lines.append("#" * level + " " + text + (f" {{#{anchor}}}" if anchor else ""))
        else:
            number = block.get("number")
            if number:
                text = f"**{md_escape(number)}.** {text}"
            refs = "".join(f"[^{notes[n]}]" for n in block.get("footnotes", []) if n in notes)
            lines.append(text + refs)
            if anchor:
                lines.append(f"{{#{anchor}}}")
        lines.append("")
    for note in doc.get("footnotes", []):
        lines.append(f"[^{note_label(note)}]: {md_escape(note.get('text', ''))}")
        lines.append("")
    return "\n".join(lines)


def export_hugo_site(out, site):
    """Write a Hugo site at `site` holding the documents of wsis's output `out`."""
    remove(site)
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        target = site / "layouts" / name if name == "index.html" else layouts / name
        target.write_text(text, encoding="utf-8")
    count = 0
    for lang in ("fr", "en"):
        (site / "content" / lang).mkdir(parents=True)
        for path in sorted((out / lang).glob("*/data.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            (site / "content" / lang / f"{path.parent.name}.md").write_text(
                document_markdown(doc), encoding="utf-8")
            count += 1
    if count == 0:
        raise BenchError(f"no document data (<lang>/<id>/data.json) under {out}; cannot export to Hugo")
    return count


def bench_hugo(hugo, out, work, args):
    """Export to Markdown, then build with Hugo --runs times."""
    cmd, no_lock = hugo
    site = work / "hugo-site"
    runs = Runs(work / "hugo-public")
    exported = export_hugo_site(out, site)
    full = cmd + ["--quiet", "--source", str(site)]
    if no_lock:
        full.append("--noBuildLock")
    results = repeat(args.runs, args.budget, before=runs.next,
                     measure=lambda: run_measured(full + ["--destination", str(runs.last)],
                                                  timeout=args.timeout, scratch=work))
    last = results[-1]
    if not last.ok:
        tail = "\n".join(last.stderr.strip().splitlines()[-10:])
        return {"ok": False, "error": f"exit {last.code}", "stderr_tail": tail}
    walls = [r.wall for r in results]
    return {
        "ok": True,
        "runs": len(results),
        "markdown_files": exported,
        "median_ms": median_ms(walls),
        "cold_ms": round(walls[0] * 1000, 1),
        "peak_rss_mib": round(max(r.rss_kib for r in results) / 1024, 1),
        "html_pages": count_files(runs.last, ".html"),
        "output_bytes": tree_bytes(runs.last),
    }


# --- Pagefind -------------------------------------------------------------------------------------


def bench_pagefind(pagefind, out, work, args):
    """Index a copy of wsis's output with Pagefind; its index and total sizes."""
    site = work / "pagefind-site"
    remove(site)
    shutil.copytree(out, site)
    runs = Runs(site / "_pagefind")
    cmd = pagefind + ["--site", str(site)]
    results = repeat(args.runs, args.budget, before=runs.next,
                     measure=lambda: run_measured(
                         cmd + ["--output-subdir", runs.last.name],
                         timeout=args.timeout, scratch=work))
    index_dir = runs.last
    last = results[-1]
    if not last.ok:
        tail = "\n".join(last.stderr.strip().splitlines()[-10:])
        return {"ok": False, "error": f"exit {last.code}", "stderr_tail": tail}
    figures = {
        "ok": True,
        "runs": len(results),
        "median_ms": median_ms([r.wall for r in results]),
        "peak_rss_mib": round(max(r.rss_kib for r in results) / 1024, 1),
        "index_bytes": tree_bytes(index_dir, PAGEFIND_INDEX_SUFFIXES),
        "total_bytes": tree_bytes(index_dir),
    }
    return figures


# --- Report ---------------------------------------------------------------------------------------


def ratio(a, b, digits=2):
    return round(a / b, digits) if a is not None and b else None


def fmt(x, digits=0):
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return f"{x:,}"


def kib(n):
    return None if n is None else n / 1024


def row_values(r):
    """The main table's cells for one corpus."""
    w, c, h, p = r.get("wsis") or {}, r.get("copy") or {}, r.get("hugo") or {}, r.get("pagefind") or {}
    if not w.get("ok"):
        return [r["corpus"], fmt(r["documents"])] + [f"wsis failed: {w.get('error')}"] + ["–"] * 13
    index = w["search_index_bytes"]
    total = index + w["search_runtime_bytes"]
    return [
        r["corpus"], fmt(r["documents"]), fmt(w["html_pages"]),
        fmt(w["median_ms"]), fmt(w["cold_ms"]), fmt(w["peak_rss_mib"], 1), fmt(w["pages_per_s"]),
        fmt(ratio(w["median_ms"], c.get("median_ms"), 1), 1),
        fmt(h.get("median_ms")), fmt(ratio(w["median_ms"], h.get("median_ms")), 2),
        fmt(kib(index)), fmt(kib(p.get("index_bytes"))),
        fmt(ratio(index, p.get("index_bytes")), 2),
        fmt(kib(total)), fmt(kib(p.get("total_bytes"))),
        fmt(ratio(total, p.get("total_bytes")), 2),
    ]


MAIN_HEADER = [
    "corpus", "documents", "pages", "wsis median ms", "cold ms", "peak RSS MiB", "pages/s",
    "wsis/copy", "Hugo ms", "wsis/Hugo", "wsis index KiB", "Pagefind index KiB", "index ratio",
    "wsis search total KiB", "Pagefind total KiB", "total ratio",
]

DETAIL_HEADER = [
    "corpus", "wsis runs (ms)", "output MiB", "copy ms", "Hugo pages", "Hugo peak RSS MiB",
    "Pagefind ms", "Pagefind peak RSS MiB",
]


def detail_values(r):
    w, c, h, p = r.get("wsis") or {}, r.get("copy") or {}, r.get("hugo") or {}, r.get("pagefind") or {}
    return [
        r["corpus"], ", ".join(fmt(x) for x in w.get("wall_ms", [])) or "–",
        fmt(w["output_bytes"] / 2**20, 1) if w.get("ok") else "–",
        fmt(c.get("median_ms"), 1), fmt(h.get("html_pages")), fmt(h.get("peak_rss_mib"), 1),
        fmt(p.get("median_ms")), fmt(p.get("peak_rss_mib"), 1),
    ]


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def scaling(results):
    """time(N)/time(N/10) for each pair of generated sizes a factor of 10 apart."""
    by_n = {r["n"]: r["wsis"]["median_ms"] for r in results
            if r.get("n") and r.get("wsis", {}).get("ok")}
    out = []
    for n in sorted(by_n):
        if n * 10 in by_n:
            out.append({"from": n, "to": n * 10, "time_ratio": round(by_n[n * 10] / by_n[n], 2)})
    return out


def verdict(ok):
    return "meets" if ok else "misses"


def target_lines(meta, results):
    """The issue's targets, each with the measured figure."""
    lines = []
    for r in results:
        w = r.get("wsis") or {}
        if not w.get("ok"):
            continue
        if r["n"] is None:
            lines.append(f"repo corpus: {fmt(w['median_ms'])} ms median "
                         f"(target ≤ 150 ms: {verdict(w['median_ms'] <= 150)})")
        if r["n"] == 1000:
            ok = w["median_ms"] <= 20_000 and w["peak_rss_mib"] <= 1024
            lines.append(f"N=1000: {fmt(w['median_ms'] / 1000, 1)} s, {fmt(w['peak_rss_mib'])} MiB "
                         f"peak RSS (target ≤ 20 s and ≤ 1 GiB: {verdict(ok)})")
    for s in meta["scaling"]:
        lines.append(f"time(N={s['to']}) / time(N={s['from']}) = {s['time_ratio']} "
                     f"(target ≤ 11 for 10× the documents: {verdict(s['time_ratio'] <= 11)})")
    hugo = [ratio(r["wsis"]["median_ms"], r["hugo"]["median_ms"]) for r in results
            if r.get("wsis", {}).get("ok") and r.get("hugo", {}).get("ok")]
    if hugo:
        lines.append(f"wsis/Hugo: {', '.join(fmt(x, 2) for x in hugo)} "
                     f"(target < 1: {verdict(all(x < 1 for x in hugo))})")
    index = [ratio(r["wsis"]["search_index_bytes"], r["pagefind"]["index_bytes"]) for r in results
             if r.get("wsis", {}).get("ok") and r.get("pagefind", {}).get("ok")]
    if index:
        lines.append(f"wsis index / Pagefind index: {', '.join(fmt(x, 2) for x in index)} "
                     f"(target ≤ 1: {verdict(all(x <= 1 for x in index))})")
    return lines


def report(meta, results, notes):
    """The Markdown printed on stdout."""
    parts = [
        f"Machine: {meta['nproc']} cores, {meta['cpu']}; wsis {meta['wsis_commit']}; "
        f"{meta['hugo'] or 'no Hugo'}; {meta['pagefind'] or 'no Pagefind'}; "
        f"{meta['runs']} runs; {meta['date']}",
        "",
        table(MAIN_HEADER, [row_values(r) for r in results]),
        "",
        table(DETAIL_HEADER, [detail_values(r) for r in results]),
        "",
    ]
    parts += ["Targets (issue 8):", ""] + [f"- {line}" for line in target_lines(meta, results)]
    parts += [
        "",
        "wsis median: median wall time of all runs, cold: the first run; wsis/copy: wsis time over "
        "copying its output tree. wsis does more per page than Hugo (citation linking and "
        "checks, search index, minification); Hugo renders the same text exported as Markdown. "
        "Index: wsis's OUT/static/search against Pagefind's *.pf_fragment/*.pf_index/*.pf_meta; "
        "total: adds wsis's static/search.js, and everything Pagefind writes.",
    ]
    parts += notes
    return "\n".join(parts) + "\n"


# --- Main -----------------------------------------------------------------------------------------


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Benchmark wsis build against the copy floor, Hugo and Pagefind.")
    p.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    p.add_argument("--sizes", default="10,100,1000",
                   help="generated corpus sizes, comma-separated; empty for the repo's only "
                        "(default 10,100,1000)")
    p.add_argument("--skip-repo", action="store_true", help="leave out the repository's corpus")
    p.add_argument("--skip-hugo", action="store_true", help="do not run Hugo")
    p.add_argument("--skip-pagefind", action="store_true", help="do not run Pagefind")
    p.add_argument("--bin", type=Path, help="wsis binary to use (default: cargo build --release)")
    p.add_argument("--hugo", help="hugo binary (default: hugo on PATH)")
    p.add_argument("--pagefind", help="pagefind binary (default: PATH, npx, ~/.cache/wsis-ci)")
    p.add_argument("--timeout", type=float, default=3600,
                   help="kill a single build after this many seconds (default 3600)")
    p.add_argument("--budget", type=float, default=600,
                   help="stop repeating a measurement once its runs took this many seconds "
                        "in all (default 600; 0: always --runs)")
    p.add_argument("--json", type=Path, default=REPO / "target" / "bench" / "compare.json",
                   help="where to write the figures (default target/bench/compare.json)")
    args = p.parse_args(argv)
    if args.runs < 1:
        p.error("--runs must be at least 1")
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        p.error("--sizes takes comma-separated numbers, e.g. 10,100,1000")
    if any(n < 1 for n in args.sizes):
        p.error("--sizes must be positive")
    return args


def main(argv=None):
    args = parse_args(argv)
    started = time.perf_counter()
    try:
        if args.bin:
            exe = args.bin.resolve()
            if not exe.is_file():
                raise BenchError(f"--bin {args.bin}: no such file")
        else:
            exe = build_wsis()
        hugo = None if args.skip_hugo else find_hugo(args.hugo)
        pagefind = None if args.skip_pagefind else find_pagefind(args.pagefind)
        notes = []
        if not args.skip_hugo and not hugo:
            notes.append("Hugo not found: install it (Debian: `apt install hugo`) or pass --hugo.")
        if not args.skip_pagefind and not pagefind:
            notes.append("Pagefind not found: install it with `npm install -g pagefind` "
                         "or pass --pagefind PATH.")
        for n in notes:
            log(n)

        # A work folder of this run's own, removed at the end (see Runs).
        work_root = REPO / "target" / "bench" / f"work-{os.getpid()}"
        corpora = [] if args.skip_repo else [("repo", None, REPO)]
        corpora += [(f"N={n}", n, None) for n in args.sizes]
        results = []
        failed = False
        for label, n, root in corpora:
            root = root or scale_corpus(n)
            work = work_root / label.replace("=", "")
            work.mkdir(parents=True, exist_ok=True)
            out = work / "public"
            r = {"corpus": label, "n": n, "root": str(root), "documents": document_count(root)}
            log(f"{label}: wsis build × {args.runs}")
            r["wsis"], ok = bench_wsis(exe, root, out, args)
            log(f"{label}: wsis " + (f"median {r['wsis']['median_ms']} ms" if ok
                                     else f"FAILED ({r['wsis']['error']})\n{r['wsis']['stderr_tail']}"))
            if ok:
                r["copy"] = bench_copy(out, work, args)
                if hugo:
                    log(f"{label}: Hugo × {args.runs}")
                    r["hugo"] = bench_hugo(hugo, out, work, args)
                if pagefind:
                    log(f"{label}: Pagefind × {args.runs}")
                    r["pagefind"] = bench_pagefind(pagefind, out, work, args)
            failed |= not ok
            results.append(r)

        meta = {
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "nproc": os.cpu_count(),
            "cpu": cpu_model(),
            "wsis_binary": str(exe),
            "wsis_commit": git_commit(REPO) + (" (binary from --bin)" if args.bin else ""),
            "hugo": tool_version(hugo[0] + ["version"]) if hugo else None,
            "pagefind": tool_version(pagefind + ["--version"]) if pagefind else None,
            "runs": args.runs,
            "scaling": scaling(results),
        }
        meta["elapsed_s"] = round(time.perf_counter() - started, 1)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=2,
                                        ensure_ascii=False) + "\n")
        print(report(meta, results, notes))
        log(f"figures written to {args.json}; {meta['elapsed_s']} s in all")
        return 1 if failed else 0
    except BenchError as e:
        log(f"compare: {e}")
        return 2
    finally:
        # Every measurement is done: the work folders (this run's, and any a stopped run left).
        for stale in (REPO / "target" / "bench").glob("work*"):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
