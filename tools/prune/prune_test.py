#!/usr/bin/env python3
"""CTest `prune_tool`: ctml_prune.py on the MLPerf Tiny models (tests/data/mlperf_tiny).

Checks what the tool promises: each layer reaches the sparsity asked for (exactly, as a count of
weights), only weight bytes change and only to the zero point, ties go to the lower index, structured
pruning zeroes whole filters and keeps the last layer and at least one filter, the output is the same
on every run and is the file TFLM's goldens were made from (tests/data/mlperf_tiny_pruned/manifest.json),
and a bad or non-int8 file gives a one-line error and exit status 1, never a traceback.
"""

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import ctml_prune  # noqa: E402

TOOL = os.path.join(HERE, "ctml_prune.py")
DATA = os.path.join(ROOT, "tests", "data", "mlperf_tiny")
MODELS = ["kws_ref_model", "vww_96_int8", "pretrainedResnet_quant", "ad01_int8"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)


def run(*args):
    return subprocess.run([sys.executable, TOOL] + list(args), capture_output=True, text=True)


def run_here(*args):
    """The tool's main() in this process (numpy's import once, not per run): (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = ctml_prune.main(list(args))
    return status, out.getvalue(), err.getvalue()


def load(path):
    with open(path, "rb") as f:
        return bytearray(f.read())


def weights(buf, layer):
    w, zp, scale = ctml_prune.weights_of(buf, layer)
    return w.astype(np.int64), zp, scale


def check_model(tmp, model):
    src = os.path.join(DATA, model, model + ".tflite")
    base = load(src)
    layers = ctml_prune.read_layers(base)
    spans = np.zeros(len(base), dtype=bool)
    for layer in layers:
        spans[layer.data_pos:layer.data_pos + layer.size] = True

    def common(out, tag):
        pruned = load(out)
        check(len(pruned) == len(base), "%s %s: size changed" % (model, tag))
        a, b = np.frombuffer(bytes(base), np.uint8), np.frombuffer(bytes(pruned), np.uint8)
        check(np.array_equal(a[~spans], b[~spans]), "%s %s: a byte outside the weights changed" % (model, tag))
        return pruned

    for s in (0.5, 0.75, 0.9):
        tag = "unstructured %g" % s
        out = os.path.join(tmp, "%s_u%g.tflite" % (model, s))
        status, stdout, stderr = run_here(src, out, "--unstructured", str(s))
        check(status == 0 and stderr == "", "%s %s: exit %d %s" % (model, tag, status, stderr))
        check("%.2f%%" % (100 * s) in stdout, "%s %s: report lacks the sparsity" % (model, tag))
        pruned = common(out, tag)
        for layer in layers:
            w0, zp, scale = weights(base, layer)
            w1, _, _ = weights(pruned, layer)
            where = "%s %s layer %d" % (model, tag, layer.index)
            changed = w0 != w1
            check(np.all(w1[changed] == np.broadcast_to(zp, w1.shape)[changed]), where + ": changed to non-zero")
            want = max(ctml_prune.nearest(s * w0.size), int(np.count_nonzero(w0 == zp)))
            check(int(np.count_nonzero(w1 == zp)) == want, where + ": %d zeros, want %d"
                  % (np.count_nonzero(w1 == zp), want))
            # Every kept weight is at least as large as every pruned one; at the threshold the
            # lower indices went first.
            mag = (np.abs(w0 - zp) * scale).reshape(-1)
            gone = (w1 == zp).reshape(-1) & (w0 != zp).reshape(-1)
            kept = (w1 != zp).reshape(-1)
            if gone.any() and kept.any():
                t = mag[gone].max()
                check(mag[kept].min() >= t, where + ": a kept weight is smaller than a pruned one")
                tie_gone = np.flatnonzero(gone & (mag == t))
                tie_kept = np.flatnonzero(kept & (mag == t))
                if len(tie_kept):
                    check(tie_gone.max() < tie_kept.min(), where + ": a tie went to the higher index")
        again = os.path.join(tmp, "again.tflite")
        run_here(src, again, "--unstructured", str(s), "--quiet")
        check(load(again) == pruned, "%s %s: a second run wrote other bytes" % (model, tag))

    for f, last in ((0.25, False), (0.5, False), (1.0, True)):
        tag = "structured %g%s" % (f, " --prune-last" if last else "")
        out = os.path.join(tmp, "%s_s%g.tflite" % (model, f))
        status, _, stderr = run_here(src, out, "--structured", str(f), *(["--prune-last"] if last else []))
        check(status == 0, "%s %s: exit %d %s" % (model, tag, status, stderr))
        pruned = common(out, tag)
        for k, layer in enumerate(layers):
            w0, zp, _ = weights(base, layer)
            w1, _, _ = weights(pruned, layer)
            where = "%s %s layer %d" % (model, tag, layer.index)
            dead0 = np.all(w0 == zp, axis=1)
            dead1 = np.all(w1 == zp, axis=1)
            if k == len(layers) - 1 and not last:
                check(np.array_equal(w0, w1), where + ": the last layer changed")
                continue
            # Only whole filters change, and each to all zero points.
            touched = np.any(w0 != w1, axis=1)
            check(np.all(dead1[touched]), where + ": a filter was zeroed in part")
            want = min(ctml_prune.nearest(f * w0.shape[0]), w0.shape[0] - 1)
            check(int(np.count_nonzero(dead1)) >= want, where + ": %d filters zero, want %d"
                  % (np.count_nonzero(dead1), want))
            check(int(np.count_nonzero(touched | dead0)) <= max(want, int(np.count_nonzero(dead0))),
                  where + ": more filters zeroed than asked")
            check(not np.all(dead1) or np.all(dead0), where + ": no filter left")


def check_manifest(tmp):
    """The build prunes the base models again (tests/nn/pruned): it must make the very files TFLM ran."""
    path = os.path.join(ROOT, "tests", "data", "mlperf_tiny_pruned", "manifest.json")
    with open(path) as f:
        manifest = json.load(f)
    n = 0
    for model, variants in sorted(manifest["models"].items()):
        for variant, entry in sorted(variants.items()):
            out = os.path.join(tmp, "%s_%s.tflite" % (model, variant))
            run_here(os.path.join(DATA, model, model + ".tflite"), out, *entry["options"], "--quiet")
            with open(out, "rb") as f:
                got = hashlib.sha256(f.read()).hexdigest()
            check(got == entry["model_sha256"], "%s %s: not the model TFLM ran (sha256 %s)" % (model, variant, got))
            n += 1
            # TFLM's outputs: each listed file with its sha256, and no other output file.
            vdir = os.path.join(os.path.dirname(path), model, variant)
            files = sorted(f for f in os.listdir(vdir) if f.startswith("outputs_"))
            check(files == sorted("outputs_%s.bin" % t for t in entry["outputs"]), "%s %s: output files %s"
                  % (model, variant, files))
            for tag, sha in entry["outputs"].items():
                with open(os.path.join(vdir, "outputs_%s.bin" % tag), "rb") as f:
                    check(hashlib.sha256(f.read()).hexdigest() == sha, "%s %s %s: sha256" % (model, variant, tag))
            inputs = [f for f in os.listdir(os.path.join(DATA, model)) if f.startswith("inputs_")]
            check(len(inputs) == len(entry["outputs"]), "%s %s: %d inputs, %d outputs"
                  % (model, variant, len(inputs), len(entry["outputs"])))
    check(n == 20, "manifest.json lists %d pruned models, not 20" % n)


def check_errors(tmp):
    kws = load(os.path.join(DATA, "kws_ref_model", "kws_ref_model.tflite"))
    out = os.path.join(tmp, "never.tflite")
    cases = {"empty": b"", "text": b"not a model\n" * 10, "truncated": bytes(kws[:2000]),
             "no identifier": bytes(kws[:4]) + b"XXXX" + bytes(kws[8:])}
    bad_root = bytearray(kws)
    bad_root[0:4] = (len(kws) + 100).to_bytes(4, "little")
    cases["root offset past the end"] = bytes(bad_root)
    # Every 97th byte of the header region set to 0xff, one at a time: any outcome but a crash.
    for i in range(0, 1200, 97):
        b = bytearray(kws)
        b[i] = 0xFF
        cases["byte %d = 0xff" % i] = bytes(b)
    for name, data in cases.items():
        path = os.path.join(tmp, "bad.tflite")
        with open(path, "wb") as f:
            f.write(data)
        if os.path.exists(out):
            os.remove(out)
        r = run(path, out, "--unstructured", "0.5")
        check("Traceback" not in r.stderr, "%s: a traceback\n%s" % (name, r.stderr))
        check(r.returncode in (0, 1), "%s: exit %d" % (name, r.returncode))
        if r.returncode == 1:
            check(r.stderr.startswith("ctml_prune: ") and r.stderr.count("\n") == 1,
                  "%s: not a one-line message: %r" % (name, r.stderr))
            check(not os.path.exists(out), "%s: wrote an output after an error" % name)
        elif name in ("empty", "text", "truncated", "no identifier", "root offset past the end"):
            check(False, "%s: accepted" % name)
    flt = os.path.join(ROOT, "tests", "data", "tflm_models", "hello_world_float", "hello_world_float.tflite")
    r = run(flt, out, "--structured", "0.5")
    check(r.returncode == 1 and "not int8" in r.stderr, "float model: exit %d %r" % (r.returncode, r.stderr))
    r = run(os.path.join(tmp, "missing.tflite"), out, "--unstructured", "0.5")
    check(r.returncode == 1 and "Traceback" not in r.stderr, "missing file: exit %d" % r.returncode)
    r = run(os.path.join(tmp, "x.tflite"), out, "--unstructured", "1.5")
    check(r.returncode == 2 and "between 0 and 1" in r.stderr, "--unstructured 1.5 accepted")
    r = run(os.path.join(tmp, "x.tflite"), out)
    check(r.returncode == 2, "no pruning option accepted")
    r = run("--help")
    check(r.returncode == 0 and "--structured" in r.stdout, "--help")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for model in MODELS:
            check_model(tmp, model)
        check_manifest(tmp)
        check_errors(tmp)
    if failures:
        print("%d failures" % len(failures))
        return 1
    print("prune_tool: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
