#!/usr/bin/python3
"""ONNX's conformance cases (Debian's libonnx-testdata, .../node/test_*) through tools/onnx.

  conformance.py export <node dir> <out dir>   writes conformance_models.hpp (every supported case
      exported as a float ctml model, one namespace each), conformance_expected.hpp (inputs and
      outputs, in ctml's layout) and conformance_cases.inc (one check per case) for conformance_test.cpp
  conformance.py refusals <node dir>            checks every case ctml cannot represent is refused:
      exit 2, one line naming the node (and what is unsupported), nothing on stdout

How a case becomes a ctml model: the test's inputs after the first (weights, biases, BatchNorm
statistics, Clip bounds) become initializers with the test's data, as an exported network has them;
an input with batch N > 1 is run as N models of batch 1 (the ops here treat samples independently),
the expected outputs sliced per sample. Outputs are compared in ctml's layout (NCHW -> NHWC).
"""
import os
import re
import sys
import tempfile

import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL_DIR = os.path.join(HERE, "..", "..", "tools", "onnx")
sys.path.insert(0, TOOL_DIR)
sys.path.insert(0, os.path.join(TOOL_DIR, "..", "python_common"))
import onnx_to_ctml  # noqa: E402
from ctml_export_testing import command_runners  # noqa: E402
from ctml_onnx import emit, model as onnx_model, qdq  # noqa: E402

# Supported cases: exported and compared, float32 against ONNX's float32 reference data.
SUPPORTED = [
    "test_conv_with_autopad_same", "test_conv_with_strides_and_asymmetric_padding", "test_conv_with_strides_no_padding",
    "test_conv_with_strides_padding",
    "test_maxpool_1d_default", "test_maxpool_2d_default", "test_maxpool_2d_precomputed_pads", "test_maxpool_2d_pads",
    "test_maxpool_2d_same_lower", "test_maxpool_2d_ceil", "test_averagepool_2d_ceil",
    "test_maxpool_2d_precomputed_same_upper", "test_maxpool_2d_precomputed_strides", "test_maxpool_2d_same_upper",
    "test_maxpool_2d_strides",
    "test_averagepool_1d_default", "test_averagepool_2d_default", "test_averagepool_2d_pads_count_include_pad",
    "test_averagepool_2d_precomputed_pads", "test_averagepool_2d_precomputed_pads_count_include_pad",
    "test_averagepool_2d_precomputed_same_upper", "test_averagepool_2d_precomputed_strides",
    "test_averagepool_2d_same_upper", "test_averagepool_2d_strides",
    "test_globalaveragepool", "test_globalaveragepool_precomputed", "test_globalmaxpool", "test_globalmaxpool_precomputed",
    "test_batchnorm_epsilon", "test_batchnorm_example",
    "test_gemm_alpha", "test_gemm_beta", "test_gemm_default_no_bias", "test_gemm_default_scalar_bias",
    "test_gemm_default_single_elem_vector_bias", "test_gemm_default_vector_bias", "test_gemm_default_zero_bias",
    "test_gemm_transposeB", "test_matmul_2d",
    "test_relu", "test_leakyrelu", "test_leakyrelu_default", "test_sigmoid", "test_tanh",
    "test_clip_default_min", "test_clip_example", "test_clip",
    "test_softmax_axis_1", "test_softmax_example", "test_softmax_large_number", "test_hardswish",
]
# LSTM cases (batch 3, one or three steps): the batch axis of X (1 time-major, 0 with layout=1) is
# split into samples of batch 1, each one sequence [T, F]; Y_h is compared (test_lstm_batchwise also
# outputs Y, dropped: with one step it equals Y_h).
LSTM = {"test_lstm_defaults": 1, "test_lstm_with_initial_bias": 1, "test_lstm_batchwise": 0}
# Quantized cases (tools/onnx/ctml_onnx/qdq.py, requantization::onnx): compared byte for byte, a uint8
# tensor as ctml's int8 (value - 128), a float one exactly.
QUANTIZED = ["test_qlinearconv", "test_qlinearmatmul_2D", "test_quantizelinear", "test_dequantizelinear"]
# Cases ctml cannot represent, and the line that must say why.
REFUSED = {
    "test_qlinearmatmul_3D": r"QLinearMatMul node .*: the weight b must be a 2-D initializer",
    "test_quantizelinear_axis": r"QuantizeLinear node .*: a per-axis quantization of an activation is not supported",
    "test_dequantizelinear_axis": r"DequantizeLinear node .*: a per-axis quantization of an activation",
    "test_convinteger_with_padding": r"unsupported ONNX node ConvInteger node .*: .*int32 output",
    "test_convinteger_without_padding": r"unsupported ONNX node ConvInteger node .*: .*int32 output",
    "test_basic_convinteger": r"unsupported ONNX node ConvInteger node .*: .*int32 output",
    "test_matmulinteger": r"unsupported ONNX node MatMulInteger node .*: .*int32 output",
    "test_dynamicquantizelinear": r"exactly one output, it has 3",
    "test_maxpool_2d_dilations": r"attribute dilations=\[2, 2\] is not supported",
    "test_maxpool_3d_default": r"input 'x' must be \[1, N\], \[1, C, L\] or \[1, C, H, W\]",
    "test_maxpool_2d_uint8": r"input 'x' must be float32",
    "test_maxpool_with_argmax_2d_precomputed_pads": r"exactly one output, it has 2 .*no MaxPool Indices",
    "test_averagepool_2d_pads": r"AveragePool node .*: pads \[2, 2, 2, 2\] with count_include_pad=0 are not TFLite's SAME",
    "test_averagepool_2d_same_lower": r"AveragePool node .*: pads \[1, 1, 0, 0\] with count_include_pad=0 are not TFLite's",
    "test_averagepool_3d_default": r"must be \[1, N\], \[1, C, L\] or \[1, C, H, W\]",
    "test_batchnorm_example_training_mode": r"exactly one output, it has 3 .*no BatchNormalization training",
    "test_gemm_all_attributes": r"Gemm node .*: attribute transA=1 is not supported",
    "test_gemm_transposeA": r"Gemm node .*: attribute transA=1 is not supported",
    "test_gemm_default_matrix_bias": r"Gemm node .*: bias of shape \[3, 4\] does not broadcast",
    "test_hardswish_expanded": r"unsupported ONNX node HardSigmoid node",
    "test_softmax_axis_2": r"Softmax node .*: Softmax over axis 2",
    "test_softmax_default_axis": r"Softmax node .*: Softmax over axis 2",
    "test_softmax_axis_0": r"Softmax node .*: Softmax over axis 0",
    "test_flatten_axis1": r"Flatten node .*: the model's output is a Flatten of an image",
    "test_flatten_axis2": r"Flatten node .*: attribute axis=2 is not supported",
    "test_matmul_3d": r"MatMul node .*: the weight must be a 2-D initializer",
    "test_clip_splitbounds": r"Clip node .*: Clip to \[-?[0-9.]+, -?[0-9.]+\] is not supported",
    "test_clip_default_max": r"Clip node .*: Clip to \[-inf, 0.0\] is not supported",
    "test_lstm_with_peepholes": r"LSTM node .*: peephole weights P are not supported",
}
# Cases with two graph inputs (ctml::graph with two input nodes; arena.input<0>(), arena.input<1>()):
# Concat along a sample's axes, and Add / Sub / Mul / Div of equal shapes. Batch N > 1: N samples.
MULTI = ["test_concat_1d_axis_0", "test_concat_1d_axis_negative_1", "test_concat_2d_axis_1", "test_concat_2d_axis_negative_1",
         "test_concat_3d_axis_1", "test_concat_3d_axis_2", "test_concat_3d_axis_negative_1", "test_concat_3d_axis_negative_2",
         "test_add", "test_sub", "test_sub_example", "test_mul", "test_mul_example", "test_div", "test_div_example"]
# Concat over the batch axis joins samples (ctml runs one per invoke); ONNX's broadcasting of a [5]
# against [3, 4, 5] runs along W of NCHW, which ctml's NHWC does not keep.
REFUSED.update({f"test_concat_{c}": r"Concat node .*: Concat over axis -?[0-9] \(the batch\) is not supported"
                for c in ("2d_axis_0", "2d_axis_negative_2", "3d_axis_0", "3d_axis_negative_3")})
REFUSED.update({f"test_{op}_bcast": f"{op.capitalize()} node .*: {op.capitalize()} of shapes \\[1, 5, 4\\] and \\[5\\] "
                "\\(ctml's layout\\) is not supported: only equal shapes" for op in ("add", "sub", "mul", "div")})
REFUSED.update({"test_add_uint8": r"input 'x' must be float32", "test_sum_two_inputs": r"unsupported ONNX node Sum node",
                "test_mean_two_inputs": r"unsupported ONNX node Mean node"})


def load_case(node_dir, case):
    d = os.path.join(node_dir, case)
    m = onnx.load(os.path.join(d, "model.onnx"))
    tensors = lambda kind: [numpy_helper.to_array(onnx.load_tensor(os.path.join(d, "test_data_set_0", f)))
                            for f in sorted(os.listdir(os.path.join(d, "test_data_set_0"))) if f.startswith(kind)]
    return m, tensors("input"), tensors("output")


def batch1_model(m, inputs, path):
    """The case as an exported network: inputs after the first as initializers, batch 1."""
    g = m.graph
    for vi, data in zip(list(g.input)[1:], inputs[1:]):
        g.initializer.append(numpy_helper.from_array(data, vi.name))
    while len(g.input) > 1:
        g.input.pop()
    for vi in (g.input[0], g.output[0]):
        dims = vi.type.tensor_type.shape.dim
        if len(dims) > 1 and dims[0].HasField("dim_value") and inputs[0].ndim > 1:
            dims[0].dim_value = 1
    g.input[0].name = g.input[0].name  # unchanged; the exporter names it in messages
    onnx.save(m, path)


def multi_batch1_model(m, inputs, path):
    """A case with several graph inputs as a batch-1 network: every input stays an input; those with a
    batch axis (and the output) get batch 1."""
    g = m.graph
    for vi in list(g.input) + list(g.output):
        dims = vi.type.tensor_type.shape.dim
        if len(dims) > 1 and dims[0].HasField("dim_value"):
            dims[0].dim_value = 1
    onnx.save(m, path)


def keeps_inputs(case):
    return case in MULTI or case.startswith("test_concat_") or case.endswith("_bcast") or case in (
        "test_add_uint8", "test_sum_two_inputs", "test_mean_two_inputs")


def lstm_batch1_model(m, inputs, batch_axis, path):
    """An LSTM case as a batch-1 network: W, R, B as initializers, X's batch axis 1, only Y_h out."""
    g = m.graph
    for vi, data in zip(list(g.input)[1:], inputs[1:]):
        g.initializer.append(numpy_helper.from_array(data, vi.name))
    while len(g.input) > 1:
        g.input.pop()
    g.input[0].type.tensor_type.shape.dim[batch_axis].dim_value = 1
    while len(g.output) > 1:
        g.output.pop(0)
    del g.output[0].type.tensor_type.shape.dim[:]
    onnx.save(m, path)


def to_ctml(v):
    """One sample in ONNX's layout [C, H, W] / [C, L] / [N] -> ctml's [H, W, C] / [L, C] / [N]."""
    return np.moveaxis(v, 0, -1) if v.ndim > 1 else v


def export(node_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    models, expected, checks = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for case in SUPPORTED:
            m, ins, outs = load_case(node_dir, case)
            path = os.path.join(tmp, case + ".onnx")
            batch1_model(m, ins, path)
            name = "conf_" + case[len("test_"):]
            mdl = onnx_model.read(path)
            text = onnx_to_ctml.generate(mdl, name, False, None, case + "/model.onnx")
            models.append(text.split("\n", 1)[1].replace("#pragma once\n", ""))
            x, y = ins[0], outs[0]
            if x.ndim == 1 or x.shape[0] == 1 or (x.ndim == 2 and x.shape[0] == 1):
                xs, ys = [x[0] if x.ndim > 1 else x], [y[0] if y.ndim > 1 else y]
            else:
                xs, ys = list(x), list(y)
            xs = np.array([to_ctml(v).astype(np.float32) for v in xs])
            ys = np.array([to_ctml(v).astype(np.float64) for v in ys])
            expected.append(f"namespace {name}_expected {{\ninline constexpr int samples = {len(xs)};\n"
                            + emit.std_array("input", xs, "float", "float")
                            + emit.std_array("output", ys, "float", "float") + f"}}  // namespace {name}_expected\n")
            checks.append(f"check_case<{name}>(\"{case}\", {name}_expected::input, {name}_expected::output, "
                          f"{name}_expected::samples);\n")
        for case, batch_axis in LSTM.items():
            m, ins, outs = load_case(node_dir, case)
            path = os.path.join(tmp, case + ".onnx")
            lstm_batch1_model(m, ins, batch_axis, path)
            name = "conf_" + case[len("test_"):]
            text = onnx_to_ctml.generate(onnx_model.read(path), name, False, None, case + "/model.onnx")
            models.append(text.split("\n", 1)[1].replace("#pragma once\n", ""))
            xs = np.moveaxis(ins[0], batch_axis, 0).astype(np.float32)  # [batch, T, F]
            ys = np.moveaxis(outs[-1], batch_axis, 0).reshape(len(xs), -1).astype(np.float64)  # Y_h per sample
            expected.append(f"namespace {name}_expected {{\ninline constexpr int samples = {len(xs)};\n"
                            + emit.std_array("input", xs, "float", "float")
                            + emit.std_array("output", ys, "float", "float") + f"}}  // namespace {name}_expected\n")
            checks.append(f"check_case<{name}>(\"{case}\", {name}_expected::input, {name}_expected::output, "
                          f"{name}_expected::samples);\n")
        for case in MULTI:
            m, ins, outs = load_case(node_dir, case)
            path = os.path.join(tmp, case + ".onnx")
            multi_batch1_model(m, ins, path)
            name = "conf_" + case[len("test_"):]
            text = onnx_to_ctml.generate(onnx_model.read(path), name, False, None, case + "/model.onnx")
            models.append(text.split("\n", 1)[1].replace("#pragma once\n", ""))
            y = outs[0]
            per = (lambda v: [v]) if ins[0].ndim == 1 else list  # a vector without a batch axis: one sample
            arrays = [np.array([to_ctml(v).astype(np.float32) for v in per(x)]) for x in ins]
            ys = np.array([to_ctml(v).astype(np.float64) for v in per(y)])
            expected.append(f"namespace {name}_expected {{\ninline constexpr int samples = {len(ys)};\n"
                            + "".join(emit.std_array(f"input{k}", a, "float", "float") for k, a in enumerate(arrays))
                            + emit.std_array("output", ys, "float", "float") + f"}}  // namespace {name}_expected\n")
            checks.append(f"check_two_inputs<{name}>(\"{case}\", {name}_expected::input0, {name}_expected::input1, "
                          f"{name}_expected::output, {name}_expected::samples);\n")
        for case in QUANTIZED:
            m, ins, outs = load_case(node_dir, case)
            path = os.path.join(tmp, case + ".onnx")
            batch1_model(m, ins, path)
            name = "conf_" + case[len("test_"):]
            text = qdq.generate(onnx_model.read(path), name, case + "/model.onnx")
            models.append(text.split("\n", 1)[1].replace("#pragma once\n", ""))
            x, y = ins[0], outs[0]
            xs, ys = (list(x), list(y)) if x.ndim == 2 and x.shape[0] > 1 else ([x[0] if x.ndim > 3 else x],
                                                                               [y[0] if y.ndim > 3 else y])
            types = []
            for vs, kind in ((xs, "input"), (ys, "output")):
                a = np.array([to_ctml(v) for v in vs])
                if a.dtype == np.uint8:
                    a = a.astype(np.int64) - 128  # ctml's int8 for ONNX's uint8
                ctype = "float" if a.dtype == np.float32 else "std::int8_t"
                types.append(emit.std_array(kind, a, ctype, "float" if ctype == "float" else "int"))
            expected.append(f"namespace {name}_expected {{\ninline constexpr int samples = {len(xs)};\n"
                            + "".join(types) + f"}}  // namespace {name}_expected\n")
            checks.append(f"check_exact<{name}>(\"{case}\", {name}_expected::input, {name}_expected::output, "
                          f"{name}_expected::samples);\n")
    header = ("#pragma once\n// Generated by tests/onnx/conformance.py from Debian's libonnx-testdata (onnx "
              f"{onnx.__version__}): the\n// supported conformance cases exported by tools/onnx/onnx_to_ctml.py (float).\n")
    includes = sorted(set(re.findall(r"#include <[^>]+>\n", "".join(models))))
    body = "".join(re.sub(r"#include <[^>]+>\n", "", t) for t in models)
    with open(os.path.join(out_dir, "conformance_models.hpp"), "w") as fh:
        fh.write(header + "".join(includes) + re.sub(r"\n{3,}", "\n\n", body))
    with open(os.path.join(out_dir, "conformance_expected.hpp"), "w") as fh:
        fh.write(header + "\n#include <array>\n#include <cstdint>\n\n" + "\n".join(expected))
    with open(os.path.join(out_dir, "conformance_cases.inc"), "w") as fh:
        fh.write("".join(checks))
    print(f"exported {len(SUPPORTED) + len(LSTM) + len(MULTI)} float ({len(MULTI)} with two inputs) and "
          f"{len(QUANTIZED)} quantized conformance cases")


def refusals(node_dir):
    run, run_main = command_runners(os.path.join(TOOL_DIR, "onnx_to_ctml.py"), onnx_to_ctml.main)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case, pattern in REFUSED.items():
            m, ins, _ = load_case(node_dir, case)
            path = os.path.join(tmp, case + ".onnx")
            (multi_batch1_model if keeps_inputs(case) else batch1_model)(m, ins, path)
            out = os.path.join(tmp, "out.hpp")
            if os.path.exists(out):
                os.remove(out)
            rc, text, err = run_main([path, "--name", "m", "-o", out])
            ok = (rc == 2 and re.search(pattern, err) is not None and err.count("\n") == 1 and text == ""
                  and not os.path.exists(out))
            print(("ok   " if ok else "FAIL ") + f"{case}: {err.strip()}")
            failures += not ok
    print(f"{len(REFUSED) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "export":
        export(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "refusals":
        sys.exit(refusals(sys.argv[2]))
    else:
        sys.exit(__doc__)
