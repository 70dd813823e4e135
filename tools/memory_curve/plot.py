#!/usr/bin/env python3
"""Draws docs/memory/schedules.csv (tools/memory_curve/measure.sh) as docs/memory/schedules.svg: per
model, every schedule ctml::scheduled chooses between, RAM (x) against exact Cortex-M4 instructions
(y), joined; the schedule without a budget and the one chosen for the issue's target budget are
marked; the patches the search weighed that fit but were not chosen (kind "weighed") are hollow,
labelled with their number of layers.
Python's standard library only. Usage: tools/memory_curve/plot.py [in.csv] [out.svg]"""

import csv
import math
import sys

NAMES = {"kws": "KWS (DS-CNN)", "ic": "IC (ResNet-8)", "vww": "VWW (MobileNetV1 0.25)"}
W, H = 380, 300  # one panel
L, R, T, B = 78, 16, 40, 52  # margins


def rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def ticks(lo, hi, n=4):
    """About n round values (1, 2, 2.5 or 5 times a power of ten apart) inside [lo, hi]."""
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) // step) + 1)]


def panel(out, x0, model, pts):
    rams = [int(p["ram"]) for p in pts]
    ins = [int(p["instructions"]) for p in pts]
    rlo, rhi = min(rams), max(rams)
    pad_r = max(1, (rhi - rlo) * 0.08)
    rlo, rhi = rlo - pad_r, rhi + pad_r
    ilo, ihi = min(ins), max(ins)
    pad_i = max(ihi * 0.002, (ihi - ilo) * 0.15)
    ilo, ihi = ilo - pad_i, ihi + pad_i

    def px(r):
        return x0 + L + (r - rlo) / (rhi - rlo) * (W - L - R)

    def py(i):
        return T + (ihi - i) / (ihi - ilo) * (H - T - B)

    chosen = [k for k, p in enumerate(pts) if p.get("kind", "schedule") == "schedule"]
    weighed = [k for k, p in enumerate(pts) if p.get("kind", "schedule") == "weighed"]
    title = f"{NAMES.get(model, model)}: {len(chosen)} schedules"
    if weighed:
        title += f", {len(weighed)} weighed"
    out.append(f'<text x="{x0 + L}" y="22" font-size="13">{title}</text>')
    out.append(f'<rect x="{x0 + L}" y="{T}" width="{W - L - R}" height="{H - T - B}" fill="none" stroke="#888"/>')
    for r in ticks(rlo, rhi):
        out.append(f'<text x="{px(r):.1f}" y="{H - B + 14}" text-anchor="middle">{r:,.0f}</text>')
    for i in ticks(ilo, ihi):
        out.append(f'<text x="{x0 + L - 4}" y="{py(i) + 3:.1f}" text-anchor="end">{i:,.0f}</text>')
    out.append(f'<text x="{x0 + L + (W - L - R) / 2}" y="{H - 20}" text-anchor="middle">RAM (arena + state), bytes</text>')
    out.append(f'<text x="{x0 + 12}" y="{T + (H - T - B) / 2}" text-anchor="middle" '
               f'transform="rotate(-90 {x0 + 12} {T + (H - T - B) / 2})">Cortex-M4 instructions</text>')
    order = sorted(chosen, key=lambda k: rams[k])
    path = " ".join(f"{'M' if n == 0 else 'L'}{px(rams[k]):.1f},{py(ins[k]):.1f}" for n, k in enumerate(order))
    out.append(f'<path d="{path}" fill="none" stroke="#6a8fbf"/>')
    for k in weighed:
        x, y = px(rams[k]), py(ins[k])
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="white" stroke="#2d5b94" stroke-width="1.5"/>')
        out.append(f'<text x="{x:.1f}" y="{y - 7:.1f}" text-anchor="middle" fill="#2d5b94">'
                   f'{pts[k]["in_place"].count("p")}</text>')
    if weighed:
        out.append(f'<text x="{x0 + W - R - 4}" y="{H - B - 6}" text-anchor="end" fill="#2d5b94">'
                   'hollow: patch of n layers, weighed, not chosen</text>')
    for k in chosen:
        p = pts[k]
        x, y = px(rams[k]), py(ins[k])
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#2d5b94"/>')
        label = None
        if p["budget"] == "none":
            label = "no budget"
        if p["chosen"] != "no":
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="none" stroke="#c0392b" stroke-width="2"/>')
            label = ("no budget, " if label else "") + "chosen for " + p["chosen"].replace("budget ", "") + " B"
        if label:
            anchor = "end" if x > x0 + W / 2 else "start"
            dx = -10 if anchor == "end" else 10
            out.append(f'<text x="{x + dx:.1f}" y="{y - 10:.1f}" text-anchor="{anchor}" fill="#c0392b">{label}</text>')


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "docs/memory/schedules.csv"
    dst = sys.argv[2] if len(sys.argv) > 2 else "docs/memory/schedules.svg"
    data = rows(src)
    models = list(dict.fromkeys(p["model"] for p in data))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W * len(models)}" height="{H}" '
           'font-family="sans-serif" font-size="10">']
    for n, m in enumerate(models):
        panel(out, n * W, m, [p for p in data if p["model"] == m])
    out.append("</svg>")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
