"""What the content is missing: uncovered and thin concepts, the bounds of missing links and
unanswered questions (which ``corpus`` finds in the store) and a missing link's sentence, and the
one list that ranks them all, what to write next."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..loaders.cues import passage
from ..loaders.model import Document, Mention, Passage
from .results import GapKind, WriteNext

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


# --- what to write next -----------------------------------------------------------------------

EXAMPLES = 3  # example questions kept per entry


@dataclass(frozen=True, slots=True)
class Reach:
    """How many readers a question reached, where its source says (0 when it does not)."""

    views: int = 0
    upvotes: int = 0


def question_reach(question: Mapping, answers: Iterable[Mapping]) -> Reach:
    """A question's reach from its ``metadata`` and its answers': its own ``views`` and
    ``upvotes``, else the sums of its answers' (a question page shows its answers: their views
    are the question's readers). Values that are not positive whole numbers count nothing.

    >>> question_reach({}, [{"views": 120, "upvotes": 1}, {"views": "n/a", "upvotes": 1}])
    Reach(views=120, upvotes=2)
    >>> question_reach({"views": 50}, [{"views": 120}])
    Reach(views=50, upvotes=0)
    """
    def total(key: str, metadata) -> int:
        return sum(v for m in metadata if type(v := m.get(key)) is int and v > 0)

    answers = list(answers)
    return Reach(total("views", [question]) or total("views", answers),
                 total("upvotes", [question]) or total("upvotes", answers))


@dataclass(frozen=True, slots=True)
class Coverage:
    """What the practice wrote about a concept and what readers asked about it."""

    articles: int  # articles that mention it
    central: int  # articles it is central to
    questions: int  # reader questions that mention it
    importance: float  # weight in the field, in [0, 1]
    demand: float = 0.0  # its questions' weights summed (``question_weight``)
    views: int = 0  # its questions' views and upvotes
    upvotes: int = 0
    examples: tuple[str, ...] = ()  # question slugs, most about it first
    nearest: tuple[str, ...] = ()  # the closest existing articles


def asked(found: Iterable[tuple[str, Reach]], typical: float
          ) -> tuple[int, float, int, int, tuple[str, ...]]:
    """``(questions, demand, views, upvotes, examples)`` of a concept's questions: ``found``
    holds each question's slug and reach, most about the concept first; ``typical`` is the
    corpus's typical views (``question_weight``); the examples are the first EXAMPLES slugs.

    >>> asked([("q1", Reach(100, 1)), ("q2", Reach())], 100)
    (2, 3.5, 100, 1, ('q1', 'q2'))
    """
    questions, demand, views, upvotes, examples = 0, 0.0, 0, 0, []
    for slug, reach in found:
        questions += 1
        demand += question_weight(reach, typical)
        views += reach.views
        upvotes += reach.upvotes
        if len(examples) < EXAMPLES:
            examples.append(slug)
    return questions, demand, views, upvotes, tuple(examples)


NEAREST = 3  # nearest articles kept per entry


def is_gap(articles: int, central: int, questions: int) -> bool:
    """No article covers the concept, or only in passing, or at most FEW_ARTICLES do while
    readers ask about it."""
    return not (articles and central) or bool(questions and articles <= FEW_ARTICLES)


SHORTFALL_UNCOVERED = 1.0  # no article mentions it
SHORTFALL_THIN = 0.75  # mentioned in passing only


def shortfall(articles: int, central: int) -> float:
    """How little the practice has written, in [0, 1]: nothing 1, passing mentions 0.75,
    central in one article 0.25, in two 0.17...

    >>> shortfall(0, 0), shortfall(3, 0), shortfall(1, 1), shortfall(2, 2)
    (1.0, 0.75, 0.25, 0.1667)
    """
    if not articles:
        return SHORTFALL_UNCOVERED
    if not central:
        return SHORTFALL_THIN
    return round(0.5 / (1 + central), 4)


def question_weight(reach: Reach, typical_views: float) -> float:
    """One question's demand: 1, plus log2(1 + views / typical views), plus up to 1 for
    upvotes (a question of typical reach weighs 2; one without figures 1).

    >>> question_weight(Reach(), 100), question_weight(Reach(100, 0), 100)
    (1.0, 2.0)
    >>> round(question_weight(Reach(700, 3), 100), 2)
    4.75
    """
    views = math.log2(1 + reach.views / typical_views) if typical_views > 0 else 0.0
    return 1.0 + views + reach.upvotes / (1 + reach.upvotes)


def importance(pagerank: Mapping[str, float], taxonomy_links: Mapping[str, int]
               ) -> dict[str, float]:
    """Each concept's weight in the field, in [0, 1]: half its PageRank percentile among the
    concepts, half its taxonomy links (broader, narrower, related), up to 6.

    >>> sorted(importance({"a": 0.5, "b": 0.1, "c": 0.2}, {"a": 6, "b": 3}).items())
    [('a', 1.0), ('b', 0.25), ('c', 0.25)]
    """
    ranked = sorted(pagerank, key=lambda c: (pagerank[c], c))
    top = max(len(ranked) - 1, 1)
    percentile = {c: i / top for i, c in enumerate(ranked)}
    return {c: round(0.5 * percentile.get(c, 0.0) + 0.5 * min(1.0, taxonomy_links.get(c, 0) / 6),
                     4) for c in set(pagerank) | set(taxonomy_links)}


def write_next(coverage: Mapping[str, Coverage]) -> tuple[WriteNext, ...]:
    """One ranked list of what to write: the concepts of ``coverage`` that are gaps
    (``is_gap``).

    Each scores its readers' demand (``asked``) x ``shortfall`` x (0.75 + importance / 2):
    readers' demand leads, the field's weight moves it by a quarter either way. Concepts
    readers ask about come first, by score; then thin concepts nobody asked about, then
    uncovered ones, each by importance.
    """
    found = []
    for concept, c in coverage.items():
        if not is_gap(c.articles, c.central, c.questions):
            continue
        gap = (GapKind.UNCOVERED if not c.articles else GapKind.THIN if not c.central
               else GapKind.UNANSWERED)
        score = round(c.demand * shortfall(c.articles, c.central) * (0.75 + c.importance / 2),
                      4)
        tier = 0 if c.questions else 1 if gap is GapKind.THIN else 2
        found.append((tier, WriteNext(
            concept, gap, score, c.questions, c.views, c.upvotes, c.articles, c.central,
            c.importance, reason(c.questions, c.views, c.upvotes, c.articles, c.central),
            c.examples[:EXAMPLES], c.nearest[:NEAREST])))
    found.sort(key=lambda f: (f[0], -f[1].score, -f[1].importance, f[1].concept))
    return tuple(entry for _, entry in found)


def reason(questions: int, views: int, upvotes: int, articles: int, central: int) -> str:
    """Why a concept is worth writing about, in a content lead's words.

    >>> reason(42, 3100, 0, 2, 0)
    '42 reader questions, 3,100 views; mentioned in 2 articles, central in none'
    >>> reason(1, 0, 3, 0, 0)
    '1 reader question, 3 upvotes; no article mentions it'
    >>> reason(0, 0, 0, 1, 1)
    'no reader question; central in 1 article'
    """
    def plural(n: int, word: str) -> str:
        return f"{n:,} {word}{'' if n == 1 else 's'}"

    demand = [plural(questions, "reader question") if questions else "no reader question"]
    demand += [plural(views, "view")] if views else []
    demand += [plural(upvotes, "upvote")] if upvotes else []
    if not articles:
        written = "no article mentions it"
    elif not central:
        written = f"mentioned in {plural(articles, 'article')}, central in none"
    elif central == articles:
        written = f"central in {plural(central, 'article')}"
    else:
        written = f"mentioned in {plural(articles, 'article')}, central in {central}"
    return f"{', '.join(demand)}; {written}"
