"""Execute one chapter notebook: the unit of work an executor (a local process pool, or Dask) runs.

A :class:`Task` carries everything the notebook needs: the rendered notebook, its parameters and the bytes of
the data files. The worker recreates the project's layout in a fresh temporary folder, executes there with
papermill, and returns the executed notebook as text. Nothing in the project is written by a worker, so a
worker may run on another machine without a shared file system, a failed or interrupted execution leaves the
project untouched, and the build process alone writes outputs (atomically) and the cache manifest.

Starting a Jupyter kernel has a known race: jupyter_client picks free TCP ports, releases them and lets the
kernel bind them, so two kernels started at the same moment can pick the same port and one dies before it
answers. :func:`with_retries` starts such a kernel again, and says so in the build log.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import fingerprint
from .project import PREPARED

KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}
#: id of papermill's injected parameters cell (papermill gives it a random one; outputs must not vary)
PARAMETERS_CELL_ID = "injected-parameters"
ATTEMPTS = 3


@dataclass(frozen=True)
class Task:
    label: str
    #: the notebook to execute (template with its text fields filled), as nbformat JSON
    notebook: str
    parameters: dict
    #: the output's folder relative to the project root: the notebook's working directory
    workdir: str
    #: files the notebook may read, by path relative to the project root (the CSV tables of data/)
    files: dict[str, bytes] = field(repr=False)
    attempts: int = ATTEMPTS
    #: the chapter's part of the data, validated, with the shared facts (``stancebook.compute.facts.bundle``),
    #: written to ``project.PREPARED`` in the temporary copy; empty: the notebook validates the data itself
    prepared: bytes = field(default=b"", repr=False)


@dataclass
class Result:
    label: str
    notebook: str | None
    seconds: float
    #: lines for the build log (kernel start retries)
    notes: list[str]
    #: fingerprint of the stancebook code that executed the notebook
    code: str
    error: str | None = None
    traceback: str | None = None
    worker: str = ""


class KernelStartError(RuntimeError):
    """The kernel died or did not answer before running any cell: worth one more try."""


#: what jupyter_client and nbclient say when a kernel dies while starting (e.g. its port was taken)
_START_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond", "Address already in use")


def is_start_failure(exc: BaseException) -> bool:
    """Whether an exception from starting a kernel is the port race (or another start failure worth retrying),
    rather than an error in the notebook itself."""
    if isinstance(exc, KernelStartError):
        return True
    try:
        import zmq

        if isinstance(exc, zmq.error.ZMQError) and exc.errno == errno.EADDRINUSE:
            return True
    except ImportError:  # pragma: no cover - pyzmq comes with jupyter_client
        pass
    text = f"{type(exc).__name__}: {exc}"
    return any(s in text for s in _START_FAILURES)


def with_retries(
    run: Callable[[], object],
    label: str,
    attempts: int = ATTEMPTS,
    log: Callable[[str], None] | None = None,
    pause: float = 0.5,
):
    """Call ``run``; when the kernel fails to start (see :func:`is_start_failure`), log a line and try again,
    up to ``attempts`` times in all. Errors inside the notebook are never retried."""
    for attempt in range(1, attempts + 1):
        try:
            return run()
        except Exception as exc:
            if not is_start_failure(exc) or attempt == attempts:
                raise
            if log:
                log(
                    f"{label}: the kernel failed to start ({type(exc).__name__}: {exc}), most likely two kernels "
                    f"took the same port at once; starting it again (attempt {attempt + 1} of {attempts})"
                )
            time.sleep(pause * attempt)


def worker_init() -> None:
    """Set up a local worker process: Ctrl-C in the terminal reaches every process of the build, and the build
    process alone decides what to do about it (the kernel, interrupted too, ends the notebook it runs)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run(task: Task) -> Result:
    """Execute a task in a temporary copy of the project's layout and return the executed notebook."""
    import nbformat
    import papermill as pm

    # an interrupted kernel leaves nbclient's pending asyncio tasks to be reported at exit, and its closed ZMQ
    # streams to be reported by tornado ("Uncaught exception in ZMQStream callback"); the error itself reaches
    # the build through papermill, so keep the plumbing's own logs quiet
    for name in ("asyncio", "tornado.general", "tornado.application"):
        logging.getLogger(name).setLevel(logging.CRITICAL)

    notes: list[str] = []
    start = time.perf_counter()
    worker = f"{os.uname().nodename}:{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="stancebook-") as tmp:
        root = Path(tmp)
        for rel, content in task.files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        if task.prepared:
            path = root / PREPARED
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(task.prepared)
        cwd = root / task.workdir
        cwd.mkdir(parents=True, exist_ok=True)
        _use_this_environments_kernel()
        nb = nbformat.reads(task.notebook, as_version=4)

        def once():
            return pm.execute_notebook(
                nb,
                None,
                parameters=task.parameters,
                kernel_name=KERNEL["name"],
                cwd=str(cwd),
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                # ipykernel warns on stderr about local TCP transport; keep the kernel quiet (it logs an error
                # when interrupted at shutdown, which jupyter_client always does)
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
            )

        try:
            executed = with_retries(once, task.label, task.attempts, log=notes.append)
        except pm.PapermillExecutionError as exc:
            # the template's code cells, counted from 1 (papermill's index counts its injected cell too)
            sources = [c.source for c in nb.cells if c.cell_type == "code"]
            code_cell = sources.index(exc.source) + 1 if exc.source in sources else exc.cell_index + 1
            first_line = next((line for line in exc.source.splitlines() if line.strip()), "")
            return Result(
                task.label,
                None,
                time.perf_counter() - start,
                notes,
                fingerprint.code_digest(),
                error=(f"failed in code cell {code_cell} (`{first_line.strip()}`): {exc.ename}: {exc.evalue}"),
                traceback=(
                    f"code cell {code_cell} of the template:\n"
                    f"{exc.source}\n\n" + _ANSI.sub("", "\n".join(exc.traceback))
                ),
                worker=worker,
            )
        except Exception as exc:  # the kernel never started, or papermill itself failed
            return Result(
                task.label,
                None,
                time.perf_counter() - start,
                notes,
                fingerprint.code_digest(),
                error=f"could not be executed ({type(exc).__name__}: {exc})",
                traceback=traceback.format_exc(),
                worker=worker,
            )
    tidy(executed)
    return Result(
        task.label,
        nbformat.writes(executed) + "\n",
        time.perf_counter() - start,
        notes,
        fingerprint.code_digest(),
        worker=worker,
    )


def _use_this_environments_kernel() -> None:
    """Put this environment's kernelspecs first, whatever other python3 kernels the machine has."""
    ours = str(Path(sys.prefix) / "share" / "jupyter")
    others = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != ours]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([ours, *others])


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+>")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def tidy(nb) -> None:
    """Make an executed notebook depend only on its inputs: drop papermill's timings and paths (and the copy of
    the input notebook it records), drop memory addresses from plain-text reprs ('<Styler at 0x7f..>'), give
    the injected parameters cell a fixed id, and hide its code in the book like the template's own code cells."""
    meta = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {k: meta[k] for k in ("parameters", "default_parameters", "version") if k in meta}
    nb.metadata["kernelspec"] = dict(KERNEL)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            plain = output.get("data", {}).get("text/plain")
            if isinstance(plain, str):
                output["data"]["text/plain"] = _ADDRESS.sub(">", plain)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = PARAMETERS_CELL_ID
            if "remove-input" not in tags:
                tags.append("remove-input")
