"""Schema tests: a fixture running queries on the tiny stand-in graph."""

from __future__ import annotations

import pytest
from tiny_graph import TinyGraph

from contentgraph.schema import Context, schema


@pytest.fixture
def tiny():
    """Run a query on the tiny graph: ``tiny(query, **variables) -> ExecutionResult``."""
    graph = TinyGraph()

    def run(query, **variables):
        return schema.execute_sync(query, variable_values=variables or None,
                                   context_value=Context(graph))

    return run
