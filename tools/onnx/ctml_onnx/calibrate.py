"""Activation ranges for int8 from a representative set: the tensor values a float run produces,
reduced to one [lo, hi] per tensor by one of three methods.

minmax       the values' minimum and maximum (TFLite's converter): nothing clips on the calibration set.
percentile   the P-th and (100 - P)-th percentiles (default P = 99.99): rare outliers clip, the
             step shrinks for the rest.
mse          the range [a * lo, a * hi] (a in (0, 1], on a grid of 100) whose int8 rounding plus clipping
             has the smallest mean squared error over the values.
"""
import numpy as np

METHODS = ("minmax", "percentile", "mse")


def parse(text):
    """'minmax', 'mse', 'percentile' or 'percentile:P' -> (method, P); ValueError otherwise."""
    method, _, arg = text.partition(":")
    if method not in METHODS or (arg and method != "percentile"):
        raise ValueError(f"--calibration '{text}': use minmax, percentile[:P] or mse")
    p = 99.99
    if arg:
        try:
            p = float(arg)
        except ValueError:
            p = -1.0
        if not 50.0 < p <= 100.0:
            raise ValueError(f"--calibration '{text}': P must be a number in (50, 100]")
    return method, p


def _int8_mse(v, lo, hi):
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = max((hi - lo) / 255.0, 1e-12)
    zp = np.clip(np.round(-128.0 - lo / scale), -128, 127)
    q = np.clip(np.round(v / scale) + zp, -128, 127)
    return float(np.mean(((q - zp) * scale - v) ** 2))


def value_range(values, method=("minmax", None)):
    """[lo, hi] of one tensor's calibration values (a flat float64 array) by `method` (from parse)."""
    v = np.asarray(values, np.float64).reshape(-1)
    lo, hi = float(v.min()), float(v.max())
    kind, p = method
    if kind == "percentile":
        return float(np.percentile(v, 100.0 - p)), float(np.percentile(v, p))
    if kind == "mse":
        if v.size > 200000:  # a fixed subsample keeps the search fast; the extremes stay in
            v = np.concatenate([np.random.default_rng(0).choice(v, 200000, replace=False), [lo, hi]])
        best = min(((_int8_mse(v, a * lo, a * hi), a) for a in np.linspace(0.01, 1.0, 100)))
        return best[1] * lo, best[1] * hi
    return lo, hi
