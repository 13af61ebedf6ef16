"""The product: one record per figure of a document, with its county, subject, metric, period."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from govnlp.errors import ArgumentError, ConfigError, check_text
from govnlp.figures import find as _figures
from govnlp.lexicon import Lexicon, default_lexicon
from govnlp.linking.indicator import indicator_id
from govnlp.places import find as _places
from govnlp.places import scope
from govnlp.places.find import Place
from govnlp.records import Record, Records, iso_day
from govnlp.text.normalize import normalize
from govnlp.text.scan import Scans
from govnlp.text.segment import (
    CLAUSE_BREAK,
    Block,
    Sentence,
    blocks,
    headline,
    publication_date,
    sentences,
)

if TYPE_CHECKING:
    import pandas as pd


def _as_date(value: str | dt.date | None, name: str = "date") -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    day = iso_day(value) if isinstance(value, str) else None
    if day is None:
        raise ConfigError(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}")
    return day


def _region_places(region: object, lex: Lexicon) -> list[Place]:
    """The places ``region`` names, resolved to a unit: a short name with one candidate
    (南乐) is that unit; a name that is no place, or that could be several (朝阳区), is a
    :class:`ConfigError` (it was ignored without a word)."""
    if region is None or region == "":
        return []
    if not isinstance(region, str):
        raise ArgumentError(f"region must be a str (a place's name, e.g. 南乐县), got "
                            f"{type(region).__name__}")  # fmt: skip
    places = _places.find_places(region, lexicon=lex)
    if not places:
        raise ConfigError(f"region {region!r} names no place govnlp knows: give a "
                          "county, prefecture or province by its name (南乐县, 濮阳市, 河南省)")
    if any(p.adcode for p in places):
        return places
    candidates = sorted({c for p in places for c in p.candidates})
    if len(candidates) == 1:
        return _places.find_places(candidates[0], lexicon=lex)
    raise ConfigError(f"region {region!r} could be any of {', '.join(candidates)}: give the one "
                      "meant with its prefecture or province")  # fmt: skip


def extract(
    text: str,
    *,
    doc_id: str | None = None,
    date: str | dt.date | None = None,
    region: str | None = None,
    lexicon: Lexicon | None = None,
) -> Records:
    """Every figure of ``text`` as a record (see the record contract), as a list that shows as
    a table in notebooks.

    ``date`` (publication date) resolves relative periods such as 今年以来; ``region`` (the
    issuing county, city or province, as named) is the county of last resort.

    >>> [(r.text, r.county, r.metric) for r in extract("2023年,南乐县总投资261.35亿元。")]
    [('261.35亿元', '南乐县', '总投资')]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    lex = lexicon or default_lexicon()
    doc_date = _as_date(date)
    norm = normalize(text, lexicon=lex)
    layout = blocks(norm, lexicon=lex)
    sents = sentences(norm, lexicon=lex, layout=layout)
    region_places = _region_places(region, lex)
    context = scope.context_units(region_places)
    if doc_date is None:
        doc_date = publication_date(norm, lexicon=lex)  # 发布时间：2011-06-01
    year = doc_date.year if doc_date else _opening_year(norm, sents)
    places = _outside_chrome(_places.find_places_normalized(text, norm, lex, context, year), layout)
    rules = lex.place_rules
    opening = int(rules["opening_sentences"])
    report = scope.document_unit(
        norm, sents, places, markers=rules["document_markers"], opening=opening
    )
    speaker = scope.speaker_level(norm, sents, opening, lexicon=lex)
    article = report is None and speaker is None
    if report is None and speaker in ("prefecture", "province"):
        report = scope.dominant_unit(places, speaker)  # 我代表市人民政府…: the city it names most
    doc_area = _document_area(norm, layout, places, region_places, report, article, lex)
    # in a city's or province's document a county named in a sentence owns only its clause
    if doc_area is not None:
        wide_doc = doc_area.level != "county"
    else:  # 我代表市人民政府…: a city's report that does not name its city
        wide_doc = speaker in ("prefecture", "province")
    sections = scope.section_counties(norm, layout, places, lexicon=lex)
    section_starts = [s for s, _ in sections]
    place_starts = [p.start for p in places]
    sent_starts = [s.start for s in sents]
    from govnlp.linking.linker import Linker

    linker = Linker(norm, sents, lex, doc_date, layout)
    out: list[Record] = []
    texts: dict[int, str] = {}
    scans = Scans(norm)  # a long clause's scope words are found once, not at each figure
    breaks: dict[int, list[int]] = {}

    def sentence_text(i: int, sent: Sentence, start: int, end: int) -> str:
        if sent.end - sent.start > MAX_SENTENCE:
            return sent.text_around(text, start, end, MAX_SENTENCE)
        if i not in texts:
            texts[i] = sent.text_of(text)
        return texts[i]

    figures = _figures.find_in_normalized(text, norm, lex)
    listed = _enumerated(norm, sents, places, place_starts, figures, lex)
    for fig in figures:
        i = bisect.bisect_right(sent_starts, fig.start) - 1
        if i < 0 or fig.start >= sents[i].end:
            continue  # in page chrome or a caption
        sent = sents[i]
        if i not in breaks:  # once per sentence: long sentences stay linear
            breaks[i] = [m.start() for m in CLAUSE_BREAK.finditer(norm, sent.start, sent.end)]
        clause = _clause_span(sent, fig.start, breaks[i])
        if fig.start in listed:  # after an enumeration of places (河间、献县、吴桥)
            county = None if scope.is_nowhere(listed[fig.start]) else listed[fig.start]
        else:
            named = scope.figure_county(
                fig.start, sent, places, place_starts, sections, section_starts,
                clause if wide_doc and not sections else None,
            )  # fmt: skip
            opener = (
                scope.opening_county(norm, sent, places, place_starts)
                or scope.located_county(norm, sent, places, place_starts, fig.start)
                if wide_doc and not named else None
            )  # fmt: skip
            county = named or _unnamed_area(
                norm, (clause, (sent.start, sent.end)), fig.start, opener or doc_area, places,
                place_starts, article, lex, scans,
            )  # fmt: skip
        link = linker.link(fig, i)
        out.append(
            Record(
                doc_id=doc_id,
                kind=fig.kind,
                value=fig.value,
                value_high=fig.value_high,
                unit=fig.unit,
                qualifier=fig.qualifier,
                text=fig.text,
                start=fig.start,
                end=fig.end,
                sentence=sentence_text(i, sent, fig.start, fig.end),
                county=county.county if county else None,
                county_code=county.code if county and county.county else None,
                prefecture=county.prefecture if county else None,
                province=county.province if county else None,
                subject=_as_written(link.subject, text, norm, sent, fig),
                metric=_as_written(link.metric, text, norm, sent, fig),
                indicator=indicator_id(
                    link.subject, link.metric, fig, lex, report=linker.statistical
                ),
                period=link.period,
                year=link.year,
                period_start=link.period_start,
                period_end=link.period_end,
                role=link.role,
            )
        )

    title = headline(layout)
    if article and title is not None:
        out = linker.roles.echoed(out, title)  # a headline leaves out the 将 of its story
    return Records(out)


# characters of a record's sentence: a longer run (a list of thousands of items with no full
# stop) gives each figure the clauses around it; the longest real sentence has 454
MAX_SENTENCE = 1000
_YEAR = re.compile(r"((?:19|20)[0-9]{2})年")


def _outside_chrome(places: list[Place], layout: list[Block]) -> list[Place]:
    """The places outside page furniture (share widgets, datelines, front matter)."""
    chrome = [(b.start, b.end) for b in layout if b.kind == "chrome"]
    if not chrome:
        return places
    starts = [s for s, _ in chrome]
    out = []
    for p in places:
        i = bisect.bisect_right(starts, p.start) - 1
        if i < 0 or p.start >= chrome[i][1]:
            out.append(p)
    return out


def _enumerated(
    norm: str,
    sents: list[Any],
    places: list[Place],
    place_starts: list[int],
    figures: list[Any],
    lex: Lexicon,
) -> dict[int, scope.Area]:
    """The areas of the figures that follow an enumeration of places in their sentence, by
    figure start."""
    out: dict[int, scope.Area] = {}
    sent_starts = [s.start for s in sents]
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for fig in figures:
        i = bisect.bisect_right(sent_starts, fig.start) - 1
        if i >= 0 and fig.start < sents[i].end:
            by_sentence.setdefault(i, []).append((fig.start, fig.end))
    for i, spans in by_sentence.items():
        span = (sents[i].start, sents[i].end)
        out.update(scope.enumerated_areas(norm, span, places, place_starts, spans, lexicon=lex))
    return out


def _document_area(
    norm: str,
    layout: list[Block],
    places: list[Place],
    region_places: list[Place],
    report: Place | None,
    article: bool,
    lex: Lexicon,
) -> scope.Area | None:
    """The place a document is about: a report's from its title or opening; an article's from
    its headline and lead; else the ``region`` given; else the county it names most."""
    if report is not None:
        return scope.area_of(report)
    rules = lex.place_rules
    found = (
        scope.article_area(
            norm, layout, places, lead_chars=int(rules["lead_chars"]), lexicon=lex
        )
        if (article)
        else None
    )
    if found is None:
        resolved = [p for p in region_places if p.adcode]
        found = scope.area_of(resolved[-1]) if resolved else None
    if found is None:
        dominant = scope.dominant_county(
            norm, places, rules["county_self_reference"], int(rules["min_anaphora"])
        )
        found = scope.area_of(dominant) if dominant is not None else None
    return found


def _unnamed_area(
    norm: str,
    spans: tuple[tuple[int, int], tuple[int, int]],
    start: int,
    document: scope.Area | None,
    places: list[Place],
    place_starts: list[int],
    article: bool,
    lex: Lexicon,
    scans: Scans,
) -> scope.Area | None:
    """The area of a figure whose sentence names no county: a scope word's (全省, 全国, 全市),
    in an article a prefecture or province that opens its clause or a clause before it in its
    sentence, else the document's. ``spans`` are the figure's clause and its sentence."""
    clause, sentence = spans
    scoped = scope.scoped_area(norm, clause, start, document, lexicon=lex, scans=scans)
    if scoped is not None:
        return None if scope.is_nowhere(scoped) else scoped
    if article:
        higher = scope.higher_area(
            norm, places, place_starts, clause, start, sentence, lexicon=lex, scans=scans
        )
        if higher is not None:
            return higher
    return document


def _as_written(phrase: str | None, text: str, norm: str, sent: Any, fig: Any) -> str | None:
    """A subject or metric in the characters of the text (（点） rather than the normalised
    (点)): its occurrence in the sentence nearest before the figure, else after it; a phrase put
    together from several places (第二产业增加值) stays as it is."""
    if not phrase:
        return phrase
    at = norm.rfind(phrase, sent.start, fig.start)
    if at < 0:
        at = norm.find(phrase, fig.end, sent.end)
    return text[at : at + len(phrase)] if at >= 0 else phrase


def _opening_year(norm: str, sents: list[Any]) -> int | None:
    """The first year named in a document's opening (its title or date line)."""
    for sent in sents[:6]:
        m = _YEAR.search(norm, sent.start, sent.end)
        if m:
            return int(m.group(1))
    return None


def _clause_span(sent: Any, at: int, breaks: list[int]) -> tuple[int, int]:
    """The clause of a sentence around offset ``at``, given the sentence's clause breaks."""
    i = bisect.bisect_left(breaks, at)
    start = breaks[i - 1] + 1 if i else sent.start
    return start, breaks[i] if i < len(breaks) else sent.end


def _documents(docs: Any) -> Iterable[tuple[str | None, str, Any, Any]]:
    """(doc_id, text, date, region) from texts, (id, text) pairs, a mapping of id → text or a
    DataFrame; a text that is no ``str`` raises :class:`ArgumentError` naming its row and id."""
    if hasattr(docs, "columns") and hasattr(docs, "itertuples"):
        if "text" not in docs.columns:
            raise ConfigError("docs DataFrame needs a 'text' column")
        cols = list(docs.columns)
        for n, row in enumerate(docs.itertuples(index=False), start=1):
            values = dict(zip(cols, row, strict=True))
            doc_id = values.get("id", values.get("doc_id"))
            name = str(doc_id) if doc_id is not None else f"#{n}"
            yield (
                name, check_text(values["text"], f"docs row {n} (id {name!r}): text"),
                values.get("date"), values.get("region"),
            )  # fmt: skip
        return
    if isinstance(docs, (str, bytes)):
        raise ArgumentError(
            "docs must be an iterable of documents, got one text; for one text use extract(text)"
        )
    if isinstance(docs, Mapping):  # {id: text}
        for key, text in docs.items():
            yield str(key), check_text(text, f"docs[{key!r}]"), None, None
        return
    if not isinstance(docs, Iterable):
        raise ArgumentError(
            "docs must be texts, (id, text) pairs, a dict of id → text or a DataFrame with a "
            f"'text' column, got {type(docs).__name__}"
        )
    for n, item in enumerate(docs, start=1):
        if isinstance(item, str):
            yield f"#{n}", item, None, None
        elif isinstance(item, tuple) and len(item) == 2:
            name = str(item[0])
            yield name, check_text(item[1], f"document {n} (id {name!r}): text"), None, None
        else:
            raise ArgumentError(
                f"document {n}: expected a text or an (id, text) pair, got {type(item).__name__}"
            )


def extract_frame(
    docs: Any, *, lexicon: Lexicon | None = None, progress: bool = False, exact: bool = False
) -> pd.DataFrame:
    """Records of many documents as one typed DataFrame with exactly the contract's columns.

    ``docs``: an iterable of texts, of ``(doc_id, text)`` pairs, a dict of doc_id → text, or a
    DataFrame with a ``text`` column (and optional ``id``, ``date``, ``region``). ``progress``
    shows a progress bar (in notebooks too). ``value`` is float64 and ``value_high`` Float64;
    with ``exact=True`` both hold the exact ``Decimal`` values (see :func:`govnlp.to_frame`).
    """
    from govnlp.frame import to_frame
    from govnlp.progressbar import progress as progress_bar

    records: list[Record] = []
    total = len(docs) if hasattr(docs, "__len__") else None
    documents = progress_bar(_documents(docs), total=total, desc="documents", disable=not progress)
    for doc_id, text, date, region in documents:
        try:
            records.extend(
                extract(text, doc_id=doc_id, date=_nullable(date), region=_nullable(region),
                        lexicon=lexicon)
            )  # fmt: skip
        except (ConfigError, ArgumentError) as e:
            raise type(e)(f"document {doc_id!r}: {e}") from None  # which row of many
    return to_frame(records, exact=exact)


def _nullable(value: Any) -> Any:
    try:
        import pandas as pd

        return None if value is None or pd.isna(value) else value
    except (TypeError, ValueError):
        return value
