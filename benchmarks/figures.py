"""Figure finding: ``govnlp.figures.find_figures`` against jionlp's money extractor and a regex.

What it measures:

1. Throughput, in chars/s of CPU time (``time.process_time``, best of ``--repeat`` runs after a
   warm-up), on every real text once (the corpus is about 4 MB; ``--mb N`` repeats it to N MB):
   ``find_figures`` per document and per paragraph (it finds all four kinds), jionlp's
   ``jio.ner.extract_money`` per paragraph (as docs/peers.md timed it; money only) and a plain
   regex money scan per document. Target: ``find_figures`` at least 3× jionlp's speed.
2. Accuracy on the seed text against ``gold/seed.tsv``: precision, recall and F1 by exact span
   (same text at the same offset) and exact value, scored with ``govnlp.analysis.evaluate``
   (optional
   gold figures are neither needed nor false). Money only for jionlp and the regex; all four
   kinds for govnlp. The gold has no offsets: each gold figure is placed at the first
   occurrence of its text after the previous one's start (the table is in reading order).

Recognizers-Text (currency, percentage and dimension models, Chinese; ``pip install
recognizers-text-suite "emoji<1.0"``) runs on every 20th paragraph only, being slow, and is scored
on the seed's money, percent and quantity.

jionlp is optional: without it, its rows say "not installed". With ``--profile`` it also prints
cProfile's top 15 functions (by cumulative time) of ``find_figures`` over the corpus.

Run from the repository root (about a minute at the defaults):

    python benchmarks/figures.py [--corpus DIR] [--mb N] [--repeat 3] [--seed FILE] [--gold TSV]
"""

from __future__ import annotations

import sys

# benchmarks/tokenize.py would shadow the standard library's tokenize module: search this
# folder last, not first.
sys.path.append(sys.path.pop(0))

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import _common as c

TARGET_SPEEDUP = 3.0
MONEY_PATTERN = r"[0-9]+(?:\.[0-9]+)?余?(?:万亿|亿|万)?元"
_MAGNITUDE = {"": Decimal(1), "万": Decimal(10**4), "亿": Decimal(10**8), "万亿": Decimal(10**12)}


def regex_money(pattern: Any) -> Callable[[str], list[tuple[int, str, Decimal]]]:
    """The regex baseline: (start, text, value in 元) of every match of MONEY_PATTERN."""

    def scan(text: str) -> list[tuple[int, str, Decimal]]:
        out = []
        for m in pattern.finditer(text):
            s = m.group()
            number = s.rstrip("元万亿").replace("余", "")
            magnitude = s[len(s.rstrip("元万亿")) : -1]
            out.append((m.start(), s, Decimal(number) * _MAGNITUDE[magnitude]))
        return out

    return scan


def jionlp_money(jio: Any, text: str) -> list[tuple[int, str, Decimal, str]]:
    """(start, text, value, unit) of jionlp's money per paragraph of ``text``."""
    out = []
    for offset, par in c.paragraphs(text):
        for item in jio.ner.extract_money(par):
            num = item["detail"]["num"]
            low = num[0] if isinstance(num, list) else num
            unit = item["detail"].get("case") or "元"
            out.append((offset + item["offset"][0], item["text"], Decimal(low), unit))
    return out


# Recognizers-Text units (English names) as the units of the record contract
RT_UNITS = {"Chinese yuan": "元", "United States dollar": "美元", "Euro": "欧元", "Ton": "吨",
            "Kilometer": "公里", "Meter": "米", "Square kilometer": "平方公里",
            "Square meter": "平方米", "Kilogram": "千克", "Cubic meter": "立方米"}  # fmt: skip
RT_SAMPLE = 20  # Recognizers-Text is slow: it runs on every RT_SAMPLE-th paragraph only


def recognizers(rt: Any, text: str) -> list[tuple[str, int, str, Decimal, str]]:
    """(kind, start, text, value, unit) of Recognizers-Text's currency, percentage and dimension
    models (Chinese) per paragraph of ``text``; value-less results are dropped."""
    number, unit = rt
    culture = number.Culture.Chinese
    models = (("money", unit.recognize_currency), ("percent", number.recognize_percentage),
              ("quantity", unit.recognize_dimension))  # fmt: skip
    out = []
    for offset, par in c.paragraphs(text):
        for kind, recognize in models:
            for r in recognize(par, culture):
                res = r.resolution or {}
                raw = str(res.get("value") or "").rstrip("%")
                if not raw:
                    continue
                name = res.get("unit", "%" if kind == "percent" else "")
                out.append((kind, offset + r.start, r.text, Decimal(raw), RT_UNITS.get(name, name)))
    return out


# ---------------------------------------------------------------------------------------------
# throughput


def throughput(
    corpus: c.Corpus, jio: c.Peer, pattern: Any, repeat: int, warmup: int
) -> list[list[str]]:
    from govnlp import find_figures

    pars = [p for t in corpus.texts for _, p in c.paragraphs(t)]
    rt_pars = pars[::RT_SAMPLE]
    rt_chars = sum(len(p) for p in rt_pars)
    rt_bytes = sum(len(p.encode("utf-8")) for p in rt_pars)
    rt, rt_status = _recognizers()
    scan = regex_money(pattern)

    def money_of(figs: list[Any]) -> int:
        return sum(f.kind.value == "money" for f in figs)

    cases: list[tuple[str, str, Callable[[], tuple[int, int]] | None]] = [
        ("govnlp find_figures", "document", lambda: _count(corpus.texts, find_figures, money_of)),
        ("govnlp find_figures", "paragraph", lambda: _count(pars, find_figures, money_of)),
        (
            f"jionlp extract_money ({jio.status})",
            "paragraph",
            (lambda: _count(pars, jio.module.ner.extract_money, len)) if jio.ok else None,
        ),
        ("regex money scan", "document", lambda: _count(corpus.texts, scan, len)),
        (
            f"Recognizers-Text currency+percentage+dimension ({rt_status})",
            f"paragraph (1 in {RT_SAMPLE})",
            (lambda: _count(rt_pars, lambda p: recognizers(rt, p), _rt_money)) if rt else None,
        ),
    ]
    timings = c.best_of_each(
        {f"{name} per {unit}": fn for name, unit, fn in cases}, repeat=repeat, warmup=warmup
    )
    jt = timings[f"jionlp extract_money ({jio.status}) per paragraph"]
    rows = []
    for name, unit, _ in cases:
        t = timings[f"{name} per {unit}"]
        if t is None:
            rows.append([name, unit, "not installed", "—", "—", "—", "—", "—"])
            continue
        found, money = t.result
        n_chars, n_bytes = (rt_chars, rt_bytes) if "1 in" in unit else (corpus.chars, corpus.bytes)
        speed = t.rate(n_chars)
        vs = c.ratio(speed / jt.rate(corpus.chars)) if jt is not None else "n/a"
        rows.append([
            name, unit, c.secs(t.best), c.rate(speed),
            f"{t.rate(n_bytes) / c.MB:.2f}", f"{found:,}", f"{money:,}", vs,
        ])  # fmt: skip
    return rows


def _recognizers() -> tuple[Any, str]:
    """Recognizers-Text's number and number-with-unit modules, and their status."""
    number = c.try_import("recognizers_number", "recognizers-text-number")
    unit = c.try_import("recognizers_number_with_unit", "recognizers-text-number-with-unit")
    if not (number.ok and unit.ok):
        return None, number.status if not number.ok else unit.status
    return (number.module, unit.module), number.status


def _rt_money(items: list[Any]) -> int:
    return sum(item[0] == "money" for item in items)


def _count(
    pieces: Sequence[str], fn: Callable[[str], list[Any]], money: Callable[[list[Any]], int]
) -> tuple[int, int]:
    """Run ``fn`` on every piece; (items found, money items among them)."""
    found = n_money = 0
    for piece in pieces:
        items = fn(piece)
        found += len(items)
        n_money += money(items)
    return found, n_money


# ---------------------------------------------------------------------------------------------
# accuracy on the seed


def place_gold(seed: str, gold: list[Any]) -> int:
    """Give each gold figure its offset: the first occurrence of its text after the previous
    figure's start. Returns how many could not be placed (they keep ``start=None``)."""
    cursor = missing = 0
    for item in gold:
        at = seed.find(item.text, cursor)
        if at < 0:
            missing += 1
            continue
        item.start = at
        cursor = at + 1
    return missing


def accuracy(seed_path: Path, gold_path: Path, jio: c.Peer, pattern: Any) -> None:
    from govnlp import find_figures
    from govnlp.analysis.evaluate import ATTRIBUTES, Item, evaluate, read_gold

    seed = seed_path.read_text(encoding="utf-8-sig")
    doc_id = seed_path.stem
    gold = [g for g in read_gold(gold_path) if g.doc_id == doc_id]
    unplaced = place_gold(seed, gold)
    money_gold = [g for g in gold if g.kind == "money"]

    def item(kind: str, start: int, text: str, value: Decimal, unit: str) -> Item:
        attrs = dict.fromkeys(ATTRIBUTES, "")
        return Item(doc_id, kind, value, None, unit, text, attrs, start=start)

    govnlp_pred = [item(f.kind.value, f.start, f.text, f.value, f.unit) for f in find_figures(seed)]
    regex_pred = [item("money", s, t, v, "元") for s, t, v in regex_money(pattern)(seed)]
    jio_pred = (
        [item("money", s, t, v, u) for s, t, v, u in jionlp_money(jio.module, seed)]
        if jio.ok
        else None
    )
    rt, rt_status = _recognizers()
    rt_gold = [g for g in gold if g.kind in ("money", "percent", "quantity")]
    rt_pred = [item(k, st, t, v, u) for k, st, t, v, u in recognizers(rt, seed)] if rt else None
    runs: list[tuple[str, list[Any], list[Item] | None, list[str | None]]] = [
        ("govnlp find_figures", gold, govnlp_pred,
         ["money", "percent", "count", "quantity", None]),
        (f"jionlp extract_money ({jio.status})", money_gold, jio_pred, ["money"]),
        ("regex money scan", money_gold, regex_pred, ["money"]),
        (f"Recognizers-Text ({rt_status})", rt_gold, rt_pred, ["money", "percent", "quantity"]),
    ]  # fmt: skip
    rows: list[list[Any]] = []
    details = []
    text_only_differs = []
    for name, g, pred, kinds in runs:
        if pred is None:
            rows.append([name, "money", "—", "not installed", "—", "—", "—", "—", "—"])
            continue
        scores = evaluate(g, pred)
        loose = evaluate([_unplaced(x) for x in g], pred)
        for kind in kinds:
            keys = [kind] if kind else sorted(set(scores.tp) | set(scores.fp) | set(scores.fn))
            tp, fp, fn = (sum(d[k] for k in keys) for d in (scores.tp, scores.fp, scores.fn))
            p, r, f = scores.prf(kind)
            n = sum(1 for x in g if not x.optional and (kind is None or x.kind == kind))
            rows.append([name, kind or "all four", n, tp, fp, fn, c.pct(p), c.pct(r), c.pct(f)])
            if loose.prf(kind) != scores.prf(kind):
                text_only_differs.append(f"{name} {kind or 'all'}")
        money_false = [x for x in scores.false if x.kind == "money"]
        money_missed = [x for x in scores.misses if x.kind == "money"]
        details.append(
            f"- {name}: money false {_listing(money_false)}; money missed {_listing(money_missed)}"
        )
        if kinds[-1] is None:
            other = [x for x in scores.false + scores.misses if x.kind != "money"]
            false_other = [x for x in scores.false if x.kind != "money"]
            missed_other = [x for x in scores.misses if x.kind != "money"]
            if other:
                details.append(
                    f"- {name}: other kinds false {_listing(false_other)}; "
                    f"missed {_listing(missed_other)}"
                )
    c.print_table(
        ["extractor", "kind", "gold", "TP", "FP", "FN", "P", "R", "F1"],
        rows,
        title=f"Accuracy on the seed {seed_path.name} (exact span and value)",
    )
    print("\n".join(details) + "\n")
    placed = len(gold) - unplaced
    print(
        f"Gold: {len(gold)} figures ({sum(not g.optional for g in gold)} required), "
        f"{placed} placed at an offset. "
        + (
            "Scoring by text and value alone (without offsets) gives different numbers for: "
            + ", ".join(text_only_differs)
            if text_only_differs
            else "Scoring by text and value alone (without offsets) gives the same numbers."
        )
        + "\n"
    )


def _unplaced(item: Any) -> Any:
    from dataclasses import replace

    return replace(item, start=None)


def _listing(items: Sequence[Any]) -> str:
    if not items:
        return "none"
    return ", ".join(f"{x.text}@{x.start}" for x in items)


def profile(corpus: c.Corpus) -> str:
    from govnlp import find_figures

    return c.profile_top(find_figures, corpus.texts, "总投资796.5亿元")


def main() -> int:
    p = c.parser(__doc__)
    p.add_argument("--seed", type=Path, default=c.SEED, metavar="FILE", help="the seed text")
    p.add_argument("--gold", type=Path, default=c.SEED_GOLD, metavar="TSV", help="its gold")
    p.add_argument("--profile", action="store_true", help="print cProfile top 15 of govnlp")
    args = p.parse_args()
    digest = c.source_digest()
    corpus = c.load_corpus(args.corpus, args.mb)
    c.need_file(args.seed, "seed text")
    c.need_file(args.gold, "seed gold table")
    try:
        import regex as regex_module

        pattern: Any = regex_module.compile(MONEY_PATTERN)
        engine = f"regex {c.version('regex')}"
    except ImportError:
        import re

        pattern, engine = re.compile(MONEY_PATTERN), "re (regex not installed)"
    jio = c.try_import("jionlp")
    print(f"# govnlp find_figures vs jionlp extract_money vs a regex\n\n{c.machine()}\n")
    print(f"corpus: {corpus.describe()}\nregex money scan: `{MONEY_PATTERN}` ({engine})\n")

    rows = throughput(corpus, jio, pattern, args.repeat, args.warmup)
    c.print_table(
        ["extractor", "per", "CPU s (best)", "chars/s", "MB/s", "items", "money", "jionlp time ÷"],
        rows,
        title=f"Throughput on {corpus.chars:,} chars (best of {args.repeat})",
    )
    print(
        "items: everything the extractor returned (find_figures: all four kinds); money: the "
        "money among them. 'jionlp time ÷': jionlp's CPU time divided by this row's, i.e. the "
        f"speed-up over jionlp (target for find_figures: ≥ {TARGET_SPEEDUP:g}×).\n"
    )
    accuracy(args.seed, args.gold, jio, pattern)
    if args.profile:
        print("### cProfile: find_figures over the corpus (warm), top 15 cumulative\n")
        print("```\n" + profile(corpus).strip() + "\n```")
    c.check_unchanged(digest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
