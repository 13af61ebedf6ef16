"""govnlp on Dask: records of a Dask bag or DataFrame of documents (``pip install 'govnlp[dask]'``).

:func:`extract` maps extraction over the partitions of

- a ``dask.bag.Bag`` whose elements are paths (``str`` or ``os.PathLike``: files, directories,
  archives or tables, read on the workers by :func:`govnlp.io.corpus.read_corpus`), documents
  (:class:`govnlp.corpus.Document`, or dicts with ``id``, ``text`` and optional ``date``,
  ``region``) or ``(id, text)`` pairs;
- a ``dask.dataframe.DataFrame`` with a text column (and optional id, ``date``, ``region``
  columns; without an id column a row's id is ``#`` and its 1-based number, taken from a default
  integer index, as :func:`govnlp.extract_frame` numbers the rows of a pandas DataFrame),

and returns a Dask DataFrame with exactly the columns and dtypes of :func:`govnlp.to_frame`.
:func:`extract_with_summary` also returns the per-document summary (``doc_id``, ``source``,
``chars``, ``figures``, ``status``, ``error``), where documents that could not be read or
extracted are accounted for. To run a whole corpus on a cluster from the command line, use
``govnlp extract INPUT -o OUT --scheduler ADDRESS``.

Each worker process builds the pipeline once, on its first partition.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from govnlp.io.corpus import MAX_BYTES, Document, Item, ReadError, Skipped

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas as pd

SUMMARY_COLUMNS = ("doc_id", "source", "chars", "figures", "status", "error")


def _dask() -> Any:
    """The dask.dataframe module, or an ImportError saying how to install it."""
    try:
        import dask.bag
        import dask.dataframe
    except ImportError:
        raise ImportError("govnlp.dask needs Dask: pip install 'govnlp[dask]'") from None
    return dask.dataframe


def summary_meta() -> pd.DataFrame:
    """An empty per-document summary with its dtypes."""
    import pandas as pd

    return pd.DataFrame(
        {
            "doc_id": pd.Series([], dtype="string"),
            "source": pd.Series([], dtype="string"),
            "chars": pd.Series([], dtype="int64"),
            "figures": pd.Series([], dtype="int64"),
            "status": pd.Series([], dtype="string"),
            "error": pd.Series([], dtype="string"),
        }
    )


def extract(
    data: dask.bag.Bag | dask.dataframe.DataFrame,
    *,
    text_column: str = "text",
    id_column: str = "id",
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> dask.dataframe.DataFrame:
    """The records of every document of ``data`` (see the module), lazily, as a Dask DataFrame
    with the columns and dtypes of :func:`govnlp.to_frame`.

    ``text_column``/``id_column`` name the DataFrame columns, and the table fields of paths in
    a bag; ``encoding`` forces a codec and ``max_bytes`` limits file sizes when reading paths.
    Documents that cannot be read or extracted give no records; see
    :func:`extract_with_summary` to list them.
    """
    return extract_with_summary(
        data, text_column=text_column, id_column=id_column, encoding=encoding, max_bytes=max_bytes
    )[0]


def extract_with_summary(
    data: dask.bag.Bag | dask.dataframe.DataFrame,
    *,
    text_column: str = "text",
    id_column: str = "id",
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> tuple[dask.dataframe.DataFrame, dask.dataframe.DataFrame]:
    """``(records, summary)``: :func:`extract`'s records, and one summary row per document
    (``status`` ``ok``, ``partial``, ``unreadable``, ``failed`` or ``skipped``, with the
    ``error``, or for a skipped file the reason). Computing both
    together (``dask.compute(records, summary)``) extracts each partition once.
    """
    dd = _dask()
    from dask.delayed import delayed

    from govnlp.frame import empty_frame

    options = {"text_field": text_column, "id_field": id_column, "encoding": encoding,
               "max_bytes": max_bytes}  # fmt: skip
    if isinstance(data, dd.DataFrame):
        work = delayed(_frame_partition, nout=2)
        parts = [work(p, text_column, id_column) for p in data.to_delayed()]
    elif hasattr(data, "to_delayed") and hasattr(data, "map_partitions"):
        work = delayed(_bag_partition, nout=2)
        parts = [work(p, options) for p in data.to_delayed()]  # type: ignore[no-untyped-call]
    else:
        raise TypeError(f"data must be a Dask bag or DataFrame, got {type(data).__name__}")
    records = dd.from_delayed([p[0] for p in parts], meta=empty_frame(), verify_meta=False)
    summary = dd.from_delayed([p[1] for p in parts], meta=summary_meta(), verify_meta=False)
    return records, summary


def _bag_partition(elements: Iterable[Any], options: dict[str, Any]) -> tuple[Any, Any]:
    """Records and summary of one bag partition."""
    return _extract(_bag_items(elements, options))


def _bag_items(elements: Iterable[Any], options: dict[str, Any]) -> Iterator[Item]:
    from govnlp.io.corpus import read_corpus

    for n, element in enumerate(elements, start=1):
        if isinstance(element, str | os.PathLike):
            yield from read_corpus(element, **options)
        elif isinstance(element, Document | ReadError | Skipped):
            yield element
        elif isinstance(element, dict):
            doc_id = element.get("id", element.get("doc_id"))
            if doc_id is None:
                raise ValueError(f"bag element {n} of its partition: a document dict needs 'id'")
            yield _document(str(doc_id), element.get("text"), element.get("date"),
                            element.get("region"), f"bag element {doc_id}")  # fmt: skip
        elif isinstance(element, tuple) and len(element) == 2:
            yield _document(str(element[0]), element[1], None, None, f"bag element {element[0]}")
        else:
            raise TypeError(
                f"bag element {n} of its partition: expected a path, a Document, a dict or an "
                f"(id, text) pair, got {type(element).__name__}"
            )


def _document(doc_id: str, text: object, date: object, region: object, source: str) -> Item:
    """A document, or an error when ``text`` is missing, not text or empty."""
    from govnlp.io.tables import meta_value

    if not isinstance(text, str) or not text.strip():
        reason = "empty text" if isinstance(text, str) else "no text"
        return ReadError(id=doc_id, source=source, reason=reason)
    return Document(id=doc_id, text=text, date=meta_value(date), region=meta_value(region),
                    source=source)  # fmt: skip


def _frame_partition(frame: pd.DataFrame, text_column: str, id_column: str) -> tuple[Any, Any]:
    """Records and summary of one DataFrame partition."""
    if text_column not in frame.columns:
        raise KeyError(f"the DataFrame has no text column {text_column!r}")

    import pandas as pd

    def items() -> Iterator[Item]:
        has_id = id_column in frame.columns
        for label, row in zip(frame.index, frame.to_dict("records"), strict=True):
            raw = row.get(id_column) if has_id else None
            if raw is None or (not isinstance(raw, str) and pd.isna(raw)):
                raw = f"#{label + 1}" if isinstance(label, numbers.Integral) else str(label)
            yield _document(str(raw), row[text_column], row.get("date"), row.get("region"),
                            f"row {label}")  # fmt: skip

    return _extract(items())


def _extract(items: Iterable[Item]) -> tuple[Any, Any]:
    import pandas as pd

    from govnlp.batch.run import extract_chunk

    result = extract_chunk(list(items), "frame")
    errors = iter(result.errors)  # one per document failed, unreadable or cut, in order
    rows = [{**d, "error": d.get("reason") if d["status"] in ("ok", "skipped")
             else next(errors)["error"]} for d in result.docs]  # fmt: skip
    summary = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    return result.payload, summary.astype(summary_meta().dtypes.to_dict())
