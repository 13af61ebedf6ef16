from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import govnlp
from _support import SAMPLE

CMD = [sys.executable, "-m", "govnlp"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"govnlp {govnlp.__version__}"
    out = run("--help")
    assert out.returncode == 0 and "tokenize" in out.stdout


def test_tokenize_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("全县347名分包干部\n示范县建设\n", encoding="utf-8")
    out = run("tokenize", str(path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["全县 347名 分包干部", "示范县 建设"]


def test_tokenize_stdin() -> None:
    out = run("tokenize", "--sep", "|", stdin="范县坚持项目为王\n")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("范县|坚持|")


def test_tokenize_sample_corpus() -> None:
    out = run("tokenize", "--sample")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == len(SAMPLE.read_text(encoding="utf-8").splitlines())
    assert any("796.5亿元" in line.split() for line in lines)


def test_unreadable_file_is_reported_by_name(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    out = run("tokenize", str(bad))
    assert out.returncode == 3
    assert "bad.txt" in out.stderr


def test_no_command_is_a_usage_error() -> None:
    assert run().returncode == 2


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    import json

    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_sample_corpus_prints_a_table() -> None:
    out = run("extract")
    assert out.returncode == 0, out.stderr
    assert "796.5亿元" in out.stdout and "濮阳县" in out.stdout and "总投资" in out.stdout


def test_extract_directory_ids_and_formats(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "x").mkdir(parents=True)
    (docs / "x" / "y.txt").write_text("南乐县新增企业12家，投资3.5亿元。", encoding="utf-8")
    (docs / "z.md").write_text("## 范县\n\n收集问题221条，化解率100%。", encoding="utf-8")
    for suffix in ("parquet", "csv", "jsonl"):
        out_path = tmp_path / f"records.{suffix}"
        out = run("extract", str(docs), "-o", str(out_path))
        assert out.returncode == 0, out.stderr
    rows = _read_jsonl(tmp_path / "records.jsonl")
    assert {r["doc_id"] for r in rows} == {"x/y", "z"}
    assert {(r["text"], r["county"]) for r in rows} == {
        ("12家", "南乐县"),
        ("3.5亿元", "南乐县"),
        ("221条", "范县"),
        ("100%", "范县"),
    }
    assert (tmp_path / "records.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    import pandas as pd

    frame = pd.read_parquet(tmp_path / "records.parquet")
    assert len(frame) == 4 and frame["value"].sum() == 12 + 3.5e8 + 221 + 100


def test_extract_file_id_is_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "a.b.txt"
    path.write_text("完成投资5亿元。", encoding="utf-8")
    out = run("extract", str(path), "-o", str(tmp_path / "r.jsonl"))
    assert out.returncode == 0
    assert _read_jsonl(tmp_path / "r.jsonl")[0]["doc_id"] == "a.b"


def test_unreadable_documents_are_accounted_for(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("完成投资5亿元。", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("完成投资5亿元".encode("utf-16-le") + b"\xff")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out_path = tmp_path / "out" / "r.jsonl"
    out_path.parent.mkdir()
    out = run("extract", str(tmp_path), "-o", str(out_path))
    assert out.returncode == 3
    errors = _read_jsonl(out_path.with_name("r.jsonl.errors.jsonl"))
    assert {e["doc_id"] for e in errors} == {"bad", "empty"}
    assert [r["doc_id"] for r in _read_jsonl(out_path)] == ["good"]


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    assert run("extract", "--jobs", "0").returncode == 2
    assert run("extract", "-o", str(tmp_path / "r.xlsx")).returncode == 2


def test_evaluate_on_the_seed_gold(tmp_path: Path) -> None:
    from _support import TESTS

    pred = tmp_path / "seed.parquet"
    assert run("extract", "-o", str(pred)).returncode == 0
    out = run("evaluate", str(TESTS / "data" / "seed.tsv"), str(pred), "--show")
    assert out.returncode == 0, out.stderr
    overall = next(line for line in out.stdout.splitlines() if line.startswith("overall"))
    assert float(overall.split()[3]) >= 0.98
    assert "missed:" in out.stdout
