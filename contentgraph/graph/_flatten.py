"""Scalar attributes for export: lists kept as tuples of strings, evidence reduced, None dropped.

Pure functions over the facade's networkx graph; the writers in ``export.py`` do the I/O.
"""

from __future__ import annotations

import json
from enum import Enum

import networkx as nx

from ..loaders.model import Passage

DOCUMENT_TYPES = ("article", "question", "answer")


def node_type(key: str, data: dict) -> str:
    """The node's ``type`` attribute, or its key prefix (``doc`` -> ``article``) when absent."""
    if data.get("type"):
        return str(data["type"])
    prefix = key.split(":", 1)[0]
    return "article" if prefix == "doc" else prefix


def slug_of(key: str) -> str:
    """``concept:anxious-attachment`` -> ``anxious-attachment``."""
    return key.split(":", 1)[1] if ":" in key else key


def node_label(key: str, data: dict) -> str:
    """A human label for any node: its label, a document's title, else its slug."""
    return str(data.get("label") or data.get("title") or data.get("name") or slug_of(key))


def flat_attrs(data: dict) -> dict:
    """Attributes with scalar values (bool, int, float, str) or tuples of strings.

    None is dropped; enums become their value; a list of Passages (``evidence``) becomes
    ``<name>_count``, ``<name>`` (the best sentence) and ``<name>_document`` (an empty
    ``evidence`` list just ``evidence_count`` 0); dicts become JSON.

    >>> flat_attrs({"a": None, "b": ["x", 1], "c": {"k": 1}})
    {'b': ('x', '1'), 'c': '{"k": 1}'}
    """
    out: dict = {}
    for name, value in data.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            items = list(value) if not isinstance(value, (set, frozenset)) else sorted(value, key=str)
            if all(isinstance(p, Passage) for p in items) and (items or name == "evidence"):
                out[f"{name}_count"] = len(items)
                if items:
                    out[name] = _one_line(items[0].text)
                    out[f"{name}_document"] = items[0].document
            else:
                out[name] = tuple(_one_line(str(_scalar(v))) for v in items)
        elif isinstance(value, Passage):
            out[name] = _one_line(value.text)
        else:
            out[name] = _scalar(value)
    return out


def _scalar(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def harmonise(records: list[dict]) -> dict[str, type]:
    """Make every attribute name hold one type across ``records`` (changed in place).

    Ints mixed with floats become floats; any other mix becomes strings. Returns the type of
    each attribute name (``tuple`` for lists of strings).
    """
    seen: dict[str, set[type]] = {}
    for record in records:
        for name, value in record.items():
            seen.setdefault(name, set()).add(type(value))
    types: dict[str, type] = {}
    for name, kinds in seen.items():
        if len(kinds) == 1:
            types[name] = next(iter(kinds))
        elif kinds == {int, float}:
            types[name] = float
        else:
            types[name] = str
    for record in records:
        for name, value in record.items():
            wanted = types[name]
            if type(value) is not wanted:
                record[name] = float(value) if wanted is float else _as_text(value)
    return types


def _as_text(value) -> str:
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# Names networkx's GEXF writer reads as structure, not data: kept under "<name>_".
_RESERVED_NODE = frozenset({"id", "pid", "start", "end", "viz", "parents", "slices", "spells"})
_RESERVED_EDGE = frozenset({"id", "type", "key", "start", "end", "slices", "spells"})


def _rename_reserved(attrs: dict, reserved: frozenset) -> dict:
    return {(f"{k}_" if k in reserved else k): v for k, v in attrs.items()}


def concept_scores(cg) -> tuple[dict[str, float], dict[str, int]]:
    """PageRank and community id of each concept, keyed by concept slug, from the facade."""
    pagerank = {slug_of(k): float(v) for k, v in cg.centrality().items()}
    community = {slug: c.id for c in cg.communities() for slug in c.concepts}
    return pagerank, community


def flat_graph(cg) -> nx.MultiDiGraph:
    """A copy of the graph for GraphML/GEXF: scalar attributes only, unique edge keys.

    Nodes keep ``type`` (and concepts ``kind``) for colouring and get ``label``, concepts
    ``pagerank`` and ``community``; lists are "; "-joined; an edge's key is ``e<n>``, its
    relation name is in ``relation`` and ``label``.
    """
    source = cg.graph
    pagerank, community = concept_scores(cg)
    flat = nx.MultiDiGraph()
    node_records: list[tuple[str, dict]] = []
    for key, data in source.nodes(data=True):
        attrs = flat_attrs(data)
        attrs["type"] = node_type(key, data)
        attrs["label"] = node_label(key, data)
        if attrs["type"] == "concept":
            slug = slug_of(key)
            attrs["pagerank"] = pagerank.get(slug, 0.0)
            if slug in community:
                attrs["community"] = community[slug]
        node_records.append((key, attrs))
    edge_records: list[tuple[str, str, dict]] = []
    for u, v, rel, data in source.edges(keys=True, data=True):
        attrs = flat_attrs(data)
        attrs["relation"] = str(_scalar(data.get("relation") or rel))
        attrs["label"] = attrs["relation"]
        edge_records.append((u, v, _rename_reserved(attrs, _RESERVED_EDGE)))
    for records in ([a for _, a in node_records], [a for _, _, a in edge_records]):
        harmonise(records)
        for attrs in records:
            for name, value in attrs.items():
                if isinstance(value, tuple):
                    attrs[name] = "; ".join(value)
    for key, attrs in node_records:
        flat.add_node(key, **_rename_reserved(attrs, _RESERVED_NODE))
    for n, (u, v, attrs) in enumerate(edge_records):
        flat.add_edge(u, v, key=f"e{n}", **attrs)
    return flat
