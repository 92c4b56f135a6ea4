"""`contentgraph build` end to end through the CLI."""

from __future__ import annotations

from click.testing import CliRunner

from contentgraph.cli import main
from contentgraph.graph.facade import ConceptGraph

ARTICLE = "---\ntitle: {title}\n---\n\n# {title}\n\nAnxious attachment can lead to reassurance " \
          "seeking. Anxious attachment and reassurance come up together.\n"


def test_build_then_rebuild_incrementally(tmp_path):
    src = tmp_path / "posts"
    src.mkdir()
    for name in ("one", "two"):
        (src / f"{name}.md").write_text(ARTICLE.format(title=name.title()), encoding="utf-8")
    out = tmp_path / "g.graph"
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(src), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "added 2, changed 0, removed 0, unchanged 0" in first.output
    assert ConceptGraph.load(out).document("one") is not None

    (src / "two.md").unlink()
    second = runner.invoke(main, ["build", str(src), "--out", str(out)])
    assert second.exit_code == 0, second.output
    assert "added 0, changed 0, removed 1, unchanged 1" in second.output
    assert ConceptGraph.load(out).document("two") is None

    full = runner.invoke(main, ["build", str(src), "--out", str(out), "--full"])
    assert "added 1, changed 0, removed 0, unchanged 0" in full.output


def test_bad_taxonomy_is_a_clear_cli_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("concepts: [{slug: x}]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--taxonomy", str(bad),
                                       "--out", str(tmp_path / "g.graph")])
    assert result.exit_code == 1
    assert "bad.yaml" in result.output
