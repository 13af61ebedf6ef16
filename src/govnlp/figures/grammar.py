"""The figure grammar: the patterns and tables built from the lexicon.

The patterns are built from the tables in ``lexicons/`` (units, measure words, qualifiers,
range connectors, guards); :mod:`govnlp.figures.guards` and :mod:`govnlp.figures.find` read
matches of them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from govnlp.lexicon import Lexicon
from govnlp.records import FIGURE_TYPES, Kind, MakeFigure, Qualifier, figure_maker

# The named groups of the grammar, in the order of ``re.Match.groups()``.
GROUPS = (
    "pre", "rmb", "den", "numer", "slash", "pfx", "sign", "n1", "u1", "per", "sep",
    "pfx2", "n2", "unit", "post", "zheng",
)  # fmt: skip
#: Group numbers of the qualifier before, the sign, the two numbers and the connector between
#: them, the unit and the qualifier after.
PRE, SIGN, N1, SEP, N2, UNIT, POST = (
    GROUPS.index(name) + 1 for name in ("pre", "sign", "n1", "sep", "n2", "unit", "post")
)

# Magnitudes from 万 up make a bare number a figure (金额4120亿) and a unit like 度 one (亿度).
_LARGE_FROM = 10_000
#: A year written in Arabic numerals (the 2023 of 2023届).
YEAR = re.compile(r"(?:19|20)[0-9]{2}")
# The longest denominator of a fraction read (十分之一): a longer run before 分之 is none, and the
# test for it stays short at every position of a long run of digits.
_DENOMINATOR_REACH = 48
# The longest numerator and denominator of a fraction written with a slash (1/3, 2/3).
_SLASH_DIGITS = 3
# The mark between a rate and the unit it is per (300元/吨, 2000万吨/年).
_PER_MARK = "/"
# The signs written before a number (增长-3.2%).
_SIGNS = "-+−"
_NEGATIVE = "负"  # a written minus before digits (增长负3.2%; not 正负5%, 负债5亿元)
# 负 is a sign after a verb of being, reaching or change (增长负3.2%, 利润为负5亿元), or after no
# Chinese character at all; after any other character it ends a word (减负230亿元, 正负5%)
_NEGATIVE_SIGN = rf"(?:(?<=[长为是至到达计])|(?<![\u4e00-\u9fff])){_NEGATIVE}"
# Magnitudes that make a run of Chinese numerals a number when they follow its first numeral.
_RUN_MAGNITUDES = "十百千万亿"
# 第1、: the ordinal of a list of ranks (its digits, before the prefix and joiner are added).
_ORDINAL_DIGITS = "[0-9一二三四五六七八九十]+"

_Trie = dict[str, "_Trie"]


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of the literal ``words`` (longest first), as a character trie so
    that the engine tests each character once."""
    trie: _Trie = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if len(branches) > 3:  # the engine tries branches one by one: a class fails at once
            body = f"(?=[{re.escape(''.join(sorted(ch for ch in node if ch)))}]){body}"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _chars(words: Iterable[str]) -> str:
    """The characters of one-character ``words``, escaped for a character class."""
    return re.escape("".join(words))


@dataclass(frozen=True, slots=True)
class Grammar:
    """The figure grammar of one lexicon: its patterns and the word tables its guards read."""

    pattern: re.Pattern[str]
    anchor: re.Pattern[str]
    starts: re.Pattern[str]
    qualifier_of: dict[tuple[str, str], Qualifier]
    unit_kind: dict[str, tuple[Kind, str, Decimal]]
    percent_prefix: dict[str, Decimal]
    percent_unit: str  # the unit of 百分之 and 三分之一
    implied_money: re.Pattern[str]
    implied_unit: str  # the unit of 金额4120亿
    money_sentence: re.Pattern[str]  # a word or an amount in 元 making a sentence speak of money
    money_after: re.Pattern[str]  # 总产值 of 12亿总产值: an amount word after a bare amount
    bare_ends: frozenset[str]  # what may follow a bare amount in a sentence speaking of money
    counted_in_clause: re.Pattern[str]  # 游客 of 接待游客120万: the bare number counts it
    sentence_end: re.Pattern[str]
    implied_count: re.Pattern[str]  # 人口有40多万: the noun before, in group 1
    implied_count_unit: dict[str, str]  # the noun → the measure word reported
    counted_nouns: dict[str, str]  # nouns a number counts, written right after it (人口)
    counted_after: re.Pattern[str]  # 916万居民用户: the noun after, in group 1
    negations: tuple[str, ...]  # 未 没有, reversing a qualifier before a number
    outside: frozenset[str]  # 约为 约合: qualifiers with a verb, left out of the span
    distant: re.Pattern[str]  # 约占…的: a qualifier away from the number, before its clause's end
    negated: dict[Qualifier, Qualifier]  # the qualifier a negation turns it into
    spoken_measure: str  # 个 of 80个亿
    magnitude_chars: str
    digit_chars: str
    magnitude_set: frozenset[str]
    large: frozenset[str]  # 万 亿 and their other forms
    tens: frozenset[str]  # 十 拾: magnitudes that are numbers alone
    trailing_magnitude: re.Pattern[str]
    inside_words: tuple[str, ...]  # 余 多, written between a number and its unit
    inside_chars: str
    number_char: re.Pattern[str]
    approx: str  # 几, the unknown digit
    not_after_chinese: frozenset[str]
    rank_units: frozenset[str]
    rank_before: tuple[str, ...]
    rank_moves: tuple[str, ...]
    rank_not_after: tuple[str, ...]  # 目前 提前: time words ending in a rank word
    top_units: frozenset[str]  # 个 家 of 前4个公司
    rank_or_top_units: frozenset[str]  # rank_units and top_units together
    grade_marks: tuple[str, ...]  # 级 of 万吨级
    per_unit: re.Pattern[str]  # /年 of 2000万吨/年以上
    per_mark: str  # the / that per_unit opens with
    quoted_name_reach: int
    closing_quote: re.Pattern[str]
    closing_chars: str  # the closing quotes
    statement: re.Pattern[str]
    clause: re.Pattern[str]
    after_words: tuple[str, ...]  # qualifiers written after a figure (以上, 左右 …)
    duration_unit: str
    duration_after_ge: tuple[str, ...]
    need_magnitude: frozenset[str]
    energy_words: tuple[str, ...]  # words of electricity that make 度 a unit alone
    small_chinese_ok: frozenset[str]
    ordinal_pair_digits: frozenset[str]
    vague_before: str  # 数 of 数十亿元
    vague_noun_heads: str  # 人 总 of 人数 总数: 数 ends a noun after them
    ordinal_prefixes: tuple[str, ...]
    ordinal_list: re.Pattern[str]
    quotes: dict[str, str]
    not_after: dict[str, str]
    breakthrough_verbs: frozenset[str]
    noun: re.Pattern[str]
    unit_not_before: dict[str, tuple[str, ...]]
    not_after_year: frozenset[str]
    threshold_after: frozenset[str]
    threshold_not_before: frozenset[str]
    threshold_nouns: tuple[str, ...]
    threshold_heads: tuple[str, ...]
    proportion_each: str  # 每 of 每生产12辆汽车就有1辆
    proportion_then: re.Pattern[str]  # 就有 and a number
    label_breaks: frozenset[str]
    idioms: re.Pattern[str] | None
    list_joiners: tuple[str, ...]
    qualifier_joiners: tuple[str, ...]
    list_after_marker: re.Pattern[str]
    connector_chars: str  # the one-character range connectors (至 到 -)
    chain_chars: str  # Chinese numerals and signs: what a dash joins to a number after it
    makers: dict[Kind, MakeFigure]
    bare_magnitude: re.Pattern[str]  # 百余所, 千余家: a magnitude alone, 余 and a count's unit
    small_units: dict[str, Decimal]  # parts of a 元 (分 → 0.01) and their worth
    small_money: re.Pattern[str]  # an amount in them after a change of price (上调0.4分)
    small_topics: tuple[str, ...]  # what its sentence must speak of (价, 成本)
    points: re.Pattern[str]  # a number of points (加2分, 100分计)
    points_unit: str
    points_verbs: tuple[str, ...]  # a verb of scoring right before the points (加, 扣)
    points_cues: re.Pattern[str]  # a word of scoring near them (分值, 总分), or 加N分


def _qualifiers(quals: dict[str, Any]) -> dict[tuple[str, str], Qualifier]:
    """(where, word) → qualifier, for the words written before, inside and after a number."""
    qualifier_of: dict[tuple[str, str], Qualifier] = {}
    for where in ("before", "inside", "after"):
        for name, words in quals[where].items():
            for word in words:
                qualifier_of[(where, word)] = Qualifier(name)
    return qualifier_of


# Marks that end the reach of a qualifier written away from its number (约占…的|10%)
DISTANT_BREAKS = "，,。；;：:！!？?\n"


def _distant(words: dict[str, list[str]]) -> re.Pattern[str]:
    """The pattern of a qualifier away from the number that ends the text it is matched on
    (约占全国的|10%): a group per qualifier; `under` only with 的 before the number."""
    gap = f"[^{DISTANT_BREAKS}0-9]{{0,20}}"
    parts = [
        f"(?P<{name}>{alternation(ws)}){gap}{'的' if name == 'under' else ''}"
        for name, ws in words.items()
    ]
    return re.compile("(?:" + "|".join(parts) + ")$")


def _unit_kinds(lex: Lexicon) -> dict[str, tuple[Kind, str, Decimal]]:
    """Unit as written → (kind, unit reported, factor into it)."""
    unit_kind: dict[str, tuple[Kind, str, Decimal]] = {}
    for word in lex.classifiers:
        unit_kind[word] = (Kind.COUNT, word, Decimal(1))
    for alias, (unit, factor) in lex.physical_units.items():
        unit_kind[alias] = (Kind.QUANTITY, unit, factor)
    for alias, unit in lex.currencies.items():
        unit_kind[alias] = (Kind.MONEY, unit, Decimal(1))
    for alias, (unit, factor) in lex.rules["percent"]["units"].items():
        unit_kind[alias] = (Kind.PERCENT, unit, Decimal(factor))
    return unit_kind


def _pattern(
    lex: Lexicon,
    qualifier_of: dict[tuple[str, str], Qualifier],
    unit_kind: dict[str, tuple[Kind, str, Decimal]],
    percent_prefix: dict[str, Decimal],
) -> re.Pattern[str]:
    """The figure grammar proper: qualifier, number or range, unit, qualifier."""
    rules = lex.rules
    digits = "".join(sorted(lex.numerals))
    mags = "".join(sorted(lex.magnitudes))
    inside = _chars(rules["qualifiers"]["inside"]["over"])
    # A magnitude character that begins a unit (千瓦, 千米, 百分点) belongs to the unit.
    guarded = []
    for m in mags:
        tails = [u[1:] for u in [*unit_kind, *percent_prefix] if u.startswith(m) and len(u) > 1]
        tails += rules["guards"]["magnitude_not_before"].get(m, [])
        guarded.append(f"{re.escape(m)}(?!{alternation(tails)})" if tails else re.escape(m))
    cn_char = f"(?:[{digits}几]|{'|'.join(guarded)})"
    # 1 000 and 12 345 678: a space between groups of three, in the whole run or none
    spaced = r"[0-9]{1,3}(?:[ ][0-9]{3})++(?![0-9])"
    arabic = rf"(?:{spaced}|[0-9]+(?:,[0-9]{{3}}(?![0-9]))*)(?:\.[0-9]+|)"  # 1,234.5
    number = rf"(?:{arabic}|{cn_char}+(?:点[{digits}]+|))+"
    # a numerator never runs two digits together: 十分之一 in 十分之一二手房
    numerator = rf"(?:{arabic}|[{digits}](?:[十百千][{digits}]?)*)"
    denominator = rf"(?:{arabic}|[{digits}{mags}]+)"
    quals = rules["qualifiers"]
    units = alternation(unit_kind)
    # 余/多 between a number and its magnitude or unit: 50余万, 3亿多, 5000多万; 个 before 亿 in
    # speech: 80个亿, 50个亿元 (not 116个亿元以上项目, a count of a class)
    spoken = re.escape(quals["spoken_measure"]) + f"(?:{alternation(quals['spoken_magnitudes'])})"
    spoken = rf"{spoken}(?!(?:{units})以[上下])"
    quantity = rf"{number}(?:[{inside}](?:{'|'.join(guarded)})*|)(?:{spoken}|)"
    before = alternation(w for (where, w) in qualifier_of if where == "before")
    after = _after_unit([w for (where, w) in qualifier_of if where == "after"], quals["after_open"])
    prefixes = alternation(percent_prefix)
    connectors = alternation(rules["ranges"]["connectors"])
    per = alternation([*lex.physical_units, *lex.classifiers, *rules["ranges"]["per"]])
    currency = alternation(rules["money"]["currency_before"])
    closing = alternation(rules["money"]["closing"])
    # the run of numerals before 分之 or a slash, whole and short
    run = f"[0-9,.{digits}{mags}]{{1,{_DENOMINATOR_REACH}}}+"
    slash = f"[0-9]{{1,{_SLASH_DIGITS}}}/[0-9]{{1,{_SLASH_DIGITS}}}"
    # An optional part is written (?:…|), not (?:…)?: the engine then saves no groups at the
    # branches inside it, and each group more costs every match (the slash is one group).
    pattern = re.compile(
        rf"""
        (?:(?P<pre>{before})|)                  # 约 近 超过 不少于 …
        (?:(?P<rmb>{currency})|)                # currency written first (人民币)
        (?:
            (?={run}(?:分之|/))                  # a fraction (one look at the run):
            (?:
                (?={run}分之)                    # (the whole run, short)
                (?!{prefixes})(?P<den>{denominator})分之(?P<numer>{numerator})  # 十分之一
              |
                (?<![0-9./])(?P<slash>{slash})(?![0-9./])  # 1/3
            )
          |
            (?:(?P<pfx>{prefixes})|)            # 百分之 千分之
            (?:(?P<sign>(?:[{_SIGNS}]|{_NEGATIVE_SIGN})(?=[0-9]))|)  # 增长-3.2%, 增长负3.2%
            (?P<n1>{quantity})                  # 3.5万 一百零四 50余万
            (?:
                (?:
                    (?P<u1>{units})             # 6% in 6%-6.5%
                    (?:/(?P<per>{per})|)        # 300元/吨到360元/吨
                |)
                (?P<sep>{connectors})           # 至 到 -
                (?:(?P<pfx2>{prefixes})|)
                (?P<n2>{quantity})
            |)
            (?:(?P<unit>{units})|)              # 元 亿元 % 个 亩 …
            (?(per)(?=/(?P=per)))               # (a range of rates: per the same unit)
        )
        (?:[ ]?(?P<post>{after})|)              # 以上 左右 以内 … (85% 以上)
        (?:(?P<zheng>{closing})|)               # 贰佰万元整
        """,
        re.VERBOSE,
    )
    assert tuple(pattern.groupindex) == GROUPS, "the grammar's groups are read by position"
    return pattern


def _after_unit(words: list[str], open_words: dict[str, str]) -> str:
    """The qualifiers written after the unit; one that begins other words (多 of 多晶硅) only
    before a character that is no Chinese word character or one it allows (5米多高)."""
    closed = alternation(w for w in words if w not in open_words)
    tails = [
        f"{re.escape(w)}(?:(?=[{re.escape(open_words[w])}])|(?![\u4e00-\u9fff]))"
        if open_words[w]
        else f"{re.escape(w)}(?![\u4e00-\u9fff])"  # 435万许。: before no word character only
        for w in words
        if w in open_words
    ]
    return "|".join([closed, *tails]) if closed else "|".join(tails)


def _anchor(
    digits: str, mags: str, inside: str, units: Iterable[str], prefixes: Iterable[str]
) -> re.Pattern[str]:
    """Where a figure can be: Arabic numerals (not a year before 年), Chinese numerals right
    before a unit or 分之, and 百分之 / 千分之.

    The pattern opens with a character class so that the regex engine skips the text between
    numerals in C; what follows the first character looks back at it. A run of numerals is an
    anchor whole or not at all, read once: the time stays linear in the length of the text."""
    firsts = "".join(sorted({u[0] for u in units} - set(digits + mags + "0123456789")))
    cn = f"[{digits}{mags}几]"
    # the Chinese numerals of a run other than those that make it a number alone (一万二)
    plain = f"[{''.join(sorted(set(digits + mags) - set(_RUN_MAGNITUDES)))}几]"
    tails = alternation(p[1:] for p in prefixes)
    heads = "".join(sorted({p[0] for p in prefixes}))
    return re.compile(
        rf"""
        [0-9{digits}{mags}几{re.escape(heads)}]
        (?:
            (?<=[{re.escape(heads)}]){tails}              # 百分之 and the numerals after it,
            [{digits}{mags}几点]*+                         # whole (百分之九九…, not cut at 百)
          | (?<=[0-9])(?<![0-9.][0-9])                    # Arabic numerals, whole,
            (?<!1(?=9[0-9]{{2}}年))(?<!2(?=0[0-9]{{2}}年))  # years left out
            [0-9]*+(?:[., ][0-9]++)*+                     # (1,234.5 and 1 000)
          | (?<={cn})(?<!{cn}{cn})                         # a run of Chinese numerals, whole:
            (?:
                {cn}*+(?:[{inside}]{cn}*+)?                #   before a unit: 一百零四个,
                (?=[{re.escape(firsts)}]|分之)             #   三分之一, 三十余万元
              | {plain}*+                                  #   or holding a magnitude after
                (?:[{_RUN_MAGNITUDES}]|[{inside}]{plain}*+[{_RUN_MAGNITUDES}])
                {cn}*+(?:[{inside}]{cn}*+)?                #   its first numeral: 一万二
            )
        )
        """,
        re.VERBOSE,
    )


def _starts(
    qualifier_of: dict[tuple[str, str], Qualifier],
    currency_before: Iterable[str],
    prefixes: Iterable[str],
    digits: str,
    mags: str,
) -> re.Pattern[str]:
    """Every character a match can begin with: a qualifier, 人民币, 百分之, a sign or a numeral."""
    firsts = {w[0] for (where, w) in qualifier_of if where == "before"}
    firsts |= {w[0] for w in currency_before} | {"-", "+", "−", _NEGATIVE, "几"}
    firsts |= {p[0] for p in prefixes}
    return re.compile(f"[0-9{re.escape(''.join(sorted(firsts)) + digits + mags)}]")


def _words(words: Iterable[str], before: str = "", after: str = "") -> re.Pattern[str]:
    """A pattern of any of ``words``, between the regex fragments ``before`` and ``after``."""
    return re.compile(f"{before}(?:{alternation(words)}){after}")


@functools.cache
def grammar(lex: Lexicon) -> Grammar:
    """The figure grammar built from the tables of ``lex`` (once per lexicon)."""
    rules = lex.rules
    guards, money, lists = rules["guards"], rules["money"], rules["lists"]
    counts, quals = rules["counts"], rules["qualifiers"]
    qualifier_of = _qualifiers(rules["qualifiers"])
    unit_kind = _unit_kinds(lex)
    percent_prefix = {k: Decimal(v) for k, v in rules["percent"]["prefixes"].items()}
    digits = "".join(sorted(lex.numerals))
    mags = "".join(sorted(lex.magnitudes))
    inside_words = tuple(rules["qualifiers"]["inside"]["over"])
    connectors = "".join(w for w in rules["ranges"]["connectors"] if len(w) == 1)
    clause = _chars(guards["clause_marks"])
    return Grammar(
        pattern=_pattern(lex, qualifier_of, unit_kind, percent_prefix),
        anchor=_anchor(digits, mags, _chars(inside_words), unit_kind, percent_prefix),
        starts=_starts(qualifier_of, money["currency_before"], percent_prefix, digits, mags),
        qualifier_of=qualifier_of,
        unit_kind=unit_kind,
        percent_prefix=percent_prefix,
        percent_unit=str(rules["percent"]["unit"]),
        implied_money=_words(
            money["implied_by"], after=f"(?:{alternation(money['linking_verbs'])})?$"
        ),
        implied_unit=str(money["implied_unit"]),
        money_sentence=re.compile(
            f"{alternation(money['sentence_cues'])}|[0-9{re.escape(mags)}]"
            f"(?:{alternation(lex.currencies)})"
        ),
        money_after=_words(money["implied_by"]),
        bare_ends=frozenset(money["bare_ends"]),
        counted_in_clause=_words(money["counted_in_clause"]),
        sentence_end=re.compile(f"[{_chars(money['sentence_ends'])}]"),
        implied_count=_words(
            counts["implied_by"],
            before="(",
            after=f")(?:{alternation(counts['adverbs'])})?"
            f"(?:{alternation(counts['linking_verbs'])})?$",
        ),
        implied_count_unit={**counts["implied_by"], **counts["counted_after"]},
        counted_nouns=dict(counts["counted_after"]),
        counted_after=re.compile(
            rf"[\u4e00-\u9fff]{{0,{int(counts['counted_reach'])}}}?"
            rf"({alternation(counts['counted_after'])})"
        ),
        negations=tuple(quals["negations"]),
        outside=frozenset(quals["outside"]),
        distant=_distant(quals["distant"]),
        negated={Qualifier(k): Qualifier(v) for k, v in quals["negated"].items()},
        spoken_measure=str(quals["spoken_measure"]),
        magnitude_chars=mags,
        digit_chars=digits,
        magnitude_set=frozenset(mags),
        large=frozenset(c for c, v in lex.magnitudes.items() if v >= _LARGE_FROM),
        tens=frozenset(c for c, v in lex.magnitudes.items() if v == 10),
        trailing_magnitude=re.compile(f"[{re.escape(mags)}]+$"),
        inside_words=inside_words,
        inside_chars="".join(inside_words),
        number_char=re.compile(rf"[\d{digits}几]"),
        approx="几",
        not_after_chinese=frozenset(guards["not_after_chinese"]),
        rank_units=frozenset(guards["rank_units"]),
        rank_before=tuple(guards["rank_before"]),
        rank_moves=tuple(guards["rank_moves"]),
        rank_not_after=tuple(guards["rank_not_after"]),
        top_units=frozenset(guards["top_units"]),
        rank_or_top_units=frozenset([*guards["rank_units"], *guards["top_units"]]),
        grade_marks=tuple(guards["grade_marks"]),
        per_unit=re.compile(
            re.escape(_PER_MARK)
            + f"(?:{alternation([*lex.physical_units, *lex.classifiers, *rules['ranges']['per']])})"
        ),
        per_mark=_PER_MARK,
        quoted_name_reach=int(guards["quoted_name_reach"]),
        closing_quote=re.compile(
            f"[{re.escape(''.join(b for a, b in guards['quotes'] if a != b))}]"
        ),
        closing_chars="".join(b for a, b in guards["quotes"] if a != b),
        statement=_words(guards["statement_verbs"]),
        clause=re.compile(f"[{clause}]"),
        after_words=tuple(w for (where, w) in qualifier_of if where == "after"),
        duration_unit=str(guards["duration_unit"]),
        duration_after_ge=tuple(guards["duration_after_ge"]),
        need_magnitude=frozenset(guards["need_magnitude"]),
        energy_words=tuple(guards["energy_words"]),
        small_chinese_ok=frozenset(guards["small_chinese_ok"]),
        ordinal_pair_digits=frozenset(guards["ordinal_pair_digits"]),
        vague_before=str(guards["vague_before"]),
        vague_noun_heads=str(guards["vague_noun_heads"]),
        ordinal_prefixes=tuple(guards["ordinal_prefixes"]),
        ordinal_list=_words(
            guards["ordinal_prefixes"],
            after=f"{_ORDINAL_DIGITS}(?:{alternation(lists['joiners'])})$",
        ),
        quotes={a: b for a, b in guards["quotes"]},
        not_after=dict(guards["not_after"]),
        breakthrough_verbs=frozenset(guards["breakthrough_verbs"]),
        # a noun after 突破N个, not a conjunction or particle
        noun=_words(guards["not_nouns"], before="(?!", after=")[\u4e00-\u9fff]"),
        unit_not_before={k: tuple(v) for k, v in guards["unit_not_before"].items()},
        not_after_year=frozenset(guards["not_after_year"]),
        threshold_after=frozenset(guards["threshold_after"]),
        threshold_not_before=frozenset(guards["threshold_not_before"]),
        threshold_nouns=tuple(guards["threshold_nouns"]),
        threshold_heads=tuple(guards["threshold_heads"]),
        proportion_each=str(guards["proportion_each"]),
        proportion_then=_words(guards["proportion_then"], after=rf"[0-9{digits}]"),
        label_breaks=frozenset(guards["label_breaks"]),
        idioms=re.compile(alternation(guards["idioms"])) if guards["idioms"] else None,
        list_joiners=tuple(lists["joiners"]),
        qualifier_joiners=tuple(lists["qualifier_joiners"]),
        list_after_marker=_words(lists["markers"], after=f"[^{clause}]{{0,20}}$"),
        connector_chars=connectors,
        chain_chars=digits + mags + "几" + _SIGNS,
        makers={kind: figure_maker(cls) for kind, cls in FIGURE_TYPES.items()},
        bare_magnitude=re.compile(
            r"(?<![0-9一二三四五六七八九十两几百千万亿数上近])(?P<mag>[百千万])(?P<post>[余多])"
            rf"(?P<unit>{alternation(lex.classifiers)})"
        ),
        small_units={k: Decimal(v) for k, v in money["small_units"].items()},
        small_money=_small_money(money["small_verbs"], money["small_units"], digits),
        small_topics=tuple(money["small_topics"]),
        points=re.compile(
            rf"(?<![0-9.{digits}时])(?P<n1>[0-9]+|[{digits}]{{2,4}})"
            rf"{re.escape(money['points_unit'])}(?![\u4e00-\u9fff])|"
            rf"(?<![0-9.{digits}时])(?P<n2>[0-9]+|[{digits}]{{2,4}})"
            rf"{re.escape(money['points_unit'])}(?=[的计就以])"
        ),
        points_unit=str(money["points_unit"]),
        points_verbs=tuple(money["points_verbs"]),
        points_cues=re.compile(
            f"{alternation(money['points_cues'])}|"
            f"(?:{alternation(money['points_verbs'])})[0-9]+{re.escape(money['points_unit'])}"
        ),
    )


def _small_money(verbs: list[str], units: dict[str, str], digits: str) -> re.Pattern[str]:
    """An amount in parts of a 元 right after a verb of change (上调0.4分, 上涨了3角多, 跌5-6分),
    ended by no word character."""
    number = f"(?:[0-9]+(?:\\.[0-9]+)?|[{digits}]{{1,3}})"
    return re.compile(
        rf"(?:{alternation(verbs)})(?:了|的|仅|约|近)?"
        rf"(?P<n1>{number})(?:-(?P<n2>{number}))?(?P<unit>[{''.join(units)}])(?P<post>多|)钱?"
        r"(?![\u4e00-\u9fff])"
    )
