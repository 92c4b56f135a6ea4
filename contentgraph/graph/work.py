"""The per-file stages of a build, as functions a Dask worker (or the build's own process) runs.

A task gets a batch of source files as bytes (the worker needs no access to the client's
disk), reads, cleans and extracts each one, and gives back rows ready for the store and one
``relations.Summary`` of the whole batch (added up here, so that the client unpickles and adds
one summary a task, not one a file): nothing it returns grows with anything but the batch.
Stored files whose extraction or summary a build needs again come as the store's own rows.
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass
from typing import NamedTuple

from ..loaders.candidates import DocumentPhrases, document_phrases
from ..loaders.cues import find_cues
from ..loaders.extract import Extractor
from ..loaders.load import read_source
from ..loaders.model import Document, LoadError, Mention, RelationCue
from ..loaders.options import LoadOptions
from ..taxonomy.model import Taxonomy
from . import rows
from .relations import Summary, summarize


class DocumentWork(NamedTuple):
    """One document read and extracted: what ``loaders.load.claim_slugs`` reads of it (``head``:
    slug, kind, title, source, source hash and parent, as the reader made them), and its
    documents and document_data columns. Plain tuples: cheap between processes."""

    head: tuple
    columns: tuple
    data: tuple

    def document(self) -> Document:
        """The head as a Document without blocks."""
        slug, kind, title, source, source_hash, parent = self.head
        return Document(slug, kind, title, [], source, source_hash, parent=parent)


class FileWork(NamedTuple):
    """One source file's share of a build."""

    path: str
    hash: str
    errors: list[LoadError]
    explicit: set[str]  # slugs the file names itself
    documents: list[DocumentWork]


@dataclass(frozen=True, slots=True)
class Shared:
    """What every task of one build needs: the taxonomy (by its fingerprint) and load options."""

    taxonomy: Taxonomy
    fingerprint: str
    options: LoadOptions


_EXTRACTORS: dict[str, Extractor] = {}  # taxonomy fingerprint -> Extractor, per process


@contextlib.contextmanager
def fewer_collections():
    """Run the cyclic garbage collector less often, and never over what exists already: a
    build makes millions of short-lived objects and almost no cycles, and collecting every 700
    allocations cost a client a third of its time unpickling its workers' results."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def extractor_for(shared: Shared) -> Extractor:
    """The extractor of ``shared.taxonomy``, made once per process (the last two are kept)."""
    if shared.fingerprint not in _EXTRACTORS:
        while len(_EXTRACTORS) >= 2:
            _EXTRACTORS.pop(next(iter(_EXTRACTORS)))
        _EXTRACTORS[shared.fingerprint] = Extractor(shared.taxonomy)
    return _EXTRACTORS[shared.fingerprint]


def read_files(batch: list[tuple[str, str, bytes | str]], shared: Shared
               ) -> tuple[list[FileWork], Summary]:
    """Read and extract each ``(path, content hash, bytes)`` of ``batch`` (instead of the bytes,
    the reason they could not be read); the files' summaries added up."""
    extractor = extractor_for(shared)
    numbers = rows.concept_numbers(shared.taxonomy)
    out, summary = [], Summary()
    for path, digest, data in batch:
        if isinstance(data, str):
            out.append(FileWork(path, digest, [LoadError(path, f"cannot read the file: {data}")],
                                set(), []))
            continue
        read = read_source(path, data, shared.options)
        errors, documents, extracted = list(read.errors), [], []
        for position, doc in enumerate(read.documents):
            found = extract(doc, extractor, shared.taxonomy, errors)
            if found is None:
                continue
            mentions, cues = found
            documents.append(document_work(doc, mentions, cues, extractor, numbers))
            extracted.append((position, doc, mentions, cues))
        out.append(FileWork(path, digest, errors, set(read.explicit_slugs), documents))
        summary.add(summarize(path, extracted))
    return out, summary


def extract(doc: Document, extractor: Extractor, taxonomy: Taxonomy,
            errors: list[LoadError]) -> tuple[list[Mention], list[RelationCue]] | None:
    """A document's mentions and cues; None (and an error) when extraction fails on it."""
    try:
        mentions = extractor.mentions(doc)
        return mentions, find_cues(doc, mentions, taxonomy)
    except Exception as exc:  # noqa: BLE001 - one document's failure must not stop the build
        errors.append(LoadError(doc.source, f"extraction failed for document '{doc.slug}': "
                                            f"{exc}"))
        return None


def document_work(doc: Document, mentions: list[Mention], cues: list[RelationCue],
                  extractor: Extractor, numbers: dict[str, int]) -> DocumentWork:
    """``numbers``: ``rows.concept_numbers`` of the extractor's taxonomy."""
    phrases: DocumentPhrases = document_phrases(doc, mentions, extractor)
    head = (doc.slug, doc.kind, doc.title, doc.source, doc.source_hash, doc.parent)
    return DocumentWork(head, rows.encode_document(doc),
                        rows.encode_document_data(doc, mentions, cues, phrases, numbers))


# A stored document: (id, place in file, slug, parent, documents columns, blocks, text,
# mentions, cues), as ``build._stored_rows`` reads it.
StoredRow = tuple


def stored_documents(rows_: list[StoredRow]):
    """``(id, place, Document, mentions column, cues column)`` of stored rows."""
    for doc_id, position, slug, parent, columns, blocks, text, mentions, cues in rows_:
        yield doc_id, position, rows.decode_document(slug, parent, columns, blocks, text), \
            mentions, cues


def summarize_stored(path: str, rows_: list[StoredRow], taxonomy: Taxonomy) -> Summary:
    """The summary of a stored file whose extraction (with ``taxonomy``) still holds."""
    slugs = list(taxonomy.concepts)
    return summarize(path, ((position, doc, rows.decode_mentions(doc, mentions, slugs),
                             rows.decode_cues(doc, cues))
                            for _, position, doc, mentions, cues in stored_documents(rows_)))


def extract_stored(path: str, rows_: list[StoredRow], shared: Shared
                   ) -> tuple[list[tuple[int, tuple | None]], list[LoadError], Summary]:
    """Extract a stored file's documents again (the taxonomy changed): per document id its new
    (mentions, cues, phrases) columns, or None when extraction failed; the errors;
    the summary."""
    extractor = extractor_for(shared)
    numbers = rows.concept_numbers(shared.taxonomy)
    changed, errors, extracted = [], [], []
    for doc_id, position, doc, _, _ in stored_documents(rows_):
        found = extract(doc, extractor, shared.taxonomy, errors)
        if found is None:
            changed.append((doc_id, None))
            continue
        mentions, cues = found
        data = rows.encode_document_data(doc, mentions, cues,
                                         document_phrases(doc, mentions, extractor), numbers)
        changed.append((doc_id, data[1:4]))
        extracted.append((position, doc, mentions, cues))
    return changed, errors, summarize(path, extracted)
