"""A build never empties a live graph by mistake: each refusal exits with 1 and leaves the
graph store byte for byte (and its modification time) as it was."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from contentgraph.cli import main
from contentgraph.graph.facade import ConceptGraph

ARTICLE = "---\ntitle: {title}\n---\n\n# {title}\n\nThe pursuer asks for reassurance and the " \
          "withdrawer goes quiet.\n"


def build(*args: str):
    return CliRunner().invoke(main, ["build", *args])


@pytest.fixture
def live(tmp_path):
    """A folder of three articles and the live graph store built from it."""
    posts = tmp_path / "posts"
    posts.mkdir()
    for name in ("one", "two", "three"):
        (posts / f"{name}.md").write_text(ARTICLE.format(title=name.title()), encoding="utf-8")
    out = tmp_path / "live.graph"
    assert build(str(posts), "--out", str(out)).exit_code == 0
    return tmp_path, out


def unchanged(out, before: tuple[bytes, int]) -> bool:
    return (out.read_bytes(), os.stat(out).st_mtime_ns) == before


@pytest.mark.parametrize("source, reason", [
    ("posts/typo", "posts/typo: no such file or folder"),
    ("missing.md", "missing.md: no such file or folder"),
    ("posts/*.rst", "posts/*.rst: the pattern matches no supported file"),
    ("notes.pdf", "notes.pdf: unsupported file type '.pdf'"),
    ("empty", "the build loaded no document (pass --allow-empty to write an empty graph)"),
])
def test_a_mistaken_source_is_refused_and_the_store_kept(live, monkeypatch, source, reason):
    folder, out = live
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    (folder / "empty").mkdir()
    monkeypatch.chdir(folder)
    before = (out.read_bytes(), os.stat(out).st_mtime_ns)
    result = build(source, "--out", str(out))
    assert result.exit_code == 1
    assert reason in result.output and f"nothing was written, {out} is as it was" in result.output
    assert unchanged(out, before)


def test_a_mistaken_source_among_good_ones_is_refused_too(live):
    folder, out = live
    before = (out.read_bytes(), os.stat(out).st_mtime_ns)
    result = build(str(folder / "posts"), str(folder / "typo"), "--out", str(out))
    assert result.exit_code == 1 and "typo: no such file or folder" in result.output
    assert unchanged(out, before)


def test_a_build_removing_most_documents_asks_for_prune(live):
    folder, out = live
    before = (out.read_bytes(), os.stat(out).st_mtime_ns)
    one = str(folder / "posts" / "one.md")
    result = build(one, "--out", str(out))
    assert result.exit_code == 1
    assert "the build would remove 2 of the 3 documents" in result.output
    assert "--prune" in result.output and unchanged(out, before)
    full = build(one, "--out", str(out), "--full")
    assert full.exit_code == 1 and unchanged(out, before)
    pruned = build(one, "--out", str(out), "--prune")
    assert pruned.exit_code == 0, pruned.output
    assert ConceptGraph.load(out).document("two") is None


def test_allow_empty_writes_an_empty_graph_on_purpose(tmp_path):
    (tmp_path / "empty").mkdir()
    out = tmp_path / "new.graph"
    assert build(str(tmp_path / "empty"), "--out", str(out)).exit_code == 1
    assert not out.exists()
    result = build(str(tmp_path / "empty"), str(tmp_path / "empty" / "*.md"), "--out", str(out),
                   "--allow-empty")
    assert result.exit_code == 0, result.output
    assert ConceptGraph.load(out).stats().articles == 0


def test_a_file_that_fails_to_load_is_reported_and_the_rest_built(live):
    folder, out = live
    (folder / "posts" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n",
                                                encoding="utf-8")
    result = build(str(folder / "posts"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "broken.md" in result.output and "added 1" in result.output
