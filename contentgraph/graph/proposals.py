"""Taxonomy proposals: the best candidate terms written as a taxonomy file for a content team.

The team edits the file (labels, kinds, definitions), deletes what it does not want or moves it
to ``rejected:`` (never proposed again), and passes the file back to ``contentgraph build
--taxonomy``: what it kept becomes concepts, what it rejected stays out of the candidates.
"""

from __future__ import annotations

import yaml

from ..loaders.slugs import slugify
from ..taxonomy.model import ConceptKind
from ..taxonomy.normalize import normalize_phrase
from .facade import ConceptGraph

FALLBACK_KIND = ConceptKind.BEHAVIOR

HEADER = """\
# Proposed concepts: frequent phrases of this writing that the taxonomy does not know yet,
# best first (contentgraph taxonomy suggest). For each entry, keep it (edit its label, kind and
# definition; add other names to alt_labels), delete it, or move its phrase to `rejected:` at
# the end so that it is never proposed again. Then build with `--taxonomy` and this file.
"""


def taxonomy_proposals(cg: ConceptGraph, top: int = 30) -> str:
    """The ``top`` candidate terms of ``cg`` as taxonomy YAML (valid as it is), each with its
    counts, its guessed kind and example sentences as comments, and an empty ``rejected:``."""
    taken = {c.slug for c in cg.taxonomy}
    parts = [HEADER, "concepts:\n"]
    for term in cg.candidate_terms[:top]:
        slug = slugify(term.phrase)
        n = 2
        while slug in taken:
            slug, n = f"{slugify(term.phrase)}-{n}", n + 1
        taken.add(slug)
        kind = ConceptKind(term.kind) if term.kind else FALLBACK_KIND
        others = [v for v in term.variants if normalize_phrase(v) != normalize_phrase(term.phrase)]
        parts.append(f"\n  # {term.document_count} documents, {term.count} uses; score "
                     f"{term.score:g}; kind {'guessed' if term.kind else 'unknown: check it'}\n")
        if term.variants:
            parts.append(f"  # also written: {'; '.join(term.variants)}\n")
        for example in term.examples:
            parts.append(f"  # e.g. {' '.join(example.split())}\n")
        entry = {"slug": slug, "label": term.phrase, "kind": kind.value.lower(),
                 "alt_labels": others}
        body = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=1000)
        parts.append("".join("  " + line + "\n" for line in body.splitlines()))
        parts.append("    # definition: one line for the concept page\n")
    parts.append("\n# Phrases the team turned down: never proposed again.\nrejected: []\n")
    return "".join(parts)
