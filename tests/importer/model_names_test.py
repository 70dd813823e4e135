#!/usr/bin/python3
"""CTest: the three model exporters accept and refuse the same --name values, and the names they
refuse as keywords really cannot name a type.

    model_names_test.py CTML_IMPORT CXX

* ctml-import (the C++ tool, CTML_IMPORT) against tools/python_common/ctml_export_common.py, which
  tools/sklearn and tools/onnx use (tests/trees/exporter_test.py and tests/gru/exporter_cli_test.py
  check that they do): for every name below, ctml-import exits 2 exactly when the Python rules
  refuse it. The names include every keyword of both lists (ctml-import's is read from its source).
* The compiler CXX (-std=c++20) as the reference for keywords: `struct NAME final {};` fails to
  compile for each name refused as a keyword, and compiles for each name accepted (with a variable
  of that type: GCC 12 alone accepts `struct alignas final {};`).
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tools", "python_common"))
import ctml_export_common as common  # noqa: E402

importer, cxx = sys.argv[1], sys.argv[2]
failures = []


def expect(cond, what):
    if not cond:
        print("FAIL " + what)
        failures.append(what)


with open(os.path.join(ROOT, "tools", "ctml-import", "src", "import.cpp")) as fh:
    source = fh.read()
table = re.search(r"keywords\[\] = \{(.*?)\};", source, re.S).group(1)
importer_words = set(re.findall(r'"([^"]+)"', table))
expect(len(importer_words) > 90, f"read ctml-import's keyword table ({len(importer_words)} names)")
python_words = common.CXX_KEYWORDS | common.CLASHING_NAMES
expect(importer_words == python_words, f"the same refused words: only ctml-import {sorted(importer_words - python_words)}, "
       f"only Python {sorted(python_words - importer_words)}")

names = sorted(importer_words | python_words) + [
    "kws", "model_1", "x", "_x", "x_", "Model", "int8", "classes", "CLASS", "Int", "a" * 64, "a" * 65,
    "_", "__x", "x__y", "_X", "9lives", "a-b", "a b", "a::b", "caf\u00e9", "$x", "x\n"]
# ("" differs on purpose: ctml-import then takes the name from the model's file name; the Python
# exporters have no such default and refuse it.)
with tempfile.TemporaryDirectory() as d:
    model = os.path.join(d, "absent.tflite")  # an accepted name then fails on the model
    for name in names:
        p = subprocess.run([importer, "--name", name, model], capture_output=True, text=True)
        importer_refuses = "is not a usable C++ name" in p.stderr
        refused = common.name_problem(name) is not None
        expect(p.returncode == 2 and importer_refuses == refused,
               f"{name!r}: ctml-import exits {p.returncode} ({p.stderr.strip()}), "
               f"Python {'refuses' if refused else 'accepts'} it")

    def compiles(name):
        tu = os.path.join(d, "t.cpp")
        with open(tu, "w") as fh:
            fh.write(f"struct {name} final {{}};\n{name} instance;\n")  # GCC 12 takes `struct alignas final {};`
        return subprocess.run([cxx, "-std=c++20", "-fsyntax-only", tu], capture_output=True).returncode == 0

    for name in sorted(common.CXX_KEYWORDS):
        expect(not compiles(name), f"'{name}' is refused as a C++ keyword, yet a struct of that name compiles")
    for name in ("kws", "model_1", "x_", "Model", "int8", "a" * 64):
        expect(common.name_problem(name) is None and compiles(name), f"'{name}' is accepted and compiles")

print(f"{len(names)} names, {len(common.CXX_KEYWORDS)} keywords compiled; {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
