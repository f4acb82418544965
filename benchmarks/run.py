"""`make bench`: how fast baltmet-extract is, per stage and whole, on a synthetic corpus, against
pdfplumber's own table extraction on the same PDFs, and how accurately it resolves partners.

    python benchmarks/run.py [--size N] [--jobs N] [--repeat R] [--seed S] [--dask]

Steps (each measurement in a fresh process; see measure.py):
1. the corpus of `--size` documents (corpus.py; generated once, then reused);
2. start-up: `baltmet-extract --help` and `extract raw` with a warm cache, median of 3;
3. stages: ingest and extract (in `--jobs` workers), gazetteer load, spaCy build,
   resolving every distinct partner mention once, linking, validation, export;
4. the whole run: the command line on the corpus, `--jobs` workers, a cache holding what is
   built from the rules (gazetteer, text-place index) but no document results; then the
   accuracy of its partners against truth.json;
5. PDF pages: the whole pipeline on the corpus's PDFs (one job, then `--jobs`) against
   pdfplumber's `page.extract_tables()` on the same files, in the same run.
   Camelot is not installed, so its lattice reference is skipped;
6. misspelt names (names_bench.py): an annex naming 5,000 places, 3,000 misspelt, and its
   correctly spelt twin: partners F1, silent errors, the flagged share of right answers, and
   misspelt names per second (gazetteer loaded, and black box).

Results are printed and written to benchmarks/results/bench-<size>-<seed>-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

import accuracy  # noqa: E402
import corpus  # noqa: E402
import names_bench  # noqa: E402

#: Targets from issue 7, printed beside the figures.
TARGET_PAGE_RATIO = 1.0
TARGET_HELP_SECONDS = 0.3
TARGET_WARM_RAW_SECONDS = 1.5
TARGET_MENTIONS_PER_SECOND = 20_000
TARGET_PEAK_MB = 1024
#: Reference figure from issue 7 (Camelot is not installed here, so it cannot be measured).
CAMELOT_LATTICE_SECONDS_PER_PAGE = 0.26
DEFAULT_RATIO_PAGES = 150
STARTUP_RUNS = 3


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 4)


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("baltmet-extract")
    return [str(script)] if script.exists() else [sys.executable, "-m", "baltmet_extract"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], check: bool = True) -> tuple[float, subprocess.CompletedProcess[str]]:
    seconds, _, proc = _timed_cpu(cmd, check)
    return seconds, proc


def _timed_cpu(cmd: list[str], check: bool = True) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Run a command: (wall seconds, CPU seconds of it and its workers, the finished process).

    CPU time is the figure to trust when other work shares the machine: wall time then
    includes the time the benchmark waited for a core.
    """
    cpu = _children_cpu()
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - t
    if check and proc.returncode not in (0, 1):
        raise SystemExit(f"benchmark step failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return seconds, _children_cpu() - cpu, proc


def _measure(*args: str) -> tuple[float, dict[str, Any]]:
    """Run one measure.py step in a fresh process: (wall seconds, its JSON report with `cpu_seconds`)."""
    seconds, cpu, proc = _timed_cpu([sys.executable, str(HERE / "measure.py"), *args])
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report["cpu_seconds"] = round(cpu, 4)
    return seconds, report


def ensure_gazetteer(cache: Path) -> bool:
    """Build the gazetteer (and unpack the language model) into `cache` if the current rules have
    none there; True if one was built.

    Others may edit rules/ while the benchmark runs: without this, every run after such an
    edit would time a gazetteer build instead of a load.
    """
    from baltmet_extract.language import keep_model
    from baltmet_extract.normalise.gazetteer import cache_path, load_gazetteer
    from baltmet_extract.rules import Rules

    rules = Rules.load()
    model_built = keep_model(rules.languages, str(cache))  # (the language model, unpacked once)
    if cache_path(cache, rules).exists():
        return model_built
    load_gazetteer(rules, cache)
    return True


def _fresh_cache(warm: Path, work: Path, name: str) -> Path:
    """A cache folder holding what is built from the rules (gazetteer, text-place index), not the
    results of earlier runs on documents (kept in its subfolders)."""
    if ensure_gazetteer(warm):
        print("  (rules/ changed: gazetteer or language model rebuilt before the run)", file=sys.stderr)
    fresh = work / name
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    for f in warm.iterdir():
        if f.is_file():
            shutil.copy2(f, fresh / f.name)
    return fresh


def _rate(n: float, seconds: float) -> float | None:
    return round(n / seconds, 2) if seconds > 0 else None


# --- the steps -------------------------------------------------------------------------------


def startup(work: Path, cache: Path) -> dict[str, Any]:
    ensure_gazetteer(cache)
    cli = _cli()
    first, proc = _timed([*cli, "extract", "raw", "--out", str(work / "raw-out"), "--cache-dir", str(cache)])
    helps = [_timed([*cli, "--help"])[0] for _ in range(STARTUP_RUNS)]
    raws = [_timed([*cli, "extract", "raw", "--out", str(work / "raw-out"), "--cache-dir", str(cache)])[0]
            for _ in range(STARTUP_RUNS)]
    return {"help_seconds": _median(helps), "help_runs": [round(h, 4) for h in helps],
            "raw_warm_seconds": _median(raws), "raw_warm_runs": [round(r, 4) for r in raws],
            "raw_first_seconds": round(first, 4), "raw_summary": proc.stderr.strip().splitlines()[-1:]}


def whole_run(docs: Path, work: Path, cache: Path, jobs: int, label: str, executor: str = "local") -> dict[str, Any]:
    """The command line once on `docs`, with a cache holding only the gazetteer."""
    fresh = _fresh_cache(cache, work, f"cache-{label}")
    out = work / f"out-{label}"
    shutil.rmtree(out, ignore_errors=True)
    args = ["whole", str(docs), str(out), "--jobs", str(jobs), "--cache-dir", str(fresh)]
    if executor != "local":
        args += ["--executor", executor]
    before = {f.name for f in fresh.glob("gazetteer-*")}
    wall, report = _measure(*args)
    report["wall_seconds"] = round(wall, 4)
    # a gazetteer the run had to build itself means rules/ changed during it: its time is not comparable
    report["gazetteer_rebuilt"] = any(f.name not in before for f in fresh.glob("gazetteer-*"))
    report["out"] = str(out)
    report["jobs"] = jobs
    note = " (gazetteer rebuilt: rules/ changed during the run)" if report["gazetteer_rebuilt"] else ""
    print(f"  {label}: {wall:.1f} s wall, {report['cpu_seconds']:.1f} s CPU{note}", file=sys.stderr)
    return report


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several runs of one measurement: medians of the times, maxima of the memory."""
    best = dict(runs[0])
    for key in ("wall_seconds", "cpu_seconds", "seconds"):
        if key in best:
            best[key] = _median([r[key] for r in runs])
            best[key.replace("seconds", "runs")] = [r[key] for r in runs]
    for key in ("parent_peak_rss_mb", "worker_peak_rss_mb", "peak_rss_mb"):
        if key in best:
            best[key] = max(r[key] for r in runs)
    if "gazetteer_rebuilt" in best:
        best["gazetteer_rebuilt"] = sum(bool(r["gazetteer_rebuilt"]) for r in runs)
    return best


def whole_runs(docs: Path, work: Path, cache: Path, jobs: int, repeat: int, label: str,
               executor: str = "local") -> dict[str, Any]:
    return combine([whole_run(docs, work, cache, jobs, label, executor) for _ in range(repeat)])


def pdf_subset(truth: dict[str, Any], docs: Path, work: Path, max_pages: int) -> tuple[Path, list[Path], int]:
    """The corpus's PDFs, in order, up to `max_pages` pages (at least one), linked into one folder."""
    folder = work / "pdfs"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    chosen: list[Path] = []
    pages = 0
    for doc in truth["documents"]:
        if doc["kind"] != "annex_pdf" or (chosen and max_pages and pages + doc["pages"] > max_pages):
            continue
        target = folder / doc["file"]
        try:
            target.symlink_to(docs / doc["file"])
        except OSError:
            shutil.copy2(docs / doc["file"], target)
        chosen.append(target)
        pages += doc["pages"]
    return folder, chosen, pages


def pdf_ratio(truth: dict[str, Any], docs: Path, work: Path, cache: Path, jobs: int, repeat: int,
              max_pages: int) -> dict[str, Any] | None:
    """The whole pipeline against pdfplumber's `extract_tables` on the same PDFs, runs interleaved
    so that a change in the machine's load touches both alike."""
    folder, pdfs, _ = pdf_subset(truth, docs, work, max_pages)
    if not pdfs:
        return None
    base_runs, serial_runs, parallel_runs = [], [], []
    for _ in range(repeat):
        wall, report = _measure("pdfplumber", *map(str, pdfs))
        report["wall_seconds"] = round(wall, 4)
        base_runs.append(report)
        print(f"  pdfplumber extract_tables: {report['seconds']:.1f} s, {report['cpu_seconds']:.1f} s CPU",
              file=sys.stderr)
        serial_runs.append(whole_run(folder, work, cache, 1, "pdf-1-job"))
        if jobs > 1:
            parallel_runs.append(whole_run(folder, work, cache, jobs, f"pdf-{jobs}-jobs"))
    base, serial = combine(base_runs), combine(serial_runs)
    parallel = combine(parallel_runs) if parallel_runs else serial
    pages = base["pages"]
    # pdfplumber's figure is timed inside its process (no interpreter start-up or imports); the
    # pipeline's is the whole command, start-up, gazetteer and export included
    per_page = {"pdfplumber_extract_tables": base["seconds"] / pages,
                "pipeline_1_job": serial["wall_seconds"] / pages,
                f"pipeline_{jobs}_jobs": parallel["wall_seconds"] / pages}
    cpu_per_page = {"pdfplumber_extract_tables": base["cpu_seconds"] / pages,
                    "pipeline_1_job": serial["cpu_seconds"] / pages}
    return {
        "pdfs": len(pdfs), "pages": pages, "pdfplumber": base, "pipeline_1_job": serial,
        f"pipeline_{jobs}_jobs": parallel,
        "seconds_per_page": {k: round(v, 4) for k, v in per_page.items()},
        "cpu_seconds_per_page": {k: round(v, 4) for k, v in cpu_per_page.items()},
        "ratio_1_job": round(per_page["pipeline_1_job"] / per_page["pdfplumber_extract_tables"], 3),
        f"ratio_{jobs}_jobs": round(per_page[f"pipeline_{jobs}_jobs"] / per_page["pdfplumber_extract_tables"], 3),
        "cpu_ratio_1_job": round(cpu_per_page["pipeline_1_job"] / cpu_per_page["pdfplumber_extract_tables"], 3),
        "camelot": f"not installed: skipped (issue 7 quotes {CAMELOT_LATTICE_SECONDS_PER_PAGE} s/page for lattice)",
        "camelot_reference_ratio_1_job": round(per_page["pipeline_1_job"] / CAMELOT_LATTICE_SECONDS_PER_PAGE, 3),
    }


def stage_table(st: dict[str, Any] | None, whole: dict[str, Any], documents: int, pages: int,
                mentions: int | None) -> list[dict[str, Any]]:
    """One row per stage: seconds, documents/s, pages/s, distinct mentions/s, peak memory."""
    rows: list[tuple[str, float, str, str]] = []
    if st is not None:
        p = st["parent"]
        traced = st.get("tracemalloc_peak_mb", {})
        heap_norm = max((traced.get(k, 0) for k in ("gazetteer_load", "spacy_build", "link")), default=0) or "-"
        norm_seconds = p["gazetteer_load"]["seconds"] + p["spacy_build"]["seconds"] + p["link"]["seconds"]
        rows += [
            ("ingest", st["ingest_seconds"], "summed over workers", f"worker RSS {st['worker_peak_rss_mb']} MB"),
            ("extract", st["extract_seconds"], "summed over workers", f"worker RSS {st['worker_peak_rss_mb']} MB"),
            ("normalise/link", norm_seconds, "parent", f"parent RSS {p['link']['rss_mb']} MB; heap {heap_norm} MB"),
            ("validate", p["validate"]["seconds"], "parent", f"heap {traced.get('validate', '-')} MB"),
            ("export", p["export"]["seconds"], "parent",
             f"parent RSS {p['export']['rss_mb']} MB; heap {traced.get('export', '-')} MB"),
        ]
    rows.append((f"whole run ({whole['jobs']} jobs, wall)", whole["wall_seconds"], "wall",
                 f"parent RSS {whole['parent_peak_rss_mb']} MB, largest worker {whole['worker_peak_rss_mb']} MB"))
    return [{"stage": name, "seconds": round(sec, 3), "clock": clock, "documents_per_s": _rate(documents, sec),
             "pages_per_s": _rate(pages, sec), "mentions_per_s": _rate(mentions, sec) if mentions else None,
             "peak_memory": mem}
            for name, sec, clock, mem in rows]


# --- printing --------------------------------------------------------------------------------


def _fmt(value: Any, width: int) -> str:
    if value is None:
        return "-".rjust(width)
    if isinstance(value, float):
        return (f"{value:,.0f}" if value >= 100 else f"{value:.2f}").rjust(width)
    return str(value).rjust(width)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def report_text(result: dict[str, Any]) -> str:
    c = result["corpus"]
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(c["kinds"].items()))
    load = result["load_average"]
    lines = [
        f"baltmet-extract benchmark: {c['documents']} documents ({kinds}; {c['pdf_pages']} PDF pages), "
        f"seed {c['seed']}, {result['jobs']} jobs on {result['cpus']} CPUs; load average {load['start']} at the "
        f"start, {load['end']} at the end",
        "",
        f"{'stage':<28}{'seconds':>9}{'docs/s':>9}{'pages/s':>9}{'mentions/s':>12}  peak memory",
    ]
    for row in result["stage_table"]:
        lines.append(f"{row['stage']:<28}{_fmt(row['seconds'], 9)}{_fmt(row['documents_per_s'], 9)}"
                     f"{_fmt(row['pages_per_s'], 9)}{_fmt(row['mentions_per_s'], 12)}  {row['peak_memory']}")
    st = result.get("stages")
    if st:
        p = st["parent"]
        lines += [
            f"  ingest and extract: seconds summed over the workers, so rates per worker; the documents took "
            f"{st['documents_wall_seconds']:.2f} s wall in {st['jobs']} workers; PDFs "
            f"{st['pdf_ingest_extract_seconds'] / max(st['pages'], 1):.3f} s/page",
            f"  normalise/link = gazetteer load {p['gazetteer_load']['seconds']:.2f} s + spaCy build "
            f"{p['spacy_build']['seconds']:.2f} s + linking {p['link']['seconds']:.2f} s; heap = tracemalloc peak",
            "",
        ]
        r = result["resolver"]
        lines.append(f"resolver: {r['mentions']} distinct partner mentions in {r['seconds']:.3f} s = "
                     f"{r['per_second']:,.0f}/s with the gazetteer loaded (target >= {TARGET_MENTIONS_PER_SECOND:,}/s)")
    pdf = result.get("pdf")
    if pdf:
        jobs = result["jobs"]
        spp = pdf["seconds_per_page"]
        lines += [
            f"PDF pages ({pdf['pdfs']} PDFs, {pdf['pages']} pages): pdfplumber extract_tables "
            f"{spp['pdfplumber_extract_tables']:.3f} s/page; whole pipeline {spp['pipeline_1_job']:.3f} s/page with "
            f"1 job = {pdf['ratio_1_job']:.2f}x, {spp[f'pipeline_{jobs}_jobs']:.3f} s/page with {jobs} jobs = "
            f"{pdf[f'ratio_{jobs}_jobs']:.2f}x (target <= {TARGET_PAGE_RATIO:.1f}x); in CPU time, 1 job: "
            f"{pdf['cpu_ratio_1_job']:.2f}x",
            f"  Camelot {pdf['camelot']}; against that figure the pipeline (1 job) is "
            f"{pdf['camelot_reference_ratio_1_job']:.2f}x",
        ]
    s = result.get("startup")
    if s:
        lines.append(f"start-up: --help {s['help_seconds']:.3f} s (median of {STARTUP_RUNS}, target < "
                     f"{TARGET_HELP_SECONDS} s); extract raw with a warm cache {s['raw_warm_seconds']:.2f} s "
                     f"(median of {STARTUP_RUNS}, target < {TARGET_WARM_RAW_SECONDS} s)")
    w = result["whole"]
    lines.append(f"whole run: {w['wall_seconds']:.1f} s wall, {w['cpu_seconds']:.1f} s CPU "
                 f"({c['documents'] / w['wall_seconds']:.2f} docs/s, {w['wall_seconds'] / c['documents']:.3f} s/doc); "
                 f"peak RSS parent {w['parent_peak_rss_mb']} MB, largest worker {w['worker_peak_rss_mb']} MB "
                 f"(target < {TARGET_PEAK_MB} MB); exit {w['exit']}")
    d = result.get("dask")
    if d:
        lines.append(f"whole run on Dask (LocalCluster, 2 workers): {d['wall_seconds']:.1f} s wall; exit {d['exit']}")
    rebuilt = sum(int(part.get("gazetteer_rebuilt") or 0) for part in (w, d or {}, *(
        (pdf or {}).get(k) or {} for k in ("pipeline_1_job", f"pipeline_{result['jobs']}_jobs"))))
    if rebuilt:
        lines.append(f"  note: {rebuilt} run(s) built the gazetteer themselves (rules/ changed during the benchmark); "
                     "their times include the build")
    a = result["accuracy"]
    lines.append(f"accuracy: partners {a['partners_found']}/{a['partners_intended']} = {_pct(a['partner_accuracy'])} "
                 f"({a['partners_extra']} extra, {a['projects_missing']} of {a['projects_intended']} projects not "
                 f"found); news places {_pct(a['news_place_accuracy'])}")
    by_error = ", ".join(f"{g.split(':', 1)[1]} {_pct(v['accuracy'])} (n={v['n']})" for g, v in a["by_group"].items()
                         if g.startswith("error:"))
    lines.append(f"  by spelling: {by_error}")
    if result.get("names"):
        lines += ["", names_bench.report_text(result["names"])]
    return "\n".join(lines)


# --- main ------------------------------------------------------------------------------------

PARTS = ("startup", "stages", "tracemalloc", "pdf", "names")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark baltmet-extract on a synthetic corpus.")
    parser.add_argument("--size", type=int, default=corpus.DEFAULT_SIZE, help="documents in the corpus (default %(default)s)")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the whole pipeline and the PDF comparison; medians")
    parser.add_argument("--ratio-pages", type=int, default=DEFAULT_RATIO_PAGES,
                        help="PDF pages compared with pdfplumber (0: all; default %(default)s)")
    parser.add_argument("--skip", default="", help=f"comma-separated parts to leave out: {', '.join(PARTS)}")
    parser.add_argument("--dask", action="store_true", help="also time a whole run with --executor dask")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    skip = {p.strip() for p in args.skip.split(",") if p.strip()}
    if skip - set(PARTS):
        parser.error(f"--skip: unknown part(s) {', '.join(sorted(skip - set(PARTS)))}; choose from {', '.join(PARTS)}")

    t_start = time.perf_counter()
    load_start = [round(x, 2) for x in os.getloadavg()]
    args.results.mkdir(parents=True, exist_ok=True)
    work = args.results / "work"
    work.mkdir(exist_ok=True)
    cache = args.results / "cache"

    def step(message: str) -> None:
        print(f"[{time.perf_counter() - t_start:6.1f} s] {message}", file=sys.stderr)

    step(f"corpus of {args.size} documents (seed {args.seed})")
    t = time.perf_counter()
    folder = corpus.default_folder(args.size, args.seed)
    truth = corpus.generate_corpus(folder, args.size, args.seed, jobs=args.jobs)
    generation = time.perf_counter() - t
    docs = folder / "docs"

    start = None
    if "startup" not in skip:
        step("start-up: --help and extract raw (warm cache)")
        start = startup(work, cache)
    else:
        _timed([*_cli(), "extract", "raw", "--out", str(work / "raw-out"), "--cache-dir", str(cache)])  # warm the cache
    st = None
    if "stages" not in skip:
        step(f"stages, {args.jobs} jobs")
        ensure_gazetteer(cache)
        stage_args = ["stages", str(docs), str(work / "out-stages"), "--jobs", str(args.jobs), "--cache-dir", str(cache)]
        _, st = _measure(*stage_args, *(["--no-tracemalloc"] if "tracemalloc" in skip else []))
    step(f"whole run, {args.jobs} jobs")
    whole = whole_runs(docs, work, cache, args.jobs, args.repeat, "whole")
    step("accuracy")
    acc = accuracy.score(Path(whole["out"]), truth)
    pdf = None
    if "pdf" not in skip:
        step("PDF pages against pdfplumber")
        pdf = pdf_ratio(truth, docs, work, cache, args.jobs, args.repeat, args.ratio_pages)
    names = None
    if "names" not in skip:
        step("misspelt names: 5,000 places, 3,000 misspelt, and the correctly spelt twin")
        names_json = work / "names.json"
        # (9 pairs: a pair's difference varies by +-50 ms from the machine alone, a tenth of a run)
        _timed([sys.executable, str(HERE / "names_bench.py"), "--repeat", str(max(args.repeat, 9)),
                "--results", str(args.results), "--json", str(names_json)])
        names = json.loads(names_json.read_text(encoding="utf-8"))
    dask = None
    if args.dask:
        step("whole run on Dask")
        dask = whole_runs(docs, work, cache, args.jobs, 1, "dask", executor="dask")

    resolver = None
    if st is not None:
        resolve = st["parent"]["resolve_distinct"]
        resolver = {"mentions": resolve["mentions"], "seconds": resolve["seconds"],
                    "per_second": round(resolve["mentions"] / resolve["seconds"], 1) if resolve["seconds"] else None}
    result: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(), "jobs": args.jobs, "python": sys.version.split()[0],
        "load_average": {"start": load_start, "end": [round(x, 2) for x in os.getloadavg()]},
        "corpus": {**truth["summary"], "seed": args.seed, "folder": str(folder),
                   "generation_seconds": round(generation, 2)},
        "startup": start, "stages": st, "resolver": resolver, "whole": whole, "pdf": pdf, "dask": dask,
        "accuracy": acc, "camelot": "not installed: skipped", "names": names,
    }
    result["stage_table"] = stage_table(st, whole, truth["summary"]["documents"], truth["summary"]["pdf_pages"],
                                        resolver["mentions"] if resolver else None)
    result["benchmark_seconds"] = round(time.perf_counter() - t_start, 1)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = args.results / f"bench-n{args.size}-s{args.seed}-{stamp}.json"
    text = json.dumps(result, indent=1, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    (args.results / "latest.json").write_text(text + "\n", encoding="utf-8")
    print(report_text(result))
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"\n(benchmark took {result['benchmark_seconds']:.0f} s; results in {shown})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
