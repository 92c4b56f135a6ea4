"""The explorer: HTML pages over the graph facade for the content team and researchers."""

from .routing import routes

__all__ = ["routes"]
