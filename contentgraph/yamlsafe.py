"""YAML read safely: plain data only, and aliases that cannot blow a small file up.

PyYAML's safe loaders build an aliased node once and share it, but anything that later walks the
data (a copy, a repr, a JSON dump) expands every alias: a few hundred bytes of ``&a`` and ``*a``
can stand for billions of values. ``load_yaml`` counts the document's size with every alias
expanded (once per node, so in time linear in the file) and refuses a document whose aliases
add more than ALIAS_ALLOWANCE nodes to what is written, or that contains itself.
"""

from __future__ import annotations

from typing import Any

import yaml

ALIAS_ALLOWANCE = 10_000  # nodes that aliases may add to a document beyond those written out
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class AliasError(yaml.YAMLError):
    """The document's aliases expand too far, or a node contains itself."""


def load_yaml(text: str, loader: type = SafeLoader) -> Any:
    """The data of the single YAML document ``text`` (None when empty), read by ``loader`` (a
    safe loader class). Raises ``yaml.YAMLError`` (``AliasError`` for aliases)."""
    reader = loader(text)
    try:
        try:
            node = reader.get_single_node()
        except RecursionError:
            raise yaml.YAMLError("the YAML is nested too deeply") from None
        if node is None:
            return None
        written, expanded = _sizes(node)
        if expanded > written + ALIAS_ALLOWANCE:
            raise AliasError(f"its aliases expand {written:,} written values to {expanded:,} "
                             f"(at most {ALIAS_ALLOWANCE:,} more are allowed)")
        return reader.construct_document(node)
    finally:
        reader.dispose()


def _children(node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _sizes(root) -> tuple[int, int]:
    """(distinct nodes, nodes with every alias expanded) of the graph under ``root``."""
    expanded: dict[int, int] = {}  # id(node) -> size once counted
    open_nodes: set[int] = set()  # nodes whose children are being counted: the current path
    stack = [(root, False)]
    while stack:
        node, counted = stack.pop()
        key = id(node)
        if counted:
            expanded[key] = 1 + sum(expanded[id(child)] for child in _children(node))
            open_nodes.discard(key)
        elif key in open_nodes:
            raise AliasError("an alias refers to a value that contains it")
        elif key not in expanded:
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return len(expanded), expanded[id(root)]
