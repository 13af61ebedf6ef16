"""Scores on the news golds (tests/news/): whole articles, dated from the corpus manifest.

The texts are the development news corpus, which is not distributed: the tests skip without it.
Floors sit a little under the measured scores, so a regression fails the build.
"""

from __future__ import annotations

import csv
from typing import Any

from _support import TESTS, read_table, shared_path
from govnlp import extract
from govnlp.analysis.evaluate import evaluate, items_from_frame, read_gold
from govnlp.frame import to_frame


def _news_scores(folder: str) -> Any:
    news = shared_path("corpora", "news")
    with open(news / "manifest.csv", encoding="utf-8", newline="") as fh:
        dates = {row["id"]: row["date_if_known"] or None for row in csv.DictReader(fh)}
    gold = TESTS / "news" / folder
    records = []
    for doc_id in sorted({p["doc_id"] for p in read_table(gold / "paragraphs.tsv")}):
        text = (news / f"{doc_id}.txt").read_text(encoding="utf-8")
        records += extract(text, doc_id=doc_id, date=dates[doc_id])
    return evaluate(read_gold(gold / "gold.tsv"), items_from_frame(to_frame(records)))


def test_news_dev_scores() -> None:
    """35 articles, mostly about a county. First measured (before any rule was made on them):
    F1 0.954, county 0.595, subject 0.522, metric 0.383, role 0.524, year 0.536."""
    scores = _news_scores("dev")
    assert scores.prf()[2] >= 0.98
    assert scores.share("county") >= 0.90
    assert scores.share("prefecture") >= 0.93
    assert scores.share("subject") >= 0.73
    assert scores.share("metric") >= 0.72
    assert scores.share("role") >= 0.93
    assert scores.share("year") >= 0.85


def test_news_dev2_scores() -> None:
    """16 prefecture and province articles. First measured: F1 0.953, county 0.813, prefecture
    0.766, province 0.760, subject 0.474, metric 0.591, role 0.889, year 0.842."""
    scores = _news_scores("dev2")
    assert scores.prf()[2] >= 0.97
    assert scores.share("county") >= 0.97
    assert scores.share("prefecture") >= 0.93
    assert scores.share("province") >= 0.78
    assert scores.share("subject") >= 0.63
    assert scores.share("metric") >= 0.72
    assert scores.share("role") >= 0.96
    assert scores.share("year") >= 0.92


def test_news_dev3_scores() -> None:
    """16 more prefecture and province articles. First measured: F1 0.916, county 0.958,
    prefecture 0.839, subject 0.643, metric 0.494, role 0.899, year 0.821."""
    scores = _news_scores("dev3")
    assert scores.prf()[2] >= 0.97
    assert scores.share("county") >= 0.95
    assert scores.share("prefecture") >= 0.87
    assert scores.share("subject") >= 0.74
    assert scores.share("metric") >= 0.70
    assert scores.share("role") >= 0.88


def test_news_dev4_scores() -> None:
    """16 more prefecture and province articles. First measured: F1 0.903, county 0.978,
    prefecture 0.909, province 0.855, subject 0.618, metric 0.726, role 0.871, year 0.785."""
    scores = _news_scores("dev4")
    assert scores.prf()[2] >= 0.96
    assert scores.share("county") >= 0.96
    assert scores.share("prefecture") >= 0.89
    assert scores.share("subject") >= 0.65
    assert scores.share("metric") >= 0.76
    assert scores.share("role") >= 0.94


def test_news_dev5_scores() -> None:
    """12 province articles. First measured: F1 0.979, county 0.896, province 0.750, subject
    0.695, metric 0.585, role 0.921, year 0.890."""
    scores = _news_scores("dev5")
    assert scores.prf()[2] >= 0.97
    assert scores.share("county") >= 0.90
    assert scores.share("province") >= 0.97
    assert scores.share("subject") >= 0.72
    assert scores.share("metric") >= 0.72
    assert scores.share("role") >= 0.92


def test_news_dev6_scores() -> None:
    """7 long prefecture articles. First measured: F1 0.979, county 0.941, prefecture 0.915,
    subject 0.712, metric 0.636, role 0.915, year 0.754."""
    scores = _news_scores("dev6")
    assert scores.prf()[2] >= 0.97
    assert scores.share("county") >= 0.92
    assert scores.share("prefecture") >= 0.89
    assert scores.share("subject") >= 0.71
    assert scores.share("metric") >= 0.68


def test_news_holdout_scores() -> None:
    """14 held-out articles, never used to write a rule. First measured: F1 0.965, county 0.466,
    subject 0.646, metric 0.456, role 0.621, year 0.301. The floors guard against regressions."""
    scores = _news_scores("holdout")
    assert scores.prf()[2] >= 0.95
    assert scores.share("county") >= 0.96
    assert scores.share("prefecture") >= 0.97
    assert scores.share("subject") >= 0.66
    assert scores.share("metric") >= 0.60
    assert scores.share("role") >= 0.90


def test_news_holdout2_scores() -> None:
    """10 more held-out articles (one about a prefecture, nine about a province), never used to
    write a rule. First measured: F1 0.946, county 0.962, prefecture 0.858, province 0.934,
    subject 0.642, metric 0.538, role 0.858, year 0.755. The floors guard against regressions."""
    scores = _news_scores("holdout2")
    assert scores.prf()[2] >= 0.93
    assert scores.share("county") >= 0.94
    assert scores.share("province") >= 0.91
    assert scores.share("subject") >= 0.62
    assert scores.share("metric") >= 0.53
    assert scores.share("role") >= 0.83
