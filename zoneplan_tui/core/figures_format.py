"""Figure values as people write them: `67665亿元 → 6,766,500,000,000 CNY`, never `6.8e+12`.

Amounts print in full with thousands separators from 10,000 on (a four-digit count or a year
stays as the plan writes it: 2019, 1200); fractions print with the digits they have, up to 12
significant ones (a float's last-place noise, 0.30000000000000004, is not a digit anyone
wrote). JSON output keeps the numbers themselves; this is for the screen and the table.
"""

from __future__ import annotations

from decimal import Decimal

CMP_SIGN = {">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< ", "~": "≈ "}
_SIGNIFICANT = 12
QUIET_UNITS = frozenset(("%", "year", "date", "month", "day", "datetime"))


def plain_number(v: float | int) -> str:
    """300, 0.08, 85,000, 10,000,000,000, 0.3333333333333: full precision, no exponent."""
    if isinstance(v, bool):
        return str(v)
    d = Decimal(v) if isinstance(v, int) else Decimal(repr(float(v)))
    if not d.is_finite():
        return str(v)
    digits = len(d.as_tuple().digits)
    if digits > _SIGNIFICANT and d != d.to_integral_value():
        places = len(str(abs(int(d)))) if abs(d) >= 1 else 0
        d = round(d, max(0, _SIGNIFICANT - places))
    if d == d.to_integral_value():
        n = int(d)
        return f"{n:,}" if abs(n) >= 10_000 else str(n)
    text = format(d.normalize(), "f")
    if abs(d) >= 10_000:
        integer, _, frac = text.partition(".")
        return f"{int(integer):,}.{frac}"
    return text


def value_text(value: object, unit: str | None = None) -> str:
    """A figure's value for a table cell: numbers as above, a range as `lo–hi`, a date or a
    year as written in ISO form, nothing (a placeholder) as `—`."""
    if value is None:
        return "—"
    if isinstance(value, list):
        return "–".join(value_text(v, unit) for v in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if unit in ("year", "date", "month"):
        return str(value)
    return plain_number(value)


def csv_value(value: object) -> str:
    """A value for a CSV cell: a number in full without separators or exponent (8000000000,
    0.08), a range as `lo–hi`, a date as its ISO form, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "–".join(csv_value(v) for v in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return plain_number(value).replace(",", "")


def percent_of(v: float | int) -> float | int:
    """A fraction as a percentage without float noise: 0.07 → 7, not 7.000000000000001."""
    return float(Decimal(repr(float(v))) * 100)


__all__ = ["CMP_SIGN", "QUIET_UNITS", "csv_value", "percent_of", "plain_number", "value_text"]
