"""Finding the provinces, prefectures and county-level units a text names.

Names (full and short forms, current and historical) come from ``lexicons/places/``. A
candidate must sit on word boundaries of govnlp's tokenizer and pass the guards of
``rules/places.toml``; a name shared by several units is resolved by its parent in the phrase,
then by the places of the document, and otherwise left open with its ``candidates``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from govnlp.lexicon import Lexicon, default_lexicon, read_tsv
from govnlp.records import Mention, slots_maker
from govnlp.text.normalize import changes_words, normalize
from govnlp.text.tokenizer import default_tokenizer_for

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
    scanner: _Scanner  # finds the forms in a text
    ambiguous: frozenset[str]
    rules: dict[str, Any]
    # the rules, ready to use
    short_only: frozenset[str]  # forms that are a short form of every unit they stand for
    not_before: tuple[str, ...]
    short_not_before: tuple[str, ...]
    byline_markers: tuple[str, ...]
    organisation: re.Pattern[str]  # an organisation suffix before any clause break
    _options: dict[tuple[str, int | None], list[tuple[Unit, bool]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def options(self, form: str, year: int | None) -> list[tuple[Unit, bool]]:
        """The units a form may stand for, one per unit in force today (see :func:`_distinct`);
        do not modify the list."""
        key = (form, year)
        found = self._options.get(key)
        if found is None:
            found = self._options[key] = _distinct(self.forms[form], year)
        return found


class _Scanner:
    """Leftmost-longest, non-overlapping matches of a set of words of two or more characters.

    A match can only start where the text has the first two characters of a word; those places
    are found in C (a regular expression on short texts, numpy on long ones) and only there is
    the character trie walked.
    """

    LONG = 200  # characters from which numpy finds the places faster than a regex

    def __init__(self, words: Iterable[str]) -> None:
        words = list(words)
        if any(len(w) < 2 for w in words):
            raise ValueError("words of one character are not supported")
        self.trie = _trie(words)
        self.heads = frozenset(w[:2] for w in words)
        firsts = sorted({w[0] for w in words})
        seconds = sorted({w[1] for w in words})
        # every pair of a first and a second character (a few are the start of a word)
        self.pairs = re.compile(f"(?=([{_char_class(firsts)}][{_char_class(seconds)}]))")
        self._tables: tuple[Any, Any, Any, int] | None = None
        self._firsts, self._seconds = firsts, seconds

    def heads_in(self, text: str) -> frozenset[str] | None:
        """The first two characters of words that occur in a short ``text`` (None for a long
        one, which is looked at otherwise)."""
        if len(text) >= self.LONG:
            return None
        return self.heads.intersection(self.pairs.findall(text))

    def scan(self, text: str, heads: frozenset[str] | None = None) -> list[tuple[int, int]]:
        """(start, end) of the matches, leftmost first, each the longest at its start;
        ``heads``: :meth:`heads_in` of the text, when known."""
        out: list[tuple[int, int]] = []
        n = len(text)
        trie = self.trie
        last = 0
        for i in self._starts(text, heads):
            if i < last:
                continue
            node = trie[text[i]]
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
                out.append((i, end))
                last = end
        return out

    def _starts(self, text: str, heads: frozenset[str] | None = None) -> Iterable[int]:
        """Offsets where the text has the first two characters of a word, in order."""
        if not self.heads:
            return []
        if len(text) < self.LONG:
            found = heads if heads is not None else self.heads_in(text)
            if not found:
                return []
            out = []
            for head in found:
                i = text.find(head)
                while i >= 0:
                    out.append(i)
                    i = text.find(head, i + 1)
            out.sort()
            return out
        import numpy as np

        first_row, second_col, pairs, size = self._tables or self._build_tables()
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        codes = np.minimum(codes, size - 1)
        hits = pairs[first_row[codes[:-1]] + second_col[codes[1:]]]
        return np.flatnonzero(hits).tolist()

    def _build_tables(self) -> tuple[Any, Any, Any, int]:
        """Code point -> row of its first-character id and column of its second-character id
        in a table of the word beginnings (row and column 0: no word begins so)."""
        import numpy as np

        firsts, seconds = self._firsts, self._seconds
        size = max(ord(c) for c in firsts + seconds) + 2  # the last code: any other character
        width = len(seconds) + 1
        first_row = np.zeros(size, dtype=np.intp)
        second_col = np.zeros(size, dtype=np.intp)
        for i, c in enumerate(firsts, start=1):
            first_row[ord(c)] = i * width
        for i, c in enumerate(seconds, start=1):
            second_col[ord(c)] = i
        pairs = np.zeros((len(firsts) + 1) * width, dtype=bool)
        for head in self.heads:
            pairs[first_row[ord(head[0])] + second_col[ord(head[1])]] = True
        self._tables = (first_row, second_col, pairs, size)
        return self._tables


def _trie(words: Iterable[str]) -> dict[str, Any]:
    """A character trie of ``words``; the key ``""`` marks the end of a word."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


def _char_class(chars: Iterable[str]) -> str:
    """The inside of a regular expression character class of ``chars``."""
    return "".join(re.escape(c) for c in chars)


def _organisation_pattern(rules: dict[str, Any]) -> re.Pattern[str]:
    """An organisation suffix within the window after a place, before any clause break."""
    breaks = "".join(re.escape(c) for c in rules["clause_breaks"])
    suffixes = "|".join(re.escape(s) for s in rules["organisation_suffixes"])
    return re.compile(f"[^{breaks}]*?(?:{suffixes})")


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
    rules = lexicon.place_rules
    return Gazetteer(
        forms={k: tuple(v) for k, v in forms.items()},
        units=units,
        scanner=_Scanner(forms),
        ambiguous=frozenset(r["form"] for r in ambiguous_rows),
        rules=rules,
        short_only=frozenset(k for k, v in forms.items() if all(short for _, short in v)),
        not_before=tuple(rules["not_before"]),
        short_not_before=tuple(rules["short_not_before"]),
        byline_markers=tuple(rules["byline_markers"]),
        organisation=_organisation_pattern(rules),
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
    heads = gazetteer(lex).scanner.heads_in(text)
    if heads is not None and changes_words(text, lexicon=lex):
        heads = None  # normalising may make other names: look again in the normalised text
    elif heads is not None and not heads:
        return []  # no name can start, and normalising changes no character a name could hold
    # else the names that can start are the same in the normalised text
    return _find(text, normalize(text, lexicon=lex), lex, context, year, heads)


def _find(
    text: str,
    norm: str,
    lex: Lexicon,
    context: Sequence[Unit],
    year: int | None = None,
    heads: frozenset[str] | None = None,
) -> list[Place]:
    g = gazetteer(lex)
    matches = g.scanner.scan(norm, heads)
    if not matches:
        return []
    on_boundaries = default_tokenizer_for(lex).on_boundaries
    raw: list[tuple[int, int, str, bool]] = []
    for start, end in matches:
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
    return out


_SENTENCE_MARK = re.compile("[，,。；;]")  # a line without these may be a byline


def _passes(norm: str, start: int, end: int, form: str, g: Gazetteer) -> bool:
    line_start = norm.rfind("\n", 0, start) + 1
    line_end = norm.find("\n", end)
    if line_end < 0:
        line_end = len(norm)
    if (
        line_end - line_start < 60
        and _SENTENCE_MARK.search(norm, line_start, line_end) is None
        and any(m in norm[line_start:start] for m in g.byline_markers)
    ):
        return False  # 本报记者 段利梅 通讯员 闫玉龙: a byline names people
    after = norm[end : end + 3]
    if after.startswith(g.not_before):
        return False
    return not (form in g.short_only and after.startswith(g.short_not_before))


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
