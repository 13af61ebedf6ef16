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
