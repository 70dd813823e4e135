#!/usr/bin/python3
"""Fits scikit-learn tree models on the datasets shipped with scikit-learn, exports them with
tools/sklearn/ctml_sklearn_export.py and writes scikit-learn's own predictions as reference data.

    /usr/bin/python3 tests/trees/generate.py        # rewrites tests/trees/generated/
    /usr/bin/python3 tests/trees/generate.py DIR    # writes into DIR instead (the CI check diffs it)

The C++ tests (tests/trees/*_test.cpp) compare ctml's predictions with these arrays, which come from
scikit-learn's predict / predict_proba -- never from ctml.

Inputs per dataset: the float32 test split (train_test_split(test_size=0.25, random_state=0)), then
"boundary" samples whose feature sits exactly on a split's float32 threshold or one float32 step
above it (taken from a test sample that reaches that split), then "extreme" samples with features
at +/-FLT_MAX (the tests also feed +/-inf and NaN there, see docs/trees.md for the rule).
"""

import os
import subprocess
import sys
import warnings

# HistGradientBoosting's OpenMP threads spin on a busy machine (4x slower on 2 shared cores); the
# fitted models are the same with one thread.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import sklearn
from sklearn import datasets
from sklearn.ensemble import (ExtraTreesClassifier, ExtraTreesRegressor, GradientBoostingClassifier,
                              GradientBoostingRegressor, HistGradientBoostingClassifier,
                              HistGradientBoostingRegressor, RandomForestClassifier,
                              RandomForestRegressor)
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "sklearn"))
import ctml_sklearn_export as exporter  # noqa: E402

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "generated")
FLT_MAX = np.finfo(np.float32).max
VERSIONS = f"scikit-learn {sklearn.__version__}, numpy {np.__version__}"


def classifiers(n_boost):
    return {
        "dt": DecisionTreeClassifier(max_depth=10, random_state=0),
        "rf": RandomForestClassifier(n_estimators=10, max_depth=8, random_state=0),
        "et": ExtraTreesClassifier(n_estimators=10, max_depth=8, random_state=0),
        "gb": GradientBoostingClassifier(n_estimators=n_boost, max_depth=3, random_state=0),
        "hgb": HistGradientBoostingClassifier(max_iter=n_boost, max_leaf_nodes=15, random_state=0),
    }


def regressors():
    return {
        "dt": DecisionTreeRegressor(max_depth=8, random_state=0),
        "rf": RandomForestRegressor(n_estimators=10, max_depth=8, random_state=0),
        "et": ExtraTreesRegressor(n_estimators=10, max_depth=8, random_state=0),
        "gb": GradientBoostingRegressor(n_estimators=50, max_depth=3, random_state=0),
        "gb_huber": GradientBoostingRegressor(loss="huber", n_estimators=30, max_depth=3, random_state=0),
        "hgb": HistGradientBoostingRegressor(max_iter=30, max_leaf_nodes=15, random_state=0),
        "hgb_poisson": HistGradientBoostingRegressor(loss="poisson", max_iter=30, max_leaf_nodes=15,
                                                     random_state=0),
    }


# -- C++ text helpers --------------------------------------------------------------------------


def c_float(v):
    v = np.float32(v)
    if np.isnan(v):
        return "nan_f"
    if np.isinf(v):
        return "-inf_f" if v < 0 else "inf_f"
    s = "%.9g" % float(v)
    if not any(c in s for c in ".en"):
        s += ".0"
    return s + "f"


def c_double(v):
    s = repr(float(v))
    return s if any(c in s for c in ".en") else s + ".0"


def rows(mat, fmt):
    return ",\n".join("    {" + ", ".join(fmt(v) for v in row) + "}" for row in mat)


def flat(vec, fmt, per_line=12):
    items = [fmt(v) for v in vec]
    return ",\n".join("    " + ", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line))


# -- sample construction -----------------------------------------------------------------------


def boundary_samples(est, X, per_model=12):
    """Samples with one feature on a split's float32 threshold f, or one float32 step above f."""
    if isinstance(est, (HistGradientBoostingClassifier, HistGradientBoostingRegressor)):
        return []
    if hasattr(est, "tree_"):
        trees = [est]
    elif isinstance(est, (GradientBoostingClassifier, GradientBoostingRegressor)):
        trees = list(est.estimators_.ravel())
    else:
        trees = list(est.estimators_)
    picks = []
    for t in trees:
        tr = t.tree_
        internal = np.flatnonzero(tr.children_left != -1)
        paths = tr.decision_path(X).tocsc()
        for node in internal:
            reach = paths[:, node].nonzero()[0]
            if len(reach):
                picks.append((tr.feature[node], tr.threshold[node], reach[0]))
    out = []
    if not picks:
        return out
    for j in np.linspace(0, len(picks) - 1, min(per_model, len(picks))).astype(int):
        f, t, i = picks[j]
        lo = exporter.float32_floor(t)
        for v in (lo, np.nextafter(lo, np.float32(np.inf), dtype=np.float32)):
            s = X[i].copy()
            s[f] = v
            out.append(s)
    return out


def extreme_samples(X, rng, n=8):
    out = []
    for i in range(n):
        s = X[i % len(X)].copy()
        feats = rng.choice(X.shape[1], size=min(3, X.shape[1]), replace=False)
        s[feats[0]] = FLT_MAX
        if len(feats) > 1:
            s[feats[1]] = -FLT_MAX if i % 2 else FLT_MAX
        out.append(s)
    return out


def quantize(X, scale, zp, dtype):
    info = np.iinfo(dtype)
    q = np.round(X / np.asarray(scale)) + np.asarray(zp)
    return np.clip(q, info.min, info.max).astype(dtype)


def dequantize(Q, scale, zp):
    return (np.asarray(scale, dtype=np.float32) * (Q.astype(np.int64) - np.asarray(zp)).astype(np.float32)
            ).astype(np.float32)

ROOT_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


# -- writers -----------------------------------------------------------------------------------


def clang_format(text):
    style = os.path.join(ROOT_DIR, ".clang-format")
    return subprocess.run(["clang-format", f"--style=file:{style}", "--assume-filename=generated.hpp"],
                          input=text, capture_output=True, text=True, check=True).stdout


def write(path, text):
    # Laid out by the repository's .clang-format, so the committed headers follow the project's style
    # (the provenance comment is fenced off: one fact per line).
    with open(os.path.join(OUT, path), "w") as fh:
        fh.write(clang_format(text))


def write_exported(path, text):
    # Exactly what tools/sklearn gives a user: its headers are clang-format-clean by construction.
    if clang_format(text) != text:
        sys.exit(f"generate.py: {path}: ctml_sklearn_export.py wrote a header clang-format would change")
    with open(os.path.join(OUT, path), "w") as fh:
        fh.write(text)


def expected_block(prefix, est, X, n_classes):
    """sklearn's outputs on X (float32 array, or the dequantized inputs of a quantized case)."""
    lines = []
    pred = est.predict(X)
    if n_classes:
        idx = np.searchsorted(est.classes_, pred)
        proba = est.predict_proba(X)
        lines.append(f"inline constexpr int {prefix}_class[] = {{\n{flat(idx, str, 30)}}};")
        lines.append(f"inline constexpr double {prefix}_proba[][{n_classes}] = {{\n{rows(proba, c_double)}}};")
    else:
        lines.append(f"inline constexpr double {prefix}_value[] = {{\n{flat(pred, c_double, 6)}}};")
    return "\n".join(lines)


def data_header(name, X, blocks, note, int_type=None):
    elem = int_type or "float"
    fmt = str if int_type else c_float
    return "\n".join([
        "// clang-format off",
        f"// Generated by tests/trees/generate.py ({VERSIONS}) -- do not edit.",
        f"// {note}",
        "// Expected outputs are scikit-learn's predict / predict_proba on exactly these inputs.",
        "// clang-format on",
        "#pragma once",
        "",
        "#include <cstdint>",
        "#include <limits>",
        "",
        f"namespace {name}_data {{",
        "inline constexpr float inf_f = std::numeric_limits<float>::infinity();",
        "inline constexpr float nan_f = std::numeric_limits<float>::quiet_NaN();",
        f"inline constexpr {elem} x[][{X.shape[1]}] = {{\n{rows(X, fmt)}}};",
        *blocks,
        f"}}  // namespace {name}_data",
        "",
    ])


def float_case(ds, Xtr, ytr, Xte, models, n_classes, rng, note):
    """Fits `models`, exports them, writes one data header with all inputs and expectations."""
    fitted = {k: m.fit(Xtr, ytr) for k, m in models.items()}
    samples = [Xte]
    n_boundary = 0
    between = 0
    for est in fitted.values():
        b = boundary_samples(est, Xte)
        n_boundary += len(b)
        samples.append(np.array(b, dtype=np.float32).reshape(-1, Xte.shape[1]))
    ext = np.array(extreme_samples(Xte, rng), dtype=np.float32)
    samples.append(ext)
    X = np.concatenate(samples).astype(np.float32)
    # Count boundary splits where rounding the threshold to nearest float32 would flip a branch.
    for est in fitted.values():
        for t in getattr(est, "estimators_", [est]) if not hasattr(est, "_predictors") else []:
            for tr in np.ravel(t):
                th = tr.tree_.threshold[tr.tree_.children_left != -1]
                between += int(np.sum(np.float32(th).astype(np.float64) > th))
    blocks = []
    for k, est in fitted.items():
        name = f"{ds}_{k}"
        write_exported(f"{name}.hpp", exporter.export(est, name, source=f"tests/trees/generate.py ({ds})"))
        blocks.append(expected_block(k, est, X, n_classes))
    blocks.append(f"inline constexpr int n_test = {len(Xte)};  // the test split comes first")
    blocks.append(f"inline constexpr int n_extreme = {len(ext)};  // +/-FLT_MAX samples come last")
    write(f"{ds}_data.hpp", data_header(ds, X, blocks, note + f"; {len(Xte)} test, {n_boundary} boundary, "
                                         f"{len(ext)} extreme samples; {between} splits whose float64 "
                                         "threshold rounds up to the nearest float32"))
    return fitted


def main():
    # check_array sums +-FLT_MAX samples to test finiteness; the overflow warning is expected.
    warnings.filterwarnings("ignore", message="invalid value encountered")
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(0)
    loaders = {"iris": datasets.load_iris, "wine": datasets.load_wine,
               "breast_cancer": datasets.load_breast_cancer, "digits": datasets.load_digits}
    splits = {}
    for ds, load in loaders.items():
        X, y = load(return_X_y=True)
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
        Xtr, Xte = Xtr.astype(np.float32), Xte.astype(np.float32)
        splits[ds] = (Xtr, Xte, ytr)
        models = classifiers(10 if ds == "digits" else 30)
        if ds == "breast_cancer":
            models["gb_exp"] = GradientBoostingClassifier(loss="exponential", n_estimators=30, max_depth=3,
                                                          random_state=0)
        float_case(ds, Xtr, ytr, Xte, models, len(np.unique(y)), rng, f"load_{ds}, float32 features")

    X, y = datasets.load_diabetes(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
    float_case("diabetes", Xtr.astype(np.float32), ytr, Xte.astype(np.float32), regressors(), 0, rng,
               "load_diabetes, float32 features")

    # Missing values: 10% of the features set to NaN; HistGradientBoosting learns where NaN goes.
    blocks = []
    Xs = []
    for ds, load, est, nc in (
            ("breast_cancer", datasets.load_breast_cancer,
             HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=15, random_state=0), 2),
            ("diabetes", datasets.load_diabetes,
             HistGradientBoostingRegressor(max_iter=30, max_leaf_nodes=15, random_state=0), 0)):
        X, y = load(return_X_y=True)
        X = X.astype(np.float32)
        X[rng.random(X.shape) < 0.1] = np.nan
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
        est.fit(Xtr, ytr)
        inf = Xte[:8].copy()
        inf[:, 0] = np.inf
        inf[::2, 1] = -np.inf
        Xall = np.concatenate([Xte, inf])
        name = f"missing_{ds}"
        write_exported(f"{name}.hpp", exporter.export(est, name, strategy="table_driven",
                                                      source="tests/trees/generate.py (NaN-injected " + ds + ")"))
        blocks.append((name, Xall, expected_block("hgb", est, Xall, nc)))
    for name, Xall, block in blocks:
        write(f"{name}_data.hpp", data_header(name, Xall, [block, f"inline constexpr int n_test = {len(Xall) - 8};"],
                                              f"{name}: 10% NaN features, last 8 samples hold +/-inf"))

    # Quantized features: int16 digits (scale 1, as the pixel values are integers), int8 and int16
    # breast cancer with a per-feature affine quantization of the training range.
    Xtr, Xte, ytr = splits["digits"]
    q = {"dtype": "int16", "scale": [1.0] * 64, "zero_point": [0] * 64}
    quant_case("digits_q16", Xtr, ytr, Xte, q, {
        "rf": RandomForestClassifier(n_estimators=10, max_depth=8, random_state=0),
        "dt": DecisionTreeClassifier(max_depth=10, random_state=0)}, 10, np.int16, "std::int16_t")
    Xtr, Xte, ytr = splits["breast_cancer"]
    for bits, dtype, ctype in ((8, np.int8, "std::int8_t"), (16, np.int16, "std::int16_t")):
        lo, hi = Xtr.min(axis=0).astype(np.float64), Xtr.max(axis=0).astype(np.float64)
        levels = 2.0 ** bits - 1
        scale = np.float32((hi - lo) / levels).astype(np.float64)
        zp = np.round(np.iinfo(dtype).min - lo / scale).astype(int)
        q = {"dtype": f"int{bits}", "scale": [float(s) for s in scale], "zero_point": [int(z) for z in zp]}
        quant_case(f"breast_cancer_q{bits}", Xtr, ytr, Xte, q, {
            "rf": RandomForestClassifier(n_estimators=10, max_depth=8, random_state=0),
            "gb": GradientBoostingClassifier(n_estimators=30, max_depth=3, random_state=0),
            "hgb": HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=15, random_state=0)},
            2, dtype, ctype)

    pipeline_case(rng)
    sums_case(rng)
    deep_case()


def folded_boundary_samples(header_model, base_rows):
    """For every split of an exported model: its feature at the (folded) float32 threshold f, one
    float32 step below and one above (rows from `base_rows`, cycled); infinite f is skipped."""
    out = []
    for i, t in enumerate(header_model["trees"]):
        for j, node in enumerate(np.flatnonzero(~t.is_leaf)):
            f = exporter.float32_floor(t.threshold[node])
            if not np.isfinite(f):
                continue
            for v in (np.nextafter(f, np.float32(-np.inf)), f, np.nextafter(f, np.float32(np.inf))):
                s = base_rows[(i * 7 + j) % len(base_rows)].copy()
                s[t.feature[node]] = v
                out.append(s)
    return out


def pipeline_case(rng):
    """Pipelines (preprocessing folded into the thresholds by the exporter) with string labels.

    scikit-learn's reference is predict / predict_proba on the float32 feature values in a float64
    array (numpy's and pandas' default), where the steps compute in float64 and the trees cast
    their input to float32. Inputs: the test split, then every split's folded threshold and one
    float32 step either side of it, so that any off-by-one-step fold shows."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

    cases = []
    # Breast cancer, 10 % NaN, string labels: impute (mean), standardize, random forest.
    bc = datasets.load_breast_cancer()
    X = bc.data.astype(np.float32)
    X[rng.random(X.shape) < 0.1] = np.nan
    y = bc.target_names[bc.target]  # "benign" / "malignant"
    cases.append(("pipe_rf", X, y, make_pipeline(
        SimpleImputer(), StandardScaler(), RandomForestClassifier(n_estimators=4, max_depth=5, random_state=0))))
    # Wine with NaN and string labels: MinMaxScaler passes NaN on; HistGradientBoosting's learned direction.
    wine = datasets.load_wine()
    X = wine.data.astype(np.float32)
    X[rng.random(X.shape) < 0.1] = np.nan
    y = np.array(["barolo", "grignolino", "barbera"])[wine.target]
    cases.append(("pipe_hgb", X, y, make_pipeline(
        MinMaxScaler(), HistGradientBoostingClassifier(max_iter=5, max_leaf_nodes=8, random_state=0))))
    # Diabetes: column selection (scaled, min-max scaled, dropped, remainder robust-scaled) + imputer.
    X, y = datasets.load_diabetes(return_X_y=True)
    X = (X * 1e3).astype(np.float32)  # features of order 1..100, so that scaling really rounds
    X[rng.random(X.shape) < 0.05] = np.nan
    ct = ColumnTransformer([("std", StandardScaler(), [0, 2, 3]), ("mm", MinMaxScaler(feature_range=(-3, 5)), [8, 1]),
                            ("gone", "drop", [4])], remainder=RobustScaler())
    cases.append(("pipe_gb", X, y, make_pipeline(
        SimpleImputer(strategy="median"), ct, GradientBoostingRegressor(n_estimators=15, max_depth=3,
                                                                        random_state=0))))
    for name, X, y, pipe in cases:
        Xtr, Xte, ytr, _ = train_test_split(X, y, test_size=0.25, random_state=0)
        pipe.fit(Xtr.astype(np.float64), ytr)
        write_exported(f"{name}.hpp", exporter.export(pipe, name, source="tests/trees/generate.py (pipeline)"))
        S = np.concatenate([Xte, np.array(folded_boundary_samples(exporter.read_estimator(pipe), Xte),
                                          dtype=np.float32)])
        classes = getattr(pipe, "classes_", None)
        blocks = [expected_block("model", pipe, S.astype(np.float64), 0 if classes is None else len(classes))]
        if classes is not None:
            blocks.append(f"inline constexpr const char* classes[] = {{{', '.join(exporter.c_string(c) for c in classes)}}};")
        blocks.append(f"inline constexpr int n_test = {len(Xte)};  // the test split comes first")
        write(f"{name}_data.hpp", data_header(name, S, blocks, f"{name}: Pipeline, {len(Xte)} test samples (with "
                                              f"NaN), then {len(S) - len(Xte)} at and one float32 step either "
                                              "side of every folded threshold"))


def sums_case(rng):
    """Boosted regressions whose stages cancel: 100 stages of magnitude ~100 summing to values near
    zero, where a float32 sum loses digits (docs/trees.md, "Leaf values"). Inputs: the test split,
    then the 60 of 20,000 random inputs whose scikit-learn prediction is closest to zero."""
    n = 1500
    X = rng.normal(size=(n, 6)).astype(np.float32)
    y = 1000 * np.sin(1.5 * X[:, 0]) + 300 * X[:, 1] * X[:, 2] + 50 * rng.normal(size=n)
    Xn = X.copy()
    Xn[rng.random(X.shape) < 0.1] = np.nan
    probe = rng.normal(size=(20000, 6)).astype(np.float32)
    probe_n = probe.copy()
    probe_n[rng.random(probe.shape) < 0.1] = np.nan
    for name, est, XX, P in (
            ("sums_gb_huber", GradientBoostingRegressor(loss="huber", n_estimators=100, max_depth=3, random_state=0),
             X, probe),
            ("sums_hgb_nan", HistGradientBoostingRegressor(max_iter=100, max_leaf_nodes=8, random_state=0),
             Xn, probe_n)):
        Xtr, Xte, ytr, _ = train_test_split(XX, y, test_size=0.25, random_state=0)
        est.fit(Xtr, ytr)
        write_exported(f"{name}.hpp", exporter.export(est, name, source="tests/trees/generate.py (cancelling sums)"))
        near = P[np.argsort(np.abs(est.predict(P)))[:60]]
        S = np.concatenate([Xte, near])
        # What the test guards against: the stages (from staged_predict) summed in float32.
        stages = np.array(list(est.staged_predict(S)))
        init = est._raw_predict_init(S)[:, 0] if hasattr(est, "init_") else np.full(
            len(S), np.ravel(est._baseline_prediction)[0])
        acc = init.astype(np.float32)
        prev = init
        for st in stages:
            acc = (acc + (st - prev).astype(np.float32)).astype(np.float32)
            prev = st
        rel = np.max(np.abs(acc - stages[-1]) / np.abs(stages[-1]))
        blocks = [expected_block("model", est, S, 0), f"inline constexpr int n_test = {len(Xte)};"]
        write(f"{name}_data.hpp", data_header(name, S, blocks, f"{name}: synthetic, stages of magnitude ~100; "
                                              f"{len(Xte)} test samples, then 60 whose prediction is nearest 0; "
                                              f"summed in float32 the stages are off by up to {rel:.1e} relative"))


def deep_case():
    """Deep trees: alternating labels on 0, 1, 2, ... make DecisionTreeClassifier peel one sample per
    level, a chain as deep as the samples allow. Depth 256 is the unrolled strategy's limit (compiled
    with both strategies); depth 1199 exceeds Python's default recursion limit and is exported
    table_driven (--strategy auto). Inputs: every threshold and one float32 step either side."""
    for n in (257, 1200):
        X = np.arange(n, dtype=np.float32).reshape(-1, 1)
        est = DecisionTreeClassifier(random_state=0).fit(X, np.arange(n) % 2)
        name = f"deep_{est.get_depth()}"
        write_exported(f"{name}.hpp", exporter.export(est, name, source="tests/trees/generate.py (deep chain)"))
        S = np.array(folded_boundary_samples(exporter.read_estimator(est), X), dtype=np.float32)
        blocks = [expected_block("model", est, S, 2), f"inline constexpr int n_test = {len(S)};"]
        write(f"{name}_data.hpp", data_header(name, S, blocks, f"{name}: a DecisionTreeClassifier of depth "
                                              f"{est.get_depth()}; every threshold and one step either side"))


def quant_case(ds, Xtr, ytr, Xte, q, models, n_classes, dtype, ctype):
    """Models fit on float features; the device sees q = quantize(x); sklearn sees dequantize(q)."""
    Q = quantize(Xte.astype(np.float64), q["scale"], q["zero_point"], dtype)
    # Add, for every split of the first tree of each model, the integers right at its threshold.
    extra = []
    fitted = {k: m.fit(Xtr, ytr) for k, m in models.items()}
    info = np.iinfo(dtype)
    for est in fitted.values():
        first = est if hasattr(est, "tree_") else (
            np.ravel(est.estimators_)[0] if hasattr(est, "estimators_") else None)
        if first is None:
            continue
        tr = first.tree_
        for node in np.flatnonzero(tr.children_left != -1)[:20]:
            f = tr.feature[node]
            T = exporter.quantized_threshold(tr.threshold[node], q["scale"][f], q["zero_point"][f],
                                             int(info.min), int(info.max))
            for v in (T, T + 1):
                s = Q[node % len(Q)].copy()
                s[f] = np.clip(v, info.min, info.max)
                extra.append(s)
    Qall = np.concatenate([Q, np.array(extra, dtype=dtype).reshape(-1, Q.shape[1])])
    Xdq = dequantize(Qall, q["scale"], q["zero_point"])
    blocks = []
    for k, est in fitted.items():
        name = f"{ds}_{k}"
        write_exported(f"{name}.hpp", exporter.export(est, name, quantization=q,
                                                      source=f"tests/trees/generate.py ({ds})"))
        blocks.append(expected_block(k, est, Xdq, n_classes))
    blocks.append(f"inline constexpr int n_test = {len(Q)};")
    write(f"{ds}_data.hpp", data_header(ds, Qall, blocks,
                                        f"{ds}: {q['dtype']} features q; scikit-learn saw the float32 "
                                        "dequantization scale * float(q - zero_point)", int_type=ctype))


if __name__ == "__main__":
    main()
