#!/usr/bin/python3
"""CTest: CNN graphs and LSTMs tools/onnx cannot represent are refused with one line naming the node and what
to do, exit status 2, nothing on stdout and no -o file (models built here with onnx.helper)."""
import os
import re
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "..", "..", "tools", "onnx", "onnx_to_ctml.py")
sys.path.insert(0, os.path.dirname(TOOL))
import onnx_to_ctml  # noqa: E402
from ctml_export_testing import command_runners  # noqa: E402

run, run_main = command_runners(TOOL, onnx_to_ctml.main)
failures = []
W = numpy_helper.from_array(np.ones((4, 4, 3, 3), np.float32), "w")
W2 = numpy_helper.from_array(np.ones((4, 2, 3, 3), np.float32), "w2")
conv = helper.make_node("Conv", ["x", "w"], ["c"], kernel_shape=[3, 3], pads=[1, 1, 1, 1], name="conv")


def model(nodes, inits, out="y", x_dims=(1, 4, 8, 8), y_dims=None, opset=13):
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(x_dims))],
                          [helper.make_tensor_value_info(out, TensorProto.FLOAT, y_dims)], inits)
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])


# A quantized (QDQ) prefix: x -> QuantizeLinear -> DequantizeLinear (xd), an int8 weight (wd), and a
# QuantizeLinear after a Conv's output c.
QDQ_IN = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["xq"], name="xq"),
          helper.make_node("DequantizeLinear", ["xq", "s", "z"], ["xd"], name="xdq")]
QDQ_W = helper.make_node("DequantizeLinear", ["wq", "ws", "z"], ["wd"], name="wdq")
QDQ_WDW = helper.make_node("DequantizeLinear", ["wdwq", "ws", "z"], ["wdw"], name="wdwdq")
QDQ_OUT = [helper.make_node("QuantizeLinear", ["c", "s", "z"], ["y"], name="yq")]
QDQ_INITS = [numpy_helper.from_array(np.float32(0.1), "s"), numpy_helper.from_array(np.float32(0.2), "s2"),
             numpy_helper.from_array(np.int8(0), "z"), numpy_helper.from_array(np.float32(0.01), "ws"),
             numpy_helper.from_array(np.ones((4, 4, 3, 3), np.int8), "wq"),
             numpy_helper.from_array(np.ones((4, 2, 3, 3), np.int8), "wdwq")]

# ONNX LSTM (x [5, 1, 3], 2 units): what ctml::lstm has no counterpart for.
LW = [numpy_helper.from_array(np.ones((1, 8, 3), np.float32), "lw"), numpy_helper.from_array(np.ones((1, 8, 2), np.float32), "lr")]
LSTM_X = (5, 1, 3)


def lstm(extra_inputs=(), extra_inits=(), outputs=("", "y"), **attrs):
    node = helper.make_node("LSTM", ["x", "lw", "lr"] + list(extra_inputs), list(outputs), hidden_size=2, name="rnn",
                            **attrs)
    return [node], LW + list(extra_inits)


def const(name, a, dtype=np.float32):
    return numpy_helper.from_array(np.asarray(a, dtype), name)


LSTM_CASES = [
    ("LSTM bidirectional", *lstm(direction="bidirectional"),
     r"^onnx_to_ctml: error: LSTM node 'rnn': attribute direction='bidirectional' is not supported"),
    ("LSTM reverse", *lstm(direction="reverse"), r"LSTM node 'rnn': attribute direction='reverse' is not supported"),
    ("LSTM clip", *lstm(clip=3.0), r"LSTM node 'rnn': attribute 'clip' is not supported \(ONNX clips the gates' "
     r"inputs; ctml::lstm's cell_clip clips the cell state"),
    ("LSTM activations", *lstm(activations=["Sigmoid", "Relu", "Tanh"]),
     r"LSTM node 'rnn': activations=\['Sigmoid', 'Relu', 'Tanh'\] are not supported"),
    ("LSTM input_forget", *lstm(input_forget=1), r"LSTM node 'rnn': attribute input_forget=1 \(coupled input-forget"),
    ("LSTM peepholes", *lstm(["", "", "", "", "p"], [const("p", np.ones((1, 6)))]),
     r"LSTM node 'rnn': peephole weights P are not supported"),
    ("LSTM sequence_lens", *lstm(["", "sl"], [const("sl", [5], np.int32)]),
     r"LSTM node 'rnn': input sequence_lens is not supported"),
    ("LSTM initial_h", *lstm(["", "", "h0"], [const("h0", np.full((1, 1, 2), 0.5))]),
     r"LSTM node 'rnn': a nonzero initial_h is not supported \(ctml::lstm starts from a zero state\)"),
    ("LSTM initial_c", *lstm(["", "", "", "c0"], [const("c0", np.full((1, 1, 2), 0.5))]),
     r"LSTM node 'rnn': a nonzero initial_c is not supported"),
    ("LSTM Y_c", *lstm(outputs=("", "", "y")), r"LSTM node 'rnn': its output Y_c \(the cell state\) is used"),
    ("LSTM batch 2", *lstm(), r"input 'x' has batch 2 \(shape \[5, 2, 3\]\)", (5, 2, 3)),
]
LSTM_CASES = [c if len(c) > 4 else c + (LSTM_X,) for c in LSTM_CASES]

CASES = [
    ("Add of a constant image", [conv, helper.make_node("Add", ["c", "k"], ["y"], name="shift")],
     [W, numpy_helper.from_array(np.ones((1, 4, 8, 8), np.float32), "k")],
     r"^onnx_to_ctml: error: Add node 'shift': Add of a constant of shape \[1, 4, 8, 8\] is not supported on an image"),
    ("Mul of a constant after a pool", [helper.make_node("MaxPool", ["x"], ["p"], kernel_shape=[2, 2], name="mp"),
                                        helper.make_node("Mul", ["p", "k"], ["y"], name="scale")],
     [numpy_helper.from_array(np.ones((4, 1, 1), np.float32), "k")],
     r"Mul node 'scale': Mul of a constant is supported only right after a Conv, Gemm or MatMul"),
    ("Add of two shapes", [helper.make_node("Conv", ["x", "w"], ["c"], kernel_shape=[3, 3], name="valid"),
                           helper.make_node("Add", ["c", "x"], ["y"], name="skip")], [W],
     r"Add node 'skip': Add of shapes \[6, 6, 4\] and \[8, 8, 4\] \(ctml's layout\) is not supported: only equal"),
    ("Transpose", [conv, helper.make_node("Transpose", ["c"], ["y"], perm=[0, 2, 3, 1], name="nhwc")], [W],
     r"unsupported ONNX node Transpose node 'nhwc': ctml resolves NCHW -> NHWC at import; only a Transpose of a "
     r"channels-last model input"),
    ("Concat of a constant", [conv, helper.make_node("Concat", ["c", "k"], ["y"], axis=1, name="cat")],
     [W, numpy_helper.from_array(np.ones((1, 2, 8, 8), np.float32), "k")],
     r"Concat node 'cat': input 'k' is a constant; ctml's concatenation joins tensors the model computes"),
    ("Concat over the batch", [conv, helper.make_node("Concat", ["c", "c"], ["y"], axis=0, name="cat")], [W],
     r"Concat node 'cat': Concat over axis 0 \(the batch\) is not supported"),
    ("Concat of shapes", [conv, helper.make_node("MaxPool", ["c"], ["p"], kernel_shape=[2, 2], strides=[2, 2]),
                          helper.make_node("Concat", ["c", "p"], ["y"], axis=1, name="cat")], [W],
     r"Concat node 'cat': Concat of shapes \[\[8, 8, 4\], \[4, 4, 4\]\] .* along axis 1: the other dimensions differ"),
    ("Conv group not dividing the channels", [helper.make_node("Conv", ["x", "w2"], ["y"], kernel_shape=[3, 3], group=3,
                                                                name="gconv")], [W2],
     r"Conv node 'gconv': group=3 with 4 input channels, weights \[4, 2, 3, 3\] and 4 outputs is not a valid grouped"),
    ("AveragePool asymmetric pads", [helper.make_node("AveragePool", ["x"], ["y"], kernel_shape=[3, 3], pads=[0, 1, 2, 1],
                                                      name="ap")], [],
     r"AveragePool node 'ap': pads \[0, 1, 2, 1\] with count_include_pad=0 are not TFLite's SAME padding"),
    ("AveragePool ceil_mode counting pads", [helper.make_node("AveragePool", ["x"], ["y"], kernel_shape=[3, 3], strides=[2, 2],
                                                              ceil_mode=1, count_include_pad=1, name="ap")], [],
     r"AveragePool node 'ap': ceil_mode=1 with count_include_pad=1 rounds the output size up"),
    ("MaxPool dilations", [helper.make_node("MaxPool", ["x"], ["y"], kernel_shape=[2, 2], dilations=[2, 2], name="mp")],
     [], r"MaxPool node 'mp': attribute dilations=\[2, 2\] is not supported"),
    # Quantized ONNX (tools/onnx/ctml_onnx/qdq.py): what ctml cannot do in ONNX's arithmetic.
    ("QDQ AveragePool not quantized after", QDQ_IN + [helper.make_node("AveragePool", ["xd"], ["y"], kernel_shape=[2, 2],
                                                                      name="ap")],
     QDQ_INITS, r"AveragePool node 'ap': its output is not quantized"),
    ("QDQ AveragePool of an int8 tensor", QDQ_IN + [helper.make_node("AveragePool", ["xq"], ["y"], kernel_shape=[2, 2],
                                                                     name="ap")],
     QDQ_INITS, r"AveragePool node 'ap': in a quantized model its input must come from a DequantizeLinear"),
    ("QDQ Conv not quantized after", QDQ_IN + [QDQ_W, helper.make_node("Conv", ["xd", "wd"], ["y"], kernel_shape=[3, 3],
                                                                        name="qc")],
     QDQ_INITS, r"Conv node 'qc': its output is not quantized"),
    ("QDQ grouped Conv", QDQ_IN + [QDQ_WDW, helper.make_node("Conv", ["xd", "wdw"], ["c"], kernel_shape=[3, 3],
                                                             group=2, name="gc")] + QDQ_OUT,
     QDQ_INITS, r"Conv node 'gc': a grouped Conv \(group=2, not depthwise\) in a quantized model is not supported yet"),
    ("QDQ MaxPool pads", QDQ_IN + [QDQ_W, helper.make_node("Conv", ["xd", "wd"], ["c0"], kernel_shape=[3, 3], name="qc"),
                                   helper.make_node("QuantizeLinear", ["c0", "s", "z"], ["cq"], name="cq"),
                                   helper.make_node("DequantizeLinear", ["cq", "s", "z"], ["cd"], name="cdq"),
                                   helper.make_node("MaxPool", ["cd"], ["c"], kernel_shape=[2, 2], pads=[1, 1, 0, 0],
                                                    name="mp")] + QDQ_OUT,
     QDQ_INITS, r"MaxPool node 'mp': pads that are not TFLite's SAME or VALID in a quantized model"),
    ("QDQ weight zero points per channel", QDQ_IN + [
        helper.make_node("DequantizeLinear", ["wq", "ws4", "wz4"], ["wd"], axis=0, name="wdq"),
        helper.make_node("Conv", ["xd", "wd"], ["c"], kernel_shape=[3, 3], name="qc")] + QDQ_OUT,
     QDQ_INITS + [numpy_helper.from_array(np.full(4, 0.01, np.float32), "ws4"),
                  numpy_helper.from_array(np.arange(4, dtype=np.int8), "wz4")],
     r"Conv node 'qc': the weight has a zero point per channel; ctml takes one weight zero point"),
    ("QDQ requantization", QDQ_IN + [helper.make_node("QuantizeLinear", ["xd", "s2", "z"], ["y"], name="rq")],
     QDQ_INITS, r"QuantizeLinear node 'rq': requantizes 'xd' to scale 0.2, zero point 0 \(it has 0.1, 0\)"),
    ("QDQ Add of a constant", QDQ_IN + [QDQ_W, helper.make_node("Add", ["xd", "wd"], ["c"], name="qadd")] + QDQ_OUT,
     QDQ_INITS, r"Add node 'qadd': Add of a constant \('wd'\) is not supported in a quantized model"),
    ("QDQ Mul of int8 tensors", QDQ_IN + [helper.make_node("Mul", ["xq", "xq"], ["y"], name="qmul")],
     QDQ_INITS, r"Mul node 'qmul': in a quantized model its inputs must come from DequantizeLinear"),
    ("QDQ Concat of different quantizations",
     QDQ_IN + [helper.make_node("AveragePool", ["xd"], ["ap"], kernel_shape=[1, 1], name="ap"),
               helper.make_node("QuantizeLinear", ["ap", "s2", "z"], ["apq"], name="apq"),
               helper.make_node("DequantizeLinear", ["apq", "s2", "z"], ["apd"], name="apdq"),
               helper.make_node("Concat", ["xd", "apd"], ["c"], axis=1, name="cat")] + QDQ_OUT,
     QDQ_INITS, r"Concat node 'cat': its inputs are quantized \(0.1, 0\), \(0.2, 0\) and its output \(0.1, 0\): "
                r"ctml's concatenation copies bytes"),
    ("QDQ input quantized twice", [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["xq"], name="xq"),
                                   helper.make_node("QuantizeLinear", ["x", "s2", "z"], ["y"], name="xq2")],
     QDQ_INITS, r"QuantizeLinear node 'xq2': quantizes the input 'x' a second time, with scale 0.2"),
    ("QLinearAdd", QDQ_IN[:1] + [helper.make_node("QLinearAdd", ["xq", "s", "z", "xq", "s", "z", "s", "z"], ["y"],
                                                  domain="com.microsoft", name="qadd")],
     QDQ_INITS, r"unsupported ONNX node QLinearAdd node 'qadd' in a quantized model: supported: QuantizeLinear"),
    ("Softmax over W", [conv, helper.make_node("Softmax", ["c"], ["y"], name="sm")], [W],
     r"Softmax node 'sm': Softmax over axis 3 of an image is not supported"),
    ("Flatten as output", [conv, helper.make_node("Flatten", ["c"], ["y"], name="fl")], [W],
     r"Flatten node 'fl': the model's output is a Flatten of an image"),
    ("Gemm on an image", [conv, helper.make_node("Gemm", ["c", "g"], ["y"], name="fc")],
     [W, numpy_helper.from_array(np.ones((256, 2), np.float32), "g")], r"Gemm node 'fc': Gemm on an image needs a Flatten"),
    ("Conv without kernel_shape on a 3-D kernel", [helper.make_node("Conv", ["x", "w3"], ["y"], name="c3")],
     [numpy_helper.from_array(np.ones((4, 4, 3, 3, 3), np.float32), "w3")], r"Conv node 'c3': a 3-D convolution"),
    ("MaxPool without kernel_shape", [helper.make_node("MaxPool", ["x"], ["y"], name="mp")], [],
     r"MaxPool node 'mp': malformed or unsupported node"),
    ("batch 2", [conv, helper.make_node("Relu", ["c"], ["y"], name="r")], [W], r"input 'x' has batch 2", (2, 4, 8, 8)),
    ("dynamic H", [conv, helper.make_node("Relu", ["c"], ["y"], name="r")], [W], r"input 'x' must be .* with fixed sizes",
     (1, 4, "H", 8)),
]

with tempfile.TemporaryDirectory() as d:
    for case in CASES + LSTM_CASES:
        what, nodes, inits, pattern = case[:4]
        x_dims = case[4] if len(case) > 4 else (1, 4, 8, 8)
        path = os.path.join(d, "m.onnx")
        onnx.save(model(nodes, inits, x_dims=x_dims), path)
        out = os.path.join(d, "m.hpp")
        if os.path.exists(out):
            os.remove(out)
        rc, text, err = run_main([path, "--name", "m", "-o", out])
        ok = rc == 2 and re.search(pattern, err) and err.count("\n") == 1 and text == "" and not os.path.exists(out)
        print(("ok   " if ok else "FAIL ") + f"{what}: {err.strip()}")
        if not ok:
            failures.append(what)
    # --streaming is for a GRU; a CNN has no state to keep.
    onnx.save(model([conv, helper.make_node("Relu", ["c"], ["y"])], [W]), path)
    rc, text, err = run_main([path, "--name", "m", "--streaming"])
    ok = rc == 2 and "--streaming needs a GRU" in err and text == ""
    print(("ok   " if ok else "FAIL ") + f"--streaming on a CNN: {err.strip()}")
    if not ok:
        failures.append("--streaming")

    # A quantized model carries its scales: --quantize is refused.
    onnx.save(model(QDQ_IN + [QDQ_W, helper.make_node("Conv", ["xd", "wd"], ["c"], kernel_shape=[3, 3])] + QDQ_OUT,
                    QDQ_INITS), path)
    rc, text, err = run_main([path, "--name", "m", "--quantize", path])
    ok = rc == 2 and "is a quantized ONNX model (QDQ / QLinear)" in err and text == ""
    print(("ok   " if ok else "FAIL ") + f"--quantize on a QDQ model: {err.strip()}")
    if not ok:
        failures.append("--quantize on QDQ")

    # int8 Concat: ctml copies bytes, so its inputs must share one quantization; the exporter gives the
    # producing layers one range, but a MaxPool keeps its input's (here the model input's).
    onnx.save(model([helper.make_node("MaxPool", ["x"], ["p"], kernel_shape=[1, 1]), conv,
                     helper.make_node("Concat", ["p", "c"], ["y"], axis=1, name="cat")], [W]), path)
    np.save(os.path.join(d, "calib.npy"), np.random.default_rng(0).normal(0, 1, (8, 4, 8, 8)).astype(np.float32))
    rc, text, err = run_main([path, "--name", "m", "--quantize", os.path.join(d, "calib.npy")])
    ok = rc == 2 and "Concat node 'cat': its int8 inputs have different quantizations" in err and text == ""
    print(("ok   " if ok else "FAIL ") + f"int8 Concat of different quantizations: {err.strip()}")
    if not ok:
        failures.append("int8 Concat")

    # Several graph inputs: what cannot map is refused by name; --quantize takes an .npz, one array per input.
    def two_inputs(nodes, inits=(), z_dims=(1, 4, 8, 8), y_dims=None):
        g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 8, 8]),
                                           helper.make_tensor_value_info("z", TensorProto.FLOAT, list(z_dims))],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, y_dims)], list(inits))
        return helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])

    sub = helper.make_node("Sub", ["c", "z"], ["y"], name="d")
    calib = np.random.default_rng(1).normal(0, 1, (8, 4, 8, 8)).astype(np.float32)
    np.savez(os.path.join(d, "two.npz"), x=calib, z=calib)
    np.savez(os.path.join(d, "one.npz"), x=calib)
    np.save(os.path.join(d, "two.npy"), calib)
    MULTI_CASES = [
        ("an input nothing reads", two_inputs([conv, helper.make_node("Relu", ["c"], ["y"], name="r")], [W]), [],
         r"input 'z' is not read by any layer"),
        ("an image and a signal", two_inputs([conv, sub], [W], z_dims=(1, 4, 8)), [],
         r"input 'z' is a 1-D signal \[1, C, L\], input 'x' is not"),
        ("Sub of broadcast shapes", two_inputs([conv, sub], [W], z_dims=(1, 4, 1, 8)), [],
         r"Sub node 'd': Sub of shapes \[8, 8, 4\] and \[1, 8, 4\] \(ctml's layout\) is not supported"),
        ("Div in int8", two_inputs([conv, helper.make_node("Div", ["c", "z"], ["y"], name="q")], [W]),
         ["--quantize", os.path.join(d, "two.npz")], r"Div node 'q': Div has no int8 form in ctml"),
        ("an .npy for two inputs", two_inputs([conv, sub], [W]), ["--quantize", os.path.join(d, "two.npy")],
         r"two.npy: the model has 2 inputs \(x, z\): give an .npz with one array per input name"),
        ("an .npz without z", two_inputs([conv, sub], [W]), ["--quantize", os.path.join(d, "one.npz")],
         r"one.npz: the .npz must hold one array per model input \(x, z\); missing z"),
        ("two inputs and a GRU", two_inputs([helper.make_node("GRU", ["x", "gw", "gr"], ["", "y"], hidden_size=2,
                                                              name="gru")], [const("gw", np.ones((1, 6, 4))),
                                                                             const("gr", np.ones((1, 6, 2)))]), [],
         r"the model has 2 inputs \('x', 'z'\): several inputs are supported for float graphs without GRU / LSTM"),
    ]
    # Several outputs: each a distinct layer's; every layer feeds an output or another layer.
    def outputs(nodes, names, inits=()):
        g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 8, 8])],
                              [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in names], list(inits))
        return helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])

    relu = helper.make_node("Relu", ["c"], ["y"], name="r")
    MULTI_CASES += [
        ("an output that is the input", outputs([conv, relu], ["y", "x"], [W]), [],
         r"the graph output 'x' is a model input"),
        ("one tensor as two outputs", outputs([conv, relu, helper.make_node("Identity", ["y"], ["y2"], name="i")],
                                              ["y", "y2"], [W]), [],
         r"the graph outputs \['y', 'y2'\] include one tensor twice"),
        ("a dead branch", outputs([conv, relu, helper.make_node("Sigmoid", ["c"], ["s"], name="s"),
                                   helper.make_node("Tanh", ["c"], ["t"], name="t")], ["y", "t"], [W]), [],
         r"Sigmoid node 's': its output feeds neither a graph output nor another node"),
    ]
    for what, m, extra, pattern in MULTI_CASES:
        onnx.save(m, path)
        out = os.path.join(d, "m.hpp")
        if os.path.exists(out):
            os.remove(out)
        rc, text, err = run_main([path, "--name", "m", "-o", out] + extra)
        ok = rc == 2 and re.search(pattern, err) and err.count("\n") == 1 and text == "" and not os.path.exists(out)
        print(("ok   " if ok else "FAIL ") + f"{what}: {err.strip()}")
        if not ok:
            failures.append(what)

print(f"{len(CASES) + len(LSTM_CASES) + 3 + len(MULTI_CASES) - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
