"""Batch extraction: documents/s, chars/s and peak memory of ``govnlp extract`` on an archive.

Builds an archive (default: an uncompressed tar of at least 50 MB) from the real texts of
``../shared/corpora/real/`` in a temporary folder (never in the repository), runs
``govnlp extract ARCHIVE -o OUT.parquet --jobs N`` for each N in ``--jobs`` as a fresh process,
and prints, per run: documents, characters, wall time, documents/s, chars/s, CPU seconds (all
processes), peak resident memory (the sum over the process and its workers, sampled every
0.1 s, and the largest single process) and the speed-up over the first run. It also checks that
every run wrote the same bytes.

``--linearity`` adds the pathological inputs of tests/test_batch.py at three sizes each: the
time ratio between sizes n and 2n is about 2 for linear work and about 4 for quadratic work.

The machine may be shared: the load average before and after is printed, and the CPU seconds
show how much of the wall time the run actually got.

    python benchmarks/batch.py                       # 50 MB tar, --jobs 1 and 2
    python benchmarks/batch.py --mb 10 --jobs 1 2    # quicker
    python benchmarks/batch.py --linearity --no-batch
"""

from __future__ import annotations

import sys

# benchmarks/tokenize.py is named like the standard library's ``tokenize`` (which dataclasses
# and linecache import): search this folder last, so that ``import tokenize`` finds the stdlib.
sys.path.append(sys.path.pop(0))

import argparse
import io
import json
import os
import resource
import subprocess
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "real"
MB = 1_000_000


def build_archive(corpus: Path, folder: Path, mb: float, kind: str) -> tuple[Path, int, int]:
    """An archive of the corpus's texts repeated until it holds ``mb`` MB of text:
    (path, documents, bytes of text)."""
    texts = [(p.stem, p.read_bytes()) for p in sorted(corpus.glob("*.txt"))]
    if not texts:
        sys.exit(f"error: no .txt files in {corpus} (pass --corpus DIR)")
    path = folder / {"tar": "corpus.tar", "tgz": "corpus.tar.gz", "zip": "corpus.zip"}[kind]
    size = docs = 0
    members: list[tuple[str, bytes]] = []
    rep = 0
    while size < mb * MB:
        for stem, data in texts:
            members.append((f"pass{rep:02d}/{stem}.txt", data))
            size += len(data)
            docs += 1
        rep += 1
    if kind == "zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members:
                zf.writestr(name, data)
        return path, docs, size
    with tarfile.open(path, "w:gz" if kind == "tgz" else "w") as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path, docs, size


@dataclass
class Sample:
    """One look at a process tree: resident memory and CPU seconds of each process."""

    rss: dict[int, int]
    cpu: dict[int, float]
    waited: dict[int, float]  # seconds runnable but waiting for a CPU (/proc/PID/schedstat)


def sample_tree(root: int) -> Sample:
    """RSS (bytes) and CPU seconds (user + system) of ``root`` and its descendants (Linux)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * page
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    waited: dict[int, float] = {}
    for pid in tree:
        try:
            with open(f"/proc/{pid}/schedstat", "rb") as fh:
                waited[pid] = int(fh.read().split()[1]) / 1e9
        except (OSError, IndexError, ValueError):
            pass
    return Sample(
        {p: rss[p] for p in tree if p in rss}, {p: cpu[p] for p in tree if p in cpu}, waited
    )


@dataclass
class Run:
    jobs: int
    wall: float
    cpu: float
    peak_total: int
    peak_single: int
    main_cpu: float
    busiest_worker_cpu: float
    waited: float
    docs: int
    chars: int
    returncode: int
    output: bytes


def run_extract(archive: Path, out: Path, jobs: int) -> Run:
    """One ``govnlp extract`` run as a fresh process, sampled every 0.1 s."""
    cmd = [sys.executable, "-m", "govnlp", "extract", str(archive), "-o", str(out),
           "--jobs", str(jobs), "--no-progress"]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_total = peak_single = 0
    cpu: dict[int, float] = {}
    waited: dict[int, float] = {}
    while proc.poll() is None:
        sample = sample_tree(proc.pid)
        peak_total = max(peak_total, sum(sample.rss.values()))
        peak_single = max(peak_single, max(sample.rss.values(), default=0))
        cpu.update(sample.cpu)
        waited.update(sample.waited)
        time.sleep(0.1)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    total_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 3):
        err = proc.stderr.read().decode() if proc.stderr else ""
        sys.exit(f"error: {' '.join(cmd)} failed:\n{err}")
    docs = chars = 0
    with out.with_name(out.name + ".docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            docs += 1
            chars += json.loads(line)["chars"]
    main_cpu = cpu.pop(proc.pid, 0.0)
    workers = sorted(cpu.values(), reverse=True)[:jobs] if jobs > 1 else []
    return Run(jobs, wall, total_cpu, peak_total, peak_single, main_cpu,
               max(workers, default=main_cpu), sum(waited.values()), docs, chars, proc.returncode,
               out.read_bytes())  # fmt: skip


def print_runs(runs: list[Run]) -> None:
    names = ("jobs", "docs", "chars", "wall s", "docs/s", "chars/s", "CPU s", "cores",
             "peak RSS", "largest", "speed-up")  # fmt: skip
    widths = (4, 6, 11, 7, 7, 9, 7, 5, 9, 8, 8)
    head = "  ".join(f"{n:>{w}}" for n, w in zip(names, widths, strict=True))
    print(head)
    print("-" * len(head))
    base = runs[0].wall
    for r in runs:
        cells = (f"{r.jobs}", f"{r.docs:,}", f"{r.chars:,}", f"{r.wall:.1f}",
                 f"{r.docs / r.wall:.2f}", f"{r.chars / r.wall:,.0f}", f"{r.cpu:.1f}",
                 f"{r.cpu / r.wall:.2f}", f"{r.peak_total / 2**20:.0f} MB",
                 f"{r.peak_single / 2**20:.0f} MB", f"{base / r.wall:.2f}x")  # fmt: skip
        print("  ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))
    print("\ncores: CPU seconds per wall second the run obtained (below N: other load).")
    print("waited: seconds its processes were ready to run but waited for a CPU (schedstat).")
    print("\nwhere the CPU went (seconds): main process; busiest worker; speed-up if every process")
    print("had a core to itself (first run's CPU / the longest process's CPU):")
    for r in runs:
        longest = max(r.main_cpu, r.busiest_worker_cpu)
        print(f"  jobs {r.jobs}: main {r.main_cpu:.1f}, busiest worker "
              f"{r.busiest_worker_cpu if r.jobs > 1 else float('nan'):.1f}, waited {r.waited:.1f}, "
              f"dedicated-core speed-up {runs[0].cpu / longest:.2f}x")  # fmt: skip
    same = all(r.output == runs[0].output for r in runs)
    print(f"\noutput identical across runs: {'yes' if same else 'NO'}")


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "digits (n x '1234567890')": lambda n: "1234567890" * n,
    "亿 x n": lambda n: "亿" * n,
    "余 x n": lambda n: "余" * n,
    "single ASCII line (n x 31 chars)": lambda n: "in one line, no figure at all; " * n,
    "one sentence, n figures": lambda n: "完成投资5亿元，" * n,
    "real text, one line (n chars)": None,  # type: ignore[dict-item]
}
SIZES = {
    "digits (n x '1234567890')": 25_000,
    "亿 x n": 25_000,
    "余 x n": 25_000,
    "single ASCII line (n x 31 chars)": 25_000,
    "one sentence, n figures": 1_000,
    "real text, one line (n chars)": 100_000,
}


def linearity(corpus: Path) -> None:
    """Time of ``govnlp.extract`` on each pathological input at sizes n, 2n, 4n."""
    import govnlp

    govnlp.extract("预热: 2023年完成投资5亿元。")
    real = "".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
    real = real.replace("\n", "")
    print(f"\n{'input':<36} {'n':>8} {'s':>7} {'2n':>8} {'s':>7} {'4n':>8} {'s':>7}  ratios")
    for name, make in PATHOLOGICAL.items():
        n = SIZES[name]
        times = []
        for k in (1, 2, 4):
            text = real[: n * k] if make is None else make(n * k)
            times.append(_timed(lambda text=text: govnlp.extract(text)))
        ratios = f"{times[1] / times[0]:.1f} {times[2] / times[1]:.1f}"
        cells = "".join(f" {n * k:>8,} {t:>7.2f}" for k, t in zip((1, 2, 4), times, strict=True))
        print(f"{name:<36}{cells}  {ratios}")
    print("(ratio ~2: linear; ~4: quadratic)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR")
    p.add_argument("--mb", type=float, default=50, help="MB of text in the archive (default 50)")
    p.add_argument("--kind", choices=("tar", "tgz", "zip"), default="tar")
    p.add_argument("--jobs", type=int, nargs="+", default=[1, 2], metavar="N")
    p.add_argument("--linearity", action="store_true", help="time pathological inputs too")
    p.add_argument("--no-batch", action="store_true", help="skip the archive runs")
    args = p.parse_args()
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    if not args.no_batch:
        with tempfile.TemporaryDirectory(prefix="govnlp-batch-") as tmp:
            archive, docs, size = build_archive(args.corpus, Path(tmp), args.mb, args.kind)
            print(f"archive: {archive.name}, {archive.stat().st_size / MB:.1f} MB on disk, "
                  f"{docs:,} documents, {size / MB:.1f} MB of text\n")  # fmt: skip
            runs = [run_extract(archive, Path(tmp) / f"out{j}.parquet", j) for j in args.jobs]
            print_runs(runs)
    if args.linearity:
        linearity(args.corpus)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
