from __future__ import annotations

import csv

import pytest

from _support import ROOT, load_cases
from govnlp.places.find import find_places

FIELDS = ("text", "mention", "name", "adcode")


@pytest.mark.parametrize(FIELDS, load_cases("places", fields=FIELDS))
def test_case(text: str, mention: str, name: str, adcode: str) -> None:
    places = find_places(text)
    for p in places:
        assert text[p.start : p.end] == p.text
    at = text.index(mention)
    end = at + len(mention)
    hits = [p for p in places if p.start < end and at < p.end]
    if adcode == "none":  # nothing there but maybe a longer name around it (高唐县 ⊃ 唐县)
        assert [p for p in hits if at <= p.start and p.end <= end] == [], hits
        return
    exact = [p for p in hits if p.text == mention]
    assert exact, f"{mention!r} not found in {[p.text for p in places]}"
    place = exact[0]
    if adcode == "?":  # undecided between units, or a short form the text does not support
        assert place.adcode is None and place.county is None
        assert len(place.candidates) >= (2 if name != mention else 1)
    else:
        assert (place.name, place.adcode) == (name, adcode)


def _units() -> list[dict[str, str]]:
    path = ROOT / "lexicons" / "places" / "admin_divisions.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        return [r for r in rows if r["level"] == "county" and not r["valid_to"]]


def test_every_county_is_found_in_a_template_sentence() -> None:
    from govnlp.lexicon import default_lexicon
    from govnlp.places.gazetteer import gazetteer

    ambiguous = gazetteer(default_lexicon()).ambiguous
    units = _units()
    assert len(units) > 2800
    missing = []
    for unit in units:
        # generic names (城区, 郊区, 矿区) are places only next to their parent
        parent = unit["prefecture"] if unit["name"] in ambiguous else ""
        sentence = f"2023年，{parent}{unit['name']}完成固定资产投资12.5亿元。"
        places = find_places(sentence)
        ok = any(
            p.text == unit["name"] and (p.adcode == unit["adcode"] or p.adcode is None)
            for p in places
        )
        if not ok:
            missing.append(unit["name"])
    assert missing == []


def test_unambiguous_short_forms_are_found() -> None:
    units = _units()
    owners: dict[str, set[str]] = {}
    for unit in units:
        for short in filter(None, unit["short_names"].split("|")):
            owners.setdefault(short, set()).add(unit["adcode"])
    from govnlp.lexicon import default_lexicon
    from govnlp.places.gazetteer import gazetteer

    g = gazetteer(default_lexicon())
    checked = missing = 0
    failures = []
    for short, codes in owners.items():
        if len(codes) != 1 or short in g.ambiguous or len(g.forms[short]) != 1:
            continue
        checked += 1
        (unit,) = [u for u in units if u["adcode"] in codes]
        # a county's short form is a place where the document supports it: its prefecture named
        parent = (unit["prefecture"] or unit["province"]) if unit["level"] == "county" else ""
        sentence = f"{parent}：2023年，{short}完成固定资产投资12.5亿元。"
        if not any(p.text == short and p.adcode in codes for p in find_places(sentence)):
            missing += 1
            failures.append(short)
    assert checked > 2000
    assert missing <= checked // 100, failures[:50]


def test_organisation_names_are_mentions_without_scope() -> None:
    text = "图④:濮阳恒润筑邦石油化工有限公司危化品仓储项目。星汉生物引进哈尔滨工业大学技术。"
    places = find_places(text)
    assert [(p.text, p.in_organisation) for p in places] == [("濮阳", True), ("哈尔滨", True)]
    assert not find_places("南乐县人民政府")[0].in_organisation


def test_municipality_district_reports_the_municipality() -> None:
    (_, district) = find_places("北京市朝阳区")
    assert (district.county, district.prefecture, district.province) == (
        "朝阳区",
        "北京市",
        "北京市",
    )


def test_shared_name_resolved_by_the_document() -> None:
    text = "长春市召开会议。会上，朝阳区介绍了经验。"
    district = next(p for p in find_places(text) if p.text == "朝阳区")
    assert district.adcode == "220104"


def test_year_picks_the_name_in_force() -> None:
    old = find_places("保定：徐水完成投资5亿元", year=2008)[1]
    new = find_places("保定：徐水完成投资5亿元", year=2020)[1]
    assert (old.name, old.adcode) == ("徐水县", "130609")
    assert (new.name, new.adcode) == ("徐水区", "130609")


def test_places_made_on_the_fast_path_equal_constructed_ones() -> None:
    import pickle

    from govnlp.places.find import Place, _make_place

    args = ("南乐", 3, 5, "南乐县", "410923", "county", "南乐县", "濮阳市", "河南省", (), "南乐",
            False, ())  # fmt: skip
    made = _make_place(*args)
    built = Place(
        text="南乐", start=3, end=5, name="南乐县", adcode="410923", level="county",
        county="南乐县", prefecture="濮阳市", province="河南省", candidates=(),
        matched_alias="南乐", in_organisation=False, units=(),
    )  # fmt: skip
    assert type(made) is Place and made == built and repr(made) == repr(built)
    assert pickle.loads(pickle.dumps(made)) == built
    with pytest.raises(TypeError, match="13 fields"):
        _make_place(*args[:-1])


def test_traditional_characters_are_found_without_normalising_first() -> None:
    # the early exit must not skip a text whose names appear only once normalised
    assert [p.name for p in find_places("濮陽縣")] == ["濮阳县"]
    assert find_places("全年完成投资12.5亿元，同比增长6%。") == []
