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
    on_boundaries = default_tokenizer_for(lex).on_boundaries
    raw: list[tuple[int, int, str, bool]] = []
    taken = 0  # end of the last name accepted: the names inside it are not looked at
    for start, end in matches:
        if start < taken:
            continue
        form = norm[start:end]
        if not _passes(norm, start, end, form, g):
            continue
        lo = start - 6 if start > 6 else 0
        starts, ends = on_boundaries(norm[lo : end + 6], start - lo, end - lo)
        if not starts:
            continue
        org = _in_organisation(norm, end, g)
        if ends or org:  # 哈尔滨工业大学 is a mention
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
    return _supported(out, norm, g, context)


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
    named = {p.adcode for p in places if p.adcode} | {u.adcode for u in sure}
    named |= {u.prefecture_code for u in sure if u.level == "county" and u.prefecture}
    named |= {u.prefecture_code for u in context} | {u.province_code for u in context}
    supported = {p.adcode for p in places if p.adcode and not _suspect(p, g)}
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
            ):
                supported.add(unit.current_code)
    out: list[Place] = []
    for p in places:
        if not _suspect(p, g) or any(u.current_code in supported for u in p.units):
            out.append(p)
        elif p.text not in g.ambiguous:
            out.append(_weak(p))  # 徐水 alone: the place it may be, but no county
    return out


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
    full name elsewhere or its parent right before it (浙江义乌): its prefecture named, or another
    of its counties (for a unit under its province, the province); or the form in the headline
    and lead, named again or referred to (全市, 该县). A form that is also a common word needs
    its prefecture named and the form used again and again."""
    municipal = _under_province(unit)
    parent_named = unit.prefecture_code in named or (municipal and unit.province_code in named)
    if p.text in g.ambiguous:
        # 新安 throughout a 洛阳 county's report; never 资源 (a word of every text)
        return parent_named and repeated >= g.word_repeats and p.text not in g.everyday
    if parent_named:
        return True
    if p.start >= g.lead_chars or p.in_organisation:
        return False
    return repeated >= 2 or any(w in norm for w in g.self_reference.get(unit.name[-1:], ()))


def _passes(norm: str, start: int, end: int, form: str, g: Gazetteer) -> bool:
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
    after = norm[end : end + 3]
    if after.startswith(g.not_before):
        return False
    return not (form in g.short_only and after.startswith(g.short_not_before))


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
