"""End to end: ``govnlp extract`` (Python and command line) against plain ``jieba.lcut``.

What it measures, on every real text once (or repeated to ``--mb`` MB):

1. In this process, CPU time (``time.process_time``, best of ``--repeat`` runs after a warm-up
   that loads every table) of ``govnlp.extract.extract(text, doc_id=...)`` over all texts and of
   ``jieba.lcut(text)`` over the same texts; chars/s of each and the ratio of extract's time to
   jieba's (target: at most 1.0×, i.e. extracting records is no slower than segmenting).
2. In fresh processes (start-up, dictionary loading and output included): wall and CPU time and
   peak RSS of the Python ``extract`` over all texts, of the command line
   ``python -m govnlp extract DIR -o out.parquet``, and of ``jieba.lcut`` over all texts, with
   the same ratios. DIR is a temporary folder of links to the texts (the corpus folder also
   holds a README.md, which the command line would read as a document).

When the in-process target is missed (or with ``--profile``), it prints cProfile's top 15
functions of a warm ``extract`` over the texts by cumulative time, and the top 15 by own time.

Run from the repository root (a few minutes at the defaults):

    python benchmarks/extract.py [--corpus DIR] [--mb N] [--repeat 3] [--profile | --no-profile]
"""

from __future__ import annotations

import sys

# benchmarks/tokenize.py would shadow the standard library's tokenize module: search this
# folder last, not first.
sys.path.append(sys.path.pop(0))

import cProfile
import io
import pstats
import tempfile
from pathlib import Path
from typing import Any

import _common as c

TARGET_RATIO = 1.0

EXTRACT_CHILD = """
import json, sys, time
texts = json.load(open(sys.argv[1], encoding="utf-8"))
from govnlp import extract
n = sum(len(extract(t, doc_id=str(i))) for i, t in enumerate(texts))
print(json.dumps({"records": n}))
"""
JIEBA_CHILD = """
import json, sys
texts = json.load(open(sys.argv[1], encoding="utf-8"))
import jieba
jieba.setLogLevel(60)
n = sum(len(jieba.lcut(t)) for t in texts)
print(json.dumps({"tokens": n}))
"""


def in_process(corpus: c.Corpus, repeat: int, warmup: int) -> tuple[c.Timing, c.Timing]:
    import jieba

    from govnlp import extract

    jieba.setLogLevel(60)
    pairs = list(zip(corpus.ids, corpus.texts, strict=True))
    timed = c.best_of_each(
        {
            "extract": lambda: sum(len(extract(t, doc_id=i)) for i, t in pairs),
            "jieba.lcut": lambda: sum(len(jieba.lcut(t)) for t in corpus.texts),
        },
        repeat=repeat,
        warmup=warmup,
    )
    ext, seg = timed["extract"], timed["jieba.lcut"]
    assert ext is not None and seg is not None
    return ext, seg


def link_corpus(corpus: c.Corpus, folder: Path) -> Path:
    """A folder of symbolic links, one per text of ``corpus`` (repeats get their own name)."""
    docs = folder / "docs"
    docs.mkdir()
    for doc_id in corpus.ids:
        source = corpus.source / (doc_id.split("#", 1)[0] + ".txt")
        (docs / (doc_id.replace("#", "_") + ".txt")).symlink_to(source.resolve())
    return docs


def fresh_processes(corpus: c.Corpus) -> list[list[str]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="govnlp-bench-extract-") as tmp:
        folder = Path(tmp)
        texts = c.dump_texts(corpus, folder)
        docs = link_corpus(corpus, folder)
        out = folder / "out.parquet"
        runs: dict[str, tuple[c.ChildRun, str]] = {}
        run = c.run_python(EXTRACT_CHILD, str(texts))
        runs["Python extract()"] = (run, f"{run.json()['records']:,} records")
        cli = [sys.executable, "-m", "govnlp", "extract", str(docs), "-o", str(out)]
        run = c.run_child([*cli, "--no-progress"])
        if run.returncode != 0:
            raise RuntimeError(f"govnlp extract failed ({run.returncode}):\n{run.stderr[-2000:]}")
        runs["python -m govnlp extract DIR -o out.parquet"] = (run, f"{_rows(out):,} records")
        run = c.run_python(JIEBA_CHILD, str(texts))
        runs["jieba.lcut"] = (run, f"{run.json()['tokens']:,} tokens")
        for name, (run, _) in runs.items():
            print(f"  fresh process {name}: {c.secs(run.wall)} s", flush=True)
    jieba_run = runs["jieba.lcut"][0]
    for name, (run, output) in runs.items():
        rows.append([
            name, c.secs(run.wall), c.secs(run.cpu), c.rate(corpus.chars / run.cpu),
            f"{run.max_rss_mb:.0f}", c.ratio(run.cpu / jieba_run.cpu),
            c.ratio(run.max_rss_mb / jieba_run.max_rss_mb), output,
        ])  # fmt: skip
    return rows


def _rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def profile(corpus: c.Corpus) -> str:
    """cProfile of a warm extract over the corpus: top 15 by cumulative and by own time."""
    from govnlp import extract

    extract("2023年,南乐县总投资261.35亿元。", doc_id="warm-up")
    prof = cProfile.Profile()
    prof.enable()
    for doc_id, text in zip(corpus.ids, corpus.texts, strict=True):
        extract(text, doc_id=doc_id)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(15)
    stats.sort_stats("tottime").print_stats(15)
    return out.getvalue()


def main() -> int:
    p = c.parser(__doc__)
    p.add_argument("--profile", action="store_true", help="always print the cProfile tables")
    p.add_argument("--no-profile", action="store_true", help="never print them")
    args = p.parse_args()
    digest = c.source_digest()
    corpus = c.load_corpus(args.corpus, args.mb)
    print(f"# govnlp extract vs jieba.lcut\n\n{c.machine()}\n\ncorpus: {corpus.describe()}\n")

    ext, seg = in_process(corpus, args.repeat, args.warmup)
    ratio = ext.best / seg.best
    rows: list[list[Any]] = [
        ["govnlp extract()", c.secs(ext.best), c.rate(ext.rate(corpus.chars)),
         f"{ext.result:,} records", c.ratio(ratio), f"≤ {TARGET_RATIO:g}×"],
        ["jieba.lcut", c.secs(seg.best), c.rate(seg.rate(corpus.chars)),
         f"{seg.result:,} tokens", "1.00×", ""],
    ]  # fmt: skip
    c.print_table(
        ["call", "CPU s (best)", "chars/s", "output", "time vs jieba", "target"],
        rows,
        title=f"In one process, warm (best of {args.repeat})",
    )
    verdict = "met" if ratio <= TARGET_RATIO else f"missed by {ratio / TARGET_RATIO - 1:.0%}"
    print(f"extract / jieba.lcut CPU time: {ratio:.2f}× (target ≤ {TARGET_RATIO:g}×: {verdict})\n")

    c.print_table(
        ["run", "wall s", "CPU s", "chars/s (CPU)", "peak RSS MB", "CPU vs jieba",
         "RSS vs jieba", "output"],
        fresh_processes(corpus),
        title="Fresh processes (start-up, loading and writing included)",
    )  # fmt: skip
    if args.profile or (ratio > TARGET_RATIO and not args.no_profile):
        print("### cProfile: extract over the corpus (warm)\n")
        print("```\n" + profile(corpus).strip() + "\n```")
    c.check_unchanged(digest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
