#!/usr/bin/python3
"""CTest: CNN graphs tools/onnx cannot represent are refused with one line naming the node and what
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
     r"Add node 'skip': Add of shapes \[6, 6, 4\] and \[8, 8, 4\] is not supported"),
    ("Transpose", [conv, helper.make_node("Transpose", ["c"], ["y"], perm=[0, 2, 3, 1], name="nhwc")], [W],
     r"unsupported ONNX node Transpose node 'nhwc': ctml resolves NCHW -> NHWC at import; only a Transpose of a "
     r"channels-last model input"),
    ("HardSwish", [conv, helper.make_node("HardSwish", ["c"], ["y"], name="hs")], [W],
     r"unsupported ONNX node HardSwish node 'hs': ctml has no hard_swish layer"),
    ("Concat", [conv, helper.make_node("Concat", ["c", "c"], ["y"], axis=1, name="cat")], [W],
     r"Concat node 'cat': only chains|unsupported ONNX node Concat node 'cat'"),
    ("grouped Conv", [helper.make_node("Conv", ["x", "w2"], ["y"], kernel_shape=[3, 3], group=2, name="gconv")], [W2],
     r"Conv node 'gconv': group=2 with 4 input channels is not supported"),
    ("QDQ", [helper.make_node("QuantizeLinear", ["x", "s"], ["y"], name="q")],
     [numpy_helper.from_array(np.float32(0.1), "s")], r"unsupported ONNX node QuantizeLinear node 'q': quantized \(QDQ\)"),
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
    for case in CASES:
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

print(f"{len(CASES) + 1 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
