"""Loading and validating the data tables in ``lexicons/``."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

from govnlp import _resources
from govnlp.errors import LexiconError
from govnlp.schemas import RULE_SCHEMAS, Schema


def read_tsv(path: Path, columns: Sequence[str], *, key: str | None = None) -> list[dict[str, str]]:
    """Read a TSV table whose header must be exactly ``columns``.

    Lines starting with ``#`` before the header are comments. With ``key``, duplicate values
    of that column are an error. Errors name the file and line.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon table: {exc}") from None
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    seen: dict[str, int] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or (header is None and line.startswith("#")):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if header != list(columns):
                raise LexiconError(f"{path}:{lineno}: header {header} != expected {list(columns)}")
            continue
        if len(cells) != len(header):
            raise LexiconError(
                f"{path}:{lineno}: {len(cells)} cells, expected {len(header)} ({', '.join(header)})"
            )
        row = dict(zip(header, cells, strict=True))
        if key is not None:
            value = row[key]
            if value in seen:
                raise LexiconError(
                    f"{path}:{lineno}: duplicate {key} {value!r} (first on line {seen[value]})"
                )
            seen[value] = lineno
        row["_line"] = str(lineno)
        rows.append(row)
    if header is None:
        raise LexiconError(f"{path}: empty lexicon table (no header)")
    return rows


_CHECKS: dict[str, Callable[[Any], bool]] = {
    "str": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "list[str]": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "list[list[str]]": lambda v: isinstance(v, list)
    and all(isinstance(x, list) and all(isinstance(y, str) for y in x) for x in v),
    "dict[str]": lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
    "dict[int]": lambda v: isinstance(v, dict)
    and all(isinstance(x, int) and not isinstance(x, bool) for x in v.values()),
    "dict[list[str]]": lambda v: isinstance(v, dict)
    and all(isinstance(x, list) and all(isinstance(y, str) for y in x) for x in v.values()),
}


def read_toml(path: Path, schema: Schema | None = None) -> dict[str, Any]:
    """Read a TOML rule table, checked against ``schema`` when given.

    Errors name the file, the key and its line: a missing key, an unknown key or a value of
    the wrong type raises :class:`LexiconError`.
    """
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read rule table: {exc}") from None
    if schema is not None:
        check_schema(path, data, schema, raw.decode("utf-8").splitlines())
    return data


def _line_of(lines: Sequence[str], key: str, table: str) -> int:
    """The line where ``key`` of ``table`` is set (or the table opens), 1-based; 0 if not found."""
    inside = not table
    for n, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.strip("[]").strip() == table
            if inside and not key:
                return n
            continue
        if inside and key and stripped.split("=", 1)[0].strip().strip('"') == key:
            return n
    return 0


def check_schema(
    path: Path, data: Mapping[str, Any], schema: Schema, lines: Sequence[str], table: str = ""
) -> None:
    """Check ``data`` (the table ``table`` of the file at ``path``) against ``schema``."""

    def where(key: str) -> str:
        line = _line_of(lines, key, table) or _line_of(lines, "", table)
        return f"{path}:{line}" if line else str(path)

    dotted = f"{table}." if table else ""
    for key in data:
        if key not in schema:
            raise LexiconError(
                f"{where(key)}: unknown key {dotted}{key!r} (expected: {', '.join(schema)})"
            )
    for key, kind in schema.items():
        if key not in data:
            raise LexiconError(f"{where('')}: missing key {dotted}{key!r}")
        value = data[key]
        if not isinstance(kind, str):
            if not isinstance(value, dict):
                raise LexiconError(f"{where(key)}: {dotted}{key!r} must be a table")
            check_schema(path, value, kind, lines, f"{dotted}{key}")
        elif not _CHECKS[kind](value):
            raise LexiconError(
                f"{where(key)}: {dotted}{key!r} must be {kind}, got {type(value).__name__}"
            )


def to_decimal(path: Path, row: dict[str, str], column: str) -> Decimal:
    """Parse ``row[column]`` as a Decimal, naming file and line on failure."""
    try:
        return Decimal(row[column])
    except InvalidOperation:
        raise LexiconError(
            f"{path}:{row['_line']}: {column} {row[column]!r} is not a number"
        ) from None


@dataclass(frozen=True)
class Term:
    """A segmentation term for the tokenizer's dictionary."""

    text: str
    pos: str
    freq: int


INDICATOR_KINDS = ("money", "percent", "count", "quantity")


@dataclass(frozen=True)
class Indicator:
    """A canonical statistical indicator (地区生产总值) and the forms that name it."""

    id: str
    name_zh: str
    name_en: str
    kind: str  # the record kind of its level
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """All of govnlp's data tables, each loaded on first use from ``root``."""

    root: Path

    def __hash__(self) -> int:
        # computed once: every cached table and grammar is looked up by lexicon, per call
        try:
            return self.__dict__["_hash"]  # type: ignore[no-any-return]
        except KeyError:
            self.__dict__["_hash"] = value = hash((self.root,))
            return value

    def __getstate__(self) -> dict[str, Any]:
        # a string's hash differs between processes: the cached one must not travel
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    def path(self, *parts: str) -> Path:
        """Path of a file inside the lexicon folder."""
        return self.root.joinpath(*parts)

    @cached_property
    def domain_terms(self) -> tuple[Term, ...]:
        """Government-report vocabulary kept whole by the tokenizer."""
        path = self.path("domain", "terms.tsv")
        terms = []
        for row in read_tsv(path, ("term", "pos", "freq", "source"), key="term"):
            if not row["freq"].isdigit():
                raise LexiconError(f"{path}:{row['_line']}: freq {row['freq']!r} is not an integer")
            terms.append(Term(row["term"], row["pos"], int(row["freq"])))
        return tuple(terms)

    @cached_property
    def numerals(self) -> dict[str, int]:
        """Digit characters (Chinese, financial, variants) → their value 0–9."""
        path = self.path("numbers", "numerals.tsv")
        rows = read_tsv(path, ("char", "value", "note"), key="char")
        return {r["char"]: int(to_decimal(path, r, "value")) for r in rows}

    @cached_property
    def magnitudes(self) -> dict[str, int]:
        """Magnitude characters (十 百 千 万 亿 and financial forms) → their multiplier."""
        path = self.path("numbers", "magnitudes.tsv")
        rows = read_tsv(path, ("char", "value", "note"), key="char")
        return {r["char"]: int(to_decimal(path, r, "value")) for r in rows}

    @cached_property
    def currencies(self) -> dict[str, str]:
        """Currency words as written → the unit reported (元, 美元 …)."""
        path = self.path("units", "currencies.tsv")
        return {
            r["alias"]: r["unit"] for r in read_tsv(path, ("alias", "unit", "note"), key="alias")
        }

    @cached_property
    def classifiers(self) -> tuple[str, ...]:
        """Measure words that make a number a count."""
        path = self.path("units", "classifiers.tsv")
        return tuple(r["word"] for r in read_tsv(path, ("word", "note"), key="word"))

    @cached_property
    def physical_units(self) -> dict[str, tuple[str, Decimal]]:
        """Physical units as written → (unit reported, factor into it)."""
        path = self.path("units", "physical.tsv")
        rows = read_tsv(path, ("alias", "unit", "factor", "note"), key="alias")
        return {r["alias"]: (r["unit"], to_decimal(path, r, "factor")) for r in rows}

    @cached_property
    def rules(self) -> dict[str, Any]:
        """The figure rules: qualifiers, range connectors, guards (``rules/figures.toml``)."""
        return read_toml(self.path("rules", "figures.toml"), RULE_SCHEMAS["figures.toml"])

    @cached_property
    def segmentation_rules(self) -> dict[str, Any]:
        """Sentence and layout rules (``rules/segmentation.toml``)."""
        return read_toml(self.path("rules", "segmentation.toml"), RULE_SCHEMAS["segmentation.toml"])

    @cached_property
    def place_rules(self) -> dict[str, Any]:
        """Guards and scope rules of the place finder (``rules/places.toml``)."""
        return read_toml(self.path("rules", "places.toml"), RULE_SCHEMAS["places.toml"])

    @cached_property
    def link_rules(self) -> dict[str, Any]:
        """Words and patterns linking figures to subject, metric, period, role."""
        return read_toml(self.path("rules", "link.toml"), RULE_SCHEMAS["link.toml"])

    @cached_property
    def indicator_rules(self) -> dict[str, Any]:
        """Words giving a figure's indicator its measure (``rules/indicators.toml``)."""
        return read_toml(self.path("rules", "indicators.toml"), RULE_SCHEMAS["indicators.toml"])

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """The canonical statistical indicators and the forms that name them."""
        path = self.path("indicators.tsv")
        columns = ("id", "name_zh", "name_en", "kind", "forms", "source")
        out = []
        seen: dict[str, str] = {}
        for row in read_tsv(path, columns, key="id"):
            where = f"{path}:{row['_line']}"
            if row["kind"] not in INDICATOR_KINDS:
                raise LexiconError(
                    f"{where}: kind {row['kind']!r} is not one of {', '.join(INDICATOR_KINDS)}"
                )
            forms = tuple(f for f in row["forms"].split("|") if f)
            for form in forms:
                if form in seen:
                    raise LexiconError(f"{where}: form {form!r} already names {seen[form]!r}")
                seen[form] = row["id"]
            out.append(Indicator(row["id"], row["name_zh"], row["name_en"], row["kind"], forms))
        return tuple(out)

    @cached_property
    def traditional(self) -> dict[str, str]:
        """Traditional character → simplified character, one to one."""
        path = self.path("normalize", "traditional.tsv")
        if not path.exists():
            return {}
        rows = read_tsv(path, ("traditional", "simplified"), key="traditional")
        for r in rows:
            if len(r["traditional"]) != 1 or len(r["simplified"]) != 1:
                raise LexiconError(f"{path}:{r['_line']}: mappings must be one character to one")
        return {r["traditional"]: r["simplified"] for r in rows}

    @cached_property
    def radicals(self) -> dict[str, str]:
        """CJK radical look-alike → unified ideograph."""
        path = self.path("normalize", "radicals.tsv")
        if not path.exists():
            return {}
        rows = read_tsv(path, ("radical", "codepoint", "ideograph", "note"), key="radical")
        return {r["radical"]: r["ideograph"] for r in rows}


def load_lexicon(root: Path | str) -> Lexicon:
    """A lexicon reading its tables from ``root`` (a folder laid out like ``lexicons/``)."""
    path = Path(root)
    if not path.is_dir():
        raise LexiconError(f"{path}: lexicon folder does not exist")
    return Lexicon(path)


@functools.cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped with govnlp (loaded lazily, once per process)."""
    return load_lexicon(_resources.lexicon_dir())
