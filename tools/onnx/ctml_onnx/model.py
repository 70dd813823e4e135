"""Reads an ONNX graph into ctml layers (a chain), runs it in numpy, quantizes it."""
import warnings

import numpy as np
import onnx
from onnx import numpy_helper

from . import calibrate as calibration, cnn, layers, qdq, quantize, reference
from .errors import ExportError, attrs, check_attrs, desc  # noqa: F401 (ExportError: the package's error)


SUPPORTED = ("GRU, LSTM, Gemm, MatMul (+ Add), Relu, Sigmoid, Tanh, and the shape-only Squeeze, Unsqueeze, Reshape, "
             "Flatten, Identity")
SHAPE_ONLY = {"Squeeze", "Unsqueeze", "Reshape", "Flatten", "Identity"}
# Element-wise layers (ctml::sigmoid, ctml::tanh): ONNX op -> layer kind.
ELEMENTWISE = {"Sigmoid": "sigmoid", "Tanh": "tanh"}


def sigmoid(v):
    with np.errstate(over="ignore"):  # exp(-v) = inf for v < -709: the limit 0 is right
        return 1.0 / (1.0 + np.exp(-v))


ELEMENTWISE_FUNCTIONS = {"sigmoid": sigmoid, "tanh": np.tanh}


_attrs, _desc, _check_attrs = attrs, desc, check_attrs


class Model:
    """layers: list of dicts (kind 'dense', 'gru', 'conv', 'depthwise', 'pad', 'max_pool', 'avg_pool', 'flatten',
    'relu', 'relu6', 'relu_n1_to_1', 'leaky_relu', 'softmax', 'sigmoid', 'tanh'); input_shape: ctml's input
    shape ((T, F), (F,), or (H, W, C) / (1, L, C) for a CNN)."""

    def __init__(self, layers, input_shape, input_name, output_shape=None):
        self.layers, self.input_shape, self.input_name = layers, input_shape, input_name
        self.output_shape = output_shape
        self.onnx_input = None  # a CNN's ONNX input shape without the batch, [C, H, W] or [C, L]
        self.channels_last_input = False  # ... or [H, W, C] / [T, F], transposed inside the model
        # A graph with several inputs (cnn.py): [(name, ctml shape, ONNX shape without the batch)] of
        # each, in ONNX's order; x for forward is then a tuple of one array per input.
        self.inputs = [(input_name, input_shape, None)]
        self.output_layers = None  # several graph outputs: their layers, in ONNX's order (else the last)

    # -- numpy forward pass (float64), one sequence [T][F], one step [F], or one image [H][W][C]
    def forward(self, x, quant=None):
        """Float forward. With `quant` (from quantize_model), a fake-quantized forward pass: the int8
        weights dequantized and each tensor rounded to its int8 grid, as the int8 model sees them."""
        outs = self.forward_all(x, quant)
        if self.output_layers:  # several outputs: one vector of all of them, in order
            return np.concatenate([outs[j].reshape(-1) for j in self.output_layers])
        return outs[-1]

    def forward_all(self, x, quant=None, every_step=False):
        """Every layer's output. A layer reads the layers in its `inputs` (-1: the model input; default:
        the layer before). every_step: a GRU returns every step's state (what the layers after it see
        in the streaming model)."""
        xs = list(x) if len(self.inputs) > 1 else [x]
        xs = [np.asarray(v, np.float64) for v in xs]
        if quant:
            qs = quant.get("inputs", [quant["input"]])
            xs = [quantize.dequantize_values(quantize.quantize_values(v, q), q) for v, q in zip(xs, qs)]
        outs = []
        for i, L in enumerate(self.layers):
            ins = [xs[-1 - j] if j < 0 else outs[j] for j in L.get("inputs", [i - 1])]
            y = self._layer(L, ins, quant["layers"][i] if quant else None, every_step)
            outs.append(y)
        return outs

    @staticmethod
    def _layer(L, ins, q, every_step):
        v, k = ins[0], L["kind"]
        if k in ELEMENTWISE_FUNCTIONS:
            v = ELEMENTWISE_FUNCTIONS[k](v)
        elif k in layers.ACTIVATIONS:
            v = layers.ACTIVATIONS[k](v)
        elif k == "dense":
            W, b = (quantize.dequantize_dense(q) if q else (L["W"], L["b"]))
            v = layers.ACTIVATIONS[L["act"]](v @ W.T + b)
        elif k in ("conv", "depthwise"):
            W, b = (quantize.dequantize_conv(q) if q else (L["W"], L["b"]))
            v = (layers.conv if k == "conv" else layers.depthwise)(v, L, W, b)
        elif k in ("max_pool", "avg_pool"):
            v = layers.pool(v, L)
        elif k == "pad":
            v = layers.pad(v, L)
        elif k == "flatten":
            v = v.reshape(-1)
        elif k == "softmax":
            v = layers.softmax(v)
        elif k == "leaky_relu":
            v = layers.leaky_relu(v, L["alpha"])
        elif k in ("add", "sub", "mul", "div"):
            op = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide}[k]
            v = layers.ACTIVATIONS[L["act"]](op(ins[0], ins[1]))
        elif k == "hard_swish":
            v = v * np.clip(v + 3.0, 0.0, 6.0) / 6.0
        elif k == "concat":
            v = np.concatenate(ins, axis=L["axis"])
        elif k == "lstm":
            seq = v if v.ndim == 2 else v[None, :]
            if q:
                states = quantize.fake_quantized_lstm(seq, q)
            else:
                states = reference.lstm_sequence(seq, L["W"], L["R"], L["b"])[0]
            v = states if (L["return_sequences"] or every_step) else states[-1]
        else:
            g = quantize.dequantize_gru(q) if q else L
            seq = v if v.ndim == 2 else v[None, :]
            states = reference.gru_sequence(seq, g["W"], g["R"], g["Wb"], g["Rb"], g["h0"], L["reset_after"])
            v = states if (L["return_sequences"] or every_step) else states[-1]
        if q:
            v = quantize.dequantize_values(quantize.quantize_values(v, q["out_q"]), q["out_q"])
        return v


def _initializers(graph):
    return {t.name: numpy_helper.to_array(t) for t in graph.initializer}


def load(path):
    """The ModelProto in `path`; ExportError "not an ONNX model" for anything else (empty, garbage,
    a protobuf of another kind), "cannot read" for a file that cannot be opened."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise ExportError(f"cannot read '{path}': {e.strerror or e}") from None
    if not data:
        raise ExportError(f"'{path}' is not an ONNX model: the file is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # protobuf's "Unexpected end-group tag" warning: not ONNX
            m = onnx.load_from_string(data)
    except Exception:  # protobuf raises its own DecodeError (and others) for bytes that are not ONNX
        raise ExportError(f"'{path}' is not an ONNX model: it does not parse as an ONNX ModelProto") from None
    # Protobuf parses many byte strings as a message of unknown fields: an ONNX model has an IR
    # version, an operator set and a graph.
    if m.ir_version <= 0 or not m.HasField("graph") or not m.opset_import:
        raise ExportError(f"'{path}' is not an ONNX model: it has no IR version, operator set or graph")
    return m


def read(path, sequence_length=None):
    """The model in `path` as ctml layers. sequence_length: T for an input whose time axis is dynamic
    (dim_param, e.g. PyTorch's dynamic_axes) or to check a fixed one."""
    m = load(path)
    g = m.graph
    inits = _initializers(g)
    for n in g.node:
        if n.op_type == "Constant":
            a = _attrs(n)
            if "value" in a:
                inits[n.output[0]] = numpy_helper.to_array(a["value"])
    inputs = [i for i in g.input if i.name not in inits]
    if not inputs:
        raise ExportError("the model has no input (every graph input is an initializer)")
    secondary = {o for n in g.node for o in list(n.output)[1:] if o}  # BatchNorm statistics, MaxPool Indices
    several_ok = not qdq.is_quantized(list(g.node)) and not any(n.op_type in ("GRU", "LSTM", "RNN") for n in g.node) \
        and not any(o.name in secondary for o in g.output)
    if len(g.output) != 1 and not (several_ok and len(g.output) > 1):
        names = ", ".join(f"'{o.name}'" for o in g.output)
        raise ExportError(f"the model must have exactly one output, it has {len(g.output)} ({names}); export the "
                          "inference graph only (e.g. no BatchNormalization training outputs, no MaxPool Indices)")
    inp = inputs[0]
    dims = [d.dim_value if d.HasField("dim_value") else (d.dim_param or None) for d in inp.type.tensor_type.shape.dim]
    nodes = [n for n in g.node if n.op_type != "Constant"]
    shape_of = lambda i: [d.dim_value if d.HasField("dim_value") else (d.dim_param or None)
                          for d in i.type.tensor_type.shape.dim]
    if len(inputs) > 1:  # several inputs: float graphs of the layer-by-layer converter (cnn.py)
        names = ", ".join(f"'{i.name}'" for i in inputs)
        if qdq.is_quantized(nodes) or any(n.op_type in ("GRU", "LSTM", "RNN") for n in nodes):
            raise ExportError(f"the model has {len(inputs)} inputs ({names}): several inputs are supported for float "
                              "graphs without GRU / LSTM only (not quantized ONNX or recurrent models)")
        for i in inputs:
            if i.type.tensor_type.elem_type != onnx.TensorProto.FLOAT:
                raise ExportError(f"input '{i.name}' must be float32")
    if qdq.is_quantized(nodes):  # quantized ONNX (QDQ, QLinearConv / QLinearMatMul): its own reader
        opset = max((o.version for o in m.opset_import if o.domain in ("", "ai.onnx")), default=1)
        qm = qdq.read(g, nodes, inits, inp, dims, opset)
        for L in qm.layers:  # what cnn.py maps exactly in float but qdq.py's int8 arithmetic would not
            if L["kind"] == "pad" and L.get("value") is not None:
                raise ExportError(f"{L['node']}: pads that are not TFLite's SAME or VALID in a quantized model are not "
                                  "supported (ctml's quantized MaxPool path pads with the zero point); export with "
                                  "auto_pad SAME_UPPER or without pads")
            if L.get("group"):
                raise ExportError(f"{L['node']}: a grouped Conv (group={L['group']}, not depthwise) in a quantized "
                                  "model is not supported yet (float models take it: export the float model and use "
                                  "--quantize)")
        return qm
    if inp.type.tensor_type.elem_type != onnx.TensorProto.FLOAT:
        raise ExportError(f"input '{inp.name}' must be float32")

    # Models without a GRU go through the layer-by-layer converter (cnn.py: images, signals, vectors);
    # a GRU's [T, batch, F] input through the sequence walker below.
    if nodes and not any(n.op_type in ("GRU", "LSTM", "RNN") for n in nodes):
        opset = max((o.version for o in m.opset_import if o.domain in ("", "ai.onnx")), default=1)
        in_dims = [shape_of(i) for i in inputs]
        layer_list, in_shapes, out_shapes, channels_last, out_layers = cnn.read_graph(
            nodes, inits, [(i.name, d) for i, d in zip(inputs, in_dims)], [o.name for o in g.output], opset, attrs)
        if not any("W" in L for L in layer_list) and not layer_list:
            raise ExportError("the model has no layers")
        model = Model(layer_list, in_shapes[0], inp.name, out_shapes[0])
        if len(out_layers) > 1:  # several graph outputs: ctml::outputs<...> names their layers
            model.output_layers = out_layers
        # ONNX's shape of one sample: without the batch axis, or as it is for a vector without one
        onnx_dims = [tuple(d[1:]) if len(d) > 1 else tuple(d) for d in in_dims]
        model.onnx_input = onnx_dims[0]
        model.channels_last_input = channels_last
        model.inputs = [(i.name, s, d) for i, s, d in zip(inputs, in_shapes, onnx_dims)]
        return model
    consumers = {}
    for n in nodes:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    layer_list = []
    current = inp.name
    pending_matmul = None
    # Walk the chain from the input: every node must consume the current tensor.
    for n in nodes:
        if current not in n.input:
            raise ExportError(f"{_desc(n)}: only chains are supported (it does not consume '{current}')")
        a = _attrs(n)
        op = n.op_type
        if pending_matmul is not None and op != "Add":
            layer_list.append(pending_matmul)
        if op != "Add":
            pending_matmul = None
        if op in ("GRU", "LSTM"):
            layer_list.append(_gru(n, a, inits, consumers, g.output[0].name) if op == "GRU" else _lstm(n, a, inits))
            used = [o for o in n.output if o and (o in consumers or o == g.output[0].name)]
            if op == "LSTM" and len(n.output) > 2 and n.output[2] in used:
                raise ExportError(f"{_desc(n)}: its output Y_c (the cell state) is used; ctml::lstm outputs h "
                                  "only (use Y or Y_h)")
            if len(used) != 1:
                raise ExportError(f"{_desc(n)}: exactly one of its outputs Y, Y_h must be used")
            current = used[0]
            layer_list[-1]["return_sequences"] = (current == n.output[0])
        elif op == "Gemm":
            _check_attrs(n, a, {"alpha": lambda v: v == 1.0, "beta": lambda v: v == 1.0,
                                "transA": lambda v: v == 0, "transB": None})
            B = _const(n, inits, 1, "B")
            W = B if a.get("transB", 0) else B.T
            bias = _const(n, inits, 2, "C") if len(n.input) > 2 and n.input[2] else np.zeros(W.shape[0])
            layer_list.append({"kind": "dense", "W": W.astype(np.float64), "b": _bias(n, bias, W.shape[0]), "act": "none"})
            current = n.output[0]
        elif op == "MatMul":
            _check_attrs(n, a, {})
            B = _const(n, inits, 1, "B")
            if B.ndim != 2:
                raise ExportError(f"{_desc(n)}: the weight must be a 2-D initializer")
            pending_matmul = {"kind": "dense", "W": B.T.astype(np.float64), "b": np.zeros(B.shape[1]), "act": "none"}
            current = n.output[0]
        elif op == "Add":
            if pending_matmul is None:
                raise ExportError(f"{_desc(n)}: Add is supported only as the bias of a MatMul")
            other = [i for i in n.input if i != current]
            if len(other) != 1 or other[0] not in inits:
                raise ExportError(f"{_desc(n)}: the bias must be an initializer")
            pending_matmul["b"] = _bias(n, inits[other[0]], pending_matmul["W"].shape[0])
            layer_list.append(pending_matmul)
            pending_matmul = None
            current = n.output[0]
        elif op == "Relu":
            if not layer_list or layer_list[-1]["kind"] != "dense" or layer_list[-1]["act"] != "none":
                raise ExportError(f"{_desc(n)}: Relu is supported only right after a Gemm/MatMul(+Add)")
            layer_list[-1]["act"] = "relu"
            current = n.output[0]
        elif op in SHAPE_ONLY:
            current = n.output[0]  # ctml's layers take the [T, F] / [F] view; batch dims of 1 vanish
        elif op in ELEMENTWISE:
            _check_attrs(n, a, {})
            layer_list.append({"kind": ELEMENTWISE[op]})
            current = n.output[0]
        else:
            raise ExportError(f"unsupported ONNX node {_desc(n)}; supported: {SUPPORTED}")
    if pending_matmul is not None:
        layer_list.append(pending_matmul)
    if current != g.output[0].name:
        raise ExportError(f"the chain ends at '{current}', not at the graph output '{g.output[0].name}'")
    if not layer_list:
        raise ExportError("the model has no layers")
    return Model(layer_list, _input_shape(dims, layer_list, inp.name, sequence_length), inp.name)


def _bias(n, c, units):
    """A Gemm's C (or a MatMul's added bias) as [units]: every shape ONNX lets broadcast to the
    [1, units] output of one sample: a scalar, [units], [1, units], [1, 1], [1]."""
    c = np.asarray(c, np.float64)
    if c.size == 1:
        return np.full(units, float(c.reshape(-1)[0]))
    if c.size == units and c.shape[-1] == units and all(d == 1 for d in c.shape[:-1]):
        return c.reshape(-1).copy()
    raise ExportError(f"{_desc(n)}: bias of shape {list(c.shape)} does not broadcast to one sample's "
                      f"[1, {units}] output (batch 1)")


def _const(n, inits, i, what):
    if len(n.input) <= i or n.input[i] not in inits:
        raise ExportError(f"{_desc(n)}: input {what} must be a constant initializer")
    return inits[n.input[i]]


def _gru(n, a, inits, consumers, graph_out):
    _check_attrs(n, a, {
        "hidden_size": None,
        "linear_before_reset": lambda v: v in (0, 1),
        "direction": lambda v: v == "forward",
        "layout": lambda v: v in (0, 1),
        "activations": lambda v: [x.decode() if isinstance(x, bytes) else x for x in v] == ["Sigmoid", "Tanh"],
    })
    W = _const(n, inits, 1, "W")
    R = _const(n, inits, 2, "R")
    if W.shape[0] != 1:
        raise ExportError(f"{_desc(n)}: only one direction is supported")
    U = int(a["hidden_size"])
    B = _const(n, inits, 3, "B")[0] if len(n.input) > 3 and n.input[3] else np.zeros(6 * U)
    if len(n.input) > 4 and n.input[4]:
        raise ExportError(f"{_desc(n)}: input sequence_lens is not supported (sequences have a fixed length)")
    h0 = np.zeros(U)
    if len(n.input) > 5 and n.input[5]:
        h = _const(n, inits, 5, "initial_h")
        if h.size != U:
            raise ExportError(f"{_desc(n)}: initial_h must be for one sequence ({U} values)")
        h0 = h.reshape(-1)
    return {"kind": "gru", "W": W[0].astype(np.float64), "R": R[0].astype(np.float64),
            "Wb": B[:3 * U].astype(np.float64), "Rb": B[3 * U:].astype(np.float64), "h0": h0.astype(np.float64),
            "reset_after": bool(a.get("linear_before_reset", 0)), "layout": int(a.get("layout", 0)),
            "units": U}


def _lstm(n, a, inits):
    """ONNX LSTM, forward, as ctml::lstm (same gate order i, o, f, c; W and R as they are, one bias
    Wb + Rb). What ctml::lstm (TFLite Micro's LSTM) has no counterpart for is refused."""
    if "clip" in a:
        raise ExportError(f"{_desc(n)}: attribute 'clip' is not supported (ONNX clips the gates' inputs; "
                          "ctml::lstm's cell_clip clips the cell state, a different operation)")
    if int(a.get("input_forget", 0)) != 0:
        raise ExportError(f"{_desc(n)}: attribute input_forget=1 (coupled input-forget gate) is not supported; "
                          "TFLite Micro's LSTM and ctml::lstm have none")
    acts = [x.decode() if isinstance(x, bytes) else x for x in a.get("activations", [])]
    if acts and acts != ["Sigmoid", "Tanh", "Tanh"]:
        raise ExportError(f"{_desc(n)}: activations={acts} are not supported (only the default Sigmoid, Tanh, Tanh)")
    _check_attrs(n, a, {
        "hidden_size": None,
        "direction": lambda v: v == "forward",
        "layout": lambda v: v in (0, 1),
        "input_forget": None,
        "activations": None,
        "activation_alpha": lambda v: False,
        "activation_beta": lambda v: False,
    })
    if len(n.input) > 7 and n.input[7]:
        raise ExportError(f"{_desc(n)}: peephole weights P are not supported (TFLite Micro's LSTM and ctml::lstm "
                          "have no peepholes); export the LSTM without them")
    if len(n.input) > 4 and n.input[4]:
        raise ExportError(f"{_desc(n)}: input sequence_lens is not supported (sequences have a fixed length)")
    W = _const(n, inits, 1, "W")
    R = _const(n, inits, 2, "R")
    if W.shape[0] != 1:
        raise ExportError(f"{_desc(n)}: only one direction is supported")
    U = int(a["hidden_size"])
    B = _const(n, inits, 3, "B")[0] if len(n.input) > 3 and n.input[3] else np.zeros(8 * U)
    for k, what in ((5, "initial_h"), (6, "initial_c")):
        if len(n.input) > k and n.input[k]:
            v = _const(n, inits, k, what)
            if np.any(v != 0):
                raise ExportError(f"{_desc(n)}: a nonzero {what} is not supported (ctml::lstm starts from a zero "
                                  "state)")
    return {"kind": "lstm", "W": W[0].astype(np.float64), "R": R[0].astype(np.float64),
            "b": (B[:4 * U].astype(np.float64) + B[4 * U:].astype(np.float64)), "layout": int(a.get("layout", 0)),
            "units": U}


def _batch_error(name, dims, batch):
    return ExportError(f"input '{name}' has batch {batch} (shape {dims}): ctml models take one sample per "
                       "invoke; export the model with batch 1 (or a dynamic batch) and call invoke per sample")


def _input_shape(dims, layers, name, sequence_length=None):
    weighted = [L for L in layers if "W" in L]
    if not weighted:  # element-wise layers only: the input's size
        known = [d for d in dims if d not in (None, 1)]
        if len(known) != 1 or not isinstance(known[0], int):
            raise ExportError(f"input '{name}' must have one dimension other than 1, got {dims}")
        return (known[0],)
    first = weighted[0]
    F = first["W"].shape[1]
    if first["kind"] in ("gru", "lstm"):
        # X is [T, batch, F] (layout 0) or [batch, T, F] (layout 1), batch 1.
        if len(dims) != 3 or dims[2] != F:
            raise ExportError(f"input '{name}' must be [T, batch, {F}] for the {first['kind'].upper()}, got {dims}")
        t_axis, b_axis = (1, 0) if first["layout"] == 1 else (0, 1)
        if isinstance(dims[b_axis], int) and dims[b_axis] != 1:
            raise _batch_error(name, dims, dims[b_axis])
        T = dims[t_axis]
        if sequence_length is not None:
            if isinstance(T, int) and T != sequence_length:
                raise ExportError(f"--sequence-length {sequence_length} differs from the input '{name}''s "
                                  f"fixed sequence length {T}")
            T = sequence_length
        elif not isinstance(T, int):
            T = None  # dynamic: --sequence-length, or the calibration set's T in streaming mode
        return (T, F)
    if len(dims) >= 2 and isinstance(dims[0], int) and dims[0] != 1:
        raise _batch_error(name, dims, dims[0])
    known = [d for d in dims[1:] if d != 1] if len(dims) >= 2 else list(dims)
    if known and known[-1] != F:
        raise ExportError(f"input '{name}' has shape {dims}, the first layer takes {F} features")
    return (F,)


def samples(model, calib):
    """The calibration set as one forward input per sample: calib is an array [N, ...] for a model with
    one input, a list of one such array per input for a model with several."""
    if len(model.inputs) == 1:
        return list(np.asarray(calib, np.float64))
    return list(zip(*[np.asarray(c, np.float64) for c in calib]))


def calibrate(model, calib, streaming=False, method=("minmax", None)):
    """Ranges of each input and each layer's output over a representative set (inputs first, then the
    layers). streaming: the layers after the GRU run at every step (as the streaming model runs them),
    so their ranges cover every step's output, not only the last one's."""
    n_in = len(model.inputs)
    values = [[] for _ in range(len(model.layers) + n_in)]
    for x in samples(model, calib):
        for k, v in enumerate([x] if n_in == 1 else x):
            values[k].append(np.asarray(v).reshape(-1))
        for i, v in enumerate(model.forward_all(x, every_step=streaming)):
            values[i + n_in].append(v.reshape(-1))
    # A MaxPool's -inf padding is no value to calibrate for (the pad keeps its input's quantization).
    finite = lambda v: v[v != -np.inf]
    ranges = [calibration.value_range(finite(np.concatenate(vs)), method) for vs in values]
    return [r[0] for r in ranges], [r[1] for r in ranges]


def quantize_model(model, calib, streaming=False, method=("minmax", None)):
    lo, hi = calibrate(model, calib, streaming, method)
    n_in = len(model.inputs)
    slot = lambda j: -1 - j if j < 0 else n_in + j  # a layer's input j (-1 - k: model input k) -> its range
    # ctml's concatenation copies bytes (TFLite's rule): its inputs share one quantization, the union of
    # their ranges, given to the layers that produce them (later concatenations see earlier unions).
    for i, L in enumerate(model.layers):
        if L["kind"] == "concat":
            ids = [slot(j) for j in L["inputs"]] + [n_in + i]
            u = (min(lo[j] for j in ids), max(hi[j] for j in ids))
            for j in ids:
                lo[j], hi[j] = u
    in_qs = [quantize.activation_quant(lo[k], hi[k]) for k in range(n_in)]
    in_q = in_qs[0]
    q = {"input": in_q, "inputs": in_qs, "layers": []}
    for i, L in enumerate(model.layers):
        srcs = [in_qs[-1 - j] if j < 0 else q["layers"][j]["out_q"] for j in L.get("inputs", [i - 1])]
        cur = srcs[0]
        calibrated = quantize.activation_quant(lo[i + n_in], hi[i + n_in])
        if L["kind"] in ELEMENTWISE_FUNCTIONS:
            lq = quantize.quantize_elementwise(L["kind"], cur)
        elif L["kind"] == "gru":
            lq = quantize.quantize_gru(L, cur)
        elif L["kind"] == "lstm":
            # h feeds back at every step and c is int16 at a power-of-two scale: both ranges over every
            # step of every calibration sequence.
            hs, cs = [], []
            for x in np.asarray(calib, np.float64):
                xin = x if i == 0 else model.forward_all(x)[i - 1]
                h, c = reference.lstm_sequence(xin if xin.ndim == 2 else xin[None, :], L["W"], L["R"], L["b"])
                hs.append(h.reshape(-1))
                cs.append(c.reshape(-1))
            h_lo, h_hi = calibration.value_range(np.concatenate(hs), method)
            lq = quantize.quantize_lstm(L, cur, quantize.activation_quant(h_lo, h_hi),
                                        float(np.max(np.abs(np.concatenate(cs)))))
        elif L["kind"] in ("conv", "depthwise"):
            lq = quantize.quantize_conv(L, cur, calibrated)
        elif L["kind"] in quantize.KEEPS_QUANTIZATION or L["kind"] in layers.ACTIVATIONS:
            lq = {"in_q": cur, "out_q": cur}  # TFLite: pooling, padding, reshapes, relu keep the input's
        elif L["kind"] == "softmax":
            lq = {"in_q": cur, "out_q": quantize.SOFTMAX_OUTPUT}
        elif L["kind"] == "div":
            raise ExportError(f"{L['node']}: Div has no int8 form in ctml (TFLite Micro's DIV is float only); export "
                              "the model in float, or compute the quotient another way")
        elif L["kind"] in ("leaky_relu", "add", "sub", "mul"):
            lq = {"in_q": srcs, "out_q": calibrated}
        elif L["kind"] == "hard_swish":
            if not calibrated[0] > cur[0] / 128.0:  # TFLite's HARD_SWISH: no left shift on the output multiplier
                calibrated = (cur[0] / 128.0 * 1.0001, calibrated[1])
            lq = {"in_q": cur, "out_q": calibrated}
        elif L["kind"] == "concat":
            if any(s != srcs[0] for s in srcs):
                raise ExportError(f"{L['node']}: its int8 inputs have different quantizations ({srcs}): a layer that "
                                  "keeps its input's quantization (pooling, reshape, relu) feeds it; ctml's "
                                  "concatenation copies bytes and does not requantize")
            lq = {"in_q": srcs, "out_q": srcs[0]}
        else:
            lq = quantize.quantize_dense({"W": L["W"], "b": L["b"]}, cur, calibrated)
        q["layers"].append(lq)
    return q
