"""Write lexicons/places/ambiguous_forms.tsv: gazetteer names that are also common words.

Keeps the rows marked ``manual`` and adds every short name of a county-level unit that
jieba's own dictionary (jieba 0.42.1, MIT) knows as something other than a place: with
frequency >= 300 and a tag not starting with ``ns``, or with frequency >= 100 as a common word
(noun, verb, adjective, distinguishing word, conjunction, place word, numeral or measure word:
n v a b c s m q), not as a name (nr, nz). Run from the repository root:

    python tools/build_place_guards.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parents[1]
PLACES = ROOT / "lexicons" / "places"
MIN_FREQ = 300
MIN_FREQ_WORD = 100  # for the tags of common words
WORD_TAGS = frozenset(["n", "v", "a", "b", "c", "s", "m", "q"])


def main() -> None:
    out_path = PLACES / "ambiguous_forms.tsv"
    lines = out_path.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    keep = {form: reason for form, reason in rows if reason == "manual"}
    tags: dict[str, tuple[int, str]] = {}
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word, freq, tag = line.split()
            tags[word] = (int(freq), tag)
    with (PLACES / "admin_divisions.tsv").open(encoding="utf-8") as fh:
        reader = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        forms = set()
        names = set()
        for row in reader:
            names.add(row["name"])
            shorts = set(filter(None, row["short_names"].split("|")))
            if row["level"] == "county":
                forms.update(shorts)
            else:
                names.update(shorts)  # a prefecture's short form is its usual name
        forms -= names
    for form in sorted(forms):
        freq, tag = tags.get(form, (0, ""))
        common = (freq >= MIN_FREQ and not tag.startswith("ns")) or (
            freq >= MIN_FREQ_WORD and tag in WORD_TAGS
        )
        if form not in keep and common:
            keep[form] = f"jieba:{tag}:{freq}"
    with out_path.open("w", encoding="utf-8") as fh:
        fh.write("\n".join(header) + "\nform\treason\n")
        for form in sorted(keep):
            fh.write(f"{form}\t{keep[form]}\n")


if __name__ == "__main__":
    main()
