"""Quantized ONNX: QDQ models (QuantizeLinear / DequantizeLinear around float Conv, Gemm, MatMul,
onnxruntime's and PyTorch's static quantization format) and QLinearConv / QLinearMatMul, turned into
ctml's int8 layers with requantization::onnx (ONNX's arithmetic: float32 multiplier, round half to
even, per-tensor weight zero point).

How: the quantized graph is rewritten into a float graph over the *integer* values (weights as their
int8 codes, biases as their int32 codes, every Quantize / Dequantize of an activation an Identity),
which cnn.py's walker lays out exactly as it lays out a float model (NCHW -> NHWC, OHWI, the Gemm's
columns after a Flatten); the scales and zero points are kept per tensor on the side and attached to
the layers afterwards. uint8 tensors become int8 by subtracting 128 from values and zero points
(exact: x - zero point is unchanged). Anything else is refused with one line naming the node.
"""
import numpy as np
import onnx
from onnx import helper

from . import cnn, emit
from .errors import ExportError, attrs, check_attrs, desc

QUANTIZED_OPS = {"QuantizeLinear", "DequantizeLinear", "QLinearConv", "QLinearMatMul", "ConvInteger", "MatMulInteger",
                 "DynamicQuantizeLinear", "QLinearAdd", "QLinearMul", "QLinearAveragePool", "QLinearGlobalAveragePool",
                 "QLinearConcat", "QLinearSigmoid", "QLinearLeakyRelu"}
SUPPORTED = ("QuantizeLinear, DequantizeLinear, QLinearConv, QLinearMatMul, and between them Conv (group 1 or "
             "depthwise), Gemm, MatMul, AveragePool, GlobalAveragePool, Add and Mul of two tensors, Concat, "
             "Relu, Clip (fused), MaxPool, Flatten, Reshape, Squeeze, Identity")
PASS_THROUGH = {"MaxPool", "GlobalMaxPool", "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Identity", "Dropout"}
WHY_NOT = {
    "ConvInteger": "ctml's layers requantize to int8; an int32 output has no ctml layer",
    "MatMulInteger": "ctml's layers requantize to int8; an int32 output has no ctml layer",
    "DynamicQuantizeLinear": "ctml's quantization is fixed at compile time (static quantization only)",
}


def _f32(v):
    return str(np.float32(v))  # the shortest text of the float32, as the model states it


def is_quantized(nodes):
    return any(n.op_type in QUANTIZED_OPS for n in nodes)


class QuantizedModel:
    """A quantized ONNX model as ctml layers (cnn.py's dicts, integer W and b) plus each tensor's int8
    quantization; generate() writes the header."""

    def __init__(self, layers, input_shape, input_name, input_float, input_q, output_float, quants):
        self.layers, self.input_shape, self.input_name = layers, input_shape, input_name
        self.input_float, self.input_q, self.output_float, self.quants = input_float, input_q, output_float, quants
        self.onnx_input = None


def _int8(values, dtype, n, what):
    """Values of an int8 / uint8 tensor as int8 codes (uint8: minus 128)."""
    if dtype == np.uint8:
        return np.asarray(values, np.int64) - 128
    if dtype == np.int8:
        return np.asarray(values, np.int64)
    raise ExportError(f"{desc(n)}: {what} is {np.dtype(dtype).name}; ctml takes int8 or uint8 (uint8 shifted to int8)")


class _Rewriter:
    def __init__(self, inits, input_name, input_dtype):
        self.inits, self.out_inits = inits, {}
        self.nodes = []
        self.qt = {}   # integer activation tensor -> (scale, int8 zero point), None until a consumer states it
        self.deq = {}  # float tensor equal to the dequantization of an int8 tensor -> its quantization
        self.wconst = {}  # float tensor = DequantizeLinear(constant) -> (codes, scales, zero points, axis, dtype)
        self.pending = {}  # float output of a weighted node (or of a Relu / Clip after it) -> its layer_q index
        self.layer_q = []
        self.input_name = input_name
        self.input_float = input_dtype == np.float32
        self.input_q = None
        self.output_float = False
        if not self.input_float:
            self.qt[input_name] = None
            self.input_dtype = input_dtype

    def scalar_q(self, n, i_scale, i_zp, dtype_hint=None):
        """(scale, int8 zero point) of a per-tensor quantization given by inputs i_scale, i_zp."""
        s = self.const(n, i_scale, "scale").astype(np.float32).reshape(-1)
        if s.size != 1:
            raise ExportError(f"{desc(n)}: a per-axis quantization of an activation is not supported ({s.size} "
                              "scales; ctml's int8 tensors have one scale and zero point)")
        if len(n.input) > i_zp and n.input[i_zp]:
            z = self.inits[n.input[i_zp]] if n.input[i_zp] in self.inits else None
            if z is None:
                raise ExportError(f"{desc(n)}: the zero point must be a constant initializer")
            if z.size != 1:
                raise ExportError(f"{desc(n)}: a per-axis zero point of an activation is not supported")
            zp = int(_int8(z.reshape(-1), z.dtype, n, "the zero point")[0])
        else:
            zp = -128 if dtype_hint == np.uint8 else 0  # uint8's default zero point 0 is int8's -128
        if not s[0] > 0:
            raise ExportError(f"{desc(n)}: scale {s[0]} must be positive")
        return (float(s[0]), zp)

    def const(self, n, i, what):
        if len(n.input) <= i or n.input[i] not in self.inits:
            raise ExportError(f"{desc(n)}: input {what} must be a constant initializer")
        return np.asarray(self.inits[n.input[i]])

    def activation_q(self, n, name, q):
        """The quantization of integer tensor `name` read by `n` with quantization q: must agree."""
        have = self.qt.get(name, "missing")
        if have == "missing":
            raise ExportError(f"{desc(n)}: reads '{name}', which is not a quantized tensor of the model")
        if have is None:
            self.qt[name] = q
            if name == self.input_name:
                self.input_q = q
        elif have != q:
            raise ExportError(f"{desc(n)}: reads '{name}' with scale {_f32(q[0])}, zero point {q[1]}, but it was "
                              f"quantized with scale {_f32(have[0])}, zero point {have[1]} (a requantization "
                              "ctml does not do here)")

    def weight(self, n, name, out_axis, what):
        """(int8 codes, per-output scales, zero point) of a weight input, constant and quantized."""
        if name not in self.wconst:
            raise ExportError(f"{desc(n)}: {what} must be a DequantizeLinear of a constant int8 / uint8 initializer")
        codes, scales, zps, axis, _ = self.wconst[name]
        if scales.size > 1 and axis % codes.ndim != out_axis:
            raise ExportError(f"{desc(n)}: {what} is quantized per axis {axis}; ctml takes per output channel "
                              f"(axis {out_axis}) or per tensor")
        if np.unique(zps).size != 1:
            raise ExportError(f"{desc(n)}: {what} has a zero point per channel; ctml takes one weight zero point")
        return codes, scales, int(zps.reshape(-1)[0])

    def bias(self, n, name, units, in_scale, w_scales):
        if name not in self.wconst or self.wconst[name][4] != np.int32:
            raise ExportError(f"{desc(n)}: the bias must be a DequantizeLinear of an int32 initializer (QDQ format)")
        codes, scales, zps, _, _ = self.wconst[name]
        want = np.float32(in_scale) * np.broadcast_to(w_scales, (units,)).astype(np.float32)
        if np.any(zps != 0) or not np.allclose(np.broadcast_to(scales, (units,)), want, rtol=1e-6, atol=0):
            raise ExportError(f"{desc(n)}: the bias must have zero point 0 and scale input scale x weight scale")
        return codes.reshape(-1)

    def new_init(self, base, values):
        name = f"{base}__ctml_int"
        self.out_inits[name] = np.asarray(values, np.float64)
        return name

    def emit(self, op, inputs, outputs, a=None, name=""):
        self.nodes.append(helper.make_node(op, inputs, outputs, name=name, **(a or {})))

    def add_layer(self, n, in_q, w_scales, w_zp, out_q=None, kind="weighted"):
        self.layer_q.append({"node": desc(n), "in_q": in_q, "Ws": np.asarray(w_scales, np.float64).reshape(-1),
                             "w_zp": w_zp, "out_q": out_q, "kind": kind})
        return len(self.layer_q) - 1

    def node(self, n, output_name):
        op, a = n.op_type, attrs(n)
        if op == "QuantizeLinear":
            check_attrs(n, a, {"axis": None})
            x = n.input[0]
            q = self.scalar_q(n, 1, 2, self.dtype_of_zp(n, 2))
            if x == self.input_name and self.input_float:
                if self.input_q is not None and self.input_q != q:
                    raise ExportError(f"{desc(n)}: quantizes the input '{x}' a second time, with scale {_f32(q[0])}, "
                                      f"zero point {q[1]} (first {_f32(self.input_q[0])}, {self.input_q[1]}); ctml's "
                                      "input has one quantization")
                self.input_q = q
            elif x in self.pending:
                if self.layer_q[self.pending[x]]["out_q"] is not None:
                    raise ExportError(f"{desc(n)}: a second quantization of '{x}' is not supported")
                self.layer_q[self.pending[x]]["out_q"] = q
            elif x in self.deq:
                if self.deq[x] != q:
                    raise ExportError(f"{desc(n)}: requantizes '{x}' to scale {_f32(q[0])}, zero point {q[1]} (it "
                                  f"has {_f32(self.deq[x][0])}, {self.deq[x][1]}); ctml does not requantize here")
            else:
                raise ExportError(f"{desc(n)}: quantizes '{x}', which is neither the model input nor the output of "
                                  "a Conv / Gemm / MatMul (+ Relu) in QDQ form")
            self.qt[n.output[0]] = q
            self.emit("Identity", [x], [n.output[0]], name=n.name)
        elif op == "DequantizeLinear":
            check_attrs(n, a, {"axis": None})
            x = n.input[0]
            if x in self.inits:
                v = np.asarray(self.inits[x])
                s = self.const(n, 1, "x_scale").astype(np.float32).reshape(-1)
                z = (np.asarray(self.inits[n.input[2]]).reshape(-1) if len(n.input) > 2 and n.input[2]
                     else np.zeros(1, v.dtype))
                if v.dtype == np.int32:
                    codes, zps = v.astype(np.int64), z.astype(np.int64)
                else:
                    codes, zps = _int8(v, v.dtype, n, "the constant"), _int8(z, v.dtype, n, "the zero point")
                self.wconst[n.output[0]] = (codes, s, zps, int(a.get("axis", 1)), v.dtype.type)
                return
            q = self.scalar_q(n, 1, 2, self.dtype_of_zp(n, 2))
            self.activation_q(n, x, q)
            self.deq[n.output[0]] = q
            if n.output[0] == output_name:
                self.output_float = True
            self.emit("Identity", [x], [n.output[0]], name=n.name)
        elif op == "QLinearConv":
            x, w = n.input[0], n.input[3]
            in_q = self.scalar_q(n, 1, 2, self.dtype_of_zp(n, 2))
            self.activation_q(n, x, in_q)
            W = self.const(n, 3, "w")
            codes = _int8(W, W.dtype, n, "w")
            ws = self.const(n, 4, "w_scale").astype(np.float32).reshape(-1)
            wz = _int8(self.const(n, 5, "w_zero_point"), W.dtype, n, "w_zero_point").reshape(-1)
            if np.unique(wz).size != 1:
                raise ExportError(f"{desc(n)}: a weight zero point per channel is not supported (one per tensor)")
            out_q = self.scalar_q(n, 6, 7, self.dtype_of_zp(n, 7))
            inputs = [x, self.new_init(w, codes)]
            if len(n.input) > 8 and n.input[8]:
                inputs.append(self.new_init(n.input[8], self.const(n, 8, "B").astype(np.int64)))
            self.add_layer(n, in_q, ws, int(wz[0]), out_q)
            self.qt[n.output[0]] = out_q
            self.emit("Conv", inputs, [n.output[0]], a, n.name)
        elif op == "QLinearMatMul":
            check_attrs(n, a, {})
            x = n.input[0]
            in_q = self.scalar_q(n, 1, 2, self.dtype_of_zp(n, 2))
            self.activation_q(n, x, in_q)
            B = self.const(n, 3, "b")
            if B.ndim != 2:
                raise ExportError(f"{desc(n)}: the weight b must be a 2-D initializer (it is {list(B.shape)}"
                                  + (": one matrix per batch entry, which no single ctml dense expresses)"
                                     if B.ndim > 2 else ")"))
            bs = self.const(n, 4, "b_scale").astype(np.float32).reshape(-1)
            bz = _int8(self.const(n, 5, "b_zero_point"), B.dtype, n, "b_zero_point").reshape(-1)
            if np.unique(bz).size != 1:
                raise ExportError(f"{desc(n)}: a weight zero point per column is not supported (one per tensor)")
            out_q = self.scalar_q(n, 6, 7, self.dtype_of_zp(n, 7))
            self.add_layer(n, in_q, bs, int(bz[0]), out_q)
            self.qt[n.output[0]] = out_q
            self.emit("MatMul", [x, self.new_init(n.input[3], _int8(B, B.dtype, n, "b"))], [n.output[0]], None, n.name)
        elif op in ("Conv", "Gemm", "MatMul"):
            x = n.input[0]
            if x not in self.deq:
                raise ExportError(f"{desc(n)}: in a quantized model its input must come from a DequantizeLinear")
            in_q = self.deq[x]
            out_axis = {"Conv": 0, "Gemm": 0 if a.get("transB", 0) else 1, "MatMul": 1}[op]
            codes, ws, wzp = self.weight(n, n.input[1], out_axis, "the weight")
            units = codes.shape[out_axis]
            inputs = [x, self.new_init(n.input[1], codes)]
            if len(n.input) > 2 and n.input[2]:
                inputs.append(self.new_init(n.input[2], self.bias(n, n.input[2], units, in_q[0], ws)))
            if op == "Gemm":
                check_attrs(n, a, {"alpha": lambda v: v == 1.0, "beta": lambda v: v == 1.0,
                                   "transA": lambda v: v == 0, "transB": None})
            self.pending[n.output[0]] = self.add_layer(n, in_q, ws, wzp)
            self.emit(op, inputs, [n.output[0]], a, n.name)
        elif op in ("AveragePool", "GlobalAveragePool"):
            # DequantizeLinear -> AveragePool -> QuantizeLinear: ctml's average_pool2d in ONNX's arithmetic
            # (float32, as onnxruntime runs the three nodes), to the QuantizeLinear's quantization.
            x = n.input[0]
            if x not in self.deq:
                raise ExportError(f"{desc(n)}: in a quantized model its input must come from a DequantizeLinear")
            self.pending[n.output[0]] = self.add_layer(n, self.deq[x], [], 0, kind="avg_pool")
            self.emit(op, list(n.input), [n.output[0]], a, n.name)
        elif op in ("Add", "Mul"):
            # DequantizeLinear of both -> Add / Mul -> QuantizeLinear: ctml's add / mul in ONNX's arithmetic.
            check_attrs(n, a, {})
            if len(n.input) != 2:
                raise ExportError(f"{desc(n)}: {op} takes two inputs")
            for x in n.input:
                if x in self.wconst or x in self.inits:
                    raise ExportError(f"{desc(n)}: {op} of a constant ('{x}') is not supported in a quantized model "
                                      "(only of two tensors the model computes)")
                if x not in self.deq:
                    raise ExportError(f"{desc(n)}: in a quantized model its inputs must come from DequantizeLinear")
            self.pending[n.output[0]] = self.add_layer(n, (self.deq[n.input[0]], self.deq[n.input[1]]), [], 0,
                                                       kind="binary")
            self.emit(op, list(n.input), [n.output[0]], a, n.name)
        elif op == "Concat":
            # DequantizeLinear of each -> Concat -> QuantizeLinear: ctml's concatenation copies bytes, exact
            # when every input has the output's quantization (checked in read()).
            for x in n.input:
                if x in self.wconst or x in self.inits:
                    raise ExportError(f"{desc(n)}: input '{x}' is a constant; ctml's concatenation joins tensors the "
                                      "model computes")
                if x not in self.deq:
                    raise ExportError(f"{desc(n)}: in a quantized model its inputs must come from DequantizeLinear")
            self.pending[n.output[0]] = self.add_layer(n, tuple(self.deq[x] for x in n.input), [], 0, kind="concat")
            self.emit(op, list(n.input), [n.output[0]], a, n.name)
        elif op in ("Relu", "Clip"):
            x = n.input[0]
            if x in self.pending:
                self.pending[n.output[0]] = self.pending[x]
            elif x in self.deq and op == "Relu":
                self.deq[n.output[0]] = self.deq[x]
            elif x in self.qt and op == "Relu":
                self.qt[n.output[0]] = self.qt[x]
            else:
                raise ExportError(f"{desc(n)}: in a quantized model only a Relu / Clip right after a Conv / Gemm / "
                                  "MatMul (fused), or a Relu of a dequantized tensor, is supported")
            self.emit(op, list(n.input), [n.output[0]], a, n.name)
        elif op in PASS_THROUGH:
            x = n.input[0]
            if x in self.deq:
                self.deq[n.output[0]] = self.deq[x]
            elif x in self.qt:
                self.qt[n.output[0]] = self.qt[x]
            else:
                raise ExportError(f"{desc(n)}: in a quantized model it must read a quantized or dequantized tensor")
            for i in n.input[1:]:
                if i and i in self.inits:
                    self.out_inits[i] = self.inits[i]
            self.emit(op, list(n.input), [n.output[0]], a, n.name)
        else:
            why = WHY_NOT.get(op)
            raise ExportError(f"unsupported ONNX node {desc(n)} in a quantized model: "
                              + (why if why else f"supported: {SUPPORTED}"))

    def dtype_of_zp(self, n, i):
        if len(n.input) > i and n.input[i] in self.inits:
            return np.asarray(self.inits[n.input[i]]).dtype.type
        return None


def read(graph, nodes, inits, inp, dims, opset):
    """The quantized model `graph` as a QuantizedModel."""
    elem = inp.type.tensor_type.elem_type
    dtypes = {onnx.TensorProto.FLOAT: np.float32, onnx.TensorProto.UINT8: np.uint8, onnx.TensorProto.INT8: np.int8}
    if elem not in dtypes:
        raise ExportError(f"input '{inp.name}' must be float32, int8 or uint8")
    out_name = graph.output[0].name
    r = _Rewriter(inits, inp.name, dtypes[elem])
    for n in nodes:
        try:
            r.node(n, out_name)
        except (KeyError, IndexError, ValueError, TypeError) as e:
            raise ExportError(f"{desc(n)}: malformed or unsupported node ({type(e).__name__}: {e})") from None
    if out_name in r.deq:  # a DequantizeLinear, or a Flatten / Reshape / MaxPool / Relu of one: float out
        r.output_float = True
    for i, lq in enumerate(r.layer_q):
        if lq["out_q"] is None:
            raise ExportError(f"{lq['node']}: its output is not quantized (QDQ: a QuantizeLinear after it, or after "
                              "its Relu)")
    if r.input_float and r.input_q is None:
        raise ExportError(f"input '{inp.name}' is float but not quantized first (a QuantizeLinear of the input)")
    if r.input_q is None:
        raise ExportError(f"input '{inp.name}': no node states its quantization")
    if all(n.op_type == "Identity" for n in r.nodes):  # QuantizeLinear / DequantizeLinear only
        if out_name not in r.qt and out_name not in r.deq:
            raise ExportError(f"the graph output '{out_name}' is not produced by a supported node")
        return QuantizedModel([], cnn.Walker(inits, dims, inp.name).input_shape, inp.name, r.input_float, r.input_q,
                              r.output_float, [])
    layers, in_shape, out_shape, channels_last = cnn.read_cnn(r.nodes, r.out_inits, inp.name, dims, out_name, opset,
                                                              attrs)
    weighted = [L for L in layers if L["kind"] in ("conv", "depthwise", "dense")]
    weighted_q = [lq for lq in r.layer_q if lq["kind"] == "weighted"]
    pools = [L for L in layers if L["kind"] == "avg_pool"]
    pools_q = [lq for lq in r.layer_q if lq["kind"] == "avg_pool"]
    if len(weighted) != len(weighted_q) or len(pools) != len(pools_q):
        raise ExportError("the quantized graph did not map onto ctml's layers one to one")  # a Conv split or folded
    binaries = [L for L in layers if L["kind"] in ("add", "mul")]
    binaries_q = [lq for lq in r.layer_q if lq["kind"] == "binary"]
    concats = [L for L in layers if L["kind"] == "concat"]
    concats_q = [lq for lq in r.layer_q if lq["kind"] == "concat"]
    if len(binaries) != len(binaries_q) or len(concats) != len(concats_q):
        raise ExportError("the quantized graph did not map onto ctml's layers one to one")
    for lq in concats_q:
        if any(q != lq["out_q"] for q in lq["in_q"]):
            show = lambda q: f"({_f32(q[0])}, {q[1]})"
            raise ExportError(f"{lq['node']}: its inputs are quantized {', '.join(show(q) for q in lq['in_q'])} and "
                              f"its output {show(lq['out_q'])}: ctml's concatenation copies bytes, so they must all "
                              "be equal (ctml does not requantize here)")
    for L, lq in zip(pools + binaries + concats, pools_q + binaries_q + concats_q):
        L["q"] = {"in_q": lq["in_q"], "out_q": lq["out_q"], "node": lq["node"]}
    for L, lq in zip(weighted, weighted_q):
        W, b = np.asarray(L["W"]), np.asarray(L["b"])
        if np.any(W != np.round(W)) or np.any(b != np.round(b)) or W.min() < -128 or W.max() > 127 \
                or np.abs(b).max(initial=0) > 2 ** 31 - 1:
            raise ExportError(f"{lq['node']}: its weights do not stay integer at import (a folded BatchNormalization, "
                              "alpha or a constant Add?); quantize after folding")
        units = W.shape[2] if L["kind"] == "depthwise" else W.shape[0]  # depthwise: [KH][KW][C]
        if lq["Ws"].size not in (1, units):
            raise ExportError(f"{lq['node']}: {lq['Ws'].size} weight scales for {units} output channels")
        L["q"] = {"W": W.astype(np.int64), "b": b.astype(np.int64),
                  "Ws": np.broadcast_to(lq["Ws"], (units,)).copy(), "out_q": lq["out_q"], "in_q": lq["in_q"],
                  "w_zp": lq["w_zp"]}
    # Each layer's output quantization: weighted layers their own, the others (pooling, pad, flatten,
    # relu) their input's.
    quants = []
    for i, L in enumerate(layers):
        srcs = [r.input_q if j == -1 else quants[j] for j in L.get("inputs", [i - 1])]
        cur = srcs[0]
        if "q" in L:
            if (tuple(srcs) if L["kind"] in ("add", "mul", "concat") else cur) != L["q"]["in_q"]:
                raise ExportError(f"{L['q'].get('node', L.get('node', 'a layer'))}: its input quantization differs "
                                  "from the tensor's")
            cur = L["q"]["out_q"]
        elif L["kind"] not in ("pad", "max_pool", "flatten", "relu", "relu6", "relu_n1_to_1"):
            raise ExportError(f"a {L['kind']} layer is not supported in a quantized model")
        quants.append(cur)
    return QuantizedModel(layers, in_shape, inp.name, r.input_float, r.input_q, r.output_float, quants)


def generate(model, name, source):
    """The header of a QuantizedModel: int8 layers with requantization::onnx; a float input gets a
    ctml::quantize first, a float (dequantized) output a ctml::dequantize last."""
    import os
    data = f"{name}_data"
    body = [emit.quantization("input_quant", model.input_q)]
    entries = [f"ctml::quantize<{data}::input_quant, std::int8_t, ctml::requantization::onnx>"] if model.input_float else []
    channels = model.input_shape[-1]
    onnx_opts = lambda zp: ", .requantization = ctml::requantization::onnx" + (
        f", .weight_zero_point = {zp}" if zp else "")
    headers = {"layers/weights.hpp"}
    for i, L in enumerate(model.layers):
        lname, k = f"layer{i}", L["kind"]
        if k in ("conv", "depthwise"):
            q = dict(L["q"])
            body.append(emit.conv_weights(lname, L, q))
            text = emit.window_layer(dict(L, in_channels=channels), data, lname)
            entries.append(text.replace(f"}}, {data}::{lname}>", f"{onnx_opts(q['w_zp'])}}}, {data}::{lname}>"))
            channels = L["W"].shape[0] if k == "conv" else L["W"].shape[2]
            headers.add("layers/conv2d.hpp" if k == "conv" else "layers/depthwise_conv2d.hpp")
        elif k == "dense":
            body.append(emit.dense_weights_int8(lname, L["q"]))
            act = f", .activation = ctml::activation::{L['act']}" if L["act"] != "none" else ""
            entries.append(f"ctml::dense<ctml::dense_options{{.units = {L['W'].shape[0]}{act}"
                           f"{onnx_opts(L['q']['w_zp'])}}}, {data}::{lname}>")
            headers.add("layers/dense.hpp")
        elif k == "max_pool":
            entries.append(emit.window_layer(L, data, lname))
            headers.add("layers/pooling.hpp")
        elif k == "avg_pool":
            body.append(emit.quantization(f"{lname}_output", L["q"]["out_q"]))
            text = emit.window_layer(L, data, lname)
            assert text.endswith("}>")
            entries.append(text[:-2] + f", .requantization = ctml::requantization::onnx}}, {data}::{lname}_output>")
            headers.add("layers/pooling.hpp")
        elif k == "pad":
            entries.append(emit.pad_layer(L))
            headers.add("layers/pad.hpp")
        elif k == "flatten":
            entries.append("ctml::flatten")
            headers.add("layers/reshape.hpp")
        elif k == "concat":
            entries.append(f"ctml::concatenation<{L['axis']}>")
            headers.add("layers/concatenation.hpp")
        elif k in ("add", "mul"):
            body.append(emit.quantization(f"{lname}_output", L["q"]["out_q"]))
            act = f".activation = ctml::activation::{L['act']}, " if L["act"] != "none" else ""
            entries.append(f"ctml::{k}<ctml::{k}_options{{{act}.requantization = ctml::requantization::onnx}}, "
                           f"{data}::{lname}_output>")
            headers.add(f"layers/{k}.hpp")
        else:
            entries.append(f"ctml::{k}")
            headers.add("layers/activation.hpp")
    if model.output_float:
        entries.append("ctml::dequantize")
    if model.input_float or model.output_float:
        headers.add("layers/quantize.hpp")
    dims = ", ".join(str(d) for d in model.input_shape)
    model_input = (f"ctml::input<ctml::shape<{dims}>, float>" if model.input_float
                   else f"ctml::input<ctml::shape<{dims}>, std::int8_t, {data}::input_quant>")
    dag = any(L.get("inputs", [i - 1]) != [i - 1] for i, L in enumerate(model.layers))
    if dag:  # branches (a residual Add, a Mul gate): named nodes, each naming the nodes it reads
        first = '"quantize"' if model.input_float else '"input"'
        node = lambda j: first if j == -1 else f'"layer{j}"'
        nodes = [f'ctml::node<"input", {model_input}>']
        if model.input_float:
            nodes.append(f'ctml::node<"quantize", {entries[0]}, "input">')
        layer_entries = entries[1:] if model.input_float else entries
        nodes += [f'ctml::node<"layer{i}", {e}, {", ".join(node(j) for j in L.get("inputs", [i - 1]))}>'
                  for i, (L, e) in enumerate(zip(model.layers, layer_entries))]
        if model.output_float:
            nodes.append(f'ctml::node<"dequantize", ctml::dequantize, "layer{len(model.layers) - 1}">')
        chain = ",\n    ".join(nodes)
        headers.add("graph/graph.hpp")
    else:
        chain = ",\n    ".join([model_input] + entries)
    io = ("float" if model.input_float else "int8") + " input, " + ("float" if model.output_float else "int8") + \
        " output (a uint8 tensor is int8 + 128)"
    return (f"#pragma once\n// Generated by tools/onnx/onnx_to_ctml.py from {os.path.basename(source)} "
            f"(onnx {onnx.__version__}, numpy {np.__version__}); quantized ONNX, int8 with ONNX's requantization "
            f"(ctml::requantization::onnx); {io}; one sample per invoke"
            + ("; images NHWC" if len(model.input_shape) == 3 else "") + ".\n\n"
            "#include <array>\n#include <cstdint>\n\n#include <ctml/graph/arena.hpp>\n"
            "#include <ctml/graph/budget.hpp>\n#include <ctml/graph/sequential.hpp>\n"
            + "".join(f"#include <ctml/{h}>\n" for h in sorted(headers)) + "\n"
            f"namespace {data} {{\n" + "".join(body) + f"}}  // namespace {data}\n\n"
            f"struct {name} final : ctml::{'graph' if dag else 'sequential'}<\n    {chain}> {{}};\n")
