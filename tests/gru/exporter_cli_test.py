#!/usr/bin/python3
"""CTest: tools/onnx/onnx_to_ctml.py's command line refuses a bad --name or an unwritable -o like
ctml-import and tools/sklearn do: one line on stderr naming the problem, exit status 2, nothing
written (no file, an existing file left as it was, no temporary file beside it)."""

import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "..", "..", "tools", "onnx", "onnx_to_ctml.py")
MODEL = os.path.join(HERE, "onnx", "gru_chain.onnx")
REFUSED_MODEL = os.path.join(HERE, "onnx", "bad_lstm.onnx")
sys.path.insert(0, os.path.dirname(TOOL))
import onnx_to_ctml  # noqa: E402
from ctml_export_testing import check_unwritable_output, command_runners  # noqa: E402 (on the tool's path)

failures = []


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


run, run_main = command_runners(TOOL, onnx_to_ctml.main)


with tempfile.TemporaryDirectory() as d:
    outfile = os.path.join(d, "m.hpp")
    for value, reason in [("int", "it is a C++ keyword"), ("xor_eq", "it is a C++ keyword"),
                          ("consteval", "it is a C++ keyword"), ("_Model", "C++ reserves names"),
                          ("a__b", "C++ reserves names"), ("ctml", "clashes"),
                          ("3bad", "a C++ identifier has only ASCII"), ("m-1", "a C++ identifier has only ASCII"),
                          ("m" * 65, "longer than 64"), ("", "it is empty")]:
        rc, out, err = (run if value == "int" else run_main)([MODEL, "--name", value, "-o", outfile])
        expect(rc == 2 and err.startswith(f"onnx_to_ctml: error: --name '{value}' is not a usable C++ name "
                                          "for the model: ") and reason in err
               and err.count("\n") == 1 and err.endswith("\n") and out == "" and not os.path.exists(outfile),
               f"refuses --name {value!r}: exit 2, one line ({reason}), nothing written (got {rc}: {err.strip()})")
    # Names ctml-import accepts are accepted too (tests/importer/model_names_test.py checks the rules).
    for value in ("m", "_x", "x_", "Model", "m" * 64):
        rc, out, err = run_main([MODEL, "--name", value])
        expect(rc == 0 and f"struct {value} final" in out, f"accepts --name {value!r}")

    check_unwritable_output("onnx_to_ctml", (run, run_main), [MODEL, "--name", "m"], d, expect)

    # A refused model leaves an existing -o as it was; a good one replaces it whole, with the mode
    # open() would give, and no temporary file is left.
    with open(outfile, "w") as fh:
        fh.write("old")
    before = sorted(os.listdir(d))
    rc, out, err = run_main([REFUSED_MODEL, "--name", "m", "-o", outfile])
    expect(rc == 2 and "LSTM node 'my_lstm': attribute direction" in err and open(outfile).read() == "old"
           and sorted(os.listdir(d)) == before, "a refused model leaves the existing -o file untouched")
    rc, out, err = run_main([MODEL, "--name", "m", "-o", outfile])
    rc2, header, _ = run_main([MODEL, "--name", "m"])
    umask = os.umask(0)
    os.umask(umask)
    expect(rc == 0 and rc2 == 0 and open(outfile).read() == header and sorted(os.listdir(d)) == before
           and os.stat(outfile).st_mode & 0o777 == 0o666 & ~umask,
           "-o is replaced whole (the same text as stdout), mode 0666 & ~umask, no temporary file left")

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
