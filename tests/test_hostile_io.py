"""Reading hostile inputs from disk: every file met is accounted for (read, skipped or failed)
and the run goes on. Exit statuses as in ../shared/docs/records.md: 0 everything read, 3
documents skipped or failed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from govnlp import cli
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
