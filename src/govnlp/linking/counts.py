"""What a count or amount is of and the verb that tells its measure: the noun counted before or
after the figure, the noun it describes, the doer of a deed."""

from __future__ import annotations

import re

from govnlp.linking.measures import Measures
from govnlp.linking.phrases import (
    AFTERWARDS,
    ASPECTS,
    DIGIT,
    DIGIT_MARK_OR_QUOTE,
    DIGIT_OR_MARK,
    Pair,
    ending,
)
from govnlp.records import Figure, Kind

LISTED = ("、", "和", "及")  # the marks that join the items of a list
JOINERS = "、和及与"  # the marks and words that join names
_FOR_WHOM = frozenset(("向", "给", "替"))  # 向社会提供就业岗位: for whom a thing is done
_WHERE_BUILT = re.compile(r"^在[^在，,。；;的]{1,6}?(?=建设|兴建|投建|打造|新建|建)")
_BUILDS = ("建", "办", "造")  # one-character verbs of building after an amount spent
_VERBISH = frozenset(("v", "vn", "vd", "a", "ad", "d"))  # (建设, 办好: a word of its own)
_VERB_LONGEST = 4  # the longest verb read as a whole clause after a count (180人出院)
_PURPOSE_VERBS = ("用于", "用来", "用作", "建设", "新建", "兴建", "实施")  # after an amount spent
# before a verb and a noun, these make the two one name (拥有|生产|企业, 、|审批|服务项目)
_NAME_OPENERS = frozenset(
    ("、", "和", "及", "与", "其中", "有", "拥有", "共有", "现有", "已有", "还有")
)
_MEASURE_ENDS = ("率", "量", "额", "数", "值")  # 人数, 单数: a measure, not a thing counted
_NAMED_CLASSES = frozenset(("ns", "nr", "nrt", "nt"))  # places, people, bodies: no object counted
_CLOSING, _OPENING = ")）]】", "(（[【"  # unmatched at the ends of a counted noun: not part of it
# the object of a verb up to the end of its list item or clause
_OBJECT = re.compile(r"[^、，,。；;：:0-9()（）“”]{2,12}(?=$|[、，,。；;：:])")
# holdings per household or person (平均每百户家庭拥有彩色电视机109.0台): the measure
_PER_HOLDING = re.compile(r"(?:平均)?每[百千万]?(?:户|人|名)[^，,。；;、]{0,6}?(?:拥有|有)")
# units of a count of times (4次上调…)
_TIMES_UNITS = frozenset(("次", "轮", "趟", "回", "遍"))
# verbs of having and being before a list ending in 等: they lead no work on what is counted
_HAVING = frozenset(
    {"有", "已有", "还有", "另有", "现有", "共有", "拥有", "是", "为", "包括", "涉及"}
)
_NEXT_CLAUSE = re.compile(r"[^，,。；;]{0,6}[，,]([^，,。；;]{2,24})")  # the clause after an amount
_SKIPPED_CLASSES = frozenset(("d", "ul", "ug", "uz"))  # adverbs and particles after a verb
_OWNER = re.compile(r"(?:局|厅|委|办|公司|集团|县|市|区|镇|乡|村|部|厂|院|校)$")  # owners of things
# a figure that describes the noun after it: 1.2万元的租房补贴, 100多元/平方米的地板
_DESCRIBES = re.compile(r"(?:/[^/，,。；;、的\s]{1,4})?的")
# names listed before 等 and the kind they are (奥特莱斯、青要谷文旅综合体等|4个文旅项目): the kind
_NAMED_THEN_KIND = re.compile(
    r"[^，,。；;：:、的]{2,20}(?:、[^，,。；;：:、的]{2,20})+(?<![高中初平同对])等"
    r"(?:(?:一?系列|一批)|(?!一?系列|一批))(?=[^，,。；;：:、]{2})"
)  # (not 高等职业学院; 等系列城建重点工程: the kind after the determiner, where it is read)
_COUNT_OPENING = re.compile(r"[0-9]+[多余]?[个项家座条所处批]")  # a count before the noun described
# a verb and its object before 的 that describe the noun after a count (来自玉环的|参会企业)
# a measure's level before 的 that describes the noun after a count (年销售额过千亿元的|商业集团)
_MEASURED = re.compile(r"(?:过|超过?|达到?|在|逾|突破)[^，,。；;：:的“”（）()\s]{1,10}?(?=的)")
# where the things counted after a figure come from (吸引了|来自国内的|300多家制药厂商): no verb
_FROM_ORIGIN = re.compile(r"来自[^，,。；;：:、的0-9]{1,12}$")  # (before 的)
_RELATIVE = re.compile(r"[^0-9，,。；;：:的“”（）()\s]{1,10}?(?=的)")


def _opens_clause(rest: list[str]) -> bool:
    """Whether the words ``rest`` before a noun phrase end where a clause opens (none, or a
    mark other than one that joins list items)."""
    return not rest or not (rest[-1] in JOINERS or any(c.isalnum() for c in rest[-1]))


def _before_tail(words: list[str], tail: list[str]) -> list[str]:
    """The words before ``tail``, the last run of nominal words of ``words`` (words skipped
    after it, such as 则 or 确保, are not before it)."""
    if tail:
        n = len(tail)
        for i in range(len(words) - n, max(-1, len(words) - n - 4), -1):
            if words[i + 1 : i + n] == tail[1:] and words[i].endswith(tail[0]):
                return words[:i]
    return words[: len(words) - len(tail)]


class Counts(Measures):
    """Finds the noun a count or amount is of and the verb that tells its measure."""

    def counted(self, fig: Figure, left: str, stripped: str, right: str, carried: str) -> Pair:
        """A figure after a noun phrase, or a count before the thing counted."""
        r = self.rules
        if fig.kind in (Kind.COUNT, Kind.QUANTITY) and left.rstrip().endswith("的"):
            stripped = self._without_origin(stripped, right)
        words = self.ctx.words(stripped)
        tail = self.tail_words(words)
        subject = "".join(tail)
        verb = ""
        if len(tail) > 1 and tail[0] in r.gain_chars and self.nominal(subject[1:]):
            return subject[1:], tail[0]  # 获省资金奖励92万元: what was gained
        closed = not right or right.startswith(LISTED)  # nothing is done after the figure
        if fig.kind in (Kind.COUNT, Kind.QUANTITY):
            process = self._yearly_process(words, right, carried)
            if process:
                return process  # 每年炼油2000万吨, 1200万吨/年炼油: a capacity of the project
            words, tail = self._verbs_joined(words, tail)
            subject, verb = self._count_verb(words, tail, stripped, closed)
            per = _PER_HOLDING.search(stripped)
            if per and subject and not subject.startswith(per.group()):
                return subject, per.group()  # 平均每百户家庭拥有彩色电视机109.0台
            done = self._done_to_counted(fig, (words, stripped), right, verb, (subject, carried))
            if done[1]:
                return done  # 连续4次上调存款准备金率, 其中180人出院: what was done
            if not subject or (right and not right.startswith(LISTED)):
                ahead = self.head_phrase(right).lstrip(_CLOSING).rstrip(_OPENING)  # 中标产品(
                ahead = self._with_coordinate(right, ahead)
                if ahead:
                    return self._ahead_pair(ahead, words, stripped, (left, right))
            if subject and (
                subject in r.count_metric_verbs or all(w in r.count_metric_verbs for w in tail)
                or subject in r.goods_verbs  # …，出口6.5万辆: the goods named before
            ):  # 经认定达标调出65个: a measure of the noun before it, else of the carried subject
                noun = "".join(self.tail_words(_before_tail(words, tail)))
                return noun or carried, subject
            if not subject:
                done = self._nominalised(words)
                if done[0]:
                    return done  # 完成农房微改造1.5万户: 改造 is part of the thing done
        elif fig.kind is Kind.MONEY and subject:
            subject, verb = self._money_pair(words, tail, subject)
        elif fig.kind is Kind.MONEY:
            verb = self._verb_before(words)  # 花费25.08万元, 尹某分两次花了1.5万元
        return (subject, verb) if subject else self._unnamed(words, stripped, verb, carried)

    def _without_origin(self, stripped: str, right: str) -> str:
        """``stripped`` without where the things counted after the figure come from, where
        nothing is said of them after their name (吸引了|来自国内的|300多家制药厂商、…: the
        verb before tells the measure; not 看到来自安徽的10多辆大卡车停在…)."""
        origin = _FROM_ORIGIN.search(stripped)
        noun = self.head_phrase(right)
        if not origin or origin.start() == 0 or not noun:
            return stripped
        rest = right[right.find(noun) + len(noun) :] if noun in right else "?"
        return stripped[: origin.start()] if not rest or rest.startswith(LISTED) else stripped

    def _yearly_process(self, words: list[str], right: str, carried: str) -> Pair | None:
        """(the plant or project, the process) of a yearly amount of a process tagged a noun
        (每年炼油2000万吨, 一期项目包括1200万吨/年炼油 → 一期项目 / 炼油); None for any other."""
        r = self.rules
        after = right[2:] if right.startswith("/年") else ""
        process = next((p for p in r.yearly_processes if after.startswith(p)), "")
        rest = words
        if not process and words[-1:] and words[-1] in r.yearly_processes:
            rest = words[:-1]  # 每年|炼油|2000万吨 (not 1200万吨|/年炼油和|100万吨)
            if (rest[-1:] == ["年"] and rest[-2:-1] != ["/"]) or rest[-1:] == ["每年"]:
                process, rest = words[-1], rest[:-1]
        if not process:
            return None
        owner = "".join(self._opening(rest))  # 一期项目|包括 (项目 alone refers back)
        owner = owner if len(owner) > 2 and self.is_entity(owner) else ""
        return owner or self.clause_entity() or carried or self.topic(), process

    def _with_coordinate(self, right: str, noun: str) -> str:
        """The noun counted after a figure with a short noun joined to it by 和 (43个国家和地区
        报名参会 → 国家和地区, 52个集体和个人), where a verb follows them; else ``noun``. (与 is
        "with": 136家企业与上海企业建立合作关系.)"""
        if not noun or not right.startswith(noun + "和"):
            return noun
        rest = right[len(noun) + 1 :]
        other = self.head_phrase(rest)
        if not 1 < len(other) <= 4 or not rest.startswith(other) or not all(
            self.ctx.word_class(w)[:1] in ("n", "j") for w in self.ctx.words(other)
        ):
            return noun
        after = self.ctx.words(rest[len(other) : len(other) + 8])
        led = bool(after) and self.ctx.word_class(after[0]) in self.rules.verb_classes
        return noun + "和" + other if led else noun

    def _unnamed(self, words: list[str], stripped: str, verb: str, carried: str) -> Pair:
        """(subject, ``verb``) of a figure whose clause ends in no noun: the noun before the verb
        that ends it, the one a change starts from, the clause's head or the ``carried`` one."""
        if verb and words[-1] == verb:  # “双千工程”项目认定37项
            noun = "".join(self.tail_words(words[:-1]))
            if noun:
                return noun, verb
        earlier = re.split(r"[由从]", stripped)
        if len(earlier) > 1:  # 地区生产总值由2015年的45.58亿元增长到…
            return self.tail_phrase(earlier[-2]) or carried, verb
        return self._clause_head(stripped) or carried, verb

    def _verbs_joined(self, words: list[str], tail: list[str]) -> tuple[list[str], list[str]]:
        """(``words``, their ``tail``) with a listed verb that the segmenter cut in two made one
        word again (企业|参与制|修订|国家标准 → 参与制修订, 立项|建设 → 立项建设, 引|育 → 引育,
        提|档|升级 → 提档升级)."""
        verbs = self.rules.count_metric_verbs
        out: list[str] = []
        for i, w in enumerate(words):
            if out and len(out[-1]) + len(w) > 3 and out[-1] + w in verbs and w not in verbs:
                out[-1] += w
            elif out and len(out[-1]) == 1 and out[-1] + w in verbs and w not in verbs and (
                len(words[i + 1 : i + 2][0] if words[i + 1 :] else "") != 1
            ):  # 引|育|工业互联网: single characters the segmenter left of a listed verb (not
                out[-1] += w  # 新|上|牌, a piece of another word)
            elif len(out) > 1 and len(out[-2]) == len(out[-1]) == 1 and (
                out[-2] + out[-1] + w in verbs
            ):
                out[-2:] = [out[-2] + out[-1] + w]  # 提|档|升级
            else:
                out.append(w)
        return (words, tail) if len(out) == len(words) else (out, self.tail_words(out))

    def _ahead_pair(
        self, ahead: str, words: list[str], stripped: str, clause: tuple[str, str]
    ) -> Pair:
        """(the noun counted after the figure, its verb): the verb before (新改建27条农村公路)
        or the predicate after the noun (12个路口进行了改造, 1587个事项“就近办”)."""
        r = self.rules
        left, right = clause
        before = (
            ending(stripped, r.count_verbs_longest)
            or self._verb_before(words) or self._verb_before_list(stripped)
        )  # fmt: skip
        before = before or self._owner_between(words)
        led = bool(words) and words[-1] not in _NAME_OPENERS and (
            self.ctx.word_class(words[-1]) in r.verb_classes
            or (words[-1] == "等" and self._list_led())
        )  # 帮助78家企业解决…, 围绕A、B等5个产业链开展…: a verb leads (not 有, 共有)
        work = self._work_in(ahead) if before in r.leading_work_verbs else ""
        if before in r.leading_work_verbs and (work or self._action_after(right, ahead)):
            if before in r.count_done_verbs:  # 完成4.5万户气代煤改造: the work is what is counted
                done = ahead if work else DIGIT.split(right, 1)[0].rstrip(JOINERS + "等")
                return done, before  # (…工程|和30座)
            return ahead[: len(ahead) - len(work)], ""  # 推进3个示范区建设, 推进9个项目建设:
            # the work done on them is named after
        if words and words[-1] in r.causative_verbs:  # 组织28家企业入驻平台: what they do is
            idle = right.rstrip(_CLOSING) == ahead and all(  # led by the verb; 组织10场境外招商:
                self.ctx.word_class(w) != "v" for w in self.ctx.words(ahead)  # nothing done
            )  # fmt: skip
            return ahead, words[-1] if idle else ""
        after = self.predicate_after(right, ahead, left.startswith("对"), led)
        if after[:1] in r.predicate_chars:
            return ahead, after  # 零基预算改革等3项工作获…推介: what befell them
        return ahead, before or after or self._verb_ending(words[-1:])

    def _done_to_counted(
        self, fig: Figure, clause: tuple[list[str], str], right: str, verb: str, named: Pair
    ) -> Pair:
        """(what was done to, the verb) of a count of times (4次上调存款准备金率), or (the ones
        counted, the verb) of a count followed by what they did (180人出院); ("", "") else.
        ``clause``: the words and text before the figure; ``verb``: the verb found in them;
        ``named``: the subject found there and the one carried."""
        done = self._done_times(fig, right)
        if done[0] or verb:
            return done
        words, stripped = clause
        alone = self._verb_alone(fig, words, right)
        if not alone:
            return "", ""
        subject, carried = named
        said = self.said_before(carried, fig.start)
        return subject or self._clause_head(stripped) or (carried if said else ""), alone

    def _verb_alone(self, fig: Figure, words: list[str], right: str) -> str:
        """The verb that is the whole clause after a count (180人|出院), not after a verb that
        acts on what is counted (出台20条举措, 退了1万多只回来) or a count of times (2次加息);
        "" where none. ``words``: the clause before the figure."""
        if fig.unit in _TIMES_UNITS or (words and (
            self.ctx.word_class(words[-1]) in self.rules.verb_classes or words[-1] in ASPECTS
        )):  # fmt: skip
            return ""
        if not 2 <= len(right.strip()) <= _VERB_LONGEST:
            return ""
        after = self.ctx.words(right.strip())
        if len(after) != 1 or len(after[0]) < 2 or after[0] in self.rules.terms:
            return ""
        return after[0] if self.ctx.word_class(after[0]) == "v" else ""

    def _owner_between(self, words: list[str]) -> str:
        """The verb before a noun that owns the things counted after the figure (承接地税局4项
        工程 → 承接); "" where none."""
        if len(words) < 2 or not _OWNER.search(words[-1]) or self.before.endswith(LISTED):
            return ""  # (确定30家销售企业和20家回收企业: an item of a list)
        return words[-2] if self.telling(words[-2]) else ""

    def _done_times(self, fig: Figure, right: str) -> Pair:
        """(what was done to, the verb) of a count of times followed by its verb and object
        (4次上调存款准备金率 → 存款准备金率 / 上调); ("", "") otherwise."""
        if fig.unit not in _TIMES_UNITS:
            return "", ""
        words = self.ctx.words(right[:16])
        if not words or not self.telling(words[0]):
            return "", ""
        m = _OBJECT.match(right[len(words[0]) :])
        obj = m.group() if m else ""
        return (obj, words[0]) if obj and self.nominal(obj) else ("", "")

    def _count_verb(
        self, words: list[str], tail: list[str], stripped: str, closed: bool
    ) -> Pair:
        """(the counted noun, the verb that tells its measure) from the words before a count;
        ``closed``: nothing is done after the figure, so a causative verb before the noun leads
        nothing else (组织各类招商活动34次 → 招商活动 / 组织)."""
        r = self.rules
        subject = "".join(tail)
        led = closed and bool(tail) and all(self.ctx.word_class(w) != "v" for w in tail[1:])
        rest = _before_tail(words, tail)
        since = max(
            (k for k, w in enumerate(rest) if w in AFTERWARDS and self.done_before(rest[:k])),
            default=-1,
        )
        rest = rest[since + 1 :]  # 生态城建成后|人口: the verb before 后 is not its measure
        if rest and rest[-1] in _FOR_WHOM:
            k = next((k for k in range(1, len(tail) - 1) if self.telling(tail[k])), 0)
            if k:  # 向社会|提供|就业岗位410个: the verb done for someone, and its object
                return "".join(tail[k + 1 :]), tail[k]
        if rest[-1:] == ["新"] and len(tail) > 1 and tail[0] not in r.name_verbs and (
            tail[0] in r.result_verbs or self.telling("新" + tail[0])
        ) and (len(rest) == 1 or self.ctx.word_class(rest[-2])[:1] not in ("n", "j")):
            # 新|备案|国家科技型中小企业161家: a verb of something new and its object (not
            # 新|就业|群体, 陆海|新|通道)
            return "".join(tail[1:]), "新" + tail[0]
        if len(rest) > 1 and rest[0] in r.count_metric_verbs and all(
            self.ctx.word_class(w) not in r.not_nominal_classes
            and (w not in r.breakers or w in r.scopes)
            and not DIGIT_OR_MARK.search(w)
            for w in words[1:]
        ):  # 新增|全国|乡村|治理|示范村: the verb opening the clause governs the whole name
            return "".join(words[1:]), rest[0]
        verb = next((w for w in reversed(rest) if w in r.count_metric_verbs), "")
        if verb in r.result_verbs and rest[-2:] == ["新", verb]:
            verb = "新" + verb  # 新备案国家科技型中小企业161家: something new
        if verb in r.level_verbs and rest[-1:] == [verb] and len(tail) == 1:
            noun, opening = self._verb_opening(subject)
            if opening:
                return noun, opening  # 累计|接待游客 → 游客 / 接待: the verb joined to its object
        verb = (
            verb or self._verb_in(words, tail) or self._verb_ending(rest[-1:])
            or self._verb_before(rest, led=led) or self._verb_before_list(stripped)
        )  # fmt: skip
        if verb and len(rest) > 1 and rest[-1] == verb and verb not in r.count_metric_verbs and (
            rest[-2] in _NAME_OPENERS
        ):  # 其中竞价品种453个, 拥有生产企业800多家: a name
            return verb + subject, ""
        if not verb and len(tail) == 1:
            subject, verb = self._verb_opening(subject)  # 接待游客 → 游客 / 接待
        if not verb:
            subject, verb = self._verb_object(tail, rest, subject, counted=True, led=led)
            opened = len(tail) == 2 and _opens_clause(rest)  # 开行中欧班列863列: no capacity
            entity = self.clause_entity() if verb and not opened else ""
            if entity:
                return entity, verb + subject  # 一期工程…，年生产铁精粉500万吨: its capacity
        elif rest[-2:] == ["年", verb]:  # a yearly capacity: of the project or phase named
            entity = self.tail_phrase("".join(rest[:-2]))  # 二期工程年处理铁矿石3000万吨
            entity = entity if self.is_entity(entity) else self.clause_entity()
            if entity:
                return entity, verb + subject  # 一期工程…，年处理铁矿石1500万吨
        if not verb and subject and not self.indicator_name(subject):
            verb = self._done_after(words, tail)  # 70项重点任务|完成|62项
        return subject, verb

    def _done_after(self, words: list[str], tail: list[str]) -> str:
        """The verb of results between a counted noun and its count (重点任务|完成|62项 → 完成),
        which the noun's name skips as a filler; "" where none."""
        after = words[len(_before_tail(words, tail)) + len(tail) :]
        if DIGIT_OR_MARK.search("".join(after)):
            return ""  # （10）完成1万户…: not the noun's own clause
        return next((w for w in after if w in self.rules.count_done_verbs), "")

    def _clause_head(self, stripped: str) -> str:
        """The noun phrase that opens a clause of several predicates, the subject of each:
        地区生产总值突破“五百亿”、达513.35亿元 → 地区生产总值."""
        if "、" not in stripped:
            return ""
        head = self.head_phrase(stripped)
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
        if not word.endswith(self.rules.count_verbs_longest):
            return ""
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

    def _verb_before(self, words: list[str], *, led: bool = False) -> str:
        """The verb that ends ``words``, particles, adverbs and fillers skipped, if it tells a
        measure apart (抢通恢复了 → 恢复, 每年投入 → 投入), or if the noun it takes is ``led``
        and it is a causative verb (组织各类招商活动34次: the noun does nothing after it); "" for a
        generic verb or none."""
        r = self.rules
        for i in range(len(words) - 1, max(-1, len(words) - 4), -1):
            w = words[i]
            if (
                w in r.fillers or w in r.local_words or w in r.determiners or w in r.levels
                or (w == "以上" and i and words[i - 1] in r.levels)
                or self.ctx.word_class(w) in _SKIPPED_CLASSES
            ):  # fmt: skip
                continue  # 带来了|当地|15家, 争创|省级|以上|绿色工厂: a place or level word
            if led and w in r.causative_verbs and (i == 0 or self._opens_after(words[i - 1])):
                return w  # 全年|组织|各类|招商活动 (not 国家|重点|支持|“小巨人”企业)
            leveled = words[i + 1 : i + 2] != [] and words[i + 1] in r.levels
            return w if self.telling(w) and not (leveled and w in r.name_verbs) else ""
        return ""

    def _opens_after(self, word: str) -> bool:
        """Whether a clause's verb may follow ``word``: a mark, a time or an adverb (全年|组织),
        not a word of a name (人民调解|组织: an organisation)."""
        return not any(c.isalnum() for c in word) or self.ctx.word_class(word) in ("t", "d", "m")

    def _list_clause(self) -> str:
        """The clause before the figure, from its last clause mark."""
        before = self.before
        return before[max(before.rfind(c) for c in "，,；;。：:\n") + 1 :]

    def _list_opening(self) -> list[str]:
        """The words of the clause before the figure up to its first list item (九江还引进首钢、
        省物、铁王等 → 九江|还|引进|首钢)."""
        return self.ctx.words(self._list_clause().split("、")[0])

    def _list_led(self) -> bool:
        """Whether a verb opens the list ending in 等 before a figure (围绕聚碳新材料、丙烯等);
        before a single name and 等, only a verb that opens the clause (推动水润佳禾等10个农业
        园区…): the other verbs are words of the name (中关村国家自主创新示范区…项目等6个示范
        项目)."""
        words = self._list_opening()
        if "、" not in self._list_clause():
            opening = next(
                (w for w in words if self.ctx.word_class(w) not in ("d", "t", "c")), ""
            )
            return opening != words[-1] and self.ctx.word_class(opening) in (
                self.rules.verb_classes
            )
        return any(
            self.ctx.word_class(w) in self.rules.verb_classes and w not in _HAVING
            for w in words[:-1]
        )  # (已有美国、英国等43个国家和地区报名参会: 有 leads nothing)

    def _verb_before_list(self, stripped: str) -> str:
        """The verb before a list that ends in 等 right before the figure (九江还引进首钢、
        省物、铁王等近500家商企 → 引进)."""
        if not stripped.endswith("等"):
            return ""
        words = self._list_opening()[:-1]  # (not the first item: 宏碁、惠普…等 is a list of firms)
        if words and words[0] in self.rules.count_metric_verbs and words[0] not in (
            self.rules.targets
        ):  # (争取…等8个项目投产运营: a goal's word, not the verb of the count)
            return words[0]  # 新开工|晏城|至|表白|寺等2个项目: the verb of results opening it
        return next((w for w in reversed(words[-3:]) if len(w) > 1 and self.telling(w)), "")

    def object_after(self, words: list[str], right: str) -> Pair:
        """(the noun after an amount, the verb right before it) where a verb that tells a measure
        takes the amount and its noun as object (已签下超过50亿美元大单, 可获10万元银行信贷支持);
        ("", "") otherwise."""
        if not words:
            return "", ""
        verb = words[-2] if words[-1] in ("了", "到") and len(words) > 1 else words[-1]
        if not (self.telling(verb) or verb in self.rules.count_metric_verbs) or (
            self.ctx.word_class(verb) != "v"
        ):
            return "", ""
        noun = self.head_phrase(right)
        if not noun or not right.startswith(noun) or self.is_measure(noun) or (
            (noun.startswith("“") and noun.endswith("”")) or noun.startswith("人民币")
            or not self.nominal(noun)
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
        if len(tail) < 2 or len(tail[-1]) != 2 or not self.telling(tail[-1]):
            return subject, ""
        verb, before = tail[-1], tail[-2]
        if self.ctx.word_class(verb) != "v" or verb in r.spending or verb in r.entity_measures:
            return subject, ""
        if self.ctx.word_class(before) not in ("nr", "p", "d", ""):
            return subject, ""
        doer = self.tail_phrase("".join(tail[:-1]).rstrip("因"))
        return (doer, verb) if doer else (subject, "")

    def _verb_object(
        self, tail: list[str], rest: list[str], subject: str, *, counted: bool = False,
        led: bool = False,
    ) -> Pair:
        """(object, verb) of a verb and its object before a figure, the verb after a word of the
        clause (卧龙湾太行雪乡共|接待|游客 → 游客 / 接待), or opening it before a long object
        (铺设|城区|供水|管网 → 城区供水管网 / 铺设); else (subject, ""). A verb opening the clause
        before a one-word object (在建|项目, 循环|使用寿命) is part of the name, unless it takes the
        things ``counted`` as its object (上架|产品近1000款); a causative verb only where its noun
        is ``led`` to nothing after the figure (支持|项目4200余个)."""
        r = self.rules
        if (
            len(tail) > 2 and self.ctx.word_class(tail[0]) in ("d", "ad")
            and self.ctx.word_class(tail[1]) == "v"  # (not 更新|供热|管网, a verb used as a noun)
            and not self.is_measure(tail[-1]) and tail[-1] not in r.level_nouns
        ):  # fmt: skip
            rest, tail = [*rest, tail[0]], tail[1:]  # 直接|提供|就业岗位 (not 直接|融资|规模)
        if len(tail) < 2 or len(tail[0]) < 2 or not (
            self.telling(tail[0]) or (
                led and tail[0] in r.causative_verbs and (not rest or self._opens_after(rest[-1]))
            )
        ):  # 支持|项目4200余个: a causative verb leading nothing after the figure
            return subject, ""
        obj = "".join(tail[1:])
        opening = (
            not rest or rest[-1] in r.scopes or rest[-1] in JOINERS or rest[-1] in _NAME_OPENERS
            or not any(c.isalnum() for c in rest[-1])
        )  # fmt: skip
        if opening and (len(tail) < 3 or self.ctx.word_class(tail[1]) in ("q", "m", "f", "mq")):
            if counted and len(tail) == 2 and self._takes_object(tail, rest):
                return obj, tail[0]  # 上架|产品近1000款: a verb and its object
            return subject, ""  # 服务|类|采购规模, 和创新|服务机构: a name, not a verb and object
        return obj, tail[0]

    def _takes_object(self, tail: list[str], rest: list[str]) -> bool:
        """Whether the verb opening a clause before a one-word noun takes it as its object
        (上架|产品, 招聘|人员, 生产|汽车) rather than naming it (在建|项目, 就业|人员,
        循环|使用寿命, 出口|企业)."""
        r = self.rules
        verb, noun = tail
        goods = verb in r.goods_verbs and not noun.endswith((*r.entity_heads, *r.actor_heads))
        return (
            _opens_clause(rest)
            and (self.ctx.word_class(verb) == "v" or goods) and verb not in r.name_verbs
            and not self.is_measure(noun) and not noun.endswith(_MEASURE_ENDS)
            and noun not in r.level_nouns and self.ctx.word_class(noun) not in _NAMED_CLASSES
            and self.nominal(noun)
        )  # fmt: skip  # (收养|人数: a measure; 交付|土库曼斯坦15组…: a place)

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
                if DIGIT_MARK_OR_QUOTE.search(noun):
                    return "", ""
                return noun, w
            if w in r.breakers:
                break
        return "", ""

    def _work_in(self, noun: str) -> str:
        """The work done that ends the noun phrase after a figure (项目|建设, 小流域|综合治理,
        国省道|改建), after a name of two characters or more; "" where none."""
        work = ending(noun, self.rules.work_words)
        rest = noun[: len(noun) - len(work)]
        if not work or len(rest) < 2:
            return ""
        last = self.ctx.words(rest)[-1:]
        named = bool(last) and self.ctx.word_class(last[0]) not in self.rules.verb_classes
        return work if named and self.nominal(rest) else ""

    def _action_after(self, right: str, noun: str) -> bool:
        """Whether the clause after a counted noun ends in the work done on it (3个示范区和2条
        示范线建设, 7个“空心村”治理), so that the verb before the figure only leads it."""
        if len(right) >= 24 or not right.startswith(noun):
            return False  # the clause's end is not in sight
        named = self.ctx.words(noun)
        if len(named) > 1 and named[-1] in self.rules.work_words:
            return True  # 17个领域碳达峰工作, 30个产业集群大气污染综合治理: the work in the noun
        words = self.ctx.words(right)
        last = words[-1] if len(words) > 1 else ""
        return (
            len(last) >= 2 and last not in noun and last not in self.rules.result_verbs
            and self.ctx.word_class(last) in self.rules.verb_classes
        )  # fmt: skip

    def described_pair(self, fig: Figure, left: str, right: str, pair: Pair) -> Pair:
        """The pair with the noun the figure describes as subject, if it describes one."""
        spent = ""
        if fig.kind is Kind.MONEY:
            spent = ending(left.rstrip().removesuffix("资金"), self.rules.spending)  # 投入资金
        described = self._described(right, spent, of_count=fig.kind is Kind.COUNT)
        if not described and spent and not right.strip() and left.strip() == spent:
            following = _NEXT_CLAUSE.match(self.ctx.norm, fig.end)  # 投资4648万元，实施…项目
            described = self._purpose(following.group(1)) if following else ""
        if not described or (spent and self.is_measure(self.ctx.words(described)[-1])):
            return pair  # 投资36亿元扩大发动机产能: a measure raised is no thing built
        verb = "" if pair[1] or spent else self._verb_before(self.ctx.words(left))
        if spent and pair[1] == spent + "资金":
            return described, spent  # 投入资金20亿元实施…: the money is what is spent
        return described, pair[1] or spent or verb  # 生产1亿台以上的笔记本电脑 → 生产

    def _described(self, right: str, spent: str, *, of_count: bool = False) -> str:
        """The noun a figure describes, written after it with 的 (每月1000元的子女托育券 →
        子女托育券, 投资6.8亿元建设的广东钢材交易中心) or, for an amount ``spent`` (投入,
        投资), after the verb of its purpose (投入79亿元打造十大青年标志性项目); for a count
        (``of_count``), also after a verb and its object (7家来自玉环的参会企业); "" where none,
        where the noun is a base or a place in the text (在去年5700吨的基础上), or a measure
        after such a clause."""
        if spent not in self.rules.spending and "的" not in right[:13]:
            return ""  # no 的 after the figure or after a verb of at most 12 characters
        written = _DESCRIBES.match(right) is not None  # 的 right after the figure
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
        elif of_count and len(verb) > 1 and not spent and verb not in self.rules.generic_verbs:
            relative = _RELATIVE.match(right, len(verb))  # 7家来自玉环的参会企业 (not 托|位数的)
            right = right[relative.end() :] if relative else right
        elif of_count and not spent and (lead := self._measure_opening(words)):
            relative = _MEASURED.match(right, lead)  # 3家年产值过亿元的企业
            right = right[relative.end() :] if relative else right
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
        named = _NAMED_THEN_KIND.match(rest)
        rest = rest[named.end() :] if named else rest  # 总投资11.4亿元的A、B等|4个文旅项目
        counted = _COUNT_OPENING.match(rest) if written else None
        rest = rest[counted.end() :] if counted else rest  # 总投资280亿元的15个…龙头项目: those
        noun = self.head_phrase(rest)
        if not noun or not rest.startswith(noun) or not self.nominal(noun):
            return ""
        after = rest[len(noun) :]
        if after[:1] in ("上", "中", "内", "里", "下"):
            return ""
        noun = noun.removesuffix("之一")  # 2所具备接生资质的卫生院之一
        measured = of_count and not written and self.is_measure(self.ctx.words(noun)[-1])
        return "" if measured else noun  # (10个建设项目的总投资: a measure, no thing counted)

    def _measure_opening(self, words: list[str]) -> int:
        """The length of the measure that ``words`` open with (年产值, 年|销售收入), 0 if none."""
        return next(
            (len(m) for n in (1, 2) if self.is_measure(m := "".join(words[:n])) and m), 0
        )

    def _purpose(self, clause: str) -> str:
        """The thing a clause opening with a verb works on (实施学校改扩建项目8个 → 学校改扩建
        项目), the purpose of an amount spent in the clause before; "" where none."""
        words = self.ctx.words(clause)
        if len(words) < 2 or self.ctx.word_class(words[0]) not in self.rules.verb_classes:
            return ""
        rest = clause[len(words[0]) :]
        noun = self.head_phrase(rest)
        return noun if noun and rest.startswith(noun) and self.nominal(noun) else ""
