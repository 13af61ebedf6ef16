"""The text of HTML pages: scripts and styles dropped, block elements kept as line breaks."""

from __future__ import annotations

import re
from html.parser import HTMLParser


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
