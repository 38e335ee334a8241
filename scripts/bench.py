"""Benchmark the book's build, in one run on this machine, and write benchmarks/results.md and results.json.

    .venv/bin/python scripts/bench.py            # everything (about 40 minutes on 2 cores)
    .venv/bin/python scripts/bench.py --sizes 5,10 --repeat 1 --no-pdf --no-suite   # a shorter run

Every build runs the real command in a fresh temporary copy of the project, never in the checkout:

- cold build: ``stancebook build`` with no executed notebook and no HTML;
- no-change rebuild: the same command again;
- one-country change: one figure of Kazakhstan's data changed (its 2023 exports to Türkiye, and the turnover
  with them), then ``stancebook build``; the notebooks it re-executed are listed, with those whose output came
  out unchanged (re-executed for nothing);
- each chapter alone: every chapter executed one after another as the build's workers execute it, against the
  kernel-and-imports floor (a notebook that only imports pandas, matplotlib's pyplot and stancebook);
- PDF: ``stancebook pdf`` (what ``make pdf`` runs) on the built book, with the time of its one print pass of
  the book (needs Chromium);
- baseline 1: the same notebooks executed one after another with papermill, then ``jupyter-book build``
  (what ``stancebook build`` did before its cache and workers); once more at 40 focus countries;
- baseline 2: Jupyter Book executing the same notebooks itself with ``execute_notebooks: cache``
  (jupyter-cache): a cold build, a no-change rebuild, and the same one-country change;
- scaling: cold builds with N focus countries. The countries beyond the real five are SYNTHETIC: copies of
  Kazakhstan's rows under ISO 3166 user-assigned codes (QMA, QMB, ...), written only into the benchmark's
  temporary copy. They never enter data/ or the book;
- the tests: ``make test`` and ``make test-fast`` in the checkout (``--no-suite`` leaves them out).

The cold build, the no-change rebuilds, the one-country change and baseline 1 are run ``--repeat`` times (3),
interleaved, and the median is reported with every run's time: the machine's speed varies. Wall time is
measured around each command; peak memory is the largest sum of resident memory over the command's
process tree (the build, its workers and their Jupyter kernels), sampled every 0.1 s. The targets are ratios
between measurements of this one run, so a slower or faster machine moves both sides alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from stancebook.builder.project import copy_sources

ROOT = Path(__file__).resolve().parent.parent
#: the one-country change: Kazakhstan's 2023 exports to Türkiye, and its turnover with Türkiye, each +50
CHANGE = (
    ("KAZ,TUR,2023,,export,3943.304,", "KAZ,TUR,2023,,export,3993.304,"),
    ("KAZ,TUR,2023,,turnover,5984.998,", "KAZ,TUR,2023,,turnover,6034.998,"),
)
#: tables and the column holding the country code, for the synthetic countries
COUNTRY_ROWS = {
    "unga_votes.csv": "iso3",
    "trade.csv": "reporter",
    "eu_exports.csv": "partner",
    "indicators.csv": "country",
    "coverage_notes.csv": "country",
    "events.csv": "country",
    "institutions.csv": "country",
}


# --- running and measuring ---------------------------------------------------------------------------------


class Measured(dict):
    """wall seconds, peak memory (MiB) of the process tree, exit code, output."""


def measure(cmd: list[str], cwd: Path, env: dict | None = None) -> Measured:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}
    )
    peak = {"tree": 0, "one": 0}
    done = threading.Event()

    def sample():
        try:
            parent = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            try:
                procs = [parent, *parent.children(recursive=True)]
                rss = []
                for p in procs:
                    try:
                        rss.append(p.memory_info().rss)
                    except psutil.Error:
                        pass
                peak["tree"] = max(peak["tree"], sum(rss))
                peak["one"] = max(peak["one"], max(rss, default=0))
            except psutil.Error:
                pass
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    result = Measured(
        seconds=round(seconds, 2),
        peak_mib=round(peak["tree"] / 2**20),
        peak_one_process_mib=round(peak["one"] / 2**20),
        returncode=proc.returncode,
        stdout=out,
        stderr=err,
    )
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{out[-3000:]}\n{err[-3000:]}")
    return result


def stancebook(*args: str, root: Path, env: dict | None = None) -> Measured:
    return measure([sys.executable, "-m", "stancebook", *args, "--root", str(root)], cwd=root, env=env)


def fresh_copy(parent: Path, name: str) -> Path:
    return copy_sources(ROOT, parent / name)


def change_one_country(root: Path) -> None:
    path = root / "data" / "trade.csv"
    text = path.read_text(encoding="utf-8")
    for old, new in CHANGE:
        if text.count(old) != 1:
            raise SystemExit(f"the benchmark's one-country change expects one row starting {old!r} in trade.csv")
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def manifest(root: Path) -> dict:
    return json.loads((root / "_build" / "stancebook" / "manifest.json").read_text(encoding="utf-8"))


def phase_seconds(stdout: str) -> dict:
    """The execution and HTML phases as the build reports them."""
    run = re.search(r"Executed \d+ of \d+ notebooks in ([\d.]+) s", stdout)
    html = re.search(r"HTML book built \(.*?\) in ([\d.]+) s", stdout)
    return {"execute_s": float(run.group(1)) if run else 0.0, "html_s": float(html.group(1)) if html else 0.0}


def ran(stdout: str) -> list[str]:
    return re.findall(r"^run   (.*?): ", stdout, re.M)


def unchanged_outputs(stdout: str) -> list[str]:
    """The notebooks a build executed whose output came out exactly as before."""
    return re.findall(r"^\[\d+/\d+\] (.*?)\s{2,}\S+\.ipynb  executed in [\d.]+ s \(output unchanged\)", stdout, re.M)


# --- baselines -----------------------------------------------------------------------------------------------

SEQUENTIAL = textwrap.dedent("""
    # baseline: the book's notebooks executed one after another with papermill, then jupyter-book build
    import subprocess, sys
    from pathlib import Path
    import nbformat, papermill as pm
    from stancebook.builder.plan import plan, render
    from stancebook.builder.project import Project
    from stancebook.data import load
    project = Project(Path(sys.argv[1]))
    ds = load(project.data_dir)
    for job in plan(project, ds):
        job.output.parent.mkdir(parents=True, exist_ok=True)
        pm.execute_notebook(render(job), str(job.output), parameters=job.parameters,
                            kernel_name="python3", cwd=str(job.output.parent), progress_bar=False)
    subprocess.run([sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build",
                    str(project.root)], check=True, capture_output=True)
""")

CHAPTER_TIMES = textwrap.dedent("""
    # each chapter executed alone, one after another, exactly as the build's workers execute it (its part of the
    # data and the shared facts handed over), and the floor: a notebook that only starts its kernel and imports
    # pandas, matplotlib's pyplot and stancebook, executed the same way (median of FLOOR_RUNS)
    import json, statistics, sys
    from pathlib import Path
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook
    from stancebook.builder import run, worker
    from stancebook.builder.plan import plan
    from stancebook.builder.project import Project
    from stancebook.data import load, scope
    from stancebook.data.digest import folder_files
    project = Project(Path(sys.argv[1]))
    ds = load(project.data_dir)
    files, csv = run.data_files(project), folder_files(project.data_dir)
    shared = run.shared_facts(project, ds)
    floor_nb = new_notebook(cells=[new_code_cell("import pandas, matplotlib.pyplot, stancebook")])
    floor_task = worker.Task("floor", nbformat.writes(floor_nb), {}, "chapters", files)
    floors = []
    for _ in range(int(sys.argv[2])):
        result = worker.run(floor_task)
        assert result.error is None, result.error
        floors.append(result.seconds)
    chapters = {}
    for job in plan(project, ds):
        part = scope.restrict(ds, job.chapter, job.country)
        result = worker.run(run.make_task(project, job, files, run.prepared(ds, part, job, csv, shared)))
        assert result.error is None, result.error
        chapters[job.label] = {"seconds": result.seconds, "country": job.country is not None}
    print(json.dumps({"floor": statistics.median(floors), "floor_runs": floors, "chapters": chapters}))
""")

PREPARE_FOR_JUPYTER_CACHE = textwrap.dedent("""
    # baseline: write the book's notebooks with their parameters injected but NOT executed, and let Jupyter
    # Book execute them itself (execute_notebooks: cache)
    import sys
    from pathlib import Path
    import nbformat
    from papermill.parameterize import parameterize_notebook
    from stancebook.builder.plan import plan, render
    from stancebook.builder.project import Project
    from stancebook.data import load
    from stancebook.present import bib
    project = Project(Path(sys.argv[1]))
    ds = load(project.data_dir)
    bib.write(ds, project.root)
    for job in plan(project, ds):
        nb = render(job)
        for cell in nb.cells:
            cell.metadata.setdefault("tags", [])
        nb.metadata.setdefault("papermill", {})
        nb = parameterize_notebook(nb, job.parameters)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        job.output.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, job.output)
""")


def jupyter_book(root: Path) -> Measured:
    return measure(
        [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(root)], cwd=root
    )


def jupyter_cache_executed(stdout: str) -> int:
    """How many notebooks Jupyter Book executed, from its log ('Executing notebook ...' per notebook)."""
    return len(re.findall(r"Executing notebook", stdout))


def use_jupyter_cache(root: Path) -> None:
    config = root / "_config.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('execute_notebooks: "off"', "execute_notebooks: cache\n  timeout: 600")
    if "execute_notebooks: cache" not in text:
        raise SystemExit("could not switch _config.yml to execute_notebooks: cache")
    config.write_text(text, encoding="utf-8")


# --- synthetic countries (scaling only) ------------------------------------------------------------------------


def synthetic_codes(n: int) -> list[str]:
    """ISO 3166-1 user-assigned codes QMA, QMB, ...: never a real country."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [f"Q{'MNOPQRSTUVWXYZ'[i // 26]}{letters[i % 26]}" for i in range(n)]


def add_synthetic_countries(root: Path, extra: int) -> None:
    import pandas as pd

    data = root / "data"
    codes = synthetic_codes(extra)
    countries = pd.read_csv(data / "countries.csv", dtype=str, keep_default_na=False)
    kaz = countries[countries["iso3"] == "KAZ"].iloc[0]
    rows = []
    for i, code in enumerate(codes):
        row = kaz.copy()
        row["iso3"], row["name"] = code, f"Synthetic {i + 1:02d}"
        row["colour"] = f"#{(37 * i) % 200 + 30:02X}{(71 * i) % 200 + 30:02X}{(113 * i) % 200 + 30:02X}"
        rows.append(row)
    pd.concat([countries, pd.DataFrame(rows)]).to_csv(data / "countries.csv", index=False)
    for file, column in COUNTRY_ROWS.items():
        table = pd.read_csv(data / file, dtype=str, keep_default_na=False)
        own = table[table[column] == "KAZ"]
        copies = []
        for code in codes:
            copy = own.copy()
            copy[column] = code
            if "event_id" in copy:
                copy["event_id"] = copy["event_id"].str.replace("KAZ", code, n=1, regex=False)
            copies.append(copy)
        pd.concat([table, *copies]).to_csv(data / file, index=False)
    _count_synthetic_votes(data, len(codes))


def _count_synthetic_votes(data: Path, extra: int) -> None:
    """Count the synthetic countries' votes in each resolution's world tally (and its members), as fictional UN
    members that voted as Kazakhstan did: the data rules hold the book's countries to the tally."""
    import pandas as pd

    res = pd.read_csv(data / "unga_resolutions.csv", dtype=str, keep_default_na=False)
    votes = pd.read_csv(data / "unga_votes.csv", dtype=str, keep_default_na=False)
    kaz = votes[votes["iso3"] == "KAZ"].set_index("res_id")["vote"]
    column = {"Y": "yes", "N": "no", "A": "abstain", "X": "non_voting"}
    for i, res_id in enumerate(res["res_id"]):
        code = kaz.get(res_id)
        if code not in column or res.at[i, column[code]] == "":
            continue  # no vote of Kazakhstan's to copy, or a tally no source states
        res.at[i, column[code]] = str(int(res.at[i, column[code]]) + extra)
        res.at[i, "members"] = str(int(res.at[i, "members"]) + extra)
    res.to_csv(data / "unga_resolutions.csv", index=False)


# --- the run -------------------------------------------------------------------------------------------------


def machine() -> dict:
    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else ""
    )
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    from stancebook.builder import fingerprint

    return {
        "cores": cores,
        "cpu": model,
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "system": f"{platform.system()} {platform.release()}",
        **fingerprint.environment(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def median_of(runs: list[Measured]) -> Measured:
    """The run with the median wall time, with the spread of all runs (the machine is a shared VM: its speed
    varies by tens of per cent from minute to minute, so every key measurement is repeated)."""
    ordered = sorted(runs, key=lambda m: m["seconds"])
    mid = Measured(ordered[len(ordered) // 2])
    mid["runs"] = [m["seconds"] for m in runs]
    mid["peak_mib"] = max(m["peak_mib"] for m in runs)
    mid["peak_one_process_mib"] = max(m["peak_one_process_mib"] for m in runs)
    return mid


def row(name: str, m: Measured, executed: int | str, note: str = "") -> dict:
    return {
        "measurement": name,
        "seconds": m["seconds"],
        "runs": m.get("runs", [m["seconds"]]),
        "executed": executed,
        "peak_mib": m["peak_mib"],
        "peak_one_process_mib": m["peak_one_process_mib"],
        "note": note,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,10,20,40,80", help="focus-country counts for the scaling runs")
    parser.add_argument(
        "--baseline-at", type=int, default=40, help="the scaling size at which the sequential baseline runs too"
    )
    parser.add_argument("--floor-runs", type=int, default=5, help="runs of the kernel-and-imports floor notebook")
    parser.add_argument(
        "--no-suite", action="store_true", help="leave out timing `make test` and `make test-fast` in the checkout"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each key measurement (the median is reported; default 3)"
    )
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF measurement")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks", help="where to write the results")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies (their path is printed)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="stancebook-bench-"))
    rows: list[dict] = []
    info = machine()
    cores = info["cores"]
    print(f"benchmarking in {work} on {cores} cores", flush=True)

    def step(label):
        print(f"- {label} ...", flush=True)

    script = work / "sequential.py"
    script.write_text(SEQUENTIAL, encoding="utf-8")
    try:
        # 1-3 and baseline 1, repeated and interleaved, so that a slow minute of the machine hits both alike
        runs: dict[str, list[Measured]] = {"cold": [], "nochange": [], "explained": [], "changed": [], "sequential": []}
        changed_ran: list[str] = []
        for rep in range(1, args.repeat + 1):
            ours = fresh_copy(work, f"ours-{rep}")
            step(f"run {rep} of {args.repeat}: cold build, no-change rebuilds, one-country change")
            runs["cold"].append(stancebook("build", root=ours))
            if rep == 1:
                cold_manifest = manifest(ours)
                step("each chapter alone, one after another, and the kernel-and-imports floor")
                chapter_times = chapter_floor(work, ours, args.floor_runs)
            runs["nochange"].append(stancebook("build", root=ours))
            runs["explained"].append(stancebook("build", "--explain", root=ours))
            change_one_country(ours)
            runs["changed"].append(stancebook("build", "--explain", root=ours))
            changed_ran = ran(runs["changed"][-1]["stdout"])
            changed_same = unchanged_outputs(runs["changed"][-1]["stdout"])
            if rep == 1 and not args.no_pdf:
                step("PDF")
                pdf_row = measure_pdf(ours)
            step(f"run {rep} of {args.repeat}: baseline, papermill one after another + jupyter-book build")
            seq_root = fresh_copy(work, f"sequential-{rep}")
            runs["sequential"].append(measure([sys.executable, str(script), str(seq_root)], cwd=seq_root))
            shutil.rmtree(seq_root, ignore_errors=True)
            if rep > 1:
                shutil.rmtree(ours, ignore_errors=True)
        cold, nochange, explained, changed, sequential = (
            median_of(runs[k]) for k in ("cold", "nochange", "explained", "changed", "sequential")
        )
        country_seconds = [e["seconds"] for k, e in cold_manifest["notebooks"].items() if "/countries/" in k]
        all_seconds = {e["label"]: e["seconds"] for e in cold_manifest["notebooks"].values()}
        rows.append(
            row(
                "Cold build (stancebook build)",
                cold,
                len(all_seconds),
                "execute {execute_s:.1f} s, HTML {html_s:.1f} s".format(**phase_seconds(cold["stdout"])),
            )
        )
        quick = all("Nothing changed since the last build" in m["stdout"] for m in runs["nochange"])
        rows.append(
            row(
                "No-change rebuild",
                nochange,
                0 if quick else "see note",
                "nothing executed, HTML left as it was" if quick else "UNEXPECTED: something was rebuilt",
            )
        )
        rows.append(
            row(
                "No-change rebuild with --explain (hashes each notebook's inputs)",
                explained,
                len(ran(explained["stdout"])),
                "HTML skipped" if "HTML book unchanged" in explained["stdout"] else "HTML rebuilt",
            )
        )
        rows.append(
            row(
                "Rebuild after changing one country's data",
                changed,
                len(changed_ran),
                "re-executed: "
                + ", ".join(changed_ran)
                + "; execute {execute_s:.1f} s, HTML {html_s:.1f} s".format(**phase_seconds(changed["stdout"])),
            )
        )
        if not args.no_pdf:
            rows.append(pdf_row)
        rows.append(row("Baseline: papermill one after another + jupyter-book build", sequential, len(all_seconds)))

        # baseline 2: Jupyter Book executing with jupyter-cache
        step("baseline: jupyter-book build with execute_notebooks: cache")
        jc_root = fresh_copy(work, "jupyter-cache")
        prep = work / "prepare.py"
        prep.write_text(PREPARE_FOR_JUPYTER_CACHE, encoding="utf-8")
        measure([sys.executable, str(prep), str(jc_root)], cwd=jc_root)
        use_jupyter_cache(jc_root)
        jc_cold = jupyter_book(jc_root)
        rows.append(
            row(
                "Baseline: jupyter-book build, execute_notebooks: cache, cold",
                jc_cold,
                jupyter_cache_executed(jc_cold["stdout"]),
            )
        )
        jc_nochange = median_of([jupyter_book(jc_root) for _ in range(args.repeat)])
        rows.append(
            row(
                "Baseline: jupyter-book build, execute_notebooks: cache, no change",
                jc_nochange,
                jupyter_cache_executed(jc_nochange["stdout"]),
            )
        )
        change_one_country(jc_root)
        jc_changed = jupyter_book(jc_root)
        rows.append(
            row(
                "Baseline: jupyter-book build, execute_notebooks: cache, one-country change",
                jc_changed,
                jupyter_cache_executed(jc_changed["stdout"]),
                "stale: jupyter-cache keys a notebook on its code, not on the data it reads"
                if jupyter_cache_executed(jc_changed["stdout"]) == 0
                else "",
            )
        )

        # scaling with synthetic countries
        scaling = []
        baseline_at: dict | None = None
        for n in sizes:
            if n == 5:
                scaling.append(
                    {
                        "countries": 5,
                        "notebooks": len(all_seconds),
                        "seconds": cold["seconds"],
                        "peak_mib": cold["peak_mib"],
                        **phase_seconds(cold["stdout"]),
                        "country_notebook_s": statistics.median(country_seconds),
                        "region_s": all_seconds.get("Regional comparison", 0.0),
                        "note": "the cold build above (real data)",
                    }
                )
                continue
            step(f"scaling: cold build with {n} focus countries ({n - 5} synthetic)")
            root = fresh_copy(work, f"scale-{n}")
            add_synthetic_countries(root, n - 5)
            m = stancebook("build", root=root)
            entries = manifest(root)["notebooks"]
            if n == args.baseline_at:
                step(f"baseline at {n} focus countries: papermill one after another + jupyter-book build")
                seq_root = fresh_copy(work, f"sequential-{n}")
                add_synthetic_countries(seq_root, n - 5)
                seq = measure([sys.executable, str(script), str(seq_root)], cwd=seq_root)
                baseline_at = {"countries": n, "seconds": seq["seconds"], "peak_mib": seq["peak_mib"]}
                shutil.rmtree(seq_root, ignore_errors=True)
            scaling.append(
                {
                    "countries": n,
                    "notebooks": len(entries),
                    "seconds": m["seconds"],
                    "peak_mib": m["peak_mib"],
                    **phase_seconds(m["stdout"]),
                    "country_notebook_s": statistics.median(
                        e["seconds"] for k, e in entries.items() if "/countries/" in k
                    ),
                    "region_s": next(e["seconds"] for e in entries.values() if e["label"] == "Regional comparison"),
                    "note": f"{n - 5} synthetic countries (copies of Kazakhstan's rows)",
                }
            )
            shutil.rmtree(root, ignore_errors=True)
        suite = None if args.no_suite else measure_suite()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    previous = _previous(args.out / "results.json")
    results = {
        "machine": info,
        "repeat": args.repeat,
        "rows": rows,
        "scaling": scaling,
        "notebook_seconds_cold": all_seconds,
        "chapter_times": chapter_times,
        "baseline_at": baseline_at,
        "suite": suite,
        "pdf": None if args.no_pdf else pdf_row.get("passes"),
        "targets": targets(
            Inputs(
                cold=cold,
                nochange=nochange,
                changed=changed,
                changed_ran=changed_ran,
                changed_same=changed_same,
                sequential=sequential,
                scaling=scaling,
                country_seconds=country_seconds,
                all_seconds=all_seconds,
                cores=cores,
                chapter_times=chapter_times,
                baseline_at=baseline_at,
                suite=suite,
                pdf=None if args.no_pdf else pdf_row,
                previous=previous,
            )
        ),
    }
    for r in results["rows"]:
        r.pop("stdout", None)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))


def measure_pdf(root: Path) -> dict:
    try:
        from stancebook.builder.pdf import find_chromium

        find_chromium()
    except Exception as exc:  # no Chromium: the table says so
        return {
            "measurement": "PDF: stancebook pdf, as make pdf runs it (whole book and one per country)",
            "seconds": None,
            "runs": [],
            "executed": 0,
            "peak_mib": None,
            "peak_one_process_mib": None,
            "note": f"not measured: {exc}",
        }
    m = stancebook("pdf", root=root)
    out = row("PDF: stancebook pdf, as make pdf runs it (whole book and one per country)", m, 0, "system Chromium")
    out["passes"] = pdf_parts(m["stdout"], m["seconds"])
    if out["passes"]:
        out["note"] = "system Chromium; " + ", ".join(f"{k} {v:.1f} s" for k, v in out["passes"].items())
    return out


def pdf_parts(stdout: str, wall: float) -> dict | None:
    """The parts of ``stancebook pdf`` from its log: each Chromium print (the book's one pass among them), the
    book's writing as a whole, and what the command spends besides Chromium."""
    summary = re.search(r"^Chromium printed \d+ documents? in ([\d.]+) s: (.*)$", stdout, re.M)
    book = re.search(r"stancebook\.pdf: \d+ pages in ([\d.]+) s", stdout)
    if not summary or not book:
        return None
    prints = re.findall(r"([^,(]+?) \(\d+ pages?, ([\d.]+) s\)", summary.group(2))
    parts = {f"print of {what.strip()}": float(sec) for what, sec in prints}
    one = parts.pop("print of the book", None)
    if one is None:
        return None
    return {
        "book_pass_s": one,
        **parts,
        "the book written in all (print, contents numbers, pypdf)": float(book.group(1)),
        "everything besides Chromium (start-up, reading the HTML, pypdf)": wall - float(summary.group(1)),
    }


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of seconds against the number of countries."""
    xs, ys = zip(*points, strict=True)
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)


def chapter_floor(work: Path, root: Path, floor_runs: int) -> dict:
    """Each chapter's execution alone, and the kernel-and-imports floor, in the built copy ``root``."""
    script = work / "chapter_times.py"
    script.write_text(CHAPTER_TIMES, encoding="utf-8")
    m = measure([sys.executable, str(script), str(root), str(floor_runs)], cwd=root)
    return json.loads(m["stdout"].strip().splitlines()[-1])


def measure_suite() -> dict:
    """`make test` and `make test-fast` in the checkout (their own copies of the book; nothing is built here)."""
    out = {}
    for target in ("test-fast", "test"):
        print(f"- make {target} in the checkout ...", flush=True)
        m = measure(["make", target], cwd=ROOT)
        passed = re.search(r"(\d+) passed", m["stdout"])
        out[target] = {"seconds": m["seconds"], "passed": int(passed.group(1)) if passed else None}
    return out


def _previous(path: Path) -> dict | None:
    """The last results written (the run before this one), for the memory comparison."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


@dataclass
class Inputs:
    cold: Measured
    nochange: Measured
    changed: Measured
    changed_ran: list[str]
    changed_same: list[str]
    sequential: Measured
    scaling: list[dict]
    country_seconds: list[float]
    all_seconds: dict
    cores: int
    chapter_times: dict
    baseline_at: dict | None
    suite: dict | None
    pdf: dict | None
    previous: dict | None


def target(name: str, measured: str, holds: bool | None, why: str = "") -> dict:
    return {"target": name, "measured": measured, "holds": holds, "why": "" if holds else why}


def targets(r: Inputs) -> list[dict]:
    out = []
    c, n, ch = r.cold["seconds"], r.nochange["seconds"], r.changed["seconds"]
    cold_phases, changed_phases = phase_seconds(r.cold["stdout"]), phase_seconds(r.changed["stdout"])
    fixed = ch - changed_phases["execute_s"] - changed_phases["html_s"]
    # 1. a one-country change: only what depends on the data, and fast
    needless = [label for label in r.changed_ran if label in r.changed_same]
    out.append(
        target(
            "One-country change re-executes only what depends on that data (every notebook it re-executes "
            "comes out changed)",
            f"re-executed {', '.join(r.changed_ran)}; output unchanged: {', '.join(needless) or 'none'}",
            not needless,
            f"{', '.join(needless)} re-executed without any change to show: their declared scope is wider than what "
            "they show",
        )
    )
    slowest = max((r.all_seconds.get(label, 0) for label in r.changed_ran), default=0)
    out.append(
        target(
            "One-country change <= 35% of the cold build",
            f"{ch / c:.1%} ({ch:.1f} s of {c:.1f} s)",
            ch <= 0.35 * c,
            f"the parts: execution {changed_phases['execute_s']:.1f} s (the slowest notebook it re-executes took "
            f"{slowest:.1f} s in the cold build), Jupyter Book's incremental update of the pages "
            f"{changed_phases['html_s']:.1f} s ({cold_phases['html_s']:.1f} s from scratch: most of it Sphinx's "
            f"start-up and the bibliography, whatever the number of pages changed), and the build's own start-up, "
            f"validation and hashing {fixed:.1f} s",
        )
    )
    # 2. each added country
    points = [(p["countries"], p["seconds"]) for p in r.scaling]
    alone = [v["seconds"] for v in r.chapter_times["chapters"].values() if v["country"]]
    if len(points) >= 2:
        per = slope(points)
        per_exec = slope([(p["countries"], p["execute_s"]) for p in r.scaling])
        per_html = slope([(p["countries"], p["html_s"]) for p in r.scaling])
        one = statistics.median(r.country_seconds)
        limit = 1.1 * one / r.cores
        out.append(
            target(
                "Each added country <= 1.1 x (one country chapter / cores)",
                f"{per:.2f} s per country against {limit:.2f} s (= 1.1 x {one:.1f} s / {r.cores}; the chapter's "
                f"median time in the cold build, {r.cores} at a time); execution {per_exec:.2f} s and HTML "
                f"{per_html:.2f} s per country",
                per <= limit,
                f"execution costs {per_exec:.2f} s per country and the HTML build, in one process, {per_html:.2f} s; "
                f"a country chapter takes {r.scaling[0]['country_notebook_s']:.1f} s with {r.scaling[0]['countries']} "
                f"countries and {r.scaling[-1]['country_notebook_s']:.1f} s with {r.scaling[-1]['countries']}, the "
                f"regional chapter {r.scaling[0]['region_s']:.1f} s and {r.scaling[-1]['region_s']:.1f} s",
            )
        )
    # 3. a country chapter against the floor
    floor = r.chapter_times["floor"]
    median_alone = statistics.median(alone)
    worst = max(alone)
    out.append(
        target(
            "A country chapter <= 2 x the kernel-and-imports floor",
            f"{median_alone / floor:.2f} x (median {median_alone:.2f} s, slowest {worst:.2f} s = "
            f"{worst / floor:.2f} x, against a floor of {floor:.2f} s; each executed alone)",
            median_alone <= 2 * floor,
            f"beyond the floor a country chapter spends {median_alone - floor:.2f} s, most of it drawing its six "
            "charts (matplotlib lays out and renders each one, about 0.15 s a chart) and importing the rest of "
            "stancebook",
        )
    )
    # 4. cold build at 40 against the sequential baseline at 40
    if r.baseline_at:
        at = next((p for p in r.scaling if p["countries"] == r.baseline_at["countries"]), None)
        if at:
            b = r.baseline_at["seconds"]
            out.append(
                target(
                    f"Cold build at {at['countries']} countries <= 40% of the sequential baseline at {at['countries']}",
                    f"{at['seconds'] / b:.1%} ({at['seconds']:.1f} s of {b:.1f} s)",
                    at["seconds"] <= 0.40 * b,
                    f"execution is spread over {r.cores} cores ({at['execute_s']:.1f} s), the HTML build runs in one "
                    f"process ({at['html_s']:.1f} s)",
                )
            )
    # 5. make pdf against one print pass
    if r.pdf and r.pdf.get("seconds") and r.pdf.get("passes"):
        one_pass = r.pdf["passes"]["book_pass_s"]
        total = r.pdf["seconds"]
        out.append(
            target(
                "`make pdf` (book and every country) <= 1.3 x one print pass of the book",
                f"{total / one_pass:.2f} x ({total:.1f} s against a print pass of {one_pass:.1f} s)",
                total <= 1.3 * one_pass,
                "the parts: " + ", ".join(f"{k} {v:.1f} s" for k, v in r.pdf["passes"].items()),
            )
        )
    # 6. the tests
    if r.suite:
        full, fast = r.suite["test"]["seconds"], r.suite["test-fast"]["seconds"]
        out.append(
            target(
                "`make test` <= 10 x a cold build",
                f"{full / c:.1f} x ({full:.0f} s, {r.suite['test']['passed']} tests, against {c:.1f} s)",
                full <= 10 * c,
                "the slow tests build whole books (each xdist worker builds its own copy), print PDFs and drive a "
                "browser",
            )
        )
        out.append(
            target(
                "`make test-fast` under 60 s",
                f"{fast:.0f} s ({r.suite['test-fast']['passed']} tests)",
                fast < 60,
                "the fast tests alone take this long on this machine",
            )
        )
    # 7. no change, and memory
    out.append(
        target(
            "No-change rebuild <= 2% of the cold build",
            f"{n / c:.1%} ({n:.1f} s of {c:.1f} s)",
            n <= 0.02 * c,
            f"the command's start-up (Python imports, hashing the project's files) takes {n:.1f} s",
        )
    )
    out.append(memory_target(r))
    return out


def memory_target(r: Inputs) -> dict:
    """Peak memory per focus country at the largest size both this run and the previous one measured."""
    now = {p["countries"]: p["peak_mib"] for p in r.scaling}
    before = {p["countries"]: p["peak_mib"] for p in (r.previous or {}).get("scaling", [])}
    common = sorted(set(now) & set(before))
    if not common:
        return target("Peak memory no worse per country than the previous run", "no previous run to compare", None)
    size = common[-1]
    when = (r.previous or {}).get("machine", {}).get("date", "the previous run")
    return target(
        "Peak memory no worse per country than the previous run",
        f"{now[size] / size:.1f} MiB per country at {size} countries ({now[size]} MiB), against "
        f"{before[size] / size:.1f} MiB ({before[size]} MiB) in the run of {when}",
        now[size] <= before[size],
        "the shared facts and each chapter's bundle of data are held in the build process while it runs",
    )


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Build benchmark",
        "",
        f"Measured in one run of `scripts/bench.py` on {m['date']}: {m['cores']} cores ({m['cpu']}), "
        f"{m['memory_gib']} GiB, {m['system']}, Python {m['python']}, pandas {m['pandas']}, matplotlib "
        f"{m['matplotlib']}, papermill {m['papermill']}. Each command ran in a fresh temporary copy of the project. "
        f"The machine is a shared virtual machine whose speed varies from minute to minute, so the key "
        f"measurements were run {results['repeat']} times, interleaved with the baseline, and the table gives "
        "the median with the range of the runs. Peak memory is the largest total resident memory of the "
        "command's process tree (the build, its workers and their Jupyter kernels).",
        "",
        "| Measurement | Wall time (s), median | Runs (s) | Notebooks executed | Peak memory (MiB) | Notes |",
        "|---|---:|---|---:|---:|---|",
    ]
    for r in results["rows"]:
        secs = "–" if r["seconds"] is None else f"{r['seconds']:.1f}"
        spread = ", ".join(f"{x:.1f}" for x in r.get("runs", [])) or "–"
        mem = "–" if r["peak_mib"] is None else str(r["peak_mib"])
        lines.append(f"| {r['measurement']} | {secs} | {spread} | {r['executed']} | {mem} | {r['note']} |")
    lines += [
        "",
        "## Scaling with the number of focus countries",
        "",
        "Countries beyond the real five are **synthetic**: copies of Kazakhstan's rows under ISO 3166 "
        "user-assigned codes (QMA, QMB, ...), generated only inside the benchmark's temporary copy. They are "
        "never in `data/` or in the book. One cold build per size.",
        "",
        "| Focus countries | Notebooks | Cold build (s) | Execution (s) | HTML (s) | Country chapter, median (s) "
        "| Regional chapter (s) | Peak memory (MiB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in results["scaling"]:
        lines.append(
            f"| {p['countries']} | {p['notebooks']} | {p['seconds']:.1f} | {p['execute_s']:.1f} | "
            f"{p['html_s']:.1f} | {p['country_notebook_s']:.1f} | {p['region_s']:.1f} | {p['peak_mib']} |"
        )
    b = results.get("baseline_at")
    if b:
        lines += [
            "",
            f"Sequential baseline at {b['countries']} focus countries (papermill one after another, then "
            f"jupyter-book build): {b['seconds']:.1f} s, peak memory {b['peak_mib']} MiB.",
        ]
    times = results.get("chapter_times")
    if times:
        floor = times["floor"]
        lines += [
            "",
            "## Each chapter against the kernel-and-imports floor",
            "",
            f"Each chapter executed alone, one after another, exactly as the build's workers execute it (its part "
            f"of the data and the shared facts handed over). The floor is a notebook that only starts its kernel and "
            f"imports pandas, matplotlib's pyplot and stancebook, executed the same way: median {floor:.2f} s of "
            f"{len(times['floor_runs'])} runs ({', '.join(f'{x:.2f}' for x in times['floor_runs'])}).",
            "",
            "| Chapter | Seconds | x floor |",
            "|---|---:|---:|",
        ]
        for label, v in times["chapters"].items():
            lines.append(f"| {label} | {v['seconds']:.2f} | {v['seconds'] / floor:.2f} |")
    suite = results.get("suite")
    if suite:
        lines += [
            "",
            f"Test suite in the checkout: `make test` {suite['test']['seconds']:.0f} s ({suite['test']['passed']} "
            f"tests), `make test-fast` {suite['test-fast']['seconds']:.0f} s ({suite['test-fast']['passed']} tests).",
        ]
    passes = results.get("pdf")
    if passes:
        lines += ["", "PDF, the parts of `stancebook pdf`: " + ", ".join(f"{k} {v:.1f} s" for k, v in passes.items())]
    lines += ["", "## Targets", "", "| Target | Measured | Holds | Why not |", "|---|---|---|---|"]
    for t in results["targets"]:
        holds = "–" if t["holds"] is None else ("yes" if t["holds"] else "**no**")
        lines.append(f"| {t['target']} | {t['measured']} | {holds} | {t['why']} |")
    lines += [
        "",
        f"Execution time of each notebook in the first cold build, {results['machine']['cores']} at a time (s): "
        + ", ".join(f"{k} {v:.1f}" for k, v in results["notebook_seconds_cold"].items())
        + ".",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
