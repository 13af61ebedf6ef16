"""The gazetteer: the administrative units of ``lexicons/places/``, the names they go by and the
place finder's rules (``rules/places.toml``), ready to use."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from govnlp.errors import LexiconError
from govnlp.lexicon import Lexicon, read_tsv
from govnlp.places.scanner import Scanner
from govnlp.text.place_names import admin_divisions


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


@dataclass(frozen=True)
class Gazetteer:
    """Names of places and the units they may stand for, with the finder's rules."""

    forms: dict[str, tuple[tuple[Unit, bool], ...]]  # form -> (unit, is_short_form)
    units: dict[str, Unit]
    scanner: Scanner  # finds the forms in a text
    ambiguous: frozenset[str]
    everyday: frozenset[str]  # ambiguous forms that are very common words (资源, 合作)
    rules: dict[str, Any]
    # the rules, ready to use
    short_only: frozenset[str]  # forms that are a short form of every unit they stand for
    not_before: tuple[str, ...]
    short_not_before: tuple[str, ...]
    gate_ends: tuple[str, ...]  # after a short form, these name a pass or gate after it (镇江关)
    body_ends: tuple[str, ...]  # after a short form, a body of its government (上海海关)
    slogan_numerals: frozenset[str]  # 两江四岸: a counted slogan, no place
    slogan_not_counting: frozenset[str]  # 四川两省: a count of places, no slogan
    byline_markers: tuple[str, ...]
    byline_max_line: int  # a byline is shorter than this
    sentence_mark: re.Pattern[str]  # a line without one of these may be a byline
    organisation: re.Pattern[str]  # an organisation suffix before any clause break
    lead_chars: int  # the headline and lead of a document: this many characters
    word_repeats: int  # a form that is also a common word is a place when used this often
    admin_suffixes: tuple[str, ...]  # a name ending in one of these says it is a unit (县, 市)
    zone_suffixes: tuple[str, ...]  # a development zone named after its host (宁乡经开区)
    self_reference: dict[str, tuple[str, ...]]  # a unit's last character -> words for "this unit"
    feature_ends: frozenset[str]  # last characters of a short form named after a lake or mountain
    feature_after: tuple[str, ...]  # after such a form: words of the feature itself (巢湖水质)
    feature_before: tuple[str, ...]  # before such a form: 环巢湖
    feature_list: re.Pattern[str]  # the rest of an enumeration of features: 、牡丹江等流域
    award_end: re.Pattern[str]  # the rest of a quoted cup or award name after a place (杯”)
    quote_open: re.Pattern[str]  # an open quotation before a place, in its clause
    person_titles: tuple[str, ...]  # a name right after one of these is a person's
    road_list: re.Pattern[str]  # the rest of an enumeration of roads after a bare name
    free_chars: frozenset[str]  # characters that never glue to the name after them
    glue_min_freq: int  # the least frequency of a word a stray character makes with a name
    town_suffixes: tuple[str, ...]  # after a short form, these make it a town's name (九江镇)
    region: re.Pattern[str]  # a province's one-character name and directions (湘南, 粤东)
    region_before: tuple[str, ...]  # before a region word: 大湘西
    brand_heads: tuple[str, ...]  # after a short form, these make a brand of it (泸州老窖)
    marque: re.Pattern[str]  # after a short form, a carmaker's marque ending the name (北京现代、)
    known_names: tuple[str, ...]  # names starting with a place's name that name no place (中山大学)
    _options: dict[tuple[str, int | None], list[tuple[Unit, bool]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def options(self, form: str, year: int | None) -> list[tuple[Unit, bool]]:
        """The units a form may stand for, one per unit in force today (the name in force in
        ``year`` if known, else today's); do not modify the list."""
        key = (form, year)
        found = self._options.get(key)
        if found is None:
            found = self._options[key] = _distinct(self.forms[form], year)
        return found


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


def _context_patterns(rules: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """Patterns of the contexts that make a name something else: the end of a quoted award
    (杯”), the opening quotation before it, the rest of an enumeration of roads or of lakes and
    rivers, a region word (湘南)."""
    breaks = "".join(re.escape(c) for c in rules["clause_breaks"])
    awards = "".join(re.escape(c) for c in rules["award_ends"])
    roads = "|".join(re.escape(r) for r in rules["road_lists"])
    features = "|".join(re.escape(r) for r in rules["feature_after"])
    return {
        "award_end": re.compile(f"[^{breaks}]{{0,10}}[{awards}][”》]"),
        "quote_open": re.compile(f"[“《][^{breaks}]{{0,10}}$"),
        "road_list": re.compile(f"(?:、[\u4e00-\u9fff]{{2,4}})*等(?:{roads})"),
        "feature_list": re.compile(f"(?:、[\u4e00-\u9fff]{{2,5}})*等(?:{features})"),
        "region": re.compile(
            f"[{re.escape(rules['region_heads'])}][{re.escape(rules['region_directions'])}]{{1,2}}"
        ),
    }


def _organisation_pattern(rules: dict[str, Any]) -> re.Pattern[str]:
    """An organisation suffix within the window after a place, before any clause break."""
    breaks = "".join(re.escape(c) for c in rules["clause_breaks"])
    suffixes = "|".join(re.escape(s) for s in rules["organisation_suffixes"])
    return re.compile(f"[^{breaks}]*?(?:{suffixes})")


BRAND_COLUMNS = ("form", "kind", "source")
BRAND_KINDS = ("head", "marque", "name")


def _brands(lexicon: Lexicon, rules: dict[str, Any]) -> dict[str, Any]:
    """The brand heads, the marque pattern and the known names of ``places/brand_names.tsv``."""
    path = lexicon.path("places", "brand_names.tsv")
    kinds: dict[str, list[str]] = {k: [] for k in BRAND_KINDS}
    for row in read_tsv(path, BRAND_COLUMNS, key="form"):
        if row["kind"] not in kinds:
            raise LexiconError(
                f"{path}:{row['_line']}: kind {row['kind']!r} is none of {', '.join(BRAND_KINDS)}"
            )
        kinds[row["kind"]].append(row["form"])
    breaks = "".join(re.escape(c) for c in rules["clause_breaks"])
    marques = "|".join(re.escape(m) for m in sorted(kinds["marque"], key=len, reverse=True))
    after = "|".join(re.escape(w) for w in rules["marque_after"])
    return {
        "brand_heads": tuple(kinds["head"]),
        "marque": re.compile(f"(?:{marques or '(?!)'})(?:[{breaks}]|{after or '(?!)'}|$)"),
        "known_names": tuple(kinds["name"]),
    }


def _units_and_forms(
    rows: Iterable[dict[str, str]],
) -> tuple[dict[str, Unit], dict[str, list[tuple[Unit, bool]]]]:
    """The units of the table by code, and the units each name (full or short) may stand for."""
    rows = list(rows)
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
    return units, forms


ZONE_COLUMNS = ("name", "forms", "kind", "host_adcode", "host_name", "level", "source")


def _add_zones(lexicon: Lexicon, forms: dict[str, list[tuple[Unit, bool]]]) -> None:
    """Development zones (宁乡经济技术开发区, 北京经开区) as names of their host unit."""
    path = lexicon.path("places", "development_zones.tsv")
    current = {
        u.adcode: u for options in forms.values() for u, _ in options if not u.valid_to
    }  # the unit in force under each code (浑南区, not 东陵区, for 210112)
    for row in read_tsv(path, ZONE_COLUMNS, key="name"):
        host = current.get(row["host_adcode"])
        if host is None or host.name != row["host_name"]:
            raise LexiconError(
                f"{path}:{row['_line']}: host {row['host_adcode']} {row['host_name']!r} "
                "is no unit of places/admin_divisions.tsv"
            )
        for form in {row["name"], *filter(None, row["forms"].split("|"))}:
            if form not in forms:  # a zone never hides a unit's own name
                forms[form] = [(host, False)]


@functools.cache
def gazetteer(lexicon: Lexicon) -> Gazetteer:
    """The gazetteer of a lexicon (built once per lexicon and process)."""
    units, forms = _units_and_forms(admin_divisions(lexicon))
    _add_zones(lexicon, forms)
    ambiguous_rows = read_tsv(lexicon.path("places", "ambiguous_forms.tsv"), ("form", "reason"))
    rules = lexicon.place_rules
    marks = "".join(re.escape(c) for c in rules["byline_sentence_marks"])
    patterns = _context_patterns(rules)
    return Gazetteer(
        forms={k: tuple(v) for k, v in forms.items()},
        units=units,
        scanner=Scanner(forms),
        ambiguous=frozenset(r["form"] for r in ambiguous_rows),
        everyday=frozenset(
            r["form"]
            for r in ambiguous_rows
            if r["reason"].startswith("jieba:")
            and int(r["reason"].rsplit(":", 1)[1]) >= int(rules["everyday_frequency"])
        ),
        rules=rules,
        short_only=frozenset(k for k, v in forms.items() if all(short for _, short in v)),
        not_before=tuple(rules["not_before"]),
        short_not_before=tuple(rules["short_not_before"]),
        gate_ends=tuple(rules["gate_ends"]),
        body_ends=tuple(rules["body_ends"]),
        slogan_numerals=frozenset(rules["slogan_numerals"]),
        slogan_not_counting=frozenset(rules["slogan_not_counting"]),
        byline_markers=tuple(rules["byline_markers"]),
        byline_max_line=int(rules["byline_max_line"]),
        sentence_mark=re.compile(f"[{marks}]"),
        organisation=_organisation_pattern(rules),
        lead_chars=int(rules["lead_chars"]),
        word_repeats=int(rules["word_repeats"]),
        admin_suffixes=tuple(rules["admin_suffixes"]),
        zone_suffixes=tuple(rules["zone_suffixes"]),
        self_reference={k: tuple(v) for k, v in rules["self_reference"].items()},
        feature_ends=frozenset(rules["feature_ends"]),
        feature_after=tuple(rules["feature_after"]),
        feature_before=tuple(rules["feature_before"]),
        feature_list=patterns["feature_list"],
        award_end=patterns["award_end"],
        quote_open=patterns["quote_open"],
        person_titles=tuple(rules["person_titles"]),
        road_list=patterns["road_list"],
        free_chars=frozenset(rules["free_chars"]),
        glue_min_freq=int(rules["glue_min_freq"]),
        town_suffixes=tuple(rules["town_suffixes"]),
        region=patterns["region"],
        region_before=tuple(rules["region_before"]),
        **_brands(lexicon, rules),
    )
