"""What a figure measures: its subject (省市重点项目) and metric (总投资, 增长, 新增)."""

from __future__ import annotations

import bisect
import re

from govnlp.linking.counts import JOINERS, LISTED, Counts
from govnlp.linking.phrases import Pair, ending, opening
from govnlp.linking.state import REACH, ParagraphState, SentenceState
from govnlp.records import Figure, Kind
from govnlp.text.segment import CLAUSE_BREAK, Sentence

# nothing but 全市 (or nothing at all) before a share opening its clause
_BUILT = re.compile(r"新[（(][改扩建]{1,3}[）)]建(?=[^，,。；;、]{2,}$)")  # 新（改扩）建: one verb
_SCOPE_ONLY = re.compile(r"(?:(?:全|我|该|本)[县市区省州旗盟国])?")
_CN_NUMBERS = "一二三四五六七八九十"
_CN_ORDINALS = frozenset(_CN_NUMBERS)
_CLASS_LABEL = re.compile(
    r"^(?:超|近|过)?(?:[0-9.]+(?:[-~至][0-9.]+)?(?:万|亿)?|[十百千]?(?:万|亿))(?:元|吨|亩)?(?:以上|以下)?"
    r"(?=[\u4e00-\u9fff])"
)  # 50-100亿元项目, 100亿元以上项目, 亿元以上项目, 百亿元项目: a class named by its amounts
_EXCEEDING = ("超", "过", "超过")  # 产值超亿元企业, 过5亿元项目: a class named by what it exceeds
_AMOUNT_OPENING = re.compile(r"[0-9.]*[十百千万亿]+元")
_CLASS_BEFORE = re.compile(r"(?:总?投资|固投)?[0-9.]*[十百千万亿]+元以上$")  # 固投10亿元以上|项目
_EXCEEDS = re.compile(r"(?:超过|超|过)[0-9.]*")  # 超, 过5 before the amount's multiplier
_QUALIFIERS = ("d", "b", "ad", "a")  # words before a verb that qualify it (非法|敛财, 直接|出口)
_SHARED = ("均", "都", "共同", "合计", "共计")  # one figure for all the names before
_RESTATED = re.compile(r"\s*[(（]\s*(?:约|合|折合|即)?")  # 1500万平方米(约|22万套): in other units
# a note in brackets (以下简称增长, 一期、二期); short ones such as （点） are part of a name
_BASE_END = re.compile(r"(?:相比|相较|比|较|同)(?:上年|去年|上月|上周)(?:同期)?$")  # 相比上年
# 从, 由 and the time of the start level before a percent that changes (从上半年5.5%降到)
_CHANGE_START = re.compile(
    r"[从由](?:[0-9]{4}年|上半年|下半年|年初|去年|上年|前年|最初|起初|当初|原来|原先|开始)?"
    r"(?:[0-9]{1,2}月)?(?:底|末)?的?$"
)
_UNDATED_START = re.compile(r"[从由](?:最初|起初|当初|原来|原先|开始)的?$")  # 由最初的0.16亿元
_COUNT_AFTER = re.compile(r"[、和及与][0-9]+[多余]?[个家项户所座条处名批]")  # 、20家: a next count
DIGIT_OR_PUNCT = re.compile(r"[0-9，,。；;：:、]")
_BY_BASE = re.compile(r"(按(?:照)?[^按，,。；;]{1,12}?)的$")  # 按工程中标价的|2%: the base
_SAID_TO_BE = re.compile(r"(?:是|为)([^，,。；;：:、0-9]{2,16})$")  # 3辆|是越野车: what they are
_NOTE = re.compile(r"[(（](?:[^()（）]{3,}|下同|同上)[)）]")
# kinds listed before their number in Chinese (A、B、C、D四大主导产业, A、B三类产品)
_NUMBERED_KINDS = re.compile(
    r"([^，,；;。、]+(?:、[^，,；;。、]+)+?)([二三四五六七八九十])(?:大|类|个|项|种)"
)
_BASE_ONLY = re.compile(r"(?:比|较|与|同)[^，,、和及]{1,6}?(?:相比)?")  # 比上周, 与上年同期相比
_COUNTED_LIST = re.compile(
    r"([^，,；;。]+、[^，,；;。]+?)[0-9一二三四五六七八九十两]+(?:种|类|个|项|家|大类)"
)  # 蔬菜、白条鸡…和鲜猪肉8种: the names of a counted list
_GRADE_END = re.compile(
    r"(?:^|[^0-9一二三四五六七八九十])([特弱强超]?[一二三四五六七八九十0-9]{1,2}级)"
    r"([^0-9一二三四五六七八九十，,。；;：:、（(\s级]{0,6})$"
)  # a price list item: 四级, 3级大包棉, 三级报价
_TOWN_MEASURE = re.compile(
    r"((?![全各该本我])[\u4e00-\u9fff]{2,3}(?<!城)(?<!乡)(?<!村)(?:镇|乡|街道))([\u4e00-\u9fff]{2,10})"
)  # 新兴乡|财政收入: a named town and its measure (not 城镇, 乡镇)
# a list of rates that one figure is given for: 参保率、代缴率、发放率均为
_SHARED_RATES = re.compile(
    r"([^，,；;：:。]*?率(?:[、和及][^、和及，,；;：:。]{1,6}?率)+)(?:均|都)[^，,；;]{0,4}$"
)
_FUNCTION_CLASSES = ("c", "d", "t", "f")  # 而, 但, 之前: no part of a name
_LOCATIVE_ENDS = tuple("内中里上下外")  # 五台车内: a place where, not a thing
_RATE_WORD = 4  # the longest rate named by its word alone (代缴率, 满意率, 投资完成率 is not)
_LIST_MARKS = re.compile(r"、|和|(?<!普)及")  # between the items of a list (not 普及率)
_OWNED_MEASURE = re.compile(r"的([^、和及的]{2,6})$")  # 节能产品和环保产品的比重
# figures joined by 、 alone that end a clause: 318万亩、16.5亿斤以上
_FIGURE_RUN = re.compile(r"(?:[0-9.]+[^、，,；;。0-9]{0,6}、)+[0-9.]+[^、，,；;。0-9]{0,6}$")
_DOER_CLASSES = frozenset(("n", "nz", "nt", "eng", "vn", ""))  # TDCS产品: nouns and names
_ELIDED_BASE = re.compile(r"[、，,]\s*([^、，,；;。的0-9\s]{2,8})的?")  # 、安徽省的|59%
_LISTED_PERCENT = re.compile(r"[和、及与][^，,。；;0-9%]{0,16}?[0-9.]+[%％]")  # 和…13.2%|的增速
_NOT_RATIO_AS = frozenset("成作认因称以行")  # before 为 in 成为, 作为, 认为 …: no ratio's verb
_SHARE_OF = re.compile(r"占(?!比)")  # a share of a base (占总销售额), not 占比
_SHARE_WORDS = re.compile(r"[0-9占比较率，,、和及]|增|降|减|涨|跌")  # words of a measure or change
_COUNTED_ITEM = re.compile(r"^[0-9]+[个家项所座条]")  # 18个列省、485个市级…: the count's noun
# particles that never end a noun phrase (水泥在内, 购买了); 了 ends a predicate, not a name
_PARTICLE_CLASSES = frozenset(("u", "uj", "ul", "uz", "ud", "ug", "uv"))
_PREDICATE_CLASSES = frozenset(("v", "vg", "vd", "d", "ad", "a", "m", "p"))  # 分两次花|了
_DOER_NOUNS = frozenset(("n", "nr", "nrt", "nz", "nt", "ng", "r"))  # 尹某: 尹|某
_SCOPE_WORDS = ("各", "每")  # 封装和应用各|12亿元, TCL集团和Harvatck各按|50%: the figure's scope
# a comparison that ends the text before a figure (平均价格高出|9元, 最低从未低于|2元): no name
_COMPARING = ("高于", "低于", "高出", "低出", "快于", "慢于", "超过", "多于", "少于")


def _without_end(name: str, measure: str) -> str:
    """``name`` without ``measure`` at its end, where something is left."""
    if measure and name.endswith(measure) and len(name) > len(measure) + 1:
        return name[: -len(measure)]
    return name


def _without_one_of(subject: str) -> str:
    """``subject`` without the 之一 that ends it and a closing quotation left alone before it
    (是全国7个县域案例之一 → 县域案例, “合作但没被抽中的112家企业”之一 → 企业)."""
    if not subject.endswith("之一") or len(subject) < 4:
        return subject
    subject = subject[:-2]
    return subject[:-1] if subject.endswith("”") and "“" not in subject else subject


def _without_start(stripped: str, *, percent: bool) -> str:
    """The clause before the start level of a change without the 从 or 由 that ends it (增值税
    税率从|17%降至13%), an undated start (采购规模由最初的|0.16亿元), and for a percent the time
    of that level too (失业率从上半年|5.5%)."""
    start = (_CHANGE_START if percent else _UNDATED_START).search(stripped)
    if start and start.start() > 0:
        return stripped[: start.start()]
    if stripped.endswith(("从", "由")) and len(stripped) > 1:
        return stripped[:-1]
    return stripped


class Subjects(Counts):
    """Finds the subject and metric of each figure of a document, in text order.

    :meth:`find` runs these steps in a row; each reads the clause around the figure (``left``,
    ``right``) and the pair the steps before left, and may overwrite what the last column says.
    A later step wins, so a rule that must not be undone goes after those it corrects.

    ====  ==============================  ==========================================  =========
    step  rule                            reads                                       writes
    ====  ==============================  ==========================================  =========
    1     ``_clause``, since the last     sentence, figure; ``sentence.last``         left,
          figure, ``_NOTE``                                                           right
    2     fallback, ``_past_reached``     ``sentence.named``, topic,                  fallback
                                          ``paragraph.subject``, ``sentence.reached``
    3     ``_pair``                       left, right, last figure, fallback          both
    4     level after a change            last figure's metric and kind               metric
    5     ``_described_after``,           left, right (not for a percent)             both
          ``verb_of_measure``
    6     ``_capacity``                   last figure (quantities)                    both
    7     分别/同比 off                   metric                                      metric
    8     ``_distributed``, ``_of_list``  the list the figure is one of               both
    9     ``antecedent``, place names     subject, fallback                           subject
    10    ``_given_after``                left, right                                 both
    11    ``_repaired``, ``owned``        left, right, fallback (not in a list)       both
    12    ``_topic_clause``               metric (where no subject)                   both
    13    pair references (双方)          subject                                     subject
    14    ``_threshold_class``,           left, subject, metric                       both
          ``_amount_class``,
          ``_totalled_verb``
    15    ``_without_one_of``,            subject alone: its words and their classes  subject
          ``_without_conjunction``,       (fallback where no noun is left, or the     (metric:
          ``_well_formed``, ``_of_price`` subject is a price word alone)              price)
    16    新增 split, ``_measure_after``  subject, left, right, fallback              both
    17    ``_carried_verb``,              sentence state (only where no metric)       metric
          ``_carried_measure``,
          ``_carried_share``, adjacent
    ====  ==============================  ==========================================  =========

    Steps 1-14 choose, 15 cleans the subject chosen (it brings in no new name but the fallback,
    where nothing nominal is left or only a price word), and the sentence records ``subjects``
    after it; 16-17 fill the metric. Last, the state is updated: ``sentence.last`` (figure end,
    subject, metric), ``sentence.named`` and ``paragraph.subject``, which the fallback of later
    figures read.
    """

    def find(
        self, fig: Figure, index: int, sentence: SentenceState, paragraph: ParagraphState
    ) -> tuple[str, str, str]:
        """(subject, metric, the text before the figure in its clause) of ``fig``, which lies
        in sentence ``index``; updates the sentence's and paragraph's state."""
        sent = self.ctx.sentences[index]
        self.before = self.ctx.norm[max(sent.start, fig.start - REACH) : fig.start]
        self.sentence_start = sent.start
        clause_left, right = self._clause(sent, fig)
        left = clause_left
        last = sentence.last
        if last and last[0] <= fig.start:
            since = self._since(sent, last[0], fig.start)
            closed = sum(since.count(c) for c in ")）") > sum(since.count(c) for c in "(（")
            if len(since) < len(left) and not closed:  # (not 单线1.5倍人员)则是: in a note)
                left = since
        left, right = _NOTE.sub("", left), _NOTE.sub("", right)  # 增长（以下简称增长）8%
        fallback = sentence.named or self.topic() or paragraph.subject
        last, fallback = self._past_reached(fig, left, sentence, fallback)
        subject, metric = self._pair(
            fig, (left, right), last, paragraph, fallback, last_kind=sentence.last_kind
        )
        if (
            last and metric == last[2] and metric in self.rules.directions
            and fig.kind is not Kind.PERCENT and sentence.last_kind == Kind.PERCENT.value
        ):  # fmt: skip
            metric = ""  # 地区生产总值增长5.5%以上，力争突破6000亿元: a level, not the change
        if fig.kind is not Kind.PERCENT:
            subject, metric = self._described_after(fig, left, right, (subject, metric))
            subject, metric = self.verb_of_measure(left, (subject, metric))  # 新增校舍建筑面积
        if fig.kind is Kind.QUANTITY and last:
            subject, metric = self._capacity(last, (subject, metric))
        if metric and metric.startswith(("分别", "同比")) and metric[2:] in self.rules.directions:
            metric = metric[2:]  # 分别增长, 同比增长: the measure is 增长
        listed = self._distributed(sent, fig, sentence)
        subject, metric = self._of_list(left, sentence, (subject, metric), listed)
        measured = bool(metric) and self.is_measure(metric)
        subject = self.antecedent(subject, fig.start, measured=measured, carried=fallback)
        if subject in self.rules.place_names and fallback:
            subject = fallback  # 济宁、枣庄增速仅为1.2%、1.5%: the places' measure of the subject
        subject, metric = self._given_after(left, right) or (subject, metric)
        if not listed[0]:
            subject, metric = self._repaired(fig, (subject, metric), (left, right), fallback)
            subject, metric = self.owned(fig, (subject, metric), clause_left, sentence, fallback)
        if not subject:
            subject, metric = self._topic_clause(metric)
        if subject in self.rules.pair_references:
            subject = self.antecedent(subject, fig.start)  # 双方…，各占50%: carried to the figure
        subject, metric = self._threshold_class(left, subject, metric)
        subject = self._amount_class(left, subject)
        subject, metric = self._totalled_verb(subject, metric)
        subject = self._without_conjunction(_without_one_of(subject))  # 因为|田间大蒜卖价已降到
        subject = self._well_formed(subject, fallback)
        subject, metric = self._of_price(subject, metric, fallback)
        sentence.starts.append(fig.start)
        sentence.subjects.append(subject)
        if subject and not metric and "新增" in subject[:-2]:
            subject, metric = subject.replace("新增", "", 1), "新增"  # 城镇新增就业, 新增经营主体
        subject, metric = self._measure_after((subject, metric), left, right, fallback)
        metric = metric or self._carried_verb(fig, sentence, left)  # 新认定…3家，科技型中小企业33家
        metric = metric or self._carried_measure(fig, sentence, left, subject)
        metric = metric or self._carried_share(fig, sentence, left)
        adjacent = self._adjacent_metric(fig, sentence, subject)
        sentence.last = (fig.end, subject, metric)
        metric = metric or adjacent  # (not carried on: 91个1.2万户、完工213个 keeps 完工)
        metric = self._unit_price(fig, (metric, clause_left), paragraph)
        sentence.last_kind = fig.kind.value
        if subject and fig.kind is Kind.COUNT and metric in self.rules.reach_verbs:
            doer = self._doer(_NOTE.sub("", clause_left.split(metric)[0])) or fallback
            sentence.reached = (subject, doer)  # 产品已遍布11个铁路局: the 产品 is carried on
        if subject and subject != fallback:
            sentence.named = subject  # carried to the later clauses of the sentence
        if subject and "其中" not in clause_left and not right.startswith("、"):
            paragraph.subject = subject  # list items (其中…、…) are not carried
        return subject, metric, left

    def _unit_price(self, fig: Figure, given: Pair, paragraph: ParagraphState) -> str:
        """In an article, the price word of an amount per unit of goods (5.40元/斤) whose clause
        names none: the one the paragraph's last such price named (价格都在300元/平方米以上，…
        找到的100多元/平方米的地板 → 价格); ``given`` is (its metric, its clause before it); the
        metric is kept, and remembered where it is a price."""
        metric, left = given
        if fig.kind is not Kind.MONEY or self.ctx.statistical or not (
            self.ctx.norm.startswith(self.rules.per_goods, fig.end)
        ):
            return metric
        if metric.endswith(self.rules.price_ends):
            paragraph.price = metric
        return metric or ("" if "价" in left else paragraph.price)  # (折成本价分别为: its own)

    def _threshold_class(self, left: str, subject: str, metric: str) -> Pair:
        """The pair with a class of things named by an amount they exceed kept whole as the
        subject (产值|超|亿元企业|达到13家 → 产值超亿元企业, no metric): 超 before an amount
        opening the subject is part of its name, not a verb exceeding something."""
        if metric not in ("", *_EXCEEDING) or not _AMOUNT_OPENING.match(subject):
            return subject, metric
        found = [m for m in _EXCEEDS.finditer(left) if left.startswith(subject, m.end())]
        if not found:
            return subject, metric
        i, exceeded = found[-1].start(), found[-1].group()  # (超10|亿元企业: digits lost too)
        owner = self.tail_words(self.ctx.words(left[:i]))
        verb = owner[0] if len(owner) > 1 and self.telling(owner[0]) else ""  # (谋划|投资…)
        return "".join(owner[1:] if verb else owner) + exceeded + subject, verb

    def _totalled_verb(self, subject: str, metric: str) -> Pair:
        """The pair with the verb after 累计 taken from the subject into the metric (累计|评定
        特聘人才436人 → 特聘人才 / 累计评定, as 累计发放, 累计兑现)."""
        if metric != "累计" or not subject:
            return subject, metric
        words = self.ctx.words(subject)
        verb = words[0] if len(words) > 1 and len(words[0]) > 1 else ""  # (not 关|搬转改)
        noun = subject[len(verb) :]
        if not (verb in self.rules.count_metric_verbs or self.telling(verb)) or (
            len(noun) < 2 or not self.nominal(noun) or verb in self.rules.generic_verbs
        ):
            return subject, metric
        return noun, metric + verb

    @staticmethod
    def _amount_class(left: str, subject: str) -> str:
        """``subject`` with the class of amounts written right before it, where it ends the
        clause before a count (引进亿元以上项目96个 → 亿元以上项目, 签约固投10亿元以上项目)."""
        if not subject or not left.rstrip().endswith(subject):
            return subject
        before = left.rstrip()[: -len(subject)]
        label = _CLASS_BEFORE.search(before)
        return label.group() + subject if label else subject

    def _ratio_to_base(self, fig: Figure, left: str, stripped: str, carried: str) -> Pair | None:
        """(the thing, the verb and its base with 的) of a percent given as a ratio to a base
        (企业接到的订单是去年总销量|的50% → 企业接到的订单 / 是去年总销量的); None else."""
        if fig.unit != "%" or not left.rstrip().endswith("的") or "占" in stripped:
            return None  # a share (占全部投资的比重): read as a share
        at, verb = max(
            ((stripped.rfind(v), v) for v in self.rules.ratio_verbs), key=lambda x: x[0]
        )
        base = stripped[at + len(verb) :] if at >= 0 else ""
        if verb == "为" and stripped[at - 1 : at] in _NOT_RATIO_AS:
            return None  # 成为全市的15%, 认为: a word of its own, no ratio
        if not 2 <= len(base) <= 12 or DIGIT_OR_PUNCT.search(base) or not self.nominal(base):
            return None
        if any(self.ctx.word_class(w) in ("v", "p", "d") for w in self.ctx.words(base)):
            return None  # (…是提高…的: no base)
        head = self.without_modals(stripped[:at])
        return self.tail_phrase(head) or carried, verb + base + "的"

    def _described_after(self, fig: Figure, left: str, right: str, pair: Pair) -> Pair:
        """The pair with the noun the figure describes (with 的) or, for a count, the noun 是
        or 为 say the ones counted are, or the noun a level alone shares with the next count,
        where the clause names one after the figure."""
        subject, metric = self.described_pair(fig, left, right, pair)
        if fig.kind is not Kind.COUNT:
            return subject, metric
        if subject in self.rules.levels:
            subject = self._restore_ahead(subject, right)  # 2家国家级、20家自治区级创新平台
        return self._said_to_be_after(right) or (subject, metric)

    def _given_after(self, left: str, right: str) -> Pair | None:
        """(what is given, the base or standard) of an amount or rate by which something is
        given, named after 给予 (按工程中标价的2%给予施工企业奖励 → 施工企业奖励 / 按工程中标价;
        按照2000元/年的标准给予补偿 → 补偿 / 标准); None else."""
        found = self.rules.given.match(right)
        if not found:
            return None
        object_ = found.group(2)
        words = self.ctx.words(object_)
        given = self.head_phrase(object_) or (words[0] if len(words[0]) > 1 else "")
        if not given or not (self.nominal(given) or given == words[0]):
            return None  # (给予补偿: a verb used as a noun after 给予 is what is given)
        based = _BY_BASE.search(left)
        return given, found.group(1) or (based.group(1) if based else "")

    def _said_to_be_after(self, right: str) -> Pair | None:
        """(the noun, "") of a count whose clause ends with 是 or 为 and a noun phrase, which
        says what the ones counted are (其中9个为市级特色产业园区, 就有3辆是越野车); None else."""
        found = _SAID_TO_BE.match(right)
        if not found or self.ctx.words(right)[0] not in ("是", "为"):
            return None  # (28项|为民办实事事项: a name)
        noun = found.group(1)
        if self.head_phrase(noun) != noun or not self.nominal(noun) or self.is_measure(noun):
            return None
        return noun, ""

    def _without_conjunction(self, subject: str) -> str:
        """``subject`` without the conjunctions that open it (因为, 由于, 但, 而), no part of a
        name."""
        words = self.ctx.words(subject)
        k = 0
        while k < len(words) - 1 and words[k] in self.rules.conjunctions:
            k += 1
        return "".join(words[k:]) if k else subject

    def _well_formed(self, subject: str, fallback: str) -> str:
        """``subject`` without the words that cannot end a noun phrase: a scope word and a
        preposition after it (Harvatck各按 → Harvatck), particles (水泥在内 → 水泥) and
        conjunctions (山东而言 → 山东), modal words (零售价会 → 零售价) and a comparison with the
        adverbs before it (平均价格高出 → 平均价格; where no noun is left, as in 最低从未低于, the
        subject carried from before); of a predicate ending in 了 only the doer before its verb
        is kept (尹某分两次花了 → 尹某, 购买了 → none; the subject carried from before is most
        often another thing's)."""
        words = self.ctx.words(subject)
        if len(words) < 2:
            return subject
        if words[-1] == "了":
            return self._doer_before(words[:-1])
        kept = list(words)
        while len(kept) > 1 and (
            self._loose_end(kept) or self._modal_end(kept) or kept[-1] in _COMPARING
            or (len(kept) < len(words) and self.ctx.word_class(kept[-1]) == "d")
        ):  # fmt: skip
            kept.pop()
        if len(kept) == len(words) or len("".join(kept)) < 2:
            return subject
        if all(self.ctx.word_class(w) in self.rules.not_nominal_classes for w in kept):
            return fallback  # 最低|从未低于: no noun left, the subject carried is the one
        return "".join(kept)

    def _of_price(self, subject: str, metric: str, fallback: str) -> Pair:
        """The thing carried from before as the subject of a figure whose subject is a price
        word alone, which is then its metric (南美乡鲜叶单价达20元，比全区的平均价格|高出120%)."""
        if subject in self.rules.prices and fallback and fallback != subject:
            return fallback, metric or subject
        return subject, metric

    def _doer_before(self, words: list[str]) -> str:
        """The nouns before the predicate ``words`` end with (尹某|分两次花 → 尹某), where they
        are nouns only and no place where (期限内|交付); else none."""
        while words and self.ctx.word_class(words[-1]) in _PREDICATE_CLASSES:
            words.pop()
        name = "".join(words)
        if len(name) < 2 or name.endswith(_LOCATIVE_ENDS) or not all(
            self.ctx.word_class(w) in _DOER_NOUNS for w in words
        ):
            return ""
        return name

    def _modal_end(self, words: list[str]) -> bool:
        """Whether the last of ``words`` is a modal word (零售价|会): 会 only after a noun, not
        naming a meeting after a verb or a quoted name (银企对接会, “星期六会商”会)."""
        last, before = words[-1], words[-2]
        if last == "会":
            return self.ctx.word_class(before) in ("n", "nz", "ng") and before[-1].isalnum()
        return last in self.rules.modals

    def _loose_end(self, words: list[str]) -> bool:
        """Whether the last of ``words`` is a word no noun phrase ends with."""
        last, cls = words[-1], self.ctx.word_class(words[-1])
        if last in _SCOPE_WORDS or (cls in _PARTICLE_CLASSES and last != "地"):
            return True  # (用地, 园地: 地 is land there)
        if cls == "c" and len(last) >= 2:
            return True  # 而言, 以及 (not 和: a list goes on)
        return cls == "p" and (len(last) >= 2 or words[-2] in _SCOPE_WORDS)  # 各按, 对于

    def _past_reached(
        self, fig: Figure, left: str, sentence: SentenceState, fallback: str
    ) -> tuple[tuple[int, str, str] | None, str]:
        """(the figure before, the subject carried) for ``fig``, with the doer in place of a
        count's object reached before it (提供就业岗位2万个，年可实现交易额…: the doer's)."""
        last, reached = sentence.last, sentence.reached
        if (
            reached and last and last[1] == reached[0] and fig.kind is not Kind.COUNT
            and not any(d in left for d in self.rules.directions)
        ):  # fmt: skip
            return (last[0], reached[1], ""), reached[1] or fallback
        return last, fallback

    def _capacity(self, last: tuple[int, str, str], pair: Pair) -> Pair:
        """(the project or phase, the verb and its object) of a quantity that is one more
        capacity of the thing whose capacity the figure before measured (二期工程年处理铁矿石
        3000万吨，生产铁精粉1000万吨 → 二期工程 / 生产铁精粉); ``pair`` for any other."""
        subject, metric = pair
        made = metric + subject if metric in self.rules.goods_verbs else ""  # 生产|铁精粉
        named = made or ("" if metric else subject)
        return (last[1], named) if named and self._next_capacity(last, named) else pair

    def _next_capacity(self, last: tuple[int, str, str], subject: str) -> bool:
        """Whether ``subject``, a verb and its object, is one more capacity of the project or
        phase whose capacity the figure before measured (二期工程 / 处理铁矿石)."""
        if not (last[1] and last[2] and self.is_entity(last[1])) or self.is_entity(subject):
            return False  # (抽蓄项目报审5个770万千瓦: the thing itself)
        words = self.ctx.words(subject)
        return len(words) >= 2 and self.telling(words[0]) and self.telling(
            self.ctx.words(last[2])[0]
        )

    def _doer(self, head: str) -> str:
        """The nouns that end ``head`` before its adverbs (目前卡斯柯的TDCS产品已 → TDCS产品)."""
        words = self.ctx.words(head.strip())
        while words and self.ctx.word_class(words[-1]) in ("d", "c", "p"):
            words.pop()  # 已, 可直接
        out: list[str] = []
        for w in reversed(words):
            if self.ctx.word_class(w) not in _DOER_CLASSES or w in self.rules.terms:
                break
            out.insert(0, w)
        name = "".join(out)
        return name if len(name) >= 2 and name not in self.rules.place_names else ""

    def _pair(
        self,
        fig: Figure,
        clause: tuple[str, str],
        last: tuple[int, str, str] | None,
        paragraph: ParagraphState,
        fallback: str,
        last_kind: str = "",
    ) -> Pair:
        """(subject, metric) from the clause (its text before and after the figure) and the
        figure before it in the sentence (of kind ``last_kind``); ``fallback``: the subject
        carried so far."""
        left, right = clause
        change = left.strip()
        counted = fig.kind in (Kind.COUNT, Kind.QUANTITY)
        if last and last[1] and (change in self.rules.level_changes or self._moved_to(change)):
            return last[1], change  # 增值税税率从17%降至13%, 由2600座压减到1053座: the end
        if last and change and self._continues(left) and not (counted and self.head_phrase(right)):
            speed = next((w for w in self.rules.speeds if last[2].startswith(w)), "")
            if speed and fig.unit == "%":  # 增速高于省平1个百分点、7%左右: the speed itself
                return last[1], speed
            return last[1], last[2]  # 确保增长6.5%、力争7%以上
        listed_after = last and last[1] and left.lstrip().startswith(("、", "，", ","))
        subject, metric = self._subject_metric(
            fig, paragraph, left, right, last[1] if listed_after and last else fallback
        )  # 地区生产总值3323.7亿元、同比增长5.8%: the same subject
        if last is None:
            return subject, metric
        elided = self._elided_base(fig, left, last) if not metric else ""
        if elided:
            return last[1], elided  # 占合肥市…产量的68.9％、安徽省的59％: 占安徽省…产量
        joined = left[len(last[1]) :] if last[1] and left.startswith(last[1]) else left
        listed = joined.startswith(LISTED) and not metric
        if counted and not metric and last[2] and left.rstrip().endswith(LISTED):
            listed = True  # 新增100户A和10户B: the next item of the list
        if listed and counted and last_kind != Kind.PERCENT.value and (
            not subject.endswith(self.rules.measure_ends)
        ) and last[2] not in self.rules.yearly_processes:  # (炼油: a capacity of its item only)
            # 新增A353家、B48家: the verb heads the whole list (not 完成80%、…1000家, not 鲜草产量)
            metric = last[2]
        if listed and subject and last[1]:
            subject = self._restore_elided(subject, last[1])  # 国家级…企业2家、省级8家
        return subject, metric

    def _elided_base(self, fig: Figure, left: str, last: tuple[int, str, str]) -> str:
        """The share of the figure before with its place changed, where the figure is listed
        after it with only another place before it (占全市的20%、全省的3% → 占全省; 占合肥市新能源
        整车产量的68.9％、安徽省的59％ → 占安徽省新能源整车产量); "" otherwise."""
        r = self.rules
        item = _ELIDED_BASE.fullmatch(left.strip())
        metric = last[2]
        if fig.kind is not Kind.PERCENT or not item or "占" not in metric:
            return ""
        place = item.group(1)
        if place not in r.place_names and place not in r.scopes:
            return ""
        head, _, base = metric.partition("占")
        places = [p for p in (*r.scopes, *r.place_names) if base.startswith(p)]
        old = max(places, key=len, default="")  # (合肥市, not 合肥)
        return f"{head}占{place}{base[len(old) :]}" if old else ""

    def _clause(self, sent: Sentence, fig: Figure) -> tuple[str, str]:
        """Text of the figure's clause before and after it (pieces joined, within reach)."""
        norm = self.ctx.norm
        lo, hi = fig.start - REACH, fig.end + REACH
        before = "".join(
            norm[max(s, lo) : min(e, fig.start)] for s, e in sent.pieces
            if s < fig.start and e > lo
        )  # fmt: skip
        after = "".join(
            norm[max(s, fig.end) : min(e, hi)] for s, e in sent.pieces
            if e > fig.end and s < hi
        )  # fmt: skip
        cut = [m.end() for m in CLAUSE_BREAK.finditer(before)]
        left = before[cut[-1] :] if cut else before
        m = CLAUSE_BREAK.search(after)
        right = after[: m.start()] if m else after
        return left[-40:], right[:24]

    def _distributed(self, sent: Sentence, fig: Figure, state: SentenceState) -> Pair:
        """The subject (and metric, for a list of one owner's rates) a 分别 list gives this
        figure, if any."""
        base = max(sent.start, fig.start - REACH)
        before = self.ctx.norm[base : fig.start]
        j = before.rfind("分别")
        if j < 0:
            return self._paired(fig, state)
        if any(c in before[j:] for c in "；;。"):
            return "", ""
        head = _BASE_END.sub("", _NOTE.sub("", before[:j]))  # 台数和产量相比上年（下同）分别
        cut = max(head.rfind(c) for c in ",，;；:：")
        names = self._listed_names(head[cut + 1 :])
        owned = _OWNED_MEASURE.search(head[cut + 1 :])
        if len(names) >= 2 and owned and (
            self.names_measure(owned.group(1)) or owned.group(1).endswith(self.rules.share_words)
        ):
            names = self._listed_names(head[cut + 1 : cut + 1 + owned.start()])  # A和B的比重
            state.item_metrics = [owned.group(1)] * len(names)
        each, measure = self._measure_of_each(head[cut + 1 :], before[j + 2 :])
        if measure:  # 城市公园、“口袋公园”保有量分别达到: the measure of each item
            names, state.item_metrics = each, [measure] * len(each)
        bare = not head[cut + 1 :].strip() or bool(_BASE_ONLY.fullmatch(head[cut + 1 :].strip()))
        if bare:
            names = []  # 比上周分别上涨: a base, no names
        earlier = head[:cut]  # the clause before the one of 分别, read where that one names none
        earlier = earlier[max(earlier.rfind(c) for c in ",，;；:：。") + 1 :]
        if len(names) == 1 and cut > 0 and state.items is None and self.names_measure(names[0]):
            kinds = self._numbered_kinds(earlier)  # 发展A、B、C、D四大主导产业，年产值分别达到…
            if kinds:
                names, state.item_metrics = kinds, [names[0]] * len(kinds)
        if not names and cut > 0 and bare and state.items is None:
            rates = self._listed_names(earlier)  # 新引进项目履约率、开工率、资金到位率，分别达到…
            owner = self._rate_owner(earlier, rates)
            if owner:
                state.item_metrics, names = rates, [owner] * len(rates)
            counted = _COUNTED_LIST.match(earlier)
            if not owner and counted:  # 蔬菜、白条鸡…和鲜猪肉8种生活必需品价格上涨，比上周分别上涨
                names = self._listed_names(counted.group(1))
        at = bisect.bisect_right(state.starts, base + j)  # figures of the sentence before 分别
        if len(names) >= 2:
            state.items = names
            listed = head[cut + 1 :].strip()
            state.list_name = "、".join(names) if _LIST_MARKS.search(listed) else listed
        elif (
            (
                (not names and bare)
                or (len(names) == 1 and names[0] in self.rules.metrics)  # 总数分别达到239家、129家
            )
            and at >= 2
            and state.items is None
        ):
            # 完成财政收入7.8亿元，其中一般预算收入2.7亿元，分别是2005年的2.7和2.4倍: 分别
            # with nothing before it in its clause goes back to the figures before it
            state.items = state.subjects[:at]
        items = state.items or []
        k = len(state.starts) - at
        if len(items) >= 2 and len(items) <= k < 2 * len(items) and self._second_round():
            k -= len(items)  # 分别为2.9万元、2万元，增长8.5%、9.5%: the same list again
        if k >= len(items):
            return "", ""
        metrics = state.item_metrics or []
        return items[k], metrics[k] if k < len(metrics) else ""

    def _numbered_kinds(self, clause: str) -> list[str]:
        """The kinds a clause lists before their number in Chinese (发展汽车及零部件、新能源、索具、
        石油物探装备四大主导产业 → 汽车及零部件, 新能源, 索具, 石油物探装备), as many as that
        number says; [] for any other clause."""
        found = _NUMBERED_KINDS.search(clause)
        if not found:
            return []
        first, *others = found.group(1).split("、")
        words = self.ctx.words(first)
        verb = max(
            (i for i, w in enumerate(words) if self.ctx.word_class(w) in self.rules.verb_classes),
            default=-1,
        )  # 重点|发展|汽车及零部件: the first kind after the verb that leads the list
        names = ["".join(words[verb + 1 :]), *(x.strip() for x in others)]
        if len(names) != _CN_NUMBERS.index(found.group(2)) + 1 or not all(names):
            return []
        return names

    def _measure_of_each(self, listed: str, after: str) -> tuple[list[str], str]:
        """(the names, their measure) of a list of things before 分别 that ends in a measure of
        each item (城市公园、“口袋公园”保有量 → 城市公园, “口袋公园” / 保有量), with a share's
        change written after 分别 (占比分别提升 → 占比提升); ([], "") for any other list.
        ``after``: the text from 分别 to the figure."""
        r = self.rules
        listed = listed.strip()
        measure = ending(listed, r.listed_measures)
        if not measure or not _LIST_MARKS.search(listed):
            return [], ""
        names = self._listed_names(listed[: len(listed) - len(measure)])
        own = (*r.listed_measures, *r.article_measures, *r.share_words)
        if len(names) < 2 or any(n.endswith(own) for n in names[:-1]):
            return [], ""  # (城市公园数量、“口袋公园”保有量: each item names its own measure)
        change = re.split(r"[0-9]", after, maxsplit=1)[0].strip()  # (提升至92.1%和|47%)
        if measure in r.share_nouns and (change in r.directions or change in r.level_changes):
            measure += change
        return names, measure

    def _paired(self, fig: Figure, state: SentenceState) -> Pair:
        """The subject a list of names gives this figure where as many figures follow its verb,
        one per name, without 分别 (粮食播种面积与产量稳定在318万亩、16.5亿斤以上 → 粮食播种面积,
        产量); ("", "") for any other figure."""
        norm = self.ctx.norm
        if norm[fig.end : fig.end + 1] != "、" and not norm.endswith("、", 0, fig.start):
            return "", ""  # no figure of a run of figures (318万亩、16.5亿斤)
        left, right = self.clauses_before()[-1], norm[fig.start : fig.end + 24]
        right = CLAUSE_BREAK.split(right)[0]
        run = _FIGURE_RUN.search(left + right)
        if not run or run.start() > len(left) or run.end() < len(left + right):
            return "", ""
        head = left[: run.start()]
        verb = ending(head, self.rules.linking_verbs)
        listed = head[: len(head) - len(verb)]
        names = self._listed_names(listed.replace("与", "、")) if verb else []
        k = left[run.start() :].count("、")
        if len(names) < 2 or len(names) != run.group().count("、") + 1 or k >= len(names) or (
            any(n in self.rules.place_names for n in names)
        ):  # (济宁、枣庄增速仅为1.2%、1.5%: the places' measure of the subject)
            return "", ""
        state.items, state.list_name = names, listed
        return names[k], ""

    def _verb_after_each(self, left: str) -> str:
        """The verb between 分别 and the figure, where it tells the measure (对美国、东盟分别
        出口55.9万台、35.3万台 → 出口); else ""."""
        i = left.rfind("分别")
        verb = left[i + 2 :].strip().removesuffix("了") if i >= 0 else ""
        if not verb or self.telling(verb):
            return verb
        words = self.ctx.words(verb)  # 分别|非法|敛财: the verb with the words that qualify it
        qualified = len(words) > 1 and all(
            self.ctx.word_class(w) in _QUALIFIERS for w in words[:-1]
        )
        return verb if qualified and self.telling(words[-1]) else ""

    def _second_round(self) -> bool:
        """Whether the figure's clause opens a second list of the same names with a change
        (…分别为2.9万元、2万元，增长8.5%、9.5%)."""
        clause = self.clauses_before()[-1].strip()
        clause = clause.removeprefix("分别")
        return any(clause.startswith(d) for d in self.rules.directions)

    def _rate_owner(self, listed: str, rates: list[str]) -> str:
        """The owner of a list of rates (新引进项目当年合同履约率、开工率、资金到位率 → 新引进项目,
        each rate its metric); "" for any other list."""
        if len(rates) < 2 or not all(n.endswith("率") for n in rates):
            return ""
        first = _LIST_MARKS.split(listed)[0]
        ends = [
            first.find(o) + len(o) for o in (*self.rules.rate_owners, *self.rules.entity_heads)
            if first.find(o) > 0 and first.find(o) + len(o) < len(first) - 1
        ]  # fmt: skip
        if not ends:
            return ""
        words = self.ctx.words(first[: min(ends)])
        while words and (words[0] in self.rules.fillers or words[0] in self.rules.not_subject):
            words = words[1:]  # 力争新引进项目: the goal word is no part of it
        return "".join(words)

    def _listed_names(self, listed: str) -> list[str]:
        """The names of a list before 分别: A、B和C; 一、二、三产业增加值; 城乡居民收入."""
        pieces = [_COUNTED_ITEM.sub("", x.strip()) for x in _LIST_MARKS.split(listed)]
        if len(pieces) >= 2 and pieces[0][:1] == "第":
            pieces[0] = pieces[0][1:]  # 第一、二、三产业增加值
        if len(pieces) >= 2 and all(x in _CN_ORDINALS for x in pieces[:-1]):
            tail = self.tail_phrase(pieces[-1][1:])  # 一、二、三产业增加值: 第一产业增加值 …
            if pieces[-1][:1] in _CN_ORDINALS and tail:
                pieces = ["第" + x + tail for x in [*pieces[:-1], pieces[-1][0]]]
        names = [n for n in (self._listed_name(x) for x in pieces) if n]
        if len(names) == 1 and names[0].startswith("城乡"):  # 城乡居民收入分别增长6%、7%
            rest = names[0][2:]
            names = ["城镇" + rest, "农村" + rest]
        last = names[-1] if len(names) >= 2 and len(names[-1]) > 4 else ""
        if last and len(self.ctx.words(last)[0]) != 3:  # 城镇、农村|常住居民人均可支配收入
            names = [n + last[2:] if len(n) <= 2 else n for n in names]  # (not 壳牌和卡塔尔…)
        return self._shared_measure(names)

    def _listed_name(self, piece: str) -> str:
        """The name a piece of a list gives: its last noun phrase, or the whole piece where a
        verb inside a rate's name cut that phrase to one character (美丽海湾建成|率)."""
        name = self.tail_phrase(piece)
        if len(name) == 1 and len(piece) > 3 and piece.endswith("率") and (
            self.nominal(piece) and not re.search(r"[0-9，,。；;：:]", piece)
        ):
            return piece
        return name

    def _shared_measure(self, names: list[str]) -> list[str]:
        """In a work report or bulletin, the statistical measure that ends the last name of a
        list given to each name before it (甘蔗、蔬菜、水果产量分别达到 → 甘蔗产量, 蔬菜产量)."""
        if len(names) < 2 or not self.ctx.statistical:
            return names
        measure = ending(names[-1], self.rules.statistical_measures)
        if not measure or len(names[-1]) == len(measure) or any(
            n.endswith(self.rules.measure_ends) for n in names[:-1]
        ):
            return names
        return [n + measure for n in names[:-1]] + names[-1:]

    def _measure_after(self, pair: Pair, left: str, right: str, fallback: str) -> Pair:
        """(subject, metric) of a figure whose measure is named after it and 的 (工业固定资产投资
        13.2%的增速 → 增速; 越野车25万的标准 → 越野车 / 标准); ``pair`` where it has a metric
        or none is named after."""
        compared = pair[1].startswith(("高于", "低于"))  # (低于去年同期27.7%的增速)
        held = bool(pair[1]) and not compared  # a metric of its own
        after = "" if held else self.measure_after(right)
        listed = _LISTED_PERCENT.match(right) if not (held or after) else None
        if listed:  # 低于工业新建投资22.5%和工业固定资产投资13.2%的增速: the list's measure
            after = self.measure_after(right[listed.end() :])
        if not after:
            return pair  # (低于去年同期27.7%和…19.1%的增速: the base's own rate, not the gap)
        subject = pair[0]
        if subject == after:  # (the measure read as what the figure counts)
            last = self.ctx.words(left)[-1:]
            named = bool(last) and self.ctx.word_class(last[0]).startswith("n")
            subject = self.tail_phrase(left) if named else ""
        return subject or fallback, after

    def _since(self, sent: Sentence, at: int, end: int) -> str:
        norm = self.ctx.norm
        return "".join(norm[max(s, at) : min(e, end)] for s, e in sent.pieces if e > at)

    def _moved_to(self, change: str) -> bool:
        """Whether ``change`` is a verb of change and 到/至 (压减到, 扩大到, 提升为 not)."""
        return len(change) in (3, 4) and change[-1] in "到至" and (
            self.ctx.word_class(change[:-1]) == "v"
        )

    def _continues(self, left: str) -> bool:
        rest = left.strip()
        while rest:
            word = opening(rest, self.rules.continuers)
            if not word:
                return False
            rest = rest[len(word) :].strip()
        return True

    def _subject_metric(
        self, fig: Figure, paragraph: ParagraphState, left: str, right: str, carried: str
    ) -> Pair:
        """(subject, metric) of a figure from its clause; ``carried``: the subject to fall back
        on (the one named earlier in the sentence, else in the paragraph)."""
        stripped = self.without_modals(left.rstrip().rstrip("的"))
        stripped = _without_start(stripped, percent=fig.kind is Kind.PERCENT)
        if fig.kind is not Kind.PERCENT:
            changed = self.changed(stripped, carried, fig.kind is Kind.COUNT)
            if changed:
                return changed
        stripped = self._without_verb(stripped)
        if stripped.endswith("分别") and len(stripped) > 2:
            stripped = stripped[:-2]  # 总数分别达到239家、129家
        elif stripped.endswith(("均", "都")) and stripped[1:] and (
            not stripped.endswith(self.rules.per_measures)
        ):
            stripped = stripped[:-1]  # 用电量占比均超过30% (not 人均, 平均)
        built = _BUILT.search(stripped) if fig.kind is not Kind.PERCENT else None
        if built and self.nominal(stripped[built.end() :]):
            return self.tail_phrase(stripped[built.end() :]), built.group()  # 新（改扩）建|学校
        compared = (
            self._ratio_to_base(fig, left, stripped, carried)
            or self.compared_with(stripped, carried) or self.per_head(fig, stripped, carried)
        )  # fmt: skip
        if compared:
            return compared  # 铸铁管的价格要比全塑料水管高10%到50%, …的支出人均为173.62元
        if fig.kind is Kind.PERCENT:
            existential = self.ctx.words(left.strip())[-1:] == ["有"]  # (not 拥有30%的股份)
            if right and (_SCOPE_ONLY.fullmatch(stripped.strip()) or existential):
                share = self.share_of(right)
                if share[0]:
                    return share  # 99%涉农村居达到…标准: the share of a group that does something
            subject, metric = self.percent(fig, paragraph, stripped, carried)
            change = ending(left.rstrip("的"), self.rules.level_changes)
            if change and metric.endswith(self.rules.share_nouns) and stripped.endswith(metric):
                metric += change  # 绿色优质农产品占比提高到71%: the share's new level
            return subject, metric
        measured = self.measured(fig, paragraph, stripped, right, carried)
        if measured:
            return measured
        if fig.kind is Kind.MONEY:
            taken = self.object_after(self.ctx.words(stripped), right)
            if taken[0]:
                return taken  # 签下超过50亿美元大单 → 大单 / 签下
        return self.counted(fig, left, stripped, right, carried)

    def _without_verb(self, stripped: str) -> str:
        """The clause before a figure without the linking verb that ends it (价格|则|在), and in
        an article without 实现/完成 after a measure (凤林刺绣厂年收入|实现|300万元)."""
        verbs = self.rules.linking_verbs
        if stripped.endswith("了") and stripped[:-1].endswith(verbs):
            stripped = stripped[:-1]  # 贫困发生率降到了0.06%
        verb = next(
            (v for v in verbs if stripped.endswith(v) and len(stripped) > len(v)
             and not self._ends_verb(stripped, v)), ""
        ) if stripped.endswith(verbs) else ""  # fmt: skip
        if verb:
            stripped = self.without_modals(stripped[: -len(verb)])
        done = ending(stripped, ("实现", "完成")) if not self.ctx.statistical else ""
        held = stripped[: -len(done)] if done else ""
        measure = ending(held, self.rules.entity_measures)
        if measure and self.ctx.is_word(held, len(held) - len(measure), measure):
            return held  # a level reached (a report's 产值完成… keeps its indicator)
        return stripped

    def _ends_verb(self, stripped: str, verb: str) -> bool:
        """Whether the linking verb 达 that ends ``stripped`` is the end of another verb (省下达,
        抵达), which is no linking verb to cut off. (Other one-character verbs end too many
        two-character words of jieba's that are none: 调整优化|为, 共|有.)"""
        if verb != "达":
            return False
        word = stripped[-2:]
        return word not in self.rules.linking_verbs and self.ctx.word_class(word) == "v"

    def _carried_verb(self, fig: Figure, sentence: SentenceState, left: str) -> str:
        """The verb that measured the figure before (of the same kind, in the sentence) where it
        measures this one too, its clause being only a noun phrase (…新增人民币存贷款1500亿元，
        其中制造业贷款260亿元; 建成省市级农业园区6个，太行山驿站3家); else ""."""
        last = sentence.last
        if not last or not last[2] or sentence.last_kind != fig.kind.value:
            return ""
        verb = last[2]
        part = left.strip().startswith("其中") and verb in self.rules.count_metric_verbs
        if not part and (self.ctx.word_class(verb) != "v" or not (
            verb in self.rules.count_metric_verbs or self.telling(verb)
        )):  # fmt: skip
            return ""  # (a part named after 其中 takes a verb of the table whatever its tag: 落地)
        item = left.strip().removeprefix("其中").strip("，,、 ")
        item = _CLASS_LABEL.sub("", item)  # 其中50-100亿元项目7个: the class is part of the name
        words = self.ctx.words(item)
        if not words or item.endswith(self.rules.measure_ends):
            return ""  # 粮食产量突破81.5亿斤: a named indicator's level
        kinds = words[:-1] if len(words) > 1 and words[-1] in self.rules.thing_measures else words
        bare = self.ctx.word_class(words[0]) not in self.rules.verb_classes and all(
            self.ctx.word_class(w) not in ("v", "p", "d", "c") and w not in self.rules.breakers
            and not self.is_measure(w) and not re.search(r"[0-9，,。；;：:]", w)
            for w in kinds
        )  # fmt: skip  (省内资金: a kind of the funds before, 资金 alone: their measure)
        return verb if bare else ""

    def _carried_measure(
        self, fig: Figure, sentence: SentenceState, left: str, subject: str
    ) -> str:
        """The metric of the figure before where this one restates it in brackets (开工500万平方米
        (约8万套)); in a news article, the measure noun of the figure before (of the same kind
        and subject, in the sentence) where this figure's clause names nothing (需求量约为210亿
        美元，明年将达到320亿美元); else ""."""
        last = sentence.last
        if last and last[2] and _RESTATED.fullmatch(self.ctx.norm[last[0] : fig.start]):
            return last[2]  # 开工500万平方米(约8万套): the same amount in other units
        if not last or not last[2] or last[1] != subject or sentence.last_kind != fig.kind.value:
            return ""
        measure = last[2]  # (财政收入突破千万元大关，实现1782万元: an indicator's name too)
        if self.ctx.statistical or not self.names_measure(measure) or (
            measure in self.rules.directions
        ):
            return ""
        clause = self._without_verb(self.without_modals(left.strip()))
        words = self.ctx.words(clause)
        return last[2] if all(self.ctx.word_class(w) in ("t", "d", "v", "p") for w in words) else ""

    def _adjacent_metric(self, fig: Figure, sentence: SentenceState, subject: str) -> str:
        """The metric of the figure right before, nothing between them, of the same subject: one
        action measured in two units (推广洁净煤6.3万户8.3万吨 → 推广 for both); else ""."""
        last = sentence.last
        if not last or last[0] != fig.start or last[1] != subject:
            return ""
        return last[2]

    def _carried_share(self, fig: Figure, sentence: SentenceState, left: str) -> str:
        """The share of the percent before in the sentence where this percent's clause names
        only a part of the same group and a linking verb (研发投入占总销售额的9.65%，部分企业超过
        10%，最高的公司高达近20% → 研发投入占总销售额); else ""."""
        last = sentence.last
        if (
            fig.kind is not Kind.PERCENT or not last or not _SHARE_OF.search(last[2])
            or sentence.last_kind != Kind.PERCENT.value
        ):  # fmt: skip
            return ""
        base = _SHARE_OF.split(last[2], 1)[1]
        if len(base) < 2 or base in self.rules.share_base_openers:
            return ""  # (产值占, 占我们: no base named)
        clause = self.without_modals(left.strip())
        verb = ending(clause, self.rules.linking_verbs)
        noun = self.without_modals(clause[: len(clause) - len(verb)])  # (超过 in 超过10%)
        words = self.ctx.words(noun)
        if not words or _SHARE_WORDS.search(noun) or any(
            self.is_measure(w) or w.endswith(("率", "比")) for w in words
        ):
            return ""  # (增速超过10%, 占比为30%: a measure of its own)
        return last[2]  # (劣V类河涌占比下降…，国考断面水质100%达标: no base carried)

    def _repaired(self, fig: Figure, pair: Pair, clause: Pair, fallback: str) -> Pair:
        """The pair with a grade of a price list given its goods and a verb acting on the figure
        made the metric."""
        (subject, metric), (left, right) = pair, clause
        item = left.strip()
        item = item[: -len(verb)] if (verb := ending(item, self.rules.linking_verbs)) else item
        graded = _GRADE_END.search(item) if fig.kind is Kind.MONEY else None  # (报价为: 为 off)
        if graded:  # 四级28700元/吨, 3级大包棉28500元/吨 in a price list
            subject, metric = self.graded(graded.group(1), graded.group(2), metric)
        town = _TOWN_MEASURE.fullmatch(subject or "")
        if town and not metric and self.names_measure(town.group(2)):
            subject, metric = town.group(1), town.group(2)  # 新兴乡财政收入: the town's measure
        if subject and self._acting_verb(subject, left, right):
            metric = metric or subject  # 可安置9371户, 压减到1053座: the verb is the measure
            subject = self.opening_name(left, subject) or (
                (fallback if fallback != subject else "") or self.clause_subject()
            )  # 冉庄镇通过…实现增收228.9万元: the name opening the clause
        if subject and not metric and fig.kind is not Kind.COUNT:
            change = ending(left.rstrip().removesuffix("了"), self.rules.level_changes)
            metric = change  # 森林覆盖率提高到44.8%: the change to the level
        return subject, metric

    def _acting_verb(self, subject: str, left: str, right: str) -> bool:
        """Whether ``subject`` is only a verb acting on the figure right after it (可安置|9371户,
        涉及|总投资, 压减到|1053座), not a verb used as a noun after another verb (带动就业) or
        before the measure that follows the figure (封装|12亿|总产值)."""
        r = self.rules
        verb = subject.removesuffix("了")
        if self.ctx.word_class(verb) != "v" or verb in r.terms or self.ctx.words(verb) != [verb]:
            return False
        head = self.without_modals(left.rstrip()).rstrip("了到至")
        if not head.endswith(verb):
            return False
        ahead = self.ctx.words(right[:8])
        if ahead and (self.is_measure(ahead[0]) or self.is_measure("".join(ahead[:2]))):
            return False
        before = self.ctx.words(head[max(0, len(head) - len(verb) - 8) : len(head) - len(verb)])
        return not before or not (
            self.telling(before[-1]) or before[-1] in self.rules.totalling
            or before[-1] in r.determiners or before[-1].startswith(("各", "多"))
        )  # 带动就业, 累计减税, 受理各类诉求: a verb used as a noun, of another verb or a kind

    def _shared(self, left: str, subject: str) -> str:
        """All the names of a list that one figure belongs to (游客人数、旅游收入均增长10%以上 →
        游客人数、旅游收入), not only the last."""
        i = left.rfind(subject)
        if i <= 0 or not left.startswith(_SHARED, i + len(subject)):
            return subject
        start = i
        while start > 0 and left[start - 1] in JOINERS:
            prev = self.tail_phrase(left[: start - 1])
            if not prev or not left.endswith(prev, 0, start - 1):
                break
            start -= 1 + len(prev)
        return left[start : i + len(subject)]

    def _topic_clause(self, metric: str) -> Pair:
        """(subject, metric) from the noun phrase (X的Y) that is the whole clause before the
        figure's clause, the topic the figure's clause speaks of (学府路附近的房价，每平方米已经
        达到5000元左右; 浙江安吉白茶的份额，才2%―3% → 浙江安吉白茶 / 份额); ("", metric) else."""
        clauses = self.clauses_before()
        if len(clauses) < 2 or any(c.isdigit() for c in clauses[-2]):
            return "", metric
        wc = self.ctx.word_class
        words = self.ctx.words(_NOTE.sub("", clauses[-2]).strip())  # 浙江安吉白茶(一种绿茶)的份额
        while words and wc(words[0]) in _FUNCTION_CLASSES:
            words = words[1:]  # 而, 但, 之前
        k = len(words) - len(self.tail_words(words))  # where the name ends the clause
        if k >= 2 and words[k - 1] == "的":
            k -= 1 + len(self.tail_words(words[: k - 1]))  # 学府路附近|的|房价
        if (
            1 <= k < len(words) and wc(words[0]) == "v"
            and clauses[-1].lstrip().startswith(("从", "由"))
            and not any(wc(w)[:1] in ("p", "c", "d", "r", "m", "u") for w in words[1:k])
        ):  # fmt: skip  # 调高…最高支付限额，从原来的7万元提高到28万元: what the verb changed
            return "".join(words[1:]), metric
        if k == len(words) or (k and words[k - 1] != "的"):
            return "", metric  # (a relative clause before the name is not in it: 之前公司销售的)
        named = words[k:]
        name = "".join(named)
        if (
            "的" not in named or not wc(named[-1]).startswith(("n", "j"))
            or any(wc(w) in ("v", "vd") for w in named) or wc(named[0]) == "a"
            or name.endswith(_LOCATIVE_ENDS)
        ):  # fmt: skip
            return "", metric  # 陶笃纯说, 健全…机构, 初步核算, 该局机关的五台车内: no X的Y topic
        owner, _, measure = name.rpartition("的")
        if not metric and self.names_measure(measure):
            return owner, measure  # 浙江安吉白茶的份额: the measure of the name before 的
        return name, metric

    def _of_list(self, left: str, sentence: SentenceState, pair: Pair, listed: Pair) -> Pair:
        """(subject, metric) of a figure given for an item of a list (``listed``: the item a
        分别 list gives it, and its metric) or for all of a list (均, 都)."""
        subject, metric = pair
        if listed[0]:  # A、B分别完成x、y: x is A's, y is B's
            if metric in (sentence.items or ()):
                metric = ""  # 工业增加值和税收分别达到…: the last item's name is no measure
            metric = listed[1] or metric or self._verb_after_each(left)
            metric = self._item_rate(listed[0], metric)
            return _without_end(listed[0], metric), metric  # 485个市级重大项目投资完成率分别达…
        if sentence.list_name and left.lstrip().startswith(_SHARED[:2]):
            return sentence.list_name, metric  # 城乡居民人均可支配收入分别完成x元、y元，均增长8.5%
        owner, rates = self._shared_rates(left)
        if owner:
            return owner, rates  # 城乡居民养老保险参保率、代缴率、发放率均为100%
        return (self._shared(left, subject) if subject else subject), metric

    def _item_rate(self, item: str, metric: str) -> str:
        """The metric of a 分别 list's item that names a rate of its own: the rate for a rate of
        an action on a thing handled (市民服务热线诉求解决率 → 解决率), else none (农村卫生厕所
        普及率), never the rate of another item (普及率、…、生活污水治理率分别提高到)."""
        if not item.endswith("率") or (metric and item.endswith(metric)):
            return metric
        if metric and not metric.endswith("率"):
            return metric
        if item.endswith((*self.rules.state_rates, *self.rules.indicator_rates)):
            return ""
        words = self.ctx.words(item)
        rate = words[-1] if len(words[-1]) > 1 else "".join(words[-2:])
        owner = item[: len(item) - len(rate)]
        return rate if len(rate) >= 2 and owner.endswith(tuple(self.rules.rate_owners)) else ""

    def _shared_rates(self, left: str) -> Pair:
        """(owner, the rates) of a list of one owner's rates that one figure is given for
        (城乡居民养老保险参保率、代缴率、发放率均为 → 城乡居民养老保险 / 参保率、代缴率、发放率);
        else ("", "")."""
        found = _SHARED_RATES.search(left)
        if not found:
            return "", ""
        listed = found.group(1)
        rates = self._listed_names(listed)
        owner = self._rate_owner(listed, rates)
        if not owner and len(rates) >= 2:
            first, *others = _LIST_MARKS.split(listed)
            words = self.ctx.words(first)
            if len(words) > 1 and words[-1] == "率":
                words = [*words[:-2], words[-2] + "率"]  # 参保|率
            if len(words) >= 2 and all(len(rate) <= _RATE_WORD for rate in others):
                owner = "".join(words[:-1])  # 城乡居民养老保险|参保率、代缴率… (not 隐患管控率)
                noun = self.ctx.word_class(words[-2]).startswith("n") or words[-2][-1:] in "”」"
                owner = owner if noun else ""  # (not 集中|供热率, 按时|签收率)
        if not owner or not listed.startswith(owner):
            return "", ""
        return owner, listed[len(owner) :]

    def _restore_ahead(self, level: str, right: str) -> str:
        """A count of a level alone, followed by a count of another level and the noun, gets that
        noun (2家国家级、20家自治区级创新创业平台 → 国家级创新创业平台); ``level`` else."""
        after = _COUNT_AFTER.match(right, len(level)) if right.startswith(level) else None
        if not after:
            return level
        rest = right[after.end() :]
        other = next((lv for lv in self.rules.levels if rest.startswith(lv)), "")
        noun = self.head_phrase(rest) if other else ""
        return level + noun[len(other) :] if len(noun) > len(other) + 1 else level

    def _restore_elided(self, subject: str, previous: str) -> str:
        """A list item that names only another level restores the noun of the item before it:
        新增国家级专精特新“小巨人”企业2家、省级8家 → 省级专精特新“小巨人”企业."""
        levels = self.rules.levels
        if subject not in levels:
            return subject
        level = next((lv for lv in levels if previous.startswith(lv)), "")
        return subject + previous[len(level) :] if len(previous) > len(level) else subject
