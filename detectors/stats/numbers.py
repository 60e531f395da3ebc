"""Reading printed numbers exactly: value, number of decimals, and the
rounding interval the printed string stands for."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A number as printed in running text, after normalisation (minus is "-").
# Thousands separators only in the strict "1,234" / "12,345.6" shape; any
# other comma between digits is a decimal comma ("2,20").
NUMBER = r"(?:[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:[.,]\d+)?|[.,]\d+)"
# A p-value: never has thousands separators, so "0,036" is a decimal comma.
P_NUMBER = r"(?:\d+(?:[.,]\d+)?|[.,]\d+)"
# Scientific notation after a mantissa: "e-5", "E-05", "× 10-8", "x10^-8", "*10-8".
SCI_SUFFIX = r"(?: ?[eE] ?[-+]? ?\d+| ?[\u00d7xX*\u00b7] ?10 ?\^? ?[-+]? ?\d+)"

_SCI_RE = re.compile(r"^(?P<m>.+?) ?(?:[eE] ?(?P<e1>[-+]? ?\d+)|[\u00d7xX*\u00b7] ?10 ?\^? ?(?P<e2>[-+]? ?\d+))$")


@dataclass(frozen=True)
class Number:
    """A printed number: its value and how many decimals it was printed with.

    ``decimals`` sets the rounding interval ``value ± 0.5 * 10**-decimals``;
    for scientific notation it includes the exponent (5.8 × 10^-8 -> 9).
    """

    value: float
    decimals: int
    text: str

    @property
    def half_step(self) -> float:
        return 0.5 * 10.0 ** (-self.decimals)


def parse_number(text: str, thousands: bool = True) -> Number:
    """Parse a printed number (normalised text); raise ValueError if it is not one."""
    s = text.strip().replace(" ", "")
    sci = _SCI_RE.match(text.strip())
    if sci:
        mantissa = parse_number(sci.group("m"), thousands=False)
        exponent = int((sci.group("e1") or sci.group("e2")).replace(" ", ""))
        return Number(mantissa.value * 10.0**exponent, mantissa.decimals - exponent, text)
    negative = s.startswith("-")
    s = s.lstrip("-")
    if thousands and re.fullmatch(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    if not re.fullmatch(r"\d*\.?\d+", s):
        raise ValueError(f"not a number: {text!r}")
    decimals = len(s.split(".", 1)[1]) if "." in s else 0
    value = float(s)
    return Number(-value if negative else value, decimals, text)


def decimals_of(text: str) -> int:
    """Digits after the decimal separator of a printed number (0 if none)."""
    m = re.search(r"[.,](\d+)\s*$", text.strip())
    return len(m.group(1)) if m else 0
