"""Safety limits of the schema: fields, depth, aliases, tokens, query cost, introspection,
batching.

The limits reach the schema as one ``Limits`` value (the server fills it from its settings);
``build_schema(limits)`` returns a strawberry Schema with strawberry's built-in extensions (token
limit, parser cache, error masking) and rules (depth, aliases, introspection), plus one guard
that checks each parsed document once and the cost of each operation (``cost``). The guard
first counts the document's fields with every fragment expanded where it is spread, memoised per
fragment so it takes time linear in the document, and refuses a document past the field limit
before any rule expands fragments; then the specification's rules, then the limit rules (which
assume known fragments and no cycles). Queries run through compiled plans (``compiled``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

import strawberry
from graphql import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLError,
                     OperationDefinitionNode, SelectionSetNode)
from strawberry.extensions import (DisableIntrospection, MaskErrors, MaxAliasesLimiter,
                                   MaxTokensLimiter, ParserCache, QueryDepthLimiter,
                                   SchemaExtension)
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import validate_document

from ..errors import one_line
from .compiled import compiled_executor
from .cost import cost_cache
from .documents import CACHE_SIZE, ByDocument
from .fastpath import speed_up
from .query import Query

log = logging.getLogger("contentgraph.api")

INTERNAL_ERROR = "Internal error: the server logged it"


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may ask for."""

    depth: int = 10
    aliases: int = 15
    tokens: int = 1000
    fields: int = 2000
    cost: int = 10_000
    batch: int = 10
    introspection: bool = True


def expanded_fields(document) -> int:
    """Fields of the document's operations, each fragment counted at every place it is spread.

    Each fragment is counted once and remembered, so this takes time linear in the document
    however often fragments spread each other. An unknown fragment, or one spread inside itself,
    counts nothing here: validation refuses it.
    """
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    sizes: dict[str, int] = {}

    def fragment_size(name: str) -> int:
        if name not in sizes:
            sizes[name] = 0  # while it is being counted: a cycle adds nothing
            if name in fragments:
                sizes[name] = size(fragments[name].selection_set)
        return sizes[name]

    def size(selections: SelectionSetNode | None) -> int:
        total = 0
        for node in selections.selections if selections is not None else ():
            if isinstance(node, FragmentSpreadNode):
                total += fragment_size(node.name.value)
            else:
                total += isinstance(node, FieldNode) + size(node.selection_set)
        return total

    return sum(size(d.selection_set) for d in document.definitions
               if isinstance(d, OperationDefinitionNode))


def check_document(schema, document, standard_rules, limit_rules: list,
                   limits: Limits) -> list[GraphQLError]:
    """The errors of a parsed document: its expanded size, the specification's rules, then
    ``limit_rules`` (depth, aliases, introspection)."""
    try:
        fields = expanded_fields(document)
    except RecursionError:
        return [GraphQLError("The query is nested too deeply")]
    if fields > limits.fields:
        return [GraphQLError(
            f"The query has {fields} fields once its fragments are expanded; the limit is "
            f"{limits.fields} (setting max_fields): spread fewer fragments")]
    return (validate_document(schema, document, standard_rules)
            or validate_document(schema, document, limit_rules))


def query_guard(rules: list, limits: Limits) -> type[SchemaExtension]:
    """An extension checking each parsed document once (``check_document``), then refusing an
    operation whose query cost on the served graph exceeds ``limits.cost``, naming the cost."""
    known = ByDocument()
    cost_of = cost_cache()

    class QueryGuard(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            ctx = self.execution_context
            document = ctx.graphql_document
            errors = known.get(document)
            if errors is None:
                errors = check_document(ctx.schema._schema, document, ctx.validation_rules,
                                        rules, limits)
                known.put(document, errors)
            if not errors:
                cost = cost_of(document, ctx.schema._schema, ctx.operation_name, ctx.variables,
                               ctx.context.graph)
                if cost > limits.cost:
                    errors = [GraphQLError(
                        f"Query cost {cost} exceeds the cost limit of {limits.cost}: the lists it "
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
    """Logs the errors of bugs with their traceback, and a client's mistakes in one line."""

    def process_errors(self, errors, execution_context=None) -> None:
        mistakes = [e.message for e in errors if not _is_unexpected(e)]
        if mistakes:
            log.info("client error: %s", one_line(" | ".join(mistakes)))
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
        query_guard(rules, limits),
        lambda: _MaskErrors(should_mask_error=_is_unexpected,
                           error_message=INTERNAL_ERROR),
    ]
    config = StrawberryConfig(disable_field_suggestions=not limits.introspection,
                              batching_config={"max_operations": limits.batch})
    schema = _Schema(query=Query, extensions=extensions, config=config,
                     execution_context_class=compiled_executor())
    speed_up(schema)
    return schema

