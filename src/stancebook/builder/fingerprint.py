"""Content fingerprints of what a notebook's output depends on besides its data: the package code and the
software environment. Standard library only, so that an executor's worker can compute them cheaply."""

from __future__ import annotations

import hashlib
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path

#: libraries whose version can change what a notebook shows (tables, charts, glued values)
LIBRARIES = ("pandas", "numpy", "matplotlib", "pandera", "papermill", "nbformat", "ipykernel", "myst-nb", "markupsafe")


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


#: the stancebook package's folder
PACKAGE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def code() -> dict[str, str]:
    """SHA-256 of every Python file of the stancebook package, in every subpackage, by path within it
    ('data/schemas.py')."""
    return {
        p.relative_to(PACKAGE).as_posix(): sha256(p.read_bytes())
        for p in sorted(PACKAGE.rglob("*.py"))
        if "__pycache__" not in p.parts
    }


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
