"""How many records of the real texts get their time: the share with a ``year``, and with a
year or a range of dates (``period_start``…``period_end``, the five-year reviews), by kind of
document (county, city, province and national work reports, statistical bulletins).

Documents are read as the command line reads a folder: text alone, no ``date`` metadata, so
every year comes from the text (its title, opening, sections and time phrases).

Run from the repository root (about half a minute):

    python benchmarks/year_coverage.py [--corpus DIR]
"""

from __future__ import annotations

import sys

sys.path.append(sys.path.pop(0))  # this folder last: benchmarks/tokenize.py shadows tokenize

import argparse
from collections import Counter
from pathlib import Path

import _common as c

KINDS = ("county-gwr", "city-gwr", "prov-gwr", "natl-gwr", "statbul")


def kind_of(doc_id: str) -> str:
    """The kind of document an id of the real corpus names (``county-gwr-013`` → county-gwr)."""
    return next((k for k in KINDS if doc_id.startswith(k)), "other")


def coverage(corpus: Path) -> dict[str, Counter[str]]:
    """Per kind of document: records, records with a year, with a year or a date range."""
    from govnlp import extract

    out: dict[str, Counter[str]] = {}
    for path in sorted(corpus.glob("*.txt")):
        counts = out.setdefault(kind_of(path.stem), Counter())
        counts["documents"] += 1
        for r in extract(path.read_text(encoding="utf-8"), doc_id=path.stem):
            counts["records"] += 1
            counts["year"] += r.year is not None
            counts["timed"] += r.year is not None or (
                r.period_start is not None and r.period_end is not None
            )
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=c.DEFAULT_CORPUS, metavar="DIR")
    args = p.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus}: no such folder (the development corpus is not distributed)")
    table = coverage(args.corpus)
    rows = []
    total: Counter[str] = Counter()
    for kind in [*KINDS, "other"]:
        counts = table.get(kind)
        if not counts:
            continue
        total.update(counts)
        rows.append(_row(kind, counts))
    rows.append(_row("all", total))
    print(f"# Year coverage of the records\n\n{c.machine()}\n")
    c.print_table(["documents", "docs", "records", "with year", "with year or range"], rows)


def _row(kind: str, counts: Counter[str]) -> list[str]:
    n = counts["records"] or 1
    return [
        kind, str(counts["documents"]), f"{counts['records']:,}",
        f"{counts['year'] / n:.3f}", f"{counts['timed'] / n:.3f}",
    ]  # fmt: skip


if __name__ == "__main__":
    main()
