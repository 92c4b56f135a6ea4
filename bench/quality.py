"""Extraction quality against hand-annotated gold files: concepts and the relations texts state.

    .venv/bin/python bench/quality.py [GOLD.yaml ...] [--allowed FILE] [--taxonomy FILE]...
                                      [--details] [--json]

With no gold file it scores ``../shared/corpus/gold/seeds.yaml`` (with the reviewed allow-list
``bench/quality-allowed.yaml``) and ``../shared/corpus/gold/counsel-chat-dev.yaml``.

A gold file (format: ``../shared/corpus/gold/GUIDE.md``) lists texts, each with its concepts
(``label``, ``kind``, ``surface`` forms) and the relations it states (``from``, ``to``, ``kind``).
Each gold file's texts are built into one graph with the real pipeline (``graph.build``), and:

- a found concept (one of a document's concepts in the graph) matches a gold concept when one of
  its labels (label, altLabels, context labels), normalised like every label (case, dashes,
  spelling, lemmas; a gap ``*`` is left out), is the gold label or one of its surface forms. Recall: gold concepts matched. Precision: found concepts that match
  one, or that the allow-list names for that text (a lower bound: gold lists are never complete);
- a gold relation is found when the graph relates a concept matching ``from`` to one matching
  ``to`` with an evidence passage from that very text; its kind agrees when one of those edges has
  the gold kind in the gold direction (either way for ``associated_with`` and ``contrasts_with``).

Prints recall and precision overall, per kind and per file, the missed and the unexpected
concepts (with ``--details``), relation recall and kind agreement. ``score(gold_path)`` returns the
same as a ``Score`` for tests.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE.parent / ".." / "shared" / "corpus" / "gold"
DEFAULTS = ((GOLD_DIR / "seeds.yaml", HERE / "quality-allowed.yaml"),
            (GOLD_DIR / "counsel-chat-dev.yaml", None))
SYMMETRIC = {"ASSOCIATED_WITH", "CONTRASTS_WITH"}


@dataclass
class Tally:
    """Counts behind a recall or precision figure."""

    gold: int = 0
    found: int = 0  # gold items found
    extracted: int = 0
    right: int = 0  # extracted items that are right

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.extracted if self.extracted else 0.0


@dataclass
class FileScore:
    file: str
    concepts: Tally = field(default_factory=Tally)
    missed: list[str] = field(default_factory=list)  # "label (kind)"
    unexpected: list[str] = field(default_factory=list)  # "slug (label)"
    relations: int = 0
    relations_found: int = 0
    kind_agrees: int = 0
    missed_relations: list[str] = field(default_factory=list)


@dataclass
class Score:
    gold: str
    concepts: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    files: list[FileScore] = field(default_factory=list)

    @property
    def relations(self) -> int:
        return sum(f.relations for f in self.files)

    @property
    def relations_found(self) -> int:
        return sum(f.relations_found for f in self.files)

    @property
    def kind_agrees(self) -> int:
        return sum(f.kind_agrees for f in self.files)

    @property
    def relation_recall(self) -> float:
        return self.relations_found / self.relations if self.relations else 0.0

    @property
    def kind_agreement(self) -> float:
        return self.kind_agrees / self.relations_found if self.relations_found else 0.0


def text_path(gold_path: Path, name: str) -> Path:
    """Where a gold entry's text is: beside the gold file, in the folder named after it
    (``counsel-chat-dev/``), or relative to the corpus folder above."""
    for base in (gold_path.parent, gold_path.parent / gold_path.stem, gold_path.parent.parent):
        if (base / name).is_file():
            return base / name
    raise FileNotFoundError(f"{gold_path}: text {name!r} not found beside it, in "
                            f"{gold_path.stem}/ or in {gold_path.parent.parent}")


def read_allowed(path: Path | None) -> set[tuple[str, str]]:
    """``(file name, concept slug)`` pairs reviewed as right although the gold file omits them."""
    if path is None:
        return set()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {(Path(item["file"]).name, item["concept"]) for item in data.get("allowed", [])}


def score(gold_path: str | Path, allowed: str | Path | None = None,
          taxonomy_files: tuple[str, ...] = ()) -> Score:
    """Build the gold file's texts and score the graph against the annotation."""
    from contentgraph.graph.build import build
    from contentgraph.taxonomy.normalize import normalize_phrase

    gold_path = Path(gold_path).resolve()
    articles = yaml.safe_load(gold_path.read_text(encoding="utf-8"))["articles"]
    paths = {str(text_path(gold_path, a["file"]).resolve()): a for a in articles}
    report = build(list(paths), taxonomy_files)
    if report.errors:
        raise RuntimeError("; ".join(map(str, report.errors)))
    graph = report.graph
    taxonomy = graph.taxonomy
    forms = {c.slug: {normalize_phrase(x) for x in (c.label, *c.alt_labels,
                                                     *(x for ctx in c.context for x in ctx.labels))}
             for c in taxonomy}
    reviewed = read_allowed(Path(allowed) if allowed else None)
    by_source = {d.source: d for d in graph.documents(kind="article")}
    by_source.update({d.source: d for d in graph.documents(kind="answer")})
    result = Score(str(gold_path))
    for path, article in paths.items():
        doc = by_source[path]
        name = Path(article["file"]).name
        found = {dc.concept for dc in graph.document_concepts(doc.slug)}
        file_score = FileScore(name)
        matches: dict[str, set[str]] = {}  # gold label -> found slugs matching it
        for g in article["concepts"]:
            wanted = {normalize_phrase(x) for x in (g["label"], *g.get("surface", []))}
            hits = {slug for slug in found if forms[slug] & wanted}
            matches[g["label"]] = hits
            kind = result.by_kind.setdefault(g["kind"].replace("behaviour", "behavior"), Tally())
            for tally in (result.concepts, kind, file_score.concepts):
                tally.gold += 1
                tally.found += bool(hits)
            if not hits:
                file_score.missed.append(f"{g['label']} ({g['kind']})")
        matched = set().union(*matches.values()) if matches else set()
        for slug in sorted(found):
            right = slug in matched or (name, slug) in reviewed
            kind = result.by_kind.setdefault(taxonomy[slug].kind.value.lower(), Tally())
            for tally in (result.concepts, kind, file_score.concepts):
                tally.extracted += 1
                tally.right += right
            if not right:
                file_score.unexpected.append(f"{slug} ({taxonomy[slug].label})")
        for r in article.get("relations") or []:
            file_score.relations += 1
            edges = _evidenced_edges(graph.graph, matches.get(r["from"], set()),
                                     matches.get(r["to"], set()), doc.slug)
            kind = r["kind"].upper()
            if edges:
                file_score.relations_found += 1
                file_score.kind_agrees += any(
                    k == kind and (forward or kind in SYMMETRIC) for k, forward in edges)
            else:
                file_score.missed_relations.append(f"{r['from']} -{r['kind']}-> {r['to']}")
        result.files.append(file_score)
    return result


def _evidenced_edges(graph, sources: set[str], targets: set[str], document: str):
    """``(kind, forward)`` of each edge between the two sets whose evidence quotes ``document``."""
    out = []
    for a in sources:
        for b in targets:
            for u, v, forward in ((a, b, True), (b, a, False)):
                for kind, data in (graph.get_edge_data(f"concept:{u}", f"concept:{v}") or {}).items():
                    if any(p.document == document for p in data.get("evidence") or ()):
                        out.append((kind, forward))
    return out


def render(result: Score, details: bool = False) -> str:
    c = result.concepts
    lines = [f"== {result.gold}",
             f"concepts: recall {c.recall:.3f} ({c.found}/{c.gold}), precision "
             f"{c.precision:.3f} ({c.right}/{c.extracted})",
             f"relations with evidence from their text: {result.relation_recall:.3f} "
             f"({result.relations_found}/{result.relations}), kind agrees on "
             f"{result.kind_agreement:.3f} ({result.kind_agrees}/{result.relations_found})",
             "per kind (recall found/gold, precision right/extracted):"]
    for kind, t in sorted(result.by_kind.items()):
        lines.append(f"  {kind:18s} recall {t.found:3d}/{t.gold:<3d} precision {t.right:3d}/{t.extracted}")
    lines.append("per file:")
    for f in result.files:
        t = f.concepts
        lines.append(f"  {f.file:28s} recall {t.found:2d}/{t.gold:<2d} precision {t.right:2d}/"
                     f"{t.extracted:<2d} relations {f.relations_found}/{f.relations} "
                     f"(kind {f.kind_agrees})")
        if details:
            lines += [f"      missed     {m}" for m in f.missed]
            lines += [f"      unexpected {u}" for u in f.unexpected]
            lines += [f"      no relation {r}" for r in f.missed_relations]
    return "\n".join(lines)


def as_dict(result: Score) -> dict:
    data = asdict(result)
    data.update(relation_recall=result.relation_recall, kind_agreement=result.kind_agreement,
                recall=result.concepts.recall, precision=result.concepts.precision)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, help="gold files (default: seeds and dev)")
    parser.add_argument("--allowed", type=Path, help="reviewed allow-list for the gold files given")
    parser.add_argument("--taxonomy", action="append", default=[], help="extra taxonomy file")
    parser.add_argument("--details", action="store_true", help="list missed and unexpected concepts")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    runs = [(g, args.allowed) for g in args.gold] or [
        (g, a) for g, a in DEFAULTS if g.exists()]
    if not runs:
        print(f"no gold files: {GOLD_DIR} is absent", file=sys.stderr)
        return 0
    results = [score(g, a, tuple(args.taxonomy)) for g, a in runs]
    if args.json:
        print(json.dumps([as_dict(r) for r in results], indent=2))
    else:
        print("\n\n".join(render(r, args.details) for r in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
