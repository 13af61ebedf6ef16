"""Where the chunks of a batch run are extracted: this process, a pool of worker processes, or
a dask.distributed cluster; and how many processes the machine really gives this one.

Worker processes ignore Ctrl-C (the run that started them handles it, and stops them); a run
that ends by an exception (an interrupt, a full disk) stops its workers at once rather than
waiting for the chunks they hold.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
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
        pool = _WorkerPool(jobs, mp_context=context, initializer=_init_worker)
        try:
            yield pool, 4 * jobs
        except BaseException:
            pool.stop()
            raise
        pool.shutdown(wait=True)
    else:
        yield InlineExecutor(), 1


class _WorkerPool(ProcessPoolExecutor):
    """A process pool whose workers ignore Ctrl-C, and that can be stopped at once."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        with _sigint_ignored():  # the first call starts the workers, which inherit it
            return super().submit(fn, *args, **kwargs)

    def stop(self) -> None:
        """Cancel what is waiting and end the workers now."""
        self.shutdown(wait=False, cancel_futures=True)
        processes = getattr(self, "_processes", None) or {}
        for process in list(processes.values()):
            with contextlib.suppress(Exception):
                process.terminate()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore SIGINT meanwhile (in the main thread; elsewhere signals cannot be set)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


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
    """Worker start-up: ignore Ctrl-C, exit with the parent, then build the pipeline once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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


# ---------------------------------------------------------------------------------------------
# the CPUs this process may use


def available_cpus(cgroup: Path = Path("/sys/fs/cgroup"), proc: Path = Path("/proc")) -> int:
    """The CPUs this process may really use: those it may run on (its affinity), fewer where a
    cgroup quota (v2 ``cpu.max``, v1 ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``) allows less
    CPU time, rounded down; at least 1."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cpus = os.cpu_count() or 1
    quota = cgroup_quota(cgroup, proc)
    if quota is not None:
        cpus = min(cpus, max(1, math.floor(quota)))
    return max(1, cpus)


def cgroup_quota(cgroup: Path = Path("/sys/fs/cgroup"), proc: Path = Path("/proc")) -> float | None:
    """The CPUs' worth of time the cgroups of this process allow (the smallest quota of its
    cgroup and those above it), ``None`` when there is no quota or it cannot be read."""
    quotas = []
    for folder in _cgroup_folders(cgroup, proc):
        quota = _read_quota(folder)
        if quota is not None:
            quotas.append(quota)
    return min(quotas, default=None)


def _cgroup_folders(cgroup: Path, proc: Path) -> list[Path]:
    """The cgroup folders of this process with CPU limits, and those above them: v2 (the
    ``0::`` line of /proc/self/cgroup) and v1 (the ``cpu`` controller)."""
    try:
        lines = (proc / "self" / "cgroup").read_text(encoding="utf-8").splitlines()
    except OSError:
        return [cgroup]
    folders = []
    for line in lines:
        hierarchy, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        if hierarchy == "0" and not controllers:
            base = cgroup
        elif "cpu" in controllers.split(","):
            base = next((cgroup / name for name in (controllers, "cpu", "cpu,cpuacct")
                         if (cgroup / name).is_dir()), cgroup / controllers)  # fmt: skip
        else:
            continue
        here = base.joinpath(*[p for p in path.split("/") if p])
        folders += [here, *[p for p in here.parents if p.is_relative_to(base)]]
    return folders or [cgroup]


def _read_quota(folder: Path) -> float | None:
    """The quota of one cgroup folder in CPUs, ``None`` without one."""
    try:
        fields = (folder / "cpu.max").read_text(encoding="utf-8").split()
    except OSError:
        fields = []
    if len(fields) == 2 and fields[0] != "max":
        return _ratio(fields[0], fields[1])
    try:
        quota = (folder / "cpu.cfs_quota_us").read_text(encoding="utf-8").strip()
        period = (folder / "cpu.cfs_period_us").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return _ratio(quota, period)


def _ratio(quota: str, period: str) -> float | None:
    try:
        q, p = int(quota), int(period)
    except ValueError:
        return None
    return q / p if q > 0 and p > 0 else None
