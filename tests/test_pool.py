"""The process pool `doclint -j N` lints in: input order kept, work really spread, errors raised."""

from __future__ import annotations

import os
import time

import pytest

from pytest_doclint import pool

pytestmark = pytest.mark.skipif(not pool.can_fork(), reason="processes are forked only here")


def worker_of(number: int, pause: float) -> tuple[int, int]:
    time.sleep(pause)  # long enough that one process cannot take every chunk alone
    return number * number, os.getpid()


def test_results_come_in_input_order_from_several_processes():
    tasks = [(n, 0.05 if n % 5 == 0 else 0.0) for n in range(40)]
    results = list(pool.ordered_map(worker_of, tasks, jobs=2))
    assert [square for square, _ in results] == [n * n for n in range(40)]
    workers = {pid for _, pid in results}
    assert len(workers) == 2
    assert os.getpid() not in workers


def test_one_job_runs_in_this_process():
    results = list(pool.ordered_map(worker_of, [(2, 0.0), (3, 0.0)], jobs=1))
    assert results == [(4, os.getpid()), (9, os.getpid())]


def test_one_task_needs_no_pool():
    assert list(pool.ordered_map(worker_of, [(5, 0.0)], jobs=4)) == [(25, os.getpid())]


def fails_on_three(number: int) -> int:
    if number == 3:
        raise ValueError(f"bad input {number}")
    return number


def test_an_error_in_a_process_is_raised_here():
    with pytest.raises(ValueError, match="bad input 3"):
        list(pool.ordered_map(fails_on_three, [(n,) for n in range(8)], jobs=2))
