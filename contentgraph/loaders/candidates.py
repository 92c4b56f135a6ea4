"""Candidate terms: phrases of the field the taxonomy does not know yet.

A candidate is a run of 2-4 words inside one sentence, not crossing punctuation, not touching a
matched concept, a web address or a domain name, with no stop word (nor a contraction or a word under three letters) at either
edge. Phrases are counted by their normalised words (so "attachment wounds" and "attachment
wound" are one candidate, the other ways of writing it kept as variants), and ranked by termhood
(``termhood``: shape, use, specificity against general English, nearness to known concepts) with
their C-value; a phrase is dropped when a longer candidate that contains it is used by as many
documents.

The work is split so that a build can keep it per document: ``document_phrases`` lists one
document's phrases (the costly part, cached with each file's records), ``rank_candidates`` merges
the lists of all documents (counting in C) and reads again only a sample of the documents that use
the shortlisted phrases.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from ..taxonomy.normalize import CHAR_TABLE, WORD_RE, normalize_token
from .extract import Extractor
from .model import CandidateTerm, Document, Mention
from .termhood import (STOP_WORDS, KindGuesser, is_noun_phrase, is_term_shaped, is_verbal_use,
                       specificity)

MIN_WORDS, MAX_WORDS = 2, 4
MIN_DOCUMENTS = 2
EXAMPLES = 2
SHORTLIST = 4  # phrases read again per candidate wanted
SAMPLE = 8  # uses read again per phrase (one per document)
NEAR_FLOOR = 0.25  # the share of its score a phrase keeps when its sentences name no concept
MAX_BURST = 3.0  # uses per document counted at most

# Between two words of a phrase: only spaces, dashes and quotes.
_JOINER = re.compile(r"[\s\-\u2010-\u2015\"'\u2018\u2019\u201c\u201d]*")

# One document's phrases: each distinct phrase once, and the further uses of phrases used more
# than once. A phrase is its marked words (see ``_Marked``) joined by spaces, without the first
# word's mark (always "+"): "attachment +wound", "sleep -and +rest".
DocumentPhrases = tuple[list[str], list[str]]


class _Marked(dict):
    """Word token (as translated by ``CHAR_TABLE``) -> its normalised word marked "+" when it may
    start or end a phrase, "-" when it may not (stop words, contractions such as "i'm", words
    under three letters: initials, other languages' "de la"); "|" for a number or a run of
    characters that join no words, which split phrases."""

    def __missing__(self, token: str) -> str:
        if WORD_RE.fullmatch(token) is None:
            value = "|"
        else:
            word = normalize_token(token)
            value = "|" if word.isdigit() else (
                "-" if word in STOP_WORDS or "'" in word or len(word) < 3 else "+") + word
        self[token] = value
        return value


_mark = _Marked().__getitem__
# Phrases of 2, 3 and 4 marked words, found at every word (overlapping).
_SIZES = [re.compile(r"\+(?=(\S+ " + r"[-+]\S+ " * middle + r"\+\S+))")
          for middle in range(MAX_WORDS - MIN_WORDS + 1)]
# Words, and the characters between them that split phrases: everything but spaces (a line
# break ends a sentence), dashes and quotes. A sentence ends only at a line break or at ``.!?``
# and the ellipsis, so phrases never cross sentences.
_TOKEN = re.compile(r"\w+(?:'\w+)*|(?:\n|[^\w\s\-\"'])+")
# Characters the translation turns into a dash or a quote but that join no words as written
# (minus sign, low quotes, primes, guillemets, backtick): a document with one is read sentence by
# sentence, word by word (``_runs``).
_NOT_JOINING = re.compile("[" + "".join(
    chr(c) for c in CHAR_TABLE if _JOINER.fullmatch(chr(c)) is None) + "]")
_WORD_BEFORE = re.compile(r"([\w']+)[^\w']*\Z")  # the last word of a slice of text
_MASK = "\n"  # stands for a matched concept's characters: no word, and it joins nothing
# Web addresses, e-mail addresses and domain names ("example.org", "www.x.com/a-b"): no phrase
# of the field hides in them.
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+"
                      r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                      r"|\b[\w-]{2,}(?:\.[\w-]+)*\.[a-z]{2,6}\b(?:/[^\s<>\"'()\[\]]*)?")


def _runs(text: str, sentences: Iterable[tuple[int, int]], blocked: list[tuple[int, int]]):
    """``(sentence start, sentence end, run)`` for each run of ``(start, end, marked word)``
    tokens a phrase may span: inside one sentence, no numbers, no matched concept, only spaces,
    dashes and quotes between its words. ``blocked``: the matched spans, sorted, not overlapping."""
    b, n_blocked = 0, len(blocked)
    for s_start, s_end in sentences:
        run: list[tuple[int, int, str]] = []
        lowered = text[s_start:s_end].translate(CHAR_TABLE)
        for m in WORD_RE.finditer(lowered):
            s, e = m.start() + s_start, m.end() + s_start
            while b < n_blocked and blocked[b][1] <= s:
                b += 1
            word = _mark(m.group())
            if (b < n_blocked and blocked[b][0] < e) or word == "|":
                if run:
                    yield s_start, s_end, run
                run = []
                continue
            if run and _JOINER.fullmatch(text, run[-1][1], s) is None:
                yield s_start, s_end, run
                run = []
            run.append((s, e, word))
        if run:
            yield s_start, s_end, run


def _blocked(text: str, mentions: Iterable[Mention]) -> list[tuple[int, int]]:
    """The spans no phrase may touch: matched concepts and addresses, sorted, merged where they
    overlap."""
    spans = sorted({(m.start, m.end) for m in mentions}
                   | {m.span() for m in _ADDRESS.finditer(text)})
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def document_phrases(document: Document, mentions: Iterable[Mention],
                     extractor: Extractor) -> DocumentPhrases:
    """Every candidate phrase of one document (``mentions`` are its concept mentions).

    The same phrases as reading it sentence by sentence, word by word (``_runs``), found faster:
    the matched concepts are masked, the whole text becomes one line of marked words and
    splitters, and three regexes pick the phrases of each size out of it.
    """
    text = document.text
    if _NOT_JOINING.search(text):
        runs = _runs(text, extractor.sentences(document), _blocked(text, mentions))
        line = " | ".join(" ".join(w for _, _, w in run) for _, _, run in runs)
    else:
        pieces, at = [], 0
        for start, end in _blocked(text, mentions):
            pieces += (text[at:start], _MASK * (end - start))
            at = end
        pieces.append(text[at:])
        # A word a match ends inside ("partner's", matched as "partner") leaves its tail ("s")
        # after the mask: under three letters, it neither starts nor ends a phrase.
        line = " ".join(map(_mark, _TOKEN.findall("".join(pieces).translate(CHAR_TABLE))))
    found = [phrase for size in _SIZES for phrase in size.findall(line)]
    distinct = list(dict.fromkeys(found))
    if len(distinct) == len(found):
        return distinct, []
    return distinct, [k for k, c in Counter(found).items() for _ in range(c - 1)]


class _Use(NamedTuple):
    """One use of a phrase, as ``_uses`` reads it."""

    shown: str  # as written, lower case, spaces squeezed
    sentence: str
    kinds: tuple  # ConceptKinds of the concepts named in the sentence
    author: str | None
    verbal: bool  # the word before makes it a verb ("to move forward")
    name: bool  # written capitalised inside the sentence ("Puerto Rico")


def _uses(document: Document, mentions: list[Mention], extractor: Extractor,
          wanted: set[str]) -> dict[str, _Use]:
    """For each phrase of ``wanted`` the document uses: its first use."""
    text, found = document.text, {}
    kinds_at: dict[int, list] = {}
    for m in mentions:
        if not m.negated:
            kinds_at.setdefault(m.sentence_start, []).append(extractor.taxonomy[m.concept].kind)
    for s_start, s_end, run in _runs(text, extractor.sentences(document),
                                     _blocked(text, mentions)):
        words = [w for _, _, w in run]
        for size in range(MIN_WORDS, MAX_WORDS + 1):
            for i in range(len(run) - size + 1):
                key = " ".join(words[i:i + size])[1:]
                if key not in wanted or key in found:
                    continue
                start, end = run[i][0], run[i + size - 1][1]
                written = text[start:end].split()
                before = _WORD_BEFORE.search(text, s_start, start)
                found[key] = _Use(
                    " ".join(written).lower(), text[s_start:s_end],
                    tuple(kinds_at.get(s_start, ())), document.author,
                    is_verbal_use(before.group(1).lower() if before else None),
                    start > s_start and all(w[:1].isupper() for w in written
                                            if w.lower() not in STOP_WORDS))
        if len(found) == len(wanted):
            break
    return found


def rank_candidates(documents: Sequence[Document], phrases: Sequence[DocumentPhrases],
                    mentions_by_doc: Mapping[str, list[Mention]], extractor: Extractor,
                    n: int = 200, rejected: Iterable[str] = ()) -> list[CandidateTerm]:
    """The ``n`` phrases most worth a concept, from each document's ``document_phrases`` (in the
    order of ``documents``), best first, each with its termhood score, a guessed kind, the ways
    it is written and up to two example sentences.

    A phrase used by at least ``MIN_DOCUMENTS`` documents, shaped like a term, a noun phrase in
    most of its uses and a name in few (``termhood``), and not among the ``rejected`` phrases
    (normalised, as ``Taxonomy.rejected``), is scored by its C-value over document counts
    (frequency less what the longer phrases holding it explain, favouring longer phrases), its
    specificity against general English, how often its sentences name a known concept, its
    burstiness (uses per document) and how many authors use it. Only the best
    ``SHORTLIST * n`` by the first two are read again, in at most ``SAMPLE`` documents each.
    """
    count: Counter[str] = Counter()
    doc_count: Counter[str] = Counter()
    for distinct, more in phrases:
        doc_count.update(distinct)
        count.update(distinct)
        if more:
            count.update(more)
    return rank_counted(count, doc_count, (
        (distinct, lambda d=doc: (d, mentions_by_doc.get(d.slug, ())))
        for doc, (distinct, _) in zip(documents, phrases)), extractor, n, rejected)


def rank_counted(count: Mapping[str, int], doc_count: Mapping[str, int], documents,
                 extractor: Extractor, n: int = 200, rejected: Iterable[str] = ()
                 ) -> list[CandidateTerm]:
    """``rank_candidates`` from the phrases' counts (uses and documents): ``documents`` gives,
    in order, each document's distinct phrases and a function that reads the document and its
    mentions (only the documents using a shortlisted phrase are read)."""
    rejected = frozenset(rejected)
    shaped = [k for k, d in doc_count.items() if d >= MIN_DOCUMENTS
              and is_term_shaped(_words(k)) and " ".join(_words(k)) not in rejected]
    holders = _holders(shaped, doc_count)
    c_value = {}
    for key in shaped:
        held = holders.get(key, ())
        if not held or max(held) < doc_count[key]:
            c_value[key] = math.log2(1 + len(_words(key))) * (
                doc_count[key] - (sum(held) / len(held) if held else 0))
    shortlist = sorted(c_value, key=lambda k: (-c_value[k] * specificity(" ".join(_words(k))),
                                               k))[:SHORTLIST * n]
    uses = _sample_uses(documents, extractor, set(shortlist))
    guesser = KindGuesser(extractor.taxonomy)
    ranked = []
    for key in shortlist:
        sample = uses[key]
        shown = Counter(u.shown for u in sample).most_common()
        if 2 * sum(u.verbal or u.name for u in sample) >= len(sample) \
                or not is_noun_phrase(shown[0][0].split()):
            continue
        near = sum(bool(u.kinds) for u in sample) / len(sample)
        authors = len({u.author for u in sample})
        score = c_value[key] * specificity(shown[0][0]) \
            * (NEAR_FLOOR + (1 - NEAR_FLOOR) * near) \
            * min(count[key] / doc_count[key], MAX_BURST) \
            * (0.5 + 0.5 * (authors - 1) / max(len(sample) - 1, 1))
        kind = guesser.guess(_words(key), (k for u in sample for k in u.kinds))
        ranked.append(CandidateTerm(
            shown[0][0], count[key], doc_count[key],
            tuple(u.sentence for u in sample[:EXAMPLES]), round(score, 3),
            kind.value if kind else None, tuple(sorted(s for s, _ in shown[1:]))))
    ranked.sort(key=lambda c: (-c.score, -c.document_count, c.phrase))
    return ranked[:n]


def _words(key: str) -> list[str]:
    """The normalised words of a phrase key ("attachment +wound" -> attachment, wound)."""
    return [w.lstrip("+-") for w in key.split(" ")]


def _sample_uses(documents, extractor, wanted: set[str]) -> dict[str, list[_Use]]:
    """Phrase -> its first use in each of the first ``SAMPLE`` documents using it; only those
    documents are read again (``documents`` as ``rank_counted`` takes them)."""
    found: dict[str, list] = {k: [] for k in wanted}
    pending = set(wanted)
    for distinct, read in documents:
        if not pending:
            break
        here = pending.intersection(distinct)
        if not here:
            continue
        doc, mentions = read()
        for key, use in _uses(doc, mentions, extractor, here).items():
            found[key].append(use)
            if len(found[key]) == SAMPLE:
                pending.discard(key)
    return found


def candidate_terms(
    documents: Iterable[Document],
    mentions_by_doc: Mapping[str, list[Mention]],
    extractor: Extractor,
    n: int = 200,
) -> list[CandidateTerm]:
    """The ``n`` candidate terms of ``documents`` most worth a concept (``rank_candidates``),
    never a phrase the extractor's taxonomy rejects."""
    documents = list(documents)
    phrases = [document_phrases(d, mentions_by_doc.get(d.slug, ()), extractor) for d in documents]
    return rank_candidates(documents, phrases, mentions_by_doc, extractor, n,
                           extractor.taxonomy.rejected)


def _holders(phrases: list[str], doc_count: Counter) -> dict[str, list[int]]:
    """For each phrase inside longer ones of ``phrases``, the document counts of those."""
    held: dict[str, list[int]] = {}
    for longer in phrases:
        words = ("+" + longer).split(" ")
        parts = {" ".join(words[i:i + size])[1:] for size in range(MIN_WORDS, len(words))
                 for i in range(len(words) - size + 1)}
        for part in parts:
            held.setdefault(part, []).append(doc_count[longer])
    return held
