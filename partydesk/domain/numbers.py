"""Numbers as Vietnamese writes them: a dot groups thousands, a comma marks the decimals.

Every count, score, share and percentage shown or printed goes through these, so "1.234",
"85,5" and "12,5%" look the same on screen, in the papers and in the sheets.
"""

from __future__ import annotations

from fractions import Fraction


def grouped(n: int) -> str:
    """3000 → "3.000"."""
    return f"{n:,}".replace(",", ".")


def decimal_text(value: float, places: int, *, trim: bool = False, signed: bool = False) -> str:
    """85.25 → "85,25" at two places; ``trim`` drops trailing zeros (85.0 → "85"),
    ``signed`` writes "+" before a positive number."""
    text = f"{value:+.{places}f}" if signed else f"{value:.{places}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def share_text(share: float) -> str:
    """A rule's share as printed in a sentence: 0.2 → "20%", 0.125 → "12,5%".

    Computed on the decimal the share was written as, so 0.145 prints "14,5%", not "14,4%".
    """
    return f"{decimal_text(float(Fraction(str(share)) * 100), 1, trim=True)}%"
