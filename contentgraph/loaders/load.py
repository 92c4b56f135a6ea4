"""``load``: files, folders and globs -> Documents, with one clear LoadError per bad input.

>>> from contentgraph.examples import corpus_path
>>> result = load([corpus_path()])
>>> len(result.documents) > 10, result.errors
(True, [])
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..errors import LoaderError
from .decoding import DecodeProblem, decode_bytes
from .model import Document, LoadError, LoadResult, content_hash
from .options import MB, LoadOptions, QAColumns, QA_PRESETS
from .readers import feeds, html, markdown, plaintext, qa
from .readers.base import Reader, ReadResult, Source
from .slugs import SlugRegistry

__all__ = ["load", "LoadOptions", "QAColumns", "QA_PRESETS", "READERS", "is_supported",
           "source_paths", "read_source", "claim_slugs"]

READERS: dict[str, Reader] = {
    ".txt": plaintext.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".html": html.read,
    ".htm": html.read,
    ".csv": qa.read_csv,
    ".jsonl": qa.read_jsonl,
    ".xml": feeds.read,
    ".rss": feeds.read,
    ".atom": feeds.read,
}


def is_supported(path: str | Path) -> bool:
    """Whether some reader handles this file's extension."""
    return Path(path).suffix.lower() in READERS


def load(paths: Iterable[str | Path], options: LoadOptions | None = None,
         slugs: SlugRegistry | None = None) -> LoadResult:
    """Load every source in ``paths`` (files, folders searched recursively, globs).

    The reader is chosen by file extension (see ``READERS``); files of other types inside
    folders are passed over, but a file named explicitly must be of a supported type. A bad
    source, or a bad row or item inside one, becomes a ``LoadError`` naming the file (and line)
    and the problem; the other sources still load. Slugs are unique in the result: a derived
    slug that is taken gets ``-2``, ``-3``...; a slug a source sets explicitly (front matter
    ``slug``, WordPress ``post_name``) that is already taken is an error. ``slugs`` shares
    the taken slugs across calls (an incremental build loads file by file); a new registry by
    default.
    """
    options = options or LoadOptions()
    files, errors = source_paths(paths)
    result = LoadResult(errors=errors)
    registry = slugs if slugs is not None else SlugRegistry()
    for done, path in enumerate(files, 1):
        read = _read_file(path, options)
        result.errors.extend(read.errors)
        kept = [doc for _, doc in claim_slugs(read, registry, result.errors)]
        result.documents.extend(kept)
        result.explicit_slugs.update(d.slug for d in kept if d.slug in read.explicit_slugs)
        if options.progress:
            options.progress(path, done, len(files))
    return result


def source_paths(paths: Iterable[str | Path]) -> tuple[list[str], list[LoadError]]:
    """The files named by ``paths``, in order, each once; errors for names that match nothing.

    Folders give their supported files, sorted, skipping hidden files and folders.
    """
    files: dict[str, None] = {}
    errors: list[LoadError] = []
    for given in paths:
        name = str(given)
        if glob.has_magic(name):
            matches = sorted(glob.glob(name, recursive=True))
            found = [p for m in matches for p in _expand(Path(m), explicit=False)]
            if not found:
                errors.append(LoadError(name, "the pattern matches no supported file"))
        elif not Path(name).exists():
            errors.append(LoadError(name, "no such file or folder"))
            found = []
        else:
            found = _expand(Path(name), explicit=True)
        files.update(dict.fromkeys(found))
    return list(files), errors


def _expand(path: Path, explicit: bool) -> list[str]:
    if path.is_dir():
        return sorted(str(p) for p in path.rglob("*") if p.is_file() and is_supported(p)
                      and not any(part.startswith(".") for part in p.relative_to(path).parts))
    if path.is_file() and (explicit or is_supported(path)):
        return [str(path)]
    return []


def _read_file(path: str, options: LoadOptions) -> ReadResult:
    """Read, decode and parse one file; every failure becomes a LoadError in the result."""
    if Path(path).suffix.lower() not in READERS:
        return read_source(path, b"", options)
    try:
        size = Path(path).stat().st_size
        if size > options.max_bytes:
            return _too_large(path, size, options)
        data = Path(path).read_bytes()
    except OSError as exc:
        return _failed(path, f"cannot read the file: {exc.strerror or exc}")
    return read_source(path, data, options)


def read_source(path: str, data: bytes, options: LoadOptions) -> ReadResult:
    """Decode and parse the bytes of the file at ``path`` (read elsewhere, e.g. by a build that
    sends them to another machine); every failure becomes a LoadError in the result. Slugs are
    the reader's: ``claim_slugs`` makes them unique."""
    reader = READERS.get(Path(path).suffix.lower())
    if reader is None:
        kinds = ", ".join(sorted(READERS))
        return _failed(path, f"unsupported file type '{Path(path).suffix or '(none)'}' "
                             f"(supported: {kinds})")
    if len(data) > options.max_bytes:
        return _too_large(path, len(data), options)
    if not data.strip():
        return _failed(path, "empty file")
    try:
        text = decode_bytes(data, options.encoding)
    except DecodeProblem as exc:
        return _failed(path, str(exc))
    if not text.strip():
        return _failed(path, "empty file (only whitespace)")
    try:
        read = reader(Source(path, text, content_hash(data)), options)
    except LoaderError as exc:
        return _failed(path, exc.reason, exc.line)
    except ValueError as exc:
        return _failed(path, str(exc))
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop a load of thousands
        return _failed(path, f"the {Path(path).suffix} reader failed ({type(exc).__name__}: "
                             f"{exc}); this is a bug in contentgraph, please report it")
    if not read.documents and not read.errors:
        read.errors.append(LoadError(path, "no documents found in the file"))
    return read


def _too_large(path: str, size: int, options: LoadOptions) -> ReadResult:
    return _failed(path, f"file is {size / MB:.1f} MB, over the {options.max_bytes / MB:g} MB "
                         f"limit (raise max_bytes / --max-mb to load it)")


def claim_slugs(read: ReadResult, registry: SlugRegistry,
                errors: list[LoadError]) -> list[tuple[int, Document]]:
    """Make the documents' slugs unique in ``registry``; answers follow their question's new
    slug. Returns ``(index in read.documents, document with its slug)`` for each document kept;
    a taken explicit slug becomes an error in ``errors`` and drops its document."""
    kept: list[tuple[int, Document]] = []
    renamed: dict[str, str | None] = {}  # old slug -> new slug (None: the document was dropped)
    for index, doc in enumerate(read.documents):
        if doc.slug in read.explicit_slugs and doc.slug in registry.owner:
            errors.append(LoadError(doc.source, f"duplicate slug '{doc.slug}': already used by "
                                                f"{registry.owner[doc.slug]}"))
            renamed[doc.slug] = None
            continue
        parent = renamed.get(doc.parent, doc.parent) if doc.parent else None
        if doc.parent and parent is None:
            continue
        wanted = doc.slug
        if parent != doc.parent and wanted.startswith(f"{doc.parent}-"):
            wanted = parent + wanted[len(doc.parent):]
        slug = registry.claim(wanted, doc.source)
        renamed[doc.slug] = slug
        if slug != doc.slug or parent != doc.parent:
            doc = replace(doc, slug=slug, parent=parent)
        kept.append((index, doc))
    return kept


def _failed(path: str, reason: str, line: int | None = None) -> ReadResult:
    return ReadResult(errors=[LoadError(path, reason, line)])
