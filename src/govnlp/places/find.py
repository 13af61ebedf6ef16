"""Finding the provinces, prefectures and county-level units a text names.

Names (full and short forms, current and historical) come from ``lexicons/places/``. A
candidate must sit on word boundaries of govnlp's tokenizer and pass the guards of
``rules/places.toml``; a name shared by several units is resolved by its parent in the phrase,
then by the places of the document, and otherwise left open with its ``candidates``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from govnlp.lexicon import Lexicon, default_lexicon
from govnlp.places.gazetteer import Gazetteer, Unit, gazetteer
from govnlp.records import Mention, slots_maker
from govnlp.text.normalize import changes_words, normalize
from govnlp.text.tokenizer import default_tokenizer_for

_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class Place(Mention):
    """A place named in a text.

    ``name`` is the full name of the unit as written (开县 stays 开县); ``adcode`` its code in
    force today. Where the text cannot decide between several units, ``adcode`` and the
    parents are ``None`` and ``candidates`` lists the full names it could be.
    """

    name: str
    adcode: str | None
    level: str
    county: str | None
    prefecture: str | None
    province: str | None
    candidates: tuple[str, ...] = ()
    matched_alias: str = ""
    in_organisation: bool = False
    units: tuple[Unit, ...] = field(default=(), repr=False, compare=False)


def find_places(
    text: str,
    *,
    lexicon: Lexicon | None = None,
    context: Sequence[Unit] = (),
    year: int | None = None,
) -> list[Place]:
    """Every province, prefecture and county-level unit named in ``text``, in order.

    ``context`` are units known to be in scope (e.g. from the document's metadata); they help
    decide names shared by several units. ``year``, the year the text speaks of, picks the name
    in force then where a unit was renamed (徐水县 before 2015, 徐水区 after).

    >>> [(p.name, p.adcode) for p in find_places("河南省濮阳市南乐县、示范县建设")]
    [('河南省', '410000'), ('濮阳市', '410900'), ('南乐县', '410923')]
    """
    lex = lexicon or default_lexicon()
    heads = gazetteer(lex).scanner.heads_in(text)
    if heads is not None and changes_words(text, lexicon=lex):
        heads = None  # normalising may make other names: look again in the normalised text
    elif heads is not None and not heads:
        return []  # no name can start, and normalising changes no character a name could hold
    # else the names that can start are the same in the normalised text
    return find_places_normalized(text, normalize(text, lexicon=lex), lex, context, year, heads)


def find_places_normalized(
    text: str,
    norm: str,
    lex: Lexicon,
    context: Sequence[Unit] = (),
    year: int | None = None,
    heads: frozenset[str] | None = None,
) -> list[Place]:
    """:func:`find_places` on ``text`` whose normalised form ``norm`` is known; ``heads``, the
    first two characters of names that occur in the text, when known (see
    :meth:`~govnlp.places.scanner.Scanner.heads_in`)."""
    g = gazetteer(lex)
    matches = g.scanner.scan(norm, heads)
    if not matches:
        return []
    tokenizer = default_tokenizer_for(lex)
    on_boundaries = tokenizer.on_boundaries
    freq: dict[str, int] = tokenizer.jieba.FREQ
    raw: list[tuple[int, int, str, bool]] = []
    towns: set[str] = set()  # short forms named as towns: 九江镇, 新兴乡
    taken = 0  # end of the last name accepted: the names inside it are not looked at
    for start, end in matches:
        if start < taken:
            continue
        form = norm[start:end]
        if norm.startswith(g.town_suffixes, end) and form in g.short_only:
            towns.add(form)
        if not _passes(norm, start, end, form, g, freq) or _glued(norm, start, form, g, freq):
            continue
        lo = start - 6 if start > 6 else 0
        starts, ends = on_boundaries(norm[lo : end + 6], start - lo, end - lo)
        if not starts:
            continue
        org = _in_organisation(norm, end, g)
        if ends or org or norm.startswith(g.body_ends, end):  # 哈尔滨工业大学 is a mention
            raw.append((start, end, form, org))
            taken = end
    # units named without doubt anywhere in the text decide the doubtful ones
    sure: list[Unit] = list(context)
    for _, _, form, _ in raw:
        options = g.options(form, year)
        if len(options) == 1:
            sure.append(options[0][0])
    sure_codes = {s.adcode for s in sure}
    out: list[Place] = []
    prev: Place | None = None
    for start, end, form, org in raw:
        adjacent = prev if prev is not None and 0 <= start - prev.end <= 1 else None
        place = _resolve(text, start, end, form, g, adjacent, sure_codes, org, year)
        if place is None:
            continue
        out.append(place)
        prev = place
    return _not_towns(_supported(_listed_counties(out, text, g, year), norm, g, context), towns)


def _suspect(p: Place, g: Gazetteer) -> bool:
    """A county named by a form that ordinary words make too: a short form without an admin
    suffix (富民, 新建; not 前郭县) or a full name listed as a common word (城区; 兴县 in
    旅游兴县, 和县 in …和县定12件)."""
    if p.level != "county":
        return False
    if p.matched_alias:
        return not p.matched_alias.endswith(g.admin_suffixes)  # 前郭县 names its kind
    return p.text in g.ambiguous


def _supported(
    places: list[Place], norm: str, g: Gazetteer, context: Sequence[Unit]
) -> list[Place]:
    """The places, where a county named by a suspect form (see :func:`_suspect`) is a place
    only where the document supports it: without support a common word (富民 in 富民强县, 新建
    in 新建或修复) is no place, and another short form (徐水 alone) keeps only its candidates."""
    sure = [p.units[0] for p in places if p.adcode and not _suspect(p, g)] + list(context)
    # where the sure places of each province are first named (the lead of another province's
    # place does not support a short form after it)
    first_named: dict[str, int] = {}
    for p in places:
        if p.adcode and not _suspect(p, g):
            first_named.setdefault(p.units[0].province_code, p.start)
    named = {p.adcode for p in places if p.adcode} | {u.adcode for u in sure}
    named |= {u.prefecture_code for u in sure if u.level == "county" and u.prefecture}
    named |= {u.prefecture_code for u in context} | {u.province_code for u in context}
    named_in_full = {p.adcode for p in places if p.adcode and not _suspect(p, g)}
    supported: set[str] = set()
    counts: dict[str, int] = {}
    for p in places:
        if not p.in_organisation:
            counts[p.text] = counts.get(p.text, 0) + 1
    for i, p in enumerate(places):
        if not _suspect(p, g):
            continue
        prev = places[i - 1] if i else None
        parent = prev.units[0] if prev is not None and prev.units else None
        if parent is not None and prev is not None and not 0 <= p.start - prev.end <= 1:
            parent = None
        zone = norm.startswith(g.zone_suffixes, p.end)  # 宁乡经开区: the zone's host
        for unit in p.units:
            if (
                zone
                or _after_parent(unit, parent, p.text in g.ambiguous)
                or _short_form_supported(unit, p, norm, g, named, counts.get(p.text, 0))
                or _lead_supported(unit, p, norm, g, counts.get(p.text, 0), first_named)
            ):
                supported.add(unit.current_code)
    out: list[Place] = []
    for p in places:
        # a common word (资源) is not a place because its unit is named in full elsewhere
        known = supported if p.text in g.ambiguous else supported | named_in_full
        if not _suspect(p, g) or any(u.current_code in known for u in p.units):
            out.append(p)
        elif p.text not in g.ambiguous:
            out.append(_weak(p))  # 徐水 alone: the place it may be, but no county
    return out


def _lead_supported(
    unit: Unit, p: Place, norm: str, g: Gazetteer, repeated: int, first_named: dict[str, int]
) -> bool:
    """The short form ``p`` (not a common word) in the headline and lead, named again or
    referred to (全市, 该县), before any place of another province (绍兴 … 越乡龙井: that lead
    speaks of 绍兴)."""
    if p.start >= g.lead_chars or p.in_organisation or p.text in g.ambiguous:
        return False
    own = first_named.get(unit.province_code, len(norm))
    if own > p.start and any(start < p.start for start in first_named.values()):
        return False
    return repeated >= 2 or any(w in norm for w in g.self_reference.get(unit.name[-1:], ()))


def _not_towns(places: list[Place], towns: set[str]) -> list[Place]:
    """``places`` without the short forms that the text also uses as a town's name (``towns``:
    九江镇 … 九江还引进), where it names neither the unit's province nor its prefecture
    otherwise."""
    towns = towns & {p.matched_alias for p in places if p.matched_alias}
    if not towns:
        return places
    dropped = set()
    for town in towns:
        others = {
            c for q in places if q.adcode and q.matched_alias != town
            for c in _codes(q.units[0])
        }  # fmt: skip
        units = {u for p in places if p.matched_alias == town for u in p.units}
        if not any(c in others for u in units for c in _codes(u)[1:]):
            dropped.add(town)
    return [p for p in places if p.matched_alias not in dropped]


def _codes(unit: Unit) -> tuple[str, ...]:
    """The unit's code, its prefecture's and its province's."""
    return (unit.adcode, unit.prefecture_code, unit.province_code)


def _weak(p: Place) -> Place:
    """``p`` with the evidence too weak to decide: its candidates listed, no unit chosen."""
    return Place(
        text=p.text, start=p.start, end=p.end, name=p.matched_alias or p.name, adcode=None,
        level=p.level, county=None, prefecture=None, province=None,
        candidates=p.candidates or tuple(sorted({_full_label(u) for u in p.units})),
        matched_alias=p.matched_alias, in_organisation=p.in_organisation, units=p.units,
    )  # fmt: skip


def _under_province(unit: Unit) -> bool:
    """A unit with no prefecture between it and its province: a district of a municipality
    (北京市怀柔区) or a county-level city under the province (济源市)."""
    return not unit.prefecture or unit.prefecture == unit.province


def _after_parent(unit: Unit, parent: Unit | None, word: bool) -> bool:
    """``parent``, named right before the short form, is a parent of ``unit`` (浙江义乌); for a
    form that is also a common word only its prefecture counts (辽宁振兴 is no place)."""
    if parent is None or not _related(unit, parent) or parent is unit:
        return False
    return not word or parent.adcode == unit.prefecture_code or _under_province(unit)


def _short_form_supported(
    unit: Unit,
    p: Place,
    norm: str,
    g: Gazetteer,
    named: set[str],
    repeated: int,
) -> bool:
    """Whether the document supports reading the short form ``p`` as ``unit``, besides its
    full name elsewhere, its parent right before it (浙江义乌) or the lead
    (:func:`_lead_supported`): its prefecture named, or another of its counties (for a unit
    under its province, the province). A form that is also a common word needs its prefecture
    named and the form used again and again."""
    municipal = _under_province(unit)
    parent_named = unit.prefecture_code in named or (municipal and unit.province_code in named)
    if p.text in g.ambiguous:
        # 新安 throughout a 洛阳 county's report; never 资源 (a word of every text)
        return parent_named and repeated >= g.word_repeats and p.text not in g.everyday
    return parent_named


def _passes(
    norm: str, start: int, end: int, form: str, g: Gazetteer, freq: dict[str, int]
) -> bool:
    line_start = norm.rfind("\n", 0, start) + 1
    line_end = norm.find("\n", end)
    if line_end < 0:
        line_end = len(norm)
    if (
        line_end - line_start < g.byline_max_line
        and g.sentence_mark.search(norm, line_start, line_end) is None
        and any(m in norm[line_start:start] for m in g.byline_markers)
    ):
        return False  # 本报记者 段利梅 通讯员 闫玉龙: a byline names people
    if (
        norm.startswith(g.not_before, end)
        or _after_title(norm, start, g)
        or norm.startswith(g.known_names, start)
    ):
        return False
    if form not in g.short_only or norm.startswith(g.body_ends, end):
        return True  # (上海关区: a body of the place, no gate)
    return not (
        norm.startswith(g.short_not_before, end)
        or norm.startswith(g.brand_heads, end)
        or g.marque.match(norm, end) is not None
        or _gate(norm[end : end + 2], g, freq)
        or _slogan(norm, end, form, g, freq)
        or _feature(norm, start, end, form, g)
        or _award(norm, start, end, g)
        or _region(norm, start, end, g)
        or _road_list(norm, start, end, g)
    )


def _gate(after: str, g: Gazetteer, freq: dict[str, int]) -> bool:
    """The short form names a pass or gate (镇江关至青白江段): one of the gate ends follows it and
    makes no word with the next character (not 关键, 关爱)."""
    return after.startswith(g.gate_ends) and freq.get(after[:2], 0) < g.glue_min_freq


def _slogan(norm: str, end: int, form: str, g: Gazetteer, freq: dict[str, int]) -> bool:
    """A short form that starts a counted slogan: 两江四岸, 三山一棠 (not 四川两省, 九龙五一桥)."""
    after = norm[end : end + 2]
    return (
        form[0] in g.slogan_numerals
        and len(after) == 2
        and after[0] in g.slogan_numerals
        and _is_han(after[1])
        and after[1] not in g.slogan_not_counting
        and freq.get(after, 0) == 0
    )


def _feature(norm: str, start: int, end: int, form: str, g: Gazetteer) -> bool:
    """The short form of a unit named after a lake or mountain names the lake or mountain
    itself: 巢湖水质, 黄山北门, 都江堰灌区, 环巢湖, 黑龙江、乌苏里江、牡丹江等流域."""
    return form[-1] in g.feature_ends and (
        norm.startswith(g.feature_after, end)
        or norm.endswith(g.feature_before, 0, start)
        or (norm[end : end + 1] in "、等" and g.feature_list.match(norm, end) is not None)
    )


def _region(norm: str, start: int, end: int, g: Gazetteer) -> bool:
    """A region of a province named like one of its units: 大湘西, 湘南湘西."""
    if g.region.fullmatch(norm, start, end) is None:
        return False
    if norm.endswith(g.region_before, 0, start):
        return True
    head = norm[start]
    before = g.region.search(norm, max(0, start - 3), start)
    after = g.region.match(norm, end)
    return (before is not None and before.end() == start and norm[before.start()] == head) or (
        after is not None and norm[end] == head
    )


def _award(norm: str, start: int, end: int, g: Gazetteer) -> bool:
    """A cup or award named after the place, in quotation marks: “黄山杯”, “天山文艺奖”."""
    if g.award_end.match(norm, end) is None:
        return False
    return g.quote_open.search(norm, max(0, start - 12), start) is not None


def _after_title(norm: str, start: int, g: Gazetteer) -> bool:
    """A person's name after a title: 总经理松原史明, 理事长朱长岭 (a title and a surname)."""
    if norm.endswith(g.person_titles, 0, start):
        return True
    return (
        start > 0
        and _is_han(norm[start - 1])
        and norm[start - 1] not in g.free_chars
        and norm.endswith(g.person_titles, 0, start - 1)
    )


def _road_list(norm: str, start: int, end: int, g: Gazetteer) -> bool:
    """A bare name in an enumeration of roads named by their ends: 乐西、西宁、会禄等高速公路."""
    if norm[start - 1 : start] != "、" and norm[end : end + 1] != "、":
        return False
    return g.road_list.match(norm, end) is not None


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _glued(norm: str, start: int, form: str, g: Gazetteer, freq: dict[str, int]) -> bool:
    """The name's first character belongs to the word of a stray character before it: 河北京车
    (河北 京车), 新增城区 (新增 城区), 黄山东大门 (黄山 东大门). A character is stray when the text
    before it makes no word with it."""
    if start == 0:
        return False
    ch = norm[start - 1]
    if not _is_han(ch) or ch in g.free_chars:
        return False
    if freq.get(ch + form[0], 0) < g.glue_min_freq:
        return False
    return not any(freq.get(norm[start - k : start], 0) > 0 for k in (2, 3, 4) if k <= start)


def _in_scope(unit: Unit, codes: set[str]) -> bool:
    """A parent of ``unit`` is among the units named without doubt."""
    return unit.province_code in codes or unit.prefecture_code in codes


def _related(unit: Unit, other: Unit) -> bool:
    """``other`` is a parent of ``unit`` (or the same unit)."""
    return other.adcode in (unit.province_code, unit.prefecture_code, unit.adcode)


def _resolve(
    text: str,
    start: int,
    end: int,
    form: str,
    g: Gazetteer,
    adjacent: Place | None,
    sure_codes: set[str],
    org: bool,
    year: int | None = None,
) -> Place | None:
    options = g.options(form, year)
    if adjacent is not None and adjacent.units:
        parent = adjacent.units[0]
        near = [o for o in options if _related(o[0], parent) and o[0] is not parent]
        if not near and _town_of(parent, options, start - adjacent.end, sure_codes):
            return None  # 南海九江: a town of 南海区 named like 九江市
        options = near or options
    elif form in g.ambiguous:
        near = [o for o in options if _in_scope(o[0], sure_codes)]
        if not near:
            return None  # 新建学校, 合作, 绿色通道: a word, not the place
        options = near
    if len(options) > 1:
        top = min(_LEVEL_RANK[u.level] for u, _ in options)
        upper = [o for o in options if _LEVEL_RANK[o[0].level] == top]
        if top < 2 and len(upper) == 1:
            options = upper  # 濮阳 is the city before it is 濮阳县
    if len(options) > 1:
        in_scope = [o for o in options if _in_scope(o[0], sure_codes)]
        options = in_scope if len(in_scope) == 1 else options
    if len(options) == 1:
        unit, short = options[0]
        return _place(text, start, end, unit, g, form if short else "", org)
    units = tuple(u for u, _ in options)
    return Place(
        text=text[start:end], start=start, end=end, name=form, adcode=None,
        level=min((u.level for u in units), key=_LEVEL_RANK.__getitem__),
        county=None, prefecture=None, province=None,
        candidates=tuple(sorted({_full_label(u) for u in units})),
        matched_alias=form, in_organisation=org, units=units,
    )  # fmt: skip


def _town_of(
    county: Unit, options: list[tuple[Unit, bool]], gap: int, sure_codes: set[str]
) -> bool:
    """A short form right after a county, naming only units of other provinces, none of which
    the text names, is a town of that county (南海九江, 颍东枣庄, 莱州银海)."""
    return (
        gap == 0
        and county.level == "county"
        and all(short and u.province_code != county.province_code for u, short in options)
        and not any(u.province_code in sure_codes for u, _ in options)
    )


def _listed_counties(places: list[Place], text: str, g: Gazetteer, year: int | None) -> list[Place]:
    """``places``, where a form shared by a prefecture and one of its counties (甘孜, 阿坝) and
    listed with counties (康定、泸定、甘孜; 石渠至甘孜段) is the county."""
    out = list(places)
    for i, p in enumerate(places):
        if p.level != "prefecture" or not p.matched_alias or p.adcode is None:
            continue
        counties = [
            u for u, _ in g.options(p.matched_alias, year)
            if u.level == "county" and u.prefecture_code == p.adcode
        ]  # fmt: skip
        if len(counties) == 1 and _next_to_county(places, i, text, g):
            out[i] = _place(
                text, p.start, p.end, counties[0], g, p.matched_alias, p.in_organisation
            )
    return out


def _next_to_county(places: list[Place], i: int, text: str, g: Gazetteer) -> bool:
    """The place ``i`` stands in an enumeration or a span with a county: 泸定、甘孜; 石渠至甘孜."""
    p = places[i]
    for j in (i - 1, i + 1):
        if not 0 <= j < len(places) or places[j].prefecture != p.prefecture:
            continue
        if places[j].level != "county":
            continue
        a, b = (places[j], p) if j < i else (p, places[j])
        if b.start - a.end == 1 and text[a.end] in g.rules["list_marks"]:
            return True
    return False


# Place's fields in order: text start end name adcode level county prefecture province
# candidates matched_alias in_organisation units
_make_place = slots_maker(Place)


def _full_label(unit: Unit) -> str:
    parents = [unit.province, unit.prefecture if unit.prefecture != unit.province else ""]
    return "".join(p for p in parents if p and p != unit.name) + unit.name


def _place(
    text: str, start: int, end: int, unit: Unit, g: Gazetteer, alias: str, org: bool
) -> Place:
    now = g.units.get(unit.current_code, unit)
    return _make_place(
        text[start:end], start, end, unit.name, unit.current_code, unit.level,
        unit.name if unit.level == "county" else None,
        (now.prefecture or None) if unit.level != "province" else None,
        now.province or None, (), alias, org, (unit,),
    )  # fmt: skip


def _in_organisation(norm: str, end: int, g: Gazetteer) -> bool:
    """Part of an organisation's name: 濮阳恒润筑邦石油化工有限公司, 哈尔滨工业大学."""
    window_end = end + int(g.rules["organisation_window"])
    return g.organisation.match(norm, end, window_end) is not None
