"""The measure a figure gives and what it is of: measure nouns, prices and price lists, rates,
shares, comparisons and changes."""

from __future__ import annotations

import re

from govnlp.linking.owners import FIRM, Owners, without_scope
from govnlp.linking.phrases import SPAN_OF_YEARS, Pair, ending
from govnlp.linking.state import ParagraphState
from govnlp.records import Figure, Kind

_REFERRED_YEARLY = re.compile("[该此](?:公司|企业|集团|项目|工程|基地|工厂)年$")  # 该公司年|产值
_SHARE_STOP = re.compile(r"[0-9（(、和及与或]|以上|以下|左右|以内")
_TIMES = re.compile(r"(?:分别)?(是[^是，,]{1,12}?)$")  # the base of a multiple: 是2005年(的)
# the base of a change: 在去年5700吨的基础上增加22% (the subject stands before 在)
_ON_BASE = re.compile(r"(?:在[^在，,；;]*?)?的?基础上$")
# any base of comparison before a change (比国家零售指导价降低, 较上一轮采购价下降, 与…相比)
_OTHER_BASE = re.compile(
    r"(?:(?:与|和|同)[^，,；;。：:]{1,16}相比[^，,；;。：:]{0,4}|(?:比|较)(?![例重率较])[^，,；;。：:比较]{1,16})$"
)
_GRADE = r"[特弱强超]?[一二三四五六七八九十0-9]{1,2}级"  # 3级, 弱三级: a grade of a price list
_PRICE_WORDS = r"(销售报价|收购报价|收购价格|销售价格|出厂价|报价)"  # the words of a price list
_GRADED_GOODS = re.compile(
    _GRADE + r"([^0-9一二三四五六七八九十，,。；;：:、（(\s]{1,6}?)[0-9]"
)  # 3级大包棉28500元: the goods the grades of a price list are of
_GRADE_AT = re.compile(_GRADE)
_PRICE_OF = re.compile(r"([^，,。；;：:\s]{1,10}?)" + _PRICE_WORDS)  # 地产棉销售报价: its goods
# a price word opening a list by grade (重点产棉县报价：3级大包棉…): the word a list goes on with
_PRICE_LIST = re.compile(_PRICE_WORDS + r"[：:为]?" + _GRADE)
# the owner of a measure had in a place (东风日产在花都的总投资): the name before 在
_HAD_IN = re.compile(r"([^在，,。；;：:]{2,16})在[^在，,。；;：:的]{1,10}的$")
_AT_PLACE = re.compile(r"在([^在，,。；;\s]{1,8})$")  # 在花都 (投入): where a thing is done
_MEASURE_PHRASE = 14  # characters from a verb of a new amount to the figure (新增|校舍建筑面积)
_NOT_IN_PHRASE = ("v", "p", "d", "c", "m", "u", "uj", "r")  # words that end a measure phrase
_MARK = re.compile(r"[0-9，,。；;：:、“”()（）]")
_OF_PLAN = re.compile(r"[^，,。；;：:、0-9的占率]{1,20}的?")  # 完成|全年采购任务的: the plan
_WORD_REACH = 8  # characters read for the word that ends a phrase
_COMPARED = re.compile(
    r"(.*?[^\s，,])(比|较)([^，,。；;比较]{1,16}?)(?<![降增提减升])(高出|低出|高|低|多|少|快|慢|便宜|贵)"
)  # 水电的价格都要比上海便宜: the thing, 比, what with, how
_SHARE_PARTICLE = re.compile(r"^(据?)[了到]")  # 占到|用电总量, 占据了|整个市场
_OF_AFTER = re.compile(r"^(?:/[^/的，,。；;\s0-9]{1,4})?的")  # 13.2%的|增速, 9元/公斤的|平均价格
_NOMINAL_CLASSES = ("n", "vn", "b", "j", "l", "an")  # words that go on a noun phrase
_CONTRIBUTION = re.compile(r"([^，,。；;：:、\s]{1,12})(对[^，,。；;：:、\s对]{1,10}?贡献率)$")


class Measures(Owners):
    """Finds the measure a figure gives (a measure noun, a price, a rate, a change)."""

    def names_measure(self, phrase: str) -> bool:
        """Whether ``phrase`` is a measure or an indicator's name (财政收入, 地区生产总值)."""
        r = self.rules
        return self.is_measure(phrase) or phrase in r.indicator_forms or (
            phrase.endswith(r.measure_ends) or phrase.endswith(r.topic_measures)
        )

    def graded(self, grade: str, goods: str, metric: str) -> Pair:
        """(grade + goods, the price word) of a price in a list by grade: the goods written
        after the grade, else after the list's first grade (3级大包棉28500元/吨，4级…), else
        before the sentence's price word (调低了地产棉销售报价，其中三级报价…), else the
        sentence's topic (新疆棉也有较大跌幅，2级29800元/吨)."""
        before = self.before
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
        named = named or self.topic()
        return grade + named, metric or word or (price.group(2) if price else "") or (
            self._listed_price()
        )

    def _listed_price(self) -> str:
        """The price word of the list by grade in the sentence before, in the same paragraph,
        that a list by grade without a price word goes on with (…县报价：3级大包棉28500元/吨，
        …。新疆棉也有较大跌幅，2级29800元/吨 → 报价); "" where none."""
        norm, at = self.ctx.norm, self.sentence_start
        opened = max(norm.rfind("\n", 0, at), norm.rfind("。", 0, max(0, at - 1)))
        lists = list(_PRICE_LIST.finditer(norm, opened + 1, at))
        return lists[-1].group(1) if lists else ""

    def _priced_goods(self, text: str) -> Pair:
        """(goods, price word) of the words after a grade: 籽棉收购报价 → (籽棉, 收购报价)."""
        word = next((p for p in self.rules.price_ends if text.endswith(p)), "")
        return text[: len(text) - len(word)], word

    def changed(self, stripped: str, carried: str, counted: bool) -> Pair | None:
        """A change of an amount, count or quantity: 比上年减产849吨, 由45.58亿元增长到70.11亿元."""
        r = self.rules
        direction = ending(stripped.removesuffix("了"), r.directions)
        if direction:
            before = stripped.removesuffix("了")[: -len(direction)]  # 实际下调了|15000元
            head = _OTHER_BASE.sub("", _ON_BASE.sub("", r.compare.sub("", before)))
            return self.tail_phrase(head) or carried, self._with_base(before, direction)
        change = ending(stripped, r.level_changes)
        if change:
            before = stripped[: -len(change)]
            head = re.split(r"[由从]", before)[0]
            if head == before:  # no start level: 鲜叶价格升至140元, 高新技术企业增至292家
                price = next((p for p in r.prices if head.endswith(p)), "")
                if price:
                    return self.tail_phrase(head[: -len(price)]) or carried, price
                if counted:
                    return self.tail_phrase(head) or carried, ""  # a count's new level
            return self.tail_phrase(head) or carried, change
        return None

    def measured(
        self, fig: Figure, paragraph: ParagraphState, stripped: str, right: str, carried: str
    ) -> Pair | None:
        """A measure noun before the figure: (企业)完成产值1900亿元, 总投资796.5亿元."""
        r = self.rules
        measure = ending(stripped, r.topic_measures)
        if measure and "年" + measure in r.entity_measures and _REFERRED_YEARLY.search(
            stripped[: -len(measure)]
        ):
            measure = ""  # 该公司年产值: a yearly measure of the thing referred back to
        if measure:
            before = without_scope(stripped[: -len(measure)])
            words = self.ctx.words(before)
            if not words or words[-1] in r.breakers or words[-1] in r.fillers or (
                before != stripped[: -len(measure)]
            ):
                if fig.kind is Kind.MONEY:
                    paragraph.money_metric = measure
                topic = self.tail_phrase(before) or self.opening_name(before, measure)
                if topic == FIRM:
                    topic = self.firm_named(topic, fig.start)  # 公司上半年实现营业总收入
                owner = topic or self.clause_entity() or carried or self.topic()
                return owner, measure  # (企业)完成产值1900亿元, 格力电器2010年实现营业收入
        metric = ending(stripped, r.metrics)
        if metric:
            if fig.kind is Kind.MONEY:
                paragraph.money_metric = metric
            head = self.tail_phrase(stripped[: -len(metric)])
            if head in r.generic_verbs:
                head = ""  # 建设30个安置房项目，涉及总投资约132.4亿元: no name before the measure
            if not head:
                had_in = _HAD_IN.search(stripped[: -len(metric)])
                head = self.tail_phrase(had_in.group(1)) if had_in else ""  # 东风日产|在花都的
            after = self.head_phrase(right[1:]) if right.startswith("的") else ""
            owner = after or head or self.clause_entity() or carried or self.thing_before()
            return owner or self.topic(), metric
        return self._of_entity(stripped, right, carried, fig.kind is Kind.COUNT)

    def _of_entity(
        self, stripped: str, right: str, carried: str, counted: bool = False
    ) -> Pair | None:
        """A measure of a named thing (某某公园投资5000万元, 天定高速公路全长235公里, 占地500亩
        after the structure is named): (the thing, the measure); a measure inside an indicator's
        name (粮食产量, 农业产值) stays in the subject."""
        r = self.rules
        measure = ending(stripped, r.entity_measures) or self._article_measure(stripped)
        if not measure:
            return None
        last = self.ctx.words(stripped[-_WORD_REACH:])[-1:]
        if last and last[0] != measure and last[0].endswith(measure) and (
            last[0] in r.indicator_forms or last[0] in r.terms or last[0].startswith(r.per_measures)
        ) and not self.is_entity(last[0][: -len(measure)]):  # (项目投资: a project's)
            return None  # 人均可支配收入: an indicator's word, the measure inside it is no split
        before = without_scope(stripped[: -len(measure)])
        placed = _AT_PLACE.search(before)
        if placed and placed.start() > 0 and placed.group(1) in r.place_names:
            before = before[: placed.start()]  # 东风日产计划在花都投入: the place is where
        words = self.ctx.words(before)
        head = self.tail_phrase(before)
        if head and (not self.nominal(head) or head in r.generic_verbs):
            head = ""  # 这是一家投资5.5亿元, 共涉及采购资金: no name before the measure
        if head and measure in r.prices:
            head, measure = self._price_kind(head, measure)  # 平均批发|价格: the kind of price
        nominal = bool(words) and not (
            words[-1] in r.breakers or words[-1] in r.not_subject or words[-1] in r.fillers
            or SPAN_OF_YEARS.fullmatch(words[-1])
        )  # fmt: skip
        # an article's count after 数量 (海口市高新技术企业数量突破1000家) is of the noun counted
        article = measure in r.article_measures and not self.ctx.statistical
        if head and nominal and not self.is_entity(head) and measure not in r.prices and (
            (self.indicator_name(head + measure) and not (counted and article))
            or (head in r.place_names and measure not in r.spending)
            or head.endswith(r.per_measures)
            or before[: len(before) - len(head)].endswith(tuple(r.level_verbs))
        ):  # fmt: skip  (重庆市装机容量: a place's indicator; 人均|产能: one measure)
            return None  # 粮食产量, 农业产值: an indicator's name; 完成水利投资: a named total
        if stripped in r.terms and not (head and self.is_entity(head) and nominal):
            return None  # 居民消费价格 (项目投资 is the measure of a project)
        if not nominal:  # 建龙集团还将投资50亿元: 投资 is done by the name before the adverbs
            head = self._actor(words)
            if self.ctx.statistical and words and words[-1] in r.level_verbs and (
                self.indicator_name(head + measure) and not head.endswith(r.rate_owners)
            ):  # 规上工业实现利润总额450亿元: a sector's level stated, its indicator whole
                return head + measure, ""  # (not 倍增企业实现总产值, 类项目实现投资: things')
        after = self.head_phrase(right[1:]) if right.startswith("的") else ""
        if not (after or head) and self.pronoun_before():
            head = self.owner_topic(carried)  # 海螺水泥…，它在云南拥有2条生产线，产能200万吨/年
        if not (after or head) and (
            not self.is_entity(carried) or carried not in self.clauses_before()[-2:][0]
        ):  # (a thing named in the clause just before wins over one carried from further back)
            head = self.named_clause() or self.thing_before()  # 广东钢材交易中心，占地500亩
        thing = after or head or self.clause_entity() or self.owner_topic(carried) or carried
        thing = thing or self.topic()
        thing = thing or self.previous_entity()  # 哈达果蔬批发市场。这是一家投资5.5亿元…
        if not thing and measure not in r.prices:
            thing = self.previous_entity(anywhere=True)  # …钢材交易中心奠基。占地500亩
        if not thing and measure in r.prices:
            return "", measure  # 一辆价值15.98万元: a value of something unnamed
        if not thing:
            return measure, ""  # 产量稳定在16.5亿斤: no thing named to measure
        return thing, measure  # 投资58亿元的某某项目, 某某工厂…，总建筑面积8.1万平方米

    def _article_measure(self, stripped: str) -> str:
        """The general measure noun (金额, 规模) that ends ``stripped`` in a news article, a word
        of its own after a noun (有效采购订单|金额; not 政府采购|规模, 合同资|金额); else ""."""
        measure = ending(stripped, self.rules.article_measures)
        if not measure or self.ctx.statistical:
            return ""
        at = len(stripped) - len(measure)
        words = self.ctx.words(stripped[:at])
        if not words or not self.ctx.is_word(stripped, at, measure):
            return ""
        cls = self.ctx.word_class(words[-1])
        thing = cls not in self.rules.verb_classes and cls not in self.rules.not_nominal_classes
        named = self.tail_phrase(stripped[:at])  # (定向采购计划|金额: 计划 names nothing alone)
        verb = self.ctx.words(stripped[: at - len(named)])[-1:] if named else []
        if verb and self.telling(verb[0]):
            return ""  # 争取地方政府专项债金额: the verb (争取) tells the measure
        return measure if thing and named else ""

    def _actor(self, words: list[str]) -> str:
        """The noun phrase before the adverbs, time and modal words that end ``words``
        (建龙集团|还|将 → 建龙集团, 东风日产|5|年 → 东风日产)."""
        r = self.rules
        end = len(words)
        while end > 0 and len(words) - end < 3 and (
            words[end - 1] in r.breakers or words[end - 1] in r.not_subject
            or words[end - 1] in r.fillers or SPAN_OF_YEARS.fullmatch(words[end - 1])
            or words[end - 1].isdigit()
        ):  # fmt: skip
            end -= 1
        return "".join(self.tail_words(words[:end])) if end < len(words) else ""

    def _price_kind(self, head: str, price: str) -> Pair:
        """(the goods, the price) of a price named after its kind (平均批发价格, 主流价格, 鲜叶
        销售价格 → 鲜叶 / 销售价格): the words of the kind join the price."""
        words = self.ctx.words(head)
        while words and words[-1] in self.rules.price_kinds:
            price = words.pop() + price
        return "".join(words), price

    def compared_with(self, left: str, carried: str) -> Pair | None:
        """(the thing compared, 比 + what with + how) of a figure that says by how much one thing
        exceeds another named in the clause (水电的价格都要比上海便宜20% → 水电的价格 /
        比上海便宜); None where the base is the last period or a higher unit (比上年多)."""
        m = _COMPARED.fullmatch(left.strip())
        if not m or self.rules.compare.search(m.group(2) + m.group(3)):
            return None
        thing = m.group(1)
        while thing.endswith(self.rules.compare_adverbs):
            thing = thing[: -len(next(a for a in self.rules.compare_adverbs if thing.endswith(a)))]
        name = self.tail_phrase(thing) or carried
        if name and thing.endswith(name) and thing[: -len(name)].endswith("的"):
            before = thing[: -len(name) - 1]
            owner = self.tail_phrase(before)
            if len(before) <= 6 and before.endswith(owner) and not re.search(r"[0-9、的]", before):
                owner = before  # 农超对接: a short clause opening read whole
            name = f"{owner}的{name}" if owner else name  # 农超对接的交易价
        return name, m.group(2) + m.group(3) + m.group(4)

    def measure_after(self, right: str) -> str:
        """The measure noun a figure is the value of, written after it and 的 (工业固定资产投资
        13.2%的增速 → 增速, 扬子30%的股权, 比全区9元/公斤的平均价格); "" where the noun phrase
        after 的 names a thing (30%的规模工业企业, 21万平方米的标准化厂房) or a level reached
        (达到1000家的规模)."""
        r = self.rules
        of = _OF_AFTER.match(right)
        if not of:
            return ""
        words = self.ctx.words(right[of.end() :])[:4]
        for k in (3, 2, 1):
            phrase = "".join(words[:k])
            if len(words) < k or phrase in r.level_nouns or len(phrase) < 2:
                continue
            if not (self.is_measure(phrase) or phrase.endswith(r.measures_after)):
                continue
            following = words[k] if len(words) > k else ""
            if following and self.ctx.word_class(following).startswith(_NOMINAL_CLASSES):
                return ""  # the noun phrase goes on: 的标准化|厂房
            return phrase
        return ""

    def verb_of_measure(self, left: str, pair: Pair) -> Pair:
        """(the measure phrase, the verb) of an amount whose measure follows a verb of a new or
        spent amount (新增校舍建筑面积86.9万平方米 → 校舍建筑面积 / 新增, 投入各类建设资金 →
        建设资金 / 投入); ``pair`` where no such verb leads the measure."""
        r = self.rules
        metric = pair[1]
        text = left.rstrip()
        if not metric or not text.endswith(metric) or not self.is_measure(metric):
            return pair
        for verb in r.measure_verbs:
            at = text.rfind(verb)
            if at < 0 or len(text) - at > _MEASURE_PHRASE:
                continue
            phrase = text[at + len(verb) :]
            determiner = next((d for d in r.determiners if phrase.startswith(d)), "")
            phrase = phrase[len(determiner) :]
            owner = self.ctx.words(text[:at])[-1:]  # 引进产业项目|新增实际投资: the project's
            if (owner and self.nominal(owner[0])) or phrase in r.bare_measures or (
                phrase == metric and len(phrase) <= 2
            ):  # (投入资金, 新增产值: the measure alone names nothing)
                return pair
            words = self.ctx.words(phrase)
            if words and all(
                self.ctx.word_class(w) not in _NOT_IN_PHRASE and not _MARK.search(w)
                for w in words
            ):
                return phrase, verb
        return pair

    def per_head(self, fig: Figure, left: str, carried: str) -> Pair | None:
        """(the thing, 人均) of an amount per head written after the thing named (…的支出人均为
        173.62元); None otherwise."""
        if not left.endswith("人均") or len(left) <= 3 or fig.kind is not Kind.MONEY:
            return None
        noun = self.tail_phrase(left[:-2]) or carried
        return (noun, "人均") if noun else None

    def share_of(self, right: str) -> Pair:
        """A percent that opens its clause and is followed by a group and what it does:
        (the group, the predicate) — 超50%镇街建成紧密型医联体 → (镇街, 建成紧密型医联体)."""
        text = right[1:] if right.startswith("的") else right
        subject = self.head_phrase(text)
        if not subject or not text.startswith(subject):
            return "", ""
        predicate = text[len(subject) :].strip()
        if not predicate or _SHARE_STOP.match(predicate):
            return "", ""
        digit = re.search(r"[0-9]", predicate)
        return subject, predicate[: digit.start() if digit else 20][:20]

    def percent(
        self, fig: Figure, paragraph: ParagraphState, left: str, carried: str
    ) -> Pair:
        """(subject, metric) of a percent or multiple after the words ``left``."""
        r = self.rules
        times = _TIMES.search(left) if fig.unit == "倍" else None
        if times:  # 全社会固定资产投资是2005年的2.1倍 (its 的 already stripped)
            return self.tail_phrase(left[: times.start()]) or carried, times.group(1) + "的"
        share = re.search(r"([^占]*)占(?!有率)([^占]*?)的?$", left)  # (not 市场占有率)
        if share:
            base = _SHARE_PARTICLE.sub(r"\1", share.group(2).rstrip("的"))  # 占到 → 占
            opener = next((w for w in r.share_base_openers if base.startswith(w)), "")
            if opener and len(base) - len(opener) >= 2:
                base = base[len(opener) :]  # 占不到|全国总产量, 占我们|整体销量
            named = self.tail_phrase(share.group(1))  # 已完成投资占年度计划投资的
            if not base and named in r.share_nouns:  # 比重约占1/3: the share named before 占
                return carried, self._share_named(share.group(1), named)
            prior = named if named in r.metrics else paragraph.money_metric
            subject = carried if not named or named == prior else named
            return subject, f"{prior}占{base}" if prior else f"占{base}"
        for d in r.directions:
            i = left.rfind(d)
            if i >= 0 and (
                left[i + len(d) : i + len(d) + 1] == "率" or left.endswith("率", i + len(d))
            ):
                continue  # 自然增长率为0.25‰, 对经济增长贡献率: a rate, not a change
            if i >= 0 and len(left) - (i + len(d)) <= 3:
                noun = self.tail_phrase(
                    _OTHER_BASE.sub("", _ON_BASE.sub("", r.compare.sub("", left[:i])))
                )
                noun = noun if noun and not noun.startswith(("比", "较")) else ""
                said = self.said_before(carried, fig.start)
                if carried and said and self.is_measure(noun):  # 建筑业…，力争总产值增长5%以上
                    return carried, noun + self._with_base(left[:i], d)  # (not 税收增长3.9% after
                    # another sentence's subject)
                return noun or carried, self._with_base(left[:i], d)
        compared = r.compare.search(left)
        if compared and compared.group():  # 规上工业增加值增速高于全国1.7个百分点
            noun = self.tail_phrase(left[: compared.start()])
            rate = next((w for w in r.speeds if noun.endswith(w)), "")
            if rate:  # …、增速高于全国0.6个百分点: the speed is the measure
                return noun[: -len(rate)] or carried, rate + compared.group()
            return noun or carried, compared.group()
        subject, metric = self._rate(left, carried)
        return subject, metric or self._done_share(left)

    def _done_share(self, left: str) -> str:
        """The verb of work done (完成) before a percent of the work or of a plan (春播已完成20%,
        已完成…全年60亿元采购任务的53%): the figure's metric; "" where none ends ``left``."""
        for verb in self.rules.count_done_verbs:
            at = left.rfind(verb)
            rest = left[at + len(verb) :].removeprefix("了") if at >= 0 else ""
            if at >= 0 and (not rest or _OF_PLAN.fullmatch(rest)) and not (
                rest.endswith(self.rules.progress_measures) or self.is_measure(rest)
            ):  # (完成形象进度70%: the measure is named)
                return verb
        return ""

    def _share_named(self, head: str, noun: str) -> str:
        """The share noun ``noun`` that ends ``head`` (the words before 占), with what it is the
        share of where 的 joins them (出口额的比重占63.69% → 出口额的比重)."""
        at = head.rfind(noun)
        before = head[:at]
        of = self.tail_phrase(before[:-1]) if before.endswith("的") else ""
        return f"{of}的{noun}" if of else noun

    def _rate(self, left: str, carried: str) -> Pair:
        """A percent after a noun phrase: an indicator rate (城镇调查失业率) or the rate of a
        subject (解决率)."""
        whose = _CONTRIBUTION.search(left)
        if whose:  # 服务业对经济增长贡献率: the rate names its contributor and what it adds to
            return self.tail_phrase(whose.group(1)) + whose.group(2), ""
        words = self.ctx.words(left)
        if len(words) > 1 and words[-1] == "率":
            words = [*words[:-2], words[-2] + "率"]  # 解决|率 → 解决率
        tail = self.tail_words(words)
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
                inner = self._inner_owner(tail[:-1])
                if inner:  # 规上工业企业研发机构覆盖率: the rate of what the things owned have
                    return inner, "".join(tail[:-1])[len(inner) :] + rate
                return noun + rate, ""  # 农村自来水普及率, 林木覆盖率: the state of a place
            return noun, rate  # 问题化解率, 省市重点项目完成率: the rate of things handled
        return ("".join(tail) or carried), ""

    def _inner_owner(self, words: list[str]) -> str:
        """The words of a name before a rate that name things handled or owned, where more words
        follow them (规上|工业企业|研发|机构 → 规上工业企业); "" where none do."""
        owners = self.rules.rate_owners  # (not a works: “…文化生活圈”中心|城区覆盖率)
        for i in range(len(words) - 1, 0, -1):
            owner = "".join(words[:i])
            if owner.endswith(owners) and owner not in owners:
                return owner
        return ""

    def _with_base(self, before: str, direction: str) -> str:
        """The direction word, with its base where that is a year other than the last one:
        地区生产总值比2010年增长 → 比2010年增长 (比上年增长 stays 增长)."""
        base = self.rules.year_base.search(before)
        return base.group() + direction if base else direction
