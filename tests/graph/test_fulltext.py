"""Search people can use: titles and text of articles, questions and answers, ranked, concept
names first, fuzzy matches only when nothing matches, and kept right by incremental builds."""

from __future__ import annotations

import shutil

import pytest

from contentgraph.graph.build import build


def documents(hits):
    return [h.slug for h in hits if h.kind == "document"]


def test_a_phrase_only_in_an_articles_body_finds_the_article(practice_graph):
    # a phrase of the body, not of any title: "anxious attachment" is in a seed article's text
    # and in no title of the seeds or of counsel-chat's questions
    graph = practice_graph
    titles = [d.title.lower() for kind in ("article", "question") for d in graph.documents(kind=kind)]
    assert titles and not any("anxious attachment" in title for title in titles)
    found = [d for d in graph.documents() if "anxious attachment" in d.text.lower()]
    assert found, "a seed article discusses anxious attachment"
    total, hits = graph.search_documents("anxious attachment")
    assert total >= 1 and {d.slug for d in found} <= {h.slug for h in hits}
    assert all("\ue000" in h.snippet for h in hits)  # the matched words, marked


def test_a_misspelling_finds_what_the_word_finds_and_noise_finds_nothing(practice_graph):
    right = practice_graph.search_documents("attachment")[0]
    assert right and practice_graph.search_documents("attachmnet")[0] == right
    assert practice_graph.search_documents("xqzv") == (0, [])  # not "x" in "X factor"


def test_titles_count_more_than_text_and_all_words_must_be_there(example_graph):
    total, hits = example_graph.search_documents("roommate syndrome")
    assert hits[0].slug == "roommate-syndrome"  # in its title
    for hit in hits:
        text = example_graph.document(hit.slug).title + " " + example_graph.document(hit.slug).text
        assert "roommate" in text.lower() and "syndrom" in text.lower()


def test_concept_names_come_first_then_documents(example_graph):
    total, hits = example_graph.search("anxious attachment", n=10)
    assert total >= len(hits) and hits[0].kind == "concept" and hits[0].slug == "anxious-attachment"
    kinds = [h.kind for h in hits]
    assert kinds == sorted(kinds, key=lambda k: k != "concept") and "document" in kinds


def test_fuzzy_matches_only_when_nothing_matches(example_graph):
    exact = example_graph.search("silent treatment", n=20)[1]
    assert not any(h.kind == "concept" and h.slug == "parental-consent" for h in exact)
    assert all(h.score >= 0.6 for h in exact if h.kind == "concept")  # no fuzzy concept
    misspelled = example_graph.search("stonewaling", n=5)[1]
    assert misspelled and misspelled[0].slug == "stonewalling"
    total, hits = example_graph.search_documents("anxius atachment")
    assert total and all("\ue000" in h.snippet for h in hits)  # spelled as the documents do
    assert example_graph.search_documents("anxius atachment", fuzzy=False) == (0, [])
    assert example_graph.search("zzqxv wvvq") == (0, [])


@pytest.mark.parametrize("text", ['anxious" OR *', "NEAR(a b)", "title:x", "^", "a" * 200,
                                  "(((", "'; DROP TABLE documents; --"])
def test_any_text_is_a_search_never_an_error(example_graph, text):
    total, hits = example_graph.search_documents(text)
    assert total >= 0 and len(hits) <= 20


def test_search_pages_through_concepts_then_documents(example_graph):
    total, everything = example_graph.search("partner", n=100)
    assert total == len(everything) > 6
    pages = [example_graph.search("partner", n=3, start=start)[1]
             for start in range(0, total, 3)]
    assert [h for page in pages for h in page] == everything


def test_search_narrows_by_kind_concept_and_author(example_graph):
    total, questions = example_graph.search_documents("partner", kind="question")
    assert total and {example_graph.document(h.slug).kind for h in questions} == {"question"}
    total, about = example_graph.search_documents("partner", kind="article",
                                                  concept="pursue-withdraw-cycle")
    assert total and all("pursue-withdraw-cycle" in {dc.concept for dc in
                                                     example_graph.document_concepts(h.slug)}
                         for h in about)


def test_the_index_follows_incremental_builds(tmp_path):
    from contentgraph.examples import corpus_path

    folder = tmp_path / "posts"
    folder.mkdir()
    for name in ("four-horsemen.md", "setting-boundaries.md"):
        shutil.copy(corpus_path() / name, folder / name)
    store = tmp_path / "practice.graph"
    first = build([folder], out=store, scheduler="synchronous").graph
    assert first.search_documents("stonewalling")[0]
    (folder / "four-horsemen.md").unlink()
    (folder / "setting-boundaries.md").write_text(
        "---\ntitle: Quiet evenings\n---\nA zebrafinch ritual for quiet evenings.\n",
        encoding="utf-8")
    second = build([folder], out=store, previous=first, scheduler="synchronous",
                   check=None).graph
    assert second.search_documents("stonewalling") == (0, [])
    assert second.search_documents("boundaries")[0] == 0
    assert [h.slug for h in second.search_documents("zebrafinch")[1]] == ["setting-boundaries"]



def test_every_document_is_indexed_once_when_a_build_writes_in_many_batches(tmp_path):
    """A build writes (and indexes) its documents a few hundred at a time: every one is found,
    and FTS5's own check finds the index and the documents in agreement."""
    import sqlite3

    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(700):
        (folder / f"note-{i:03}.md").write_text(
            f"---\ntitle: Evening note {i}\n---\nA quiet evening, word{i}x, and a walk.\n",
            encoding="utf-8")
    graph = build([folder], out=tmp_path / "notes.graph", scheduler="synchronous").graph
    assert [graph.search_documents(f"word{i}x")[0] for i in (0, 511, 512, 699)] == [1, 1, 1, 1]
    with sqlite3.connect(graph.store_path) as conn:
        conn.execute("INSERT INTO document_search(document_search, rank) "
                     "VALUES ('integrity-check', 1)")  # raises when they disagree
        assert conn.execute("SELECT count(*) FROM document_search_docsize").fetchone()[0] == 700


@pytest.mark.parametrize("filters", [
    {"kind": "article"}, {"kind": "answer"}, {"concept": "pursuer"},
    {"kind": "article", "concept": "withdrawer"}])
def test_a_narrowed_search_keeps_the_matches_that_pass_the_filters_in_order(example_graph,
                                                                           filters):
    total, everything = example_graph.search_documents("partner", 0, 100, fuzzy=False)
    assert total == len(everything) > 5

    def passes(slug: str) -> bool:
        doc = example_graph.document(slug)
        concepts = {dc.concept for dc in example_graph.document_concepts(slug)}
        return (filters.get("kind", doc.kind) == doc.kind
                and filters.get("concept", next(iter(concepts), None)) in concepts)

    kept = [h.slug for h in everything if passes(h.slug)]
    narrowed_total, narrowed = example_graph.search_documents("partner", 0, 100, fuzzy=False,
                                                              **filters)
    assert kept and narrowed_total == len(kept)
    assert [h.slug for h in narrowed] == kept
