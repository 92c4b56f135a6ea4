"""Builds that would empty a live graph by mistake are refused before anything is written.

``check_sources`` runs before a build (every source named must exist and be readable as a
source); ``check_result`` after it, before the graph store is replaced (a build must load some
document, and must not drop most of the documents of the store it replaces).
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from ..errors import BuildRefused
from ..loaders.load import READERS, is_supported, source_paths
from .facade import ConceptGraph


def check_sources(sources: Iterable[str | Path], allow_empty: bool = False) -> None:
    """Raise BuildRefused naming every source that does not exist or is a file of a type no
    reader handles; and, unless ``allow_empty``, every glob that matches no supported file."""
    sources = [str(s) for s in sources]
    problems = [f"{e.path}: {e.reason}" for e in source_paths(sources)[1]
                if not (allow_empty and glob.has_magic(e.path))]
    problems += [f"{name}: unsupported file type '{Path(name).suffix or '(none)'}' (supported: "
                 f"{', '.join(sorted(READERS))})" for name in sources
                 if not glob.has_magic(name) and Path(name).is_file() and not is_supported(name)]
    if problems:
        raise BuildRefused("; ".join(problems))


def check_result(graph: ConceptGraph, previous: ConceptGraph | None, allow_empty: bool = False,
                 prune: bool = False) -> None:
    """Raise BuildRefused when ``graph`` has no document (unless ``allow_empty``), or when it
    would drop more than half of the documents of ``previous`` (unless ``prune``)."""
    if not _documents(graph) and not allow_empty:
        raise BuildRefused("the build loaded no document (pass --allow-empty to write an "
                           "empty graph)")
    if previous is None or prune:
        return
    before = _documents(previous)
    removed = sum(not graph.has_document(slug) for slug in previous.document_slugs())
    if removed * 2 > before:
        raise BuildRefused(f"the build would remove {removed:,} of the {before:,} "
                           f"documents of the graph it replaces (pass --prune to remove them)")


def _documents(graph: ConceptGraph) -> int:
    stats = graph.stats()
    return stats.articles + stats.questions + stats.answers
