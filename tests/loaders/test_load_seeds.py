"""The real files in ../shared/corpus: the two seed pages and counsel-chat (skipped without)."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentgraph.loaders.load import load

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
FURNITURE = ("Comments", "Please note", "not meant to replace", "consultation", "contact us",
             "07521", "jowatson00", " | ")  # substrings no block may contain


def seed(prefix: str):
    paths = sorted((CORPUS / "seeds").glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip("../shared/corpus/seeds is not there")
    result = load(paths)
    assert result.errors == []
    [doc] = result.documents
    return doc


def assert_no_furniture(doc):
    for block in doc.blocks:
        for residue in FURNITURE:
            assert residue not in block.text, (residue, block.text)
        assert block.text not in ("Previous", "Next")
        assert not block.text.startswith(("Previous", "Next"))


def test_jo_watson_seed():
    doc = seed("004")
    assert doc.title.startswith("Partner Refuses Couples Therapy")
    assert doc.author == "Jo Watson"  # from the signature, not the byline handle
    assert doc.reading_time == 5
    headings = [b.text for b in doc.blocks if b.kind == "heading" and b.level == 2]
    assert any("Pursuer" in h and "Withdrawer" in h for h in headings)
    assert any(h.startswith("FAQ") for h in headings)
    assert "Why a Partner Might Refuse Couples Therapy" in headings
    questions = [b for b in doc.blocks if b.kind == "question"]
    assert len(questions) == 5
    assert all(q.text.endswith("?") and q.section.startswith("FAQ") for q in questions)
    answers = [b for b in doc.blocks if b.kind == "answer"]
    assert len(answers) == 5
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert "seeks reassurance" in items and "shuts down emotionally" in items
    assert "fear of being blamed or judged" in items
    assert not any(i.endswith(".") for i in items)
    assert_no_furniture(doc)


def test_access_therapy_seed():
    doc = seed("000")
    assert doc.title.startswith("If my partner doesn")
    assert doc.title.endswith("on my own?")
    assert doc.author == "Arijana Palme"
    assert all(b.kind in ("heading", "paragraph") for b in doc.blocks)
    assert not any("Arijana" in b.text or "accesstherapy" in b.text for b in doc.blocks)
    assert not any("psychologist and a psychotherapist" in b.text for b in doc.blocks)
    assert_no_furniture(doc)


def test_counsel_chat():
    folder = CORPUS / "counsel-chat"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/counsel-chat is not there")
    result = load([folder])
    assert result.errors == []
    questions = {d.slug: d for d in result.documents if d.kind == "question"}
    answers = [d for d in result.documents if d.kind == "answer"]
    assert (len(questions), len(answers)) == (815, 2129)
    assert all(a.parent in questions for a in answers)
    assert len({d.slug for d in result.documents}) == len(result.documents)
    assert all(a.author and "," not in a.author and "LCSW" not in a.author for a in answers)
    assert all(q.tags and q.blocks[0].level == 1 for q in questions.values())
    assert all(a.tags and a.blocks[0].kind == "answer" for a in answers)
