"""Run one GraphQL operation on a graph without a server (the CLI's `query`)."""

from __future__ import annotations

from typing import Any

from ..graph.facade import ConceptGraph
from .context import Context
from .limits import Limits, build_schema


def execute(graph: ConceptGraph, query: str, variables: dict[str, Any] | None = None,
            operation_name: str | None = None, limits: Limits = Limits()) -> dict[str, Any]:
    """The operation's result as the JSON a server would answer: ``data`` and ``errors``."""
    result = build_schema(limits).execute_sync(
        query, variable_values=variables, operation_name=operation_name,
        context_value=Context(graph))
    out: dict[str, Any] = {"data": result.data}
    if result.errors:
        out["errors"] = [error.formatted for error in result.errors]
    return out
