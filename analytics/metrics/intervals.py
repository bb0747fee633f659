"""95% intervals, computed from the disclosure-controlled counts."""

from __future__ import annotations

import math

from scipy.stats import chi2

Z = 1.959963984540054


def wilson(numerator: float, denominator: float) -> tuple[float, float] | None:
    """Wilson score interval for a proportion (as a fraction)."""
    if denominator <= 0:
        return None
    p = numerator / denominator
    centre = p + Z * Z / (2 * denominator)
    half = Z * math.sqrt(p * (1 - p) / denominator + Z * Z / (4 * denominator * denominator))
    scale = 1 + Z * Z / denominator
    return max(0.0, (centre - half) / scale), min(1.0, (centre + half) / scale)


def byar(observed: float, denominator: float) -> tuple[float, float] | None:
    """Byar's approximation to the exact Poisson interval for a rate (per person), exact
    chi-square limits for counts under 10."""
    if denominator <= 0:
        return None
    if observed < 10:
        lower = chi2.ppf(0.025, 2 * observed) / 2 if observed > 0 else 0.0
        upper = chi2.ppf(0.975, 2 * (observed + 1)) / 2
    else:
        o = observed
        lower = o * (1 - 1 / (9 * o) - Z / (3 * math.sqrt(o))) ** 3
        o1 = o + 1
        upper = o1 * (1 - 1 / (9 * o1) + Z / (3 * math.sqrt(o1))) ** 3
    return lower / denominator, upper / denominator


def mean_interval(total: float, count: float, sum_of_squares: float) -> tuple[float, float] | None:
    """Normal interval for a mean from its sum, count and sum of squares."""
    if count <= 1:
        return None
    mean = total / count
    variance = max(0.0, (sum_of_squares - count * mean * mean) / (count - 1))
    half = Z * math.sqrt(variance / count)
    return mean - half, mean + half
