"""Checking figures against each other, and the wide county × year panel."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from govnlp.errors import ConfigError, check_records
from govnlp.figures.numerals import clean
from govnlp.records import Role

if TYPE_CHECKING:
    import pandas as pd

PARTS = "其中"


@dataclass(frozen=True, slots=True)
class Flag:
    """Figures of one document that contradict each other.

    ``check`` is ``parts_sum`` (parts that should add up to a total), ``share_ratio`` (a
    percentage that should be the ratio of two amounts) or ``conflict`` (one subject and metric
    with two values). ``expected`` is what the other figures imply, ``printed`` what the text
    says, ``gap`` their difference; ``explained_by_rounding`` tells whether the rounding of the
    printed numbers can account for it.
    """

    check: str
    doc_id: str | None
    texts: tuple[str, ...]
    starts: tuple[int, ...]
    expected: Decimal
    printed: Decimal
    gap: Decimal
    explained_by_rounding: bool
    message: str


def _rows(records: Any) -> list[dict[str, Any]]:
    if hasattr(records, "to_dict"):
        rows: list[dict[str, Any]] = records.to_dict("records")
    else:
        rows = [
            {**{k: getattr(r, k) for k in r.__dataclass_fields__}, "kind": r.kind.value}
            for r in records
        ]
    for row in rows:
        row["value"] = _dec(row["value"])
        row["kind"] = str(row["kind"])
        for key in ("subject", "metric", "period", "county", "sentence", "role"):
            value = row.get(key)
            row[key] = None if value is None or value != value else str(value)  # NaN → None
        qualifier = row.get("qualifier")  # "" (exact) reads back from CSV as missing
        row["qualifier"] = "" if qualifier is None or qualifier != qualifier else str(qualifier)
    return rows


def _dec(value: Any) -> Decimal:
    return clean(value if isinstance(value, Decimal) else Decimal(repr(float(value))))


_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.([0-9]+))?")


def _half_unit(row: dict[str, Any]) -> Decimal:
    """Half a unit of the last printed digit, in the record's unit: 128.4亿元 → 0.05亿元."""
    m = _NUMBER.search(row["text"])
    if not m:
        return Decimal(0)
    printed = Decimal(m.group().replace(",", ""))
    places = len(m.group(1) or "")
    factor = row["value"] / printed if printed else Decimal(1)
    return abs(Decimal("0.5") * Decimal(10) ** -places * factor)


def audit(records: Any) -> list[Flag]:
    """Flags for the figures of each document that contradict each other.

    ``records``: a list of records or a records DataFrame (``extract_frame`` output).
    """
    if not (hasattr(records, "columns") and hasattr(records, "to_dict")):
        records = check_records(records, "records")
    rows = _rows(records)
    by_doc: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row)
    flags: list[Flag] = []
    for doc_rows in by_doc.values():
        doc_rows.sort(key=lambda r: r["start"])
        flags += _parts(doc_rows)
        flags += _shares(doc_rows)
        flags += _conflicts(doc_rows)
    return flags


def _parts(rows: Sequence[dict[str, Any]]) -> list[Flag]:
    """共…56个, 其中新建项目30个、续建项目30个: the parts cannot add up to more than the total.

    Parts that add up to less are not flagged: 其中 often introduces a selection, not a split.
    """
    out = []
    by_sentence: dict[tuple[str | None, int], list[dict[str, Any]]] = {}
    for row in rows:
        by_sentence.setdefault((row["sentence"], row["start"] - _offset(row)), []).append(row)
    for group in by_sentence.values():
        sentence = group[0]["sentence"] or ""
        cut = sentence.find(PARTS)
        if cut < 0:
            continue
        before = [r for r in group if _offset(r) < cut]
        # the parts: the list right after 其中 (to the next comma), or after 其中： a whole list
        ends = "；;。)）" if sentence[cut + 2 : cut + 3] in ("：", ":") else "，,；;。)）"
        stop = next((i for i in range(cut + 3, len(sentence)) if sentence[i] in ends),
                    len(sentence))  # fmt: skip
        after = [r for r in group if cut < _offset(r) < stop]
        for total in reversed(before):
            parts = [r for r in after if (r["kind"], r["unit"]) == (total["kind"], total["unit"])]
            if len(parts) < 2 or total["kind"] not in ("count", "money", "quantity"):
                continue
            if total["qualifier"] in ("over", "at_least", "under", "about"):
                break
            expected = sum((p["value"] for p in parts), Decimal(0))
            gap = total["value"] - expected
            slack = sum((_half_unit(p) for p in parts), _half_unit(total))
            if gap < 0:
                out.append(Flag(
                    "parts_sum", total["doc_id"], tuple(r["text"] for r in [total, *parts]),
                    tuple(r["start"] for r in [total, *parts]), expected, total["value"], gap,
                    abs(gap) <= slack,
                    f"{total['text']} but its parts after 其中 add up to {expected}",
                ))  # fmt: skip
            break
    return out


def _offset(row: dict[str, Any]) -> int:
    """Offset of a record's text in its sentence (first occurrence)."""
    sentence = row["sentence"] or ""
    return max(sentence.find(row["text"]), 0)


def _shares(rows: Sequence[dict[str, Any]]) -> list[Flag]:
    """占年度计划投资的37.41%: the percentage should be the ratio of the two amounts."""
    out = []
    for i, row in enumerate(rows):
        metric = row["metric"] or ""
        if row["kind"] != "percent" or row["unit"] != "%" or "占" not in metric:
            continue
        part_metric, _, base_metric = metric.partition("占")
        earlier = [r for r in rows[max(0, i - 12) : i] if r["kind"] == "money"]
        part = _last(earlier, part_metric, row["subject"])
        base = _last(earlier, base_metric, row["subject"])
        if not part or not base or base is part or not base["value"]:
            continue
        expected = part["value"] / base["value"] * 100
        gap = row["value"] - expected
        rel = _half_unit(part) / part["value"] + _half_unit(base) / base["value"]
        slack = abs(expected) * rel + _half_unit(row)
        out.append(Flag(
            "share_ratio", row["doc_id"], (part["text"], base["text"], row["text"]),
            (part["start"], base["start"], row["start"]), expected.quantize(Decimal("0.0001")),
            row["value"], gap.quantize(Decimal("0.0001")), abs(gap) <= slack,
            f"{row['text']} printed; {part['text']}/{base['text']} = {expected:.4f}%",
        ))  # fmt: skip
    return out


def _last(rows: Sequence[dict[str, Any]], metric: str, subject: str | None) -> Any:
    if not metric:
        return None
    hits = [
        r for r in rows if (r["metric"] or "") == metric or (r["metric"] or "").endswith(metric)
    ]
    same = [r for r in hits if subject is None or r["subject"] == subject]
    found = same or hits
    return found[-1] if found else None


def _conflicts(rows: Sequence[dict[str, Any]]) -> list[Flag]:
    """One subject and metric, one period and county, printed with two different values."""
    out = []
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        metric = row["metric"] or ""
        if (
            not row["subject"]
            or len(row["subject"]) < 4
            or not row["period"]
            or row["qualifier"]
            or row["kind"] != "money"
            or metric.startswith("分别")
            or _present(row.get("value_high"))
        ):
            continue  # lists (分别…) and vague figures are no evidence of a contradiction
        key = (row["county"], row["subject"], row["metric"], row["period"], row["kind"],
               row["unit"], row["role"])  # fmt: skip
        first = seen.setdefault(key, row)
        if first is row or first["value"] == row["value"] or first["sentence"] == row["sentence"]:
            continue
        gap = row["value"] - first["value"]
        out.append(Flag(
            "conflict", row["doc_id"], (first["text"], row["text"]),
            (first["start"], row["start"]), first["value"], row["value"], gap,
            abs(gap) <= _half_unit(first) + _half_unit(row),
            f"{row['subject']} {row['metric'] or ''} {row['period']}: "
            f"{first['text']} and {row['text']}",
        ))  # fmt: skip
    return out


def _present(value: Any) -> bool:
    return value is not None and value == value  # NaN and NA are absent


def format_flags(flags: Iterable[Flag]) -> str:
    """One line per flag, for the command line."""
    lines = []
    for f in flags:
        note = "rounding explains it" if f.explained_by_rounding else "not explained by rounding"
        lines.append(
            f"{f.doc_id}\t{f.check}\t{' | '.join(f.texts)}\texpected {f.expected}\t"
            f"printed {f.printed}\tgap {f.gap}\t{note}"
        )
    return "\n".join(lines) if lines else "no contradictions found"


def panel(
    frame: pd.DataFrame,
    *,
    role: str | None = "actual",
    by_year: bool = True,
    indicators: bool = False,
) -> pd.DataFrame:
    """The wide table: one row per county (and year), one column per subject and metric.

    Each ``subject|metric`` column holds the value; the ``subject|metric|source`` column next to
    it holds where it was read (``doc_id:start-end``). Where the text gives several values, the
    first in text order is kept. ``role`` keeps actuals (default), targets, or all (``None``).

    With ``indicators=True``, the canonical indicators (see :func:`govnlp.indicators`) instead:
    one row per place and year, indexed by ``place_code`` (the current division code; ``""``
    where the gazetteer has none), ``place`` (the most specific of county, prefecture and
    province), ``level`` (``county``, ``prefecture``, ``province``) and ``year``; records
    without a place, or without a year when ``by_year``, are left out. One float column per
    indicator, measure and role (``gdp_growth_target``, ``gdp_growth_actual``,
    ``gdp_level_actual``), each role in its own columns (``role`` is not used; a record whose
    role the text does not tell counts as actual, after one that tells). Each column holds one
    unit, listed in ``panel.attrs["units"]`` by indicator and measure (``gdp_growth``: ``%``,
    ``gdp_level``: ``元``; figures in other units stay in the tidy table). Where several records
    give a value, the first in text order is kept, and the ``<column>|source`` column next to it
    says where it was read: ``doc_id:start-end``, the record's offsets in its document.
    """
    import pandas as pd

    from govnlp.io.export import as_records_frame

    frame = as_records_frame(frame, "frame")
    if role is not None and role not in {r.value for r in Role}:
        raise ConfigError(
            f"role must be one of {sorted(r.value for r in Role)} or None, got {role!r}"
        )
    if indicators:
        from govnlp.analysis.indicators import indicator_panel

        return indicator_panel(frame, by_year=by_year)

    data = frame[frame["county"].notna() & frame["subject"].notna()].copy()
    if role is not None:
        data = data[data["role"].isna() | (data["role"] == role)]
    data["measure"] = data["subject"].astype(str) + "|" + data["metric"].fillna("").astype(str)
    data["source"] = (
        data["doc_id"].astype(str) + ":" + data["start"].astype(str) + "-" + data["end"].astype(str)
    )
    keys = ["county_code", "county", *(["year"] if by_year else [])]
    data = data.sort_values([*keys, "doc_id", "start"]).drop_duplicates([*keys, "measure"])
    values = data.pivot(index=keys, columns="measure", values="value")
    sources = data.pivot(index=keys, columns="measure", values="source")
    sources.columns = [f"{c}|source" for c in sources.columns]
    ordered = [c for m in values.columns for c in (m, f"{m}|source")]
    return pd.concat([values, sources], axis=1)[ordered]
