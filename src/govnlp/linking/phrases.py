"""Reading the words around a figure: the noun phrase before or after it, the predicate after a
counted noun, and the tests of single words (a measure, a nominal, a telling verb) all rooms use."""

from __future__ import annotations

import itertools
import re

from govnlp.linking.state import Context
from govnlp.text.segment import CLAUSE_BREAK

_QUOTES = "“”\"'‘’「」"
_BRACKETS = "[]【】"  # footnote marks ([3]) are not part of a subject
# time words between a subject and its verb: 五年, 三年来, 一季度, 上半年
SPAN_OF_YEARS = re.compile(
    r"[一二两三四五六七八九十0-9]+年(?:来|间)?|[一二三四]季度|前三季度|[上下]半年|年初|年末|年底"
)
_SPAN_OPENERS = frozenset(("连续", "近", "最近", "过去"))  # 连续8年, 近5年: a span of years
_ORDINALISH = re.compile(r"^[前第]?[一二三四五六七八九十0-9]+[期次批届年]$")
_OPENING_BRACKETS = ("(", "（", "[", "【")
# the next item of a list of counts: its figure, then its noun and what follows
_LIST_ITEM = re.compile(r"[0-9.]+[十百千万亿]*[余多]?[个项家座条户所处只名人件批台辆套处对](.*)$")
# what follows a counted noun: a light verb before the verb of what is done (进行了网上申报),
# prepositions of place before it (在境外上市)
_CARRIED_OUT = frozenset(("进行",))
_PLACE_PREPOSITIONS = frozenset(("在", "从", "向", "到"))
AFTERWARDS = frozenset(("后", "之后", "以后"))  # 建成后: a time after something done
_WITHIN = frozenset(("中", "里", "内", "之中"))  # locatives after a counted noun: 8种产品中检出…
ASPECTS = frozenset(("了", "着", "过"))  # after a verb: done, going on, ever done
_CLAUSE_MARK = re.compile(r"[，,。；;：:、]")  # the marks that end a clause or a list item
_NUMERAL = re.compile(r"[0-9一二两三四五六七八九十百千万亿]")  # a level written as a number
_PASSED = re.compile(
    r"[^，,。；;、]{0,10}?(?:验收|审查|审核|考核|评估|认定|认证|评审|鉴定|检查)"
)  # 通过省级考核验收: passed an inspection
# prepositions opening what follows a counted noun (35家部门就服务事项作出承诺): no predicate
_PREPOSITIONS = frozenset("就对向在从把将为与和同跟给")
# time words and 在 between a subject and its figure: 茶叶产量将在去年5700吨
_TIME_BEFORE = frozenset(("在", "于", "去年", "今年", "上年", "当年", "同期", "目前", "现在"))
_MODAL_WINDOW = 10  # characters read for the modal words that end a clause
# a phase named by its number (一期, 第二期)
PHASE = re.compile(r"第?[一二三四五六七八九十0-9]+期")
_QUOTED_OBJECT = 14  # characters read for a quoted object after a verb (实现“一网通办”)
_AFTER_QUOTE = re.compile(r"[^，,。；;：:、“”（(0-9\s]{0,4}")  # 实现“零”|突破
_MEASURE_PERIODS = frozenset(
    ("年", "日", "月", "全年", "当年", "每年", "每天", "每日", "日均", "年均")
)  # 全年|用电量, 日|电量: the period a measure covers
_PER = re.compile(r"每[^\s，,。；;、的]{1,3}")  # 每年, 每公斤, 每平方米: a rate's base
# a digit, a digit or a mark between words (not part of a name), and those or a quote or bracket
DIGIT = re.compile(r"[0-9]")
DIGIT_OR_MARK = re.compile(r"[0-9，,。；;：:、]")
DIGIT_MARK_OR_QUOTE = re.compile(r"[0-9，,。；;：:、“”()（）]")
_BULLETS = "●○■□◆◇▲△▼▽★☆•‧※▪▫►▶→"  # ●医保最高支付限额: a list's mark, no part of a name
_NOT_IN_NAME = re.compile("[0-9" + re.escape("，,。；;：:、/\\" + _BRACKETS + _BULLETS) + "]")
# a class named by an amount, opening the noun after a count (18个亿元以上重大项目)
_AMOUNT_CLASS = re.compile(r"[0-9.]*[十百千万亿]*元以上(?=[\u4e00-\u9fff“])")
# an amount of investment described before the noun a count counts, ending in 的
# (6个|年度计划总投资100亿元的|装备制造项目, 58个|投资10亿元以上的|重大项目)
_INVESTED = re.compile(
    r"(?:年度)?(?:计划)?总?投资额?(?:约|超|近|超过)?[0-9.]+[万亿]*元(?:以上|左右)?的(?=[\u4e00-\u9fff“])"
)
# a code of Latin letters and digits naming a pollutant or a thing (PM2.5, PM10, SO2), and the
# pieces it is read from
_CODE = re.compile(r"[A-Za-z]+[0-9]+(?:\.[0-9]+)?")
_CODE_PIECE = re.compile(r"[A-Za-z]+[0-9]*\.?[0-9]*")
_GRADE_OR_PHASE = re.compile(r"[0-9一二三四五六七八九十]+[级期类档批]")  # 4级, 二期
Pair = tuple[str, str]  # (subject, metric) of a figure


def _joined_codes(words: list[str]) -> list[str]:
    """``words`` with the pieces of a code of Latin letters and digits joined (PM2|.|5 → PM2.5,
    the tokenizer splits it at the point)."""
    if not any(w[:1].isascii() and w[:1].isalpha() for w in words):
        return words
    out: list[str] = []
    for w in words:
        if out and _CODE_PIECE.fullmatch(out[-1] + w) and out[-1][:1].isalpha():
            out[-1] += w
        else:
            out.append(w)
    return out


def ending(text: str, words: tuple[str, ...]) -> str:
    """The first of ``words`` that ``text`` ends with, or "" (one test in C where none does)."""
    return next((w for w in words if text.endswith(w)), "") if text.endswith(words) else ""


def opening(text: str, words: tuple[str, ...]) -> str:
    """The first of ``words`` that ``text`` starts with, or "" (one test in C where none does)."""
    return next((w for w in words if text.startswith(w)), "") if text.startswith(words) else ""


_QUOTE_REACH = 8  # the most words read back for the opening quote of a quoted name


def _open_quote(out: list[str]) -> bool:
    """Whether the words ``out`` of a name (read backwards) close a quotation they do not open."""
    return sum(w.count("”") - w.count("“") for w in out) > 0


def _inside_quote(words: list[str], i: int, out: list[str]) -> bool:
    """Whether ``words[i]`` lies inside a quotation that the words ``out`` (read backwards)
    close, its opening quote near enough (发放“亩均|英雄贷”)."""
    return _open_quote(out) and "“" in "".join(words[max(0, i - _QUOTE_REACH) : i + 1])


_NOTE_MARKS = frozenset("〔[［(（")  # a footnote or note after a name


def _named_opening(text: str) -> tuple[list[str], str]:
    """(the pieces that open the noun after a figure whole, the rest of ``text``): a class named
    by an amount (18个|亿元以上|重大项目) and a quoted name (5个|“签约一批”|项目)."""
    out: list[str] = []
    label = _AMOUNT_CLASS.match(text)
    if label:  # 磐永供水工程等18个亿元以上重大项目开工: the class is part of the name
        out.append(label.group())
        text = text[label.end() :]
    if text.startswith("“") and "”" in text[:16]:
        quoted = text[: text.index("”") + 1]
        out.append(quoted)
        text = text[len(quoted) :]
    return out, text


def _whole_quotes(words: list[str], most: int = 6) -> list[str]:
    """The last ``most`` words of a phrase, a quoted name kept whole (建成“口袋公园” keeps its
    closing quote; a cut never falls inside “…”) and unmatched quotes at its ends dropped."""
    cut = max(0, len(words) - most)
    opened = 0
    for i in range(len(words) - 1, cut - 1, -1):  # is the cut inside a quotation?
        opened += words[i].count("”") - words[i].count("“")
    while cut > 0 and opened > 0:
        cut -= 1
        opened += words[cut].count("”") - words[cut].count("“")
    out = words[cut:]
    while out and (out[0] in ("”", "’") or (out[0] in ("“", "‘") and "”" not in "".join(out[1:]))):
        out = out[1:]
    if out and out[-1] == "”" and "“" not in "".join(out[:-1]):
        out = out[:-1]
    return out


def _quoted_object(text: str) -> str:
    """The quotation opening ``text`` with the few words after it in its clause (“零”突破,
    “一网通办”), as the object of the verb before it; "" where it does not close soon."""
    if "”" not in text[:_QUOTED_OBJECT]:
        return ""
    end = text.index("”") + 1
    rest = _AFTER_QUOTE.match(text, end)
    return text[:end] + (rest.group() if rest else "")


class Phrases:
    """Reads the noun phrases and predicates around a figure; holds the document and the
    sentence before the figure being linked."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.rules = ctx.rules
        self.before = ""  # the sentence before the figure being linked
        self.sentence_start = 0  # where that sentence starts
        self._clauses: tuple[str, tuple[str, ...]] = ("", ("",))  # :meth:`clauses_before`
        self._modal_ends: frozenset[str] | None = None  # characters that may end a modal word
        self._nominal: dict[str, bool] = {}  # :meth:`nominal` by phrase
        self._tails: dict[tuple[str, ...], list[str]] = {}  # :meth:`tail_words` by words
        self._measures: dict[str, bool] = {}  # :meth:`is_measure` by phrase

    def said_before(self, text: str, at: int) -> bool:
        """Whether ``text`` is written in the sentence being linked, before ``at`` (a subject
        carried from another sentence is not)."""
        return text in self.ctx.norm[self.sentence_start : at]

    def clauses_before(self) -> tuple[str, ...]:
        """The clauses of the sentence before the figure being linked, the last one the figure's
        own up to it (split once per figure)."""
        if self._clauses[0] != self.before:
            self._clauses = (self.before, tuple(CLAUSE_BREAK.split(self.before)))
        return self._clauses[1]

    def tail_words(self, words: list[str]) -> list[str]:
        """The run of nominal words at the end of ``words`` (a new list; cached per document)."""
        key = tuple(words)
        found = self._tails.get(key)
        if found is None:
            found = self._tails[key] = self._tail_words(words)
        return list(found)

    def _tail_words(self, words: list[str]) -> list[str]:
        words = self._without_year_span(_joined_codes(words))  # PM|2|.|5 → PM2.5
        out: list[str] = []
        r = self.rules
        for i in range(len(words) - 1, -1, -1):
            w = words[i]
            if (out and _inside_quote(words, i, out)) or (not out and (
                (w == "会" and i and self._meeting(words[i - 1])) or self._ratio_end(words, i)
            )):  # 发放“亩均|英雄贷”: nothing breaks a quoted name; 银企对接|会20余次: a meeting;
                # 存贷|比: a ratio named by its parts, not a comparison
                out.append(w)
                continue
            if not out and (
                w in r.fillers or w in _TIME_BEFORE or SPAN_OF_YEARS.fullmatch(w)
                or w in r.modals or self.ctx.word_class(w) == "d" or _PER.fullmatch(w)
                or (len(w) == 1 and self.ctx.word_class(w) == "c")
            ):  # fmt: skip
                continue  # 地区生产总值确保|增长, 五年|累计|完成, 初步|估计|会: skip 确保, 五年, 会
            if w in self.rules.time_units and i and words[i - 1].isdigit():
                break  # 1|月|进口: a month, not part of the name
            if PHASE.fullmatch(w) and (
                (i and words[i - 1].endswith(r.entity_heads))
                or (out and out[-1].endswith(r.entity_heads))
            ):
                out.append(w)  # 奥特斯重庆工厂|第一期|投资, 一期|项目: a phase of the named works
                continue
            if out and self._kept_in_name(words, i, out):
                out.append(w)  # 实施学校|改扩建|项目, 220|千伏|变电站: part of the name
                continue
            if w in r.breakers or w in r.not_subject or w.isspace() or _ORDINALISH.match(w):
                break
            if w in AFTERWARDS and self.done_before(words[:i]):
                break  # 项目建成|后|安置就业: a time after something done, not part of the name
            if out and (_PER.fullmatch(w) or self.ctx.word_class(w) == "t"):
                break  # 东莞|每年|投入, 当前|平均批发价格: a rate's base or a time, not the name
            if out and w in r.count_metric_verbs:
                break  # 获评|省级|数字化车间|企业: the verb is the measure, not the subject
            verb = self._leading_breaker(w)
            if verb:
                out.append(w[len(verb) :])  # 解决问题 → 问题
                break
            if self._trailing_breaker(w):
                break
            if _NOT_IN_NAME.search(w) and not _CODE.fullmatch(w):
                break
            if ("(" in w or "（" in w) and not any(c in ")）" for c in "".join(out)):
                break  # 中标药品中，有360个产品(占…: an opening bracket not closed in the name
            out.append(w)
        out.reverse()
        return _whole_quotes(out)

    def _without_year_span(self, words: list[str]) -> list[str]:
        """``words`` without the span of years that ends them, before the adverbs after it
        (内河港口吞吐量|5|年|增长, 粮食产量|连续|13|年|稳定在): the years a change or a level
        took, not a date (1|月|进口 is kept)."""
        j = len(words) - 1
        while j >= 0 and (words[j] in self.rules.fillers or self.ctx.word_class(words[j]) == "d"):
            j -= 1
        if j < 1 or words[j] != "年" or not words[j - 1].isdigit() or len(words[j - 1]) > 2:
            return words
        k = j - 1 - int(j >= 2 and words[j - 2] in _SPAN_OPENERS)
        return words[:k] + words[j + 1 :]

    def _ratio_end(self, words: list[str], i: int) -> bool:
        """Whether ``words[i]`` is the 比 that ends the name of a ratio (存贷|比, not 民间投资|
        占|比 or a comparison's 比)."""
        return words[i] == "比" and i > 0 and words[i - 1] not in self.rules.breakers and (
            self.ctx.word_class(words[i - 1]) in ("n", "v", "vn")
        )

    def _kept_in_name(self, words: list[str], i: int, out: list[str]) -> bool:
        """Whether ``words[i]``, before the words ``out`` of a name (read backwards), is part of
        it: a count verb inside it, or the number of a rating or a grade (220|千伏|变电站,
        新疆|329|级|皮棉: no figure)."""
        w = words[i]
        if w.isdigit():
            return out[-1] in self.rules.rating_units or out[-1].startswith("级")
        return w in self.rules.count_metric_verbs and self._in_name(words[:i], out)

    def _in_name(self, before: list[str], out: list[str]) -> bool:
        """Whether a verb before the words ``out`` (read backwards) is inside the name they end:
        inside quotes (实施“三大|改造|”项目), or before a thing's head in the work a leading verb
        opens (实施|学校|改扩建|项目 → 学校改扩建项目, 实施智能化节能化|改造|项目)."""
        if _open_quote(out):
            return True
        r = self.rules
        return (
            len(out) == 1 and out[0] in r.entity_heads
            and any(w in r.leading_work_verbs for w in before[-6:])
        )  # fmt: skip

    def done_before(self, words: list[str]) -> bool:
        """Whether ``words`` end in a verb, so that 后 after them is a time (建成|后)."""
        return bool(words) and self.ctx.word_class(words[-1]) in self.rules.verb_classes

    def _meeting(self, before: str) -> bool:
        """Whether 会 after ``before`` names a meeting (对接|会) rather than saying "will"."""
        return before not in self.rules.modals and self.ctx.word_class(before) not in ("d", "t")

    def _leading_breaker(self, word: str) -> str:
        if word in self.rules.terms or word.endswith(("率", "量", "额", "数", "值", "性")):
            return ""  # 新建项目, 签约项目, 解决率, 接待量, 全国性 are names of their own
        for n in (2, 3):
            if len(word) > n and word[:n] in self.rules.breakers:
                return word[:n]
        return ""

    def _trailing_breaker(self, word: str) -> bool:
        return len(word) > 2 and word not in self.rules.terms and word[-2:] in self.rules.breakers

    def tail_phrase(self, text: str) -> str:
        """The run of nominal words that ends ``text``, joined."""
        return "".join(self.tail_words(self.ctx.words(text)))

    def _counted_text(self, text: str) -> str:
        """The text after a figure from where what it counts may be named; "" where nothing
        counted follows (a note, the base of a rate, the level reached)."""
        if text.startswith(_OPENING_BRACKETS):
            return ""  # 1200吨(大米), 3次(次): a note on the figure, not what it counts
        if text.startswith(("/年", "/日", "/月", "/天")):
            return text[2:]  # 1200万吨/年炼油: a yearly capacity of what follows
        if text.startswith("/"):
            return ""  # 200-300台/单线: the base of a rate
        invested = _INVESTED.match(text)
        if invested:
            return text[invested.end() :]  # 6个年度计划总投资100亿元的装备制造项目: the projects
        level = next((w for w in self.rules.level_nouns if text.startswith(w)), "")
        if level and not text.startswith(("以上", "以下"), len(level)):
            return ""  # 突破100万辆大关, 达到1000家的规模: the level, not a thing counted
        return text

    def head_phrase(self, text: str) -> str:
        """The noun phrase right after a figure (56个省市重点项目, 5个“签约一批”项目)."""
        r = self.rules
        out, text, most = self._opening_words(self._counted_text(text))
        ahead = self.ctx.words(text)[:5]
        for k, w in enumerate(ahead[:most]):
            if out and w.startswith("“"):
                break  # 1587个事项“就近办”: the quotation says what is done to them
            if out and self._adverbial(w, ahead[k + 1 : k + 2]):
                break  # 82项合作事项扎实推进: the manner of what is done
            if out and (w in ASPECTS or "".join(ahead[k + 1 : k + 2]) in ASPECTS):
                break  # 86个项目使用了中关村产品, 巨头带着…订单: a verb done or going on
            if out and w in r.predicate_chars and ahead[k + 1 : k + 2]:
                break  # 31个产品获绿色食品标志使用权: the predicate
            if out and (
                w in _WITHIN or (w in "(（" and "".join(ahead[k + 1 : k + 2]) in r.media_notes)
            ):
                break  # 8种产品中检出…: where in them; 21种食品添加剂(图): a picture's mark
            if w == "新" and self.ctx.word_class("".join(ahead[k + 1 : k + 2])) == "n":
                out.append(w)  # 600余种医疗新产品: new is part of the name
                continue
            if out and w in r.arrival_verbs:
                break  # 28家企业|入驻|平台, 5家企业|落户|园区: where the things counted went
            if out and len(w) > 1 and self.ctx.word_class(w) == "v" and w not in r.terms and (
                w not in r.entity_measures  # 乘用车|产能|扩建|项目: 产能 is a noun here
            ) and (
                self._predicate_end(w, ahead[k + 1 : k + 2])
                or self._after_head(out, ahead[k + 1 :])
            ):
                break  # 70多个保障房项目在建。, 10个城市去考察, 6个示范项目举行…: the predicate
            if not out and "".join(ahead[k : k + 2]) in r.level_changes:
                break  # 14500度|降|至13000度: a change cut in two by the segmenter
            if not out and w in r.scopes:
                out.append(w)  # 3家全国重点实验室: 全国 is part of the name
                continue
            if not out and len(w) > 1 and self.ctx.word_class(w) == "v" and w not in r.terms and (
                self._predicate_end(w, ahead[k + 1 : k + 2]) or w in r.level_changes
                or any(w + x in r.level_changes for x in ahead[k + 1 : k + 2])
            ):
                break  # 2600座压减到1053座: a verb right after the figure names nothing counted
            stop = (
                w in r.breakers
                or w in r.count_metric_verbs
                or w in r.metrics
                or (out and w.endswith("率"))
            )  # 18个列省重大项目|投资完成率: a rate is no part of what is counted
            if stop or DIGIT_OR_MARK.search(w) or w.isspace():
                break
            if self._leading_breaker(w):
                break
            out.append(w)
        phrase = "".join(out)
        return phrase if phrase.count("“") == phrase.count("”") else phrase.strip(_QUOTES)

    def _opening_words(self, text: str) -> tuple[list[str], str, int]:
        """(the pieces that open the noun after a figure whole, the rest of ``text``, how many
        words of the rest may still be in it): a class named by an amount, a level (100户|省级|
        “专精特新”中小企业, 3家|省级以上|农业产业化龙头企业) and a quoted name."""
        out, text = _named_opening(text)
        level = "" if out else self._level_opening(text)
        if not level:
            return out, text, 4
        out, text = _named_opening(text[len(level) :])
        base = level.removesuffix("以上").removesuffix("及")
        return [level, *out], text, 4 - len(self.ctx.words(base))  # (its words are of the four)

    def _level_opening(self, text: str) -> str:
        """The level that opens the noun after a figure (省级, 省级以上, 国家级及以上), before
        the rest of the name; "" where none or where nothing follows it."""
        level = next((lv for lv in self.rules.levels if text.startswith(lv)), "")
        if not level:
            return ""
        level += next((x for x in ("及以上", "以上") if text.startswith(x, len(level))), "")
        rest = text[len(level) :]
        if rest[:1] == "“" and "”" in rest[:16]:
            noted = rest[rest.index("”") + 1 :][:1] in _NOTE_MARKS  # “星创天地”〔22〕: a note
            return "" if noted else level
        return level if self.ctx.word_class(rest[:2]).startswith("n") else ""

    def _after_head(self, out: list[str], following: list[str]) -> bool:
        """Whether the name ``out`` ends in a thing's head word (示范项目) that no later word
        continues (铁矿|采选|工程), so a verb after it is its predicate (示范项目|举行|现场签约)."""
        heads = (*self.rules.entity_heads, *self.rules.actor_heads)
        return "".join(out).endswith(heads) and not any(w.endswith(heads) for w in following[:2])

    def _predicate_end(self, verb: str, following: list[str]) -> bool:
        """Whether ``verb`` followed by ``following`` (one word or none) is the predicate after
        a noun phrase rather than a part of a name (保障房项目|在建|。, 城市|去|考察 vs 政府|采购|
        项目, 入园|补助|。)."""
        if not following or not any(c.isalnum() for c in following[0]):
            return verb in self.rules.result_verbs  # 在建, 竣工, 投产 end the clause
        if following[0] in self.rules.result_verbs:
            return True  # 医疗新产品|集中|上市
        return self.ctx.word_class(following[0]) in ("v", "d", "p", "c", "u", "ul", "uj")

    def _adverbial(self, word: str, following: list[str]) -> bool:
        """Whether ``word`` is an adverb, or an adjective before a verb (扎实推进, 顺利完成)."""
        cls = self.ctx.word_class(word)
        if cls in ("d", "ad"):
            return True
        return (cls in ("a", "t") or word in self.rules.modals) and bool(following) and (
            self.ctx.word_class(following[0]) in self.rules.verb_classes
        )

    def predicate_after(self, right: str, noun: str, object_marked: bool, led: bool) -> str:
        """What is done to a counted noun, written after it: a quoted name (1587个事项“就近办”),
        a verb of results (27个项目竣工投产), after 对 the verb after 进行 (对12个路口进行了改造),
        or, unless ``led`` by a verb before the figure, the predicate that follows."""
        after = right[len(noun) :] if right.startswith(noun) else ""
        if after.startswith("“") and "”" in after[:12]:
            return after[: after.index("”") + 1]
        verb = opening(after, self.rules.result_verbs) or self._result_after_adverbs(after)
        if verb:
            return verb
        m = self.rules.carried_out.match(after) if object_marked else None
        if m:
            return m.group(1)
        if led and after[:1] not in self.rules.predicate_chars:
            return ""  # 帮助78家企业解决融贷款: led by a verb (not 等4项工作获…激励)
        if after.startswith("、"):  # 138个A、80项B顺利推进: the predicate after the list
            item = _LIST_ITEM.match(after[after.rfind("、") + 1 :])
            rest = item.group(1) if item else ""
            noun = self.head_phrase(rest)
            return self._predicate(rest[len(noun) :]) if noun and rest.startswith(noun) else ""
        return self._predicate(after)

    def _result_after_adverbs(self, after: str) -> str:
        """The verb of results after adverbs that ends the clause or takes the place arrived in
        (等4个科技产业社区|相继|落户|新安 → 落户); "" where none."""
        words = self.ctx.words(after[:12])
        i = 0
        while i < len(words) and self.ctx.word_class(words[i]) in ("d", "ad"):
            i += 1
        if not 0 < i < len(words) or words[i] not in self.rules.result_verbs:
            return ""
        ends = i == len(words) - 1 or not words[i + 1][:1].isalnum()
        return words[i] if ends or words[i] in self.rules.arrival_verbs else ""  # 落户|新安

    def _predicate(self, after: str) -> str:
        """The predicate that follows a counted noun, adverbs dropped (82项合作事项扎实推进 →
        推进, 241项事项实现同城化无差别受理 → 实现同城化无差别受理); "" for a copula or none."""
        r = self.rules
        words = self.ctx.words(after[:24])
        i = int(words[:1] != [] and words[0] in _WITHIN)  # 8种产品中|检出…
        while i < len(words) and words[i] not in _PREPOSITIONS and (
            self._adverbial(words[i], words[i + 1 : i + 2])
        ):
            i += 1
        if i < len(words) and words[i] in _CARRIED_OUT:
            i += 1 + (words[i + 1 : i + 2] == ["了"])  # 企业进行了网上申报 → 网上申报
        elif i < len(words) and (words[i] in _PLACE_PREPOSITIONS or self._passive(words[i:])):
            pass  # 8家企业在境外上市: where it is done, then the verb; 5个典型经验被纳入…
        elif words[i : i + 1] == ["通过"] and _PASSED.match("".join(words[i + 1 :])):
            pass  # 28个未来社区通过省级考核验收: passed, not "by means of"
        elif i >= len(words) or self.ctx.word_class(words[i]) not in r.verb_classes:
            return ""
        elif words[i] in r.leading_work_verbs and words[i] in r.generic_verbs and (
            self.ctx.word_class("".join(words[i + 1 : i + 2])) in r.verb_classes
            and words[i + 1] not in r.generic_verbs  # (6个产业集群加快建设: nothing told)
        ):
            # 164个亿元以上制造业项目加快推进: the work, not the verb that speeds it; 30个老旧小区
            # 完成改造: the work done, whole
            i += words[i] not in r.count_done_verbs
        elif self._object_tells(words[i], "".join(words[i + 1 :])):
            pass  # 33项高频事项实现网上视频帮办, 13个项目达到形象进度: what each achieved
        elif words[i] in r.generic_verbs or words[i] in r.level_verbs or words[i] in r.fillers:
            return ""  # 65个重点项目实现全覆盖: a generic verb
        predicate = ""
        verb_at = i + (words[i : i + 1] == ["被"])  # (被|评为|“四川省绿色学校”)
        for k, w in enumerate(words[i:], i):
            if w.startswith("“") and k == verb_at + 1 and predicate:
                return (predicate + _quoted_object("".join(words[k:])))[:24]
            if w[:1].isdigit() and predicate and (
                predicate.endswith(("和", "及", "与", "到", "至"))
                or self.is_measure(self.ctx.words(predicate)[-1])
            ):  # 3920个新投产项目增加产值5100多亿元, 100多家企业整合到10至20家: the subject
                return ""  # of the next figure, or its level before and after
            if DIGIT_MARK_OR_QUOTE.search(w) or w.isspace():
                break
            if w not in ("了", "过"):
                predicate += w  # 使用了中关村产品 → 使用中关村产品
        if words[i : i + 1] and words[i] in _PLACE_PREPOSITIONS and (
            len(self.ctx.words(predicate)) < 3
        ):
            return ""  # 在境外: a place with nothing done after it
        return predicate[:16]

    def _achieved(self, rest: str) -> bool:
        """Whether what follows 实现 after a counted noun says what was achieved for each
        (实现网上可办), not a blanket (实现全覆盖) or a level reached (实现主营业务收入)."""
        r = self.rules
        return bool(rest) and not rest.startswith(r.blanket_objects) and not rest.startswith(
            (*r.measure_ends, *r.topic_measures, *r.metrics)
        )

    def _passive(self, words: list[str]) -> bool:
        """Whether ``words`` open with the passive 被 and a verb (被|纳入, 被|认定为): what was
        done to the things counted."""
        return words[:1] == ["被"] and len(words) > 1 and (
            self.ctx.word_class(words[1]) in self.rules.verb_classes
        )

    def _object_tells(self, verb: str, rest: str) -> bool:
        """Whether the generic ``verb`` after a counted noun tells what each achieved with the
        object ``rest`` after it (实现网上视频帮办, 达到形象进度)."""
        if verb == "实现":
            return self._achieved(rest)
        return verb in self.rules.reached_verbs and self._standard_reached(rest)

    def _standard_reached(self, rest: str) -> bool:
        """Whether what follows 达到 after a counted noun is a standard or goal each reached
        (达到形象进度, 达到计划目标), not a level written as a figure (达到100亿元, 达到二级以上)
        or a measure's level (达到产值…)."""
        clause = _CLAUSE_MARK.split(rest, maxsplit=1)[0]
        return len(clause) >= 2 and not _NUMERAL.search(clause) and self._achieved(clause)

    def _may_end_modal(self, left: str) -> bool:
        """Whether ``left`` may end with a modal word, an adverb, a conjunction or a rate's base
        (a quick test on its last characters)."""
        ends = self._modal_ends
        if ends is None:
            tok = self.ctx.tokenizer
            ends = self._modal_ends = frozenset(
                (*(m[-1] for m in self.rules.modals), *tok.last_chars("d"), *tok.last_chars("c"))
            )
        return left[-1] in ends or "每" in left[-4:]

    def without_modals(self, left: str) -> str:
        """``left`` without the modal and hedging words that end it (整个项目投资|初步|估计|会 →
        整个项目投资), then without a linking verb they followed (成本控制在|每公斤)."""
        if not left or not self._may_end_modal(left):
            return left
        tail = left[-_MODAL_WINDOW:]  # the words at its end (read from a window: quicker)
        words = self.ctx.words(tail)
        end = len(words)
        while end > 1 and (
            (words[end - 1] in self.rules.modals and not (
                words[end - 1] == "会" and self._meeting(words[end - 2])
            ))
            or self.ctx.word_class(words[end - 1]) == "d" or _PER.fullmatch(words[end - 1])
            or (len(words[end - 1]) == 1 and self.ctx.word_class(words[end - 1]) == "c")
        ):  # fmt: skip
            end -= 1
        if end == len(words):
            return left
        head = left[: len(left) - len(tail)]
        rest = head + "".join(words[:end])
        bounds = {len(head) + n for n in itertools.accumulate((0, *map(len, words[:end])))}
        verb = next(
            (v for v in self.rules.linking_verbs
             if rest.endswith(v) and len(rest) - len(v) in bounds),
            "",
        )  # fmt: skip  # 控制|在 but not 现|在
        return rest[: len(rest) - len(verb)] if verb else rest

    def nominal(self, subject: str) -> bool:
        """Whether ``subject`` holds a word that can name a thing (not only verbs, adverbs,
        numerals, prepositions or punctuation)."""
        found = self._nominal.get(subject)
        if found is None:
            found = self._nominal[subject] = self._names_thing(subject)
        return found

    def _names_thing(self, subject: str) -> bool:
        classes = self.rules.not_nominal_classes
        if _GRADE_OR_PHASE.search(subject):
            return True  # 4级, 二期: a grade or phase named by its number
        return any(
            self.ctx.word_class(w) not in classes and any(c.isalnum() for c in w)
            for w in self.ctx.words(subject)
        )

    def is_measure(self, phrase: str) -> bool:
        """Whether ``phrase`` is only a measure or a change (跌幅, 下调幅度, 价格, 总投资), with
        words of its period or kind before it (日电量, 全年用电量, 包牌价; cached per document)."""
        found = self._measures.get(phrase)
        if found is None:
            found = self._measures[phrase] = self._is_measure(phrase)
        return found

    def _is_measure(self, phrase: str) -> bool:
        r = self.rules
        words = self.ctx.words(phrase) if len(phrase) > 2 else []
        while len(words) > 1 and (words[0] in _MEASURE_PERIODS or words[0] in r.price_kinds):
            words = words[1:]  # 全年|用电量, 包牌|价
        core = "".join(words) or phrase
        return (
            core in r.entity_measures or core in r.metrics or core in r.directions
            or core in r.bare_measures or (core == "价" and core != phrase)
            or (core.endswith("价") and core[:-1] in r.price_kinds)
            or core in r.topic_measures or phrase.endswith(("幅度", "跌幅", "涨幅", "降幅"))
        )  # fmt: skip

    def telling(self, word: str) -> bool:
        """Whether ``word`` is a verb that tells measures of a thing apart (引进, 接待, 投入)."""
        r = self.rules
        if word.startswith("新") and len(word) > 2 and word not in r.terms:
            word = word[1:]  # 新开通, 新造: a verb of something new
        return (
            word not in r.generic_verbs and word not in r.level_verbs
            and word not in r.not_subject and word not in r.name_openers
            and word not in r.terms  # (获批, a verb of the domain vocabulary, is no term)
            and self.ctx.word_class(word) in r.verb_classes
        )  # fmt: skip

    def indicator_name(self, phrase: str) -> bool:
        """Whether ``phrase`` ends with the name of a statistical indicator or a domain term
        (粮食产量, 农业增加值), which a measure inside it does not split."""
        r = self.rules
        if self.ctx.statistical and any(
            phrase.endswith(m) and len(phrase) > len(m) for m in r.statistical_measures
        ):
            return True  # 水果总产量, 油料产量 (产量 alone names nothing)
        measure = ending(phrase, r.entity_measures) or ending(phrase, r.article_measures)
        sector = phrase[: -len(measure)] if measure else ""
        if sector.endswith(r.sector_ends) and not (
            sector.endswith(r.trade_ends) and not self.ctx.statistical
        ):
            return True  # 林业产值, 服务业营业收入 (an article's 医疗器械行业总产值: a trade's)
        return phrase.endswith(r.indicator_forms) or any(
            phrase.endswith(w) for w in self.ctx.words(phrase)[-1:] if w in self.rules.terms
        )
