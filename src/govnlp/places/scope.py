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
from govnlp.text.scan import Scans
from govnlp.text.segment import UNREAD, Block, Sentence


@dataclass(frozen=True, slots=True)
class Area:
    """The unit a figure belongs to, with the place fields it gives a record.

    A county's area has all four fields; a prefecture's has no county; a province's only the
    province. ``code`` is the unit's current code (None where only its name is known).
    """

    level: str  # county, prefecture or province
    code: str | None
    county: str | None
    prefecture: str | None
    province: str | None

    @property
    def name(self) -> str | None:
        """The unit's full name."""
        return self.county or self.prefecture or self.province

    def parent(self) -> Area | None:
        """The area one level up (a county's prefecture, a prefecture's province)."""
        if self.level == "county" and self.prefecture and self.prefecture != self.province:
            return Area("prefecture", None, None, self.prefecture, self.province)
        if self.level in ("county", "prefecture") and self.province:
            return Area("province", None, None, None, self.province)
        return None


def area_of(place: Place, *, organisations: bool = False) -> Area | None:
    """The area a place names (None when undecided between units of different names, and for a
    place inside an organisation's name unless ``organisations``)."""
    if place.in_organisation and not organisations:
        return None
    if place.adcode is None:
        names = {c[-len(place.name) :] for c in place.candidates}
        if place.level == "county" and place.candidates and names == {place.name}:
            return Area("county", None, place.name, None, None)  # 江北区: 重庆 or 宁波
        return None
    if place.level == "county":
        return Area("county", place.adcode, place.name, place.prefecture, place.province)
    if place.level == "prefecture":
        return Area("prefecture", place.adcode, None, place.name, place.province)
    return Area("province", place.adcode, None, None, place.name)


def _county(place: Place) -> Area | None:
    area = area_of(place)
    return area if area is not None and area.level == "county" and area.code else None


def document_unit(
    norm: str,
    sentences: Sequence[Sentence],
    places: Sequence[Place],
    *,
    markers: Sequence[str],
    opening: int,
) -> Place | None:
    """The unit whose document this is, from its title or opening."""
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
    return None


@dataclass(frozen=True)
class _Rules:
    scope_words: re.Pattern[str]  # 全省, 全国, 全市, 该县 …: the word as "word"
    scope_of: dict[str, str]  # word -> nation, province, city, county or district
    speaker: re.Pattern[str]  # the government that speaks, its level character as "level"
    speaker_levels: dict[str, str]
    heading_marks: re.Pattern[str]  # what to strip around a heading's name
    lead_in_marks: tuple[str, ...]
    enumeration_marks: str  # 、: between the names of an enumeration
    figure_joins: tuple[str, ...]  # 、和与及: between the figures that pair with an enumeration
    share_marks: tuple[str, ...]  # 占: a scope word after it is a share's whole
    pair_marks: tuple[str, ...]  # 国际: a scope word after it is half of a pair (国际国内)
    ranking: re.Pattern[str]  # 前20强: a scope word before it is a ranking's field
    nation: re.Pattern[str]  # 中国, 我国 …: a clause about the whole country
    leads: re.Pattern[str]  # what may come before the word that opens a clause
    located: tuple[str, ...]  # 在: a nation word after it places what follows
    scope_reach: int  # the most characters a match of scope_words reads
    nation_reach: int  # the most characters a match of nation reads (its lookahead too)
    origin_marks: tuple[str, ...]  # 某: a place before it is where someone comes from


@functools.cache
def _rules(lexicon: Lexicon) -> _Rules:
    raw = lexicon.place_rules
    levels: dict[str, str] = dict(raw["speaker_levels"])
    chars = "".join(re.escape(c) for c in levels)
    ends = "".join(re.escape(c) for c in raw["heading_end_marks"])
    scope_of = {w: kind for kind, words in raw["scope_words"].items() for w in words}
    return _Rules(
        scope_words=re.compile(
            "(?P<word>"
            + "|".join(re.escape(w) for w in sorted(scope_of, key=len, reverse=True))
            + ")"
        ),
        scope_of=scope_of,
        speaker=re.compile(
            f"{re.escape(raw['speaker_before'])}(?P<level>[{chars}])"
            f"{re.escape(raw['speaker_after'])}"
        ),
        speaker_levels=levels,
        heading_marks=re.compile(rf"^[#\s]+|[\s{ends}]+$"),
        lead_in_marks=tuple(raw["lead_in_marks"]),
        enumeration_marks=raw["enumeration_marks"],
        figure_joins=tuple(raw["figure_joins"]),
        share_marks=tuple(raw["share_marks"]),
        pair_marks=tuple(raw["pair_marks"]),
        ranking=re.compile(
            re.escape(raw["ranking_mark"])
            + "[0-9一二三四五六七八九十百千]+(?:"
            + "|".join(re.escape(u) for u in raw["ranking_units"])
            + ")"
        ),
        nation=re.compile(
            "(?:"
            + "|".join(re.escape(w) for w in raw["nation_openers"])
            + ")"
            + "".join(f"(?!{re.escape(w)})" for w in raw["nation_not_before"])
        ),
        leads=re.compile(
            r"[\s\"“'‘「『(（]*(?:"
            + "|".join(re.escape(w) for w in sorted(raw["clause_leads"], key=len, reverse=True))
            + r"|(?:19|20)[0-9]{2}年度?)*"
        ),
        located=tuple(raw["located_marks"]),
        scope_reach=max(map(len, scope_of), default=1),
        nation_reach=max(map(len, raw["nation_openers"]), default=1)
        + max(map(len, raw["nation_not_before"]), default=0),
        origin_marks=tuple(raw["origin_marks"]),
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
    return dominant_unit(places, "county", min_mentions=1)


def dominant_unit(places: Sequence[Place], level: str, *, min_mentions: int = 2) -> Place | None:
    """The unit of ``level`` a document names most, named at least ``min_mentions`` times and
    at least twice as often as any other of its level (a city's report that says
    我代表市人民政府)."""
    counts: dict[str, list[Place]] = {}
    for p in places:
        if p.level == level and p.adcode and not p.in_organisation:
            counts.setdefault(p.adcode, []).append(p)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < min_mentions:
        return None
    if len(ranked) > 1 and len(ranked[0]) < 2 * len(ranked[1]):
        return None
    return ranked[0][0]


def section_counties(
    norm: str,
    blocks: Sequence[Block],
    places: Sequence[Place],
    *,
    lexicon: Lexicon | None = None,
) -> list[tuple[int, Area | None]]:
    """Where sections start and the county each is about, in text order.

    A section is opened by a heading (``## 濮阳县``), a line that is only a county's name, or a
    lead-in (``濮阳县:``) naming a county; another heading of the same or a higher level closes it.
    """
    rules = _rules(lexicon or default_lexicon())
    starts = [p.start for p in places]
    out: list[tuple[int, Area | None]] = []
    level_open = 99
    for block in blocks:
        if block.kind in UNREAD:
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
    sections: Sequence[tuple[int, Area | None]],
    section_starts: Sequence[int],
    clause: tuple[int, int] | None = None,
) -> Area | None:
    """The county of a figure at ``start`` named in its sentence (in its clause when
    ``clause`` is given), else its section's; None when neither names one."""
    lo_at, hi_at = clause or (sentence.start, sentence.end)
    lo = bisect.bisect_left(place_starts, lo_at)
    hi = bisect.bisect_left(place_starts, hi_at)
    # the last county named before the figure, else the first after it, read outwards from the
    # figure: a sentence that names a thousand places is not read at each of its figures
    at = min(max(bisect.bisect_left(place_starts, start), lo), hi)
    found = next((c for k in range(at - 1, lo - 1, -1) if (c := _county(places[k]))), None)
    found = found or next((c for k in range(at, hi) if (c := _county(places[k]))), None)
    if found is not None:
        return found
    i = bisect.bisect_right(section_starts, start) - 1
    if i >= 0 and sections[i][1] is not None:
        return sections[i][1]
    return None


def opening_county(
    norm: str, sentence: Sentence, places: Sequence[Place], place_starts: Sequence[int]
) -> Area | None:
    """The county that opens ``sentence`` (桓台县马桥镇中心卫生院是…，服务人口近10万人): the
    sentence is about it, all its clauses."""
    i = bisect.bisect_left(place_starts, sentence.start)
    if i >= len(places) or places[i].start >= sentence.end:
        return None
    lead = _TIME_LEAD.sub("", norm[sentence.start : places[i].start], count=1)
    return _county(places[i]) if not lead.strip(_OPENING_MARKS) else None


def located_county(
    norm: str, sentence: Sentence, places: Sequence[Place], place_starts: Sequence[int], at: int
) -> Area | None:
    """The county an earlier clause of ``sentence`` says something is in (淄博海信原址在张店区
    柳泉路45号，占地32亩; 项目位于X县，总投资…): the sentence's later figures are of it."""
    lo = bisect.bisect_left(place_starts, sentence.start)
    hi = bisect.bisect_left(place_starts, at)
    for place in reversed(places[lo:hi]):
        county = _county(place)
        if county is not None and norm.endswith(_LOCATED, max(0, place.start - 3), place.start):
            return county
    return None


_LOCATED = ("在", "位于", "落户", "坐落于", "坐落在", "落地")  # before a place: where a thing is
_OPENING_MARKS = " \t\u3000“\"‘'「『(（"
# a time clause before the place that opens a sentence (截至2010年，玉环已拥有…): still its opening
_TIME_LEAD = re.compile(
    r"^[\s\u3000]*(?:截至|截止到?|到|至|在)?(?:今年|去年|目前|近年来|近日|日前|"
    r"[0-9]{4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?(?:底|末|初|以来)?)[，,]"
)
_NOWHERE = Area("nation", None, None, None, None)
_CLAUSE_END = re.compile(r"[,，;；:：!！?？。]")


def scoped_area(
    norm: str,
    clause: tuple[int, int],
    start: int,
    document: Area | None,
    *,
    lexicon: Lexicon | None = None,
    scans: Scans | None = None,
) -> Area | None:
    """The area a scope word before the figure in its clause gives it (全省 → the document's
    province, 全国 → no place, 全市 → the document's city, 该县 → its county), relative to the
    document's area; None when the clause has no scope word. ``scans``: the document's, so that
    the figures of a long clause do not each scan it again."""
    rules = _rules(lexicon or default_lexicon())
    scans = scans or Scans(norm)

    def counts(m: re.Match[str]) -> bool:
        return not (
            norm.endswith(rules.share_marks + rules.pair_marks, clause[0], m.start())
            or rules.ranking.match(norm, m.end(), start)
        )

    found = scans.last_before(
        rules.scope_words, clause, start, reach=rules.scope_reach, accept=counts
    )
    if found is None:
        return None
    kind = rules.scope_of[found.group("word")]
    if kind == "nation":
        return _NOWHERE
    if document is None:
        return None
    return _level_up(document, kind)


def _level_up(document: Area, kind: str) -> Area | None:
    """The area of the document's place, or of its parent, that a scope word of ``kind`` means."""
    own = (document.name or "")[-1:]
    chain = [document]
    while (up := chain[-1].parent()) is not None:
        chain.append(up)
    if kind == "county":
        return document if document.level == "county" else None
    if kind == "district":  # 全区: a district, or an autonomous region
        return next((a for a in chain if (a.name or "").endswith("区")), None)
    if kind == "city":
        if document.level == "county" and own == "市":
            return document  # 全市 in a county-level city's article
        return next((a for a in chain if a.level == "prefecture"), None) or next(
            (a for a in chain if (a.name or "").endswith("市")), None
        )  # 全市 of a municipality is the province-level city
    return next((a for a in chain if a.level == "province"), None)


_ENUMERATION_GAP = 16  # the most characters between two names of one enumeration
_ENUMERATION_STOP = re.compile(r"[,，;；:：!！?？。\n0-9]")


def enumerated_areas(
    norm: str,
    span: tuple[int, int],
    places: Sequence[Place],
    place_starts: Sequence[int],
    figure_starts: Sequence[tuple[int, int]],
    *,
    lexicon: Lexicon | None = None,
) -> dict[int, Area]:
    """The areas, by figure start, of the figures of a sentence ``span`` that follow an
    enumeration of several places (河间、献县、吴桥、东光): a run of as many figures joined by
    enumeration marks pairs with the places in order (滨州、聊城增速为1.2%、1.5%), any other figure
    up to the next place gets the unit that holds them all (no place when none does).
    ``figure_starts`` are the (start, end) of the sentence's figures in text order."""
    rules = _rules(lexicon or default_lexicon())
    lo = bisect.bisect_left(place_starts, span[0])
    hi = bisect.bisect_left(place_starts, span[1])
    runs: list[list[tuple[Place, Area]]] = []
    for place in places[lo:hi]:
        area = area_of(place, organisations=True)
        if area is None or area.code is None:
            continue
        gap = norm[runs[-1][-1][0].end : place.start] if runs else ""
        listed = (
            0 < len(gap) <= _ENUMERATION_GAP
            and not _ENUMERATION_STOP.search(gap)
            and (any(m in gap for m in rules.enumeration_marks) or gap in rules.figure_joins)
        )
        if listed:
            runs[-1].append((place, area))
        else:
            runs.append([(place, area)])
    out: dict[int, Area] = {}
    for k, run in enumerate(runs):
        units = list({a.code: a for _, a in run}.values())
        if len(units) < 2:
            continue
        end = run[-1][0].end
        stop = runs[k + 1][0][0].start if k + 1 < len(runs) else span[1]
        after = [f for f in figure_starts if end <= f[0] < stop]
        paired = _joined(norm, after, rules.figure_joins)
        if len(paired) == len(units):
            out.update((f[0], unit) for f, unit in zip(paired, units, strict=True))
        common = _common_area(units)
        for f in after:
            out.setdefault(f[0], common)
    return out


def _joined(
    norm: str, figures: Sequence[tuple[int, int]], joins: tuple[str, ...]
) -> list[tuple[int, int]]:
    """The first figures of ``figures`` that are joined one to the next by one of ``joins``."""
    out = list(figures[:1])
    for f in figures[1:]:
        if norm[out[-1][1] : f[0]].strip() not in joins:
            break
        out.append(f)
    return out


def _common_area(units: Sequence[Area]) -> Area:
    """The smallest unit that holds all of ``units`` (no place when they lie in several
    provinces)."""
    provinces = {u.province for u in units}
    if len(provinces) != 1 or None in provinces:
        return _NOWHERE
    prefectures = {u.prefecture for u in units}
    (province,) = provinces
    if len(prefectures) == 1 and None not in prefectures:
        (prefecture,) = prefectures
        return Area("prefecture", None, None, prefecture, province)
    return Area("province", None, None, None, province)


def is_nowhere(area: Area | None) -> bool:
    """Whether ``area`` says the figure belongs to no place (全国, 我国)."""
    return area is _NOWHERE


def higher_area(
    norm: str,
    places: Sequence[Place],
    place_starts: Sequence[int],
    clause: tuple[int, int],
    start: int,
    sentence: tuple[int, int] | None = None,
    *,
    lexicon: Lexicon | None = None,
    scans: Scans | None = None,
) -> Area | None:
    """The prefecture or province that opens the figure's clause (哈尔滨市…投资5亿元 in a county's
    article; 2011年度上海市…), when the sentence's clause names no county; else, from
    its ``sentence`` (a span), the one named last before the figure in it where it opens a
    clause (2009年，广州汽车产量…,占全国的8.2%). No place (see :func:`is_nowhere`) where a word for
    the whole country opens a clause before the figure or follows 在, with no place named between
    it and the figure (目前中国已有20家; 在我国整车企业中，美系…100%). A place before 某
    (北京某企业) is where someone comes from and opens nothing."""
    rules = _rules(lexicon or default_lexicon())
    scans = scans or Scans(norm)
    span = clause if sentence is None else sentence
    floor = span[0]
    lo = bisect.bisect_left(place_starts, floor)
    hi = bisect.bisect_left(place_starts, start)
    nation = _nation_at(norm, rules, span, start, scans)
    if nation is not None:
        # the last place before the figure that names an area
        named = next((places[k] for k in range(hi - 1, lo - 1, -1) if area_of(places[k])), None)
        if named is None or named.start < nation:
            return _NOWHERE
    first = bisect.bisect_left(place_starts, clause[0])
    if first < len(places) and places[first].start < start:
        area = _opening_higher(norm, rules, places[first], clause[0], scans)
        if area is not None:
            return area
    if sentence is None or hi <= lo:
        return None
    return _opening_higher(norm, rules, places[hi - 1], floor, scans)


def _opening_higher(
    norm: str, rules: _Rules, place: Place, floor: int, scans: Scans
) -> Area | None:
    """The prefecture or province ``place`` names where it opens a clause after ``floor``."""
    if norm.startswith(rules.origin_marks, place.end):
        return None
    if not _opens(norm, rules, place.start, floor, scans):
        return None
    area = area_of(place)
    if area is not None and area.level != "county" and area.code:
        return area
    return None


def _opens(
    norm: str, rules: _Rules, at: int, floor: int, scans: Scans, *, nearby: int = 1
) -> bool:
    """Whether the word at ``at`` opens its clause (after ``floor``): within ``nearby``
    characters of its start, or after lead words and years only (目前, 2011年度)."""
    breaks = scans.breaks(_CLAUSE_END)
    k = bisect.bisect_left(breaks, at)  # the clause breaks before ``at``
    begin = breaks[k - 1] + 1 if k and breaks[k - 1] >= floor else floor
    return at - begin <= nearby or rules.leads.fullmatch(norm, begin, at) is not None


def _nation_at(
    norm: str, rules: _Rules, span: tuple[int, int], start: int, scans: Scans
) -> int | None:
    """Where the last word for the whole country in ``span`` before ``start`` that opens a
    clause or follows 在 starts."""
    floor = span[0]

    def opens(m: re.Match[str]) -> bool:
        at = m.start()
        if norm.endswith(rules.share_marks, floor, at):
            return False
        return norm.endswith(rules.located, floor, at) or _opens(
            norm, rules, at, floor, scans, nearby=0
        )

    found = scans.last_before(
        rules.nation, span, start, reach=rules.nation_reach, accept=opens, stable=True
    )
    return found.start() if found is not None else None


def article_area(
    norm: str,
    blocks: Sequence[Block],
    places: Sequence[Place],
    *,
    lead_chars: int,
    lexicon: Lexicon | None = None,
) -> Area | None:
    """The place an article is about, from its headline and lead: the most specific unit named
    there that the article supports (named in the headline, or named in the document at least
    half as often as each unit of the headline and lead outside it: a county named once in a
    province's article is not the article's; and, where the headline names a unit, lying
    within one the headline names), then by its mentions and first mention. A place before 某
    (北京某企业) is where someone comes from, not what the article is about."""
    origin = _rules(lexicon or default_lexicon()).origin_marks
    text_blocks = [b for b in blocks if b.kind not in UNREAD]
    if not text_blocks:
        return None
    headline = text_blocks[0]
    lead_end = headline.end
    for block in text_blocks[1:]:
        if lead_end - headline.start >= lead_chars:
            break
        lead_end = block.end
    counts: dict[str | None, int] = {}
    for p in places:
        area = area_of(p, organisations=True)
        if area is not None:
            counts[area.code or area.name] = counts.get(area.code or area.name, 0) + 1
    first: dict[str | None, tuple[Area, bool, int]] = {}
    for p in places:
        if p.start >= lead_end:
            break
        area = area_of(p, organisations=True)  # 湘西州人民医院: an article about 湘西州
        if area is None or p.start < headline.start or norm.startswith(origin, p.end):
            continue
        key = area.code or area.name
        seen = first.get(key)
        in_headline = p.start < headline.end or (seen is not None and seen[1])
        first[key] = (area, in_headline, seen[2] if seen else p.start)
    titled = [a for a, in_headline, _ in first.values() if in_headline]
    candidates = []
    for key, (area, in_headline, at) in first.items():
        others = [counts[k] for k, (a, _, _) in first.items() if k != key and not contains(area, a)]
        supported = in_headline or (
            2 * counts[key] >= max(others, default=0)
            and (not titled or any(contains(t, area) for t in titled))
        )
        rank = ("province", "prefecture", "county").index(area.level)
        candidates.append((supported, rank, in_headline, counts[key], -at, area))
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[:5])[5]


def contains(outer: Area, inner: Area) -> bool:
    """Whether ``inner`` lies within ``outer`` (a county within its prefecture and province)."""
    if outer.level == "province":
        return inner.province == outer.province and inner.level != "province"
    if outer.level == "prefecture":
        return inner.level == "county" and inner.prefecture == outer.prefecture
    return False


def context_units(places: Sequence[Place]) -> list[Unit]:
    """Units named without doubt, for deciding shared names."""
    return [p.units[0] for p in places if p.adcode and p.units]
