"""GraphHolder: atomic swaps, a failed load keeps the old graph, a new graph gets no old answers."""

from __future__ import annotations

import asyncio
import gc
import logging

from contentgraph.answers import ResponseCache
from contentgraph.reload import GraphHolder


class Graph:
    def __init__(self, name):
        self.name = name
        self.built_at = self.build_id = name


def loader_from(files):
    def load(path):
        text = path.read_text()
        if text == "corrupt":
            raise ValueError(f"{path}: not a graph store")
        return Graph(text)
    return load


def test_a_request_keeps_the_generation_it_started_with(tmp_path):
    holder = GraphHolder(Graph("old"), ResponseCache(100, 1_000_000))
    started = holder.generation
    query = ("{ q }", "null", None)
    for _ in range(2):  # kept from the second time on
        started.cache.put(query, b"old answer")
    holder.swap(Graph("new"))
    assert started.graph.name == "old" and started.cache.get(query) == b"old answer"
    assert holder.current.name == "new" and holder.generation.cache.get(query) is None
    assert holder.generation.number == started.number + 1
    assert gc.get_freeze_count() > 0  # the loaded graph is out of the collector's sight


def test_reload_swaps_and_a_corrupt_store_keeps_the_old_graph(tmp_path, caplog):
    path = tmp_path / "g.graph"
    path.write_text("first")
    holder = GraphHolder(Graph("first"), ResponseCache(100, 1_000_000), path,
                         loader=loader_from(path))
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
    holder = GraphHolder(Graph("first"), ResponseCache(100, 1_000_000), path,
                         loader=loader_from(path))

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
