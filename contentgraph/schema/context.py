"""What every resolver receives in ``info.context``: the graph facade the request started with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..graph.facade import ConceptGraph


@dataclass(frozen=True, slots=True)
class Context:
    """Per-request context: the graph is fixed for the whole request, even across a reload."""

    graph: ConceptGraph
    request: Any = None


def graph_of(info: Any) -> ConceptGraph:
    """The facade of the request being resolved."""
    return info.context.graph
