from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stancebook import data
from stancebook.builder.project import copy_sources
from stancebook.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
RESEARCH = ROOT.parent / "shared" / "research"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: fixtures that build the book (tens of seconds): a test that uses one must be marked slow, so that
#: `make test-fast` (pytest -m "not slow") never builds
BUILDING_FIXTURES = {"book"}


def pytest_collection_modifyitems(config, items):
    unmarked = [
        item.nodeid
        for item in items
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("slow") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "these tests build the book but are not marked slow (add @pytest.mark.slow or a "
            "module pytestmark):\n  " + "\n  ".join(unmarked)
        )


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
    return copy_sources(ROOT, dest)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "book")


def stancebook(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a reader would (``env``: variables to add to the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "stancebook", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def append_rows(target: Path, fixture: Path) -> None:
    """Append a fixture CSV's data rows (not its header) to a data table."""
    rows = fixture.read_text(encoding="utf-8").splitlines()[1:]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.rstrip("\n") + "\n" + "\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def book(tmp_path_factory) -> Path:
    """The whole book, built once per test run (every build treats Sphinx warnings as errors), in a copy of the
    project to which Moldova has been added as a sixth focus country through data rows alone
    (tests/fixtures/add_country)."""
    root = copy_project(tmp_path_factory.mktemp("book"))
    append_rows(root / "data" / "countries.csv", FIXTURES / "add_country" / "countries.csv")
    append_rows(root / "data" / "unga_votes.csv", FIXTURES / "add_country" / "unga_votes.csv")
    result = stancebook("build", "--root", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    (root / "build.log").write_text(result.stdout, encoding="utf-8")
    return root


#: how often a test that waits for a build to reach a state looks again (seconds)
POLL_INTERVAL = 0.05


def wait_until(condition, what: str, timeout: float = 180, proc: subprocess.Popen | None = None):
    """Wait until ``condition()`` returns a true value (an observable state: a file written, a process gone),
    looking again every POLL_INTERVAL; return that value. Fails, naming ``what``, when ``timeout`` passes or
    ``proc`` ends first. Never a fixed sleep: on a fast machine it returns as soon as the state is reached."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the command ended before {what}")
        if time.monotonic() > deadline:
            if proc is not None:
                proc.kill()
            raise AssertionError(f"timed out after {timeout:g} s waiting until {what}")
        time.sleep(POLL_INTERVAL)


def require_browser(*tools: str) -> Path:
    """The Chromium to use, or skip (fail in CI, where STANCEBOOK_REQUIRE_BROWSER=1) saying what is missing."""
    from stancebook.builder.pdf import find_chromium

    missing = [t for t in tools if shutil.which(t) is None]
    try:
        chromium = find_chromium()
    except BuildError as exc:
        missing.insert(0, f"Chromium ({exc})")
    if missing:
        reason = "needs " + "; ".join(missing) + " (Debian: apt-get install chromium poppler-utils)"
        if os.environ.get("STANCEBOOK_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return chromium
