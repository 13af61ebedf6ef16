"""The guards of the figure finder: named tests, applied in a declared order, each refusing a
match of the grammar that is no figure (a rank, a year, a code, a quoted name, a class label …).

A guard takes a :class:`Candidate` and says whether it refuses it; :data:`GUARDS` is their
order. The words each guard reads are in ``lexicons/rules/figures.toml``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from govnlp.figures.grammar import N1, PRE, SEP, SIGN, UNIT, YEAR, Grammar
from govnlp.records import Kind, Qualifier

_ASCII_DIGITS = frozenset("0123456789")
# Connectors that are also a minus sign when doubled or misplaced.
_DASHES = frozenset("-—–")
_DECIMAL = re.compile(r"\d")
# What stands before the tail of a number that cannot be read whole: the first group of a number
# split by a space (1 23), a group of three between commas (12,345,6789), a decimal (1.2.3).
_BROKEN_NUMBER = re.compile(r"(?:(?<![0-9.,])[0-9]{1,3} |[0-9]\.|,[0-9]{3},)$")
# The categories of characters that are no text: combining and enclosing marks, controls,
# lone surrogates, private-use and unassigned code points.
_NO_TEXT = frozenset({"Mn", "Me", "Cc", "Cs", "Co", "Cn"})
# How far before a figure a quotation it lies in may open.
_QUOTE_REACH = 12
# The kinds as plain names: reading a member off the enum class (Kind.MONEY) goes through a
# descriptor each time, a cost the guards would pay on every candidate.
_MONEY, _PERCENT, _COUNT, _QUANTITY = Kind.MONEY, Kind.PERCENT, Kind.COUNT, Kind.QUANTITY


@dataclass(slots=True)
class Candidate:
    """A match of the figure grammar read into its parts, with the span its figure would cover
    (``start``, ``end``) and the text it was found in."""

    match: re.Match[str]
    norm: str  # the normalised text
    grammar: Grammar
    idioms: re.Pattern[str] | None  # the idiom pattern, if the text holds an idiom
    pre: str | None  # the qualifier written before (约, 超过)
    rmb: str | None  # the currency written before (人民币)
    den: str | None  # the denominator of a fraction (十 in 十分之一)
    numer: str | None  # its numerator
    pfx: str | None  # 百分之, 千分之
    sign: str | None
    n1: str | None  # the number, or the low end of a range
    u1: str | None  # the unit of the low end (6% in 6%-6.5%)
    n2: str | None  # the high end of a range
    unit: str | None
    post: str | None  # the qualifier written after (以上, 左右)
    zheng: str | None  # 整 after an amount
    start: int
    end: int
    with_pre: bool  # the qualifier before is part of the figure
    negated: Qualifier | None  # the qualifier before, reversed by a negation (从未低于)
    kind: Kind | None  # the kind of the unit
    previous_end: int  # where the match of the grammar before this one ended (-1: none)

    @property
    def core(self) -> str:
        """The numbers of the figure, both ends of a range together."""
        return (self.n1 or "") + (self.n2 or "")


def read_match(
    m: re.Match[str],
    norm: str,
    g: Grammar,
    idioms: re.Pattern[str] | None,
    previous_end: int = -1,
) -> Candidate:
    """The candidate figure of the match ``m`` of ``g.pattern`` on ``norm`` (the match before it
    ended at ``previous_end``): a qualifier that is the tail of a word (签约), a verb
    (突破12项技术) or negated (从未低于) is left out, and so are 整 after no money and a currency
    written before the number (人民币)."""
    pre, rmb, den, numer, slash, pfx, sign, n1, u1, _, _, _, n2, unit, post, zheng = m.groups()
    if slash is not None:
        numer, _, den = slash.partition("/")  # 1/3 reads as 三分之一
    start, end = m.span()
    with_pre = pre is not None
    negated = None
    if rmb is not None and not with_pre:
        start = m.end("rmb")  # 人民币10万元: the span is 10万元
    if with_pre and start > 0 and norm[start - 1] in g.not_after.get(pre, ""):
        start, with_pre = m.end(PRE), False  # 签约 is no 约
    elif with_pre and pre in g.outside:
        negated = g.qualifier_of[("before", pre)]  # 约为210亿美元: 210亿美元, about
        start, with_pre = m.end(PRE), False
    elif with_pre and norm.endswith(g.negations, 0, start):
        negated = g.negated.get(g.qualifier_of[("before", pre or "")])
        if negated is not None:
            start, with_pre = m.end(PRE), False  # 从未低于2元: 2元, at least
    kind = g.unit_kind[unit][0] if unit is not None else None
    if pre in g.breakthrough_verbs and kind is _COUNT and g.noun.match(norm, m.end()):
        start, with_pre = m.end(PRE), False  # 突破12项关键技术: the verb, not a qualifier
    if zheng and kind is not _MONEY:
        end -= len(zheng)  # 整 closes an amount of money only (贰佰万元整)
    return Candidate(
        m, norm, g, idioms, pre, rmb, den, numer, pfx, sign, n1, u1, n2, unit, post, zheng,
        start, end, with_pre, negated, kind, previous_end,
    )  # fmt: skip


def bare_number(c: Candidate) -> bool:
    """Refuses a number with no unit, no 百分之 and no 万/亿: 2023年, 1-4月."""
    return (
        c.n1 is not None and c.unit is None and c.pfx is None and c.grammar.large.isdisjoint(c.n1)
    )


def ordinal(c: Candidate) -> bool:
    """Refuses a number right after an ordinal prefix: 第一, 第5."""
    start = c.start
    return c.norm.endswith(c.grammar.ordinal_prefixes, start - 2 if start > 2 else 0, start)


def ordinal_list(c: Candidate) -> bool:
    """Refuses a rank joined to an ordinal before it: the 2 of 分别排全省第1、2位."""
    g, norm, start = c.grammar, c.norm, c.start
    return (
        c.unit in g.rank_units
        and norm.endswith(g.list_joiners, 0, start)
        and g.ordinal_list.search(norm, max(0, start - 8), start) is not None
    )


def code(c: Candidate) -> bool:
    """Refuses a number right after a Latin letter, a code or a name: PM2.5, G20 (not
    GDP突破1000亿元, where a qualifier stands between)."""
    before = c.norm[c.start - 1 : c.start]
    return not c.with_pre and before.isascii() and before.isalpha()


def slash_ratio(c: Candidate) -> bool:
    """Refuses a fraction written with a slash that is no share of a whole: 3/2, 5/5, 24/7 (a
    ratio, a schedule), not 1/3 or 2/3."""
    if c.den is None or c.numer is None or c.match.start("slash") < 0:
        return False
    return int(c.numer) >= int(c.den)


def split_digits(c: Candidate) -> bool:
    """Refuses the tail of a number that cannot be read whole: 23万元 after 1 and a space
    (1 000万元, groups of three, is one number), 6789元 after 12,345, and 3亿元 after 1.2."""
    start = c.start
    if start < 2 or c.norm[start - 1] not in " .," or c.n1 is None or c.sign:
        return False  # the cheap test first: most figures follow none of these
    return (
        start == c.match.start(N1)
        and _BROKEN_NUMBER.search(c.norm, max(0, start - 5), start) is not None
    )


def glued(c: Candidate) -> bool:
    """Refuses the tail of a number broken by characters that are no text or by a digit of
    another script: 2亿元 of 1\x002亿元, 1\u03012亿元 (a combining mark) or 1\ud8002亿元 (a lone
    surrogate), and 3亿元 of 1٢3亿元."""
    norm, at = c.norm, c.start
    before = norm[at - 1] if at > 0 else " "
    if " " <= before < "\x7f" or "\u4e00" <= before <= "\u9fff":
        return False  # the cheap test first: most figures follow a Chinese or ASCII character
    category = unicodedata.category
    if before.isdecimal():
        return True  # a digit of another script (٢, ۲, २): the number is not read whole
    while at > 0 and category(norm[at - 1]) in _NO_TEXT and not norm[at - 1].isspace():
        at -= 1
    return (
        at < c.start and at > 0 and c.grammar.number_char.match(norm, at - 1) is not None
    )


def dash_chain(c: Candidate) -> bool:
    """Refuses a number of a chain of three or more joined by dashes or range connectors, whose
    ends cannot be told: each part of 3-5-7亿元, 3至5至7亿元, 3亿-5亿-7亿元, 3-5%-7%; a sign right
    after a numeral or another sign (--5%), a dash more than a minus; and a signed range joined
    by a dash (-5-8%: -5 to 8, or -5 to -8?)."""
    g, norm, start = c.grammar, c.norm, c.start
    if c.n2 is not None and _chain_goes_on(norm, c.match.end(), g):
        return True  # the range is the head of a longer chain
    if c.sign:
        if c.n2 is not None and c.match.group(SEP) in _DASHES:
            return True
        chained = start == c.previous_end or (start > 0 and _in_chain(norm[start - 1], g))
        return chained and start == c.match.start(SIGN)
    if start == 0 or norm[start - 1] not in g.connector_chars or c.n1 is None:
        return False  # the cheap test first: most figures follow no connector
    chained = start - 1 == c.previous_end or (start > 1 and _in_chain(norm[start - 2], g))
    return chained and start == c.match.start(N1)


def _in_chain(ch: str, g: Grammar) -> bool:
    """``ch`` (one character) is a numeral or a sign: what a dash joins to a number."""
    return ch in _ASCII_DIGITS or ch in g.chain_chars


def _chain_goes_on(norm: str, end: int, g: Grammar) -> bool:
    """A connector and a numeral follow ``end``: the chain goes on."""
    after = norm[end : end + 2]
    return len(after) == 2 and after[0] in g.connector_chars and _in_chain(after[1], g)


def idiom(c: Candidate) -> bool:
    """Refuses a figure inside an idiom: 一成不变."""
    start = c.start - 4 if c.start > 4 else 0
    return c.idioms is not None and c.idioms.search(c.norm, start, c.end + 4) is not None


def quotation(c: Candidate) -> bool:
    """Refuses a figure that fills a quotation, a name: “二分之一”工作法 (not a quoted amount,
    报道的金额是“180亿元”。)."""
    close = c.grammar.quotes.get(c.norm[c.start - 1]) if c.start > 0 else None
    return close is not None and c.norm[c.end : c.end + 1] == close and not _quoted_amount(c)


def _quoted_amount(c: Candidate) -> bool:
    """An amount, a percent or a quantity that fills a quotation ending a clause or a line: a
    quoted figure, not a name (“180亿元”。; not the count of “30条”, a policy's name)."""
    g, norm, start, end = c.grammar, c.norm, c.start, c.end
    close = g.quotes.get(norm[start - 1]) if start > 0 else None
    after = norm[end + 1 : end + 2]
    return (
        c.kind is not None
        and c.kind is not _COUNT
        and close is not None
        and norm[end : end + 1] == close
        and (after in ("", "\n") or g.clause.match(after) is not None)
    )


_DESCRIBED = "的"  # a quoted noun phrase describing what the figure counts


def quoted_name(c: Candidate) -> bool:
    """Refuses a figure in a short quotation that states no change or goal, a name: “连政80条”,
    “1%工作法” (not “GDP突破1000亿元”)."""
    g, norm, start, end = c.grammar, c.norm, c.start, c.end
    if g.closing_quote.search(norm, end, end + g.quoted_name_reach) is None:
        return False  # most figures: no quotation closes after them
    if _quoted_amount(c):
        return False
    tail = norm[end : end + g.quoted_name_reach]
    for open_q, close_q in g.quotes.items():
        if open_q == close_q or close_q not in tail:
            continue
        head = norm[start - _QUOTE_REACH if start > _QUOTE_REACH else 0 : start]
        opened = head.rfind(open_q)
        if (
            opened >= 0
            and head.rfind(close_q) < opened
            and not g.clause.search(tail, 0, tail.index(close_q))
        ):
            if head.endswith(_DESCRIBED):
                return False  # “合作但没被抽中的112家企业”之一: a description, no name
            quoted = head[opened + 1 :] + norm[start:end] + tail[: tail.index(close_q)]
            return g.statement.search(quoted) is None
    return False


def quoted_chinese(c: Candidate) -> bool:
    """Refuses Chinese numerals in a quotation still open: “三个一批”, “中山人才二十三条”."""
    if c.n1 is not None and c.n1[0] in _ASCII_DIGITS:
        return False  # the common case: no regex needed
    m = c.match
    return _DECIMAL.search(c.norm, m.start(), m.end()) is None and _in_quotes(c)


def _in_quotes(c: Candidate) -> bool:
    """A quotation opened shortly before the candidate is still open."""
    head = c.norm[c.start - _QUOTE_REACH if c.start > _QUOTE_REACH else 0 : c.start]
    for open_q, close_q in c.grammar.quotes.items():
        if open_q != close_q and head.rfind(open_q) > head.rfind(close_q):
            return True
    return False


def bare_magnitude(c: Candidate) -> bool:
    """Refuses a magnitude with no digit, which is no number (万, 亿, 百), unless a qualifier or
    百分之 stands before it (突破百亿元, 百分之百); 十 alone is a number."""
    if c.n1 is None or c.with_pre or c.pfx is not None:
        return False
    return _no_digit(c.n1, c.grammar) or (c.n2 is not None and _no_digit(c.n2, c.grammar))


def _no_digit(number: str, g: Grammar) -> bool:
    return (
        number[0] not in _ASCII_DIGITS
        and g.number_char.search(number) is None
        and number[0] not in g.tens
    )


def zero_word(c: Candidate) -> bool:
    """Refuses a Chinese zero alone, which is a word, not an amount: 零成本, 零距离, 破零倍增."""
    return c.n1 == "零" and c.n2 is None


def vague_number(c: Candidate) -> bool:
    """Refuses a number that opens with 几, which states no amount: 几十斤, 几百万 (not 十几万,
    at least ten); and a magnitude after 数, "some": 数十亿元, 数百家 (not 人数十万)."""
    n1, g = c.n1, c.grammar
    if n1 is None or c.pfx is not None:
        return False
    if n1.startswith(g.approx):
        return True
    at = c.match.start("n1")
    return (
        n1[0] in g.magnitude_set
        and at >= 1
        and c.norm[at - 1] == g.vague_before
        and (at < 2 or c.norm[at - 2] not in g.vague_noun_heads)
    )


def class_label(c: Candidate) -> bool:
    """Refuses a threshold or a range of money, of a quantity (or of no unit) before a class
    noun or a count of the class, a class label: 十亿元以上项目, 超亿美元项目, 50-100亿元项目,
    200万元限额以下工程, 2000万吨/年以上的炼厂2家."""
    kind = c.kind
    if c.n1 is None or kind is _COUNT or kind is _PERCENT:
        return False  # a fraction, or a figure of another kind
    g, norm, end = c.grammar, c.norm, c.end
    post = c.post
    if post is None and kind is not None and norm.startswith(g.per_mark, end):
        per = g.per_unit.match(norm, end)  # 2000万吨/年以上
        post = _threshold_at(norm, per.end(), g) if per else None
        end = per.end() + len(post) if per and post else end
    threshold = post in g.threshold_after or (c.with_pre and c.pre not in g.threshold_not_before)
    if kind is _QUANTITY:  # a quantity labels a class that is counted
        return threshold and _labels_a_class(norm, end, g, counted=True)
    headed = post is None and norm.startswith(g.threshold_heads, end)
    if headed and _headed_threshold(norm, end, g):
        return True  # 200万元限额以下小型工程
    if not (threshold or c.n2 is not None):
        return False
    return _labels_a_class(norm, end, g)


def _threshold_at(norm: str, at: int, g: Grammar) -> str | None:
    """The threshold word (以上, 以下) at ``at``, if any."""
    return next((w for w in g.threshold_after if norm.startswith(w, at)), None)


def _headed_threshold(norm: str, end: int, g: Grammar) -> bool:
    """A noun and 以上/以下 follow ``end``: 限额以下, 规模以上."""
    for head in g.threshold_heads:
        if norm.startswith(head, end):
            after = end + len(head)
            return any(norm.startswith(w, after) for w in g.threshold_after)
    return False


# Where the class noun may begin after a threshold: close by, or after 的 further (过千亿元的全国性
# 大型医药商业集团), but not inside a quoted name (总投资超7000亿元的“四大千万级”工程: a total).
_CLASS_REACH, _CLASS_REACH_AFTER_DE = 6, 14


def _labels_a_class(norm: str, end: int, g: Grammar, *, counted: bool = False) -> bool:
    """A class noun (项目, 企业) follows within a short noun phrase: 10亿元以上制造业项目, 年销售额
    过千亿元的…集团; or,
    ``counted``, a noun phrase and a count of it: 2000万吨/年以上的炼厂2家."""
    reach = _CLASS_REACH_AFTER_DE if norm.startswith("的", end) else _CLASS_REACH
    window = norm[end : end + reach + 2]
    for i, ch in enumerate(window):
        if ch in g.label_breaks or ch.isdigit() or (ch in "“《" and reach > _CLASS_REACH):
            if counted:
                return i > 1 and ch.isdigit() and _count_at(norm, end + i, g)
            window = window[:i]
            break
    if counted:
        return False
    return any(window[k:].startswith(g.threshold_nouns) for k in range(min(len(window), reach)))


def _count_at(norm: str, at: int, g: Grammar) -> bool:
    """A number and a measure word of counts begin at ``at`` (2家)."""
    m = g.pattern.match(norm, at)
    unit = m.group(UNIT) if m else None
    return unit is not None and g.unit_kind[unit][0] is _COUNT


def unitless(c: Candidate) -> bool:
    """Refuses a number with no unit unless its unit is implied: see :func:`implied_unit`."""
    if c.n1 is None or c.unit is not None or c.pfx is not None:
        return False
    return implied_unit(c) is None


def implied_unit(c: Candidate) -> tuple[Kind, str] | None:
    """The kind and unit of a number with 万/亿 and no unit, where the text implies them: money
    after 人民币 or an amount word (金额4120亿, 总投资达3.5亿), a count after a noun it counts
    (人口有40多万) or before one (916万居民用户); else ``None``."""
    g = c.grammar
    if c.n1 is None or g.large.isdisjoint(c.n1):
        return None
    if c.rmb:
        return _MONEY, g.implied_unit
    start = c.match.start(PRE) if c.pre else c.match.start()
    lo = max(0, start - 12)
    counted = g.implied_count.search(c.norm, lo, start)
    if counted is None:
        counted = g.counted_after.match(c.norm, c.end)
    if counted is not None:
        return _COUNT, g.implied_count_unit[counted.group(1)]
    if g.implied_money.search(c.norm, lo, start) or _money_sentence(c, start):
        return _MONEY, g.implied_unit
    return None


# How far around a bare amount its sentence is searched for words about money.
_SENTENCE_REACH = 60


def _money_sentence(c: Candidate, start: int) -> bool:
    """A bare amount ending its phrase in a sentence that speaks of money (江门每年安排1.5亿，东莞
    每年投入5亿; 在封装12亿总产值中，国星一家已占8亿), its own clause naming nothing it counts
    (not 接待游客120万，实现旅游收入8亿元)."""
    g, norm, end = c.grammar, c.norm, c.end
    if end < len(norm) and norm[end] not in g.bare_ends and not g.money_after.match(norm, end):
        return False
    lo = start - _SENTENCE_REACH if start > _SENTENCE_REACH else 0
    head = norm[lo:start]
    if g.counted_in_clause.search(_clause_tail(head, g)):
        return False
    marks = list(g.sentence_end.finditer(head))
    lo = lo + marks[-1].end() if marks else lo
    stop = g.sentence_end.search(norm, end, end + _SENTENCE_REACH)
    hi = stop.start() if stop else min(len(norm), end + _SENTENCE_REACH)
    return g.money_sentence.search(norm, lo, hi) is not None


def rank(c: Candidate) -> bool:
    """Refuses a rank unit (位, 名, 个, 家) after 前/后 or a move in a ranking, a rank and no
    count: 居全省前5位, 前4个公司, 最大的5家企业, 排名上升1位 (not 目前3家)."""
    g, unit = c.grammar, c.unit
    if unit not in g.rank_or_top_units:
        return False  # the cheap test first: most units are neither
    top = unit in g.top_units
    start = c.match.start(N1)
    norm = c.norm
    if norm.endswith(g.rank_before, 0, start):
        return not norm.endswith(g.rank_not_after, 0, start)
    return not top and norm.endswith(g.rank_moves, 0, start)


def grade(c: Candidate) -> bool:
    """Refuses an amount of money or a physical quantity before 级, a grade in a class name:
    5000万吨级以上的煤矿企业, 10万吨级码头, 千亿元级产业集群."""
    kind = c.kind
    if kind is not _QUANTITY and kind is not _MONEY:
        return False
    return c.norm.startswith(c.grammar.grade_marks, c.match.end(UNIT))


def duration(c: Candidate) -> bool:
    """Refuses 个 before a unit of time, a duration and no count: 6个月, 3个工作日."""
    g = c.grammar
    return c.unit == g.duration_unit and c.norm.startswith(g.duration_after_ge, c.match.end(UNIT))


def unit_word(c: Candidate) -> bool:
    """Refuses a unit that begins another word: 本项目, 2023升级版, 二十四节气, 76万克拉."""
    if c.unit is None:
        return False
    words = c.grammar.unit_not_before.get(c.unit)
    return words is not None and c.norm.startswith(words, c.match.end(UNIT))


def noun_unit(c: Candidate) -> str | None:
    """The measure word of a number with 万/亿 whose unit begins the noun it counts, and the
    noun: 接近1亿人口 counts 人 with the span 接近1亿 (人口 is no unit); else ``None``."""
    g, unit = c.grammar, c.unit
    if unit is None or c.n1 is None or g.large.isdisjoint(c.n1):
        return None
    at = c.match.start(UNIT)
    for noun, counted in g.counted_nouns.items():
        if noun[0] == unit[0] and c.norm.startswith(noun, at):
            return counted
    return None


def cohort(c: Candidate) -> bool:
    """Refuses a year before 届/级, a cohort and no count: 2023届毕业生."""
    return (
        c.unit in c.grammar.not_after_year and c.n1 is not None and YEAR.fullmatch(c.n1) is not None
    )


_ENERGY_REACH = 14  # characters before 度 read for a word of electricity


def need_magnitude(c: Candidate) -> bool:
    """Refuses 度/方 after a number with no 万/亿, where they are words of their own: 三方,
    90度 (not 5亿度, nor 度 of electricity: 电耗从14500度)."""
    if c.unit not in c.grammar.need_magnitude or not c.grammar.large.isdisjoint(c.core):
        return False
    window = c.norm[max(0, c.start - _ENERGY_REACH) : c.start]
    return not (c.unit == "度" and any(w in window for w in c.grammar.energy_words))


def _chinese_only(c: Candidate) -> bool:
    """A unit after a number written in Chinese numerals only, with no 百分之."""
    return (
        c.unit is not None
        and c.pfx is None
        and c.n1 is not None
        and c.n1[0] not in _ASCII_DIGITS
        and _DECIMAL.search(c.core) is None
    )


def name_measure(c: Candidate) -> bool:
    """Refuses a Chinese numeral before a measure word used in names only: 十九届, 七期."""
    return c.unit in c.grammar.not_after_chinese and _chinese_only(c)


def determiner(c: Candidate) -> bool:
    """Refuses a small Chinese numeral before a measure word, a determiner and no figure:
    一个, 两次, 四项 (not 两三个, 三万个, 两成)."""
    if not _chinese_only(c):
        return False
    g, n1 = c.grammar, c.n1 or ""
    has_magnitude = not g.magnitude_set.isdisjoint(c.core)
    vague = (
        len(n1) >= 2
        and n1[0] in g.digit_chars
        and n1[0] not in g.ordinal_pair_digits
        and n1[1] in g.digit_chars
    )  # 两三个; 二三次 is an ordinal
    return not (has_magnitude or vague or c.unit in g.small_chinese_ok)


def ten_label(c: Candidate) -> bool:
    """Refuses 十 alone before a measure word of counts, a programme's label more than a count:
    十项, 十条, 十大."""
    return c.core in c.grammar.tens and c.kind is _COUNT and _chinese_only(c)


# How far within its clause a proportion's 每 may stand before its first count, and its 就 after.
_PROPORTION_REACH = 10


def proportion(c: Candidate) -> bool:
    """Refuses a count of a proportion, 每 N … 就有 M (每生产12辆汽车就有1辆): one in N, no count
    of either."""
    if c.kind is not _COUNT:
        return False
    g, norm, start, end = c.grammar, c.norm, c.start, c.end
    lo = start - _PROPORTION_REACH if start > _PROPORTION_REACH else 0
    if norm.find(g.proportion_each, lo, start) < 0:
        return False  # the cheap test first: most counts follow no 每
    head = norm[lo:start]
    head = _clause_tail(head, g)
    tail = norm[end : end + _PROPORTION_REACH]
    mark = g.clause.search(tail)
    tail = tail[: mark.start()] if mark else tail
    if g.proportion_each in head and g.proportion_then.search(tail):
        return True  # 每生产[12辆]汽车就有1辆
    then = g.proportion_then.search(head + norm[start : start + 1])
    if then is None or g.proportion_each not in head[: then.start()]:
        return False
    return g.number_char.search(head, 0, then.start()) is not None  # 每生产12辆汽车就有[1辆]


def _clause_tail(text: str, g: Grammar) -> str:
    """The end of ``text`` after its last clause mark."""
    marks = list(g.clause.finditer(text))
    return text[marks[-1].end() :] if marks else text


Guard = Callable[[Candidate], bool]

#: The guards, in the order they are applied: a candidate any of them refuses is no figure.
GUARDS: tuple[Guard, ...] = (
    bare_number,
    zero_word,
    ordinal,
    ordinal_list,
    code,
    slash_ratio,
    split_digits,
    glued,
    dash_chain,
    idiom,
    quotation,
    quoted_name,
    quoted_chinese,
    bare_magnitude,
    vague_number,
    class_label,
    unitless,
    rank,
    grade,
    duration,
    unit_word,
    cohort,
    need_magnitude,
    name_measure,
    determiner,
    ten_label,
    proportion,
)
# Guards that refuse a candidate with a unit only, and guards that refuse one without a unit
# only (a bare number, a fraction): a candidate of the other shape skips them.
_UNIT_ONLY: frozenset[Guard] = frozenset(
    {ordinal_list, rank, grade, duration, unit_word, cohort, need_magnitude, name_measure,
     determiner, ten_label, proportion}
)  # fmt: skip
_NO_UNIT_ONLY: frozenset[Guard] = frozenset({bare_number, slash_ratio, unitless})
#: The guards of :data:`GUARDS`, in their order, that may refuse a candidate with a unit, and
#: those that may refuse one without: each of the others keeps every candidate of that shape.
GUARDS_WITH_UNIT: tuple[Guard, ...] = tuple(g for g in GUARDS if g not in _NO_UNIT_ONLY)
GUARDS_WITHOUT_UNIT: tuple[Guard, ...] = tuple(g for g in GUARDS if g not in _UNIT_ONLY)
#: The guards of a number whose unit begins the noun it counts (1亿人口): all those of a unit but
#: the one that refuses the unit as the start of a word.
GUARDS_BEFORE_NOUN: tuple[Guard, ...] = tuple(g for g in GUARDS_WITH_UNIT if g is not unit_word)


def refused_by(c: Candidate) -> str | None:
    """The name of the first guard that refuses ``c``, or ``None`` if none does."""
    for guard in GUARDS:
        if guard(c):
            return guard.__name__
    return None
