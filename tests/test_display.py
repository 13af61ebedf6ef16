"""The notebook view: render, record tables, the CJK font helper, the progress bar."""

from __future__ import annotations

import dataclasses
import html
import re
import warnings
from typing import Any

import pytest

from govnlp.extraction import extract
from govnlp.frame import records_html
from govnlp.integrations.notebook import COLORS, Html, render, use_cjk_font
from govnlp.progressbar import progress
from govnlp.records import COLUMNS, Record, Records

_MARK = re.compile(r'<mark class="entity"[^>]*>\s*(.*?)\s*<span[^>]*>(\w+)</span>', re.DOTALL)
SHORT = "2023年,范县共实施省市重点项目56个,总投资796.5亿元,占年度计划投资的37.41%,新增耕地1200亩。"


@pytest.fixture(scope="module")
def sample_records(sample_text: str) -> list[Record]:
    return extract(sample_text, doc_id="濮阳/sample")


def _marks(markup: str) -> list[tuple[str, str]]:
    return [(text, label) for text, label in _MARK.findall(markup)]


def test_render_marks_every_figure_of_the_sample(
    sample_text: str, sample_records: list[Record]
) -> None:
    markup = render(sample_text, records=sample_records)
    assert isinstance(markup, Html) and markup._repr_html_() == str(markup)
    figures = [(t, label) for t, label in _marks(markup) if label != "PLACE"]
    expected = [(html.escape(r.text), r.kind.value.upper()) for r in sample_records]
    assert figures == expected
    assert len(expected) >= 90


def test_render_extracts_when_given_text_only(
    sample_text: str, sample_records: list[Record]
) -> None:
    assert render(sample_text) == render(sample_text, records=sample_records)


def test_render_marks_places_with_figures_winning_overlaps() -> None:
    marks = _marks(render(SHORT))
    assert ("范县", "PLACE") in marks
    assert [m for m in marks if m[1] != "PLACE"] == [
        ("56个", "COUNT"), ("796.5亿元", "MONEY"), ("37.41%", "PERCENT"), ("1200亩", "QUANTITY"),
    ]  # fmt: skip
    assert not any(label == "PLACE" for _, label in _marks(render(SHORT, places=False)))


def test_render_uses_the_labels_colours_and_title() -> None:
    markup = render(SHORT, title="示例", colors={"MONEY": "#123456"})
    assert "示例" in markup
    assert "#123456" in markup and COLORS["PERCENT"] in markup and COLORS["MONEY"] not in markup


def test_span_style_keeps_every_figure_as_one_underlined_piece() -> None:
    markup = render(SHORT, style="span")
    for text, label in [("56个", "COUNT"), ("796.5亿元", "MONEY"), ("37.41%", "PERCENT")]:
        assert re.search(rf"{re.escape(text)}\s*(<span[^>]*>\s*</span>\s*)*<span", markup), text
        assert label in markup
    assert "PLACE" in markup
    # the text between figures is not cut into characters (displaCy would space them out)
    assert "总投资" in markup


def test_render_reads_spans_of_a_spacy_doc() -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    doc = Doc(spacy.blank("zh").vocab, words=list(SHORT), spaces=[False] * len(SHORT))
    start = SHORT.index("796.5亿元")
    doc.spans["govnlp"] = [doc.char_span(start, start + len("796.5亿元"), label="money")]
    assert _marks(render(doc, places=False)) == [("796.5亿元", "MONEY")]
    bare = spacy.blank("zh")(SHORT)  # no govnlp spans: the figures are extracted
    assert ("56个", "COUNT") in _marks(render(bare))


def test_render_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="style"):
        render(SHORT, style="dep")
    with pytest.raises(TypeError, match="text or a spaCy Doc"):
        render(42)


def test_records_is_a_list_shown_as_a_table(sample_records: list[Record]) -> None:
    records = Records(sample_records)
    assert records == sample_records and isinstance(records, list)
    table = records._repr_html_()
    doc_id = records[0].doc_id
    assert f"{len(records)} records of {doc_id}, first {Records.max_rows} shown" in table
    assert table.count("<tr>") == Records.max_rows + 1
    for r in records[: Records.max_rows]:
        assert f"<td>{html.escape(r.text)}</td>" in table
    assert '<td style="text-align:right">79650000000</td>' in table  # exact, not 7.965e+10
    assert "<th>doc_id</th>" not in table  # one document: its id is in the caption
    assert list(records.to_frame().columns) == list(COLUMNS)


def test_records_table_escapes_and_drops_empty_columns() -> None:
    (record,) = extract("全县新增企业312家。")
    small = Records([dataclasses.replace(record, subject="<b>企业</b>")])
    table = small._repr_html_()
    assert "1 record<" in table and "<b>" not in table and "&lt;b&gt;" in table
    assert "<th>doc_id</th>" not in table and "<th>kind</th>" in table
    assert records_html([]) == "<p><em>no records</em></p>"
    two = [dataclasses.replace(record, doc_id="a"), dataclasses.replace(record, doc_id="b")]
    assert "<th>doc_id</th>" in records_html(two) and "2 records<" in records_html(two)


def test_progress_yields_everything(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(progress(range(5), desc="docs")) == [0, 1, 2, 3, 4]
    assert "docs" in capsys.readouterr().err
    assert list(progress(iter("ab"), disable=True)) == ["a", "b"]
    assert capsys.readouterr().err == ""


# --- the CJK font helper -------------------------------------------------------------------


@pytest.fixture
def fonts(monkeypatch: pytest.MonkeyPatch) -> Any:
    """matplotlib's font list replaced by DejaVu only, with no uncached system fonts."""
    mpl = pytest.importorskip("matplotlib")
    from matplotlib import font_manager

    latin = [f for f in font_manager.fontManager.ttflist if "DejaVu" in f.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    with mpl.rc_context():
        yield font_manager


def test_font_helper_warns_without_a_cjk_font(fonts: Any) -> None:
    from matplotlib import rcParams

    before = list(rcParams["font.sans-serif"])
    with pytest.warns(UserWarning, match="no CJK font found.*empty boxes"):
        assert use_cjk_font() is None
    assert rcParams["font.sans-serif"] == before


def test_font_helper_picks_an_installed_cjk_font(fonts: Any) -> None:
    from matplotlib import rcParams

    fonts.fontManager.ttflist.append(
        fonts.FontEntry(fname="/fonts/wqy-microhei.ttc", name="WenQuanYi Micro Hei")
    )
    fonts.fontManager.ttflist.append(
        fonts.FontEntry(fname="/fonts/NotoSansCJK-Regular.ttc", name="Noto Sans CJK SC")
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert use_cjk_font() == "Noto Sans CJK SC"  # the first preference
        assert use_cjk_font(family="WenQuanYi Micro Hei") == "WenQuanYi Micro Hei"
    assert rcParams["font.sans-serif"][0] == "WenQuanYi Micro Hei"
    assert rcParams["font.family"] == ["sans-serif"]
    assert rcParams["axes.unicode_minus"] is False


def test_font_helper_finds_a_font_installed_after_matplotlibs_cache(
    fonts: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    added: list[str] = []

    def addfont(path: str) -> None:
        added.append(path)
        fonts.fontManager.ttflist.append(fonts.FontEntry(fname=path, name="WenQuanYi Zen Hei"))

    monkeypatch.setattr(fonts, "findSystemFonts", lambda *a, **k: ["/f/x.ttf", "/f/wqy-zenhei.ttc"])
    monkeypatch.setattr(fonts.fontManager, "addfont", addfont)
    assert use_cjk_font() == "WenQuanYi Zen Hei"
    assert added == ["/f/wqy-zenhei.ttc"]


def test_chinese_labels_draw_without_missing_glyphs() -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    with mpl.rc_context():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            family = use_cjk_font()
        if family is None:
            pytest.skip("no CJK font on this machine")
        fig, ax = plt.subplots()
        ax.set_title("濮阳县 总投资（亿元）")
        ax.bar(["范县", "南乐县"], [60.0, -30.0])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.canvas.draw()
        plt.close(fig)
    assert not [w for w in caught if "missing from font" in str(w.message)]
