"""Where the chunks of a batch run are extracted: this process, a pool of worker processes, or
a dask.distributed cluster."""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

from govnlp.batch.params import ParameterError, ParameterImportError

T = TypeVar("T")


class InlineExecutor(Executor):
    """Runs each task at once in this process (one job, or a single chunk)."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


@contextlib.contextmanager
def executor(jobs: int, scheduler: str | None, several: bool) -> Iterator[tuple[Executor, int]]:
    """(executor, tasks to keep in flight): a dask.distributed client for ``scheduler``, else a
    pool of ``jobs`` spawned processes, else (one job or one chunk) this process."""
    if scheduler is not None:
        client = _dask_client(scheduler)
        try:
            slots = max(1, sum(client.nthreads().values()))
            yield client.get_executor(pure=False, retries=1), 4 * slots
        finally:
            client.close()
    elif jobs > 1 and several:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker) as pool:
            yield pool, 4 * jobs
    else:
        yield InlineExecutor(), 1


def _dask_client(address: str) -> Any:
    """A dask.distributed client of the scheduler at ``address`` (distributed is untyped)."""
    try:
        from distributed import Client
    except ImportError:
        raise ParameterImportError(
            "{scheduler} needs dask.distributed: pip install 'govnlp[dask]'"
        ) from None
    try:
        return Client(address, timeout="30s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise ParameterError(
            "{scheduler} {address!r}: cannot connect ({exc})", address=address, exc=exc
        ) from None


def _init_worker() -> None:
    """Worker start-up: exit with the parent, then build the pipeline once (jieba, lexicon)."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        watch = threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True)
        watch.start()
    from govnlp.extraction import extract

    extract("2023年,南乐县完成投资5亿元。")


def _exit_with(sentinel: int) -> None:
    """Exit this worker as soon as its parent is gone (killed, even by SIGKILL)."""
    multiprocessing.connection.wait([sentinel])
    os._exit(1)
