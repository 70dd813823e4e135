"""numpy float64 forward passes of ctml's layers in ctml's layout ([H, W, C] for images, [1, L, C]
for 1-D signals, [N] for vectors): what the exporter calibrates with and what --quantize's error
report runs. The padding rule is TFLite's (ctml::padding::same: the odd pixel goes after)."""
import numpy as np

ACTIVATIONS = {"none": lambda v: v, "relu": lambda v: np.maximum(v, 0.0),
               "relu6": lambda v: np.clip(v, 0.0, 6.0), "relu_n1_to_1": lambda v: np.clip(v, -1.0, 1.0)}


def out_size(padding, n, k, s, d=1):
    eff = (k - 1) * d + 1
    return (n + s - 1) // s if padding == "same" else (n + s - eff) // s


def same_pads(n, k, s, d=1):
    """(before, after) of TFLite's SAME padding along one axis."""
    eff = (k - 1) * d + 1
    total = max((out_size("same", n, k, s, d) - 1) * s + eff - n, 0)
    return total // 2, total - total // 2


def _pad_hw(x, L, value):
    if L["padding"] != "same":
        return x
    (kh, kw), (sh, sw), (dh, dw) = L["kernel"], L["strides"], L.get("dilations", (1, 1))
    ph, pw = same_pads(x.shape[0], kh, sh, dh), same_pads(x.shape[1], kw, sw, dw)
    return np.pad(x, (ph, pw, (0, 0)), constant_values=value)


def _taps(x, L):
    """(i, j, window view [OH, OW, C]) for every kernel tap of a strided, dilated window."""
    (kh, kw), (sh, sw), (dh, dw) = L["kernel"], L["strides"], L.get("dilations", (1, 1))
    oh = out_size(L["padding"], x.shape[0], kh, sh, dh)
    ow = out_size(L["padding"], x.shape[1], kw, sw, dw)
    xp = _pad_hw(x, L, L.get("pad_value", 0.0))
    for i in range(kh):
        for j in range(kw):
            yield i, j, xp[i * dh: i * dh + sh * (oh - 1) + 1: sh, j * dw: j * dw + sw * (ow - 1) + 1: sw, :]


def conv(x, L, W, b):
    """W OHWI [O][KH][KW][I]."""
    out = None
    for i, j, v in _taps(x, L):
        t = v @ W[:, i, j, :].T
        out = t if out is None else out + t
    return ACTIVATIONS[L["act"]](out + b)


def depthwise(x, L, W, b):
    """W [KH][KW][C * multiplier]; output channel c * m + k filters input channel c."""
    m = W.shape[2] // x.shape[2]
    out = None
    for i, j, v in _taps(x, L):
        t = np.repeat(v, m, axis=2) * W[i, j, :]
        out = t if out is None else out + t
    return ACTIVATIONS[L["act"]](out + b)


def pool(x, L):
    if L["kind"] == "max_pool":
        return np.max(np.stack([v for _, _, v in _taps(x, dict(L, pad_value=-np.inf))]), axis=0)
    total = sum(v for _, _, v in _taps(x, L))
    count = sum(v for _, _, v in _taps(np.ones_like(x), L))  # padding taps are not counted
    return total / count


def pad(x, L):
    """L["value"]: the pad value (MaxPool's: -inf), default 0."""
    value = L.get("value")
    return np.pad(x, [(a, b) for a, b in zip(L["before"], L["after"])],
                  constant_values=0.0 if value is None else value)


def softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def leaky_relu(x, alpha):
    return np.where(x > 0, x, x * alpha)
