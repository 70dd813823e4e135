#!/usr/bin/python3
"""Regenerates the Cortex-M footprint and instruction-count report (one command):

    /usr/bin/python3 benchmarks/cortex_m/report.py [--targets m4,m55] [--opts O2,Os,Os-sf]
        [--os-targets all|m0p,m4] [--sf-targets m4,m55|all] [--jobs 2]

For every target (m0p m4 m7 m33 m55) at -O2, every target at -Os (--os-targets m0p,m4: only those), and
m4 and m55 at -Os with the size-first kernel policy (Os-sf: -DCTML_KERNELS_SIZE_FIRST) it configures a cross build in build/report/<target>-<opt>, builds the golden model images of tests/cortex_m/models and the
harness baseline, runs them under QEMU (-icount), and writes, next to this script:
  README.md        tables, and how each number is measured
  instructions.svg bar chart: instructions per inference, per model and target (-O2)
  cmsis_nn.svg     bar chart: ctml / TFLM + CMSIS-NN instructions (issue #8), per model and per operator
  results.txt      one `RESULT model=... target=... opt=... insns=... flash_code=...` line each, and one
                   `LAYER model=... index=... insns=... macs=... kernel_code=...` line per layer, and one
                   `BUDGET model=... budget=... target=... insns=... arena=... overhead_pct=...` line per
                   RAM-budget image (issue #16: KWS at 9,216 B and one byte below its plan, VWW at 40,960 B, IC smallest and every
                   in place; -O2, every target)
A model image that fails its golden check (output bytes != TFLite Micro) fails the report, a
RAM-budget image too.
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = {  # target: (QEMU machine, description)
    "m0p": ("mps2-an385", "Cortex-M0+ (Armv6-M code on QEMU's M3 model)"),
    "m4": ("mps2-an386", "Cortex-M4F"),
    "m7": ("mps2-an500", "Cortex-M7"),
    "m33": ("mps2-an505", "Cortex-M33"),
    "m55": ("mps3-an547", "Cortex-M55 (Helium)"),
}
MODELS = {  # short name: (model, description)
    "kws": ("kws_ref_model", "keyword spotting, DS-CNN"),
    "ad": ("ad01_int8", "anomaly detection, autoencoder"),
    "vww": ("vww_96_int8", "visual wake words, MobileNetV1 0.25"),
    "ic": ("pretrainedResnet_quant", "image classification, ResNet-8"),
}
# Flash: code (and the small rest: vector table, unwind index, init array, .data initialisers) and
# read-only data, where the weights, biases and multipliers are.
CODE_SECTIONS = (".vectors", ".text", ".ARM.exidx", ".ARM.extab", ".init_array", ".data")
RAM_SECTIONS = (".data", ".bss")
OPT_FLAGS = {"O2": "-O2", "Os": "-Os", "Os-sf": "-Os -DCTML_KERNELS_SIZE_FIRST"}
OPT_LABEL = {"O2": "-O2", "Os": "-Os", "Os-sf": "-Os size-first"}
# Issue #16: the golden images of tests/cortex_m/models that run a model under a RAM budget
# (ctml::scheduled, docs/memory.md), built and measured at -O2 next to the model without one.
# model: [(image suffix, what the budget is)]
BUDGETS = {
    "kws": [("ram9216", "9,216 B"), ("below", "one byte below its plan")],
    "vww": [("ram40960", "40,960 B (first 4 layers as one patch)")],
    "ic": [("smallest", "`ctml::smallest_ram`"), ("every", "every layer in place that can be")],
}


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def budget_images(opt, models):
    """The RAM-budget images a configuration builds and measures: -O2 only."""
    return [(m, suffix) for m in models for suffix, _ in BUDGETS.get(m, [])] if opt == "O2" else []


def configure_and_build(target, opt, models, importer, jobs):
    build = os.path.join(ROOT, "build", "report", f"{target}-{opt}")
    args = ["cmake", "-S", os.path.join(HERE, "project"), "-B", build, "-G", "Ninja",
            f"-DCMAKE_TOOLCHAIN_FILE={ROOT}/cmake/toolchains/arm-none-eabi.cmake",
            f"-DCTML_CM_TARGET={target}", "-DCMAKE_BUILD_TYPE=Release",
            f"-DCMAKE_CXX_FLAGS_RELEASE={OPT_FLAGS[opt]} -DNDEBUG", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
            f"-DCTML_CM_MODELS={';'.join(models)}"]
    if importer:
        args.append(f"-DCTML_IMPORT_EXECUTABLE={importer}")
    if shutil.which("ccache"):  # as the presets do (CTML_CCACHE): reruns recompile only what changed
        args.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    run(args)
    targets = ["cortex_m_baseline"] + [f"cortex_m_{k}_{m}" for m in models for k in ("model", "layers")]
    targets += [f"cortex_m_model_{m}_{suffix}" for m, suffix in budget_images(opt, models)]
    subprocess.run(["cmake", "--build", build, "-j", str(jobs), "--target", *targets], check=True,
                   stdout=subprocess.DEVNULL)
    return build


def build_host_importer(jobs):
    """ctml-import for the host, built once in build/report/host (only the tool)."""
    build = os.path.join(ROOT, "build", "report", "host")
    run(["cmake", "-S", ROOT, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", "-DCTML_BUILD_TESTS=OFF",
         "-DCTML_BUILD_BENCHMARKS=OFF", "-DCTML_BUILD_EXAMPLES=OFF", "-DCTML_INSTALL=OFF"])
    subprocess.run(["cmake", "--build", build, "-j", str(jobs), "--target", "ctml-import"], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(build, "tools", "ctml-import", "ctml-import")


def image(build, name):
    return os.path.join(build, "models", f"{name}.elf")


def sections(elf):
    sizes = {}
    for line in run(["arm-none-eabi-size", "-A", elf]).stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].startswith(".") and parts[1].isdigit():
            sizes[parts[0]] = int(parts[1])
    return sizes


def symbol_bytes(elf, prefix):
    total = 0
    for line in run(["arm-none-eabi-nm", "-S", "-C", elf]).stdout.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and parts[3].startswith(prefix):
            total += int(parts[1], 16)
    return total


def footprint(elf, baseline):
    s, b = sections(elf), sections(baseline)
    code = sum(s.get(k, 0) for k in CODE_SECTIONS) - sum(b.get(k, 0) for k in CODE_SECTIONS)
    golden = symbol_bytes(elf, "ctml_cm_golden::") + symbol_bytes(elf, "(anonymous namespace)::layer_macs")
    weights = s.get(".rodata", 0) - b.get(".rodata", 0) - golden
    static = sum(s.get(k, 0) for k in RAM_SECTIONS) - sum(b.get(k, 0) for k in RAM_SECTIONS)
    # The harness's arena is a plain global in .bss (firmware-shaped), so `static` includes it.
    arena = symbol_bytes(elf, "(anonymous namespace)::arena")
    return {"flash_code": code, "flash_weights": weights, "ram": max(static, arena), "arena": arena,
            "static": static}


def measure(elf, target):
    machine = TARGETS[target][0]
    p = subprocess.run([os.path.join(ROOT, "cmake", "cortex_m", "run.sh"), "--machine", machine, elf],
                       text=True, capture_output=True)
    if p.returncode != 0:
        sys.exit(f"report: {elf} failed on {target} (exit {p.returncode}):\n{p.stdout}\n{p.stderr}")
    fields, layers = {}, []
    for line in p.stdout.splitlines():
        if line.startswith("MEASURE "):
            fields = dict(kv.split("=", 1) for kv in line.split()[1:])
        elif line.startswith("LAYER "):
            kv = dict(kv.split("=", 1) for kv in line.split()[1:])
            layers.append({"insns": int(kv["insns"]), "macs": int(kv.get("macs", 0))})
    if not fields or fields.get("insns") == str(2**64 - 1):
        sys.exit(f"report: no valid measurement from {elf}:\n{p.stdout}\n{p.stderr}")
    return fields, layers


def measure_model(elf, baseline, target):
    """Footprint and MEASURE fields of one model image (golden-checked by measure())."""
    fields, _ = measure(elf, target)
    r = footprint(elf, baseline)
    r.update(insns=int(fields["insns"]), stack=int(fields["stack"]), macs=int(fields["macs"]),
             arena_constexpr=int(fields["arena"]), weight_bytes=int(fields["weight_bytes"]),
             cases=int(fields["cases"]))
    return r


def compile_seconds(build, model):
    """CPU seconds (user + sys) of compiling the model's TU, from compile_commands.json; best of 2."""
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    for e in entries:
        if e["file"].endswith("tests/cortex_m/models/model_test.cpp") and f"CTML_CM_MODEL={model} " in e["command"] + " ":
            cmd = re.sub(r" -o \S+", " -o /dev/null", e["command"])
            cmd = re.sub(r" -MD -MT \S+ -MF \S+", "", cmd)
            best = None
            for _ in range(2):
                before = os.times()
                wall = time.monotonic()
                subprocess.run(cmd, shell=True, check=True, cwd=e["directory"])
                after = os.times()
                cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
                sample = (cpu, time.monotonic() - wall)
                best = sample if best is None or sample[0] < best[0] else best
            return best
    return None


# --- Layers and kernels ------------------------------------------------------------------------------

# The figures of issue #8: TensorFlow Lite Micro (tflite-micro 90b983c2) with CMSIS-NN (4ab83cc3),
# arm-none-eabi-gcc 12 -O2, one Invoke after a warm-up, instructions under QEMU -icount.
TARGET_RATIO = {"m4": 0.5, "m55": 0.45, "m0p": 0.8}  # issue #15: ctml / TFLM + CMSIS-NN, bold when met
CMSIS_NN = {  # model: {target: instructions}; "m4_ref": TFLM reference kernels on the M4
    "kws": {"m4": 7_696_900, "m55": 1_812_621, "m0p": 28_993_965, "m4_ref": 43_112_173},
    "vww": {"m4": 24_101_870, "m55": 6_558_236, "m0p": 86_904_064, "m4_ref": 100_483_967},
    "ic": {"m4": 29_862_887, "m55": 4_911_142, "m0p": 97_555_147, "m4_ref": 107_487_216},
    "ad": {"m4": 582_934, "m55": 149_971, "m0p": 1_763_026, "m4_ref": 1_953_909},
}
CMSIS_NN_CODE_M4 = {"O2": 79_600, "Os": 65_900, "Os-sf": 65_900}  # bytes of TFLM + CMSIS-NN code (issue: 79.6 / 65.9 KB)
# CMSIS-NN per operator on the M4 (-O2): (label, model, layers, instructions per layer or (min, max)).
CMSIS_NN_OPS = [
    ("first conv 10x4, 1 → 64, stride 2", "kws", [0], 1_118_435),
    ("depthwise 3x3, 64 ch, 25x5", "kws", [1, 3, 5, 7], 561_387),
    ("pointwise 1x1, 64 → 64, 25x5", "kws", [2, 4, 6, 8], 1_069_280),
    ("average pool 25x5", "kws", [9], 51_006),
    ("first conv 3x3, 3 → 8, stride 2, 96x96", "vww", [0], 3_045_285),
    ("depthwise 3x3", "vww", list(range(1, 26, 2)), (78_265, 1_469_583)),
    ("pointwise 1x1", "vww", list(range(2, 27, 2)), (635_456, 1_955_216)),
    ("conv 3x3, 16 → 16, 32x32", "ic", [1, 2], 5_493_399),
    ("residual ADD, 32x32x16", "ic", [3], 1_332_176),
    ("fully connected 640 → 128", "ad", [0], 160_393),
]
# Kernel header (include/ctml/kernels/**/<stem>.hpp) -> the layer kind its functions serve.
KERNEL_FILES = {"conv2d": "conv2d", "depthwise_conv2d": "depthwise_conv2d", "dense": "dense",
                "elementwise": "add", "pooling": "average_pool2d", "softmax": "softmax"}
SPATIAL_KINDS = ("conv2d", "depthwise_conv2d", "average_pool2d", "max_pool2d")
DEFINITION = re.compile(r"^[ \t]*(?:\[\[[^\]\n]*\]\][ \t]*)*(?:(?:static|inline|constexpr|consteval)[ \t]+)*"
                        r"([\w:]+(?:<[^;{}()\n]*>)?)[ \t\*&]+(\w+)[ \t]*\(", re.M)


def model_summary(build, short):
    """The layer table ctml-import writes at the top of the generated header (kind and output shape)."""
    model = MODELS[short][0]
    path = os.path.join(build, "models", f"cortex_m_{short}_model_generated", f"{model}.hpp")
    rows = []
    with open(path) as f:
        for line in f:
            if not line.startswith("//"):
                break
            m = re.match(r"//\s+(\d+)\s+(\w+)\s+([\dx]+)\s+([\d,]+)\s+([\d,]+)\s*$", line)
            if m:
                rows.append({"kind": m.group(2), "shape": tuple(int(d) for d in m.group(3).split("x")),
                             "macs": int(m.group(5).replace(",", ""))})
        # The kernel window and input channels of each weighted layer, from its weights' declaration.
        decl = re.compile(r"ctml::(conv2d|depthwise_conv2d|dense)_weights<[^,>]+,([\d,\s]+)>\s+op(\d+)_")
        for m in decl.finditer(f.read()):
            dims, i = [int(v) for v in m.group(2).split(",")], int(m.group(3))
            if i < len(rows):  # conv2d: filters, kh, kw, in_c; depthwise: kh, kw, in_c; dense: units, in
                rows[i]["window"] = {"conv2d": lambda d: (d[1], d[2], d[3]), "depthwise_conv2d": lambda d: (d[0], d[1], d[2]),
                                     "dense": lambda d: (d[1],)}[m.group(1)](dims)
    return rows


def kernel_kinds():
    """(namespace, function name) -> layer kind, from where each function is defined in the kernel headers."""
    table = {}
    base = os.path.join(ROOT, "include", "ctml", "kernels")
    for sub in sorted(os.listdir(base)) + [""]:
        d = os.path.join(base, sub)
        if not os.path.isdir(d):
            continue
        ns = "ctml::kernels" + (f"::{sub}" if sub else "")
        for f in sorted(os.listdir(d)):
            if f.endswith(".hpp"):
                kind = KERNEL_FILES.get(f[:-4], "shared")
                with open(os.path.join(d, f)) as src:
                    for m in DEFINITION.finditer(src.read()):
                        if m.group(1) not in ("return", "else", "case"):
                            table.setdefault((ns, m.group(2)), kind)
    return table


def template_args(text, start):
    """Top-level template arguments of the list opening at text[start] == '<'."""
    depth, args, cur = 0, [], ""
    for ch in text[start:]:
        if ch in "<({[":
            depth += 1
            if depth == 1:
                continue
        elif ch in ">)}]":
            depth -= 1
            if depth == 0:
                args.append(cur.strip())
                return args
        if depth == 1 and ch == ",":
            args.append(cur.strip())
            cur = ""
        elif depth >= 1:
            cur += ch
    return args


def kernel_key(kind, args):
    """Which layer a kernel instantiation serves, from its template arguments: the output (h, w, c)
    and, for convolutions, the window (kh, kw, input channels) of its window_geometry; units and
    inputs for dense; the element count for add and softmax. Compared with layer_key()."""
    if args and args[0].startswith("ctml::kernels::window_geometry{"):
        nums = [int(v) for v in re.findall(r"-?\d+", args[0].split("{", 1)[1])]
        if kind in ("conv2d", "depthwise_conv2d"):
            return (kind, tuple(nums[3:6]), (nums[6], nums[7], nums[2]))
        return (kind, tuple(nums[3:6]), None)
    ints = [int(a.rstrip("ul")) for a in args[:2] if re.fullmatch(r"\d+[ul]*", a)]
    if kind == "softmax" and len(ints) == 2:
        return (kind, (ints[0] * ints[1],), None)
    if kind == "dense" and len(ints) == 2:
        return (kind, (ints[0],), (ints[1],))
    if kind == "add" and ints:
        return (kind, (ints[0],), None)
    return None


def layer_key(row):
    kind, shape = row["kind"], row["shape"]
    return (kind, shape if kind in SPATIAL_KINDS else (math.prod(shape),), row.get("window"))


def text_symbols(elf):
    """name -> bytes of the code symbols (t/T/w/W) of an image."""
    out = {}
    for line in run(["arm-none-eabi-nm", "-S", "-C", elf]).stdout.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and parts[2] in "tTwW":
            out[parts[3]] = out.get(parts[3], 0) + int(parts[1], 16)
    return out


def kernel_flash(elf, baseline, summary, kinds):
    """Code bytes per layer kernel: every code symbol of the model image that the harness image does
    not have, grouped by kernel (see "How each number is measured")."""
    base = text_symbols(baseline)
    keys = [layer_key(r) for r in summary]
    groups = {}  # layer key -> {"bytes", "kernels": set of top-level instantiations}
    per_layer_extra = [0] * len(summary)
    buckets = {"invoke": 0, "runtime": 0, "harness": 0, "other": 0}
    helpers = {}  # layer kind (or "shared") -> bytes of kernel helpers not tied to one layer
    for name, size in text_symbols(elf).items():
        if name.startswith("(anonymous namespace)::run_once"):  # the harness's has an empty body
            buckets["invoke"] += size - base.get(name, 0)
            continue
        if name in base:
            continue
        if name.startswith("(anonymous namespace)::") or name == "main":
            buckets["harness"] += size  # the golden checks and printing
            continue
        at = name.find("ctml::kernels::")
        if at < 0:
            op = re.search(r"_data::op(\d+)_", name)
            if name.startswith("ctml::") and op and int(op.group(1)) < len(summary):
                per_layer_extra[int(op.group(1))] += size  # a layer's own out-of-line code
            elif name.startswith("__") or not name.startswith(("ctml", "void ctml", "_ZN4ctml")):
                buckets["runtime"] += size  # libgcc/newlib helpers the kernels pull in
            else:
                buckets["other"] += size
            continue
        m = re.match(r"[\w:]+", name[at:])
        qualified = m.group(0)
        parts = [p for p in qualified.split("::") if p != "detail"]
        ns, func = "::".join(parts[:-1]), parts[-1]
        kind = kinds.get((ns, func)) or kinds.get(("ctml::kernels", func), "shared")
        if kind == "shared" and func.endswith("_kernel"):  # a kernel type's run (CTML_KERNEL_ENTRY)
            kind = KERNEL_FILES.get(re.sub(r"_(s8|s16|f32)_kernel$", "", func), "shared")
        lt = at + len(qualified)
        args = template_args(name, lt) if lt < len(name) and name[lt] == "<" else []
        key = kernel_key(kind, args) if kind != "shared" else None
        if key is None or key not in keys:
            # A helper instantiated per requantization constants, input length or vector width:
            # shared by the layers of that kind with equal values.
            helpers[kind] = helpers.get(kind, 0) + size
            continue
        g = groups.setdefault(key, {"bytes": 0, "kernels": set()})
        g["bytes"] += size
        if "::detail::" not in qualified and "{lambda" not in name:
            g["kernels"].add(name[at:].split(" [clone")[0].split("(")[0])
    layers = []
    for i, k in enumerate(keys):
        g = groups.get(k)
        sharing = [j for j, kk in enumerate(keys) if kk == k]
        layers.append({"bytes": (g["bytes"] if g else 0) + per_layer_extra[i], "shared_by": len(sharing),
                       "kernels": len(g["kernels"]) if g else 0})
    total = sum(g["bytes"] for g in groups.values()) + sum(per_layer_extra) + sum(helpers.values())
    return {"layers": layers, "buckets": buckets, "helpers": helpers, "kernels_total": total}


def svg_chart(results, targets, models):
    """Horizontal bars, log scale: instructions per inference at -O2, grouped by model."""
    rows = [(m, t, results[(m, t, "O2")]["insns"]) for m in models for t in targets if (m, t, "O2") in results]
    if not rows:
        return ""
    left, width, bar, gap = 190, 560, 14, 4
    lo = 10 ** math.floor(math.log10(min(r[2] for r in rows)))
    hi = 10 ** math.ceil(math.log10(max(r[2] for r in rows)))
    x = lambda v: left + width * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    colors = {"m0p": "#8c564b", "m4": "#1f77b4", "m7": "#ff7f0e", "m33": "#2ca02c", "m55": "#9467bd"}
    y, out = 40, []
    for m in models:
        group = [r for r in rows if r[0] == m]
        if not group:
            continue
        out.append(f'<text x="10" y="{y + 10}" font-weight="bold">{m}</text>')
        for _, t, v in group:
            out.append(f'<text x="{left - 8}" y="{y + bar - 3}" text-anchor="end">{t}</text>')
            out.append(f'<rect x="{left}" y="{y}" width="{x(v) - left:.1f}" height="{bar}" fill="{colors[t]}"/>')
            out.append(f'<text x="{x(v) + 4:.1f}" y="{y + bar - 3}">{v:,}</text>')
            y += bar + gap
        y += 12
    ticks = []
    decade = lo
    while decade <= hi:
        ticks.append(f'<line x1="{x(decade):.1f}" y1="30" x2="{x(decade):.1f}" y2="{y}" stroke="#ccc"/>'
                     f'<text x="{x(decade):.1f}" y="{y + 14}" text-anchor="middle">1e{int(math.log10(decade))}</text>')
        decade *= 10
    h = y + 30
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 120}" height="{h}" '
            f'font-family="sans-serif" font-size="11">\n'
            f'<text x="10" y="18" font-size="13">Instructions per inference (QEMU -icount, -O2, log scale)</text>\n'
            + "\n".join(ticks + out) + "\n</svg>\n")


def cmsis_op_rows(layers):
    """The per-operator comparison on the M4 (-O2): one row per entry of CMSIS_NN_OPS."""
    rows = []
    for label, m, idx, ref in CMSIS_NN_OPS:
        lay = layers.get((m, "m4", "O2"))
        if not lay or max(idx) >= len(lay):
            continue
        counts = [lay[i]["insns"] for i in idx]
        macs = lay[idx[0]]["macs"]
        if isinstance(ref, tuple):  # a range over several layers: smallest and largest against CMSIS-NN's
            rows.append({"label": f"{label} ({m.upper()} {idx[0]} … {idx[-1]})", "ctml": (min(counts), max(counts)),
                         "cmsis": ref, "ratio": (min(counts) / ref[0], max(counts) / ref[1]), "per_mac": None})
        else:
            each = max(counts)
            rows.append({"label": f"{label} ({m.upper()} {', '.join(map(str, idx))})", "ctml": each, "cmsis": ref,
                         "ratio": each / ref, "per_mac": each / macs if macs else None, "n": len(idx)})
    return rows


def svg_compare(results, layers, models):
    """Two panels of horizontal bars: ctml's instructions as a fraction of TFLM + CMSIS-NN's (issue #8)
    per model on M4 / M55 / M0+ (-O2), and per operator on the M4."""
    bars = []  # (group, label, ratio, text, color)
    colors = {"m4": "#1f77b4", "m55": "#9467bd", "m0p": "#8c564b", "op": "#2ca02c"}
    for m in models:
        for t in ("m4", "m55", "m0p"):
            r = results.get((m, t, "O2"))
            if r and m in CMSIS_NN:
                ref = CMSIS_NN[m][t]
                bars.append((f"{m.upper()}", {"m4": "Cortex-M4 (DSP ext.)", "m55": "Cortex-M55 (Helium)",
                                              "m0p": "Cortex-M0+ (plain C)"}[t], r["insns"] / ref, f"{r['insns']:,} vs {ref:,}  ({r['insns'] / ref:.2f}×)",
                             colors[t]))
    ops = cmsis_op_rows(layers)
    for row in ops:
        if isinstance(row["ratio"], tuple):
            for which, k in (("smallest", 0), ("largest", 1)):
                bars.append(("Cortex-M4, per operator", f"{row['label']}, {which}", row["ratio"][k],
                             f"{row['ctml'][k]:,} vs {row['cmsis'][k]:,}  ({row['ratio'][k]:.2f}×)", colors["op"]))
        else:
            bars.append(("Cortex-M4, per operator", row["label"], row["ratio"],
                         f"{row['ctml']:,} vs {row['cmsis']:,}  ({row['ratio']:.2f}×)", colors["op"]))
    if not bars:
        return ""
    left, width, bar, gap = 330, 420, 13, 4
    top = max(1.2, math.ceil(max(b[2] for b in bars) * 5) / 5)
    x = lambda v: left + width * min(v, top) / top
    y, out, group = 48, [], None
    for g, label, ratio, text, color in bars:
        if g != group:
            y += 8
            out.append(f'<text x="10" y="{y + 10}" font-weight="bold">{g}</text>')
            y += 16
            group = g
        out.append(f'<text x="{left - 6}" y="{y + bar - 3}" text-anchor="end">{label}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{x(ratio) - left:.1f}" height="{bar}" fill="{color}"/>')
        out.append(f'<text x="{x(ratio) + 4:.1f}" y="{y + bar - 3}">{text}</text>')
        y += bar + gap
    grid = []
    v = 0.0
    while v <= top + 1e-9:
        grid.append(f'<line x1="{x(v):.1f}" y1="40" x2="{x(v):.1f}" y2="{y}" stroke="#ddd"/>'
                    f'<text x="{x(v):.1f}" y="{y + 14}" text-anchor="middle">{v:.1f}</text>')
        v += 0.2
    grid.append(f'<line x1="{x(0.5):.1f}" y1="40" x2="{x(0.5):.1f}" y2="{y}" stroke="#d62728" stroke-dasharray="4,3"/>'
                f'<text x="{x(0.5) + 3:.1f}" y="38" fill="#d62728">M4 target 0.5× (M55 0.45×, M0+ 0.8×)</text>')
    grid.append(f'<line x1="{x(1.0):.1f}" y1="40" x2="{x(1.0):.1f}" y2="{y}" stroke="#555"/>'
                f'<text x="{x(1.0) + 3:.1f}" y="38" fill="#555">TFLM + CMSIS-NN</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 250}" height="{y + 30}" '
            f'font-family="sans-serif" font-size="11">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n'
            f'<text x="10" y="18" font-size="13">ctml instructions / TFLM + CMSIS-NN instructions '
            f'(QEMU -icount, -O2, one inference; CMSIS-NN figures from issue #8)</text>\n'
            + "\n".join(grid + out) + "\n</svg>\n")


def fmt_ratio(v):
    return f"{v[0]:.2f} – {v[1]:.2f}" if isinstance(v, tuple) else f"{v:.2f}"


def fmt_count(v):
    return f"{v[0]:,} – {v[1]:,}" if isinstance(v, tuple) else f"{v:,}"


def ratio_range(results, models, num, den):
    """min and max over the models of results[num]['insns'] / results[den]['insns'] ((target, opt) pairs)."""
    ratios = [results[(m, *num)]["insns"] / results[(m, *den)]["insns"] for m in models
              if (m, *num) in results and (m, *den) in results]
    return (min(ratios), max(ratios)) if ratios else None


def m7_m33_note(results, models):
    parts = []
    for t in ("m7", "m33"):
        r = ratio_range(results, models, (t, "O2"), ("m4", "O2"))
        if r:
            parts.append(f"{t.upper()} ÷ M4 {fmt_ratio(r) if fmt_ratio(r) != fmt_ratio((r[0], r[0])) else f'{r[0]:.2f}'}")
    return f": instructions at -O2 over the models, {', '.join(parts)}" if parts else ""


SIZE_FIRST_BOUND = 1.1  # issue #15: the size-first policy's instructions at most 1.1x the fast policy's


def code_size_section(results, kflash, models, targets):
    """Issue #15: kernel code per model at -O2 / -Os / -Os size-first on every target, and the speed
    the size-first policy gives up against -O2."""
    cfg = [(m, t) for m in models for t in targets if (m, t, "O2") in results]
    if not cfg or not any((m, t, o) in results for m, t in cfg for o in ("Os", "Os-sf")):
        return []
    cell = lambda m, t, o, f: f(m, t, o) if (m, t, o) in results else "—"
    kern = lambda m, t, o: f"{kflash[(m, t, o)]['kernels_total']:,}"
    code = lambda m, t, o: f"{results[(m, t, o)]['flash_code']:,}"
    md = ["", "## Kernel code per target, and the size-first policy (issue #15)", "",
          "Kernel code (`.text` of the kernels and invoke; \"kernel code total\" of the flash-per-kernel tables) "
          "and flash code (image − harness) per model and target, at -O2, -Os and -Os with the size-first "
          f"kernel policy; then instructions per inference against -O2's (issue #15 wants "
          f"the size-first policy within {SIZE_FIRST_BOUND}× of the fast one; **bold**: within, ✗: not), and "
          "the policy alone: size-first against the default policy, both at -Os.", "",
          "| model | target | kernel code -O2 | -Os | -Os size-first | flash code -O2 | -Os | -Os size-first "
          "| instructions -Os ÷ -O2 | -Os size-first ÷ -O2 | -Os size-first ÷ -Os |",
          "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    misses, within = [], []
    for m, t in cfg:
        base = results[(m, t, "O2")]["insns"]
        ratios = []
        for o in ("Os", "Os-sf"):
            r = results.get((m, t, o))
            if not r:
                ratios.append("—")
                continue
            v = r["insns"] / base
            if o == "Os-sf":
                (within if v <= SIZE_FIRST_BOUND else misses).append(f"{m.upper()} {t.upper()} {v:.2f}×")
                ratios.append(f"**{v:.2f}**" if v <= SIZE_FIRST_BOUND else f"{v:.2f} ✗")
            else:
                ratios.append(f"{v:.2f}")
        sf, os_ = results.get((m, t, "Os-sf")), results.get((m, t, "Os"))
        ratios.append(f"{sf['insns'] / os_['insns']:.2f}" if sf and os_ else "—")
        md.append(f"| {m} | {t} | " + " | ".join(cell(m, t, o, kern) for o in ("O2", "Os", "Os-sf")) + " | "
                  + " | ".join(cell(m, t, o, code) for o in ("O2", "Os", "Os-sf")) + " | " + " | ".join(ratios) + " |")
    if within or misses:
        md += ["", f"Size-first (-Os) against -O2: within {SIZE_FIRST_BOUND}× for "
               + (", ".join(within) or "none") + f"; above {SIZE_FIRST_BOUND}× for " + (", ".join(misses) or "none") + "."]
    return md


def budget_section(results, budgets, models, targets):
    """Issue #16: the models under a RAM budget against the same models without one (-O2)."""
    rows = [(m, suffix, label, t) for m in models for suffix, label in BUDGETS.get(m, []) for t in targets
            if (m, suffix, t) in budgets]
    if not rows:
        return []
    md = ["", "## Under a RAM budget (issue #16)", "",
          "The golden images of tests/cortex_m/models that run the model as `ctml::scheduled<Model, "
          "ctml::budget{.ram = N}>` (docs/memory.md: convolutions in place where the budget needs them, "
          "VWW's first layers as one patch computed row by row), built at -O2 in the same builds as the "
          "tables above and measured the same way; each passed its golden check (TFLite Micro's output "
          "bytes for every embedded input) before its numbers were recorded. IC \"every in place\": every "
          "layer that can run in place doing so (`ctml::detail::every_in_place_t`), whatever the RAM. "
          "Overhead: instructions under the budget − the same model's without one (-O2, same target), and "
          "as a percentage of the latter (negative: fewer instructions). In parentheses: the model without "
          "a budget. Arena: the model's constexpr `arena_bytes`, what the budget bounds (the arena object "
          "in `.bss`, the RAM of the tables above, rounds it up to its alignment).", "",
          "| model | budget | target | arena_bytes | instructions | overhead | stack (bytes) | flash code |",
          "|---|---|---|---:|---:|---:|---:|---:|"]
    for m, suffix, label, t in rows:
        b, p = budgets[(m, suffix, t)], results[(m, t, "O2")]
        md.append(f"| {m} | {label} | {t} | {b['arena_constexpr']:,} ({p['arena_constexpr']:,}) | {b['insns']:,} | "
                  f"{b['insns'] - p['insns']:+,} ({100 * (b['insns'] / p['insns'] - 1):+.2f} %) | {b['stack']:,} ({p['stack']:,}) | "
                  f"{b['flash_code']:,} ({p['flash_code']:,}) |")
    return md


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--targets", default="m0p,m4,m7,m33,m55")
    ap.add_argument("--opts", default="O2,Os,Os-sf", help="O2, Os, Os-sf (-Os -DCTML_KERNELS_SIZE_FIRST)")
    ap.add_argument("--os-targets", default="all",
                    help="targets also built at -Os when --opts has Os (default all; e.g. m0p,m4 for a quicker run)")
    ap.add_argument("--sf-targets", default="m4,m55",
                    help="targets also built at -Os with CTML_KERNELS_SIZE_FIRST when --opts has Os-sf ('all': every target)")
    ap.add_argument("--models", default="kws,ad,vww,ic")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--importer", default=os.path.join(ROOT, "build", "host", "tools", "ctml-import", "ctml-import"),
                    help="host ctml-import (default: build/host's; else built once in build/report/host)")
    ap.add_argument("--output", default=HERE)
    ap.add_argument("--source", default=None, help="what was measured (default: git describe of the tree)")
    ap.add_argument("--allow-dirty", action="store_true",
                    help="measure a tree with uncommitted changes (the report then says -dirty)")
    a = ap.parse_args()
    started = time.monotonic()
    source = a.source
    if source is None:  # the commit measured; a committed report must come from a clean checkout
        p = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], text=True, capture_output=True)
        source = f"git {p.stdout.strip()}" if p.returncode == 0 else "unknown tree"
        if source.endswith("-dirty") and not a.allow_dirty:
            sys.exit("report: the tree has uncommitted changes; run from a clean checkout (e.g. "
                     "`git clone /path/to/ctml /tmp/ctml-report`) or pass --allow-dirty")
    os.makedirs(a.output, exist_ok=True)
    targets, opts = a.targets.split(","), a.opts.split(",")
    os_targets = targets if a.os_targets == "all" else a.os_targets.split(",")
    sf_targets = targets if a.sf_targets == "all" else a.sf_targets.split(",")
    configs = [(t, o) for t in targets for o in opts
               if o == "O2" or (o == "Os" and t in os_targets) or (o == "Os-sf" and t in sf_targets)]
    importer = a.importer if os.path.exists(a.importer) else build_host_importer(a.jobs)
    models = a.models.split(",")
    if "ic" in models and not os.path.exists(os.path.join(ROOT, "include", "ctml", "graph", "graph.hpp")):
        print("report: ctml::graph not available; ic (ResNet-8) skipped", file=sys.stderr)
        models.remove("ic")

    kinds = kernel_kinds()
    results, layers, kflash, summaries, compile_times, builds = {}, {}, {}, {}, {}, {}
    budgets = {}  # (model, image suffix, target) -> measure_model(), -O2
    for t, o in configs:
        print(f"report: {t} {OPT_LABEL[o]}", file=sys.stderr)
        build = configure_and_build(t, o, models, importer, a.jobs)
        builds[(t, o)] = build
        baseline = image(build, "cortex_m_baseline")
        for m in models:
            elf = image(build, f"cortex_m_model_{m}")
            r = measure_model(elf, baseline, t)
            _, per_layer = measure(image(build, f"cortex_m_layers_{m}"), t)
            summary = summaries.setdefault(m, model_summary(build, m))
            if [l["macs"] for l in per_layer] != [r["macs"] for r in summary]:
                sys.exit(f"report: {elf}: per-layer MACs differ from the importer's summary")
            results[(m, t, o)] = r
            layers[(m, t, o)] = per_layer
            kflash[(m, t, o)] = kernel_flash(elf, baseline, summary, kinds)
        for m, suffix in budget_images(o, models):
            budgets[(m, suffix, t)] = measure_model(image(build, f"cortex_m_model_{m}_{suffix}"), baseline, t)
    if ("m4", "O2") in builds:
        for m in models:
            compile_times[m] = compile_seconds(builds[("m4", "O2")], MODELS[m][0])
    elapsed = time.monotonic() - started

    lines = []
    for (m, t, o), r in sorted(results.items()):
        lines.append(f"RESULT model={m} target={t} opt={o} insns={r['insns']} flash_code={r['flash_code']} "
                     f"flash_weights={r['flash_weights']} ram={r['ram']} stack={r['stack']} arena={r['arena']} "
                     f"macs={r['macs']} kernel_code={kflash[(m, t, o)]['kernels_total']}")
    for (m, t, o), lay in sorted(layers.items()):
        for i, l in enumerate(lay):
            kf = kflash[(m, t, o)]["layers"][i]
            lines.append(f"LAYER model={m} target={t} opt={o} index={i} kind={summaries[m][i]['kind']} "
                         f"insns={l['insns']} macs={l['macs']} kernel_code={kf['bytes']} shared_by={kf['shared_by']}")
    for (m, suffix, t), b in sorted(budgets.items()):
        lines.append(f"BUDGET model={m} budget={suffix} target={t} opt=O2 insns={b['insns']} arena={b['arena']} "
                     f"arena_bytes={b['arena_constexpr']} "
                     f"stack={b['stack']} flash_code={b['flash_code']} "
                     f"overhead_pct={100 * (b['insns'] / results[(m, t, 'O2')]['insns'] - 1):.3f}")
    for m, ct in sorted(compile_times.items()):
        if ct:
            lines.append(f"RESULT model={m} target=m4 opt=O2 compile_cpu_s={ct[0]:.2f} compile_wall_s={ct[1]:.2f}")
    with open(os.path.join(a.output, "results.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(a.output, "instructions.svg"), "w") as f:
        f.write(svg_chart(results, targets, models))
    with open(os.path.join(a.output, "cmsis_nn.svg"), "w") as f:
        f.write(svg_compare(results, layers, models))

    gcc = run(["arm-none-eabi-g++", "--version"]).stdout.splitlines()[0]
    qemu = run(["qemu-system-arm", "--version"]).stdout.splitlines()[0]
    ran = ", ".join(f"{t} {OPT_LABEL[o]}" for t, o in configs)
    md = ["# Cortex-M footprint and instruction counts", "",
          "Generated by `/usr/bin/python3 benchmarks/cortex_m/report.py` — do not edit by hand.",
          f"Source: {source}. Toolchain: {gcc}. Emulator: {qemu}.",
          f"Builds: {ran} (" + ("all targets at -O2" if "O2" in opts else "no -O2")
          + (f", -Os for {', '.join(t for t in targets if t in os_targets) or 'none'}" if "Os" in opts else "")
          + (f", -Os with `CTML_KERNELS_SIZE_FIRST` (the size-first kernel policy, docs/kernels.md) for "
             f"{', '.join(t for t in targets if t in sf_targets) or 'none'}" if "Os-sf" in opts else "")
          + ("" if {"Os", "Os-sf"} <= set(opts) and set(targets) == set(TARGETS) else
             "; a subset: the default run builds every target at -O2 and -Os, and m4, m55 at -Os size-first")
          + f"). This run took {elapsed / 60:.1f} minutes on a shared "
          "2-core machine, builds through ccache (`--targets m4,m55 --opts O2` is a quick subset).", "",
          "Every image passed its golden check (all embedded inputs give TFLite Micro's output bytes) "
          "before any number below was recorded. The kernels are chosen at compile time: Cortex-M4, M7 and "
          "M33 use the Arm DSP-extension kernels (`include/ctml/kernels/arm_dsp`), the M55 the Helium "
          "kernels (`arm_mve`), the M0+ the Armv6-M kernels (`armv6m`: dense, conv2d, 3x3 depthwise; the "
          "portable C++ kernels for the rest; see docs/kernels.md).", "",
          "**Every count here is executed instructions, not cycles**: QEMU does not model timing (no "
          "pipeline, cache, wait-state or Helium beat model). Where the cores' pipelines differ, the same "
          "count means a different time: the **Cortex-M7** is Armv7E-M like the M4 (same instruction set "
          "and DSP extension, so its counts are the same kind of number as the M4's) but has a 6-stage, "
          "dual-issue superscalar pipeline with branch prediction, caches and TCM, so its cycles per "
          "instruction, and thus its cycles, would differ from the M4's; the **Cortex-M33** is Armv8-M "
          "Mainline with the DSP extension and a 3-stage pipeline like the M4's. Both run the M4's "
          "kernels (`arch::arm_dsp`, the same source); their counts differ from the M4's only through the "
          "code the compiler generates for `-mcpu=cortex-m7` / `-mcpu=cortex-m33`"
          + m7_m33_note(results, models) + ".", "",
          "The images are shaped like firmware (issue #15): one call site of `invoke`, through which every "
          "embedded case runs, each input copied into the arena outside the measured region, the arena a "
          "plain global in `.bss`; the int8 conv2d/depthwise/dense kernels are out of line by the library's "
          "decision (`CTML_KERNEL_ENTRY`, docs/kernels.md), so a second call site does not change the "
          "counts (docs/cortex-m.md gives the check).", ""]
    # --- against TFLM + CMSIS-NN
    md += ["## Against TensorFlow Lite Micro + CMSIS-NN (issue #8)", "",
           "![ctml / TFLM + CMSIS-NN](cmsis_nn.svg)", "",
           "Instructions per inference at -O2; TFLM + CMSIS-NN figures from issue #8 (tflite-micro 90b983c2, "
           "CMSIS-NN 4ab83cc3, arm-none-eabi-gcc 12 -O2, same QEMU counting, output bytes checked). Targets "
           "(issue #15): ≤ 0.5× on M4, ≤ 0.45× on M55, ≤ 0.8× of CMSIS-NN's plain C on M0+.", "",
           "M7 and M33 (the M4's kernels) stand next to the M4; issue #8 has no CMSIS-NN figures for them, so "
           "their ratio (in parentheses) is against CMSIS-NN's M4 count, the same instruction set's.", "",
           "| model (MACs) | ctml M4 | CMSIS-NN M4 | ratio | ctml M7 (÷ CMSIS-NN M4) | ctml M33 (÷ CMSIS-NN M4) "
           "| ctml M55 | CMSIS-NN M55 | ratio | ctml M0+ | CMSIS-NN M0+ (C) | ratio | TFLM reference M4 |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for m in models:
        if m not in CMSIS_NN:
            continue
        cells = []
        for t in ("m4", "m55", "m0p"):
            r = results.get((m, t, "O2"))
            ref = CMSIS_NN[m][t]
            if r:
                bold = "**" if r["insns"] / ref <= TARGET_RATIO[t] else ""  # target met
                cells += [f"{r['insns']:,} ({r['insns'] / r['macs']:.2f}/MAC)", f"{ref:,}", f"{bold}{r['insns'] / ref:.2f}{bold}"]
            else:
                cells += ["—", f"{ref:,}", "—"]
            if t == "m4":
                for near in ("m7", "m33"):
                    rn = results.get((m, near, "O2"))
                    cells.append(f"{rn['insns']:,} ({rn['insns'] / ref:.2f})" if rn else "—")
        macs = next((r["macs"] for (mm, _, _), r in results.items() if mm == m), 0)
        md.append(f"| {m.upper()} ({macs / 1e6:.2f} M) | " + " | ".join(cells) + f" | {CMSIS_NN[m]['m4_ref']:,} |")
    ops = cmsis_op_rows(layers)
    if ops:
        md += ["", "Per operator on the Cortex-M4 (-O2), against CMSIS-NN's counts from the issue (for VWW, the "
               "smallest and largest layer of each kind on both sides):", "",
               "| layer kind (model, layer #) | ctml | per MAC | CMSIS-NN | ratio |", "|---|---:|---:|---:|---:|"]
        for row in ops:
            each = " each" if row.get("n", 1) > 1 else ""
            pm = f"{row['per_mac']:.2f}" if row["per_mac"] else "—"
            md.append(f"| {row['label']} | {fmt_count(row['ctml'])}{each} | {pm} | {fmt_count(row['cmsis'])}{each} | "
                      f"{fmt_ratio(row['ratio'])} |")
    code_rows = [(m, o) for m in models for o in ("O2", "Os", "Os-sf") if (m, "m4", o) in results]
    if code_rows:
        md += ["", "Flash on the Cortex-M4, code + weights (bytes), against TFLM + CMSIS-NN's 79.6 KB (-O2) / "
               "65.9 KB (-Os) of code (issue #8) plus at least the model's int8 weights as imported (the smallest "
               "constexpr `weight_bytes` of the model over the targets; TFLM's flatbuffer holds them too, with "
               "more metadata). ctml's weights on the M4 include the copies the DSP kernels widen at compile "
               "time:", "",
               "| model | opt | ctml code | ctml weights | ctml code + weights | TFLM + CMSIS-NN code + weights |",
               "|---|---|---:|---:|---:|---:|"]
        for m, o in code_rows:
            r = results[(m, "m4", o)]
            int8 = min(rr["weight_bytes"] for (mm, _, _), rr in results.items() if mm == m)  # as imported
            tflm = CMSIS_NN_CODE_M4[o] + int8
            md.append(f"| {m} | {OPT_LABEL[o]} | {r['flash_code']:,} | {r['flash_weights']:,} | "
                      f"{r['flash_code'] + r['flash_weights']:,} | > {tflm:,} |")
    md += code_size_section(results, kflash, models, targets)
    md += ["", "## Per model, target and optimisation level", "",
           "![instructions per inference](instructions.svg)", "",
           "| model | target | opt | instructions | instr./MAC | flash code | kernel code | flash weights | (constexpr weight_bytes) | RAM | arena | stack |",
           "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for m in models:
        for t in targets:
            for o in opts:
                r = results.get((m, t, o))
                if r:
                    md.append(f"| {m} | {t} | {OPT_LABEL[o]} | {r['insns']:,} | {r['insns'] / r['macs']:.2f} | "
                              f"{r['flash_code']:,} | {kflash[(m, t, o)]['kernels_total']:,} | {r['flash_weights']:,} | "
                              f"{r['weight_bytes']:,} | {r['ram']:,} | {r['arena']:,} | {r['stack']:,} |")
    md += budget_section(results, budgets, models, targets)
    # --- per layer
    for o in opts:
        cols = [(t, o) for t in targets if (t, o) in builds]
        if not cols:
            continue
        md += ["", f"## Per layer, {OPT_LABEL[o]}: instructions (instructions per MAC)", ""]
        for m in models:
            cs = [c for c in cols if (m, c[0], c[1]) in layers]
            if not cs:
                continue
            md += [f"### {m} ({MODELS[m][1]})", "",
                   "| # | layer | output | MACs | " + " | ".join(t for t, _ in cs) + " |",
                   "|---:|---|---|---:|" + "---:|" * len(cs)]
            for i, row in enumerate(summaries[m]):
                cells = []
                for t, _ in cs:
                    l = layers[(m, t, o)][i]
                    cells.append(f"{l['insns']:,}" + (f" ({l['insns'] / l['macs']:.2f})" if l["macs"] else ""))
                shape = "x".join(map(str, row["shape"]))
                md.append(f"| {i} | {row['kind']} | {shape} | {row['macs']:,} | " + " | ".join(cells) + " |")
            md.append("")
    # --- flash per kernel
    md += ["## Flash per layer kernel (code bytes)", "",
           "Code of each layer's kernel instantiation, with its helpers that carry the layer's geometry. "
           "Layers of the same kind, output shape and window form one group, whose cell shows the group's "
           "code once, followed by `(n layers, k inst.)`: k distinct instantiations (different "
           "requantization constants make separate ones) serve those n layers. `—`: no out-of-line code "
           "(inlined into invoke). See \"How each number is measured\".", ""]
    cfgs = [c for c in configs]
    for m in models:
        cs = [c for c in cfgs if (m, c[0], c[1]) in kflash]
        if not cs:
            continue
        md += [f"### {m}", "", "| # | layer | output | " + " | ".join(f"{t} {OPT_LABEL[o]}" for t, o in cs) + " |",
               "|---:|---|---|" + "---:|" * len(cs)]
        for i, row in enumerate(summaries[m]):
            cells = []
            for t, o in cs:
                kf = kflash[(m, t, o)]["layers"][i]
                inst = f", {kf['kernels']} inst." if kf["kernels"] else ""
                group = f" ({kf['shared_by']} layers{inst})" if kf["shared_by"] > 1 and kf["bytes"] else ""
                cells.append((f"{kf['bytes']:,}" if kf["bytes"] else "—") + group)
            md.append(f"| {i} | {row['kind']} | {'x'.join(map(str, row['shape']))} | " + " | ".join(cells) + " |")
        helper_kinds = sorted({k for c in cs for k in kflash[(m, c[0], c[1])]["helpers"]})
        for k in helper_kinds:
            cells = [f"{kflash[(m, t, o)]['helpers'].get(k, 0):,}" for t, o in cs]
            label = "common helpers (requantization, ...)" if k == "shared" else f"{k} helpers (shared)"
            md.append(f"| | {label} | | " + " | ".join(cells) + " |")
        cells = [f"{kflash[(m, t, o)]['buckets']['invoke']:,}" for t, o in cs]
        md.append("| | invoke (inlined layers, calls) | | " + " | ".join(cells) + " |")
        cells = [f"**{kflash[(m, t, o)]['kernels_total']:,}**" for t, o in cs]
        md.append("| | **kernel code total** | | " + " | ".join(cells) + " |")
        cells = [f"{kflash[(m, t, o)]['buckets']['runtime'] + kflash[(m, t, o)]['buckets']['other']:,}" for t, o in cs]
        md.append("| | libgcc / other | | " + " | ".join(cells) + " |")
        cells = [f"{results[(m, t, o)]['flash_code']:,}" for t, o in cs]
        md.append("| | flash code (image − harness) | | " + " | ".join(cells) + " |")
        md.append("")
    if compile_times:
        md += ["## Compile time of each model's translation unit (Cortex-M4, -O2)", "",
               "| model | CPU seconds (user+sys) | wall seconds |", "|---|---:|---:|"]
        for m, ct in compile_times.items():
            if ct:
                md.append(f"| {m} | {ct[0]:.2f} | {ct[1]:.2f} |")
        md.append("")
    md += ["## How each number is measured", "",
           "- **instructions**: one inference of the first embedded case (`Model::invoke(arena)` in a "
           "non-inlined function, the image's only call site of `invoke`; the input copied into the arena "
           "before the measured region), counted by `ctml_cm_counter_begin()/end()` (cmake/cortex_m): QEMU runs "
           "with `-icount shift=7,align=off,sleep=off`, so its virtual clock advances exactly 128 ns per "
           "executed instruction; a hardware timer (CMSDK timer at 25/20 MHz on mps2, the SSE-300 system "
           "counter at 32 MHz on mps3-an547) is read at both ends and `round(ticks * period / 128 ns)` is "
           "the count, exact to one instruction (checked by tests/cortex_m/counter_test.cpp on NOP blocks "
           "and loops of known length, up to 1.76e9 instructions). The cost of an empty begin/end pair is "
           "subtracted. These are executed instructions, not cycles: no pipeline, cache, wait-state or "
           "Helium beat model.",
           "- **per layer**: a second image of the same source (`cortex_m_layers_<model>`, `CTML_CM_LAPS`) whose "
           "one call site passes an observer that calls `ctml_cm_counter_lap()` after each layer; the cost "
           "of an empty lap is subtracted, so each row is the layer plus the few instructions of the "
           "observer call. The model image itself has no observer.",
           "- **flash code**: the linked image's code sections (`.text`, plus the vector table, unwind "
           "index, init array and `.data` initialisers; `arm-none-eabi-size -A`) minus the same for the "
           "measurement harness without a model (tests/cortex_m/models/baseline.cpp): the model's "
           "kernels and invoke code, including the libgcc helpers they pull in.",
           "- **flash weights**: the image's `.rodata` minus the harness's, minus the embedded test "
           "vectors (`ctml_cm_golden::` symbols, `arm-none-eabi-nm -S`): weights, biases, "
           "requantisation multipliers and any tables the layers keep in flash. The next column is the "
           "library's compile-time `Model::weight_bytes`, for comparison.",
           "- **RAM**: the model's static data, .data + .bss minus the harness's: the arena (a global "
           "`ctml::arena`, size `Model::arena_bytes`, in `.bss`) and anything else the model keeps.",
           "- **stack**: high-water mark of one inference: the unused stack is painted with a pattern just "
           "before the call and scanned after it for the deepest changed word "
           "(`ctml_cm_stack_paint()/ctml_cm_stack_used()`); measured from the caller's stack pointer, so "
           "it includes the call itself and is an upper bound by at most a few words.",
           "- **instructions per MAC**: the layer's (or model's) count divided by its multiply-accumulates "
           "from the model's constexpr table (`Model::layers[i].macs`, printed by the image in its LAYER "
           "lines and checked against ctml-import's summary).",
           "- **kernel code** (flash per layer kernel): `arm-none-eabi-nm -S -C` of the model image; every "
           "code symbol (t/T/w/W) the harness image does not have is assigned by its demangled name: a "
           "function of `ctml::kernels::...` belongs to the layer kind of the header it is defined in "
           "(conv2d.hpp, depthwise_conv2d.hpp, dense.hpp, pooling.hpp, elementwise.hpp, softmax.hpp), and to "
           "the layer whose output shape and window (kernel size, input channels; units and inputs for "
           "dense; element count for add and softmax) match its template arguments (`window_geometry{...}`, "
           "`dense_s8<units, inputs, ...>`, ...) — the layer's window from its weights' declaration in the "
           "generated header. Helpers instantiated only per requantization constants, input length or "
           "vector width (not per layer) are the \"helpers (shared)\" rows; code the compiler inlined into "
           "the measured `invoke` is the \"invoke\" row (its size minus the harness's empty function). "
           "Kernel code total = layers + helpers + invoke. The flash code column also holds the harness's "
           "golden checks and printing, and libgcc helpers.",
           "- **-Os size-first**: the same images built with `-Os -DCTML_KERNELS_SIZE_FIRST`, the kernels' "
           "size-first policy (docs/kernels.md): int8 weights as imported, and one out-of-line kernel per "
           "layer kind that takes the layer's geometry and constants at run time instead of one "
           "instantiation per layer.",
           "- **compile time**: the model's test TU (model header + harness) recompiled from "
           "compile_commands.json for Cortex-M4 -O2, CPU time (user+sys) of the compiler, best of two; "
           "wall time depends on the machine's load.",
           "- **no heap**: every model image's link map is checked for `malloc`/`_sbrk` by the "
           "`cortex_m_no_heap_*` tests (ctest), run in CI.",
           ""]
    with open(os.path.join(a.output, "README.md"), "w") as f:
        f.write("\n".join(md))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
