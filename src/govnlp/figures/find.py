"""Finding money, percent, count and quantity expressions and reading them exactly.

The patterns are built from the tables in ``lexicons/`` (units, measure words, qualifiers,
range connectors, guards); this module holds how a match is interpreted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from govnlp.lexicon import Lexicon, default_lexicon
from govnlp.figures.numerals import EXACT, QUOTIENT, clean, parse_number_range
from govnlp.records import (
    FIGURE_TYPES,
    Count,
    Figure,
    Kind,
    MakeFigure,
    Money,
    Percent,
    Qualifier,
    Quantity,
    figure_maker,
)
from govnlp.text.normalize import normalize

_INSIDE = "余多"
_LARGE_MAGNITUDES = "万亿萬億"


def _alternation(words: Any) -> str:
    """A regex matching any of the literal ``words`` (longest first), as a character trie so
    that the engine tests each character once."""
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if len(branches) > 3:  # the engine tries branches one by one: a class fails at once
            body = f"(?=[{re.escape(''.join(sorted(ch for ch in node if ch)))}]){body}"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@dataclass(frozen=True, slots=True)
class _Grammar:
    pattern: re.Pattern[str]
    anchor: re.Pattern[str]
    starts: re.Pattern[str]
    qualifier_of: dict[tuple[str, str], Qualifier]
    unit_kind: dict[str, tuple[Kind, str, Decimal]]
    percent_prefix: dict[str, Decimal]
    implied_money: re.Pattern[str]
    magnitude_chars: str
    digit_chars: str
    not_after_chinese: frozenset[str]
    rank_units: frozenset[str]
    rank_moves: tuple[str, ...]
    quoted_name_reach: int
    closing_quote: re.Pattern[str]
    after_words: tuple[str, ...]  # qualifiers written after a figure (以上, 左右 …)
    duration_after_ge: tuple[str, ...]
    need_magnitude: frozenset[str]
    small_chinese_ok: frozenset[str]
    ordinal_prefixes: tuple[str, ...]
    quotes: dict[str, str]
    not_after: dict[str, str]
    unit_not_before: dict[str, tuple[str, ...]]
    not_after_year: frozenset[str]
    threshold_nouns: tuple[str, ...]
    idioms: re.Pattern[str] | None
    number_char: re.Pattern[str]
    magnitude_set: frozenset[str]
    makers: dict[Kind, MakeFigure]


@functools.cache
def _grammar(lex: Lexicon) -> _Grammar:
    rules = lex.rules
    quals = rules["qualifiers"]
    qualifier_of: dict[tuple[str, str], Qualifier] = {}
    for where in ("before", "inside", "after"):
        for name, words in quals[where].items():
            for word in words:
                qualifier_of[(where, word)] = Qualifier(name)

    unit_kind: dict[str, tuple[Kind, str, Decimal]] = {}
    for word in lex.classifiers:
        unit_kind[word] = (Kind.COUNT, word, Decimal(1))
    for alias, (unit, factor) in lex.physical_units.items():
        unit_kind[alias] = (Kind.QUANTITY, unit, factor)
    for alias, unit in lex.currencies.items():
        unit_kind[alias] = (Kind.MONEY, unit, Decimal(1))
    for alias, (unit, factor) in rules["percent"]["units"].items():
        unit_kind[alias] = (Kind.PERCENT, unit, Decimal(factor))
    percent_prefix = {k: Decimal(v) for k, v in rules["percent"]["prefixes"].items()}

    digits = "".join(sorted(lex.numerals))
    mags = "".join(sorted(lex.magnitudes))
    # A magnitude character that begins a unit (千瓦, 千米, 百分点) belongs to the unit.
    guards = rules["guards"]
    guarded = []
    for m in mags:
        tails = [u[1:] for u in [*unit_kind, *percent_prefix] if u.startswith(m) and len(u) > 1]
        tails += guards["magnitude_not_before"].get(m, [])
        guarded.append(f"{re.escape(m)}(?!{_alternation(tails)})" if tails else re.escape(m))
    cn_char = f"(?:[{digits}几]|{'|'.join(guarded)})"
    arabic = r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"
    number = rf"(?:{arabic}|{cn_char}+(?:点[{digits}]+)?)+"
    # a numerator never runs two digits together: 十分之一 in 十分之一二手房
    numerator = rf"(?:{arabic}|[{digits}](?:[十百千][{digits}]?)*)"
    denominator = rf"(?:{arabic}|[{digits}{mags}]+)"
    # 余/多 between a number and its magnitude or unit: 50余万, 3亿多, 5000多万
    quantity = rf"{number}(?:[{_INSIDE}](?:{'|'.join(guarded)})*)?"
    units = _alternation(unit_kind)
    before = _alternation(w for (where, w) in qualifier_of if where == "before")
    after = _alternation(w for (where, w) in qualifier_of if where == "after")
    prefixes = _alternation(percent_prefix)
    connectors = _alternation(rules["ranges"]["connectors"])
    pattern = re.compile(
        rf"""
        (?P<pre>{before})?                      # 约 近 超过 不少于 …
        (?P<rmb>人民币)?                         # currency written first
        (?:
            (?=[0-9,.{digits}{mags}]++分之)      # (a denominator is the whole run)
            (?!{prefixes})(?P<den>{denominator})分之(?P<numer>{numerator})  # 十分之一
          |
            (?P<pfx>{prefixes})?                # 百分之 千分之
            (?P<sign>[-+−](?=[0-9]))?           # 增长-3.2%
            (?P<n1>{quantity})                  # 3.5万 一百零四 50余万
            (?:
                (?P<u1>{units})?                # 6% in 6%-6.5%
                (?P<sep>{connectors})           # 至 到 -
                (?P<pfx2>{prefixes})?
                (?P<n2>{quantity})
            )?
            (?P<unit>{units})?                  # 元 亿元 % 个 亩 …
        )
        (?P<post>{after})?                      # 以上 左右 以内 …
        (?P<zheng>整)?                           # 贰佰万元整
        """,
        re.VERBOSE,
    )
    assert tuple(pattern.groupindex) == _GROUPS, "the grammar's groups are read by position"
    money = rules["money"]
    implied = re.compile(
        rf"(?:{_alternation(money['implied_by'])})(?:{_alternation(money['linking_verbs'])})?$"
    )
    # every character a match can begin with: a qualifier, 人民币, 百分之, a sign or a numeral
    firsts = {w[0] for (where, w) in qualifier_of if where == "before"}
    firsts |= {"人", "-", "+", "−", "几"} | {p[0] for p in percent_prefix}
    starts = re.compile(f"[0-9{re.escape(''.join(sorted(firsts)) + digits + mags)}]")
    return _Grammar(
        pattern=pattern,
        anchor=_anchor(digits, mags, unit_kind, percent_prefix),
        starts=starts,
        qualifier_of=qualifier_of,
        unit_kind=unit_kind,
        percent_prefix=percent_prefix,
        implied_money=implied,
        magnitude_chars=mags,
        digit_chars=digits,
        not_after_chinese=frozenset(guards["not_after_chinese"]),
        rank_units=frozenset(guards["rank_units"]),
        rank_moves=tuple(guards["rank_moves"]),
        quoted_name_reach=int(guards["quoted_name_reach"]),
        after_words=tuple(w for (where, w) in qualifier_of if where == "after"),
        closing_quote=re.compile(
            f"[{re.escape(''.join(b for a, b in guards['quotes'] if a != b))}]"
        ),
        duration_after_ge=tuple(guards["duration_after_ge"]),
        need_magnitude=frozenset(guards["need_magnitude"]),
        small_chinese_ok=frozenset(guards["small_chinese_ok"]),
        ordinal_prefixes=tuple(guards["ordinal_prefixes"]),
        quotes={a: b for a, b in guards["quotes"]},
        not_after=dict(guards["not_after"]),
        unit_not_before={k: tuple(v) for k, v in guards["unit_not_before"].items()},
        not_after_year=frozenset(guards["not_after_year"]),
        threshold_nouns=tuple(guards["threshold_nouns"]),
        idioms=re.compile(_alternation(guards["idioms"])) if guards["idioms"] else None,
        number_char=re.compile(rf"[\d{digits}几]"),
        magnitude_set=frozenset(mags),
        makers={kind: figure_maker(cls) for kind, cls in FIGURE_TYPES.items()},
    )


def _anchor(
    digits: str, mags: str, units: dict[str, Any], prefixes: dict[str, Any]
) -> re.Pattern[str]:
    """Where a figure can be: Arabic numerals (not a year before 年), Chinese numerals right
    before a unit or 分之, and 百分之 / 千分之.

    The pattern opens with a character class so that the regex engine skips the text between
    numerals in C; what follows the first character looks back at it."""
    firsts = "".join(sorted({u[0] for u in units} - set(digits + mags + "0123456789")))
    cn = f"[{digits}{mags}几]"
    tails = _alternation(p[1:] for p in prefixes)
    heads = "".join(sorted({p[0] for p in prefixes}))
    return re.compile(
        rf"""
        [0-9{digits}{mags}几{re.escape(heads)}]
        (?:
            (?<=[0-9])(?<![0-9.][0-9])                    # Arabic numerals, whole,
            (?<!1(?=9[0-9]{{2}}年))(?<!2(?=0[0-9]{{2}}年))  # years left out
            [0-9]*(?:[.,][0-9]+)*
          | (?<={cn}){cn}*(?=[余多]?{cn}*(?:[{re.escape(firsts)}]|分之|[十百千万亿]))
                                                          # 一百零四个, 三分之一
          | (?<=[{re.escape(heads)}]){tails}              # 百分之
        )
        """,
        re.VERBOSE,
    )


def find_figures(text: str, *, lexicon: Lexicon | None = None) -> list[Figure]:
    """Every money, percent, count and quantity expression in ``text``, in order.

    Offsets are into ``text`` as given: ``text[f.start:f.end] == f.text``.

    >>> [(f.kind.value, f.value, f.unit) for f in find_figures("总投资796.5亿元,占37.41%")]
    [('money', Decimal('79650000000'), '元'), ('percent', Decimal('37.41'), '%')]
    """
    lex = lexicon or default_lexicon()
    norm = normalize(text, lexicon=lex)
    return _find(text, norm, lex)


# How far a figure reaches around its numerals: qualifier, 人民币 and 百分之 before (at most
# 9 characters), unit, qualifier and 整 after (at most 11).
_BEFORE, _AFTER = 10, 12


def _windows(norm: str, g: _Grammar) -> list[tuple[int, int]]:
    """Stretches of text around runs of numerals, merged where they touch: the only places
    a figure can be, so that the full grammar runs on a fraction of the text."""
    out = []
    lo = hi = -1
    for m in g.anchor.finditer(norm):
        s, e = m.span()
        s = s - _BEFORE if s > _BEFORE else 0
        if s > hi:
            if hi > lo:
                out.append((lo, hi))
            lo = s
        hi = e + _AFTER  # anchors do not overlap: their ends only grow
    if hi > lo:
        out.append((lo, hi))
    n = len(norm)
    if out and out[-1][1] > n:
        out[-1] = (out[-1][0], n)
    return out


def _matches(norm: str, g: _Grammar) -> Iterator[re.Match[str]]:
    """The grammar's matches in the windows, as ``finditer`` would give them, but tried only
    where a match can begin."""
    match, starts = g.pattern.match, g.starts.search
    for lo, hi in _windows(norm, g):
        c = starts(norm, lo, hi)
        while c is not None:
            p = c.start()
            m = match(norm, p, hi)
            if m is None:
                c = starts(norm, p + 1, hi)
            else:
                yield m
                c = starts(norm, m.end(), hi)


# The named groups of the grammar, in the order of ``re.Match.groups()``.
_GROUPS = (
    "pre", "rmb", "den", "numer", "pfx", "sign", "n1", "u1", "sep", "pfx2", "n2", "unit",
    "post", "zheng",
)  # fmt: skip
_PRE, _N1, _N2, _UNIT, _POST = (
    _GROUPS.index(name) + 1 for name in ("pre", "n1", "n2", "unit", "post")
)


def _find(text: str, norm: str, lex: Lexicon) -> list[Figure]:
    """Figures of ``text`` found on its normalised form ``norm``."""
    g = _grammar(lex)
    idioms = g.idioms if g.idioms is not None and g.idioms.search(norm) else None
    out: list[Figure] = []
    waiting: list[re.Match[str]] = []  # 分别是2005年的2.7和2.4倍: 2.7 waits for 倍
    for m in _matches(norm, g):
        fig = _figure(m, text, norm, g, lex, idioms)
        joined = False
        if waiting:
            joined = m.start() == waiting[-1].end() + 1
            if fig is not None and joined and fig.start == m.start():
                for w in waiting:
                    shared = _sharing_unit(w, m, fig, text, g, lex)
                    if shared is not None:
                        out.append(shared)
        if fig is not None:
            out.append(fig)
            if waiting:
                waiting = []
        elif _waits_for_unit(m, norm, joined):
            waiting = [*waiting, m] if joined else [m]
        elif waiting:
            waiting = []
    return _share_last_qualifier(out, norm, g) if len(out) > 1 else out


def _share_last_qualifier(figures: list[Figure], norm: str, g: _Grammar) -> list[Figure]:
    """A qualifier written after the last of figures joined by 、 or 和 alone covers them all:
    分别增长5%、9%、6%左右; 稳定在318万亩、16.5亿斤以上 (not 停车位1200个、充电桩400个以上)."""
    exact = Qualifier.EXACT
    for i, last in enumerate(figures):
        if last.qualifier is exact or not i or not last.text.endswith(g.after_words):
            continue
        j = i - 1
        while j >= 0 and figures[j].qualifier is exact:
            fig = figures[j]
            if norm[fig.end : figures[j + 1].start] not in ("、", "和", "及"):
                break
            figures[j] = g.makers[fig.kind](
                fig.text, fig.start, fig.end, fig.value, fig.value_high, fig.unit, last.qualifier
            )
            j -= 1
    return figures


_ORDINAL_LIST = re.compile(r"第[0-9一二三四五六七八九十]+[、和]$")  # 第1、(2位)
# a list of figures after 分别 in its clause: 分别增长8.5和9.2个百分点
_LIST_AFTER_FENBIE = re.compile(r"分别[^，,。；;：:]{0,20}$")


def _waits_for_unit(m: re.Match[str], norm: str, chained: bool = False) -> bool:
    """A bare number in a 分别 list, right before 和 or 、 and the next figure: it shares that
    figure's unit (分别是2005年的2.7和2.4倍); ``chained``: it follows another such number."""
    end = m.end()
    if norm[end : end + 1] not in ("和", "、") or norm[m.start() - 1 : m.start()] == "第":
        return False  # the cheap test first: most matches fail it
    pre, rmb, den, _, pfx, sign, n1, _, _, _, n2, unit, post, _ = m.groups()
    if n1 is None or not (pre is rmb is den is pfx is sign is n2 is unit is post is None):
        return False
    return chained or _LIST_AFTER_FENBIE.search(norm, max(0, m.start() - 24), m.start()) is not None


def _sharing_unit(
    m: re.Match[str], nxt: re.Match[str], fig: Figure, text: str, g: _Grammar, lex: Lexicon
) -> Figure | None:
    """The figure of the bare number ``m`` with the unit (and a trailing 万/亿) of the next
    figure ``fig``, matched by ``nxt``."""
    unit_word = nxt.group(_UNIT)
    if unit_word is None or nxt.group("pfx") is not None:
        return None
    n1 = m.group(_N1)
    suffix = _TRAILING_MAGNITUDE.search(nxt.group(_N1).rstrip(_INSIDE))
    if suffix and g.magnitude_set.isdisjoint(n1):
        n1 += suffix.group()  # 分别为3和5亿元: 3亿
    kind, unit, factor = g.unit_kind[unit_word]
    if kind is not fig.kind or unit != fig.unit:
        return None
    parsed = _value(n1, lex)
    if parsed is None:
        return None
    value, high = _scaled(*parsed, factor)
    start, end = m.span()
    qualifier = g.qualifier_of[("inside", "余")] if "余" in n1 else Qualifier.EXACT
    return g.makers[kind](text[start:end], start, end, value, high, unit, qualifier)


def _scaled(
    value: Decimal, high: Decimal | None, factor: Decimal
) -> tuple[Decimal, Decimal | None]:
    """A value and its upper end in the unit's base (万吨 → 吨), exactly."""
    if factor == _ONE:
        return value, high
    return (
        clean(EXACT.multiply(value, factor)),
        clean(EXACT.multiply(high, factor)) if high is not None else None,
    )


def _figure(
    m: re.Match[str],
    text: str,
    norm: str,
    g: _Grammar,
    lex: Lexicon,
    idioms: re.Pattern[str] | None,
) -> Figure | None:
    """The figure a match of the grammar stands for, if it is one (``idioms``: the idioms
    pattern if the text holds one)."""
    pre, rmb, den, numer, pfx, sign, n1, u1, _, _, n2, unit, post, zheng = m.groups()
    if n1 is not None and unit is None and pfx is None and _LARGE.isdisjoint(n1):
        return None  # a bare number (2023年, 1-4月): not a figure
    start, end = m.span()
    with_pre = pre is not None
    if with_pre and norm[start - 1 : start] in g.not_after.get(pre, "") != "":
        start, with_pre = m.end(_PRE), False  # 签约 is no 约
    kind = g.unit_kind[unit][0] if unit is not None else None
    if pre == "突破" and kind is Kind.COUNT and _HAN.match(norm, m.end()):
        start, with_pre = m.end(_PRE), False  # 突破12项关键技术: the verb, not a qualifier
    if zheng and kind is not Kind.MONEY:
        end -= 1  # 整 closes an amount of money only (贰佰万元整)
    before = norm[start - 2 : start] if start >= 2 else norm[:start]
    if before.endswith(g.ordinal_prefixes):
        return None
    if (
        unit in g.rank_units
        and before[-1:] in ("、", "和")
        and _ORDINAL_LIST.search(norm, max(0, start - 8), start)
    ):
        return None  # 分别排全省第1、2位: the 2 is an ordinal too
    if not with_pre and before[-1:].isascii() and before[-1:].isalpha():
        return None  # PM2.5, G20: codes and names (GDP突破1000亿元 is none)
    # inside an idiom, or a quotation of Chinese numerals (“三个一批”, “中山人才二十三条”)
    if idioms is not None and idioms.search(norm, start - 4 if start > 4 else 0, end + 4):
        return None
    if start and norm[end : end + 1] == g.quotes.get(norm[start - 1]):
        return None
    if _quoted_name(norm, start, end, g):
        return None  # “连政80条”, “1%工作法”: a figure in a name
    arabic = n1 is not None and n1[0] in _ASCII_DIGITS  # the common case: no regex needed
    if (
        not arabic
        and _DECIMAL.search(norm, m.start(), m.end()) is None
        and _in_quotes(norm, start, g)
    ):
        return None
    if with_pre:
        qualifier = g.qualifier_of[("before", pre)]
    elif n1 is not None and "余" in n1:
        qualifier = g.qualifier_of[("inside", "余")]
    elif n1 is not None and "多" in n1:
        qualifier = g.qualifier_of[("inside", "多")]
    else:
        qualifier = Qualifier.EXACT  # a qualifier after the figure is read below
    if den is not None:
        if post and not with_pre and m.end(_POST) <= end:
            qualifier = g.qualifier_of[("after", post)]
        return _fraction(text, start, end, den, numer, qualifier, g, lex)
    assert n1 is not None
    if not (with_pre or pfx is not None):  # 突破百亿元, 百分之百 need no digit
        if not arabic and g.number_char.search(n1) is None and n1[0] not in "十拾":
            return None  # bare 万/亿/百 are not numbers
        if n2 and g.number_char.search(n2) is None and n2[0] not in "十拾":
            return None
    threshold = post in ("以上", "以下") or (with_pre and pre not in ("约", "大约"))
    if (kind is None or kind is Kind.MONEY) and (threshold or n2) and _labels_a_class(norm, end, g):
        return None  # 十亿元以上项目, 超亿美元项目, 50-100亿元项目: a class label
    if unit is None and pfx is None:
        if not _implied_money(m, n1, rmb, pre, norm, g):
            return None
        end = m.end(_N2) if n2 else m.end(_N1)
        if post:
            end = m.end(_POST)
    elif unit is not None and not _unit_allowed(m, n1, n2, pfx, unit, norm, g):
        return None
    if qualifier is Qualifier.EXACT and post and not with_pre and m.end(_POST) <= end:
        qualifier = g.qualifier_of[("after", post)]
    # the value
    unit_word = unit if unit and m.end(_UNIT) <= end else None
    if n2 is not None:
        suffix = _TRAILING_MAGNITUDE.search(n2)
        if suffix and not u1 and g.magnitude_set.isdisjoint(n1.rstrip(_INSIDE)):
            n1 = n1 + suffix.group()  # 3至5亿元: the first end borrows 亿
    first = _value(n1, lex)
    if first is None:
        return None
    value, high = first
    if n2 is not None:
        second = _value(n2, lex)
        if second is None:
            return None
        high = second[1] or second[0]
    if sign in ("-", "−"):
        value = value.copy_negate()
    if pfx:
        kind, unit, factor = Kind.PERCENT, "%", g.percent_prefix[pfx]
    elif unit_word is None:
        kind, unit, factor = Kind.MONEY, "元", _ONE
    else:
        kind, unit, factor = g.unit_kind[unit_word]
    value, high = _scaled(value, high, factor)
    if high is not None and high == value:
        high = None
    return g.makers[kind](text[start:end], start, end, value, high, unit, qualifier)


def _fraction(
    text: str,
    start: int,
    end: int,
    den: str,
    numer: str,
    qualifier: Qualifier,
    g: _Grammar,
    lex: Lexicon,
) -> Figure | None:
    """十分之一: a percent."""
    den_value, num = _value(den, lex), _value(numer, lex)
    if den_value is None or num is None or den_value[0] == 0:
        return None
    value = clean(QUOTIENT.multiply(QUOTIENT.divide(num[0], den_value[0]), 100))
    return g.makers[Kind.PERCENT](text[start:end], start, end, value, None, "%", qualifier)


def _labels_a_class(norm: str, end: int, g: _Grammar) -> bool:
    """A class noun (项目, 企业) follows within a short noun phrase: 10亿元以上制造业项目."""
    window = norm[end : end + 8]
    for i, ch in enumerate(window):
        if ch in "，,。；;：:、（(" or ch.isdigit():
            window = window[:i]
            break
    return any(window[k:].startswith(g.threshold_nouns) for k in range(min(len(window), 6)))


def _quoted_name(norm: str, start: int, end: int, g: _Grammar) -> bool:
    """The figure lies in a quotation opened shortly before it and closed shortly after it, and
    the quotation says no change or goal (“GDP突破1000亿元” is a goal, “连政80条” a name)."""
    if g.closing_quote.search(norm, end, end + g.quoted_name_reach) is None:
        return False  # most figures: no quotation closes after them
    tail = norm[end : end + g.quoted_name_reach]
    for open_q, close_q in g.quotes.items():
        if open_q == close_q or close_q not in tail:
            continue
        head = norm[start - 12 if start > 12 else 0 : start]
        opened = head.rfind(open_q)
        if (
            opened >= 0
            and head.rfind(close_q) < opened
            and not _CLAUSE.search(tail, 0, tail.index(close_q))
        ):
            quoted = head[opened + 1 :] + norm[start:end] + tail[: tail.index(close_q)]
            return _STATEMENT.search(quoted) is None
    return False


def _in_quotes(norm: str, start: int, g: _Grammar) -> bool:
    """A quotation opened shortly before ``start`` is still open."""
    head = norm[start - 12 if start > 12 else 0 : start]
    for open_q, close_q in g.quotes.items():
        if open_q != close_q and head.rfind(open_q) > head.rfind(close_q):
            return True
    return False


def _chinese_only(core: str) -> bool:
    return _DECIMAL.search(core) is None


def _unit_allowed(
    m: re.Match[str],
    n1: str,
    n2: str | None,
    pfx: str | None,
    unit: str,
    norm: str,
    g: _Grammar,
) -> bool:
    core = n1 + (n2 or "")
    start = m.start(_N1)
    after = m.end(_UNIT)
    if unit in g.rank_units and (
        norm[start - 1 : start] in ("前", "后") or norm.endswith(g.rank_moves, 0, start)
    ):
        return False  # 居全省前5位, 排名上升1位: ranks, not counts
    if unit == "个" and norm.startswith(g.duration_after_ge, after):
        return False
    if unit in g.unit_not_before and norm.startswith(g.unit_not_before[unit], after):
        return False
    if unit in g.not_after_year and _YEAR.fullmatch(n1):
        return False
    if unit in g.need_magnitude and _LARGE.isdisjoint(core):
        return False
    if pfx is None and core[0] not in _ASCII_DIGITS and _chinese_only(core):
        if unit in g.not_after_chinese:
            return False
        has_magnitude = not g.magnitude_set.isdisjoint(core)
        vague = (
            len(n1) >= 2
            and n1[0] in g.digit_chars
            and n1[0] not in "二贰"
            and n1[1] in g.digit_chars
        )  # 两三个; 二三次 is an ordinal
        if not (has_magnitude or vague or unit in g.small_chinese_ok):
            return False  # 一个, 两次, 四项: determiners, not figures
        if core in ("十", "拾") and g.unit_kind[unit][0] is Kind.COUNT:
            return False  # 十项, 十条, 十大: a programme's label more than a count
    return True


def _implied_money(
    m: re.Match[str], n1: str, rmb: str | None, pre: str | None, norm: str, g: _Grammar
) -> bool:
    """金额4120亿: a number with 万/亿 and no unit after an amount word is money in 元."""
    large = not _LARGE.isdisjoint(n1)
    if rmb:
        return large
    if not large:
        return False
    start = m.start(_PRE) if pre else m.start()
    return bool(g.implied_money.search(norm, max(0, start - 12), start))


def _value(core: str, lex: Lexicon) -> tuple[Decimal, Decimal | None] | None:
    if "余" in core or "多" in core:
        core = core.replace("余", "").replace("多", "")
    return parse_number_range(core, lexicon=lex)


_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_TRAILING_MAGNITUDE = re.compile(r"[十百千万亿拾佰仟萬億]+$")
_LARGE = frozenset(_LARGE_MAGNITUDES)
_DECIMAL = re.compile(r"\d")
_ASCII_DIGITS = frozenset("0123456789")
_CLAUSE = re.compile("[，,。；;：:]")
# verbs that make a quotation a statement of a change or goal, not a name
_STATEMENT = re.compile("突破|达到|增长|实现|超过|完成|增加|提高|提升|下降|减少|新增")
_HAN = re.compile("(?![和与及或等的])[\u4e00-\u9fff]")  # a noun after 突破N个, not a conjunction
_ONE = Decimal(1)


def _parse_one(s: str, kind: type[Figure], lexicon: Lexicon | None) -> Any:
    stripped = s.strip()
    figures = find_figures(stripped, lexicon=lexicon)
    if len(figures) == 1 and figures[0].text == stripped and isinstance(figures[0], kind):
        return figures[0]
    return None


def parse_figure(s: str, *, lexicon: Lexicon | None = None) -> Figure | None:
    """Read ``s`` as exactly one figure of any kind, else ``None``."""
    return _parse_one(s, Figure, lexicon)  # type: ignore[no-any-return]


def parse_money(s: str, *, lexicon: Lexicon | None = None) -> Money | None:
    """Read ``s`` as one amount of money (``"50余万元"``), else ``None``.

    >>> m = parse_money("50余万元")
    >>> m.value, m.unit, m.qualifier.value
    (Decimal('500000'), '元', 'over')
    """
    return _parse_one(s, Money, lexicon)  # type: ignore[no-any-return]


def parse_percent(s: str, *, lexicon: Lexicon | None = None) -> Percent | None:
    """Read ``s`` as one percentage, percentage-point change or multiple, else ``None``."""
    return _parse_one(s, Percent, lexicon)  # type: ignore[no-any-return]


def parse_count(s: str, *, lexicon: Lexicon | None = None) -> Count | None:
    """Read ``s`` as one count with its measure word, else ``None``."""
    return _parse_one(s, Count, lexicon)  # type: ignore[no-any-return]


def parse_quantity(s: str, *, lexicon: Lexicon | None = None) -> Quantity | None:
    """Read ``s`` as one physical quantity, else ``None``."""
    return _parse_one(s, Quantity, lexicon)  # type: ignore[no-any-return]
