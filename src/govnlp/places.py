"""Finding the provinces, prefectures and county-level units a text names.

Names (full and short forms, current and historical) come from ``lexicons/places/``. A
candidate must sit on word boundaries of govnlp's tokenizer and pass the guards of
``rules/places.toml``; a name shared by several units is resolved by its parent in the phrase,
then by the places of the document, and otherwise left open with its ``candidates``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from govnlp.lexicon import Lexicon, default_lexicon, read_tsv
from govnlp.records import Mention
from govnlp.textnorm import normalize

_COLUMNS = (
    "adcode", "name", "level", "category", "prefecture_code", "prefecture", "province_code",
    "province", "short_names", "valid_from", "valid_to", "successor_code",
)  # fmt: skip
_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of the gazetteer (current or historical)."""

    adcode: str
    name: str
    level: str
    prefecture_code: str
    prefecture: str
    province_code: str
    province: str
    current_code: str  # the code in force today (a successor's for a historical unit)
    valid_to: str = ""  # ISO date (or year-month) the unit ended, for historical units


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


@dataclass(frozen=True)
class Gazetteer:
    """Names of places and the units they may stand for, with the finder's rules."""

    forms: dict[str, tuple[tuple[Unit, bool], ...]]  # form -> (unit, is_short_form)
    units: dict[str, Unit]
    trie: dict[str, Any]
    ambiguous: frozenset[str]
    rules: dict[str, Any]


def _trie(words: Iterable[str]) -> dict[str, Any]:
    """A character trie of ``words``; the key ``""`` marks the end of a word."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


def _scan(trie: dict[str, Any], text: str) -> Iterator[tuple[int, int]]:
    """Leftmost-longest, non-overlapping matches of the trie's words in ``text``."""
    i, n = 0, len(text)
    get = trie.get
    while i < n:
        node = get(text[i])
        if node is None:
            i += 1
            continue
        end, j = 0, i + 1
        while True:
            if "" in node:
                end = j
            if j >= n:
                break
            node = node.get(text[j])
            if node is None:
                break
            j += 1
        if end:
            yield i, end
            i = end
        else:
            i += 1


@functools.cache
def gazetteer(lexicon: Lexicon) -> Gazetteer:
    """The gazetteer of a lexicon (built once per lexicon and process)."""
    path = lexicon.path("places", "admin_divisions.tsv")
    rows = read_tsv(path, _COLUMNS)
    successor = {r["adcode"]: r["successor_code"] for r in rows if r["successor_code"]}

    def current(code: str) -> str:
        seen = set()
        while code in successor and code not in seen:
            seen.add(code)
            code = successor[code]
        return code

    units: dict[str, Unit] = {}
    forms: dict[str, list[tuple[Unit, bool]]] = {}
    for r in rows:
        unit = Unit(
            adcode=r["adcode"], name=r["name"], level=r["level"],
            prefecture_code=r["prefecture_code"], prefecture=r["prefecture"],
            province_code=r["province_code"], province=r["province"],
            current_code=current(r["adcode"]), valid_to=r["valid_to"],
        )  # fmt: skip
        units.setdefault(unit.adcode, unit)
        forms.setdefault(unit.name, []).append((unit, False))
        for short in filter(None, r["short_names"].split("|")):
            forms.setdefault(short, []).append((unit, True))
    ambiguous_rows = read_tsv(lexicon.path("places", "ambiguous_forms.tsv"), ("form", "reason"))
    return Gazetteer(
        forms={k: tuple(v) for k, v in forms.items()},
        units=units,
        trie=_trie(forms),
        ambiguous=frozenset(r["form"] for r in ambiguous_rows),
        rules=lexicon.place_rules,
    )


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
    return _find(text, normalize(text, lexicon=lex), lex, context, year)


def _find(
    text: str, norm: str, lex: Lexicon, context: Sequence[Unit], year: int | None = None
) -> list[Place]:
    from govnlp.tokenizer import default_tokenizer_for

    g = gazetteer(lex)
    tokenizer = default_tokenizer_for(lex)
    raw: list[tuple[int, int, str]] = []
    for start, end in _scan(g.trie, norm):
        form = norm[start:end]
        if form not in g.forms or not _passes(norm, start, end, form, g):
            continue
        starts, ends = _on_boundaries(norm, start, end, tokenizer)
        if starts and (ends or _in_organisation(norm, end, g)):  # 哈尔滨工业大学 is a mention
            raw.append((start, end, form))
    # units named without doubt anywhere in the text decide the doubtful ones
    sure: list[Unit] = list(context)
    for _, _, form in raw:
        options = _distinct(g.forms[form], year)
        if len(options) == 1:
            sure.append(options[0][0])
    out: list[Place] = []
    prev: Place | None = None
    for start, end, form in raw:
        adjacent = prev if prev is not None and 0 <= start - prev.end <= 1 else None
        place = _resolve(text, norm, start, end, form, g, adjacent, sure, year)
        if place is None:
            continue
        out.append(place)
        prev = place
    return out


def _on_boundaries(norm: str, start: int, end: int, tokenizer: Any) -> tuple[bool, bool]:
    """Whether the name starts and ends on word boundaries (示范县 is no 范县)."""
    lo, hi = max(0, start - 6), min(len(norm), end + 6)
    bounds = {lo + b for b in tokenizer.boundaries(norm[lo:hi])}
    return start == lo or start in bounds, end == hi or end in bounds


def _passes(norm: str, start: int, end: int, form: str, g: Gazetteer) -> bool:
    line_start = norm.rfind("\n", 0, start) + 1
    line_end = norm.find("\n", end)
    line = norm[line_start : line_end if line_end >= 0 else len(norm)]
    byline = len(line) < 60 and not any(c in line for c in "，,。；;")
    if byline and any(m in norm[line_start:start] for m in g.rules["byline_markers"]):
        return False  # 本报记者 段利梅 通讯员 闫玉龙: a byline names people
    after = norm[end : end + 3]
    if after.startswith(tuple(g.rules["not_before"])):
        return False
    is_short = all(short for _, short in g.forms[form])
    return not (is_short and after.startswith(tuple(g.rules["short_not_before"])))


def _distinct(
    options: Iterable[tuple[Unit, bool]], year: int | None = None
) -> list[tuple[Unit, bool]]:
    """Options of a form, one per unit in force today (a renamed unit counts once): the name in
    force in ``year`` if known, else today's."""
    seen: dict[str, tuple[Unit, bool]] = {}
    for unit, short in options:
        key = unit.current_code
        if key not in seen or _fits(unit, year) > _fits(seen[key][0], year):
            seen[key] = (unit, short)
    return list(seen.values())


def _fits(unit: Unit, year: int | None) -> int:
    """How well a unit's name fits a year: 2 in force then, 1 current, 0 otherwise."""
    if unit.valid_to and year is not None and year < int(unit.valid_to[:4]):
        return 2
    return 1 if not unit.valid_to else 0


def _in_scope(unit: Unit, codes: set[str]) -> bool:
    """A parent of ``unit`` is among the units named without doubt."""
    return unit.province_code in codes or unit.prefecture_code in codes


def _related(unit: Unit, other: Unit) -> bool:
    """``other`` is a parent of ``unit`` (or the same unit)."""
    return other.adcode in (unit.province_code, unit.prefecture_code, unit.adcode)


def _resolve(
    text: str,
    norm: str,
    start: int,
    end: int,
    form: str,
    g: Gazetteer,
    adjacent: Place | None,
    sure: Sequence[Unit],
    year: int | None = None,
) -> Place | None:
    options = _distinct(g.forms[form], year)
    sure_codes = {s.adcode for s in sure}
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
    org = _in_organisation(norm, end, g)
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


def _full_label(unit: Unit) -> str:
    parents = [unit.province, unit.prefecture if unit.prefecture != unit.province else ""]
    return "".join(p for p in parents if p and p != unit.name) + unit.name


def _place(
    text: str, start: int, end: int, unit: Unit, g: Gazetteer, alias: str, org: bool
) -> Place:
    now = g.units.get(unit.current_code, unit)
    return Place(
        text=text[start:end], start=start, end=end, name=unit.name,
        adcode=unit.current_code, level=unit.level,
        county=unit.name if unit.level == "county" else None,
        prefecture=(now.prefecture or None) if unit.level != "province" else None,
        province=now.province or None,
        matched_alias=alias, in_organisation=org, units=(unit,),
    )  # fmt: skip


def _in_organisation(norm: str, end: int, g: Gazetteer) -> bool:
    """Part of an organisation's name: 濮阳恒润筑邦石油化工有限公司, 哈尔滨工业大学."""
    rules = g.rules
    window = norm[end : end + int(rules["organisation_window"])]
    for i, ch in enumerate(window):
        if ch in rules["clause_breaks"]:
            window = window[:i]
            break
    return any(s in window for s in rules["organisation_suffixes"])
