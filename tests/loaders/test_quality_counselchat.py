"""Extraction coverage on counsel-chat: real reader questions and therapists' answers.

Targets: at least 85% of answers and 75% of questions get a concept (one of the document's
concepts: mentioned at least once neither negated nor hypothetical), and no concept is tagged on
more than 30% of the documents (a sign of a too-generic label).
"""

from collections import Counter
from pathlib import Path

import pytest

from contentgraph.loaders.extract import Extractor
from contentgraph.loaders.load import LoadOptions, load
from contentgraph.loaders.scoring import score_documents
from contentgraph.taxonomy.load import load_taxonomy

CSV = (Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "counsel-chat"
       / "20200325_counsel_chat.csv")


@pytest.fixture(scope="module")
def coverage():
    if not CSV.exists():
        pytest.skip(f"{CSV} not available")
    result = load([CSV], LoadOptions(qa_preset="counsel-chat"))
    extractor = Extractor(load_taxonomy())
    tagged = {"question": 0, "answer": 0}
    total = Counter(d.kind for d in result.documents)
    per_concept: Counter[str] = Counter()
    for doc in result.documents:
        scored = score_documents([doc], {doc.slug: extractor.mentions(doc)})[doc.slug]
        concepts = {dc.concept for dc in scored}
        tagged[doc.kind] = tagged.get(doc.kind, 0) + bool(concepts)
        per_concept.update(concepts)
    return tagged, total, per_concept


def test_answers_and_questions_get_concepts_and_none_is_everywhere(coverage):
    tagged, total, per_concept = coverage
    answers = tagged["answer"] / total["answer"]
    questions = tagged["question"] / total["question"]
    documents = sum(total.values())
    commonest = per_concept.most_common(5)
    print(f"\ncounsel-chat: answers with a concept {answers:.1%} of {total['answer']}, "
          f"questions {questions:.1%} of {total['question']}")
    print("most tagged: " + ", ".join(f"{c} {n / documents:.1%}" for c, n in commonest))
    assert answers >= 0.85
    assert questions >= 0.75
    assert commonest[0][1] / documents <= 0.30
