"""The role of a figure in a news article's headline, read with the article's body."""

from __future__ import annotations

import pytest

from _support import load_cases
from govnlp.extraction import extract


@pytest.mark.parametrize(
    ("headline", "body", "date", "figure", "role"),
    load_cases("headlines", fields=("headline", "body", "date", "figure", "role")),
)
def test_a_headline_figure_takes_the_role_its_body_gives_it(
    headline: str, body: str, date: str, figure: str, role: str
) -> None:
    records = extract(f"{headline}\n{body}", date=date)
    (got,) = [r for r in records if r.start < len(headline) and r.text == figure]
    assert (got.role or "-") == role
