from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stancebook import data

ROOT = Path(__file__).resolve().parents[1]
RESEARCH = ROOT.parent / "shared" / "research"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: what a book project needs; everything else in the repository is left out of copies
BOOK_FILES = ("_config.yml", "_toc.yml", "_static", "data", "chapters/intro.md", "chapters/templates")


@pytest.fixture(scope="session")
def ds() -> data.Dataset:
    return data.load(ROOT / "data")


@pytest.fixture
def research() -> Path:
    if not (RESEARCH / "unga" / "ukraine_votes.csv").is_file():
        pytest.skip(f"research pack not found at {RESEARCH} (it sits beside the project in CI)")
    return RESEARCH


def copy_project(dest: Path) -> Path:
    """A fresh book project in ``dest`` with the repository's data, templates and config."""
    for name in BOOK_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "book")


def stancebook(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a reader would."""
    return subprocess.run([sys.executable, "-m", "stancebook", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=600)


def append_rows(target: Path, fixture: Path) -> None:
    """Append a fixture CSV's data rows (not its header) to a data table."""
    rows = fixture.read_text(encoding="utf-8").splitlines()[1:]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.rstrip("\n") + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
