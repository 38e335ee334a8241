"""Content fingerprints of what a notebook's output depends on besides its data: the package code and the
software environment. Standard library only, so that an executor's worker can compute them cheaply."""

from __future__ import annotations

import hashlib
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path

#: libraries whose version can change what a notebook shows (tables, charts, glued values)
LIBRARIES = ("pandas", "numpy", "matplotlib", "pandera", "papermill", "nbformat", "ipykernel", "myst-nb")


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


@lru_cache(maxsize=1)
def code() -> dict[str, str]:
    """SHA-256 of every Python file of the stancebook package, by file name."""
    package = Path(__file__).resolve().parent
    return {p.name: sha256(p.read_bytes()) for p in sorted(package.glob("*.py"))}


def code_digest() -> str:
    return sha256("".join(f"{name}:{digest}\n" for name, digest in code().items()))


@lru_cache(maxsize=1)
def environment() -> dict[str, str]:
    """The Python version and the versions of the libraries that shape the output."""
    versions = {"python": platform.python_version()}
    for lib in LIBRARIES:
        try:
            versions[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            versions[lib] = "not installed"
    return versions
