"""Query cost: how many objects an operation could return from the graph being served.

Each object field counts once per parent object; a list counts what it can really hold: its
``first`` (or ``maxHops``) when it has one, the parent's size argument for a connection's edges,
a path's steps and a subgraph's nodes, and for every other list the longest it is in the served
graph (``ListBounds``). A subgraph's edges are bounded by the relations of its best-linked
concepts.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable, Mapping
from typing import Any

from graphql import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLList,
                     GraphQLNonNull, GraphQLObjectType, InlineFragmentNode,
                     OperationDefinitionNode, SelectionSetNode, VariableNode, Visitor, visit)

from .documents import ByDocument

# Size arguments and the largest value each accepts (a larger one is refused when resolved).
SIZE_ARGUMENTS = {"first": 100, "maxHops": 6}


class ListBounds:
    """The longest each list without a size argument can be in one graph, computed on first
    use from the graph's facade (and never holding it)."""

    _tokens = itertools.count()

    def __init__(self) -> None:
        self.token = next(self._tokens)  # tells graphs apart in the cost cache
        self._sizes: dict[str, Any] = {}

    def size(self, key: str, graph) -> int:
        """The longest list ``key`` (``Type.field``) holds in ``graph``."""
        if key not in self._sizes:
            self._sizes[key] = _LIST_SIZES[key](graph)
        return self._sizes[key]

    def subgraph_edges(self, nodes: int, graph) -> int:
        """Most relations among ``nodes`` concepts: the sum of the ``nodes`` largest numbers of
        relation kinds a concept has with all the others (each edge is seen from both ends)."""
        if "links" not in self._sizes:
            per_concept = sorted(graph.relation_kind_counts(), reverse=True)
            self._sizes["links"] = list(itertools.accumulate(per_concept, initial=0))
        totals = self._sizes["links"]
        return totals[min(max(nodes, 0), len(totals) - 1)]


_LIST_SIZES: dict[str, Callable[[Any], int]] = {
    "Concept.broader": lambda g: max((len(c.broader) for c in g.concepts()), default=0),
    "Concept.narrower": lambda g: max((len(g.narrower(c.slug)) for c in g.concepts()),
                                      default=0),
    "RelatedArticle.sharedConcepts": lambda g: g.max_document_concepts(),
    "Gaps.uncovered": lambda g: len(g.gaps().uncovered),
    "Gaps.thin": lambda g: len(g.gaps().thin),
    "LinkSuggestion.via": lambda g: max((len(s.via) for s in g.gaps().missing_links), default=0),
}
# Lists whose length follows from the size argument of the field that holds them.
PER_PARENT: dict[str, Callable[[int, ListBounds, Any], int]] = {
    "ConceptConnection.edges": lambda n, bounds, g: n,
    "ArticleConnection.edges": lambda n, bounds, g: n,
    "WriteNextConnection.edges": lambda n, bounds, g: n,
    "SearchConnection.edges": lambda n, bounds, g: n,
    "Path.steps": lambda n, bounds, g: n,
    "Subgraph.nodes": lambda n, bounds, g: n,
    "Subgraph.edges": lambda n, bounds, g: bounds.subgraph_edges(n, g),
}

_BOUNDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def bounds_of(graph) -> ListBounds:
    """The list bounds of ``graph`` (one per graph, dropped with it)."""
    bounds = _BOUNDS.get(graph)
    if bounds is None:
        bounds = _BOUNDS[graph] = ListBounds()
    return bounds


def query_cost(document, schema, operation_name: str | None,
               variables: Mapping[str, Any] | None, graph) -> int:
    """Number of objects the operation could return from ``graph``."""
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [op for op in operations if op.name and op.name.value == operation_name]
    walk = _Walk(fragments, variables or {}, bounds_of(graph), graph)
    return max((walk.cost(op.selection_set, schema.query_type, 1, 0, frozenset())
                for op in operations[:1]), default=0)


class _Walk:
    def __init__(self, fragments, variables, bounds: ListBounds, graph):
        self.fragments, self.variables = fragments, variables
        self.bounds, self.graph = bounds, graph

    def cost(self, selections: SelectionSetNode | None, parent, multiplier: int, parent_size: int,
             seen: frozenset[str]) -> int:
        if selections is None or not isinstance(parent, GraphQLObjectType):
            return 0
        total = 0
        for node in selections.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent, multiplier, parent_size, seen)
            elif isinstance(node, InlineFragmentNode):
                total += self.cost(node.selection_set, parent, multiplier, parent_size, seen)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                if name in self.fragments and name not in seen:
                    total += self.cost(self.fragments[name].selection_set, parent, multiplier,
                                       parent_size, seen | {name})
        return total

    def field(self, node: FieldNode, parent: GraphQLObjectType, multiplier: int,
              parent_size: int, seen) -> int:
        name = node.name.value
        field = parent.fields.get(name)
        if field is None or name.startswith("__"):
            return 0
        field_type, is_list = field.type, False
        while isinstance(field_type, (GraphQLNonNull, GraphQLList)):
            is_list = is_list or isinstance(field_type, GraphQLList)
            field_type = field_type.of_type
        if not isinstance(field_type, GraphQLObjectType):
            return 0
        size = _size_argument(node, field, self.variables)
        key = f"{parent.name}.{name}"
        if not is_list:
            count = 1
        elif size is not None:
            count = size
        elif key in PER_PARENT:
            count = PER_PARENT[key](parent_size, self.bounds, self.graph)
        else:
            count = self.bounds.size(key, self.graph)
        count *= multiplier
        return count + self.cost(node.selection_set, field_type, count,
                                 size if size is not None else 0, seen)


def _size_argument(node: FieldNode, field, variables) -> int | None:
    """The field's size argument (its default when not given or null), within what it accepts;
    None when the field has none."""
    for arg_name, largest in SIZE_ARGUMENTS.items():
        if arg_name not in field.args:
            continue
        value = None
        for arg in node.arguments or ():
            if arg.name.value == arg_name:
                value = (variables.get(arg.value.name.value) if isinstance(arg.value, VariableNode)
                         else getattr(arg.value, "value", None))
        if value is None:
            value = field.args[arg_name].default_value
        try:
            return min(max(int(value), 0), largest)
        except (TypeError, ValueError, OverflowError):
            return largest  # not a size: refused when resolved, counted at the most meanwhile
    return None


def size_variables(document) -> frozenset[str]:
    """Names of the variables passed as a size argument (``first``, ``maxHops``) anywhere in
    ``document``: the only variables the query cost depends on."""
    names: set[str] = set()

    class Collect(Visitor):
        def enter_argument(self, node, *_):
            if node.name.value in SIZE_ARGUMENTS and isinstance(node.value, VariableNode):
                names.add(node.value.name.value)

    visit(document, Collect())
    return frozenset(names)


def cost_cache():
    """``query_cost`` computed once per document, operation, values of its size variables and
    served graph."""
    sizes_of = ByDocument()
    costs = ByDocument()

    def cached_cost(document, schema, operation_name, variables, graph) -> int:
        names = sizes_of.get(document)
        if names is None:
            names = size_variables(document)
            sizes_of.put(document, names)
        variables = variables or {}
        key = (operation_name, bounds_of(graph).token,
               *(repr(variables.get(name)) for name in sorted(names)))
        cost = costs.get(document, key)
        if cost is None:
            cost = query_cost(document, schema, operation_name, variables, graph)
            costs.put(document, cost, key)
        return cost

    return cached_cost
