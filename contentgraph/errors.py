"""One exception hierarchy for the whole package; messages state the fact and the fix."""

from __future__ import annotations

MAX_MESSAGE = 500  # characters: messages stay small whatever the input held


def capped(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` on one line (whitespace runs, newlines included, become one space), capped."""
    return capped(" ".join(text.split()), limit)


class ContentGraphError(Exception):
    """Root of every error contentgraph raises on purpose."""


class LoaderError(ContentGraphError):
    """A source could not be read."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = path
        self.reason = reason = capped(reason)
        self.line = line  # line or row number where it applies
        super().__init__(f"{path}:{line}: {reason}" if line is not None else f"{path}: {reason}")


class TaxonomyError(ContentGraphError):
    """A taxonomy file is invalid: names the file, the concept and the problem."""

    def __init__(self, problems: list[str]):
        self.problems = [capped(p) for p in problems]
        super().__init__("invalid taxonomy:\n" + "\n".join(f"  - {p}" for p in self.problems))


class ConceptNotFound(ContentGraphError, KeyError):
    """A concept slug is not in the graph."""

    def __init__(self, slug: str):
        self.slug = slug
        super().__init__(f"Concept '{slug}' is not in the graph")

    def __str__(self) -> str:
        return self.args[0]


class DocumentNotFound(ContentGraphError, KeyError):
    """A document slug is not in the graph."""

    def __init__(self, slug: str):
        self.slug = slug
        super().__init__(f"Document '{slug}' is not in the graph")

    def __str__(self) -> str:
        return self.args[0]


class StoreError(ContentGraphError):
    """A graph store is missing, damaged, of another format version or not a store at all."""


class BuildError(ContentGraphError):
    """A build could not run: e.g. its Dask scheduler cannot be reached."""


class SettingError(ContentGraphError, ValueError):
    """A server setting has a value it cannot take."""

    def __init__(self, name: str, value: object, reason: str):
        self.name = name
        self.value = value
        super().__init__(f"Setting '{name}' has value {value!r}: {reason}")


class ExportError(ContentGraphError):
    """An export could not be written: an unknown format or an unwritable path."""


class BuildRefused(ContentGraphError):
    """A build that would replace the graph by mistake (empty, or most of it gone)."""
