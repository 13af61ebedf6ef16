"""Linking a figure to what it measures (subject, metric), when (period) and its role.

Rules over the sentence and its clauses; the words they use are data in
``lexicons/rules/link.toml``.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from govnlp.lexicon import Lexicon
from govnlp.records import Figure, Kind, Qualifier
from govnlp.text.segment import CLAUSE_BREAK, Block, Sentence

_PAST = ("了", "已", "累计", "过去", "去年", "上年", "一年来", "五年来")  # results, even in a plan
_COMPARE = re.compile(
    r"(?:比|较|与|同|高于|低于|快于|慢于)"
    r"(?:上年末|上年同期|上年|去年同期|去年|全国|全省|全市|年初|(?:19|20)[0-9]{2}年(?:末|底)?)"
    r"(?:同期|平均水平|平均)?$"
)  # a comparison base before a change: 比上年, 高于全国
_REACH = 240  # how far around a figure its sentence is read (long lists stay linear)
_QUOTES = "“”\"'‘’「」"
_BRACKETS = "[]【】"  # footnote marks ([3]) are not part of a subject
# nothing but 全市 (or nothing at all) before a share opening its clause
_SCOPE_ONLY = re.compile(r"(?:(?:全|我|该|本)[县市区省州旗盟国])?")
# after a share's group, these do not make a predicate (50%的增长, 80%以上)
_CN_ORDINALS = frozenset("一二三四五六七八九十")
_SPEEDS = ("增速", "增幅", "涨幅")  # measures of a change, compared with a base
_SCOPES = frozenset({"全国", "全省", "全市", "全区", "全县"})  # may open a name after a count
_LEADING_VERBS = frozenset({"实施", "开展", "推进", "实现"})  # verbs before a nominalised verb
# before a year: the base of a comparison (于 alone is 'in': 于2023年建成)
_MET = re.compile("完成|实现|达到|达成|超额")  # before 目标: the goal is met
_QUARTER = re.compile("([一二三四])季度")
_DIGIT = re.compile("[0-9]")
_BASE_MARKS = (
    "比", "较", "是", "同", "与", "高于", "低于", "快于", "慢于", "多于", "少于", "相当于",
)  # fmt: skip
_CARRIED_OUT = re.compile(r"(?:进行了|进行)([^，,。；;、“”0-9]{2,6})$")
_SHARE_STOP = re.compile(r"[0-9（(、和及与或]|以上|以下|左右|以内")
_TIMES = re.compile(r"(?:分别)?(是[^是，,]{1,12}?)$")  # the base of a multiple: 是2005年(的)
# time words between a subject and its verb: 五年, 三年来, 一季度, 上半年
_SPAN_OF_YEARS = re.compile(
    r"[一二两三四五六七八九十0-9]+年(?:来|间)?|[一二三四]季度|前三季度|[上下]半年|年初|年末|年底"
)
_ORDINALISH = re.compile(r"^[前第]?[一二三四五六七八九十0-9]+[期次批届年]$")
_PLAN_YEARS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
_CN_Q = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True, slots=True)
class Link:
    """What a figure measures and when."""

    subject: str | None = None
    metric: str | None = None
    period: str | None = None
    year: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    role: str | None = None


@dataclass(frozen=True)
class _Rules:
    metrics: tuple[str, ...]
    topic_measures: tuple[str, ...]
    directions: tuple[str, ...]
    count_metric_verbs: frozenset[str]
    count_verbs_longest: tuple[str, ...]
    result_verbs: tuple[str, ...]
    breakers: frozenset[str]
    linking_verbs: tuple[str, ...]
    terms: frozenset[str]
    continuers: tuple[str, ...]
    fillers: frozenset[str]
    indicator_rates: frozenset[str]
    level_changes: tuple[str, ...]
    review_sections: tuple[str, ...]
    plan_sections: tuple[str, ...]
    targets: tuple[str, ...]
    target_not_before: dict[str, tuple[str, ...]]
    actuals: tuple[str, ...]
    periods: re.Pattern[str]


@functools.cache
def _rules(lex: Lexicon) -> _Rules:
    raw: dict[str, Any] = lex.link_rules

    def longest(words: Sequence[str]) -> tuple[str, ...]:
        return tuple(sorted(words, key=len, reverse=True))

    return _Rules(
        metrics=longest(raw["metrics"]),
        topic_measures=longest(raw["topic_measures"]),
        directions=longest(raw["directions"]),
        count_metric_verbs=frozenset(raw["count_metric_verbs"]),
        count_verbs_longest=longest(raw["count_metric_verbs"]),
        result_verbs=longest(raw["result_verbs"]),
        breakers=frozenset(raw["breakers"]),
        linking_verbs=longest(raw["linking_verbs"]),
        terms=frozenset(t.text for t in lex.domain_terms),
        continuers=longest(raw["continuers"]),
        fillers=frozenset(raw["fillers"]),
        indicator_rates=frozenset(raw["indicator_rates"]),
        level_changes=longest(raw["level_changes"]),
        review_sections=tuple(raw["review_sections"]),
        plan_sections=tuple(raw["plan_sections"]),
        targets=longest(raw["targets"]),
        target_not_before={k: tuple(v) for k, v in raw["target_not_before"].items()},
        actuals=tuple(raw["actuals"]),
        periods=re.compile("|".join(f"(?:{p})" for p in raw["periods"])),
    )


class Linker:
    """Links the figures of one document; keeps the per-sentence state (carried subject)."""

    def __init__(
        self,
        norm: str,
        sentences: Sequence[Sentence],
        lexicon: Lexicon,
        date: dt.date | None,
        blocks: Sequence[Block] = (),
    ) -> None:
        from govnlp.text.tokenizer import default_tokenizer_for

        self.norm = norm
        self.sentences = sentences
        self.rules = _rules(lexicon)
        self.date = date
        self.tokenizer = default_tokenizer_for(lexicon)
        self._subject: dict[int, str] = {}  # block index -> subject carried across clauses
        self._metric: dict[int, str] = {}  # sentence index -> last money metric
        self._carried: dict[int, Link] = {}  # block index -> the period given last
        self._period_cache: dict[int, list[tuple[int, str, Link]]] = {}
        self._carried_at: dict[int, int] = {}  # block index -> start of the sentence carried from
        self._last: dict[int, tuple[int, str, str]] = {}  # sentence -> (end, subject, metric)
        self._starts: dict[int, list[int]] = {}  # sentence -> starts of figures linked so far
        self._items: dict[int, list[str]] = {}  # sentence -> subjects listed before 分别
        self._subjects: dict[int, list[str]] = {}  # sentence -> subjects of its figures so far
        self._word_cache: dict[str, list[str]] = {}
        self._target_blocks: set[int] = set()
        self._target_sentences: set[int] = set()  # sentences holding a goal
        self._cues: dict[int, tuple[bool, bool]] = {}
        self._section_role = self._section_roles(blocks)

    # -- subject and metric -------------------------------------------------------------
    def link(self, fig: Figure, index: int) -> Link:
        """The link of ``fig``, which lies in sentence ``index``."""
        sent = self.sentences[index]
        clause_left, right = self._clause(sent, fig)
        left = clause_left
        last = self._last.get(index)
        if last and last[0] <= fig.start:
            since = self._since(sent, last[0], fig.start)
            if len(since) < len(left):
                left = since
        counted = fig.kind in (Kind.COUNT, Kind.QUANTITY)
        change = left.strip()
        if last and last[1] and change in self.rules.level_changes:
            subject, metric = last[1], change  # 增值税税率从17%降至13%: the end takes the verb
        elif (
            last
            and left.strip()
            and self._continues(left)
            and not (counted and self._head_phrase(right))
        ):
            subject, metric = last[1], last[2]  # 确保增长6.5%、力争7%以上
        else:
            listed_after = last and last[1] and left.lstrip().startswith(("、", "，", ","))
            subject, metric = self._subject_metric(
                fig, sent.block, left, right, last[1] if listed_after and last else None
            )  # 地区生产总值3323.7亿元、同比增长5.8%: the same subject
            joined = left[len(last[1]) :] if last and last[1] and left.startswith(last[1]) else left
            listed = last is not None and joined.startswith(("、", "和", "及")) and not metric
            if listed and fig.kind in (Kind.COUNT, Kind.QUANTITY) and last is not None:
                metric = last[2]  # 新增A353家、B48家: the verb heads the whole list
            if listed and last is not None and subject and last[1]:
                subject = _restore_elided(subject, last[1])  # 国家级…企业2家、省级8家
        if metric and metric.startswith(("分别", "同比")) and metric[2:] in self.rules.directions:
            metric = metric[2:]  # 分别增长, 同比增长: the measure is 增长
        listed_subject = self._distributed(sent, index, fig)
        if listed_subject:
            subject = listed_subject  # A、B分别完成x、y: x is A's, y is B's
        self._starts.setdefault(index, []).append(fig.start)
        self._subjects.setdefault(index, []).append(subject)
        if subject and not metric and "新增" in subject[:-2]:
            subject, metric = subject.replace("新增", "", 1), "新增"  # 城镇新增就业, 新增经营主体
        self._last[index] = (fig.end, subject, metric)
        if subject and "其中" not in clause_left and not right.startswith("、"):
            self._subject[sent.block] = subject  # list items (其中…、…) are not carried
        period = self._period(sent, index, fig.start)
        role = self._role(sent, fig, left)
        if role == "actual" and self._target_list_goes_on(sent, index, fig):
            role = "target"  # 预期目标是：…增长7.5%；规上工业增加值增长8%；…
        if role == "target":
            self._target_blocks.add(sent.block)
            self._target_sentences.add(index)
        elif role is None and sent.block in self._target_blocks:
            role = "target"  # 主要预期目标是：…；…；… the list goes on in later sentences
        elif role is None:
            role = self._section_role.get(sent.block)  # 一、2023年工作回顾 … results
        elif role == "actual" and self._section_role.get(sent.block) == "target":
            text = self.norm[max(sent.start, fig.start - _REACH) : fig.start]
            if not any(w in text for w in _PAST):
                role = "target"  # 增长6%左右 in the plan section is a goal
        return Link(subject or None, metric or None, period.period, period.year,
                    period.period_start, period.period_end, role)  # fmt: skip

    def _clause(self, sent: Sentence, fig: Figure) -> tuple[str, str]:
        """Text of the figure's clause before and after it (pieces joined, within reach)."""
        lo, hi = fig.start - _REACH, fig.end + _REACH
        before = "".join(
            self.norm[max(s, lo) : min(e, fig.start)] for s, e in sent.pieces
            if s < fig.start and e > lo
        )  # fmt: skip
        after = "".join(
            self.norm[max(s, fig.end) : min(e, hi)] for s, e in sent.pieces
            if e > fig.end and s < hi
        )  # fmt: skip
        cut = [m.end() for m in CLAUSE_BREAK.finditer(before)]
        left = before[cut[-1] :] if cut else before
        m = CLAUSE_BREAK.search(after)
        right = after[: m.start()] if m else after
        return left[-40:], right[:24]

    def _distributed(self, sent: Sentence, index: int, fig: Figure) -> str:
        """The subject a 分别 list gives this figure, if any."""
        base = max(sent.start, fig.start - _REACH)
        before = self.norm[base : fig.start]
        j = before.rfind("分别")
        if j < 0 or any(c in before[j:] for c in "；;。"):
            return ""
        head = before[:j]
        cut = max(head.rfind(c) for c in ",，;；:：")
        pieces = [x.strip() for x in re.split(r"[、和及]", head[cut + 1 :])]
        if len(pieces) >= 2 and pieces[0][:1] == "第":
            pieces[0] = pieces[0][1:]  # 第一、二、三产业增加值
        if len(pieces) >= 2 and all(x in _CN_ORDINALS for x in pieces[:-1]):
            tail = self._tail_phrase(pieces[-1][1:])  # 一、二、三产业增加值: 第一产业增加值 …
            if pieces[-1][:1] in _CN_ORDINALS and tail:
                pieces = ["第" + x + tail for x in [*pieces[:-1], pieces[-1][0]]]
        names = [n for n in (self._tail_phrase(x) for x in pieces) if n]
        if len(names) == 1 and names[0].startswith("城乡"):  # 城乡居民收入分别增长6%、7%
            rest = names[0][2:]
            names = ["城镇" + rest, "农村" + rest]
        if len(names) >= 2 and len(names[-1]) > 4:  # 城镇、农村常住居民人均可支配收入
            names = [n + names[-1][2:] if len(n) <= 2 else n for n in names]
        starts = self._starts.get(index, [])
        at = bisect.bisect_right(starts, base + j)  # figures of the sentence before 分别
        if len(names) >= 2:
            self._items[index] = names
        elif (
            (
                (not names and not head[cut + 1 :].strip())
                or (len(names) == 1 and names[0] in self.rules.metrics)  # 总数分别达到239家、129家
            )
            and at >= 2
            and index not in self._items
        ):
            # 完成财政收入7.8亿元，其中一般预算收入2.7亿元，分别是2005年的2.7和2.4倍: 分别
            # with nothing before it in its clause goes back to the figures before it
            self._items[index] = self._subjects.get(index, [])[:at]
        items = self._items.get(index, [])
        k = len(starts) - at
        return items[k] if k < len(items) else ""

    def _since(self, sent: Sentence, at: int, end: int) -> str:
        return "".join(self.norm[max(s, at) : min(e, end)] for s, e in sent.pieces if e > at)

    def _continues(self, left: str) -> bool:
        rest = left.strip()
        while rest:
            word = next((w for w in self.rules.continuers if rest.startswith(w)), None)
            if word is None:
                return False
            rest = rest[len(word) :].strip()
        return True

    def _words(self, text: str) -> list[str]:
        if not text:
            return []
        words = self._word_cache.get(text)
        if words is None:
            words = self._word_cache[text] = self.tokenizer.words(text)
        return words

    def _subject_metric(
        self, fig: Figure, index: int, left: str, right: str, carried: str | None = None
    ) -> tuple[str, str]:
        """(subject, metric) of a figure from its clause; ``carried``: the subject to fall back
        on (else the one carried through the paragraph)."""
        r = self.rules
        carried = carried or self._subject.get(index, "")
        stripped = left.rstrip("的")
        if stripped.endswith(("从", "由")) and len(stripped) > 1:
            stripped = stripped[:-1]  # 增值税税率从17%降至13%: the start of a change
        direction = next((d for d in r.directions if stripped.endswith(d)), "")
        if direction and fig.kind is not Kind.PERCENT:  # 比上年减产849吨, 增加1200户
            before = stripped[: -len(direction)]
            head = _COMPARE.sub("", before)
            return self._tail_phrase(head) or carried, _with_base(before, direction)
        change = next((c for c in r.level_changes if stripped.endswith(c)), "")
        if change and fig.kind is not Kind.PERCENT:
            head = re.split(r"[由从]", stripped[: -len(change)])[0]
            return self._tail_phrase(head) or carried, change  # 由45.58亿元增长到70.11亿元
        for verb in r.linking_verbs:
            if stripped.endswith(verb) and len(stripped) > len(verb):
                stripped = stripped[: -len(verb)]
                break
        if stripped.endswith("分别") and len(stripped) > 2:
            stripped = stripped[:-2]  # 总数分别达到239家、129家
        if fig.kind is Kind.PERCENT:
            if _SCOPE_ONLY.fullmatch(stripped.strip()) and right:
                share = self._share_of(right)
                if share[0]:
                    return share  # 99%涉农村居达到…标准: the share of a group that does something
            return self._percent(fig, index, stripped, carried)
        measure = next((m for m in r.topic_measures if stripped.endswith(m)), "")
        if measure:
            words = self._words(stripped[: -len(measure)])
            if not words or words[-1] in r.breakers or words[-1] in r.fillers:
                if fig.kind is Kind.MONEY:
                    self._metric[index] = measure
                topic = self._tail_phrase(stripped[: -len(measure)])
                return topic or carried, measure  # (企业)完成产值1900亿元: the topic's output
        metric = next((m for m in r.metrics if stripped.endswith(m)), "")
        if metric:
            if fig.kind is Kind.MONEY:
                self._metric[index] = metric
            head = self._tail_phrase(stripped[: -len(metric)])
            after = self._head_phrase(right[1:]) if right.startswith("的") else ""
            return after or head or carried, metric
        words = self._words(stripped)
        tail = self._tail_words(words)
        subject = "".join(tail)
        verb = ""
        if fig.kind in (Kind.COUNT, Kind.QUANTITY):
            rest = words[: len(words) - len(tail)]
            verb = next((w for w in reversed(rest) if w in r.count_metric_verbs), "")
            if not subject or (right and not right.startswith(("、", "和", "及"))):
                ahead = self._head_phrase(right)
                if ahead:
                    # 新改建27条农村公路: the verb before; 12个路口进行了改造, 1587个事项“就近办”:
                    # the predicate after the counted noun
                    before = next((v for v in r.count_verbs_longest if stripped.endswith(v)), "")
                    after = _predicate_after(right, ahead, left.startswith("对"), r.result_verbs)
                    return ahead, before or after
            if subject and (
                subject in r.count_metric_verbs or all(w in r.count_metric_verbs for w in tail)
            ):
                return carried, subject  # 经认定达标调出65个: a measure of the carried subject
            if not subject:
                done = self._nominalised(words)
                if done[0]:
                    return done  # 完成农房微改造1.5万户: 改造 is part of the thing done
        if not subject:
            earlier = re.split(r"[由从]", stripped)
            if len(earlier) > 1:  # 地区生产总值由2015年的45.58亿元增长到…
                return self._tail_phrase(earlier[-2]) or carried, verb
            return carried, verb
        return subject, verb

    def _nominalised(self, words: list[str]) -> tuple[str, str]:
        """(noun phrase, verb) where a clause ends in a verb used as a noun after a leading
        verb: 完成|农房|微|改造 → (农房微改造, 完成), 实施|老旧小区|改造 → (老旧小区改造, 实施)."""
        r = self.rules
        if len(words) < 3 or words[-1] not in r.count_metric_verbs:
            return "", ""
        for i in range(len(words) - 3, -1, -1):
            w = words[i]
            if w in r.count_metric_verbs or w in _LEADING_VERBS:
                noun = "".join(words[i + 1 :])
                if re.search(r"[0-9，,。；;：:、“”()（）]", noun):
                    return "", ""
                return noun, w
            if w in r.breakers:
                break
        return "", ""

    def _share_of(self, right: str) -> tuple[str, str]:
        """A percent that opens its clause and is followed by a group and what it does:
        (the group, the predicate) — 超50%镇街建成紧密型医联体 → (镇街, 建成紧密型医联体)."""
        text = right[1:] if right.startswith("的") else right
        subject = self._head_phrase(text)
        if not subject or not text.startswith(subject):
            return "", ""
        predicate = text[len(subject) :].strip()
        if not predicate or _SHARE_STOP.match(predicate):
            return "", ""
        digit = re.search(r"[0-9]", predicate)
        return subject, predicate[: digit.start() if digit else 20][:20]

    def _percent(self, fig: Figure, index: int, left: str, carried: str) -> tuple[str, str]:
        r = self.rules
        times = _TIMES.search(left) if fig.unit == "倍" else None
        if times:  # 全社会固定资产投资是2005年的2.1倍 (its 的 already stripped)
            return self._tail_phrase(left[: times.start()]) or carried, times.group(1) + "的"
        share = re.search(r"([^占]*)占([^占]*?)的?$", left)
        if share:
            base = share.group(2).rstrip("的")
            named = self._tail_phrase(share.group(1))  # 已完成投资占年度计划投资的
            prior = named if named in self.rules.metrics else self._metric.get(index, "")
            subject = carried if not named or named == prior else named
            return subject, f"{prior}占{base}" if prior else f"占{base}"
        for d in r.directions:
            i = left.rfind(d)
            if i >= 0 and len(left) - (i + len(d)) <= 3:
                noun = self._tail_phrase(_COMPARE.sub("", left[:i]))  # 比上年增长 → 增长
                noun = noun if noun and not noun.startswith(("比", "较")) else ""
                return noun or carried, _with_base(left[:i], d)
        compared = _COMPARE.search(left)
        if compared and compared.group():  # 规上工业增加值增速高于全国1.7个百分点
            noun = self._tail_phrase(left[: compared.start()])
            rate = next((w for w in _SPEEDS if noun.endswith(w)), "")
            if rate:  # …、增速高于全国0.6个百分点: the speed is the measure
                return noun[: -len(rate)] or carried, rate + compared.group()
            return noun or carried, compared.group()
        words = self._words(left)
        if len(words) > 1 and words[-1] == "率":
            words = [*words[:-2], words[-2] + "率"]  # 解决|率 → 解决率
        tail = self._tail_words(words)
        if tail and tail[-1].endswith("率"):
            rate, noun = tail[-1], "".join(tail[:-1])
            indicator = any(rate.endswith(i) for i in self.rules.indicator_rates)
            if indicator:
                return noun + rate, ""  # 城镇调查失业率, 政府负债率: the rate is the indicator
            if not noun or carried.endswith(noun):
                return carried or noun, rate
            return noun, rate
        return ("".join(tail) or carried), ""

    def _tail_words(self, words: list[str]) -> list[str]:
        """The run of nominal words at the end of ``words``."""
        out: list[str] = []
        for w in reversed(words):
            if not out and (w in self.rules.fillers or _SPAN_OF_YEARS.fullmatch(w)):
                continue  # 地区生产总值确保|增长, 出口创汇|五年|累计|完成: skip 确保, 五年
            if w in self.rules.breakers or w.isspace() or _ORDINALISH.match(w):
                break
            if out and w in self.rules.count_metric_verbs:
                break  # 获评|省级|数字化车间|企业: the verb is the measure, not the subject
            verb = self._leading_breaker(w)
            if verb:
                out.append(w[len(verb) :])  # 解决问题 → 问题
                break
            if self._trailing_breaker(w):
                break
            if all(c in _QUOTES for c in w) and not out:
                continue
            if re.search(r"[0-9]", w) or any(c in "，,。；;：:、" + _BRACKETS for c in w):
                break
            out.append(w)
        out.reverse()
        if out and out[0] in ("”", "’"):
            out.pop(0)
        if out and out[0] in ("“", "‘") and "”" not in "".join(out[1:]):
            out.pop(0)
        return out[-6:]

    def _leading_breaker(self, word: str) -> str:
        if word in self.rules.terms or word.endswith(("率", "量", "额", "数", "值")):
            return ""  # 新建项目, 签约项目, 解决率, 接待量 are names of their own
        for n in (2, 3):
            if len(word) > n and word[:n] in self.rules.breakers:
                return word[:n]
        return ""

    def _trailing_breaker(self, word: str) -> bool:
        return len(word) > 2 and word not in self.rules.terms and word[-2:] in self.rules.breakers

    def _tail_phrase(self, text: str) -> str:
        return "".join(self._tail_words(self._words(text)))

    def _head_phrase(self, text: str) -> str:
        """The noun phrase right after a figure (56个省市重点项目, 5个“签约一批”项目)."""
        out: list[str] = []
        r = self.rules
        if text.startswith("“") and "”" in text[:16]:
            quoted = text[: text.index("”") + 1]
            out.append(quoted)
            text = text[len(quoted) :]
        for w in self._words(text)[:4]:
            if out and w.startswith("“"):
                break  # 1587个事项“就近办”: the quotation says what is done to them
            if not out and w in _SCOPES:
                out.append(w)  # 3家全国重点实验室: 全国 is part of the name
                continue
            stop = (
                w in r.breakers
                or w in r.count_metric_verbs
                or w in r.metrics
                or (out and w.endswith("率"))
            )  # 18个列省重大项目|投资完成率: a rate is no part of what is counted
            if stop or re.search(r"[0-9，,。；;：:、]", w) or w.isspace():
                break
            if self._leading_breaker(w):
                break
            out.append(w)
        phrase = "".join(out)
        return phrase if phrase.count("“") == phrase.count("”") else phrase.strip(_QUOTES)

    # -- role -----------------------------------------------------------------------------
    def _role(self, sent: Sentence, fig: Figure, left: str) -> str | None:
        r = self.rules
        before = self.norm[max(sent.start, fig.start - _REACH) : fig.start]
        for word in r.targets:
            i = before.rfind(word)
            if i < 0:
                continue
            follow = before[i + len(word) : i + len(word) + 6]
            if follow.startswith(r.target_not_before.get(word, ())):
                continue
            if word.endswith("目标") and _MET.search(before, max(0, i - 6), i):
                continue  # 完成省定目标任务, 提前实现…目标: a goal met is a result
            if word in ("要", "将") and not self._is_word(before, i, word):
                continue
            return "target"
        goal, done = self._sentence_cues(sent)
        if fig.qualifier is Qualifier.ABOUT and goal:
            return "target"
        return "actual" if done else None

    def _target_list_goes_on(self, sent: Sentence, index: int, fig: Figure) -> bool:
        """The sentence is the next item (after ；) of a list of goals, with no word of results."""
        if index - 1 not in self._target_sentences:
            return False
        prev = self.sentences[index - 1]
        if prev.block != sent.block or self.norm[prev.start : prev.end].rstrip()[-1:] not in "；;":
            return False
        text = self.norm[sent.start : fig.start]
        return not any(w in text for w in _PAST)

    def _section_roles(self, blocks: Sequence[Block]) -> dict[int, str]:
        """Role of each block from the last review or plan section title before it."""
        out: dict[int, str] = {}
        current: str | None = None
        for i, block in enumerate(blocks):
            if block.end - block.start <= 40 or block.kind == "heading":
                title = self.norm[block.start : block.end]
                if any(w in title for w in self.rules.review_sections):
                    current = "actual"
                elif any(w in title for w in self.rules.plan_sections):
                    current = "target"
            if current:
                out[i] = current
        return out

    def _sentence_cues(self, sent: Sentence) -> tuple[bool, bool]:
        """Whether a sentence speaks of a goal (目标) and of results (完成, 增长 …), once each."""
        key = sent.start
        cues = self._cues.get(key)
        if cues is None:
            text = self.norm[sent.start : sent.end]
            cues = self._cues[key] = ("目标" in text, any(a in text for a in self.rules.actuals))
        return cues

    def _is_word(self, text: str, i: int, word: str) -> bool:
        lo = max(0, i - 4)
        bounds = {
            lo + b for span in self.tokenizer.spans(text[lo : i + len(word) + 4]) for b in span
        }
        return i in bounds and i + len(word) in bounds

    # -- period ---------------------------------------------------------------------------
    def _period(self, sent: Sentence, index: int, at: int) -> Link:
        """The time phrase before the figure in its sentence (else the first after it), else the
        one given earlier in the paragraph; 全年 takes the paragraph's year."""
        found = self._periods_of(index)
        chosen = None
        for start, _text, link in found:
            if start < at:
                chosen = link
        if chosen is None and found:
            chosen = found[0][2]
        if chosen is None:
            chosen = self._earlier_period(sent, index)
        if chosen is None:
            return self._carried.get(sent.block, Link())
        if chosen.year is None and chosen.period_start is None:
            year = self._carried.get(sent.block, Link()).year
            if year is not None:  # 全年 in a paragraph about 2023年
                first, last = _year_span(year)
                quarter = _QUARTER.fullmatch(chosen.period or "")
                if quarter:  # 一季度 of that year
                    q = _CN_Q[quarter.group(1)]
                    first, last = dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
                chosen = Link(period=chosen.period, year=year, period_start=first, period_end=last)
        self._carried[sent.block] = chosen
        self._carried_at[sent.block] = sent.start
        return chosen

    def _earlier_period(self, sent: Sentence, index: int) -> Link | None:
        """The time phrase of an earlier sentence of the paragraph (过去的一年，是…提升年。一是…增长
        6%) after the period carried so far: the last one that writes its year out, else the
        last one."""
        carried_at = self._carried_at.get(sent.block, -1)
        latest: Link | None = None
        j = index - 1
        while j >= 0 and self.sentences[j].block == sent.block:
            if self.sentences[j].start <= carried_at:
                break
            for _, text, link in reversed(self._periods_of(j)):
                if _DIGIT.search(text):
                    return link  # 2019年，是…之年。一年来，…: the year written out
                latest = latest or link
            j -= 1
        return latest

    def _periods_of(self, index: int) -> list[tuple[int, str, Link]]:
        if index in self._period_cache:
            return self._period_cache[index]
        sent = self.sentences[index]
        out = []
        for m in self.rules.periods.finditer(self.norm, sent.start, sent.end):
            if self.norm.endswith(_BASE_MARKS, max(0, m.start() - 3), m.start()):
                continue  # 是2005年的2.1倍, 较2022年高出: the base of a comparison
            link = self._interpret(m)
            if link is not None:
                out.append((m.start(), m.group(), link))
        self._period_cache[index] = out
        return out

    def _interpret(self, m: re.Match[str]) -> Link | None:
        g = m.groupdict()
        text = m.group()
        today = self.date
        year = next((int(g[k]) for k in ("y", "cy", "sy", "bare") if g.get(k)), None)
        if g.get("rel"):
            if today is None:
                return Link(period=text)
            year = today.year + {"今年": 0, "去年": -1, "上年": -1, "明年": 1}[g["rel"]]
        if g.get("plan"):
            first = _PLAN_YEARS.get(g["plan"])
            if first is None:
                return None
            return Link(period=text, period_start=dt.date(first, 1, 1),
                        period_end=dt.date(first + 4, 12, 31))  # fmt: skip
        if g.get("past"):
            if today is None:
                return Link(period=text)
            span = 5 if "五" in text else 1
            return Link(period=text, year=today.year - 1 if span == 1 else None,
                        period_start=dt.date(today.year - span, 1, 1),
                        period_end=dt.date(today.year - 1, 12, 31))  # fmt: skip
        if g.get("cur") or g.get("bq"):
            return Link(period=text)  # 全年, 年末, 一季度: the year comes from the paragraph
        if text in ("截至目前", "截止目前", "目前", "至今"):
            return Link(period=text, year=today.year if today else None, period_end=today)
        if year is None:
            return self._bare_months(g, text)
        start, end = _year_span(year)
        if g.get("q") or g.get("rq"):
            q = _CN_Q[g.get("q") or g["rq"]]
            start, end = dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
        elif g.get("h") or g.get("rh"):
            first = (g.get("h") or g["rh"]) == "上"
            start, end = (
                (dt.date(year, 1, 1), _month_end(year, 6))
                if first
                else (dt.date(year, 7, 1), _month_end(year, 12))
            )
        elif g.get("q3") is not None or g.get("rq3") is not None:
            end = _month_end(year, 9)
        elif g.get("m1") and g.get("m2"):
            start, end = _months(year, int(g["m1"]), int(g["m2"]))
        elif g.get("m"):
            end = _month_end(year, int(g["m"]))
        elif g.get("cy"):
            start = None  # type: ignore[assignment]
            end = _month_end(year, int(g["cm"])) if g.get("cm") else dt.date(year, 12, 31)
        elif g.get("sy") or g.get("since") is not None:
            end = today if today else None  # type: ignore[assignment]
        return Link(period=text, year=year, period_start=start, period_end=end)

    def _bare_months(self, g: dict[str, Any], text: str) -> Link:
        year = self.date.year if self.date else None
        if year is None:
            return Link(period=text)
        if g.get("hh"):
            if g["hh"] == "上":
                return Link(period=text, year=year, period_start=dt.date(year, 1, 1),
                            period_end=_month_end(year, 6))  # fmt: skip
            return Link(period=text, year=year, period_start=dt.date(year, 7, 1),
                        period_end=_month_end(year, 12))  # fmt: skip
        if g.get("bm1") and g.get("bm2"):
            start, end = _months(year, int(g["bm1"]), int(g["bm2"]))
            return Link(period=text, year=year, period_start=start, period_end=end)
        return Link(period=text, year=year, period_start=dt.date(year, 1, 1),
                    period_end=_month_end(year, 9))  # fmt: skip


def _year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _month_end(year: int, month: int) -> dt.date:
    month = min(max(month, 1), 12)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    first = min(max(first, 1), 12)
    return dt.date(year, first, 1), _month_end(year, last)


_LEVELS = ("国家级", "省级", "市级", "州级", "县级", "区级", "乡级", "镇级", "村级")


def _restore_elided(subject: str, previous: str) -> str:
    """A list item that names only another level restores the noun of the item before it:
    新增国家级专精特新“小巨人”企业2家、省级8家 → 省级专精特新“小巨人”企业."""
    if subject not in _LEVELS:
        return subject
    level = next((lv for lv in _LEVELS if previous.startswith(lv)), "")
    return subject + previous[len(level) :] if len(previous) > len(level) else subject


_YEAR_BASE = re.compile(r"(?:比|较|同)(?:19|20)[0-9]{2}年(?:末|底)?$")


def _with_base(before: str, direction: str) -> str:
    """The direction word, with its base where that is a year other than the last one:
    地区生产总值比2010年增长 → 比2010年增长 (比上年增长 stays 增长)."""
    base = _YEAR_BASE.search(before)
    return base.group() + direction if base else direction


def _predicate_after(right: str, noun: str, object_marked: bool, verbs: Sequence[str]) -> str:
    """What is done to a counted noun, written after it: a quoted name (1587个事项“就近办”),
    a verb of results (27个项目竣工投产) or, after 对, the verb after 进行 (对12个路口进行了
    改造)."""
    after = right[len(noun) :] if right.startswith(noun) else ""
    if after.startswith("“") and "”" in after[:12]:
        return after[: after.index("”") + 1]
    verb = next((v for v in verbs if after.startswith(v)), "")
    if verb:
        return verb
    m = _CARRIED_OUT.match(after) if object_marked else None
    return m.group(1) if m else ""
