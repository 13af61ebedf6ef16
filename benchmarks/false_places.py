"""False places per 10,000 characters: the places ``find_places`` resolves on the two development
corpora (real work reports and bulletins, local news), counted against the hand judgements of
``tests/places/judged.tsv``.

    python benchmarks/false_places.py [--corpora DIR]

``DIR`` holds ``real/`` and ``news/`` (default: the development corpora beside the repository,
not distributed). A place is counted when it is resolved to a unit (``adcode`` set): a short form
left with its candidates asserts no place. A judgement is of a mention read as one unit (its
start and ``name``): mentions the judgements do not cover (a change found a new one, or read a
judged one as another unit) are printed: judge them and add them to the table.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":  # benchmarks/tokenize.py must not shadow the standard library
    sys.path.append(sys.path.pop(0))

import argparse
import csv
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args(argv)
    from govnlp import find_places

    with (ROOT / "tests" / "places" / "judged.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        judged = {
            (r["corpus"], r["doc_id"], int(r["start"]), r["name"]): r["verdict"] for r in rows
        }
    for corpus in ("real", "news"):
        counts: Counter[str] = Counter()
        chars = 0
        unjudged = []
        for path in sorted((args.corpora / corpus).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            chars += len(text)
            for place in find_places(text):
                if place.adcode is None:
                    continue
                verdict = judged.get((corpus, path.stem, place.start, place.name), "unjudged")
                counts[verdict] += 1
                if verdict == "unjudged":
                    unjudged.append(f"  {path.stem}\t{place.start}\t{place.text}\t{place.name}")
        rate = 10_000 * counts["false"] / chars if chars else 0.0
        print(
            f"{corpus}: {chars} characters, {counts['ok']} right, {counts['false']} false, "
            f"{counts['unsure']} unsure, {counts['unjudged']} unjudged: "
            f"{rate:.2f} false places per 10,000 characters"
        )
        print("\n".join(unjudged[:50]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
