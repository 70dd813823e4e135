#!/usr/bin/python3
"""compare_generated.py must fail where a fresh run says something else, and pass where only the
fit's numbers moved. Each case edits a copy of tests/trees/generated and compares it with the
committed headers.
Run:  /usr/bin/python3 tests/trees/compare_generated_test.py   (exit 0 when every case holds)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATED = os.path.join(HERE, "generated")


def case(description, edits, expect_pass):
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, "fresh")
        shutil.copytree(GENERATED, fresh)
        for name, edit in edits:
            path = os.path.join(fresh, name)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            changed = edit(text)
            assert changed != text, f"{description}: the edit of {name} changed nothing"
            if changed is None:
                os.remove(path)
            else:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(changed)
        run = subprocess.run([sys.executable, os.path.join(HERE, "compare_generated.py"), GENERATED, fresh],
                             capture_output=True, text=True)
    ok = (run.returncode == 0) == expect_pass
    print(f"{'ok  ' if ok else 'FAIL'} {description}: exit {run.returncode} {run.stderr.strip()[:160]}")
    return ok


def sub(pattern, repl, count=1):
    return lambda text: re.sub(pattern, repl, text, count=count)


def flip_classes(array, fraction):
    """Changes the first `fraction` of the test split's labels in `array`."""
    def edit(text):
        n_test = int(re.search(r"n_test = (\d+);", text).group(1))
        m = re.search(r"(inline constexpr int " + array + r"\[\] = \{)(.*?)(\};)", text, re.S)
        values = m.group(2).split(",")
        for i in range(int(n_test * fraction) + 1):
            values[i] = " 0" if values[i].strip() != "0" else " 1"
        return text[:m.start(2)] + ",".join(values) + text[m.end(2):]
    return edit


def one_more_split(text):
    """What a fit with one more split looks like: a number more in every node array."""
    return re.sub(r"(\.feature = \{)", r"\g<1>0, ", text, count=1)


def one_more_in_comment(text):
    """The header comment's split count, one more."""
    return re.sub(r"(\d+) splits", lambda m: f"{int(m.group(1)) + 1} splits", text, count=1)


cases = [
    ("unchanged", [("iris_data.hpp", lambda t: t + "\n")], True),
    ("a threshold moved (another tie-break)", [("iris_gb.hpp", sub(r"0\.800000012f", "0.75f"))], True),
    ("a threshold became infinite (HistGradientBoosting)",
     [("diabetes_hgb.hpp", lambda t: re.sub(r"(\.threshold = \{)(-?[\d.e-]+f)", r"\g<1>"
                                          "std::numeric_limits<float>::infinity()", t, count=1))], True),
    ("a split more", [("wine_gb.hpp", one_more_split), ("wine_gb.hpp", one_more_in_comment)], True),
    ("one test prediction differs", [("digits_data.hpp", flip_classes("rf_class", 0.001))], True),
    ("one prediction differs in a file with NaN inputs", [("pipe_rf_data.hpp", flip_classes("model_class", 0.001))],
     True),
    ("10 % of the test predictions differ", [("digits_data.hpp", flip_classes("rf_class", 0.10))], False),
    ("a hyperparameter changed", [("iris_gb.hpp", sub(r"n_estimators=30", "n_estimators=31"))], False),
    ("a test input changed", [("iris_data.hpp", sub(r"\{5\.80000019f", "{5.9f"))], False),
    ("a member renamed", [("iris_gb.hpp", sub(r"\.threshold =", ".thresholds ="))], False),
    ("a header no longer written", [("iris_gb.hpp", lambda t: None)], False),
]
results = [case(*c) for c in cases]
print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
sys.exit(0 if all(results) else 1)
