#!/usr/bin/env python3
"""Survey of every .tflite file in a TFLite Micro checkout.

For each model: size, sha256, inputs/outputs, operator counts (from
`tflm_oracle info`), whether TFLM's reference interpreter runs it (one
`tflm_oracle run --seed 1`), and whether `ctml-import` accepts it (with the
first refusal message). Writes a JSON file and the Markdown page
docs/tflm-models.md.

    survey.py --tflm DIR --oracle BIN --importer BIN --json OUT.json --md OUT.md
"""

import argparse
import collections
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

def ctml_ops(importer):
    """The ops ctml-import imports, from its own list (`ctml-import --list-ops`)."""
    out = subprocess.run([importer, "--list-ops"], capture_output=True, text=True, check=True).stdout
    return {line.split(":", 1)[0] for line in out.splitlines()}


def scheme(m):
    """int8, int16x8 (int16 activations), float, or float I/O around an int8 core."""
    acts = set(m["activation_types"])
    io = {t["type"] for t in m["inputs"] + m["outputs"]}
    if "INT16" in acts and "INT8" in acts and m["ops"].keys() & {"CONV_2D", "FULLY_CONNECTED", "DEPTHWISE_CONV_2D", "TRANSPOSE_CONV", "SVDF", "UNIDIRECTIONAL_SEQUENCE_LSTM"}:
        return "int8 + int16"
    if "INT16" in acts:
        return "int16x8"
    if "FLOAT32" in io and "INT8" in acts:
        return "float I/O, int8"
    if acts <= {"FLOAT32", "INT32"} and "FLOAT32" in acts:
        return "float"
    if "INT8" in acts:
        return "int8"
    return "+".join(sorted(acts)).lower()


def first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def tflm_message(stderr):
    """TFLM's own diagnostic (MicroPrintf) plus the driver's verdict."""
    lines = [l.strip() for l in stderr.splitlines() if l.strip()]
    ours = [l for l in lines if l.startswith("tflm_oracle:")]
    theirs = [l for l in lines if not l.startswith("tflm_oracle:")]
    msg = (ours[-1] if ours else "").replace("tflm_oracle: ", "")
    if theirs:
        msg += " — " + theirs[0]
    return msg


def tensor_text(t):
    s = "%s[%s]" % (t["type"].lower(), ",".join(str(d) for d in t["shape"]))
    if "scale" in t:
        if len(t["scale"]) == 1:
            s += " s=%.6g zp=%d" % (t["scale"][0], t["zero_point"][0])
        else:
            s += " per-channel(%d)" % len(t["scale"])
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tflm", required=True)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--importer", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--md", required=True)
    ap.add_argument("--commit", default="")
    a = ap.parse_args()
    supported = ctml_ops(a.importer)

    paths = []
    for root, _, files in os.walk(a.tflm):
        for f in files:
            if f.endswith(".tflite"):
                paths.append(os.path.relpath(os.path.join(root, f), a.tflm))
    # The examples' copies come first, so a duplicate is named after its example.
    paths.sort(key=lambda p: (p.startswith("python/"), p))

    models = []
    first_by_sha = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rel in paths:
            full = os.path.join(a.tflm, rel)
            data = open(full, "rb").read()
            sha = hashlib.sha256(data).hexdigest()
            m = {"path": rel, "size": len(data), "sha256": sha}
            if sha in first_by_sha:
                m["duplicate_of"] = first_by_sha[sha]
            else:
                first_by_sha[sha] = rel
            info = subprocess.run([a.oracle, "info", full], capture_output=True, text=True)
            if info.returncode != 0:
                m["info_error"] = tflm_message(info.stderr)
            else:
                i = json.loads(info.stdout)
                m.update(subgraphs=i["subgraphs"], inputs=i["inputs"], outputs=i["outputs"],
                         activation_types=i["activation_types"], ops=collections.OrderedDict(i["ops"]))
                m["scheme"] = scheme(m)
            run = subprocess.run([a.oracle, "run", full, os.path.join(tmp, "case"), "--seed", "1"],
                                 capture_output=True, text=True)
            m["tflm_runs"] = run.returncode == 0
            if run.returncode != 0:
                m["tflm_error"] = tflm_message(run.stderr).replace(full, os.path.basename(rel))
            imp = subprocess.run([a.importer, "--name", "m", "--output", os.path.join(tmp, "m.hpp"), full],
                                 capture_output=True, text=True)
            m["ctml_import_accepts"] = imp.returncode == 0
            if imp.returncode != 0:
                msg = first_line(imp.stderr)
                m["ctml_import_error"] = msg.replace("ctml-import: error: " + full + ": ", "")
            m["unsupported_ops"] = sorted(o for o in m.get("ops", {}) if o not in supported)
            models.append(m)
            print("%-90s tflm=%s import=%s" % (rel, m["tflm_runs"], m["ctml_import_accepts"]),
                  file=sys.stderr)

    with open(a.json, "w") as f:
        json.dump({"tflite_micro_commit": a.commit, "models": models}, f, indent=1)
        f.write("\n")
    write_md(a, models, supported)


def write_md(a, models, supported):
    n = len(models)
    uniq = [m for m in models if "duplicate_of" not in m]
    runs = sum(m["tflm_runs"] for m in uniq)
    acc = sum(m["ctml_import_accepts"] for m in uniq)
    out = []
    w = out.append
    w("# TFLite Micro's own models: what TFLM runs, what ctml-import accepts")
    w("")
    w("<!-- Generated by tools/tflm_oracle/survey.py; do not edit by hand. -->")
    w("")
    w("Every `.tflite` file in the tflite-micro repository at `%s`: its inputs and outputs, "
      "its operators, whether TFLM's reference interpreter (built as "
      "`tools/tflm_oracle/README.md` says) runs it on a random input "
      "(`tflm_oracle run MODEL DIR --seed 1`), and whether `ctml-import` accepts it today "
      "(with its first refusal). The same data, machine-readable: "
      "`tools/tflm_oracle/tflm_models.json`." % (a.commit or "?"))
    w("")
    w("**%d files, %d distinct models** (by sha256). TFLM runs **%d** of the %d distinct models; "
      "`ctml-import` accepts **%d**." % (n, len(uniq), runs, len(uniq), acc))
    w("")

    sch = collections.Counter(m.get("scheme", "?") for m in uniq)
    sch_acc = collections.Counter(m.get("scheme", "?") for m in uniq if m["ctml_import_accepts"])
    w("| tensors at run time | models | ctml-import accepts |")
    w("|---|---:|---:|")
    for k, c in sch.most_common():
        w("| %s | %d | %d |" % (k, c, sch_acc[k]))
    w("")
    w("*int16x8*: int16 activations (weights int8 where the op has any); *int8 + int16*: int8 "
      "activations with int16 state, gates or graph I/O (SVDF, the int8 LSTMs). "
      "Models with several inputs: %d; with several outputs: %d." % (
          sum(len(m.get("inputs", [])) > 1 for m in uniq), sum(len(m.get("outputs", [])) > 1 for m in uniq)))
    w("")

    # Per-op summary over distinct models.
    contains = collections.Counter()
    blocks = collections.Counter()
    only = collections.Counter()
    for m in uniq:
        for o in m.get("ops", {}):
            contains[o] += 1
        if not m["ctml_import_accepts"]:
            for o in m["unsupported_ops"]:
                blocks[o] += 1
            if len(m["unsupported_ops"]) == 1:
                only[m["unsupported_ops"][0]] += 1
    w("## Operators: which ones stand in the way")
    w("")
    w("Counted over the %d distinct models. *Refused models with it*: models `ctml-import` "
      "refuses that contain the op, which it does not support; *only blocker*: of those, the "
      "models in which it is the only unsupported op (they may still be refused for their "
      "tensor types, e.g. int16 activations or float I/O)." % len(uniq))
    w("")
    w("| op | models with it | ctml-import supports it | refused models with it | only blocker |")
    w("|---|---:|---|---:|---:|")
    for o, c in sorted(contains.items(), key=lambda kv: (-blocks[kv[0]], -kv[1], kv[0])):
        w("| %s | %d | %s | %d | %d |" % (o, c, "yes" if o in supported else "no", blocks[o], only[o]))
    w("")

    # Refusal reasons (first message, grouped).
    reasons = collections.Counter()
    for m in uniq:
        if not m["ctml_import_accepts"]:
            msg = m.get("ctml_import_error", "")
            reasons[short_reason(msg)] += 1
    w("## First refusal of ctml-import, grouped")
    w("")
    w("| first refusal (model-specific parts removed) | models |")
    w("|---|---:|")
    for r, c in reasons.most_common():
        w("| %s | %d |" % (r.replace("|", "\\|"), c))
    w("")

    failed = [m for m in uniq if not m["tflm_runs"]]
    w("## Models TFLM's reference interpreter does not run")
    w("")
    if not failed:
        w("None.")
    for m in failed:
        w("- `%s`: %s" % (m["path"], m.get("tflm_error", "").replace("|", "\\|")))
    w("")

    w("## Every model")
    w("")
    w("Paths are relative to the tflite-micro root; `tm/` stands for `tensorflow/lite/micro/`. "
      "Types are the tensor types, shapes NHWC, `s`/`zp` the quantization scale and zero point.")
    w("")
    w("| model | bytes | tensors | inputs | outputs | ops (count) | TFLM runs | ctml-import |")
    w("|---|---:|---|---|---|---|---|---|")
    for m in models:
        p = m["path"].replace("tensorflow/lite/micro/", "tm/")
        if "duplicate_of" in m:
            w("| `%s` | %d | same bytes as `%s` | | | | | |" % (
                p, m["size"], m["duplicate_of"].replace("tensorflow/lite/micro/", "tm/")))
            continue
        ins = "<br>".join(tensor_text(t) for t in m.get("inputs", []))
        outs = "<br>".join(tensor_text(t) for t in m.get("outputs", []))
        ops = ", ".join("%s×%d" % (o, c) for o, c in m.get("ops", {}).items())
        if m.get("subgraphs", 1) > 1:
            ops += " (%d subgraphs)" % m["subgraphs"]
        tr = "yes" if m["tflm_runs"] else "**no**: " + m.get("tflm_error", "")
        ci = "yes" if m["ctml_import_accepts"] else "no: " + re.sub(
            r"\(supported: [^)]*\)", "", m.get("ctml_import_error", "")).strip()
        w("| `%s` | %d | %s | %s | %s | %s | %s | %s |" % (
            p, m["size"], m.get("scheme", ""), ins, outs, ops, tr.replace("|", "\\|"), ci.replace("|", "\\|")))
    w("")
    with open(a.md, "w") as f:
        f.write("\n".join(out))


def short_reason(msg):
    msg = re.sub(r"operator \d+", "operator N", msg)
    msg = re.sub(r"tensor \d+", "tensor N", msg)
    msg = re.sub(r"\bt\d+\b", "tN", msg)
    msg = re.sub(r"'[^']*'", "'…'", msg)
    msg = re.sub(r"\(supported: [^)]*\)", "(supported: …)", msg)
    return msg


if __name__ == "__main__":
    main()
