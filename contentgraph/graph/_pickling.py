"""Pickling that rebuilds the loaders' frozen dataclasses by calling them (several times faster
to load than the default state restoring)."""

from __future__ import annotations

import gc
import io
import pickle
from dataclasses import fields

from ..loaders.model import (Block, CandidateTerm, Document, DocumentConcept, LoadError, Mention,
                             Passage, RelationCue)

PROTOCOL = 5
_FIELDS = {cls: tuple(f.name for f in fields(cls)) for cls in
           (Block, CandidateTerm, Document, DocumentConcept, LoadError, Mention, Passage,
            RelationCue)}


class _Pickler(pickle.Pickler):
    """Calls the dataclass to rebuild it, and writes equal strings (a mention's sentence, repeated
    by every mention in it) once."""

    def __init__(self, file):
        super().__init__(file, protocol=PROTOCOL)
        self._strings: dict[str, str] = {}

    def reducer_override(self, obj):
        names = _FIELDS.get(type(obj))
        if names is None:
            return NotImplemented
        values = tuple(getattr(obj, name) for name in names)
        return type(obj), tuple(self._strings.setdefault(v, v) if type(v) is str and len(v) > 40
                                else v for v in values)


def dump(obj, file) -> None:
    _Pickler(file).dump(obj)


def dumps(obj) -> bytes:
    buffer = io.BytesIO()
    dump(obj, buffer)
    return buffer.getvalue()


def loads(data: bytes):
    """``pickle.loads`` without the garbage collector's pauses (unpickling only makes objects)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


def load(file):
    """``pickle.load`` without the garbage collector's pauses."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(file)
    finally:
        if enabled:
            gc.enable()
