"""The notebooks run from top to bottom, and are kept in the repository without outputs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import govnlp
from _support import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# what the notebooks call on the package (exported lazily by govnlp/__init__.py)
PUBLIC = ("Records", "render", "use_cjk_font", "progress", "to_stata", "to_csv", "read_corpus")


def test_there_are_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01-quickstart.ipynb", "02-county-panel.ipynb", "03-work-reports.ipynb",
    ]  # fmt: skip


@pytest.mark.parametrize("name", PUBLIC)
def test_notebook_names_are_exported(name: str) -> None:
    assert name in govnlp.__all__ and callable(getattr(govnlp, name)), (
        f"govnlp.{name} is missing: add it to _EXPORTS and __all__ in govnlp/__init__.py"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    began = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - began
    errors = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert not errors
    # tofu guard: a chart drawn with no CJK font says "Glyph … missing from font(s)"
    texts = [
        out.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "stream"
    ]
    missing = [t for t in texts if "missing from font" in t]
    if missing and "no CJK font found" not in "".join(texts):
        pytest.fail(f"Chinese drawn as boxes without a warning: {missing[0][:200]}")
    assert elapsed < 60, f"{path.name} took {elapsed:.0f} s"
