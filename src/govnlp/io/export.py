"""Files economists open: Stata ``.dta`` (Chinese kept) and Excel-friendly CSV.

Both take the records table (``extract_frame``) or any frame built from it, such as the wide
``panel`` (its county/year index becomes ordinary columns), or the records themselves
(``extract`` output).
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import warnings
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from govnlp.errors import ArgumentError, check_records
from govnlp.records import Record

if TYPE_CHECKING:
    import pandas as pd

# UTF-8 strings and variable names; 114 (the default) is Latin-1
STATA_VERSION: Final[Literal[118]] = 118
MAX_NAME = 32  # characters in a Stata variable name
MAX_LABEL = 80  # characters in a variable or data set label
MAX_VARIABLES_BE = 2048  # Stata/BE (formerly IC) reads no more variables than this

_NOT_NAME = re.compile(r"[^\w]|[\x80-\xbf×÷]")  # what a Stata name may not hold (\w is Unicode)


def as_records_frame(data: Any, name: str = "frame") -> pd.DataFrame:
    """``data`` as a DataFrame: a DataFrame as it is, records (``extract`` output, any list of
    :class:`~govnlp.records.Record`) as the record contract's table (``to_frame``).

    Raises:
        ArgumentError: ``data`` is neither, naming the parameter ``name``.
    """
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data
    from govnlp.frame import to_frame

    return to_frame(check_records(data, name))


def _out_path(path: Any) -> Path:
    if not isinstance(path, (str, PathLike)):
        raise ArgumentError(f"path must be a str or a path, got {type(path).__name__}")
    return Path(path)


def to_csv(frame: pd.DataFrame | Iterable[Record], path: str | Path) -> Path:
    """CSV that Excel opens with its Chinese intact (UTF-8 with a byte-order mark).

    ``frame``: the records table, a frame derived from it, or records (``extract`` output). A
    meaningful index (the ``panel``'s county/year keys) is written as columns first.
    """
    from govnlp.frame import to_csv as _write_csv

    data = as_records_frame(frame)
    out = _out_path(path)
    _write_csv(_flat(data), out)
    return out


def to_stata(
    frame: pd.DataFrame | Iterable[Record],
    path: str | Path,
    *,
    variable_labels: Mapping[str, str] | None = None,
    data_label: str | None = None,
) -> Path:
    """Write ``frame`` as a Stata 14+ ``.dta`` file (format 118, so Chinese survives).

    Column types become what Stata stores: nullable numbers and booleans become ``double``
    with missing values, strings and categories become ``str``/``strL`` with ``""`` for
    missing, ``Decimal`` becomes ``double``, and dates become Stata dates (``%td``). Column
    names that Stata does not accept (``省市重点项目|总投资``) become valid ones
    (``省市重点项目_总投资``, at most 32 characters); the original name is kept as the
    variable label. Labels longer than 80 characters are cut.

    Args:
        frame: the records table, the panel, a frame derived from them, or records
            (``extract`` output).
        path: the ``.dta`` file to write.
        variable_labels: column → label, over the automatic ones.
        data_label: the data set's label.

    Returns:
        The path written.
    """
    data = _flat(as_records_frame(frame))
    out = _out_path(path)
    names = stata_names([str(c) for c in data.columns])
    labels = {new: str(old) for old, new in zip(data.columns, names, strict=True) if old != new}
    for old, label in (variable_labels or {}).items():
        if old in data.columns:
            labels[names[list(data.columns).index(old)]] = label
    data.columns = names
    data, dates = _stata_types(data)
    if len(data.columns) > MAX_VARIABLES_BE:
        warnings.warn(
            f"{len(data.columns)} variables: Stata/BE reads at most {MAX_VARIABLES_BE} "
            "(Stata/SE and MP read up to 32,767)",
            UserWarning,
            stacklevel=2,
        )
    with warnings.catch_warnings():
        # numbers past float precision are expected (offsets, money in 元); nothing is renamed
        from pandas.errors import PossiblePrecisionLoss

        warnings.simplefilter("ignore", PossiblePrecisionLoss)
        data.to_stata(
            out,
            write_index=False,
            version=STATA_VERSION,
            convert_dates=dict.fromkeys(dates, "td"),
            variable_labels={k: _cut(v) for k, v in labels.items()},
            data_label=_cut(data_label) if data_label else None,
        )
    return out


def stata_names(columns: list[str]) -> list[str]:
    """Valid, distinct Stata variable names for ``columns``, in order.

    Characters Stata does not allow become ``_``; a name starting with a digit or being a
    reserved word gets a leading ``_``; the panel's ``subject|metric|source`` columns end in
    ``_src`` even when the name has to be cut to 32 characters.
    """
    reserved = _reserved_words()
    out: list[str] = []
    for column in columns:
        stem, suffix = column, ""
        if column.endswith("|source"):
            stem, suffix = column[: -len("|source")], "_src"
        name = re.sub(r"_+", "_", _NOT_NAME.sub("_", stem)).strip("_") or "v"
        if name[0].isdigit() or name.lower() in reserved:
            name = "_" + name
        name = name[: MAX_NAME - len(suffix)] + suffix
        base, n = name, 1
        while name in out:
            n += 1
            name = base[: MAX_NAME - len(str(n)) - 1] + f"_{n}"
        out.append(name)
    return out


def _reserved_words() -> frozenset[str]:
    """Stata's reserved words, as pandas knows them."""
    try:
        from pandas.io.stata import StataParser

        words: tuple[str, ...] = StataParser().RESERVED_WORDS  # type: ignore[attr-defined]
        return frozenset(w.lower() for w in words)
    except (ImportError, AttributeError, TypeError):  # pandas renames them itself then
        return frozenset()


def _cut(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose named index levels are ordinary columns."""
    import pandas as pd

    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None:
        return frame.copy()
    if all(name is None for name in frame.index.names):
        return frame.reset_index(drop=True)
    return frame.reset_index()


def _stata_types(data: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Columns converted to dtypes the Stata writer takes, and the names of the date columns.

    The result is built in one go, so that its columns sit in few blocks: the Stata writer
    reads a wide panel column by column, which is slow on a fragmented frame.
    """
    import pandas as pd

    columns: dict[str, pd.Series] = {}
    dates: list[str] = []
    for i, col in enumerate(data.columns):
        series = data.iloc[:, i]
        converted = _stata_column(series)
        columns[col] = series if converted is None else converted
        if pd.api.types.is_datetime64_any_dtype(columns[col]):
            dates.append(col)
    return pd.DataFrame(columns, index=data.index), dates


def _stata_column(series: pd.Series) -> pd.Series | None:
    """One column as Stata can store it, or ``None`` when it can be written as it is."""
    import pandas as pd
    from pandas.api import types

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        if types.is_numeric_dtype(dtype.categories.dtype):
            return series.astype(dtype.categories.dtype)
        return _strings(series)
    if types.is_bool_dtype(dtype):
        return series.astype("float64") if series.isna().any() else series.astype("int8")
    if types.is_numeric_dtype(dtype):
        if types.is_extension_array_dtype(dtype) or str(dtype).endswith("[pyarrow]"):
            if types.is_integer_dtype(dtype) and not series.isna().any():
                return series.astype("int64")
            return series.astype("float64")
        return None
    if types.is_datetime64_any_dtype(dtype):
        return _naive(series)
    if types.is_string_dtype(dtype) and not types.is_object_dtype(dtype):
        return _strings(series)
    kind = types.infer_dtype(series, skipna=True)
    if kind == "empty":  # an object column with nothing in it (exact=True's value_high)
        return pd.Series(float("nan"), index=series.index, dtype="float64")
    if kind in ("date", "datetime", "datetime64"):
        return _naive(pd.to_datetime(series.astype(object)))
    if kind == "decimal":
        return series.map(lambda v: float(v) if isinstance(v, decimal.Decimal) else float("nan"))
    if kind in ("integer", "floating", "mixed-integer-float"):
        return pd.to_numeric(series, errors="coerce").astype("float64")
    if kind == "boolean":
        return series.map(lambda v: float(v) if isinstance(v, bool) else float("nan"))
    return _strings(series)


def _strings(series: pd.Series) -> pd.Series:
    """Text as Python strings, missing values as ``""`` (Stata's missing string)."""
    import pandas as pd

    values = [
        "" if v is None or (not isinstance(v, str) and pd.isna(v)) else _text(v) for v in series
    ]
    return pd.Series(values, index=series.index, dtype=object)


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _naive(series: pd.Series) -> pd.Series:
    """Dates as timezone-naive ``datetime64[ns]`` (what the Stata writer takes)."""
    import pandas as pd

    out = pd.to_datetime(series)
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_localize(None)
    return out.astype("datetime64[ns]")
