"""Builds on Dask: a LocalCluster, and a scheduler and worker started as their own processes on
loopback, each make the same graph store as a build in one process."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from contentgraph.examples import corpus_path
from contentgraph.graph.build import build

pytest.importorskip("distributed")
DASK = Path(sys.executable).parent / "dask"
TABLES = {  # what must be equal, documents named by slug (ids may differ between builds)
    "documents": "SELECT d.slug, d.kind, d.title, d.parent, d.position, f.path, d.list_rank "
                 "FROM documents d JOIN files f ON f.id = d.file ORDER BY d.slug",
    "document_data": "SELECT d.slug, x.blocks, x.mentions, x.cues, x.phrases, x.text "
                     "FROM document_data x JOIN documents d ON d.id = x.document ORDER BY d.slug",
    "document_concepts": "SELECT d.slug, c.rank, c.concept, c.count, c.weight, c.central, "
                         "c.concept_rank FROM document_concepts c JOIN documents d "
                         "ON d.id = c.document ORDER BY 1, 2",
    "related_documents": "SELECT d.slug, r.rank, o.slug, r.score FROM related_documents r "
                         "JOIN documents d ON d.id = r.document JOIN documents o ON o.id = r.other "
                         "ORDER BY 1, 2",
    "relations": "SELECT * FROM relations ORDER BY 1, 2, 3",
    "related_concepts": "SELECT * FROM related_concepts ORDER BY 1, 2",
    "concepts": "SELECT * FROM concepts ORDER BY slug",
    "candidate_terms": "SELECT * FROM candidate_terms ORDER BY rank",
    "missing_links": "SELECT * FROM missing_links ORDER BY rank",
    "unanswered_questions": "SELECT * FROM unanswered_questions ORDER BY rank",
    "files": "SELECT path, hash, position, errors FROM files ORDER BY path",
}


def contents(path: Path) -> dict:
    with sqlite3.connect(path) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    """The example corpus and 48 more pages, two folders of files with the same names (so
    slugs are claimed across tasks: ``notes/x.md`` and ``more/x.md`` cannot both be ``x``)."""
    folder = tmp_path_factory.mktemp("dask-sources")
    shutil.copytree(corpus_path(), folder / "corpus")
    paragraphs = [p.strip() for doc in sorted((folder / "corpus").glob("*.md"))
                  for p in doc.read_text(encoding="utf-8").split("\n\n")[3:]
                  if len(p.strip()) > 80 and not p.startswith(("#", "-", "---"))]
    for part in ("notes", "more"):
        (folder / part).mkdir()
        for i in range(24):
            body = "\n\n".join(paragraphs[(i * 3 + k) % len(paragraphs)] for k in range(4))
            (folder / part / f"note-{i:02d}.md").write_text(
                f"---\ntitle: Note {i} in {part}\n---\n\n# Note {i}\n\n{body}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def one_process(sources, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("one") / "g.graph"
    build([sources], out=out, scheduler="synchronous")
    return contents(out)


def test_a_local_cluster_builds_the_same_graph(sources, one_process, tmp_path):
    out = tmp_path / "g.graph"
    stages = set()
    report = build([sources], out=out, scheduler="local",
                   progress=lambda stage, done, total: stages.add(stage))
    assert stages == {"read", "score", "related"}
    assert report.extracted == 90 and not report.errors
    found = contents(out)
    assert {name: len(rows) for name, rows in found.items()} == \
        {name: len(rows) for name, rows in one_process.items()}
    for name in TABLES:
        assert found[name] == one_process[name], name
    slugs = {row[0] for row in found["documents"]}
    assert {"note-00", "note-00-2"} <= slugs  # claimed in file order, whatever finished first


def test_a_cluster_starts_the_first_items_as_map_is_called(tmp_path):
    """The build ranks each concept's documents while its first related-documents tasks run:
    they must be running before it asks for their results."""
    from contentgraph.graph.cluster import runner

    paths = [tmp_path / f"item-{i}" for i in range(3)]
    with runner("local", 0) as run:
        results = run.map(Path.touch, paths)
        deadline = time.monotonic() + 60
        while not all(p.exists() for p in paths) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(p.exists() for p in paths)
        assert list(results) == [None, None, None]


@pytest.fixture
def cluster(tmp_path, sources):
    """A ``dask scheduler`` and a ``dask worker`` (two processes) on 127.0.0.1; the worker
    cannot open the sources, so what it reads must come from the client."""
    preload = tmp_path / "no_source_access.py"
    preload.write_text(textwrap.dedent(f"""
        import builtins, io, os
        FORBIDDEN = {str(sources)!r}
        _open = getattr(builtins.open, "__wrapped__", builtins.open)  # loaded more than once
        def guarded(file, *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and os.fspath(file).startswith(FORBIDDEN):
                raise PermissionError(f"this worker may not read {{file}}")
            return _open(file, *args, **kwargs)
        guarded.__wrapped__ = _open
        builtins.open = io.open = guarded
    """), encoding="utf-8")
    info = tmp_path / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    processes = [subprocess.Popen(
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(info)], cwd=tmp_path, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert info.exists(), "the scheduler did not start"
        time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        processes.append(subprocess.Popen(
            [str(DASK), "worker", address, "--nworkers", "1", "--nthreads", "1",
             "--no-dashboard", "--host", "127.0.0.1", "--preload", str(preload),
             "--local-directory", str(tmp_path / "worker")], cwd=tmp_path, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_a_scheduler_and_worker_on_loopback_build_the_same_graph(sources, one_process, cluster,
                                                                 tmp_path):
    from distributed import Client

    with Client(cluster, set_as_default=False) as client:  # the worker cannot read the sources
        with pytest.raises(PermissionError):
            client.submit(Path.read_bytes, next(sources.rglob("*.md"))).result()
    out = tmp_path / "g.graph"
    report = build([sources], out=out, scheduler=cluster)
    assert not report.errors, report.errors
    found = contents(out)
    for name in TABLES:
        assert found[name] == one_process[name], name


def test_an_unreachable_scheduler_is_a_clear_error(sources, tmp_path):
    from contentgraph.errors import BuildError

    with pytest.raises(BuildError, match="cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"):
        build([sources], out=tmp_path / "g.graph", scheduler="tcp://127.0.0.1:9")
    assert list(tmp_path.iterdir()) == []  # nothing written, nothing left behind
