"""Candidate terms across incremental builds: the same list as building everything afresh."""

from __future__ import annotations

from contentgraph.graph.build import build
from contentgraph.graph.facade import ConceptGraph

TEXT = """# {title}

Partners who keep a shared calendar argue less about chores. {extra}

A weekly check-in and a shared calendar make room for small talk.
"""


def write(folder, name, extra=""):
    (folder / f"{name}.md").write_text(TEXT.format(title=name.title(), extra=extra),
                                       encoding="utf-8")


def test_incremental_candidates_equal_a_full_build(tmp_path):
    folder = tmp_path / "posts"
    folder.mkdir()
    for name in ("one", "two", "three"):
        write(folder, name)
    store = tmp_path / "g.graph"
    build([folder]).graph.save(store)
    write(folder, "two", "Evening walks and a weekly check-in help.")
    write(folder, "four", "Evening walks matter.")
    (folder / "one.md").unlink()
    again = build([folder], previous=ConceptGraph.load(store))
    assert again.extracted == 2 and again.unchanged == 1
    fresh = build([folder])
    terms = again.graph.gaps().candidate_terms
    assert terms == fresh.graph.gaps().candidate_terms
    shown = {t.phrase: t for t in terms}
    assert shown["shared calendar"].document_count == 3
    assert set(shown["evening walks"].examples) == {"Evening walks and a weekly check-in help.",
                                                    "Evening walks matter."}
