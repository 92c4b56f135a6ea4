"""API benchmark on any graph store: start-up, memory, in-process page cost, GraphQL against a
plain endpoint, and several worker processes.

For each ``--graph`` (default: the bundled example corpus, built into a temporary store):

- start-up: ``contentgraph serve --graph G`` in a child process, seconds to the first
  ``/healthz`` 200, and the server's RSS and PSS then;
- in process: the concept page and the article page as the front-end asks them
  (``schema.execute``, every request distinct), each page once to warm (the concept pages'
  mean cost in that first pass, on a freshly opened graph, is the cold cost), then the median
  of ``--repeat`` rounds over every concept and article page; ratios to the first graph. With
  several graphs, also the concept pages of the concepts every graph mentions (``same ms``): the
  same pages on each corpus, whichever concepts each one mentions besides.

Then, on the last graph:

- ``--pages``: one server process serving ``create_app`` plus plain Starlette routes that return
  the same data from the same facade, loaded with wrk (when installed; else a bounded asyncio
  HTTP/1.1 keep-alive client) at 1, 8 and 32 connections for three front-end pages (article,
  concept, path): plain, a repeated GraphQL query (response cache) and distinct ones; both
  endpoints are warmed with the same pages first. Prints requests/s, p50 and p99, GraphQL/plain.
- ``--workers 1,2,4``: ``contentgraph serve --workers N``: requests/s of distinct concept and
  article pages (every concept's, and ``--articles`` articles') at 8 connections, RSS and PSS
  summed over the server's processes after start and after the load (PSS counts shared pages
  once: what the machine really holds), and each process's PSS after the load (the supervisor
  first): the workers take connections as they come, so a worker may serve none.

    .venv/bin/python bench/api.py [--graph STORE]... [--seconds 2] [--pages] [--workers 1,2,4]
        [--articles 500]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ARTICLE_PAGE = """query ArticlePage($slug: String!) { article(slug: $slug) {
  slug kind title url author published wordCount
  concepts(first: 10) { concept { slug label } count weight central
                        passages(first: 1) { text section start end } }
  related(first: 3) { article { slug title } score sharedConcepts { slug label } } } }"""

CONCEPT_PAGE = """query ConceptPage($slug: String!) { concept(slug: $slug) {
  slug label kind altLabels definition articleCount mentionCount
  related(first: 10) { concept { slug label kind } score relations
                       evidence(first: 2) { text section article { slug title } } }
  articles(first: 10) { totalCount edges { node { slug title } } }
  questions(first: 10) { totalCount edges { node { slug title } } }
  answers(first: 5) { totalCount edges { node { slug title } } }
  passages(first: 3) { text section article { slug title } } } }"""

LISTED = {"article": 10, "question": 10, "answer": 5}  # the lists of the explorer's concept page

PATH = """query Path($from: String!, $to: String!) { path(from: $from, to: $to, maxHops: 4) {
  length steps { from { slug label } to { slug label } relations
                 evidence(first: 1) { text article { slug title } } } } }"""


# --- the server process --------------------------------------------------------------------

def plain_routes():
    """Starlette routes returning the pages' data as plain JSON from the same facade."""
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    def graph_of(request):
        return request.app.state.holder.current

    def passage(graph, p, with_article=True):
        """As the pages ask it: with its article (concept page) or its offsets (article page)."""
        out = {"text": p.text, "section": p.section}
        if with_article:
            out["article"] = {"slug": p.document, "title": graph.summary(p.document).title}
        else:
            out.update(start=p.start, end=p.end)
        return out

    def concept_ref(graph, slug, *fields):
        c = graph.concept(slug)
        out = {"slug": c.slug, "label": c.label}
        if "kind" in fields:
            out["kind"] = c.kind.value
        return out

    async def article(request):
        graph, slug = graph_of(request), request.path_params["slug"]
        doc = graph.document(slug)
        if doc is None:
            return JSONResponse({"article": None})
        return JSONResponse({"article": {
            "slug": doc.slug, "kind": doc.kind, "title": doc.title, "url": doc.url,
            "author": doc.author, "published": doc.published, "wordCount": graph.word_count(slug),
            "concepts": [{"concept": concept_ref(graph, m.concept), "count": m.count,
                          "weight": m.weight, "central": m.central,
                          "passages": [passage(graph, p, False) for p in
                                       graph.mention_passages(slug, m.concept, n=1)]}
                         for m in graph.document_concepts(slug)[:10]],
            "related": [{"article": {"slug": r.document,
                                     "title": graph.document(r.document).title},
                         "score": r.score,
                         "sharedConcepts": [concept_ref(graph, s) for s in r.shared]}
                        for r in graph.related_documents(slug, n=3)]}})

    def documents(graph, slug, kind, n):  # a page of them, as the API reads it
        return {"totalCount": graph.document_count(slug, kind), "edges": [
            {"node": {"slug": link.document, "title": graph.summary(link.document).title}}
            for link in graph.concept_documents(slug, kind, 0, n)]}

    async def concept(request):
        graph, slug = graph_of(request), request.path_params["slug"]
        c = graph.concept(slug)
        if c is None:
            return JSONResponse({"concept": None})
        return JSONResponse({"concept": {
            "slug": c.slug, "label": c.label, "kind": c.kind.value,
            "altLabels": list(c.alt_labels), "definition": c.definition,
            "articleCount": graph.article_count(slug), "mentionCount": graph.mention_count(slug),
            "related": [{"concept": concept_ref(graph, r.concept, "kind"), "score": r.score,
                         "relations": [k.value for k in r.relations],
                         "evidence": [passage(graph, p) for p in r.evidence]}
                        for r in graph.related_concepts(slug, n=10, evidence=2)],
            **{f"{kind}s": documents(graph, slug, kind, n) for kind, n in LISTED.items()},
            "passages": [passage(graph, p) for p in graph.passages(slug, n=3)]}})

    async def path(request):
        graph = graph_of(request)
        found = graph.path(request.query_params["from"], request.query_params["to"], 4, 1)
        if found is None:
            return JSONResponse({"path": None})
        return JSONResponse({"path": {"length": found.length, "steps": [
            {"from": concept_ref(graph, s.source), "to": concept_ref(graph, s.target),
             "relations": [k.value for k in s.relations],
             "evidence": [passage(graph, p) for p in s.evidence]}
            for s in found.steps]}})

    return [Route("/plain/article/{slug}", article), Route("/plain/concept/{slug}", concept),
            Route("/plain/path", path)]


def run_server(port: int, store: str) -> None:
    import uvicorn

    from contentgraph.graph.facade import ConceptGraph
    from contentgraph.server import create_app
    from contentgraph.settings import Settings

    app = create_app(ConceptGraph.load(store), Settings(reload=False, cache_size=4096))
    app.router.routes[:0] = plain_routes()
    uvicorn.run(app, host="127.0.0.1", port=port, loop="auto", http="auto",
                access_log=False, log_level="warning")


# --- the load generators -------------------------------------------------------------------

NONCE = "__N__"  # replaced by the request's number: a new variable each time, nothing cached


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    body: str = ""  # JSON; NONCE marks where the request's number goes


def graphql(query: str, variables: dict) -> Request:
    return Request("POST", "/graphql", json.dumps({"query": query, "variables": variables}))


def some_documents(graph, n: int) -> list[str]:
    """The slugs of up to ``n`` documents of each kind (a question/answer corpus has no
    articles)."""
    return [d.slug for kind in ("article", "question", "answer")
            for d in graph.document_page(kind=kind, n=n)[1]]


def mentioned_concepts(graph) -> list[str]:
    """The slugs of the concepts the graph mentions."""
    return [c.slug for c in graph.concepts() if graph.mention_count(c.slug)]


def workloads(graph) -> list[tuple[str, list[Request], list[Request], list[Request]]]:
    """(page, repeated, distinct, plain): the requests each load sends in turn."""
    articles = some_documents(graph, 1000)
    concepts = mentioned_concepts(graph)
    pairs = [(a, b) for a in concepts[:12] for b in concepts[:12]
             if a != b and graph.path(a, b, 4, 0) is not None] or [(concepts[0], concepts[1])]
    top_article = max(articles, key=lambda s: len(graph.document_concepts(s)))
    top_concept = max(concepts, key=graph.mention_count)
    return [
        ("article page", [graphql(ARTICLE_PAGE, {"slug": top_article})],
         [graphql(ARTICLE_PAGE, {"slug": slug, "nonce": NONCE}) for slug in articles],
         [Request("GET", f"/plain/article/{slug}") for slug in articles]),
        ("concept page", [graphql(CONCEPT_PAGE, {"slug": top_concept})],
         [graphql(CONCEPT_PAGE, {"slug": slug, "nonce": NONCE}) for slug in concepts],
         [Request("GET", f"/plain/concept/{slug}") for slug in concepts]),
        ("path", [graphql(PATH, {"from": pairs[0][0], "to": pairs[0][1]})],
         [graphql(PATH, {"from": a, "to": b, "nonce": NONCE}) for a, b in pairs],
         [Request("GET", f"/plain/path?from={a}&to={b}") for a, b in pairs]),
    ]


def wrk_load(port: int, requests: list[Request], connections: int, seconds: float,
             base: int) -> dict:
    """Load the server with wrk (one thread), its Lua script sending ``requests`` in turn,
    numbered from ``base``."""
    quoted = ",\n".join(f"{{[==[{r.method}]==], [==[{r.target}]==], [==[{r.body}]==]}}"
                        for r in requests)
    script = (WRK_SCRIPT.replace("REQUESTS", quoted).replace("NONCE", NONCE)
              .replace("BASE", str(base)))
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as file:
        file.write(script)
        file.flush()
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
             "--timeout", "10s", "-s", file.name, f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("CONTENTGRAPH"))
    figures = dict(item.split("=") for item in line.split()[1:])
    if int(figures["failed"]):
        raise SystemExit(f"{figures['failed']} failed requests under wrk")
    return {"rps": float(figures["rps"]), "p50": int(figures["p50"]) / 1000,
            "p99": int(figures["p99"]) / 1000}


WRK_SCRIPT = r"""
local requests = {
REQUESTS
}
local headers = {["Content-Type"] = "application/json"}
counter = BASE
failed = 0

request = function()
  counter = counter + 1
  local r = requests[counter % #requests + 1]
  if r[3] == "" then return wrk.format(r[1], r[2]) end
  return wrk.format(r[1], r[2], headers, (r[3]:gsub("NONCE", tostring(counter))))
end

response = function(status, headers, body)
  if status ~= 200 or body:find('"errors"', 1, true) then failed = failed + 1 end
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

function done(summary, latency, requests)
  local failures = 0
  for _, thread in ipairs(threads) do failures = failures + thread:get("failed") end
  io.write(string.format("CONTENTGRAPH rps=%.1f p50=%d p99=%d failed=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50),
    latency:percentile(99), failures))
end
"""


def request_bytes(request: Request, number: int) -> bytes:
    head = f"{request.method} {request.target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    body = request.body.replace(NONCE, str(number)).encode()
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(line.split(":", 1)[1]) for line in lines
                  if line.lower().startswith("content-length:"))
    return status, await reader.readexactly(length)


async def connection(port: int, requests: list[Request], first: int, deadline: float,
                     latencies: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for number in range(first, first + 200_000):  # bounded
            if time.perf_counter() > deadline:
                break
            data = request_bytes(requests[number % len(requests)], number)
            started = time.perf_counter()
            writer.write(data)
            status, body = await read_response(reader)
            latencies.append(time.perf_counter() - started)
            if status != 200 or b'"errors"' in body[:2000]:
                errors.append(body[:200].decode(errors="replace"))
    finally:
        writer.close()


async def python_load(port: int, requests: list[Request], connections: int, seconds: float,
                      base: int) -> dict:
    """Load the server with an asyncio HTTP/1.1 keep-alive client in this process, numbering
    the requests from ``base``."""
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*[connection(port, requests, base + c * 1_000_000, deadline,
                                      latencies, errors) for c in range(connections)])
    elapsed = time.perf_counter() - started
    latencies.sort()
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return {"rps": len(latencies) / elapsed,
            "p50": latencies[len(latencies) // 2] * 1000,
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000}


RUNS = itertools.count(1)


def load(client: str, port: int, requests: list[Request], connections: int,
         seconds: float) -> dict:
    """requests/s, p50 and p99 (ms) of ``requests`` sent for ``seconds`` by ``client``; every
    run numbers its requests afresh, so distinct ones never repeat an earlier run's."""
    base = next(RUNS) * 100_000_000
    if client == "wrk":
        return wrk_load(port, requests, connections, seconds, base)
    return asyncio.run(python_load(port, requests, connections, seconds, base))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def start_server(graph: Path, *options: str) -> tuple[subprocess.Popen, int, float]:
    """``contentgraph serve`` on a free port: the process, the port, seconds to /healthz 200."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "contentgraph"), "serve", "--graph", str(graph),
         "--port", str(port), "--no-reload", *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if sock.recv(64).startswith(b"HTTP/1.1 200"):
                    return process, port, time.perf_counter() - started
        except OSError:
            time.sleep(0.01)
    process.kill()
    raise SystemExit("the server did not start")


def stop_server(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def memory(process: subprocess.Popen) -> tuple[float, float, list[float]]:
    """(RSS MiB, PSS MiB) summed over a server and its workers, and each process's PSS MiB
    (the supervisor's first)."""
    import psutil

    root = psutil.Process(process.pid)
    tree = [root, *root.children(recursive=True)]
    infos = [p.memory_full_info() for p in tree]
    each = [i.pss / 2**20 for i in infos]
    return sum(i.rss for i in infos) / 2**20, sum(each), each


def in_process(graph_path: Path, repeat: int, same: list[str]) -> dict:
    """Median ms of the concept and article pages, every concept's and article's, and of the
    concept pages of ``same``, warm; and ``"<page> cold"``, the mean ms of each page on its
    first visit."""
    from contentgraph.graph.facade import ConceptGraph
    from contentgraph.schema import Context, schema

    graph = ConceptGraph.load(graph_path)
    concepts = mentioned_concepts(graph)
    articles = some_documents(graph, 100)
    nonce = itertools.count()
    out = {}
    for name, query, slugs in (("concept page", CONCEPT_PAGE, concepts),
                               ("article page", ARTICLE_PAGE, articles),
                               ("same concepts", CONCEPT_PAGE, same)):
        if not slugs:
            continue
        def run(slug):
            result = schema.execute_sync(query, variable_values={"slug": slug,
                                                                 "nonce": next(nonce)},
                                         context_value=Context(graph))
            assert not result.errors, result.errors
        started = time.perf_counter()
        for slug in slugs:  # warm: every page once
            run(slug)
        out[f"{name} cold"] = (time.perf_counter() - started) / len(slugs) * 1000
        rounds = []
        for _ in range(repeat):
            started = time.perf_counter()
            for slug in slugs:
                run(slug)
            rounds.append((time.perf_counter() - started) / len(slugs) * 1000)
        out[name] = statistics.median(rounds)
    return out


def page_table(client: str, graph_path: Path, connection_counts: list[int],
               seconds: float) -> None:
    from contentgraph.graph.facade import ConceptGraph

    graph = ConceptGraph.load(graph_path)
    port = free_port()
    process = subprocess.Popen([sys.executable, __file__, "--serve", str(port),
                                str(graph_path)])
    try:
        wait_until_up(port, process)
        report(client, port, graph, connection_counts, seconds)
    finally:
        process.terminate()
        process.wait(timeout=30)


def workers_table(client: str, graph_path: Path, counts: list[int], seconds: float,
                  articles: int) -> None:
    from contentgraph.graph.facade import ConceptGraph

    graph = ConceptGraph.load(graph_path)
    concepts = mentioned_concepts(graph)
    articles = some_documents(graph, articles)
    pages = [graphql(CONCEPT_PAGE, {"slug": s, "nonce": NONCE}) for s in concepts] + \
        [graphql(ARTICLE_PAGE, {"slug": s, "nonce": NONCE}) for s in articles]
    print(f"{'workers':>8}{'start s':>9}{'RSS MiB':>9}{'PSS MiB':>9}{'r/s':>8}"
          f"{'p99 ms':>8}{'RSS after':>11}{'PSS after':>11}{'answers MiB':>12}  load avg"
          "  PSS after of each process")
    for n in counts:
        process, port, startup = start_server(graph_path, "--workers", str(n))
        try:
            time.sleep(1)  # let every worker finish booting
            rss, pss, _ = memory(process)
            load(client, port, pages, 8, 1)  # warm
            found = load(client, port, pages, 8, seconds)
            rss_after, pss_after, each = memory(process)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz") as ready:
                answers = json.load(ready)["cache"]["bytes"] / 2**20  # on disk, shared
        finally:
            stop_server(process)
        print(f"{n:>8}{startup:>9.2f}{rss:>9.0f}{pss:>9.0f}{found['rps']:>8.0f}"
              f"{found['p99']:>8.1f}{rss_after:>11.0f}{pss_after:>11.0f}{answers:>12.1f}  "
              f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())}  "
              f"{' '.join(f'{x:.0f}' for x in each)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, action="append",
                        help="graph store (repeatable; default: the example corpus)")
    parser.add_argument("--seconds", type=float, default=2.0, help="per measurement")
    parser.add_argument("--repeat", type=int, default=5, help="in-process rounds")
    parser.add_argument("--connections", default="1,8,32")
    parser.add_argument("--pages", action="store_true",
                        help="GraphQL against the plain endpoint (default with no --workers)")
    parser.add_argument("--workers", default="", help="worker counts to measure, e.g. 1,2,4")
    parser.add_argument("--articles", type=int, default=500,
                        help="distinct article pages in the workers' load (with every concept page)")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto",
                        help="load generator: wrk when installed (auto), else the asyncio one")
    parser.add_argument("--serve", nargs=2, metavar=("PORT", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        run_server(int(args.serve[0]), args.serve[1])
        return
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    with tempfile.TemporaryDirectory() as folder:
        graphs = args.graph
        if not graphs:
            from contentgraph.examples import corpus_path
            from contentgraph.graph.build import build

            graphs = [Path(folder) / "example.graph"]
            build([corpus_path()], out=graphs[0], scheduler="synchronous")
        print(f"{'graph':<40}{'docs':>8}{'start s':>9}{'RSS MiB':>9}{'PSS MiB':>9}"
              f"{'concept ms':>11}{'cold ms':>9}{'article ms':>11}{'x first':>9}"
              f"{'same ms':>9}{'x first':>9}  load avg")
        from contentgraph.graph.facade import ConceptGraph

        mentioned = [set(mentioned_concepts(ConceptGraph.load(path))) for path in graphs]
        same = set.intersection(*mentioned) if len(graphs) > 1 else set()
        first = None
        for path in graphs:
            process, _, startup = start_server(path)
            try:
                rss, pss, _ = memory(process)
            finally:
                stop_server(process)
            costs = in_process(path, args.repeat, sorted(same))
            first = first or costs
            stats = ConceptGraph.load(path).stats()
            print(f"{path.name[-40:]:<40}{stats.articles + stats.questions + stats.answers:>8,}"
                  f"{startup:>9.2f}{rss:>9.0f}{pss:>9.0f}{costs['concept page']:>11.2f}"
                  f"{costs['concept page cold']:>9.2f}{costs['article page']:>11.2f}"
                  f"{costs['concept page'] / first['concept page']:>9.2f}{_same(costs, first)}  "
                  f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
        if args.pages or not args.workers:
            page_table(client, graphs[-1], [int(c) for c in args.connections.split(",")],
                       args.seconds)
        if args.workers:
            workers_table(client, graphs[-1], [int(n) for n in args.workers.split(",")],
                          max(args.seconds, 4), args.articles)


def _same(costs: dict, first: dict) -> str:
    """The columns of the concept pages every graph shares: ms and ratio to the first graph."""
    if "same concepts" not in costs:
        return f"{'-':>9}{'-':>9}"
    return (f"{costs['same concepts']:>9.2f}"
            f"{costs['same concepts'] / first['same concepts']:>9.2f}")


def report(client: str, port: int, graph, connection_counts: list[int], seconds: float) -> None:
    stats = graph.stats()
    print(f"{graph.store_path.name}: {stats.articles} articles, {stats.questions} questions, "
          f"{stats.concepts} concepts; {seconds:g} s per measurement on 127.0.0.1, "
          f"load from {client}")
    print(f"{'page':<13}{'conn':>5}  {'plain r/s':>10} {'p50':>6} {'p99':>6}   "
          f"{'repeated r/s':>12} {'p50':>6} {'p99':>6} {'ratio':>6}   "
          f"{'distinct r/s':>12} {'p50':>6} {'p99':>6} {'ratio':>6}")
    for page, repeated, distinct, plain in workloads(graph):
        for connections in connection_counts:
            load(client, port, distinct, connections, 1)  # warm up both endpoints alike
            load(client, port, plain, connections, 1)
            p = load(client, port, plain, connections, seconds)
            r = load(client, port, repeated, connections, seconds)
            d = load(client, port, distinct, connections, seconds)
            print(f"{page:<13}{connections:>5}  {p['rps']:>10.0f} {p['p50']:>6.1f} "
                  f"{p['p99']:>6.1f}   {r['rps']:>12.0f} {r['p50']:>6.1f} {r['p99']:>6.1f} "
                  f"{_ratio(r, p):>6}   {d['rps']:>12.0f} {d['p50']:>6.1f} "
                  f"{d['p99']:>6.1f} {_ratio(d, p):>6}", flush=True)
    print("latencies in ms; ratio = GraphQL requests/s / plain requests/s ('-' when no plain "
          "request completed in time)")


def _ratio(measured: dict, plain: dict) -> str:
    return f"{measured['rps'] / plain['rps']:.2f}" if plain["rps"] else "-"


if __name__ == "__main__":
    main()
