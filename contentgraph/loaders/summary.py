"""Loaded documents as JSON-able dicts and as a per-file summary (what ``contentgraph load``
prints)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict

from .model import Document, LoadError, LoadResult


def document_dict(doc: Document) -> dict:
    """Every field of ``doc``, its blocks included, plus ``word_count``; JSON-able."""
    data = asdict(doc)
    data["word_count"] = doc.word_count
    return data


def error_dict(error: LoadError) -> dict:
    return {"path": error.path, "line": error.line, "reason": error.reason,
            "message": str(error)}


def result_dict(result: LoadResult) -> dict:
    """``{"documents": [...], "errors": [...]}`` for a load result."""
    return {"documents": [document_dict(d) for d in result.documents],
            "errors": [error_dict(e) for e in result.errors]}


def summary_lines(result: LoadResult) -> list[str]:
    """One line per source file (documents by kind, words), then the totals.

    >>> from contentgraph.loaders.model import make_blocks
    >>> doc = Document("a", "article", "A", make_blocks([("heading", "A", 1)]), "x.md", "h")
    >>> summary_lines(LoadResult([doc], [LoadError("y.txt", "empty file")]))
    ['x.md: 1 article, 1 words', 'total: 1 article from 1 file; 1 error']
    """
    by_file: dict[str, Counter] = {}
    words: Counter = Counter()
    for doc in result.documents:
        path = doc.source.split("#", 1)[0]
        by_file.setdefault(path, Counter())[doc.kind] += 1
        words[path] += doc.word_count
    lines = [f"{path}: {_kinds(kinds)}, {words[path]} words" for path, kinds in by_file.items()]
    total = Counter(d.kind for d in result.documents)
    n_errors = len(result.errors)
    lines.append(f"total: {_kinds(total) or 'no documents'} from {len(by_file)} "
                 f"file{'s' if len(by_file) != 1 else ''}; {n_errors} "
                 f"error{'s' if n_errors != 1 else ''}")
    return lines


def _kinds(counts: Counter) -> str:
    order = ("article", "question", "answer")
    return ", ".join(f"{counts[k]} {k}{'s' if counts[k] != 1 else ''}" for k in order
                     if counts[k])
