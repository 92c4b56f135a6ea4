"""The GraphQL schema (strawberry): thin resolvers over the graph facade."""

from .context import Context
from .limits import Limits, build_schema

schema = build_schema()

__all__ = ["Context", "Limits", "build_schema", "schema"]
