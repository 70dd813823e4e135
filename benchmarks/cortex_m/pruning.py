#!/usr/bin/python3
"""Measures pruned models on the emulated Cortex-M cores (issue #14), one command:

    /usr/bin/python3 benchmarks/cortex_m/pruning.py [--targets m4,m55,m0p] [--models kws,ic,vww,ad]
        [--variants u50,u75,u90,s25,s50] [--jobs 2]

For each target it configures the Cortex-M report's project (benchmarks/cortex_m/project) at -O2 in
build/report/pruning-<target> with the pruned variants as images (CTML_CM_PRUNED_IMAGES: each MLPerf
Tiny model pruned at build time by tools/prune, imported by ctml-import, TFLite Micro's outputs for
that pruned file embedded), runs every image under QEMU (-icount; an image whose outputs differ from
TFLite Micro's fails the run) and writes, next to this script:
  pruning.md    tables: instructions and flash per model, variant and target, against the dense model
  pruning.svg   the plot: instructions and weight flash vs sparsity on the M4 (ctml on the pruned model,
                ctml on the dense model, TFLM + CMSIS-NN)
  pruning.txt   one `PRUNED model=... variant=... target=... insns=... flash_weights=...` line each, and
                `LAYER ...` lines of the M4's per-layer images
ctml on the dense model is the "dense ctml" of the issue's targets: its kernels do not depend on the
weights' values (the pruned KWS u75 under the dense kernels counted 4,914,587 instructions on the M4,
the dense model 4,911,149: +0.07 %).
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402  (the Cortex-M report's build and measuring helpers)

ROOT, HERE = report.ROOT, report.HERE
VARIANTS = ["u50", "u75", "u90", "s25", "s50"]
DATA = os.path.join(ROOT, "tests", "data", "mlperf_tiny_pruned")
TARGET_RATIOS = {  # issue #14, M4, vs dense ctml: variant -> (instructions, weight flash)
    "s50": (0.55, 0.55), "u75": (0.45, 0.45), "u90": (0.2, 0.25)}


def variants_of(model, variants):
    """The variants measured for `model`: VWW also as ctml-import makes the dense file by default (its
    971 filters of zeros folded away; the other images keep them, as the file states its layers)."""
    return variants + (["folded"] if model == "vww" else [])


def sparsity(model, variant):
    """Fraction of prunable weights that are zero, from what tools/prune printed (the data's report.txt)."""
    if variant == "folded":
        return None
    with open(os.path.join(DATA, model, variant, "report.txt")) as f:
        for line in f:
            if line.startswith("all ") and "zero (" in line:
                return float(line.split("zero (")[1].split("%")[0]) / 100
    return None


def build(target, models, variants, importer, jobs):
    path = os.path.join(ROOT, "build", "report", f"pruning-{target}")
    images = ";".join(f"{m}:{v}" for m in models for v in variants_of(m, variants))
    args = ["cmake", "-S", os.path.join(HERE, "project"), "-B", path, "-G", "Ninja",
            f"-DCMAKE_TOOLCHAIN_FILE={ROOT}/cmake/toolchains/arm-none-eabi.cmake",
            f"-DCTML_CM_TARGET={target}", "-DCMAKE_BUILD_TYPE=Release",
            "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG", f"-DCTML_CM_MODELS={';'.join(models)}",
            "-DCTML_CM_PRUNED=", f"-DCTML_CM_PRUNED_IMAGES={images}", f"-DCTML_IMPORT_EXECUTABLE={importer}"]
    if report.shutil.which("ccache"):
        args.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    report.run(args)
    targets = ["cortex_m_baseline"] + [f"cortex_m_model_{m}" for m in models]
    targets += [f"cortex_m_model_{m}_{v}" for m in models for v in variants_of(m, variants)]
    if target == "m4":  # per-layer counts on the M4: which layers the sparse kernels took, and their gain
        targets += [f"cortex_m_layers_{m}" for m in models]
        targets += [f"cortex_m_layers_{m}_{v}" for m in models for v in variants_of(m, variants)]
    subprocess.run(["cmake", "--build", path, "-j", str(jobs), "--target", *targets], check=True,
                   stdout=subprocess.DEVNULL)
    return path


def fmt(v):
    return f"{v:,}"


def ratio(a, b):
    return f"{a / b:.2f}"


def svg_plot(rows, models, dense, cmsis):
    """Two panels (instructions, weight flash) on the M4: ratio to dense ctml vs sparsity, per model."""
    w, h, left, top, pw, ph, gap = 900, 360, 60, 40, 360, 240, 80
    colors = {"kws": "#1f77b4", "ic": "#d62728", "vww": "#2ca02c", "ad": "#9467bd"}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">']
    panels = [("insns", "instructions ÷ dense ctml (M4, -O2)"), ("flash_weights", "weight flash ÷ dense ctml (M4)")]
    for p, (key, title) in enumerate(panels):
        x0 = left + p * (pw + gap)
        X = lambda s: x0 + pw * s
        Y = lambda r: top + ph * (1 - min(r, 1.6) / 1.6)
        out.append(f'<text x="{x0}" y="{top - 14}" font-size="13">{title}</text>')
        out.append(f'<rect x="{x0}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#888"/>')
        for r in (0.2, 0.45, 0.55, 1.0, 1.4):
            out.append(f'<line x1="{x0}" y1="{Y(r):.1f}" x2="{x0 + pw}" y2="{Y(r):.1f}" stroke="#ddd"/>'
                       f'<text x="{x0 - 4}" y="{Y(r) + 4:.1f}" text-anchor="end">{r}</text>')
        for s in (0, 0.25, 0.5, 0.75, 0.9, 1.0):
            out.append(f'<text x="{X(s):.1f}" y="{top + ph + 14}" text-anchor="middle">{int(s * 100)} %</text>')
        out.append(f'<text x="{x0 + pw / 2}" y="{top + ph + 30}" text-anchor="middle">weights zero (sparsity)</text>')
        for m in models:
            c = colors.get(m, "#333")
            if (m, "m4") in cmsis and key == "insns":  # TFLM + CMSIS-NN: the same count at every sparsity
                r = cmsis[(m, "m4")] / dense[(m, "m4")]["insns"]
                out.append(f'<line x1="{X(0):.1f}" y1="{Y(r):.1f}" x2="{X(1):.1f}" y2="{Y(r):.1f}" stroke="{c}" '
                           f'stroke-dasharray="6,3"/>')
            pts = [(0.0, 1.0)] + sorted((r["sparsity"], r[key] / dense[(m, "m4")][key]) for r in rows
                                        if r["model"] == m and r["target"] == "m4" and r["variant"][0] == "u")
            out.append('<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>'.format(
                c, " ".join(f"{X(s):.1f},{Y(v):.1f}" for s, v in pts)))
            for r in rows:
                if r["model"] == m and r["target"] == "m4" and r["sparsity"] is not None:
                    v = r[key] / dense[(m, "m4")][key]
                    shape = (f'<circle cx="{X(r["sparsity"]):.1f}" cy="{Y(v):.1f}" r="3" fill="{c}"/>'
                             if r["variant"].startswith("u") else
                             f'<rect x="{X(r["sparsity"]) - 4:.1f}" y="{Y(v) - 4:.1f}" width="8" height="8" '
                             f'fill="none" stroke="{c}" stroke-width="2"/>')
                    out.append(shape)
    # Legend.
    y = h - 14
    x = left
    for m in models:
        out.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 18}" y2="{y - 4}" stroke="{colors.get(m, "#333")}" '
                   f'stroke-width="2"/><text x="{x + 22}" y="{y}">{m}</text>')
        x += 60
    out.append(f'<text x="{x + 10}" y="{y}">solid: ctml on the pruned model (dots unstructured, squares structured); '
               'dashed: TFLM + CMSIS-NN (any sparsity); 1.0: ctml on the dense model</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--targets", default="m4,m55,m0p")
    ap.add_argument("--models", default="kws,ic,vww,ad")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    targets, models, variants = a.targets.split(","), a.models.split(","), a.variants.split(",")
    importer = report.build_host_importer(a.jobs)
    rows, dense, layer_lines = [], {}, []
    for t in targets:
        path = build(t, models, variants, importer, a.jobs)
        baseline = report.image(path, "cortex_m_baseline")
        for m in models:
            dense[(m, t)] = report.measure_model(report.image(path, f"cortex_m_model_{m}"), baseline, t)
            for v in variants_of(m, variants):
                r = report.measure_model(report.image(path, f"cortex_m_model_{m}_{v}"), baseline, t)
                r.update(model=m, variant=v, target=t, sparsity=sparsity(report.MODELS[m][0], v))
                rows.append(r)
                print(f"{m} {v} {t}: {r['insns']:,} insns ({r['insns'] / dense[(m, t)]['insns']:.2f}x), "
                      f"weights {r['flash_weights']:,} B ({r['flash_weights'] / dense[(m, t)]['flash_weights']:.2f}x)",
                      flush=True)
            if t == "m4":
                for name in [m] + [f"{m}_{v}" for v in variants_of(m, variants)]:
                    _, layers = report.measure(report.image(path, f"cortex_m_layers_{name}"), t)
                    for i, lay in enumerate(layers):
                        layer_lines.append(f"LAYER model={name} target={t} index={i} insns={lay['insns']} macs={lay['macs']}")
    cmsis = {(m, t): report.CMSIS_NN[m][t] for m in models for t in targets if t in report.CMSIS_NN.get(m, {})}
    sha = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], text=True, capture_output=True).stdout.strip()
    with open(os.path.join(HERE, "pruning.txt"), "w") as f:
        for (m, t), d in sorted(dense.items()):
            f.write(f"PRUNED model={m} variant=dense target={t} insns={d['insns']} flash_weights={d['flash_weights']} "
                    f"flash_code={d['flash_code']} arena={d['arena']} weight_bytes={d['weight_bytes']}\n")
        for r in rows:
            f.write(f"PRUNED model={r['model']} variant={r['variant']} target={r['target']} insns={r['insns']} "
                    f"flash_weights={r['flash_weights']} flash_code={r['flash_code']} arena={r['arena']} "
                    f"weight_bytes={r['weight_bytes']} sparsity={r['sparsity'] or 0:.4f}\n")
        f.write("\n".join(layer_lines) + "\n")
    if "m4" in targets:
        with open(os.path.join(HERE, "pruning.svg"), "w") as f:
            f.write(svg_plot(rows, models, dense, cmsis))
    md = ["# Pruned models on Cortex-M: instructions and flash (issue #14)", "",
          "Generated by `/usr/bin/python3 benchmarks/cortex_m/pruning.py` — do not edit by hand.",
          f"Source: git {sha}. Toolchain: {report.run(['arm-none-eabi-g++', '--version']).stdout.splitlines()[0]}. "
          "-O2, images shaped like firmware (one call site of `invoke`, input copied outside the measured "
          "region, arena in `.bss`), executed instructions under QEMU -icount (not cycles).", "",
          "Each pruned model is made at build time by `tools/prune/ctml_prune.py` from the MLPerf Tiny model "
          "(`u75`: 75 % of each CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED layer's weights zero by magnitude; "
          "`s50`: half of each such layer's filters zero, the last layer kept), imported by `ctml-import`, and "
          "every image's outputs on every embedded input equal TFLite Micro's for that pruned file "
          "(`tests/data/mlperf_tiny_pruned`) before a number is recorded. *Dense ctml* (row `dense`) is ctml on the "
          "unpruned model, imported as its file states it (`--keep-pruned-channels`; the dense kernels' counts "
          "do not depend on weight values: the pruned KWS u75 under the dense kernels counted 4,914,587 "
          "instructions on the M4, the unpruned model 4,911,149); where the unpruned file's own zeros pass the "
          "crossover, as VWW's seven 1x1 layers do on the M4 and M0+, those layers run sparse kernels there "
          "too. `folded` is the unpruned VWW as `ctml-import` makes it by default. TFLM + CMSIS-NN runs "
          "a pruned model in its dense kernels: the counts of issue #8 hold for every variant. *Weight flash* "
          "is `.rodata` without the embedded test data: weights (values and indices), biases, multipliers.", "",
          "![instructions and weight flash vs sparsity on the M4](pruning.svg)", ""]
    for t in targets:
        md += [f"## {report.TARGETS[t][1]}", "",
               "| model | variant | weights zero | instructions | ÷ dense ctml | ÷ TFLM + CMSIS-NN | weight flash (B) | ÷ dense ctml | code (B) |",
               "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for m in models:
            d = dense[(m, t)]
            c = cmsis.get((m, t))
            md.append(f"| {m} | dense | — | {fmt(d['insns'])} | 1.00 | {ratio(d['insns'], c) if c else '—'} | "
                      f"{fmt(d['flash_weights'])} | 1.00 | {fmt(d['flash_code'])} |")
            for r in rows:
                if r["model"] != m or r["target"] != t:
                    continue
                ri, rf = r["insns"] / d["insns"], r["flash_weights"] / d["flash_weights"]
                goal = TARGET_RATIOS.get(r["variant"]) if t == "m4" and m in ("kws", "ic") else None
                si = f"**{ri:.2f}**" if goal and ri <= goal[0] else f"{ri:.2f}"
                sf = f"**{rf:.2f}**" if goal and rf <= goal[1] else f"{rf:.2f}"
                zero = f"{r['sparsity'] * 100:.1f} %" if r["sparsity"] is not None else "(dense file)"
                md.append(f"| {m} | {r['variant']} | {zero} | {fmt(r['insns'])} | {si} | "
                          f"{ratio(r['insns'], c) if c else '—'} | {fmt(r['flash_weights'])} | {sf} | {fmt(r['flash_code'])} |")
        md.append("")
    md += ["Bold: the issue's target met (M4, KWS and IC: 50 % structured ≤ 0.55× instructions and weight flash, "
           "75 % unstructured ≤ 0.45×, 90 % unstructured ≤ 0.2× instructions and ≤ 0.25× flash).", ""]
    with open(os.path.join(HERE, "pruning.md"), "w") as f:
        f.write("\n".join(md))
    print("\n".join(md))


if __name__ == "__main__":
    main()
