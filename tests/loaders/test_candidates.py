"""Candidate terms: frequent unknown phrases with examples, for growing the taxonomy."""

from contentgraph.loaders.candidates import candidate_terms
from contentgraph.loaders.extract import Extractor
from contentgraph.loaders.model import Document, make_blocks
from contentgraph.taxonomy.model import Concept, ConceptKind, Taxonomy

TAXONOMY = Taxonomy({"anger": Concept("anger", "anger", ConceptKind.EMOTION,
                                      alt_labels=["anger management"])})
EXTRACTOR = Extractor(TAXONOMY)

TEXTS = [
    "Attachment wounds run deep. We talked about the anger management class.",
    "Her attachment wound showed. The anger management class helped, and so did the sleep hygiene.",
    "Old attachment wounds again! Sleep hygiene, said the therapist, matters.",
    "One repair ritual is enough.",
]


def run(n=50):
    docs = [Document(f"d{i}", "answer", "", make_blocks([("paragraph", t, 0)]), "x", "0")
            for i, t in enumerate(TEXTS)]
    mentions = {d.slug: EXTRACTOR.mentions(d) for d in docs}
    return candidate_terms(docs, mentions, EXTRACTOR, n=n)


def test_frequent_phrases_are_lemma_deduplicated_with_their_variants_and_examples():
    terms = {t.phrase: t for t in run()}
    assert set(terms) == {"attachment wounds", "sleep hygiene"}
    wounds = terms["attachment wounds"]
    assert (wounds.document_count, wounds.count) == (3, 3)
    assert wounds.variants == ("attachment wound",)
    assert wounds.examples == ("Attachment wounds run deep.", "Her attachment wound showed.")


def test_phrases_near_known_concepts_rank_higher():
    # "sleep hygiene" shares a sentence with a concept (anger management); the wounds never do
    assert [t.phrase for t in run()] == ["sleep hygiene", "attachment wounds"]
    assert all(t.score > 0 for t in run())


def test_no_stop_word_edges_no_concept_words_no_single_document_phrases():
    phrases = [t.phrase for t in run()]
    assert not any(p.split()[0] in {"the", "and"} or p.split()[-1] in {"the", "so"} for p in phrases)
    assert not any("anger" in p or "management" in p for p in phrases)  # inside a matched concept
    assert "repair ritual" not in phrases  # one document only
    assert "hygiene said" not in phrases  # crosses a comma


def test_n_limits_the_list():
    assert len(run(n=1)) == 1


def phrases_of(*texts):
    docs = [Document(f"p{i}", "answer", "", make_blocks([("paragraph", t, 0)]), "x", "0")
            for i, t in enumerate(texts)]
    mentions = {d.slug: EXTRACTOR.mentions(d) for d in docs}
    return {t.phrase for t in candidate_terms(docs, mentions, EXTRACTOR)}


def test_dashes_and_quotes_join_words_other_marks_split_them():
    joined = phrases_of("Try the sleep \u2013 hygiene plan.", 'Keep "sleep" hygiene simple.')
    assert "sleep \u2013 hygiene" in joined or 'sleep" hygiene' in joined
    for mark in ("\u2212", "\u00ab", "`", "\u201e", ",", ":", "("):
        split = phrases_of(f"Try the sleep {mark} hygiene plan.", f"Keep sleep {mark} hygiene.")
        assert not any(p.startswith("sleep") and "hygiene" in p for p in split), mark


def test_phrases_stop_at_numbers_sentences_lines_and_concepts():
    texts = ["Sleep hygiene 2 routines matter. Sleep hygiene\nroutines again.",
             "Sleep hygiene 3 routines. Sleep hygiene. Routines help.",
             "The partner's anger management routines. Repair rituals, anger's repair rituals."]
    found = phrases_of(*texts, *texts)
    assert "sleep hygiene" in found and "repair rituals" in found
    # nothing across a number, a line break, a sentence end or a matched concept
    assert not any("hygiene" in p and "routine" in p or "management" in p for p in found)


def test_web_and_mail_addresses_and_domain_names_are_no_phrases():
    texts = ["Read https://calm-harbour.example/night-time-routines about sleep hygiene.",
             "See www.calm-harbour.example/night-time-routines or mail care@calm-harbour.org.",
             "Calm-harbour.com writes on sleep hygiene, so does calm-harbour.org/night-time."]
    found = phrases_of(*texts, *texts)
    assert found == {"sleep hygiene"}  # written as words, it still counts
