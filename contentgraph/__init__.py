"""contentgraph: a content knowledge graph and GraphQL API for a relationship-therapy practice."""

__version__ = "0.1.0"
