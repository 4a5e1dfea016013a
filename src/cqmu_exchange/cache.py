"""A parse cache: the checked dataset (and its search index) as MessagePack in the user's cache dir.

The cache is an optimisation only. An entry is keyed by the data file's absolute
path, size and mtime plus the package version, and it also records the blake2b
hash of the file's bytes, which must match on every read: an edited file is never
served from the cache. Unreadable or corrupt entries are ignored and rebuilt.
Entries are written to a temporary file and renamed into place.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Dataset
    from .search import SearchIndex

CACHE_ENV = "CQMU_CACHE_DIR"
MAGIC = b"CQMU1\n"


def cache_dir() -> Path:
    """``$CQMU_CACHE_DIR``, else ``$XDG_CACHE_HOME/cqmu-exchange``, else ``~/.cache/...``."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cqmu-exchange"


def _version() -> str:
    from . import __version__

    return __version__


def entry_path(path: Path, size: int, mtime_ns: int, suffix: str = ".msgpack") -> Path:
    """Where the cache entry for this file (at this size and mtime) lives."""
    key = f"{path.resolve()}\0{size}\0{mtime_ns}\0{_version()}".encode("utf-8", "surrogatepass")
    return cache_dir() / (hashlib.blake2b(key, digest_size=16).hexdigest() + suffix)


_seen: dict[tuple[str, int, int, int, int], tuple[Path, bytes]] = {}


def fingerprint(path: Path) -> tuple[Path, bytes] | None:
    """The cache entry stem and content digest of a regular file; None when it cannot be cached.

    A pipe (`--data <(...)`, `--data /dev/stdin`) can be read only once, and a device
    or a directory has no meaningful size or mtime: those are never cached.
    """
    try:
        stat = path.stat()
        if not S_ISREG(stat.st_mode):
            return None
        # Within one process the same unchanged file is hashed once. The inode change
        # time moves on every write and every utime(), and no program can set it back,
        # so an edit that keeps size and mtime still gets a new key.
        key = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
        if key not in _seen:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=32).digest()
            _seen[key] = (entry_path(path, stat.st_size, stat.st_mtime_ns, ""), digest)
        return _seen[key]
    except OSError:
        return None  # the builder reports the problem properly


def load_cached(path: Path, build: Callable[[Path], Dataset]) -> Dataset:
    """The dataset from the cache when fresh, else ``build(path)`` (and cache it)."""
    found = fingerprint(path)
    if found is None:
        return build(path)
    stem, digest = found
    entry = stem.with_name(stem.name + ".msgpack")
    cached: Dataset | None = _read(entry, digest)
    if cached is not None:
        return cached
    dataset = build(path)
    _write(entry, digest, dataset)
    return dataset


def load_index(path: Path, build: Callable[[], SearchIndex]) -> SearchIndex:
    """The search index of the dataset at ``path`` from the cache when fresh, else ``build()``.

    A fresh index entry means the search needs neither the TOML nor the decoded dataset.
    """
    from .search import SearchIndex

    found = fingerprint(path)
    if found is None:
        return build()
    stem, digest = found
    entry = stem.with_name(stem.name + ".index.msgpack")
    state = _read(entry, digest, dict)
    if isinstance(state, dict):
        index = SearchIndex.__new__(SearchIndex)
        try:
            index.__setstate__(state)
            return index
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # an entry from an incompatible build: rebuild it
    index = build()
    _write(entry, digest, index.__getstate__())
    return index


def _read(entry: Path, digest: bytes, kind: type[Any] | None = None) -> Any:
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + len(digest)
    if len(blob) <= head or blob[: len(MAGIC)] != MAGIC or blob[len(MAGIC) : head] != digest:
        return None
    import msgspec

    from .model import Dataset

    try:
        return msgspec.msgpack.decode(blob[head:], type=kind or Dataset)
    except (msgspec.DecodeError, ValueError):
        return None


def _write(entry: Path, digest: bytes, value: Any) -> None:
    import tempfile

    import msgspec

    try:
        blob = MAGIC + digest + msgspec.msgpack.encode(value)
    except (msgspec.EncodeError, OverflowError, ValueError, TypeError):
        return  # not representable as MessagePack (the checks should prevent it): just do not cache
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".msgpack")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a cache we cannot write is only a slower next run
