"""Test helpers: case tables, the sample article, the shared development material."""

from __future__ import annotations

import csv
import gc
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
CASES = TESTS / "cases"
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "corpora" / "sample" / "000_1e9657a66f5be7f3.txt"


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV case table (header row, ``#`` comment lines skipped)."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_cases(*names: str, fields: tuple[str, ...]) -> list[Any]:
    """Case rows as ``pytest.param`` objects, id'd by file and text; status ``xfail`` is strict."""
    params = []
    for name in names:
        for i, row in enumerate(read_table(CASES / f"{name}.tsv"), start=1):
            marks = []
            if row.get("status") == "xfail":
                marks.append(pytest.mark.xfail(strict=True, reason=row.get("note", "")))
            values = tuple(row[f] for f in fields)
            params.append(
                pytest.param(*values, id=f"{name}:{i}:{row[fields[0]][:20]}", marks=marks)
            )
    return params


def shared_path(*parts: str) -> Path:
    """A path in ../shared, skipping the test where the shared material is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (development material)")
    return path


def assert_floors(scores: Any, floors: dict[str, float], name: str) -> None:
    """Each score of a gold at or above its floor: ``F1`` the figures found, any other
    attribute the share of matched figures with it right."""
    for attribute, floor in floors.items():
        got = scores.prf()[2] if attribute == "F1" else scores.share(attribute)
        assert got >= floor, f"{name} {attribute}: {got:.3f} < {floor}"


def tar_bytes(members: dict[str, bytes]) -> bytes:
    """A tar archive of ``members`` (name → content), in memory."""
    import io
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def load_benchmark(name: str) -> ModuleType:
    """The script ``benchmarks/<name>.py`` imported as a module, its folder last on the path as
    when it runs (its ``tokenize.py`` must not shadow the standard library's)."""
    folder = str(ROOT / "benchmarks")
    if folder not in sys.path:
        sys.path.append(folder)
    return importlib.import_module(name)


def doubling_ratios(
    run: Callable[[str], object], build: Callable[[int], str], n: int, *,
    min_seconds: float, max_chars: int, max_ratio: float, runs: int,
) -> tuple[int, list[float]]:
    """(n, ratios): the CPU time of ``run`` on ``build(2 * size)`` over that on ``build(size)``,
    from the first ``n`` (doubled from the one given) whose text takes ``min_seconds`` or reaches
    ``max_chars``. A busy machine can slow one timing, a text outgrowing a CPU cache make one
    step, but a quadratic path slows every doubling: n -> 2n is tried twice, then 2n -> 4n, and
    the trials stop at the first ratio under ``max_ratio``."""

    def seconds(text: str, repeat: int) -> float:
        best = float("inf")
        for _ in range(repeat):
            gc.collect()
            start = time.process_time()
            run(text)
            best = min(best, time.process_time() - start)
        return best

    while seconds(build(n), 1) < min_seconds and len(build(n)) < max_chars:
        n *= 2
    ratios: list[float] = []
    for size in (n, n, 2 * n):
        small, large = seconds(build(size), runs), seconds(build(2 * size), runs)
        ratios.append(large / max(small, min_seconds / 5))
        if ratios[-1] < max_ratio:
            break
    return n, ratios
