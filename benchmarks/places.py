"""Place finding: ``govnlp.places.find_places`` against cpca (and cpca-new).

What it measures:

1. Throughput, in chars/s of CPU time (``time.process_time``, best of ``--repeat`` runs after a
   warm-up), on the sentences of every real text once (``--mb N`` repeats the corpus to N MB),
   cut after 。！？!? and at line breaks: ``find_places`` per sentence and per document, and
   ``cpca.transform`` / ``cpca_new.transform`` on the list of all sentences (one batch call,
   ``pos_sensitive=True`` so that they give offsets too; cpca reports at most one province,
   city and county per sentence), and cpca once per sentence on every 20th sentence. The fair
   pairs: find_places per document with cpca's one call (a batch each), find_places per
   sentence with cpca per sentence (one call each).
2. Accuracy on the seed's county mentions: every occurrence of 濮阳县 清丰县 范县 南乐县 台前县
   (范县 not inside 示范县) and of the short form 南乐 not followed by 县 (16 on the seed). A
   prediction is right if it names the right county at the right offset. False positives are
   county-level predictions anywhere else (cpca's 合作市 from 合作, 成县 from 形成县...). Wrong
   places of other levels (白银市 from 真金白银, old cpca's 重庆市/县 from a bare 县) are listed
   apart; the seed's real non-county mentions (濮阳, 河南, 哈尔滨 in 哈尔滨工业大学) are not errors.

cpca and cpca-new are optional: without them their rows say "not installed". With
``--profile`` it also prints cProfile's top 15 functions (by cumulative time) of
``find_places`` over the corpus.

Run from the repository root (about a minute at the defaults):

    python benchmarks/places.py [--corpus DIR] [--mb N] [--repeat 3] [--seed FILE]
"""

from __future__ import annotations

import sys

# benchmarks/tokenize.py would shadow the standard library's tokenize module: search this
# folder last, not first.
sys.path.append(sys.path.pop(0))

import functools
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _common as c

SAMPLE = 20  # cpca called per sentence runs on every SAMPLE-th sentence (it is slow)
COUNTIES = ("濮阳县", "清丰县", "范县", "南乐县", "台前县")
SHORT_FORMS = {"南乐": "南乐县"}
# real mentions of places that are not counties: not errors, not scored
OTHER_MENTIONS = re.compile(r"濮阳(?!县)|河南|哈尔滨")

# (start, name) of a county mention, and (start, name, level) of any place found
Mention = tuple[int, str]
Found = tuple[int, str, str]


def gold_mentions(seed: str) -> set[Mention]:
    """The county mentions of the seed, derived from its text."""
    out = set()
    for name in COUNTIES:
        for m in re.finditer(name, seed):
            if not (name == "范县" and seed[m.start() - 1 : m.start()] == "示"):
                out.add((m.start(), name))
    for short, full in SHORT_FORMS.items():
        for m in re.finditer(f"{short}(?!县)", seed):
            out.add((m.start(), full))
    return out


def govnlp_found(text: str, per_sentence: bool) -> list[Found]:
    from govnlp import find_places

    pieces = c.sentences(text) if per_sentence else [(0, text)]
    return [
        (offset + p.start, p.name, p.level) for offset, piece in pieces for p in find_places(piece)
    ]


def cpca_found(module: Any, text: str) -> list[Found]:
    """Places cpca reports with an offset (a parent it fills in has offset -1 and is skipped)."""
    sents = c.sentences(text)
    frame = module.transform([s for _, s in sents], pos_sensitive=True)
    out = []
    for (offset, _), row in zip(sents, frame.to_dict("records"), strict=True):
        for column, level in (("省", "province"), ("市", "prefecture"), ("区", "county")):
            name, pos = row.get(column), row.get(f"{column}_pos", -1)
            if isinstance(name, str) and name and pos is not None and pos >= 0:
                out.append((offset + int(pos), name, level))
    return out


def accuracy(seed_path: Path, peers: dict[str, c.Peer]) -> None:
    seed = seed_path.read_text(encoding="utf-8-sig")
    gold = gold_mentions(seed)
    allowed = {m.start() for m in OTHER_MENTIONS.finditer(seed)}
    runs: list[tuple[str, str, Callable[[], list[Found]] | None]] = [
        ("govnlp find_places", "document", lambda: govnlp_found(seed, per_sentence=False)),
        ("govnlp find_places", "sentence", lambda: govnlp_found(seed, per_sentence=True)),
    ]
    for label, peer in peers.items():
        runs.append((
            f"{label} ({peer.status})", "sentence",
            functools.partial(cpca_found, peer.module, seed) if peer.ok else None,
        ))  # fmt: skip
    rows = []
    notes = []
    for name, unit, fn in runs:
        if fn is None:
            rows.append([name, unit, len(gold), "—", "—", "—", "—", "—", "—", "not installed"])
            continue
        found = fn()
        counties = {(s, n) for s, n, level in found if level == "county"}
        tp = len(counties & gold)
        fp = sorted(counties - gold)
        fn_ = sorted(gold - counties)
        other = [(s, n) for s, n, level in found if level != "county" and s not in allowed]
        p = tp / (tp + len(fp)) if tp + len(fp) else 1.0
        r = tp / len(gold) if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append([
            name, unit, len(gold), tp, len(fp), len(fn_), c.pct(p), c.pct(r), c.pct(f),
            _names(fp) or "none",
        ])  # fmt: skip
        notes.append(
            f"- {name} per {unit}: missed {_where(fn_) or 'none'}; false counties "
            f"{_where(fp) or 'none'}; wrong places of other levels {_where(other) or 'none'}"
        )
    c.print_table(
        ["finder", "per", "gold", "TP", "FP", "FN", "P", "R", "F1", "false counties"],
        rows,
        title=f"County mentions in the seed {seed_path.name} (right county at the right offset)",
    )
    print("\n".join(notes) + "\n")


def _names(items: list[Mention]) -> str:
    return ", ".join(f"{n}×{k}" if k > 1 else n for n, k in Counter(n for _, n in items).items())


def _where(items: list[Mention]) -> str:
    return ", ".join(f"{n}@{s}" for s, n in items)


def throughput(
    corpus: c.Corpus, peers: dict[str, c.Peer], repeat: int, warmup: int
) -> list[list[str]]:
    from govnlp import find_places

    sents = [s for t in corpus.texts for _, s in c.sentences(t)]
    chars = sum(len(s) for s in sents)
    nbytes = sum(len(s.encode("utf-8")) for s in sents)
    print(f"sentences: {len(sents):,} ({chars:,} chars without the line breaks)\n")
    cases: list[tuple[str, str, Callable[[], int] | None]] = [
        ("govnlp find_places", "sentence", lambda: sum(len(find_places(s)) for s in sents)),
        (
            "govnlp find_places",
            "document",
            lambda: sum(len(find_places(t)) for t in corpus.texts),
        ),
    ]
    for label, peer in peers.items():
        cases.append((
            f"{label}.transform ({peer.status})", "all sentences, one call",
            functools.partial(_cpca_count, peer.module, sents) if peer.ok else None,
        ))  # fmt: skip
    # one call per sentence, like find_places per sentence: cpca builds a DataFrame per call,
    # so this runs on every SAMPLE-th sentence only (chars/s counts those)
    sample = sents[::SAMPLE]
    sample_chars = sum(len(s) for s in sample)
    sample_bytes = sum(len(s.encode("utf-8")) for s in sample)
    for label, peer in peers.items():
        cases.append((
            f"{label}.transform ({peer.status})", f"sentence (1 in {SAMPLE})",
            functools.partial(_cpca_each, peer.module, sample) if peer.ok else None,
        ))  # fmt: skip
    timings = c.best_of_each(
        {f"{name} per {unit}": fn for name, unit, fn in cases}, repeat=repeat, warmup=warmup
    )
    rows = []
    for name, unit, _ in cases:
        t = timings[f"{name} per {unit}"]
        if t is None:
            rows.append([name, unit, "not installed", "—", "—", "—"])
            continue
        n_chars, n_bytes = (sample_chars, sample_bytes) if "1 in" in unit else (chars, nbytes)
        rows.append([
            name, unit, c.secs(t.best), c.rate(t.rate(n_chars)),
            f"{t.rate(n_bytes) / c.MB:.2f}", f"{t.result:,}",
        ])  # fmt: skip
    return rows


def _cpca_each(module: Any, sents: list[str]) -> int:
    """cpca called once per sentence: counties with an offset."""
    return sum(_cpca_count(module, [s]) for s in sents)


def _cpca_count(module: Any, sents: list[str]) -> int:
    """Counties (with an offset) that cpca reports for the sentences."""
    frame = module.transform(sents, pos_sensitive=True)
    return int((frame["区_pos"] >= 0).sum())


def profile(corpus: c.Corpus) -> str:
    from govnlp import find_places

    return c.profile_top(find_places, corpus.texts, "河南省濮阳市南乐县")


def main() -> int:
    p = c.parser(__doc__)
    p.add_argument("--seed", type=Path, default=c.SEED, metavar="FILE", help="the seed text")
    p.add_argument("--profile", action="store_true", help="print cProfile top 15 of govnlp")
    args = p.parse_args()
    digest = c.source_digest()
    corpus = c.load_corpus(args.corpus, args.mb)
    c.need_file(args.seed, "seed text")
    peers = {"cpca": c.try_import("cpca"), "cpca-new": c.try_import("cpca_new", "cpca-new")}
    print(f"# govnlp find_places vs cpca\n\n{c.machine()}\n\ncorpus: {corpus.describe()}")
    rows = throughput(corpus, peers, args.repeat, args.warmup)
    c.print_table(
        ["finder", "per", "CPU s (best)", "chars/s", "MB/s", "places found"],
        rows,
        title=f"Throughput (best of {args.repeat})",
    )
    print(
        "chars/s counts the characters of the sentences (line breaks excluded) for every row "
        "(for the 1-in-20 rows, of those sentences); places found: find_places' places of every "
        "level, cpca's counties with an offset. Compare like with like: find_places per document "
        "with cpca on all sentences in one call (a batch each), find_places per sentence with "
        "cpca per sentence (one call each).\n"
    )
    accuracy(args.seed, peers)
    if args.profile:
        print("### cProfile: find_places over the corpus (warm), top 15 cumulative\n")
        print("```\n" + profile(corpus).strip() + "\n```")
    c.check_unchanged(digest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
