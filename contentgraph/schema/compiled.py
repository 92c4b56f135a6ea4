"""Compiled execution: a parsed query turned once into plain Python calls, then run per request.

graphql-core spends about 10 µs on every field it executes (a resolve-info object, a response
path, argument coercion, checks of the field's type while completing its value), and a
front-end page asks for 80 to 170 fields. A parsed query does not change, so
``compile_operation`` turns an operation into nested closures (resolve the field, then complete
the value by its type) once, and ``compiled_executor()`` runs them for every request with that
document.

A plan covers what it can answer exactly: queries whose fields all have direct resolvers
(``fastpath``), object types without ``is_type_of``, fragments on the type they select from, no
directives. Other operations get no plan. When anything unusual happens while a plan runs (a
resolver raises, a null where the schema forbids one, a value that is not of its type), the
attempt is dropped and graphql-core executes the operation as usual, so errors keep the exact
shape the specification gives them. Resolvers read only the graph, so running them again is
safe.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from graphql import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLEnumType,
                     GraphQLError, GraphQLID, GraphQLLeafType, GraphQLList, GraphQLNonNull,
                     GraphQLObjectType, GraphQLSchema, GraphQLString, InlineFragmentNode,
                     OperationDefinitionNode, OperationType, SelectionSetNode, Undefined,
                     get_argument_values, is_const_value_node, is_leaf_type)
from graphql.pyutils import is_iterable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from .documents import ByDocument

Plan = Callable[[Any, "Run"], dict[str, Any]]
Complete = Callable[[Any, "Run"], Any]

_NO_PLAN = object()


class _NotCovered(Exception):
    """The operation needs something a plan does not do."""


class _Incomplete(Exception):
    """A value the plan cannot complete: graphql-core executes the operation instead."""


class Run:
    """One execution of a plan; resolvers receive it as their ``info``."""

    __slots__ = ("context", "variable_values")

    def __init__(self, context: Any, variable_values: Any):
        self.context = context
        self.variable_values = variable_values


def compiled_executor() -> type[StrawberryGraphQLCoreExecutionContext]:
    """An executor class running queries through plans compiled once per operation."""
    plans = ByDocument()

    class CompiledExecutor(StrawberryGraphQLCoreExecutionContext):
        def execute_operation(self, serially: bool | None = None):
            plan = plans.get(self.operation)
            if plan is None:
                plan = compile_operation(self.schema, self.operation,
                                         self.fragment_definitions) or _NO_PLAN
                plans.put(self.operation, plan)
            manager = self.middleware_manager
            if plan is not _NO_PLAN and not (manager is not None and manager.middlewares):
                try:
                    data = plan(self.root_value, Run(self.context_value, self.variable_values))
                except Exception:  # noqa: BLE001 - graphql-core reports it properly below
                    pass
                else:
                    return self.finish(self.build_response(data))
            return super().execute_operation(serially)

    return CompiledExecutor


def compile_operation(schema: GraphQLSchema, operation: OperationDefinitionNode,
                      fragments: dict[str, FragmentDefinitionNode]) -> Plan | None:
    """The plan of a query operation, or None when a plan cannot answer it exactly."""
    if operation.operation is not OperationType.QUERY or operation.directives:
        return None
    try:
        return _selection(schema.query_type, [operation.selection_set], fragments)
    except (_NotCovered, GraphQLError):
        return None


def _selection(parent: GraphQLObjectType, selection_sets: list[SelectionSetNode],
               fragments: dict[str, FragmentDefinitionNode]) -> Plan:
    grouped: dict[str, list[FieldNode]] = {}
    _collect(parent, selection_sets, fragments, grouped, set())
    fields = tuple((key, _field(parent, nodes, fragments)) for key, nodes in grouped.items())

    def run(source: Any, state: Run) -> dict[str, Any]:
        return {key: get(source, state) for key, get in fields}

    return run


def _collect(parent: GraphQLObjectType, selection_sets: list[SelectionSetNode],
             fragments: dict[str, FragmentDefinitionNode], grouped: dict[str, list[FieldNode]],
             spread: set[str]) -> None:
    """Group the fields of ``selection_sets`` by response key, as graphql-core's collect_fields
    does for the cases a plan covers."""
    for selection_set in selection_sets:
        for selection in selection_set.selections:
            if selection.directives:
                raise _NotCovered("directives")
            if isinstance(selection, FieldNode):
                key = (selection.alias or selection.name).value
                grouped.setdefault(key, []).append(selection)
                continue
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in spread:
                    continue
                spread.add(name)
                if getattr(selection, "arguments", None) or name not in fragments:
                    raise _NotCovered("fragment arguments or unknown fragment")
                selection = fragments[name]
            elif not isinstance(selection, InlineFragmentNode):
                raise _NotCovered(type(selection).__name__)
            condition = selection.type_condition
            if condition is not None and condition.name.value != parent.name:
                raise _NotCovered("fragment on another type")
            _collect(parent, [selection.selection_set], fragments, grouped, spread)


def _field(parent: GraphQLObjectType, nodes: list[FieldNode],
           fragments: dict[str, FragmentDefinitionNode]) -> Callable[[Any, Run], Any]:
    """Resolve and complete the field ``nodes`` select (all with the same name and arguments)."""
    node = nodes[0]
    name = node.name.value
    if name == "__typename":
        type_name = parent.name
        return lambda source, state: type_name
    definition = parent.fields.get(name)
    resolve = getattr(definition, "resolve", None)
    if not getattr(resolve, "direct", False):
        raise _NotCovered(f"{parent.name}.{name} has no direct resolver")
    complete = _completer(definition.type, nodes, fragments)
    attribute = getattr(resolve, "attribute", None)
    if attribute is not None:
        return lambda source, state: complete(getattr(source, attribute), state)
    if all(is_const_value_node(argument.value) for argument in node.arguments or ()):
        arguments = get_argument_values(definition, node)
        return lambda source, state: complete(resolve(source, state, **arguments), state)

    def resolve_with_variables(source: Any, state: Run) -> Any:
        arguments = get_argument_values(definition, node, state.variable_values)
        return complete(resolve(source, state, **arguments), state)

    return resolve_with_variables


def _completer(kind, nodes: list[FieldNode],
               fragments: dict[str, FragmentDefinitionNode]) -> Complete:
    """Complete a resolved value of GraphQL type ``kind`` as graphql-core's complete_value."""
    non_null = isinstance(kind, GraphQLNonNull)
    if non_null:
        kind = kind.of_type
    if isinstance(kind, GraphQLList):
        item = _completer(kind.of_type, nodes, fragments)

        def items(value: Any, state: Run) -> list[Any] | None:
            if value is None:
                return _null(non_null)
            if value.__class__ not in (list, tuple) and (isinstance(value, Exception)
                                                         or not is_iterable(value)):
                raise _Incomplete("not a list")
            return [item(each, state) for each in value]

        return items
    if is_leaf_type(kind):
        return _leaf(kind, non_null)
    if isinstance(kind, GraphQLObjectType) and kind.is_type_of is None:
        run = _selection(kind, [node.selection_set for node in nodes
                                if node.selection_set is not None], fragments)

        def object_(value: Any, state: Run) -> dict[str, Any] | None:
            if value is None:
                return _null(non_null)
            if isinstance(value, Exception):
                raise _Incomplete("an exception for an object")
            return run(value, state)

        return object_
    raise _NotCovered(f"type {kind}")


def _leaf(kind: GraphQLLeafType, non_null: bool) -> Complete:
    """Complete a scalar or enum value; strings pass as they are, enum values are looked up
    once per value."""
    coerce = kind.coerce_output_value
    is_string = kind is GraphQLString or kind is GraphQLID
    known: dict[Any, Any] | None = {} if isinstance(kind, GraphQLEnumType) else None

    def leaf(value: Any, state: Run) -> Any:
        if value is None:
            return _null(non_null)
        if is_string and value.__class__ is str:
            return value
        if known is not None:
            coerced = known.get(value)
            if coerced is not None:
                return coerced
        if isinstance(value, Exception):
            raise _Incomplete("an exception for a value")
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise _Incomplete("a value its type cannot represent")
        if known is not None and isinstance(value, Enum):
            known[value] = coerced
        return coerced

    return leaf


def _null(non_null: bool) -> None:
    if non_null:
        raise _Incomplete("null for a non-null field")
