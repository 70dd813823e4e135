#!/usr/bin/env python3
"""tests/data/mlperf_tiny_pruned: TFLite Micro's outputs for the four MLPerf Tiny models pruned by
ctml_prune.py, on every input of tests/data/mlperf_tiny (sets A and S).

    make_goldens.py --oracle /work/oracle/build/tflm_oracle --commit <tflite-micro commit> \\
        --out tests/data/mlperf_tiny_pruned

The pruned .tflite files are not kept: ctml_prune.py makes the same bytes from the committed base
models (manifest.json holds their sha256; the CTest prune_tool checks them). Prints, per model and
variant, the sparsity reached and how far the pruned model's outputs moved from the dense model's
(TFLM's outputs in tests/data/mlperf_tiny): top-1 agreement for the classifiers, mean |difference| of
the int8 outputs for the autoencoder.
"""

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import ctml_prune  # noqa: E402

BASE = os.path.join(ROOT, "tests", "data", "mlperf_tiny")
MODELS = ["kws_ref_model", "vww_96_int8", "pretrainedResnet_quant", "ad01_int8"]
CLASSIFIERS = {"kws_ref_model", "vww_96_int8", "pretrainedResnet_quant"}
# Must match tests/nn/pruned/CMakeLists.txt.
VARIANTS = [("u50", "--unstructured", "0.5"), ("u75", "--unstructured", "0.75"), ("u90", "--unstructured", "0.9"),
            ("s25", "--structured", "0.25"), ("s50", "--structured", "0.5")]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def pruned_model(model, option, fraction):
    """(bytes, report) of ctml_prune.py's output, made in this process as the build does it."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "m.tflite")
        text = io.StringIO()
        stdout, sys.stdout = sys.stdout, text
        try:
            status = ctml_prune.main([os.path.join(BASE, model, model + ".tflite"), out, option, fraction])
        finally:
            sys.stdout = stdout
        if status != 0:
            sys.exit("make_goldens.py: ctml_prune failed on %s %s %s" % (model, option, fraction))
        with open(out, "rb") as f:
            return f.read(), text.getvalue()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--oracle", required=True, help="tflm_oracle binary (tools/tflm_oracle)")
    p.add_argument("--commit", required=True, help="the tflite-micro commit the oracle was built from")
    p.add_argument("--out", required=True, help="output folder (tests/data/mlperf_tiny_pruned)")
    a = p.parse_args()
    manifest = {"tflite_micro_commit": a.commit, "tool": "tools/prune/ctml_prune.py", "models": {}}
    for model in MODELS:
        tags = sorted(f[len("inputs_"):-len(".bin")] for f in os.listdir(os.path.join(BASE, model))
                      if f.startswith("inputs_") and f.endswith(".bin"))
        entry = manifest["models"][model] = {}
        for variant, option, fraction in VARIANTS:
            data, report = pruned_model(model, option, fraction)
            vdir = os.path.join(a.out, model, variant)
            if os.path.isdir(vdir):
                shutil.rmtree(vdir)
            os.makedirs(vdir)
            with open(os.path.join(vdir, "report.txt"), "w") as f:
                f.write("ctml_prune.py %s %s %s.tflite\n%s" % (option, fraction, model, report))
            outputs, agree, diffs, disagree = {}, 0, [], []
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "pruned.tflite")
                with open(path, "wb") as f:
                    f.write(data)
                for tag in tags:
                    case = os.path.join(tmp, tag)
                    r = subprocess.run([a.oracle, "run", path, case, "--input",
                                        os.path.join(BASE, model, "inputs_%s.bin" % tag)],
                                       capture_output=True, text=True)
                    if r.returncode != 0:
                        sys.exit("make_goldens.py: tflm_oracle failed on %s %s %s: %s"
                                 % (model, variant, tag, r.stderr.strip()))
                    with open(os.path.join(case, "output0.bin"), "rb") as f:
                        out = f.read()
                    shutil.copy(os.path.join(case, "output0.bin"), os.path.join(vdir, "outputs_%s.bin" % tag))
                    outputs[tag] = sha256(out)
                    with open(os.path.join(BASE, model, "outputs_%s.bin" % tag), "rb") as f:
                        dense = np.frombuffer(f.read(), np.int8).astype(np.int32)
                    mine = np.frombuffer(out, np.int8).astype(np.int32)
                    if np.argmax(mine) == np.argmax(dense):
                        agree += 1
                    else:
                        disagree.append(tag)
                    diffs.append(float(np.mean(np.abs(mine - dense))))
            total = report.strip().splitlines()[-1]
            entry[variant] = {"options": [option, fraction], "model_sha256": sha256(data), "model_bytes": len(data),
                              "prunable_weights": total, "outputs": outputs}
            if model in CLASSIFIERS:
                entry[variant]["top1_agreement_with_dense"] = "%d/%d" % (agree, len(tags))
                entry[variant]["top1_differs_on"] = disagree
                moved = "top-1 agrees with the dense model on %d of %d inputs%s" % (
                    agree, len(tags), " (differs on %s)" % ", ".join(disagree) if disagree else "")
            else:
                entry[variant]["mean_abs_output_difference"] = round(float(np.mean(diffs)), 3)
                moved = "mean |output - dense output| %.3f (int8 steps)" % np.mean(diffs)
            print("%-24s %s  %s; %s" % (model, variant, total, moved))
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
