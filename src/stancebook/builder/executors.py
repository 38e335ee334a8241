"""Where the notebooks run: local worker processes (one per core), this process, or a Dask cluster, behind
one ``concurrent.futures`` interface."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from ..errors import BuildError
from . import worker


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@contextmanager
def open_executor(kind: str = "local", workers: int | None = None, scheduler: str | None = None):
    """A ``concurrent.futures`` executor for the notebooks, and a description of it for the log.

    ``local`` runs one worker process per core (``workers`` to change it; 1 runs them one after another in
    this process). ``dask`` submits them to the Dask cluster whose scheduler is at ``scheduler``, through
    Dask's ``concurrent.futures`` interface, or without a scheduler address starts a local Dask cluster with
    ``workers`` worker processes.
    """
    workers = workers or default_workers()
    if kind == "local":
        if scheduler:
            raise BuildError("--scheduler is for --executor dask")
        if workers == 1:
            yield None, "one after another in this process"
            return
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=worker.worker_init
        )
        try:
            yield pool, f"{workers} local worker processes"
        except BaseException:  # an error or Ctrl-C: start nothing more, let the running notebooks stop
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        return
    if kind != "dask":
        raise BuildError(f"unknown executor '{kind}': expected local or dask")
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BuildError(
            "--executor dask needs Dask's distributed package: "
            "pip install 'stancebook[dask]' (or pip install distributed)"
        ) from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise BuildError(f"could not reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        n = len(client.scheduler_info()["workers"])
        where = f"the Dask cluster at {scheduler}" if scheduler else "a local Dask cluster"
        yield client.get_executor(pure=False), f"{where} ({n} workers)"
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
