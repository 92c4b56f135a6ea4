"""The graph of counsel-chat's questions and answers, built with the two seed articles as a
practice has them (the session's ``practice_graph``; skipped when shared/corpus is absent)."""

from __future__ import annotations

import re
import pytest

from contentgraph.loaders.cues import find_cues


@pytest.fixture(scope="module")
def counsel_chat(practice_graph):
    return practice_graph


def test_answers_answer_their_questions(counsel_chat):
    stats = counsel_chat.stats()
    assert stats.questions > 500 and stats.answers > stats.questions
    answers = [(u, v) for u, v, k in counsel_chat.graph.edges(keys=True) if k == "ANSWERS"]
    assert len(answers) == stats.answers
    assert all(counsel_chat.graph.nodes[v]["type"] == "question" for _, v in answers)


def test_unanswered_questions_are_ranked_by_demand(counsel_chat):
    gaps = counsel_chat.gaps().unanswered_questions
    assert len(gaps) >= 10
    counts = [g.question_count for g in gaps]
    assert counts == sorted(counts, reverse=True)
    assert all(g.article_count <= 2 and g.examples for g in gaps)
    for gap in gaps[:5]:
        for slug in gap.examples:
            assert counsel_chat.document(slug).kind == "question"
            assert gap.concept in {dc.concept for dc in counsel_chat.document_concepts(slug)}



def test_sentence_cues_are_verbs_with_both_concepts_highlighted(counsel_chat):
    """Cue words used as nouns ("the cause of", "different causes") state no relation."""
    cues = [c for kind in ("question", "answer") for doc in counsel_chat.documents(kind=kind)
            for c in find_cues(doc, counsel_chat.mentions(doc.slug), counsel_chat.taxonomy)
            if not c.cue.startswith("list under")]
    assert len(cues) >= 30
    for cue in cues:
        assert len(cue.evidence.highlights) == 2, cue
        before = [cue.evidence.text[:u.start()].split()[-1:] for u in
                  re.finditer(re.escape(cue.cue), cue.evidence.text, re.I)]
        assert any(w[:1] != ["the"] and w[:1] != ["different"] for w in before), cue
