"""What a content team and a front-end read from the API: what to write next, candidate terms
with their kind and examples, missing links with their sentence, reader questions by concept,
answers by question, sensitive topics and tags (on the example corpus)."""

from __future__ import annotations

import pytest

from contentgraph.schema.execute import execute


@pytest.fixture(scope="module")
def ask(example_graph):
    def run(query, **variables):
        result = execute(example_graph, query, variables or None)
        assert "errors" not in result, result["errors"]
        return result["data"]
    return run


WRITE_NEXT = """query($gap: GapKind, $kind: ConceptKind, $after: String) {
  gaps { writeNext(gap: $gap, kind: $kind, first: 5, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { concept { slug kind } gap score reason questionCount views upvotes
                   articleCount centralCount importance
                   examples(first: 2) { slug kind } nearestArticles(first: 2) { slug kind } } } } }
}"""


def test_write_next_is_one_ranked_connection_with_reasons(ask, example_graph):
    page = ask(WRITE_NEXT)["gaps"]["writeNext"]
    nodes = [e["node"] for e in page["edges"]]
    assert page["totalCount"] == len(example_graph.write_next())
    assert [n["concept"]["slug"] for n in nodes] == [
        w.concept for w in example_graph.write_next()[:5]]
    assert [n["score"] for n in nodes] == sorted((n["score"] for n in nodes), reverse=True)
    top = nodes[0]
    assert top["reason"].startswith(f"{top['questionCount']} reader question")
    assert f"{top['views']:,} views" in top["reason"]
    assert all(e["kind"] == "question" for e in top["examples"])
    assert all(a["kind"] == "article" for a in top["nearestArticles"])
    following = ask(WRITE_NEXT, after=page["pageInfo"]["endCursor"])["gaps"]["writeNext"]
    assert following["edges"][0]["node"]["concept"]["slug"] == \
        example_graph.write_next()[5].concept


def test_write_next_filters_by_gap_and_by_concept_kind(ask):
    uncovered = ask(WRITE_NEXT, gap="UNCOVERED")["gaps"]["writeNext"]["edges"]
    assert uncovered and all(e["node"]["gap"] == "UNCOVERED" and e["node"]["articleCount"] == 0
                             for e in uncovered)
    emotions = ask(WRITE_NEXT, kind="EMOTION")["gaps"]["writeNext"]["edges"]
    assert emotions and all(e["node"]["concept"]["kind"] == "EMOTION" for e in emotions)


def test_candidate_terms_carry_their_kind_score_variants_and_examples(ask, example_graph):
    terms = ask("{ gaps { candidateTerms(first: 10) { phrase count articleCount score kind "
                "variants examples(first: 1) } } }")["gaps"]["candidateTerms"]
    expected = example_graph.gaps().candidate_terms[:10]
    assert [t["phrase"] for t in terms] == [t.phrase for t in expected]
    assert [t["score"] for t in terms] == [t.score for t in expected]
    assert [t["variants"] for t in terms] == [list(t.variants) for t in expected]
    assert [t["kind"] for t in terms] == [t.kind for t in expected]
    assert all(len(t["examples"]) == 1 and t["phrase"].split()[0] in t["examples"][0].lower()
               for t in terms if t["examples"])


def test_missing_links_carry_the_sentence_where_the_link_fits(ask, example_graph):
    links = ask("{ gaps { missingLinks(first: 5) { from { slug } to { slug } "
                "sentence { text start article { slug } } } } }")["gaps"]["missingLinks"]
    expected = example_graph.gaps().missing_links[:5]
    assert [link["sentence"]["text"] if link["sentence"] else None for link in links] == \
        [s.sentence.text if s.sentence else None for s in expected]
    with_sentence = [link for link in links if link["sentence"]]
    assert with_sentence
    for link in with_sentence:  # a sentence of the article that should hold the link
        assert link["sentence"]["article"]["slug"] == link["from"]["slug"]
        text = example_graph.document(link["from"]["slug"]).text
        start = link["sentence"]["start"]
        assert text[start:start + len(link["sentence"]["text"])] == link["sentence"]["text"]


def test_concepts_list_reader_questions_and_answers_beside_articles(ask, example_graph):
    slug = max(example_graph.concepts(),
               key=lambda c: example_graph.document_count(c.slug, "question")).slug
    concept = ask("""query($slug: String!) { concept(slug: $slug) {
        questionCount answerCount
        questions(first: 2) { totalCount pageInfo { hasNextPage } edges { node { kind } } }
        answers(first: 2) { totalCount edges { node { kind question { kind } } } } } }""",
                  slug=slug)["concept"]
    assert concept["questionCount"] == concept["questions"]["totalCount"] >= 2
    assert {e["node"]["kind"] for e in concept["questions"]["edges"]} == {"question"}
    assert concept["answerCount"] == concept["answers"]["totalCount"]
    assert all(e["node"]["question"]["kind"] == "question"
               for e in concept["answers"]["edges"])


def test_a_question_has_its_answers_and_related_reading(ask, example_graph):
    question = next(d for d in example_graph.documents(kind="question")
                    if len(example_graph.answers(d.slug)) >= 2)
    found = ask("""query($slug: String!) { article(slug: $slug) {
        kind tags answers(first: 1) { totalCount pageInfo { hasNextPage }
                                      edges { node { kind author question { slug } } } }
        related(first: 3) { article { kind } } } }""", slug=question.slug)["article"]
    assert found["kind"] == "question" and found["tags"] == question.tags
    answers = found["answers"]
    assert answers["totalCount"] == len(example_graph.answers(question.slug))
    assert answers["pageInfo"]["hasNextPage"]
    assert answers["edges"][0]["node"]["question"]["slug"] == question.slug
    assert found["related"] and {r["article"]["kind"] for r in found["related"]} == {"article"}


def test_lists_of_documents_carry_their_tags_and_an_answers_question(ask, example_graph):
    concept = max(example_graph.concepts(), key=lambda c: example_graph.document_count(c.slug,
                                                                                      "answer"))
    found = ask("""query($slug: String!) { concept(slug: $slug) {
        answers(first: 5) { edges { node { slug tags question { slug } } } }
        articles(first: 5) { edges { node { slug tags } } } } }""", slug=concept.slug)["concept"]
    answers = [e["node"] for e in found["answers"]["edges"]]
    assert answers and all(a["question"]["slug"] == example_graph.document(a["slug"]).parent
                           for a in answers)
    listed = answers + [e["node"] for e in found["articles"]["edges"]]
    assert all(d["tags"] == example_graph.document(d["slug"]).tags for d in listed)
    assert any(d["tags"] for d in listed)


def test_sensitive_topics_and_tags_are_in_the_api(ask):
    found = ask("""{ concept(slug: "emotional-abuse") { sensitive }
                     calm: concept(slug: "pursuer") { sensitive }
                     abuse: article(slug: "warning-signs-emotional-abuse") { sensitive }
                     cycle: article(slug: "pursue-withdraw-cycle") { sensitive tags } }""")
    assert found["concept"]["sensitive"] is True and found["calm"]["sensitive"] is False
    assert found["abuse"]["sensitive"] is True and found["cycle"]["sensitive"] is False
    assert found["cycle"]["tags"] == ["cycles", "attachment", "couples"]


def test_unanswered_questions_name_the_closest_articles(ask, example_graph):
    gaps = ask("{ gaps { unansweredQuestions(first: 3) { concept { slug } "
               "closestArticles(first: 2) { slug kind } } } }")["gaps"]["unansweredQuestions"]
    assert gaps
    for gap in gaps:
        assert [a["slug"] for a in gap["closestArticles"]] == \
            example_graph.nearest_articles(gap["concept"]["slug"], 2)
        assert {a["kind"] for a in gap["closestArticles"]} <= {"article"}


SEARCH = """query($text: String!, $after: String) {
  search(text: $text, first: 4, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { kind score concept { slug } article { slug kind } snippet highlights } } } }"""


def test_one_search_over_concepts_then_documents_with_their_matched_words(ask, example_graph):
    found = ask(SEARCH, text="anxious attachment")["search"]
    nodes = [e["node"] for e in found["edges"]]
    assert nodes[0]["kind"] == "concept" and nodes[0]["concept"]["slug"] == "anxious-attachment"
    documents = [n for n in nodes if n["kind"] == "document"]
    assert documents and {n["article"]["kind"] for n in documents} <= {"article", "question",
                                                                      "answer"}
    for node in documents:
        start, end = node["highlights"][0]
        assert node["snippet"][start:end].lower() in ("anxious attachment", "anxious",
                                                      "attachment")
    rest = ask(SEARCH, text="anxious attachment", after=found["pageInfo"]["endCursor"])["search"]
    slugs = [(n["concept"] or n["article"])["slug"] for n in nodes]
    assert not {(e["node"]["concept"] or e["node"]["article"])["slug"]
                for e in rest["edges"]} & set(slugs)
    assert found["totalCount"] == example_graph.search("anxious attachment")[0]


def test_a_search_of_nothing_finds_nothing_and_a_long_one_is_refused(example_graph):
    from contentgraph.schema.execute import execute

    assert execute(example_graph, '{ search(text: "  ") { totalCount } }')["data"] == {
        "search": {"totalCount": 0}}
    long = execute(example_graph, '{ search(text: "%s") { totalCount } }' % ("a" * 201))
    assert long["errors"][0]["message"] == "Argument 'text' is 201 characters long; the limit " \
                                           "is 200"


@pytest.mark.parametrize("filters", ["", "concept: \"pursuer\"", "search: \"partner\"",
                                     "author: \"nobody\""])
def test_lists_of_articles_read_no_documents_text(ask, monkeypatch, filters):
    from contentgraph.graph.facade import ConceptGraph

    def whole_document(self, slug):
        raise AssertionError(f"the whole of {slug} was read for a list")

    monkeypatch.setattr(ConceptGraph, "document", whole_document)
    found = ask(f"{{ articles({filters}{', ' if filters else ''}first: 5) {{ totalCount "
                "edges { node { slug title kind url author published tags wordCount } } } }")
    assert len(found["articles"]["edges"]) == min(5, found["articles"]["totalCount"])
