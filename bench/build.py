"""Graph build benchmark: 500, 2,000 and 8,000 generated articles, and counsel-chat.

Each size runs in a child process of its own (so peak memory is that build's): generate the
articles (bench/generate.py, recombined from the example corpus's paragraphs), build, save the
snapshot; then another fresh child loads the snapshot. Prints, per corpus: documents, wall and
CPU time of the build, peak RSS, snapshot size, snapshot load time (wall and CPU) and the time
the first use of the whole networkx graph then takes; then a third child rebuilds the same
sources against the loaded snapshot with nothing changed (``rebuild s``: the ``build`` call,
every file hashed, none read or extracted); then the exponent of build time against size (least
squares on log-log). CPU time is the steadier figure on a busy machine. Targets
(measured, not asserted): exponent <= 1.15, the 8,000-article snapshot loads in under a second.

    .venv/bin/python bench/build.py                 # all sizes and counsel-chat
    .venv/bin/python bench/build.py --sizes 500 2000
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COUNSEL_CHAT = HERE.parent / ".." / "shared" / "corpus" / "counsel-chat"
SIZES = (500, 2000, 8000)


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_build(sources: list[str], snapshot: Path) -> dict:
    """Build ``sources`` and save to ``snapshot``; the figures of this process."""
    from contentgraph.graph.build import build

    start, cpu = time.perf_counter(), time.process_time()
    report = build(sources)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    report.graph.save(snapshot)
    stats = report.graph.stats()
    return {"documents": stats.articles + stats.questions + stats.answers,
            "mentions": stats.mentions, "relations": stats.relations,
            "build_s": seconds, "build_cpu_s": cpu, "peak_mib": _peak_rss_mib(),
            "snapshot_mib": snapshot.stat().st_size / 2**20,
            "stages": report.timings, "errors": len(report.errors)}


def child_generated(n: int, workdir: Path) -> dict:
    sys.path.insert(0, str(HERE))
    from generate import generate_pages

    folder = workdir / f"articles-{n}"
    generate_pages(folder, n, seed=n)
    return run_build([str(folder)], workdir / f"articles-{n}.graph")


def child_counsel_chat(workdir: Path) -> dict:
    """The counsel-chat CSV, read with the loaders' default (counsel-chat) column preset."""
    return run_build([str(COUNSEL_CHAT)], workdir / "counsel-chat.graph")


def child_load(snapshot: Path) -> dict:
    from contentgraph.graph.facade import ConceptGraph

    start, cpu = time.perf_counter(), time.process_time()
    cg = ConceptGraph.load(snapshot)
    loaded, loaded_cpu = time.perf_counter(), time.process_time()
    cg.graph.number_of_edges()  # the whole networkx graph, as exports and notebooks use it
    return {"load_s": loaded - start, "load_cpu_s": loaded_cpu - cpu,
            "graph_s": time.perf_counter() - loaded}


def child_rebuild(snapshot: Path, sources: list[str]) -> dict:
    """Build ``sources`` again against the snapshot made from them: nothing has changed."""
    from contentgraph.graph.build import build
    from contentgraph.graph.facade import ConceptGraph

    previous = ConceptGraph.load(snapshot)
    start, cpu = time.perf_counter(), time.process_time()
    report = build(sources, previous=previous)
    return {"rebuild_s": time.perf_counter() - start, "rebuild_cpu_s": time.process_time() - cpu,
            "stages": report.timings, "reused": report.unchanged}


def _child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench child {' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def fitted_exponent(sizes: list[float], seconds: list[float]) -> float:
    """Slope of log(seconds) against log(size), least squares."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--no-counsel-chat", action="store_true")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        what, *rest = args.child
        if what == "generated":
            result = child_generated(int(rest[0]), Path(rest[1]))
        elif what == "counsel-chat":
            result = child_counsel_chat(Path(rest[0]))
        elif what == "rebuild":
            result = child_rebuild(Path(rest[0]), rest[1:])
        else:
            result = child_load(Path(rest[0]))
        print(json.dumps(result))
        return

    rows = []
    with tempfile.TemporaryDirectory(prefix="cg-bench-build-") as tmp:
        work = Path(tmp)
        runs = [(f"{n:,} generated articles", ["generated", str(n), tmp], work / f"articles-{n}.graph", n,
                 [str(work / f"articles-{n}")]) for n in args.sizes]
        if not args.no_counsel_chat:
            if COUNSEL_CHAT.is_dir():
                runs.append(("counsel-chat", ["counsel-chat", tmp], work / "counsel-chat.graph", None,
                             [str(COUNSEL_CHAT)]))
            else:
                print(f"counsel-chat skipped: {COUNSEL_CHAT} is absent")
        print(f"{'corpus':<26}{'docs':>7}{'build s':>9}{'cpu s':>8}{'peak MiB':>10}"
              f"{'snap MiB':>10}{'load s':>8}{'cpu s':>7}{'graph s':>9}{'rebuild s':>11}{'cpu s':>7}",
              flush=True)
        for name, child_args, snapshot, n, sources in runs:
            built = _child("--child", *child_args)
            loaded = _child("--child", "load", str(snapshot))
            again = _child("--child", "rebuild", str(snapshot), *sources)
            rows.append((name, n, built, loaded))
            print(f"{name:<26}{built['documents']:>7,}{built['build_s']:>9.2f}"
                  f"{built['build_cpu_s']:>8.2f}{built['peak_mib']:>10.0f}"
                  f"{built['snapshot_mib']:>10.1f}{loaded['load_s']:>8.3f}{loaded['load_cpu_s']:>7.3f}"
                  f"{loaded['graph_s']:>9.3f}{again['rebuild_s']:>11.2f}{again['rebuild_cpu_s']:>7.2f}",
                  flush=True)
            print(" " * 4 + "build stages: " + ", ".join(
                f"{k} {v:.2f}s" for k, v in built["stages"].items())
                  + (f"; {built['errors']} load errors" if built["errors"] else ""), flush=True)
            print(" " * 4 + "rebuild stages: " + ", ".join(
                f"{k} {v:.2f}s" for k, v in again["stages"].items()), flush=True)
    sized = [(n, built) for _, n, built, _ in rows if n]
    if len(sized) >= 2:
        sizes = [n for n, _ in sized]
        wall = fitted_exponent(sizes, [b["build_s"] for _, b in sized])
        cpu = fitted_exponent(sizes, [b["build_cpu_s"] for _, b in sized])
        print(f"fitted exponent of build time against size: {wall:.2f} wall, {cpu:.2f} cpu "
              "(target <= 1.15)")


if __name__ == "__main__":
    main()
