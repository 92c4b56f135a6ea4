"""Write a ConceptGraph for other tools: GraphML and GEXF (Gephi), JSON-LD (RDF), Neo4j CSV.

Writers only write: the data is shaped by pure helpers (``_flatten``, ``_jsonld``, ``_neo4j``).
Each writer returns the paths it wrote and raises ``ExportError`` when it cannot write.

>>> sorted(FORMATS)
['csv', 'gexf', 'graphml', 'jsonld']
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

from ..errors import ExportError
from ._flatten import flat_graph
from ._jsonld import jsonld_document
from ._neo4j import import_command, neo4j_tables

__all__ = ["FORMATS", "DEFAULT_OUT", "export", "write_graphml", "write_gexf", "write_jsonld",
           "write_neo4j_csv"]

# Where `export` writes when no output path is given (csv writes a folder).
DEFAULT_OUT = {
    "graphml": "contentgraph.graphml",
    "gexf": "contentgraph.gexf",
    "jsonld": "contentgraph.jsonld",
    "csv": "contentgraph-neo4j",
}


def write_graphml(cg, path) -> list[Path]:
    """GraphML with scalar attributes only (lists "; "-joined), readable by Gephi and networkx."""
    flat = flat_graph(cg)
    return [_write(path, lambda p: nx.write_graphml(flat, p, encoding="utf-8"))]


def write_gexf(cg, path) -> list[Path]:
    """GEXF 1.2 for Gephi: node ``label``, ``type`` and ``kind`` to colour by, edge weights."""
    flat = flat_graph(cg)
    return [_write(path, lambda p: nx.write_gexf(flat, p, encoding="utf-8"))]


def write_jsonld(cg, path) -> list[Path]:
    """JSON-LD: concepts as ``skos:Concept``, documents as schema.org ``Article`` (etc.)."""
    text = json.dumps(jsonld_document(cg.graph), ensure_ascii=False, indent=1)
    return [_write(path, lambda p: p.write_text(text + "\n", encoding="utf-8"))]


def write_neo4j_csv(cg, folder) -> list[Path]:
    """CSV files for ``neo4j-admin database import`` and an ``import.sh`` that runs it.

    See ``contentgraph.graph._neo4j`` for the files and their headers.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"Cannot write the Neo4j CSV files to '{folder}': it is a file, "
                          "give a folder")
    _need_folder(folder.parent)
    try:
        folder.mkdir(exist_ok=True)  # the export's own folder; never its missing parents
    except OSError as exc:
        raise ExportError(f"Cannot make the folder '{folder}': {exc.strerror or exc}") from exc
    written = []
    for table in neo4j_tables(cg):
        written.append(_write(folder / table.name, lambda p, t=table: _write_csv(p, t)))
    command = import_command('"${1:-neo4j}"')  # the database name, `neo4j` by default
    script = ("#!/bin/sh\n# Import these files into a Neo4j database (Neo4j stopped; it is replaced).\n"
              f'cd "$(dirname "$0")" && {command}\n')
    written.append(_write(folder / "import.sh", lambda p: p.write_text(script, encoding="utf-8")))
    (folder / "import.sh").chmod(0o755)
    return written


FORMATS = {"graphml": write_graphml, "gexf": write_gexf, "jsonld": write_jsonld,
           "csv": write_neo4j_csv}


def export(cg, fmt: str, out=None) -> list[Path]:
    """Write ``cg`` in format ``fmt`` to ``out`` (default ``DEFAULT_OUT[fmt]``); the paths written.

    Raises ExportError for an unknown format or a path that cannot be written.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format '{fmt}': use one of {', '.join(FORMATS)}")
    return FORMATS[fmt](cg, Path(out) if out is not None else Path(DEFAULT_OUT[fmt]))


def _write(path, write) -> Path:
    path = Path(path)
    try:
        if path.is_dir():
            raise IsADirectoryError("it is a folder, give a file name")
        _need_folder(path.parent)
        write(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(f"Cannot write '{path}': {reason}") from exc
    return path


def _need_folder(folder: Path) -> None:
    """Exports write into existing folders only: a mistyped path is an error, not a new tree."""
    if folder.is_file():
        raise ExportError(f"Cannot write into '{folder}': it is a file, not a folder")
    if not folder.is_dir():
        raise ExportError(f"Cannot write into '{folder}': no such folder (create it first)")


def _write_csv(path: Path, table) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.header)
        writer.writerows(table.rows)
