"""The researcher's view in notebooks: highlighted text, record tables, CJK charts, progress.

Nothing here is imported at ``import govnlp`` time, and this module itself imports no heavy
package at import time: spaCy, pandas, matplotlib and tqdm are imported inside the functions.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from govnlp.records import Record

if TYPE_CHECKING:

    from govnlp.lexicon import Lexicon

T = TypeVar("T")

#: The labels that :func:`render` gives, with their highlight colours.
COLORS: dict[str, str] = {
    "MONEY": "#ffd166",
    "PERCENT": "#9ee6e0",
    "COUNT": "#b8f2c2",
    "QUANTITY": "#dcc6f2",
    "PLACE": "#bfdcff",
}
FIGURE_LABELS = ("MONEY", "PERCENT", "COUNT", "QUANTITY")
PLACE_LABEL = "PLACE"

#: CJK font families tried first, in order of preference (simplified Chinese first).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
)
# Any other family whose name says it is a CJK font (checked to hold 中 before it is used).
_CJK_NAME = re.compile(
    r"CJK|Source Han|WenQuanYi|YaHei|Sim(?:Hei|Sun|Kai|Fang)|PingFang|Heiti|Songti|Kaiti"
    r"|Hiragino Sans GB|AR PL|Droid Sans Fallback|Noto S(?:ans|erif) (?:SC|TC|HK)",
    re.IGNORECASE,
)
# Font files of such families, for fonts installed after matplotlib built its font cache.
_CJK_FILE = re.compile(
    r"cjk|wqy|wenquanyi|sourcehan|simhei|simsun|simkai|msyh|pingfang|droidsansfallback"
    r"|notosans(?:sc|tc)|notoserif(?:sc|tc)|uming|ukai",
    re.IGNORECASE,
)
_PROBE = "中国县"


class Html(str):
    """A string of HTML that notebooks display as HTML (``str`` everywhere else)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


def render(
    text_or_doc: Any,
    *,
    records: Iterable[Record] | None = None,
    places: bool = True,
    style: str = "ent",
    title: str | None = None,
    colors: Mapping[str, str] | None = None,
    lexicon: Lexicon | None = None,
) -> Html:
    """The text with its figures and places highlighted, as HTML (displaCy, ``manual=True``).

    Args:
        text_or_doc: a text, or a spaCy ``Doc`` (its ``doc.spans["govnlp"]`` are used where the
            pipeline set them, else the figures are extracted from ``doc.text``).
        records: the figures to show (e.g. ``extract(text)``); extracted when not given.
        places: highlight the places named (``find_places``) too.
        style: ``"ent"`` (inline marks; a place inside a figure is dropped) or ``"span"``
            (underlines, overlaps allowed; line breaks are not kept).
        title: a heading shown above the text.
        colors: label → CSS colour, over :data:`COLORS`.
        lexicon: the lexicon to extract with (the default one otherwise).

    Returns:
        The HTML, a ``str`` that notebooks display as HTML.

    Labels are MONEY, PERCENT, COUNT, QUANTITY and PLACE.
    """
    if style not in ("ent", "span"):
        raise ValueError(f"style must be 'ent' or 'span', got {style!r}")
    text, spans = _spans(text_or_doc, records=records, places=places, lexicon=lexicon)
    from spacy import displacy

    palette = {**COLORS, **(colors or {})}
    options = {"colors": palette, "ents": sorted({*palette, *(s["label"] for s in spans)})}
    if style == "ent":
        ents = _without_overlaps(spans)
        data: dict[str, Any] = {"text": text, "ents": ents, "title": title}
        markup = displacy.render(data, style="ent", manual=True, options=options, jupyter=False)
    else:
        data = {**_span_tokens(text, spans), "title": title}
        options = {"colors": palette}
        markup = displacy.render(data, style="span", manual=True, options=options, jupyter=False)
    return Html(markup)


def _spans(
    text_or_doc: Any, *, records: Iterable[Record] | None, places: bool, lexicon: Lexicon | None
) -> tuple[str, list[dict[str, Any]]]:
    """The text and its figure and place spans as ``{"start", "end", "label"}`` dicts."""
    if isinstance(text_or_doc, str):
        text, doc = text_or_doc, None
    elif hasattr(text_or_doc, "text") and hasattr(text_or_doc, "spans"):
        text, doc = text_or_doc.text, text_or_doc
    else:
        raise TypeError(f"render needs a text or a spaCy Doc, got {type(text_or_doc).__name__}")
    spans: list[dict[str, Any]] = []
    if records is not None:
        spans += [_figure_span(r.start, r.end, r.kind.value) for r in records]
    elif doc is not None and "govnlp" in doc.spans:
        spans += [_figure_span(s.start_char, s.end_char, s.label_) for s in doc.spans["govnlp"]]
    else:
        from govnlp.extraction import extract

        spans += [
            _figure_span(r.start, r.end, r.kind.value) for r in extract(text, lexicon=lexicon)
        ]
    if places:
        from govnlp.places.find import find_places

        found = find_places(text, lexicon=lexicon)
        spans += [{"start": p.start, "end": p.end, "label": PLACE_LABEL} for p in found]
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    return text, spans


def _figure_span(start: int, end: int, label: str) -> dict[str, Any]:
    upper = str(label).upper()
    return {"start": start, "end": end, "label": upper if upper in COLORS else str(label)}


def _without_overlaps(spans: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Spans for the "ent" style: a figure wins over a place it overlaps, else the first one."""
    ranked = sorted(spans, key=lambda s: (s["label"] == PLACE_LABEL, s["start"]))
    kept: list[dict[str, Any]] = []
    for span in ranked:
        if all(span["end"] <= k["start"] or span["start"] >= k["end"] for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s["start"])


def _span_tokens(text: str, spans: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Tokens for the "span" style: the text cut at every span boundary (no per-character
    tokens, which displaCy would separate by spaces)."""
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    tokens = [text[a:b] for a, b in itertools.pairwise(cuts)]
    index = {c: i for i, c in enumerate(cuts)}
    return {
        "text": text,
        "tokens": tokens,
        "spans": [
            {"start_token": index[s["start"]], "end_token": index[s["end"]], "label": s["label"]}
            for s in spans
            if s["end"] > s["start"]
        ],
    }


def use_cjk_font(*, family: str | None = None) -> str | None:
    """Make matplotlib draw Chinese: find a CJK font this machine has and put it first.

    Tries ``family`` (if given), then :data:`CJK_FAMILIES`, then any other family whose name
    says CJK and that holds Chinese characters, then font files matplotlib has not cached yet
    (a font installed after matplotlib built its cache). Sets ``font.sans-serif``,
    ``font.family`` and ``axes.unicode_minus`` in ``matplotlib.rcParams``.

    Returns:
        The family now used, or ``None`` (with a warning) when the machine has no CJK font:
        Chinese labels would be drawn as empty boxes.
    """
    from matplotlib import font_manager, rcParams

    found = _cjk_family(font_manager, family) or _cjk_family(
        font_manager, family, add_uncached=True
    )
    if found is None:
        warnings.warn(
            "govnlp.use_cjk_font: no CJK font found, so Chinese labels in charts would be drawn "
            "as empty boxes. Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk; "
            "Fedora: google-noto-sans-cjk-fonts; conda: font-ttf-noto-cjk) and call "
            "use_cjk_font() again.",
            UserWarning,
            stacklevel=2,
        )
        return None
    rcParams["font.sans-serif"] = [found, *(f for f in rcParams["font.sans-serif"] if f != found)]
    rcParams["font.family"] = "sans-serif"
    rcParams["axes.unicode_minus"] = False  # many CJK fonts lack U+2212 MINUS SIGN
    return found


def _cjk_family(font_manager: Any, family: str | None, *, add_uncached: bool = False) -> str | None:
    """The best CJK family among matplotlib's fonts (after adding uncached CJK font files)."""
    manager = font_manager.fontManager
    if add_uncached:
        known = {str(Path(f.fname)) for f in manager.ttflist}
        added = False
        for path in font_manager.findSystemFonts():
            if str(Path(path)) not in known and _CJK_FILE.search(Path(path).name):
                try:
                    manager.addfont(path)
                    added = True
                except (OSError, RuntimeError, ValueError):
                    continue
        if not added:
            return None
    names: dict[str, str] = {str(f.name): str(f.fname) for f in manager.ttflist}
    preferred: list[str] = [family] if family else []
    for name in [*preferred, *CJK_FAMILIES]:
        if name in names:
            return name
    for name in sorted(names, key=lambda n: (not n.endswith(("SC", "CN")), n)):
        if _CJK_NAME.search(name) and _holds_chinese(names[name]):
            return name
    return None


def _holds_chinese(path: str) -> bool:
    """Whether the font file has glyphs for a few Chinese characters."""
    try:
        from matplotlib.ft2font import FT2Font

        font = FT2Font(path)
        return all(font.get_char_index(ord(ch)) for ch in _PROBE)
    except (OSError, RuntimeError, ValueError):
        return False
