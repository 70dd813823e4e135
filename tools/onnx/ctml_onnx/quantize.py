"""int8 quantization of ctml layers (the scheme of docs/gru.md and TFLite's int8 spec for dense).

Activations: asymmetric int8 from a calibration range (TFLite: range widened to include 0).
Weights: symmetric int8, one scale per output row. Biases: int32 at the scale of the accumulator.
GRU: state int16 Q0.15, output int8 with scale 1/128 and zero point 0 (h is in [-1, 1]).
Sigmoid, Tanh: output quantization fixed by TFLite (1/256, -128 and 1/128, 0), the input's is kept.
"""
import numpy as np

GRU_OUTPUT = (1.0 / 128.0, 0)
SOFTMAX_OUTPUT = (1.0 / 256.0, -128)
KEEPS_QUANTIZATION = ("pad", "max_pool", "avg_pool", "flatten")
ELEMENTWISE_OUTPUT = {"sigmoid": (1.0 / 256.0, -128), "tanh": (1.0 / 128.0, 0)}


def activation_quant(lo, hi):
    """(scale, zero_point) for int8 values covering [lo, hi] (0 always representable)."""
    lo, hi = min(float(lo), 0.0), max(float(hi), 0.0)
    if hi - lo < 1e-8:
        hi = lo + 1e-8
    scale = np.float32((hi - lo) / 255.0)
    zp = int(np.clip(np.round(-128.0 - lo / float(scale)), -128, 127))
    return float(scale), zp


def quantize_values(x, q):
    scale, zp = q
    return np.clip(np.round(np.asarray(x, np.float64) / scale) + zp, -128, 127).astype(np.int8)


def dequantize_values(q_values, q):
    scale, zp = q
    return (np.asarray(q_values, np.float64) - zp) * scale


def per_row_symmetric(w):
    """int8 rows and float32 scales: w[j] ~ q[j] * s[j], s[j] = max|w[j]| / 127."""
    w = np.asarray(w, np.float64)
    s = np.max(np.abs(w), axis=1) / 127.0
    s = np.where(s > 0, s, 1.0).astype(np.float32)
    q = np.clip(np.round(w / s.astype(np.float64)[:, None]), -127, 127).astype(np.int8)
    return q, s


def int32_bias(b, scale):
    return np.clip(np.round(np.asarray(b, np.float64) / scale), -2**31, 2**31 - 1).astype(np.int64)


def quantize_gru(g, in_q):
    """g: dict W, R, Wb, Rb, h0 (float). in_q: (scale, zero_point) of the int8 input."""
    Wq, ws = per_row_symmetric(g["W"])
    Rq, rs = per_row_symmetric(g["R"])
    return {
        "W": Wq, "R": Rq, "Ws": ws, "Rs": rs,
        "Wb": int32_bias(g["Wb"], in_q[0] * ws.astype(np.float64)),
        "Rb": int32_bias(g["Rb"], rs.astype(np.float64) / 32768.0),
        "h0": np.clip(np.round(np.asarray(g["h0"], np.float64) * 32768.0), -32768, 32767).astype(np.int16),
        "in_q": in_q, "out_q": GRU_OUTPUT,
    }


def dequantize_gru(q):
    """The float GRU the int8 numbers stand for (what the int8 kernel approximates)."""
    ws, rs = q["Ws"].astype(np.float64), q["Rs"].astype(np.float64)
    return {
        "W": q["W"] * ws[:, None], "R": q["R"] * rs[:, None],
        "Wb": q["Wb"] * (q["in_q"][0] * ws), "Rb": q["Rb"] * (rs / 32768.0),
        "h0": q["h0"] / 32768.0,
    }


def quantize_dense(d, in_q, out_q):
    """d: dict W [units][in], b [units]; TFLite per-channel int8."""
    Wq, ws = per_row_symmetric(d["W"])
    return {"W": Wq, "Ws": ws, "b": int32_bias(d["b"], in_q[0] * ws.astype(np.float64)),
            "in_q": in_q, "out_q": out_q}


def dequantize_dense(q):
    ws = q["Ws"].astype(np.float64)
    return q["W"] * ws[:, None], q["b"] * (q["in_q"][0] * ws)


def quantize_elementwise(kind, in_q):
    """ctml::sigmoid / ctml::tanh: no weights; TFLite's fixed output quantization."""
    return {"kind": kind, "in_q": in_q, "out_q": ELEMENTWISE_OUTPUT[kind]}


def quantize_conv(L, in_q, out_q):
    """Conv (W OHWI) or depthwise (W [KH][KW][C]): TFLite per-output-channel symmetric int8 weights."""
    W = np.asarray(L["W"], np.float64)
    if L["kind"] == "conv":
        q2, ws = per_row_symmetric(W.reshape(W.shape[0], -1))
        Wq = q2.reshape(W.shape)
    else:
        q2, ws = per_row_symmetric(W.reshape(-1, W.shape[-1]).T)
        Wq = q2.T.reshape(W.shape)
    return {"W": Wq, "Ws": ws, "b": int32_bias(L["b"], in_q[0] * ws.astype(np.float64)), "in_q": in_q,
            "out_q": out_q, "kind": L["kind"]}


def dequantize_conv(q):
    ws = q["Ws"].astype(np.float64)
    if q["kind"] == "conv":
        W = q["W"] * ws[:, None, None, None]
    else:
        W = q["W"] * ws
    return W, q["b"] * (q["in_q"][0] * ws)


def _per_gate(w):
    """int8 blocks and float32 scales, one a gate (TFLite quantizes each gate's tensor per tensor)."""
    w = np.asarray(w, np.float64)
    blocks = w.reshape(4, -1)
    s = (np.max(np.abs(blocks), axis=1) / 127.0).astype(np.float32)
    s = np.where(s > 0, s, np.float32(1.0)).astype(np.float32)
    q = np.clip(np.round(blocks / s.astype(np.float64)[:, None]), -127, 127).astype(np.int8)
    return q.reshape(w.shape), s


def cell_scale(max_abs_c):
    """TFLite's int16 cell state: a power of two 2^n / 32768 covering max |c| (n clamped so the
    scale lies in [2^-27, 1], what ctml::lstm takes)."""
    n = int(np.ceil(np.log2(max(float(max_abs_c), 2.0 ** -12))))
    return float(2.0 ** min(max(n - 15, -27), 0))


def quantize_lstm(L, in_q, out_q, max_abs_c):
    """ctml::lstm's int8 (TFLite's integer LSTM): W and R per gate, int32 bias at in_scale * W's gate
    scale, the cell state's power-of-two scale, h (the output) at out_q."""
    Wq, ws = _per_gate(L["W"])
    Rq, rs = _per_gate(L["R"])
    U = L["units"]
    bscale = np.repeat(in_q[0] * ws.astype(np.float64), U)
    return {"W": Wq, "R": Rq, "Ws": ws, "Rs": rs, "b": int32_bias(L["b"], bscale), "cell_scale": cell_scale(max_abs_c),
            "in_q": in_q, "out_q": out_q, "units": U}


def _q(v, step, lo=-32768, hi=32767):
    return np.clip(np.round(v / step), lo, hi) * step


def fake_quantized_lstm(x, q):
    """The float LSTM the int8 numbers stand for, with the int8 kernel's roundings: gate inputs on
    int16 Q3.12, gate outputs Q0.15, the cell on its int16 grid, h on the output's int8 grid. x [T][F]
    (already on the input grid) -> every h [T][U]."""
    U = q["units"]
    ws, rs = np.repeat(q["Ws"].astype(np.float64), U), np.repeat(q["Rs"].astype(np.float64), U)
    W, R = q["W"] * ws[:, None], q["R"] * rs[:, None]
    b = q["b"] * (q["in_q"][0] * ws)
    s, zp = q["out_q"]
    h, c, cs = np.zeros(U), np.zeros(U), q["cell_scale"]
    out = np.zeros((x.shape[0], U))
    sig = lambda v: _q(1.0 / (1.0 + np.exp(-v)), 2.0 ** -15)  # noqa: E731
    for t in range(x.shape[0]):
        g = _q(_q(W @ x[t] + b, 2.0 ** -12) + _q(R @ h, 2.0 ** -12), 2.0 ** -12)
        i, o, f, cc = sig(g[:U]), sig(g[U:2 * U]), sig(g[2 * U:3 * U]), _q(np.tanh(g[3 * U:]), 2.0 ** -15)
        c = _q(_q(f * c, cs) + _q(i * cc, cs), cs)
        h = dequantize_values(quantize_values(o * _q(np.tanh(c), 2.0 ** -15), (s, zp)), (s, zp))
        out[t] = h
    return out
