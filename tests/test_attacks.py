"""The safety review's attacks, each sent to a real `contentgraph serve` on loopback.

Every attack is answered (a GraphQL error naming the problem, or an HTTP 4xx that says what is
wrong; never a 500 nor `Internal error`) while a watcher keeps asking for /healthz, which must
keep answering. The sizes are those that took seconds to hours before the limits held. No
timing is asserted beyond "answered at all within a generous bound".
"""

from __future__ import annotations

import base64
import csv
import io
import re
import select
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from live_server import Server


GENEROUS = 60.0  # seconds an answer may take on a busy machine
HEALTH_BOUND = 5.0  # seconds /healthz may take meanwhile (it answers in milliseconds)
SHARED_QA = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "counsel-chat"

UNSAFE_LINK = """---
title: When one partner pursues and the other withdraws
url: "javascript:alert(document.cookie)"
slug: unsafe-link
---

In a pursue-withdraw cycle the pursuer asks for reassurance while the withdrawer goes quiet.
Stonewalling and criticism keep the pursue-withdraw cycle going, and couples therapy can help.
"""
FORMULA_TITLE = """---
title: "=HYPERLINK(\\"http://attacker.test\\",\\"Pursue and withdraw\\")"
slug: formula-title
---

The pursuer asks for reassurance and the withdrawer goes quiet: a pursue-withdraw cycle.
Stonewalling and criticism keep the pursue-withdraw cycle going, and couples therapy can help.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The example corpus, two crafted articles and, when present, counsel-chat's 2,946
    questions and answers (titles enough for search to cost something)."""
    from contentgraph.examples import corpus_path
    from contentgraph.graph.build import build

    folder = tmp_path_factory.mktemp("attacks")
    crafted = folder / "crafted"
    crafted.mkdir()
    (crafted / "unsafe-link.md").write_text(UNSAFE_LINK, encoding="utf-8")
    (crafted / "formula.md").write_text(FORMULA_TITLE, encoding="utf-8")
    sources = [corpus_path(), crafted]
    if SHARED_QA.is_dir():
        sources.append(SHARED_QA)
    path = folder / "served.graph"
    build(sources).graph.save(path)
    return path


class HealthWatch(threading.Thread):
    """Asks for /healthz every 50 ms; remembers failures and the longest wait (any attack that
    held the event loop would show here)."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.failures, self.longest = url, [], 0.0
        self.stopping = threading.Event()

    def run(self) -> None:
        with httpx.Client(timeout=GENEROUS) as client:
            while not self.stopping.is_set():
                start = time.monotonic()
                try:
                    if client.get(self.url + "/healthz").status_code != 200:
                        self.failures.append("not 200")
                except httpx.HTTPError as err:
                    self.failures.append(repr(err))
                self.longest = max(self.longest, time.monotonic() - start)
                time.sleep(0.05)

    def check(self) -> None:
        assert self.is_alive() and not self.failures, self.failures[:3]
        assert self.longest < HEALTH_BOUND, f"/healthz once took {self.longest:.1f} s"


@pytest.fixture(scope="module")
def server(store):
    served = Server(store, "--no-reload", "--read-timeout", "2",
                    "--cache-bytes", "1000000")
    served.watch = HealthWatch(served.url)
    served.watch.start()
    served.log = None
    yield served
    served.watch.stopping.set()
    if served.log is None:
        served.stop()


@pytest.fixture
def watched(server):
    """The server; after the test, /healthz must have answered all along."""
    yield server
    server.watch.check()


def post(server, payload, **kwargs) -> httpx.Response:
    return httpx.post(server.url + "/graphql", json=payload, timeout=GENEROUS, **kwargs)


def post_raw(server, body: bytes) -> httpx.Response:
    return httpx.post(server.url + "/graphql", content=body, timeout=GENEROUS,
                      headers={"content-type": "application/json"})


def messages(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text[:300]
    return [e["message"] for e in response.json().get("errors", [])]


def refusal(response: httpx.Response) -> str:
    """The message of a 400 answer (JSON, one error)."""
    assert response.status_code == 400, response.text[:300]
    return response.json()["errors"][0]["message"]


# --- queries whose checks cost more than their text --------------------------------------------

def test_fragments_spreading_each_other_are_refused_by_their_expanded_size(watched):
    chain = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(30)]
    query = "{ ...F0 } " + " ".join(chain) + " fragment F30 on Query { stats { articles } }"
    assert len(query) < 1600
    assert messages(post(watched, {"query": query})) == [  # 2**30 copies of two fields
        "The query has 2147483648 fields once its fragments are expanded; the limit is 2000 "
        "(setting max_fields): spread fewer fragments"]
    nested = [f"fragment C{i} on Concept {{ broader {{ ...C{i + 1} }} narrower {{ ...C{i + 1} }} "
              f"related {{ concept {{ ...C{i + 1} }} }} }}" for i in range(25)]
    query = ('{ concept(slug: "pursuer") { ...C0 } } ' + " ".join(nested)
             + " fragment C25 on Concept { slug }")
    assert "fields once its fragments are expanded" in messages(post(watched, {"query": query}))[0]
    assert post(watched, {"query": "{ stats { articles } }"}).json()["data"]["stats"]["articles"]


def test_search_for_a_hundred_repeated_words_answers_in_aliases_and_batches(watched):
    words = " ".join(["a"] * 97)

    def query(tag: str) -> str:
        return "{ " + " ".join(f'a{i}: articles(search: "{words} {tag}{i}", first: 100) '
                               "{ totalCount }" for i in range(15)) + " }"

    answer = post(watched, {"query": query("x")})
    assert messages(answer) == [] and len(answer.json()["data"]) == 15
    batch = post(watched, [{"query": query(tag)} for tag in ("y", "z", "w")])
    assert batch.status_code == 200
    assert [sorted(op) for op in batch.json()] == [["data"]] * 3


def test_large_answers_are_costed_at_their_real_size_and_the_cache_is_bounded(watched):
    uncovered = post(watched, {"query": "{ gaps { uncovered { slug } } }"})
    count = len(uncovered.json()["data"]["gaps"]["uncovered"])
    assert count > 100  # most of the taxonomy: lists without `first` count what they hold
    fields = "slug label kind altLabels definition broader { slug } narrower { slug }"
    aliases = "{ " + " ".join(f"g{i}: gaps {{ uncovered {{ {fields} }} }}" for i in range(15)) + " }"
    cost = re.match(r"Query cost (\d+) exceeds the cost limit of 10000",
                    messages(post(watched, {"query": aliases}))[0])
    assert cost and int(cost.group(1)) >= 15 * count

    for i in range(40):  # distinct queries, each answer about 40 KB, each asked twice
        for _ in range(2):
            answer = post(watched, {"query": f"{{ g{i}: gaps {{ uncovered {{ slug label definition }} }} }}"})
            assert messages(answer) == []
    cache = httpx.get(watched.url + "/readyz", timeout=GENEROUS).json()["cache"]
    assert 0 < cache["bytes"] <= 1_000_000 and cache["answers"] < 40

    large = "{ gaps { uncovered { slug label kind altLabels definition } thin { slug label definition } } }"
    for _ in range(2):  # asked twice: it would be kept the second time, were it small enough
        answer = post(watched, {"query": large})
    assert messages(answer) == [] and len(answer.content) > 1_000_000 // 16
    after = httpx.get(watched.url + "/readyz", timeout=GENEROUS).json()["cache"]
    assert after["answers"] == cache["answers"]  # larger than a sixteenth: not cached


# --- client mistakes are client errors ---------------------------------------------------------

def test_an_unknown_concept_in_a_filter_gives_an_empty_connection(watched):
    answer = post(watched, {"query": '{ articles(concept: "nope") { totalCount edges { cursor } } }'})
    assert messages(answer) == []
    assert answer.json()["data"] == {"articles": {"totalCount": 0, "edges": []}}


@pytest.mark.parametrize("cursor", [
    "9" * 5000, base64.urlsafe_b64encode(b"cg1:" + b"9" * 5000).decode()])
def test_a_cursor_of_five_thousand_digits_is_malformed(watched, cursor):
    answer = post(watched, {"query": "query($a: String) { concepts(after: $a) { totalCount } }",
                            "variables": {"a": cursor}})
    assert messages(answer)[0].startswith("Malformed cursor in argument 'after'")


def test_a_deeply_nested_json_body_is_a_400(watched):
    depth = 50_000  # 100 KB of brackets: within max_body
    body = (b'{"query": "{ stats { articles } }", "variables": {"v": ' + b"[" * depth
            + b"]" * depth + b"}}")
    message = refusal(post_raw(watched, body))
    assert message.startswith("Request body is not valid JSON") and "depth" in message


def test_a_lone_surrogate_is_a_400(watched):
    body = b'{"query": "{ stats { articles } }", "operationName": "\\ud800"}'
    message = refusal(post_raw(watched, body))
    assert message.startswith("Request body is not valid JSON") and "surrogate" in message


@pytest.mark.parametrize("value", [b"Infinity", b"NaN", b"1e400"])
def test_a_non_finite_number_is_a_400(watched, value):
    body = (b'{"query": "query($n: Int) { concepts(first: $n) { totalCount } }", '
            b'"variables": {"n": ' + value + b"}}")
    assert refusal(post_raw(watched, body)).startswith("Request body is not valid JSON")
    get = httpx.get(watched.url + "/graphql", timeout=GENEROUS, params={
        "query": "query($n: Int) { concepts(first: $n) { totalCount } }",
        "variables": '{"n": ' + value.decode() + "}"})
    assert refusal(get).startswith("'variables' is not valid JSON")


def test_an_unknown_fragment_is_named(watched):
    assert messages(post(watched, {"query": "{ ...Nope }"})) == ["Unknown fragment 'Nope'."]


def test_no_attack_answer_is_an_internal_error(watched):
    """The GraphQL answers above in one sweep: each a 200 or 4xx, none masked as a bug."""
    queries = ['{ articles(concept: "nope", author: "nobody", search: "zz") { totalCount } }',
               '{ concept(slug: "' + "x" * 5000 + '") { label } }',
               "{ concepts(first: 99999999999999999999) { totalCount } }",
               "{ neighborhood(slug: \"pursuer\", depth: 9) { nodes { slug } } }"]
    for query in queries:
        answer = post(watched, {"query": query})
        assert answer.status_code < 500 and "Internal error" not in answer.text, answer.text


# --- stalled clients -----------------------------------------------------------------------------

def test_clients_that_send_one_byte_at_a_time_are_dropped(watched):
    heads = [b"GET /healthz HTTP/1.1\r\nHost: a\r\nX-Pad: " + b"a" * 200,
             b"POST /graphql HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
             b"Content-Length: 1000\r\n\r\n"]
    sockets = []
    for i in range(100):
        sock = socket.create_connection(("127.0.0.1", watched.port), timeout=GENEROUS)
        head = heads[i % 2]
        if i % 2:  # the head at once, then the body a byte at a time
            sock.sendall(head)
            head = b'{"query": "' + b"x" * 990
        sockets.append((sock, head))
    open_ = {id(sock) for sock, _ in sockets}
    deadline = time.monotonic() + 20
    position = 0
    while open_ and time.monotonic() < deadline:
        for sock, data in sockets:
            if id(sock) not in open_:
                continue
            readable, _, _ = select.select([sock], [], [], 0)
            try:
                closed = readable and sock.recv(1024) == b""
                if not closed:
                    sock.send(data[position % len(data):position % len(data) + 1])
            except OSError:
                closed = True
            if closed:
                open_.discard(id(sock))
        position += 1
        time.sleep(0.1)
    for sock, _ in sockets:
        sock.close()
    assert not open_, f"{len(open_)} slow connections still open after 20 s"
    assert post(watched, {"query": "{ stats { articles } }"}).status_code == 200


# --- what a browser is given -------------------------------------------------------------------

def test_html_answers_carry_a_content_security_policy_and_friends(watched):
    pages = ["/", "/?q=pursuer", "/concepts/pursuer", "/articles/unsafe-link", "/gaps",
             "/path?from=pursuer&to=withdrawer", "/concepts/no-such-concept", "/console",
             "/graphql"]
    for path in pages:
        response = httpx.get(watched.url + path, headers={"accept": "text/html"},
                             timeout=GENEROUS, follow_redirects=True)
        headers = response.headers
        policy = headers["content-security-policy"]
        script_src = re.search(r"script-src ([^;]*)", policy).group(1)
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert script_src == "'self'", path
        assert not re.search(r"<script(?![^>]*\bsrc=)", response.text), path  # none inline
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    assert httpx.get(watched.url + "/graphql", params={"query": "{ stats { articles } }"},
                     timeout=GENEROUS).headers["x-content-type-options"] == "nosniff"


def test_only_web_urls_are_returned(watched):
    answer = post(watched, {"query": '{ article(slug: "unsafe-link") { title url } }'})
    assert answer.json()["data"]["article"]["url"] is None
    page = httpx.get(watched.url + "/articles/unsafe-link", timeout=GENEROUS).text
    assert "javascript:" not in page


def test_the_cli_csv_neutralises_formula_cells(store):
    from click.testing import CliRunner

    from contentgraph.cli import main

    result = CliRunner().invoke(main, ["gaps", "--graph", str(store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    cells = [cell for row in csv.reader(io.StringIO(result.output)) for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


# --- last: the log -------------------------------------------------------------------------------

def test_the_log_has_one_line_per_client_error_and_no_traceback(server):
    server.watch.stopping.set()
    server.log = server.stop()
    lines = server.log.splitlines()
    client_errors = [line for line in lines if "client error:" in line]
    assert len(client_errors) >= 10
    assert "Traceback" not in server.log
    assert not any("Internal error" in line for line in lines)
