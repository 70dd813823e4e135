"""Convolutional networks: ONNX's NCHW graph -> ctml layers in NHWC, resolved at import time.

The walker follows the graph in node order and keeps each tensor's ctml shape: [H, W, C] for
an ONNX [1, C, H, W] tensor, [1, L, C] for a 1-D [1, C, L] one, [N] after a Flatten. Conv weights
become OHWI (depthwise: [KH][KW][C]); BatchNormalization folds into the Conv or Gemm before it (else
becomes a 1x1 depthwise convolution); Relu / Clip(0, 6) fuse into the layer before when it has no
activation; the Gemm after a Flatten gets its weight columns permuted from ONNX's C, H, W order to
ctml's H, W, C, so results equal ONNX's. Each handler takes (walker, node, attributes).
"""
import numpy as np

from .errors import ExportError, check_attrs, desc
from .layers import out_size, same_pads

SPATIAL_FIRST = {"Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "BatchNormalization"}
SUPPORTED = ("GRU, LSTM (a [T, 1, F] sequence input), Conv (1-D, 2-D; any group), BatchNormalization, Relu, Clip, LeakyRelu, Sigmoid, Tanh, "
             "HardSwish, Concat, MaxPool, AveragePool, GlobalAveragePool, Flatten, Reshape to [1, N], Gemm, MatMul (+ Add), "
             "Add / Sub / Mul (of two tensors, or a constant folded into a Conv / Gemm), Div (of two tensors), Softmax, "
             "Identity, Dropout")


class Walker:
    def __init__(self, inits, inputs, input_name=None):
        """inputs: [(name, dims)] of the graph's inputs, in ONNX's order (ctml's input<0>, input<1>, ...);
        or, with input_name, the dims of the one input."""
        if input_name is not None:
            inputs = [(input_name, inputs)]
        self.inits, self.layers = inits, []
        self.input_shapes, self.input_dims = [], []
        self.unbatched = False  # the first input is a vector without a batch axis ([N], not [1, N])
        self.one_d = None
        # Each ONNX tensor: its producer layer (-1 - k: the model's input k), ctml shape and flatten
        # state (the graph may branch).
        self.tensors = {}
        for k, (name, dims) in enumerate(inputs):
            shape, one_d = self._input_shape(name, dims)
            if k == 0:
                self.unbatched = len(dims) == 1
            if one_d is not None:
                if self.one_d is not None and one_d != self.one_d:
                    raise ExportError(f"input '{name}' is a {'1-D signal [1, C, L]' if one_d else 'image [1, C, H, W]'}"
                                      f", input '{inputs[0][0]}' is not: the inputs of one model must all be images or "
                                      "all signals")
                self.one_d = one_d
            self.input_shapes.append(shape)
            self.input_dims.append([1] + list(dims) if len(dims) == 1 else list(dims))
            self.tensors[name] = (-1 - k, shape, None, None)
        self.one_d = bool(self.one_d)
        self.shape = self.input_shapes[0]
        self.channels_last_input = False  # the input is [1, T, F] / [1, H, W, C], transposed to NC.. first
        self.flat_from = None  # the [H, W, C] a vector was flattened from, until a Gemm consumes it
        self.flat_node = None
        self.tail = -1  # the layer producing the current tensor; -1 - k: the model's input k
        self.fusable_tail = None  # the tail, when only the current node reads its output

    @staticmethod
    def _input_shape(input_name, dims):
        """(ctml shape, one_d: True / False, None for a vector) of one graph input."""
        if len(dims) == 1 and isinstance(dims[0], int):
            dims = [1] + list(dims)  # a vector without a batch axis
        if len(dims) not in (2, 3, 4) or not all(isinstance(d, int) for d in dims[1:]):
            raise ExportError(f"input '{input_name}' must be [1, N], [1, C, L] or [1, C, H, W] with fixed sizes, "
                              f"got {dims}")
        if isinstance(dims[0], int) and dims[0] != 1:
            raise ExportError(f"input '{input_name}' has batch {dims[0]} (shape {dims}): ctml models take one sample "
                              "per invoke; export the model with batch 1 (or a dynamic batch) and call invoke per sample")
        if len(dims) == 2:
            return (dims[1],), None
        c = dims[1]
        return ((1, dims[2], c), True) if len(dims) == 3 else ((dims[2], dims[3], c), False)

    @property
    def input_shape(self):
        return self.input_shapes[0]

    @property
    def spatial(self):
        return len(self.shape) == 3

    def const(self, n, i, what):
        if len(n.input) <= i or n.input[i] not in self.inits:
            raise ExportError(f"{desc(n)}: input {what} must be a constant initializer")
        return np.asarray(self.inits[n.input[i]], np.float64)

    def need_spatial(self, n):
        if not self.spatial:
            raise ExportError(f"{desc(n)}: needs an image [1, C, H, W] or signal [1, C, L] input, got a vector")

    def append(self, L):
        """Adds a layer reading the walker's current tensor (its producer `tail`); it becomes the tail."""
        L.setdefault("inputs", [self.tail])
        self.layers.append(L)
        self.tail = len(self.layers) - 1

    def last_fusable(self, kinds=("conv", "depthwise", "dense", "add", "sub", "mul", "div")):
        """The layer producing the current tensor, when an activation or BatchNorm can fold into it: it
        has none yet and nothing else reads its output."""
        L = self.layers[self.tail] if self.tail >= 0 and self.tail == self.fusable_tail else None
        return L if L is not None and L["kind"] in kinds and L.get("act", "none") == "none" else None

    # -- geometry shared by Conv and the pools
    def window(self, n, a, kernel, allow_dilations=True):
        """(ctml padding, strides, dilations, explicit (before, after) pads or None) for a window op."""
        rank = 1 if self.one_d else 2
        strides = list(a.get("strides", [1] * rank))
        dil = list(a.get("dilations", [1] * rank))
        if not allow_dilations and any(d != 1 for d in dil):
            raise ExportError(f"{desc(n)}: attribute dilations={dil} is not supported (ctml's pooling has none)")
        pads = list(a.get("pads", [0] * 2 * rank))
        for what, v, want in (("kernel_shape", kernel, rank), ("strides", strides, rank), ("dilations", dil, rank),
                              ("pads", pads, 2 * rank)):
            if len(v) != want:
                raise ExportError(f"{desc(n)}: attribute {what}={list(v)} has {len(v)} values, the {rank}-D input needs {want}")
        auto = a.get("auto_pad", b"NOTSET")
        auto = auto.decode() if isinstance(auto, bytes) else auto
        if self.one_d:
            strides, dil, pads, kernel = [1] + strides, [1] + dil, [0, pads[0], 0, pads[1]], [1] + list(kernel)
        H, W = self.shape[0], self.shape[1]
        same = [same_pads(H, kernel[0], strides[0], dil[0]), same_pads(W, kernel[1], strides[1], dil[1])]
        if auto == "VALID":
            pads = [0, 0, 0, 0]
        elif auto in ("SAME_UPPER", "SAME_LOWER"):
            got = [(q, p) for p, q in same] if auto == "SAME_LOWER" else same  # SAME_LOWER: the odd pixel before
            pads = [got[0][0], got[1][0], got[0][1], got[1][1]]
        elif auto != "NOTSET":
            raise ExportError(f"{desc(n)}: attribute auto_pad={auto!r} is not supported")
        self.ceil_extra = (0, 0)
        if a.get("ceil_mode", 0):
            # ONNX rounds the output size up; the last window may run past the (padded) input, but must
            # start inside the input or its leading pad. The part past the end reads nothing, like
            # padding a pool leaves out: added to the trailing pads here (the pools keep it exact).
            extra = []
            for ax, (size, k, s, d) in enumerate(zip((H, W), kernel, strides, dil)):
                eff = (k - 1) * d + 1
                padded = size + pads[ax] + pads[ax + 2]
                out = -(-(padded - eff) // s) + 1
                if (out - 1) * s >= size + pads[ax]:
                    out -= 1
                extra.append(max(0, (out - 1) * s + eff - padded))
            pads = [pads[0], pads[1], pads[2] + extra[0], pads[3] + extra[1]]
            self.ceil_extra = tuple(extra)
        hw_pads = ((pads[0], pads[2]), (pads[1], pads[3]))
        if all(p == 0 for p in pads):
            return "valid", strides, dil, kernel, None
        if list(hw_pads) == same:
            return "same", strides, dil, kernel, None
        return "valid", strides, dil, kernel, hw_pads

    def output_hw(self, padding, kernel, strides, dil):
        return (out_size(padding, self.shape[0], kernel[0], strides[0], dil[0]),
                out_size(padding, self.shape[1], kernel[1], strides[1], dil[1]))

    def add_pad(self, hw_pads, value=None):
        """A ctml::pad of the image; value None: zeros (the zero point), -inf: the lowest value."""
        (t, b), (l, r) = hw_pads
        self.append({"kind": "pad", "before": (t, l, 0), "after": (b, r, 0), "value": value})
        self.shape = (self.shape[0] + t + b, self.shape[1] + l + r, self.shape[2])


def conv(w, n, a):
    w.need_spatial(n)
    check_attrs(n, a, {"kernel_shape": None, "strides": None, "pads": None, "dilations": None, "group": None,
                       "auto_pad": None})
    Wt = w.const(n, 1, "W")
    rank = 1 if w.one_d else 2
    if Wt.ndim != rank + 2:
        raise ExportError(f"{desc(n)}: a {Wt.ndim - 2}-D convolution on a {rank}-D input is not supported")
    if w.one_d:
        Wt = Wt[:, :, None, :]
    M, Cg, KH, KW = Wt.shape
    C = w.shape[2]
    group = int(a.get("group", 1))
    b = w.const(n, 2, "B") if len(n.input) > 2 and n.input[2] else np.zeros(M)
    padding, strides, dil, kernel, explicit = w.window(n, a, Wt.shape[2 + (1 if w.one_d else 0):])
    if explicit is not None:
        w.add_pad(explicit)
    oh, ow = w.output_hw(padding, kernel, strides, dil)
    if oh <= 0 or ow <= 0:
        raise ExportError(f"{desc(n)}: the kernel is larger than the padded input {list(w.shape)}")
    geo = {"kernel": (KH, KW), "strides": tuple(strides), "dilations": tuple(dil), "padding": padding, "act": "none"}
    if group == 1 and Cg == C:
        w.append(dict(geo, kind="conv", W=Wt.transpose(0, 2, 3, 1).copy(), b=b))
    elif group == C and Cg == 1 and M % C == 0:
        w.append(dict(geo, kind="depthwise", W=Wt[:, 0].transpose(1, 2, 0).copy(), b=b))
    elif group > 1 and C % group == 0 and Cg == C // group and M % group == 0:
        # Grouped convolution: one ctml::conv2d whose OHWI weights are block-diagonal over the groups
        # (output channel o reads only its group's Cg input channels; the other weights are 0). Exact in
        # float (the added terms are 0 * x) and in int8 (zero weights add 0 to the int32 accumulator;
        # per-channel scales come from each output's own group), at group times the MACs and weights.
        full = np.zeros((M, KH, KW, C))
        per = M // group
        for o in range(M):
            g = o // per
            full[o, :, :, g * Cg:(g + 1) * Cg] = Wt[o].transpose(1, 2, 0)
        w.append(dict(geo, kind="conv", W=full, b=b, group=group, node=desc(n)))
    else:
        raise ExportError(f"{desc(n)}: group={group} with {C} input channels, weights {list(Wt.shape)} and {M} outputs "
                          "is not a valid grouped convolution")
    w.shape = (oh, ow, M)


def batch_norm(w, n, a):
    check_attrs(n, a, {"epsilon": None, "momentum": None, "training_mode": lambda v: v == 0, "spatial": lambda v: v == 1})
    if len([o for o in n.output if o]) > 1:
        raise ExportError(f"{desc(n)}: training mode (running mean / var outputs) is not supported")
    gamma, beta, mean, var = (w.const(n, i, k) for i, k in ((1, "scale"), (2, "B"), (3, "input_mean"), (4, "input_var")))
    scale = gamma / np.sqrt(var + float(a.get("epsilon", 1e-5)))
    shift = beta - mean * scale
    L = w.last_fusable(("conv", "depthwise", "dense"))
    if L is not None:  # fold: W' = W * scale per output channel, b' = b * scale + shift
        if L["kind"] == "conv" or L["kind"] == "dense":
            L["W"] = L["W"] * scale.reshape((-1,) + (1,) * (L["W"].ndim - 1))
        else:
            L["W"] = L["W"] * scale
        L["b"] = L["b"] * scale + shift
        return
    w.need_spatial(n)
    w.append({"kind": "depthwise", "W": scale[None, None, :], "b": shift, "kernel": (1, 1), "strides": (1, 1),
                     "dilations": (1, 1), "padding": "valid", "act": "none"})


def activation(kind):
    def handler(w, n, a):
        check_attrs(n, a, {})
        L = w.last_fusable()
        if L is not None:
            L["act"] = kind
        else:
            w.append({"kind": kind})
    return handler


def clip(w, n, a):
    check_attrs(n, a, {"min": None, "max": None})
    lo = a.get("min", -np.inf)
    hi = a.get("max", np.inf)
    if len(n.input) > 1 and n.input[1]:
        lo = float(w.const(n, 1, "min"))
    if len(n.input) > 2 and n.input[2]:
        hi = float(w.const(n, 2, "max"))
    kinds = {(0.0, 6.0): "relu6", (0.0, np.inf): "relu", (-1.0, 1.0): "relu_n1_to_1"}
    if (lo, hi) not in kinds:
        raise ExportError(f"{desc(n)}: Clip to [{lo}, {hi}] is not supported (ctml has [0, 6], [0, inf), [-1, 1])")
    activation(kinds[(lo, hi)])(w, n, {})


def leaky_relu(w, n, a):
    check_attrs(n, a, {"alpha": None})
    w.append({"kind": "leaky_relu", "alpha": float(np.float32(a.get("alpha", 0.01)))})


def elementwise(kind):
    def handler(w, n, a):
        check_attrs(n, a, {})
        w.append({"kind": kind})
    return handler


def hard_swish(w, n, a):
    """ctml::hard_swish (TFLite's HARD_SWISH): x * relu6(x + 3) / 6, ONNX's HardSwish exactly."""
    check_attrs(n, a, {})
    w.append({"kind": "hard_swish"})


def concat(w, n, a):
    """Concat of tensors the model computes (branches), axis mapped from NCHW / NCL to ctml's NHWC /
    [1, L, C]: ctml::concatenation in a ctml::graph. int8: the inputs share one quantization (model.py)."""
    check_attrs(n, a, {"axis": None})
    const = [i for i in n.input if i in w.inits]
    if const:
        raise ExportError(f"{desc(n)}: input '{const[0]}' is a constant; ctml's concatenation joins tensors the "
                          "model computes or takes as inputs (no constant operands)")
    if not 1 <= len(n.input) <= 10:
        raise ExportError(f"{desc(n)}: {len(n.input)} inputs; ctml's concatenation takes 1 to 10 (TFLite Micro's limit)")
    entries = [w.tensors[i] for i in n.input]
    rank = (1 if w.unbatched else 2) if not w.spatial else (3 if w.one_d else 4)
    axis = int(a["axis"])
    axis = axis + rank if axis < 0 else axis
    if not w.spatial and w.unbatched:
        axis += 1  # a vector [N] without a batch axis: its axis 0 is the features
    if not 1 <= axis < max(rank, 2):
        raise ExportError(f"{desc(n)}: Concat over axis {a['axis']} (the batch) is not supported (one sample per invoke)")
    if any(e[2] is not None for e in entries):
        raise ExportError(f"{desc(n)}: Concat of a Flatten of an image is not supported (ctml's order is H, W, C, not "
                          "ONNX's C, H, W); concatenate the images along the channels, then Flatten")
    if not w.spatial:
        ctml_axis = 0  # [1, N] -> (N,)
    elif w.one_d:
        ctml_axis = {1: 2, 2: 1}[axis]  # [1, C, L] -> (1, L, C)
    else:
        ctml_axis = {1: 2, 2: 0, 3: 1}[axis]  # [1, C, H, W] -> (H, W, C)
    shapes = [e[1] for e in entries]
    if any(len(s) != len(shapes[0]) or any(d != d0 for k, (d, d0) in enumerate(zip(s, shapes[0])) if k != ctml_axis)
           for s in shapes):
        raise ExportError(f"{desc(n)}: Concat of shapes {[list(s) for s in shapes]} (ctml's layout) along axis "
                          f"{axis}: the other dimensions differ")
    out = list(shapes[0])
    out[ctml_axis] = sum(s[ctml_axis] for s in shapes)
    w.append({"kind": "concat", "inputs": [e[0] for e in entries], "axis": ctml_axis, "node": desc(n)})
    w.shape = tuple(out)


def pool(kind):
    def handler(w, n, a):
        w.need_spatial(n)
        allowed = {"kernel_shape": None, "strides": None, "pads": None, "auto_pad": None, "ceil_mode": None,
                   "dilations": None, "storage_order": lambda v: v == 0}
        if kind == "average_pool":
            allowed["count_include_pad"] = None
        check_attrs(n, a, allowed)
        if len([o for o in n.output if o]) > 1:
            raise ExportError(f"{desc(n)}: the Indices output is not supported")
        padding, strides, dil, kernel, explicit = w.window(n, a, a["kernel_shape"], allow_dilations=False)
        include = kind == "average_pool" and a.get("count_include_pad", 0)
        if kind == "max_pool" and explicit is not None:
            # Pads of the lowest value never win a max (every window holds an input value): exact.
            w.add_pad(explicit, value=-np.inf)
            w.layers[-1]["node"] = desc(n)
        elif explicit is not None and not include:
            raise ExportError(f"{desc(n)}: pads {_onnx_pads(explicit, w.ceil_extra)} with count_include_pad=0 are "
                              "not TFLite's SAME padding (the only padding ctml's average pooling leaves out of the "
                              "count); export with auto_pad SAME_UPPER, pads that equal it, or count_include_pad=1")
        elif include and any(w.ceil_extra):
            raise ExportError(f"{desc(n)}: ceil_mode=1 with count_include_pad=1 rounds the output size up here, "
                              "which ctml's average pooling cannot count as ONNX does; export with ceil_mode=0")
        elif include and explicit is not None:
            w.add_pad(explicit)  # zeros that are counted: an explicit zero pad, then a valid pool
        elif padding == "same" and include:
            pads = [same_pads(w.shape[0], kernel[0], strides[0]), same_pads(w.shape[1], kernel[1], strides[1])]
            if pads != [(0, 0), (0, 0)]:
                w.add_pad(tuple(pads))
        if explicit is not None or include:
            padding = "valid"
        oh, ow = w.output_hw(padding, kernel, strides, (1, 1))
        w.append({"kind": "max_pool" if kind == "max_pool" else "avg_pool", "kernel": tuple(kernel),
                         "strides": tuple(strides), "padding": padding})
        w.shape = (oh, ow, w.shape[2])
    return handler


def _onnx_pads(hw_pads, extra=(0, 0)):
    """ONNX's pads [top, left, bottom, right] of (ctml's) ((top, bottom), (left, right)), without ceil_mode's extra."""
    (t, b), (l, r) = hw_pads
    return [t, l, b - extra[0], r - extra[1]]


def global_pool(kind):
    def handler(w, n, a):
        w.need_spatial(n)
        check_attrs(n, a, {})
        H, W, C = w.shape
        w.append({"kind": kind, "kernel": (H, W), "strides": (H, W), "padding": "valid"})
        w.shape = (1, 1, C)
    return handler


def flatten(w, n, a):
    rank = (3 if w.one_d else 4) if w.spatial else 2
    check_attrs(n, a, {"axis": lambda v: v in (1, 1 - rank)})
    _to_vector(w, n)


def _to_vector(w, n):
    if w.spatial:
        H, W, C = w.shape
        w.flat_from = w.shape if H * W > 1 and C > 1 else None  # 1x1xC or HxWx1: the same order
        w.flat_node = desc(n)
        w.append({"kind": "flatten"})
        w.shape = (H * W * C,)


def reshape(w, n, a):
    check_attrs(n, a, {"allowzero": lambda v: v == 0})
    target = w.const(n, 1, "shape").astype(np.int64).reshape(-1).tolist()
    size = int(np.prod(w.shape))
    if len(target) == 2 and target[0] in (1, 0, -1) and target[1] in (size, -1) and (target[0], target[1]) != (-1, -1):
        _to_vector(w, n)
        return
    if not w.spatial and len(target) == 1 and target[0] in (size, -1):
        return
    raise ExportError(f"{desc(n)}: Reshape to {target} is not supported (only to [1, N], a Flatten)")


def squeeze(w, n, a):
    if n.op_type == "Unsqueeze" and w.spatial:
        raise ExportError(f"{desc(n)}: Unsqueeze of an image is not supported")
    if w.spatial and w.shape[0] * w.shape[1] == 1:
        _to_vector(w, n)  # [1, C, 1, 1] -> [1, C]
    elif w.spatial:
        raise ExportError(f"{desc(n)}: {n.op_type} of an image [1, C, H, W] with H * W > 1 is not supported")


def _dense_weights(w, n, W):
    """W [units][in] in ONNX's order; permuted to ctml's when the input was flattened from NHWC."""
    if w.spatial:
        raise ExportError(f"{desc(n)}: {n.op_type} on an image needs a Flatten first")
    if W.shape[1] != w.shape[0]:
        raise ExportError(f"{desc(n)}: takes {W.shape[1]} features, the input has {w.shape[0]}")
    if w.flat_from is not None:
        H, Wd, C = w.flat_from
        W = W.reshape(W.shape[0], C, H, Wd).transpose(0, 2, 3, 1).reshape(W.shape[0], -1)
        w.flat_from = None
    return W


def gemm(w, n, a):
    from .model import _bias
    check_attrs(n, a, {"alpha": None, "beta": None, "transA": lambda v: v == 0, "transB": None})
    B = w.const(n, 1, "B")
    W = _dense_weights(w, n, B if a.get("transB", 0) else B.T) * float(np.float32(a.get("alpha", 1.0)))
    c = w.const(n, 2, "C") if len(n.input) > 2 and n.input[2] else np.zeros(W.shape[0])
    b = _bias(n, c, W.shape[0]) * float(np.float32(a.get("beta", 1.0)))  # alpha, beta folded at import
    w.append({"kind": "dense", "W": W, "b": b, "act": "none"})
    w.shape = (W.shape[0],)


def matmul(w, n, a):
    check_attrs(n, a, {})
    B = w.const(n, 1, "B")
    if B.ndim != 2:
        raise ExportError(f"{desc(n)}: the weight must be a 2-D initializer")
    W = _dense_weights(w, n, B.T)
    w.append({"kind": "dense", "W": W, "b": np.zeros(W.shape[0]), "act": "none", "bias_open": True})
    w.shape = (W.shape[0],)


def add(w, n, a):
    tensors = [i for i in n.input if i not in w.inits]
    if len(tensors) == 2:
        binary(w, n, "add")
    else:
        constant_fold(w, n, "add")


def mul(w, n, a):
    tensors = [i for i in n.input if i not in w.inits]
    if len(tensors) == 2:
        binary(w, n, "mul")
    else:
        constant_fold(w, n, "mul")


def sub(w, n, a):
    """Sub of two tensors: ctml::sub; of a constant subtrahend: an Add of its negation, folded."""
    tensors = [i for i in n.input if i not in w.inits]
    if len(tensors) == 2:
        binary(w, n, "sub")
    elif len(n.input) == 2 and n.input[1] in w.inits:
        constant_fold(w, n, "add", negate=True)
    else:
        raise ExportError(f"{desc(n)}: Sub of a tensor from a constant is not supported (only a - b of two tensors, "
                          "or a tensor minus a constant right after a Conv, Gemm or MatMul)")


def div(w, n, a):
    """Div of two tensors: ctml::div (float; --quantize refuses it, ctml's DIV has no int8)."""
    binary(w, n, "div")


def constant_fold(w, n, kind, negate=False):
    """Add / Mul of a constant that is one value per channel (or one value) right after a Conv or Gemm
    (a MatMul's bias, a decomposed BatchNorm): folded into that layer's weights and bias."""
    from .model import _bias
    L = w.last_fusable(("conv", "depthwise", "dense"))
    const = [i for i in n.input if i in w.inits]
    if L is None or len(const) != 1 or len(n.input) != 2:
        raise ExportError(f"{desc(n)}: {n.op_type} of a constant is supported only right after a Conv, Gemm or "
                          "MatMul (folded into it)")
    c = np.asarray(w.inits[const[0]], np.float64) * (-1.0 if negate else 1.0)
    units = L["b"].shape[0]
    if w.spatial and c.size != 1:
        # NCHW broadcasting: one value per channel is [C, 1, 1] or [1, C, 1, 1] ([C] would run along W).
        if not (c.ndim in (3, 4) and c.size == units and c.shape[-3] == units):
            raise ExportError(f"{desc(n)}: {n.op_type} of a constant of shape {list(c.shape)} is not supported on an "
                              f"image (only one value, or one per channel: [{units}, 1, 1])")
        c = c.reshape(-1)
    v = _bias(n, c, units)
    L.pop("bias_open", None)
    if kind == "add":
        L["b"] = L["b"] + v
    else:  # (W x + b) * v = (W * v) x + b * v, v per output channel
        L["W"] = L["W"] * (v.reshape((-1,) + (1,) * (L["W"].ndim - 1)) if L["kind"] != "depthwise" else v)
        L["b"] = L["b"] * v


def binary(w, n, kind):
    """Add / Sub / Mul of two tensors of the same shape (a residual connection, a gate, two model inputs):
    ctml::add / ctml::sub / ctml::mul in a ctml::graph."""
    check_attrs(n, attrs_of(n), {})
    if len(n.input) != 2 or any(i in w.inits for i in n.input):
        raise ExportError(f"{desc(n)}: {n.op_type} of a constant is not supported (only of two tensors, or a MatMul's bias)")
    (la, sa, fa, _), (lb, sb, fb, _) = (w.tensors[i] for i in n.input)
    if sa != sb or fa != fb:
        raise ExportError(f"{desc(n)}: {n.op_type} of shapes {list(sa)} and {list(sb)} (ctml's layout) is not "
                          "supported: only equal shapes (ONNX broadcasts in NCHW order, which ctml's NHWC does not "
                          "keep); expand the smaller operand to the full shape before the export")
    w.append({"kind": kind, "inputs": [la, lb], "act": "none", "node": desc(n)})


def attrs_of(n):
    from .errors import attrs
    return attrs(n)


def softmax(w, n, a, opset):
    check_attrs(n, a, {"axis": None})
    axis = int(a.get("axis", -1 if opset >= 13 else 1))
    rank = 2 if not w.spatial else (3 if w.one_d else 4)
    axis = axis + rank if axis < 0 else axis
    if w.spatial and not (axis == 1 and opset >= 13):
        raise ExportError(f"{desc(n)}: Softmax over axis {axis} of an image is not supported (ctml's softmax is over "
                          "the channels, axis 1 from opset 13)")
    if not w.spatial and axis != 1:
        raise ExportError(f"{desc(n)}: Softmax over axis {axis} is not supported (one sample: axis 1 or -1)")
    check_attrs(n, a, {"axis": None})
    w.append({"kind": "softmax"})


def transpose(w, n, a):
    """Only a model input given channels-last ([1, T, F] or [1, H, W, C], as TensorFlow-style or
    sequence models export it) and transposed to ONNX's channels-first first thing: that is ctml's
    layout already, so the Transpose vanishes and the input is declared as it is."""
    check_attrs(n, a, {"perm": None})
    perm = list(a.get("perm", []))
    dims = w.input_dims[0]
    wanted = {3: [0, 2, 1], 4: [0, 3, 1, 2]}.get(len(dims))
    if len(w.input_shapes) != 1 or w.tail != -1 or w.layers or w.fusable_tail != -1 or perm != wanted:
        raise ExportError(f"unsupported ONNX node {desc(n)}: {unsupported_hint('Transpose')}")
    w.shape = (1, dims[1], dims[2]) if len(dims) == 3 else (dims[1], dims[2], dims[3])
    w.input_shapes[0] = w.shape
    w.channels_last_input = True


def passthrough(w, n, a):
    pass


def unsupported_hint(op):
    hints = {
             "Transpose": "ctml resolves NCHW -> NHWC at import; only a Transpose of a channels-last model input to "
                         "NCHW / NCL (perm [0, 3, 1, 2] / [0, 2, 1]) right at the start is supported",
             "QuantizeLinear": "quantized (QDQ) ONNX models are not supported yet; export the float model and use "
                               "--quantize", "QLinearConv": "QLinear ops are not supported yet"}
    return hints.get(op)


def handlers(opset):
    return {
        "Conv": conv, "BatchNormalization": batch_norm, "Relu": activation("relu"), "Clip": clip,
        "LeakyRelu": leaky_relu, "Sigmoid": elementwise("sigmoid"), "Tanh": elementwise("tanh"),
        "MaxPool": pool("max_pool"), "AveragePool": pool("average_pool"),
        "GlobalAveragePool": global_pool("avg_pool"), "GlobalMaxPool": global_pool("max_pool"),
        "Flatten": flatten, "Reshape": reshape, "Squeeze": squeeze, "Unsqueeze": squeeze, "Gemm": gemm, "MatMul": matmul, "Add": add, "Mul": mul, "Sub": sub, "Div": div,
        "Softmax": lambda w, n, a: softmax(w, n, a, opset), "Identity": passthrough,
        "Dropout": passthrough, "Transpose": transpose, "HardSwish": hard_swish, "Concat": concat,
    }


def read_cnn(nodes, inits, inp_name, dims, output_name, opset, attrs):
    """read_graph for a graph with one input: (layers, input shape, output shape, channels_last)."""
    layers, shapes, shape, channels_last = read_graph(nodes, inits, [(inp_name, dims)], output_name, opset, attrs)
    return layers, shapes[0], shape, channels_last


def read_graph(nodes, inits, inputs, output_name, opset, attrs):
    """The graph's layers in ONNX's (topological) node order; each layer lists the layers it reads
    (`inputs`, -1 - k: the model's input k), so a branching graph becomes a ctml::graph.
    inputs: [(name, dims)] of the graph's inputs; output_name: the graph's output, or a list of its
    outputs (then the last item returned is the list of their layers, in ONNX's order, and the output
    shape a list too)."""
    output_names = [output_name] if isinstance(output_name, str) else list(output_name)
    w = Walker(inits, inputs)
    table = handlers(opset)
    readers = {}
    for n in nodes:
        for i in n.input:
            readers[i] = readers.get(i, 0) + 1
    for o in output_names:
        readers[o] = readers.get(o, 0) + 1
    for n in nodes:
        h = table.get(n.op_type)
        if h is None:
            hint = unsupported_hint(n.op_type)
            raise ExportError(f"unsupported ONNX node {desc(n)}" + (f": {hint}" if hint else f"; supported: {SUPPORTED}"))
        data = [i for i in n.input if i and i not in inits]
        unknown = [i for i in data if i not in w.tensors]
        if unknown or not data:
            raise ExportError(f"{desc(n)}: reads '{unknown[0] if unknown else n.input[0]}', which is neither a model "
                              "input nor a supported node's output")
        w.tail, w.shape, w.flat_from, w.flat_node = w.tensors[data[0]]
        w.fusable_tail = w.tail if readers.get(data[0], 0) == 1 else None
        before = len(w.layers)
        try:
            h(w, n, attrs(n))
        except (KeyError, IndexError, ValueError, TypeError) as e:  # a malformed node (missing attribute, bad shape)
            raise ExportError(f"{desc(n)}: malformed or unsupported node ({type(e).__name__}: {e})") from None
        for L in w.layers[before:]:
            L.setdefault("node", desc(n))  # for messages about the layer
        w.tensors[n.output[0]] = (w.tail, w.shape, w.flat_from, w.flat_node)
    for o in output_names:
        if o not in w.tensors:
            raise ExportError(f"the graph output '{o}' is not produced by a supported node")
    outs = [w.tensors[o] for o in output_names]
    if len(output_names) == 1 and outs[0][0] != len(w.layers) - 1:
        raise ExportError(f"the graph output '{output_name}' is not its last layer's output (a dead branch?)")
    for o, (last, _, flat_from, flat_node) in zip(output_names, outs):
        if flat_from is not None:
            raise ExportError(f"{flat_node}: the model's output is a Flatten of an image: its order would be ctml's H, "
                              "W, C, not ONNX's C, H, W; end the model with a Gemm / MatMul, or leave the image "
                              "unflattened")
        if len(output_names) > 1 and last < 0:
            raise ExportError(f"the graph output '{o}' is a model input (or a shape-only view of one); ctml's outputs "
                              "are layer outputs")
    if not w.layers:
        raise ExportError("the model has no layers")
    out_layers = [e[0] for e in outs]
    if len(set(out_layers)) != len(out_layers):
        raise ExportError(f"the graph outputs {output_names} include one tensor twice (or views of one): ctml's "
                          "outputs are distinct layers")
    read = {j for L in w.layers for j in L.get("inputs", [])}
    dead = [i for i in range(len(w.layers)) if i not in read and i not in out_layers]
    if dead:
        raise ExportError(f"{w.layers[dead[0]]['node']}: its output feeds neither a graph output nor another node (a "
                          "dead branch); remove it, or make it a graph output")
    for k, (name, _) in enumerate(inputs):
        if -1 - k not in read:
            raise ExportError(f"input '{name}' is not read by any layer (ctml's inputs feed layers; drop it from the "
                              "graph, or route it through a supported node)")
    if isinstance(output_name, str):
        return w.layers, w.input_shapes, outs[0][1], w.channels_last_input
    return w.layers, w.input_shapes, [e[1] for e in outs], w.channels_last_input, out_layers
