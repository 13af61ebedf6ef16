"""The indicator table of the work reports, read from govnlp's records and compared with the table
annotated by hand (``tests/indicator_table/table.tsv``).

Besides GDP (``gdp_table.py``), five indicators that economists read from every 政府工作报告: the
growth of 一般公共预算收入, 固定资产投资 and 社会消费品零售总额, the number of 城镇新增就业 and
the rise of 居民消费价格 (CPI). For each, the report's target for its year and last year's result.

For each report of the table, from ``govnlp.extract`` of its text (no metadata), a cell is the
first record with:

- the indicator (the record's ``indicator`` code), the role (``target`` for the report's year,
  ``actual`` for the year before) and the whole of that year (not a quarter, not five years);
- for a growth: a percent whose metric is the growth (增长, 增速; a fall, 下降, is read as a
  negative growth); for the CPI, its rise (涨幅, 上涨, 增长, or no metric: 控制在3%以内; a fall
  is a negative rise); for the jobs: a count.

A cell is right when the value (and upper end of a range) and the qualifier equal the table's,
or when both the table and the records have none. Prints the accuracy of each indicator and
column, overall and on the held-out reports (those of ``tests/holdout``, which no rule is written
from), and with ``--show`` every cell that differs.

Run from the repository root (about half a minute):

    python benchmarks/indicator_table.py [--corpus DIR] [--table FILE] [--show]
"""

from __future__ import annotations

import sys

if __name__ == "__main__":  # run as a script: this folder last (its tokenize.py shadows tokenize)
    sys.path.append(sys.path.pop(0))

import argparse
import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from gdp_table import COLUMNS, CORPUS, Reading, same, show, whole_year

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "tests" / "indicator_table" / "table.tsv"
HOLDOUT = REPO / "tests" / "holdout" / "paragraphs.tsv"

GROWTH = ("增长", "增速")
RISE = ("涨幅", "上涨", "增长", "涨", "上升")
FALL = ("下降", "回落", "降低", "负增长")


@dataclass(frozen=True)
class Indicator:
    """What a cell of one indicator is read from: the kind of figure and its metrics."""

    kind: str
    metrics: tuple[str, ...] = ()  # empty: any metric
    falls: tuple[str, ...] = ()  # metrics read as a negative value
    bare: bool = False  # a figure with no metric counts too (居民消费价格控制在3%以内: its rise)


INDICATORS: dict[str, Indicator] = {
    "general_budget_revenue": Indicator("percent", GROWTH + FALL, FALL),
    "fixed_asset_investment": Indicator("percent", GROWTH + FALL, FALL),
    "retail_sales": Indicator("percent", GROWTH + FALL, FALL),
    "urban_new_jobs": Indicator("count"),
    "cpi": Indicator("percent", RISE + FALL, FALL, bare=True),
}

Cell = tuple[str, str, str]  # doc_id, indicator, column


@dataclass
class Report:
    """One report of the table: its year and the readings the table gives."""

    doc_id: str
    year: int
    cells: dict[tuple[str, str], Reading | None] = field(default_factory=dict)


def read_table(path: Path) -> list[Report]:
    """The reports of the indicator table, in the table's order."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    reports: dict[str, Report] = {}
    for line, r in enumerate(rows, start=2):
        if r["indicator"] not in INDICATORS or r["column"] not in COLUMNS:
            raise ValueError(f"{path}:{line}: unknown indicator or column {r['indicator']!r}")
        report = reports.setdefault(r["doc_id"], Report(r["doc_id"], int(r["report_year"])))
        reading = None
        if r["value"]:
            high = Decimal(r["value_high"]) if r["value_high"] else None
            reading = (Decimal(r["value"]), high, r["qualifier"])
        report.cells[(r["indicator"], r["column"])] = reading
    return list(reports.values())


def reading(records: Iterable[Any], code: str, role: str, year: int) -> Reading | None:
    """The first reading of indicator ``code`` with ``role`` for the whole of ``year``."""
    spec = INDICATORS[code]
    for r in records:
        if r.indicator != code or r.kind != spec.kind or r.role != role:
            continue
        if not whole_year(r, year) or (spec.kind == "percent" and r.unit != "%"):
            continue
        if spec.metrics and r.metric not in spec.metrics and not (spec.bare and not r.metric):
            continue
        value, high = r.value, r.value_high
        if r.metric in spec.falls:
            value, high = -value, (-high if high is not None else None)
        return value, high, str(r.qualifier or "")
    return None


def read_report(text: str, doc_id: str, year: int) -> dict[tuple[str, str], Reading | None]:
    """Every cell of a report read from its records: (indicator, column) → reading."""
    from govnlp import extract

    records = extract(text, doc_id=doc_id)
    return {
        (code, column): reading(records, code, column, year if column == "target" else year - 1)
        for code in INDICATORS
        for column in COLUMNS
    }


@dataclass
class Result:
    """Right and wrong cells of the table."""

    right: Counter[tuple[str, str]] = field(default_factory=Counter)
    total: Counter[tuple[str, str]] = field(default_factory=Counter)
    wrong: list[tuple[Cell, Reading | None, Reading | None]] = field(default_factory=list)

    def accuracy(self, code: str | None = None, column: str | None = None) -> float:
        """Share of the cells (of one indicator, one column, or all) that agree with the table."""
        keys = [
            k for k in self.total
            if (code is None or k[0] == code) and (column is None or k[1] == column)
        ]  # fmt: skip
        total = sum(self.total[k] for k in keys)
        return sum(self.right[k] for k in keys) / total if total else 0.0


def holdout_reports(path: Path = HOLDOUT) -> set[str]:
    """The reports of the held-out report gold (no rule is written from them)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["doc_id"] for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}


def score(corpus: Path, table: Path = TABLE, only: Sequence[str] = ()) -> Result:
    """Compare govnlp's reading of every report in ``table`` (or of those in ``only``)."""
    result = Result()
    for report in read_table(table):
        if only and report.doc_id not in only:
            continue
        text = (corpus / f"{report.doc_id}.txt").read_text(encoding="utf-8")
        got = read_report(text, report.doc_id, report.year)
        for key, want in report.cells.items():
            result.total[key] += 1
            if same(want, got[key]):
                result.right[key] += 1
            else:
                result.wrong.append(((report.doc_id, *key), want, got[key]))
    return result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=CORPUS, metavar="DIR")
    p.add_argument("--table", type=Path, default=TABLE)
    p.add_argument("--show", action="store_true", help="list every cell that differs")
    args = p.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus}: no such folder (the development corpus is not distributed)")
    held = holdout_reports()
    reports = [r.doc_id for r in read_table(args.table)]
    parts = {
        "all": score(args.corpus, args.table),
        "development": score(args.corpus, args.table, [d for d in reports if d not in held]),
        "held-out": score(args.corpus, args.table, [d for d in reports if d in held]),
    }
    counts = {
        "all": len(reports),
        "development": sum(d not in held for d in reports),
        "held-out": sum(d in held for d in reports),
    }
    print("indicator table: accuracy of the cells (target | last year's actual)")
    print(f"  {'indicator':<24}" + "".join(f"{n} ({counts[n]})".rjust(24) for n in parts))
    for code in (*INDICATORS, None):
        cells = "".join(
            f"{s.accuracy(code, 'target'):.3f} | {s.accuracy(code, 'actual'):.3f}".rjust(24)
            for s in parts.values()
        )
        print(f"  {code or 'all five':<24}{cells}")
    if args.show:
        for (doc_id, code, column), want, got in parts["all"].wrong:
            part = "held-out" if doc_id in held else "dev"
            print(f"  {doc_id}\t{part}\t{code}\t{column}\ttable {show(want)}\tgovnlp {show(got)}")


if __name__ == "__main__":
    main()
