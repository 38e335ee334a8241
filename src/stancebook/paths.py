"""Finding the book project, and the quick check that nothing changed since the last build.

Standard library only: ``stancebook build`` runs this before importing pandas, so that a rebuild with nothing
to do answers at once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import fingerprint
from .errors import BuildError

#: everything a build reads or writes in the project, as globs (hidden files, such as temporary ones, excluded)
BUILD_FILES = ("_config.yml", "_toc.yml", "references.bib", "_static/**/*", "data/*.csv", "chapters/*.md",
               "chapters/templates/*.ipynb", "chapters/*.ipynb", "chapters/countries/*.ipynb")


#: what a book project needs in order to build: a copy of these is a complete project
SOURCES = ("_config.yml", "_toc.yml", "_static", "data", "references.bib", "chapters/intro.md",
           "chapters/references.md", "chapters/templates")


def copy_sources(root: Path, dest: Path) -> Path:
    """A fresh book project in ``dest`` with ``root``'s data, templates, pages and configuration (for tests and
    the benchmark, which must never build in the checkout)."""
    import shutil

    for name in SOURCES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding ``_config.yml`` and ``data/``."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "_config.yml").is_file() and (folder / "data").is_dir():
            return folder
    raise BuildError(f"no book project found at or above {start}: expected _config.yml and data/ "
                     "(run stancebook from the repository, or pass --root)")


def manifest_path(root: Path) -> Path:
    return root / "_build" / "stancebook" / "manifest.json"


def build_key(root: Path, options: dict) -> str:
    """One hash of everything a whole build depends on and produces: the project's files (data, templates,
    pages, configuration, executed notebooks), the stancebook code, the library versions and the options."""
    files = {}
    for pattern in BUILD_FILES:
        for path in sorted(root.glob(pattern)):
            if path.is_file() and not path.name.startswith("."):
                files[path.relative_to(root).as_posix()] = fingerprint.sha256(path.read_bytes())
    return fingerprint.sha256(json.dumps({"files": files, "code": fingerprint.code(),
                                          "environment": fingerprint.environment(), "options": options},
                                         sort_keys=True))


def up_to_date(root: Path, options: dict) -> bool:
    """Whether the last complete build ran with these options on exactly these files, and its HTML is there."""
    try:
        recorded = json.loads(manifest_path(root).read_text(encoding="utf-8")).get("build_key")
    except (OSError, ValueError):
        return False
    if not recorded or (options.get("html") and not (root / "_build" / "html" / "index.html").is_file()):
        return False
    return recorded == build_key(root, options)


class LockedError(BuildError):
    """Another stancebook command holds this checkout's build lock."""


def lock_path(root: Path) -> Path:
    """The lock file, in the project root (so that a refused build creates no _build folder)."""
    return root / ".stancebook.lock"


@contextmanager
def build_lock(root: Path, wait: bool = True, echo: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the checkout's build lock: a second build in the same checkout waits (or, without ``wait``, stops
    with a BuildError) instead of writing the same files. The operating system releases the lock when the
    process ends, however it ends, so a killed build never leaves a stale lock."""
    import fcntl

    path = lock_path(root)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            if not wait:
                raise LockedError(f"another stancebook command is building in {root} ({holder}); wait for it to "
                                 "finish, or run without --no-wait to wait for it") from None
            echo(f"Another stancebook command is building in this checkout ({holder}); waiting for it to finish...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}".encode(), 0)
        yield
    finally:
        os.close(fd)
