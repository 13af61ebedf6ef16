"""Reading numerals: Arabic, Chinese, financial and mixed forms, exactly, as ``Decimal``.

``parse_number("一百九十万零三千九百七十一") == Decimal(1903971)``. All arithmetic is in
``Decimal``; floats never enter.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext

from govnlp.errors import check_text
from govnlp.lexicon import Lexicon, default_lexicon

# Arithmetic on read numbers: wide enough that a product of a numeral and its magnitude is never
# rounded (a 30-digit numeral times 万亿), and independent of the caller's decimal context.
EXACT = Context(prec=80)
# Longer runs of digits are codes, not numbers (and would not stay exact in EXACT).
MAX_DIGITS = 40
# Quotients (三分之一) are worked out to 28 significant digits, whatever the caller's context.
QUOTIENT = Context(prec=28)
# A share that does not end (三分之一, 1/3) is held to hundredths of a percent: 33.33.
_PERCENT_PLACES = Decimal("0.01")
_APPROX = "几"
_GROUPED = re.compile(
    r"[0-9]+(?:[,，][0-9]{3})+(?![0-9])|(?<![0-9])[0-9]{1,3}(?: [0-9]{3})+(?![0-9])"
)
_SEPARATOR = re.compile("[,， ]")
_PLAIN = re.compile(r"([0-9]+(?:\.[0-9]+)?)(万亿|亿|万|千|百|)")
_PLAIN_MAGNITUDES = {
    "": Decimal(1), "百": Decimal(100), "千": Decimal(1000), "万": Decimal(10**4),
    "亿": Decimal(10**8), "万亿": Decimal(10**12),
}  # fmt: skip  # an unknown digit: low end reads it as 0, high end as 10
_POINT = "点"


def parse_number(text: str, *, lexicon: Lexicon | None = None) -> Decimal | None:
    """The value of a numeral (``"3.5万"``, ``"两千三百万"``, ``"1,234.5"``), or ``None``.

    A numeral holding 几 (``三十几``) gives its low end; see :func:`parse_number_range`.
    """
    result = parse_number_range(text, lexicon=lexicon)
    return None if result is None else result[0]


def parse_number_range(
    text: str, *, lexicon: Lexicon | None = None
) -> tuple[Decimal, Decimal | None] | None:
    """``(value, high)`` of a numeral; ``high`` is set for approximate forms (三十几, 两三)."""
    check_text(text)
    if "," in text or "，" in text or " " in text:
        # separators between groups of three digits only: 1,234 and 1 000, not 1,2 or 1 23
        text = _GROUPED.sub(lambda m: _SEPARATOR.sub("", m[0]), text)
        if "," in text or "，" in text or " " in text:
            return None
    if not text:
        return None
    plain = _PLAIN.fullmatch(text)
    if plain:  # the common case, 796.5 or 796.5亿: no table needed
        number, magnitude = plain.groups()
        if len(number) - ("." in number) > MAX_DIGITS:
            return None  # a code or a run of digits, not an amount
        amount = EXACT.multiply(Decimal(number), _PLAIN_MAGNITUDES[magnitude])
        return (clean(amount) if "." in number else amount), None  # an integer is clean
    lex = lexicon or default_lexicon()
    if _APPROX in text:
        low = _evaluate(text.replace(_APPROX, "\0"), lex, Decimal(0))
        high = _evaluate(text.replace(_APPROX, "\0"), lex, Decimal(10))
        if low is None or high is None:
            return None
        return low, high
    pair = _adjacent_digits(text, lex)
    if pair is not None:
        return pair
    value = _evaluate(text, lex, Decimal(0))
    return None if value is None else (value, None)


def _adjacent_digits(text: str, lex: Lexicon) -> tuple[Decimal, Decimal] | None:
    """两三, 七八, 五六十: two consecutive digits mean 'two or three' (tens, hundreds …)."""
    if len(text) < 2 or not all(c in lex.numerals for c in text[:2]):
        return None
    a, b = lex.numerals[text[0]], lex.numerals[text[1]]
    rest = text[2:]
    if b != a + 1 or a == 0 or not all(c in lex.magnitudes for c in rest):
        return None
    low, high = (
        _evaluate(text[0] + rest, lex, Decimal(0)),
        _evaluate(text[1] + rest, lex, Decimal(0)),
    )
    if low is None or high is None:
        return None
    return low, high


def _tokens(text: str, lex: Lexicon, approx: Decimal) -> list[tuple[str, Decimal]] | None:
    """Split into ("d", digit value) and ("m", magnitude) tokens; None if not a numeral."""
    out: list[tuple[str, Decimal]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isdecimal() or (c == "." and i + 1 < n and text[i + 1].isdecimal()):
            j = i
            while j < n and (text[j].isdecimal() or text[j] == "."):
                j += 1
            if j - i - ("." in text[i:j]) > MAX_DIGITS:
                return None  # a code, not a number
            try:
                out.append(("a", Decimal(text[i:j])))
            except InvalidOperation:
                return None
            i = j
        elif c == _POINT:
            j = i + 1
            digits = []
            while j < n and text[j] in lex.numerals:
                digits.append(str(lex.numerals[text[j]]))
                j += 1
            if not digits or not out or out[-1][0] not in ("d", "a"):
                return None
            _, whole = out.pop()
            out.append(("a", whole + Decimal("0." + "".join(digits))))
            i = j
        elif c in lex.numerals:
            out.append(("d", Decimal(lex.numerals[c])))
            i += 1
        elif c == "\0":
            out.append(("d", approx))
            i += 1
        elif c in lex.magnitudes:
            out.append(("m", Decimal(lex.magnitudes[c])))
            i += 1
        else:
            return None
    return out


def _evaluate(text: str, lex: Lexicon, approx: Decimal) -> Decimal | None:
    tokens = _tokens(text, lex, approx)
    if not tokens:
        return None
    with localcontext(EXACT):
        return _combine(tokens)


def _combine(tokens: list[tuple[str, Decimal]]) -> Decimal | None:
    """The value of numeral tokens: digits and magnitudes grouped by 亿, 万 and below."""
    if all(kind == "d" for kind, _ in tokens) and len(tokens) > 1:
        # 二〇二三: a digit string (a longer run than MAX_DIGITS is a code, as in digits)
        if len(tokens) > MAX_DIGITS:
            return None
        return Decimal("".join(str(int(v)) for _, v in tokens))
    total = Decimal(0)  # completed 亿 sections
    wan = Decimal(0)  # completed 万 part
    section = Decimal(0)  # below 万
    current: Decimal | None = None
    last_mag: Decimal | None = None
    prev_kind = ""
    for kind, value in tokens:
        if kind == "d" and value == 0 and prev_kind in ("m", "0"):
            prev_kind = "0"
            continue  # 零 after a magnitude only marks a gap: 一百零四, 一万零十二
        if kind == "m" and prev_kind == "m" and not _follows(last_mag, value):
            return None  # 亿亿, 亿万, 千千, 万万: no number
        if kind in ("d", "a"):
            if current is not None and prev_kind in ("d", "a"):
                return None  # two numbers in a row (3 4)
            current = value
        elif value >= 10000 and current is None and not (total or wan or section):
            # a bare 万/亿 (超亿美元, 百分之百 aside) stands for one of it
            wan, total = (value, total) if value == 10000 else (wan, (total or 1) * value)
            last_mag = value
        elif value < 10000:  # 十 百 千
            section += (current if current is not None else Decimal(1)) * value
            current = None
            last_mag = value
        elif value == 10000:  # 万
            wan = (wan + section + (current or 0)) * value
            section, current, last_mag = Decimal(0), None, value
        else:  # 亿
            total += (wan + section + (current or 0)) * value  # 一万亿零一亿: groups add up
            wan, section, current, last_mag = Decimal(0), Decimal(0), None, value
        prev_kind = kind
    if current is not None:
        # 一万五 = 15000, 两千三 = 2300: a last lone digit after a magnitude scales down one place
        lone = len(tokens) >= 3 and tokens[-2][0] == "m" and tokens[-1][0] == "d"
        if lone and last_mag is not None and last_mag >= 100:
            current *= last_mag / 10
        section += current
    value = total + wan + section
    if value.adjusted() >= MAX_DIGITS:
        return None  # 九千九百九十九万 fifty times: as long as a code, and past EXACT's digits
    return clean(value)


_WAN, _YI = Decimal(10**4), Decimal(10**8)


def _follows(before: Decimal | None, value: Decimal) -> bool:
    """Whether the magnitude ``value`` may follow the magnitude ``before`` directly: 十万, 百万,
    千亿 and 万亿 are numbers, 亿亿, 亿万, 千百 and 万万 are none."""
    if before is None:
        return False
    return (before < _WAN <= value) or (before == _WAN and value == _YI)


def clean(value: Decimal) -> Decimal:
    """The same number without trailing zeros after the point (35000.0 → 35000)."""
    if value == value.to_integral_value(context=EXACT):
        return value.quantize(Decimal(1), context=EXACT)
    return value.normalize(context=EXACT)


def fraction_percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """``numerator / denominator`` as a percent: exact where the quotient ends (1/8 → 12.5),
    else rounded half up to hundredths (1/3 → 33.33, 2/3 → 66.67)."""
    hundredfold = EXACT.multiply(numerator, Decimal(100))
    quotient = QUOTIENT.divide(hundredfold, denominator)
    if EXACT.multiply(quotient, denominator) != hundredfold:
        quotient = quotient.quantize(_PERCENT_PLACES, rounding=ROUND_HALF_UP, context=EXACT)
    return clean(quotient)
