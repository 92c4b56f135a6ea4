"""The build pipeline: real loaders and extraction on small files, incremental rebuilds."""

from __future__ import annotations

import pytest

from contentgraph.graph.build import build
from contentgraph.graph.facade import ConceptGraph

ARTICLE = """---
title: {title}
url: https://practice.test/{slug}
author: Dana Reyes
date: 2026-0{month}-01
---

# {title}

## How the cycle works

{body}
"""
BODIES = {
    "cycle": "Anxious attachment can lead to the pursue-withdraw cycle. The pursuer asks for "
             "reassurance and the withdrawer shuts down. Anxious attachment and reassurance often "
             "come up together when partners feel far apart.",
    "refusal": "The pursue-withdraw cycle can lead to therapy refusal. Therapy refusal does not "
               "automatically mean a lack of care. Couples therapy helps with recurring conflict.",
    "repair": "Relationship repair takes time. Emotional safety grows when both partners slow "
              "down, and accountability matters more than being right.",
}


def write(folder, slug, body, month=1):
    path = folder / f"{slug}.md"
    path.write_text(ARTICLE.format(title=f"On {slug}", slug=slug, body=body, month=month),
                    encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, (slug, body) in enumerate(BODIES.items(), 1):
        write(folder, slug, body, i)
    return folder


def test_build_makes_documents_concepts_and_relations(corpus):
    report = build([corpus])
    graph = report.graph
    assert len(report.added) == 3 and not report.changed and not report.removed
    assert report.errors == [] and report.extracted == 3
    assert {d.slug for d in graph.documents()} >= {"cycle", "refusal", "repair"}
    assert graph.graph.nodes["doc:cycle"]["author"] == "Dana Reyes"
    assert graph.graph.has_edge("author:dana-reyes", "doc:cycle", "WROTE")
    assert any(k == "MENTIONS" for _, _, k in graph.graph.out_edges("doc:cycle", keys=True))
    texts = {p.text for _, _, d in graph.graph.edges(data=True) for p in d.get("evidence", ())}
    assert texts and not any("does not automatically mean" in t for t in texts)


def test_unchanged_files_are_not_extracted_again(corpus):
    first = build([corpus])
    write(corpus, "repair", BODIES["repair"] + " Trust is rebuilt slowly.", 3)
    second = build([corpus], previous=first.graph)
    assert second.changed == [str((corpus / "repair.md").resolve())]
    assert second.unchanged == 2 and second.extracted == 1 and not second.added
    assert "slowly" in second.graph.document("repair").text
    assert second.graph.document("cycle") == first.graph.document("cycle")
    assert second.graph.build_id != first.graph.build_id  # its answers are not the first's


def test_a_rebuild_with_nothing_changed_keeps_the_previous_graph(corpus):
    (corpus / "broken.md").write_bytes(b"")
    first = build([corpus])
    again = build([corpus], previous=first.graph)
    assert again.graph is first.graph and again.graph.built_at == first.graph.built_at
    assert again.unchanged == 4 and again.extracted == 0
    assert not (again.added or again.changed or again.removed)
    assert any("broken.md" in str(e) for e in again.errors)


def test_incremental_build_from_a_store(corpus, tmp_path):
    store = tmp_path / "g.graph"
    build([corpus]).graph.save(store)
    write(corpus, "extra", "Emotional safety and accountability help relationship repair.", 4)
    report = build([corpus], previous=ConceptGraph.load(store))
    assert [p.rsplit("/", 1)[-1] for p in report.added] == ["extra.md"]
    assert report.unchanged == 3 and report.extracted == 1
    assert report.graph.document("extra") is not None


def test_removed_files_disappear(corpus):
    first = build([corpus])
    (corpus / "refusal.md").unlink()
    second = build([corpus], previous=first.graph)
    assert second.removed == [str((corpus / "refusal.md").resolve())]
    assert second.graph.document("refusal") is None
    assert "doc:refusal" not in second.graph.graph


def test_taxonomy_change_re_extracts_everything(corpus, tmp_path):
    first = build([corpus])
    extra = tmp_path / "extra.yaml"
    extra.write_text("concepts:\n  - slug: far-apart\n    label: feeling far apart\n"
                     "    kind: EMOTION\n    definition: Partners feel distant.\n",
                     encoding="utf-8")
    second = build([corpus], taxonomy_files=[extra], previous=first.graph)
    assert second.unchanged == 3 and second.extracted == 3
    assert second.graph.concept("far-apart") is not None


def test_bad_sources_are_reported_not_fatal(corpus):
    (corpus / "broken.md").write_bytes(b"")
    report = build([corpus, corpus / "missing.md"])
    assert len(report.graph.documents()) == 3
    reasons = " ".join(str(e) for e in report.errors)
    assert "broken.md" in reasons and "missing.md" in reasons


def test_nodes_and_edges_carry_the_contract_attributes(corpus):
    stages = set()
    graph = build([corpus], progress=lambda stage, done, total: stages.add(stage)).graph.graph
    assert stages == {"read", "score", "related"}
    concept = graph.nodes["concept:pursuer"]
    assert concept["type"] == "concept" and concept["kind"] == "CYCLE_ROLE"
    assert {"label", "definition", "alt_labels", "sensitive", "broader"} <= set(concept)
    doc = graph.nodes["doc:cycle"]
    assert doc["type"] == "article" and doc["title"] == "On cycle"
    assert {"label", "url", "author", "published", "word_count", "tags"} <= set(doc)
    assert graph.nodes["author:dana-reyes"] == {"type": "author", "label": "Dana Reyes"}
    mentions = [d for _, _, k, d in graph.out_edges("doc:cycle", keys=True, data=True)
                if k == "MENTIONS"]
    assert mentions and all({"count", "weight", "central"} <= set(d) for d in mentions)
    for u, v, k, d in graph.edges(keys=True, data=True):
        if u.startswith("concept:") and v.startswith("concept:"):
            assert d["relation"] == k and 0 <= d["weight"] <= 1
            assert isinstance(d["evidence"], list) and len(d["evidence"]) <= 20
