"""Test helpers: case tables, the sample article, the shared development material."""

from __future__ import annotations

import csv
from pathlib import Path
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
