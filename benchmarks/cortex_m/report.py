#!/usr/bin/python3
"""Regenerates the Cortex-M footprint and instruction-count report (one command):

    /usr/bin/python3 benchmarks/cortex_m/report.py [--targets m4,m55] [--opts O2,Os] [--jobs 2]

For every target (m0p m4 m7 m33 m55) and optimisation level (-O2, -Os) it configures a cross build
in build/report/<target>-<opt>, builds the golden model images of tests/cortex_m/models and the
harness baseline, runs them under QEMU (-icount), and writes, next to this script:
  README.md        tables, and how each number is measured
  instructions.svg bar chart: instructions per inference, per model and target (-O2)
  results.txt      one `RESULT model=... target=... opt=... insns=... flash_code=...` line each
A model image that fails its golden check (output bytes != TFLite Micro) fails the report.
"""
import argparse
import json
import math
import os
import re
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


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def configure_and_build(target, opt, models, importer, jobs):
    build = os.path.join(ROOT, "build", "report", f"{target}-{opt}")
    args = ["cmake", "-S", os.path.join(HERE, "project"), "-B", build, "-G", "Ninja",
            f"-DCMAKE_TOOLCHAIN_FILE={ROOT}/cmake/toolchains/arm-none-eabi.cmake",
            f"-DCTML_CM_TARGET={target}", "-DCMAKE_BUILD_TYPE=Release",
            f"-DCMAKE_CXX_FLAGS_RELEASE=-{opt} -DNDEBUG", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
            f"-DCTML_CM_MODELS={';'.join(models)}"]
    if importer:
        args.append(f"-DCTML_IMPORT_EXECUTABLE={importer}")
    run(args)
    targets = ["cortex_m_baseline"] + [f"cortex_m_model_{m}" for m in models]
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
    golden = symbol_bytes(elf, "ctml_cm_golden::")
    weights = s.get(".rodata", 0) - b.get(".rodata", 0) - golden
    static = sum(s.get(k, 0) for k in RAM_SECTIONS) - sum(b.get(k, 0) for k in RAM_SECTIONS)
    arena = s.get(".ctml_arena", 0)
    return {"flash_code": code, "flash_weights": weights, "ram": arena + max(static, 0), "arena": arena,
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
            layers.append(int(dict(kv.split("=", 1) for kv in line.split()[1:])["insns"]))
    if not fields or fields.get("insns") == str(2**64 - 1):
        sys.exit(f"report: no valid measurement from {elf}:\n{p.stdout}\n{p.stderr}")
    return fields, layers


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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--targets", default="m0p,m4,m7,m33,m55")
    ap.add_argument("--opts", default="O2,Os")
    ap.add_argument("--models", default="kws,ad,vww,ic")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--importer", default=os.path.join(ROOT, "build", "host", "tools", "ctml-import", "ctml-import"),
                    help="host ctml-import (default: build/host's; else built once in build/report/host)")
    ap.add_argument("--output", default=HERE)
    ap.add_argument("--source", default=None, help="what was measured (default: git describe of the tree)")
    a = ap.parse_args()
    os.makedirs(a.output, exist_ok=True)
    targets, opts = a.targets.split(","), a.opts.split(",")
    importer = a.importer if os.path.exists(a.importer) else build_host_importer(a.jobs)
    models = a.models.split(",")
    if "ic" in models and not os.path.exists(os.path.join(ROOT, "include", "ctml", "graph", "graph.hpp")):
        print("report: ctml::graph not available; ic (ResNet-8) skipped", file=sys.stderr)
        models.remove("ic")

    results, layers, compile_times, builds = {}, {}, {}, {}
    for t in targets:
        for o in opts:
            print(f"report: {t} -{o}", file=sys.stderr)
            build = configure_and_build(t, o, models, importer, a.jobs)
            builds[(t, o)] = build
            baseline = image(build, "cortex_m_baseline")
            for m in models:
                elf = image(build, f"cortex_m_model_{m}")
                fields, per_layer = measure(elf, t)
                r = footprint(elf, baseline)
                r.update(insns=int(fields["insns"]), stack=int(fields["stack"]), macs=int(fields["macs"]),
                         arena_constexpr=int(fields["arena"]), weight_bytes=int(fields["weight_bytes"]),
                         cases=int(fields["cases"]))
                results[(m, t, o)] = r
                layers[(m, t, o)] = per_layer
    if ("m4", "O2") in builds:
        for m in models:
            compile_times[m] = compile_seconds(builds[("m4", "O2")], MODELS[m][0])

    lines = []
    for (m, t, o), r in sorted(results.items()):
        lines.append(f"RESULT model={m} target={t} opt={o} insns={r['insns']} flash_code={r['flash_code']} "
                     f"flash_weights={r['flash_weights']} ram={r['ram']} stack={r['stack']} arena={r['arena']} "
                     f"macs={r['macs']}")
    for m, ct in sorted(compile_times.items()):
        if ct:
            lines.append(f"RESULT model={m} target=m4 opt=O2 compile_cpu_s={ct[0]:.2f} compile_wall_s={ct[1]:.2f}")
    with open(os.path.join(a.output, "results.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(a.output, "instructions.svg"), "w") as f:
        f.write(svg_chart(results, targets, models))

    source = a.source
    if source is None:
        p = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], text=True, capture_output=True)
        source = f"git {p.stdout.strip()}" if p.returncode == 0 else "unknown tree"
    gcc = run(["arm-none-eabi-g++", "--version"]).stdout.splitlines()[0]
    qemu = run(["qemu-system-arm", "--version"]).stdout.splitlines()[0]
    md = ["# Cortex-M footprint and instruction counts", "",
          "Generated by `/usr/bin/python3 benchmarks/cortex_m/report.py` — do not edit by hand.",
          f"Source: {source}. Toolchain: {gcc}. Emulator: {qemu}.", "",
          "Every image passed its golden check (all embedded inputs give TFLite Micro's output bytes) "
          "before any number below was recorded.", "",
          "![instructions per inference](instructions.svg)", "",
          "## Per model, target and optimisation level", "",
          "| model | target | opt | instructions | instr./MAC | flash code | flash weights | (constexpr weight_bytes) | RAM | arena | stack |",
          "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for m in models:
        for t in targets:
            for o in opts:
                r = results.get((m, t, o))
                if r:
                    md.append(f"| {m} | {t} | -{o} | {r['insns']:,} | {r['insns'] / r['macs']:.2f} | "
                              f"{r['flash_code']:,} | {r['flash_weights']:,} | {r['weight_bytes']:,} | {r['ram']:,} | {r['arena']:,} | "
                              f"{r['stack']:,} |")
    md += ["", "## Instructions per layer (-O2)", ""]
    for m in models:
        cols = [t for t in targets if (m, t, "O2") in layers]
        if not cols:
            continue
        md += [f"### {m} ({MODELS[m][1]})", "", "| layer | " + " | ".join(cols) + " |",
               "|---:|" + "---:|" * len(cols)]
        n = max(len(layers[(m, t, "O2")]) for t in cols)
        for i in range(n):
            cells = [f"{layers[(m, t, 'O2')][i]:,}" if i < len(layers[(m, t, 'O2')]) else "" for t in cols]
            md.append(f"| {i} | " + " | ".join(cells) + " |")
        md.append("")
    if compile_times:
        md += ["## Compile time of each model's translation unit (Cortex-M4, -O2)", "",
               "| model | CPU seconds (user+sys) | wall seconds |", "|---|---:|---:|"]
        for m, ct in compile_times.items():
            if ct:
                md.append(f"| {m} | {ct[0]:.2f} | {ct[1]:.2f} |")
        md.append("")
    md += ["## How each number is measured", "",
           "- **instructions**: one inference (`Model::invoke(arena)` in a non-inlined function, input "
           "already in the arena), counted by `ctml_cm_counter_begin()/end()` (cmake/cortex_m): QEMU runs "
           "with `-icount shift=7,align=off,sleep=off`, so its virtual clock advances exactly 128 ns per "
           "executed instruction; a hardware timer (CMSDK timer at 25/20 MHz on mps2, the SSE-300 system "
           "counter at 32 MHz on mps3-an547) is read at both ends and `round(ticks * period / 128 ns)` is "
           "the count, exact to one instruction (checked by tests/cortex_m/counter_test.cpp on NOP blocks "
           "and loops of known length, up to 1.76e9 instructions). The cost of an empty begin/end pair is "
           "subtracted. These are executed instructions, not cycles: no pipeline, cache, wait-state or "
           "Helium beat model.",
           "- **per layer**: the same inference with an observer that calls `ctml_cm_counter_lap()` after "
           "each layer; the cost of an empty lap is subtracted, so each row is the layer plus the few "
           "instructions of the observer call.",
           "- **flash code**: the linked image's code sections (`.text`, plus the vector table, unwind "
           "index, init array and `.data` initialisers; `arm-none-eabi-size -A`) minus the same for the "
           "measurement harness without a model (tests/cortex_m/models/baseline.cpp): the model's "
           "kernels and invoke code, including the libgcc helpers they pull in.",
           "- **flash weights**: the image's `.rodata` minus the harness's, minus the embedded test "
           "vectors (`ctml_cm_golden::` symbols, `arm-none-eabi-nm -S`): weights, biases, "
           "requantisation multipliers and any tables the layers keep in flash. The next column is the "
           "library's compile-time `Model::weight_bytes`, for comparison.",
           "- **RAM**: the `.ctml_arena` section (the model's `ctml::arena`, size `Model::arena_bytes`) "
           "plus the model's own static data (.data + .bss minus the harness's).",
           "- **stack**: high-water mark of one inference: the unused stack is painted with a pattern just "
           "before the call and scanned after it for the deepest changed word "
           "(`ctml_cm_stack_paint()/ctml_cm_stack_used()`); measured from the caller's stack pointer, so "
           "it includes the call itself and is an upper bound by at most a few words.",
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
