"""The canonical statistical indicator a figure's subject and metric name (地区生产总值 → ``gdp``).

The indicators and their surface forms are ``lexicons/indicators.tsv``; the words that make a
figure an indicator's level or its growth, and the heads that keep a name the place's own
indicator, are ``lexicons/rules/indicators.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from govnlp.figures.grammar import alternation
from govnlp.lexicon import Indicator, Lexicon
from govnlp.records import Figure, Kind
from govnlp.text.normalize import normalize

PERCENT = Kind.PERCENT.value  # the kind of a rate
PERCENT_SIGN = "%"
POINTS = "百分点"  # the unit of percentage points

LEVEL = "level"
GROWTH = "growth"
MEASURES = (LEVEL, GROWTH)
"""The measures of an indicator a figure can be: its level (地区生产总值300亿元) or its change
(地区生产总值增长6%, 城镇调查失业率下降0.2个百分点)."""

_ASIDE = re.compile(r"\([^()]*\)")  # a bracketed aside in normalised text: (含园区), (GDP)
_CACHE_SIZE = 1 << 16

Found = tuple[str | None, str | None]  # (indicator id, measure)
_NONE: Found = (None, None)


def _either(words: Sequence[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@dataclass(frozen=True, eq=False)
class IndicatorMatcher:
    """The indicators of a lexicon compiled for matching (see :func:`indicator_matcher`)."""

    lexicon: Lexicon
    forms: re.Pattern[str]  # every form, normalised; the longest at each position
    by_form: dict[str, Indicator]
    tail: re.Pattern[str]  # what may follow a name: modifiers, one level or growth word
    head: re.Pattern[str]  # scopes that may stand before a name
    place_suffixes: tuple[str, ...]
    place_length: int
    growth_forms: frozenset[str]  # forms that are themselves a change (经济增长)
    report_forms: dict[str, str]  # metric + subject → id, in a report only (新增就业)

    def find(
        self,
        subject: str | None,
        metric: str | None,
        kind: str | None = None,
        unit: str | None = None,
        *,
        normalized: bool = False,
    ) -> Found:
        """(indicator id, measure) of a figure with this subject and metric, else (None, None).

        ``normalized``: the subject and metric are already in normalised characters (as the
        linker gives them), so they are not normalised again.
        """
        if not subject and not metric:
            return _NONE
        return _find(self, subject or "", metric or "", kind, unit, normalized)

    def measure(self, metric: str | None) -> str:
        """The measure a metric alone gives: ``growth`` for a change (增长, 比上年下降), else
        ``level``."""
        m = self.tail.fullmatch(normalize(metric or "", lexicon=self.lexicon))
        return GROWTH if m is not None and m.group("growth") else LEVEL

    def classify(self, text: str, kind: str | None, unit: str | None) -> Found | None:
        """(id, measure) of a subject and metric read together (normalised); (None, None) when
        the text names no indicator of its own, None when it names none at all."""
        asides = [m.span() for m in _ASIDE.finditer(text)] if "(" in text else []
        found = [m for m in self.forms.finditer(text) if not _inside(m.span(), asides)]
        if not found:
            return None
        if len(found) > 1:
            return _NONE  # two indicators (第三产业增加值占地区生产总值比重), or a pair
        name = found[0]
        head = _without(text, 0, name.start(), asides)
        tail = self.tail.fullmatch(_without(text, name.end(), len(text), asides))
        if tail is None or not self._own(head):
            return _NONE
        indicator = self.by_form[name.group()]
        growth = name.group() in self.growth_forms
        if growth and tail.group("growth"):
            return _NONE
        measure = GROWTH if growth or tail.group("growth") else LEVEL
        return (indicator.id, measure) if _fits(indicator, measure, kind, unit) else _NONE

    def _own(self, head: str) -> bool:
        """Whether a head keeps the name the place's own indicator (全市, 南乐县)."""
        if not head or self.head.fullmatch(head):
            return True
        return len(head) >= self.place_length and head.endswith(self.place_suffixes)


def _fits(indicator: Indicator, measure: str, kind: str | None, unit: str | None) -> bool:
    """Whether a figure of this kind and unit can be this measure of the indicator.

    A level is of the indicator's own kind (a percent after 地区生产总值 with no change word is
    a share or a change left unsaid), and a rate's level is in percent (not points). A growth is
    a percent or of the indicator's kind (增加5亿元); in points only for a rate (城镇化率提高1.2个
    百分点), since points after an amount are a change of its growth rate or of a share.
    """
    if measure == LEVEL:
        if kind is not None and kind != indicator.kind:
            return False
        return indicator.kind != PERCENT or unit in (None, PERCENT_SIGN)
    if kind is not None and kind not in (PERCENT, indicator.kind):
        return False
    return unit != POINTS or indicator.kind == PERCENT


def _inside(span: tuple[int, int], asides: Sequence[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in asides)


def _without(text: str, start: int, end: int, asides: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` without the bracketed asides that lie in it."""
    part = text[start:end]
    if not asides:
        return part
    for a, b in reversed(asides):
        if start <= a and b <= end:
            part = part[: a - start] + part[b - start :]
    return part


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _find(
    matcher: IndicatorMatcher,
    subject: str,
    metric: str,
    kind: str | None,
    unit: str | None,
    normalized: bool,
) -> Found:
    if not normalized:
        lex = matcher.lexicon
        subject, metric = normalize(subject, lexicon=lex), normalize(metric, lexicon=lex)
    found = matcher.classify(subject + metric, kind, unit)
    if found is None and subject and metric:  # 新增 + 城镇就业: the verb was read off the name
        found = matcher.classify(metric + subject, kind, unit)
    return found or _NONE


@functools.cache
def indicator_matcher(lexicon: Lexicon) -> IndicatorMatcher:
    """The indicators of ``lexicon`` compiled once, on first use."""
    rules = lexicon.indicator_rules
    by_form: dict[str, Indicator] = {}
    for indicator in lexicon.indicators:
        for form in indicator.forms:
            by_form.setdefault(normalize(form, lexicon=lexicon), indicator)
    modifier = _either(rules["modifiers"])
    level, growth = _either(rules["levels"]), _either(rules["growth"])
    # modifiers, then at most one level or growth word, then modifiers: 同比分别增长, 总量
    tail = re.compile(f"{modifier}*(?:(?P<level>{level})|(?P<growth>{growth}))?{modifier}*")
    growth_words = tuple(rules["growth"])
    return IndicatorMatcher(
        lexicon=lexicon,
        forms=re.compile(alternation(by_form)),
        by_form=by_form,
        tail=tail,
        head=re.compile(f"{_either(rules['scopes'])}+"),
        place_suffixes=tuple(rules["place_suffixes"]),
        place_length=int(rules["place_length"]),
        growth_forms=frozenset(f for f in by_form if f.endswith(growth_words)),
        report_forms={normalize(k, lexicon=lexicon): v for k, v in rules["report_forms"].items()},
    )


def indicator_of(
    subject: str | None,
    metric: str | None,
    *,
    lexicon: Lexicon,
    kind: str | None = None,
    unit: str | None = None,
) -> Found:
    """(indicator id, measure) that a figure's subject and metric name, else (None, None).

    The measure is ``level`` or ``growth`` (the metric is a change: 增长, 比上年下降, 增速).
    Names are matched longest first (规上工业增加值, not 工业增加值); a subject naming two
    indicators, a pair (城乡居民人均可支配收入) or a part (综保区进出口总额), and a change over
    several years (年均增长, 比2005年增长) or against another place (高于全国), give none.
    ``kind`` and ``unit`` are the figure's (``percent``, ``%``): a level must be of the
    indicator's own kind, so a percent after 地区生产总值 with no change word is none of its
    measures, while 城镇调查失业率5.5% is that rate's level.

    >>> from govnlp.lexicon import default_lexicon
    >>> indicator_of("全市地区生产总值", "增长", kind="percent", lexicon=default_lexicon())
    ('gdp', 'growth')
    >>> indicator_of("城乡居民人均可支配收入", "增长", kind="percent", lexicon=default_lexicon())
    (None, None)
    """
    return indicator_matcher(lexicon).find(subject, metric, kind, unit)


def indicator_id(
    subject: str | None,
    metric: str | None,
    figure: Figure,
    lexicon: Lexicon,
    *,
    report: bool = False,
) -> str | None:
    """The indicator id of ``figure`` read with this subject and metric, in normalised
    characters as the linker gives them (see :func:`indicator_of`), else None. ``report``: the
    figure is of a work report or statistical bulletin, where a few more forms name an
    indicator (新增就业)."""
    if not subject and not metric:
        return None
    matcher = indicator_matcher(lexicon)
    found = matcher.find(subject, metric, figure.kind, figure.unit, normalized=True)[0]
    if found is None and report:
        found = matcher.report_forms.get((metric or "") + (subject or ""))
    return found
