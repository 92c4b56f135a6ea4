"""The extraction's hot modules, compiled to C by mypyc when the package is installed.

``setup.py`` compiles ``MODULES`` (the same ``.py`` files, no other copy of them) into extension
modules beside them, and records a digest of each source in ``SOURCES_FILE``. An extension module
shadows its ``.py`` file, so an edited source would not run until it is compiled again:
``use_sources_if_edited`` (called when ``contentgraph.loaders`` is imported) finds a source that
changed since it was compiled, says so once, and has all of ``MODULES`` imported from their
``.py`` files (all of them: compiled modules call each other directly, not through imports).
Where nothing was compiled (no C compiler when the package was installed), the ``.py`` files
are what Python imports anyway.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import sys
import warnings
from pathlib import Path

# The modules compiled, in this package; setup.py reads this list.
MODULES = ("extract", "patterns", "searchtext", "negation", "sentences", "cues", "cue_phrases",
           "furniture")
SOURCES_FILE = "compiled-sources.json"  # module -> sha256 of the source it was compiled from
_HERE = Path(__file__).parent


def digest(path: Path) -> str:
    """sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _has_extension(name: str) -> bool:
    return any((_HERE / f"{name}{suffix}").exists()
               for suffix in importlib.machinery.EXTENSION_SUFFIXES)


def status() -> str:
    """Whether ``MODULES`` run compiled ("compiled"), and if not, why."""
    if not any(_has_extension(name) for name in MODULES):
        return "not compiled (they run interpreted, slower: see docs/development.md)"
    try:
        recorded = json.loads((_HERE / SOURCES_FILE).read_text())
    except (OSError, ValueError):
        recorded = {}
    edited = [f"{name}.py" for name in MODULES
              if recorded.get(name) != digest(_HERE / f"{name}.py")]
    return (f"edited since compiled: {' '.join(edited)} (they run interpreted, slower, until "
            "`make install` compiles them again)") if edited else "compiled"


class _Sources(importlib.abc.MetaPathFinder):
    """Finds ``MODULES`` as their ``.py`` files, before the extension modules that shadow them."""

    def find_spec(self, fullname, path=None, target=None):
        package, _, name = fullname.rpartition(".")
        if package != __package__ or name not in MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, _HERE / f"{name}.py")


def use_sources_if_edited() -> None:
    """Import ``MODULES`` from their sources when one was edited since it was compiled."""
    state = status()
    if not state.startswith("edited"):
        return
    warnings.warn(f"contentgraph's extraction modules: {state}", RuntimeWarning, stacklevel=2)
    if not any(isinstance(finder, _Sources) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Sources())
