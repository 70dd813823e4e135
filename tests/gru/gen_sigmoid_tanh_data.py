#!/usr/bin/python3
"""Generates tests/gru/data/sigmoid_tanh_cases.hpp: reference data of ctml::sigmoid / ctml::tanh.

  /usr/bin/python3 tests/gru/gen_sigmoid_tanh_data.py && clang-format -i tests/gru/data/sigmoid_tanh_cases.hpp

Sources of truth (not ctml's C++):
  float   numpy float64 sigmoid (1 / (1 + exp(-x))) and np.tanh of float32 inputs.
  int8    for every int8 input of several input quantizations, two statements of the int8 function:
          - `exact`: numpy float64: dequantize, sigmoid / tanh, requantize to TFLite's fixed output
            quantization (1/256, -128 and 1/128, 0) rounding half away from zero, clamp to int8;
          - `tflite`: TFLite's int8 LOGISTIC / TANH reference kernels (TFLite Micro) as Python
            integers, written here from TFLite's and gemmlowp's arithmetic (Q4.27 input rescaling,
            gemmlowp's exp_on_negative_values, logistic, and tanh by (1 - e) / (1 + e), which ctml
            computes differently: 2 sigmoid(2x) - 1).
The script prints how far `tflite` is from `exact` (at most 1 LSB, checked here).
"""
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
INT_MIN, INT_MAX = -2**31, 2**31 - 1


# --- TFLite / gemmlowp integer arithmetic on Python ints (int32 semantics) ---------------------------
def c_div(n, d):
    """C integer division: truncates toward zero."""
    q = abs(n) // abs(d)
    return q if (n >= 0) == (d > 0) else -q


def srdhm(a, b):
    """SaturatingRoundingDoublingHighMul."""
    if a == INT_MIN and b == INT_MIN:
        return INT_MAX
    ab = a * b
    nudge = (1 << 30) if ab >= 0 else 1 - (1 << 30)
    return c_div(ab + nudge, 1 << 31)


def rdbpot(x, e):
    """RoundingDivideByPOT: round half away from zero."""
    mask = (1 << e) - 1
    rem = x & mask
    threshold = (mask >> 1) + (1 if x < 0 else 0)
    return (x >> e) + (1 if rem > threshold else 0)


def mul_pot(x, e):
    """SaturatingRoundingMultiplyByPOT<e>."""
    if e == 0:
        return x
    if e < 0:
        return rdbpot(x, -e)
    t = (1 << (31 - e)) - 1
    if x > t:
        return INT_MAX
    if x < -t:
        return INT_MIN
    return x << e


def wrap(x):
    return (x + 2**31) % 2**32 - 2**31


def exp_quarter(a):
    """exp on [-1/4, 0), Q0.31 in and out: Taylor series around -1/8."""
    c = 1895147668            # exp(-1/8)
    third = 715827883         # 1/3
    x = wrap(a + (1 << 28))   # a + 1/8
    x2 = srdhm(x, x)
    x3 = srdhm(x2, x)
    x4 = srdhm(x2, x2)
    x4_4 = mul_pot(x4, -2)
    poly = mul_pot(wrap(srdhm(wrap(x4_4 + x3), third) + x2), -1)
    return wrap(c + srdhm(c, wrap(x + poly)))


def exp_neg(a, ib):
    """exp(a) for a <= 0, a with ib integer bits; result Q0.31."""
    fb = 31 - ib
    quarter = 1 << (fb - 2)
    amq = (a & (quarter - 1)) - quarter
    r = exp_quarter(mul_pot(amq, ib))
    rem = amq - a
    mults = {-2: 1672461947, -1: 1302514674, 0: 790015084, 1: 290630308, 2: 39332535, 3: 720401, 4: 242}
    for k in range(-2, 5):
        if ib > k and rem & (1 << (fb + k)):
            r = srdhm(r, mults[k])
    if ib > 5 and a < -(1 << (36 - ib)):
        r = 0
    if a == 0:
        r = INT_MAX
    return r


def newton_2_over_1_plus(a):
    """x ~ 2 / (1 + a) in Q2.29 for a in [0, 1) (Q0.31), three Newton-Raphson steps."""
    s = a + INT_MAX
    half_den = c_div(s + (1 if s >= 0 else -1), 2)
    x = wrap(1515870810 + srdhm(half_den, -1010580540))
    for _ in range(3):
        one_minus = wrap((1 << 29) - srdhm(half_den, x))
        x = wrap(x + mul_pot(srdhm(x, one_minus), 2))
    return x


def logistic_q0(a, ib):
    if a == 0:
        return 1 << 30
    p = mul_pot(newton_2_over_1_plus(exp_neg(-abs(a), ib)), 1)   # 1 / (1 + e^-|a|)
    return p if a > 0 else INT_MAX - p                           # gemmlowp's One() is 2^31 - 1


def tanh_q0(a, ib):
    if a == 0:
        return 0
    t = mul_pot(wrap(newton_2_over_1_plus(exp_neg(-abs(a), ib + 1)) - (1 << 29)), 2)  # (1-e)/(1+e)
    return t if a > 0 else -t


def tflite_int8(kind, scale, zp):
    real = float(np.float32(scale)) * float(1 << 27)
    mant, shift = math.frexp(real)
    mult = int(math.floor(mant * 2**31 + 0.5))
    assert mult < 2**31
    radius = int(math.floor(15.0 * 2**27 / 2.0**shift))
    out = []
    for q in range(-128, 128):
        x = q - zp
        if x <= -radius:
            out.append(-128)
            continue
        if x >= radius:
            out.append(127)
            continue
        left, right = max(shift, 0), max(-shift, 0)
        a = rdbpot(srdhm(x * (1 << left), mult), right)
        if kind == "sigmoid":
            y = rdbpot(logistic_q0(a, 4), 23) - 128
        else:
            y = rdbpot(tanh_q0(a, 4), 24)
        out.append(min(max(y, -128), 127))
    return np.array(out)


# --- numpy float64 statement -------------------------------------------------------------------------
def sigmoid(x):
    with np.errstate(over="ignore"):  # exp(-x) = inf for x < -709 gives the right limit, 0
        return 1.0 / (1.0 + np.exp(-x))


# TFLite saturates |x| >= floor(15 m / scale) steps (m in [1/2, 1), the multiplier's mantissa): from
# input scale 4 on that can be |value| < 8, where sigmoid is still 4 LSB below its limit.
LARGE_SCALE = 4.0
OUT_Q = {"sigmoid": (1.0 / 256.0, -128), "tanh": (1.0 / 128.0, 0)}


def exact_int8(kind, scale, zp):
    x = (np.arange(-128, 128, dtype=np.float64) - zp) * float(np.float32(scale))
    f = sigmoid(x) if kind == "sigmoid" else np.tanh(x)
    s, z = OUT_Q[kind]
    v = f / s
    return np.clip(np.sign(v) * np.floor(np.abs(v) + 0.5) + z, -128, 127).astype(np.int64), np.clip(v + z, -128, 127)


def f32(v):
    return repr(float(np.float32(v))) + "f"


def arr(values, fmt):
    items = [fmt(v) for v in values]
    return "{" + ",\n     ".join(", ".join(items[i:i + 16]) for i in range(0, len(items), 16)) + "}"


def main():
    rng = np.random.default_rng(11)
    # Input quantizations: typical dense outputs, power-of-two scales, extreme zero points, a scale so
    # small the whole int8 range stays near 0, and one so large nearly everything saturates.
    quants = [(0.1, 0), (0.05, -20), (0.0235294, 12), (1.0 / 16, -128), (0.5, 3), (0.003, 127),
              (1.0 / 128, 0), (0.12, 100), (4.0, -5), (1e-5, 0)]
    quants += [(float(np.exp(rng.uniform(np.log(0.005), np.log(0.3)))), int(rng.integers(-128, 128)))
               for _ in range(6)]
    quants = [(float(np.float32(s)), z) for s, z in quants]

    lines = []
    worst = {"sigmoid": 0, "tanh": 0}
    worst_real = {"sigmoid": 0.0, "tanh": 0.0}
    tables = {"sigmoid": {"tflite": [], "exact": []}, "tanh": {"tflite": [], "exact": []}}
    for kind in ("sigmoid", "tanh"):
        for s, z in quants:
            t = tflite_int8(kind, s, z)
            e, real = exact_int8(kind, s, z)
            d = int(np.max(np.abs(t - e)))
            if s < LARGE_SCALE:
                assert d <= 1, (kind, s, z, d)
                worst[kind] = max(worst[kind], d)
                worst_real[kind] = max(worst_real[kind], float(np.max(np.abs(t - real))))
            else:
                print(f"{kind}, input scale {s} (>= {LARGE_SCALE}): TFLite's saturation radius is off by {d} LSB")
            tables[kind]["tflite"].append(t)
            tables[kind]["exact"].append(e)
    for kind in ("sigmoid", "tanh"):
        print(f"{kind}: TFLite int8 vs float requantized: max {worst[kind]} LSB; "
              f"vs the unrounded float (clamped to int8): max {worst_real[kind]:.4f} LSB")

    # Float inputs: a sweep, tiny values, and the saturated tails.
    xs = np.concatenate([np.linspace(-12, 12, 193), [0.0, 1e-6, -1e-6, 1e-3, -1e-3, 20, -20, 50, -50, 90, -90,
                                                     -104, 200, -200], rng.normal(0, 3, 48)]).astype(np.float32)
    xd = xs.astype(np.float64)

    n = len(quants)
    lines.append("#pragma once")
    lines.append(f"// Generated by tests/gru/gen_sigmoid_tanh_data.py (numpy {np.__version__}); do not edit.")
    lines.append("// float: numpy float64 sigmoid / tanh of float32 inputs. int8, per input quantization q<i>:")
    lines.append("// `exact` = dequantize, numpy float64 function, requantize (round half away, clamp);")
    lines.append("// `tflite` = TFLite's int8 LOGISTIC / TANH reference arithmetic, written in Python.")
    lines.append(f"// Max |tflite - exact| for input scales below {LARGE_SCALE}: sigmoid {worst['sigmoid']} LSB, "
                 f"tanh {worst['tanh']} LSB;")
    lines.append(f"// max |tflite - unrounded float clamped to [-128, 127]| in output steps: sigmoid {worst_real['sigmoid']:.4f}, "
                 f"tanh {worst_real['tanh']:.4f}.")
    lines.append("")
    lines.append("#include <array>\n#include <cstdint>\n\n#include <ctml/quant/quantization.hpp>\n")
    lines.append("namespace sigmoid_tanh_cases {\n")
    lines.append("// Input scales from here on: TFLite's saturation is coarser than 1 LSB (bit-exactness only).")
    lines.append(f"inline constexpr float large_scale = {LARGE_SCALE}f;")
    lines.append(f"inline constexpr int float_count = {len(xs)}, quant_count = {n};")
    lines.append(f"inline constexpr std::array<float, {len(xs)}> x{arr(xs, f32)};")
    lines.append(f"inline constexpr std::array<double, {len(xs)}> sigmoid{arr(sigmoid(xd), repr)};")
    lines.append(f"inline constexpr std::array<double, {len(xs)}> tanh{arr(np.tanh(xd), repr)};")
    for i, (s, z) in enumerate(quants):
        lines.append(f"inline constexpr ctml::quantization q{i}{{{f32(s)}, {z}}};")
    lines.append(f"inline constexpr std::array<const ctml::quantization*, {n}> quants{{"
                 + ", ".join(f"&q{i}" for i in range(n)) + "};")
    for kind in ("sigmoid", "tanh"):
        for src in ("tflite", "exact"):
            rows = ",\n    ".join(arr(t, lambda v: str(int(v))) for t in tables[kind][src])
            lines.append(f"inline constexpr std::array<std::array<std::int8_t, 256>, {n}> {kind}_{src}{{{{\n"
                         f"    {rows}}}}};")
    lines.append("\n}  // namespace sigmoid_tanh_cases")
    with open(os.path.join(HERE, "data", "sigmoid_tanh_cases.hpp"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote tests/gru/data/sigmoid_tanh_cases.hpp")


if __name__ == "__main__":
    main()
