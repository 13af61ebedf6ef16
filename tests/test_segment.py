from __future__ import annotations

from _support import shared_path
from govnlp.text.normalize import normalize
from govnlp.text.segment import blocks, sentences


def _sentence_texts(text: str) -> list[str]:
    norm = normalize(text)
    return [s.text_of(norm) for s in sentences(norm)]


def test_sample_layout_breaks_are_rejoined(sample_text: str) -> None:
    texts = _sentence_texts(sample_text)
    joined = [t for t in texts if "产业集群持续壮大" in t]
    assert len(joined) == 1 and joined[0].startswith("重点围绕聚碳新材料科技园")
    assert any(t.startswith("组织35家服务部门就服务事项") for t in texts)
    assert "建立周调度制度,2022年至今召开重点项目调度会38次,解决问题343个。" in texts


def test_caption_dropped_into_a_sentence_is_skipped(sample_text: str) -> None:
    norm = normalize(sample_text)
    kinds = {norm[b.start : b.end]: b.kind for b in blocks(norm)}
    assert kinds["诺椿阁家具。"] == "caption"
    assert not any("诺椿阁" in t for t in _sentence_texts(sample_text))


def test_headings_are_their_own_units(sample_text: str) -> None:
    norm = normalize(sample_text)
    headings = [norm[b.start : b.end] for b in blocks(norm) if b.kind == "heading"]
    assert headings[1:] == ["## 濮阳县", "## 清丰县", "## 范县", "## 南乐县", "## 台前县"]
    assert "## 范县" in _sentence_texts(sample_text)


def test_ascii_commas_do_not_split_sentences(sample_text: str) -> None:
    texts = _sentence_texts(sample_text)
    assert (
        "2023年,该县共实施省市重点项目56个,总投资796.5亿元,年度计划投资343.4亿元,其中新建项目36个、续建项目20个。"
        in texts
    )


def test_outline_markers_start_a_new_block() -> None:
    text = (
        "一年来，我们坚持以人民为中心的发展思想，推动全县经济社会发展取得了新的成效，"
        "主要做了以下工作\n一、2019年工作回顾\n（一）经济运行稳中有进。地区生产总值增长7%。"
    )
    units = [text[b.start : b.end] for b in blocks(normalize(text))]
    assert units[1] == "一、2019年工作回顾"
    assert units[2].startswith("（一）")


def test_short_untitled_lines_are_not_joined() -> None:
    text = "2022年顺平县政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作。"
    assert _sentence_texts(text)[0] == "2022年顺平县政府工作报告"


def test_page_chrome_of_scraped_reports() -> None:
    text = (
        "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年上海市政府工作报告\n"
        "来源：解放日报\n时间：2026-02-09\n各位代表：\n"
        "时间：2023-03-30????\t\t作者：中国县域????\t来源：政府官网????\t阅读：\n175\n评论：\n0\n"
    )
    chrome = [text[b.start : b.end] for b in blocks(normalize(text)) if b.kind == "chrome"]
    assert chrome[:9] == ["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】"]
    assert "来源：解放日报" in chrome and "175" in chrome and "评论：" in chrome
    assert "2026年上海市政府工作报告" in _sentence_texts(text)


def test_real_reports_offsets_hold() -> None:
    folder = shared_path("corpora", "real")
    for path in sorted(folder.glob("*.txt"))[:30]:
        text = path.read_text(encoding="utf-8")
        norm = normalize(text)
        prev_end = 0
        for s in sentences(norm):
            assert s.start >= prev_end
            assert all(a < b for a, b in s.pieces)
            assert s.text_of(text).strip()
            prev_end = s.end
