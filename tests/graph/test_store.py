"""The graph store: round trip, atomic replacement, refusals that say what to do, nothing run."""

from __future__ import annotations

import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentgraph.cli import main
from contentgraph.errors import StoreError
from contentgraph.graph.facade import ConceptGraph
from contentgraph.graph.store import (APPLICATION_ID, FORMAT_VERSION, OLD_SNAPSHOT_MAGIC,
                                      StoreWriter)
from contentgraph.answers import ResponseCache
from contentgraph.reload import GraphHolder


def same_graph(a: ConceptGraph, b: ConceptGraph) -> None:
    ga, gb = a.graph, b.graph
    assert dict(ga.nodes(data=True)) == dict(gb.nodes(data=True))
    assert sorted(ga.edges(keys=True, data=True), key=repr) == \
        sorted(gb.edges(keys=True, data=True), key=repr)
    assert a.documents(kind="article") == b.documents(kind="article")
    assert a.sources() == b.sources()
    assert a.taxonomy.concepts == b.taxonomy.concepts
    assert a.built_at == b.built_at


def test_round_trip(tiny_graph, tmp_path):
    path = tmp_path / "g.graph"
    tiny_graph.save(path)
    loaded = ConceptGraph.load(path)
    same_graph(tiny_graph, loaded)
    assert loaded.related_concepts("pursuer") == tiny_graph.related_concepts("pursuer")
    assert [p.name for p in tmp_path.iterdir()] == ["g.graph"]  # no temporary file left


def test_documents_and_mentions_come_back_as_they_were_made(tiny_builder, tiny_source,
                                                           tmp_path):
    graph = tiny_builder(out=tmp_path / "g.graph")
    for slug, (title, url, paragraphs) in tiny_source.articles.items():
        doc = graph.document(slug)
        made = tiny_source.make_document(slug, title, url, paragraphs, links=doc.links)
        assert doc == made
        assert graph.mentions(slug) == sorted(tiny_source.extract(made)[0],
                                              key=lambda m: (m.start, m.end))


def test_kill_during_a_build_leaves_the_old_store_and_the_next_build_cleans_up(tiny_graph,
                                                                               tmp_path):
    path = tmp_path / "g.graph"
    tiny_graph.save(path)
    before = path.read_bytes()
    ready = tmp_path / "ready"
    script = textwrap.dedent(f"""
        import os, time
        from contentgraph.graph import store
        def stall(self):  # everything is written, not yet renamed: say so and wait to be killed
            open({str(ready)!r}, "w").close()
            time.sleep(60)
        store.StoreWriter.publish = stall
        from contentgraph.examples import corpus_path
        from contentgraph.graph.build import build
        build([corpus_path()], out={str(path)!r}, scheduler="synchronous")
    """)
    child = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 120
        while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), "the child never reached the write"
    finally:
        child.kill()
        child.wait()
    assert path.read_bytes() == before
    same_graph(tiny_graph, ConceptGraph.load(path))
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers  # SIGKILL leaves the temporary store ...
    StoreWriter(path, previous=path).discard()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # ... the next one goes


def test_a_failed_write_removes_its_temporary_file(tiny_graph, tmp_path, monkeypatch):
    path = tmp_path / "g.graph"

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        tiny_graph.save(path)
    assert list(tmp_path.iterdir()) == []


def test_a_replaced_store_keeps_its_mode_and_a_new_one_is_0644(tiny_graph, tmp_path):
    path = tmp_path / "g.graph"
    tiny_graph.save(path)
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o640)
    tiny_graph.save(path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_an_old_pickle_snapshot_is_refused_with_the_way_out(tmp_path):
    path = tmp_path / "old.graph"
    path.write_bytes(OLD_SNAPSHOT_MAGIC + b"4\n" + pickle.dumps({"graph": None}))
    with pytest.raises(StoreError, match="old pickle snapshot.*rebuild it with `contentgraph build`"):
        ConceptGraph.load(path)


class _Payload:
    """Unpickling this would create the marker file."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


@pytest.mark.parametrize("layout", ["bare", "old snapshot", "inside a store"])
def test_a_crafted_pickle_runs_nothing(tmp_path, tiny_graph, layout):
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Payload(marker))
    path = tmp_path / "crafted.graph"
    if layout == "bare":
        path.write_bytes(payload)
    elif layout == "old snapshot":
        path.write_bytes(OLD_SNAPSHOT_MAGIC + b"4\n" + payload)
    else:  # a real store whose JSON columns hold the pickle instead
        tiny_graph.save(path)
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'stats'", (payload,))
            conn.execute("UPDATE document_data SET mentions = ?", (payload,))
    with pytest.raises(StoreError):
        graph = ConceptGraph.load(path)
        graph.mentions("cycle")
    assert pickle.loads(payload) and marker.exists()  # the payload does run when unpickled
    marker.unlink()
    for command in (["stats", "--graph", str(path)], ["gaps", "--graph", str(path)],
                    ["export", "--format", "jsonld", "--graph", str(path),
                     "--out", str(tmp_path / "x.jsonld")],
                    ["query", "{ stats { articles } }", "--graph", str(path)],
                    ["serve", "--graph", str(path), "--port", "0"]):
        done = CliRunner().invoke(main, command)
        assert done.exit_code == 1, done.output
        assert "Error" in done.output
    # a running server reloading it keeps its graph
    holder = GraphHolder(tiny_graph, ResponseCache(100, 1_000_000), path)
    assert holder.reload() is False and holder.current is tiny_graph
    assert not marker.exists()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("# Shame\n\nShame hides.\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["build", str(corpus), "--out", str(path)])
    assert done.exit_code == 0 and "building from scratch" in done.output
    assert ConceptGraph.load(path).stats().articles == 1 and not marker.exists()


def test_a_terminated_build_leaves_the_old_store_and_no_temporary_file(tiny_graph, tmp_path):
    """SIGTERM (a service manager stopping it, a timeout) cleans up like an error does."""
    path = tmp_path / "g.graph"
    tiny_graph.save(path)
    before = path.read_bytes()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(300):
        (corpus / f"n{i}.md").write_text(f"# Note {i}\n\nAnxious attachment and shame.\n",
                                         encoding="utf-8")
    build = subprocess.Popen([str(Path(sys.executable).parent / "contentgraph"), "build",
                              str(corpus), "--out", str(path), "--scheduler", "synchronous"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".g.graph.*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert list(tmp_path.glob(".g.graph.*.tmp")), "the build never started writing"
        build.send_signal(signal.SIGTERM)
        assert build.wait(timeout=60) == 128 + signal.SIGTERM
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "g.graph"]


def test_a_truncated_store_is_refused(tiny_graph, tmp_path):
    path = tmp_path / "g.graph"
    tiny_graph.save(path)
    path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2])
    with pytest.raises(StoreError, match="truncated .* rebuild it"):
        ConceptGraph.load(path)


@pytest.mark.parametrize("version, message", [
    (FORMAT_VERSION + 1, "newer than this contentgraph reads .*upgrade contentgraph"),
    (FORMAT_VERSION - 1, "older than this contentgraph reads .*rebuild it"),
])
def test_another_format_version_is_refused(tiny_graph, tmp_path, version, message):
    path = tmp_path / "g.graph"
    tiny_graph.save(path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {version}")
    with pytest.raises(StoreError, match=message):
        ConceptGraph.load(path)


@pytest.mark.parametrize("content, message", [
    (b"hello world", "not a contentgraph graph store"),
    (b"", "not a contentgraph graph store"),
])
def test_other_files_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.graph"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        ConceptGraph.load(path)


def test_another_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="SQLite database, but not a contentgraph graph store"):
        ConceptGraph.load(path)
    with sqlite3.connect(path) as conn:  # marked as a store, but not one
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
    with pytest.raises(StoreError, match="lacks the table"):
        ConceptGraph.load(path)


def test_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no such graph store"):
        ConceptGraph.load(tmp_path / "absent.graph")


def test_the_answers_kept_in_memory_stay_within_their_bound(example_store):
    bound = 200_000
    graph = ConceptGraph.load(example_store, cache_bytes=bound)
    for kind in ("article", "question", "answer"):
        for doc in graph.documents(kind=kind):
            graph.related_documents(doc.slug)
            for dc in graph.document_concepts(doc.slug):
                graph.mention_passages(doc.slug, dc.concept)
    for concept in graph.concepts():
        graph.related_concepts(concept.slug)
        graph.concept_documents(concept.slug, n=10)
    assert 0 < graph._cache.bytes <= bound
    assert graph.related_concepts("pursuer") == ConceptGraph.load(example_store).related_concepts(
        "pursuer")


def test_pages_asked_again_are_answered_from_memory(example_store, monkeypatch):
    """The heaviest pages (every concept's passages and their articles) read the store once;
    asked again, they read nothing (what they keep fits a small budget: no whole documents),
    and a concept's passages are those of its documents."""
    graph = ConceptGraph.load(example_store, cache_bytes=1_000_000)
    concepts = [c.slug for c in graph.concepts() if graph.article_count(c.slug)]

    def page(slug):
        found = graph.passages(slug, n=48)
        return found, [(graph.summary(p.document).title, graph.word_count(p.document))
                       for p in found]

    first = {slug: page(slug) for slug in concepts}
    reads = []
    monkeypatch.setattr(graph._store, "rows", lambda *a: reads.append(a) or [])
    assert {slug: page(slug) for slug in concepts} == first and reads == []
    monkeypatch.undo()
    slug = max(concepts, key=graph.article_count)
    passages = first[slug][0]
    assert passages and all(slug in [m.concept for m in graph.mentions(p.document)
                                     if p.start <= m.start < p.end] for p in passages)
    assert [p.document for p in passages][:1] == [graph.concept_documents(slug, n=1)[0].document]


def test_relation_kind_counts_read_no_evidence(example_store):
    """The cost bound of a subgraph's edges counts each concept's relation kinds: the same totals
    as its related concepts give, with nothing kept in memory."""
    graph = ConceptGraph.load(example_store)
    counts = sorted(graph.relation_kind_counts(), reverse=True)
    assert graph._cache.bytes == 0
    expected = sorted((sum(len(r.relations) for r in graph.related_concepts(
        c.slug, n=len(graph.taxonomy))) for c in graph.concepts()), reverse=True)
    assert counts == [n for n in expected if n]


def test_a_store_of_the_format_before_is_built_again_from_scratch(tmp_path):
    """Format 6 kept each mention's concept slug and each evidence sentence's text: it
    is refused, and the next build says so and starts over."""
    from contentgraph.examples import corpus_path

    source = corpus_path() / "four-horsemen.md"
    store = tmp_path / "old.graph"
    assert CliRunner().invoke(main, ["build", str(source), "--out", str(store)]).exit_code == 0
    with sqlite3.connect(store) as conn:  # as format 6 laid the mentions out
        conn.execute("""UPDATE document_data SET mentions = (
            SELECT json_group_array(json_set(m.value, '$[0]', c.slug))
            FROM json_each(document_data.mentions) m
                 JOIN concepts c ON c.position = json_extract(m.value, '$[0]'))""")
        conn.execute("PRAGMA user_version = 6")
    with pytest.raises(StoreError, match="format 6 is older .*rebuild it with `contentgraph"):
        ConceptGraph.load(store)
    done = CliRunner().invoke(main, ["build", str(source), "--out", str(store)])
    assert done.exit_code == 0 and "building from scratch" in done.output
    rebuilt = ConceptGraph.load(store)
    assert any(m.concept == "stonewalling" for m in rebuilt.mentions("four-horsemen"))
