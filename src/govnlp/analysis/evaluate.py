"""Scoring extracted records against a hand-annotated gold table (seed.tsv format)."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from govnlp.errors import InputError

GOLD_COLUMNS = ("doc_id", "kind", "value", "unit", "qualifier", "text", "county", "subject",
                "metric", "optional")  # fmt: skip
ATTRIBUTES = ("county", "qualifier", "subject", "metric")
EXTRA_ATTRIBUTES = ("period", "role", "prefecture", "province", "year")  # where the gold has them
_QUOTES = str.maketrans("", "", "“”\"'‘’「」")


@dataclass
class Item:
    """A figure of the gold or of the predictions, reduced to what is compared."""

    doc_id: str
    kind: str
    value: Decimal
    value_high: Decimal | None
    unit: str
    text: str
    attrs: dict[str, str]
    optional: bool = False
    start: int | None = None


@dataclass
class Scores:
    """Counts and rates of an evaluation."""

    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    strict: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    matched: int = 0
    misses: list[Item] = field(default_factory=list)
    false: list[Item] = field(default_factory=list)
    wrong: list[tuple[Item, Item, str]] = field(default_factory=list)

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 of one kind (or overall)."""
        keys = [kind] if kind else sorted(set(self.tp) | set(self.fp) | set(self.fn))
        tp = sum(self.tp[k] for k in keys)
        fp = sum(self.fp[k] for k in keys)
        fn = sum(self.fn[k] for k in keys)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def share(self, attr: str, *, strict: bool = False) -> float:
        """Share of matched figures whose ``attr`` is right."""
        source = self.strict if strict else self.right
        return source[attr] / self.matched if self.matched else 1.0


def _decimal(text: str, where: str) -> tuple[Decimal, Decimal | None]:
    low, _, high = text.partition("..")
    try:
        return Decimal(low), (Decimal(high) if high else None)
    except InvalidOperation:
        raise InputError(f"{where}: value {text!r} is not a number") from None


def read_gold(path: str | Path) -> list[Item]:
    """Gold figures from a TSV with at least the seed.tsv columns."""
    p = Path(path)
    with p.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        fields = reader.fieldnames or []
        missing = [c for c in GOLD_COLUMNS if c not in fields]
        if missing:
            raise InputError(f"{p}: gold table lacks columns {missing}")
        attributes = [*ATTRIBUTES, *(a for a in EXTRA_ATTRIBUTES if a in fields)]
        items = []
        for n, row in enumerate(reader, start=2):
            value, high = _decimal(row["value"], f"{p}:{n}")
            start = row.get("start")
            items.append(Item(
                doc_id=row["doc_id"], kind=row["kind"], value=value, value_high=high,
                unit=row["unit"], text=row["text"],
                attrs={a: row.get(a) or "" for a in attributes},
                optional=row["optional"] == "1", start=int(start) if start else None,
            ))  # fmt: skip
    return items


def items_from_frame(frame: Any) -> list[Item]:
    """Predicted figures from a records DataFrame."""
    out = []
    for row in frame.to_dict("records"):
        high = row.get("value_high")
        out.append(Item(
            doc_id=str(row["doc_id"]), kind=str(row["kind"]),
            value=_from_float(row["value"]),
            value_high=None if _isna(high) else _from_float(high),
            unit=str(row["unit"]), text=str(row["text"]),
            attrs={
                a: "" if _isna(row.get(a)) else str(row[a])
                for a in (*ATTRIBUTES, *EXTRA_ATTRIBUTES)
            },
            start=int(row["start"]),
        ))  # fmt: skip
    return out


def _isna(value: Any) -> bool:
    try:
        import pandas as pd

        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _from_float(value: Any) -> Decimal:
    return Decimal(repr(float(value))) if not isinstance(value, Decimal) else value


def _same_value(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= Decimal("1e-9") * max(abs(a), abs(b), Decimal(1))


def _matches(gold: Item, pred: Item) -> bool:
    if gold.text != pred.text or gold.kind != pred.kind or gold.unit != pred.unit:
        return False
    if gold.start is not None and pred.start is not None and gold.start != pred.start:
        return False
    return _same_value(gold.value, pred.value)


def same_phrase(gold: str, pred: str) -> bool:
    """Lenient match of a subject or metric: equal without quotes, or one inside the other."""
    g, p = gold.translate(_QUOTES).strip(), pred.translate(_QUOTES).strip()
    if not g or not p:
        return g == p
    return g == p or g in p or p in g


def evaluate(gold: Sequence[Item], pred: Sequence[Item]) -> Scores:
    """Match predictions to gold per document and score them."""
    scores = Scores()
    by_doc: dict[str, list[Item]] = defaultdict(list)
    for item in pred:
        by_doc[item.doc_id].append(item)
    gold_docs: dict[str, list[Item]] = defaultdict(list)
    for item in gold:
        gold_docs[item.doc_id].append(item)
    for doc_id in sorted(set(by_doc) | set(gold_docs)):
        _score_doc(gold_docs.get(doc_id, []), by_doc.get(doc_id, []), scores)
    return scores


def _score_doc(gold: list[Item], pred: list[Item], scores: Scores) -> None:
    free = list(pred)
    for g in sorted(gold, key=lambda i: i.optional):
        hit = next((p for p in free if _matches(g, p)), None)
        if hit is None:
            if not g.optional:
                scores.fn[g.kind] += 1
                scores.misses.append(g)
            continue
        free.remove(hit)
        if g.optional:
            continue
        scores.tp[g.kind] += 1
        scores.matched += 1
        for attr in g.attrs:
            gv, pv = g.attrs[attr], hit.attrs.get(attr, "")
            lenient = same_phrase(gv, pv) if attr in ("subject", "metric") else gv == pv
            scores.right[attr] += lenient
            scores.strict[attr] += gv.translate(_QUOTES) == pv.translate(_QUOTES)
            if not lenient:
                scores.wrong.append((g, hit, attr))
    for p in free:
        scores.fp[p.kind] += 1
        scores.false.append(p)


def report(scores: Scores, *, show: bool = False) -> str:
    """A plain-text report of the scores (and, with ``show``, of every miss and false figure)."""
    lines = [f"{'kind':<10}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}"]
    kinds: Iterable[str] = sorted(set(scores.tp) | set(scores.fp) | set(scores.fn))
    for kind in [*kinds, None]:
        p, r, f = scores.prf(kind)
        keys = [kind] if kind else list(set(scores.tp) | set(scores.fp) | set(scores.fn))
        tp, fp, fn = (sum(d[k] for k in keys) for d in (scores.tp, scores.fp, scores.fn))
        lines.append(f"{kind or 'overall':<10}{p:7.3f}{r:7.3f}{f:7.3f}{tp:6d}{fp:5d}{fn:5d}")
    lines.append("")
    lines.append(f"on {scores.matched} matched figures, share right (lenient / exact):")
    for attr in [*ATTRIBUTES, *(a for a in EXTRA_ATTRIBUTES if a in scores.right)]:
        lines.append(
            f"  {attr:<10}{scores.share(attr):7.3f} / {scores.share(attr, strict=True):.3f}"
        )
    if show:
        lines.append("\nmissed:")
        lines += [f"  {i.doc_id}\t{i.kind}\t{i.text}\t{i.value}" for i in scores.misses]
        lines.append("false:")
        lines += [f"  {i.doc_id}\t{i.kind}\t{i.text}\t{i.value}" for i in scores.false]
        lines.append("wrong attribute (gold → predicted):")
        lines += [
            f"  {g.doc_id}\t{g.text}\t{attr}\t{g.attrs[attr]!r} → {p.attrs[attr]!r}"
            for g, p, attr in scores.wrong
        ]
    return "\n".join(lines)
