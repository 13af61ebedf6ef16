"""Batch extraction: readers, encodings, archives, resumable runs, identical output for any jobs.

The corpus of the end-to-end tests is built from the shipped sample article (about 400,000
characters in a zip, a tar.gz and a JSONL table), so that a run takes a few seconds and can be
killed in the middle.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govnlp
from _support import CASES, SAMPLE, read_table, tar_bytes
from govnlp.batch import run as batch
from govnlp.batch.sink import FileSink
from govnlp.errors import ConfigError, InputError
from govnlp.io.corpus import Document, ReadError, Skipped, read_corpus
from govnlp.io.decode import decode
from govnlp.io.html import html_to_text

CMD = [sys.executable, "-m", "govnlp", "extract", "--no-progress"]
SIMPLIFIED = "2023年,南乐县新增企业12家，完成投资3.5亿元，增长12%。"
TRADITIONAL = "2023年,臺北市新增企業12家，完成投資3.5億元，增長12%。各縣市經濟穩定發展。"


def run(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sidecar(out: Path, suffix: str) -> Path:
    return out.with_name(out.name + suffix)


def article(i: int) -> str:
    """The sample article, varied so that every document has its own figures."""
    head = f"第{i}号通报\n全年完成投资{i + 1}亿元，新增企业{2 * i + 3}家。\n"
    return head + SAMPLE.read_text(encoding="utf-8").replace("2023年", f"{2000 + i % 24}年")


def build_corpus(root: Path, n: int = 96) -> Path:
    """A folder with a zip, a tar.gz and a JSONL table of ``n`` articles, and one bad file
    (more characters than batch.PARALLEL_CHARS, so that two jobs start two workers)."""
    root.mkdir(parents=True, exist_ok=True)
    third = n // 3
    with zipfile.ZipFile(root / "a.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(third):
            zf.writestr(f"docs/{i:03d}.txt", article(i))
    with tarfile.open(root / "b.tar.gz", "w:gz") as tf:
        for i in range(third, 2 * third):
            data = article(i).encode("gb18030")
            info = tarfile.TarInfo(f"{i:03d}.txt")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    with (root / "c.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(2 * third, n):
            row = {"id": f"row-{i}", "text": article(i), "date": "2023-10-20", "region": "濮阳县"}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    (root / "d.txt").write_bytes(b"\x00\x01binary")
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("batch") / "corpus")


@pytest.fixture(scope="module")
def reference(corpus: Path) -> Path:
    """The records of an uninterrupted one-process run."""
    out = corpus.parent / "ref" / "records.parquet"
    out.parent.mkdir()
    done = run(corpus, "-o", out, "--jobs", "1")
    assert done.returncode == 3, done.stderr
    return out


def same_outputs(a: Path, b: Path) -> None:
    assert a.read_bytes() == b.read_bytes()
    for suffix in (".docs.jsonl", ".errors.jsonl"):
        assert sidecar(a, suffix).read_bytes() == sidecar(b, suffix).read_bytes(), suffix


# ---------------------------------------------------------------------------------------------
# end to end: identical output, accounting, kill and resume


def test_reference_run_accounts_for_every_document(corpus: Path, reference: Path) -> None:
    import pandas as pd

    frame = pd.read_parquet(reference)
    assert list(frame.columns) == list(govnlp.to_frame([]).columns)
    assert frame.dtypes.equals(govnlp.to_frame([]).dtypes)
    docs = read_jsonl(sidecar(reference, ".docs.jsonl"))
    assert len(docs) == 96 + 1
    assert [d["doc_id"] for d in docs[:2]] == ["a:docs/000", "a:docs/001"]
    assert docs[32]["doc_id"] == "b:032" and docs[64]["doc_id"] == "row-64"
    assert [e["doc_id"] for e in read_jsonl(sidecar(reference, ".errors.jsonl"))] == ["d"]
    assert sum(d["figures"] for d in docs) == len(frame)
    # the GB18030 members give the records of the same text in UTF-8
    first = frame[frame["doc_id"] == "b:032"]
    expected = govnlp.extract_frame([("b:032", article(32))])
    assert first["text"].tolist() == expected["text"].tolist()
    # the table's date and region reach the extractor
    row = frame[frame["doc_id"] == "row-64"].reset_index(drop=True)
    with_meta = govnlp.to_frame(govnlp.extract(article(64), doc_id="row-64", date="2023-10-20",
                                               region="濮阳县"))  # fmt: skip
    assert row.equals(with_meta)
    assert not row.equals(govnlp.extract_frame([("row-64", article(64))]))


def test_jobs_1_and_2_give_identical_output(corpus: Path, reference: Path) -> None:
    out = corpus.parent / "jobs2" / "records.parquet"
    out.parent.mkdir()
    done = run(corpus, "-o", out, "--jobs", "2", "--chunk-size", "5")
    assert done.returncode == 3, done.stderr
    same_outputs(reference, out)


def _children(pid: int) -> list[Any]:
    try:
        import psutil
    except ImportError:
        return []
    return psutil.Process(pid).children(recursive=True)


def test_kill_9_and_resume_gives_the_uninterrupted_output(corpus: Path, reference: Path) -> None:
    out = corpus.parent / "killed" / "records.parquet"
    out.parent.mkdir()
    manifest = sidecar(out, ".done.jsonl")
    args = [*CMD, str(corpus), "-o", str(out), "--jobs", "2", "--chunk-size", "3"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        lines = manifest.read_bytes().count(b"\n") if manifest.exists() else 0
        if lines >= 2:  # the header and the first chunk
            break
        time.sleep(0.02)
    workers = _children(proc.pid)
    if workers:  # psutil is installed: two jobs started worker processes
        assert any("spawn_main" in " ".join(w.cmdline()) for w in workers)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert b'"complete"' not in manifest.read_bytes()
    for worker in workers:  # spawned workers leave with their parent
        worker.wait(timeout=15)
    with manifest.open("ab") as fh:
        fh.write(b'{"chunk": 99, "docs": 3, "ids": ["torn')  # a torn last line
    done = run(corpus, "-o", out, "--jobs", "2", "--resume")
    assert done.returncode == 3, done.stderr
    same_outputs(reference, out)
    assert not sidecar(out, ".parts").exists()
    assert read_jsonl(manifest)[-1]["complete"] is True


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_resume_cuts_back_writes_the_manifest_does_not_cover(tmp_path: Path, suffix: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(12):
        (docs / f"{i:02d}.txt").write_text(f"范县完成投资{i + 1}亿元，新增企业{i}家。", "utf-8")
    (docs / "zz.txt").write_text("", "utf-8")
    whole = tmp_path / f"whole.{suffix}"
    batch.run([docs], output=whole, jobs=1, chunk_docs=2)
    out = tmp_path / f"cut.{suffix}"
    original = FileSink.commit
    calls = []

    def commit_then_die(self: FileSink, result: Any) -> None:
        if len(calls) == 3:  # the fourth chunk: rows written, manifest line not
            self.writer.write(self.chunk, b"half a row")
            with self.paths.docs.open("ab") as fh:
                fh.write(b'{"doc_id": "08"')
            raise KeyboardInterrupt
        calls.append(1)
        original(self, result)

    FileSink.commit = commit_then_die  # type: ignore[method-assign]
    try:
        with pytest.raises(KeyboardInterrupt):
            batch.run([docs], output=out, jobs=1, chunk_docs=2)
    finally:
        FileSink.commit = original  # type: ignore[method-assign]
    summary = batch.run([docs], output=out, jobs=1, chunk_docs=5, resume=True)
    assert (summary.documents, summary.errors, summary.resumed) == (13, 1, 6)
    same_outputs(whole, out)
    again = batch.run([docs], output=out, jobs=1, resume=True)  # complete: nothing to do
    assert (again.documents, again.errors) == (13, 1)
    same_outputs(whole, out)


def test_resume_refuses_other_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("完成投资5亿元。", "utf-8")
    (tmp_path / "b.txt").write_text("完成投资6亿元。", "utf-8")
    out = tmp_path / "out" / "r.jsonl"
    out.parent.mkdir()
    batch.run([tmp_path / "a.txt"], output=out, jobs=1)
    with pytest.raises(ConfigError, match="other inputs"):
        batch.run([tmp_path / "b.txt"], output=out, jobs=1, resume=True)
    done = run(tmp_path / "b.txt", "-o", out, "--resume")
    assert done.returncode == 2 and "--resume" in done.stderr


@pytest.mark.parametrize("suffix", ["parquet", "csv", "jsonl"])
def test_output_is_what_frame_write_writes(tmp_path: Path, suffix: str) -> None:
    import pandas as pd

    from govnlp.frame import write

    texts = {f"d{i}": article(i) for i in range(3)}
    for doc_id, text in texts.items():
        (tmp_path / f"{doc_id}.txt").write_text(text, "utf-8")
    out = tmp_path / "out" / f"batch.{suffix}"
    out.parent.mkdir()
    batch.run([tmp_path], output=out, jobs=1, chunk_docs=2)
    direct = write(govnlp.extract_frame(list(texts.items())), tmp_path / "out" / f"w.{suffix}")
    if suffix == "parquet":
        pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(direct))
    else:
        assert out.read_bytes() == direct.read_bytes()


def test_records_are_encoded_as_the_frame_gives_them(sample_text: str) -> None:
    import pyarrow as pa

    from govnlp.batch.sink import WRITERS, records_table
    from govnlp.frame import json_rows, to_frame

    ranges = "今年以来，全县完成投资3至5亿元，力争增长8%左右。"
    records = [*govnlp.extract(sample_text, doc_id="a", date="2023-10-20", region="濮阳县"),
               *govnlp.extract(ranges, doc_id="b")]  # fmt: skip
    assert any(r.value_high is not None for r in records)
    assert any(r.period_start is not None for r in records) and any(r.role for r in records)
    frame = to_frame(records)
    table = pa.Table.from_pandas(frame, schema=batch.arrow_schema(), preserve_index=False)
    assert records_table(records).equals(table)
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in json_rows(frame))
    assert WRITERS["jsonl"].encode(records) == lines.encode("utf-8")


def test_output_files_inside_an_input_folder_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("完成投资5亿元。", "utf-8")
    out = tmp_path / "r.jsonl"
    for _ in range(2):
        summary = batch.run([tmp_path], output=out, jobs=1)
        assert (summary.documents, summary.records, summary.errors) == (1, 1, 0)


def test_a_repeated_document_id_is_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for folder in ("2022", "2023"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text("完成投资5亿元。", "utf-8")
    rows = [{"id": "a", "text": "投资5亿元。"}, {"id": "b", "text": "投资6亿元。"},
            {"id": "a", "text": "投资7亿元。"}]  # fmt: skip
    table = tmp_path / "t.jsonl"
    table.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    inputs = [tmp_path / "2022" / "report.txt", tmp_path / "2023" / "report.txt", table]
    with caplog.at_level("WARNING", logger="govnlp.batch.run"):
        summary = batch.run(inputs, jobs=1)
    assert summary.documents == 5 and summary.frame is not None
    warned = [r.getMessage() for r in caplog.records if "same id" in r.getMessage()]
    assert len(warned) == 2, warned
    assert warned[0].startswith("report (") and "2023" in warned[0]
    assert warned[1].startswith("a (")
    caplog.clear()
    with caplog.at_level("WARNING", logger="govnlp.batch.run"):
        batch.run([tmp_path / "2022"], jobs=1)  # distinct ids: no warning
    assert not [r for r in caplog.records if "same id" in r.getMessage()]


# ---------------------------------------------------------------------------------------------
# archives, encodings, tables


def test_mixed_archive(tmp_path: Path) -> None:
    import gzip

    html = f"<html><head><style>p{{}}</style></head><body><p>{SIMPLIFIED}</p></body></html>"
    row = {"id": "row-1", "text": SIMPLIFIED}
    members = {
        "utf8.txt": SIMPLIFIED.encode(),
        "bom.md": b"\xef\xbb\xbf" + SIMPLIFIED.encode(),
        "gb.txt": SIMPLIFIED.encode("gb18030"),
        "big5.txt": TRADITIONAL.encode("big5"),
        "utf16.txt": SIMPLIFIED.encode("utf-16"),
        "page.html": html.encode(),
        "rows.jsonl": (json.dumps(row, ensure_ascii=False) + "\n").encode(),
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 8,
        "zz_truncated.txt": (SIMPLIFIED * 300).encode(),
    }
    tar = tar_bytes(members)
    cut = tar.index((SIMPLIFIED * 300).encode()) + 1000  # inside the last member
    (tmp_path / "mixed.tar.gz").write_bytes(gzip.compress(tar[:cut]))
    out = tmp_path / "out" / "r.jsonl"
    out.parent.mkdir()
    done = run(tmp_path / "mixed.tar.gz", "-o", out)
    assert done.returncode == 3, done.stderr
    records = read_jsonl(out)
    by_doc: dict[str, list[tuple[str, float]]] = {}
    for r in records:
        by_doc.setdefault(r["doc_id"], []).append((r["text"], r["value"]))
    expected = [("12家", 12.0), ("3.5亿元", 3.5e8), ("12%", 12.0)]
    for doc in ("utf8", "bom", "gb", "utf16", "page"):
        assert by_doc.pop(f"mixed:{doc}") == expected, doc
    assert by_doc.pop("row-1") == expected
    assert by_doc.pop("mixed:big5") == [("12家", 12.0), ("3.5億元", 3.5e8), ("12%", 12.0)]
    assert by_doc == {}
    errors = {e["doc_id"]: e["error"] for e in read_jsonl(sidecar(out, ".errors.jsonl"))}
    assert set(errors) == {"mixed:empty", "mixed:binary", "mixed:zz_truncated"}
    assert "empty" in errors["mixed:empty"] and "binary" in errors["mixed:binary"]
    assert "truncated" in errors["mixed:zz_truncated"]
    statuses = [d["status"] for d in read_jsonl(sidecar(out, ".docs.jsonl"))]
    assert statuses.count("ok") == 7 and statuses.count("unreadable") == 3


def test_zip_members_unsafe_oversized_or_damaged_are_error_lines(tmp_path: Path) -> None:
    path = tmp_path / "z.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("ok.txt", SIMPLIFIED)
        zf.writestr("../escape.txt", SIMPLIFIED)
        zf.writestr("/etc/abs.txt", SIMPLIFIED)
        zf.writestr("big.txt", "亿" * 5000)
        zf.writestr("crc.txt", SIMPLIFIED * 3)
        zf.writestr("__MACOSX/._ok.txt", b"\x00\x05\x16\x07")
        zf.writestr("notes.xyz", b"%XYZ")
    data = bytearray(path.read_bytes())
    at = data.index((SIMPLIFIED * 3).encode()) + 5
    data[at] ^= 0xFF  # damage crc.txt's bytes
    path.write_bytes(bytes(data))
    items = list(read_corpus(path, max_bytes=10_000))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Document", "z:ok"),
        ("ReadError", "z:../escape"),
        ("ReadError", "z:/etc/abs"),
        ("ReadError", "z:big"),
        ("ReadError", "z:crc"),
        ("Skipped", "z:__MACOSX/._ok"),
        ("Skipped", "z:notes"),
    ]
    assert [(i.expected, i.reason) for i in items if isinstance(i, Skipped)] == [
        (True, "not a document (archive clutter)"),
        (False, "unsupported file type '.xyz'"),
    ]
    reasons = [i.reason for i in items if isinstance(i, ReadError)]
    assert "unsafe" in reasons[0] and "unsafe" in reasons[1]
    assert "size limit" in reasons[2] and "CRC" in reasons[3]
    assert not (tmp_path / "etc").exists() and not (tmp_path.parent / "escape.txt").exists()


def test_tar_links_and_nested_archives(tmp_path: Path) -> None:
    inner = tar_bytes({"x.txt": SIMPLIFIED.encode()})
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        link = tarfile.TarInfo("link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
        info = tarfile.TarInfo("inner.tar")
        info.size = len(inner)
        tf.addfile(info, io.BytesIO(inner))
    (tmp_path / "outer.tgz").write_bytes(buf.getvalue())
    items = list(read_corpus(tmp_path / "outer.tgz"))
    assert isinstance(items[0], Skipped) and items[0].id == "outer:link"
    assert "not a regular file" in items[0].reason and not items[0].expected
    assert isinstance(items[1], Document) and items[1].id == "outer:inner:x"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SIMPLIFIED.encode(), ("utf-8", SIMPLIFIED)),
        (b"\xef\xbb\xbf" + SIMPLIFIED.encode(), ("utf-8", SIMPLIFIED)),
        (SIMPLIFIED.encode("gb18030"), ("gb18030", SIMPLIFIED)),
        (TRADITIONAL.encode("big5"), ("big5", TRADITIONAL)),
        (SIMPLIFIED.encode("utf-16"), ("utf-16", SIMPLIFIED)),
        (SIMPLIFIED.encode("utf-16-be").join([b"\xfe\xff", b""]), ("utf-16", SIMPLIFIED)),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "big5", "utf-16-le", "utf-16-be"],
)
def test_decode(data: bytes, expected: tuple[str, str]) -> None:
    text, codec = decode(data)
    assert (codec, text) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (SIMPLIFIED.encode() + b"\xff" + SIMPLIFIED.encode(), "not UTF-8"),  # never garbled
        ("café crème brûlée".encode("latin-1"), "not UTF-8"),
        (SIMPLIFIED.encode("utf-16")[:-1], "byte-order mark"),
    ],
    ids=["empty", "blank", "png", "utf-8-one-bad-byte", "latin-1", "odd-utf-16"],
)
def test_undecodable(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode(data)


def test_forced_encoding(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SIMPLIFIED.encode("gbk"))
    (doc,) = read_corpus(tmp_path / "a.txt", encoding="gbk")
    assert isinstance(doc, Document) and doc.text == SIMPLIFIED
    (err,) = read_corpus(tmp_path / "a.txt", encoding="utf-8")
    assert isinstance(err, ReadError) and "not utf-8" in err.reason
    assert run(tmp_path / "a.txt", "--encoding", "klingon").returncode == 2


def test_tables_ids_fields_and_encodings(tmp_path: Path) -> None:
    import pandas as pd

    pd.DataFrame({"key": ["k1", None], "body": [SIMPLIFIED, "范县投资5亿元。"]}).to_parquet(
        tmp_path / "t.parquet"
    )
    csv_text = f'body,key,date\n"{SIMPLIFIED}",,2023-01-02\n"多行\n范县投资5亿元。",k9,\n'
    (tmp_path / "t.csv").write_bytes(csv_text.encode("gb18030"))
    lines = [json.dumps({"key": "j1", "body": SIMPLIFIED}, ensure_ascii=False), "{broken",
             json.dumps({"body": 5}), "", json.dumps({"body": "   "})]  # fmt: skip
    (tmp_path / "t.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_corpus(tmp_path, text_field="body", id_field="key"))
    got = [(type(i).__name__, i.id) for i in items]
    assert got == [
        ("Document", "t#1"),  # t.csv row 1: no key
        ("Document", "k9"),
        ("Document", "j1"),
        ("ReadError", "t#2"),
        ("ReadError", "t#3"),
        ("ReadError", "t#4"),
        ("Document", "k1"),
        ("Document", "t#2"),
    ]
    assert items[0].date == "2023-01-02" and items[1].text.startswith("多行\n")
    assert "line 2" in items[3].source and "invalid JSON" in items[3].reason
    # a table without the text field is skipped, named or found in a folder alike
    (skipped,) = read_corpus(tmp_path / "t.csv")
    assert isinstance(skipped, Skipped) and not skipped.expected
    assert "no 'text' column" in skipped.reason


@pytest.mark.parametrize(
    ("html", "text"),
    [
        pytest.param(r["html"].replace("\\n", "\n"), r["text"].replace("\\n", "\n"), id=r["note"])
        for r in read_table(CASES / "batch_html.tsv")
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


# ---------------------------------------------------------------------------------------------
# reliability


FIGURE_CHARS = st.sampled_from(
    list("0123456789.,%％‰亿万千百十一二三四五六七八九零两余多近约超过以上左右")
    + list("元美个家名人吨亩年月日季度县市省濮阳范至到-～、，。；：\n 　")
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.text(FIGURE_CHARS, max_size=120)))
def test_extract_never_raises_and_keeps_offsets(text: str) -> None:
    for r in govnlp.extract(text):
        assert text[r.start : r.end] == r.text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decode_fails_only_with_input_error(data: bytes) -> None:
    try:
        text, _ = decode(data)
    except InputError:
        return
    html_to_text(text)


@pytest.mark.parametrize(
    "make",
    [
        lambda: "1234567890" * 100_000,
        lambda: "亿" * 100_000,
        lambda: "余" * 100_000,
        lambda: "in one line, no figure at all; " * 330_000,
    ],
    ids=["1MB-of-digits", "100000-yi", "yu-run", "10MB-single-line"],
)
def test_pathological_inputs_finish(make: Any) -> None:
    text = make()
    for r in govnlp.extract(text):
        assert text[r.start : r.end] == r.text


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    assert run("--jobs", "0").returncode == 2
    assert run("--chunk-size", "0").returncode == 2
    assert run("--resume").returncode == 2
    assert run("-o", tmp_path / "no" / "such" / "dir.jsonl").returncode == 2
    assert os.listdir(tmp_path) == []
    table = tmp_path / "t.jsonl"
    table.write_text(json.dumps({"text": SIMPLIFIED}, ensure_ascii=False) + "\n", "utf-8")
    assert run(table, "-o", table).returncode == 2
    assert os.listdir(tmp_path) == ["t.jsonl"] and "3.5亿元" in table.read_text("utf-8")
