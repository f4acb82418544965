"""Misspelt names at scale (issue 16): an annex of 200 projects naming 5,000 distinct European places,
3,000 of them written with one realistic error, and its twin with every name written correctly.

    python benchmarks/names_bench.py [--seed 16] [--repeat 3] [--places 5000]

Prints, for the misspelt annex, the partners' F1, the silent errors (a wrong partner not flagged
for review), the flagged share of right answers, and misspelt names per second measured two ways:
with the gazetteer loaded (linking the extracted annex in this process: its time minus the twin's,
over the misspelt names), and black box (the command line on the annex minus on its twin, CPU
time: the median over `--repeat` pairs of runs of the annex's CPU time minus its twin's, with the
median's 90 % bootstrap interval).

The two of a pair run at the same time, one per core, so that both meet the machine as it is at
that moment: this machine's speed drifts by more than the difference sought, even between two
runs one after the other. Run together, a pair's difference scatters less (30 pairs: standard
deviation 38 ms against 108 ms) but comes out higher (median 183 ms against 131 ms): each run
slows the other, and the misspelt annex's extra work, random reads in the gazetteer, suffers more
from it. `--one-by-one` runs them in turn (the twin first in every other pair, so a drift within a
pair cancels out); it is the closer figure for one user's run, and needs about 30 pairs for an
interval of +-35 ms. Results go to benchmarks/results/names-*.json.
The annexes are generated from the seed (synth_names.py); nothing of them is committed.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synth_names  # noqa: E402
from synth_documents import description, project_name, status_cell  # noqa: E402

PROJECTS = 200
TARGET_PER_SECOND = 20_000
TARGET_FLAGGED_SHARE = 0.10
FOLDER = HERE / "corpus"
RESULTS = HERE / "results"


@dataclass
class AnnexProject:
    name: str
    status: str
    description: str
    partners: list[synth_names.WrittenName]


def plan_projects(written: list[synth_names.WrittenName], seed: int, projects: int = PROJECTS) -> list[AnnexProject]:
    """Share the places among `projects` projects as cooperation projects do: each project takes
    runs of places from a few countries (so co-partners' countries mean something)."""
    rng = random.Random(f"baltmet-names:{seed}:projects")
    by_country: dict[str, list[synth_names.WrittenName]] = defaultdict(list)
    for w in written:
        by_country[w.place.country].append(w)
    capacity = len(written) // projects + 1
    members: list[list[synth_names.WrittenName]] = [[] for _ in range(projects)]
    for cc in sorted(by_country):
        names = by_country[cc]
        i = 0
        while i < len(names):
            run = rng.randint(3, 8)
            open_projects = [p for p in range(projects) if len(members[p]) < capacity] or list(range(projects))
            target = rng.choice(open_projects)
            take = min(run, capacity - len(members[target]), len(names) - i) or run
            members[target].extend(names[i:i + take])
            i += take
    taken: set[str] = set()
    out = []
    for group in members:
        if not group:
            continue
        rng.shuffle(group)
        name = project_name(rng, taken) + f" {len(out) + 1}"
        out.append(AnnexProject(name, status_cell(rng), description(rng, name, rng.randint(20, 60)), group))
    return out


def partner_cell(partners: list[synth_names.WrittenName], correct: bool, with_and: bool) -> str:
    names = [w.place.name if correct else w.text for w in partners]
    head, rest = names[0] + " (lead)", names[1:]
    if not rest:
        return head
    if with_and and len(rest) > 1:
        return head + ", " + ", ".join(rest[:-1]) + " and " + rest[-1]
    return head + ", " + ", ".join(rest)


def write_annex(path: Path, projects: list[AnnexProject], correct: bool, seed: int) -> None:
    """A tab-separated annex text dump like raw/000_*.txt; the twin differs only in the names."""
    rng = random.Random(f"baltmet-names:{seed}:layout")
    lines = ["Annex II - Cooperation initiatives of European cities and regions", "",
             "Name of project\tStatus\tDescription\tCities and other partners involved"]
    for i, p in enumerate(projects):
        if i % 25 == 0:
            lines.append(f"Theme {i // 25 + 1} - Cooperation\t\t\t")
        lines.append("\t".join([p.name, p.status, p.description, partner_cell(p.partners, correct, rng.random() < 0.4)]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate(seed: int, places: int, folder: Path, misspelt_share: float = synth_names.MISSPELT / 5000,
             villages: int = 0) -> dict[str, Any]:
    """Write the misspelt annex and its twin into `folder`; returns the truth. `villages` real
    villages the gazetteer lacks are added (half of them misspelt): no answer is right for them."""
    cities = round(places * synth_names.CITIES / (synth_names.CITIES + synth_names.REGIONS))
    drawn = synth_names.draw_places(seed, cities, places - cities)
    written = synth_names.write_names(drawn, seed, round(len(drawn) * misspelt_share))
    if villages:
        # villages the gazetteer knows nothing of, and villages it knows only by name
        for i, span in enumerate(((500, 1000), (1000, 5000))):
            unknown = synth_names.unknown_places(seed, villages // 2, span)
            written += synth_names.write_names(unknown, seed + 1 + i, len(unknown) // 2)
    projects = plan_projects(written, seed, max(1, round(PROJECTS * places / 5000)))
    folder.mkdir(parents=True, exist_ok=True)
    write_annex(folder / "annex_misspelt.txt", projects, False, seed)
    write_annex(folder / "annex_correct.txt", projects, True, seed)
    truth = {"seed": seed, "places": len(drawn), "projects": [
        {"name": p.name, "partners": [{"written": w.text, "correct": w.place.name, "key": w.place.key,
                                       "also": list(w.place.also), "kind": w.place.kind, "country": w.place.country,
                                       "population": w.place.population, "error": w.error} for w in p.partners]} for p in projects]}
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return truth


# --- scoring ----------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return synth_names.fold(text)


def partner_key(row: dict[str, str]) -> str:
    if row.get("kind") == "city" and row.get("geonames_id"):
        return f"geonames:{row['geonames_id']}"
    if row.get("kind") == "region" and row.get("iso3166_2"):
        return f"iso:{row['iso3166_2']}"
    if row.get("geonames_id"):
        return f"geonames:{row['geonames_id']}"
    return f"{row.get('kind')}:{(row.get('name') or row.get('raw') or '').lower()}"


def score(out: Path, truth: dict[str, Any], which: str = "written") -> dict[str, Any]:
    """F1 of the partners, silent errors, and the flagged share of right answers."""
    with (out / "projects.csv").open(encoding="utf-8", newline="") as f:
        ids = {_fold(r["name"]): r["project_id"] for r in csv.DictReader(f)}
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (out / "partners.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rows[r["project_id"]].append(r)
    right = flagged_right = wrong_flagged = intended = produced = 0
    silent: list[dict[str, str]] = []
    misses: list[dict[str, str]] = []
    by_error: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for proj in truth["projects"]:
        got = rows.get(ids.get(_fold(proj["name"]), ""), [])
        produced += len(got)
        intended += len(proj["partners"])
        exact = {p["key"]: p for p in proj["partners"]}
        other = {k: p for p in proj["partners"] for k in p["also"]}
        used: set[str] = set()
        for r in got:
            key = partner_key(r)
            p = exact.get(key) or other.get(key)
            flagged = r.get("needs_review") == "true"
            if p is not None and p["key"] not in used:
                used.add(p["key"])
                right += 1
                flagged_right += flagged
                by_error[p["error"]][0] += 1
                by_error[p["error"]][1] += flagged
            elif flagged:
                wrong_flagged += 1
            else:
                silent.append({"raw": r["raw"], "got": key, "name": r.get("name", ""), "method": r.get("method", ""),
                               "score": r.get("score", "")})
        for p in proj["partners"]:
            if p["key"] not in used:
                by_error[p["error"]][2] += 1
                if len(misses) < 60:
                    misses.append({"written": p[which], "key": p["key"], "error": p["error"]})
    precision = right / produced if produced else 0.0
    recall = right / intended if intended else 0.0
    return {
        "partners_intended": intended, "partner_rows": produced, "right": right,
        "precision": round(precision, 4), "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "silent_errors": len(silent), "wrong_flagged": wrong_flagged, "flagged_right": flagged_right,
        "flagged_share_of_right": round(flagged_right / right, 4) if right else None,
        "by_error": {k: {"right": v[0], "flagged_right": v[1], "missed": v[2]} for k, v in sorted(by_error.items())},
        "silent": silent[:60], "misses": misses,
    }


# --- timing -----------------------------------------------------------------------------------


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("baltmet-extract")
    return [str(script)] if script.exists() else [sys.executable, "-m", "baltmet_extract"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def warm_cache(cache: Path, rules: Any = None) -> float:
    """Build what is built from the rules (the gazetteer, the language model) into `cache`; seconds
    it took (about 0 if current)."""
    from baltmet_extract.language import keep_model
    from baltmet_extract.normalise.gazetteer import cache_path, load_gazetteer
    from baltmet_extract.rules import Rules

    rules = rules or Rules.load()
    t = time.perf_counter()
    keep_model(rules.languages, str(cache))  # (the language model, unpacked once)
    if not cache_path(cache, rules).exists():
        load_gazetteer(rules, cache)
    return time.perf_counter() - t


def run_cli(annex: Path, out: Path, cache: Path, work: Path) -> tuple[float, float]:
    """The command line on one annex with a cache holding only the gazetteer: (wall, CPU) seconds."""
    return run_clis([(annex, out)], cache, work)[0]


def run_clis(jobs: list[tuple[Path, Path]], cache: Path, work: Path) -> list[tuple[float, float]]:
    """The command line on each (annex, output folder) at the same time, each with its own copy
    of a cache holding only the gazetteer: (wall, CPU) seconds of each."""
    procs = []
    for n, (_, out) in enumerate(jobs):
        fresh = work / f"cache-run-{n}"
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        for f in cache.iterdir():
            if f.is_file():
                shutil.copy2(f, fresh / f.name)
        shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    for n, (annex, out) in enumerate(jobs):
        # (stderr to a file: a pipe read only at the end would stop a run that writes much)
        with (work / f"stderr-{n}.txt").open("w", encoding="utf-8") as err:
            procs.append(subprocess.Popen(
                [*_cli(), "extract", str(annex), "--out", str(out), "--jobs", "1", "--cache-dir",
                 str(work / f"cache-run-{n}")], stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT))
    out_times = []
    for n, ((annex, _), proc) in enumerate(zip(jobs, procs, strict=True)):
        _, status, usage = os.wait4(proc.pid, 0)
        code = proc.returncode = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err_text = (work / f"stderr-{n}.txt").read_text(encoding="utf-8", errors="replace")
            raise SystemExit(f"extract failed ({code}) on {annex}:\n{err_text[-2000:]}")
        out_times.append((time.perf_counter() - t, usage.ru_utime + usage.ru_stime))
    return out_times


def link_seconds(annexes: list[Path], cache: Path, repeat: int) -> list[float]:
    """Linking (resolving every partner with its co-partners' context) of each annex in this
    process, gazetteer loaded, a fresh resolver each time: the least CPU seconds of `repeat` runs
    of each, the annexes taken in turn (CPU time and the least of several: other work on the
    machine only ever adds to a run; in turn: a machine that slows down slows both alike)."""
    from baltmet_extract.documents import process_document
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.normalise.link import Linker
    from baltmet_extract.normalise.resolver import Resolver
    from baltmet_extract.normalise.textplaces import TextPlaceFinder
    from baltmet_extract.rules import Rules

    rules = Rules.load()
    gz = load_gazetteer(rules, cache)
    docs = [process_document(str(annex), annex.name, None) for annex in annexes]
    gc.freeze()  # as the pipeline does once the gazetteer is loaded
    times: list[list[float]] = [[] for _ in annexes]
    for _ in range(repeat):
        for doc, spent in zip(docs, times, strict=True):
            resolver = Resolver(gz, rules)
            finder = TextPlaceFinder(gz, resolver, rules)
            t = time.process_time()
            Linker(resolver, finder).run([doc])
            spent.append(time.process_time() - t)
    return [min(spent) for spent in times]


def measure(seed: int = 16, places: int = 5000, repeat: int = 3, results: Path = RESULTS,
            together: bool | None = None) -> dict[str, Any]:
    """Generate the annex and its twin, run both (in this process and as the command line), score."""
    folder = FOLDER / f"names-s{seed}-n{places}"
    work = results / "work-names"
    work.mkdir(parents=True, exist_ok=True)
    cache = results / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    truth = generate(seed, places, folder)
    misspelt = sum(1 for p in truth["projects"] for w in p["partners"] if w["error"] != "none")
    print(f"  annex of {len(truth['projects'])} projects, {truth['places']} places, {misspelt} misspelt "
          f"({time.perf_counter() - t0:.1f} s to generate)", file=sys.stderr)
    build = warm_cache(cache)
    if together is None:
        together = (os.cpu_count() or 1) >= 2

    link_bad, link_good = link_seconds([folder / "annex_misspelt.txt", folder / "annex_correct.txt"], cache, repeat)
    runs: dict[str, list[tuple[float, float]]] = {"misspelt": [], "correct": []}
    for n in range(repeat):
        # one after the other, the twin first in every other pair: a drift of the machine's speed
        # within a pair counts against each annex as often as for it
        order = ("misspelt", "correct") if n % 2 == 0 or together else ("correct", "misspelt")
        pair = [(folder / f"annex_{which}.txt", work / f"out-{which}") for which in order]
        if together:
            # the two at the same time, one per core: both meet the machine as it is at that moment
            # (but each slows the other: the misspelt annex's extra work, random reads in the
            # gazetteer, suffers more from the twin's than the twin's from it)
            timed = run_clis(pair, cache, work)
        else:
            timed = [run_cli(annex, out, cache, work) for annex, out in pair]
        for which, one in zip(order, timed, strict=True):
            runs[which].append(one)
    acc = score(work / "out-misspelt", truth)
    twin = score(work / "out-correct", truth, "correct")
    wall = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    # each misspelt run against the twin's run just after it: the machine's speed drifts over a
    # minute by more than the difference sought, and within a pair it drifts little
    extras = [m[1] - c[1] for m, c in zip(runs["misspelt"], runs["correct"], strict=True)]
    extra_cpu = statistics.median(extras)
    low, high = median_interval(extras)
    extra_link = link_bad - link_good
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"), "seed": seed, "places": truth["places"],
        "projects": len(truth["projects"]), "misspelt": misspelt, "gazetteer_build_seconds": round(build, 2),
        "link_seconds": {"misspelt": round(link_bad, 4), "correct": round(link_good, 4)},
        "misspelt_per_second_loaded": round(misspelt / extra_link) if extra_link > 0 else None,
        "cli_wall_seconds": {k: round(v, 3) for k, v in wall.items()},
        "cli_cpu_seconds": {k: round(v, 3) for k, v in cpu.items()},
        "cli_cpu_extra_seconds": round(extra_cpu, 3),
        "cli_pairs_together": together,
        "misspelt_per_second_black_box": round(misspelt / extra_cpu) if extra_cpu > 0 else None,
        # the median pair's 90 % interval (bootstrap): how far this machine's noise lets the figure go
        "cli_cpu_extra_interval_seconds": [round(low, 3), round(high, 3)],
        "misspelt_per_second_black_box_interval": [round(misspelt / high) if high > 0 else None,
                                                   round(misspelt / low) if low > 0 else None],
        "accuracy": acc, "twin_accuracy": twin,
    }


def median_interval(values: list[float], share: float = 0.9, draws: int = 2000) -> tuple[float, float]:
    """The `share` interval of the median of `values` by the bootstrap (seeded: the same values
    give the same interval)."""
    rng = random.Random(16)
    medians = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(draws))
    cut = int(draws * (1 - share) / 2)
    return medians[cut], medians[draws - 1 - cut]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Misspelt names at scale: accuracy, review flags and speed.")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--places", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each annex (in-process and command line)")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--one-by-one", action="store_true",
                        help="run each pair of command lines one after the other (default: at the same time, one per core)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)
    result = measure(args.seed, args.places, args.repeat, args.results, together=False if args.one_by_one else None)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(result, indent=1, ensure_ascii=False) + "\n"
    (args.results / f"names-s{args.seed}-n{args.places}-{stamp}.json").write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    print(report_text(result))
    return 0


def report_text(r: dict[str, Any]) -> str:
    a, t = r["accuracy"], r["twin_accuracy"]

    def rate(v: int | None) -> str:
        return "-" if v is None else f"{v:,}/s"

    return "\n".join([
        f"misspelt names: {r['places']:,} places in {r['projects']} projects, {r['misspelt']:,} misspelt (seed {r['seed']}; "
        f"benchmarks/names_bench.py)",
        f"  partners F1 {a['f1']:.3f} (P {a['precision']:.3f}, R {a['recall']:.3f}); silent errors {a['silent_errors']}; "
        f"flagged {a['flagged_right']:,} of {a['right']:,} right answers = {a['flagged_share_of_right']:.1%} "
        f"(target <= {TARGET_FLAGGED_SHARE:.0%}); wrong but flagged {a['wrong_flagged']}",
        f"  correctly spelt twin: F1 {t['f1']:.3f}, silent errors {t['silent_errors']}, flagged "
        f"{t['flagged_share_of_right']:.1%} of right answers",
        f"  misspelt names/s, gazetteer loaded: {rate(r['misspelt_per_second_loaded'])} (linking "
        f"{r['link_seconds']['misspelt']:.2f} s vs {r['link_seconds']['correct']:.2f} s for the twin); "
        f"black box: {rate(r['misspelt_per_second_black_box'])} (CPU {r['cli_cpu_seconds']['misspelt']:.2f} s vs "
        f"{r['cli_cpu_seconds']['correct']:.2f} s, {r.get('cli_cpu_extra_seconds', 0):.3f} s more in the median pair"
        + (", 90% interval {} to {}".format(*map(rate, r["misspelt_per_second_black_box_interval"]))
           if r.get("misspelt_per_second_black_box_interval") else "")
        + f"; pairs {'run together' if r.get('cli_pairs_together') else 'run one after the other'}); "
        f"target {TARGET_PER_SECOND:,}/s",
    ])


__all__ = ["generate", "measure", "report_text", "score"]

if __name__ == "__main__":
    sys.exit(main())
