"""Loading benchmark: documents/s and MB/s of ``load`` on counsel-chat and on 2,000 generated
pages (1,000 Markdown, 1,000 scraped text; written to a temporary folder), plus the example
corpus (its HTML pages go through trafilatura). Best of three runs each.

    .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py --pages 500 --runs 1
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COUNSEL_CHAT = HERE.parent / ".." / "shared" / "corpus" / "counsel-chat"
sys.path.insert(0, str(HERE))

from generate import generate_pages  # noqa: E402

from contentgraph.examples import corpus_path  # noqa: E402
from contentgraph.loaders.load import load, source_paths  # noqa: E402


def measure(name: str, sources: list[Path], runs: int) -> dict:
    """Load ``sources`` ``runs`` times; figures of the fastest run."""
    files, _ = source_paths(sources)
    size = sum(Path(f).stat().st_size for f in files)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = load(sources)
        best = min(best, time.perf_counter() - start)
    return {"name": name, "files": len(files), "documents": len(result.documents),
            "errors": len(result.errors), "mb": size / 2**20, "seconds": best}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="generated pages (default 2000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per corpus, best kept")
    args = parser.parse_args()
    rows = [measure("example corpus", [corpus_path()], args.runs)]
    if COUNSEL_CHAT.is_dir():
        rows.append(measure("counsel-chat", [COUNSEL_CHAT], args.runs))
    else:
        print(f"counsel-chat skipped: {COUNSEL_CHAT} is not there")
    with tempfile.TemporaryDirectory() as tmp:
        generate_pages(tmp, args.pages, seed=0)
        rows.append(measure(f"{args.pages:,} generated pages", [Path(tmp)], args.runs))
    print(f"{'corpus':<24} {'files':>6} {'docs':>6} {'errors':>6} {'MB':>7} {'s':>7} "
          f"{'docs/s':>8} {'MB/s':>6}")
    for r in rows:
        print(f"{r['name']:<24} {r['files']:>6} {r['documents']:>6} {r['errors']:>6} "
              f"{r['mb']:>7.2f} {r['seconds']:>7.2f} {r['documents'] / r['seconds']:>8.0f} "
              f"{r['mb'] / r['seconds']:>6.2f}")


if __name__ == "__main__":
    main()
