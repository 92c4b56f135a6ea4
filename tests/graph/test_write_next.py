"""What to write next: one list ranked by readers' demand, what is missing, and the field's
weight, with the reason in words; on hand-made coverage and on the seeds plus counsel-chat."""

from __future__ import annotations

import pytest

from contentgraph.graph.gaps import Coverage, Reach, asked, question_reach, write_next
from contentgraph.graph.results import GapKind

TYPICAL_VIEWS = 100


def cover(articles=0, central=0, questions=(), importance=0.5, reach=None):
    """The coverage of a concept whose questions are ``questions`` (slugs), each reaching
    ``reach[slug]`` readers (none by default)."""
    count, demand, views, upvotes, examples = asked(
        ((q, (reach or {}).get(q, Reach())) for q in questions), TYPICAL_VIEWS)
    return Coverage(articles, central, count, importance, demand, views, upvotes, examples,
                    ("nearest-article",))


def ranked(coverage):
    return [w.concept for w in write_next(coverage)]


def test_more_questions_rank_higher_and_nobody_asked_uncovered_go_last():
    coverage = {"asked-a-lot": cover(questions=["q1", "q2", "q3"]),
                "asked-once": cover(questions=["q4"]),
                "never-asked-uncovered": cover(importance=1.0),
                "never-asked-thin": cover(articles=2, importance=0.1)}
    assert ranked(coverage) == ["asked-a-lot", "asked-once", "never-asked-thin",
                                "never-asked-uncovered"]


def test_views_and_upvotes_weigh_a_question_by_its_readers():
    reach = {"q1": Reach(10), "q2": Reach(10), "q3": Reach(900, 4), "q4": Reach(900, 2)}
    coverage = {"quiet": cover(questions=["q1", "q2"], reach=reach),
                "read": cover(questions=["q3", "q4"], reach=reach)}
    entries = write_next(coverage)
    assert [w.concept for w in entries] == ["read", "quiet"]
    assert (entries[0].views, entries[0].upvotes) == (1800, 6)


def test_less_written_ranks_higher_at_equal_demand():
    asked = ["q1", "q2"]
    coverage = {"central-once": cover(articles=1, central=1, questions=asked),
                "in-passing": cover(articles=2, questions=asked),
                "unwritten": cover(questions=asked)}
    entries = write_next(coverage)
    assert [w.concept for w in entries] == ["unwritten", "in-passing", "central-once"]
    assert [w.gap for w in entries] == [GapKind.UNCOVERED, GapKind.THIN, GapKind.UNANSWERED]


def test_a_concept_well_covered_is_not_on_the_list():
    coverage = {"covered": cover(articles=3, central=2, questions=["q1"]),
                "covered-unasked": cover(articles=1, central=1)}
    assert ranked(coverage) == []


def test_the_field_weighs_but_does_not_outvote_readers():
    coverage = {"central-to-the-field": cover(questions=["q1"], importance=1.0),
                "marginal": cover(questions=["q2"], importance=0.0),
                "marginal-but-asked-twice": cover(questions=["q3", "q4"], importance=0.0)}
    assert ranked(coverage) == ["marginal-but-asked-twice", "central-to-the-field", "marginal"]


def test_each_entry_says_why_and_where_to_start():
    reach = {f"q{i}": Reach(620) for i in range(5)}
    coverage = {"c": cover(articles=2, questions=list(reach), reach=reach)}
    [entry] = write_next(coverage)
    assert entry.reason == "5 reader questions, 3,100 views; mentioned in 2 articles, central in none"
    assert entry.examples == ("q0", "q1", "q2") and entry.nearest == ("nearest-article",)


def test_a_question_reaches_its_answers_readers():
    answers = [{"views": 100 * i, "upvotes": i} for i in (1, 2)]
    assert question_reach({}, answers) == Reach(300, 3)
    assert question_reach({"views": 50}, answers) == Reach(50, 3)
    assert question_reach({"views": "many", "upvotes": -2}, []) == Reach()


def test_the_most_asked_unwritten_concept_leads_on_counsel_chat(practice_graph):
    graph = practice_graph
    entries = graph.write_next()
    unwritten = [c.slug for c in graph.concepts() if graph.article_count(c.slug) == 0]
    most_asked = max(unwritten, key=lambda s: graph.document_count(s, "question"))
    asked = graph.document_count(most_asked, "question")
    assert asked > 100  # counsel-chat asks a lot about it (parent-child relationships)
    top = [w.concept for w in entries[:5]]
    assert most_asked in top and "dating-relationship" in top, top
    entry = entries[top.index(most_asked)]
    assert entry.gap is GapKind.UNCOVERED and entry.questions == asked
    assert entry.reason.startswith(f"{asked} reader questions, ") and " views" in entry.reason
    assert entry.reason.endswith("; no article mentions it")
    assert all(graph.document(q).kind == "question" for q in entry.examples)
    assert all(graph.document(a).kind == "article" for a in entry.nearest)
    # readers asked about everything on top; what nobody asked about and nobody wrote is last
    assert all(w.questions for w in entries[:50])
    assert entries[-1].gap is GapKind.UNCOVERED and entries[-1].questions == 0


@pytest.mark.parametrize("gap", list(GapKind))
def test_the_list_filters_by_gap_and_concept_kind(example_graph, gap):
    entries = example_graph.write_next(gap=gap)
    assert all(w.gap is gap for w in entries)
    kind = example_graph.concept(example_graph.write_next()[0].concept).kind
    assert all(example_graph.concept(w.concept).kind is kind
               for w in example_graph.write_next(kind=kind))
