"""jieba's prefix dictionary, cached only where no one else can plant a copy.

The cache file lives in :func:`cache_dir`, a folder of the current user that no one else may
write to (never the shared temporary folder); it is loaded only if it is the user's own, not
writable by group or others, built from the same dictionary inputs (their hash is in the file)
and unchanged since it was written (the hash of its contents is in the file too). Otherwise
the dictionary is built from jieba's dictionary file, and cached if there is a private folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from govnlp.text.dag import check_jieba, jieba_version

if TYPE_CHECKING:
    from jieba import Tokenizer as JiebaTokenizer

logger = logging.getLogger(__name__)

# what the loader reads from a jieba.Tokenizer (besides FREQ and total, which it sets)
TOKENIZER_NEEDS = ("get_dict_file", "gen_pfdict", "initialized")

_MAGIC = b"govnlp jieba prefix dictionary 1\n"
_DIGEST = 64  # characters of a SHA-256 in hexadecimal


def cache_dir() -> Path | None:
    """The private folder for the dictionary cache, created if need be: ``GOVNLP_CACHE_DIR``,
    else ``$XDG_CACHE_HOME/govnlp`` or ``~/.cache/govnlp``; None where that folder cannot be
    written or is not private (another user's, or writable by group or others)."""
    env = os.environ.get("GOVNLP_CACHE_DIR")
    try:
        if env:
            path = Path(env)
        else:
            path = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govnlp"
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.stat()
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    if stat.S_ISDIR(info.st_mode) and _private(info) and os.access(path, os.W_OK):
        return path
    logger.debug("%s is not a private folder: the jieba dictionary is not cached", path)
    return None


def _private(info: os.stat_result) -> bool:
    """Owned by the current user and writable by no one else (where files have POSIX owners)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # no POSIX owners: the folder is in the user's own profile
        return True
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def initialize(tok: JiebaTokenizer) -> None:
    """Give a fresh ``jieba.Tokenizer`` the prefix dictionary of its dictionary file, from the
    private cache when it holds a sound copy; jieba's own cache (in the shared temporary
    folder) is never read."""
    import jieba as jieba_module

    check_jieba(jieba_module, tok, module_needs=(), tokenizer_needs=TOKENIZER_NEEDS,
                check_version=False)  # fmt: skip
    with tok.get_dict_file() as fh:
        source = fh.read()
    key = inputs_hash(source, jieba_version(jieba_module))
    path = cache_path(key)
    found = read_cache(path, key) if path is not None else None
    if found is None:
        found = tok.gen_pfdict(tok.get_dict_file())
        if path is not None:
            write_cache(path, key, *found)
    tok.FREQ, tok.total = found
    tok.initialized = True


def inputs_hash(source: bytes, version: str) -> str:
    """The hash of what the prefix dictionary is built from: the dictionary file's bytes, the
    jieba version that builds it, and the cache format."""
    digest = hashlib.sha256(_MAGIC)
    digest.update(f"{version}\0{marshal.version}\0".encode())
    digest.update(source)
    return digest.hexdigest()


def cache_name(key: str) -> str:
    """The name of the cache file of the prefix dictionary of inputs hashed to ``key``."""
    return f"jieba-{key[:16]}.cache"


def cache_path(key: str) -> Path | None:
    """Where the prefix dictionary of inputs hashed to ``key`` is cached (None: not cached)."""
    folder = cache_dir()
    return folder / cache_name(key) if folder is not None else None


def read_cache(path: Path, key: str) -> tuple[dict[str, int], int] | None:
    """The cached (frequencies, total) in ``path`` if the file is the user's own, writable by no
    one else, built from the inputs hashed to ``key`` and intact; else None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            logger.warning("%s: not loaded (not a private file of the current user)", path)
            return None
        data = fh.read()
    head = _MAGIC + key.encode() + b"\n"
    body = len(head) + _DIGEST + 1
    digest, payload = data[len(head) : body - 1], data[body:]
    if not data.startswith(head) or data[body - 1 : body] != b"\n":
        return None  # another format or other inputs
    if hashlib.sha256(payload).hexdigest().encode() != digest:
        logger.warning("%s: not loaded (its contents do not match their hash)", path)
        return None
    try:
        freq, total = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(freq, dict) or not isinstance(total, int):
        return None
    return freq, total


def write_cache(path: Path, key: str, freq: dict[str, int], total: int) -> bool:
    """Write the prefix dictionary of inputs hashed to ``key`` to ``path`` (readable and
    writable by the user only, replaced at once); False if it cannot be written."""
    payload = marshal.dumps((freq, total))
    digest = hashlib.sha256(payload).hexdigest().encode()
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-", suffix=".tmp")
    except OSError as exc:
        logger.debug("%s: cannot cache the jieba dictionary: %s", path, exc)
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC + key.encode() + b"\n" + digest + b"\n" + payload)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        logger.debug("%s: cannot cache the jieba dictionary: %s", path, exc)
        return False
    return True
