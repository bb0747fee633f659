"""Small-number disclosure control, applied last and in one place.

Any count from 1 to 7 is suppressed; every other count is rounded to the nearest 5; the
value and its interval are computed from the rounded counts. Zero is shown. A sum of days
is controlled like a count; finance and workforce figures are organisation aggregates,
not counts of people, and pass unchanged (docs/adr/0141)."""

from __future__ import annotations

THRESHOLD = 7
ROUND_TO = 5


def is_small(count: float | None) -> bool:
    return count is not None and 1 <= count <= THRESHOLD


def round5(count: float) -> int:
    return int(ROUND_TO * round(count / ROUND_TO + 1e-9))


def control(
    numerator: float | None, denominator: float | None
) -> tuple[float | None, float | None, bool]:
    """(controlled numerator, controlled denominator, suppressed)."""
    if is_small(denominator):
        return None, None, True
    if is_small(numerator):
        return None, round5(denominator) if denominator is not None else None, True
    return (
        round5(numerator) if numerator is not None else None,
        round5(denominator) if denominator is not None else None,
        False,
    )
