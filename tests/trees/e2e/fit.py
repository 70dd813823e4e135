#!/usr/bin/python3
"""Build-time end-to-end check, step 1: fit a model in scikit-learn, pickle it, and write
scikit-learn's predictions on the float32 test split as reference data.
    fit.py OUTDIR   -> OUTDIR/e2e_model.pkl, OUTDIR/e2e_expected.hpp
Step 2 (CMake) runs tools/sklearn/ctml_sklearn_export.py on the pickle; step 3 compiles e2e_test.cpp.

The model carries feature names, as if fitted on a pandas DataFrame: scikit-learn then stores the
column names in feature_names_in_ (an object array of str), which this sets the same way without
needing pandas. The last name is made awkward on purpose (quote, backslash, non-ASCII, newline) to
test the exporter's string escaping; the expected names are written as UTF-8 byte values."""

import os
import pickle
import sys

import numpy as np
import sklearn
from sklearn.datasets import load_wine
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.model_selection import train_test_split

out = sys.argv[1]
wine = load_wine()
X, y = wine.data, wine.target
names = list(wine.feature_names[:-1]) + ['proline "mg/L" \\ \u00b5\n']
Xtr, Xte, ytr, _ = train_test_split(X.astype(np.float32), y, test_size=0.25, random_state=0)
est = ExtraTreesClassifier(n_estimators=5, max_depth=6, random_state=0).fit(Xtr, ytr)
proba = est.predict_proba(Xte)
cls = np.searchsorted(est.classes_, est.predict(Xte))
est.feature_names_in_ = np.asarray(names, dtype=object)  # after predicting: numpy input has no names
with open(os.path.join(out, "e2e_model.pkl"), "wb") as fh:
    pickle.dump(est, fh)
with open(os.path.join(out, "e2e_expected.hpp"), "w") as fh:
    fh.write(f"// scikit-learn {sklearn.__version__} ExtraTreesClassifier on load_wine: predict / predict_proba\n")
    fh.write("#pragma once\nnamespace e2e {\n")
    fh.write(f"inline constexpr float x[][{X.shape[1]}] = {{\n")
    fh.write(",\n".join("{" + ", ".join("%.9gf" % v if "." in "%.9g" % v or "e" in "%.9g" % v else "%.9g.f" % v
                                         for v in row) + "}" for row in Xte))
    fh.write("};\ninline constexpr int cls[] = {" + ", ".join(map(str, cls)) + "};\n")
    fh.write("inline constexpr double proba[][3] = {\n" + ",\n".join(
        "{" + ", ".join(repr(float(v)) for v in row) + "}" for row in proba) + "};\n")
    encoded = [n.encode("utf-8") for n in names]
    fh.write("inline constexpr unsigned long feature_name_length[] = {" + ", ".join(str(len(b)) for b in encoded)
             + "};\n")
    fh.write("inline constexpr unsigned char feature_name_bytes[] = {" + ", ".join(str(v) for b in encoded for v in b)
             + "};\n}\n")
