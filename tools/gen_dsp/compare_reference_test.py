#!/usr/bin/python3
"""compare_reference.py must fail where the data says something else and pass within tolerance.

Each case perturbs a copy of tests/dsp/data and runs the comparator against the committed files.
Run:  /usr/bin/python3 tools/gen_dsp/compare_reference_test.py   (exit 0 when every case holds)
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare_reference as cr  # noqa: E402

DATA = os.path.join(HERE, "..", "..", "tests", "dsp", "data")


def write(path, records):
    with open(path, "wb") as fh:
        fh.write(b"CTMLREF1")
        for name, code, a in records:
            nb = name.encode("ascii")
            fh.write(struct.pack("<H", len(nb)) + nb + code.encode("ascii") + struct.pack("<B", a.ndim))
            fh.write(struct.pack(f"<{a.ndim}I", *a.shape))
            fh.write(np.ascontiguousarray(a).tobytes())


def case(description, fname, edit, expect_pass):
    with tempfile.TemporaryDirectory() as tmp:
        for f in os.listdir(DATA):
            if f.endswith(".bin"):
                shutil.copy(os.path.join(DATA, f), tmp)
        records = cr.read(os.path.join(tmp, fname))
        write(os.path.join(tmp, fname), edit(records))
        run = subprocess.run([sys.executable, os.path.join(HERE, "compare_reference.py"), DATA, tmp],
                             capture_output=True, text=True)
    ok = (run.returncode == 0) == expect_pass
    print(f"{'ok  ' if ok else 'FAIL'} {description}: exit {run.returncode} {run.stderr.strip()[:200]}")
    return ok


def change(name, f):
    """Applies f to a copy of the record called name."""
    def edit(records):
        assert any(n == name for n, _, _ in records), f"no record {name}"
        return [(n, c, f(a.copy()) if n == name else a) for n, c, a in records]
    return edit


def scaled(a, rel):
    a = a.astype(a.dtype)
    a.flat[0] += rel * max(1.0, float(np.max(np.abs(a))))
    return a


def plus(k):
    def f(a):
        a.flat[0] = a.flat[0] + k if a.flat[0] < 100 else a.flat[0] - k
        return a
    return f


cases = [
    ("unchanged data", "kws.bin", lambda r: r, True),
    ("float64 within 1e-8 of its scale", "mfcc.bin", change("sine_bin/mfcc", lambda a: scaled(a, 3e-9)), True),
    ("float64 off by 1e-6 of its scale", "mfcc.bin", change("sine_bin/mfcc", lambda a: scaled(a, 1e-6)), False),
    ("float32 off by 1e-3 of its scale", "fft.bin", change("rfft/64/white/x", lambda a: scaled(a, 1e-3)), False),
    ("int8 feature off by 1", "kws.bin", change("sweep/int8", plus(1)), True),
    ("int8 feature off by 2", "kws.bin", change("sweep/int8", plus(2)), False),
    ("a record missing", "psd.bin", lambda r: r[:-1], False),
    ("a record reshaped", "psd.bin", change("spectrum/power", lambda a: a[:-1]), False),
    ("a NaN where there was none", "stats.bin", change("1000/sine_bin/x", lambda a: scaled(a, np.nan)), False),
]
results = [case(*c) for c in cases]
print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
sys.exit(0 if all(results) else 1)
