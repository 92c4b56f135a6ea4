"""Safety limits of the schema: depth, aliases, tokens, query cost, introspection, batching.

The limits reach the schema as one ``Limits`` value (the server fills it from its settings);
``build_schema(limits)`` returns a strawberry Schema with strawberry's built-in extensions (token
limit, parser cache, error masking) and rules (depth, aliases, introspection), plus one guard
that validates each parsed document once and checks the query cost. Queries run through
compiled plans (``compiled``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLError,
                     GraphQLList, GraphQLNonNull, GraphQLObjectType, InlineFragmentNode,
                     OperationDefinitionNode, SelectionSetNode, VariableNode, Visitor, visit)
from strawberry.extensions import (DisableIntrospection, MaskErrors, MaxAliasesLimiter,
                                   MaxTokensLimiter, ParserCache, QueryDepthLimiter,
                                   SchemaExtension)
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import validate_document

from .compiled import compiled_executor
from .documents import CACHE_SIZE, ByDocument
from .fastpath import speed_up
from .query import Query

# A list field with no size argument is counted as this many items, except where noted.
DEFAULT_LIST_SIZE = 20
# Arguments that bound a field's list size, in order of preference.
SIZE_ARGUMENTS = ("first", "maxHops")
# Fields whose list size follows from their parent's size argument (counted once per parent).
PER_PARENT = {"ConceptConnection.edges": 1, "ArticleConnection.edges": 1, "Path.steps": 1,
              "Subgraph.nodes": 1, "Subgraph.edges": 3}


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may ask for."""

    depth: int = 10
    aliases: int = 15
    tokens: int = 1000
    cost: int = 10_000
    batch: int = 10
    introspection: bool = True


def query_cost(document, schema, operation_name: str | None,
               variables: Mapping[str, Any] | None) -> int:
    """Number of objects an operation could return: each list counts its requested size.

    A field with ``first`` (or ``maxHops``) counts that many objects per parent object, other
    object lists count DEFAULT_LIST_SIZE (or their PER_PARENT size), single objects count one.
    """
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [op for op in operations if op.name and op.name.value == operation_name]
    root = schema.query_type
    return max((_cost(op.selection_set, root, 1, fragments, variables or {}, frozenset())
                for op in operations[:1]), default=0)


def _cost(selections: SelectionSetNode | None, parent, multiplier: int, fragments,
          variables, seen: frozenset[str]) -> int:
    if selections is None or not isinstance(parent, GraphQLObjectType):
        return 0
    total = 0
    for node in selections.selections:
        if isinstance(node, FieldNode):
            total += _field_cost(node, parent, multiplier, fragments, variables, seen)
        elif isinstance(node, InlineFragmentNode):
            total += _cost(node.selection_set, parent, multiplier, fragments, variables, seen)
        elif isinstance(node, FragmentSpreadNode):
            name = node.name.value
            if name in fragments and name not in seen:
                total += _cost(fragments[name].selection_set, parent, multiplier, fragments,
                               variables, seen | {name})
    return total


def _field_cost(node: FieldNode, parent: GraphQLObjectType, multiplier: int, fragments,
                variables, seen) -> int:
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
    size = _size_argument(node, field, variables)
    if size is None:
        size = PER_PARENT.get(f"{parent.name}.{name}", DEFAULT_LIST_SIZE if is_list else 1)
    count = multiplier * max(size, 0)
    return count + _cost(node.selection_set, field_type, count, fragments, variables, seen)


def _size_argument(node: FieldNode, field, variables) -> int | None:
    for arg_name in SIZE_ARGUMENTS:
        if arg_name not in field.args:
            continue
        value = field.args[arg_name].default_value
        for arg in node.arguments or ():
            if arg.name.value != arg_name:
                continue
            if isinstance(arg.value, VariableNode):
                value = variables.get(arg.value.name.value, value)
            else:
                value = getattr(arg.value, "value", value)
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
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


def _cost_cache():
    """``query_cost`` computed once per document, operation and values of its size variables."""
    sizes_of = ByDocument()
    costs = ByDocument()

    def cached_cost(document, schema, operation_name, variables) -> int:
        names = sizes_of.get(document)
        if names is None:
            names = size_variables(document)
            sizes_of.put(document, names)
        variables = variables or {}
        key = (operation_name, *(repr(variables.get(name)) for name in sorted(names)))
        cost = costs.get(document, key)
        if cost is None:
            cost = query_cost(document, schema, operation_name, variables)
            costs.put(document, cost, key)
        return cost

    return cached_cost


def query_guard(rules: list, cost_limit: int) -> type[SchemaExtension]:
    """An extension validating each parsed document once, with strawberry's rules plus
    ``rules`` (depth, aliases, introspection), then refusing an operation whose query_cost
    exceeds ``cost_limit``, naming the cost."""
    known = ByDocument()
    cost_of = _cost_cache()

    class QueryGuard(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            ctx = self.execution_context
            document = ctx.graphql_document
            errors = known.get(document)
            if errors is None:
                errors = validate_document(ctx.schema._schema, document,
                                           (*ctx.validation_rules, *rules))
                known.put(document, errors)
            if not errors:
                cost = cost_of(document, ctx.schema._schema, ctx.operation_name, ctx.variables)
                if cost > cost_limit:
                    errors = [GraphQLError(
                        f"Query cost {cost} exceeds the cost limit of {cost_limit}: the lists it "
                        "asks for could return that many objects; ask for fewer (smaller "
                        "`first`) or split the query")]
            ctx.pre_execution_errors = errors
            yield

    return QueryGuard


def _is_unexpected(error: GraphQLError) -> bool:
    """Mask errors raised by bugs (any exception that is not a GraphQLError)."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class _MaskErrors(MaskErrors):
    """MaskErrors without its runtime Protocol check on every result (0.1 ms a request)."""

    def _process_result(self, result: object) -> None:
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = self._process_errors(errors)


class _Schema(strawberry.Schema):
    """Logs only the errors that come from bugs; a client's mistakes are answered, not logged."""

    def process_errors(self, errors, execution_context=None) -> None:
        super().process_errors([e for e in errors if _is_unexpected(e)], execution_context)


def build_schema(limits: Limits = Limits()) -> strawberry.Schema:
    """The contentgraph schema guarded by ``limits``."""
    rules = [*QueryDepthLimiter(max_depth=limits.depth).validation_rules,
             *MaxAliasesLimiter(max_alias_count=limits.aliases).validation_rules]
    if not limits.introspection:
        rules += DisableIntrospection().validation_rules
    extensions = [
        lambda: MaxTokensLimiter(max_token_count=limits.tokens),
        lambda: ParserCache(maxsize=CACHE_SIZE),
        query_guard(rules, limits.cost),
        lambda: _MaskErrors(should_mask_error=_is_unexpected,
                           error_message="Internal error: the server logged it"),
    ]
    config = StrawberryConfig(disable_field_suggestions=not limits.introspection,
                              batching_config={"max_operations": limits.batch})
    schema = _Schema(query=Query, extensions=extensions, config=config,
                     execution_context_class=compiled_executor())
    speed_up(schema)
    return schema

