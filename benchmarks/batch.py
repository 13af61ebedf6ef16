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

``--inprocess`` adds, side by side with the first run, the same texts extracted by a loop of
``govnlp.extract`` in one fresh process (the texts read beforehand, the pipeline loaded by a
first call): the command line's chars/s (whole process, wall time) against the loop's.

``--folder`` runs on the corpus folder itself instead of an archive (the real corpus: 88 texts).

``--dense MB`` runs one document of MB megabytes dense with figures (``2023年,某县完成投资5亿元,
增长3%。`` repeated) in a tar, and prints peak memory: the document is extracted in pieces and
cut after ``--max-figures`` figures (default 200,000).

``--small`` times ``--jobs 1`` against two worker processes on inputs of growing size (whole
real texts), workers forced even below ``govnlp.batch.run.PARALLEL_CHARS``: where two jobs start
to gain is where that threshold is set.

The machine may be shared: the load average before and after is printed, and the CPU seconds
show how much of the wall time the run actually got.

    python benchmarks/batch.py                       # 50 MB tar, --jobs 1 and 2
    python benchmarks/batch.py --mb 10 --jobs 1 2    # quicker
    python benchmarks/batch.py --linearity --no-batch
    python benchmarks/batch.py --folder --inprocess       # the real corpus, jobs 1 and 2
    python benchmarks/batch.py --dense 8 --no-batch       # peak memory on dense figures
    python benchmarks/batch.py --small --no-batch         # where two jobs start to gain
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
import textwrap
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_FORCED = textwrap.dedent("""
    import sys
    import govnlp.batch.run as batch
    from govnlp.cli import main
    batch.PARALLEL_CHARS = 0
    sys.exit(main(sys.argv[1:]))
""")
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


def run_extract(archive: Path, out: Path, jobs: int, *extra: str, forced: bool = False) -> Run:
    """One ``govnlp extract`` run as a fresh process, sampled every 0.1 s (``forced``: with
    workers whatever the size of the input)."""
    start_cmd = ["-c", _FORCED] if forced else ["-m", "govnlp"]
    cmd = [sys.executable, *start_cmd, "extract", str(archive), "-o", str(out),
           "--jobs", str(jobs), "--no-progress", *extra]  # fmt: skip
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
            doc = json.loads(line)
            docs += doc["status"] in ("ok", "partial")
            chars += doc["chars"]
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


_INPROCESS = textwrap.dedent("""
    import json, sys, time
    import govnlp
    from govnlp.io.corpus import Document, read_corpus
    docs = [d for d in read_corpus(sys.argv[1]) if isinstance(d, Document)]
    start, start_cpu = time.perf_counter(), time.process_time()
    govnlp.extract("预热: 2023年完成投资5亿元。")
    warm, warm_cpu = time.perf_counter(), time.process_time()
    records = sum(len(govnlp.extract(d.text, doc_id=d.id, date=d.date, region=d.region))
                  for d in docs)
    end, end_cpu = time.perf_counter(), time.process_time()
    print(json.dumps({"chars": sum(len(d.text) for d in docs), "records": records,
                      "loop": end - warm, "load": warm - start, "loop_cpu": end_cpu - warm_cpu,
                      "load_cpu": warm_cpu - start_cpu}))
""")


def inprocess(source: Path, first: Run, out: Path, repeat: int) -> None:
    """The texts of ``source`` extracted by a loop of ``govnlp.extract`` in a fresh process,
    side by side with the command line's run ``first``; both run ``repeat`` times, alternately
    (the machine may be shared), and the fastest of each is kept."""
    loops: list[dict[str, float]] = []
    clis = [first]
    for n in range(repeat):
        if n:
            clis.append(run_extract(source, out, first.jobs))
        done = subprocess.run([sys.executable, "-c", _INPROCESS, str(source)],
                              capture_output=True, text=True, check=True)  # fmt: skip
        loops.append(json.loads(done.stdout.strip().splitlines()[-1]))
    got = min(loops, key=lambda g: g["loop"])
    cli = min(clis, key=lambda r: r.wall)
    loop, load = got["loop"], got["load"]
    print(f"\nfastest of {repeat}, alternately: in-process extract() loop on the same "
          f"{got['chars']:,} characters ({got['records']:,} records): {loop:.1f} s, "
          f"{got['chars'] / loop:,.0f} chars/s (+{load:.1f} s loading the pipeline)")  # fmt: skip
    print(f"command line --jobs {cli.jobs}: {cli.wall:.1f} s wall for the whole process, "
          f"{cli.chars / cli.wall:,.0f} chars/s")  # fmt: skip
    print(f"ratio command line / loop: {cli.wall / loop:.2f}x "
          f"({cli.wall / (loop + load):.2f}x counting the pipeline's loading)")  # fmt: skip
    cpu = min(g["loop_cpu"] for g in loops)
    load_cpu = min(g["load_cpu"] for g in loops)
    cli_cpu = min(r.cpu for r in clis)
    print(f"in CPU seconds (less sensitive to other load): command line {cli_cpu:.1f} s, loop "
          f"{cpu:.1f} s (+{load_cpu:.1f} s loading): {cli_cpu / cpu:.2f}x "
          f"({cli_cpu / (cpu + load_cpu):.2f}x)")  # fmt: skip


DENSE_UNIT = "2023年,某县完成投资5亿元,增长3%。"


def dense(folder: Path, mb: float) -> None:
    """Peak memory and time of one document of ``mb`` MB dense with figures."""
    data = (DENSE_UNIT * int(mb * MB / len(DENSE_UNIT.encode()))).encode()
    archive = folder / "dense.tar"
    with tarfile.open(archive, "w") as tf:
        info = tarfile.TarInfo("dense.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    out = folder / "dense.parquet"
    r = run_extract(archive, out, 1)
    (doc,) = (json.loads(line) for line in out.with_name(out.name + ".docs.jsonl").open())
    print(f"\ndense: one document of {len(data) / MB:.1f} MB ({doc['chars']:,} characters), "
          f"status {doc['status']}, {doc['figures']:,} figures kept; {r.wall:.1f} s, "
          f"peak RSS {r.peak_total / 2**20:,.0f} MB (largest process "
          f"{r.peak_single / 2**20:,.0f} MB)")  # fmt: skip


def small(corpus: Path, folder: Path) -> None:
    """Wall and CPU time of --jobs 1 and of two workers (forced) on inputs of growing size."""
    texts = sorted(corpus.glob("*.txt"))
    print("\ntwo workers forced on inputs of growing size (whole real texts, default chunks);")
    print("'dedicated' is the speed-up if every process had a core of its own: the one-job run's")
    print("CPU seconds over the CPU seconds of the busiest process of the two-worker run.")
    print(f"\n{'characters':>10} {'docs':>5} {'1 job s':>8} {'2 jobs s':>9} {'wall gain':>10} "
          f"{'CPU 1':>6} {'CPU 2':>6} {'dedicated':>10}")  # fmt: skip
    for target in (100_000, 200_000, 300_000, 400_000, 600_000, 800_000, 1_400_000):
        sub = folder / f"small{target}"
        sub.mkdir()
        chars = 0
        for path in texts:
            if chars >= target:
                break
            text = path.read_text(encoding="utf-8")
            (sub / path.name).write_text(text, encoding="utf-8")
            chars += len(text)
        one = run_extract(sub, folder / f"s{target}-1.parquet", 1)
        two = run_extract(sub, folder / f"s{target}-2.parquet", 2, forced=True)
        longest = max(two.main_cpu, two.busiest_worker_cpu)
        print(f"{chars:>10,} {one.docs:>5} {one.wall:>8.1f} {two.wall:>9.1f} "
              f"{one.wall / two.wall:>9.2f}x {one.cpu:>6.1f} {two.cpu:>6.1f} "
              f"{one.cpu / longest:>9.2f}x")  # fmt: skip


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR")
    p.add_argument("--mb", type=float, default=50, help="MB of text in the archive (default 50)")
    p.add_argument("--kind", choices=("tar", "tgz", "zip"), default="tar")
    p.add_argument("--jobs", type=int, nargs="+", default=[1, 2], metavar="N")
    p.add_argument("--folder", action="store_true", help="run on the corpus folder itself")
    p.add_argument("--inprocess", action="store_true", help="an extract() loop side by side")
    p.add_argument("--repeat", type=int, default=2, help="runs of each for --inprocess")
    p.add_argument("--dense", type=float, metavar="MB", help="one document dense with figures")
    p.add_argument("--small", action="store_true", help="jobs 1 against 2 on small inputs")
    p.add_argument("--linearity", action="store_true", help="time pathological inputs too")
    p.add_argument("--no-batch", action="store_true", help="skip the archive runs")
    args = p.parse_args()
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="govnlp-batch-") as tmp:
        if not args.no_batch:
            if args.folder:
                source = args.corpus
                print(f"folder: {source}\n")
            else:
                source, docs, size = build_archive(args.corpus, Path(tmp), args.mb, args.kind)
                print(f"archive: {source.name}, {source.stat().st_size / MB:.1f} MB on disk, "
                      f"{docs:,} documents, {size / MB:.1f} MB of text\n")  # fmt: skip
            runs = [run_extract(source, Path(tmp) / f"out{j}.parquet", j) for j in args.jobs]
            print_runs(runs)
            if args.inprocess:
                inprocess(source, runs[0], Path(tmp) / "again.parquet", args.repeat)
        if args.dense:
            dense(Path(tmp), args.dense)
        if args.small:
            small(args.corpus, Path(tmp))
    if args.linearity:
        linearity(args.corpus)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
