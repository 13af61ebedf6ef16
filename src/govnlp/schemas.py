"""The declared schema of every TOML rule table of ``lexicons/rules/``: its keys and their types.

A lexicon file with a missing key, an unknown key or a value of the wrong type is refused with
the file, the key and the line (see :func:`govnlp.lexicon.check_schema`). TSV tables declare
their columns where they are read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Union

Schema = Mapping[str, Union[str, "Schema"]]
"""The keys of a TOML table and their types: a type name or the schema of a nested table.

Type names: ``str``, ``int``, ``bool``, ``list[str]``, ``list[list[str]]``, ``dict[str]``,
``dict[int]`` and ``dict[list[str]]`` (a table of strings, integers or string lists by key).
"""

RULE_SCHEMAS: dict[str, Schema] = {
    "figures.toml": {
        "qualifiers": {
            "before": "dict[list[str]]",
            "inside": "dict[list[str]]",
            "after": "dict[list[str]]",
        },
        "ranges": "dict[list[str]]",
        "percent": {"prefixes": "dict[str]", "unit": "str", "units": "dict[list[str]]"},
        "money": {
            "implied_by": "list[str]",
            "linking_verbs": "list[str]",
            "implied_unit": "str",
            "currency_before": "list[str]",
            "closing": "list[str]",
        },
        "guards": {
            "ordinal_prefixes": "list[str]",
            "rank_units": "list[str]",
            "rank_before": "list[str]",
            "rank_moves": "list[str]",
            "quoted_name_reach": "int",
            "statement_verbs": "list[str]",
            "clause_marks": "list[str]",
            "not_after_chinese": "list[str]",
            "duration_unit": "str",
            "duration_after_ge": "list[str]",
            "need_magnitude": "list[str]",
            "small_chinese_ok": "list[str]",
            "ordinal_pair_digits": "list[str]",
            "quotes": "list[list[str]]",
            "not_after": "dict[str]",
            "breakthrough_verbs": "list[str]",
            "not_nouns": "list[str]",
            "magnitude_not_before": "dict[list[str]]",
            "unit_not_before": "dict[list[str]]",
            "not_after_year": "list[str]",
            "threshold_after": "list[str]",
            "threshold_not_before": "list[str]",
            "label_breaks": "list[str]",
            "threshold_nouns": "list[str]",
            "idioms": "list[str]",
        },
        "lists": "dict[list[str]]",
    },
    "link.toml": {
        "metrics": "list[str]",
        "topic_measures": "list[str]",
        "indicator_rates": "list[str]",
        "level_changes": "list[str]",
        "directions": "list[str]",
        "count_metric_verbs": "list[str]",
        "result_verbs": "list[str]",
        "breakers": "list[str]",
        "fillers": "list[str]",
        "continuers": "list[str]",
        "linking_verbs": "list[str]",
        "targets": "list[str]",
        "target_not_before": "dict[list[str]]",
        "actuals": "list[str]",
        "periods": "list[str]",
        "review_sections": "list[str]",
        "plan_sections": "list[str]",
        "past": "list[str]",
        "compare_markers": "list[str]",
        "compare_bases": "list[str]",
        "compare_suffixes": "list[str]",
        "base_marks": "list[str]",
        "year_base_marks": "list[str]",
        "speeds": "list[str]",
        "scopes": "list[str]",
        "leading_verbs": "list[str]",
        "met": "list[str]",
        "levels": "list[str]",
        "carried_out": "list[str]",
        "plan_years": "dict[int]",
    },
    "places.toml": {
        "not_before": "list[str]",
        "short_not_before": "list[str]",
        "organisation_suffixes": "list[str]",
        "organisation_window": "int",
        "clause_breaks": "str",
        "county_anaphora": "list[str]",
        "county_self_reference": "list[str]",
        "opening_sentences": "int",
        "document_markers": "list[str]",
        "min_anaphora": "int",
        "byline_markers": "list[str]",
        "byline_max_line": "int",
        "byline_sentence_marks": "list[str]",
        "speaker_before": "str",
        "speaker_after": "str",
        "speaker_levels": "dict[str]",
        "heading_end_marks": "list[str]",
        "lead_in_marks": "list[str]",
        "lead_chars": "int",
        "word_repeats": "int",
        "admin_suffixes": "list[str]",
        "self_reference": "dict[list[str]]",
    },
    "segmentation.toml": {
        "sentence_end": "list[str]",
        "closers": "list[str]",
        "line_complete": "list[str]",
        "min_broken_line": "int",
        "max_caption": "int",
        "caption_excluded": "list[str]",
        "caption_end": "str",
        "outline_markers": "list[str]",
        "chrome_window": "int",
        "chrome_patterns": "list[str]",
        "tokenizer": {
            "extra_units": "list[str]",
            "approximate": "list[str]",
            "magnitudes": "list[str]",
            "percent_signs": "list[str]",
            "percent_prefix": "str",
            "decimal_point": "str",
            "place_freq": "int",
            "short_place_freq": "int",
        },
    },
}
