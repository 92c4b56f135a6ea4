"""The gap report and the graph's statistics as tables, and those tables as Markdown, CSV, JSON.

``gap_tables`` and ``stats_tables`` read the facade only; the ``to_*`` renderers are pure text.
A cell is a str, int, float or a list of strings (a list stays a list in JSON and is "; "-joined
elsewhere).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import partial

from .facade import ConceptGraph


@dataclass(frozen=True, slots=True)
class Table:
    """One list of the report: a name, a title, column names and rows of cells."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def gap_tables(cg: ConceptGraph) -> list[Table]:
    """What to write next, then the five lists of ``cg.gaps()``, with labels and titles beside
    the slugs."""
    gaps = cg.gaps()
    label, title = partial(concept_label, cg), partial(document_title, cg)
    return [
        Table("write_next", "What to write next: readers' demand, what is missing, the "
                            "field's weight",
              ("rank", "concept", "label", "gap", "score", "questions", "views", "upvotes",
               "articles", "central", "reason", "examples", "nearest"),
              tuple((i, w.concept, label(w.concept), w.gap.value, w.score, w.questions, w.views,
                     w.upvotes, w.articles, w.central, w.reason,
                     [title(q) for q in w.examples], [title(a) for a in w.nearest])
                    for i, w in enumerate(gaps.write_next, 1))),
        Table("uncovered", "Uncovered concepts: in the taxonomy, in no article",
              ("concept", "label", "kind"),
              tuple((s, label(s), _kind(cg, s)) for s in gaps.uncovered)),
        Table("thin", "Thin concepts: in articles, never central to one",
              ("concept", "label", "kind", "articles", "mentions"),
              tuple((s, label(s), _kind(cg, s), cg.article_count(s), cg.mention_count(s))
                    for s in gaps.thin)),
        Table("candidate_terms", "Candidate terms: phrases of the field the taxonomy does not "
                                 "know, most worth a concept first",
              ("phrase", "kind", "score", "documents", "count", "variants", "example"),
              tuple((t.phrase, t.kind or "", t.score, t.document_count, t.count,
                     list(t.variants), t.examples[0] if t.examples else "")
                    for t in gaps.candidate_terms)),
        Table("missing_links", "Missing links: articles sharing strong concepts, not linked",
              ("from", "from_title", "to", "to_title", "via", "score", "sentence"),
              tuple((m.source, title(m.source), m.target, title(m.target),
                     [label(s) for s in m.via], round(m.score, 3),
                     m.sentence.text if m.sentence else "")
                    for m in gaps.missing_links)),
        Table("unanswered_questions",
              "Unanswered questions: concepts readers ask about, with few or no articles",
              ("concept", "label", "questions", "articles", "examples"),
              tuple((q.concept, label(q.concept), q.question_count, q.article_count,
                     [title(d) for d in q.examples])
                    for q in gaps.unanswered_questions)),
    ]


def stats_tables(cg: ConceptGraph, top: int = 10) -> list[Table]:
    """Counts, the ``top`` concepts by PageRank, and each community with its ``top`` concepts."""
    stats = cg.stats()
    counts = Table("counts", "Counts", ("what", "count"), (
        ("articles", stats.articles), ("questions", stats.questions), ("answers", stats.answers),
        ("authors", stats.authors), ("concepts", stats.concepts), ("mentions", stats.mentions),
        ("relations", stats.relations), ("built at", stats.built_at)))
    label = partial(concept_label, cg)
    ranked = sorted(cg.centrality().items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    central = Table("central", f"Top {top} concepts by PageRank",
                    ("rank", "concept", "label", "pagerank", "articles"),
                    tuple((i, s, label(s), round(score, 4), cg.article_count(s))
                          for i, (s, score) in enumerate(ranked, 1)))
    communities = Table("communities", "Communities (Louvain) with their top concepts",
                        ("community", "size", "top_concepts"),
                        tuple((c.id, len(c.concepts), [label(s) for s in c.concepts[:top]])
                              for c in cg.communities()))
    return [counts, central, communities]


def concept_label(cg: ConceptGraph, slug: str) -> str:
    """The concept's label, or ``slug`` when the taxonomy has no such concept."""
    concept = cg.concept(slug)
    return concept.label if concept is not None else slug


def document_title(cg: ConceptGraph, slug: str) -> str:
    """The document's title (from its summary: its text is not read), or ``slug`` when the
    graph has no such document."""
    document = cg.summary(slug)
    return document.title if document is not None else slug


def _kind(cg: ConceptGraph, slug: str) -> str:
    concept = cg.concept(slug)
    return concept.kind.value if concept is not None else ""


def cell_text(value) -> str:
    """A cell as one line of text: lists "; "-joined."""
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as a formula


def csv_cell(value) -> str:
    """A cell as CSV text that a spreadsheet will not run as a formula (the text comes from
    articles): text starting like one gets a leading ``'``; numbers stay as they are."""
    text = cell_text(value)
    if isinstance(value, (str, list)) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def to_markdown(tables: list[Table]) -> str:
    """Each table under a ``##`` heading as a GitHub-flavoured Markdown table."""
    parts = []
    for table in tables:
        parts.append(f"## {table.title}\n")
        if not table.rows:
            parts.append("_None._\n")
            continue
        lines = ["| " + " | ".join(table.columns) + " |",
                 "|" + "|".join(" --- " for _ in table.columns) + "|"]
        for row in table.rows:
            lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _md_cell(value) -> str:
    return cell_text(value).replace("|", "\\|").replace("\n", " ")


def to_csv(tables: list[Table]) -> str:
    """One CSV: a ``list`` column naming each row's table, then the union of the columns."""
    columns: list[str] = []
    for table in tables:
        columns += [c for c in table.columns if c not in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["list", *columns])
    for table in tables:
        for record in table.records():
            writer.writerow([table.name, *(csv_cell(record.get(c, "")) for c in columns)])
    return out.getvalue()


def to_json(tables: list[Table]) -> str:
    """``{table name: [row objects]}``, lists kept as JSON arrays."""
    return json.dumps({t.name: t.records() for t in tables}, ensure_ascii=False, indent=2)
