"""numpy statement of the GRU equations (ONNX operator spec, Keras GRU), float64.

Gate blocks in ONNX order z, r, h. W [3U][F], R [3U][U], Wb and Rb [3U], h0 [U].
    z = sigmoid(Wz x + Wbz + Rz h + Rbz);  r = sigmoid(Wr x + Wbr + Rr h + Rbr)
    reset_after (linear_before_reset=1): h~ = tanh(Wh x + Wbh + r * (Rh h + Rbh))
    reset_before (linear_before_reset=0): h~ = tanh(Wh x + Wbh + Rh (r * h) + Rbh)
    h' = (1 - z) * h~ + z * h
"""
import numpy as np


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def gru_sequence(x, W, R, Wb, Rb, h0, reset_after):
    """x [T][F] -> all states [T][U] (float64)."""
    x = np.asarray(x, np.float64)
    W, R, Wb, Rb = (np.asarray(a, np.float64) for a in (W, R, Wb, Rb))
    U = R.shape[1]
    h = np.asarray(h0, np.float64).copy()
    out = np.zeros((x.shape[0], U))
    for t in range(x.shape[0]):
        gx = W @ x[t] + Wb
        z = sigmoid(gx[:U] + R[:U] @ h + Rb[:U])
        r = sigmoid(gx[U:2 * U] + R[U:2 * U] @ h + Rb[U:2 * U])
        if reset_after:
            c = np.tanh(gx[2 * U:] + r * (R[2 * U:] @ h + Rb[2 * U:]))
        else:
            c = np.tanh(gx[2 * U:] + R[2 * U:] @ (r * h) + Rb[2 * U:])
        h = (1.0 - z) * c + z * h
        out[t] = h
    return out


def lstm_sequence(x, W, R, b):
    """ONNX LSTM (forward, no peepholes, default activations), gate blocks i, o, f, c; W [4U][F],
    R [4U][U], b = Wb + Rb [4U]; zero initial state. x [T][F] -> (every h [T][U], every c [T][U])."""
    x = np.asarray(x, np.float64)
    W, R, b = (np.asarray(a, np.float64) for a in (W, R, b))
    U = R.shape[1]
    h, c = np.zeros(U), np.zeros(U)
    hs, cs = np.zeros((x.shape[0], U)), np.zeros((x.shape[0], U))
    for t in range(x.shape[0]):
        g = W @ x[t] + R @ h + b
        i, o, f, cc = sigmoid(g[:U]), sigmoid(g[U:2 * U]), sigmoid(g[2 * U:3 * U]), np.tanh(g[3 * U:])
        c = f * c + i * cc
        h = o * np.tanh(c)
        hs[t], cs[t] = h, c
    return hs, cs
