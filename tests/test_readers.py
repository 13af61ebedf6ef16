"""Document readers: PDF, Word, web archives and article pages, on files built in the tests."""

from __future__ import annotations

import gzip
import io
import logging
import re
import socket
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govnlp
from govnlp.errors import InputError
from govnlp.io.docx import docx_text
from govnlp.io.html import html_document, html_to_text, labelled_date
from govnlp.io.pdf import pdf_text
from govnlp.io.warc import WarcPage, WarcSkip, warc_documents

# ---------------------------------------------------------------------------------------------
# PDF

FONT = "STSong-Light"
LEFT, RIGHT = 30.0, 270.0  # the text block of a 300 × 400 pt page
HEADER = "濮阳县统计局　2023年第三季度经济运行分析"
# Lines of three pages: a title, lines justified to the right margin ("full"), lines that end
# a paragraph ("line") and table rows (cells at three columns, the last one at the margin).
# The figure 123.5亿元 is broken over pages 1 and 2, the figure 56.7亿元 over two lines of page 2,
# and page 2 ends with a heading.
PAGES: list[list[tuple[str, Any]]] = [
    [
        ("title", "濮阳县前三季度经济运行情况"),
        ("full", "今年以来，全县上下坚持稳中求进工作总基"),
        ("full", "调，经济平稳。全县完成固定资产投资12"),
    ],
    [
        ("full", "3.5亿元，同比增长8.2%。工业投资完成5"),
        ("line", "6.7亿元，增长12.4%。"),
        ("line", "二、下一步工作"),
    ],
    [
        ("line", "全县将紧盯年度目标，新开工项目85个。"),
        ("row", ("濮阳县", "123.5", "8.2")),
        ("row", ("清丰县", "98.2", "7.1")),
    ],
]
PDF_TEXT = (
    "濮阳县前三季度经济运行情况\n"
    "今年以来，全县上下坚持稳中求进工作总基调，经济平稳。全县完成固定资产投资123.5亿元，"
    "同比增长8.2%。工业投资完成56.7亿元，增长12.4%。\n"
    "二、下一步工作\n"
    "全县将紧盯年度目标，新开工项目85个。\n"
    "濮阳县 123.5 8.2\n"
    "清丰县 98.2 7.1"
)


@pytest.fixture(scope="module")
def cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _draw_line(c: Any, y: float, kind: str, content: Any) -> None:
    from reportlab.pdfbase import pdfmetrics

    c.setFont(FONT, 14 if kind == "title" else 12)
    if kind == "full":  # justified: the last character ends at the right margin
        width = pdfmetrics.stringWidth(content, FONT, 12)
        assert width <= RIGHT - LEFT, content
        c.drawString(LEFT, y, content, charSpace=(RIGHT - LEFT - width) / (len(content) - 1))
    elif kind == "row":
        c.drawString(LEFT, y, content[0])
        c.drawRightString(200, y, content[1])
        c.drawRightString(RIGHT, y, content[2])
    else:
        c.drawString(LEFT, y, content)


def build_pdf(
    pages: list[list[tuple[str, Any]]], *, footer: str = "— {n} —", **canvas_args: Any
) -> bytes:
    """A PDF of ``pages`` with a running header and a page number in the footer."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 400), **canvas_args)
    for n, lines in enumerate(pages, start=1):
        c.setFont(FONT, 9)
        c.drawString(LEFT, 380, HEADER)
        for i, (kind, content) in enumerate(lines):
            _draw_line(c, 350.0 - 18 * i, kind, content)
        c.setFont(FONT, 9)
        c.drawCentredString(150, 20, footer.format(n=n))
        c.showPage()
    c.save()
    return buf.getvalue()


def image_page(c: Any) -> None:
    """Draw a page that is only a picture, as a scanner makes it."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    picture = Image.new("RGB", (60, 80), "white")
    picture.paste((20, 20, 20), (10, 10, 50, 20))  # a dark bar where a line of text was
    c.drawImage(ImageReader(picture), 20, 20, 260, 360)
    c.showPage()


@pytest.mark.parametrize("footer", ["— {n} —", "第{n}页 共3页", "{n}", "- {n} -"])
def test_pdf_text_in_reading_order_without_page_furniture(cjk_font: str, footer: str) -> None:
    text = pdf_text(build_pdf(PAGES, footer=footer), source="report.pdf")
    assert text == PDF_TEXT
    assert "统计局" not in text and "—" not in text and "页" not in text


def test_pdf_figures_broken_by_pages_and_lines_are_found_once(cjk_font: str) -> None:
    text = pdf_text(build_pdf(PAGES), source="report.pdf")
    money = [(r.text, r.value) for r in govnlp.extract(text) if r.kind.value == "money"]
    assert money == [("123.5亿元", Decimal("12350000000")), ("56.7亿元", Decimal("5670000000"))]
    percents = [r.value for r in govnlp.extract(text) if r.kind.value == "percent"]
    assert percents == [Decimal("8.2"), Decimal("12.4")]


def test_pdf_table_rows_at_the_margin_are_not_joined(cjk_font: str) -> None:
    rows = [
        [("row", ("濮阳县", "123.5", "8.2")), ("row", ("清丰县", "98.2", "7.1"))],
        [("row", ("南乐县", "87.6", "6.5")), ("row", ("范县", "76.5", "5.4"))],
    ]
    text = pdf_text(build_pdf(rows), source="table.pdf")
    assert text.splitlines() == [
        "濮阳县 123.5 8.2",
        "清丰县 98.2 7.1",
        "南乐县 87.6 6.5",
        "范县 76.5 5.4",
    ]


def test_pdf_of_images_needs_ocr(cjk_font: str) -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 400))
    image_page(c)
    image_page(c)
    c.save()
    with pytest.raises(
        InputError, match=r"^scan\.pdf: no text layer \(pages are images\): needs OCR"
    ):
        pdf_text(buf.getvalue(), source="scan.pdf")


def test_pdf_with_a_scanned_page_keeps_the_text_and_warns(
    cjk_font: str, caplog: pytest.LogCaptureFixture
) -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 400))
    c.setFont(FONT, 12)
    c.drawString(LEFT, 350, "全县新开工项目85个。")
    c.showPage()
    image_page(c)
    c.save()
    with caplog.at_level(logging.WARNING, logger="govnlp.io.pdf"):
        assert pdf_text(buf.getvalue(), source="mixed.pdf") == "全县新开工项目85个。"
    assert "mixed.pdf: pages without text (scanned?) not read: 2" in caplog.text


def test_encrypted_pdf_needs_a_password(cjk_font: str) -> None:
    data = build_pdf(PAGES, encrypt="pw")
    with pytest.raises(InputError, match=r"^locked\.pdf: encrypted PDF: needs a password$"):
        pdf_text(data, source="locked.pdf")


def test_pdf_encrypted_with_an_owner_password_only_is_read(cjk_font: str) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = build_pdf(PAGES, encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    assert pdf_text(data, source="restricted.pdf") == PDF_TEXT


def test_broken_pdfs_say_why(cjk_font: str) -> None:
    data = build_pdf(PAGES)
    with pytest.raises(InputError, match=r"^cut\.pdf: truncated PDF"):
        pdf_text(data[: len(data) // 2], source="cut.pdf")
    damaged = data[:200] + b"x" * (len(data) - 240) + data[-40:]
    with pytest.raises(InputError, match=r"^bad\.pdf: broken PDF"):
        pdf_text(damaged, source="bad.pdf")
    with pytest.raises(InputError, match=r"^page\.pdf: not a PDF file"):
        pdf_text(b"<html>not found</html>", source="page.pdf")


# ---------------------------------------------------------------------------------------------
# Word


def build_docx() -> bytes:
    """A Word report: a heading, paragraphs, a table of figures (a merged cell), a paragraph."""
    import docx

    document = docx.Document()
    document.add_heading("濮阳县2023年国民经济和社会发展统计公报", level=1)
    document.add_paragraph("全年全县地区生产总值完成312.5亿元，比上年增长6.1%。")
    table = document.add_table(rows=4, cols=3)
    rows = [
        ("指标", "绝对数", "比上年增长"),
        ("一般公共预算收入", "12.3亿元", "8.0%"),
        ("固定资产投资", "", "7.5%"),
        ("注", "", ""),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.cell(3, 0).merge(table.cell(3, 2))  # a note over the whole row
    table.cell(1, 0).merge(table.cell(2, 0)).text = "财政与投资"  # one label for two rows
    paragraph = document.add_paragraph("全县新开工项目")
    paragraph.add_run("85个").bold = True
    paragraph.add_run("。")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_text_keeps_paragraphs_and_table_rows_in_order() -> None:
    assert docx_text(build_docx(), source="report.docx") == (
        "濮阳县2023年国民经济和社会发展统计公报\n"
        "全年全县地区生产总值完成312.5亿元，比上年增长6.1%。\n"
        "指标\t绝对数\t比上年增长\n"
        "财政与投资\t12.3亿元\t8.0%\n"
        "\t\t7.5%\n"
        "注\n"
        "全县新开工项目85个。"
    )


def test_docx_table_figures_stay_apart() -> None:
    records = govnlp.extract(docx_text(build_docx(), source="report.docx"))
    assert [(r.text, r.value) for r in records if r.kind.value != "count"] == [
        ("312.5亿元", Decimal("31250000000")),
        ("6.1%", Decimal("6.1")),
        ("12.3亿元", Decimal("1230000000")),
        ("8.0%", Decimal("8.0")),
        ("7.5%", Decimal("7.5")),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (lambda: build_docx()[:400], r"^a\.docx: broken Word file"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), r"old Word \.doc file"),
        (lambda: b"%PDF-1.4 not a word file", r"^a\.docx: not a Word \.docx file \(no zip"),
    ],
    ids=["truncated", "doc", "other"],
)
def test_broken_docx_says_why(data: Any, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        docx_text(data(), source="a.docx")


def test_docx_without_text_is_an_error() -> None:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with pytest.raises(InputError, match=r"^empty\.docx: Word file without text$"):
        docx_text(buf.getvalue(), source="empty.docx")


# ---------------------------------------------------------------------------------------------
# HTML pages and web archives

HEADLINE = "濮阳县前三季度完成固定资产投资123.5亿元"
NEWS_PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{HEADLINE}</title>
<meta name="PubDate" content="2023-10-20 09:30"></head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xw/">新闻中心</a></li>
<li><a href="/zw/">政务公开</a></li><li><a href="/hd/">互动交流</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xw/">新闻中心</a></div>
<div class="article"><h1>{HEADLINE}</h1>
<div class="info">发布时间：2023-10-20　来源：濮阳县统计局</div>
<div class="share">分享到：<a href="#">QQ空间</a> <a href="#">新浪微博</a>
<a href="#">微信</a></div>
<div class="content">
<p>今年以来，濮阳县坚持项目为王，全力扩大有效投资。前三季度，全县完成固定资产投资123.5亿元，
同比增长8.2%，高于全市平均水平1.3个百分点。</p>
<p>其中，工业投资完成56.7亿元，增长12.4%；民间投资占比达到61.5%。全县新开工项目85个，总投资210亿元。</p>
<table><tr><th>地区</th><th>投资</th><th>增长</th></tr><tr><td>濮阳县</td><td>123.5亿元</td><td>8.2%</td></tr>
<tr><td>清丰县</td><td>98.2亿元</td><td>7.1%</td></tr></table>
<p>下一步，该县将继续紧盯年度目标，强化要素保障，推动更多项目早开工、早投产、早见效。</p>
</div></div>
<div class="links"><h3>相关链接</h3><ul><li><a href="http://www.gov.cn/">中国政府网</a></li>
<li><a href="http://www.henan.gov.cn/">河南省人民政府</a></li></ul></div>
<div class="footer"><p>主办：濮阳县人民政府办公室　地址：濮阳县城关镇</p>
<p>版权所有 © 2024 濮阳县人民政府　豫ICP备12345678号</p></div>
</body></html>"""
NEWS_TEXT = (
    f"{HEADLINE}\n"
    "今年以来，濮阳县坚持项目为王，全力扩大有效投资。前三季度，全县完成固定资产投资123.5亿元，"
    "同比增长8.2%，高于全市平均水平1.3个百分点。\n"
    "其中，工业投资完成56.7亿元，增长12.4%；民间投资占比达到61.5%。全县新开工项目85个，"
    "总投资210亿元。\n"
    "地区\t投资\t增长\n"
    "濮阳县\t123.5亿元\t8.2%\n"
    "清丰县\t98.2亿元\t7.1%\n"
    "下一步，该县将继续紧盯年度目标，强化要素保障，推动更多项目早开工、早投产、早见效。"
)
CHROME = ("首页", "新闻中心", "当前位置", "分享到", "QQ空间", "新浪微博", "相关链接", "中国政府网",
          "版权所有", "ICP", "来源：")  # fmt: skip


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No network: any connection attempt fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_html_document_gives_the_article_with_its_headline_once(offline: None) -> None:
    text, meta = html_document(NEWS_PAGE)
    assert text == NEWS_TEXT
    assert meta == {"title": HEADLINE, "date": "2023-10-20"}
    assert not [word for word in CHROME if word in text]


@pytest.mark.parametrize(
    "headline",
    [
        f"<h1>{HEADLINE}</h1>",  # above the article (the extractor leaves it out)
        f'<div class="content"><h1>{HEADLINE}</h1>',  # inside it (the extractor keeps it)
        f'<div class="content"><p><strong>{HEADLINE}</strong></p>',  # a bold first paragraph
    ],
    ids=["h1-above", "h1-inside", "bold-inside"],
)
def test_a_figure_in_title_and_headline_is_one_record(offline: None, headline: str) -> None:
    page = NEWS_PAGE.replace(f"<h1>{HEADLINE}</h1>", "").replace('<div class="content">', headline)
    text, meta = html_document(page)
    assert text == NEWS_TEXT and meta["title"] == HEADLINE
    found = [r.start for r in govnlp.extract(text) if r.text == "123.5亿元"]
    body = text.index("投资123.5亿元，") + 2
    assert found == [text.index("123.5亿元"), body, text.index("\t123.5亿元") + 1]


@pytest.mark.parametrize(
    ("title", "h1", "headline"),
    [
        (f"{HEADLINE}_濮阳县人民政府", HEADLINE, HEADLINE),  # site name after the headline
        (f"濮阳县人民政府 | {HEADLINE}", HEADLINE, HEADLINE),  # site name before it
        (f"{HEADLINE} - 濮阳县人民政府", "", HEADLINE),  # no <h1>: the title gives it
        ("统计表_濮阳县人民政府", "", "统计表"),  # a short headline before a long site name
    ],
)
def test_html_headline_from_a_title_with_the_site_name(
    offline: None, title: str, h1: str, headline: str
) -> None:
    page = NEWS_PAGE.replace(f"<title>{HEADLINE}</title>", f"<title>{title}</title>")
    page = page.replace(f"<h1>{HEADLINE}</h1>", f"<h1>{h1}</h1>" if h1 else "")
    text, meta = html_document(page)
    assert meta["title"] == headline
    assert text.splitlines()[0] == headline and text.count(headline) == 1
    assert "濮阳县人民政府" not in text.splitlines()[0]


def test_short_page_falls_back_to_its_whole_text(offline: None) -> None:
    page = "<html><head><title>通知</title></head><body><h1>通知</h1><p>会议定于3日召开。</p>"
    assert html_document(page) == ("通知\n会议定于3日召开。", {"title": "通知", "date": None})
    assert html_document("<p>短</p>") == ("短", {"title": None, "date": None})


def test_html_date_is_the_declared_one_never_a_copyright_year(offline: None) -> None:
    undated = NEWS_PAGE.replace('<meta name="PubDate" content="2023-10-20 09:30">', "")
    assert html_document(undated)[1]["date"] == "2023-10-20"  # the 发布时间 label
    unlabelled = undated.replace("发布时间：2023-10-20", "")
    assert html_document(unlabelled)[1]["date"] is None  # not 2024 of "© 2024"
    chinese = undated.replace("发布时间：2023-10-20", "发布日期：2023年9月5日")
    assert html_document(chinese)[1]["date"] == "2023-09-05"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("发布时间：2023-10-20 09:30", "2023-10-20"),
        ("日期: 2023/1/5", "2023-01-05"),
        ("首页\n时间：2023年10月5日 来源：县统计局", "2023-10-05"),
        ("发布时间：2023-02-30\n日期：2023.03.01", "2023-03-01"),  # an impossible day is passed
        ("2023年10月5日召开会议", None),  # a date without a label
    ],
)
def test_labelled_date(text: str, date: str | None) -> None:
    assert labelled_date(text) == date


def test_html_to_text_is_still_the_plain_text() -> None:
    assert html_to_text("<title>t</title><p>总投资<b>5亿元</b>。</p>") == "t\n总投资5亿元。"


GBK_NOTICE = (
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
    "<title>关于召开项目观摩会的通知</title></head>"
    "<body><p>定于11月3日观摩项目12个。</p></body></html>"
).encode("gb18030")


def _response(writer: Any, uri: str, body: bytes, *, ctype: str = "text/html; charset=utf-8",
              status: str = "200 OK", date: str = "2023-10-21T08:00:00Z") -> Any:  # fmt: skip
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )  # fmt: skip


def build_warc(*, gz: bool) -> bytes:
    """A crawl: warcinfo, a request, the news page, an image, a 404 page, a GBK notice behind a
    query, and the news page captured again."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    news = "http://www.pyx.gov.cn/xw/2023/1020/art_1.html"
    w.write_record(w.create_warcinfo_record("crawl.warc", {"software": "test"}))
    request = StatusAndHeaders("GET /xw/2023/1020/art_1.html HTTP/1.1",
                               [("Host", "www.pyx.gov.cn")], is_http_request=True)  # fmt: skip
    w.write_record(w.create_warc_record(news, "request", payload=io.BytesIO(b""),
                                        http_headers=request))  # fmt: skip
    w.write_record(_response(w, news, NEWS_PAGE.encode()))
    w.write_record(
        _response(w, "http://www.pyx.gov.cn/logo.png", b"\x89PNG\r\n", ctype="image/png")
    )
    w.write_record(_response(w, "http://www.pyx.gov.cn/gone.html", b"<p>404</p>",
                             status="404 Not Found"))  # fmt: skip
    w.write_record(_response(w, "http://www.pyx.gov.cn/show.aspx?id=12&type=tz", GBK_NOTICE,
                             ctype="text/html", date="2023-11-02T01:02:03Z"))  # fmt: skip
    w.write_record(_response(w, news, NEWS_PAGE.encode()))
    return buf.getvalue()


def read_warc(data: bytes, **kwargs: Any) -> list[WarcPage | WarcSkip]:
    args: dict[str, Any] = {"archive_id": "crawl", "max_bytes": 1_000_000, **kwargs}
    return list(warc_documents(io.BytesIO(data), **args))


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_pages(offline: None, caplog: pytest.LogCaptureFixture, gz: bool) -> None:
    with caplog.at_level(logging.INFO, logger="govnlp.io.warc"):
        items = read_warc(build_warc(gz=gz), source="crawl.warc")
    assert all(isinstance(item, WarcPage) for item in items)
    news, notice, again = items
    assert news == WarcPage(
        "crawl:www.pyx.gov.cn/xw/2023/1020/art_1", NEWS_TEXT, "2023-10-20",
        "crawl.warc:http://www.pyx.gov.cn/xw/2023/1020/art_1.html",
    )  # fmt: skip
    assert re.fullmatch(r"crawl:www\.pyx\.gov\.cn/show\.aspx~[0-9a-f]{8}", notice.doc_id)
    assert notice.text == "关于召开项目观摩会的通知\n定于11月3日观摩项目12个。"
    assert notice.date == "2023-11-02"  # the page has none: the day of the capture
    assert again.doc_id == f"{news.doc_id}#2" and again.text == news.text
    assert "3 HTML pages" in caplog.text
    for counted in ("1 image/png", "1 status 404", "1 request records", "1 warcinfo records"):
        assert counted in caplog.text


def test_warc_page_ids_are_safe(offline: None) -> None:
    from warcio.warcwriter import WARCWriter

    uris = {
        "https://www.pyx.gov.cn/": "crawl:www.pyx.gov.cn",
        "http://WWW.PYX.GOV.CN:8080/a/./b/../../../c.htm#top": "crawl:www.pyx.gov.cn_8080/a/b/c",
        "http://www.pyx.gov.cn/%E6%96%B0%E9%97%BB/a%20b.shtml": "crawl:www.pyx.gov.cn/新闻/a_b",
        "http://www.pyx.gov.cn/%2E%2E/%2e%2e/etc/passwd": "crawl:www.pyx.gov.cn/etc/passwd",
        "http://www.pyx.gov.cn/a\\b/c.jsp": "crawl:www.pyx.gov.cn/a_b/c.jsp",
    }
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for uri in uris:
        w.write_record(_response(w, uri, NEWS_PAGE.encode()))
    assert [item.doc_id for item in read_warc(buf.getvalue())] == list(uris.values())


def test_warc_page_over_the_size_limit_is_skipped_with_the_reason(offline: None) -> None:
    items = read_warc(build_warc(gz=True), max_bytes=1000)
    news = items[0]
    assert isinstance(news, WarcSkip) and news.doc_id == "crawl:www.pyx.gov.cn/xw/2023/1020/art_1"
    assert "over the size limit of 1,000 bytes (max_bytes)" in news.reason
    assert isinstance(items[1], WarcPage)  # the short notice is read


def test_damaged_warc_ends_with_a_skip(offline: None) -> None:
    data = build_warc(gz=True)
    items = read_warc(data[:-200], source="cut.warc.gz")  # the last capture is cut short
    assert [type(item) for item in items] == [WarcPage, WarcPage, WarcSkip]
    last = items[-1]
    assert last.doc_id == "crawl" and last.source == "cut.warc.gz"
    assert last.reason.startswith("damaged web archive: http://www.pyx.gov.cn/xw/2023/1020/")
    assert "bytes missing (truncated); the rest of the archive was not read" in last.reason


def test_what_is_no_web_archive_is_one_skip(offline: None) -> None:
    for data in (gzip.compress(b"not a web archive at all"), b"<html>\n<p>page</p>\n", b""):
        (only,) = read_warc(data)
        assert isinstance(only, WarcSkip) and only.doc_id == "crawl"
        assert "not a web archive (WARC)" in only.reason


# ---------------------------------------------------------------------------------------------
# Packaging


def test_readers_import_no_heavy_package() -> None:
    code = (
        "import sys, govnlp, govnlp.io.pdf, govnlp.io.docx, govnlp.io.warc, govnlp.io.html; "
        "heavy = ('pypdfium2', 'docx', 'warcio', 'trafilatura', 'lxml'); "
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# ---------------------------------------------------------------------------------------------
# The command line on a folder of every kind a researcher holds


def test_a_folder_of_pdf_scan_docx_warc_and_an_unsupported_file(
    cjk_font: str, tmp_path: Path, offline: None
) -> None:
    """Records with their counties from every readable document, the scan in the errors file,
    the unsupported file in OUT.docs.jsonl, exit 3."""
    import json
    import subprocess
    import sys

    from reportlab.pdfgen import canvas

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(build_pdf(PAGES))
    buf = io.BytesIO()
    scan = canvas.Canvas(buf, pagesize=(300, 400))
    image_page(scan)
    scan.save()
    (folder / "scan.pdf").write_bytes(buf.getvalue())
    (folder / "bulletin.docx").write_bytes(build_docx())
    (folder / "crawl.warc.gz").write_bytes(build_warc(gz=True))
    (folder / "figures.xlsx").write_bytes(b"PK\x03\x04 not read")
    out = tmp_path / "out.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "govnlp", "extract", str(folder), "-o", str(out), "--no-progress"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 3, run.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_doc.setdefault(r["doc_id"], []).append(r)
    report = by_doc["report"]
    assert ("123.5亿元", "濮阳县") in [(r["text"], r["county"]) for r in report]  # across pages
    assert {r["county"] for r in report if r["text"] != "98.2"} == {"濮阳县"}
    assert {r["county"] for r in by_doc["bulletin"]} == {"濮阳县"}
    assert "12.3亿元" in [r["text"] for r in by_doc["bulletin"]]  # a table cell
    pages = [d for d in by_doc if d.startswith("crawl:")]
    assert pages, list(by_doc)
    news = [r for d in pages for r in by_doc[d] if r["text"] == "123.5亿元"]
    assert news and {r["county"] for r in news} == {"濮阳县"}
    docs = [json.loads(line) for line in Path(f"{out}.docs.jsonl").read_text("utf-8").splitlines()]
    status = {Path(d.get("source", "")).name or d["id"]: d["status"] for d in docs}
    assert status.get("figures.xlsx") == "skipped", docs
    errors = Path(f"{out}.errors.jsonl").read_text(encoding="utf-8")
    assert "scan" in errors and "needs OCR" in errors
