"""What a figure measures: its subject (省市重点项目) and metric (总投资, 增长, 新增)."""

from __future__ import annotations

import bisect
import itertools
import re

from govnlp.linking.state import REACH, Context, ParagraphState, SentenceState
from govnlp.records import Figure, Kind
from govnlp.text.segment import CLAUSE_BREAK, Sentence

_QUOTES = "“”\"'‘’「」"
_BRACKETS = "[]【】"  # footnote marks ([3]) are not part of a subject
# nothing but 全市 (or nothing at all) before a share opening its clause
_SCOPE_ONLY = re.compile(r"(?:(?:全|我|该|本)[县市区省州旗盟国])?")
_CN_ORDINALS = frozenset("一二三四五六七八九十")
_SHARE_STOP = re.compile(r"[0-9（(、和及与或]|以上|以下|左右|以内")
_TIMES = re.compile(r"(?:分别)?(是[^是，,]{1,12}?)$")  # the base of a multiple: 是2005年(的)
# time words between a subject and its verb: 五年, 三年来, 一季度, 上半年
_CLASS_LABEL = re.compile(
    r"^(?:超|近|过)?[0-9.]+(?:[-~至][0-9.]+)?(?:万|亿)?(?:元|吨|亩)?(?:以上|以下)?(?=[\u4e00-\u9fff])"
)  # 50-100亿元项目, 100亿元以上项目: a class named by its amounts
_SPAN_OF_YEARS = re.compile(
    r"[一二两三四五六七八九十0-9]+年(?:来|间)?|[一二三四]季度|前三季度|[上下]半年|年初|年末|年底"
)
_ORDINALISH = re.compile(r"^[前第]?[一二三四五六七八九十0-9]+[期次批届年]$")
_LISTED = ("、", "和", "及")
_OPENING_QUOTES = "“‘「『\"' \u3000"  # a quoted speech opens: its first name is still the topic
_OPENING_BRACKETS = ("(", "（", "[", "【")
_SHARED = ("均", "都", "共同", "合计", "共计")  # one figure for all the names before
_JOINERS = "、和及与"
_DEMONSTRATIVES = "该此这本"  # 该项目, 此工程: a thing named before
_FIRMS = frozenset(("公司", "企业", "集团"))  # 该公司, 该企业: the company named before
_LOCATIVES = ("内", "上", "中", "下", "里", "外", "间")  # 范围内, 市场上: a scope, not an owner
_RATE_ENDS = ("率", "份额", "比重", "比例", "集中度")  # measures of a share or rate
_FLOWS = frozenset(("出口", "进口", "出栏", "销售", "外销"))  # 砂轮机|出口|182.8万台: a count done
_NAMES = frozenset(("nz", "nt", "nr", "nrt"))  # names of companies, bodies, people
_WHERE_BUILT = re.compile(r"^在[^在，,。；;的]{1,6}?(?=建设|兴建|投建|打造|新建|建)")
_BUILDS = ("建", "办", "造")  # one-character verbs of building after an amount spent
_VERBISH = frozenset(("v", "vn", "vd", "a", "ad", "d"))  # (建设, 办好: a word of its own)
_PURPOSE_VERBS = ("用于", "用来", "用作", "建设", "新建", "兴建")  # after an amount spent
_SAYS = ("说", "表示", "介绍", "指出", "透露", "称", "认为", "告诉记者", "坦言")  # a speaker
_SOURCES = ("据", "根据", "依据", "按照")  # a clause opening with these names a source or a basis
_SOURCE_WORDS = ("记者", "了解到", "获悉", "介绍", "表示", "透露")  # a clause that tells a source
_FIRM = "公司"  # owning a measure alone (公司上半年实现营业总收入): the company named before
# before a verb and a noun, these make the two one name (拥有|生产|企业, 、|审批|服务项目)
_NAME_OPENERS = frozenset(
    ("、", "和", "及", "与", "其中", "有", "拥有", "共有", "现有", "已有", "还有")
)
_CLOSING, _OPENING = ")）]】", "(（[【"  # unmatched at the ends of a counted noun: not part of it
_LEADING_CLASSES = frozenset(("t", "c", "d", "m"))  # time words, connectives, adverbs (opening)
_CLAUSE_ENDS = "，,。；;！!？?\n："
_ANTECEDENT_REACH = 1500  # how far back a back-reference looks for its name
# a note in brackets (以下简称增长, 一期、二期); short ones such as （点） are part of a name
_NOTE = re.compile(r"[(（](?:[^()（）]{3,}|下同|同上)[)）]")
# a figure that describes the noun after it: 1.2万元的租房补贴, 100多元/平方米的地板
# the base of a change: 在去年5700吨的基础上增加22% (the subject stands before 在)
_ON_BASE = re.compile(r"(?:在[^在，,；;]*?)?的?基础上$")
# any base of comparison before a change (比国家零售指导价降低, 较上一轮采购价下降, 与…相比)
_OTHER_BASE = re.compile(
    r"(?:(?:与|和|同)[^，,；;。：:]{1,16}相比[^，,；;。：:]{0,4}|(?:比|较)(?![例重率较])[^，,；;。：:比较]{1,16})$"
)
# the next item of a list of counts: its figure, then its noun and what follows
_LIST_ITEM = re.compile(r"[0-9.]+[十百千万亿]*[余多]?[个项家座条户所处只名人件批台辆套处对](.*)$")
# the object of a verb up to the end of its list item or clause
_OBJECT = re.compile(r"[^、，,。；;：:0-9()（）“”]{2,12}(?=$|[、，,。；;：:])")
# holdings per household or person (平均每百户家庭拥有彩色电视机109.0台): the measure
_PER_HOLDING = re.compile(r"(?:平均)?每[百千万]?(?:户|人|名)[^，,。；;、]{0,6}?(?:拥有|有)")
# units of a count of times (4次上调…)
_TIMES_UNITS = frozenset(("次", "轮", "趟", "回", "遍"))
# what follows a counted noun: a light verb before the verb of what is done (进行了网上申报),
# prepositions of place before it (在境外上市)
_CARRIED_OUT = frozenset(("进行",))
_PLACE_PREPOSITIONS = frozenset(("在", "从", "向", "到"))
# prepositions opening what follows a counted noun (35家部门就服务事项作出承诺): no predicate
_PREPOSITIONS = frozenset("就对向在从把将为与和同跟给")
# time words and 在 between a subject and its figure: 茶叶产量将在去年5700吨
_TIME_BEFORE = frozenset(("在", "于", "去年", "今年", "上年", "当年", "同期", "目前", "现在"))
_PROPER_NOUNS = frozenset(("n", "nz", "nt", "nr", "nrt"))
_NOUNS = frozenset(("n", "nz", "nt", "nr", "nrt", "ns", "vn", "ng", "b", ""))
_BASE_ONLY = re.compile(r"(?:比|较|与|同)[^，,、和及]{1,6}?(?:相比)?")  # 比上周, 与上年同期相比
_COUNTED_LIST = re.compile(
    r"([^，,；;。]+、[^，,；;。]+?)[0-9一二三四五六七八九十两]+(?:种|类|个|项|家|大类)"
)  # 蔬菜、白条鸡…和鲜猪肉8种: the names of a counted list
_GRADED_GOODS = re.compile(
    r"[特弱强超]?[一二三四五六七八九十0-9]{1,2}级([^0-9一二三四五六七八九十，,。；;：:、（(\s]{1,6}?)[0-9]"
)  # 3级大包棉28500元: the goods the grades of a price list are of
_GRADE_END = re.compile(
    r"(?:^|[^0-9一二三四五六七八九十])([特弱强超]?[一二三四五六七八九十0-9]{1,2}级)"
    r"([^0-9一二三四五六七八九十，,。；;：:、（(\s级]{0,6})$"
)  # a price list item: 四级, 3级大包棉, 三级报价
_GRADE_AT = re.compile(r"[特弱强超]?[一二三四五六七八九十0-9]{1,2}级")
_PRICE_OF = re.compile(
    r"([^，,。；;：:\s]{1,10}?)(销售报价|收购报价|收购价格|销售价格|出厂价|报价)"
)  # 地产棉销售报价: the goods a price list is of
_TOWN_MEASURE = re.compile(
    r"((?![全各该本我])[\u4e00-\u9fff]{2,3}(?<!城)(?<!乡)(?<!村)(?:镇|乡|街道))([\u4e00-\u9fff]{2,10})"
)  # 新兴乡|财政收入: a named town and its measure (not 城镇, 乡镇)
_OWNED_MEASURE = re.compile(r"的([^、和及的]{2,6})$")  # 节能产品和环保产品的比重
_NEXT_CLAUSE = re.compile(r"[^，,。；;]{0,6}[，,]([^，,。；;]{2,24})")  # the clause after an amount
_COUNTED_ITEM = re.compile(r"^[0-9]+[个家项所座条]")  # 18个列省、485个市级…: the count's noun
_SKIPPED_CLASSES = frozenset(("d", "ul", "ug", "uz"))  # adverbs and particles after a verb
_AT_PLACE = re.compile(r"在([^在，,。；;\s]{1,8})$")  # 在花都 (投入): where a thing is done
_SCOPE_AT = re.compile(
    r"(?:在[^在，,。；;、]{1,10}|按[^按，,。；;、]{1,10}(?:计算|统计))的$"
)  # 在中国的, 在山东地区的, 按销售额计算的: where or how a measure is had
_OWNER = re.compile(r"(?:局|厅|委|办|公司|集团|县|市|区|镇|乡|村|部|厂|院|校)$")  # owners of things
_MODAL_WINDOW = 10  # characters read for the modal words that end a clause
_WORD_REACH = 8  # characters read for the word that ends a phrase
_COMPARED = re.compile(
    r"(.*?[^\s，,])(比|较)([^，,。；;比较]{1,16}?)(?<![降增提减升])(高出|低出|高|低|多|少|快|慢|便宜|贵)"
)  # 水电的价格都要比上海便宜: the thing, 比, what with, how
_PHASE = re.compile(r"第?[一二三四五六七八九十0-9]+期")
_MEASURE_PERIODS = frozenset(
    ("年", "日", "月", "全年", "当年", "每年", "每天", "每日", "日均", "年均")
)  # 全年|用电量, 日|电量: the period a measure covers
_SHARE_PARTICLE = re.compile(r"^(据?)[了到]")  # 占到|用电总量, 占据了|整个市场
_PER = re.compile(r"每[^\s，,。；;、的]{1,3}")  # 每年, 每公斤, 每平方米: a rate's base
_DESCRIBES = re.compile(r"(?:/[^/，,。；;、的\s]{1,4})?的")

Pair = tuple[str, str]  # (subject, metric)


def _before_tail(words: list[str], tail: list[str]) -> list[str]:
    """The words before ``tail``, the last run of nominal words of ``words`` (words skipped
    after it, such as 则 or 确保, are not before it)."""
    if tail:
        n = len(tail)
        for i in range(len(words) - n, max(-1, len(words) - n - 4), -1):
            if words[i + 1 : i + n] == tail[1:] and words[i].endswith(tail[0]):
                return words[:i]
    return words[: len(words) - len(tail)]


def _without_end(name: str, measure: str) -> str:
    """``name`` without ``measure`` at its end, where something is left."""
    if measure and name.endswith(measure) and len(name) > len(measure) + 1:
        return name[: -len(measure)]
    return name


def _ending(text: str, words: tuple[str, ...]) -> str:
    """The first of ``words`` that ``text`` ends with, or "" (one test in C where none does)."""
    return next((w for w in words if text.endswith(w)), "") if text.endswith(words) else ""


def _without_scope(before: str) -> str:
    """``before`` (the words before a measure) without a place it is said of (博西滚筒洗衣机在中国的
    → 博西滚筒洗衣机): what owns the measure comes before 在."""
    m = _SCOPE_AT.search(before)
    return before[: m.start()] if m and m.start() > 0 else before


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


class Subjects:
    """Finds the subject and metric of each figure of a document, in text order."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.rules = ctx.rules
        self._before = ""  # the sentence before the figure being linked
        self._sentence_start = 0  # where that sentence starts
        self._modal_ends: frozenset[str] | None = None  # characters that may end a modal word

    def find(
        self, fig: Figure, index: int, sentence: SentenceState, paragraph: ParagraphState
    ) -> tuple[str, str, str]:
        """(subject, metric, the text before the figure in its clause) of ``fig``, which lies
        in sentence ``index``; updates the sentence's and paragraph's state."""
        sent = self.ctx.sentences[index]
        self._before = self.ctx.norm[max(sent.start, fig.start - REACH) : fig.start]
        self._sentence_start = sent.start
        clause_left, right = self._clause(sent, fig)
        left = clause_left
        last = sentence.last
        if last and last[0] <= fig.start:
            since = self._since(sent, last[0], fig.start)
            closed = sum(since.count(c) for c in ")）") > sum(since.count(c) for c in "(（")
            if len(since) < len(left) and not closed:  # (not 单线1.5倍人员)则是: in a note)
                left = since
        left, right = _NOTE.sub("", left), _NOTE.sub("", right)  # 增长（以下简称增长）8%
        fallback = sentence.named or self._topic() or paragraph.subject
        subject, metric = self._pair(fig, (left, right), last, paragraph, fallback)
        if (
            last and metric == last[2] and metric in self.rules.directions
            and fig.kind is not Kind.PERCENT and sentence.last_kind == Kind.PERCENT.value
        ):  # fmt: skip
            metric = ""  # 地区生产总值增长5.5%以上，力争突破6000亿元: a level, not the change
        if fig.kind is not Kind.PERCENT:
            subject, metric = self._described_pair(fig, left, right, (subject, metric))
        if metric and metric.startswith(("分别", "同比")) and metric[2:] in self.rules.directions:
            metric = metric[2:]  # 分别增长, 同比增长: the measure is 增长
        listed_subject, listed_metric = self._distributed(sent, fig, sentence)
        if listed_subject:
            subject = listed_subject  # A、B分别完成x、y: x is A's, y is B's
            metric = listed_metric or metric or self._verb_after_each(left)
            subject = _without_end(subject, metric)  # 485个市级重大项目投资完成率分别达…
        elif subject:
            subject = self._shared(left, subject)
        subject = self._antecedent(subject, fig.start)
        if subject in self.rules.place_names and fallback:
            subject = fallback  # 济宁、枣庄增速仅为1.2%、1.5%: the places' measure of the subject
        if not listed_subject:
            subject, metric = self._repaired(fig, (subject, metric), (left, right), fallback)
            subject, metric = self._owned(fig, (subject, metric), clause_left, sentence, fallback)
        sentence.starts.append(fig.start)
        sentence.subjects.append(subject)
        if subject and not metric and "新增" in subject[:-2]:
            subject, metric = subject.replace("新增", "", 1), "新增"  # 城镇新增就业, 新增经营主体
        metric = metric or self._carried_verb(fig, sentence, left)  # 新认定…3家，科技型中小企业33家
        sentence.last = (fig.end, subject, metric)
        sentence.last_kind = fig.kind.value
        if subject and subject != fallback:
            sentence.named = subject  # carried to the later clauses of the sentence
        if subject and "其中" not in clause_left and not right.startswith("、"):
            paragraph.subject = subject  # list items (其中…、…) are not carried
        return subject, metric, left

    def _pair(
        self,
        fig: Figure,
        clause: tuple[str, str],
        last: tuple[int, str, str] | None,
        paragraph: ParagraphState,
        fallback: str,
    ) -> Pair:
        """(subject, metric) from the clause (its text before and after the figure) and the
        figure before it in the sentence; ``fallback``: the subject carried so far."""
        left, right = clause
        change = left.strip()
        counted = fig.kind in (Kind.COUNT, Kind.QUANTITY)
        if last and last[1] and (change in self.rules.level_changes or self._moved_to(change)):
            return last[1], change  # 增值税税率从17%降至13%, 由2600座压减到1053座: the end
        if last and change and self._continues(left) and not (counted and self._head_phrase(right)):
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
        joined = left[len(last[1]) :] if last[1] and left.startswith(last[1]) else left
        listed = joined.startswith(_LISTED) and not metric
        if counted and not metric and last[2] and left.rstrip().endswith(_LISTED):
            listed = True  # 新增100户A和10户B: the next item of the list
        if listed and counted:
            metric = last[2]  # 新增A353家、B48家: the verb heads the whole list
        if listed and subject and last[1]:
            subject = self._restore_elided(subject, last[1])  # 国家级…企业2家、省级8家
        return subject, metric

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
        if j < 0 or any(c in before[j:] for c in "；;。"):
            return "", ""
        head = before[:j]
        cut = max(head.rfind(c) for c in ",，;；:：")
        names = self._listed_names(head[cut + 1 :])
        owned = _OWNED_MEASURE.search(head[cut + 1 :])
        if len(names) >= 2 and owned and (
            self._names_measure(owned.group(1)) or owned.group(1).endswith(self.rules.share_words)
        ):
            names = self._listed_names(head[cut + 1 : cut + 1 + owned.start()])  # A和B的比重
            state.item_metrics = [owned.group(1)] * len(names)
        bare = not head[cut + 1 :].strip() or bool(_BASE_ONLY.fullmatch(head[cut + 1 :].strip()))
        if bare:
            names = []  # 比上周分别上涨: a base, no names
        if not names and cut > 0 and bare and state.items is None:
            earlier = head[:cut]  # 新引进项目履约率、开工率、资金到位率，分别达到90%、80%、30%
            start = max(earlier.rfind(c) for c in ",，;；:：。") + 1
            rates = self._listed_names(earlier[start:])
            owner = self._rate_owner(earlier[start:], rates)
            if owner:
                state.item_metrics, names = rates, [owner] * len(rates)
            counted = _COUNTED_LIST.match(earlier[start:])
            if not owner and counted:  # 蔬菜、白条鸡…和鲜猪肉8种生活必需品价格上涨，比上周分别上涨
                names = self._listed_names(counted.group(1))
        at = bisect.bisect_right(state.starts, base + j)  # figures of the sentence before 分别
        if len(names) >= 2:
            state.items = names
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

    def _verb_after_each(self, left: str) -> str:
        """The verb between 分别 and the figure, where it tells the measure (对美国、东盟分别
        出口55.9万台、35.3万台 → 出口); else ""."""
        i = left.rfind("分别")
        verb = left[i + 2 :].strip().removesuffix("了") if i >= 0 else ""
        return verb if verb and self._telling(verb) else ""

    def _second_round(self) -> bool:
        """Whether the figure's clause opens a second list of the same names with a change
        (…分别为2.9万元、2万元，增长8.5%、9.5%)."""
        clause = CLAUSE_BREAK.split(self._before)[-1].strip()
        clause = clause.removeprefix("分别")
        return any(clause.startswith(d) for d in self.rules.directions)

    def _rate_owner(self, listed: str, rates: list[str]) -> str:
        """The owner of a list of rates (新引进项目当年合同履约率、开工率、资金到位率 → 新引进项目,
        each rate its metric); "" for any other list."""
        if len(rates) < 2 or not all(n.endswith("率") for n in rates):
            return ""
        first = re.split(r"[、和及]", listed)[0]
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
        pieces = [_COUNTED_ITEM.sub("", x.strip()) for x in re.split(r"[、和及]", listed)]
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
        return names

    def _since(self, sent: Sentence, at: int, end: int) -> str:
        norm = self.ctx.norm
        return "".join(norm[max(s, at) : min(e, end)] for s, e in sent.pieces if e > at)

    def _per_head(self, fig: Figure, left: str, carried: str) -> Pair | None:
        """(the thing, 人均) of an amount per head written after the thing named (…的支出人均为
        173.62元); None otherwise."""
        if not left.endswith("人均") or len(left) <= 3 or fig.kind is not Kind.MONEY:
            return None
        noun = self._tail_phrase(left[:-2]) or carried
        return (noun, "人均") if noun else None

    def _compared_with(self, left: str, carried: str) -> Pair | None:
        """(the thing compared, 比 + what with + how) of a figure that says by how much one thing
        exceeds another named in the clause (水电的价格都要比上海便宜20% → 水电的价格 /
        比上海便宜); None where the base is the last period or a higher unit (比上年多)."""
        m = _COMPARED.fullmatch(left.strip())
        if not m or self.rules.compare.search(m.group(2) + m.group(3)):
            return None
        thing = m.group(1)
        while thing.endswith(self.rules.compare_adverbs):
            thing = thing[: -len(next(a for a in self.rules.compare_adverbs if thing.endswith(a)))]
        name = self._tail_phrase(thing) or carried
        if name and thing.endswith(name) and thing[: -len(name)].endswith("的"):
            before = thing[: -len(name) - 1]
            owner = self._tail_phrase(before)
            if len(before) <= 6 and before.endswith(owner) and not re.search(r"[0-9、的]", before):
                owner = before  # 农超对接: a short clause opening read whole
            name = f"{owner}的{name}" if owner else name  # 农超对接的交易价
        return name, m.group(2) + m.group(3) + m.group(4)

    def _moved_to(self, change: str) -> bool:
        """Whether ``change`` is a verb of change and 到/至 (压减到, 扩大到, 提升为 not)."""
        return len(change) in (3, 4) and change[-1] in "到至" and (
            self.ctx.word_class(change[:-1]) == "v"
        )

    def _continues(self, left: str) -> bool:
        rest = left.strip()
        while rest:
            word = next((w for w in self.rules.continuers if rest.startswith(w)), None)
            if word is None:
                return False
            rest = rest[len(word) :].strip()
        return True

    def _subject_metric(
        self, fig: Figure, paragraph: ParagraphState, left: str, right: str, carried: str
    ) -> Pair:
        """(subject, metric) of a figure from its clause; ``carried``: the subject to fall back
        on (the one named earlier in the sentence, else in the paragraph)."""
        stripped = self._without_modals(left.rstrip("的"))
        if stripped.endswith(("从", "由")) and len(stripped) > 1:
            stripped = stripped[:-1]  # 增值税税率从17%降至13%: the start of a change
        if fig.kind is not Kind.PERCENT:
            changed = self._changed(stripped, carried, fig.kind is Kind.COUNT)
            if changed:
                return changed
        verbs = self.rules.linking_verbs
        verb = next(
            (v for v in verbs if stripped.endswith(v) and len(stripped) > len(v)), ""
        ) if stripped.endswith(verbs) else ""  # fmt: skip
        if verb:
            stripped = self._without_modals(stripped[: -len(verb)])  # 价格|则|在
        if stripped.endswith("分别") and len(stripped) > 2:
            stripped = stripped[:-2]  # 总数分别达到239家、129家
        elif stripped.endswith(("均", "都")) and stripped[1:] and (
            not stripped.endswith(self.rules.per_measures)
        ):
            stripped = stripped[:-1]  # 用电量占比均超过30% (not 人均, 平均)
        compared = self._compared_with(stripped, carried) or self._per_head(fig, stripped, carried)
        if compared:
            return compared  # 铸铁管的价格要比全塑料水管高10%到50%, …的支出人均为173.62元
        if fig.kind is Kind.PERCENT:
            if _SCOPE_ONLY.fullmatch(stripped.strip()) and right:
                share = self._share_of(right)
                if share[0]:
                    return share  # 99%涉农村居达到…标准: the share of a group that does something
            return self._percent(fig, paragraph, stripped, carried)
        measured = self._measured(fig, paragraph, stripped, right, carried)
        if measured:
            return measured
        if fig.kind is Kind.MONEY:
            taken = self._object_after(self.ctx.words(stripped), right)
            if taken[0]:
                return taken  # 签下超过50亿美元大单 → 大单 / 签下
        return self._counted(fig, left, stripped, right, carried)

    def _carried_verb(self, fig: Figure, sentence: SentenceState, left: str) -> str:
        """The verb that measured the figure before (of the same kind, in the sentence) where it
        measures this one too, its clause being only a noun phrase (…新增人民币存贷款1500亿元，
        其中制造业贷款260亿元; 建成省市级农业园区6个，太行山驿站3家); else ""."""
        last = sentence.last
        if not last or not last[2] or sentence.last_kind != fig.kind.value:
            return ""
        verb = last[2]
        if self.ctx.word_class(verb) != "v" or not (
            verb in self.rules.count_metric_verbs or self._telling(verb)
        ):
            return ""
        item = left.strip().removeprefix("其中").strip("，,、 ")
        item = _CLASS_LABEL.sub("", item)  # 其中50-100亿元项目7个: the class is part of the name
        words = self.ctx.words(item)
        if not words or item.endswith(self.rules.measure_ends):
            return ""  # 粮食产量突破81.5亿斤: a named indicator's level
        bare = self.ctx.word_class(words[0]) not in self.rules.verb_classes and all(
            self.ctx.word_class(w) not in ("v", "p", "d", "c") and w not in self.rules.breakers
            and not self._is_measure(w) and not re.search(r"[0-9，,。；;：:]", w)
            for w in words
        )  # fmt: skip
        return verb if bare else ""

    def _repaired(self, fig: Figure, pair: Pair, clause: Pair, fallback: str) -> Pair:
        """The pair with a grade of a price list given its goods and a verb acting on the figure
        made the metric."""
        (subject, metric), (left, right) = pair, clause
        item = left.strip()
        item = item[: -len(verb)] if (verb := _ending(item, self.rules.linking_verbs)) else item
        graded = _GRADE_END.search(item) if fig.kind is Kind.MONEY else None  # (报价为: 为 off)
        if graded:  # 四级28700元/吨, 3级大包棉28500元/吨 in a price list
            subject, metric = self._graded(graded.group(1), graded.group(2), metric)
        town = _TOWN_MEASURE.fullmatch(subject or "")
        if town and not metric and self._names_measure(town.group(2)):
            subject, metric = town.group(1), town.group(2)  # 新兴乡财政收入: the town's measure
        if subject and self._acting_verb(subject, left, right):
            metric = metric or subject  # 可安置9371户, 压减到1053座: the verb is the measure
            subject = self._opening_name(left, subject) or (
                (fallback if fallback != subject else "") or self._clause_subject()
            )  # 冉庄镇通过…实现增收228.9万元: the name opening the clause
        if subject and not metric and fig.kind is not Kind.COUNT:
            change = _ending(left.rstrip().removesuffix("了"), self.rules.level_changes)
            metric = change  # 森林覆盖率提高到44.8%: the change to the level
        return subject, metric

    def _names_measure(self, phrase: str) -> bool:
        """Whether ``phrase`` is a measure or an indicator's name (财政收入, 地区生产总值)."""
        r = self.rules
        return self._is_measure(phrase) or phrase in r.indicator_forms or (
            phrase.endswith(r.measure_ends) or phrase.endswith(r.topic_measures)
        )

    def _graded(self, grade: str, goods: str, metric: str) -> Pair:
        """(grade + goods, the price word) of a price in a list by grade: the goods written
        after the grade, else after the list's first grade (3级大包棉28500元/吨，4级…), else
        before the sentence's price word (调低了地产棉销售报价，其中三级报价…), else the
        sentence's topic (新疆棉也有较大跌幅，2级29800元/吨)."""
        before = self._before
        first_grade = _GRADE_AT.search(before)
        head = before[: first_grade.start()] if first_grade else before
        prices = list(_PRICE_OF.finditer(head))
        price = prices[-1] if prices else None  # the price word nearest the list
        named, word = self._priced_goods(goods)
        if not named:
            first = _GRADED_GOODS.search(before)
            named, first_word = self._priced_goods(first.group(1) if first else "")
            if not price:
                word = word or first_word  # 三级籽棉收购报价5.60元/斤，…五级5.30元/斤
        if not named and price:
            words = self.ctx.words(price.group(1))
            end = len(words)
            while end and self.ctx.word_class(words[end - 1]) in ("n", "nz", "vn", "ng", "b"):
                end -= 1
            named = "".join(words[end:])  # 调低了|地产棉: the goods before the price word
        named = named or self._topic()
        return grade + named, metric or word or (price.group(2) if price else "")

    def _priced_goods(self, text: str) -> Pair:
        """(goods, price word) of the words after a grade: 籽棉收购报价 → (籽棉, 收购报价)."""
        word = next((p for p in self.rules.price_ends if text.endswith(p)), "")
        return text[: len(text) - len(word)], word

    def _acting_verb(self, subject: str, left: str, right: str) -> bool:
        """Whether ``subject`` is only a verb acting on the figure right after it (可安置|9371户,
        涉及|总投资, 压减到|1053座), not a verb used as a noun after another verb (带动就业) or
        before the measure that follows the figure (封装|12亿|总产值)."""
        r = self.rules
        verb = subject.removesuffix("了")
        if self.ctx.word_class(verb) != "v" or verb in r.terms or self.ctx.words(verb) != [verb]:
            return False
        head = self._without_modals(left.rstrip()).rstrip("了到至")
        if not head.endswith(verb):
            return False
        ahead = self.ctx.words(right[:8])
        if ahead and (self._is_measure(ahead[0]) or self._is_measure("".join(ahead[:2]))):
            return False
        before = self.ctx.words(head[max(0, len(head) - len(verb) - 8) : len(head) - len(verb)])
        return not before or not (
            self._telling(before[-1]) or before[-1] in self.rules.totalling
        )  # 带动就业, 累计减税: a verb used as the noun of another verb

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

    def _without_modals(self, left: str) -> str:
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

    def _changed(self, stripped: str, carried: str, counted: bool) -> Pair | None:
        """A change of an amount, count or quantity: 比上年减产849吨, 由45.58亿元增长到70.11亿元."""
        r = self.rules
        direction = _ending(stripped, r.directions)
        if direction:
            before = stripped[: -len(direction)]
            head = _OTHER_BASE.sub("", _ON_BASE.sub("", r.compare.sub("", before)))
            return self._tail_phrase(head) or carried, self._with_base(before, direction)
        change = _ending(stripped, r.level_changes)
        if change:
            before = stripped[: -len(change)]
            head = re.split(r"[由从]", before)[0]
            if head == before:  # no start level: 鲜叶价格升至140元, 高新技术企业增至292家
                price = next((p for p in r.prices if head.endswith(p)), "")
                if price:
                    return self._tail_phrase(head[: -len(price)]) or carried, price
                if counted:
                    return self._tail_phrase(head) or carried, ""  # a count's new level
            return self._tail_phrase(head) or carried, change
        return None

    def _measured(
        self, fig: Figure, paragraph: ParagraphState, stripped: str, right: str, carried: str
    ) -> Pair | None:
        """A measure noun before the figure: (企业)完成产值1900亿元, 总投资796.5亿元."""
        r = self.rules
        measure = _ending(stripped, r.topic_measures)
        if measure:
            before = _without_scope(stripped[: -len(measure)])
            words = self.ctx.words(before)
            if not words or words[-1] in r.breakers or words[-1] in r.fillers or (
                before != stripped[: -len(measure)]
            ):
                if fig.kind is Kind.MONEY:
                    paragraph.money_metric = measure
                topic = self._tail_phrase(before) or self._opening_name(before, measure)
                if topic == _FIRM:
                    topic = self._firm_named(topic, fig.start)  # 公司上半年实现营业总收入
                owner = topic or self._clause_entity() or carried or self._topic()
                return owner, measure  # (企业)完成产值1900亿元, 格力电器2010年实现营业收入
        metric = _ending(stripped, r.metrics)
        if metric:
            if fig.kind is Kind.MONEY:
                paragraph.money_metric = metric
            head = self._tail_phrase(stripped[: -len(metric)])
            after = self._head_phrase(right[1:]) if right.startswith("的") else ""
            owner = after or head or self._clause_entity() or carried or self._thing_before()
            return owner or self._topic(), metric
        return self._of_entity(stripped, right, carried)

    def _of_entity(self, stripped: str, right: str, carried: str) -> Pair | None:
        """A measure of a named thing (某某公园投资5000万元, 天定高速公路全长235公里, 占地500亩
        after the structure is named): (the thing, the measure); a measure inside an indicator's
        name (粮食产量, 农业产值) stays in the subject."""
        r = self.rules
        if not stripped.endswith(r.entity_measures):
            return None
        measure = next(m for m in r.entity_measures if stripped.endswith(m))
        last = self.ctx.words(stripped[-_WORD_REACH:])[-1:]
        if last and last[0] != measure and last[0].endswith(measure) and (
            last[0] in r.indicator_forms or last[0] in r.terms or last[0].startswith(r.per_measures)
        ) and not self.is_entity(last[0][: -len(measure)]):  # (项目投资: a project's)
            return None  # 人均可支配收入: an indicator's word, the measure inside it is no split
        before = _without_scope(stripped[: -len(measure)])
        placed = _AT_PLACE.search(before)
        if placed and placed.start() > 0 and placed.group(1) in r.place_names:
            before = before[: placed.start()]  # 东风日产计划在花都投入: the place is where
        words = self.ctx.words(before)
        head = self._tail_phrase(before)
        if head and not self._nominal(head):
            head = ""  # 这是一家投资5.5亿元: no name before the measure
        if head and measure in r.prices:
            head, measure = self._price_kind(head, measure)  # 平均批发|价格: the kind of price
        nominal = bool(words) and not (
            words[-1] in r.breakers or words[-1] in r.not_subject or words[-1] in r.fillers
            or _SPAN_OF_YEARS.fullmatch(words[-1])
        )  # fmt: skip
        if head and nominal and not self.is_entity(head) and measure not in r.prices and (
            self._indicator_name(head + measure)
            or (head in r.place_names and measure not in r.spending)
            or head.endswith(r.per_measures)
            or before[: len(before) - len(head)].endswith(tuple(r.level_verbs))
        ):  # fmt: skip  (重庆市装机容量: a place's indicator; 人均|产能: one measure)
            return None  # 粮食产量, 农业产值: an indicator's name; 完成水利投资: a named total
        if stripped in r.terms and not (head and self.is_entity(head) and nominal):
            return None  # 居民消费价格 (项目投资 is the measure of a project)
        if not nominal:  # 建龙集团还将投资50亿元: 投资 is done by the name before the adverbs
            head = self._actor(words)
        after = self._head_phrase(right[1:]) if right.startswith("的") else ""
        if not (after or head) and (
            not self.is_entity(carried) or carried not in CLAUSE_BREAK.split(self._before)[-2:][0]
        ):  # (a thing named in the clause just before wins over one carried from further back)
            head = self._thing_before()  # 广东钢材交易中心，占地500亩: the thing just named
        thing = after or head or self._clause_entity() or self._owner_topic(carried) or carried
        thing = thing or self._topic()
        thing = thing or self._previous_entity()  # 哈达果蔬批发市场。这是一家投资5.5亿元…
        if not thing and measure not in r.prices:
            thing = self._previous_entity(anywhere=True)  # …钢材交易中心奠基。占地500亩
        if not thing and measure in r.prices:
            return "", measure  # 一辆价值15.98万元: a value of something unnamed
        if not thing:
            return measure, ""  # 产量稳定在16.5亿斤: no thing named to measure
        return thing, measure  # 投资58亿元的某某项目, 某某工厂…，总建筑面积8.1万平方米

    def _price_kind(self, head: str, price: str) -> Pair:
        """(the goods, the price) of a price named after its kind (平均批发价格, 主流价格, 鲜叶
        销售价格 → 鲜叶 / 销售价格): the words of the kind join the price."""
        words = self.ctx.words(head)
        while words and words[-1] in self.rules.price_kinds:
            price = words.pop() + price
        return "".join(words), price

    def _described_pair(self, fig: Figure, left: str, right: str, pair: Pair) -> Pair:
        """The pair with the noun the figure describes as subject, if it describes one."""
        spent = ""
        if fig.kind is Kind.MONEY:
            spent = next((w for w in self.rules.spending if left.rstrip().endswith(w)), "")
        described = self._described(right, spent)
        if not described and spent and not right.strip() and left.strip() == spent:
            following = _NEXT_CLAUSE.match(self.ctx.norm, fig.end)  # 投资4648万元，实施…项目
            described = self._purpose(following.group(1)) if following else ""
        if not described:
            return pair
        verb = "" if pair[1] or spent else self._verb_before(self.ctx.words(left))
        return described, pair[1] or spent or verb  # 生产1亿台以上的笔记本电脑 → 生产

    def _purpose(self, clause: str) -> str:
        """The thing a clause opening with a verb works on (实施学校改扩建项目8个 → 学校改扩建
        项目), the purpose of an amount spent in the clause before; "" where none."""
        words = self.ctx.words(clause)
        if len(words) < 2 or self.ctx.word_class(words[0]) not in self.rules.verb_classes:
            return ""
        rest = clause[len(words[0]) :]
        noun = self._head_phrase(rest)
        return noun if noun and rest.startswith(noun) and self._nominal(noun) else ""

    def _described(self, right: str, spent: str) -> str:
        """The noun a figure describes, written after it with 的 (每月1000元的子女托育券 →
        子女托育券, 投资6.8亿元建设的广东钢材交易中心) or, for an amount ``spent`` (投入,
        投资), after the verb of its purpose (投入79亿元打造十大青年标志性项目); "" where none,
        or where the noun is a base or a place in the text (在去年5700吨的基础上)."""
        if spent not in self.rules.spending and "的" not in right[:13]:
            return ""  # no 的 after the figure or after a verb of at most 12 characters
        if spent:
            right = _WHERE_BUILT.sub("", right)  # 投资50亿元在渝建设…: where, then the purpose
            if right.startswith(_BUILDS) and self.ctx.word_class(right[:2]) not in _VERBISH:
                right = "的" + right[1:]  # 投资超千亿建国内最大炼化项目 (建|国内, not 建国)
        words = self.ctx.words(right[:12])
        verb = words[0] if words and (
            self.ctx.word_class(words[0]) in ("v", "vn")
            or (spent and len(words[0]) > 2 and self.ctx.word_class(words[0]) == "j")
        ) else ""  # fmt: skip  # 改扩建 (an abbreviation of verbs)
        if verb and right.startswith("的", len(verb)):
            right = right[len(verb) :]  # 建设的
        elif verb and spent in self.rules.spending and (
            verb not in self.rules.generic_verbs or verb in _PURPOSE_VERBS
        ):  # 投入79亿元打造…, 投入36亿元用于…
            right = "的" + right[len(verb) :]  # 投入79亿元打造…
        m = _DESCRIBES.match(right)
        if not m:
            return ""
        rest = right[m.end() :]
        if rest.startswith(self.rules.base_words):
            return ""
        noun = self._head_phrase(rest)
        if not noun or not rest.startswith(noun) or not self._nominal(noun):
            return ""
        after = rest[len(noun) :]
        return "" if after[:1] in ("上", "中", "内", "里", "下") else noun

    def _indicator_name(self, phrase: str) -> bool:
        """Whether ``phrase`` ends with the name of a statistical indicator or a domain term
        (粮食产量, 农业增加值), which a measure inside it does not split."""
        r = self.rules
        if phrase.endswith(r.statistical_measures) and self.ctx.statistical:
            return True
        measure = _ending(phrase, r.entity_measures)
        if measure and phrase[: -len(measure)].endswith(r.sector_ends):
            return True  # 林业产值, 服务业营业收入
        return phrase.endswith(r.indicator_forms) or any(
            phrase.endswith(w) for w in self.ctx.words(phrase)[-1:] if w in self.rules.terms
        )

    def _shared(self, left: str, subject: str) -> str:
        """All the names of a list that one figure belongs to (游客人数、旅游收入均增长10%以上 →
        游客人数、旅游收入), not only the last."""
        i = left.rfind(subject)
        if i <= 0 or not left.startswith(_SHARED, i + len(subject)):
            return subject
        start = i
        while start > 0 and left[start - 1] in _JOINERS:
            prev = self._tail_phrase(left[: start - 1])
            if not prev or not left.endswith(prev, 0, start - 1):
                break
            start -= 1 + len(prev)
        return left[start : i + len(subject)]

    def _antecedent(self, subject: str, at: int) -> str:
        """The name a back-reference stands for (该项目, 此工程): the nearest earlier name with
        the same head (…雨润农产品全球采购中心项目…。该项目… → that project)."""
        if subject[:1] in _DEMONSTRATIVES and subject[1:] in _FIRMS:
            return self._firm_named(subject, at)  # 该公司: the company named before
        if subject[:1] not in _DEMONSTRATIVES:
            return subject
        head = next(
            (h for h in self.rules.entity_heads if subject.startswith(h, 1)), ""
        )  # 该项目, 该项目及其关联配套项目: the head right after the demonstrative
        if not head:
            return subject
        return self._named_before(head, at, longer_by=1) or subject

    def _named_before(self, head: str, at: int, *, longer_by: int, lead: str = "") -> str:
        """The nearest name before ``at`` that ends in ``head`` and is at least ``longer_by``
        characters longer, ``lead`` characters stripped from its start; "" where none."""
        norm = self.ctx.norm
        lo = max(0, at - _ANTECEDENT_REACH)
        i = norm.rfind(head, lo, at)
        while i > lo:
            start = max(norm.rfind(c, lo, i) for c in _CLAUSE_ENDS) + 1
            name = self._tail_phrase(norm[start : i + len(head)]).lstrip(lead)
            if len(name) >= len(head) + longer_by and name[:1] not in _DEMONSTRATIVES:
                return name
            i = norm.rfind(head, lo, i)
        return ""

    def _owned(
        self, fig: Figure, pair: Pair, left: str, sentence: SentenceState, fallback: str
    ) -> Pair:
        """The pair with a subject that names no thing replaced by the one carried, and a
        measure alone given to what owns it; ``left``: the clause before the figure."""
        subject, metric = pair = self._trimmed(pair[0]), pair[1]
        if subject and (
            not self._nominal(subject)
            or (len(subject) == 1 and subject not in self.rules.one_char_nouns)
        ):
            return fallback or self._clause_subject(), metric  # 一辆, 估计, 总: no name
        if subject and not metric:
            done = self._trailing_verb(subject, left, fig.kind in (Kind.COUNT, Kind.QUANTITY))
            if done[1]:
                return done  # 砂轮机出口182.8万台, 华润水泥斥资近13亿元
        if (
            subject and fig.kind is not Kind.PERCENT
            and subject != fallback and self._is_measure(subject)
            and not (metric and subject in self.rules.bare_measures)  # 节约资金: an object
        ):  # fmt: skip
            owner = (
                self._clause_owner(left, subject, fig.start)
                or sentence.named or self._clause_subject() or fallback
            )  # fmt: skip  # …，跌幅700元
            if owner:  # (销售量达1200吨 alone: the measure is all that is named)
                return self._measure_of(owner, subject, metric)
            return pair
        return self._rate_owned(fig, pair, left, fallback)

    def _trimmed(self, subject: str) -> str:
        """``subject`` without a particle before it (了景观街) or the locative 中 after it (中标
        产品中|约40%的产品, 12个盟市中|有8个)."""
        subject = subject.lstrip("了着")
        if subject.startswith(_SOURCES):
            return ""  # 据锦辉控股集团: a source
        words = self.ctx.words(subject) if subject.endswith(("中", "之中")) else []
        if len(words) > 1 and words[-1] in ("中", "之中") and self._nominal("".join(words[:-1])):
            subject = "".join(words[:-1])
        return subject

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
        while front and (front[-1] in r.totalling or self.ctx.word_class(front[-1]) in ("t", "d")):
            front = front[:-1]  # 城镇居民人均可支配收入|年均|递增, 运输船舶|更是|锐减
        doer = "".join(front)
        if (
            not (self.ctx.word_class(verb) == "v" or (counted and verb in _FLOWS))
            or not self._telling(verb)
            or self._is_measure(verb) or doer in r.scopes or doer in r.place_names
            or verb in r.spending or verb in r.nominal_verbs or len(doer) < 2
            or not self._nominal(doer)
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
            name = self._tail_phrase(_without_scope(pre).removesuffix("的"))
        else:
            words = self.ctx.words(pre)
            while words and (
                self.ctx.word_class(words[0]) in _LEADING_CLASSES or words[0][0].isdigit()
            ):
                words = words[1:]  # 今年|公司: a time or a connective before the name
            name = self._opening_name("".join(words), measure)
        r = self.rules
        if len(name) < 2 or name in r.place_names or name in r.scopes or self._is_measure(name):
            return ""
        if name[:1] in _DEMONSTRATIVES and name.lstrip(_DEMONSTRATIVES) not in _FIRMS:
            return ""  # 该市的财政收入: the place's indicator
        if name == _FIRM:
            return self._firm_named(name, at)  # 公司上半年实现营业总收入: the company named before
        return self._antecedent(name, at)

    def _firm_named(self, subject: str, at: int) -> str:
        """The company 公司/该公司/企业 stands for: the nearest earlier name ending in its head
        (…有限公司), else the name opening the headline (格力电器投资50亿元… → 格力电器)."""
        head = subject.lstrip(_DEMONSTRATIVES)
        named = self._named_before(head, at, longer_by=2, lead="了的着过")
        if named:
            return named
        norm = self.ctx.norm
        first = norm[: norm.find("\n")] if "\n" in norm else norm
        name = self._opening_name(first, "") if at > len(first) else ""
        proper = self.ctx.word_class(name) in _PROPER_NOUNS or not self.ctx.word_class(name)
        return name if name and proper else subject

    def _thing_before(self) -> str:
        """The last named thing (a name ending in 中心, 项目, 工厂 …) in the sentence before the
        figure being linked."""
        clauses = CLAUSE_BREAK.split(self._before)
        for clause in reversed(clauses[-4:-1]):
            words = self.ctx.words(clause)
            for end in range(len(words), 0, -1):
                if words[end - 1].endswith(self.rules.entity_heads):
                    name = "".join(self._tail_words(words[:end]))
                    if name.endswith(self.rules.entity_heads):
                        return name
        return ""

    def _clause_subject(self) -> str:
        """The noun phrase before the verb of the clause before the figure's (皮棉价格大幅下跌，
        跌幅700元 → 皮棉价格)."""
        clauses = CLAUSE_BREAK.split(self._before)
        if len(clauses) < 2 or clauses[-2].rstrip().endswith(_SAYS):
            return ""  # (陶笃纯说，…: a speaker)
        out: list[str] = []
        for w in self.ctx.words(clauses[-2]):
            cls = self.ctx.word_class(w)
            if cls in self.rules.verb_classes or cls in ("d", "p", "c") or w in self.rules.breakers:
                break
            if cls in ("t", "m") or re.search(r"[0-9]", w):
                out = []  # 21日: a time before the subject
                continue
            out.append(w)
        name = "".join(out)
        return name if len(name) >= 2 and self._nominal(name) else ""

    def _previous_entity(self, *, anywhere: bool = False) -> str:
        """The last thing named in the sentences before, where this one opens with a
        demonstrative (…路过哈达果蔬批发市场。这是一家投资5.5亿元 → 哈达果蔬批发市场) or, with
        ``anywhere``, in its paragraph whatever the sentence opens with."""
        norm, at = self.ctx.norm, self._sentence_start
        if not anywhere and norm[at : at + 1] not in _DEMONSTRATIVES:
            return ""
        lo = max(0, at - REACH, norm.rfind("\n", 0, at) + 1 if anywhere else 0)
        ends = [i + len(h) for h in self.rules.entity_heads if (i := norm.rfind(h, lo, at)) >= 0]
        if not ends:
            return ""
        end = max(ends)
        start = max(norm.rfind(c, lo, end) for c in _CLAUSE_ENDS) + 1
        tail = self._tail_words(self.ctx.words(norm[start:end]))
        while tail and self.ctx.word_class(tail[0]) in self.rules.verb_classes:
            tail = tail[1:]  # 必然要路过|哈达果蔬批发市场
        name = "".join(tail)
        return name if self.is_entity(name) else ""

    def _entity_topic(self) -> str:
        """The sentence's opening name where it names a thing built or run (一期工程2014年建成达产，
        …，实现销售收入60亿元 → 一期工程)."""
        topic = self._topic()
        return topic if self.is_entity(topic) else ""

    def _topic(self) -> str:
        """The name that opens the sentence before the figure, the topic of its clauses
        (石家庄雨润农产品全球采购中心是河北省重点项目，…，总投资102.09亿元 → that centre)."""
        r = self.rules
        for clause in CLAUSE_BREAK.split(self._before)[:-1][:2]:
            if clause.lstrip().startswith(_SOURCES) or clause.rstrip().endswith(_SAYS):
                continue  # 据锦辉控股集团介绍, 陶笃纯说: who tells, not what is told of
            words = self.ctx.words(clause.lstrip(_OPENING_QUOTES))
            out = self._opening(words)
            name = "".join(out)
            if all(w in r.place_names for w in out):
                continue  # 河北沧州首当其冲: a place, not a topic
            if (len(name) >= 3 and self.is_entity(name)) or len(out) >= 2:
                return name
            if (
                len(name) >= 2 and len(words) > 1 and self.ctx.word_class(name) in _PROPER_NOUNS
                and name not in r.terms and not self._is_measure(name)
            ):  # fmt: skip
                return name  # 哈达经营10年，…，投资不过5.5亿元: a named thing opens the sentence
        return ""

    def _owner_topic(self, carried: str) -> str:
        """The name of a company or body that opens the sentence, where the measure after a
        count of its things is its own (红狮水泥在云南拥有2条生产线，产能400万吨/年); "" else."""
        topic = self._topic()
        if not topic or topic == carried or not carried or self.is_entity(topic):
            return ""
        clause = next((c for c in CLAUSE_BREAK.split(self._before) if topic in c), "")
        if "的" in clause or any(w in clause for w in _SOURCE_WORDS):
            return ""  # 格力电器此次开建的西南产业基地…; 记者在会议现场了解到: no owner
        proper = self.ctx.word_class(topic) in _NAMES or not self.ctx.word_class(topic)
        return topic if proper and len(topic) > 2 and topic not in self.rules.terms else ""

    def _clause_entity(self) -> str:
        """The thing built or run (a project, a phase of it) that opens the nearest earlier clause
        of the sentence (…，一期工程2014年建成达产，年处理铁矿石1500万吨 → 一期工程), else the
        sentence's opening one."""
        for clause in reversed(CLAUSE_BREAK.split(self._before)[:-1][-4:]):
            name = "".join(self._opening(self.ctx.words(clause.lstrip(_OPENING_QUOTES))))
            if len(name) >= 3 and self.is_entity(name):
                return name
        return self._entity_topic()

    def _opening_name(self, clause: str, verb: str) -> str:
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
        for w in words[:8]:
            if not out and _PHASE.fullmatch(w):
                out.append(w)  # 一期|工程, 二期: a phase named by its number
                continue
            if w in r.breakers or w in r.not_subject or w in r.fillers or (
                self.ctx.word_class(w) in r.not_nominal_classes
                or self.ctx.word_class(w) in r.verb_classes
                or self.ctx.word_class(w) in ("i", "l")  # 首当其冲: an idiom says something
            ) or re.search(r"[0-9，,。；;：:、“”()（）]", w):
                break
            out.append(w)
        return out

    def _actor(self, words: list[str]) -> str:
        """The noun phrase before the adverbs, time and modal words that end ``words``
        (建龙集团|还|将 → 建龙集团, 东风日产|5|年 → 东风日产)."""
        r = self.rules
        end = len(words)
        while end > 0 and len(words) - end < 3 and (
            words[end - 1] in r.breakers or words[end - 1] in r.not_subject
            or words[end - 1] in r.fillers or _SPAN_OF_YEARS.fullmatch(words[end - 1])
            or words[end - 1].isdigit()
        ):  # fmt: skip
            end -= 1
        return "".join(self._tail_words(words[:end])) if end < len(words) else ""

    def is_entity(self, phrase: str) -> bool:
        """Whether ``phrase`` names a thing built, run or held (a project, a park, a company)."""
        return phrase.endswith(self.rules.entity_heads)

    def _counted(self, fig: Figure, left: str, stripped: str, right: str, carried: str) -> Pair:
        """A figure after a noun phrase, or a count before the thing counted."""
        r = self.rules
        words = self.ctx.words(stripped)
        tail = self._tail_words(words)
        subject = "".join(tail)
        verb = ""
        if fig.kind in (Kind.COUNT, Kind.QUANTITY):
            subject, verb = self._count_verb(words, tail, stripped)
            per = _PER_HOLDING.search(stripped)
            if per and subject and not subject.startswith(per.group()):
                return subject, per.group()  # 平均每百户家庭拥有彩色电视机109.0台
            done = self._done_times(fig, right)
            if done[0]:
                return done  # 连续4次上调存款准备金率: how many times it was done
            if not subject or (right and not right.startswith(_LISTED)):
                ahead = self._head_phrase(right).lstrip(_CLOSING).rstrip(_OPENING)  # 中标产品(
                if ahead:
                    return self._ahead_pair(ahead, words, stripped, (left, right))
            if subject and (
                subject in r.count_metric_verbs or all(w in r.count_metric_verbs for w in tail)
            ):  # 经认定达标调出65个: a measure of the noun before it, else of the carried subject
                noun = "".join(self._tail_words(_before_tail(words, tail)))
                return noun or carried, subject
            if not subject:
                done = self._nominalised(words)
                if done[0]:
                    return done  # 完成农房微改造1.5万户: 改造 is part of the thing done
        elif fig.kind is Kind.MONEY and subject:
            subject, verb = self._money_pair(words, tail, subject)
        elif fig.kind is Kind.MONEY:
            verb = self._verb_before(words)  # 花费25.08万元, 尹某分两次花了1.5万元
        if not subject and verb and words[-1] == verb:  # “双千工程”项目认定37项
            noun = "".join(self._tail_words(words[:-1]))
            if noun:
                return noun, verb
        if not subject:
            earlier = re.split(r"[由从]", stripped)
            if len(earlier) > 1:  # 地区生产总值由2015年的45.58亿元增长到…
                return self._tail_phrase(earlier[-2]) or carried, verb
            return self._clause_head(stripped) or carried, verb
        return subject, verb

    def _ahead_pair(
        self, ahead: str, words: list[str], stripped: str, clause: tuple[str, str]
    ) -> Pair:
        """(the noun counted after the figure, its verb): the verb before (新改建27条农村公路)
        or the predicate after the noun (12个路口进行了改造, 1587个事项“就近办”)."""
        r = self.rules
        left, right = clause
        before = next(
            (v for v in r.count_verbs_longest if stripped.endswith(v)), ""
        ) or self._verb_before(words) or self._verb_before_list(stripped)
        before = before or self._owner_between(words)
        led = bool(words) and words[-1] not in _NAME_OPENERS and (
            self.ctx.word_class(words[-1]) in r.verb_classes
            or (words[-1] == "等" and self._list_led())
        )  # 帮助78家企业解决…, 围绕A、B等5个产业链开展…: a verb leads (not 有, 共有)
        if before in self.rules.leading_work_verbs and self._action_after(right, ahead):
            return ahead, ""  # 推进3个示范区建设: the work done on them is named after
        after = self._predicate_after(right, ahead, left.startswith("对"), led)
        if after[:1] in r.predicate_chars:
            return ahead, after  # 零基预算改革等3项工作获…推介: what befell them
        return ahead, before or after or self._verb_ending(words[-1:])

    def _owner_between(self, words: list[str]) -> str:
        """The verb before a noun that owns the things counted after the figure (承接地税局4项
        工程 → 承接); "" where none."""
        if len(words) < 2 or not _OWNER.search(words[-1]) or self._before.endswith(_LISTED):
            return ""  # (确定30家销售企业和20家回收企业: an item of a list)
        return words[-2] if self._telling(words[-2]) else ""

    def _done_times(self, fig: Figure, right: str) -> Pair:
        """(what was done to, the verb) of a count of times followed by its verb and object
        (4次上调存款准备金率 → 存款准备金率 / 上调); ("", "") otherwise."""
        if fig.unit not in _TIMES_UNITS:
            return "", ""
        words = self.ctx.words(right[:16])
        if not words or not self._telling(words[0]):
            return "", ""
        m = _OBJECT.match(right[len(words[0]) :])
        obj = m.group() if m else ""
        return (obj, words[0]) if obj and self._nominal(obj) else ("", "")

    def _count_verb(self, words: list[str], tail: list[str], stripped: str) -> Pair:
        """(the counted noun, the verb that tells its measure) from the words before a count."""
        r = self.rules
        subject = "".join(tail)
        rest = _before_tail(words, tail)
        if len(rest) > 1 and rest[0] in r.count_metric_verbs and all(
            self.ctx.word_class(w) not in r.not_nominal_classes
            and (w not in r.breakers or w in r.scopes)
            and not re.search(r"[0-9，,。；;：:、]", w)
            for w in words[1:]
        ):  # 新增|全国|乡村|治理|示范村: the verb opening the clause governs the whole name
            return "".join(words[1:]), rest[0]
        verb = next((w for w in reversed(rest) if w in r.count_metric_verbs), "")
        verb = (
            verb or self._verb_in(words, tail) or self._verb_ending(rest[-1:])
            or self._verb_before(rest) or self._verb_before_list(stripped)
        )  # fmt: skip
        if verb and len(rest) > 1 and rest[-1] == verb and verb not in r.count_metric_verbs and (
            rest[-2] in _NAME_OPENERS
        ):  # 其中竞价品种453个, 拥有生产企业800多家: a name
            return verb + subject, ""
        if not verb and len(tail) == 1:
            subject, verb = self._verb_opening(subject)  # 接待游客 → 游客 / 接待
        if not verb:
            subject, verb = self._verb_object(tail, rest, subject)
            entity = self._clause_entity() if verb else ""
            if entity:
                return entity, verb + subject  # 一期工程…，年处理铁矿石1500万吨: its capacity
        return subject, verb

    def _clause_head(self, stripped: str) -> str:
        """The noun phrase that opens a clause of several predicates, the subject of each:
        地区生产总值突破“五百亿”、达513.35亿元 → 地区生产总值."""
        if "、" not in stripped:
            return ""
        head = self._head_phrase(stripped)
        return head if len(head) >= 2 and stripped.startswith(head) else ""

    def _verb_in(self, words: list[str], tail: list[str]) -> str:
        """A verb joined to the first word of the subject (解决问题 → 解决)."""
        if not tail:
            return ""
        first = words[len(_before_tail(words, tail))]
        verb = first[: -len(tail[0])] if first != tail[0] and first.endswith(tail[0]) else ""
        return verb if verb in self.rules.count_metric_verbs else ""

    def _verb_ending(self, words: list[str]) -> str:
        """The verb of results that ends the last of ``words`` (深入开展 → 开展, 免费开放 →
        开放)."""
        if not words:
            return ""
        word = words[-1]
        return next(
            (v for v in self.rules.count_verbs_longest if word.endswith(v) and len(v) >= 2), ""
        )

    def _verb_opening(self, phrase: str) -> Pair:
        """(noun, verb) of a verb joined to the noun it takes (接待游客 → 游客, 接待); else
        (phrase, "")."""
        r = self.rules
        if phrase in r.terms and self.ctx.word_class(phrase) not in r.verb_classes:
            return phrase, ""  # 新建项目 is a name; 接待游客 (a verb phrase) is not
        verb = next(
            (v for v in self.rules.count_verbs_longest
             if phrase.startswith(v) and len(v) >= 2 and len(phrase) - len(v) >= 2),
            "",
        )  # fmt: skip
        return (phrase[len(verb) :], verb) if verb else (phrase, "")

    def _money_verb(self, rest: list[str]) -> str:
        """The verb right before the noun of an amount that tells it apart (发放消费券5亿元,
        争取中央资金2亿元, 新增专项债券3亿元); not the verbs of an indicator's level (完成固定
        资产投资, 实现营业收入)."""
        r = self.rules
        for w in reversed(rest[-2:]):
            if w in r.count_metric_verbs and w not in r.level_verbs:
                return w
            if w not in r.fillers:
                break
        return self._verb_before(rest)

    def _verb_before(self, words: list[str]) -> str:
        """The verb that ends ``words``, particles, adverbs and fillers skipped, if it tells a
        measure apart (抢通恢复了 → 恢复, 每年投入 → 投入); "" for a generic verb or none."""
        r = self.rules
        for w in reversed(words[-3:]):
            if (
                w in r.fillers or w in r.local_words or w in r.determiners
                or self.ctx.word_class(w) in _SKIPPED_CLASSES
            ):  # fmt: skip
                continue  # 带来了|当地|15家: a place word between the verb and the count
            return w if self._telling(w) else ""
        return ""

    def _list_opening(self) -> list[str]:
        """The words of the clause before the figure up to its first list item (九江还引进首钢、
        省物、铁王等 → 九江|还|引进|首钢)."""
        before = self._before
        cut = max(before.rfind(c) for c in "，,；;。：:\n")
        return self.ctx.words(before[cut + 1 :].split("、")[0])

    def _list_led(self) -> bool:
        """Whether a verb opens the list ending in 等 before a figure (围绕聚碳新材料、丙烯等)."""
        words = self._list_opening()
        return any(self.ctx.word_class(w) in self.rules.verb_classes for w in words[:-1])

    def _verb_before_list(self, stripped: str) -> str:
        """The verb before a list that ends in 等 right before the figure (九江还引进首钢、
        省物、铁王等近500家商企 → 引进)."""
        if not stripped.endswith("等"):
            return ""
        words = self._list_opening()
        return next((w for w in reversed(words[-4:]) if len(w) > 1 and self._telling(w)), "")

    def _telling(self, word: str) -> bool:
        """Whether ``word`` is a verb that tells measures of a thing apart (引进, 接待, 投入)."""
        r = self.rules
        if word.startswith("新") and len(word) > 2 and word not in r.terms:
            word = word[1:]  # 新开通, 新造: a verb of something new
        return (
            word not in r.generic_verbs and word not in r.level_verbs
            and word not in r.not_subject and word not in r.terms
            and self.ctx.word_class(word) in r.verb_classes
        )  # fmt: skip

    def _object_after(self, words: list[str], right: str) -> Pair:
        """(the noun after an amount, the verb right before it) where a verb that tells a measure
        takes the amount and its noun as object (已签下超过50亿美元大单, 可获10万元银行信贷支持);
        ("", "") otherwise."""
        if not words:
            return "", ""
        verb = words[-2] if words[-1] in ("了", "到") and len(words) > 1 else words[-1]
        if not (self._telling(verb) or verb in self.rules.count_metric_verbs) or (
            self.ctx.word_class(verb) != "v"
        ):
            return "", ""
        noun = self._head_phrase(right)
        if not noun or not right.startswith(noun) or self._is_measure(noun) or (
            (noun.startswith("“") and noun.endswith("”")) or noun.startswith("人民币")
            or not self._nominal(noun)
        ):
            return "", ""  # 获取5万元“酬劳”: the doer's deed; 5000元人民币: the currency
        first, last = self.ctx.words(noun)[0], self.ctx.words(noun)[-1]
        if self.ctx.word_class(first) in ("v", "c", "p", "d", "u", "uj", "r") or (
            self.ctx.word_class(last) == "f"
        ):
            return "", ""  # 贪污550余万而判无期, 12亿总产值中: no noun taking the amount
        return noun, verb

    def _money_pair(self, words: list[str], tail: list[str], subject: str) -> Pair:
        """(subject, verb) of an amount after a noun phrase: the verb before the noun that tells
        it (发放消费券), a verb and its object, or a deed (贪污1047万)."""
        verb = self._money_verb(_before_tail(words, tail))
        if not verb:
            subject, verb = self._verb_object(tail, _before_tail(words, tail), subject)
        if not verb:
            subject, verb = self._deed(tail, subject)
        return subject, verb

    def _deed(self, tail: list[str], subject: str) -> Pair:
        """(the doer, the verb) of an amount right after a verb done by someone (王纪平贪污1047万,
        彭英斌因受贿180余万); else (subject, ""). A verb used as a noun (生活补助) is none."""
        r = self.rules
        if len(tail) < 2 or len(tail[-1]) != 2 or not self._telling(tail[-1]):
            return subject, ""
        verb, before = tail[-1], tail[-2]
        if self.ctx.word_class(verb) != "v" or verb in r.spending or verb in r.entity_measures:
            return subject, ""
        if self.ctx.word_class(before) not in ("nr", "p", "d", ""):
            return subject, ""
        doer = self._tail_phrase("".join(tail[:-1]).rstrip("因"))
        return (doer, verb) if doer else (subject, "")

    def _verb_object(self, tail: list[str], rest: list[str], subject: str) -> Pair:
        """(object, verb) of a verb and its object before a figure, the verb after a word of the
        clause (卧龙湾太行雪乡共|接待|游客 → 游客 / 接待), or opening it before a long object
        (铺设|城区|供水|管网 → 城区供水管网 / 铺设); else (subject, ""). A verb opening the clause
        before a one-word object (在建|项目, 循环|使用寿命) is part of the name."""
        r = self.rules
        if len(tail) < 2 or len(tail[0]) < 2 or not self._telling(tail[0]):
            return subject, ""
        obj = "".join(tail[1:])
        opening = (
            not rest or rest[-1] in r.scopes or rest[-1] in _JOINERS or rest[-1] in _NAME_OPENERS
            or not any(c.isalnum() for c in rest[-1])
        )  # fmt: skip
        if opening and (len(tail) < 3 or self.ctx.word_class(tail[1]) in ("q", "m", "f", "mq")):
            return subject, ""  # 服务|类|采购规模, 和创新|服务机构: a name, not a verb and object
        return obj, tail[0]

    def _measure_of(self, owner: str, measure: str, metric: str) -> Pair:
        """(subject, metric) of a measure alone after ``owner`` was named: the owner's own
        measure gives way to it (企业营业收入4306.6亿元；利润总额231.3亿元 → 企业利润总额, an
        indicator of a sector, whole)."""
        r = self.rules
        held = next((m for m in (*r.entity_measures, *r.topic_measures) if owner.endswith(m)), "")
        base = owner[: -len(held)] if held and len(owner) > len(held) else owner
        if base != owner and self._indicator_name(base + measure):
            return base + measure, metric
        return base, metric or measure

    def _is_measure(self, phrase: str) -> bool:
        """Whether ``phrase`` is only a measure or a change (跌幅, 下调幅度, 价格, 总投资), with
        words of its period or kind before it (日电量, 全年用电量, 包牌价)."""
        r = self.rules
        words = self.ctx.words(phrase) if len(phrase) > 2 else []
        while len(words) > 1 and (words[0] in _MEASURE_PERIODS or words[0] in r.price_kinds):
            words = words[1:]  # 全年|用电量, 包牌|价
        core = "".join(words) or phrase
        return (
            core in r.entity_measures or core in r.metrics or core in r.directions
            or core in r.bare_measures or (core == "价" and core != phrase)
            or core in r.topic_measures or phrase.endswith(("幅度", "跌幅", "涨幅", "降幅"))
        )  # fmt: skip

    def _nominal(self, subject: str) -> bool:
        """Whether ``subject`` holds a word that can name a thing (not only verbs, adverbs,
        numerals, prepositions or punctuation)."""
        classes = self.rules.not_nominal_classes
        if re.search(r"[0-9一二三四五六七八九十]+[级期类档批]", subject):
            return True  # 4级, 二期: a grade or phase named by its number
        return any(
            self.ctx.word_class(w) not in classes and any(c.isalnum() for c in w)
            for w in self.ctx.words(subject)
        )

    def _nominalised(self, words: list[str]) -> Pair:
        """(noun phrase, verb) where a clause ends in a verb used as a noun after a leading
        verb: 完成|农房|微|改造 → (农房微改造, 完成), 实施|老旧小区|改造 → (老旧小区改造, 实施)."""
        r = self.rules
        if len(words) < 3 or words[-1] not in r.count_metric_verbs:
            return "", ""
        for i in range(len(words) - 3, -1, -1):
            w = words[i]
            if w in r.count_metric_verbs or w in r.leading_verbs:
                noun = "".join(words[i + 1 :])
                if re.search(r"[0-9，,。；;：:、“”()（）]", noun):
                    return "", ""
                return noun, w
            if w in r.breakers:
                break
        return "", ""

    def _share_of(self, right: str) -> Pair:
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

    def _percent(
        self, fig: Figure, paragraph: ParagraphState, left: str, carried: str
    ) -> Pair:
        r = self.rules
        times = _TIMES.search(left) if fig.unit == "倍" else None
        if times:  # 全社会固定资产投资是2005年的2.1倍 (its 的 already stripped)
            return self._tail_phrase(left[: times.start()]) or carried, times.group(1) + "的"
        share = re.search(r"([^占]*)占(?!有率)([^占]*?)的?$", left)  # (not 市场占有率)
        if share:
            base = _SHARE_PARTICLE.sub(r"\1", share.group(2).rstrip("的"))  # 占到 → 占
            named = self._tail_phrase(share.group(1))  # 已完成投资占年度计划投资的
            prior = named if named in r.metrics else paragraph.money_metric
            subject = carried if not named or named == prior else named
            return subject, f"{prior}占{base}" if prior else f"占{base}"
        for d in r.directions:
            i = left.rfind(d)
            if i >= 0 and left[i + len(d) : i + len(d) + 1] == "率":
                continue  # 自然增长率为0.25‰: a rate, not a change
            if i >= 0 and len(left) - (i + len(d)) <= 3:
                noun = self._tail_phrase(
                    _OTHER_BASE.sub("", _ON_BASE.sub("", r.compare.sub("", left[:i])))
                )
                noun = noun if noun and not noun.startswith(("比", "较")) else ""
                if carried and self._is_measure(noun):  # 建筑业…，力争总产值增长5%以上
                    return carried, noun + self._with_base(left[:i], d)
                return noun or carried, self._with_base(left[:i], d)
        compared = r.compare.search(left)
        if compared and compared.group():  # 规上工业增加值增速高于全国1.7个百分点
            noun = self._tail_phrase(left[: compared.start()])
            rate = next((w for w in r.speeds if noun.endswith(w)), "")
            if rate:  # …、增速高于全国0.6个百分点: the speed is the measure
                return noun[: -len(rate)] or carried, rate + compared.group()
            return noun or carried, compared.group()
        return self._rate(left, carried)

    def _rate(self, left: str, carried: str) -> Pair:
        """A percent after a noun phrase: an indicator rate (城镇调查失业率) or the rate of a
        subject (解决率)."""
        words = self.ctx.words(left)
        if len(words) > 1 and words[-1] == "率":
            words = [*words[:-2], words[-2] + "率"]  # 解决|率 → 解决率
        tail = self._tail_words(words)
        if tail and tail[-1].endswith("率"):
            rate, noun = tail[-1], "".join(tail[:-1])
            indicator = any(rate.endswith(i) for i in self.rules.indicator_rates)
            if indicator:
                return noun + rate, ""  # 城镇调查失业率, 政府负债率: the rate is the indicator
            if not noun and rate.endswith(self.rules.state_rates):
                return rate, ""  # 农作物耕种收综合机械化率达到90%: an indicator of its own
            if len(noun) == 1:  # 总|到货率: one measure (按|衣分率: no noun)
                rate = rate if self.ctx.word_class(noun) in self.rules.not_nominal_classes else (
                    noun + rate
                )
                noun = ""
            if not noun or carried.endswith(noun):
                return carried or noun, rate
            owned = self.is_entity(noun) or noun.endswith(self.rules.rate_owners)
            if rate.endswith(self.rules.state_rates) and not owned:
                return noun + rate, ""  # 农村自来水普及率, 林木覆盖率: the state of a place
            return noun, rate  # 问题化解率, 省市重点项目完成率: the rate of things handled
        return ("".join(tail) or carried), ""

    def _tail_words(self, words: list[str]) -> list[str]:
        """The run of nominal words at the end of ``words``."""
        out: list[str] = []
        r = self.rules
        for i in range(len(words) - 1, -1, -1):
            w = words[i]
            if not out and w == "会" and i and self._meeting(words[i - 1]):
                out.append(w)  # 银企对接|会20余次: before a figure 会 is a meeting, not "will"
                continue
            if not out and (
                w in r.fillers or w in _TIME_BEFORE or _SPAN_OF_YEARS.fullmatch(w)
                or w in r.modals or self.ctx.word_class(w) == "d" or _PER.fullmatch(w)
                or (len(w) == 1 and self.ctx.word_class(w) == "c")
            ):  # fmt: skip
                continue  # 地区生产总值确保|增长, 五年|累计|完成, 初步|估计|会: skip 确保, 五年, 会
            if w in self.rules.time_units and i and words[i - 1].isdigit():
                break  # 1|月|进口: a month, not part of the name
            if _PHASE.fullmatch(w) and i and words[i - 1].endswith(r.entity_heads):
                out.append(w)  # 奥特斯重庆工厂|第一期|投资: a phase of the named works
                continue
            if w in r.breakers or w in r.not_subject or w.isspace() or _ORDINALISH.match(w):
                break
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
            if re.search(r"[0-9]", w) or any(c in "，,。；;：:、/\\" + _BRACKETS for c in w):
                break
            if any(c in "(（" for c in w) and not any(c in ")）" for c in "".join(out)):
                break  # 中标药品中，有360个产品(占…: an opening bracket not closed in the name
            out.append(w)
        out.reverse()
        return _whole_quotes(out)

    def _meeting(self, before: str) -> bool:
        """Whether 会 after ``before`` names a meeting (对接|会) rather than saying "will"."""
        return before not in self.rules.modals and self.ctx.word_class(before) not in ("d", "t")

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
        return "".join(self._tail_words(self.ctx.words(text)))

    def _counted_text(self, text: str) -> str:
        """The text after a figure from where what it counts may be named; "" where nothing
        counted follows (a note, the base of a rate, the level reached)."""
        if text.startswith(_OPENING_BRACKETS):
            return ""  # 1200吨(大米), 3次(次): a note on the figure, not what it counts
        if text.startswith(("/年", "/日", "/月", "/天")):
            return text[2:]  # 1200万吨/年炼油: a yearly capacity of what follows
        if text.startswith("/"):
            return ""  # 200-300台/单线: the base of a rate
        level = next((w for w in self.rules.level_nouns if text.startswith(w)), "")
        if level and not text.startswith(("以上", "以下"), len(level)):
            return ""  # 突破100万辆大关, 达到1000家的规模: the level, not a thing counted
        return text

    def _head_phrase(self, text: str) -> str:
        """The noun phrase right after a figure (56个省市重点项目, 5个“签约一批”项目)."""
        out: list[str] = []
        r = self.rules
        text = self._counted_text(text)
        if text.startswith("“") and "”" in text[:16]:
            quoted = text[: text.index("”") + 1]
            out.append(quoted)
            text = text[len(quoted) :]
        ahead = self.ctx.words(text)[:5]
        for k, w in enumerate(ahead[:4]):
            if out and w.startswith("“"):
                break  # 1587个事项“就近办”: the quotation says what is done to them
            if out and self._adverbial(w, ahead[k + 1 : k + 2]):
                break  # 82项合作事项扎实推进: the manner of what is done
            if out and (w in ("了", "着", "过") or ahead[k + 1 : k + 2] == ["了"]):
                break  # 86个项目使用了中关村产品: a verb done
            if out and w in r.predicate_chars and ahead[k + 1 : k + 2]:
                break  # 31个产品获绿色食品标志使用权: the predicate
            if out and len(w) > 1 and self.ctx.word_class(w) == "v" and w not in r.terms and (
                w not in r.entity_measures  # 乘用车|产能|扩建|项目: 产能 is a noun here
            ) and (
                self._predicate_end(w, ahead[k + 1 : k + 2])
            ):
                break  # 70多个保障房项目在建。, 10个城市去考察: the predicate
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
            if stop or re.search(r"[0-9，,。；;：:、]", w) or w.isspace():
                break
            if self._leading_breaker(w):
                break
            out.append(w)
        phrase = "".join(out)
        return phrase if phrase.count("“") == phrase.count("”") else phrase.strip(_QUOTES)

    def _predicate_end(self, verb: str, following: list[str]) -> bool:
        """Whether ``verb`` followed by ``following`` (one word or none) is the predicate after
        a noun phrase rather than a part of a name (保障房项目|在建|。, 城市|去|考察 vs 政府|采购|
        项目, 入园|补助|。)."""
        if not following or not any(c.isalnum() for c in following[0]):
            return verb in self.rules.result_verbs  # 在建, 竣工, 投产 end the clause
        return self.ctx.word_class(following[0]) in ("v", "d", "p", "c", "u", "ul", "uj")

    def _adverbial(self, word: str, following: list[str]) -> bool:
        """Whether ``word`` is an adverb, or an adjective before a verb (扎实推进, 顺利完成)."""
        cls = self.ctx.word_class(word)
        if cls in ("d", "ad"):
            return True
        return cls == "a" and bool(following) and (
            self.ctx.word_class(following[0]) in self.rules.verb_classes
        )

    def _restore_elided(self, subject: str, previous: str) -> str:
        """A list item that names only another level restores the noun of the item before it:
        新增国家级专精特新“小巨人”企业2家、省级8家 → 省级专精特新“小巨人”企业."""
        levels = self.rules.levels
        if subject not in levels:
            return subject
        level = next((lv for lv in levels if previous.startswith(lv)), "")
        return subject + previous[len(level) :] if len(previous) > len(level) else subject

    def _with_base(self, before: str, direction: str) -> str:
        """The direction word, with its base where that is a year other than the last one:
        地区生产总值比2010年增长 → 比2010年增长 (比上年增长 stays 增长)."""
        base = self.rules.year_base.search(before)
        return base.group() + direction if base else direction

    def _predicate_after(self, right: str, noun: str, object_marked: bool, led: bool) -> str:
        """What is done to a counted noun, written after it: a quoted name (1587个事项“就近办”),
        a verb of results (27个项目竣工投产), after 对 the verb after 进行 (对12个路口进行了改造),
        or, unless ``led`` by a verb before the figure, the predicate that follows."""
        after = right[len(noun) :] if right.startswith(noun) else ""
        if after.startswith("“") and "”" in after[:12]:
            return after[: after.index("”") + 1]
        verb = next((v for v in self.rules.result_verbs if after.startswith(v)), "")
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
            noun = self._head_phrase(rest)
            return self._predicate(rest[len(noun) :]) if noun and rest.startswith(noun) else ""
        return self._predicate(after)

    def _action_after(self, right: str, noun: str) -> bool:
        """Whether the clause after a counted noun ends in the work done on it (3个示范区和2条
        示范线建设, 7个“空心村”治理), so that the verb before the figure only leads it."""
        if len(right) >= 24 or not right.startswith(noun):
            return False  # the clause's end is not in sight
        words = self.ctx.words(right)
        last = words[-1] if len(words) > 1 else ""
        return (
            len(last) >= 2 and last not in noun and last not in self.rules.result_verbs
            and self.ctx.word_class(last) in self.rules.verb_classes
        )  # fmt: skip

    def _achieved(self, rest: str) -> bool:
        """Whether what follows 实现 after a counted noun says what was achieved for each
        (实现网上可办), not a blanket (实现全覆盖) or a level reached (实现主营业务收入)."""
        r = self.rules
        return bool(rest) and not rest.startswith(r.blanket_objects) and not rest.startswith(
            (*r.measure_ends, *r.topic_measures, *r.metrics)
        )

    def _predicate(self, after: str) -> str:
        """The predicate that follows a counted noun, adverbs dropped (82项合作事项扎实推进 →
        推进, 241项事项实现同城化无差别受理 → 实现同城化无差别受理); "" for a copula or none."""
        r = self.rules
        words = self.ctx.words(after[:24])
        i = 0
        while i < len(words) and words[i] not in _PREPOSITIONS and (
            self._adverbial(words[i], words[i + 1 : i + 2])
        ):
            i += 1
        if i < len(words) and words[i] in _CARRIED_OUT:
            i += 1 + (words[i + 1 : i + 2] == ["了"])  # 企业进行了网上申报 → 网上申报
        elif i < len(words) and words[i] in _PLACE_PREPOSITIONS:
            pass  # 8家企业在境外上市: where it is done, then the verb
        elif i >= len(words) or self.ctx.word_class(words[i]) not in r.verb_classes:
            return ""
        elif words[i] == "实现" and self._achieved("".join(words[i + 1 :])):
            pass  # 33项高频事项实现网上视频帮办: what was achieved for them
        elif words[i] in r.generic_verbs or words[i] in r.level_verbs or words[i] in r.fillers:
            return ""  # 65个重点项目实现全覆盖: a generic verb
        predicate = ""
        for w in words[i:]:
            if re.search(r"[0-9，,。；;：:、“”()（）]", w) or w.isspace():
                break
            if w not in ("了", "过"):
                predicate += w  # 使用了中关村产品 → 使用中关村产品
        if words[i : i + 1] and words[i] in _PLACE_PREPOSITIONS and (
            len(self.ctx.words(predicate)) < 3
        ):
            return ""  # 在境外: a place with nothing done after it
        return predicate[:16]
