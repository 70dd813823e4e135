"""A float64 numpy statement of the ONNX operators the CNN tests use, in ONNX's own NCHW layout and
with ONNX's explicit pads (written from the operator specification, independent of tools/onnx's
NHWC code). One sample: x is [C, H, W]."""
import numpy as np


def conv(x, W, b, strides, pads, dilations, group):
    """W [M, C/group, KH, KW]; pads [top, left, bottom, right]."""
    C, H, Wd = x.shape
    M, Cg, KH, KW = W.shape
    xp = np.zeros((C, H + pads[0] + pads[2], Wd + pads[1] + pads[3]))
    xp[:, pads[0]:pads[0] + H, pads[1]:pads[1] + Wd] = x
    OH = (xp.shape[1] - ((KH - 1) * dilations[0] + 1)) // strides[0] + 1
    OW = (xp.shape[2] - ((KW - 1) * dilations[1] + 1)) // strides[1] + 1
    y = np.zeros((M, OH, OW))
    per = M // group
    for m in range(M):
        g = m // per
        for oh in range(OH):
            for ow in range(OW):
                acc = b[m]
                for c in range(Cg):
                    for kh in range(KH):
                        for kw in range(KW):
                            acc += W[m, c, kh, kw] * xp[g * Cg + c, oh * strides[0] + kh * dilations[0],
                                                        ow * strides[1] + kw * dilations[1]]
                y[m, oh, ow] = acc
    return y


def pool(x, kind, kernel, strides, pads, count_include_pad=0):
    C, H, W = x.shape
    fill = -np.inf if kind == "max" else 0.0
    xp = np.full((C, H + pads[0] + pads[2], W + pads[1] + pads[3]), fill)
    xp[:, pads[0]:pads[0] + H, pads[1]:pads[1] + W] = x
    inside = np.zeros(xp.shape[1:])
    inside[pads[0]:pads[0] + H, pads[1]:pads[1] + W] = 1
    OH = (xp.shape[1] - kernel[0]) // strides[0] + 1
    OW = (xp.shape[2] - kernel[1]) // strides[1] + 1
    y = np.zeros((C, OH, OW))
    for oh in range(OH):
        for ow in range(OW):
            win = xp[:, oh * strides[0]:oh * strides[0] + kernel[0], ow * strides[1]:ow * strides[1] + kernel[1]]
            if kind == "max":
                y[:, oh, ow] = win.reshape(C, -1).max(axis=1)
            else:
                n = kernel[0] * kernel[1] if count_include_pad else inside[
                    oh * strides[0]:oh * strides[0] + kernel[0], ow * strides[1]:ow * strides[1] + kernel[1]].sum()
                y[:, oh, ow] = win.reshape(C, -1).sum(axis=1) / n
    return y


def batch_norm(x, gamma, beta, mean, var, eps):
    s = lambda a: np.asarray(a).reshape(-1, 1, 1)
    return s(gamma) * (x - s(mean)) / np.sqrt(s(var) + eps) + s(beta)


def relu(x):
    return np.maximum(x, 0)


def softmax(v):
    e = np.exp(v - v.max())
    return e / e.sum()
