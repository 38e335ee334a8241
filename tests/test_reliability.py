"""Interrupted and concurrent builds: Ctrl-C, a killed build, two builds in one checkout. Each runs the real
command on a copy of the session's built book and checks that nothing is half-written, that the last good book
is byte-identical, and that the next build recovers without any manual cleaning."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from conftest import stancebook, wait_until

pytestmark = pytest.mark.slow


def start(*args: str) -> subprocess.Popen:
    """The real command in its own session (a terminal's Ctrl-C reaches the whole session), unbuffered."""
    return subprocess.Popen(
        [sys.executable, "-m", "stancebook", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def wait_for_line(proc: subprocess.Popen, prefix: str, timeout: float = 180) -> list[str]:
    """Read the command's output until a line starts with ``prefix``."""
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith(prefix):
            return lines
    proc.kill()
    raise AssertionError(f"no line starting {prefix!r} in: {''.join(lines)}")


def digest(paths: list[Path], root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.is_file()}


def html_digest(root: Path) -> dict[str, str]:
    return digest(sorted((root / "_build" / "html").rglob("*")), root)


def leftovers(root: Path) -> list[str]:
    """Temporary or half-written files a build must never leave behind."""
    found = [p for p in root.rglob("*") if ".tmp" in p.name and "_build/.stage" not in p.as_posix()]
    found += [p for p in (root / "_build").glob("html.*")]
    return sorted(p.relative_to(root).as_posix() for p in found)


def session_processes(sid: int) -> list[psutil.Process]:
    """Processes still alive in the command's session (its workers and kernels), once they have had up to 15 s
    to exit."""

    def alive() -> list[psutil.Process]:
        found = []
        for p in psutil.process_iter():
            try:
                if os.getsid(p.pid) == sid and p.status() != psutil.STATUS_ZOMBIE:
                    found.append(p)
            except (ProcessLookupError, PermissionError, psutil.Error):
                pass
        return found

    try:
        wait_until(lambda: not alive(), "the build's workers and kernels exited", timeout=15)
    except AssertionError:
        pass
    return alive()


@pytest.fixture
def built(book, tmp_path) -> Path:
    return Path(shutil.copytree(book, tmp_path / "book", symlinks=True))


def test_ctrl_c_while_notebooks_run_leaves_nothing_half_written(built):
    html_before = html_digest(built)
    proc = start("build", "--root", str(built), "--force")
    wait_for_line(proc, "[1/11]")
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 130, out + err
    assert err.strip().startswith("Interrupted. Every notebook that finished before the interruption was kept")
    assert "Traceback" not in err
    assert leftovers(built) == []
    for nb in (built / "chapters").rglob("*.ipynb"):
        nbformat.read(nb, as_version=4)  # every notebook is whole
    json.loads((built / "_build" / "stancebook" / "manifest.json").read_text(encoding="utf-8"))
    assert html_digest(built) == html_before, "the HTML step never started: the book must be as it was"
    assert session_processes(proc.pid) == [], "workers or kernels outlived the interrupted build"
    again = stancebook("build", "--root", str(built))
    assert again.returncode == 0, again.stdout + again.stderr
    assert leftovers(built) == []


def test_a_build_killed_while_compiling_the_html_leaves_the_last_book_whole(built):
    html_before = html_digest(built)
    intro = built / "chapters" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nA sentence added for the test.\n", encoding="utf-8")
    proc = start("build", "--root", str(built), "--explain")
    wait_for_line(proc, "HTML  build")
    # a change of a page rebuilds from scratch, in an empty stage: kill the build once Jupyter Book has written
    # a page there (an observable state, whatever the machine's speed)
    stage = built / "_build" / ".stage" / "_build" / "html"
    wait_until(lambda: stage.is_dir() and any(stage.rglob("*.html")), "Jupyter Book wrote a page", proc=proc)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert html_digest(built) == html_before, "a killed build must not touch the published book"
    again = stancebook("build", "--root", str(built), "--explain")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "HTML  build (full)" in again.stdout, "the interrupted HTML build is redone"
    assert "A sentence added for the test." in (built / "_build" / "html" / "chapters" / "intro.html").read_text(
        encoding="utf-8"
    )
    assert leftovers(built) == []


def test_a_second_build_in_the_same_checkout_waits_or_stops_clearly(built):
    first = start("run", "--root", str(built), "-c", "KAZ", "--no-html", "--jobs", "1")
    wait_for_line(first, "Executing")
    refused = stancebook("build", "--root", str(built), "--dry-run", "--no-wait")
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert refused.stderr.startswith(f"another stancebook command is building in {built} (pid {first.pid}, started ")
    waiting = stancebook("build", "--root", str(built), "--dry-run")
    assert first.poll() is not None, "the waiting build must only start once the first is done"
    assert waiting.returncode == 0, waiting.stdout + waiting.stderr
    assert waiting.stdout.startswith(
        f"Another stancebook command is building in this checkout (pid {first.pid}, started "
    )
    assert "waiting for it to finish..." in waiting.stdout.splitlines()[0]
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, out + err
