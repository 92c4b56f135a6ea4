"""Records <-> store rows: the loaders' dataclasses as plain columns and JSON, and back.

Offsets are kept, text that offsets can recover is not: a block is ``[kind, level, start,
end]`` of the document's text, a mention ``[concept, block, sentence start, sentence end,
start, end, negated, hypothetical]`` with the concept's number (its place in the taxonomy,
``concepts.position``; the last two only when one of them is 1), and a passage of evidence
``[document id, start, end, highlights, [heading start, heading end] or null]``. Decoding a
row only builds dataclasses from strings and numbers.

>>> from contentgraph.loaders.model import Document, Mention, make_blocks
>>> doc = Document("d", "article", "T", make_blocks([("heading", "T", 1),
...                ("paragraph", "Shame hides.", 0)]), "d.md", "0")
>>> m = Mention("shame", "d", 1, None, "Shame hides.", 3, 3, 8, "Shame")
>>> no = Mention("shame", "d", 1, None, "Shame hides.", 3, 3, 8, "Shame", negated=True)
>>> encode_mentions([m, no], {"guilt": 0, "shame": 1})
'[[1,1,3,15,3,8],[1,1,3,15,3,8,1,0]]'
>>> decode_mentions(doc, encode_mentions([m, no], {"shame": 0}), ["shame"]) == [m, no]
True
"""

from __future__ import annotations

import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import orjson

from ..errors import StoreError
from ..loaders.model import (BLOCK_SEPARATOR, Block, CandidateTerm, Document, LoadError, Mention,
                             Passage, RelationCue)
from ..loaders.scoring import tally_mentions
from ..taxonomy.model import (Concept, ConceptKind, ConceptLink, LabelContext, RelationKind,
                              Taxonomy)
from ..taxonomy.normalize import normalize_phrase
from .keys import normalize_url, slugify

if TYPE_CHECKING:  # the candidates' module loads word lists a reader never needs
    from ..loaders.candidates import DocumentPhrases
    from .relations import Evidence

# documents columns after (slug, parent, file, position), in encode_document's order
DOCUMENT_COLUMNS = ("kind", "title", "url", "author", "published", "word_count", "reading_time",
                    "tags", "links", "metadata", "source", "source_hash", "author_slug",
                    "author_lower", "url_key", "title_key", "title_lower", "date_key")
# document_data columns after document, in encode_document_data's order
DATA_COLUMNS = ("blocks", "mentions", "cues", "phrases", "text")


def dumps(value) -> str:
    return orjson.dumps(value).decode()


def loads(text):
    """JSON from the store; a store whose JSON does not parse is damaged."""
    try:
        return orjson.loads(text)
    except (orjson.JSONDecodeError, TypeError) as exc:
        raise StoreError(f"the graph store is damaged (bad JSON: {exc}); rebuild it with "
                         f"`contentgraph build`") from None


def date_key(published: str | None) -> int:
    """YYYYMMDD of a date for sorting (missing parts as zeros; 0 without a date).

    >>> date_key("2026-03-01"), date_key("2026"), date_key(None)
    (20260301, 20260000, 0)
    """
    digits = "".join(ch for ch in (published or "") if ch.isdigit())[:8]
    return int(digits.ljust(8, "0")) if digits else 0


# --- documents ------------------------------------------------------------------------------

def encode_document(doc: Document) -> tuple:
    """The documents columns of ``doc`` named in DOCUMENT_COLUMNS."""
    return (doc.kind, doc.title, doc.url, doc.author, doc.published, doc.word_count,
            doc.reading_time, dumps(doc.tags), dumps(doc.links), dumps(doc.metadata), doc.source,
            doc.source_hash, slugify(doc.author) if doc.author else None,
            doc.author.lower() if doc.author else None,
            normalize_url(doc.url) if doc.url else None, normalize_phrase(doc.title),
            doc.title.lower(), date_key(doc.published))


def encode_document_data(doc: Document, mentions: list[Mention], cues: list[RelationCue],
                         phrases: DocumentPhrases, numbers: dict[str, int]) -> tuple:
    """The document_data columns named in DATA_COLUMNS (``numbers``: ``concept_numbers``)."""
    blocks = [[b.kind, b.level, b.start, b.end] for b in doc.blocks]
    return (dumps(blocks), encode_mentions(mentions, numbers), encode_cues(cues),
            encode_phrases(phrases), doc.text)


def decode_document(slug: str, parent: str | None, columns: tuple, blocks: str,
                    text: str) -> Document:
    """The Document of a documents row (``columns`` as DOCUMENT_COLUMNS, from ``kind`` to
    ``source_hash``) and its blocks and text."""
    (kind, title, url, author, published, _, reading_time, tags, links, metadata, source,
     source_hash) = columns[:12]
    return Document(slug, kind, title, decode_blocks(blocks, text), source, source_hash, url=url,
                    author=author, published=published, tags=loads(tags), links=loads(links),
                    parent=parent, reading_time=reading_time, metadata=loads(metadata))


def decode_blocks(blocks: str, text: str) -> list[Block]:
    rows = loads(blocks)
    return [Block(kind, text[start:end], section, start, end, level)
            for (kind, level, start, end), section in zip(rows, _sections(rows, text))]


def block_sections(blocks: str, text: str) -> list[str | None]:
    """The section heading of each stored block (None before the first heading of level 2+)."""
    return _sections(loads(blocks), text)


def _sections(rows: list, text: str) -> list[str | None]:
    out, section = [], None
    for kind, level, start, end in rows:
        if kind == "heading" and level >= 2:
            section = text[start:end]
        out.append(section)
    return out


def document_text(blocks: list[Block]) -> str:
    return BLOCK_SEPARATOR.join(b.text for b in blocks)


# --- mentions, cues, phrases ----------------------------------------------------------------

NO_FLAGS = (0, 0)  # negated, hypothetical of a stored mention with none


def concept_numbers(taxonomy: Taxonomy) -> dict[str, int]:
    """Each concept's number in stored mentions: its place in the taxonomy (``concepts.position``;
    ``list(taxonomy.concepts)`` turns numbers back into slugs)."""
    return {slug: number for number, slug in enumerate(taxonomy.concepts)}


def encode_mentions(mentions: list[Mention], numbers: dict[str, int]) -> str:
    """The mentions by position, each concept by its number in ``numbers``
    (``decode_mentions`` gives them back in that order)."""
    return dumps([[numbers[m.concept], m.block, m.sentence_start,
                   m.sentence_start + len(m.sentence), m.start, m.end, *_flags(m)]
                  for m in sorted(mentions, key=lambda m: (m.start, m.end))])


def _flags(m: Mention) -> tuple[int, ...]:
    """``(negated, hypothetical)`` of a mention that is either, else nothing (most are not)."""
    return (int(m.negated), int(m.hypothetical)) if m.negated or m.hypothetical else ()


def decode_mentions(doc: Document, mentions: str, slugs: Sequence[str]) -> list[Mention]:
    """The Mentions of a stored document (``slugs``: the concepts' slugs by number)."""
    text, blocks = doc.text, doc.blocks
    sentences: dict[tuple[int, int], str] = {}
    out = []
    for number, block, s_start, s_end, start, end, *flags in loads(mentions):
        negated, hypothetical = flags or NO_FLAGS
        sentence = sentences.get((s_start, s_end))
        if sentence is None:
            sentence = sentences[s_start, s_end] = text[s_start:s_end]
        out.append(Mention(slugs[number], doc.slug, block, blocks[block].section, sentence,
                           s_start, start, end, text[start:end], bool(negated), bool(hypothetical)))
    return out


def mention_stats(blocks: str, mentions: str, slugs: Sequence[str]) -> dict[str, list]:
    """``loaders.scoring.concept_stats`` of a stored document's blocks and mentions."""
    kinds = loads(blocks)
    return tally_mentions((slugs[m[0]], kinds[m[1]][0], kinds[m[1]][1], m[6] if len(m) > 6 else 0)
                          for m in loads(mentions))


def encode_cues(cues: list[RelationCue]) -> bytes:
    return _compress(dumps([[c.source, c.target, c.kind, c.cue, c.evidence.start, c.evidence.end,
                             c.evidence.section, c.evidence.highlights] for c in cues]))


def decode_cues(doc: Document, cues: bytes) -> list[RelationCue]:
    text = doc.text
    return [RelationCue(source, target, kind,
                        Passage(doc.slug, section, text[start:end], start, end,
                                tuple(map(tuple, highlights))), cue)
            for source, target, kind, cue, start, end, section, highlights
            in loads(_decompress(cues, "cues"))]


def encode_phrases(phrases: DocumentPhrases) -> bytes:
    distinct, more = phrases
    return _compress("\n".join(distinct) + "\x00" + "\n".join(more))


def decode_phrases(data: bytes) -> DocumentPhrases:
    distinct, _, more = _decompress(data, "phrases").partition("\x00")
    return (distinct.split("\n") if distinct else []), (more.split("\n") if more else [])


def _compress(text: str) -> bytes:
    return zlib.compress(text.encode(), 6)


def _decompress(data: bytes, what: str) -> str:
    try:
        return zlib.decompress(data).decode()
    except (zlib.error, TypeError, UnicodeDecodeError) as exc:
        raise StoreError(f"the graph store is damaged ({what}: {exc}); rebuild it with "
                         f"`contentgraph build`") from None


# --- passages, evidence, terms, errors ------------------------------------------------------

def encode_passage(p: Passage) -> list:
    return [p.document, p.section, p.text, p.start, p.end, p.highlights]


def decode_passage(row) -> Passage:
    document, section, text, start, end, highlights = row
    return Passage(document, section, text, start, end, tuple(map(tuple, highlights)))


def encode_evidence(evidence: Iterable[Evidence],
                    documents: Callable[[str], tuple[int, list[tuple[int, int]]]]) -> str:
    """Evidence as ``[document id, start, end, highlights, section]``, the section the span of
    its heading (or null); ``documents``: a document's id and ``headings`` from its slug. The
    sentence and its section are read from the document's text."""
    out = []
    for p in evidence:
        doc_id, spans = documents(p.document)
        out.append([doc_id, p.start, p.end, p.highlights, _heading_at(spans, p.start)])
    return dumps(out)


def headings(blocks: str) -> list[tuple[int, int]]:
    """The spans of a stored document's section headings (level 2 and below), by start."""
    return [(start, end) for kind, level, start, end in loads(blocks)
            if kind == "heading" and level >= 2]


def _heading_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    place = bisect_right(spans, offset, key=lambda span: span[0]) - 1
    return spans[place] if place >= 0 else None


def read_evidence(read: Callable[..., list[tuple]], columns: Sequence[str],
                  first: int | None = None) -> list[tuple[Passage, ...]]:
    """The Passages of each evidence column of ``columns`` (its ``first`` ones; all when None),
    the documents they quote read in one query through ``read(sql, params)`` (a
    ``store.Store``'s ``rows``, or a connection's)."""
    if first == 0:
        return [() for _ in columns]
    evidence = [loads(column)[:first] for column in columns]
    quoted = sorted({row[0] for passages in evidence for row in passages})
    documents = {doc_id: (slug, text) for doc_id, slug, text in read(
        "SELECT d.id, d.slug, x.text FROM documents d JOIN document_data x "
        "ON x.document = d.id WHERE d.id IN (SELECT value FROM json_each(?))",
        (dumps(quoted),))} if quoted else {}
    return [tuple(_quoted(documents, *row) for row in passages) for passages in evidence]


def _quoted(documents: dict[int, tuple[str, str]], document: int, start: int, end: int,
            highlights: list, section: list | None) -> Passage:
    """The Passage of a stored ``[document id, start, end, highlights, section]``."""
    try:
        slug, text = documents[document]
    except KeyError:
        raise StoreError(f"the graph store is damaged (evidence quotes document {document}, "
                         f"which it does not hold); rebuild it with `contentgraph build`") from None
    return Passage(slug, text[section[0]:section[1]] if section else None, text[start:end],
                   start, end, tuple(map(tuple, highlights)))


def encode_errors(errors: list[LoadError]) -> str:
    return dumps([[e.path, e.reason, e.line] for e in errors])


def decode_errors(text: str) -> list[LoadError]:
    return [LoadError(path, reason, line) for path, reason, line in loads(text)]


def decode_candidate(row: tuple) -> CandidateTerm:
    phrase, count, documents, examples, score, kind, variants = row
    return CandidateTerm(phrase, count, documents, tuple(loads(examples)), score, kind,
                         tuple(loads(variants)))


# --- concepts -------------------------------------------------------------------------------

CONCEPT_COLUMNS = ("slug", "label", "kind", "definition", "alt_labels", "broader", "related",
                   "sensitive", "context", "unless", "source", "position")


def encode_concept(concept: Concept, position: int) -> tuple:
    """The concepts columns named in CONCEPT_COLUMNS."""
    return (concept.slug, concept.label, concept.kind.value, concept.definition,
            dumps(concept.alt_labels), dumps(concept.broader),
            dumps([[link.kind.value, link.target] for link in concept.related]),
            int(concept.sensitive),
            dumps([[list(c.labels), list(c.words)] for c in concept.context]),
            dumps(concept.unless), concept.source, position)


def decode_concept(row: tuple) -> Concept:
    """The Concept of the concepts columns named in CONCEPT_COLUMNS (``position`` left out)."""
    slug, label, kind, definition, alt_labels, broader, related, sensitive, context, unless, \
        source = row[:11]
    try:
        return Concept(slug, label, ConceptKind(kind), loads(alt_labels), definition,
                       loads(broader), [ConceptLink(RelationKind(k), t) for k, t in loads(related)],
                       bool(sensitive),
                       [LabelContext(tuple(labels), tuple(words))
                        for labels, words in loads(context)],
                       loads(unless), source)
    except ValueError as exc:
        raise StoreError(f"the graph store is damaged (concept {slug!r}: {exc}); rebuild it "
                         f"with `contentgraph build`") from None
