"""The graph as tables for ``neo4j-admin database import`` (pure; ``export`` writes the files).

Files, each with a typed header (``:ID``, ``:LABEL``, ``name:int``, ``alt_labels:string[]`` with
``;`` between items, relationships with ``:START_ID``, ``:END_ID``, ``:TYPE``):

- ``concepts.csv`` (label ``Concept``), ``documents.csv`` (``Document;Article``,
  ``Document;Question``, ``Document;Answer``), ``authors.csv`` (``Author``);
- ``mentions.csv`` (MENTIONS), ``concept_relations.csv`` (CO_OCCURS, BROADER, CAUSES ...),
  ``document_links.csv`` (WROTE, ANSWERS, LINKS_TO).

Every node's ``:ID`` is its graph key (``concept:<slug>``, ``doc:<slug>``, ``author:<slug>``), one
ID space for all files, stored as the property ``id``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._flatten import DOCUMENT_TYPES, concept_scores, flat_attrs, harmonise, node_label, \
    node_type, slug_of

ARRAY_DELIMITER = ";"
NODE_FILES = ("concepts.csv", "documents.csv", "authors.csv")
RELATIONSHIP_FILES = ("mentions.csv", "concept_relations.csv", "document_links.csv")

_NEO4J_TYPES = {bool: "boolean", int: "int", float: "float", tuple: "string[]"}  # str: untyped


@dataclass(frozen=True)
class Table:
    """One CSV file: its header cells and rows of cell strings."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def import_command(database: str = "neo4j") -> str:
    """The ``neo4j-admin`` command that imports the files from the folder they are in."""
    nodes = " ".join(f"--nodes={name}" for name in NODE_FILES)
    rels = " ".join(f"--relationships={name}" for name in RELATIONSHIP_FILES)
    return (f"neo4j-admin database import full --overwrite-destination "
            f"--array-delimiter='{ARRAY_DELIMITER}' {nodes} {rels} {database}")


def neo4j_tables(cg) -> list[Table]:
    """The six tables, nodes then relationships, rows sorted by ID."""
    graph = cg.graph
    pagerank, community = concept_scores(cg)
    groups: dict[str, list[dict]] = {name: [] for name in NODE_FILES + RELATIONSHIP_FILES}
    for key, data in sorted(graph.nodes(data=True)):
        kind = node_type(key, data)
        record = {"id:ID": key, **flat_attrs(data)}
        record.pop("type", None)
        record["slug"] = slug_of(key)
        if kind == "concept":
            record["label"] = node_label(key, data)
            record["pagerank"] = pagerank.get(slug_of(key), 0.0)
            if slug_of(key) in community:
                record["community"] = community[slug_of(key)]
            record[":LABEL"] = "Concept"
            groups["concepts.csv"].append(record)
        elif kind in DOCUMENT_TYPES:
            record[":LABEL"] = f"Document;{kind.capitalize()}"
            groups["documents.csv"].append(record)
        else:
            record["name"] = node_label(key, data)
            record[":LABEL"] = "Author"
            groups["authors.csv"].append(record)
    for u, v, rel, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        rel = str(getattr(rel, "value", rel))
        record = {":START_ID": u, ":END_ID": v, ":TYPE": rel, **flat_attrs(data)}
        record.pop("relation", None)
        if rel == "MENTIONS":
            groups["mentions.csv"].append(record)
        elif node_type(u, graph.nodes[u]) == "concept" and node_type(v, graph.nodes[v]) == "concept":
            groups["concept_relations.csv"].append(record)
        else:
            groups["document_links.csv"].append(record)
    return [_table(name, records) for name, records in groups.items()]


_FIRST = (":START_ID", ":END_ID", ":TYPE", "id:ID", ":LABEL", "slug", "label", "name", "title")


def _table(name: str, records: list[dict]) -> Table:
    types = harmonise(records)
    first = [c for c in _FIRST if c in types]
    columns = first + sorted(c for c in types if c not in first)
    if not columns:  # an empty file still gets the header the import command expects
        columns = (list(_FIRST[:3]) if name in RELATIONSHIP_FILES else ["id:ID", ":LABEL"])
    header = tuple(_header(c, types.get(c, str)) for c in columns)
    rows = tuple(tuple(_cell(r.get(c)) for c in columns) for r in records)
    return Table(name, header, rows)


def _header(column: str, kind: type) -> str:
    if ":" in column or kind is str:
        return column
    return f"{column}:{_NEO4J_TYPES[kind]}"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ARRAY_DELIMITER.join(v.replace(ARRAY_DELIMITER, ",") for v in value)
    return str(value)
