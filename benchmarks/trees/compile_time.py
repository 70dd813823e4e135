#!/usr/bin/python3
"""Compile time of exported forests by size and strategy (docs/trees.md, "Choosing a strategy").

Fits RandomForestClassifiers (depth 10, on a synthetic 20-feature, 4-class problem) with as many
trees as give roughly each requested number of splits, exports each with both strategies and times
`CXX -std=c++20 -O2 -c` of a translation unit that calls predict(). Not part of the test command:
the largest sizes take minutes on a 2-core machine.

    /usr/bin/python3 benchmarks/trees/compile_time.py [--cxx g++] [--sizes 1000,3000,7000]
Prints one Markdown table row per size and strategy: splits, trees, seconds, peak memory.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "sklearn"))
import ctml_sklearn_export as exporter  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cxx", default="g++")
    ap.add_argument("--sizes", default="1000,3000,7000")
    ap.add_argument("--strategies", default="table_driven,unrolled")
    a = ap.parse_args()
    X, y = make_classification(n_samples=4000, n_features=20, n_informative=12, n_classes=4, random_state=0)
    X = X.astype(np.float32)
    # Splits per tree at depth 10 on this data, from a small forest.
    per_tree = RandomForestClassifier(n_estimators=4, max_depth=10, random_state=0).fit(X, y)
    per_tree = np.mean([(e.tree_.children_left != -1).sum() for e in per_tree.estimators_])
    print(f"| splits | trees | strategy | {a.cxx} -O2 seconds | peak MB |")
    print("|---:|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as d:
        for size in (int(s) for s in a.sizes.split(",")):
            n = max(1, round(size / per_tree))
            est = RandomForestClassifier(n_estimators=n, max_depth=10, random_state=0).fit(X, y)
            splits = int(sum((e.tree_.children_left != -1).sum() for e in est.estimators_))
            for strategy in a.strategies.split(","):
                with open(os.path.join(d, "model.hpp"), "w") as fh:
                    fh.write(exporter.export(est, "model", strategy=strategy))
                with open(os.path.join(d, "tu.cpp"), "w") as fh:
                    fh.write('#include "model.hpp"\n'
                             "std::size_t run(const float* x) {\n"
                             "  return model::predict(std::span<const float, model::num_features>(x, 20));\n}\n")
                start = time.monotonic()
                r = subprocess.run(["/usr/bin/time", "-f", "%M", a.cxx, "-std=c++20", "-O2", f"-I{ROOT}/include",
                                    "-c", os.path.join(d, "tu.cpp"), "-o", os.path.join(d, "tu.o")],
                                   capture_output=True, text=True)
                seconds = time.monotonic() - start
                if r.returncode != 0:
                    sys.exit(r.stderr)
                peak = int(re.findall(r"\d+", r.stderr.strip().splitlines()[-1])[0]) / 1024
                print(f"| {splits} | {n} | {strategy} | {seconds:.1f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
