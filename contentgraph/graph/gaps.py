"""What the content is missing: uncovered and thin concepts, missing links, unanswered questions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..loaders.cues import passage
from ..loaders.model import Document, Mention, Passage
from .results import LinkSuggestion, QuestionGap

FEW_ARTICLES = 2  # a concept with at most this many articles is under-served
MIN_LINK_SCORE = 0.3
MAX_LINK_SUGGESTIONS = 200


def uncovered(concepts: list[str], article_counts: dict[str, int]) -> tuple[str, ...]:
    """Concepts in no article."""
    return tuple(c for c in concepts if not article_counts.get(c))


def thin(concepts: list[str], article_counts: dict[str, int],
         central_counts: dict[str, int]) -> tuple[str, ...]:
    """Concepts that articles mention but never make central."""
    return tuple(c for c in concepts if article_counts.get(c) and not central_counts.get(c))


def missing_links(articles: list[str], related: Callable[[str], list],
                  links: set[tuple[str, str]],
                  sentence: Callable[[str, tuple[str, ...]], Passage | None]
                  ) -> tuple[LinkSuggestion, ...]:
    """Article pairs that share strong concepts and do not link to each other, best first.

    ``related(slug)`` gives RelatedDocuments; ``links`` holds (source, target) article pairs that
    already link; ``sentence(slug, concepts)`` a sentence of ``slug`` naming some of them.
    """
    found: dict[tuple[str, str], tuple[float, str, str, tuple[str, ...]]] = {}
    for slug in articles:
        for rd in related(slug):
            if rd.score < MIN_LINK_SCORE:
                continue
            if (slug, rd.document) in links or (rd.document, slug) in links:
                continue
            pair = tuple(sorted((slug, rd.document)))
            if pair not in found:
                found[pair] = (rd.score, slug, rd.document, rd.shared[:3])
    best = sorted(found.values(), key=lambda f: (-f[0], f[1], f[2]))[:MAX_LINK_SUGGESTIONS]
    return tuple(LinkSuggestion(src, dst, via, score, sentence(src, via) if via else None)
                 for score, src, dst, via in best)


def unanswered_questions(question_docs: dict[str, list[str]],
                         article_counts: dict[str, int]) -> tuple[QuestionGap, ...]:
    """Concepts reader questions ask about that few or no articles cover, most asked first.

    ``question_docs`` maps a concept to the question documents mentioning it (best first).
    """
    gaps = [QuestionGap(concept, len(questions), article_counts.get(concept, 0),
                        tuple(questions[:3]))
            for concept, questions in question_docs.items()
            if questions and article_counts.get(concept, 0) <= FEW_ARTICLES]
    return tuple(sorted(gaps, key=lambda g: (-g.question_count, g.article_count, g.concept)))


def link_sentence(doc: Document, mentions: list[Mention], via) -> Passage | None:
    """The body sentence of ``doc`` that names most of ``via`` (affirmed), earliest first."""
    wanted = set(via)
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.concept in wanted and not m.negated and doc.blocks[m.block].kind != "heading":
            by_sentence[m.sentence_start].append(m)
    if not by_sentence:
        return None
    start, ms = max(by_sentence.items(), key=lambda kv: (len({m.concept for m in kv[1]}), -kv[0]))
    return passage(doc, start, start + len(ms[0].sentence), ms[0].section,
                   [(m.start, m.end) for m in ms])
