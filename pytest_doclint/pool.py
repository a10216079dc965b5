"""Run one function over many documents in several processes, results in input order.

Linting is CPU-bound Python, so threads would share one core: processes it is. They are
forked, so each inherits the run's rules, configs and plugins as loaded, and a task is sent
as its index only: nothing of the run has to be pickled (a YAML rule instance or a plugin's
rule need not be). Where processes cannot be forked (Windows, and macOS where forking a
process that has loaded system frameworks is unsafe), the run stays in one process.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any
from typing import TypeVar

Result = TypeVar("Result")

CHUNKS_PER_PROCESS = 8
"""Tasks are handed out in about this many chunks per process: few enough that sending them
costs little, many enough that one process's long documents do not leave the others idle."""

_running: tuple[Callable[..., Any], Sequence[tuple[Any, ...]]] | None = None
"""The function and tasks of the pool being run, as forked processes inherit them."""


def cores() -> int:
    """The cores this process may run on (a container's CPU limit may allow fewer)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def number_of_jobs(value: str) -> int:
    """A `-j N` option's value: a number of processes, 1 or more."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes (1 or more), "
                                         f"got {value!r}")  # fmt: skip
    return int(value)


def can_fork() -> bool:
    return sys.platform == "linux" or (
        sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()
    )


def ordered_map(
    function: Callable[..., Result], tasks: Sequence[tuple[Any, ...]], jobs: int
) -> Iterator[Result]:
    """``function(*task)`` for each task, in the order of ``tasks``, in up to ``jobs``
    processes (one process when ``jobs`` is 1, there is one task or forking is unsafe).

    An exception raised by ``function`` is raised here, with its traceback, as in one process.
    """
    jobs = min(jobs, len(tasks))
    if jobs <= 1 or not can_fork():
        yield from (function(*task) for task in tasks)
        return
    global _running
    _running = (function, tasks)
    chunk = max(1, len(tasks) // (jobs * CHUNKS_PER_PROCESS))
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(jobs, mp_context=context) as executor:
            yield from executor.map(_run_task, range(len(tasks)), chunksize=chunk)
    finally:
        _running = None


def _run_task(index: int) -> Any:
    assert _running is not None, "a pool task runs only in a process forked by ordered_map"
    function, tasks = _running
    return function(*tasks[index])
