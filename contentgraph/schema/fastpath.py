"""Shorter resolver paths for a built schema: the same results with fewer calls per field.

Strawberry wraps every field: a field without a resolver costs five calls, a method builds an
Info object and converts its arguments one by one. For the field shapes this schema uses
(attributes; synchronous methods taking ``self``, maybe ``info``, and scalar or enum
arguments) ``speed_up(schema)`` installs resolvers that call straight through. Resolvers
receive graphql-core's info (or, in compiled plans, an object with the same ``context``), so
they may use nothing of it but ``info.context``. Anything else keeps strawberry's. Each direct
resolver carries ``direct = True``; an attribute's also names the attribute in ``attribute``.
"""

from __future__ import annotations

import inspect
from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry.types.base import StrawberryOptional
from strawberry.types.enum import StrawberryEnumDefinition

_DEFINITION = "strawberry-definition"
_PLAIN_ARGUMENTS = (str, int, float, bool, strawberry.ID)


def speed_up(schema: strawberry.Schema) -> None:
    """Replace the resolvers of ``schema``'s fields that have a direct equivalent."""
    for graphql_type in schema._schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        for field in graphql_type.fields.values():
            definition = (field.extensions or {}).get(_DEFINITION)
            if definition is None or definition.extensions:
                continue
            if definition.base_resolver is None:
                if getattr(field.resolve, "_is_default", False) and definition.python_name:
                    field.resolve = _attribute(definition.python_name)
            else:
                direct = _method(definition, schema)
                if direct is not None:
                    field.resolve = direct


def _attribute(name: str):
    def resolve(source: Any, info: Any) -> Any:
        return getattr(source, name)

    resolve.direct, resolve.attribute = True, name
    return resolve


def _method(definition, schema: strawberry.Schema):
    """A resolver calling the field's method directly, or None when its shape needs
    strawberry's conversions."""
    resolver = definition.base_resolver
    if resolver.is_async:
        return None
    parameters = list(inspect.signature(resolver.wrapped_func).parameters)
    with_info = parameters[1:2] == ["info"]
    if parameters[:1] != ["self"] or len(parameters) != 1 + with_info + len(resolver.arguments):
        return None
    renames = {}
    for argument in resolver.arguments:
        kind = argument.type
        if isinstance(kind, StrawberryOptional):
            kind = kind.of_type
        if kind not in _PLAIN_ARGUMENTS and not isinstance(kind, StrawberryEnumDefinition):
            return None
        graphql_name = schema.config.name_converter.get_graphql_name(argument)
        if graphql_name != argument.python_name:
            renames[graphql_name] = argument.python_name
    function = resolver.wrapped_func

    if renames:
        def resolve(source: Any, info: Any, **kwargs: Any) -> Any:
            kwargs = {renames.get(name, name): value for name, value in kwargs.items()}
            return function(source, info, **kwargs) if with_info else function(source, **kwargs)
    elif with_info:
        def resolve(source: Any, info: Any, **kwargs: Any) -> Any:
            return function(source, info, **kwargs)
    else:
        def resolve(source: Any, info: Any, **kwargs: Any) -> Any:
            return function(source, **kwargs)
    resolve.direct = True
    return resolve
