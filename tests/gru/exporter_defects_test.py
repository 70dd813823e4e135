#!/usr/bin/python3
"""CTest: the tools/onnx defects of issue #18, each checked on a model built here with onnx.helper:
streaming --quantize calibrates the head on every step; batch != 1 refused; --sequence-length for a
dynamic T (and a clear error without it); every legal Gemm bias shape; "not an ONNX model" for an
empty or garbage file (and every unreadable input): exit 2, one line, nothing written."""
import os
import re
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "..", "..", "tools", "onnx", "onnx_to_ctml.py")
CHAIN = os.path.join(HERE, "onnx", "gru_chain.onnx")
CALIB = os.path.join(HERE, "onnx", "gru_chain_calib.npy")
sys.path.insert(0, os.path.dirname(TOOL))
import onnx_to_ctml  # noqa: E402
from ctml_export_testing import command_runners  # noqa: E402
from ctml_onnx import reference  # noqa: E402

failures = []


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


run, run_main = command_runners(TOOL, onnx_to_ctml.main)


def refused(args, pattern, what, out_dir):
    out = os.path.join(out_dir, "refused.hpp")
    rc, text, err = run_main(args + ["--name", "m", "-o", out])
    expect(rc == 2 and re.search(pattern, err) is not None and err.count("\n") == 1 and text == ""
           and not os.path.exists(out), f"{what}: exit 2, one line /{pattern}/, nothing written (got {rc}: {err.strip()})")


def save(path, nodes, x_dims, y_dims, inits):
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, x_dims)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, y_dims)], inits)
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 14)]), path)


def arrays(header, member):
    """Every `.member = {...}` array of a generated header, as float lists."""
    return [[float(v.rstrip("f")) for v in re.findall(r"-?[0-9.e+-]+f?", body)]
            for body in re.findall(r"\." + member + r" = \{([^}]*)\}", header)]


with tempfile.TemporaryDirectory() as d:
    chain = onnx.load(CHAIN)
    inits = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in chain.graph.initializer}
    U = inits["R"].shape[2]

    # 1. Streaming --quantize: the head runs at every step, so its output range must cover every
    # step's output over the calibration set (numpy float64 here), not only the last step's. The GRU
    # starts from initial_h = 0.9 and forgets it within a few steps: early outputs are the largest.
    rng = np.random.default_rng(18)
    Us, Fs, Ts = 4, 2, 16
    gw = {"W": rng.uniform(-0.3, 0.3, (1, 3 * Us, Fs)), "R": rng.uniform(-0.3, 0.3, (1, 3 * Us, Us)),
          "B": np.concatenate([np.full(Us, -3.0), rng.uniform(-0.2, 0.2, 5 * Us)])[None, :],
          "H0": np.full((1, 1, Us), 0.9), "G": rng.uniform(0.5, 1.0, (Us, 2)), "C": np.zeros(2)}
    gw = {k: v.astype(np.float32).astype(np.float64) for k, v in gw.items()}
    sp = os.path.join(d, "streaming.onnx")
    save(sp, [helper.make_node("GRU", ["x", "W", "R", "B", "", "H0"], ["", "h"], hidden_size=Us, linear_before_reset=1),
              helper.make_node("Flatten", ["h"], ["f"]), helper.make_node("Gemm", ["f", "G", "C"], ["y"])],
         [Ts, 1, Fs], [1, 2], [numpy_helper.from_array(v.astype(np.float32), k) for k, v in gw.items()])
    calib = rng.normal(0, 0.5, (8, Ts, Fs)).astype(np.float32)
    np.save(os.path.join(d, "streaming_calib.npy"), calib)
    rc, header, err = run_main([sp, "--name", "m", "--streaming", "--quantize", os.path.join(d, "streaming_calib.npy")])
    scale, zp = (float(v.rstrip("f")) for v in re.findall(r"\.output = \{([^,]+), (-?\d+)\}", header)[-1])
    lo, hi = (-128 - zp) * scale, (127 - zp) * scale
    worst = 0.0
    for x in calib.astype(np.float64):
        B = gw["B"][0]
        hs = reference.gru_sequence(x, gw["W"][0], gw["R"][0], B[:3 * Us], B[3 * Us:], gw["H0"].reshape(-1), True)
        worst = max(worst, float(np.max(np.maximum(lo - (hs @ gw["G"]), hs @ gw["G"] - hi))))
    expect(rc == 0 and worst <= scale / 2, f"--streaming --quantize: the output range [{lo:.4g}, {hi:.4g}] covers "
           f"every step's float output (worst excess {worst:.4g}, half a step {scale / 2:.4g})")

    # 2. Batch != 1 (GRU layout 0 and 1, a Gemm model): refused, naming the input and its batch.
    W, R, B = (numpy_helper.from_array(inits[k].astype(np.float32), k) for k in ("W", "R", "B"))
    for layout, dims in ((0, [12, 2, 6]), (1, [3, 12, 6])):
        p = os.path.join(d, f"batch_{layout}.onnx")
        save(p, [helper.make_node("GRU", ["x", "W", "R", "B"], ["", "y"], hidden_size=U, layout=layout, name="gru")],
             dims, None, [W, R, B])
        refused([p], rf"input 'x' has batch {dims[1 - layout]} .*one sample per invoke", f"GRU layout {layout}, X {dims}", d)
    gw = numpy_helper.from_array(np.ones((6, 3), np.float32), "gw")
    p = os.path.join(d, "batch_gemm.onnx")
    save(p, [helper.make_node("Gemm", ["x", "gw"], ["y"], name="gemm")], [4, 6], [4, 3], [gw])
    refused([p], r"input 'x' has batch 4", "Gemm on X [4, 6]", d)

    # 3. A dynamic T (dim_param, as PyTorch's dynamic_axes writes it): a clear error without
    # --sequence-length; with it, the same header as the model with that T fixed.
    dyn = onnx.load(CHAIN)
    dyn.graph.input[0].type.tensor_type.shape.dim[0].dim_param = "T"
    dyn_path = os.path.join(d, "dynamic_t.onnx")
    onnx.save(dyn, dyn_path)
    refused([dyn_path], r"^onnx_to_ctml: error: input 'x' has a dynamic sequence length; give --sequence-length T",
            "dynamic T without --sequence-length", d)
    refused([dyn_path, "--quantize", CALIB], r"dynamic sequence length; give --sequence-length",
            "dynamic T, --quantize, without --sequence-length", d)
    refused([CHAIN, "--sequence-length", "5"], r"--sequence-length 5 differs from the input 'x''s fixed sequence "
            r"length 12", "--sequence-length against a fixed T", d)
    rc, dyn_header, err = run_main([dyn_path, "--name", "m", "--sequence-length", "12"])
    rc2, fixed_header, _ = run_main([CHAIN, "--name", "m"])
    body = lambda h: h.split("\n", 2)[2]  # after the "Generated from <file>" line
    expect(rc == 0 and "ctml::shape<12, 6>" in dyn_header and body(dyn_header) == body(fixed_header),
           "dynamic T with --sequence-length 12: the header of the model with T = 12")
    rc, text, err = run_main([dyn_path, "--name", "m", "--streaming", "--quantize", CALIB])
    expect(rc == 0 and "ctml::shape<6>" in text, "dynamic T, --streaming --quantize: T from the calibration set")

    # 4. Every Gemm bias shape ONNX allows for a [1, N] output: scalar, [N], [1, N], [1, 1], [1].
    N = 3
    wv = np.arange(18, dtype=np.float32).reshape(6, N) / 10
    for shape in ((), (N,), (1, N), (1, 1), (1,)):
        c = (np.arange(int(np.prod(shape)), dtype=np.float32) - 0.5).reshape(shape)
        p = os.path.join(d, "gemm_bias.onnx")
        save(p, [helper.make_node("Gemm", ["x", "gw", "c"], ["y"], name="gemm")], [1, 6], [1, N],
             [numpy_helper.from_array(wv, "gw"), numpy_helper.from_array(c, "c")])
        rc, text, err = run_main([p, "--name", "m"])
        got = arrays(text, "bias")
        expect(rc == 0 and len(got) == 1 and got[0] == list(np.broadcast_to(c, (1, N)).reshape(-1)),
               f"Gemm bias of shape {list(shape)} (got {rc}: {err.strip()} {got})")
    save(p, [helper.make_node("Gemm", ["x", "gw", "c"], ["y"], name="gemm")], [1, 6], [1, N],
         [numpy_helper.from_array(wv, "gw"), numpy_helper.from_array(np.zeros((2, N), np.float32), "c")])
    refused([p], r"Gemm node 'gemm': bias of shape \[2, 3\] does not broadcast", "Gemm bias [2, N]", d)

    # 5. Not an ONNX model: empty, garbage, another protobuf, a .npy; a missing file, a directory;
    # an unreadable calibration file.
    cases = {"empty.onnx": b"", "garbage.onnx": bytes(range(256)) * 3, "text.onnx": b"hello, world\n",
             "tensor.onnx": numpy_helper.from_array(np.ones(4, np.float32), "t").SerializeToString()}
    for name, data in cases.items():
        with open(os.path.join(d, name), "wb") as fh:
            fh.write(data)
        refused([os.path.join(d, name)], r"^onnx_to_ctml: error: '.*" + name + "' is not an ONNX model", name, d)
    refused([CALIB], r"is not an ONNX model", "a .npy given as the model", d)
    refused([os.path.join(d, "missing.onnx")], r"cannot read '.*missing.onnx': No such file", "a missing file", d)
    refused([d], r"cannot read '.*': Is a directory", "a directory", d)
    refused([CHAIN, "--quantize", os.path.join(d, "garbage.onnx")], r"is not a numpy \.npy array",
            "a garbage calibration file", d)
    refused([CHAIN, "--quantize", os.path.join(d, "missing.npy")], r"cannot read '.*missing.npy'",
            "a missing calibration file", d)
    refused([CHAIN, "--quantize", CALIB, "--calibration", "median"], r"--calibration 'median': use minmax",
            "an unknown --calibration", d)

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
