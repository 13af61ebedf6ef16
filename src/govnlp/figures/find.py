"""Finding money, percent, count and quantity expressions and reading them exactly.

The grammar (:mod:`govnlp.figures.grammar`) finds candidates, the guards
(:mod:`govnlp.figures.guards`) refuse those that are no figure; this module reads the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from govnlp.errors import check_text
from govnlp.figures.grammar import DISTANT_BREAKS, N1, N2, POST, UNIT, Grammar, grammar
from govnlp.figures.guards import (
    GUARDS_BEFORE_NOUN,
    GUARDS_WITH_UNIT,
    GUARDS_WITHOUT_UNIT,
    Candidate,
    implied_unit,
    noun_unit,
    read_match,
)
from govnlp.figures.numerals import EXACT, clean, fraction_percent, parse_number_range
from govnlp.lexicon import Lexicon, default_lexicon
from govnlp.records import Figure, Kind, Qualifier
from govnlp.text.normalize import normalize, squeeze_format

_ONE = Decimal(1)
_MINUS = ("-", "−", "负")  # 增长-3.2%, 增长负3.2%
# The one inside qualifier a bare number keeps when it borrows the next figure's unit
# (分别为50余和80余万元); 多 is not carried over (分别为300多和500多万元: 300多 is exact).
_SHARED_INSIDE = "余"
_SMALL_TOPIC_REACH = 40  # characters before an amount in 分/角 read for what its sentence is about


def find_figures(text: str, *, lexicon: Lexicon | None = None) -> list[Figure]:
    """Every money, percent, count and quantity expression in ``text``, in order.

    Offsets are into ``text`` as given: ``text[f.start:f.end] == f.text``.

    >>> [(f.kind.value, f.value, f.unit) for f in find_figures("总投资796.5亿元,占37.41%")]
    [('money', Decimal('79650000000'), '元'), ('percent', Decimal('37.41'), '%')]
    """
    check_text(text)
    lex = lexicon or default_lexicon()
    norm = normalize(text, lexicon=lex)
    return find_in_normalized(text, norm, lex)


# How far a figure reaches around its numerals: qualifier, 人民币 and 百分之 before (at most
# 9 characters), unit, qualifier and 整 after (at most 11).
_BEFORE, _AFTER = 10, 12


def _windows(norm: str, g: Grammar) -> list[tuple[int, int]]:
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


def _matches(norm: str, g: Grammar) -> Iterator[re.Match[str]]:
    """The matches of ``g.pattern`` in ``norm``, as ``finditer`` would give them, but tried
    only near numerals and where a match can begin."""
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


def candidates(text: str, *, lexicon: Lexicon | None = None) -> list[Candidate]:
    """Every match of the figure grammar in ``text``, read as a candidate figure, before the
    guards judge it."""
    check_text(text)
    lex = lexicon or default_lexicon()
    norm = normalize(text, lexicon=lex)
    g = grammar(lex)
    idioms = _idioms(norm, g)
    out: list[Candidate] = []
    previous_end = -1
    for m in _matches(norm, g):
        out.append(read_match(m, norm, g, idioms, previous_end))
        previous_end = m.end()
    return out


def _idioms(norm: str, g: Grammar) -> re.Pattern[str] | None:
    """The idioms pattern if ``norm`` holds an idiom (most texts hold none)."""
    return g.idioms if g.idioms is not None and g.idioms.search(norm) else None


def find_in_normalized(text: str, norm: str, lex: Lexicon) -> list[Figure]:
    """The figures of ``text``, found on ``norm``, its normalised form
    (``normalize(text, lexicon=lex)``, of the same length).

    Format characters (zero-width spaces, soft hyphens, direction marks) are read as absent:
    ``1\u200b2亿元`` is 12亿元, its span covering the characters as written."""
    squeezed = squeeze_format(text, norm)
    if squeezed is None:
        return _find(text, norm, lex)
    makers = grammar(lex).makers
    out = []
    for f in _find(squeezed.text, squeezed.norm, lex):
        start, end = squeezed.span(f.start, f.end)
        out.append(
            makers[f.kind](text[start:end], start, end, f.value, f.value_high, f.unit, f.qualifier)
        )
    return out


_DISTANT_REACH = 30  # characters before a figure read for a qualifier away from it
_CLAUSE_BREAK = re.compile(f"[{DISTANT_BREAKS}]")  # a list of qualified figures goes no further


def _find(text: str, norm: str, lex: Lexicon) -> list[Figure]:
    """The figures of ``text``, found on ``norm``, its normalised form, of the same length."""
    g = grammar(lex)
    idioms = _idioms(norm, g)
    out: list[Figure] = []
    waiting: list[re.Match[str]] = []  # 分别是2005年的2.7和2.4倍: 2.7 waits for 倍
    previous_end = -1
    for m in _matches(norm, g):
        fig = _figure(read_match(m, norm, g, idioms, previous_end), text, lex)
        previous_end = m.end()
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
        elif _waits_for_unit(m, norm, g, joined):
            if joined:
                waiting.append(m)
            else:
                waiting = [m]
        elif waiting:
            waiting = []
    if any(u in norm for u in g.small_units):
        out = _with_small_money(out, text, norm, g, lex)
    if g.points_unit in norm:
        out = _with_points(out, text, norm, g, lex)
    if "余" in norm or "多" in norm:
        out = _with_bare_magnitudes(out, text, norm, g, lex)
    out = _with_distant_qualifiers(out, norm, g)
    return _share_last_qualifier(out, norm, g) if len(out) > 1 else out


def _with_distant_qualifiers(figures: list[Figure], norm: str, g: Grammar) -> list[Figure]:
    """``figures`` with the qualifier written away from the number in its clause (约占全国的
    10%, 最多可消纳清洁能源21.6亿千瓦时) given to a figure that has none of its own."""
    exact, previous, carried = Qualifier.EXACT, 0, None
    for i, fig in enumerate(figures):
        lo, gap, previous = max(previous, fig.start - _DISTANT_REACH), previous, fig.end
        if fig.qualifier is not exact:
            carried = None
            continue
        m = g.distant.search(norm, lo, fig.start)
        listed = norm.startswith(g.qualifier_joiners, gap) and not _CLAUSE_BREAK.search(
            norm, gap, fig.start
        )  # 约占合肥市的68.9%、安徽省的59%: the list goes on
        if m is not None and m.end() == fig.start:
            carried = Qualifier(next(k for k, v in m.groupdict().items() if v is not None))
        elif not (carried and listed):
            carried = None
            continue
        figures[i] = g.makers[fig.kind](
            fig.text, fig.start, fig.end, fig.value, fig.value_high, fig.unit, carried
        )
    return figures


def _with_small_money(
    figures: list[Figure], text: str, norm: str, g: Grammar, lex: Lexicon
) -> list[Figure]:
    """``figures`` with the amounts in parts of a 元 after a change of a price or cost
    (电价上调0.4分, 成本将上涨3角多) added where they overlap no figure."""
    added = []
    for m in g.small_money.finditer(norm):
        start, end = m.start("n1"), m.end("post")
        sentence = norm[max(0, start - _SMALL_TOPIC_REACH) : start]
        cut = max(sentence.rfind(c) for c in "。！？\n")
        if not any(t in sentence[cut + 1 :] for t in g.small_topics):
            continue
        if _overlaps(figures, start, end):
            continue
        low = parse_number_range(m.group("n1"), lexicon=lex)
        high = parse_number_range(m.group("n2"), lexicon=lex) if m.group("n2") else None
        if low is None or (m.group("n2") and high is None):
            continue
        worth = g.small_units[m.group("unit")]
        value = clean(EXACT.multiply(low[0], worth))
        top = clean(EXACT.multiply(high[0], worth)) if high else None
        qualifier = Qualifier.OVER if m.group("post") else Qualifier.EXACT
        added.append(
            g.makers[Kind.MONEY](
                text[start:end], start, end, value, top, g.implied_unit, qualifier
            )
        )
    return _merged(figures, added)


_POINTS_BEFORE, _POINTS_AFTER = 30, 6  # characters read for a word of scoring
_POINTS_DIGITS = 12  # the longest number of points read before 分


def _points(norm: str, g: Grammar) -> Iterator[re.Match[str]]:
    """The matches of ``g.points`` in ``norm``, read only around its 分 (a scan of the whole
    text costs more than reading the few places where points can be)."""
    unit, at, last = g.points_unit, norm.find(g.points_unit), -1
    while at >= 0:
        m = g.points.search(norm, max(last, at - _POINTS_DIGITS), at + len(unit) + 1)
        if m is not None and m.end() > last:
            last = m.end()
            yield m
        at = norm.find(unit, at + len(unit))


def _with_points(
    figures: list[Figure], text: str, norm: str, g: Grammar, lex: Lexicon
) -> list[Figure]:
    """``figures`` with the points of a score added where they overlap no figure: 商务权重为60分,
    分别加2分, 设置了8分的分值 (news-dev-0089, news-dev-0125); not 15分钟, 14时10分, 十分重要."""
    added = []
    for m in _points(norm, g):
        start, end = m.span()
        if _overlaps(figures, start, end):
            continue
        near = norm[max(0, start - _POINTS_BEFORE) : start]
        if not (
            near.endswith(g.points_verbs)
            or g.points_cues.search(near) is not None
            or g.points_cues.search(norm, end, end + _POINTS_AFTER) is not None
        ):
            continue
        parsed = parse_number_range(m.group("n1") or m.group("n2"), lexicon=lex)
        if parsed is None:
            continue
        added.append(
            g.makers[Kind.COUNT](
                text[start:end], start, end, parsed[0], None, g.points_unit, Qualifier.EXACT
            )
        )
    return _merged(figures, added)


def _with_bare_magnitudes(
    figures: list[Figure], text: str, norm: str, g: Grammar, lex: Lexicon
) -> list[Figure]:
    """``figures`` with the counts written as a magnitude alone and 余 (百余所学校, 千余家企业,
    万余人: over 100, 1000, 10000) added where they overlap no figure."""
    added = []
    for m in g.bare_magnitude.finditer(norm):
        start, end = m.span()
        if _overlaps(figures, start, end):
            continue
        kind, unit, _ = g.unit_kind[m.group("unit")]
        if kind is not Kind.COUNT:
            continue
        value = Decimal(lex.magnitudes[m.group("mag")])
        added.append(
            g.makers[kind](text[start:end], start, end, value, None, unit, Qualifier.OVER)
        )
    return _merged(figures, added)


def _overlaps(figures: list[Figure], start: int, end: int) -> bool:
    """Whether the span ``start``–``end`` overlaps one of ``figures``."""
    return any(f.start < end and start < f.end for f in figures)


def _merged(figures: list[Figure], added: list[Figure]) -> list[Figure]:
    """``figures`` and ``added`` in text order (``figures`` itself where nothing was added)."""
    return sorted([*figures, *added], key=lambda f: f.start) if added else figures


def _share_last_qualifier(figures: list[Figure], norm: str, g: Grammar) -> list[Figure]:
    """A qualifier written after the last of figures joined by 、 or 和 alone covers them all:
    分别增长5%、9%、6%左右; 稳定在318万亩、16.5亿斤以上 (not 停车位1200个、充电桩400个以上)."""
    exact = Qualifier.EXACT
    for i, last in enumerate(figures):
        if last.qualifier is exact or not i or not last.text.endswith(g.after_words):
            continue
        j = i - 1
        while j >= 0 and figures[j].qualifier is exact:
            fig = figures[j]
            if norm[fig.end : figures[j + 1].start] not in g.qualifier_joiners:
                break
            figures[j] = g.makers[fig.kind](
                fig.text, fig.start, fig.end, fig.value, fig.value_high, fig.unit, last.qualifier
            )
            j -= 1
    return figures


def _waits_for_unit(m: re.Match[str], norm: str, g: Grammar, chained: bool = False) -> bool:
    """A bare number in a 分别 list, right before 和 or 、 and the next figure: it shares that
    figure's unit (分别是2005年的2.7和2.4倍); ``chained``: it follows another such number."""
    end, start = m.end(), m.start()
    if not norm.startswith(g.list_joiners, end) or norm.endswith(g.ordinal_prefixes, 0, start):
        return False  # the cheap test first: most matches fail it
    pre, rmb, den, _, slash, pfx, sign, n1, _, _, _, _, n2, unit, post, _ = m.groups()
    if n1 is None or not (pre is rmb is den is slash is pfx is sign is n2 is unit is post is None):
        return False
    return chained or g.list_after_marker.search(norm, max(0, start - 24), start) is not None


def _sharing_unit(
    m: re.Match[str], nxt: re.Match[str], fig: Figure, text: str, g: Grammar, lex: Lexicon
) -> Figure | None:
    """The figure of the bare number ``m`` with the unit (and a trailing 万/亿) of the next
    figure ``fig``, matched by ``nxt``."""
    unit_word = nxt.group(UNIT)
    if unit_word is None or nxt.group("pfx") is not None:
        return None
    n1 = m.group(N1)
    suffix = g.trailing_magnitude.search(nxt.group(N1).rstrip(g.inside_chars))
    if suffix and g.magnitude_set.isdisjoint(n1):
        n1 += suffix.group()  # 分别为3和5亿元: 3亿
    kind, unit, factor = g.unit_kind[unit_word]
    if kind is not fig.kind or unit != fig.unit:
        return None
    parsed = _value(n1, g, lex)
    if parsed is None:
        return None
    value, high = _scaled(*parsed, factor)
    start, end = m.span()
    qualifier = (
        g.qualifier_of[("inside", _SHARED_INSIDE)] if _SHARED_INSIDE in n1 else Qualifier.EXACT
    )
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


def _figure(c: Candidate, text: str, lex: Lexicon) -> Figure | None:
    """The figure the candidate ``c`` stands for, unless a guard refuses it."""
    counted = noun_unit(c)
    if counted is not None:
        return _before_noun(c, counted, text, lex)
    for guard in GUARDS_WITH_UNIT if c.unit is not None else GUARDS_WITHOUT_UNIT:
        if guard(c):
            return None
    if c.den is not None and c.numer is not None:
        return _fraction(c, text, lex)
    g, m = c.grammar, c.match
    end = c.end
    if c.unit is None and c.pfx is None:  # an amount of money with no unit (金额4120亿)
        end = m.end(N2) if c.n2 else m.end(N1)
        if c.post:
            end = m.end(POST)
    qualifier = _qualifier(c, end)
    if qualifier is Qualifier.EXACT and c.unit is not None:
        qualifier = _after_denominator(c, end) or qualifier
    parsed = _range(c, lex)
    if parsed is None:
        return None
    value, high = parsed
    unit_word = c.unit if c.unit and m.end(UNIT) <= end else None
    if c.pfx:
        kind, unit, factor = Kind.PERCENT, g.percent_unit, g.percent_prefix[c.pfx]
    elif unit_word is None:
        kind, unit = implied_unit(c) or (Kind.MONEY, g.implied_unit)
        factor = _ONE
    else:
        kind, unit, factor = g.unit_kind[unit_word]
    value, high = _scaled(value, high, factor)
    if high is not None and high == value:
        high = None
    return g.makers[kind](text[c.start : end], c.start, end, value, high, unit, qualifier)


def _before_noun(c: Candidate, unit: str, text: str, lex: Lexicon) -> Figure | None:
    """The count of a number whose unit begins the noun it counts, ``unit`` its measure word:
    山东有接近1亿人口 → 接近1亿, 100000000 人 (news-dev-0104)."""
    for guard in GUARDS_BEFORE_NOUN:
        if guard(c):
            return None
    if c.n2 is not None or c.den is not None or c.pfx is not None:
        return None
    parsed = _range(c, lex)
    if parsed is None:
        return None
    end = c.match.start(UNIT)
    value, high = parsed
    return c.grammar.makers[Kind.COUNT](
        text[c.start : end], c.start, end, value, high, unit, _qualifier(c, end)
    )


def _after_denominator(c: Candidate, end: int) -> Qualifier | None:
    """The qualifier written after the denominator of a rate per unit (400元/吨左右, 54万吨/日
    以上): the figure's span stops at its own unit, the qualifier still speaks of it."""
    g = c.grammar
    per = g.per_unit.match(c.norm, end)
    if per is None:
        return None
    word = next((w for w in g.after_words if c.norm.startswith(w, per.end())), None)
    return g.qualifier_of[("after", word)] if word else None


def _qualifier(c: Candidate, end: int) -> Qualifier:
    """The qualifier written before the figure, inside it (50余万) or after it (以上) if it
    ends at or before ``end``."""
    g = c.grammar
    qualifier = Qualifier.EXACT
    if c.negated is not None:
        qualifier = c.negated
    elif c.with_pre and c.pre is not None:
        qualifier = g.qualifier_of[("before", c.pre)]
    elif c.n1 is not None:
        for word in g.inside_words:
            if word in c.n1:
                qualifier = g.qualifier_of[("inside", word)]
                break
    if qualifier is Qualifier.EXACT and c.post and not c.with_pre and c.match.end(POST) <= end:
        qualifier = g.qualifier_of[("after", c.post)]
    return qualifier


def _range(c: Candidate, lex: Lexicon) -> tuple[Decimal, Decimal | None] | None:
    """The value of the number and its upper end, signed (增长-3.2%), before the unit's factor:
    3至5亿 reads 3亿 to 5亿."""
    g, n1, n2 = c.grammar, c.n1 or "", c.n2
    if n2 is not None:
        suffix = g.trailing_magnitude.search(n2)
        if suffix and not c.u1 and g.magnitude_set.isdisjoint(n1.rstrip(g.inside_chars)):
            n1 = n1 + suffix.group()  # 3至5亿元: the first end borrows 亿
    first = _value(n1, g, lex)
    if first is None:
        return None
    value, high = first
    if n2 is not None:
        second = _value(n2, g, lex)
        if second is None:
            return None
        high = second[1] or second[0]
    if c.sign in _MINUS:
        value = value.copy_negate()
    return value, high


def _fraction(c: Candidate, text: str, lex: Lexicon) -> Figure | None:
    """十分之一, 1/3: a percent, exact where the fraction ends (1/8 → 12.5) and to hundredths
    of a percent where it does not (1/3 → 33.33, 2/3 → 66.67)."""
    g = c.grammar
    den, numer = c.den or "", c.numer or ""
    den_value, num = _value(den, g, lex), _value(numer, g, lex)
    if den_value is None or num is None or den_value[0] == 0:
        return None
    value = fraction_percent(num[0], den_value[0])
    start, end = c.start, c.end
    qualifier = _qualifier(c, end)
    return g.makers[Kind.PERCENT](
        text[start:end], start, end, value, None, g.percent_unit, qualifier
    )


def _value(core: str, g: Grammar, lex: Lexicon) -> tuple[Decimal, Decimal | None] | None:
    """The value of a number and its upper end (三十几), with 余/多 and the 个 of 80个亿 left
    out."""
    for word in g.inside_words:
        if word in core:
            core = core.replace(word, "")
    if g.spoken_measure in core:
        core = core.replace(g.spoken_measure, "")
    return parse_number_range(core, lexicon=lex)
