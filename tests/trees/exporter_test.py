#!/usr/bin/python3
"""CTest: runs tools/sklearn/ctml_sklearn_export.py as a command on pickled estimators and checks
its output and its refusals (clear error naming the estimator/option, exit status 2)."""

import contextlib
import io
import os
import pickle
import subprocess
import sys
import tempfile

# OpenMP threads (HistGradientBoosting, also in the exporter subprocesses) only spin on a busy CI box.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import sklearn
from sklearn.datasets import load_iris
from sklearn.ensemble import HistGradientBoostingClassifier, IsolationForest, RandomForestRegressor
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

TOOL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "sklearn",
                    "ctml_sklearn_export.py")
sys.path.insert(0, os.path.dirname(TOOL))
import ctml_sklearn_export as exporter  # noqa: E402
failures = []


def run(args):
    """The exporter as a command (a new Python process each time: about 2 s)."""
    p = subprocess.run([sys.executable, TOOL] + args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def run_main(args):
    """The same command line through the exporter's main() in this process (its refusals)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = exporter.main(args)
    return rc, out.getvalue(), err.getvalue()


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def pickled(est, d, name):
    path = os.path.join(d, name + ".pkl")
    with open(path, "wb") as fh:
        pickle.dump(est, fh)
    return path


X, y = load_iris(return_X_y=True)
with tempfile.TemporaryDirectory() as d:
    good = pickled(DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y), d, "tree")
    rc, out, err = run([good, "--name", "iris_tree"])
    expect(rc == 0 and err == "", "exports a DecisionTreeClassifier")
    expect(f"scikit-learn {sklearn.__version__}" in out, "header states the scikit-learn version")
    expect("struct iris_tree final : ctml::trees::decision_tree_classifier<iris_tree_table" in out,
           "header defines the strongly named model type")
    expect("inline constexpr ctml::trees::class_table<float, float, 4, 3, 1, " in out,
           "a classifier's leaves are a class_table (sparse class probabilities)")
    expect("n_features: 4, n_classes: 3, trees: 1" in out and "flash bytes" in out,
           "header comment gives n_features, n_classes, trees, flash bytes")
    outfile = os.path.join(d, "o.hpp")
    rc, out, err = run([good, "--name", "iris_tree", "--strategy", "unrolled", "-o", outfile])
    expect(rc == 0 and "ctml::trees::unrolled" in open(outfile).read(), "-o and --strategy unrolled")

    cases = [
        (pickled(LogisticRegression(max_iter=500).fit(X, y), d, "lr"), [],
         "unsupported estimator LogisticRegression"),
        (pickled(IsolationForest(random_state=0).fit(X), d, "iso"), [], "unsupported estimator IsolationForest"),
        (pickled(RandomForestRegressor(n_estimators=2).fit(X, np.c_[y, y]), d, "mo"), [],
         "RandomForestRegressor with 2 outputs (multi-output) is not supported"),
        (pickled(HistGradientBoostingClassifier(max_iter=2, categorical_features=[0]).fit(
            np.c_[np.round(X[:, :1]), X[:, 1:]], y), d, "cat"), [], "categorical features"),
        (good, ["--name", "3bad"], "is not a C++ identifier"),
        (os.path.join(d, "missing.pkl"), [], "cannot read model"),
    ]
    qfile = os.path.join(d, "q.json")
    with open(qfile, "w") as fh:
        fh.write('{"dtype": "int16", "scale": [1, 1], "zero_point": [0, 0]}')
    cases.append((good, ["--quantization", qfile], "'scale' has 2 entries, the model has 4 features"))
    qfile = os.path.join(d, "q2.json")
    with open(qfile, "w") as fh:
        fh.write('{"dtype": "uint8", "scale": [1, 1, 1, 1], "zero_point": [0, 0, 0, 0]}')
    cases.append((good, ["--quantization", qfile], "dtype must be int8 or int16"))
    for i, (path, extra, message) in enumerate(cases):
        args = [path] + (extra if "--name" in extra else ["--name", "m"] + extra)
        rc, out, err = (run if i == 0 else run_main)(args)
        expect(rc == 2 and message in err and "Traceback" not in err and out == "",
               f"refuses with exit 2 and '{message}' (got {rc}: {err.strip()})")

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
