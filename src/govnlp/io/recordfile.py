"""Reading a records file back (Parquet, CSV or JSONL, as ``govnlp extract`` writes them) into the
record contract's typed DataFrame, whatever the format.

Parquet keeps the dtypes; CSV and JSONL do not (a CSV reader sees ``""`` for an exact
qualifier as missing, a county code as a number, dates as text), so the columns are cast back
to the dtypes of :func:`govnlp.frame.empty_frame`: the same records give the same frame from
any of the three files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govnlp.errors import ConfigError, InputError

if TYPE_CHECKING:
    import pandas as pd

RECORD_SUFFIXES = (".parquet", ".csv", ".jsonl")


def read_records(path: str | Path) -> pd.DataFrame:
    """The records of a ``.parquet``, ``.csv`` or ``.jsonl`` records file, with the contract's
    columns and dtypes. :class:`ConfigError` for another suffix, :class:`InputError` for a file
    that is not a records file, :class:`OSError` when it cannot be read."""
    import pandas as pd

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame = pd.read_parquet(path)
    elif suffix == ".csv":
        frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False,
                            na_values=[""])  # fmt: skip
    elif suffix == ".jsonl":
        frame = pd.DataFrame(_json_rows(path))
    else:
        raise ConfigError(f"{path}: not a records file; use .parquet, .csv or .jsonl")
    return typed(frame, str(path))


def _json_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSONL records file; :class:`InputError` naming the file and line of one
    that is no JSON object (json.loads said only "Expecting value: line 1 column 1")."""
    rows = []
    with path.open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}: line {lineno}: invalid JSON ({exc.msg} at column "
                                 f"{exc.colno}); not a records file") from None  # fmt: skip
            if not isinstance(row, dict):
                raise InputError(f"{path}: line {lineno}: not a JSON object; not a records file")
            rows.append(row)
    return rows


def typed(frame: pd.DataFrame, name: str = "records") -> pd.DataFrame:
    """``frame`` with the contract's columns, in order, cast to the contract's dtypes."""
    import pandas as pd

    from govnlp.frame import empty_frame

    empty = empty_frame()
    missing = [c for c in empty.columns if c not in frame.columns]
    if missing and len(frame.columns):
        raise InputError(f"{name}: not a records file (no column {', '.join(missing)})")
    if not len(frame):
        return empty
    columns: dict[str, Any] = {}
    for col in empty.columns:
        values = frame[col]
        dtype = empty[col].dtype
        if col == "qualifier":
            values = values.fillna("")  # an exact figure's qualifier is "", read back as missing
        if isinstance(dtype, pd.CategoricalDtype):
            columns[col] = pd.Categorical(values, categories=dtype.categories)
        elif isinstance(dtype, pd.ArrowDtype):  # dates
            dates = pd.to_datetime(values.astype(object).where(values.notna(), None))
            columns[col] = dates.dt.date.astype(object).where(dates.notna(), None).astype(dtype)
        elif pd.api.types.is_numeric_dtype(dtype):
            columns[col] = pd.to_numeric(values).astype(dtype)
        else:
            columns[col] = values.astype(object).where(values.notna(), None).astype(dtype)
    return pd.DataFrame(columns, columns=list(empty.columns))
