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


def lstm(X, W, R, B=None, layout=0):
    """ONNX LSTM, one direction, default activations (f = sigmoid, g = h = tanh), no peepholes,
    zero initial state, as the operator's specification states it. X [T, 1, F] (layout 0) or
    [1, T, F] (layout 1); W [1, 4H, F], R [1, 4H, H], B [1, 8H] (gates i, o, f, c).
    Returns (Y [T, H], Y_h [H])."""
    X = np.asarray(X, np.float64)
    x = X[:, 0, :] if layout == 0 else X[0]
    W, R = np.asarray(W, np.float64)[0], np.asarray(R, np.float64)[0]
    H = R.shape[1]
    B = np.zeros(8 * H) if B is None else np.asarray(B, np.float64)[0]
    Wi, Wo, Wf, Wc = (W[k * H:(k + 1) * H] for k in range(4))
    Ri, Ro, Rf, Rc = (R[k * H:(k + 1) * H] for k in range(4))
    Wbi, Wbo, Wbf, Wbc, Rbi, Rbo, Rbf, Rbc = (B[k * H:(k + 1) * H] for k in range(8))
    sig = lambda v: 1.0 / (1.0 + np.exp(-v))
    Ht, Ct, Y = np.zeros(H), np.zeros(H), []
    for xt in x:
        it = sig(xt @ Wi.T + Ht @ Ri.T + Wbi + Rbi)
        ft = sig(xt @ Wf.T + Ht @ Rf.T + Wbf + Rbf)
        ct = np.tanh(xt @ Wc.T + Ht @ Rc.T + Wbc + Rbc)
        Ct = ft * Ct + it * ct
        ot = sig(xt @ Wo.T + Ht @ Ro.T + Wbo + Rbo)
        Ht = ot * np.tanh(Ct)
        Y.append(Ht)
    return np.array(Y), Ht


def hard_swish(x):
    """ONNX HardSwish: x * max(0, min(1, alpha * x + beta)), alpha = 1/6, beta = 0.5."""
    return x * np.maximum(0.0, np.minimum(1.0, x / 6.0 + 0.5))


def concat(xs, axis):
    """ONNX Concat of one sample's tensors; axis counts the batch (1: channels of [C, H, W])."""
    return np.concatenate(xs, axis=axis - 1)
