"""Snapshots: one versioned file holding a whole build, written atomically.

The file is a magic line, a format-version line, then a pickle (protocol 5) of the build. Pickle
runs code on load: snapshots are for the practice's own files, never for files from elsewhere.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from ..errors import SnapshotError
from ._pickling import dump, load
from .records import BuildData

MAGIC = b"CONTENTGRAPH-SNAPSHOT\n"
FORMAT_VERSION = 5


def write_snapshot(data: BuildData, path: str | Path) -> None:
    """Write ``data`` to ``path``: a temporary file in the same folder, fsync, then rename.

    A write that fails or is killed leaves the previous file at ``path`` as it was.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise SnapshotError(f"{path}: the folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC)
            out.write(f"{FORMAT_VERSION}\n".encode())
            dump(data, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def read_snapshot(path: str | Path) -> BuildData:
    """Read a snapshot written by ``write_snapshot``.

    Raises ``SnapshotError`` when the file is missing, not a snapshot, of another format version
    (rebuild it with ``contentgraph build``) or corrupt.
    """
    path = Path(path)
    try:
        with open(path, "rb") as src:
            if src.read(len(MAGIC)) != MAGIC:
                raise SnapshotError(f"{path}: not a contentgraph snapshot")
            version = src.readline().strip()
            if version != str(FORMAT_VERSION).encode():
                raise SnapshotError(
                    f"{path}: snapshot format version {version.decode(errors='replace')!r}, this "
                    f"contentgraph reads version {FORMAT_VERSION}; rebuild it with "
                    f"`contentgraph build ... --full --out {path}`")
            data = load(src)
    except FileNotFoundError:
        raise SnapshotError(f"{path}: no such snapshot; make one with `contentgraph build`") from None
    except SnapshotError:
        raise
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError,
            TypeError, IndexError) as exc:
        raise SnapshotError(f"{path}: the snapshot is corrupt ({type(exc).__name__}: {exc}); "
                            f"rebuild it with `contentgraph build`") from None
    if not isinstance(data, BuildData):
        raise SnapshotError(f"{path}: the snapshot holds no build")
    return data


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
