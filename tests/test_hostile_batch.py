"""Batch extraction on hostile inputs and machines: every file accounted for, nothing of the
user's deleted, bounded reads, and clean endings with documented exit statuses.

Exit statuses: 0 everything read, 1 the run failed, 2 wrong usage, 3 documents skipped or
failed, 130 interrupted.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import govnlp
from _support import SAMPLE, tar_bytes
from govnlp import cli, extraction
from govnlp.batch import executors
from govnlp.batch import run as batch
from govnlp.batch.sink import FileSink
from govnlp.errors import ConfigError
from govnlp.io.corpus import Document, ReadError, read_corpus

CMD = [sys.executable, "-m", "govnlp"]
TEXT = "2023年,南乐县新增企业12家，完成投资3.5亿元，增长12%。"


def govnlp_cmd(
    *args: str | Path, timeout: float = 300, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, **kwargs)  # fmt: skip


def main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """(status, standard output, standard error) of the command line, run in this process."""
    status = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sidecar(out: Path, suffix: str) -> Path:
    return out.with_name(out.name + suffix)


def one_line(stderr: str) -> str:
    """The last line of standard error, checking there is no traceback."""
    assert "Traceback" not in stderr, stderr
    return stderr.strip().splitlines()[-1]


def write_docs(folder: Path, n: int, *, sample: bool = False) -> Path:
    """``n`` short documents (3 figures each), or ``n`` varied copies of the sample article."""
    folder.mkdir(parents=True, exist_ok=True)
    article = SAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        text = f"第{i}号通报\n全年完成投资{i + 1}亿元。\n{article}" if sample else (
            f"2023年,范县新增企业{i + 2}家，完成投资{i + 1}亿元，增长{i + 3}%。")  # fmt: skip
        (folder / f"{i:03d}.txt").write_text(text, "utf-8")
    return folder


# ---------------------------------------------------------------------------------------------
# A. nothing of the user's is deleted


@pytest.mark.parametrize("suffix", ["", ".docs.jsonl", ".done.jsonl", ".partial"])
def test_an_output_that_is_a_folder_is_refused_and_kept(tmp_path: Path, suffix: str) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, "utf-8")
    out = tmp_path / "out.jsonl"
    folder = sidecar(out, suffix)
    folder.mkdir()
    (folder / "precious.txt").write_text("keep me", "utf-8")
    done = govnlp_cmd("extract", doc, "-o", out, "--no-progress")
    assert done.returncode == 2
    assert str(folder) in one_line(done.stderr)
    assert (folder / "precious.txt").read_text("utf-8") == "keep me"


def test_a_parts_folder_with_other_files_is_refused_and_kept(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, "utf-8")
    out = tmp_path / "out.parquet"
    parts = sidecar(out, ".parts")
    parts.mkdir()
    (parts / "notes.txt").write_text("keep me", "utf-8")
    done = govnlp_cmd("extract", doc, "-o", out, "--no-progress")
    assert done.returncode == 2 and "notes.txt" in one_line(done.stderr)
    assert (parts / "notes.txt").exists()
    (parts / "notes.txt").unlink()
    (parts / "00000007.arrows").write_bytes(b"left by a killed run")
    assert govnlp_cmd("extract", doc, "-o", out, "--no-progress").returncode == 0
    assert not parts.exists() and out.stat().st_size


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet"])
def test_an_existing_output_file_is_replaced_only_at_the_end(tmp_path: Path, suffix: str) -> None:
    docs = write_docs(tmp_path / "docs", 6)
    out = tmp_path / f"out.{suffix}"
    out.write_bytes(b"the previous results")
    original = FileSink.commit

    def die_after_one(self: FileSink, result: Any) -> None:
        if self.chunk == 1:
            raise KeyboardInterrupt
        original(self, result)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(FileSink, "commit", die_after_one)
        with pytest.raises(KeyboardInterrupt):
            batch.run([docs], output=out, jobs=1, chunk_docs=2)
    assert out.read_bytes() == b"the previous results"
    assert sidecar(out, ".partial").exists()
    summary = batch.run([docs], output=out, jobs=1, chunk_docs=2)
    assert summary.records == 6 * 3 and not sidecar(out, ".partial").exists()
    assert out.read_bytes() != b"the previous results"


def test_no_code_deletes_a_folder_tree() -> None:
    src = Path(govnlp.__file__).parent
    offenders = [p for p in src.rglob("*.py") if "rmtree" in p.read_text("utf-8")]
    assert offenders == []


# ---------------------------------------------------------------------------------------------
# B. no document lost without a word


@pytest.mark.parametrize("gz", [False, True], ids=["tar", "tar.gz"])
def test_a_damaged_tar_header_is_reported_and_the_rest_read(
    tmp_path: Path, gz: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(tar_bytes({f"{i}.txt": (TEXT * (i + 1)).encode() for i in range(4)}))
    header = data.index(b"1.txt\x00")
    data[header + 148 : header + 154] = b"000000"  # a checksum that does not match
    path = tmp_path / ("d.tar.gz" if gz else "d.tar")
    path.write_bytes(gzip.compress(bytes(data)) if gz else bytes(data))
    out = tmp_path / "out" / "r.jsonl"
    out.parent.mkdir()
    status, _, err = main(capsys, "extract", path, "-o", out, "--no-progress")
    assert status == 3, err
    (error,) = read_jsonl(sidecar(out, ".errors.jsonl"))
    assert error["doc_id"] == "d:1" and "damaged tar" in error["error"]
    assert f"at byte {header:,}" in error["error"] and "skipped" in error["error"]
    ok = [d["doc_id"] for d in read_jsonl(sidecar(out, ".docs.jsonl")) if d["status"] == "ok"]
    assert ok == ["d:0", "d:2", "d:3"]


def test_garbage_named_tar_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "g.tar").write_bytes(bytes(range(256)) * 20)
    (item,) = read_corpus(tmp_path / "g.tar")
    assert isinstance(item, ReadError) and "not a tar archive" in item.reason


def test_a_folder_that_cannot_be_listed_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "root"
    write_docs(root / "open", 1)
    write_docs(root / "locked", 1)
    scandir = os.scandir

    def refuse(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    items = list(read_corpus(root))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("ReadError", "locked"), ("Document", "open/000"),
    ]  # fmt: skip
    assert "cannot list the folder: Permission denied" in items[0].reason
    out = tmp_path / "r.jsonl"
    assert cli.main(["extract", str(root), "-o", str(out), "--jobs", "1", "--no-progress"]) == 3
    assert [e["doc_id"] for e in read_jsonl(sidecar(out, ".errors.jsonl"))] == ["locked"]


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, "utf-8")
    os.mkfifo(docs / "fifo.txt")
    os.mkfifo(docs / "rows.jsonl")
    (docs / "zero.txt").symlink_to("/dev/zero")
    (docs / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    out = tmp_path / "r.jsonl"
    done = govnlp_cmd("extract", docs, "-o", out, "--no-progress", timeout=60)
    assert done.returncode == 3, done.stderr
    lines = {d["doc_id"]: d for d in read_jsonl(sidecar(out, ".docs.jsonl"))}
    assert lines["a"]["status"] == "ok"
    assert lines["fifo"]["reason"] == "not a regular file (a named pipe)"
    assert lines["rows"]["reason"] == "not a regular file (a named pipe)"
    assert lines["zero"]["reason"] == "not a regular file (a character device)"
    assert lines["gone"]["reason"] == "not a regular file (a broken symbolic link)"
    named = govnlp_cmd("extract", docs / "fifo.txt", "--no-progress", timeout=60)
    assert named.returncode == 3 and "named pipe" in named.stderr


def test_sizes_are_enforced_while_reading(tmp_path: Path) -> None:
    proc = Path("/proc/self/status")  # a regular file whose size says 0
    if not proc.exists() or proc.stat().st_size:
        pytest.skip("needs Linux /proc")
    (tmp_path / "status.txt").symlink_to(proc)
    (item,) = read_corpus(tmp_path / "status.txt", max_bytes=100)
    assert isinstance(item, ReadError) and "size limit of 100 bytes" in item.reason


def test_an_unterminated_csv_quote_does_not_merge_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = ["id,text", '1,"南乐县完成投资5亿元。', "2,范县完成投资3亿元。",
            '3,"清丰县完成投资7亿元。"', "4,台前县完成投资2亿元。"]  # fmt: skip
    table = tmp_path / "t.csv"
    table.write_text("\n".join(rows) + "\n", "utf-8")
    out = tmp_path / "out" / "r.jsonl"
    out.parent.mkdir()
    status, _, err = main(capsys, "extract", table, "-o", out, "--no-progress")
    assert status == 3, err
    (error,) = read_jsonl(sidecar(out, ".errors.jsonl"))
    assert error["doc_id"] == "t#1" and "line 2" in error["error"] and "quote" in error["error"]
    records = {r["doc_id"]: r["text"] for r in read_jsonl(out)}
    assert records == {"2": "3亿元", "3": "7亿元", "4": "2亿元"}


def test_an_unterminated_quote_at_the_end_is_an_error(tmp_path: Path) -> None:
    text = TEXT.replace(",", "，")
    (tmp_path / "t.csv").write_text(f'id,text\n1,{text}\n2,"{text}\n3,{text}\n', "utf-8")
    items = list(read_corpus(tmp_path / "t.csv"))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Document", "1"), ("ReadError", "t#2"), ("Document", "3"),
    ]  # fmt: skip
    assert "unexpected end of data" in items[1].reason


@pytest.mark.parametrize(
    ("codec", "forced"),
    [("utf-16", None), ("utf-16-be", "utf-16-be"), ("utf-16", "utf-16"), ("utf-32", None)],
)
def test_utf16_jsonl_is_read(tmp_path: Path, codec: str, forced: str | None) -> None:
    lines = [json.dumps({"id": f"r{i}", "text": TEXT}, ensure_ascii=False) for i in range(3)]
    (tmp_path / "t.jsonl").write_bytes("\n".join(lines).encode(codec))
    items = list(read_corpus(tmp_path / "t.jsonl", encoding=forced))
    assert [(type(i).__name__, i.id) for i in items] == [("Document", f"r{i}") for i in range(3)]
    assert all(isinstance(i, Document) and i.text == TEXT for i in items)


def test_an_overlong_jsonl_line_is_an_error_and_the_next_is_read(tmp_path: Path) -> None:
    long = json.dumps({"id": "big", "text": "亿" * 1000}, ensure_ascii=False)
    short = json.dumps({"id": "small", "text": TEXT}, ensure_ascii=False)
    (tmp_path / "t.jsonl").write_text(f"{long}\n{short}\n", "utf-8")
    items = list(read_corpus(tmp_path / "t.jsonl", max_bytes=500))
    got = [(type(i).__name__, i.id) for i in items]
    assert got == [("ReadError", "t#1"), ("Document", "small")]


def test_a_bad_date_is_an_error_line_naming_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [{"id": "good", "text": TEXT, "date": "2023-10-20"},
            {"id": "bad", "text": TEXT, "date": "2023/13/45"}]  # fmt: skip
    table = tmp_path / "t.jsonl"
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    out = tmp_path / "out" / "r.jsonl"
    out.parent.mkdir()
    status, _, err = main(capsys, "extract", table, "-o", out, "--no-progress")
    assert status == 3
    one_line(err)
    (error,) = read_jsonl(sidecar(out, ".errors.jsonl"))
    assert error["doc_id"] == "bad" and error["source"].endswith("t.jsonl:line 2")
    assert "ISO date" in error["error"]


# ---------------------------------------------------------------------------------------------
# C. bounded cost


def test_a_document_is_cut_after_max_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "dense.txt").write_text("完成投资5亿元，增长3%。" * 10, "utf-8")
    (tmp_path / "plain.txt").write_text(TEXT, "utf-8")
    out = tmp_path / "out" / "r.jsonl"
    out.parent.mkdir()
    status, _, _ = main(capsys, "extract", tmp_path, "-o", out, "--max-figures", "5",
                        "--no-progress")  # fmt: skip
    assert status == 3
    docs = {d["doc_id"]: d for d in read_jsonl(sidecar(out, ".docs.jsonl"))}
    assert (docs["dense"]["status"], docs["dense"]["figures"]) == ("partial", 5)
    assert docs["plain"]["status"] == "ok"
    (error,) = read_jsonl(sidecar(out, ".errors.jsonl"))
    assert "more than 5 figures (max_figures)" in error["error"] and "cut at" in error["error"]
    assert [r["doc_id"] for r in read_jsonl(out)].count("dense") == 5


def test_long_documents_are_extracted_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [f"第{i}项，完成投资{i + 1}亿元，增长{i % 9 + 1}%。" for i in range(60)]
    text = "\n".join(lines)
    monkeypatch.setattr(batch, "PIECE_CHARS", 300)
    result = batch.extract_chunk([Document(id="d", text=text)], "frame")
    frame = result.payload
    assert not isinstance(frame, bytes) and result.docs[0]["status"] == "ok"
    assert all(text[s:e] == t for s, e, t in zip(frame["start"], frame["end"], frame["text"],
                                                  strict=True))  # fmt: skip
    whole = govnlp.extract_frame([("d", text)])
    assert frame["text"].tolist() == whole["text"].tolist()
    assert frame["start"].tolist() == whole["start"].tolist()
    pieces = list(batch.pieces(text, 300))
    assert "".join(p for _, p in pieces) == text and len(pieces) == 4
    assert all(p.endswith("\n") for _, p in pieces[:-1]) and all(len(p) <= 300 for _, p in pieces)


def test_a_run_on_list_gives_each_record_the_clauses_around_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a list of 5,000 items and no full stop is one "sentence" of 35,000 characters: copied into
    # each record it made 200,000 items of 2 MB a 460 GB output, and the run was killed for memory
    text = "、".join(f"第{i}组{i + 1}个" for i in range(5000))
    records = govnlp.extract(text)
    assert len(records) == 5000
    limit = extraction.MAX_SENTENCE
    for r in records[::97]:
        assert r.text in r.sentence and r.sentence in text and len(r.sentence) <= limit
        assert r.sentence.startswith("第") and r.sentence.endswith("、")  # whole items
    ordinary = govnlp.extract(TEXT)
    assert all(r.sentence in TEXT and len(r.sentence) < limit for r in ordinary)
    (tmp_path / "list.txt").write_text(text, "utf-8")
    out = tmp_path / "r.jsonl"
    status, _, _ = main(capsys, "extract", tmp_path / "list.txt", "-o", out, "--no-progress")
    assert status == 0
    assert out.stat().st_size < 2 * limit * 4 * len(records)  # not 5,000 copies of the list


# ---------------------------------------------------------------------------------------------
# D. clean endings


@pytest.fixture(scope="module")
def whole(corpus: Path) -> bytes:
    """The records of an uninterrupted run on the corpus."""
    out = corpus.parent / "whole.jsonl"
    batch.run([corpus], output=out, jobs=1)
    return out.read_bytes()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # more characters than batch.PARALLEL_CHARS, so that two jobs start two workers
    return write_docs(tmp_path_factory.mktemp("hostile") / "docs", 200, sample=True)


def start_extract(corpus: Path, out: Path, jobs: int) -> subprocess.Popen[str]:
    args = [*CMD, "extract", str(corpus), "-o", str(out), "--jobs", str(jobs), "--chunk-size", "2",
            "--no-progress"]  # fmt: skip
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    manifest = sidecar(out, ".done.jsonl")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and manifest.read_bytes().count(b"\n") >= 2:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be stopped"
    return proc


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_says_how_to_resume(tmp_path: Path, corpus: Path, whole: bytes, jobs: int) -> None:
    out = tmp_path / "r.jsonl"
    proc = start_extract(corpus, out, jobs)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    line = one_line(stderr)
    assert len(stderr.strip().splitlines()) == 1
    assert "interrupted" in line and line.endswith("--resume") and str(out) in line
    assert not out.exists()
    resumed = govnlp_cmd("extract", corpus, "-o", out, "--jobs", str(jobs), "--resume",
                         "--no-progress")  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == whole


def test_a_dead_worker_ends_the_run_with_status_1(tmp_path: Path, corpus: Path) -> None:
    psutil = pytest.importorskip("psutil")
    proc = start_extract(corpus, tmp_path / "r.jsonl", 2)
    workers = [p for p in psutil.Process(proc.pid).children()
               if "spawn_main" in " ".join(p.cmdline())]  # fmt: skip
    workers[0].kill()
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "worker process died" in one_line(stderr) and "--resume" in one_line(stderr)


def test_a_full_disk_ends_the_run_with_status_1(tmp_path: Path, corpus: Path) -> None:
    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    out = tmp_path / "r.jsonl"
    done = govnlp_cmd("extract", corpus, "-o", out, "--jobs", "1", "--no-progress",
                      preexec_fn=small_files)  # fmt: skip
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert f"cannot write {out}.partial" in line and "--resume" in line


def test_a_full_standard_output_ends_with_status_1() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    with open("/dev/full", "w") as full:
        done = subprocess.run([*CMD, "extract", "--no-progress"], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert "cannot write to standard output" in one_line(done.stderr)


def test_an_empty_scheduler_is_wrong_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = main(capsys, "extract", "--scheduler", "", "--no-progress")
    assert status == 2 and "--scheduler" in one_line(err)
    with pytest.raises(ConfigError, match="scheduler"):
        batch.run([tmp_path], scheduler="  ")


# ---------------------------------------------------------------------------------------------
# E. every file accounted for


def test_every_file_met_is_accounted_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text(TEXT, "utf-8")
    (data / "README.md").write_text("# 数据说明\n共100份报告。", "utf-8")
    (data / "manifest.csv").write_text("id,title\na,报告\n", "utf-8")
    (data / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (data / ".git").mkdir()
    (data / ".git" / "HEAD").write_text("ref: refs/heads/main", "utf-8")
    out = tmp_path / "r.jsonl"
    status, _, err = main(capsys, "extract", data, "-o", out, "--no-progress")
    assert status == 0, err
    lines = {d["doc_id"]: d for d in read_jsonl(sidecar(out, ".docs.jsonl"))}
    assert set(lines) == {"a", "README", "manifest", ".DS_Store", ".git"}
    assert all(lines[k]["status"] == "skipped" and lines[k]["expected"]
               for k in ("README", "manifest", ".DS_Store", ".git"))  # fmt: skip
    summary = one_line(err)
    assert "1 document read, 4 skipped (4 not documents), 0 failed; 3 records" in summary
    # a file that may be a document the user wanted: skipped with its reason, status 3
    (data / "report.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    status, _, err = main(capsys, "extract", data, "-o", out, "--no-progress")
    assert status == 3
    lines = {d["doc_id"]: d for d in read_jsonl(sidecar(out, ".docs.jsonl"))}
    assert lines["report"]["reason"] == "unsupported file type '.doc'"
    assert not lines["report"]["expected"] and "see" in one_line(err)
    # named on the command line, a README is read
    status, _, _ = main(capsys, "extract", data / "README.md", "-o", out, "--no-progress")
    assert status == 0
    assert [d["status"] for d in read_jsonl(sidecar(out, ".docs.jsonl"))] == ["ok"]


@pytest.mark.parametrize("named", [True, False], ids=["named", "in-a-folder"])
def test_a_table_without_its_text_column_exits_3_either_way(
    tmp_path: Path, named: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, "utf-8")
    (folder / "lookup.csv").write_text("code,name\n410928,濮阳县\n", "utf-8")
    status, _, err = main(capsys, "extract", folder / "lookup.csv" if named else folder,
                          "--no-progress")  # fmt: skip
    assert status == 3
    assert "lookup.csv: skipped: no 'text' column" in err


# ---------------------------------------------------------------------------------------------
# F. the command line's manners


def test_an_empty_result_prints_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("今天天气很好。", "utf-8")
    status, out, _ = main(capsys, "extract", tmp_path / "a.txt", "--no-progress")
    assert status == 0
    assert out.split() == ["doc_id", "kind", "text", "value", "unit", "qualifier",
                                   "county", "subject", "metric", "period", "role"]  # fmt: skip


@pytest.mark.parametrize("command", ["tokenize", "extract"])
def test_a_closed_pipe_ends_quietly(tmp_path: Path, command: str) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text((TEXT + "\n") * 2_000, "utf-8")
    flags = [] if command == "tokenize" else ["--no-progress"]
    proc = subprocess.Popen([*CMD, command, str(doc), *flags], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline()
    proc.stdout.close()  # as head does
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0
    assert "Traceback" not in stderr and "Broken" not in stderr


def test_audit_gives_the_same_flags_from_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = ("2023年，该县共实施省市重点项目56个，其中新建项目36个、续建项目30个。"
            "已完成投资128.4亿元，年度计划投资343.4亿元，已完成投资占年度计划投资的39.5%。"
            "2023年，全县一般公共预算收入完成12.5亿元。"
            "2023年，全县一般公共预算收入完成13.1亿元。")  # fmt: skip
    (tmp_path / "d.txt").write_text(text, "utf-8")
    flags = {}
    for suffix in ("parquet", "csv", "jsonl"):
        out = tmp_path / f"r.{suffix}"
        assert main(capsys, "extract", tmp_path / "d.txt", "-o", out, "--no-progress")[0] == 0
        status, flags[suffix], _ = main(capsys, "audit", out)
        assert status == 0
    assert len(flags["parquet"].splitlines()) == 3  # parts_sum, share_ratio, conflict
    assert flags["csv"] == flags["parquet"] and flags["jsonl"] == flags["parquet"]


@pytest.mark.parametrize("args", [["audit", "{x}"], ["evaluate", "{x}", "{x}"]])
def test_a_missing_file_is_wrong_usage(
    tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nothing.parquet"
    status, _, err = main(capsys, *[a.replace("{x}", str(missing)) for a in args])
    assert status == 2
    assert str(missing) in one_line(err)


# ---------------------------------------------------------------------------------------------
# G. jobs


def cgroup_tree(root: Path, lines: str, files: dict[str, str]) -> tuple[Path, Path]:
    proc = root / "proc"
    (proc / "self").mkdir(parents=True)
    (proc / "self" / "cgroup").write_text(lines, "utf-8")
    cgroup = root / "cgroup"
    for name, content in files.items():
        (cgroup / name).parent.mkdir(parents=True, exist_ok=True)
        (cgroup / name).write_text(content, "utf-8")
    return cgroup, proc


@pytest.mark.parametrize(
    ("lines", "files", "quota"),
    [
        ("0::/job\n", {"job/cpu.max": "150000 100000\n"}, 1.5),
        ("0::/job/step\n", {"job/cpu.max": "100000 100000\n", "job/step/cpu.max": "max 100000\n"},
         1.0),
        ("0::/\n", {"cpu.max": "max 100000\n"}, None),
        ("4:cpu,cpuacct:/docker/1\n", {"cpu,cpuacct/docker/1/cpu.cfs_quota_us": "50000\n",
                                       "cpu,cpuacct/docker/1/cpu.cfs_period_us": "100000\n"}, 0.5),
        ("4:cpu,cpuacct:/\n", {"cpu,cpuacct/cpu.cfs_quota_us": "-1\n",
                               "cpu,cpuacct/cpu.cfs_period_us": "100000\n"}, None),
    ],
    ids=["v2", "v2-parent", "v2-no-limit", "v1", "v1-no-limit"],
)  # fmt: skip
def test_cgroup_cpu_quota(
    tmp_path: Path, lines: str, files: dict[str, str], quota: float | None
) -> None:
    cgroup, proc = cgroup_tree(tmp_path, lines, files)
    assert executors.cgroup_quota(cgroup, proc) == quota
    cpus = executors.available_cpus(cgroup, proc)
    assert cpus == (max(1, int(quota)) if quota else len(os.sched_getaffinity(0)))


def test_small_inputs_run_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = batch.executor

    def spy(jobs: int, scheduler: str | None, several: bool) -> Any:
        seen.append(several)
        return real(1, scheduler, several)  # never start workers here

    monkeypatch.setattr(batch, "executor", spy)
    small = write_docs(tmp_path / "small", 3)
    batch.run([small], jobs=2, chunk_docs=1)
    monkeypatch.setattr(batch, "PARALLEL_CHARS", 50)
    batch.run([small], jobs=2, chunk_docs=1)
    assert seen == [False, True]


def test_a_reader_tripping_on_a_damaged_file_loses_only_that_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # warcio raised AttributeError on a response record with no target URI, which ended the
    # whole run with a traceback: it is an unreadable archive, and the files after it are read
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n"
        b"HTTP/1.1 200 OK\r\n\r\n<p>\xe5\xae\x8c\xe6\x88\x9025\xe4\xba\xbf\xe5\x85\x83</p>"
    )
    (tmp_path / "a.warc.gz").write_bytes(gzip.compress(record))
    (tmp_path / "b.txt").write_text(TEXT, "utf-8")
    out = tmp_path / "out" / "r.jsonl"
    out.parent.mkdir()
    status, _, _ = main(capsys, "extract", tmp_path / "a.warc.gz", tmp_path / "b.txt", "-o",
                        out, "--no-progress")  # fmt: skip
    assert status == 3
    docs = {d["doc_id"]: d for d in read_jsonl(sidecar(out, ".docs.jsonl"))}
    assert docs["b"]["status"] == "ok" and docs["a"]["status"] == "unreadable"
    (error,) = read_jsonl(sidecar(out, ".errors.jsonl"))
    assert error["error"].startswith("not a web archive (WARC): AttributeError")
    # any other reader that fails in a way of its own: that file is reported, the run goes on
    from govnlp.io import corpus

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("bad state")
        yield  # a generator, as the readers are

    monkeypatch.setattr(corpus, "read_kind", broken)
    status, _, _ = main(capsys, "extract", tmp_path / "b.txt", "-o", out, "--no-progress")
    assert status == 3
    (error,) = read_jsonl(sidecar(out, ".errors.jsonl"))
    assert error["error"] == "unreadable: RuntimeError: bad state; what follows in it was not read"


def test_a_row_says_whether_its_text_is_missing_null_or_not_text(tmp_path: Path) -> None:
    rows: list[dict[str, Any]] = [
        {"id": "a"}, {"id": "b", "text": None}, {"id": "c", "text": 12}, {"id": "d", "text": TEXT}
    ]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    errors = {i.id: i.reason for i in read_corpus([path]) if isinstance(i, ReadError)}
    assert errors == {
        "a": "no 'text' field",
        "b": "field 'text' is empty (null)",
        "c": "field 'text' is int, not text",
    }
