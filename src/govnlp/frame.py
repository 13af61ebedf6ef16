"""Records as a typed pandas DataFrame, and the writers for Parquet, CSV and JSONL."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govnlp.errors import ConfigError
from govnlp.records import COLUMNS, Kind, Record

if TYPE_CHECKING:
    import pandas as pd

_STRING = ("doc_id", "unit", "qualifier", "text", "sentence", "county", "county_code",
           "prefecture", "province", "subject", "metric", "indicator", "period",
           "role")  # fmt: skip


def to_frame(records: Iterable[Record], *, exact: bool = False) -> pd.DataFrame:
    """The long table of the record contract: its columns, in order, with nullable dtypes.

    With ``exact=True`` the ``value`` and ``value_high`` columns hold the ``Decimal`` values.
    """
    import pandas as pd

    rows = list(records)
    data: dict[str, Any] = {c: [getattr(r, c) for r in rows] for c in COLUMNS}
    data["kind"] = [r.kind.value for r in rows]
    data["qualifier"] = [r.qualifier.value for r in rows]
    frame = pd.DataFrame(data, columns=list(COLUMNS))
    for col in _STRING:
        frame[col] = frame[col].astype("string")
    frame["kind"] = pd.Categorical(frame["kind"], categories=[k.value for k in Kind])
    if not exact:
        frame["value"] = pd.Series([float(v) for v in data["value"]], dtype="float64")
        frame["value_high"] = pd.array(
            [None if v is None else float(v) for v in data["value_high"]], dtype="Float64"
        )
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    frame["year"] = pd.array(data["year"], dtype="Int64")
    for col in ("period_start", "period_end"):
        frame[col] = pd.Series(data[col], dtype="object").astype("datetime64[s]").dt.date
        frame[col] = frame[col].astype(pd.ArrowDtype(_date32()))
    return frame


def _date32() -> Any:
    import pyarrow as pa

    return pa.date32()


def empty_frame() -> pd.DataFrame:
    """A frame with the contract's columns and dtypes and no rows."""
    return to_frame([])


def write(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write records to ``path``; the format follows the suffix (.parquet, .csv, .jsonl)."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix == ".parquet":
        frame.to_parquet(out, index=False)
    elif suffix == ".csv":
        to_csv(frame, out)
    elif suffix == ".jsonl":
        to_jsonl(frame, out)
    else:
        raise ConfigError(f"output {out}: unknown format {suffix!r}; use .parquet, .csv or .jsonl")
    return out


def to_csv(frame: pd.DataFrame, path: str | Path) -> None:
    """CSV in UTF-8 with a byte-order mark, so that Excel opens the Chinese text."""
    frame.to_csv(path, index=False, encoding="utf-8-sig")


def to_jsonl(frame: pd.DataFrame, path: str | Path) -> None:
    """One JSON object per record per line (UTF-8, Chinese kept as is)."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for row in json_rows(frame):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def json_rows(frame: pd.DataFrame) -> Iterable[dict[str, Any]]:
    """The rows of ``frame`` as JSON-ready dicts, as :func:`to_jsonl` writes them: missing
    values as ``None``, dates as ISO text, NumPy scalars as Python numbers."""
    import pandas as pd

    cols: Sequence[str] = list(frame.columns)
    for values in frame.itertuples(index=False, name=None):
        row: dict[str, Any] = {}
        for col, value in zip(cols, values, strict=True):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                row[col] = None
            elif hasattr(value, "isoformat"):
                row[col] = value.isoformat()
            elif hasattr(value, "item"):
                row[col] = value.item()
            else:
                row[col] = value
        yield row


_TABLE_COLUMNS = ("doc_id", "kind", "text", "value", "unit", "qualifier", "county", "subject",
                  "metric", "indicator", "period", "year", "role")  # fmt: skip


def records_html(records: Sequence[Record], *, max_rows: int = 60) -> str:
    """An HTML table of records: the exact value (``Decimal``), unit, county, subject, metric…

    Columns empty for every record shown are left out, and so is ``doc_id`` when all the
    records come from one document (it goes in the caption instead).
    """
    n = len(records)
    if not n:
        return "<p><em>no records</em></p>"
    shown = list(records[:max_rows]) if n > max_rows else list(records)
    doc_ids = {r.doc_id for r in records}
    columns = [
        c
        for c in _TABLE_COLUMNS
        if c in ("kind", "text") or (any(_cell(r, c) for r in shown) and c != "doc_id")
    ]
    if len(doc_ids) > 1:
        columns.insert(0, "doc_id")
    head = "".join(f"<th>{c}</th>" for c in columns)
    body = "".join("<tr>" + "".join(_td(r, c) for c in columns) + "</tr>" for r in shown)
    (only,) = doc_ids if len(doc_ids) == 1 else (None,)
    source = f" of {html.escape(only)}" if only else ""
    more = f", first {max_rows} shown" if n > max_rows else ""
    caption = f"{n} record{'s' if n != 1 else ''}{source}{more}"
    return (
        f'<table class="govnlp-records"><caption style="text-align:left">{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _td(record: Record, column: str) -> str:
    align = ' style="text-align:right"' if column in ("value", "year") else ""
    return f"<td{align}>{html.escape(_cell(record, column))}</td>"


def _cell(record: Record, column: str) -> str:
    value = getattr(record, column)
    if value is None:
        return ""
    if column == "kind" or column == "qualifier":
        return str(value.value)
    return str(value)
