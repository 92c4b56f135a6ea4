"""Graph build benchmark: generated corpora from 1,000 to 64,000 articles, and counsel-chat.

Per corpus, each step in a fresh child process: generate the articles (bench/generate.py, in a
temporary folder, removed at the end), build them into a graph store with the default scheduler
(a local Dask cluster of one process per core), open the store (``ConceptGraph.load``), and
rebuild the same sources with nothing changed (the whole incremental path: open the previous
store, hash every file). Prints, per corpus: documents, build wall and client CPU time, peak
memory (the sum of RSS over the build's process tree, cluster workers included, sampled every
0.1 s; and the client alone), store size, open time, no-change rebuild time; the build's
stages; the load average. At ``--compare`` sizes the same corpus is also built in one process
(``--scheduler synchronous``) and the speed-up is printed. Figures, not assertions:

- build at 16,000 articles on 2 cores >= 1.6x faster than one process, the same graph;
- peak RSS at 64,000 articles <= 1.5 GiB, not growing with the corpus;
- no-change rebuild at 16,000 articles under 5 s.

    .venv/bin/python bench/build.py                              # 1k ... 64k and counsel-chat
    .venv/bin/python bench/build.py --sizes 1000 2000 --compare 2000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COUNSEL_CHAT = HERE.parent / ".." / "shared" / "corpus" / "counsel-chat"
SIZES = (1000, 2000, 4000, 8000, 16000, 32000, 64000)


class TreeMemory:
    """Samples the summed RSS of this process and its descendants (Dask workers, nannies)."""

    def __init__(self, interval: float = 0.1):
        import psutil

        self.me = psutil.Process()
        self.peak_tree = self.peak_self = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def _run(self, interval: float) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                own = self.me.memory_info().rss
                total = own + sum(c.memory_info().rss for c in self.me.children(recursive=True))
            except psutil.Error:
                continue
            self.peak_self = max(self.peak_self, own)
            self.peak_tree = max(self.peak_tree, total)
            self._stop.wait(interval)

    def stop(self) -> tuple[float, float]:
        self._stop.set()
        self._thread.join()
        return self.peak_tree / 2**20, self.peak_self / 2**20


def child_generate(n: int, folder: str) -> dict:
    sys.path.insert(0, str(HERE))
    from generate import generate_pages

    start = time.perf_counter()
    paths = generate_pages(folder, n, seed=n)
    return {"files": len(paths), "generate_s": time.perf_counter() - start}


def child_build(sources: list[str], out: str, scheduler: str) -> dict:
    from contentgraph.graph.build import build

    memory = TreeMemory()
    start, cpu = time.perf_counter(), time.process_time()
    report = build(sources, out=out, scheduler=scheduler)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    tree, own = memory.stop()
    stats = report.graph.stats()
    return {"documents": stats.articles + stats.questions + stats.answers,
            "mentions": stats.mentions, "relations": stats.relations, "build_s": seconds,
            "client_cpu_s": cpu, "peak_tree_mib": tree, "peak_client_mib": own,
            "store_mib": os.path.getsize(out) / 2**20, "stages": report.timings,
            "errors": len(report.errors)}


def child_open(store: str) -> dict:
    from contentgraph.graph.facade import ConceptGraph

    start = time.perf_counter()
    ConceptGraph.load(store).stats()
    return {"open_s": time.perf_counter() - start}


def child_rebuild(store: str, sources: list[str]) -> dict:
    """What `contentgraph build SRC --out STORE` does when nothing changed."""
    from contentgraph.graph.build import build
    from contentgraph.graph.facade import ConceptGraph

    start = time.perf_counter()
    report = build(sources, previous=ConceptGraph.load(store), out=store)
    return {"rebuild_s": time.perf_counter() - start, "reused": report.unchanged}


def same_store(a: str, b: str) -> bool:
    """Whether two stores hold the same graph (documents by slug: ids may differ)."""
    import sqlite3

    queries = [
        "SELECT slug, kind, title, list_rank FROM documents ORDER BY slug",
        "SELECT d.slug, c.rank, c.concept, c.count, c.weight, c.central, c.concept_rank "
        "FROM document_concepts c JOIN documents d ON d.id = c.document ORDER BY 1, 2",
        "SELECT d.slug, r.rank, o.slug, r.score FROM related_documents r JOIN documents d "
        "ON d.id = r.document JOIN documents o ON o.id = r.other ORDER BY 1, 2",
        "SELECT * FROM relations ORDER BY 1, 2, 3", "SELECT * FROM related_concepts ORDER BY 1, 2",
        "SELECT * FROM concepts ORDER BY slug", "SELECT * FROM candidate_terms",
        "SELECT * FROM missing_links", "SELECT * FROM unanswered_questions"]
    with sqlite3.connect(a) as first, sqlite3.connect(b) as second:
        return all(first.execute(q).fetchall() == second.execute(q).fetchall() for q in queries)


def _child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench child {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--compare", type=int, nargs="*", default=[16000],
                        help="sizes also built in one process, for the speed-up")
    parser.add_argument("--scheduler", default="auto", help="as `contentgraph build --scheduler`")
    parser.add_argument("--no-counsel-chat", action="store_true")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        what, *rest = args.child
        if what == "generate":
            result = child_generate(int(rest[0]), rest[1])
        elif what == "build":
            result = child_build(rest[2:], rest[0], rest[1])
        elif what == "open":
            result = child_open(rest[0])
        elif what == "same":
            result = {"same": same_store(rest[0], rest[1])}
        else:
            result = child_rebuild(rest[0], rest[1:])
        print(json.dumps(result))
        return

    print(f"{'corpus':<22}{'docs':>7}{'build s':>9}{'client cpu':>11}{'peak MiB':>10}"
          f"{'client MiB':>11}{'store MiB':>10}{'open s':>8}{'rebuild s':>10}  load avg",
          flush=True)
    runs = [(f"{n:,} generated", n) for n in args.sizes]
    if not args.no_counsel_chat:
        runs.append(("counsel-chat", None))
    for name, n in runs:
        with tempfile.TemporaryDirectory(prefix="cg-bench-build-") as tmp:
            if n is None:
                if not COUNSEL_CHAT.is_dir():
                    print(f"counsel-chat skipped: {COUNSEL_CHAT} is absent")
                    continue
                sources = [str(COUNSEL_CHAT)]
            else:
                sources = [str(Path(tmp) / "articles")]
                _child("generate", str(n), sources[0])
            store = str(Path(tmp) / "graph.store")
            built = _child("build", store, args.scheduler, *sources)
            opened = _child("open", store)
            again = _child("rebuild", store, *sources)
            print(f"{name:<22}{built['documents']:>7,}{built['build_s']:>9.1f}"
                  f"{built['client_cpu_s']:>11.1f}{built['peak_tree_mib']:>10.0f}"
                  f"{built['peak_client_mib']:>11.0f}{built['store_mib']:>10.1f}"
                  f"{opened['open_s']:>8.3f}{again['rebuild_s']:>10.2f}  {_load()}", flush=True)
            print("    stages: " + ", ".join(f"{k} {v:.1f}s" for k, v in built["stages"].items())
                  + (f"; {built['errors']} load errors" if built["errors"] else ""), flush=True)
            if n in args.compare:
                one = str(Path(tmp) / "one.store")
                single = _child("build", one, "synchronous", *sources)
                same = _child("same", store, one)["same"]
                print(f"    one process: {single['build_s']:.1f} s, peak {single['peak_tree_mib']:.0f}"
                      f" MiB; speed-up {single['build_s'] / built['build_s']:.2f}x; same graph: "
                      f"{same}; load avg {_load()}", flush=True)


if __name__ == "__main__":
    main()
