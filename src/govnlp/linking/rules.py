"""The linking rules: the word lists of ``lexicons/rules/link.toml``, compiled once per lexicon."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from govnlp.lexicon import Lexicon

_YEAR = r"(?:19|20)[0-9]{2}年"


@dataclass(frozen=True)
class LinkRules:
    """Word lists and patterns of the subject, metric, role and period rules."""

    metrics: tuple[str, ...]
    topic_measures: tuple[str, ...]
    directions: tuple[str, ...]
    count_metric_verbs: frozenset[str]
    count_verbs_longest: tuple[str, ...]
    result_verbs: tuple[str, ...]
    breakers: frozenset[str]
    linking_verbs: tuple[str, ...]
    terms: frozenset[str]
    continuers: tuple[str, ...]
    fillers: frozenset[str]
    indicator_rates: frozenset[str]
    level_changes: tuple[str, ...]
    review_sections: tuple[str, ...]
    plan_sections: tuple[str, ...]
    targets: tuple[str, ...]
    target_not_before: dict[str, tuple[str, ...]]
    actuals: tuple[str, ...]
    periods: re.Pattern[str]
    past: tuple[str, ...]
    compare: re.Pattern[str]
    base_marks: tuple[str, ...]
    year_base: re.Pattern[str]
    speeds: tuple[str, ...]
    scopes: frozenset[str]
    leading_verbs: frozenset[str]
    met: re.Pattern[str]
    levels: tuple[str, ...]
    carried_out: re.Pattern[str]
    plan_years: dict[str, int]


def _longest(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _either(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in _longest(words))


@functools.cache
def link_rules(lex: Lexicon) -> LinkRules:
    """The rules of ``lex``, built on first use and cached per lexicon."""
    raw: dict[str, Any] = lex.link_rules
    return LinkRules(
        metrics=_longest(raw["metrics"]),
        topic_measures=_longest(raw["topic_measures"]),
        directions=_longest(raw["directions"]),
        count_metric_verbs=frozenset(raw["count_metric_verbs"]),
        count_verbs_longest=_longest(raw["count_metric_verbs"]),
        result_verbs=_longest(raw["result_verbs"]),
        breakers=frozenset(raw["breakers"]),
        linking_verbs=_longest(raw["linking_verbs"]),
        terms=frozenset(t.text for t in lex.domain_terms),
        continuers=_longest(raw["continuers"]),
        fillers=frozenset(raw["fillers"]),
        indicator_rates=frozenset(raw["indicator_rates"]),
        level_changes=_longest(raw["level_changes"]),
        review_sections=tuple(raw["review_sections"]),
        plan_sections=tuple(raw["plan_sections"]),
        targets=_longest(raw["targets"]),
        target_not_before={k: tuple(v) for k, v in raw["target_not_before"].items()},
        actuals=tuple(raw["actuals"]),
        periods=re.compile("|".join(f"(?:{p})" for p in raw["periods"])),
        past=tuple(raw["past"]),
        compare=re.compile(
            f"(?:{_either(raw['compare_markers'])})"
            f"(?:{_either(raw['compare_bases'])}|{_YEAR}(?:末|底)?)"
            f"(?:{_either(raw['compare_suffixes'])})?$"
        ),
        base_marks=tuple(raw["base_marks"]),
        year_base=re.compile(f"(?:{_either(raw['year_base_marks'])}){_YEAR}(?:末|底)?$"),
        speeds=tuple(raw["speeds"]),
        scopes=frozenset(raw["scopes"]),
        leading_verbs=frozenset(raw["leading_verbs"]),
        met=re.compile(_either(raw["met"])),
        levels=tuple(raw["levels"]),
        carried_out=re.compile(f"(?:{_either(raw['carried_out'])})([^，,。；;、“”0-9]{{2,6}})$"),
        plan_years={str(k): int(v) for k, v in raw["plan_years"].items()},
    )
