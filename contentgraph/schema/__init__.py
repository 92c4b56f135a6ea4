"""The GraphQL schema (strawberry): thin resolvers over the graph facade."""
