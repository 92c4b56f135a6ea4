"""A real uvicorn on 127.0.0.1: end to end, hot reload under load, SIGHUP, and fuzzing."""

from __future__ import annotations

import os
import re
import shutil
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from live_server import Server

STATS = {"query": "{ stats { articles builtAt } }"}


@pytest.fixture(scope="module")
def small_stores(tmp_path_factory):
    """Graph stores of one and of two example articles (graphs whose answers differ)."""
    from contentgraph.examples import corpus_path
    from contentgraph.graph.build import build

    folder = tmp_path_factory.mktemp("small")
    paths = []
    for names in (["pursue-withdraw-cycle.md"], ["four-horsemen.md", "setting-boundaries.md"]):
        path = folder / f"{len(names)}.graph"
        build([corpus_path() / name for name in names]).graph.save(path)
        paths.append(path)
    return paths


@pytest.fixture
def served_copy(example_store, tmp_path):
    path = tmp_path / "served.graph"
    shutil.copy(example_store, path)
    return path


def replace(path: Path, source: Path | bytes) -> None:
    """Swap a new store in atomically, the way a build writes one."""
    temporary = path.with_suffix(".tmp")
    if isinstance(source, bytes):
        temporary.write_bytes(source)
    else:
        shutil.copy(source, temporary)
    os.replace(temporary, path)


def test_live_server_answers_the_contract_queries(served_copy):
    server = Server(served_copy, "--no-reload")
    try:
        response = httpx.post(server.url + "/graphql", json={"query": """{
          concept(slug: "pursue-withdraw-cycle") { label related(first: 3) { concept { slug } } }
          stats { articles } }"""}, timeout=10)
        data = response.json()["data"]
        assert data["concept"]["label"].lower() == "pursue-withdraw cycle"
        assert data["concept"]["related"] and data["stats"]["articles"] >= 5
    finally:
        server.stop()


def test_reload_under_load_loses_no_request(served_copy, small_stores):
    """8 clients query while the store is replaced three times, once by a corrupt file."""
    server = Server(served_copy, "--reload-interval", "0.1")
    stop = threading.Event()
    answers: list[Counter] = [Counter() for _ in range(8)]
    failures: list[str] = []

    def client(seen: Counter) -> None:
        with httpx.Client(base_url=server.url, timeout=10) as http:
            for _ in range(1000):  # bounded; the test stops the loop once the swaps are done
                if stop.is_set():
                    return
                try:
                    response = http.post("/graphql", json=STATS)
                    body = response.json()
                    if response.status_code != 200 or "errors" in body:
                        failures.append(f"{response.status_code} {response.text[:200]}")
                    else:
                        seen[body["data"]["stats"]["articles"]] += 1
                except httpx.HTTPError as err:
                    failures.append(repr(err))

    threads = [threading.Thread(target=client, args=(seen,)) for seen in answers]

    def wait_until_seen(articles: int, times: int = 40) -> None:
        deadline = time.monotonic() + 30
        while sum(seen[articles] for seen in answers) < times:
            assert time.monotonic() < deadline and not failures, (answers, failures[:3])
            time.sleep(0.02)

    try:
        full = httpx.post(server.url + "/graphql", json=STATS).json()["data"]["stats"]["articles"]
        for thread in threads:
            thread.start()
        wait_until_seen(full)
        replace(served_copy, small_stores[0])
        server.wait_for_generation(1)
        wait_until_seen(1)
        replace(served_copy, b"this is not a graph store")
        time.sleep(0.6)  # several polls: the corrupt file is tried, logged, and skipped
        assert server.generation() == 1
        replace(served_copy, small_stores[1])
        server.wait_for_generation(2)
        wait_until_seen(2)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        log = server.stop()
    total = sum(answers, Counter())
    assert failures == []
    assert set(total) == {full, 1, 2}, total
    assert sum(total.values()) >= 8 * 10
    assert "failed to load" in log and "still serving" in log


def test_sighup_reloads_the_store(served_copy, small_stores):
    server = Server(served_copy, "--reload-interval", "3600")
    try:
        replace(served_copy, small_stores[0])  # no poll will notice within the test
        server.process.send_signal(signal.SIGHUP)
        server.wait_for_generation(1)
        stats = httpx.post(server.url + "/graphql", json=STATS).json()["data"]["stats"]
        assert stats["articles"] == 1
    finally:
        server.stop()


def _answers(server: Server, n: int) -> list[dict]:
    """``n`` /readyz answers, each on a new connection (so any worker may take it); none while a
    worker is being replaced."""
    try:
        return [httpx.get(server.url + "/readyz", timeout=5,
                          headers={"connection": "close"}).json() for _ in range(n)]
    except httpx.TransportError:
        return []


def _until_every_worker_serves(server: Server, articles: int, workers: int = 2,
                               timeout: float = 60) -> set[int]:
    """The processes that answer once every answer counts ``articles`` (until ``workers`` of
    them have been seen)."""
    deadline, seen = time.monotonic() + timeout, set()
    while True:
        answers = _answers(server, 20)
        if answers and all(a["counts"]["articles"] == articles for a in answers):
            seen |= {a["process"] for a in answers}
            if len(seen) >= workers:
                return seen
        else:
            seen = set()
        assert time.monotonic() < deadline, (seen, answers)
        time.sleep(0.1)


def test_workers_share_one_store_and_each_reloads_it(served_copy, small_stores):
    server = Server(served_copy, "--workers", "2", "--reload-interval", "0.2")
    try:
        first = _until_every_worker_serves(server, 10)
        assert len(first) == 2 and server.process.pid not in first  # two forked workers answer
        replace(served_copy, small_stores[1])
        assert _until_every_worker_serves(server, 2) == first  # each reloaded, none restarted
        response = httpx.post(server.url + "/graphql", json=STATS, timeout=5).json()
        assert response["data"]["stats"]["articles"] == 2
    finally:
        server.stop()


def test_an_answer_one_worker_computed_serves_them_all(served_copy, tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    server = Server(served_copy, "--workers", "2", env={**os.environ, "TMPDIR": str(scratch)})
    try:
        workers = _until_every_worker_serves(server, 10)
        assert [p.name[:21] for p in scratch.iterdir()] == ["contentgraph-answers-"]
        with httpx.Client(timeout=5) as client:  # one connection: one worker computes it twice
            for _ in range(2):  # and keeps it the second time
                client.post(server.url + "/graphql", json=STATS)
        cached: dict[int, int] = {}
        deadline = time.monotonic() + 30
        while set(cached) != workers and time.monotonic() < deadline:
            cached |= {a["process"]: a["cache"]["answers"] for a in _answers(server, 10)}
        assert cached == {pid: 1 for pid in workers}  # each sees the one answer
    finally:
        server.stop()
    assert list(scratch.iterdir()) == []  # the answers' folder goes with the server


def test_sighup_to_the_supervisor_serves_the_new_store_in_new_workers(served_copy, small_stores):
    server = Server(served_copy, "--workers", "2", "--reload-interval", "3600")
    try:
        first = _until_every_worker_serves(server, 10)
        with httpx.Client(timeout=5) as client:  # an answer kept in the shared response cache
            for _ in range(2):
                client.post(server.url + "/graphql", json=STATS)
        replace(served_copy, small_stores[0])  # no poll will notice within the test
        server.process.send_signal(signal.SIGHUP)
        assert not _until_every_worker_serves(server, 1) & first
        assert {a["cache"]["answers"] for a in _answers(server, 10)} == {1}  # the same cache
    finally:
        server.stop()


def test_fuzzed_queries_never_fail_the_server(example_store, tmp_path):
    """schemathesis (GraphQL mode) against the live server: bounded, fixed seed; no 5xx and no
    answer slower than a second."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings

    path = tmp_path / "served.graph"
    shutil.copy(example_store, path)
    server = Server(path, "--no-reload")
    try:
        schema = schemathesis.graphql.from_url(server.url + "/graphql")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert {op.label for op in operations} >= {"Query.concept", "Query.path", "Query.gaps"}
        slow: list[str] = []
        for operation in operations:  # 8 root fields x 30 examples

            @given(case=operation.as_strategy())
            @settings(max_examples=30, derandomize=True, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def check(case):
                response = case.call(timeout=10)
                assert response.status_code < 500, (case.body, response.text[:300])
                if response.elapsed >= 1.0:  # seconds; sent again to rule out a busy machine
                    again = case.call(timeout=10).elapsed
                    if again >= 1.0:
                        slow.append(f"{response.elapsed:.2f}s then {again:.2f}s: {case.body}")

            check()
        assert slow == []
    finally:
        server.stop()


def test_serve_says_what_it_builds_and_serves_and_where():
    server = Server(None)
    try:
        pages = {path: httpx.get(server.url + path, timeout=10).status_code
                 for path in ("/", "/console")}
    finally:
        log = server.stop()
    lines = log.splitlines()
    assert lines[0] == "Building the bundled example corpus..."
    assert any(line.strip().startswith("files read and extracted: ") for line in lines)  # piped
    served = next(line for line in lines if line.startswith("Serving "))
    assert re.fullmatch(r"Serving the bundled example corpus: \d+ articles, \d+ reader "
                        r"questions, \d+ answers, \d+ concepts; built \d+ \w+ \d{4}, "
                        r"\d\d:\d\d UTC", served), served
    for name, path in (("Explorer", "/"), ("GraphQL API", "/graphql"),
                       ("Query console", "/console")):
        assert f"  {name}:".ljust(18) + server.url + path in lines
    assert pages == {"/": 200, "/console": 200}
