"""Explorer page render times, in process (no sockets): the example corpus, then the example
corpus plus the counsel-chat questions and answers when ``../shared/corpus`` is there.

Prints the median and worst milliseconds per page over ``--repeat`` requests, for the pages a
reader opens most: search, concept (a well-mentioned one, and its later pages), article (and with
every concept highlighted), question (with its answers), answer, path, the gaps overview and
each gaps list.

    .venv/bin/python bench/explorer.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from pathlib import Path

from starlette.testclient import TestClient

from contentgraph.examples import corpus_path
from contentgraph.graph.build import build
from contentgraph.server import create_app
from contentgraph.settings import Settings

COUNSEL_CHAT = (Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "counsel-chat"
                / "20200325_counsel_chat.csv")


def pages(graph) -> dict[str, str]:
    busiest = max(graph.concepts(), key=lambda c: graph.mention_count(c.slug)).slug
    questions = sorted(graph.documents(kind="question"), key=lambda d: -len(graph.answers(d.slug)))
    article = graph.documents()[0].slug
    return {
        "search": "/?q=anxious+attachment",
        "search p2": "/?q=partner&page=2",
        "concept": f"/concepts/{busiest}",
        "concept p3": f"/concepts/{busiest}?related=3&articles=3&questions=3&answers=3",
        "article": f"/articles/{article}",
        "article all": f"/articles/{article}?highlights=all",
        "question": f"/articles/{questions[0].slug}" if questions else "/",
        "answer": f"/articles/{graph.answers(questions[0].slug)[0].slug}" if questions else "/",
        "path": "/path?from=anxious-attachment&to=reassurance",
        "gaps": "/gaps",
        **{f"gaps/{name}": f"/gaps/{name}?page=2" for name in (
            "write-next", "unanswered-questions", "uncovered", "candidate-terms",
            "missing-links")},
        "gaps csv": "/gaps/write-next.csv",
    }


def measure(name: str, sources: list, repeat: int) -> None:
    started = time.perf_counter()
    graph = build(sources).graph
    stats = graph.stats()
    print(f"\n{name}: {stats.articles} articles, {stats.questions} questions, {stats.answers} "
          f"answers; built in {time.perf_counter() - started:.1f} s")
    print(f"  {'page':<26} {'median ms':>10} {'worst ms':>9} {'KB':>6}")
    with TestClient(create_app(graph, Settings())) as client:
        for page, url in pages(graph).items():
            times, size = [], 0
            for _ in range(repeat):
                t = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200, (url, response.status_code)
                size = len(response.content)
            print(f"  {page:<26} {statistics.median(times):>10.1f} {max(times):>9.1f} "
                  f"{size / 1024:>6.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    measure("example corpus", [corpus_path()], args.repeat)
    if COUNSEL_CHAT.exists():
        measure("example corpus + counsel-chat", [corpus_path(), COUNSEL_CHAT], args.repeat)
    else:
        print(f"\n{COUNSEL_CHAT} is absent: the larger measurement is skipped")


if __name__ == "__main__":
    main()
