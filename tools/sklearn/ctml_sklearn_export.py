#!/usr/bin/python3
"""Export a fitted scikit-learn tree model to a ctml C++ header.

Usage:
    ctml_sklearn_export.py MODEL.pkl --name iris_forest [--strategy auto|table_driven|unrolled]
                           [--quantization q.json] [-o iris_forest.hpp]
    # or in Python:  header = ctml_sklearn_export.export(estimator, "iris_forest")

Supported: DecisionTree{Classifier,Regressor}, RandomForest{Classifier,Regressor},
ExtraTrees{Classifier,Regressor}, GradientBoosting{Classifier,Regressor},
HistGradientBoosting{Classifier,Regressor}, also as the last step of a Pipeline whose other steps
are StandardScaler, MinMaxScaler, RobustScaler, SimpleImputer or ColumnTransformer column selection
(folded into the thresholds, see fold_preprocessing). Anything else is refused with an error naming it.

Exactness rules (docs/trees.md):
  * float features: scikit-learn tests float32(x) <= t with t a float64. Each t is written as the
    largest float32 f <= t, so that x <= f holds for exactly the same float32 x.
  * quantized features (--quantization): the device dequantizes x = scale * float(q - zero_point) in
    float32. Each threshold becomes the largest integer T with dequantize(T) <= f, so q <= T takes
    the branch float would take on the dequantized value.

Quantization file (JSON): {"dtype": "int16" | "int8", "scale": [..per feature..],
                           "zero_point": [..per feature..]}
"""

import argparse
import json
import os
import pickle
import sys
import warnings

import numpy as np
import sklearn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python_common"))
from ctml_export_common import describe_os_error, name_problem, namespace_problem, write_atomically  # noqa: E402

SUPPORTED = (
    "DecisionTreeClassifier", "DecisionTreeRegressor",
    "RandomForestClassifier", "RandomForestRegressor",
    "ExtraTreesClassifier", "ExtraTreesRegressor",
    "GradientBoostingClassifier", "GradientBoostingRegressor",
    "HistGradientBoostingClassifier", "HistGradientBoostingRegressor",
)

INT_TYPES = {"int8": (np.int8, "std::int8_t"), "int16": (np.int16, "std::int16_t")}


class ExportError(Exception):
    """Unsupported estimator, option or input; the message names it."""


# ---------------------------------------------------------------------------------------------
# Threshold conversion


def float32_floor(t):
    """Largest float32 f with f <= t (t a float64): x <= t <=> x <= f for every float32 x."""
    t = float(t)
    if np.isnan(t):
        raise ExportError("threshold is NaN")
    f = np.float32(t)
    if float(f) > t:
        f = np.nextafter(f, np.float32(-np.inf), dtype=np.float32)
    return f


def dequantize(q, scale, zero_point):
    """The device's dequantization, float32 arithmetic: scale * float(q - zero_point)."""
    return np.float32(scale) * np.float32(q - zero_point)


def quantized_threshold(t, scale, zero_point, qmin, qmax):
    """Largest integer T in [qmin - 1, qmax] with dequantize(q) <= t for all q <= T."""
    f = float32_floor(t)
    if not dequantize(qmin, scale, zero_point) <= f:
        return qmin - 1  # no representable q goes left
    lo, hi = qmin, qmax  # invariant: dequantize(lo) <= f
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if dequantize(mid, scale, zero_point) <= f:
            lo = mid
        else:
            hi = mid - 1
    return lo


# ---------------------------------------------------------------------------------------------
# Reading estimators into a common form: a list of trees, each a dict of node arrays.


class Tree:
    """One binary tree: per node is_leaf, feature, threshold, left, right, missing_left, value."""

    def __init__(self, is_leaf, feature, threshold, left, right, missing_left, value):
        self.is_leaf, self.feature, self.threshold = is_leaf, feature, threshold
        self.left, self.right, self.missing_left, self.value = left, right, missing_left, value


def _sk_tree(tree, leaf_value):
    n = tree.node_count
    is_leaf = tree.children_left == -1
    values = [leaf_value(tree.value[i]) if is_leaf[i] else None for i in range(n)]
    return Tree(is_leaf, tree.feature, tree.threshold, tree.children_left, tree.children_right,
                np.zeros(n, dtype=bool), values)


def _class_proba(v):
    v = np.asarray(v[0], dtype=np.float64)
    s = v.sum()
    return tuple(v / (s if s != 0.0 else 1.0))  # DecisionTreeClassifier.predict_proba's normalizer


def _hgb_tree(predictor):
    nodes = predictor.nodes
    if np.any(nodes["is_categorical"]):
        raise ExportError("HistGradientBoosting with categorical features (categorical_features=...) "
                          "is not supported")
    is_leaf = nodes["is_leaf"].astype(bool)
    values = [(float(nodes["value"][i]),) if is_leaf[i] else None for i in range(len(nodes))]
    return Tree(is_leaf, nodes["feature_idx"].astype(np.int64), nodes["num_threshold"],
                nodes["left"].astype(np.int64), nodes["right"].astype(np.int64),
                nodes["missing_go_to_left"].astype(bool), values)


# ---------------------------------------------------------------------------------------------
# Pipelines: preprocessing folded into the thresholds.
#
# Every supported step maps each output column to one input column through a non-decreasing function
# (scalers: positive scale; SimpleImputer: identity on numbers), and IEEE rounding is non-decreasing
# too. So for a split `cast(g(x)) <= t` of the final estimator, the float32 inputs x that go left are
# exactly those up to some float32 X, found by bisection with the fitted steps' own transform()
# (scikit-learn's arithmetic, not a copy of it). NaN goes where the transformed NaN goes: the imputed
# value's side of the split, or the estimator's own missing-value direction.

PIPELINE_STEPS = ("StandardScaler", "MinMaxScaler", "RobustScaler", "SimpleImputer")
STEP_ADVICE = ("only StandardScaler, MinMaxScaler, RobustScaler, SimpleImputer (missing_values=nan, "
               "add_indicator=False) and ColumnTransformer of these, 'passthrough' or 'drop' can precede "
               "the trees; compute it in firmware before predict() and export the final estimator alone "
               "(pipeline[-1])")


def check_step(name, step):
    """Raises ExportError unless `step` is a supported preprocessing step (recursively)."""
    if step is None or (isinstance(step, str) and step in ("passthrough", "drop")):
        return
    kind = type(step).__name__
    if kind == "Pipeline":
        for n, s in step.steps:
            check_step(n, s)
        return
    if kind == "ColumnTransformer":
        if not hasattr(step, "transformers_"):
            raise ExportError(f"pipeline step '{name}' (ColumnTransformer) is not fitted")
        for n, t, _ in step.transformers_:
            check_step(n, t)
        return
    if kind not in PIPELINE_STEPS:
        raise ExportError(f"unsupported pipeline step '{name}' ({kind}): {STEP_ADVICE}")
    if kind == "SimpleImputer":
        mv = step.missing_values
        if not (isinstance(mv, float) and np.isnan(mv)) or step.add_indicator:
            raise ExportError(f"pipeline step '{name}' (SimpleImputer) with missing_values={mv!r}, "
                              f"add_indicator={step.add_indicator!r}: {STEP_ADVICE}")


def _ordered(f):
    """float32 -> int64 in the same order (both zeros -> 0): bisection works on these."""
    b = np.asarray(f, dtype=np.float32).view(np.int32).astype(np.int64)
    return np.where(b < 0, -(b & 0x7FFFFFFF), b)


def _from_ordered(o):
    o = np.asarray(o, dtype=np.int64)
    bits = np.where(o < 0, (-o) | 0x80000000, o).astype(np.uint32)
    return bits.view(np.float32)


def fold_preprocessing(m, pre, n_raw, cast_float32, names=None):
    """Rewrites m's trees (over pre's output columns) into trees over the n_raw raw features."""
    def transform(X):
        if names is not None:  # fitted on a DataFrame: columns may be selected by name
            try:
                import pandas
                X = pandas.DataFrame(X, columns=names)
            except ImportError:
                pass
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return np.asarray(pre.transform(X), dtype=np.float64)
        except Exception as e:  # noqa: BLE001 -- any failure of the user's steps is reported, not raised
            raise ExportError(f"cannot evaluate the pipeline's steps on probe inputs ({type(e).__name__}: {e}); "
                              "export the final estimator alone (pipeline[-1])") from None

    base = np.zeros((1, n_raw))
    out0 = transform(base)
    n_out = out0.shape[1]
    if n_out != m["n_features"]:
        raise ExportError(f"the pipeline's steps give {n_out} features, its estimator expects {m['n_features']}")
    # Which input column each output column depends on: probe every input with values far apart.
    depends = np.zeros((n_raw, n_out), dtype=bool)
    for p in (1.0, -1.0, 1e6, -1e6, 1e30, -1e30):
        probe = np.zeros((n_raw, n_raw))
        np.fill_diagonal(probe, p)
        depends |= ~np.isclose(transform(probe), out0, rtol=0, atol=0, equal_nan=True)
    if np.any(depends.sum(axis=0) != 1):
        raise ExportError(f"a pipeline output column does not depend on exactly one input feature: {STEP_ADVICE}")
    source = depends.argmax(axis=0)  # output column -> input column

    def goes_left(x, k, t):
        X = np.zeros((len(x), n_raw))
        X[np.arange(len(x)), source[k]] = x
        return as_compared(transform(X)[np.arange(len(x)), k]) <= t

    def as_compared(v):
        if cast_float32:  # the trees' check_array: float32, rounded to nearest (beyond FLT_MAX: inf)
            with np.errstate(over="ignore"):
                v = v.astype(np.float32).astype(np.float64)
        return v

    split_k = np.concatenate([t.feature[~t.is_leaf] for t in m["trees"]]).astype(np.int64)
    split_t = np.concatenate([np.asarray(t.threshold, dtype=np.float64)[~t.is_leaf] for t in m["trees"]])
    big = np.float32(np.finfo(np.float32).max)
    if len(split_k) and not np.all(goes_left(np.full(len(split_k), -big), split_k, split_t)):
        raise ExportError("a split sends every float32 value right after preprocessing; cannot fold it")
    lo = np.full(len(split_k), _ordered(-big), dtype=np.int64)  # goes left
    hi = np.full(len(split_k), _ordered(big), dtype=np.int64)  # goes right unless `always`
    always = goes_left(np.full(len(split_k), big), split_k, split_t) if len(split_k) else np.zeros(0, bool)
    while np.any(hi - lo > 1):
        mid = (lo + hi) // 2
        left = goes_left(_from_ordered(mid), split_k, split_t)
        lo, hi = np.where(left, mid, lo), np.where(left, hi, mid)
    folded = np.where(always, np.float32(np.inf), _from_ordered(lo))
    # Where NaN goes: the imputed value's side, or (still NaN) the estimator's own rule.
    nan_v = transform(np.full((1, n_raw), np.nan))[0]
    nan_value = as_compared(nan_v[split_k])
    nan_left = nan_value <= split_t
    own = np.concatenate([np.asarray(t.missing_left, dtype=bool)[~t.is_leaf] for t in m["trees"]])
    nan_left = np.where(np.isnan(nan_value), own, nan_left)
    trees, at = [], 0
    for t in m["trees"]:
        internal = np.flatnonzero(~t.is_leaf)
        feature = np.zeros(len(t.is_leaf), dtype=np.int64)
        threshold = np.zeros(len(t.is_leaf), dtype=np.float64)
        missing = np.zeros(len(t.is_leaf), dtype=bool)
        feature[internal] = source[split_k[at:at + len(internal)]]
        threshold[internal] = folded[at:at + len(internal)]
        missing[internal] = nan_left[at:at + len(internal)]
        at += len(internal)
        trees.append(Tree(t.is_leaf, feature, threshold, t.left, t.right, missing, t.value))
    m["trees"] = trees
    m["n_features"] = n_raw
    # An imputer turns NaN into a number: the model then accepts NaN (validate() says ok).
    m["nan_handled"] = bool(np.any(~np.isnan(nan_v)))
    return m


def read_estimator(est):
    """-> dict(kind, task, aggregation, link, n_features, n_outputs, leaf_width, init, trees, classes)."""
    if type(est).__name__ == "Pipeline":
        return read_pipeline(est)
    kind = type(est).__name__
    if kind not in SUPPORTED:
        raise ExportError(f"unsupported estimator {kind} (supported: {', '.join(SUPPORTED)})")
    if not hasattr(est, "n_features_in_"):
        raise ExportError(f"{kind} is not fitted")
    if getattr(est, "n_outputs_", 1) != 1:
        raise ExportError(f"{kind} with {est.n_outputs_} outputs (multi-output) is not supported")
    nf = int(est.n_features_in_)
    m = dict(kind=kind, n_features=nf, classes=getattr(est, "classes_", None), link="identity")
    # feature_names_in_: set by fit() on a table with string column names (a pandas DataFrame).
    names = getattr(est, "feature_names_in_", None)
    if names is not None:
        names = list(names)
        if len(names) != nf or not all(isinstance(n, str) for n in names):
            raise ExportError(f"{kind}: feature_names_in_ must hold {nf} strings, one per feature")
    m["feature_names"] = names
    classifier = kind.endswith("Classifier")
    m["task"] = "classification" if classifier else "regression"

    if kind.startswith(("DecisionTree", "RandomForest", "ExtraTrees")):
        trees = [est] if kind.startswith("DecisionTree") else list(est.estimators_)
        if classifier:
            nc = len(est.classes_)
            m["trees"] = [_sk_tree(t.tree_, _class_proba) for t in trees]
            m.update(n_outputs=nc, leaf_width=nc)
        else:
            m["trees"] = [_sk_tree(t.tree_, lambda v: (float(v[0][0]),)) for t in trees]
            m.update(n_outputs=1, leaf_width=1)
        m.update(aggregation="average", init=[0.0] * m["n_outputs"])
    elif kind.startswith("GradientBoosting"):
        init = est.init_
        if not (isinstance(init, str) and init == "zero") and type(init).__name__ not in (
                "DummyClassifier", "DummyRegressor"):
            raise ExportError(f"{kind} with init={type(init).__name__} is not supported "
                              "(only the default prior/mean init or init='zero')")
        loss = type(est._loss).__name__
        links = {"BinomialDeviance": "sigmoid", "ExponentialLoss": "sigmoid_twice",
                 "MultinomialDeviance": "softmax", "LeastSquaresError": "identity",
                 "LeastAbsoluteError": "identity", "HuberLossFunction": "identity",
                 "QuantileLossFunction": "identity"}
        if loss not in links:
            raise ExportError(f"{kind} with loss {loss} is not supported")
        lr = float(est.learning_rate)
        k = est.estimators_.shape[1]
        # predict_stages adds learning_rate * value per stage, stage-major: the same order here.
        m["trees"] = [_sk_tree(est.estimators_[i, j].tree_, lambda v: (lr * float(v[0][0]),))
                      for i in range(est.estimators_.shape[0]) for j in range(k)]
        raw0 = est._raw_predict_init(np.zeros((1, nf), dtype=np.float32))[0]
        m.update(aggregation="sum", link=links[loss], n_outputs=k, leaf_width=1,
                 init=[float(v) for v in raw0])
    else:  # HistGradientBoosting
        if getattr(est, "is_categorical_", None) is not None and np.any(est.is_categorical_):
            raise ExportError(f"{kind} with categorical features (categorical_features=...) is not supported")
        loss = type(est._loss).__name__
        links = {"HalfBinomialLoss": "sigmoid", "HalfMultinomialLoss": "softmax",
                 "HalfSquaredError": "identity", "AbsoluteError": "identity",
                 "PinballLoss": "identity", "HalfPoissonLoss": "exp"}
        if loss not in links:
            raise ExportError(f"{kind} with loss {loss} is not supported")
        k = int(est.n_trees_per_iteration_)
        m["trees"] = [_hgb_tree(p) for it in est._predictors for p in it]
        m.update(aggregation="sum", link=links[loss], n_outputs=k, leaf_width=1,
                 init=[float(v) for v in np.asarray(est._baseline_prediction).ravel()])
        if len(m["init"]) != k:
            raise ExportError(f"{kind}: unexpected baseline shape {est._baseline_prediction.shape}")
    return m


def read_pipeline(pipe):
    """A Pipeline of supported preprocessing steps and a tree estimator, folded into one model."""
    if not pipe.steps:
        raise ExportError("empty Pipeline")
    for n, step in pipe.steps[:-1]:
        check_step(n, step)
    final = pipe.steps[-1][1]
    if type(final).__name__ == "Pipeline":
        raise ExportError("a Pipeline whose last step is a Pipeline is not supported: flatten it")
    m = read_estimator(final)
    if len(pipe.steps) == 1:
        return m
    pre = pipe[:-1]
    first = next(s for _, s in pipe.steps if not (s is None or isinstance(s, str)))  # not 'passthrough'
    if not hasattr(first, "n_features_in_"):
        raise ExportError("Pipeline is not fitted")
    names = getattr(pipe, "feature_names_in_", None)
    names = [str(n) for n in names] if names is not None else None
    m = fold_preprocessing(m, pre, int(first.n_features_in_), cast_float32=not m["kind"].startswith("Hist"),
                           names=names)
    m["steps"] = [f"{n}={type(s).__name__ if not isinstance(s, str) else s}" for n, s in pipe.steps[:-1]]
    m["feature_names"] = names
    return m


# ---------------------------------------------------------------------------------------------
# Layout: internal nodes in preorder per tree, leaves as deduplicated value vectors.


def uint_least_for(mx):
    for bits, name in ((8, "std::uint8_t"), (16, "std::uint16_t"), (32, "std::uint32_t")):
        if mx < (1 << bits):
            return name, bits // 8
    return "std::uint64_t", 8


def int_least_for(mx):
    for bits, name in ((8, "std::int8_t"), (16, "std::int16_t"), (32, "std::int32_t")):
        if mx < (1 << (bits - 1)):
            return name, bits // 8
    return "std::int64_t", 8


def layout(m, quant):
    nf = m["n_features"]
    if quant is not None:
        for key in ("scale", "zero_point"):
            if len(quant[key]) != nf:
                raise ExportError(f"quantization: '{key}' has {len(quant[key])} entries, the model has "
                                  f"{nf} features")
        if any(not (s > 0) for s in quant["scale"]):
            raise ExportError("quantization: every scale must be > 0")
        qinfo = np.iinfo(INT_TYPES[quant["dtype"]][0])
    values, value_ids = [], {}
    width = m["leaf_width"]
    # Classifiers of class-probability leaves (ctml::trees::class_table): pure leaves are implicit,
    # the others are sparse fixed-point entries, stored tree by tree.
    one_hot = width > 1
    if one_hot:
        shift = class_prob_shift(m["n_outputs"], len(m["trees"]))
    else:
        value_shift = fixed_point_shift(m)
    entries, entry_base, max_tree_entries = [], [], 0
    feature, threshold, left, right, base, root, missing = [], [], [], [], [], [], []
    max_tree_nodes = 0
    for tree in m["trees"]:
        tree_base = len(feature)
        tree_entries = len(entries)
        tree_leaf_ids = {}  # entry tuple -> leaf code within this tree
        order = []  # internal nodes in preorder; an explicit stack, so depth has no Python limit
        stack = [0]
        while stack:
            i = stack.pop()
            if not tree.is_leaf[i]:
                order.append(i)
                stack.append(int(tree.right[i]))
                stack.append(int(tree.left[i]))
        local = {node: j for j, node in enumerate(order)}

        def code(i):
            if tree.is_leaf[i]:
                if one_hot:
                    q = [int(round(float(p) * 2.0 ** shift)) for p in tree.value[i]]
                    if max(q) == 1 << shift:
                        return -1 - q.index(1 << shift)  # pure leaf: implicit, id = class
                    key = tuple((k, v) for k, v in enumerate(q) if v != 0)
                    if key not in tree_leaf_ids:
                        tree_leaf_ids[key] = width + len(entries) - tree_entries
                        for j, (k, v) in enumerate(key):
                            last = (1 << shift) if j == len(key) - 1 else 0
                            entries.append((k << (shift + 1)) | last | v)
                    return -1 - tree_leaf_ids[key]
                key = tuple(fixed_point(v, value_shift) for v in tree.value[i])
                if key not in value_ids:
                    value_ids[key] = len(values)
                    values.append(key)
                return -1 - value_ids[key]
            return local[i]

        for i in order:
            f = int(tree.feature[i])
            t = float(tree.threshold[i])
            if quant is None:
                threshold.append(float32_floor(t))
            else:
                threshold.append(quantized_threshold(t, quant["scale"][f], quant["zero_point"][f],
                                                     int(qinfo.min), int(qinfo.max)))
            feature.append(f)
            missing.append(bool(tree.missing_left[i]) and quant is None)
            left.append(code(int(tree.left[i])))
            right.append(code(int(tree.right[i])))
        base.append(tree_base)
        root.append(code(0))
        entry_base.append(tree_entries)
        max_tree_nodes = max(max_tree_nodes, len(order))
        max_tree_entries = max(max_tree_entries, len(entries) - tree_entries)
    return dict(feature=feature, threshold=threshold, left=left, right=right, base=base, root=root,
                missing=missing, values=values, max_tree_nodes=max_tree_nodes, one_hot=one_hot,
                value_shift=None if one_hot else value_shift,
                entries=entries, entry_base=entry_base, max_tree_entries=max_tree_entries,
                n_leaf_ids=(width + max_tree_entries) if one_hot else len(values))


def fixed_point(v, shift):
    """round(v * 2^shift) as a Python int (v * 2^shift is exact in float64, so is its rounding)."""
    return int(round(float(v) * 2.0 ** shift))


def fixed_point_shift(m):
    """ctml::trees::table's ValueShift: the largest s with |init| + the sum over the trees of their
    largest |leaf value| below 2^62 per output, so that the int64 sum of any path cannot overflow."""
    k = m["n_outputs"]
    bound = [abs(float(v)) for v in m["init"]]
    for i, t in enumerate(m["trees"]):
        leaves = [v for v, leaf in zip(t.value, t.is_leaf) if leaf]
        for j in range(m["leaf_width"]):
            out = j if m["leaf_width"] > 1 else i % k
            bound[out] += max(abs(float(v[j])) for v in leaves)
    top = max(bound)
    if not np.isfinite(top):
        raise ExportError(f"{m['kind']} has a leaf value that is not finite")
    if top == 0.0:
        return 32
    e = int(np.floor(np.log2(top))) + 1  # top < 2^e
    return 62 - e


def class_prob_shift(n_classes, n_trees):
    """ctml::trees::class_table::prob_shift: the sum of all trees < 2^32, class + last bit + p in 32 bits."""
    shift = min(32 - n_trees.bit_length(), 31 - (n_classes - 1).bit_length())
    if shift < 20:
        raise ExportError(f"{n_classes} classes and {n_trees} trees do not fit 32-bit fixed-point "
                          "probabilities within 1e-6")
    return shift


# ---------------------------------------------------------------------------------------------
# Header writing


def c_float(v):
    v = np.float32(v)
    if np.isinf(v):
        return ("-" if v < 0 else "") + "std::numeric_limits<float>::infinity()"
    s = "%.9g" % float(v)  # 9 significant digits round-trip every float32
    if not any(c in s for c in ".en"):
        s += ".0"
    return s + "f"


def c_array(name, items, indent="    "):
    lines, line = [], ""
    for it in items:
        piece = it + ", "
        if len(line) + len(piece) > 104:
            lines.append(line.rstrip())
            line = ""
        line += piece
    if line:
        lines.append(line.rstrip().rstrip(","))
    if lines:
        lines[-1] = lines[-1].rstrip(",")
    body = ("\n" + indent + "    ").join(lines)
    return f"{indent}.{name} = {{{body}}},"


def c_string(text):
    """A C++ string literal holding `text` as UTF-8: printable ASCII as is, '"' and '\\' escaped,
    every other byte as a three-digit octal escape (which, unlike \\x, never runs into what follows)."""
    out = []
    for b in text.encode("utf-8"):
        c = chr(b)
        out.append("\\" + c if c in '"\\' else c if 0x20 <= b < 0x7f else f"\\{b:03o}")
    return '"' + "".join(out) + '"'


def string_array(name, texts):
    """Lines of `inline constexpr std::array<std::string_view, N> name{...};`, wrapped at 108 columns."""
    out = [f"inline constexpr std::array<std::string_view, {len(texts)}> {name}{{"]
    line = "   "
    for i, n in enumerate(texts):
        piece = " " + c_string(n) + ("," if i + 1 < len(texts) else "};")
        if len(line) + len(piece) > 108 and line.strip():
            out.append(line)
            line = "   "
        line += piece
    out.append(line)
    return out


def _sizeof(members):
    off, align = 0, 1
    for count, size in members:
        if count == 0:  # std::array<T, 0> is an empty struct: one byte, alignment 1
            count = size = 1
        off = (off + size - 1) // size * size + count * size
        align = max(align, size)
    return (off + align - 1) // align * align


def check_names(name, namespace=None):
    """Raises ExportError unless `name` (and `namespace`, if any) can be used in C++: ctml-import's rules."""
    problem = name_problem(name)
    if problem is not None:
        raise ExportError(f"--name '{name}' is not a usable C++ name for the model: {problem}")
    problem = namespace_problem(namespace) if namespace else None
    if problem is not None:
        raise ExportError(f"--namespace '{namespace}' is not a usable C++ namespace: {problem}")


# --strategy auto: unrolled up to this many split nodes (GCC -O2 compiles it in about 10 s on one core
# of the reference machine, benchmarks/trees/README.md), table_driven above.
AUTO_UNROLLED_MAX_SPLITS = 2000
# The unrolled templates nest one instantiation per tree level: GCC stops at 900 (-ftemplate-depth),
# Clang warns of stack exhaustion near 900, and compile time grows with depth squared. 256 is the
# depth tests/trees/deep_test.cpp compiles (both compilers, no warning).
UNROLLED_MAX_DEPTH = 256


def tree_depth(tree):
    """Levels of split nodes on the longest root-to-leaf path (an explicit stack: no Python limit)."""
    deepest, stack = 0, [(0, 0)]
    while stack:
        i, d = stack.pop()
        if not tree.is_leaf[i]:
            deepest = max(deepest, d + 1)
            stack.append((int(tree.left[i]), d + 1))
            stack.append((int(tree.right[i]), d + 1))
    return deepest


def choose_strategy(strategy, n_splits, depth):
    """-> (strategy, why): `auto` resolved from the model's size; `unrolled` refused beyond the depth limit."""
    if strategy == "auto":
        if depth > UNROLLED_MAX_DEPTH:
            return "table_driven", f"auto: depth {depth} > {UNROLLED_MAX_DEPTH}"
        if n_splits > AUTO_UNROLLED_MAX_SPLITS:
            return "table_driven", f"auto: {n_splits} splits > {AUTO_UNROLLED_MAX_SPLITS}"
        return "unrolled", f"auto: {n_splits} splits <= {AUTO_UNROLLED_MAX_SPLITS}"
    if strategy == "unrolled" and depth > UNROLLED_MAX_DEPTH:
        raise ExportError(f"--strategy unrolled: a tree of depth {depth} is deeper than the unrolled strategy's "
                          f"limit {UNROLLED_MAX_DEPTH} (the templates nest one level per tree level); use "
                          "--strategy table_driven or auto")
    return strategy, "requested"


def export(est, name, strategy="auto", quantization=None, namespace=None, source=None):
    """Returns the text of a C++ header defining `name_table` and the model type `name`.
    strategy: "auto" (unrolled for small, shallow models, else table_driven), "table_driven" or "unrolled"."""
    if strategy not in ("auto", "table_driven", "unrolled"):
        raise ExportError(f"unknown strategy {strategy!r} (auto, table_driven or unrolled)")
    check_names(name, namespace)
    m = read_estimator(est)
    if quantization is not None and "steps" in m:
        raise ExportError("--quantization with a Pipeline is not supported: export the final estimator alone "
                          "(pipeline[-1]) and quantize its inputs")
    if quantization is not None and quantization.get("dtype") not in INT_TYPES:
        raise ExportError(f"quantization: dtype must be int8 or int16, not {quantization.get('dtype')!r}")
    lay = layout(m, quantization)
    strategy, why = choose_strategy(strategy, len(lay["feature"]), max(tree_depth(t) for t in m["trees"]))
    nf, no, w = m["n_features"], m["n_outputs"], m["leaf_width"]
    nn, nt, nv = len(lay["feature"]), len(lay["base"]), len(lay["values"])
    has_missing = any(lay["missing"]) or m.get("nan_handled", False)

    if quantization is None:
        feat_t = thr_t = "float"
        thr_size = 4
        thresholds = [c_float(t) for t in lay["threshold"]]
    else:
        feat_t = INT_TYPES[quantization["dtype"]][1]
        lo, hi = min(lay["threshold"], default=0), max(lay["threshold"], default=0)
        thr_t, thr_size = int_least_for(max(hi, -lo - 1))
        thresholds = [str(t) for t in lay["threshold"]]

    # Mirror of ctml::trees::table's type choices; a static_assert in the header checks the mirror.
    fbits = (nf - 1).bit_length()
    ftype, fsize = uint_least_for(((2 << fbits) - 1) if has_missing else nf - 1)
    ctype, csize = int_least_for(max(lay["max_tree_nodes"], lay["n_leaf_ids"]))
    btype, bsize = uint_least_for(nn)
    storage = max(nn, 1)
    ne = len(lay["entries"])
    if lay["one_hot"]:
        eb_size = uint_least_for(ne)[1]
        flash = _sizeof([(storage, fsize), (storage, thr_size), (storage, csize), (storage, csize),
                         (nt, bsize), (nt, csize), (nt, eb_size), (ne, 4)])
    else:
        flash = _sizeof([(storage, fsize), (storage, thr_size), (storage, csize), (storage, csize),
                         (nt, bsize), (nt, csize), (nv * w, 8), (no, 8)])
    features = [f | ((1 << fbits) if miss else 0) for f, miss in zip(lay["feature"], lay["missing"])]
    pad = ["0"] if nn == 0 else []

    kind = m["kind"]
    alias = {
        "DecisionTreeClassifier": "decision_tree_classifier", "DecisionTreeRegressor": "decision_tree_regressor",
        "RandomForestClassifier": "random_forest_classifier", "RandomForestRegressor": "random_forest_regressor",
        "ExtraTreesClassifier": "extra_trees_classifier", "ExtraTreesRegressor": "extra_trees_regressor",
    }.get(kind)
    if alias is not None:
        base_type = f"ctml::trees::{alias}<{name}_table, ctml::trees::{strategy}>"
    elif m["task"] == "classification":
        base_type = (f"ctml::trees::gradient_boosting_classifier<{name}_table, ctml::trees::link::{m['link']}, "
                     f"ctml::trees::{strategy}>")
    else:
        base_type = (f"ctml::trees::gradient_boosting_regressor<{name}_table, ctml::trees::link::{m['link']}, "
                     f"ctml::trees::{strategy}>")

    n_leaves = sum(int(np.sum(t.is_leaf)) for t in m["trees"])
    classes = m["classes"]
    n_classes = len(classes) if classes is not None else 0
    final = est.steps[-1][1] if "steps" in m else est
    params = {k: v for k, v in final.get_params(deep=False).items()
              if k in ("n_estimators", "max_depth", "max_iter", "learning_rate", "loss", "criterion",
                       "max_leaf_nodes", "random_state", "bootstrap")}
    out = []
    # The provenance (one fact per line) and the tables (rows as written here) are fenced off from
    # clang-format, as ctml-import does: the header stays byte-identical in a formatted repository.
    out.append("// clang-format off")
    out.append(f"// Generated by tools/sklearn/ctml_sklearn_export.py -- do not edit.")
    out.append(f"// scikit-learn {sklearn.__version__}, numpy {np.__version__}: {kind}"
               f"({', '.join(f'{k}={v!r}' for k, v in sorted(params.items()))})")
    if source:
        out.append(f"// source: {source}")
    if m.get("steps"):
        out.append(f"// Pipeline steps folded into the thresholds (features are the pipeline's inputs): "
                   f"{', '.join(m['steps'])}")
    out.append(f"// n_features: {nf}, n_classes: {n_classes if m['task'] == 'classification' else 'n/a (regression)'}, "
               f"trees: {nt}, nodes: {nn} splits + {n_leaves} leaves "
               + (f"(pure leaves implicit, {ne} (class, probability) entries for the others)" if lay["one_hot"]
                  else f"({nv} distinct stored leaf values)"))
    out.append(f"// flash bytes (node tables + leaf values): {flash}; strategy: {strategy} ({why})")
    if classes is not None:
        out.append(f"// classes_ (predict() returns the index): {', '.join(repr(c.item() if hasattr(c, 'item') else c) for c in classes)}")
    if quantization is not None:
        out.append(f"// features: {quantization['dtype']}, dequantized as scale * float(q - zero_point):")
        out.append(f"//   scale = {list(map(float, quantization['scale']))}")
        out.append(f"//   zero_point = {list(map(int, quantization['zero_point']))}")
    if has_missing and m.get("steps"):
        out.append("// NaN features go, at each split, where the imputed value goes (SimpleImputer), else the "
                   "learned missing-value direction, else right.")
    elif has_missing:
        out.append("// NaN features follow the learned missing-value direction of each split.")
    out.append("// clang-format on")
    out.append("#pragma once")
    out.append("")
    names = m["feature_names"]
    string_classes = classes is not None and len(classes) > 0 and all(isinstance(c, str) for c in classes)
    if names is not None or string_classes:
        out.append("#include <array>")
    out.append("#include <cstdint>")
    out.append("#include <limits>")
    if names is not None or string_classes:
        out.append("#include <string_view>")
    out.append("")
    out.append("#include <ctml/trees.hpp>")
    out.append("")
    if namespace:
        out.append(f"namespace {namespace} {{")
        out.append("")
    out.append("// clang-format off")
    if lay["one_hot"]:
        out.append(f"inline constexpr ctml::trees::class_table<{feat_t}, {thr_t}, {nf}, {no}, {nt}, {nn}, {ne}, "
                   f"{lay['max_tree_nodes']}, {lay['max_tree_entries']}{', true' if has_missing else ''}>")
    else:
        out.append(f"inline constexpr ctml::trees::table<{feat_t}, {thr_t}, {nf}, {no}, {nt}, {nn}, {nv}, "
                   f"{lay['max_tree_nodes']}, {w}, {'true' if has_missing else 'false'}, {lay['value_shift']}>")
    out.append(f"    {name}_table{{")
    out.append(c_array("feature", [str(f) for f in features] + pad))
    out.append(c_array("threshold", thresholds + pad))
    out.append(c_array("left", [str(c) for c in lay["left"]] + pad))
    out.append(c_array("right", [str(c) for c in lay["right"]] + pad))
    out.append(c_array("base", [str(b) for b in lay["base"]]))
    if lay["one_hot"]:
        out.append(c_array("root", [str(r) for r in lay["root"]]))
        out.append(c_array("entry_base", [str(b) for b in lay["entry_base"]]))
        # class << (prob_shift + 1) | last << prob_shift | p, as ctml::trees::class_table defines them.
        out.append(c_array("entries", [f"0x{e:08x}u" for e in lay["entries"]]).rstrip(","))
    else:
        out.append(c_array("root", [str(r) for r in lay["root"]]))
        # Fixed point: value * 2^value_shift (ctml::trees::table).
        out.append(c_array("values", [str(v) for vec in lay["values"] for v in vec]))
        out.append(c_array("init", [str(fixed_point(v, lay["value_shift"])) for v in m["init"]]).rstrip(","))
    out.append("};")
    out.append("")
    out.append(f"/// {kind} exported from scikit-learn. Usage: `auto y = {name}::predict(features);`")
    out.append(f"struct {name} final : {base_type} {{}};")
    out.append("")
    out.append(f"static_assert({name}::flash_bytes == {flash}, \"{name}: table size differs from the exporter's\");")
    if classes is not None and all(isinstance(c, (int, np.integer)) for c in classes):
        out.append("")
        out.append(f"/// {name}::predict() returns an index into this array of scikit-learn's classes_.")
        out.append(f"inline constexpr std::int64_t {name}_classes[] = {{{', '.join(str(int(c)) for c in classes)}}};")
    elif string_classes:
        out.append("")
        out.append(f"/// {name}::predict() returns an index into this array of scikit-learn's classes_ (string labels,")
        out.append(f"/// sorted as scikit-learn sorts them): `{name}_classes[{name}::predict(x)]` is the label.")
        out.extend(string_array(f"{name}_classes", [str(c) for c in classes]))
    if names is not None:
        out.append("")
        out.append(f"/// scikit-learn's feature_names_in_ (the model was fitted on named columns): {name}::predict()")
        out.append("/// takes the features in this order. Firmware can check its own feature order against it.")
        out.extend(string_array(f"{name}_feature_names", names))
    out.append("// clang-format on")
    if namespace:
        out.append("")
        out.append(f"}}  // namespace {namespace}")
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(prog="ctml_sklearn_export.py",
                                 description="scikit-learn tree model (pickle) -> ctml C++ header")
    ap.add_argument("model", help="pickled fitted estimator (pickle or joblib file)")
    ap.add_argument("--name", required=True, help="C++ name of the model type")
    ap.add_argument("--strategy", default="auto", choices=["auto", "table_driven", "unrolled"],
                    help=f"auto (default): unrolled up to {AUTO_UNROLLED_MAX_SPLITS} splits and depth "
                         f"{UNROLLED_MAX_DEPTH}, else table_driven")
    ap.add_argument("--quantization", help="JSON file: dtype, scale[], zero_point[] per feature")
    ap.add_argument("--namespace", help="wrap the definitions in this namespace")
    ap.add_argument("-o", "--output", help="output header (default: stdout)")
    a = ap.parse_args(argv)
    try:
        check_names(a.name, a.namespace)  # before reading anything, as ctml-import does
        try:
            with open(a.model, "rb") as fh:
                est = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as e:
            try:
                import joblib
                est = joblib.load(a.model)
            except Exception:
                raise ExportError(f"cannot read model {a.model}: {e}") from None
        quant = None
        if a.quantization:
            try:
                with open(a.quantization) as fh:
                    quant = json.load(fh)
            except (OSError, ValueError) as e:
                raise ExportError(f"cannot read quantization file {a.quantization}: {e}") from None
            lists = ("scale", "zero_point")
            if not isinstance(quant, dict) or not all(
                    isinstance(quant.get(k), list) and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                                           for v in quant[k]) for k in lists):
                raise ExportError(f"quantization file {a.quantization}: expected an object with \"dtype\" and "
                                  "number lists \"scale\" and \"zero_point\"")
        text = export(est, a.name, a.strategy, quant, a.namespace, source=a.model)
    except ExportError as e:
        print(f"ctml_sklearn_export: error: {e}", file=sys.stderr)
        return 2
    if a.output:
        try:
            write_atomically(a.output, text)  # a failure leaves no file, or the old one
        except OSError as e:
            print(f"ctml_sklearn_export: error: {describe_os_error(a.output, e)}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
