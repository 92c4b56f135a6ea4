"""Snapshots: round trip, atomic writes under a kill, clear errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from contentgraph.errors import SnapshotError
from contentgraph.graph.facade import ConceptGraph
from contentgraph.graph.store import FORMAT_VERSION, MAGIC


def same_graph(a: ConceptGraph, b: ConceptGraph) -> None:
    ga, gb = a.graph, b.graph
    assert dict(ga.nodes(data=True)) == dict(gb.nodes(data=True))
    assert sorted(ga.edges(keys=True, data=True), key=repr) == \
        sorted(gb.edges(keys=True, data=True), key=repr)
    assert [d for r in a.data.files.values() for d in r.documents] == \
        [d for r in b.data.files.values() for d in r.documents]
    assert a.data.files == b.data.files
    assert a.taxonomy.concepts == b.taxonomy.concepts
    assert a.built_at == b.built_at


def test_round_trip(tiny_graph, tmp_path):
    path = tmp_path / "g.graph"
    tiny_graph.save(path)
    loaded = ConceptGraph.load(path)
    same_graph(tiny_graph, loaded)
    assert loaded.related_concepts("pursuer") == tiny_graph.related_concepts("pursuer")
    assert [p.name for p in tmp_path.iterdir()] == ["g.graph"]  # no temporary file left


def test_kill_during_save_leaves_the_old_snapshot(tiny_graph, tmp_path):
    path = tmp_path / "g.graph"
    tiny_graph.save(path)
    before = path.read_bytes()
    ready = tmp_path / "ready"
    script = textwrap.dedent(f"""
        import os, time
        from contentgraph.graph.facade import ConceptGraph
        graph = ConceptGraph.load({str(path)!r})
        def stall(fd):  # the data is written, not yet renamed: say so and wait to be killed
            open({str(ready)!r}, "w").close()
            time.sleep(60)
        os.fsync = stall
        graph.save({str(path)!r})
    """)
    child = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), "the child never reached the write"
    finally:
        child.kill()
        child.wait()
    assert path.read_bytes() == before
    same_graph(tiny_graph, ConceptGraph.load(path))


def test_version_mismatch_is_a_clear_error(tmp_path):
    path = tmp_path / "old.graph"
    path.write_bytes(MAGIC + f"{FORMAT_VERSION + 1}\n".encode() + b"whatever")
    with pytest.raises(SnapshotError, match="format version .* rebuild"):
        ConceptGraph.load(path)


@pytest.mark.parametrize("content, message", [
    (b"hello world", "not a contentgraph snapshot"),
    (MAGIC + f"{FORMAT_VERSION}\n".encode() + b"\x80\x05garbage", "corrupt"),
])
def test_corrupt_files(tmp_path, content, message):
    path = tmp_path / "bad.graph"
    path.write_bytes(content)
    with pytest.raises(SnapshotError, match=message):
        ConceptGraph.load(path)


def test_truncated_snapshot_is_corrupt(tiny_graph, tmp_path):
    path = tmp_path / "g.graph"
    tiny_graph.save(path)
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(SnapshotError, match="corrupt"):
        ConceptGraph.load(path)


def test_missing_snapshot(tmp_path):
    with pytest.raises(SnapshotError, match="no such snapshot"):
        ConceptGraph.load(tmp_path / "absent.graph")
