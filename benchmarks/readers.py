"""Speed of the document readers on inputs built in memory: PDF pages, Word paragraphs and
table rows, web archive pages.

    python benchmarks/readers.py [--pages 100]

Needs reportlab (the ``test`` extra) to build the PDF. Prints one line per reader: the input,
its size, the time per run (best of three) and the characters of text per second.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable

LINE = "全县完成固定资产投资123.5亿元，同比增长8.2%，高于全市平均水平。"


def build_pdf(pages: int) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)  # A4
    for n in range(1, pages + 1):
        c.setFont("STSong-Light", 9)
        c.drawString(72, 800, "濮阳县人民政府工作报告")
        c.setFont("STSong-Light", 14)
        for i in range(36):
            c.drawString(72, 760 - 19 * i, LINE[:28])
        c.setFont("STSong-Light", 9)
        c.drawCentredString(297, 40, f"— {n} —")
        c.showPage()
    c.save()
    return buf.getvalue()


def build_docx(paragraphs: int) -> bytes:
    import docx

    document = docx.Document()
    for _ in range(paragraphs):
        document.add_paragraph(LINE * 3)
    table = document.add_table(rows=paragraphs // 4, cols=4)
    for row in table.rows:
        for cell, value in zip(row.cells, ("濮阳县", "123.5", "8.2", "6.1"), strict=True):
            cell.text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def build_warc(pages: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    # distinct paragraphs: the extractor drops a long paragraph repeated next to itself
    body = "".join(f"<p>{LINE.replace('123.5', str(100 + i)) * 4}</p>" for i in range(12))
    html = (
        f"<html><head><title>新闻_濮阳县人民政府</title></head><body><ul><li>首页</li>"
        f"<li>新闻中心</li></ul><h1>新闻</h1><div class='content'>{body}</div>"
        "<div class='footer'>版权所有</div></body></html>"
    ).encode()
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for n in range(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")  # fmt: skip
        writer.write_record(writer.create_warc_record(
            f"http://www.pyx.gov.cn/xw/{n}.html", "response", payload=io.BytesIO(html),
            http_headers=headers,
        ))  # fmt: skip
    return buf.getvalue()


def best_of(run: Callable[[], int], repeat: int = 3) -> tuple[float, int]:
    """(seconds of the fastest run, characters it gave)."""
    times = []
    chars = 0
    for _ in range(repeat):
        start = time.perf_counter()
        chars = run()
        times.append(time.perf_counter() - start)
    return min(times), chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="PDF and web archive pages")
    args = parser.parse_args()

    from govnlp.io.docx import docx_text
    from govnlp.io.pdf import pdf_text
    from govnlp.io.warc import warc_documents

    pdf = build_pdf(args.pages)
    word = build_docx(args.pages * 4)
    warc = build_warc(args.pages)
    rows = [
        (f"PDF, {args.pages} pages", pdf, lambda: len(pdf_text(pdf, source="b.pdf"))),
        (f"DOCX, {args.pages * 4} paragraphs + {args.pages} rows", word,
         lambda: len(docx_text(word, source="b.docx"))),
        (f"WARC.GZ, {args.pages} pages", warc,
         lambda: sum(len(p[1]) for p in warc_documents(io.BytesIO(warc), archive_id="b",
                                                       max_bytes=10**7))),
    ]  # fmt: skip
    for name, data, run in rows:
        seconds, chars = best_of(run)
        print(f"{name:<40} {len(data) / 1e6:6.2f} MB  {seconds * 1000:8.1f} ms  "
              f"{chars / seconds / 1000:8.0f} k chars/s")  # fmt: skip


if __name__ == "__main__":
    main()
