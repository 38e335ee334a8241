"""One build at a time in a checkout: the build lock."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..errors import BuildError
from .project import Project


class LockedError(BuildError):
    """Another stancebook command holds this checkout's build lock."""


@contextmanager
def build_lock(project: Project, wait: bool = True, echo: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the checkout's build lock: a second build in the same checkout waits (or, without ``wait``, stops
    with a LockedError) instead of writing the same files. The operating system releases the lock when the
    process ends, however it ends, so a killed build never leaves a stale lock."""
    import fcntl

    fd = os.open(project.lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            if not wait:
                raise LockedError(
                    f"another stancebook command is building in {project.root} ({holder}); wait for "
                    "it to finish, or run without --no-wait to wait for it"
                ) from None
            echo(f"Another stancebook command is building in this checkout ({holder}); waiting for it to finish...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}".encode(), 0)
        yield
    finally:
        os.close(fd)
