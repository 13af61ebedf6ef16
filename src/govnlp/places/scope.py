"""Which county a figure belongs to: its sentence, its section, its document."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from govnlp.lexicon import Lexicon, default_lexicon
from govnlp.places.find import Place
from govnlp.places.gazetteer import Unit
from govnlp.text.segment import Block, Sentence


@dataclass(frozen=True, slots=True)
class County:
    """A resolved county-level unit with its parents."""

    name: str
    code: str
    prefecture: str | None
    province: str | None


def _county(place: Place) -> County | None:
    if place.level != "county" or place.adcode is None or place.in_organisation:
        return None
    return County(place.name, place.adcode, place.prefecture, place.province)


def document_unit(
    norm: str,
    sentences: Sequence[Sentence],
    places: Sequence[Place],
    *,
    markers: Sequence[str],
    opening: int,
    region_places: Sequence[Place] = (),
) -> Place | None:
    """The unit whose document this is: from its title or opening, else its ``region``."""
    for sent in sentences[:opening]:
        text = norm[sent.start : sent.end]
        if not any(m in text for m in markers):
            continue
        inside = [
            p for p in places
            if sent.start <= p.start < sent.end and p.adcode and not p.in_organisation
        ]  # fmt: skip
        if inside:
            return max(inside, key=lambda p: ("province", "prefecture", "county").index(p.level))
    resolved = [p for p in region_places if p.adcode]
    return resolved[-1] if resolved else None


@dataclass(frozen=True)
class _Rules:
    speaker: re.Pattern[str]  # the government that speaks, its level character as "level"
    speaker_levels: dict[str, str]
    heading_marks: re.Pattern[str]  # what to strip around a heading's name
    lead_in_marks: tuple[str, ...]


@functools.cache
def _rules(lexicon: Lexicon) -> _Rules:
    raw = lexicon.place_rules
    levels: dict[str, str] = dict(raw["speaker_levels"])
    chars = "".join(re.escape(c) for c in levels)
    ends = "".join(re.escape(c) for c in raw["heading_end_marks"])
    return _Rules(
        speaker=re.compile(
            f"{re.escape(raw['speaker_before'])}(?P<level>[{chars}])"
            f"{re.escape(raw['speaker_after'])}"
        ),
        speaker_levels=levels,
        heading_marks=re.compile(rf"^[#\s]+|[\s{ends}]+$"),
        lead_in_marks=tuple(raw["lead_in_marks"]),
    )


def speaker_level(
    norm: str, sentences: Sequence[Sentence], opening: int, *, lexicon: Lexicon | None = None
) -> str | None:
    """The level of the government that gives the report when its opening does not name it
    (我代表市人民政府向大会报告工作 → prefecture): 市 is taken for a prefecture, as in the
    reports of prefecture-level cities; a county-level city's report names itself."""
    rules = _rules(lexicon or default_lexicon())
    for sent in sentences[:opening]:
        m = rules.speaker.search(norm, sent.start, sent.end)
        if m:
            return rules.speaker_levels[m.group("level")]
    return None


def dominant_county(
    norm: str, places: Sequence[Place], anaphora: Sequence[str], min_anaphora: int
) -> Place | None:
    """The county a self-referring document (全县, 我县 …) names most, if one stands out."""
    if sum(norm.count(a) for a in anaphora) < min_anaphora:
        return None
    counts: dict[str, list[Place]] = {}
    for p in places:
        if p.level == "county" and p.adcode and not p.in_organisation:
            counts.setdefault(p.adcode, []).append(p)
    if not counts:
        return None
    ranked = sorted(counts.values(), key=len, reverse=True)
    if len(ranked) > 1 and len(ranked[0]) < 2 * len(ranked[1]):
        return None
    return ranked[0][0]


def section_counties(
    norm: str,
    blocks: Sequence[Block],
    places: Sequence[Place],
    *,
    lexicon: Lexicon | None = None,
) -> list[tuple[int, County | None]]:
    """Where sections start and the county each is about, in text order.

    A section is opened by a heading (``## 濮阳县``), a line that is only a county's name, or a
    lead-in (``濮阳县:``) naming a county; another heading of the same or a higher level closes it.
    """
    rules = _rules(lexicon or default_lexicon())
    starts = [p.start for p in places]
    out: list[tuple[int, County | None]] = []
    level_open = 99
    for block in blocks:
        if block.kind in ("chrome", "caption"):
            continue
        line = norm[block.start : block.end]
        level = len(line) - len(line.lstrip("#")) if line.startswith("#") else 0
        name = rules.heading_marks.sub("", line)
        i = bisect.bisect_left(starts, block.start)
        first = places[i] if i < len(places) and places[i].start < block.end else None
        county = _county(first) if first is not None else None
        whole = county is not None and first is not None and first.text == name
        lead_in = (
            county is not None and first is not None and first.start == block.start
            and norm[first.end : first.end + 1] in rules.lead_in_marks
        )  # fmt: skip
        if level:
            if whole:
                out.append((block.start, county))
                level_open = level
            elif level <= level_open:
                out.append((block.start, None))
                level_open = 99
        elif whole or lead_in:
            out.append((block.start, county))
    return out


def figure_county(
    start: int,
    sentence: Sentence,
    places: Sequence[Place],
    place_starts: Sequence[int],
    sections: Sequence[tuple[int, County | None]],
    section_starts: Sequence[int],
    document: County | None,
    clause: tuple[int, int] | None = None,
) -> County | None:
    """The county of a figure at ``start``: named in its sentence (in its clause when
    ``clause`` is given), else its section's, else its document's."""
    lo_at, hi_at = clause or (sentence.start, sentence.end)
    lo = bisect.bisect_left(place_starts, lo_at)
    hi = bisect.bisect_left(place_starts, hi_at)
    before: County | None = None
    after: County | None = None
    for place in places[lo:hi]:
        county = _county(place)
        if county is None:
            continue
        if place.start < start:
            before = county
        elif after is None:
            after = county
    if before or after:
        return before or after
    i = bisect.bisect_right(section_starts, start) - 1
    if i >= 0 and sections[i][1] is not None:
        return sections[i][1]
    return document


def county_of_unit(place: Place | None) -> County | None:
    """The document's county, when the document is a county's."""
    return _county(place) if place is not None else None


def context_units(places: Sequence[Place]) -> list[Unit]:
    """Units named without doubt, for deciding shared names."""
    return [p.units[0] for p in places if p.adcode and p.units]
