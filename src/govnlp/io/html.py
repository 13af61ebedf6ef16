"""The text of HTML pages: the whole text of a page (:func:`html_to_text`: scripts and styles
dropped, block elements kept as line breaks) and the main text of an article with its headline
and date (:func:`html_document`).
"""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from typing import Any


class _HTMLText(HTMLParser):
    """Text of an HTML page: scripts and styles dropped, block elements as line breaks."""

    # Elements whose content is not text (HTML spec: raw text, metadata and embedded content).
    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math"})
    # Block-level and line-breaking elements (HTML spec, "flow content" that starts a line).
    BLOCK = frozenset((
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
        "tfoot", "th", "thead", "title", "tr", "ul",
    ))  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        if tag == "pre":
            self._pre += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in self.BLOCK:
            self.parts.append("\n")

    def close(self) -> None:
        # A comment never closed runs to the end of the page (HTML spec, "eof-in-comment");
        # the standard parser would give its text as data.
        if self.rawdata.startswith("<!--"):
            self.rawdata = ""
        super().close()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._pre:  # source line breaks are white space; between CJK characters, nothing
            data = _SOURCE_BREAK.sub(_join_break, data)
            data = _SPACE_RUN.sub(" ", data)
        self.parts.append(data)


_SOURCE_BREAK = re.compile(r"(?<=(.))[ \t\r\f]*\n\s*(?=(.))", re.DOTALL)
_SPACE_RUN = re.compile(r"\s+")


def _join_break(m: re.Match[str]) -> str:
    """A line break of the HTML source between two characters: none between wide ones."""
    return "" if ord(m.group(1)) > 0x2E7F and ord(m.group(2)) > 0x2E7F else " "


def html_to_text(html: str) -> str:
    """The text of an HTML page, one line per block element, blank lines removed.

    >>> html_to_text("<p>总投资<b>5亿元</b>。</p><script>x=1</script><div>增长 3%</div>")
    '总投资5亿元。\\n增长 3%'
    """
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = []
    for line in "".join(parser.parts).split("\n"):
        line = " ".join(line.split()) if line.strip() else ""
        if line:
            lines.append(line)
    return "\n".join(lines)


# Separators of a site name in a page title (标题_濮阳县人民政府, 网站 | 标题, 标题 - 网站).
_TITLE_SEPARATOR = re.compile(r"\s*[_|｜]\s*|\s+[-–—]\s+")
# A line break of the HTML source between two wide (CJK) characters: no space in the text.
_CJK_SOURCE_BREAK = re.compile(r"(?<=[\u2e80-\uffff])[ \t\r]*\n\s*(?=[\u2e80-\uffff])")
# The first <title> element, its opening and its closing searched apart (the two in one pattern,
# <title\b[^>]*>.*?</title\s*>, ran to the end of the page from every unclosed <title>: a page
# of 10,000 took 26 s).
_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
# A start tag of more attributes than a page has (the HTML parser checks each against all the
# others: 50,000 of them took two minutes): its attributes are dropped.
_LONG_TAG = re.compile(r"<([a-zA-Z][^\s/<>]*)[^<>]{2000,}>")
_MAX_ATTRIBUTES = 200
# A publication date labelled on the page: 发布时间：2023-10-20, 日期：2023年10月20日.
_DATE_LABEL = re.compile(
    r"""
    (?:发布时间|发布日期|发文日期|成文日期|时间|日期)\s*[:：]\s*  # the label
    (?P<year>(?:19|20)\d{2})\s*[-/.年]\s*                        # year
    (?P<month>\d{1,2})\s*[-/.月]\s*                              # month
    (?P<day>\d{1,2})(?!\d)                                       # day (日 may follow)
    """,
    re.VERBOSE,
)
_TABLE_ROW = re.compile(r"^\|(.*)\|$")  # a table row of the main text: | cell | cell |
_CELL_SEPARATOR = re.compile(r"\s+\|\s+")
_TABLE_RULE = re.compile(r"^[\s|:-]*-{3}[\s|:-]*$")  # the rule under a table's header row
_HEADLINE_WINDOW = 3  # lines at the start of the main text that may hold the headline


def html_document(html: str, *, url: str | None = None) -> tuple[str, dict[str, str | None]]:
    """The main text of an HTML page, headline first, and its ``title`` and ``date`` (ISO).

    Navigation, share widgets, footers and link lists are dropped; table rows are one line
    each, cells separated by tabs. The headline (the page title) is the first line unless the
    main text already begins with it, so it is never there twice. A page where no main text is
    found (a short notice) gives its whole text, as :func:`html_to_text` makes it. The date is
    the publication date the page declares (meta data, a ``发布时间：`` label), else ``None``.
    ``url`` is the page's address, which may tell its date; nothing is fetched.

    >>> text, meta = html_document("<title>通知</title><p>会议定于3日召开。</p>")
    >>> text, meta["title"]
    ('通知\\n会议定于3日召开。', '通知')
    """
    import trafilatura

    html = _few_attributes(html)
    extracted = trafilatura.bare_extraction(
        _CJK_SOURCE_BREAK.sub("", html), url=url, with_metadata=True, include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )  # fmt: skip
    found: dict[str, Any] = {}
    if extracted is not None:
        found = extracted if isinstance(extracted, dict) else extracted.as_dict()
    title_span = _title_element(html)
    title_element = html[title_span[0] : title_span[1]] if title_span else None
    # the whole text, no <title>
    page = html_to_text(html[: title_span[0]] + html[title_span[1] :] if title_span else html)
    main = _main_text(found.get("text") or "")
    picked = _title_parts(found.get("title"))
    declared = _title_parts(html_to_text(title_element) if title_element else None)
    title, present = _headline(picked, declared, main or page, page)
    date: str | None = found.get("date")
    if date is None:
        date = labelled_date(page)
    main = main or page
    if title and not present:
        main = f"{title}\n{main}" if main else title
    return main, {"title": title, "date": date}


def _title_element(html: str) -> tuple[int, int] | None:
    """The span of the first ``<title>`` element of ``html`` that is closed, if any."""
    opening = _TITLE_OPEN.search(html)
    if opening is None:
        return None
    closing = _TITLE_CLOSE.search(html, opening.end())
    return (opening.start(), closing.end()) if closing is not None else None


def _few_attributes(html: str) -> str:
    """``html`` with the attributes of a start tag that has more than :data:`_MAX_ATTRIBUTES`
    dropped (its name kept)."""
    if len(html) < 2000 * 2:
        return html

    def shorten(m: re.Match[str]) -> str:
        return f"<{m[1]}>" if m[0].count("=") > _MAX_ATTRIBUTES else m[0]

    return _LONG_TAG.sub(shorten, html)


def _main_text(text: str) -> str:
    """Main text as the extractor gives it, table rows as tab-separated cells."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if _TABLE_RULE.match(line):
            continue
        row = _TABLE_ROW.match(line)
        if row:
            line = "\t".join(c.strip() for c in _CELL_SEPARATOR.split(row.group(1).strip()))
        if line.strip():
            lines.append(line)
    return "\n".join(lines)


def _title_parts(title: str | None) -> list[str]:
    """The parts of a page title between separators (标题_濮阳县人民政府: the headline and the
    site's name)."""
    if not title:
        return []
    return [p for p in (" ".join(p.split()) for p in _TITLE_SEPARATOR.split(title)) if p]


def _headline(
    picked: list[str], declared: list[str], text: str, page: str
) -> tuple[str | None, bool]:
    """The headline among the parts of the title the extractor picked and of the ``<title>``,
    and whether one of the first lines of ``text`` holds it.

    The headline is the part the text begins with, else the part that is a line of the whole
    ``page`` (an ``<h1>``), else the ``<title>``'s first part.
    """
    parts = picked + declared
    for part in parts:
        if _holds(text, part):
            return part, True
    lines = {_squash(line) for line in page.splitlines()}
    for part in parts:
        if _squash(part) in lines:
            return part, False
    first = declared or picked
    return (first[0] if first else None), False


def _squash(text: str) -> str:
    return "".join(text.split())


def _holds(text: str, title: str) -> bool:
    """Whether one of the first lines of ``text`` holds ``title`` (or most of it)."""
    key = _squash(title)
    for line in text.splitlines()[:_HEADLINE_WINDOW]:
        squashed = _squash(line)
        if key in squashed or (squashed and squashed in key and 2 * len(squashed) >= len(key)):
            return True
    return False


def labelled_date(text: str) -> str | None:
    """The first date labelled as the publication date in ``text`` (``发布时间：2023-10-20``,
    ``日期：2023年10月20日``), in ISO form, or ``None``.

    >>> labelled_date("首页\\n发布时间：2023年10月5日 来源：县统计局")
    '2023-10-05'
    """
    for m in _DATE_LABEL.finditer(text):
        try:
            day = datetime.date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError:
            continue
        return day.isoformat()
    return None
