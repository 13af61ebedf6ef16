"""Shared helpers of the benchmarks: corpus loading, timing, fresh-process runs, tables.

Not a benchmark itself: ``tokenize.py``, ``figures.py``, ``places.py`` and ``extract.py`` import
it. Apart from govnlp (located for the provenance line) it uses the standard library only; peers
are imported through :func:`try_import`, so a missing peer gives a "not installed" row instead
of an error.

The scripts move this folder from the front to the end of ``sys.path`` before importing it:
``benchmarks/tokenize.py`` would otherwise shadow the standard library's ``tokenize`` (which
``inspect``, ``linecache`` and ``dataclasses`` import). For the same reason child processes run
in a fresh temporary folder, never in this one.

The corpus is read from ``../shared/corpora/real/`` relative to the repository root (the
``--corpus`` option overrides it); it is never copied into the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import importlib
import importlib.metadata
import importlib.util
import io
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_CORPUS = SHARED / "corpora" / "real"
SEED = SHARED / "corpora" / "seed" / "000_1e9657a66f5be7f3.txt"
SEED_GOLD = SHARED / "gold" / "seed.tsv"
MB = 1_000_000  # bytes of UTF-8 text

# ---------------------------------------------------------------------------------------------
# command line


def parser(doc: str | None, *, mb: float | None = None, repeat: int = 3) -> argparse.ArgumentParser:
    """An argument parser with the options every benchmark shares.

    ``mb``: default target size of the timed corpus (``None``: every text once).
    """
    p = argparse.ArgumentParser(
        description=(doc or "").split("\n\n")[0],
        epilog="See benchmarks/README.md for what each table means.",
    )
    p.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        metavar="DIR",
        help=f"folder of real .txt texts (default: {DEFAULT_CORPUS})",
    )
    p.add_argument(
        "--mb",
        type=float,
        default=mb,
        metavar="N",
        help="size of the timed text in MB of UTF-8: the whole corpus is repeated until it "
        "reaches N (a value below the corpus size takes an interleaved subset of whole texts; "
        f"default: {'every text once' if mb is None else mb})",
    )
    p.add_argument(
        "--repeat",
        type=int,
        default=repeat,
        metavar="N",
        help=f"timed runs per measurement, the best is reported (default: {repeat})",
    )
    p.add_argument(
        "--warmup", type=int, default=1, metavar="N", help="untimed runs first (default: 1)"
    )
    return p


def need_dir(path: Path, what: str = "corpus") -> Path:
    """``path`` if it is a folder holding .txt files; otherwise exit with a clear message."""
    if not path.is_dir() or not any(path.glob("*.txt")):
        sys.exit(
            f"error: {what} folder {path} is missing or holds no .txt files.\n"
            f"The benchmarks read the real texts from ../shared/corpora/real/ next to the "
            f"repository ({DEFAULT_CORPUS}); pass --corpus DIR to use another folder."
        )
    return path


def need_file(path: Path, what: str) -> Path:
    """``path`` if it is a file; otherwise exit with a clear message."""
    if not path.is_file():
        sys.exit(f"error: {what} {path} not found (it lives under {SHARED}).")
    return path


# ---------------------------------------------------------------------------------------------
# corpus


@dataclass(frozen=True)
class Corpus:
    """The timed texts: whole documents of the real corpus, possibly repeated."""

    source: Path
    ids: list[str]
    texts: list[str]
    documents: int  # distinct documents in ``source``
    passes: float  # how many times the corpus was used (1.0 = every text once)

    @property
    def chars(self) -> int:
        return sum(len(t) for t in self.texts)

    @property
    def bytes(self) -> int:
        return sum(len(t.encode("utf-8")) for t in self.texts)

    def describe(self) -> str:
        return (
            f"{len(self.texts)} texts ({self.documents} distinct, {self.passes:.2f} passes) "
            f"from {self.source}: {self.chars:,} chars, {self.bytes / MB:.2f} MB UTF-8"
        )


def _interleaved(paths: list[Path]) -> list[Path]:
    """Paths round-robin over their kind (``city-gwr``, ``county-gwr``, ...): a prefix of the
    list is a fair sample of the kinds."""
    groups: dict[str, list[Path]] = {}
    for p in paths:
        groups.setdefault(p.stem.rsplit("-", 1)[0], []).append(p)
    out: list[Path] = []
    queues = [list(g) for _, g in sorted(groups.items())]
    while any(queues):
        for q in queues:
            if q:
                out.append(q.pop(0))
    return out


def load_corpus(folder: Path, mb: float | None = None) -> Corpus:
    """The real texts of ``folder`` (every ``*.txt``, sorted), repeated to ``mb`` MB.

    ``mb=None``: every text once. At or above the corpus size the whole corpus is repeated
    ``ceil(mb / size)`` times; below it, whole texts are taken in an interleaved order until the
    size is reached.
    """
    need_dir(folder)
    paths = sorted(folder.glob("*.txt"))
    texts = {p: p.read_text(encoding="utf-8-sig") for p in paths}
    size = sum(len(t.encode("utf-8")) for t in texts.values())
    if mb is None or mb * MB >= size:
        copies = 1 if mb is None else max(1, math.ceil(mb * MB / size))
        ids = [p.stem if c == 0 else f"{p.stem}#{c}" for c in range(copies) for p in paths]
        return Corpus(
            folder, ids, [texts[p] for _ in range(copies) for p in paths], len(paths), copies
        )
    chosen: list[Path] = []
    total = 0
    for p in _interleaved(paths):
        if total >= mb * MB:
            break
        chosen.append(p)
        total += len(texts[p].encode("utf-8"))
    ids = [p.stem for p in chosen]
    return Corpus(folder, ids, [texts[p] for p in chosen], len(paths), total / size)


_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) for every non-blank line of ``text``."""
    return [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text) if not m.group().isspace()]


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence): ``text`` cut after 。！？!? and at line breaks; blank pieces dropped."""
    return [(m.start(), m.group()) for m in _SENTENCE.finditer(text) if not m.group().isspace()]


# ---------------------------------------------------------------------------------------------
# timing


@dataclass(frozen=True)
class Timing:
    """CPU seconds (``time.process_time``) of the timed runs; ``best`` is their minimum."""

    runs: tuple[float, ...]
    result: Any = field(default=None, repr=False, compare=False)

    @property
    def best(self) -> float:
        return min(self.runs)

    def rate(self, amount: float) -> float:
        """``amount`` per CPU second of the best run."""
        return amount / self.best if self.best > 0 else math.inf


def best_of(fn: Callable[[], Any], *, repeat: int = 3, warmup: int = 1) -> Timing:
    """Time ``fn()`` ``repeat`` times with ``time.process_time`` after ``warmup`` untimed calls.

    The result of the last call is kept in ``Timing.result``.
    """
    result: Any = None
    for _ in range(max(0, warmup)):
        result = fn()
    runs = []
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        result = fn()
        runs.append(time.process_time() - t0)
    return Timing(tuple(runs), result)


def best_of_each(
    cases: dict[str, Callable[[], Any] | None], *, repeat: int = 3, warmup: int = 1
) -> dict[str, Timing | None]:
    """Time several functions like :func:`best_of`, in interleaved rounds (A B C, A B C, ...),
    so that a change of machine load during the run hits every case alike. A case that is
    ``None`` (a peer that is not installed) gives ``None``."""
    live = {name: fn for name, fn in cases.items() if fn is not None}
    results: dict[str, Any] = {}
    for name, fn in live.items():
        for _ in range(max(0, warmup)):
            results[name] = fn()
    runs: dict[str, list[float]] = {name: [] for name in live}
    for _ in range(max(1, repeat)):
        for name, fn in live.items():
            t0 = time.process_time()
            results[name] = fn()
            runs[name].append(time.process_time() - t0)
    for name, r in runs.items():
        print(f"  timed {name}: {', '.join(secs(x) for x in r)} s", flush=True)
    return {
        name: Timing(tuple(runs[name]), results[name]) if name in live else None for name in cases
    }


# ---------------------------------------------------------------------------------------------
# fresh processes


@dataclass(frozen=True)
class ChildRun:
    """A finished child process: wall and CPU seconds, peak RSS, exit status and output."""

    wall: float
    cpu: float  # user + system seconds of the child (from its rusage)
    max_rss_mb: float  # peak resident set size, MB (10^6 bytes)
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """The last line of standard output, read as JSON."""
        lines = [ln for ln in self.stdout.splitlines() if ln.strip()]
        if self.returncode != 0 or not lines:
            raise RuntimeError(f"child failed ({self.returncode}):\n{self.stderr[-2000:]}")
        return json.loads(lines[-1])


# The measured process is started by this small launcher, not by the benchmark itself: Linux
# carries the peak RSS of the process that calls exec over into the new program, and
# subprocess starts children with vfork + exec, so a child of the (large) benchmark process
# would report the benchmark's own peak. The launcher's fork + exec + wait4 reports the
# measured program alone, as ``/usr/bin/time -f %M`` does.
_LAUNCHER = """
import json, os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t0
with open(sys.argv[1], "w") as fh:
    json.dump({"wall": wall, "status": status, "cpu": ru.ru_utime + ru.ru_stime,
               "maxrss_kib": ru.ru_maxrss}, fh)
"""


def run_child(
    argv: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> ChildRun:
    """Run ``argv`` in a fresh process; its wall time, CPU time and peak RSS come from
    ``os.wait4`` on that one process (``RUSAGE_CHILDREN`` would give the maximum over every
    child so far)."""
    with tempfile.TemporaryDirectory(prefix="govnlp-bench-") as tmp:
        files = {name: Path(tmp) / name for name in ("usage.json", "out", "err")}
        with files["out"].open("wb") as out, files["err"].open("wb") as err:
            subprocess.run(
                [sys.executable, "-c", _LAUNCHER, str(files["usage.json"]), *argv],
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
                env=env,
                cwd=cwd or tmp,
                check=True,
            )
        usage = json.loads(files["usage.json"].read_text())
        return ChildRun(
            wall=usage["wall"],
            cpu=usage["cpu"],
            max_rss_mb=usage["maxrss_kib"] * 1024 / MB,  # ru_maxrss is in KiB on Linux
            returncode=os.waitstatus_to_exitcode(usage["status"]),
            stdout=files["out"].read_text(encoding="utf-8", errors="replace"),
            stderr=files["err"].read_text(encoding="utf-8", errors="replace"),
        )


def run_python(
    code: str, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> ChildRun:
    """Run ``code`` in a fresh interpreter (this one's executable) with ``args`` as argv[1:].

    The working folder is a fresh temporary one unless ``cwd`` is given, so nothing in it
    shadows a module (``benchmarks/tokenize.py`` would shadow the standard library's).
    """
    return run_child([sys.executable, "-c", code, *args], env=env, cwd=cwd)


def child_env(**extra: str) -> dict[str, str]:
    """This process's environment with ``extra`` set."""
    env = dict(os.environ)
    env.update(extra)
    return env


def dump_texts(corpus: Corpus, folder: Path) -> Path:
    """Write the corpus's texts as one JSON list into ``folder`` (for child processes)."""
    path = folder / "texts.json"
    path.write_text(json.dumps(corpus.texts, ensure_ascii=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# peers


@dataclass(frozen=True)
class Peer:
    """An optional peer library: the module if it imports, else why not."""

    name: str
    module: Any
    status: str  # "1.5.31", "not installed", "import failed: ..."

    @property
    def ok(self) -> bool:
        return self.module is not None


def try_import(module: str, dist: str | None = None) -> Peer:
    """Import a peer if it is installed; its banner on stdout (jionlp prints one) is dropped."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return Peer(module, None, "not installed")
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            mod = importlib.import_module(module)
    except Exception as exc:  # a broken peer is reported, not fatal
        return Peer(module, None, f"import failed: {type(exc).__name__}: {exc}")
    return Peer(module, mod, version(dist or module))


def version(dist: str) -> str:
    """The installed version of a distribution, or '?'."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def machine() -> str:
    """One line on where, when and on which govnlp source the numbers were taken."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    package = govnlp_dirs()[0]
    where = _commit() if package.is_relative_to(REPO) else f"from {package}"
    return (
        f"{dt.datetime.now().isoformat(timespec='minutes')} · {cpu} · {os.cpu_count()} cores · "
        f"load average {load:.1f} at start · Python {platform.python_version()} · "
        f"jieba {version('jieba')} · govnlp {version('govnlp')} {where}, "
        f"source digest {source_digest()}"
    )


def _commit() -> str:
    """The repository's commit (read-only git calls), with a mark if src/ or lexicons/ differ."""
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "src", "lexicons"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "(no git)"
    return f"at {head}" + (" + uncommitted changes in src/ or lexicons/" if dirty else "")


def govnlp_dirs() -> list[Path]:
    """The folders of the govnlp that is imported: its package and its lexicons."""
    import govnlp

    package = Path(govnlp.__file__).resolve().parent
    try:
        from govnlp._resources import lexicon_dir

        lexicons = lexicon_dir()
    except (ImportError, FileNotFoundError):
        lexicons = REPO / "lexicons"
    return [package, lexicons]


def source_digest() -> str:
    """A short hash of govnlp's code and lexicons, to tell whether they changed during a run."""
    h = hashlib.sha1()
    for root in govnlp_dirs():
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(root.parent).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:12]


def check_unchanged(digest: str) -> None:
    """Warn if govnlp's code or lexicons changed since ``digest`` was taken."""
    now = source_digest()
    if now != digest:
        print(
            f"WARNING: govnlp's source changed during this run (digest {digest} → {now}); "
            "the numbers above mix versions. Run again.",
            flush=True,
        )


# ---------------------------------------------------------------------------------------------
# tables and numbers


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str = "") -> str:
    """A Markdown table, padded so that it also reads well in a terminal (CJK counts 2).

    Columns whose cells all look numeric are right-aligned.
    """
    cells = [[str(c) for c in row] for row in rows]
    cols = len(headers)
    widths = [max([_width(headers[i])] + [_width(r[i]) for r in cells]) for i in range(cols)]
    numeric = [
        bool(cells) and all(re.fullmatch(r"[-+]?[\d.,]+ ?[kM×%s]*|—|n/a", r[i]) for r in cells)
        for i in range(cols)
    ]

    def line(values: Sequence[str]) -> str:
        out = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - _width(v))
            out.append(pad + v if numeric[i] else v + pad)
        return "| " + " | ".join(out) + " |"

    pairs = zip(widths, numeric, strict=True)
    marks = ["-" * (w + 1) + ":" if num else "-" * (w + 2) for w, num in pairs]
    rule = "|" + "|".join(marks) + "|"
    lines = ([f"\n### {title}\n"] if title else []) + [line(headers), rule]
    lines += [line(r) for r in cells]
    return "\n".join(lines)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str = "") -> None:
    """Print :func:`table` followed by a blank line."""
    print(table(headers, rows, title=title), end="\n\n", flush=True)


def rate(x: float) -> str:
    """A rate per second in k or M: 1.03 M, 134 k."""
    if math.isinf(x):
        return "inf"
    if x >= 1e6:
        return f"{x / 1e6:.2f} M"
    if x >= 1e3:
        return f"{x / 1e3:.0f} k"
    return f"{x:.0f}"


def secs(x: float) -> str:
    """Seconds with 3 significant digits."""
    return f"{x:.3g}" if x < 100 else f"{x:.0f}"


def ratio(x: float) -> str:
    """A ratio as 1.23×."""
    return f"{x:.2f}×"


def pct(x: float) -> str:
    """A share (0-1) as 0.941."""
    return f"{x:.3f}"


def profile_top(call: Callable[[str], object], texts: Sequence[str], warm: str) -> str:
    """cProfile of ``call`` over ``texts`` after one warm-up call: top 15 by cumulative time."""
    import cProfile
    import pstats

    call(warm)
    prof = cProfile.Profile()
    prof.enable()
    for text in texts:
        call(text)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(15)
    return out.getvalue()
