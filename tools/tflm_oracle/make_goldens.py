#!/usr/bin/env python3
"""Golden data for TFLite Micro's own models, produced by tflm_oracle.

For every distinct model of the survey JSON that TFLM runs, writes
OUT/<name>/ with one directory per case (input<i>.bin, output<i>.bin and,
for A_1 of small models, intermediates/tNNN.bin), copies the model when it is
at most 1 MB, and writes OUT/manifest.json (sha256 of every file, tensors,
cases). Real test inputs shipped with the examples are used as S_* cases.

    make_goldens.py --tflm DIR --oracle BIN --survey tflm_models.json --out DIR
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import wave
import zlib

SEEDS = [1, 2, 3, 4]
MAX_MODEL_COPY = 1 << 20          # copy the .tflite only up to 1 MB
MAX_INTERMEDIATES = 256 << 10     # per model, case A_1
STREAM_STEPS = 8                  # T_1 case for stateful models
STATEFUL_OPS = {"SVDF", "VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE", "CALL_ONCE",
                "UNIDIRECTIONAL_SEQUENCE_LSTM"}


def model_name(path):
    base = os.path.splitext(os.path.basename(path))[0]
    if "/integration_tests/seanet/" in path:
        return "seanet_" + base
    return base


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def run_oracle(a, model, case_dir, args, extra_check=None):
    cmd = [a.oracle, "run", model, case_dir] + args
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("%s: %s" % (" ".join(cmd), r.stderr.strip()))
    return cmd


def csv_to_bin(path, ctype):
    fmt = {"int8": "b", "int16": "h", "int32": "i", "float32": "f"}[ctype]
    vals = [v for v in open(path).read().replace("\n", ",").split(",") if v.strip()]
    conv = float if ctype == "float32" else int
    return struct.pack("<%d%s" % (len(vals), fmt), *[conv(v) for v in vals])


def c_array(text, name):
    m = re.search(r"\b%s\[\]\s*=\s*\{([^}]*)\}" % re.escape(name), text)
    return [int(v, 0) for v in m.group(1).replace("\n", " ").split(",") if v.strip()]


def wav_samples(path):
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
        raw = w.readframes(w.getnframes())
    return list(struct.unpack("<%dh" % (len(raw) // 2), raw))


def png_gray8(path):
    """Pixels of an 8-bit grayscale, non-interlaced PNG (what mnist_lstm/samples holds)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color == 0 and interlace == 0, path
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    rows, prev = [], [0] * w
    for y in range(h):
        f = raw[y * (w + 1)]
        line = list(raw[y * (w + 1) + 1:(y + 1) * (w + 1)])
        for x in range(w):
            a = line[x - 1] if x else 0
            b = prev[x]
            c = prev[x - 1] if x else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pr) & 255
        rows.append(line)
        prev = line
    return w, h, [v for r in rows for v in r]


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def real_cases(a, m, tmp):
    """(case name, [input bytes per model input], steps, note, expected output bytes or None)."""
    tflm = a.tflm
    p = m["path"]
    cases = []
    if "/integration_tests/seanet/" in p:
        d, base = os.path.split(os.path.join(tflm, p))
        base = base[:-len(".tflite")]
        ins = []
        for i in range(len(m["inputs"])):
            cand = [f for f in os.listdir(d) if f.startswith("%s_input%d_" % (base, i))]
            if len(cand) != 1:
                return []
            ctype = cand[0].rsplit("_", 1)[1][:-4]
            ins.append(csv_to_bin(os.path.join(d, cand[0]), ctype))
        gold = [f for f in os.listdir(d) if f.startswith(base + "_golden_")]
        expected = None
        if len(gold) == 1:
            expected = [csv_to_bin(os.path.join(d, gold[0]), gold[0].rsplit("_", 1)[1][:-4])]
        cases.append(("S_test", ins, 1,
                      "the integration test's own input (%s_input*.csv); TFLM's checked-in golden is %s" %
                      (base, gold[0] if gold else "absent"), expected))
    elif p.endswith("examples/dtln/dtln_noise_suppression.tflite"):
        text = open(os.path.join(tflm, "tensorflow/lite/micro/examples/dtln/dtln_inout_data.cc")).read()
        feat = c_array(text, "feature_data")
        gold = c_array(text, "golden_ref")
        cases.append(("S_test", [struct.pack("<%db" % len(feat), *feat)], 1,
                      "examples/dtln/dtln_inout_data.cc feature_data; compared with golden_ref there",
                      [struct.pack("<%db" % len(gold), *gold)]))
    elif "examples/micro_speech/models/audio_preprocessor" in p:
        td = os.path.join(tflm, "tensorflow/lite/micro/examples/micro_speech/testdata")
        for tag in ["yes_30ms", "no_30ms"]:
            s = wav_samples(os.path.join(td, tag + ".wav"))[:480]
            cases.append(("S_" + tag, [struct.pack("<480h", *s)], 1,
                          "micro_speech/testdata/%s.wav, first 480 samples (one 30 ms window)" % tag, None))
        for tag in ["yes_1000ms", "no_1000ms"]:
            s = wav_samples(os.path.join(td, tag + ".wav"))
            frames = b"".join(struct.pack("<480h", *s[k * 320:k * 320 + 480]) for k in range(49))
            cases.append(("S_" + tag, [frames], 49,
                          "micro_speech/testdata/%s.wav as micro_speech_test.cc feeds it: 49 windows of "
                          "480 samples, stride 320, one interpreter (the front end keeps state)" % tag, None))
    elif p.endswith("examples/micro_speech/models/micro_speech_quantized.tflite"):
        pre = os.path.join(tflm, "tensorflow/lite/micro/examples/micro_speech/models/audio_preprocessor_int8.tflite")
        td = os.path.join(tflm, "tensorflow/lite/micro/examples/micro_speech/testdata")
        for tag in ["yes_1000ms", "no_1000ms", "silence_1000ms", "noise_1000ms"]:
            s = wav_samples(os.path.join(td, tag + ".wav"))
            frames = b"".join(struct.pack("<480h", *s[k * 320:k * 320 + 480]) for k in range(49))
            fin = os.path.join(tmp, "frames.bin")
            open(fin, "wb").write(frames)
            fdir = os.path.join(tmp, "features")
            run_oracle(a, pre, fdir, ["--input", fin, "--steps", "49"])
            feats = open(os.path.join(fdir, "output0.bin"), "rb").read()
            cases.append(("S_" + tag, [feats], 1,
                          "features of micro_speech/testdata/%s.wav computed by TFLM running "
                          "audio_preprocessor_int8.tflite as micro_speech_test.cc does (49 windows, stride 320)" % tag,
                          None))
    elif p.endswith("examples/micro_speech_lstm/micro_speech_lstm.tflite"):
        d = os.path.join(tflm, "third_party/xtensa/examples/micro_speech_lstm")
        for tag, f, arr in [("yes", "yes_micro_features_data.cc", "g_yes_micro_f2e59fea_nohash_1_data"),
                            ("no", "no_micro_features_data.cc", "g_no_micro_f9643d42_nohash_4_data")]:
            v = c_array(open(os.path.join(d, f)).read(), arr)
            cases.append(("S_" + tag, [struct.pack("<%db" % len(v), *v)], 1,
                          "third_party/xtensa/examples/micro_speech_lstm/%s (%s), as micro_speech_lstm_test.cc "
                          "feeds it" % (f, arr), None))
    elif p.endswith("examples/pytorch_to_tflite/mobilenet_v2_quantized_1x3x224x224.tflite"):
        d = os.path.join(tflm, "third_party/xtensa/examples/pytorch_to_tflite")
        v = c_array(open(os.path.join(d, "pytorch_images_dog_jpg.cc")).read(), "g_pytorch_images_dog_jpg_data")
        cases.append(("S_dog", [bytes(v)], 1,
                      "third_party/xtensa/examples/pytorch_to_tflite/pytorch_images_dog_jpg.cc: 150528 raw "
                      "bytes (NCHW image, not a JPEG despite the name) copied into the int8 input as "
                      "pytorch_to_tflite_test.cc does", None))
    elif "examples/mnist_lstm/trained_lstm" in p:
        # evaluate.py: float32 pixels / 255 (the images are 0..255); the int8 model quantizes
        # them as float32 data / scale + zero_point, truncated by astype(int8).
        sd = os.path.join(tflm, "tensorflow/lite/micro/examples/mnist_lstm/samples")
        t = m["inputs"][0]
        for f in sorted(os.listdir(sd)):
            w, h, px = png_gray8(os.path.join(sd, f))
            if (w, h) != (28, 28):
                continue
            x = [f32(v / 255.0) for v in px] if max(px) > 1 else [float(v) for v in px]
            if t["type"] == "FLOAT32":
                b = struct.pack("<784f", *x)
            else:
                sc, zp = f32(t["scale"][0]), t["zero_point"][0]
                q = [((int(f32(f32(v / sc) + zp)) + 128) & 255) - 128 for v in x]
                b = struct.pack("<784b", *q)
            cases.append(("S_" + f[:-4], [b], 1,
                          "examples/mnist_lstm/samples/%s, converted as evaluate.py does" % f, None))
    return cases


def describe_difference(got, want, ttype):
    fmt = {"INT8": "b", "INT16": "h", "INT32": "i", "FLOAT32": "f"}[ttype]
    size = struct.calcsize(fmt)
    if len(got) != len(want):
        return "%d bytes, checked-in golden has %d" % (len(got), len(want))
    a = struct.unpack("<%d%s" % (len(got) // size, fmt), got)
    b = struct.unpack("<%d%s" % (len(want) // size, fmt), want)
    d = [abs(x - y) for x, y in zip(a, b) if x != y]
    return "%d of %d elements differ, by at most %s" % (len(d), len(a), max(d))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tflm", required=True)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--survey", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    survey = json.load(open(a.survey))
    manifest = {"tflite_micro_commit": survey["tflite_micro_commit"], "models": [], "files": {}}
    os.makedirs(a.out, exist_ok=True)
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for m in survey["models"]:
            if "duplicate_of" in m or not m["tflm_runs"]:
                continue
            name = model_name(m["path"])
            src = os.path.join(a.tflm, m["path"])
            mdir = os.path.join(a.out, name)
            if os.path.exists(mdir):
                shutil.rmtree(mdir)
            os.makedirs(mdir)
            entry = {"name": name, "source": m["path"], "model_sha256": m["sha256"], "model_bytes": m["size"],
                     "inputs": m["inputs"], "outputs": m["outputs"], "ops": m["ops"], "cases": []}
            if m["size"] <= MAX_MODEL_COPY:
                shutil.copy(src, os.path.join(mdir, name + ".tflite"))
                entry["model_file"] = name + ".tflite"
            else:
                entry["model_file"] = None
                entry["model_left_out"] = "larger than 1 MB; take it from tflite-micro at the commit above"
            stateful = any(o in STATEFUL_OPS for o in m["ops"])
            # Intermediates only where they stay small.
            small = True
            for seed in SEEDS:
                case = "A_%d" % seed
                args = ["--seed", str(seed)]
                if seed == 1:
                    args.append("--intermediates")
                cmd = run_oracle(a, src, os.path.join(mdir, case), args)
                c = {"name": case, "seed": seed, "steps": 1, "command": "tflm_oracle " + " ".join(cmd[1:]).replace(a.tflm + "/", "").replace(a.out + "/", "")}
                if seed == 1:
                    idir = os.path.join(mdir, case, "intermediates")
                    isize = sum(os.path.getsize(os.path.join(idir, f)) for f in os.listdir(idir))
                    if isize > MAX_INTERMEDIATES:
                        shutil.rmtree(idir)
                        c["intermediates_left_out"] = "%d bytes" % isize
                    else:
                        c["intermediates"] = True
                entry["cases"].append(c)
            if stateful:
                cmd = run_oracle(a, src, os.path.join(mdir, "T_1"), ["--seed", "1", "--steps", str(STREAM_STEPS)])
                entry["cases"].append({"name": "T_1", "seed": 1, "steps": STREAM_STEPS,
                                       "command": "tflm_oracle " + " ".join(cmd[1:]).replace(a.tflm + "/", "").replace(a.out + "/", ""),
                                       "note": "one interpreter invoked %d times: the state carries over" % STREAM_STEPS})
            for cname, ins, steps, note, expected in real_cases(a, m, tmp):
                files = []
                for i, b in enumerate(ins):
                    f = os.path.join(tmp, "in%d.bin" % i)
                    open(f, "wb").write(b)
                    files += ["--input", f]
                cdir = os.path.join(mdir, cname)
                run_oracle(a, src, cdir, files + (["--steps", str(steps)] if steps > 1 else []))
                c = {"name": cname, "steps": steps, "source": note,
                     "command": "tflm_oracle run %s %s/%s --input ...%s" % (m["path"], name, cname, " --steps %d" % steps if steps > 1 else "")}
                if expected is not None:
                    got = open(os.path.join(cdir, "output0.bin"), "rb").read()
                    c["matches_tflm_checked_in_golden"] = got == expected[0]
                    if got != expected[0]:
                        c["checked_in_golden_difference"] = describe_difference(
                            got, expected[0], m["outputs"][0]["type"])
                        print("note: %s %s: %s" % (name, cname, c["checked_in_golden_difference"]), file=sys.stderr)
                entry["cases"].append(c)
            manifest["models"].append(entry)
            print(name, file=sys.stderr)
    for root, _, files in os.walk(a.out):
        for f in sorted(files):
            full = os.path.join(root, f)
            rel = os.path.relpath(full, a.out)
            if rel in ("manifest.json", "README.md", "CMakeLists.txt", "check_manifest.cmake"):
                continue
            manifest["files"][rel] = sha256(full)
            total += os.path.getsize(full)
    manifest["files"] = dict(sorted(manifest["files"].items()))
    manifest["total_bytes"] = total
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    write_readme(a.out, manifest)
    print("total %d bytes in %d files" % (total, len(manifest["files"])), file=sys.stderr)


def tensor_text(t):
    s = "%s [%s]" % (t["type"].lower(), ",".join(str(d) for d in t["shape"]))
    if "scale" in t and len(t["scale"]) == 1:
        s += " s=%.9g zp=%d" % (t["scale"][0], t["zero_point"][0])
    return s


README_HEAD = """# Golden data: TFLite Micro on its own example and test models

<!-- Generated by tools/tflm_oracle/make_goldens.py; do not edit by hand. -->

Every `output*.bin` and `intermediates/` file here was produced by **TensorFlow Lite Micro's
reference interpreter** (reference kernels, no CMSIS-NN) built for x86-64 outside this
repository, driven by `tools/tflm_oracle/tflm_oracle.cc`. No ctml code was involved. The test
`tflm_models_manifest` checks every file against the sha256 in `manifest.json` (and that no
unlisted file is present).

## Provenance

* tflite-micro `{commit}`; flatbuffers v25.9.23 with TFLM's `flatbuffers.patch`; gemmlowp
  `719139ce755a0f31cbf1c37f7f98adcc7fc9f425`; ruy `d37128311b445e758136b8602d1bbd2a755e115d`;
  kissfft v130 with TFLM's `kissfft.patch` (the same commits as `tests/data/mlperf_tiny`).
* g++ 12.2, `-std=c++17 -O2 -DNDEBUG -DTF_LITE_STATIC_MEMORY -DTF_LITE_DISABLE_X86_NEON
  -DTF_LITE_USE_CTIME -DKERNELS_OPTIMIZED_FOR_SPEED -fno-rtti -fno-exceptions`; every builtin
  kernel and the signal library's custom ops registered in one `MicroMutableOpResolver`.
* The build reproduces `tests/data/mlperf_tiny` (every output and intermediate) byte for byte
  (`tools/tflm_oracle/verify_mlperf.sh`).
* Commands: `tools/tflm_oracle/README.md` (build), then
  `tools/tflm_oracle/make_goldens.py --tflm <tflite-micro> --oracle <tflm_oracle> --survey tools/tflm_oracle/tflm_models.json --out tests/data/tflm_models`;
  each case's exact driver command is in `manifest.json` (`cases[].command`).

## Layout

```
<model>/
  <model>.tflite           the model, copied when it is at most 1 MB (sha256 in the table below)
  A_<seed>/                seeded random inputs, seeds 1..4
    input<i>.bin           raw bytes of input i (little-endian, NHWC, the model's input order)
    output<i>.bin          raw bytes of output i
    intermediates/tNNN.bin (A_1 only, when they total at most 256 KiB) every tensor of subgraph 0
                           that has no constant data, after Invoke(); NNN = flatbuffer tensor index
  T_1/                     stateful models (SVDF, LSTM, variables): seed 1, one interpreter invoked
                           8 times; input and output files hold the 8 steps back to back
  S_<tag>/                 real inputs shipped with the example or test (table below)
manifest.json              per model: source path, sha256, inputs, outputs, ops, cases; sha256 of
                           every file
```

Random inputs: xorshift32 (shifts 13, 17, 5), a fresh generator per input tensor starting at the
seed, one step per element: int8 = top byte of the state (the stream of `tests/data/mlperf_tiny`),
int16 = top 16 bits, int32 = the state, float32 = `(s >> 8) / 2^23 - 1` (uniform in [-1, 1)).
Under `T_1` the generator runs on across the steps.

## Real inputs (S_ cases)

* `seanet_*`: the integration test's own `<model>_input<i>_<type>.csv`. TFLM's checked-in
  `<model>_golden_<type>.csv` were made with TfLite, not TFLM, and TFLM's own test compares them
  with a tolerance of ±1 ("TfLite and TFLM can sometimes be off by 1"); `matches_tflm_checked_in_golden`
  in the manifest says where our TFLM bytes equal them ({golden_match} cases do, {golden_differ} differ by 1
  in a few elements: {golden_list}). The files here are TFLM's bytes.
* `audio_preprocessor_int8`, `audio_preprocessor_float`: `micro_speech/testdata/{{yes,no}}_30ms.wav`
  (one 480-sample window; the int8 features equal the ones `micro_speech_test.cc` expects) and
  `{{yes,no}}_1000ms.wav` streamed as 49 windows of 480 samples with stride 320 through one interpreter.
* `micro_speech_quantized`: the int8 features of `{{yes,no,silence,noise}}_1000ms.wav` computed by
  TFLM with `audio_preprocessor_int8.tflite` as `micro_speech_test.cc` does; TFLM classifies them
  yes, no, silence, silence.
* `dtln_noise_suppression`: `examples/dtln/dtln_inout_data.cc` (`feature_data`; the output equals
  its `golden_ref`).
* `trained_lstm`, `trained_lstm_int8` (mnist_lstm): `examples/mnist_lstm/samples/sample0..9.png`,
  converted as `evaluate.py` does (float32 pixel / 255; int8 = truncation of x / scale + zero point
  in float32). TFLM classifies each as its digit.
* `micro_speech_lstm`: the yes/no int8 spectrograms of
  `third_party/xtensa/examples/micro_speech_lstm/{{yes,no}}_micro_features_data.cc` (TFLM scores
  them yes and no).
* `mobilenet_v2_quantized_1x3x224x224`: the 150528 raw bytes of
  `third_party/xtensa/examples/pytorch_to_tflite/pytorch_images_dog_jpg.cc` (an NCHW image despite
  the name), copied into the int8 input as `pytorch_to_tflite_test.cc` does (TFLM's top class is
  258, a dog breed in ImageNet's order).
* No real input exists in the snapshot for `person_detect` (its images are downloaded at build
  time), `hello_world_*`, `simple_add_model`, `keyword_scrambled*`.

## Left out

{left_out}

## Models

| model | source (in tflite-micro) | sha256 | inputs | outputs | cases |
|---|---|---|---|---|---|
"""


def write_readme(out, manifest):
    match = differ = 0
    dl = []
    left = []
    for e in manifest["models"]:
        for c in e["cases"]:
            if "matches_tflm_checked_in_golden" in c:
                if c["matches_tflm_checked_in_golden"]:
                    match += 1
                else:
                    differ += 1
                    dl.append("`%s` (%s)" % (e["name"], c["checked_in_golden_difference"]))
            if "intermediates_left_out" in c:
                left.append("* `%s`: intermediates of `%s` (%s; over the 256 KiB limit)." % (
                    e["name"], c["name"], c["intermediates_left_out"]))
        if e.get("model_file") is None:
            left.append("* `%s`: the model file (%d bytes, over 1 MB); take `%s` from tflite-micro "
                        "at the commit above (sha256 below)." % (e["name"], e["model_bytes"], e["source"]))
    left.append("* `tensorflow/lite/micro/models/person_detect_vela.tflite`: TFLM's reference interpreter "
                "cannot run it (its `ethos-u` custom op needs an Ethos-U NPU), so there is no golden.")
    left.append("* Duplicate files (same sha256) appear once: `hello_world_float` (also "
                "`python/tflite_micro/sine_float.tflite`) and `simple_add_model` (also "
                "`tensorflow/lite/micro/python/tflite_size/tests/simple_add_model.tflite`).")
    text = README_HEAD.format(commit=manifest["tflite_micro_commit"], golden_match=match, golden_differ=differ,
                              golden_list=", ".join(dl) or "none", left_out="\n".join(left))
    rows = []
    for e in manifest["models"]:
        rows.append("| `%s` | `%s` | `%s` | %s | %s | %s |" % (
            e["name"], e["source"], e["model_sha256"],
            "<br>".join(tensor_text(t) for t in e["inputs"]),
            "<br>".join(tensor_text(t) for t in e["outputs"]),
            ", ".join(c["name"] for c in e["cases"])))
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write(text + "\n".join(rows) + "\n\nTotal: %d files, %d bytes (without this README and the manifest).\n" % (
            len(manifest["files"]), manifest["total_bytes"]))


if __name__ == "__main__":
    main()
