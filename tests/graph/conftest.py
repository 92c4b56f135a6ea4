"""A tiny hand-made graph for the facade and store tests (no loaders or extractor needed)."""

from __future__ import annotations

import re

import pytest

from contentgraph.graph.build import build_documents
from contentgraph.loaders.cues import find_cues
from contentgraph.loaders.model import Document, Mention, make_blocks
from contentgraph.taxonomy.model import Concept, ConceptKind, ConceptLink, RelationKind, Taxonomy

K = ConceptKind
CONCEPTS = [
    Concept("anxious-attachment", "Anxious attachment", K.ATTACHMENT_STYLE, ["anxious style"]),
    Concept("reassurance", "Reassurance", K.NEED),
    Concept("pursuer", "Pursuer", K.CYCLE_ROLE, broader=["pursue-withdraw-cycle"]),
    Concept("withdrawer", "Withdrawer", K.CYCLE_ROLE),
    Concept("pursue-withdraw-cycle", "Pursue-withdraw cycle", K.RELATIONSHIP_CYCLE,
            ["pursuer-withdrawer cycle"]),
    Concept("therapy-refusal", "Therapy refusal", K.BARRIER),
    Concept("couples-therapy", "Couples therapy", K.THERAPY_MODALITY, ["couples counselling"],
            related=[ConceptLink(RelationKind.TREATED_BY, "recurring-conflict")]),
    Concept("recurring-conflict", "Recurring conflict", K.BEHAVIOR),
    Concept("loneliness", "Loneliness", K.EMOTION),
    Concept("jealousy", "Jealousy", K.EMOTION),  # never mentioned
]
TAXONOMY = Taxonomy({c.slug: c for c in CONCEPTS})
SURFACES = {"anxious attachment": "anxious-attachment", "reassurance": "reassurance",
            "pursuer": "pursuer", "withdrawer": "withdrawer",
            "pursue-withdraw cycle": "pursue-withdraw-cycle", "therapy refusal": "therapy-refusal",
            "couples therapy": "couples-therapy", "recurring conflict": "recurring-conflict",
            "loneliness": "loneliness"}
ARTICLES = {
    "cycle": ("The pursue-withdraw cycle", "https://example.org/cycle", [
        "The pursuer is part of the pursue-withdraw cycle.",
        "The withdrawer is part of the pursue-withdraw cycle.",
        "Anxious attachment makes the pursuer ask for reassurance.",
        "The pursue-withdraw cycle can lead to therapy refusal.",
        "Recurring conflict keeps the pursue-withdraw cycle going."]),
    "attachment": ("Anxious attachment", "https://example.org/attachment", [
        "Anxious attachment often shows up as a need for reassurance.",
        "Anxious attachment and reassurance go together.",
        "Anxious attachment can lead to the pursuer role.",
        "Loneliness is common."]),
    "refusal": ("When a partner refuses", "https://example.org/refusal", [
        "Therapy refusal is common in the pursue-withdraw cycle.",
        "Therapy refusal does not automatically mean a lack of care.",
        "Couples therapy helps with recurring conflict.",
        "Couples therapy helps with recurring conflict in the pursue-withdraw cycle.",
        "See https://example.org/cycle for more."]),
}
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def make_document(slug, title, url, paragraphs, kind="article", links=()):
    blocks = make_blocks([("heading", title, 1)] + [("paragraph", p, 0) for p in paragraphs])
    return Document(slug, kind, title, blocks, f"/corpus/{slug}.txt", f"hash-{slug}", url=url,
                    author="Sam Rivers", published="2026-01-01", links=list(links))


def extract(doc):
    """Mentions by surface match and sentence spans: a stand-in for the real extractor."""
    mentions, sentences = [], []
    for index, block in enumerate(doc.blocks):
        for s in _SENTENCE.finditer(block.text):
            sentences.append((block.start + s.start(), block.start + s.end()))
        for surface, slug in SURFACES.items():
            for m in re.finditer(re.escape(surface), block.text, re.I):
                start, end = block.start + m.start(), block.start + m.end()
                s0, s1 = next(s for s in sentences if s[0] <= start < s[1])
                mentions.append(Mention(slug, doc.slug, index, block.section, doc.text[s0:s1], s0,
                                        start, end, doc.text[start:end],
                                        negated="does not" in doc.text[s0:s1]))
    return mentions, sentences


def tiny_build(out, articles=ARTICLES, questions=()):
    """The graph store of the tiny corpus, written to ``out``."""
    docs = []
    for slug, (title, url, paragraphs) in articles.items():
        links = [u for p in paragraphs for u in re.findall(r"https://\S+?(?=\s|$)", p)]
        docs.append(make_document(slug, title, url, paragraphs, links=[l.rstrip(".") for l in links]))
    for slug, text in questions:
        docs.append(make_document(slug, text, None, [text], kind="question"))
    extracted = []
    for doc in docs:
        mentions, _ = extract(doc)
        extracted.append((doc, mentions, find_cues(doc, mentions, TAXONOMY)))
    return build_documents(extracted, TAXONOMY, out)


@pytest.fixture(scope="session")
def tiny_source():
    """What the tiny graph is made of: its articles, documents and stand-in extractor."""
    import types

    return types.SimpleNamespace(articles=ARTICLES, make_document=make_document, extract=extract)


@pytest.fixture(scope="session")
def tiny_builder():
    """``tiny_build`` itself, for tests that need a fresh graph."""
    return tiny_build


@pytest.fixture(scope="session")
def tiny_graph(tmp_path_factory):
    questions = [("q1", "Is jealousy normal?"), ("q2", "Why so much jealousy?"),
                 ("q3", "Is loneliness normal?")]
    return tiny_build(tmp_path_factory.mktemp("tiny") / "tiny.graph", questions=questions)
