"""The worst the limits allow, measured: what each bound costs at its limit, and how fast
/healthz answers meanwhile.

Builds a graph (the shared seeds and counsel-chat when present, plus generated pages; or reads
``--graph``), then prints:

- in process: the time to check the worst documents the query limits allow (a fragment chain
  expanding to 2**31 fields, refused; one that expands to the field limit; the largest flat
  query the token limit allows) and to run the heaviest query the cost limit allows, cold and
  warm, with its answer's size; searches of concept names and of titles and text: repeated words, 200 distinct
  characters, a question, the commonest word, misspellings, nothing that matches;
- over HTTP, against ``contentgraph serve`` on 127.0.0.1: /healthz latency (p50, p99, max,
  measured from a separate process) while 1 or 4 clients keep sending the heaviest query (new
  text each time, so nothing comes from a cache) or batches of 10 of it, or search aliases;
- the server's RSS before and after 1,100 distinct large answers, each asked twice (the
  response cache's budget);
- how long 100 connections that trickle a byte at a time stay open (``read_timeout``).

    .venv/bin/python bench/limits.py [--graph G] [--pages 2000] [--seconds 8]

The machine is shared: figures vary from run to run by tens of percent.
"""

from __future__ import annotations

import argparse
import asyncio
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "corpus"
sys.path.insert(0, str(Path(__file__).parent))

HEAVIEST = """query($after: String) { concepts(first: 100, after: $after) { edges { node { slug
  passages(first: 48) { text section start end article { slug title url author wordCount } }
} } } }"""  # cost 1 + 100 + 100 + 100 * 48 * 2 = 9,801: the most passages the limit allows
SEARCH = "query(%s) { %s }" % (
    ", ".join(f"$s{i}: String" for i in range(15)),
    " ".join(f"a{i}: articles(search: $s{i}, first: 100) {{ totalCount edges {{ node {{ slug }} }} }}"
             for i in range(15)))
LARGE = "{ g%d: gaps { uncovered { slug label kind altLabels definition } thin { slug label } } }"


def fragment_chain(levels: int, leaf: str = "stats { articles }") -> str:
    """Fragments each spreading the next twice: 2**levels copies of ``leaf``."""
    chain = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    return "{ ...F0 } " + " ".join(chain) + f" fragment F{levels} on Query {{ {leaf} }}"


def flat_query() -> str:
    """The largest query without fragments the token limit allows (about 1,000 tokens)."""
    return "{ concept(slug: \"pursuer\") { " + " ".join(["slug label kind definition"] * 60) + " } }"


def timed(function, repeat: int = 5, setup=lambda: None) -> float:
    """Best of ``repeat`` runs of ``function(setup())``, in milliseconds (setup not timed)."""
    best = float("inf")
    for _ in range(repeat):
        prepared = setup()
        start = time.perf_counter()
        function(prepared)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def in_process(store: Path) -> None:
    import orjson
    from graphql import parse

    from contentgraph.graph.facade import ConceptGraph
    from contentgraph.schema import Context, build_schema
    from contentgraph.schema.limits import Limits, expanded_fields

    graph = ConceptGraph.load(store)
    stats = graph.stats()
    print(f"graph: {stats.articles:,} articles, {stats.questions:,} questions, "
          f"{stats.answers:,} answers, {stats.concepts} concepts")
    limits = Limits()
    print("\nchecks and answer (in process, a new schema each time so nothing is cached; "
          "best of 5):")
    at_limit = fragment_chain(9, "stats { articles questions }")
    for name, query in [("fragment chain, 2**31 fields (refused)", fragment_chain(30)),
                        (f"fragment chain of {expanded_fields(parse(at_limit)):,} fields "
                         "(the limit: 2,000)", at_limit),
                        ("flat query of ~1,000 tokens", flat_query())]:
        result = build_schema(limits).execute_sync(query, context_value=Context(graph))
        verdict = result.errors[0].message[:48] + "..." if result.errors else "answered"
        took = timed(lambda schema: schema.execute_sync(query, context_value=Context(graph)),
                     setup=lambda: build_schema(limits))
        print(f"  {name:48} {took:7.1f} ms  {verdict}")

    schema = build_schema(limits)
    start = time.perf_counter()
    result = schema.execute_sync(HEAVIEST, context_value=Context(graph))
    cold = (time.perf_counter() - start) * 1000
    assert not result.errors, result.errors
    size = len(orjson.dumps({"data": result.data}))
    warm = timed(lambda _: schema.execute_sync(HEAVIEST, context_value=Context(graph)))
    print(f"\nheaviest query the cost limit allows (cost 9,801: 100 concepts x 48 passages):\n"
          f"  {cold:.0f} ms the first time (the facade's caches fill), {warm:.0f} ms warm; "
          f"answer {size / 1024:.0f} KiB")

    print("\nsearch of concept names and documents' titles and text (first call, then again):")
    graph.search("warm up the normaliser")
    for name, text in [("100 repeated words", " ".join(["a"] * 100)),
                       ("200 distinct characters", "partner anxious lonely jealous " * 6 + "x"),
                       ("a plain question", "how do i stop feeling jealous"),
                       ("the most common word", "partner"),
                       ("misspelled words", "anxius atachment jelousy"),
                       ("no word matches", "zzqxv wvvqk")]:
        start = time.perf_counter()
        graph.search(text[:200])
        first = (time.perf_counter() - start) * 1000
        again = timed(lambda _: graph.search(text[:200]))
        print(f"  {name:28} {first:6.1f} ms, then {again:.3f} ms")


# --- over HTTP -------------------------------------------------------------------------------

def probe(url: str, seconds: float) -> None:
    """Child process: ask for /healthz every 20 ms; print the latencies in ms."""
    latencies = []
    with httpx.Client(timeout=30) as client:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            start = time.perf_counter()
            client.get(url + "/healthz").raise_for_status()
            latencies.append((time.perf_counter() - start) * 1000)
            time.sleep(0.02)
    print(" ".join(f"{x:.2f}" for x in latencies))


def healthz_while(url: str, seconds: float, clients: int, body) -> str:
    """/healthz latency while ``clients`` keep posting ``body(client, number)``."""

    async def client(number: int, stop: asyncio.Event, times: list) -> None:
        async with httpx.AsyncClient(timeout=120) as http:
            count = 0
            while not stop.is_set():
                count += 1
                start = time.perf_counter()
                response = await http.post(url + "/graphql", json=body(number, count))
                response.raise_for_status()
                times.append(time.perf_counter() - start)

    async def run() -> tuple[list[float], list[float]]:
        stop, times = asyncio.Event(), []
        tasks = [asyncio.create_task(client(n, stop, times)) for n in range(clients)]
        child = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--probe", url, str(seconds),
            stdout=asyncio.subprocess.PIPE)
        out, _ = await child.communicate()
        stop.set()
        await asyncio.gather(*tasks)
        return sorted(map(float, out.split())), times

    latencies, times = asyncio.run(run())
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    load = (f"{len(times):4} answers, median {statistics.median(times) * 1000:5.0f} ms"
            if times else f"{'no load':>29}")
    return (f"{load} | /healthz p50 {statistics.median(latencies):5.1f}  p99 {p99:6.1f}  "
            f"max {latencies[-1]:6.1f} ms")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def slow_clients(port: int, count: int = 100) -> float:
    """Seconds until the server closed every one of ``count`` connections that send their
    request head a byte every 100 ms."""
    head = b"GET /healthz HTTP/1.1\r\nHost: a\r\nX-Pad: " + b"a" * 400
    sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
    start, open_, position = time.monotonic(), set(range(count)), 0
    while open_ and time.monotonic() - start < 120:
        for i in list(open_):
            readable, _, _ = select.select([sockets[i]], [], [], 0)
            try:
                if readable and sockets[i].recv(64) == b"":
                    raise OSError
                sockets[i].send(head[position % len(head):position % len(head) + 1])
            except OSError:
                open_.discard(i)
        position += 1
        time.sleep(0.1)
    for sock in sockets:
        sock.close()
    return time.monotonic() - start


def over_http(store: Path, seconds: float) -> None:
    from api import free_port, wait_until_up

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-c", "from contentgraph.cli import main; main()", "serve", "--graph",
         str(store), "--port", str(port), "--no-reload"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(port, server)
        with httpx.Client(timeout=120) as http:
            http.post(url + "/graphql", json={"query": HEAVIEST}).raise_for_status()  # warm
        print(f"\nover HTTP ({seconds:g} s each; 'answers' are the load's, /healthz is probed "
              "from another process every 20 ms):")
        heaviest = lambda n, i: {"query": f"{HEAVIEST} # {n} {i}"}  # noqa: E731
        batch = lambda n, i: [{"query": f"{HEAVIEST} # {n} {i} {k}"} for k in range(10)]  # noqa: E731
        search = lambda n, i: {"query": SEARCH, "variables": {  # noqa: E731
            f"s{k}": f"{n} {i} {k} " + "anxious partner lonely " * 8 for k in range(15)}}
        print(f"  idle                          {healthz_while(url, seconds, 0, heaviest)}")
        for name, clients, body in [("heaviest query, 1 client", 1, heaviest),
                                    ("heaviest query, 4 clients", 4, heaviest),
                                    ("batch of 10 heaviest, 1 client", 1, batch),
                                    ("15 search aliases, 1 client", 1, search)]:
            print(f"  {name:30}{healthz_while(url, seconds, clients, body)}")

        before = rss_mib(server.pid)
        with httpx.Client(timeout=120) as http:
            sizes = [len(http.post(url + "/graphql", json={"query": LARGE % i}).content)
                     for i in range(1100) for _ in range(2)]  # kept when asked again
            cache = http.get(url + "/readyz").json()["cache"]
        print(f"\n1,100 distinct answers of {statistics.mean(sizes) / 1024:.0f} KiB, each asked "
              f"twice: server RSS {before:.0f} -> {rss_mib(server.pid):.0f} MiB; the cache holds "
              f"{cache['answers']} answers, {cache['bytes'] / 2**20:.1f} MiB on disk "
              "(budget 64 MiB)")
        print(f"100 connections trickling their request head: all closed after "
              f"{slow_clients(port):.1f} s (read_timeout 10 s)")
    finally:
        server.terminate()
        server.wait(timeout=30)


def build_graph(pages: int, folder: Path) -> Path:
    from generate import generate_pages

    from contentgraph.graph.build import build

    sources = [folder / "pages"] if pages else []
    if pages:
        generate_pages(folder / "pages", pages)
    sources += [SHARED / name for name in ("seeds", "counsel-chat") if (SHARED / name).is_dir()]
    if not sources:
        from contentgraph.examples import corpus_path

        sources = [corpus_path()]
    store = folder / "bench.graph"
    build(sources, out=store)
    return store


def main() -> None:
    if sys.argv[1:2] == ["--probe"]:
        probe(sys.argv[2], float(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="graph store to use instead of building one")
    parser.add_argument("--pages", type=int, default=2000, help="generated pages in the graph")
    parser.add_argument("--seconds", type=float, default=8, help="length of each HTTP load")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.graph or build_graph(args.pages, Path(tmp))
        in_process(store)
        over_http(store, args.seconds)


if __name__ == "__main__":
    main()
