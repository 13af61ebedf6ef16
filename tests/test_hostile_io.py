"""Reading hostile inputs from disk: every file met is accounted for (read, skipped or failed)
and the run goes on. Exit statuses as in the record contract: 0 everything read, 3
documents skipped or failed."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from govnlp import cli
from govnlp.errors import InputError
from govnlp.io.corpus import Document, read_corpus

TEXT = "2023年,南乐县新增企业12家，完成投资3.5亿元，增长12%。"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_symbolic_link_loop_in_a_folder_is_one_failed_file(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, "utf-8")
    (docs / "loop.txt").symlink_to("loop2")
    (docs / "loop2").symlink_to("loop.txt")  # ELOOP on stat: the walk raised and the run failed
    items = {item.id: item for item in read_corpus(docs)}
    assert isinstance(items["a"], Document)
    assert {"loop", "loop2"} <= set(items)
    assert "symbolic links" in items["loop"].reason  # type: ignore[union-attr]
    out = tmp_path / "r.jsonl"
    assert cli.main(["extract", str(docs), "-o", str(out), "--jobs", "1", "--no-progress"]) == 3
    lines = {d["doc_id"]: d for d in read_jsonl(out.with_name(out.name + ".docs.jsonl"))}
    assert lines["a"]["status"] == "ok"
    assert lines["loop"]["status"] != "ok" and lines["loop2"]["status"] != "ok"
    assert {r["doc_id"] for r in read_jsonl(out)} == {"a"}


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("朱镕基同志到县里视察，全县地区生产总值增长6.5%，一般公共预算收入增长5%。", "gbk"),
        ("全县地区生产总值增长6.5%，一般公共预算收入增长5%。欢迎点赞😀", "gb18030"),
        ("全縣地區生產總值增長6.5%，一般公共預算收入增長5%，政府工作報告。", "big5"),
    ],
)
def test_legacy_chinese_with_rare_or_four_byte_characters_is_read(
    tmp_path: Path, text: str, codec: str
) -> None:
    """GBK's characters outside GB2312 (镕) and GB18030's four-byte ones (emoji) no longer make a
    file unreadable; Big5 is still told apart."""
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(codec))
    docs = list(read_corpus(path))
    assert [d.text for d in docs] == [text]


def test_names_and_rows_with_lone_surrogates_are_written(tmp_path: Path) -> None:
    """A file name with a byte that is no UTF-8 (os.listdir gives it as a lone surrogate) and a
    JSONL row with "\\ud800" in its id and text: the run wrote nothing and failed with
    UnicodeEncodeError. The name keeps the byte as \\xff; the text's surrogate is U+FFFD, one
    character for one, so that offsets index the text as read."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bad\udcffname.txt").write_text(TEXT, "utf-8")
    (docs / "rows.jsonl").write_text(
        '{"id": "s\\ud800x", "text": "南乐县投资\\ud8003亿元，增长5%\\udfff。"}\n', "utf-8"
    )
    for suffix in (".jsonl", ".csv", ".parquet"):
        out = tmp_path / f"r{suffix}"
        assert cli.main(["extract", str(docs), "-o", str(out), "--no-progress"]) == 0
        lines = {d["doc_id"]: d for d in read_jsonl(out.with_name(out.name + ".docs.jsonl"))}
        assert set(lines) == {"bad\\xffname", "s\ufffdx"}
    (row,) = [d for d in read_corpus(docs / "rows.jsonl")]
    assert isinstance(row, Document)
    assert row.text == "南乐县投资\ufffd3亿元，增长5%\ufffd。"
    records = [r for r in read_jsonl(tmp_path / "r.jsonl") if r["doc_id"] == "s\ufffdx"]
    assert [(r["text"], row.text[r["start"] : r["end"]]) for r in records] == [
        ("3亿元", "3亿元"), ("5%", "5%"),
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.jsonl", b"", "a table without rows"),
        ("blank.jsonl", b"\n\n  \n", "a table without rows"),
        ("header.csv", b"id,text\n", "a table without rows"),
        ("pages.warc", b"WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: http://x.gov.cn/a"
         b"\r\nContent-Length: 0\r\n\r\n\r\n\r\n", "no HTML page (records not read: 1 request"),
    ],
)
def test_a_file_that_holds_no_document_is_accounted_for(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    """An empty JSONL, a CSV header alone, a web archive without an HTML page gave no line at
    all: the file was met and never said so."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, "utf-8")
    (docs / name).write_bytes(data)
    out = tmp_path / "r.jsonl"
    assert cli.main(["extract", str(docs), "-o", str(out), "--no-progress"]) == 3
    lines = {d["source"]: d for d in read_jsonl(out.with_name(out.name + ".docs.jsonl"))}
    line = lines[str(docs / name)]
    assert line["status"] == "skipped" and line["reason"].startswith(reason)


def test_an_output_that_is_a_table_in_an_input_folder_is_refused_and_kept(tmp_path: Path) -> None:
    """extract data -o data/rows.csv: the walk passed over rows.csv as the run's own output and
    the run replaced it; the user's table was lost. A file an earlier run wrote (its
    OUT.docs.jsonl beside it) is still passed over and replaced."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text(TEXT, "utf-8")
    table = data / "rows.csv"
    table.write_text("id,text\nx,南乐县投资3亿元。\n", "utf-8")
    before = table.read_bytes()
    assert cli.main(["extract", str(data), "-o", str(table), "--no-progress"]) == 2
    assert table.read_bytes() == before
    out = data / "records.csv"
    for _ in range(2):  # the second run passes over the first one's output
        assert cli.main(["extract", str(data), "-o", str(out), "--no-progress"]) == 0
        docs = read_jsonl(out.with_name(out.name + ".docs.jsonl"))
        assert sorted(d["doc_id"] for d in docs) == ["a", "x"]


def test_a_word_file_that_unpacks_past_the_size_limit_is_an_error(tmp_path: Path) -> None:
    """A zip bomb: 1 MB of .docx holding 1 GB of XML took 2 GB of memory and 9 s before the XML
    parser refused it; the parts' sizes are read first, against the size limit."""
    import io
    import zipfile

    import docx

    document = docx.Document()
    document.add_paragraph("全县新开工项目85个。")
    buf = io.BytesIO()
    document.save(buf)
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, zipfile.ZipFile(
        bomb, "w", zipfile.ZIP_DEFLATED
    ) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * 2_000_000, 1)
            zout.writestr(info.filename, data)
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb.getvalue())
    assert path.stat().st_size < 100_000
    (item,) = read_corpus(path, max_bytes=1_000_000)
    assert "parts unpack to" in item.reason and "over the size limit" in item.reason  # type: ignore[union-attr]
    (item,) = read_corpus(path, max_bytes=10_000_000)  # within the limit: read
    assert isinstance(item, Document) and item.text == "全县新开工项目85个。"


@pytest.mark.parametrize(
    "html",
    [
        # the title pattern ran to the end of the page from every unclosed <title> (10,000: 26 s)
        "<html><body><p>南乐县投资12亿元。</p>" + "<title>x" * 20_000 + "</body></html>",
        # the HTML parser checks each attribute against all others (50,000: two minutes)
        "<html><body><p " + " ".join(f'a{i}="{i}"' for i in range(50_000))
        + ">南乐县投资12亿元。</p></body></html>",
    ],
    ids=["unclosed titles", "many attributes"],
)
def test_pathological_html_is_read_in_linear_time(html: str) -> None:
    import time

    from govnlp.io.html import html_document

    html_document("<title>通知</title><p>会议定于3日召开。</p>")  # the extractor loads untimed
    started = time.perf_counter()
    text, _ = html_document(html)
    assert time.perf_counter() - started < 10
    assert "南乐县投资12亿元。" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("garbage\n", "bad.jsonl: line 1: invalid JSON"),
        ('{"doc_id": "a"}\n\n[1, 2]\n', "bad.jsonl: line 3: not a JSON object"),
    ],
)
def test_audit_of_a_jsonl_that_is_no_records_file_names_file_and_line(
    tmp_path: Path, content: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said only "Expecting value: line 1 column 1 (char 0)", naming no file."""
    path = tmp_path / "bad.jsonl"
    path.write_text(content, "utf-8")
    assert cli.main(["audit", str(path)]) == 2
    assert message in capsys.readouterr().err


def _one_page_pdf(content: bytes, filters: str) -> bytes:
    """A valid one-page PDF whose page content stream is ``content`` under ``filters``."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter %s >>\nstream\n%s\nendstream"
            % (len(content), filters.encode(), content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1, the first the catalog) with its xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out += trailer % (len(objects) + 1, xref)
    return bytes(out)


PAGE = b"BT /F1 12 Tf 20 350 Td (Investment 12 units) Tj ET\n"


@pytest.mark.parametrize(
    ("filters", "pack"),
    [
        ("/FlateDecode", lambda b: zlib.compress(b, 9)),
        # two layers: 2 KB unpacked to 1 GB, which took PDFium 2 GB of memory
        ("[/FlateDecode /FlateDecode]", lambda b: zlib.compress(zlib.compress(b, 9), 9)),
        ("[/AHx /Fl]", lambda b: zlib.compress(b, 9).hex().encode() + b">"),
        ("[/A85 /FlateDecode]", lambda b: base64.a85encode(zlib.compress(b, 9)) + b"~>"),
    ],
    ids=["flate", "flate twice", "hex and flate", "base-85 and flate"],
)
def test_a_pdf_whose_streams_unpack_past_the_limit_is_an_error(
    tmp_path: Path, filters: str, pack: Callable[[bytes], bytes]
) -> None:
    """A decompression bomb: the page content stream is a run of spaces and of BT ET (2 MB
    from under 15 KB here). Its streams are measured before PDFium unpacks them, against four
    times the size limit; a batch run says so in its errors file and goes on."""
    content = PAGE + b" " * 1_000_000 + b"BT ET " * 200_000
    data = _one_page_pdf(pack(content), filters)
    assert len(data) < 15_000
    path = tmp_path / "bomb.pdf"
    path.write_bytes(data)
    (item,) = read_corpus(path, max_bytes=400_000)  # the streams may unpack to 1.6 MB
    assert item.reason == (  # type: ignore[union-attr]
        f"{path}: PDF whose streams unpack to more than 1,600,000 bytes, 4 times the size limit"
        " of 400,000 bytes (max_bytes): a decompression bomb?"
    )
    (item,) = read_corpus(path, max_bytes=600_000)  # within 2.4 MB: read
    assert isinstance(item, Document) and item.text == "Investment 12 units"
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    out = tmp_path / "r.jsonl"
    argv = ["extract", str(tmp_path), "-o", str(out), "--max-size", "0.4", "--no-progress"]
    assert cli.main(argv) == 3
    (error,) = read_jsonl(out.with_name(out.name + ".errors.jsonl"))
    assert error["doc_id"] == "bomb" and error["error"].endswith("a decompression bomb?")
    assert {r["doc_id"] for r in read_jsonl(out)} == {"a"}


def test_a_pdf_with_broken_flate_data_is_left_to_pdfium() -> None:
    """Bad Flate data ends the measure of its stream without an error of its own: PDFium reads
    what it can of it (a blank page from a stream broken halfway, the stream as it is when no
    Flate data starts it)."""
    from govnlp.io.pdf import pdf_text

    data = _one_page_pdf(zlib.compress(PAGE)[:12] + b"\xff" * 40, "/FlateDecode")
    with pytest.raises(InputError, match=r"^broken\.pdf: no text layer \(pages are blank\)"):
        pdf_text(data, source="broken.pdf", max_bytes=1_000)
    data = _one_page_pdf(b"\x78\x9c" + b"\xff" * 40 + PAGE, "/FlateDecode")  # header, then junk
    assert pdf_text(data, source="broken.pdf", max_bytes=1_000) == "Investment 12 units"


def test_ordinary_pdfs_pass_the_unpacked_size_check() -> None:
    """An unfiltered, a hex-encoded and a Flate stream well within the limit are read as
    before; images are not counted (reading text does not unpack them)."""
    from govnlp.io.pdf import pdf_text

    for filters, content in [
        ("[]", PAGE), ("/ASCIIHexDecode", PAGE.hex().encode() + b">"),
        ("/FlateDecode", zlib.compress(PAGE)),
    ]:  # fmt: skip
        data = _one_page_pdf(content, filters).replace(b" /Filter []", b"")
        assert pdf_text(data, source="a.pdf", max_bytes=1_000) == "Investment 12 units"


def test_images_are_not_counted_in_the_unpacked_size() -> None:
    """Reading text does not unpack images: a page whose picture unpacks to 480 KB is read with
    streams limited to 80 KB."""
    import io

    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from govnlp.io.pdf import pdf_text

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 400))
    c.drawImage(ImageReader(Image.new("RGB", (400, 400), "white")), 20, 20, 260, 300)
    c.setFont("Helvetica", 12)
    c.drawString(20, 350, "Investment 12 units")
    c.showPage()
    c.save()
    assert pdf_text(buf.getvalue(), source="a.pdf", max_bytes=20_000) == "Investment 12 units"


def _lzw(data: bytes) -> bytes:
    """``data`` LZW-encoded as PDF's LZWDecode reads it (9 to 12-bit codes, one code early)."""
    table = {bytes([i]): i for i in range(256)}
    codes, width, current = [(256, 9)], 9, b""
    for byte in data:
        longer = current + bytes([byte])
        if longer in table:
            current = longer
            continue
        codes.append((table[current], width))
        table[longer] = len(table) + 2
        if len(table) + 2 >= 1 << width and width < 12:
            width += 1
        if len(table) + 2 >= 4094:
            codes.append((256, width))
            table, width = {bytes([i]): i for i in range(256)}, 9
        current = bytes([byte])
    codes += [(table[current], width), (257, width)]
    acc, held, out = 0, 0, bytearray()
    for code, bits in codes:
        acc, held = (acc << bits) | code, held + bits
        while held >= 8:
            held -= 8
            out.append((acc >> held) & 0xFF)
        acc &= (1 << held) - 1
    return bytes(out + (bytes([acc << (8 - held)]) if held else b""))


def test_a_pdf_whose_lzw_stream_unpacks_past_the_limit_is_an_error() -> None:
    """LZW packs a run of spaces 1,300 times: a 743 KB file unpacking to 1 GB made PDFium abort
    the whole run. It is decoded a piece at a time and counted, never kept."""
    from govnlp.io.pdf import pdf_text

    data = _one_page_pdf(_lzw(PAGE + b" " * 600_000), "/LZWDecode")
    assert len(data) < 5_000
    with pytest.raises(InputError, match=r"^bomb\.pdf: PDF whose streams unpack to more than"):
        pdf_text(data, source="bomb.pdf", max_bytes=100_000)
    assert pdf_text(data, source="bomb.pdf", max_bytes=200_000) == "Investment 12 units"


def test_many_streams_without_an_end_marker_take_linear_time() -> None:
    """Base-85 streams without their ``~>`` were each read to the end of the file (20,000 of
    them: minutes); the data read counts toward the limit."""
    import time

    from govnlp.io.pdf import pdf_text

    stream = b"9 0 obj << /Filter [/A85 /Fl] /Length 50 >>\nstream\n" + b"!" * 60 + b"\n"
    data = _one_page_pdf(PAGE, "[]").replace(b" /Filter []", b"")
    data = data.replace(b"xref", stream * 20_000 + b"xref")
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"a decompression bomb\?$"):
        pdf_text(data, source="a.pdf", max_bytes=len(data))
    assert time.perf_counter() - started < 10


def _run_length(data: bytes) -> bytes:
    """``data`` as PDF's RunLengthDecode reads it: runs of a byte, else literal runs."""
    out, at = bytearray(), 0
    while at < len(data):
        same = at + 1
        while same < len(data) and same - at < 128 and data[same] == data[at]:
            same += 1
        if same - at >= 2:
            out += bytes((257 - (same - at), data[at]))
            at = same
        else:
            end = min(len(data), at + 128)
            out += bytes((end - at - 1,)) + data[at:end]
            at = end
    return bytes(out + b"\x80")


@pytest.mark.parametrize(
    ("filters", "pack"),
    [
        ("/RunLengthDecode", _run_length),
        ("[/RL /FlateDecode]", lambda b: _run_length(zlib.compress(b, 9))),
        ("[/LZWDecode /Fl]", lambda b: _lzw(zlib.compress(b, 9))),
        # Flate data that ends early, then zeros: the first filter's output is unpacked whole
        ("[/Fl /Fl]", lambda b: zlib.compress(zlib.compress(PAGE) + bytes(len(b)), 9)),
        # a dictionary not read whole (a comment): every /Filter written is measured
        ("/FlateDecode % a note\n/Filter /RL", _run_length),
        ("/DCTDecode % a note\n/F#69lter /RL", _run_length),
        ("/LZWDecode /Pad (%s)" % ("x" * 5_000), _lzw),
    ],
    ids=[
        "run-length", "run-length then flate", "lzw then flate", "flate left unread",
        "the last of two filters", "an escaped key", "a dictionary padded past 4 KB",
    ],
)
def test_every_filter_of_a_stream_is_measured(filters: str, pack: Callable[[bytes], bytes]) -> None:
    """Run-length data (64 times its size at most) was not measured, nor what a filter after
    LZW or run-length data unpacks, nor the output of a filter that the next one leaves unread:
    PDFium holds each filter's output whole (200 MB of zeros after 2 KB of Flate data took it
    400 MB of memory; now refused in 0.1 s). A dictionary that is not read whole is measured
    with each /Filter it writes, and one padded past 4 KB hid its filters."""
    from govnlp.io.pdf import pdf_text

    data = _one_page_pdf(pack(PAGE + b" " * 2_000_000), filters)
    assert len(data) < 40_000
    with pytest.raises(InputError, match=r"^bomb\.pdf: PDF whose streams unpack to more than"):
        pdf_text(data, source="bomb.pdf", max_bytes=400_000)
    assert pdf_text(data, source="bomb.pdf", max_bytes=600_000) == "Investment 12 units"


def _object_stream_pdf(objects: dict[int, bytes], packed: dict[int, bytes]) -> bytes:
    """A PDF 1.5 of ``objects`` and of ``packed``, these in a Flate object stream (numbered
    after all), with a cross-reference stream; object 1 is the catalog."""
    import struct

    offsets, at = [], 0
    for body in packed.values():
        offsets.append(at)
        at += len(body) + 1
    head = b" ".join(b"%d %d" % pair for pair in zip(packed, offsets, strict=True)) + b" "
    z = zlib.compress(head + b"\n".join(packed.values()) + b"\n")
    stream = max([*objects, *packed]) + 1
    objects = objects | {
        stream: b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n"
        b"stream\n%s\nendstream" % (len(packed), len(head), len(z), z)
    }
    out, where = bytearray(b"%PDF-1.5\n"), {}
    for number in sorted(objects):
        where[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref, where[stream + 1] = stream + 1, len(out)
    rows = b"".join(
        struct.pack(">BIH", 2, stream, list(packed).index(n)) if n in packed
        else struct.pack(">BIH", 1, where[n], 0) if n in where
        else struct.pack(">BIH", 0, 0, 0)
        for n in range(xref + 1)
    )  # fmt: skip
    z = zlib.compress(rows)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode" % (
        xref, xref + 1,
    )  # fmt: skip
    out += b" /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (len(z), z)
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % where[xref])


_TREE = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
_IMAGE = (
    b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray"
    b" /BitsPerComponent 8 /Filter /FlateDecode"
)
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def _page(contents: bytes, resources: bytes = b"") -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Contents %s"
        b" /Resources << /Font << /F1 5 0 R >> %s >> >>" % (contents, resources)
    )


_BOMB = zlib.compress(PAGE + b" " * 2_000_000, 9)
_FORM = b"/Type /XObject /BBox [0 0 300 400] /Resources << /Font << /F1 5 0 R >> >> /Filter /Fl"


@pytest.mark.parametrize(
    "data",
    [
        _pdf([*_TREE, _page(b"4 0 R"), _stream(_IMAGE, _BOMB), _FONT]),
        _pdf([*_TREE, _page(b"[4 0 R]"), _stream(_IMAGE, _BOMB), _FONT]),
        _pdf([*_TREE, _page(b"6 0 R"), _stream(_IMAGE, _BOMB), _FONT, b"[4 0 R]"]),
        # the page in an object stream; elsewhere the content is an image too
        _object_stream_pdf(
            {4: _stream(_IMAGE, _BOMB), 5: _FONT, 6: b"<< /XObject << /Im1 4 0 R >> >>"},
            {1: _TREE[0], 2: _TREE[1], 3: _page(b"4 0 R")},
        ),
        # forms that say /Subtype /Image where PDFium does not read it
        *(
            _pdf([*_TREE, _page(b"6 0 R", b"/XObject << /X1 4 0 R >>"),
                  _stream(_FORM + subtypes, _BOMB), _FONT, _stream(b"", b"/X1 Do")])
            for subtypes in [
                b" /Subtype /Form /Group << /Subtype /Image >>",
                b" /Subtype /Image /Sub#74ype /Form",
                b" /Subtype /Image /Subtype /Form",
            ]
        ),
    ],
    ids=[
        "content", "in an array", "in an array object", "in an object stream",
        "form holding an image subtype", "form with an escaped key", "form after an image",
    ],
)
def test_a_page_content_or_form_that_says_it_is_an_image_is_measured(data: bytes) -> None:
    """Images were not measured, and any stream whose dictionary held /Subtype /Image was taken
    for one. PDFium unpacks a page's content whatever it says it is (200 MB took it 400 MB of
    memory; now refused in 0.1 s with 15 MB), and a form by its own /Subtype key; an image is
    now one that only images refer to."""
    from govnlp.io.pdf import pdf_text

    assert len(data) < 10_000
    with pytest.raises(InputError, match=r"^bomb\.pdf: PDF whose streams unpack to more than"):
        pdf_text(data, source="bomb.pdf", max_bytes=250_000)
    assert pdf_text(data, source="bomb.pdf", max_bytes=1_000_000) == "Investment 12 units"


def _encrypted_pdf(spaces: int, *, user: str = "") -> bytes:
    """A one-page PDF encrypted with an owner password (and ``user``'s, when given), whose
    page content ends with ``spaces`` spaces."""
    import io

    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    lock = StandardEncryption(user, ownerPassword="owner", canCopy=0)
    c = canvas.Canvas(buf, pagesize=(300, 400), encrypt=lock, pageCompression=1)
    c.setFont("Helvetica", 12)
    c.drawString(20, 350, "Investment 12 units")
    c._code.append(" " * spaces)  # the page content as it is written
    c.showPage()
    c.save()
    return buf.getvalue()


@contextlib.contextmanager
def _free_heap(size: int) -> Iterator[None]:
    """``size`` bytes left free in the heap of this process, as a long run leaves them (glibc);
    malloc's settings are put back after."""
    import ctypes

    libc = ctypes.CDLL(None)
    libc.mallopt(-1, 1 << 30)  # M_TRIM_THRESHOLD: free memory stays in the heap
    libc.mallopt(-3, 1 << 25)  # M_MMAP_THRESHOLD: blocks up to 32 MB come from the heap
    try:
        hole = [bytes(1 << 20) for _ in range(size >> 20)]
        del hole
        yield
    finally:
        libc.mallopt(-1, 1 << 17)  # the defaults
        libc.mallopt(-3, 1 << 17)
        libc.malloc_trim(0)


def test_an_encrypted_pdf_is_read_with_its_memory_limited() -> None:
    """The streams of an encrypted file cannot be measured before they are decrypted: a file
    locked with an owner password alone (PDFium opens it) whose page content unpacked to 200 MB
    passed the guard and took PDFium 400 MB. It is read in a child process whose memory is
    limited (here 1 MB of streams and 32 MB): the child is ended, the file refused in 0.2 s,
    also when the parent's heap has free memory that PDFium may take unseen. Ordinary
    encrypted files are read, and one that needs a password says so."""
    import sys

    from govnlp.io.pdf import pdf_text

    data = _encrypted_pdf(40_000_000)
    assert len(data) < 60_000
    if sys.platform == "linux":
        with _free_heap(100_000_000), pytest.raises(InputError, match=r"^bomb\.pdf: encrypted"):
            pdf_text(data, source="bomb.pdf", max_bytes=250_000)
    data = _encrypted_pdf(1_000)
    assert pdf_text(data, source="a.pdf", max_bytes=250_000) == "Investment 12 units"
    data = _encrypted_pdf(1_000, user="user")
    with pytest.raises(InputError, match=r"^b\.pdf: encrypted PDF: needs a password$"):
        pdf_text(data, source="b.pdf", max_bytes=250_000)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="encrypted files are read in a child process")
def test_an_encrypted_pdf_whose_reader_hangs_is_refused_in_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A child process that gives no answer (stuck on a lock another thread of its parent
    held when it was forked) is ended, and the file refused, after the time allowed."""
    import time

    from govnlp.io import pdf

    monkeypatch.setattr(pdf, "_read_pages", lambda data, source: time.sleep(30))
    monkeypatch.setattr(pdf, "_CHILD_SECONDS", 0.5)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"^a\.pdf: encrypted PDF not read in 0\.5 s"):
        pdf.pdf_text(_encrypted_pdf(1_000), source="a.pdf", max_bytes=250_000)
    assert time.monotonic() - started < 10


_RUN = _run_length(PAGE + b" " * 2_000_000)


@pytest.mark.parametrize(
    "data",
    [
        _pdf([*_TREE, _page(b"4 0 R"), _stream(b"/Filter 6 0 R", _RUN), _FONT, b"[/RL]"]),
        _object_stream_pdf(
            {4: _stream(b"/Filter 6 0 R", _RUN), 5: _FONT},
            {1: _TREE[0], 2: _TREE[1], 3: _page(b"4 0 R"), 6: b"/RunLengthDecode"},
        ),
    ],
    ids=["in the file", "in an object stream"],
)
def test_filters_given_by_reference_are_measured(data: bytes) -> None:
    """A /Filter that refers to another object was taken for Flate: run-length data behind it
    went unmeasured. The object is read; when an object stream holds it, the stream is measured
    as Flate, LZW and run-length data."""
    from govnlp.io.pdf import pdf_text

    assert len(data) < 40_000
    with pytest.raises(InputError, match=r"^bomb\.pdf: PDF whose streams unpack to more than"):
        pdf_text(data, source="bomb.pdf", max_bytes=400_000)
    assert pdf_text(data, source="bomb.pdf", max_bytes=600_000) == "Investment 12 units"
