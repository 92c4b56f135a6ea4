"""Slugs across the files of a build: an explicit duplicate is an error, a derived one is numbered."""

from __future__ import annotations

from click.testing import CliRunner

from contentgraph.cli import main
from contentgraph.graph.build import build
from contentgraph.graph.facade import ConceptGraph


def page(folder, name, title, slug=None):
    """A Markdown article; ``slug`` sets the front matter slug (explicit), else it is derived."""
    folder.mkdir(parents=True, exist_ok=True)
    front = f"title: {title}\n" + (f"slug: {slug}\n" if slug else "")
    path = folder / name
    path.write_text(f"---\n{front}---\n\n# {title}\n\nStonewalling can lead to loneliness.\n",
                    encoding="utf-8")
    return path


def test_duplicate_explicit_slug_is_an_error_naming_both_files(tmp_path):
    first = page(tmp_path / "a", "first.md", "First words", slug="our-story")
    second = page(tmp_path / "b", "second.md", "Second words", slug="our-story")
    page(tmp_path / "b", "third.md", "Third words")
    report = build([tmp_path])
    graph = report.graph
    assert graph.document("our-story").title == "First words"
    assert sorted(d.slug for d in graph.documents()) == ["our-story", "third"]
    [error] = report.errors
    assert error.path == str(second)
    assert "duplicate slug 'our-story'" in error.reason and str(first) in error.reason


def test_duplicate_derived_slugs_are_numbered(tmp_path):
    page(tmp_path / "a", "notes.md", "Notes one")
    page(tmp_path / "b", "notes.md", "Notes two")
    page(tmp_path / "c", "notes.md", "Notes three")
    report = build([tmp_path])
    assert report.errors == []
    titles = {d.slug: d.title for d in report.graph.documents()}
    assert titles == {"notes": "Notes one", "notes-2": "Notes two", "notes-3": "Notes three"}


def test_explicit_slug_taken_by_a_derived_one_is_an_error(tmp_path):
    page(tmp_path / "a", "calm.md", "Calm")
    page(tmp_path / "b", "later.md", "Later", slug="calm")
    report = build([tmp_path])
    assert [d.title for d in report.graph.documents()] == ["Calm"]
    assert "duplicate slug 'calm'" in str(report.errors[0])


def test_incremental_build_keeps_the_first_owner_of_an_explicit_slug(tmp_path):
    page(tmp_path / "a", "first.md", "First words", slug="our-story")
    before = build([tmp_path]).graph
    second = page(tmp_path / "b", "second.md", "Second words", slug="our-story")
    report = build([tmp_path], previous=before)
    assert report.graph.document("our-story").title == "First words"
    assert [e.path for e in report.errors] == [str(second)]
    assert report.unchanged == 1


def test_cli_build_reports_the_duplicate_and_saves_the_rest(tmp_path):
    page(tmp_path / "src" / "a", "first.md", "First words", slug="our-story")
    page(tmp_path / "src" / "b", "second.md", "Second words", slug="our-story")
    out = tmp_path / "g.graph"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "src"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "duplicate slug 'our-story'" in result.output
    assert "second.md" in result.output and "first.md" in result.output
    assert [d.title for d in ConceptGraph.load(out).documents()] == ["First words"]
