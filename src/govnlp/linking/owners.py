"""Who or what owns a measure: the name opening a sentence or clause, the owner before 的, and
the name a back-reference (该项目, 该公司, 公司) stands for."""

from __future__ import annotations

import re

from govnlp.linking.phrases import DIGIT, DIGIT_MARK_OR_QUOTE, PHASE, Pair, Phrases, ending
from govnlp.linking.state import REACH, Context, SentenceState
from govnlp.records import Figure, Kind

_OPENING_QUOTES = "“‘「『\"' \u3000"  # a quoted speech opens: its first name is still the topic
_DEMONSTRATIVES = "该此这本"  # 该项目, 此工程: a thing named before
_FIRMS = frozenset(("公司", "企业", "集团"))  # 该公司, 该企业: the company named before
# before a name, marks of one that owns no later measure: who does it (由X投资建设) or the
# class of the topic (…是河北省重点项目)
_NOT_OWNER_MARKS = frozenset(("由", "经", "被", "受", "是"))
_LOCATIVES = ("内", "上", "中", "下", "里", "外", "间")  # 范围内, 市场上: a scope, not an owner
_RATE_ENDS = ("率", "份额", "比重", "比例", "集中度")  # measures of a share or rate
_FLOWS = frozenset(("出口", "进口", "出栏", "销售", "外销"))  # 砂轮机|出口|182.8万台: a count done
_NAMES = frozenset(("nz", "nt", "nr", "nrt"))  # names of companies, bodies, people
_SAYS = ("说", "表示", "介绍", "指出", "透露", "称", "认为", "告诉记者", "坦言")  # a speaker
_SOURCES = ("据", "根据", "依据", "按照")  # a clause opening with these names a source or a basis
_SOURCE_WORDS = ("记者", "了解到", "获悉", "介绍", "表示", "透露")  # a clause that tells a source
FIRM = "公司"  # owning a measure alone (公司上半年实现营业总收入): the company named before
_LEADING_CLASSES = frozenset(("t", "c", "d", "m"))  # time words, connectives, adverbs (opening)
_CLAUSE_ENDS = "，,。；;！!？?\n："
_NAME_BRACKETS = {"]": "[", "」": "「", "”": "“", "》": "《"}  # a name written whole between them
# a word that makes one name with the head after it (园区|项目, 一期|项目; 86个|项目: counted)
_JOINED = ("n", "m", "q", "b", "j")
# a bracket opened right after a figure (4.30元/斤(衣分): its clause is a note on that figure
_NOTE_AFTER_FIGURE = re.compile(r"[0-9][^0-9，,。；;()（）]{0,4}[(（]([^()（）]+)$")
_BY_WAY = ("经",)  # 经专家评审…确认: a clause telling how, naming no topic
_HOLDING = ("拥有", "共有", "具有")  # X拥有…产能: X holds the measure after the figure
_PAIR_JOINER = re.compile("[与和同]")  # A与B, A和B: two names given as a pair
_TIME_ONLY_LONGEST = 12  # the longest clause read as a time alone (2010年12月31日, 今年上半年)
_ANTECEDENT_REACH = 1500  # how far back a back-reference looks for its name
_PROPER_NOUNS = frozenset(("n", "nz", "nt", "nr", "nrt"))
_NOUNS = frozenset(("n", "nz", "nt", "nr", "nrt", "ns", "vn", "ng", "b", "k", ""))  # k: 型, 式
_SCOPE_AT = re.compile(
    r"(?:在[^在，,。；;、]{1,10}|按[^按，,。；;、]{1,10}(?:计算|统计))的$"
)  # 在中国的, 在山东地区的, 按销售额计算的: where or how a measure is had


def without_scope(before: str) -> str:
    """``before`` (the words before a measure) without a place it is said of (博西滚筒洗衣机在中国的
    → 博西滚筒洗衣机): what owns the measure comes before 在."""
    m = _SCOPE_AT.search(before)
    return before[: m.start()] if m and m.start() > 0 else before


class Owners(Phrases):
    """Finds the owner of a measure and the name a back-reference or a topic stands for."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self._topics: dict[tuple[str, ...], str] = {}  # the topic by a sentence's opening clauses

    def antecedent(
        self, subject: str, at: int, *, measured: bool = False, carried: str = ""
    ) -> str:
        """The name a back-reference stands for (该项目, 此工程): the nearest earlier name with
        the same head (…雨润农产品全球采购中心项目…。该项目… → that project); in a news article,
        where it owns a measure (``measured``), also the bare head (项目投资50个亿元, 整个项目投资,
        合资公司注册资本), else the thing ``carried`` from before; the names given as a pair for
        后者, 双方."""
        if subject in self.rules.pair_references:
            return self._pair_named(self.rules.pair_references[subject], at) or subject
        if subject[:1] in _DEMONSTRATIVES and subject[1:] in _FIRMS:
            return self.firm_named(subject, at)  # 该公司: the company named before
        named = self._bare_referent(subject, at, carried) if measured else ""
        if named:
            return named
        if subject[:1] not in _DEMONSTRATIVES:
            return subject
        head = next(
            (h for h in self.rules.entity_heads if subject.startswith(h, 1)), ""
        )  # 该项目, 该项目及其关联配套项目: the head right after the demonstrative
        if not head:
            return subject
        return self._named_before(head, at, longer_by=1) or subject

    def _bare_referent(self, subject: str, at: int, carried: str) -> str:
        """In a news article, the thing a bare head (项目, 工程) or one after 整个/合资 (整个项目,
        合资公司) stands for: the nearest earlier name with that head, else the thing ``carried``;
        "" where ``subject`` is no such word."""
        if self.ctx.statistical:
            return ""
        bare = next(
            (subject[len(m) :] for m in self.rules.whole_marks if subject.startswith(m)), subject
        )  # 整个|项目, 合资|公司
        firm = bare == FIRM
        whole = bare != subject and self.is_entity(bare)  # 整个园区
        if not (firm or whole or bare in self.rules.bare_references):
            return ""
        at = max(0, self.ctx.norm.rfind(subject, 0, at))  # before the back-reference itself
        ahead = self.ctx.words(self.ctx.norm[max(0, at - 8) : at])[-1:]
        if ahead and (PHASE.fullmatch(ahead[0]) or self.ctx.word_class(ahead[0])[:1] in _JOINED):
            return ""  # 一期项目, 园区项目: the name is longer than the word
        if firm:
            named = self.firm_named(bare, at)
            return named if named != bare else ""
        builder = carried.endswith(tuple(_FIRMS))  # (北京建龙重工集团: who builds it)
        thing = carried if self.is_entity(carried) and not builder else ""
        return self._named_before(bare, at, longer_by=1) or thing

    def _pair_named(self, which: str, at: int) -> str:
        """The later (``which`` "latter"), the former ("former") or both ("both") of the two
        names joined by 与/和/同 last before ``at`` in its sentence or the one before (中国石化与
        连云港港口集团合资建设经营，…，后者 → 连云港港口集团); "" where none."""
        norm = self.ctx.norm
        lo = max(0, at - REACH, norm.rfind("。", 0, max(0, self.sentence_start - 1)) + 1)
        text = norm[lo:at]
        for m in reversed(list(_PAIR_JOINER.finditer(text))):
            former = self.tail_phrase(text[: m.start()])
            latter = self.opening_name(text[m.end() :], "")
            if len(former) < 2 or len(latter) < 2 or not all(
                self._proper(n) for n in (former, latter)
            ):
                continue
            return {"latter": latter, "former": former}.get(which, former + m.group() + latter)
        return ""

    def _proper(self, name: str) -> bool:
        """Whether ``name`` names a company, body or person (a proper noun or a firm's name)."""
        return (
            self.ctx.word_class(name) in _PROPER_NOUNS or not self.ctx.word_class(name)
            or name.endswith(tuple(_FIRMS))
        ) and name not in self.rules.place_names and not self.is_measure(name)

    def _named_before(self, head: str, at: int, *, longer_by: int, lead: str = "") -> str:
        """The nearest name before ``at`` that ends in ``head`` and is at least ``longer_by``
        characters longer, ``lead`` characters stripped from its start; "" where none."""
        norm = self.ctx.norm
        lo = max(0, at - _ANTECEDENT_REACH)
        i = norm.rfind(head, lo, at)
        while i > lo:
            start = max(norm.rfind(c, lo, i) for c in _CLAUSE_ENDS) + 1
            end = i + len(head)
            opened = norm.rfind(_NAME_BRACKETS.get(norm[end : end + 1], "\n"), start, i)
            name = (
                norm[opened + 1 : end] if opened >= 0  # 设立合资公司[TCL宏齐科技(惠州)有限公司]
                else self.tail_phrase(norm[start:end]).lstrip(lead)
            )  # fmt: skip
            if norm[end - len(name) - 1 : end - len(name)].isdigit():
                name = "".join(self.ctx.words(name)[1:])  # 3200|万吨级|炼油一体化项目: a size
            first = self.ctx.words(name)[0] if name else ""
            if self.ctx.word_class(first) in self.rules.verb_classes:
                name = ""  # 通往|工厂: no name
            said = self._said_to_be(norm[start:end])
            if said:
                return said  # 华新水泥是较早盯上云南水泥企业的全国性公司，至今该公司…
            if (
                len(name) >= len(head) + longer_by and name[:1] not in _DEMONSTRATIVES
                and not name.startswith(self.rules.whole_marks)
            ):  # fmt: skip
                return name
            i = norm.rfind(head, lo, i)
        return ""

    def _said_to_be(self, clause: str) -> str:
        """The name opening ``clause`` where the clause says it is the thing at its end (华新水泥
        是较早盯上云南水泥企业的全国性公司 → 华新水泥); "" else."""
        verb = clause.find("是")
        if verb < 2 or "的" not in clause[verb:]:
            return ""
        words = self.ctx.words(clause[:verb])
        while words and self.ctx.word_class(words[0]) in _LEADING_CLASSES:
            words = words[1:]  # 而|华新水泥
        name = "".join(words)
        if name[:1] in _DEMONSTRATIVES or len(name) < 2 or not self.nominal(name):
            return ""  # 该项目是…的重点项目: a back-reference itself
        return name if self._proper(name) else ""

    def owned(
        self, fig: Figure, pair: Pair, left: str, sentence: SentenceState, fallback: str
    ) -> Pair:
        """The pair with a subject that names no thing replaced by the one carried, and a
        measure alone given to what owns it; ``left``: the clause before the figure."""
        subject, metric = pair = self._trimmed(pair[0]), pair[1]
        stock = self._stock(subject, metric, sentence.last)
        if stock:
            return stock  # 羊出栏12.94万头 → 羊 / 出栏, 增长2.4% → 羊 / 出栏增长
        if subject and (
            not self.nominal(subject)
            or (len(subject) == 1 and subject not in self.rules.one_char_nouns)
        ):
            return fallback or self.clause_subject(), metric  # 一辆, 估计, 总: no name
        if subject and not metric:
            done = self._trailing_verb(subject, left, fig.kind in (Kind.COUNT, Kind.QUANTITY))
            if done[1]:
                return done  # 砂轮机出口182.8万台, 华润水泥斥资近13亿元
        note = _NOTE_AFTER_FIGURE.search(left)
        if note and note.group(1) == subject and self.is_measure(subject) and sentence.named:
            return sentence.named, subject  # 4级籽棉收购价格在4.30元/斤(衣分36%: its measure
        if (
            subject and not metric and subject != fallback and self._measure_phrase(subject)
            and not left.rstrip().endswith(subject + "的")  # 是去年总销量的50%: a base
        ):  # fmt: skip
            owner = self._holder(left) or self._clause_owner(left, subject, fig.start) or (
                sentence.named or self.named_clause()
            )  # 两家大理水泥企业拥有约300万吨熟料产能, …的企业集团，产业集中度达到80%以上
            if owner and (self._proper(owner) or self.is_entity(owner)):
                return owner, subject
        changed = fig.kind is Kind.PERCENT and metric in self.rules.directions
        if (
            subject and (fig.kind is not Kind.PERCENT or changed)
            and subject != fallback and self.is_measure(subject)
            and not (metric and subject in self.rules.bare_measures)  # 节约资金: an object
        ):  # fmt: skip
            owner = self._clause_owner(left, subject, fig.start) or sentence.named
            if changed and owner:  # 博西的销售额同比增长了26%: the change of the owner's measure
                return self._measure_of(owner, subject, "")[0], subject + metric
            if changed:
                return pair
            owner = owner or self.clause_subject() or fallback  # …，跌幅700元
            if owner:  # (销售量达1200吨 alone: the measure is all that is named)
                return self._measure_of(owner, subject, metric)
            return pair
        return self._rate_owned(fig, pair, left, fallback)

    def _measure_phrase(self, subject: str) -> bool:
        """In a news article, whether ``subject`` is a measure with words of its kind before it
        and no name of a thing (熟料产能, 产业集中度, 财政收入), not an indicator's name."""
        r = self.rules
        if self.ctx.statistical:
            return False
        words = self.ctx.words(subject)
        if len(words) < 2 or not (words[-1] in r.entity_measures or words[-1] in r.topic_measures):
            return False
        kind = words[:-1]
        return not (
            self.indicator_name(subject) or self.is_entity("".join(kind))
            or any(self.ctx.word_class(w) in _NAMES or w in r.place_names for w in kind)
            or any(self.ctx.word_class(w) in r.verb_classes for w in kind)
        )  # fmt: skip

    def _holder(self, left: str) -> str:
        """The name before 拥有/共有 that ends the clause before a figure (两家大理水泥企业拥有约
        300万吨熟料产能 → 两家大理水泥企业); "" else."""
        verb = next((v for v in _HOLDING if left.rstrip().endswith(v)), "")
        return self.tail_phrase(left.rstrip()[: -len(verb)]) if verb else ""

    def _trimmed(self, subject: str) -> str:
        """``subject`` without a particle before it (了景观街) or the locative 中 after it (中标
        产品中|约40%的产品, 12个盟市中|有8个)."""
        subject = subject.lstrip("了着")
        if subject.startswith(_SOURCES):
            return ""  # 据锦辉控股集团: a source
        words = self.ctx.words(subject) if subject.endswith(("中", "之中")) else []
        if len(words) > 1 and words[-1] in ("中", "之中") and self.nominal("".join(words[:-1])):
            subject = "".join(words[:-1])
        return subject

    def _stock(
        self, subject: str, metric: str, last: tuple[int, str, str] | None
    ) -> Pair | None:
        """(the animal, the livestock verb and the change) of a subject that ends in a verb of
        livestock sold or held (生猪出栏, 羊存栏) and a metric that is none or a change, or of a
        change of the animal's count just before (生猪出栏42.7万头，比上年减少0.9%); else None."""
        r = self.rules
        if last and last[1] == subject and last[2] in r.stock_verbs and metric in r.directions:
            return subject, last[2] + metric
        verb = ending(subject, r.stock_verbs)
        if not verb or len(subject) == len(verb) or (metric and metric not in r.directions):
            return None
        animal = subject[: -len(verb)]
        return (animal, verb + metric) if self.nominal(animal) else None

    def _trailing_verb(self, subject: str, left: str, counted: bool) -> Pair:
        """(the doer, the verb) of a subject that ends in a verb done right before the figure
        (华润水泥|斥资|近13亿元, 中国石油天然气集团公司|持股|51%; a verb used as a noun too before
        a count: 砂轮机|出口|182.8万台, not 纺织品出口1.42亿美元); else (subject, "")."""
        r = self.rules
        words = self.ctx.words(subject)
        if len(words) < 2 or len(words[-1]) != 2 or not left.rstrip().removesuffix("了").endswith(
            words[-1]
        ):
            return subject, ""
        verb, front = words[-1], words[:-1]
        while front and (
            front[-1] in r.totalling or self.ctx.word_class(front[-1]) in ("t", "d")
            or front[-1] in r.modals or front[-1] in r.announcing_verbs
        ):  # fmt: skip
            front = front[:-1]  # 人均可支配收入|年均|递增, 运输船舶|更是|锐减, 华润水泥|宣布
        doer = "".join(front)
        if (
            not (self.ctx.word_class(verb) == "v" or (counted and verb in _FLOWS))
            or not self.telling(verb)
            or self.is_measure(verb) or doer in r.scopes or doer in r.place_names
            or verb in r.spending or verb in r.nominal_verbs or len(doer) < 2
            or not self.nominal(doer)
            or self.ctx.word_class(front[-1]) in r.verb_classes
            or (len(front) == 1 and self.ctx.word_class(front[0]) in ("d", "ad", "a"))
        ):  # fmt: skip  (主动|避险: no doer)
            return subject, ""
        return doer, verb

    def _rate_owned(self, fig: Figure, pair: Pair, left: str, fallback: str) -> Pair:
        """The pair with a rate given to the name before 的 that owns it (欧文莱的适用税率为
        32.3% → 欧文莱 / 适用税率)."""
        subject, metric = pair
        rate = subject if not metric else metric if subject in ("", fallback) else ""
        owner = self._possessor(left, rate, fig.start) if rate.endswith(_RATE_ENDS) else ""
        return (owner, rate) if owner else pair

    def _possessor(self, left: str, measure: str, at: int) -> str:
        """The name before 的 right before ``measure`` in ``left``, where it owns it; else ""."""
        i = left.rfind(measure)
        if not left[:i].endswith("的"):
            return ""
        owner = self._clause_owner(left, measure, at)
        before = left[: i - 1].removesuffix(owner)[-6:]
        if owner.endswith(_LOCATIVES) or any(m in before for m in (*self.rules.base_marks, "占")):
            return ""  # 政策范围内的支付比例, 研发经费支出相当于生产总值的比例: no owner
        return owner

    def _clause_owner(self, left: str, measure: str, at: int) -> str:
        """Who or what has ``measure`` in the clause before a figure: the name before 的
        (欧文莱的适用税率, 公司在山东地区的销售收入) or opening the clause (重庆格力累计销售收入);
        "" where none, or where it is a place or a scope (全县财政收入: an indicator's level)."""
        i = left.rfind(measure)
        if i <= 0:
            return ""
        pre = left[:i].rstrip()
        if pre.endswith("的"):
            name = self.tail_phrase(without_scope(pre).removesuffix("的"))
        else:
            words = self.ctx.words(pre)
            while words and (
                self.ctx.word_class(words[0]) in _LEADING_CLASSES or words[0][0].isdigit()
            ):
                words = words[1:]  # 今年|公司: a time or a connective before the name
            name = self.opening_name("".join(words), measure)
        r = self.rules
        if len(name) < 2 or name in r.place_names or name in r.scopes or self.is_measure(name):
            return ""
        if name[:1] in _DEMONSTRATIVES and name.lstrip(_DEMONSTRATIVES) not in _FIRMS:
            return ""  # 该市的财政收入: the place's indicator
        if name == FIRM:
            return self.firm_named(name, at)  # 公司上半年实现营业总收入: the company named before
        return self.antecedent(name, at)

    def firm_named(self, subject: str, at: int) -> str:
        """The company 公司/该公司/企业 stands for: the nearest earlier name ending in its head
        (…有限公司), else the name opening the headline (格力电器投资50亿元… → 格力电器)."""
        head = subject.lstrip(_DEMONSTRATIVES)
        named = self._named_before(head, at, longer_by=2, lead="了的着过")
        if named:
            return named
        norm = self.ctx.norm
        first = norm[: norm.find("\n")] if "\n" in norm else norm
        name = self.opening_name(first, "") if at > len(first) else ""
        proper = self.ctx.word_class(name) in _PROPER_NOUNS or not self.ctx.word_class(name)
        return name if name and proper else subject

    def thing_before(self) -> str:
        """The last named thing (a name ending in 中心, 项目, 工厂 …) in the sentence before the
        figure being linked."""
        clauses = self.clauses_before()
        for clause in reversed(clauses[-4:-1]):
            words = self.ctx.words(clause)
            for end in range(len(words), 0, -1):
                if words[end - 1].endswith(self.rules.entity_heads):
                    name_words = self.tail_words(words[:end])
                    name = "".join(name_words)
                    doer = words[end - len(name_words) - 1 : end - len(name_words)]
                    if doer and doer[0] in _NOT_OWNER_MARKS:
                        continue  # 由江苏雨润集团投资建设, 是河北省重点项目: not the thing measured
                    if name.endswith(self.rules.entity_heads):
                        return name
        return ""

    def named_clause(self) -> str:
        """The name that the clause before the figure's is made of, alone or after a 的 (…排名
        相对靠前的永源稀土，年产能在2000吨左右 → 永源稀土); "" where that clause says more."""
        clauses = self.clauses_before()
        clause = clauses[-2].strip() if len(clauses) > 1 else ""
        if not clause or DIGIT.search(clause) or "的" not in clause or self.ctx.statistical:
            return ""
        name = clause.rsplit("的", 1)[1]  # 中等水平的新|盛: all the words after 的
        if not 2 <= len(name) <= 8 or self.is_measure(name) or not self.nominal(name):
            return ""
        words = self.ctx.words(clause)
        if self.ctx.word_class(words[0]) == "p" or _NOT_OWNER_MARKS.intersection(words):
            return ""  # 针对…的问题, 按照…的标准, 是…的医疗单位: no owner
        return name

    def clause_subject(self) -> str:
        """The noun phrase before the verb of the clause before the figure's (皮棉价格大幅下跌，
        跌幅700元 → 皮棉价格)."""
        clauses = self.clauses_before()
        if len(clauses) < 2 or clauses[-2].rstrip().endswith(_SAYS):
            return ""  # (陶笃纯说，…: a speaker)
        out: list[str] = []
        for w in self.ctx.words(clauses[-2]):
            cls = self.ctx.word_class(w)
            if cls in self.rules.verb_classes or cls in ("d", "p", "c") or w in self.rules.breakers:
                break
            if cls in ("t", "m") or DIGIT.search(w):
                out = []  # 21日: a time before the subject
                continue
            out.append(w)
        name = "".join(out)
        return name if len(name) >= 2 and self.nominal(name) else ""

    def previous_entity(self, *, anywhere: bool = False) -> str:
        """The last thing named in the sentences before, where this one opens with a
        demonstrative (…路过哈达果蔬批发市场。这是一家投资5.5亿元 → 哈达果蔬批发市场) or, with
        ``anywhere``, in its paragraph whatever the sentence opens with."""
        norm, at = self.ctx.norm, self.sentence_start
        if not anywhere and norm[at : at + 1] not in _DEMONSTRATIVES:
            return ""
        lo = max(0, at - REACH, norm.rfind("\n", 0, at) + 1 if anywhere else 0)
        ends = [i + len(h) for h in self.rules.entity_heads if (i := norm.rfind(h, lo, at)) >= 0]
        if not ends:
            return ""
        end = max(ends)
        start = max(norm.rfind(c, lo, end) for c in _CLAUSE_ENDS) + 1
        tail = self.tail_words(self.ctx.words(norm[start:end]))
        while tail and self.ctx.word_class(tail[0]) in self.rules.verb_classes:
            tail = tail[1:]  # 必然要路过|哈达果蔬批发市场
        name = "".join(tail)
        return name if self.is_entity(name) else ""

    def _entity_topic(self) -> str:
        """The sentence's opening name where it names a thing built or run (一期工程2014年建成达产，
        …，实现销售收入60亿元 → 一期工程)."""
        topic = self.topic()
        return topic if self.is_entity(topic) else ""

    def topic(self) -> str:
        """The name that opens the sentence before the figure, the topic of its clauses
        (石家庄雨润农产品全球采购中心是河北省重点项目，…，总投资102.09亿元 → that centre)."""
        opening = tuple(self.clauses_before()[:-1][:3])
        name = self._topics.get(opening)
        if name is None:
            name = self._topics[opening] = self._opening_topic(opening)
        return name

    def _opening_topic(self, clauses: tuple[str, ...]) -> str:
        """:meth:`topic` of the sentence whose first whole clauses are ``clauses`` (two of them;
        three after a time and a source or means, which name no topic: 2010年，经专家评审…确认，
        基本药物有…)."""
        r = self.rules
        told = len(clauses) > 2 and self._time_only(clauses[0]) and (
            clauses[1].lstrip().startswith((*_SOURCES, *_BY_WAY))
        )
        for clause in clauses[: 3 if told else 2]:
            if clause.lstrip().startswith(_SOURCES) or clause.rstrip().endswith(_SAYS):
                continue  # 据锦辉控股集团介绍, 陶笃纯说: who tells, not what is told of
            if clause.lstrip().startswith(_BY_WAY):
                continue  # 经专家评审和网上投标企业确认: how, not what is told of
            words = self.ctx.words(clause.lstrip(_OPENING_QUOTES))
            out = self._opening(words)
            name = "".join(out)
            if all(w in r.place_names for w in out):
                continue  # 河北沧州首当其冲: a place, not a topic
            if (len(name) >= 3 and self.is_entity(name)) or len(out) >= 2:
                return name
            if len(words) > 1 and "、" not in clause and name.endswith(r.indicator_forms):
                return name  # 城乡居民人均可支配收入稳居全省第2，分别增长…: an indicator opens it
            if (
                len(name) >= 2 and len(words) > 1
                and (self.ctx.word_class(name) in _PROPER_NOUNS or not self.ctx.word_class(name))
                and name not in r.terms and not self.is_measure(name)
            ):  # fmt: skip
                return name  # 哈达经营10年，…，投资不过5.5亿元: a named thing opens the sentence
        return ""

    def _time_only(self, clause: str) -> bool:
        """Whether ``clause`` is only a time (2010年, 8月3日)."""
        if len(clause.strip()) > _TIME_ONLY_LONGEST:
            return False
        words = self.ctx.words(clause.strip())
        return bool(words) and all(
            self.ctx.word_class(w) in ("t", "m") or w.isdigit() or w in self.rules.time_units
            for w in words
        )

    def owner_topic(self, carried: str) -> str:
        """The name of a company or body that opens the sentence, where the measure after a
        count of its things is its own (红狮水泥在云南拥有2条生产线，产能400万吨/年); "" else."""
        topic = self.topic()
        if not topic or topic == carried or not carried or self.is_entity(topic):
            return ""
        clause = next((c for c in self.clauses_before() if topic in c), "")
        said = clause.find("是", clause.find(topic) + len(topic))
        own = clause[:said] if said >= 0 else clause  # 拉法基…是最早进入云南的水泥企业: what it is
        if "的" in own or any(w in clause for w in _SOURCE_WORDS):
            return ""  # 格力电器此次开建的西南产业基地…; 记者在会议现场了解到: no owner
        proper = self.ctx.word_class(topic) in _NAMES or not self.ctx.word_class(topic) or (
            self.pronoun_before()
        )  # 拉法基…，它在云南共拥有10条生产线，产能1000万吨/年: 它 is the topic
        return topic if proper and len(topic) > 2 and topic not in self.rules.terms else ""

    def pronoun_before(self) -> bool:
        """Whether one of the two clauses before the figure's opens with a pronoun for the
        sentence's topic (…，它在云南拥有2条生产线，产能200万吨/年)."""
        return any(
            c.lstrip().startswith(self.rules.topic_pronouns)
            for c in self.clauses_before()[-3:-1]
        )

    def clause_entity(self) -> str:
        """The thing built or run (a project, a phase of it) that opens the nearest earlier clause
        of the sentence (…，一期工程2014年建成达产，年处理铁矿石1500万吨 → 一期工程), else the
        sentence's opening one."""
        for clause in reversed(self.clauses_before()[:-1][-4:]):
            name = "".join(self._opening(self.ctx.words(clause.lstrip(_OPENING_QUOTES))))
            if len(name) >= 3 and self.is_entity(name):
                return name
        return self._entity_topic()

    def opening_name(self, clause: str, verb: str) -> str:
        """The name of a thing (nouns only, no place) that opens ``clause``, other than ``verb``."""
        words = self._opening(self.ctx.words(clause.strip()))
        name = "".join(words)
        if len(name) < 2 or name == verb or name in self.rules.place_names or not all(
            self.ctx.word_class(w) in _NOUNS for w in words
        ):
            return ""
        return name

    def _opening(self, words: list[str]) -> list[str]:
        """The nominal words that open a clause (at most 8)."""
        r = self.rules
        out: list[str] = []
        verb = -1  # where the first verb stands: the name ends before it unless a head follows
        for w in words[:8]:
            if not out and PHASE.fullmatch(w):
                out.append(w)  # 一期|工程, 二期: a phase named by its number
                continue
            if w in r.breakers or w in r.not_subject or w in r.fillers or (
                self.ctx.word_class(w) in r.not_nominal_classes
                or self.ctx.word_class(w) in ("i", "l")  # 首当其冲: an idiom says something
            ) or DIGIT_MARK_OR_QUOTE.search(w):
                break
            if self.ctx.word_class(w) in r.verb_classes:
                if not out:
                    break
                verb = len(out) if verb < 0 else verb
            out.append(w)
        if verb < 0:
            return out
        named = max((k for k in range(verb, len(out)) if self.is_entity(out[k])), default=-1)
        return out[: named + 1] if named >= 0 else out[:verb]  # 雨润农产品全球|采购|中心项目

    def is_entity(self, phrase: str) -> bool:
        """Whether ``phrase`` names a thing built, run or held (a project, a park, a company)."""
        return phrase.endswith(self.rules.entity_heads)

    def _measure_of(self, owner: str, measure: str, metric: str) -> Pair:
        """(subject, metric) of a measure alone after ``owner`` was named: the owner's own
        measure gives way to it (企业营业收入4306.6亿元；利润总额231.3亿元 → 企业利润总额, an
        indicator of a sector, whole)."""
        r = self.rules
        held = next((m for m in (*r.entity_measures, *r.topic_measures) if owner.endswith(m)), "")
        base = owner[: -len(held)] if held and len(owner) > len(held) else owner
        if base != owner and self.indicator_name(base + measure):
            return base + measure, metric
        return base, metric or measure
