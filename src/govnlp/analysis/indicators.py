"""Canonical statistical indicators of the records: the tidy table and the place × year panel."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from govnlp.errors import ConfigError
from govnlp.lexicon import Lexicon, default_lexicon
from govnlp.linking.indicator import GROWTH, LEVEL, MEASURES, PERCENT_SIGN, indicator_matcher
from govnlp.places.gazetteer import gazetteer
from govnlp.records import Kind, Record, Role

if TYPE_CHECKING:
    import pandas as pd

COLUMNS: tuple[str, ...] = (
    "doc_id", "county", "county_code", "prefecture", "province", "year", "indicator",
    "indicator_name", "measure", "role", "value", "unit", "qualifier", "text", "start", "end",
)  # fmt: skip
"""The columns of :func:`indicators`, in order."""

_STRING = ("doc_id", "county", "county_code", "prefecture", "province", "indicator",
           "indicator_name", "unit", "qualifier", "text")  # fmt: skip
_NEEDED = ("doc_id", "kind", "value", "unit", "qualifier", "text", "start", "end", "county",
           "county_code", "prefecture", "province", "subject", "metric", "indicator", "year",
           "role")  # fmt: skip
LEVELS = ("county", "prefecture", "province")  # most specific first
SOURCE = "|source"  # suffix of a panel column's source column
YUAN = "元"  # the unit of money amounts in records


def indicators(frame: Any, *, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The tidy table of canonical indicators: one row per record that has an indicator.

    ``frame`` is the records table (:func:`govnlp.extract_frame`, or one read back from
    Parquet or CSV) or a list of records. Columns: ``doc_id``, the place fields (``county``,
    ``county_code``, ``prefecture``, ``province``), ``year``, ``indicator`` (its id in
    ``lexicons/indicators.tsv``), ``indicator_name`` (the official Chinese name), ``measure``
    (``level`` or ``growth``), ``role`` (``actual``, ``target`` or NA), ``value``, ``unit``,
    ``qualifier``, and the source: ``text``, ``start``, ``end`` (``document[start:end] ==
    text``). Strings are ``string``, ``year`` is ``Int64``, ``value`` ``float64``, ``start`` and
    ``end`` ``int64``; ``measure`` and ``role`` are categorical.

    >>> import govnlp
    >>> text = "2023年，全县地区生产总值完成181.5亿元，增长5.8%。"
    >>> table = govnlp.indicators(govnlp.extract(text, region="南乐县"))
    >>> for row in table[["county", "year", "indicator", "measure", "role", "value"]].values:
    ...     print(*row)
    南乐县 2023 gdp level actual 18150000000.0
    南乐县 2023 gdp growth actual 5.8
    """
    import pandas as pd

    data = _records_frame(frame)
    data = data[data["indicator"].notna()].reset_index(drop=True)
    lex = lexicon or default_lexicon()
    names = {i.id: i.name_zh for i in lex.indicators}
    out = pd.DataFrame({c: data[c] for c in COLUMNS if c in data.columns})
    out["indicator_name"] = data["indicator"].astype(object).map(names)
    out["measure"] = pd.Categorical(_measures(data, lex), categories=list(MEASURES))
    out["role"] = pd.Categorical(
        data["role"].astype(object).where(data["role"].notna(), None),
        categories=[r.value for r in Role],
    )
    out["qualifier"] = data["qualifier"].astype(object).where(data["qualifier"].notna(), "")
    for col in _STRING:
        out[col] = out[col].astype("string")
    out["value"] = pd.to_numeric(data["value"].map(float), errors="coerce").astype("float64")
    out["year"] = data["year"].astype("Int64")
    for col in ("start", "end"):
        out[col] = data[col].astype("int64")
    return out[list(COLUMNS)]


def _records_frame(frame: Any) -> pd.DataFrame:
    """The records table of ``frame`` (a DataFrame, or records), checked for its columns."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        if isinstance(frame, str) or not isinstance(frame, Iterable):
            raise TypeError(f"frame must be a records DataFrame or records, got {type(frame)}")
        from govnlp.frame import to_frame

        rows = list(frame)
        if not all(isinstance(r, Record) for r in rows):
            raise TypeError("frame must be a records DataFrame or a list of records")
        return to_frame(rows)
    missing = [c for c in _NEEDED if c not in frame.columns]
    if missing:
        raise ConfigError(
            f"frame lacks the record columns {', '.join(missing)}: pass the records table "
            "(govnlp.extract_frame, or a records file read back)"
        )
    return frame


def _measures(data: pd.DataFrame, lex: Lexicon) -> list[str]:
    """The measure of each record: as its subject and metric give it, else as its metric does
    (a table whose indicator column was set by other means)."""
    matcher = indicator_matcher(lex)
    seen: dict[tuple[Any, ...], str] = {}
    out = []
    columns = ("indicator", "subject", "metric", "kind", "unit")
    for key in zip(*(data[c].astype(object).tolist() for c in columns), strict=True):
        if key not in seen:
            indicator, subject, metric, kind, unit = (_text(v) for v in key)
            found, measure = matcher.find(subject, metric, kind, unit)
            seen[key] = measure if found == indicator and measure else matcher.measure(metric)
        out.append(seen[key])
    return out


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None  # NaN and NA → None


def indicator_panel(
    frame: Any, *, by_year: bool = True, lexicon: Lexicon | None = None
) -> pd.DataFrame:
    """The wide table of canonical indicators: one row per place and year, one column per
    indicator, measure and role (``gdp_growth_target``, ``gdp_growth_actual``,
    ``gdp_level_actual``); see :func:`govnlp.panel` with ``indicators=True``."""
    import pandas as pd

    lex = lexicon or default_lexicon()
    keys = ["place_code", "place", "level", *(["year"] if by_year else [])]
    tidy = _placed(indicators(frame, lexicon=lex), lex)
    if by_year:
        tidy = tidy[tidy["year"].notna()]
    tidy = tidy.assign(
        role=tidy["role"].astype(object).where(tidy["role"].notna(), Role.ACTUAL.value),
        assumed=tidy["role"].isna(),  # a role the text tells wins over one assumed
    )
    units = _units(tidy, lex)
    same_unit = [units.get((str(i), str(m))) == u for i, m, u in
                 zip(tidy["indicator"], tidy["measure"], tidy["unit"], strict=True)]  # fmt: skip
    tidy = tidy[pd.Series(same_unit, index=tidy.index, dtype=bool)]
    tidy = tidy.assign(
        column=tidy["indicator"].astype(str) + "_" + tidy["measure"].astype(str) + "_"
        + tidy["role"].astype(str),
        source=tidy["doc_id"].astype(str) + ":" + tidy["start"].astype(str) + "-"
        + tidy["end"].astype(str),
    )  # fmt: skip
    tidy = tidy.sort_values([*keys, "column", "assumed", "doc_id", "start"])
    tidy = tidy.drop_duplicates([*keys, "column"]).set_index([*keys, "column"])
    columns = sorted(tidy.index.unique("column"), key=_column_order(lex))
    if not columns:
        wide = pd.DataFrame(index=pd.MultiIndex.from_tuples([], names=keys))
    else:
        sources = tidy["source"].unstack("column").astype("string")
        sources.columns = [f"{c}{SOURCE}" for c in sources.columns]
        wide = pd.concat([tidy["value"].unstack("column").astype("float64"), sources], axis=1)
        wide = wide[[c for col in columns for c in (col, f"{col}{SOURCE}")]]
        wide.columns.name = None
    wide.attrs["units"] = {f"{i}_{m}": u for (i, m), u in units.items()}
    return wide


def _column_order(lex: Lexicon) -> Any:
    """A sort key of panel columns: indicators in lexicon order, level before growth, actual
    before target."""
    indicators = {i.id: n for n, i in enumerate(lex.indicators)}
    measures = {m: n for n, m in enumerate(MEASURES)}
    roles = {r.value: n for n, r in enumerate(Role)}

    def key(column: str) -> tuple[int, int, int]:
        indicator, measure, role = column.rsplit("_", 2)
        return indicators.get(indicator, -1), measures[measure], roles[role]

    return key


def _placed(tidy: pd.DataFrame, lex: Lexicon) -> pd.DataFrame:
    """``tidy`` with the most specific place of each row (``place``, ``level``, ``place_code``);
    rows with no place are left out."""
    place = tidy["county"].astype(object)
    level = _where(tidy["county"].notna(), "county")
    code = tidy["county_code"].astype(object)
    for parent in LEVELS[1:]:
        fill = place.isna() & tidy[parent].notna()
        place = place.where(~fill, tidy[parent].astype(object))
        level = level.where(~fill, parent)
        code = code.where(~fill, tidy[parent].astype(object).map(_code_finder(lex, parent)))
    out = tidy.assign(place=place, level=level, place_code=code.fillna(""))
    out = out[out["place"].notna()]
    for col in ("place", "level", "place_code"):
        out[col] = out[col].astype("string")
    return out


def _where(mask: pd.Series, value: str) -> pd.Series:
    """``value`` where ``mask`` holds, else None (an object column)."""
    return mask.map({True: value, False: None}).astype(object)


def _code_finder(lex: Lexicon, level: str) -> Any:
    """A function from the full name of a prefecture or province to its code ("" if unknown)."""
    forms = gazetteer(lex).forms

    def code(name: Any) -> str:
        if not isinstance(name, str):
            return ""
        units = {u.current_code for u, short in forms.get(name, ()) if u.level == level}
        units |= {u.adcode for u, short in forms.get(name, ()) if u.level == level and not units}
        return units.pop() if len(units) == 1 else ""

    return code


def _units(tidy: pd.DataFrame, lex: Lexicon) -> dict[tuple[str, str], str]:
    """The one unit of each (indicator, measure) column: the growth of an amount or a count in
    %, the level of an amount in 元 and of a rate in %; otherwise (a rate's growth: 百分点 for
    城镇化率, % for 居民消费价格; a count's or quantity's level) the unit most of its figures
    use."""
    kinds = {i.id: i.kind for i in lex.indicators}
    fixed: dict[tuple[str, str], str] = {
        (GROWTH, Kind.MONEY): PERCENT_SIGN, (GROWTH, Kind.COUNT): PERCENT_SIGN,
        (GROWTH, Kind.QUANTITY): PERCENT_SIGN, (LEVEL, Kind.MONEY): YUAN,
        (LEVEL, Kind.PERCENT): PERCENT_SIGN,
    }  # fmt: skip
    out: dict[tuple[str, str], str] = {}
    groups = tidy.groupby(["indicator", "measure"], observed=True)["unit"]
    for (indicator, measure), units in groups:
        unit = fixed.get((str(measure), kinds.get(str(indicator), "")))
        out[str(indicator), str(measure)] = unit or str(units.value_counts().index[0])
    return out
