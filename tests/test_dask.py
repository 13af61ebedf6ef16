"""govnlp on Dask: a LocalCluster of two worker processes gives the single-process records."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

from govnlp.batch import run as batch
from test_batch import SIMPLIFIED, article, build_corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("dask") / "corpus", n=12)


def test_bag_of_paths_gives_the_single_process_records(client: Any, corpus: Path) -> None:
    import dask
    import dask.bag as db
    import pandas as pd

    import govnlp.dask

    paths = sorted(str(p) for p in corpus.iterdir())
    records, summary = govnlp.dask.extract_with_summary(db.from_sequence(paths, npartitions=4))
    assert records.dtypes.equals(govnlp.to_frame([]).dtypes)  # the meta
    got, docs = dask.compute(records, summary)
    expected = batch.run(paths, jobs=1).frame
    assert expected is not None and len(expected) > 100
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    assert len(docs) == 13 and docs["status"].tolist().count("unreadable") == 1
    assert docs.loc[docs["status"] == "unreadable", "doc_id"].tolist() == ["d"]


def test_dataframe_text_column(client: Any) -> None:
    import dask.dataframe as dd
    import pandas as pd

    import govnlp.dask

    texts = [article(i) for i in range(6)] + [SIMPLIFIED, ""]
    frame = pd.DataFrame({"text": texts, "region": ["濮阳县"] * 8})
    got = govnlp.dask.extract(dd.from_pandas(frame, npartitions=3)).compute()
    expected = govnlp.extract_frame(frame)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    assert set(got["doc_id"]) == {f"#{i}" for i in range(1, 8)}  # row 8 has no text


def test_cli_on_a_scheduler_writes_the_single_process_output(
    client: Any, corpus: Path, tmp_path: Path
) -> None:
    address = client.scheduler.address
    outputs = []
    for extra in (["--jobs", "1"], ["--scheduler", address, "--chunk-size", "2"]):
        out = tmp_path / f"r{len(outputs)}.parquet"
        cmd = [sys.executable, "-m", "govnlp", "extract", str(corpus), "-o", str(out), *extra]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert done.returncode == 3, done.stderr
        outputs.append(out)
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    docs = [p.with_name(p.name + ".docs.jsonl").read_bytes() for p in outputs]
    assert docs[0] == docs[1]
