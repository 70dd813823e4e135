#!/usr/bin/python3
"""CTest: runs tools/sklearn/ctml_sklearn_export.py as a command on pickled estimators and checks
its output and its refusals (clear error naming the estimator/option, exit status 2)."""

import os
import pickle
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
from ctml_export_testing import check_unwritable_output, command_runners  # noqa: E402 (on the tool's path)
failures = []


# The exporter as a command (a new Python process each time: about 2 s) and through its main().
run, run_main = command_runners(TOOL, exporter.main)


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
        (good, ["--name", "3bad"], "--name '3bad' is not a usable C++ name for the model: a C++ identifier"),
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
    for i, text in enumerate(('[1, 2]', '{"dtype": "int8", "scale": 1, "zero_point": [0, 0, 0, 0]}',
                              '{"dtype": "int8", "scale": [1, 1, 1, "1"], "zero_point": [0, 0, 0, 0]}')):
        qfile = os.path.join(d, f"q_shape{i}.json")
        with open(qfile, "w") as fh:
            fh.write(text)
        cases.append((good, ["--quantization", qfile], 'number lists "scale" and "zero_point"'))
    # Pipelines: steps that cannot be folded into the thresholds are refused by name, with what to do.
    from sklearn.compose import ColumnTransformer
    from sklearn.decomposition import PCA
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    tree3 = DecisionTreeClassifier(max_depth=3, random_state=0)
    advice = "export the final estimator alone (pipeline[-1])"
    cases += [
        (pickled(make_pipeline(StandardScaler(), PCA(2), tree3).fit(X, y), d, "pca"), [],
         "unsupported pipeline step 'pca' (PCA): only StandardScaler, MinMaxScaler, RobustScaler, SimpleImputer"),
        (pickled(make_pipeline(ColumnTransformer([("oh", OneHotEncoder(), [0])], remainder="passthrough"),
                               tree3).fit(X, y), d, "onehot"), [], "unsupported pipeline step 'oh' (OneHotEncoder)"),
        (pickled(make_pipeline(SimpleImputer(add_indicator=True), tree3).fit(X, y), d, "ind"), [],
         "pipeline step 'simpleimputer' (SimpleImputer) with missing_values=nan, add_indicator=True"),
        (pickled(make_pipeline(SimpleImputer(missing_values=-1.0), tree3).fit(X, y), d, "mv"), [],
         "SimpleImputer) with missing_values=-1.0"),
        (pickled(make_pipeline(StandardScaler(), PCA(2), tree3).fit(X, y), d, "pca2"), [], advice),
    ]
    qfile = os.path.join(d, "q4.json")
    with open(qfile, "w") as fh:
        fh.write('{"dtype": "int16", "scale": [1, 1, 1, 1], "zero_point": [0, 0, 0, 0]}')
    cases.append((pickled(make_pipeline(StandardScaler(), tree3).fit(X, y), d, "pq"), ["--quantization", qfile],
                  "--quantization with a Pipeline is not supported"))
    # The name is checked before anything is read, as ctml-import does.
    cases.append((os.path.join(d, "missing.pkl"), ["--name", "class"], "--name 'class' is not a usable C++ name"))
    for i, (path, extra, message) in enumerate(cases):
        args = [path] + (extra if "--name" in extra else ["--name", "m"] + extra)
        rc, out, err = (run if i == 0 else run_main)(args)
        expect(rc == 2 and message in err and "Traceback" not in err and out == "",
               f"refuses with exit 2 and '{message}' (got {rc}: {err.strip()})")

    # --name and --namespace: ctml-import's rules (tools/python_common; tests/importer/model_names_test.py
    # checks them against ctml-import and the compiler). Each refusal: one line, exit 2, no file.
    outfile = os.path.join(d, "named.hpp")
    for flag, value, reason in [
            ("--name", "int", "it is a C++ keyword"), ("--name", "and", "it is a C++ keyword"),
            ("--name", "co_await", "it is a C++ keyword"), ("--name", "_Model", "C++ reserves names"),
            ("--name", "a__b", "C++ reserves names"), ("--name", "_", "C++ reserves names"),
            ("--name", "std", "clashes"), ("--name", "9lives", "a C++ identifier has only ASCII"),
            ("--name", "caf\u00e9", "a C++ identifier has only ASCII"), ("--name", "m" * 65, "longer than 64"),
            ("--name", "", "it is empty"), ("--namespace", "class", "it is a C++ keyword"),
            ("--namespace", "app::int", "'int': it is a C++ keyword"), ("--namespace", "a:b", "a C++ identifier")]:
        args = [good, "-o", outfile] + (["--name", value] if flag == "--name" else ["--name", "m", flag, value])
        rc, out, err = (run if value == "int" else run_main)(args)
        expect(rc == 2 and f"{flag} '{value}' is not a usable C++ " in err and reason in err
               and err.count("\n") == 1 and out == "" and not os.path.exists(outfile),
               f"refuses {flag} {value!r}: exit 2, one line naming it ({reason}), nothing written "
               f"(got {rc}: {err.strip()})")
    for value in ("m", "_x", "x_", "Model", "m" * 64):
        rc, out, err = run_main([good, "--name", value])
        expect(rc == 0 and f"struct {value} final" in out, f"accepts --name {value!r}")
    rc, out, err = run_main([good, "--name", "m", "--namespace", "app::models"])
    expect(rc == 0 and "namespace app::models {" in out, "accepts --namespace app::models")

    check_unwritable_output("ctml_sklearn_export", (run, run_main), [good, "--name", "m"], d, expect)
    # A refused export leaves an existing -o as it was (and no temporary file beside it).
    with open(outfile, "w") as fh:
        fh.write("old")
    before = sorted(os.listdir(d))
    rc, out, err = run_main([cases[0][0], "--name", "m", "-o", outfile])
    expect(rc == 2 and open(outfile).read() == "old" and sorted(os.listdir(d)) == before,
           "a refused export leaves the existing -o file untouched")
    # A successful one replaces it whole, with the mode open() would give, and leaves no temporary file.
    rc, out, err = run_main([good, "--name", "m", "-o", outfile])
    umask = os.umask(0)
    os.umask(umask)
    expect(rc == 0 and open(outfile).read() == exporter.export(pickle.load(open(good, "rb")), "m", source=good)
           and sorted(os.listdir(d)) == before and os.stat(outfile).st_mode & 0o777 == 0o666 & ~umask,
           "-o is replaced whole, mode 0666 & ~umask, no temporary file left")

# Feature names: a model fitted on a table with string column names (pandas) has feature_names_in_,
# an object array of str; set here the same way, without pandas. The header then lists them in a
# std::array after the model (tests/trees/e2e compiles and checks one); without them the header is
# exactly what it was before the names were exported (tests/trees/generated depends on that).
tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
plain_header = exporter.export(tree, "iris_tree")
expect("feature_names" not in plain_header and "<array>" not in plain_header and "<string_view>" not in plain_header,
       "a model fitted on a plain array: no feature names, no extra includes")
names = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", 'petal "width"\\']
tree.feature_names_in_ = np.asarray(names, dtype=object)
named = exporter.export(tree, "iris_tree", namespace="app")
array = ("inline constexpr std::array<std::string_view, 4> iris_tree_feature_names{\n"
         '    "sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal \\"width\\"\\\\"};\n')
expect(array in named and "#include <array>\n#include <cstdint>\n#include <limits>\n#include <string_view>\n" in named,
       "feature_names_in_ -> std::array<std::string_view, 4> <name>_feature_names, escaped, with its includes")
expect("/// scikit-learn's feature_names_in_" in named, "the array has a comment saying what it is")
stripped = named.replace("#include <array>\n", "").replace("#include <string_view>\n", "")
start, end = stripped.index("\n/// scikit-learn's feature_names_in_"), stripped.index(array) + len(array)
stripped = stripped[:start] + stripped[end:]
expect(stripped == exporter.export(DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y), "iris_tree",
                                   namespace="app"),
       "with feature names, the header is the same plus the includes and the array")
tree.feature_names_in_ = np.asarray(names[:3], dtype=object)
try:
    exporter.export(tree, "iris_tree")
    expect(False, "refuses feature_names_in_ of the wrong length")
except exporter.ExportError as e:
    expect("feature_names_in_ must hold 4 strings" in str(e), "refuses feature_names_in_ of the wrong length")

# A pipeline of passthrough steps is the estimator itself: the fold reproduces float32_floor exactly.
from sklearn.ensemble import GradientBoostingRegressor  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
gbr = GradientBoostingRegressor(n_estimators=5, random_state=0).fit(X, y)
alone = exporter.export(gbr, "m").split("// clang-format on", 1)[1]
piped = exporter.export(make_pipeline("passthrough", gbr).fit(X, y), "m")
expect("Pipeline steps folded into the thresholds" in piped and piped.split("// clang-format on", 1)[1] == alone,
       "a passthrough pipeline exports the same tables as its estimator alone")

# A pipeline fitted on named columns: the names are the pipeline's inputs (its first step's names).
from sklearn.preprocessing import StandardScaler  # noqa: E402
named_pipe = make_pipeline(StandardScaler(), DecisionTreeClassifier(max_depth=2, random_state=0)).fit(X, y)
named_pipe[0].feature_names_in_ = np.asarray(["a", "b", "c", "d"], dtype=object)
expect('m_feature_names{\n    "a", "b", "c", "d"};' in exporter.export(named_pipe, "m"),
       "a pipeline's feature_names_in_ become <name>_feature_names")

# String class labels: a std::array<std::string_view, K> <name>_classes in classes_ order.
labels = np.array(["setosa", "versicolor", 'virgin"ica'])[y]
text = exporter.export(DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, labels), "iris_tree")
expect('inline constexpr std::array<std::string_view, 3> iris_tree_classes{\n    "setosa", "versicolor", '
       '"virgin\\"ica"};' in text and "#include <string_view>" in text and "std::int64_t iris_tree_classes" not in text,
       "string labels -> std::array<std::string_view, 3> <name>_classes")
expect("std::int64_t iris_tree_classes[] = {0, 1, 2};" in plain_header,
       "integer labels keep the std::int64_t array")

# Deep trees: the exporter walks them without recursion; unrolled is refused beyond its depth limit.
chain = DecisionTreeClassifier(random_state=0).fit(np.arange(1200, dtype=np.float32).reshape(-1, 1),
                                                   np.arange(1200) % 2)
expect(chain.get_depth() == 1199 and "strategy: table_driven (auto: depth 1199 > 256)" in exporter.export(chain, "m"),
       "a tree of depth 1199 exports (no recursion limit); auto picks table_driven")
try:
    exporter.export(chain, "m", strategy="unrolled")
    expect(False, "refuses --strategy unrolled beyond depth 256")
except exporter.ExportError as e:
    expect("a tree of depth 1199 is deeper than the unrolled strategy's limit 256" in str(e) and "table_driven" in str(e),
           "refuses --strategy unrolled beyond depth 256, saying what to use")
expect("strategy: unrolled (auto: " in exporter.export(gbr, "m") and
       "strategy: table_driven (requested)" in exporter.export(gbr, "m", strategy="table_driven"),
       "auto picks unrolled for a small model; an explicit strategy is kept")

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
