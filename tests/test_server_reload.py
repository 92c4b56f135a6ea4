"""GraphHolder: atomic swaps, a failed load keeps the old graph, the response cache is emptied."""

from __future__ import annotations

import asyncio
import gc
import logging

from contentgraph.reload import GraphHolder


class Graph:
    def __init__(self, name):
        self.name = name
        self.built_at = name


def loader_from(files):
    def load(path):
        text = path.read_text()
        if text == "corrupt":
            raise ValueError(f"{path}: not a graph store")
        return Graph(text)
    return load


def test_a_request_keeps_the_generation_it_started_with(tmp_path):
    holder = GraphHolder(Graph("old"))
    started = holder.generation
    started.cache.put("q", b"old answer")
    holder.swap(Graph("new"))
    assert started.graph.name == "old" and started.cache.get("q") == b"old answer"
    assert holder.current.name == "new" and holder.generation.cache.get("q") is None
    assert holder.generation.number == started.number + 1
    assert gc.get_freeze_count() > 0  # the loaded graph is out of the collector's sight


def test_reload_swaps_and_a_corrupt_store_keeps_the_old_graph(tmp_path, caplog):
    path = tmp_path / "g.graph"
    path.write_text("first")
    holder = GraphHolder(Graph("first"), path, loader=loader_from(path))
    path.write_text("corrupt")
    with caplog.at_level(logging.ERROR, "contentgraph.reload"):
        assert holder.reload() is False
    assert holder.current.name == "first"
    assert "failed to load, still serving the graph built at first" in caplog.text
    path.write_text("second")
    assert holder.reload() is True and holder.current.name == "second"


def test_watch_notices_a_changed_file(tmp_path):
    path = tmp_path / "g.graph"
    path.write_text("first")
    holder = GraphHolder(Graph("first"), path, loader=loader_from(path))

    async def scenario():
        task = asyncio.create_task(holder.watch(0.01))
        await asyncio.sleep(0.05)
        assert holder.current.name == "first"
        path.write_text("second, longer")
        for _ in range(500):
            if holder.current.name != "first":
                break
            await asyncio.sleep(0.01)
        task.cancel()

    asyncio.run(scenario())
    assert holder.current.name == "second, longer"


def test_response_cache_is_bounded():
    holder = GraphHolder(Graph("g"), cache_size=2)
    cache = holder.generation.cache
    for key in "abc":
        cache.put(key, key.encode())
    assert len(cache) == 2 and cache.get("a") is None and cache.get("c") == b"c"


def test_response_cache_is_bounded_in_bytes():
    holder = GraphHolder(Graph("g"), cache_size=1000, cache_bytes=160_000)
    cache = holder.generation.cache
    for i in range(20):
        cache.put((f"{{ q{i} }}", "null", None), b"x" * 9_000)
    assert cache.bytes <= 160_000 and 10 <= len(cache) < 20
    assert cache.get(("{ q19 }", "null", None)) is not None  # the newest stay
    assert cache.get(("{ q0 }", "null", None)) is None
    cache.put(("{ big }", "null", None), b"x" * 10_001)  # over a sixteenth of the budget
    assert cache.get(("{ big }", "null", None)) is None
