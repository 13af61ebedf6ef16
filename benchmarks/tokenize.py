"""Tokenizer speed and cold start: ``govnlp.tokenize`` against plain ``jieba.lcut``.

What it measures:

1. Throughput, in chars/s of CPU time (``time.process_time``, best of ``--repeat`` runs after a
   warm-up that also loads the dictionaries), one call per document, on every real text once
   (the corpus is about 4 MB; ``--mb N`` repeats it to N MB): ``govnlp.tokenize`` (HMM on, the
   default), ``Tokenizer(hmm=False)``, and ``jieba.lcut`` with HMM on and off. The ratio of
   govnlp's time to jieba's (same HMM setting) has a target of at most 1.2×.
2. Cold start: import plus the first call, in a fresh process, with the peak RSS of that process:
   ``govnlp.tokenize``, ``govnlp.extract`` (which also loads the lexicons, the gazetteer and the
   part-of-speech table read from jieba's dictionary) and ``jieba.lcut``. The target for
   ``govnlp.tokenize`` is under 2 s. It is measured with the dictionary caches warm (the usual
   case) and empty (the first run on a machine, where a fresh cache folder is used).
   ``--cold-only`` measures the cold start alone.

With ``--profile`` it also prints cProfile's top 15 functions (by cumulative time) of a govnlp
cold start and of warm tokenizing.

Run from the repository root (takes a few minutes at the defaults):

    python benchmarks/tokenize.py [--corpus DIR] [--mb N] [--repeat 3] [--cold-runs 3] [--profile]
                                  [--cold-only]
"""

from __future__ import annotations

import sys

# This file is named like the standard library's ``tokenize`` (which inspect, linecache and
# dataclasses import): search this folder last, so that ``import tokenize`` finds the stdlib.
sys.path.append(sys.path.pop(0))

import cProfile
import functools
import io
import pstats
import tempfile
from collections.abc import Callable
from typing import Any

import _common as c

TARGET_RATIO = 1.2
TARGET_COLD_S = 2.0
PROBE = "2023年,南乐县共实施省市重点项目41个,总投资261.35亿元。"

# A cold start: import plus the first call, timed inside a fresh interpreter.
COLD = """
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
{imports}
t1 = time.perf_counter()
tokens = {call}(sys.argv[1])
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({{"import": t1 - t0, "total": t2 - t0, "cpu": c2 - c0, "tokens": len(tokens)}}))
"""
COLD_CASES = {
    "govnlp.tokenize": ("import govnlp", "govnlp.tokenize"),
    "govnlp.extract": ("import govnlp", "govnlp.extract"),
    "jieba.lcut": ("import jieba", "jieba.lcut"),
}

PROFILE_COLD = """
import cProfile, pstats, sys
profile = cProfile.Profile()
profile.enable()
import govnlp
govnlp.tokenize(sys.argv[1])
profile.disable()
pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(15)
"""


def throughput(corpus: c.Corpus, repeat: int, warmup: int) -> dict[str, c.Timing]:
    """CPU time of tokenizing every text of ``corpus`` with each tokenizer."""
    import jieba

    import govnlp
    from govnlp import Tokenizer

    jieba.setLogLevel(60)
    plain = Tokenizer(hmm=False)
    cases = {
        "govnlp.tokenize (HMM on)": govnlp.tokenize,
        "govnlp Tokenizer(hmm=False)": plain.tokenize,
        "jieba.lcut HMM=True": lambda t: jieba.lcut(t, HMM=True),
        "jieba.lcut HMM=False": lambda t: jieba.lcut(t, HMM=False),
    }
    timed = c.best_of_each(
        {name: functools.partial(_tokens, fn, corpus.texts) for name, fn in cases.items()},
        repeat=repeat,
        warmup=warmup,
    )
    return {name: t for name, t in timed.items() if t is not None}


def _tokens(fn: Callable[[str], list[str]], texts: list[str]) -> int:
    """Tokenize every text; the number of tokens."""
    return sum(len(fn(t)) for t in texts)


def cold_starts(runs: int) -> list[list[Any]]:
    """Rows of the cold-start table: best of ``runs`` fresh processes per case."""
    rows = []
    for cache in ("warm", "empty"):
        for name, (imports, call) in COLD_CASES.items():
            best: tuple[dict[str, float], c.ChildRun] | None = None
            peak = 0.0
            for _ in range(max(1, runs)):
                with tempfile.TemporaryDirectory(prefix="govnlp-bench-cache-") as tmp:
                    # jieba keeps its cache in the temp folder, govnlp in GOVNLP_CACHE_DIR
                    fresh = {"TMPDIR": tmp, "GOVNLP_CACHE_DIR": tmp} if cache == "empty" else {}
                    env = c.child_env(**fresh)
                    run = c.run_python(COLD.format(imports=imports, call=call), PROBE, env=env)
                got = run.json()
                peak = max(peak, run.max_rss_mb)
                if best is None or got["total"] < best[0]["total"]:
                    best = (got, run)
            assert best is not None
            got, run = best
            target = f"< {TARGET_COLD_S:g} s" if name == "govnlp.tokenize" else ""
            times = [got["import"], got["total"], got["cpu"], run.wall]
            rows.append([name, cache, *map(c.secs, times), f"{peak:.0f}", target])
            print(f"  cold start {name} (cache {cache}): {c.secs(got['total'])} s", flush=True)
    return rows


def profile_warm(corpus: c.Corpus) -> str:
    """cProfile's top 15 (cumulative) of tokenizing the corpus once with a warm tokenizer."""
    import govnlp

    govnlp.tokenize(PROBE)
    profile = cProfile.Profile()
    profile.enable()
    for text in corpus.texts:
        govnlp.tokenize(text)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(15)
    return out.getvalue()


def main() -> int:
    p = c.parser(__doc__)
    p.add_argument(
        "--cold-runs",
        type=int,
        default=3,
        metavar="N",
        help="fresh processes per cold-start case, the best is reported (default: 3)",
    )
    p.add_argument("--profile", action="store_true", help="print cProfile top 15 of govnlp")
    p.add_argument("--cold-only", action="store_true", help="measure the cold start alone")
    args = p.parse_args()
    digest = c.source_digest()
    corpus = c.load_corpus(args.corpus, args.mb)
    print(f"# govnlp.tokenize vs jieba.lcut\n\n{c.machine()}\n\ncorpus: {corpus.describe()}\n")

    times = {} if args.cold_only else throughput(corpus, args.repeat, args.warmup)
    tokens = {name: t.result for name, t in times.items()}
    jieba_of = {
        "govnlp.tokenize (HMM on)": "jieba.lcut HMM=True",
        "govnlp Tokenizer(hmm=False)": "jieba.lcut HMM=False",
    }
    rows = []
    for name, t in times.items():
        ref = jieba_of.get(name)
        vs = c.ratio(t.best / times[ref].best) if ref else "—"
        target = f"≤ {TARGET_RATIO:g}×" if ref else ""
        speed = [c.rate(t.rate(corpus.chars)), f"{t.rate(corpus.bytes) / c.MB:.2f}"]
        rows.append([name, c.secs(t.best), *speed, f"{tokens[name]:,}", vs, target])
    if rows:
        c.print_table(
            ["tokenizer", "CPU s (best)", "chars/s", "MB/s", "tokens", "time vs jieba", "target"],
            rows,
            title=f"Throughput on {corpus.chars:,} chars (best of {args.repeat})",
        )
    headers = ["call", "caches", "import s", "import + 1st call s", "CPU s", "process wall s"]
    c.print_table(
        [*headers, "peak RSS MB", "target"],
        cold_starts(args.cold_runs),
        title=f"Cold start in a fresh process (best of {args.cold_runs}; peak RSS: the highest)",
    )
    print(
        "import s / import + 1st call s: wall time inside the child, from before the import to "
        "after the first call; process wall s adds interpreter start-up and exit. Caches "
        "'empty': a fresh TMPDIR and GOVNLP_CACHE_DIR, as on the first run on a machine.\n"
    )
    if args.profile:
        print("### cProfile: govnlp cold start (import + first call), top 15 cumulative\n")
        print("```\n" + c.run_python(PROFILE_COLD, PROBE).stdout.strip() + "\n```\n")
        print("### cProfile: govnlp.tokenize over the corpus (warm), top 15 cumulative\n")
        print("```\n" + profile_warm(corpus).strip() + "\n```")
    c.check_unchanged(digest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
