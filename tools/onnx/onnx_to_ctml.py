#!/usr/bin/python3
"""ONNX (float) -> ctml C++ header, optionally quantized to int8.

  /usr/bin/python3 tools/onnx/onnx_to_ctml.py model.onnx --name vib [--streaming]
      [--quantize calib.npy] [-o vib_model.hpp]

Reads a chain of GRU, LSTM, Gemm, MatMul (+ Add), Relu, Sigmoid, Tanh nodes (and the shape-only Squeeze,
Unsqueeze, Reshape, Flatten, Identity) and writes the weights as ctml constexpr data plus the model type
`struct <name> final : ctml::sequential<...>` (a ctml::graph for a branching graph or several inputs;
convolutional networks: ctml_onnx/cnn.py, docs/onnx.md). Anything else is an error naming the node or the
attribute, with exit status 2; so is a --name that is not a usable C++ name (ctml-import's rules:
tools/python_common) and an -o that cannot be written. A failed export writes nothing: -o is written
through a temporary file in the same folder and a rename.

--streaming   the model takes one time step [features] per invoke; the GRU / LSTM keeps its state between
              invokes (ctml::state<name>). Default: one whole sequence [T, features] per invoke.
--quantize    int8 model: calib.npy holds representative inputs, [N, T, features] (or [N, features]
              without a GRU; [N, C, H, W] / [N, C, L] for a CNN). A model with several inputs takes an
              .npz instead, one such array per input name. Prints the quantization error of a
              fake-quantized numpy run to stderr.
              With --streaming, the layers after the GRU are calibrated on every step's output.
--calibration minmax (default), percentile[:P] or mse: how activation ranges are chosen (calibrate.py).
--sequence-length T   the GRU's time steps when the ONNX input leaves them dynamic (dim_param).
An input with batch != 1 is refused (one sample per invoke); a file that is not ONNX says so.
Needs numpy and onnx (Debian python3-numpy, python3-onnx).
"""
import argparse
import os
import sys

import numpy as np

_here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _here)
sys.path.insert(0, os.path.join(_here, "..", "python_common"))  # shared with tools/sklearn
from ctml_export_common import describe_os_error, name_problem, write_atomically  # noqa: E402
from ctml_onnx import calibrate as calibration, emit, qdq  # noqa: E402
from ctml_onnx.model import ELEMENTWISE_FUNCTIONS, ExportError, quantize_model, read, samples  # noqa: E402


def load_calibration(path):
    """The representative inputs in a .npy file (an array, as float64) or an .npz file (a dict: input
    name -> array, for a model with several inputs); ExportError for anything unreadable."""
    try:
        calib = np.load(path, allow_pickle=False)
    except OSError as e:
        raise ExportError(f"cannot read '{path}': {e.strerror or e}") from None
    except Exception as e:  # a file that is not .npy, truncated, or an object array
        raise ExportError(f"'{path}' is not a numpy .npy array of numbers: {e}") from None
    if isinstance(calib, np.lib.npyio.NpzFile):
        try:
            arrays = {k: calib[k] for k in calib.files}
        except Exception as e:
            raise ExportError(f"'{path}' is not a numpy .npz of arrays of numbers: {e}") from None
        if not arrays or any(v.dtype.kind not in "fiu" for v in arrays.values()):
            raise ExportError(f"'{path}' is not a numpy .npz of arrays of numbers (one per input name)")
        return {k: v.astype(np.float64) for k, v in arrays.items()}
    if not isinstance(calib, np.ndarray) or calib.dtype.kind not in "fiu":
        raise ExportError(f"'{path}' is not a numpy .npy array of numbers")
    return calib.astype(np.float64)


def calibration_inputs(model, calib, path):
    """A CNN's representative inputs, given in ONNX's layout ([N, C, H, W] / [N, C, L] / [N, F], as
    PyTorch has them), in ctml's: one array for one input, a list of one per input for several (an .npz
    with one array per input name, the same N)."""
    names = [m[0] for m in model.inputs]
    if isinstance(calib, dict):
        missing = [k for k in names if k not in calib]
        extra = [k for k in calib if k not in names]
        if missing or extra:
            raise ExportError(f"{path}: the .npz must hold one array per model input ({', '.join(names)}); "
                              + (f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(extra)}"))
        arrays = [calib[k] for k in names]
    elif len(names) > 1:
        raise ExportError(f"{path}: the model has {len(names)} inputs ({', '.join(names)}): give an .npz with one "
                          "array per input name (numpy.savez(path, name=array, ...))")
    else:
        arrays = [calib]
    out = []
    for (name, shape, onnx_shape), c in zip(model.inputs, arrays):
        if c.ndim != len(onnx_shape) + 1 or tuple(c.shape[1:]) != tuple(onnx_shape) or not np.all(np.isfinite(c)):
            raise ExportError(f"{path}: input '{name}': expected finite values of shape [N, "
                              f"{', '.join(map(str, onnx_shape))}] (ONNX's layout), got {list(c.shape)}")
        if len(c) != len(arrays[0]):
            raise ExportError(f"{path}: input '{name}' has {len(c)} samples, input '{names[0]}' {len(arrays[0])}")
        if c.ndim > 2 and not model.channels_last_input:
            c = np.moveaxis(c, 1, -1)
        out.append(c.reshape((len(c),) + tuple(shape)))
    return out[0] if len(out) == 1 else out


HEADERS = {"dense": "layers/dense.hpp", "gru": "layers/gru.hpp", "lstm": "layers/lstm.hpp", "sigmoid": "layers/sigmoid_tanh.hpp",
           "tanh": "layers/sigmoid_tanh.hpp", "conv": "layers/conv2d.hpp", "depthwise": "layers/depthwise_conv2d.hpp",
           "max_pool": "layers/pooling.hpp", "avg_pool": "layers/pooling.hpp", "pad": "layers/pad.hpp",
           "flatten": "layers/reshape.hpp", "relu": "layers/activation.hpp", "relu6": "layers/activation.hpp",
           "relu_n1_to_1": "layers/activation.hpp", "softmax": "layers/softmax.hpp",
           "leaky_relu": "layers/leaky_relu.hpp", "add": "layers/add.hpp", "sub": "layers/sub.hpp", "div": "layers/div.hpp", "mul": "layers/mul.hpp",
           "hard_swish": "layers/hard_swish.hpp", "concat": "layers/concatenation.hpp"}


RECURRENT = ("gru", "lstm")


def generate(model, name, streaming, quant, source):
    import onnx
    data = f"{name}_data"
    body, entries = [], []
    n_in = len(model.inputs)
    in_specs = []  # ctml::input<...> of each model input
    for k, (_, in_shape, _) in enumerate(model.inputs):
        qname = "input_quant" if n_in == 1 else f"input{k}_quant"
        if quant:
            body.append(emit.quantization(qname, quant["inputs"][k] if "inputs" in quant else quant["input"]))
        in_type, in_q = ("std::int8_t", f", {data}::{qname}") if quant else ("float", "")
        shape = in_shape[-1:] if streaming else in_shape
        in_specs.append(f"ctml::input<ctml::shape<{', '.join(str(d) for d in shape)}>, {in_type}{in_q}>")
    shapes = [tuple(m[1]) for m in model.inputs]  # each layer's output shape, to know the channels
    channels_of = lambda j: shapes[-1 - j][-1] if j < 0 else out_channels[j]
    out_channels = []
    for i, L in enumerate(model.layers):
        lname = f"layer{i}"
        q = quant["layers"][i] if quant else None
        k = L["kind"]
        channels = channels_of(L.get("inputs", [i - 1])[0])
        out_channels.append(L["W"].shape[0] if k == "conv" else L["W"].shape[2] if k == "depthwise" else
                            sum(channels_of(j) for j in L["inputs"]) if k == "concat" and L["axis"] == 2 else channels)
        if k in ELEMENTWISE_FUNCTIONS:
            entries.append(f"ctml::{k}<>")  # int8: TFLite's fixed output quantization
        elif k in RECURRENT:
            later = [M["kind"] for M in model.layers[i + 1:]]
            if L["return_sequences"] and any(k not in ELEMENTWISE_FUNCTIONS for k in later) and not streaming:
                raise ExportError(f"a {k.upper()} returning every state (output Y) can only feed further layers "
                                  "with --streaming (ctml::dense takes one vector)")
            if streaming and any(M["kind"] not in ELEMENTWISE_FUNCTIONS for M in model.layers[:i]):
                raise ExportError(f"--streaming needs the {k.upper()} to be the first layer with weights")
            rs = L["return_sequences"] and not streaming
            if k == "lstm":
                body.append(emit.lstm_weights_int8(lname, q) if quant else emit.lstm_weights_float(lname, L))
                entries.append(f"ctml::lstm<ctml::lstm_options{{.units = {L['units']}, .return_sequences = "
                               f"{str(rs).lower()}}}, {data}::{lname}>")
                continue
            body.append(emit.gru_weights_int8(lname, q) if quant else emit.gru_weights_float(lname, L))
            entries.append(f"ctml::gru<ctml::gru_options{{.units = {L['units']}, .reset_after = "
                           f"{str(L['reset_after']).lower()}, .return_sequences = {str(rs).lower()}}}, {data}::{lname}>")
        elif k in ("conv", "depthwise"):
            body.append(emit.conv_weights(lname, L, q))
            entries.append(emit.window_layer(dict(L, in_channels=channels), data, lname))
        elif k in ("max_pool", "avg_pool"):
            entries.append(emit.window_layer(L, data, lname))
        elif k == "pad":
            if L.get("value") is not None:  # MaxPool's padding: the lowest value, which never wins a max
                body.append(f"inline constexpr {'std::int8_t' if quant else 'float'} {lname}_value = "
                            f"{'-128' if quant else '-std::numeric_limits<float>::infinity()'};\n")
            entries.append(emit.pad_layer(L, f"{data}::{lname}_value" if L.get("value") is not None else None))
        elif k == "flatten":
            entries.append("ctml::flatten")
        elif k in ("relu", "relu6", "relu_n1_to_1"):
            entries.append(f"ctml::{k}")
        elif k == "softmax":
            entries.append("ctml::softmax<>")  # int8: TFLite's output quantization 1/256, -128
        elif k in ("add", "sub", "mul", "div"):
            act = f"ctml::activation::{L['act']}" if L["act"] != "none" else ""
            opts = f"ctml::{k}_options{{{'.activation = ' + act if act else ''}}}"
            if quant:
                body.append(emit.quantization(f"{lname}_output", q["out_q"]))
                entries.append(f"ctml::{k}<{opts}, {data}::{lname}_output>")
            else:
                entries.append(f"ctml::{k}<{opts}>" if act else f"ctml::{k}<>")
        elif k == "hard_swish":
            if quant:
                body.append(emit.quantization(f"{lname}_output", q["out_q"]))
                entries.append(f"ctml::hard_swish<{data}::{lname}_output>")
            else:
                entries.append("ctml::hard_swish<>")
        elif k == "concat":
            entries.append(f"ctml::concatenation<{L['axis']}>")
        elif k == "leaky_relu":
            body.append(emit.leaky_relu_params(lname, L, q))
            entries.append(f"ctml::leaky_relu<{data}::{lname}>")
        else:
            body.append(emit.dense_weights_int8(lname, q) if quant else emit.dense_weights_float(lname, L))
            act = f", .activation = ctml::activation::{L['act']}" if L["act"] != "none" else ""
            entries.append(f"ctml::dense<ctml::dense_options{{.units = {L['W'].shape[0]}{act}}}, {data}::{lname}>")
    if streaming and not any(L["kind"] in RECURRENT for L in model.layers):
        raise ExportError("--streaming needs a GRU or an LSTM (it keeps the state between time steps)")
    dag = n_in > 1 or model.output_layers or any(L.get("inputs", [i - 1]) != [i - 1] for i, L in enumerate(model.layers))
    if dag:  # branches (a residual Add, a Mul gate) or several inputs: named nodes, each naming the nodes it reads
        in_node = lambda k: '"input"' if n_in == 1 else f'"input{k}"'
        node = lambda j: in_node(-1 - j) if j < 0 else f'"layer{j}"'
        chain = ",\n    ".join([f'ctml::node<{in_node(k)}, {spec}>' for k, spec in enumerate(in_specs)] + [
            f'ctml::node<"layer{i}", {e}, {", ".join(node(j) for j in L.get("inputs", [i - 1]))}>'
            for i, (L, e) in enumerate(zip(model.layers, entries))] + (
            [f'ctml::outputs<{", ".join(node(j) for j in model.output_layers)}>'] if model.output_layers else []))
        base = "graph"
    else:
        chain = ",\n    ".join(in_specs + entries)
        base = "sequential"
    rnn = next((L["kind"].upper() for L in model.layers if L["kind"] in RECURRENT), "GRU")
    mode = f"streaming: one time step per invoke, {rnn} state in ctml::state" if streaming else (
        "one sequence per invoke" if any(L["kind"] in RECURRENT for L in model.layers) else "one sample per invoke")
    if len(model.input_shape) == 3:
        mode += "; images NHWC (ONNX's NCHW transposed at import)"
    if n_in > 1:
        mode += "; inputs " + ", ".join(f"{k} '{m[0]}'" for k, m in enumerate(model.inputs))
    if model.output_layers:
        mode += f"; {len(model.output_layers)} outputs (ctml::outputs, ONNX's order)"
    limits = "#include <limits>\n" if any(L["kind"] == "pad" and L.get("value") is not None for L in model.layers) else ""
    includes = sorted({"layers/weights.hpp"} | {HEADERS[L["kind"]] for L in model.layers})
    return (f"#pragma once\n// Generated by tools/onnx/onnx_to_ctml.py from {os.path.basename(source)} "
            f"(onnx {onnx.__version__}, numpy {np.__version__}); {'int8' if quant else 'float'}, {mode}.\n\n"
            "#include <array>\n#include <cstdint>\n" + limits + "\n#include <ctml/graph/arena.hpp>\n"
            f"#include <ctml/graph/budget.hpp>\n#include <ctml/graph/{base}.hpp>\n"
            + "".join(f"#include <ctml/{h}>\n" for h in includes) + "\n"
            f"namespace {data} {{\n" + "".join(body) + f"}}  // namespace {data}\n\n"
            f"struct {name} final : ctml::{base}<\n    {chain}> {{}};\n")


def error_report(model, quant, calib, streaming):
    """Max |float - fake-quantized int8| over the calibration set, per output and relative to range."""
    if streaming:
        for L in model.layers:
            if L["kind"] in RECURRENT:
                L["return_sequences"] = True  # per-step outputs, as the streaming model produces them
    xs = samples(model, calib)
    ref = np.array([model.forward(x) for x in xs])
    q = np.array([model.forward(x, quant) for x in xs])
    err = np.abs(ref - q)
    span = max(float(ref.max() - ref.min()), 1e-12)
    return (f"quantization error over {len(xs)} calibration inputs (numpy, fake-quantized int8 vs float): "
            f"max {err.max():.5g}, mean {err.mean():.5g}, max / output range {err.max() / span:.4%}")


def main(argv=None):
    p = argparse.ArgumentParser(description="ONNX -> ctml C++ header (float or int8)")
    p.add_argument("model")
    p.add_argument("--name", required=True, help="C++ name of the model type")
    p.add_argument("-o", "--output", help="header to write (default: stdout)")
    p.add_argument("--streaming", action="store_true", help="one time step per invoke, state kept")
    p.add_argument("--quantize", metavar="CALIB.npy",
                   help="int8 from a representative input set (.npz: one array per input name, for several inputs)")
    p.add_argument("--calibration", default="minmax", metavar="METHOD",
                   help="activation ranges for --quantize: minmax (default), percentile[:P] (P default 99.99) or "
                        "mse (the clipping range with the smallest int8 mean squared error)")
    p.add_argument("--sequence-length", type=int, metavar="T",
                   help="time steps of the GRU's input when the ONNX model leaves them dynamic (dim_param)")
    args = p.parse_args(argv)
    try:
        problem = name_problem(args.name)
        if problem is not None:
            raise ExportError(f"--name '{args.name}' is not a usable C++ name for the model: {problem}")
        if args.sequence_length is not None and args.sequence_length < 1:
            raise ExportError(f"--sequence-length must be at least 1, got {args.sequence_length}")
        method = calibration.parse(args.calibration)
        model = read(args.model, args.sequence_length)
        if isinstance(model, qdq.QuantizedModel):  # quantized ONNX: its scales come from the graph
            if args.quantize or args.streaming:
                raise ExportError(f"'{args.model}' is a quantized ONNX model (QDQ / QLinear): it is exported with "
                                  "its own scales; drop --quantize / --streaming")
            text = qdq.generate(model, args.name, args.model)
            return _write(args, text)
        quant = None
        calib = None
        if args.quantize:
            calib = load_calibration(args.quantize)
        if len(model.input_shape) == 2 and model.input_shape[0] is None:
            if not (args.streaming and calib is not None):
                raise ExportError(f"input '{model.input_name}' has a dynamic sequence length; give "
                                  "--sequence-length T (the number of time steps per invoke)")
        if isinstance(calib, dict) and model.onnx_input is None:
            raise ExportError(f"{args.quantize}: an .npz is for models with several inputs; give an .npy")
        if calib is not None and model.onnx_input is not None:
            calib = calibration_inputs(model, calib, args.quantize)
        elif calib is not None:
            want = model.input_shape
            if calib.ndim != len(want) + 1 or any(w is not None and c != w for c, w in zip(calib.shape[1:], want)) \
                    or not np.all(np.isfinite(calib)):
                shown = ", ".join("T" if w is None else str(w) for w in want)
                raise ExportError(f"{args.quantize}: expected finite values of shape [N, {shown}], "
                                  f"got {list(calib.shape)}")
        if calib is not None:
            quant = quantize_model(model, calib, args.streaming, method)
        text = generate(model, args.name, args.streaming, quant, args.model)
        if quant:
            print(error_report(model, quant, calib, args.streaming), file=sys.stderr)
    except ExportError as e:
        print(f"onnx_to_ctml: error: {e}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as e:
        print(f"onnx_to_ctml: error: {e}", file=sys.stderr)
        return 2
    return _write(args, text)


def _write(args, text):
    if args.output:
        try:
            write_atomically(args.output, text)  # a failure leaves no file, or the old one
        except OSError as e:
            print(f"onnx_to_ctml: error: {describe_os_error(args.output, e)}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
