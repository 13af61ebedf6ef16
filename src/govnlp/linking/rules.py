"""The linking rules: the word lists of ``lexicons/rules/link.toml``, compiled once per lexicon."""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from govnlp.lexicon import Lexicon
from govnlp.text.tokenizer import place_terms

_YEAR = r"(?:19|20)[0-9]{2}年"


@dataclass(frozen=True)
class LinkRules:
    """Word lists and patterns of the subject, metric, role and period rules."""

    metrics: tuple[str, ...]
    entity_measures: tuple[str, ...]
    article_measures: tuple[str, ...]
    entity_heads: tuple[str, ...]
    whole_marks: tuple[str, ...]  # 整个|项目, 合资|公司: a back-reference's generic word
    bare_references: frozenset[str]  # 项目, 工程: alone, the project named before
    pair_references: dict[str, str]  # 后者 → latter, 双方 → both: names given as a pair
    reach_verbs: tuple[str, ...]  # 提供, 遍布: their counted object is no topic of later clauses
    stock_verbs: tuple[str, ...]  # 出栏, 存栏: livestock sold or held, the animal's measures
    topic_pronouns: tuple[str, ...]  # 它: a clause opening with one speaks of the topic
    prices: frozenset[str]
    topic_measures: tuple[str, ...]
    directions: tuple[str, ...]
    count_metric_verbs: frozenset[str]
    count_verbs_longest: tuple[str, ...]
    verb_classes: frozenset[str]
    indicator_forms: tuple[str, ...]
    measure_ends: tuple[str, ...]  # entity and statistical measures, longest first
    statistical_measures: tuple[str, ...]
    sector_ends: tuple[str, ...]
    trade_ends: tuple[str, ...]
    base_words: tuple[str, ...]
    spending: tuple[str, ...]
    bare_measures: frozenset[str]
    rate_owners: tuple[str, ...]
    state_rates: tuple[str, ...]
    place_names: frozenset[str]
    generic_verbs: frozenset[str]
    not_nominal_classes: frozenset[str]
    result_verbs: tuple[str, ...]
    predicate_chars: frozenset[str]
    level_nouns: tuple[str, ...]
    conditions: tuple[str, ...]
    within_year: frozenset[str]
    building_verbs: tuple[str, ...]
    any_building_verb: re.Pattern[str]  # finds a word of ``building_verbs``
    capacity_words: tuple[str, ...]
    condition_openings: tuple[str, ...]
    condition_clause_ends: tuple[str, ...]
    condition_consequences: tuple[str, ...]
    breakers: frozenset[str]
    not_subject: frozenset[str]
    conjunctions: frozenset[str]  # 因为, 但, 而: open a clause, never a name
    ratio_verbs: tuple[str, ...]  # 是, 相当于: X是Y的50%, longest first
    # an amount or rate by which the thing named after 给予 is given (2%|给予施工企业奖励,
    # 2000元|/年的标准给予补偿): the standard after 的 in group 1, the thing in group 2
    given: re.Pattern[str]
    modals: frozenset[str]
    compare_adverbs: tuple[str, ...]
    leading_work_verbs: frozenset[str]
    name_verbs: frozenset[str]  # 在建, 就业: verbs that name the noun after them
    name_openers: frozenset[str]  # 综合, 示范: verbs that only open a name (综合交通投资)
    causative_verbs: frozenset[str]  # 帮助, 组织: verbs whose object does what is measured
    arrival_verbs: frozenset[str]  # 入驻, 落户, 入围: a place or list follows them
    media_notes: frozenset[str]  # (图), (组图): a picture's mark, no part of a name
    actor_heads: tuple[str, ...]  # 企业, 区: heads of doers; a verb after them is their predicate
    rating_units: frozenset[str]  # 千伏, 毫升: units of a rating inside a name
    count_done_verbs: frozenset[str]  # 完成: between a counted noun and its count
    per_measures: tuple[str, ...]
    share_words: tuple[str, ...]
    share_nouns: tuple[str, ...]  # 占比, 比重: a share whose change keeps it in the metric
    listed_measures: tuple[str, ...]  # 保有量, 占比: ending a 分别 list, the measure of each item
    reached_verbs: frozenset[str]  # 达到: before a standard reached by each thing counted
    goods_verbs: frozenset[str]  # 生产, 出口: verbs taking goods as their object, tagged vn
    yearly_processes: tuple[str, ...]  # 炼油: a process, tagged a noun, whose yearly capacity
    per_goods: tuple[str, ...]  # /斤, /吨: after money, a price per unit of goods
    gain_chars: frozenset[str]  # 获: opening a noun phrase before a figure, what was gained
    time_units: frozenset[str]
    totalling: frozenset[str]
    one_char_nouns: frozenset[str]  # 村, 县: nouns of one character counted alone
    price_kinds: frozenset[str]  # 平均, 批发: a kind of price before a price word
    nominal_verbs: frozenset[str]  # verbs ending a name as nouns (电力需求)
    blanket_objects: tuple[str, ...]
    price_ends: tuple[str, ...]
    local_words: frozenset[str]
    determiners: frozenset[str]  # 各类, 各项: between a verb and its object
    linking_verbs: tuple[str, ...]
    terms: frozenset[str]
    continuers: tuple[str, ...]
    fillers: frozenset[str]
    indicator_rates: frozenset[str]
    level_changes: tuple[str, ...]
    review_sections: tuple[str, ...]
    plan_sections: tuple[str, ...]
    targets: tuple[str, ...]
    article_targets: tuple[str, ...]
    any_target: re.Pattern[str]  # finds a word of ``targets``
    any_article_target: re.Pattern[str]  # finds a word of ``article_targets``
    target_not_before: dict[str, tuple[str, ...]]
    limits: tuple[str, ...]
    rule_words: tuple[str, ...]
    threshold_verbs: tuple[str, ...]
    rule_shares: tuple[str, ...]
    present_marks: tuple[str, ...]
    ratio_marks: tuple[str, ...]
    goal_after: tuple[str, ...]
    measures_after: tuple[str, ...]
    progress_measures: tuple[str, ...]
    measure_verbs: tuple[str, ...]
    share_base_openers: tuple[str, ...]
    work_words: tuple[str, ...]  # 工作, 建设, 治理: the work a leading verb leads, longest first
    thing_measures: frozenset[str]
    announcing_verbs: frozenset[str]
    later_phases: tuple[str, ...]
    contrasts: re.Pattern[str]  # a clause that turns from the one before (但, 却)
    any_later_phase: re.Pattern[str]  # finds a word of ``later_phases``
    after_modals: tuple[str, ...]
    not_right_before: tuple[str, ...]
    ahead: re.Pattern[str]
    compared_after: tuple[str, ...]
    event_after: re.Pattern[str]  # 以后， ending a clause that tells an event (制度实施以后，)
    event_after_not: tuple[str, ...]
    event_marks: tuple[str, ...]
    event_verbs: re.Pattern[str]
    present_events: tuple[str, ...]
    before_changes: tuple[str, ...]
    before_done: tuple[str, ...]
    base_frame_marks: tuple[str, ...]
    base_frame_ends: tuple[str, ...]
    actuals: tuple[str, ...]
    signing: tuple[str, ...]  # 签订: an agreement signed, a result a headline says itself
    periods: re.Pattern[str]
    past: tuple[str, ...]
    compare: re.Pattern[str]
    base_marks: tuple[str, ...]
    year_base: re.Pattern[str]
    speeds: tuple[str, ...]
    scopes: frozenset[str]
    leading_verbs: frozenset[str]
    met: re.Pattern[str]
    levels: tuple[str, ...]
    carried_out: re.Pattern[str]
    plan_years: dict[str, int]
    report_openings: tuple[str, ...]
    report_markers: tuple[str, ...]
    report_titles: tuple[str, ...]
    bulletin_markers: tuple[str, ...]
    opening_blocks: int
    title_blocks: int
    opening_chars: int
    meeting_date: re.Pattern[str]
    year_is: re.Pattern[str]
    top_section: re.Pattern[str]
    five_years: tuple[str, ...]
    future_years: tuple[str, ...]
    one_year: tuple[str, ...]
    review_openings: tuple[str, ...]
    plan_openings: tuple[str, ...]
    averages: tuple[str, ...]
    level_verbs: frozenset[str]
    base_of: re.Pattern[str]
    goal_words: tuple[str, ...]


def _longest(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _either(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in _longest(words))


_MOST_FIRST = 4000  # the most first characters a pattern is given a class of


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters every match of ``pattern`` starts with; None where that cannot be told
    (a match may be empty, start with any character or depend on flags)."""
    try:
        parser = importlib.import_module("re._parser")
        consts = importlib.import_module("re._constants")
        parsed = parser.parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        out: set[str] = set()
        if _may_start_later(parsed.data, out, consts) or len(out) > _MOST_FIRST:
            return None
    except (ImportError, AttributeError, TypeError, ValueError, re.error):
        return None
    return frozenset(out)


def _may_start_later(items: Any, out: set[str], c: Any) -> bool:
    """Add to ``out`` the characters a match of the parsed ``items`` may start with; whether it
    may also match nothing (so that what follows may start it). ValueError where unknown."""
    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # no character taken
        if op is c.LITERAL:
            out.add(chr(av))
            return False
        if op is c.IN:
            out.update(_class_chars(av, c))
            return False
        if op is c.BRANCH:
            empties = [_may_start_later(alt.data, out, c) for alt in av[1]]
            if not any(empties):
                return False
        elif op is c.SUBPATTERN and not (av[1] or av[2]):
            if not _may_start_later(av[3].data, out, c):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if not _may_start_later(av[2].data, out, c) and av[0] > 0:
                return False
        else:
            raise ValueError(f"no first characters for {op}")
    return True


def _class_chars(items: Any, c: Any) -> set[str]:
    """The characters of a parsed character class of literals and ranges."""
    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] <= _MOST_FIRST:
            out.update(map(chr, range(av[0], av[1] + 1)))
        else:
            raise ValueError(f"no first characters for {op}")
    return out


def scanning(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled to find the same matches, with a lookahead of the characters its
    matches start with, where those can be told: a search then skips other positions at once
    instead of trying every alternative there."""
    first = first_chars(pattern)
    if not first:
        return re.compile(pattern)
    chars = "".join(re.escape(ch) for ch in sorted(first))
    try:
        return re.compile(f"(?=[{chars}])(?:{pattern})")
    except re.error:  # global flags (?s) must open a pattern
        return re.compile(pattern)


@functools.cache
def link_rules(lex: Lexicon) -> LinkRules:
    """The rules of ``lex``, built on first use and cached per lexicon."""
    raw: dict[str, Any] = lex.link_rules
    return LinkRules(
        metrics=_longest(raw["metrics"]),
        entity_measures=_longest(
            [*raw["entity_measures"], *raw["prices"], *raw["statistical_measures"]]
        ),
        statistical_measures=tuple(raw["statistical_measures"]),
        article_measures=_longest(raw["article_measures"]),
        sector_ends=tuple(raw["sector_ends"]),
        trade_ends=tuple(raw["trade_ends"]),
        spending=_longest(raw["spending"]),
        bare_measures=frozenset(raw["bare_measures"]),
        rate_owners=tuple(raw["rate_owners"]),
        state_rates=tuple(raw["state_rates"]),
        place_names=frozenset(name for name, _ in place_terms(lex)),
        base_words=tuple(w.removeprefix("的") for w in raw["base_of"]),
        entity_heads=tuple(raw["entity_heads"]),
        whole_marks=tuple(raw["whole_marks"]),
        bare_references=frozenset(raw["bare_references"]),
        pair_references={w: k for k, ws in raw["pair_references"].items() for w in ws},
        reach_verbs=tuple(raw["reach_verbs"]),
        stock_verbs=_longest(raw["stock_verbs"]),
        topic_pronouns=tuple(raw["topic_pronouns"]),
        prices=frozenset(raw["prices"]),
        topic_measures=_longest(raw["topic_measures"]),
        directions=_longest(raw["directions"]),
        count_metric_verbs=frozenset(raw["count_metric_verbs"]),
        count_verbs_longest=_longest(raw["count_metric_verbs"]),
        verb_classes=frozenset(raw["verb_classes"]),
        indicator_forms=_longest([f for i in lex.indicators for f in i.forms]),
        measure_ends=_longest([*raw["entity_measures"], *raw["statistical_measures"]]),
        generic_verbs=frozenset(raw["generic_verbs"]),
        not_nominal_classes=frozenset(raw["not_nominal_classes"]),
        result_verbs=_longest(raw["result_verbs"]),
        predicate_chars=frozenset(raw["predicate_chars"]),
        level_nouns=tuple(raw["level_nouns"]),
        conditions=tuple(raw["conditions"]),
        within_year=frozenset(raw["within_year"]),
        building_verbs=tuple(raw["building_verbs"]),
        any_building_verb=re.compile(_either(raw["building_verbs"])),
        capacity_words=tuple(raw["capacity_words"]),
        condition_openings=tuple(raw["condition_openings"]),
        condition_clause_ends=tuple(raw["condition_clause_ends"]),
        condition_consequences=tuple(raw["condition_consequences"]),
        breakers=frozenset(raw["breakers"]),
        not_subject=frozenset(raw["not_subject"]),
        conjunctions=frozenset(raw["conjunctions"]),
        ratio_verbs=_longest(raw["ratio_verbs"]),
        given=re.compile(
            r"(?:/[^\s，,。；;的]{1,3})?(?:的([^，,。；;给予]{1,6}?))?(?:再|可|将|一次性)?"
            f"(?:{_either(raw['giving_verbs'])})"
            r"([^，,。；;0-9(（]{2,16})(?:$|[(（])"
        ),
        modals=frozenset(raw["modals"]),
        compare_adverbs=tuple(raw["compare_adverbs"]),
        leading_work_verbs=frozenset(raw["leading_work_verbs"]),
        name_verbs=frozenset(raw["name_verbs"]),
        name_openers=frozenset(raw["name_openers"]),
        causative_verbs=frozenset(raw["causative_verbs"]),
        arrival_verbs=frozenset(raw["arrival_verbs"]),
        media_notes=frozenset(raw["media_notes"]),
        actor_heads=tuple(raw["actor_heads"]),
        rating_units=frozenset(raw["rating_units"]),
        count_done_verbs=frozenset(raw["count_done_verbs"]),
        per_measures=tuple(raw["per_measures"]),
        share_words=tuple(raw["share_words"]),
        share_nouns=tuple(raw["share_nouns"]),
        listed_measures=tuple(raw["listed_measures"]),
        reached_verbs=frozenset(raw["reached_verbs"]),
        goods_verbs=frozenset(raw["goods_verbs"]),
        yearly_processes=tuple(raw["yearly_processes"]),
        per_goods=tuple("/" + u for u in raw["goods_units"]),
        gain_chars=frozenset(raw["gain_chars"]),
        time_units=frozenset(raw["time_units"]),
        totalling=frozenset(raw["totalling"]),
        one_char_nouns=frozenset(raw["one_char_nouns"]),
        price_kinds=frozenset(raw["price_kinds"]),
        nominal_verbs=frozenset(raw["nominal_verbs"]),
        blanket_objects=tuple(raw["blanket_objects"]),
        price_ends=tuple(raw["price_ends"]),
        local_words=frozenset(raw["local_words"]),
        determiners=frozenset(raw["determiners"]),
        linking_verbs=_longest(raw["linking_verbs"]),
        terms=frozenset(t.text for t in lex.domain_terms if t.pos != "v"),  # verbs name nothing
        continuers=_longest(raw["continuers"]),
        fillers=frozenset(raw["fillers"]),
        indicator_rates=frozenset(raw["indicator_rates"]),
        level_changes=_longest(raw["level_changes"]),
        review_sections=tuple(raw["review_sections"]),
        plan_sections=tuple(raw["plan_sections"]),
        targets=_longest(raw["targets"]),
        article_targets=_longest([*raw["targets"], *raw["future"], *raw["limits"]]),
        any_target=re.compile(_either(raw["targets"])),
        any_article_target=re.compile(_either([*raw["targets"], *raw["future"], *raw["limits"]])),
        target_not_before={k: tuple(v) for k, v in raw["target_not_before"].items()},
        limits=tuple(raw["limits"]),
        rule_words=tuple(raw["rule_words"]),
        threshold_verbs=tuple(raw["threshold_verbs"]),
        rule_shares=tuple(raw["rule_shares"]),
        present_marks=tuple(raw["present_marks"]),
        ratio_marks=tuple(raw["ratio_marks"]),
        goal_after=tuple(raw["goal_after"]),
        measures_after=tuple(raw["measures_after"]),
        progress_measures=tuple(raw["progress_measures"]),
        measure_verbs=_longest(raw["measure_verbs"]),
        share_base_openers=_longest(raw["share_base_openers"]),
        work_words=_longest(raw["work_words"]),
        thing_measures=frozenset(raw["thing_measures"]),
        announcing_verbs=frozenset(raw["announcing_verbs"]),
        later_phases=tuple(raw["later_phases"]),
        contrasts=re.compile(raw["contrasts"]),
        any_later_phase=re.compile(_either(raw["later_phases"])),
        after_modals=tuple(raw["after_modals"]),
        not_right_before=tuple(raw["not_right_before"]),
        ahead=re.compile(raw["ahead_periods"]),
        compared_after=tuple(raw["compared_after"]),
        event_after=re.compile(f"(?:{_either(raw['event_after'])})(?=[，,])"),
        event_after_not=tuple(raw["event_after_not"]),
        event_marks=tuple(raw["event_marks"]),
        event_verbs=re.compile(raw["event_verbs"]),
        present_events=tuple(raw["present_events"]),
        before_changes=tuple(raw["before_changes"]),
        before_done=tuple(raw["before_done"]),
        base_frame_marks=tuple(raw["base_frame_marks"]),
        base_frame_ends=tuple(raw["base_frame_ends"]),
        actuals=tuple(raw["actuals"]),
        signing=tuple(raw["signing"]),
        periods=scanning(
            "|".join(f"(?:{p})" for p in [f"(?P<ahead>{raw['ahead_periods']})", *raw["periods"]])
        ),
        past=tuple(raw["past"]),
        compare=re.compile(
            f"(?:{_either(raw['compare_markers'])})"
            f"(?:{_either(raw['compare_bases'])}|{_YEAR}(?:末|底)?)"
            f"(?:{_either(raw['compare_suffixes'])})?$"
        ),
        base_marks=tuple(raw["base_marks"]),
        year_base=re.compile(f"(?:{_either(raw['year_base_marks'])}){_YEAR}(?:末|底)?$"),
        speeds=tuple(raw["speeds"]),
        scopes=frozenset(raw["scopes"]),
        leading_verbs=frozenset(raw["leading_verbs"]),
        met=re.compile(_either(raw["met"])),
        levels=tuple(raw["levels"]),
        carried_out=re.compile(f"(?:{_either(raw['carried_out'])})([^，,。；;、“”0-9]{{2,6}})$"),
        plan_years={str(k): int(v) for k, v in raw["plan_years"].items()},
        report_openings=tuple(raw["report_openings"]),
        report_markers=tuple(raw["report_markers"]),
        report_titles=tuple(raw["report_titles"]),
        bulletin_markers=tuple(raw["bulletin_markers"]),
        opening_blocks=int(raw["opening_blocks"]),
        title_blocks=int(raw["title_blocks"]),
        opening_chars=int(raw["opening_chars"]),
        meeting_date=re.compile(raw["meeting_date"]),
        year_is=re.compile(raw["year_is"]),
        top_section=re.compile(raw["top_section"]),
        five_years=tuple(raw["five_years"]),
        future_years=tuple(raw["future_years"]),
        one_year=tuple(raw["one_year"]),
        review_openings=tuple(raw["review_openings"]),
        plan_openings=tuple(raw["plan_openings"]),
        averages=tuple(raw["averages"]),
        level_verbs=frozenset(raw["level_verbs"]),
        goal_words=tuple(raw["goal_words"]),
        base_of=re.compile(f"[^，,；;。]*?(?:{_either(raw['base_of'])})"),
    )
