"""Content hashes of the data: of a table's values, and of a data folder's files (SHA-256, as hex)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def frame_digest(frame: pd.DataFrame) -> str:
    """Hash of a table's values in file order (its CSV line numbers left out: moving other rows changes nothing)."""
    return sha256(frame.drop(columns=["csv_line"], errors="ignore").to_csv(index=False, lineterminator="\n"))


def folder_files(data_dir: str | Path) -> dict[str, bytes]:
    """The CSV files of a data folder, by file name, in name order."""
    return {p.name: p.read_bytes() for p in sorted(Path(data_dir).glob("*.csv"))}


def files_digest(files: dict[str, bytes]) -> str:
    """One hash of a set of files (names and contents): the same files give the same hash wherever they are."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(f"{name}\0{len(files[name])}\0".encode())
        h.update(files[name])
    return h.hexdigest()
