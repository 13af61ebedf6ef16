"""The GDP table of the work reports, read from govnlp's records and compared with the table
annotated by hand (``tests/gdp/table.tsv``).

For each report of the table, from ``govnlp.extract`` of its text (no metadata):

- the GDP growth target: the first percent record with role ``target``, a subject that names
  GDP (地区生产总值, 生产总值, GDP, 经济 …), metric 增长 (or 增速, the growth rate) and the
  report's year;
- last year's GDP growth: the first such record with role ``actual`` and the year before, for
  that whole year (not a quarter of it, not a five-year average).

A column is right for a report when the value (and upper end of a range) and the qualifier
equal the table's, or when both the table and the records have none. Prints the accuracy of
each column and, with ``--show``, every report that differs.

Run from the repository root (about half a minute):

    python benchmarks/gdp_table.py [--corpus DIR] [--table tests/gdp/table.tsv] [--show]
"""

from __future__ import annotations

import sys

if __name__ == "__main__":  # run as a script: this folder last (its tokenize.py shadows tokenize)
    sys.path.append(sys.path.pop(0))

import argparse
import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "tests" / "gdp" / "table.tsv"
CORPUS = REPO.parent / "shared" / "corpora" / "real"
COLUMNS = ("target", "actual")

# a subject that names GDP (the whole economy's output), not a part or a ratio of it
GDP = re.compile(r"(?:全[市省县区州])?(?:地区|国内|地方|县域)?生产总值|GDP|经济(?:增长|总量)?")

GROWTH = ("增长", "增速")  # the metric of a growth rate (增长6%, 增速不低于5%)

Reading = tuple[Decimal, Decimal | None, str]  # value, upper end, qualifier


@dataclass
class Row:
    """One report of the table."""

    doc_id: str
    year: int
    target: Reading | None
    actual: Reading | None


def read_table(path: Path) -> list[Row]:
    """The reports of the GDP table."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for r in rows:
        target = actual = None
        if r["target_value"]:
            high = Decimal(r["target_high"]) if r["target_high"] else None
            target = (Decimal(r["target_value"]), high, r["target_qualifier"])
        if r["actual_value"]:
            actual = (Decimal(r["actual_value"]), None, r["actual_qualifier"])
        out.append(Row(r["doc_id"], int(r["report_year"]), target, actual))
    return out


def names_gdp(subject: str | None) -> bool:
    """Whether a record's subject names GDP."""
    return GDP.fullmatch((subject or "").strip("“”")) is not None


def whole_year(record: Any, year: int) -> bool:
    """Whether a record is of the whole of ``year`` (not of its first quarter, say)."""
    if record.year != year:
        return False
    start, end = record.period_start, record.period_end
    return start is None or end is None or (start.month, start.day, end.month, end.day) == (
        1, 1, 12, 31,
    )


def gdp_growth(records: Iterable[Any], role: str, year: int) -> Reading | None:
    """The first GDP growth rate of ``role`` for the whole of ``year`` among ``records``: a
    percent whose subject names GDP and whose metric is its growth (增长, 增速)."""
    for r in records:
        if r.kind != "percent" or r.unit != "%" or r.role != role or not whole_year(r, year):
            continue
        if r.metric in GROWTH and names_gdp(r.subject):
            return r.value, r.value_high, str(r.qualifier or "")
    return None


def read_report(text: str, doc_id: str, year: int) -> dict[str, Reading | None]:
    """The report's GDP growth target (its year) and last year's GDP growth."""
    from govnlp import extract

    records = extract(text, doc_id=doc_id)
    return {"target": gdp_growth(records, "target", year),
            "actual": gdp_growth(records, "actual", year - 1)}  # fmt: skip


def same(a: Reading | None, b: Reading | None) -> bool:
    """Whether two readings agree (value, upper end, qualifier), or both are missing."""
    if a is None or b is None:
        return a is b
    return a[0] == b[0] and a[1] == b[1] and a[2] == b[2]


@dataclass
class Result:
    """Accuracy of each column and the reports that differ."""

    reports: int
    right: dict[str, int]
    wrong: list[tuple[str, str, Reading | None, Reading | None]]

    def accuracy(self, column: str) -> float:
        """Share of reports whose ``column`` agrees with the table."""
        return self.right[column] / self.reports if self.reports else 0.0


def score(corpus: Path, table: Path = TABLE, only: Sequence[str] = ()) -> Result:
    """Compare govnlp's reading of every report in ``table`` with the table."""
    rows = [r for r in read_table(table) if not only or r.doc_id in only]
    result = Result(len(rows), dict.fromkeys(COLUMNS, 0), [])
    for row in rows:
        text = (corpus / f"{row.doc_id}.txt").read_text(encoding="utf-8")
        got = read_report(text, row.doc_id, row.year)
        for column in COLUMNS:
            want = getattr(row, column)
            if same(want, got[column]):
                result.right[column] += 1
            else:
                result.wrong.append((row.doc_id, column, want, got[column]))
    return result


def show(reading: Reading | None) -> str:
    """A reading as printed: ``7.5..8 about``, ``—`` for none."""
    if reading is None:
        return "—"
    value, high, qualifier = reading
    upper = f"..{high}" if high is not None else ""
    return f"{value}{upper}" + (f" {qualifier}" if qualifier else "")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=CORPUS, metavar="DIR")
    p.add_argument("--table", type=Path, default=TABLE)
    p.add_argument("--show", action="store_true", help="list every report that differs")
    args = p.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus}: no such folder (the development corpus is not distributed)")
    result = score(args.corpus, args.table)
    print(f"GDP table: {result.reports} reports")
    for column in COLUMNS:
        label = "growth target" if column == "target" else "last year's growth"
        print(f"  {label:<20} accuracy {result.accuracy(column):.3f}")
    if args.show:
        for doc_id, column, want, got in result.wrong:
            print(f"  {doc_id}\t{column}\ttable {show(want)}\tgovnlp {show(got)}")


if __name__ == "__main__":
    main()
