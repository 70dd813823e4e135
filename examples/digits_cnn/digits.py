"""The data and the float64 reference shared by train.py, make_test_data.py and make_target_data.py.

- split(): scikit-learn's handwritten digits (load_digits: 1,797 grey 8x8 images, pixels 0..16, 10
  classes), pixels scaled to [0, 1], as NCHW float32 [N, 1, 8, 8]; a fixed stratified split, 1,347
  training images and 450 held out (train_test_split, random_state 0), which training never sees.
- evaluate(): a float64 numpy run of an exported ONNX graph node by node, written from the ONNX
  operator specification (Conv, BatchNormalization, Relu, MaxPool, Flatten, Gemm, Softmax,
  QuantizeLinear, DequantizeLinear), not from the training code: the reference the C++ models are
  checked against. For the QDQ model this is the QDQ graph's own semantics (float operators between
  quantize / dequantize pairs); onnxruntime's fused integer kernels may differ from it on rounding
  ties.
"""
import numpy as np
from onnx import numpy_helper
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

CLASSES = 10


def split():
    d = load_digits()
    x = (d.images / 16.0).astype(np.float32)[:, None]
    return train_test_split(x, d.target.astype(np.int64), test_size=450, random_state=0, stratify=d.target)


def _conv(x, W, b, pads, group):
    """ONNX Conv, one sample [C, H, W], stride 1, dilation 1, explicit pads [top, left, bottom, right]."""
    C, H, Wd = x.shape
    M, Cg, kh, kw = W.shape
    xp = np.pad(x, ((0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    Ho, Wo = xp.shape[1] - kh + 1, xp.shape[2] - kw + 1
    y = np.zeros((M, Ho, Wo))
    per = M // group
    for g in range(group):
        xg, Wg = xp[g * Cg:(g + 1) * Cg], W[g * per:(g + 1) * per]
        for i in range(kh):
            for j in range(kw):
                y[g * per:(g + 1) * per] += np.einsum("mc,chw->mhw", Wg[:, :, i, j], xg[:, i:i + Ho, j:j + Wo])
    return y + (b[:, None, None] if b is not None else 0)


def _maxpool(x, k, s):
    _, H, W = x.shape
    Ho, Wo = (H - k) // s + 1, (W - k) // s + 1
    return np.max([x[:, i:i + s * (Ho - 1) + 1:s, j:j + s * (Wo - 1) + 1:s] for i in range(k) for j in range(k)], 0)


def evaluate(model, image):
    """The ONNX model's output (probabilities, or logits for the QDQ model) for one image [1, 8, 8], float64."""
    w = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    v = {model.graph.input[0].name: np.asarray(image, np.float64)[None]}
    w.update(v)  # constants and computed tensors, by name
    for n in model.graph.node:
        a = {at.name: at for at in n.attribute}
        x = w[n.input[0]]
        if n.op_type == "Conv":
            b = w[n.input[2]] if len(n.input) > 2 else None
            y = _conv(x[0], w[n.input[1]], b, list(a["pads"].ints) if "pads" in a else [0, 0, 0, 0], a["group"].i if "group" in a else 1)[None]
        elif n.op_type == "BatchNormalization":
            g, beta, mean, var = (w[i][None, :, None, None] for i in n.input[1:])
            y = g * (x - mean) / np.sqrt(var + a["epsilon"].f) + beta
        elif n.op_type == "Relu":
            y = np.maximum(x, 0)
        elif n.op_type == "MaxPool":
            y = _maxpool(x[0], a["kernel_shape"].ints[0], a["strides"].ints[0])[None]
        elif n.op_type == "Flatten":
            y = x.reshape(1, -1)
        elif n.op_type == "Gemm":
            B = w[n.input[1]]
            y = x @ (B.T if a["transB"].i else B) + w[n.input[2]]
        elif n.op_type == "QuantizeLinear":  # round half to even, saturate (int8 zero points only)
            s, z = w[n.input[1]], w[n.input[2]]
            y = np.clip(np.rint(x / s) + z, -128, 127)
        elif n.op_type == "DequantizeLinear":  # per tensor, or per channel along axis 0 (weights)
            s, z = w[n.input[1]], w[n.input[2]]
            shape = (-1,) + (1,) * (x.ndim - 1) if s.ndim == 1 else ()
            y = (x - z.reshape(shape)) * s.reshape(shape)
        elif n.op_type == "Softmax":
            e = np.exp(x - x.max(1, keepdims=True))
            y = e / e.sum(1, keepdims=True)
        else:
            raise ValueError(f"digits.evaluate: unexpected {n.op_type}")
        w[n.output[0]] = y
    return w[model.graph.output[0].name][0]
