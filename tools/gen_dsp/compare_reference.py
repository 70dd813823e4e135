#!/usr/bin/python3
"""Compares two folders of DSP reference data (the CTMLREF1 files gen_dsp_reference.py writes).

The committed files in tests/dsp/data are the reference the C++ tests read. A fresh run of the
generator on another machine legitimately differs in the last bits: numpy picks SIMD loops for the
CPU at run time (SSE, AVX2, AVX-512 each round exp/log/sin and reductions differently) and the BLAS
in use (reference BLAS, OpenBLAS with its per-core kernels) sums in its own order. What must hold
is that the fresh data says the same thing:

  * the same files, the same records in the same order, each with the same dtype and shape;
  * float records equal within a few units in the last place of their largest value:
      float64: |fresh - committed| <= 1e-8  * max(1, max |committed|)
      float32: |fresh - committed| <= 1e-5  * max(1, max |committed|)
    (measured on AVX-512 vs AVX2 machines: float64 differs by at most 1.6e-10 relative, in the log
    of nearly empty mel bands; float32 by one ulp);
  * integer records (int8 features, int16 clips quantised from float) within 1: a value that sits
    on a rounding boundary may round either way;
  * text records equal, except "provenance", whose library versions are reported when they differ.

Run:  /usr/bin/python3 tools/gen_dsp/compare_reference.py COMMITTED_DIR FRESH_DIR
Exit status 0 when every file agrees, 1 otherwise (each disagreement is printed).
"""
import glob
import os
import struct
import sys

import numpy as np

DTYPES = {"f": np.float32, "d": np.float64, "i": np.int32, "h": np.int16, "b": np.int8, "c": np.uint8}
FLOAT_RTOL = {"f": 1e-5, "d": 1e-8}
INT_ATOL = 1


def read(path):
    """The records of one CTMLREF1 file as a list of (name, dtype code, array)."""
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:8] != b"CTMLREF1":
        raise ValueError(f"{path}: not a CTMLREF1 file")
    records, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = data[pos:pos + length].decode("ascii")
        pos += length
        code, ndim = chr(data[pos]), data[pos + 1]
        pos += 2
        dims = struct.unpack_from(f"<{ndim}I", data, pos)
        pos += 4 * ndim
        dtype = np.dtype(DTYPES[code]).newbyteorder("<")
        count = int(np.prod(dims))
        if pos + count * dtype.itemsize > len(data):
            raise ValueError(f"{path}: record {name!r} runs past the end of the file")
        records.append((name, code, np.frombuffer(data, dtype, count, pos).reshape(dims)))
        pos += count * dtype.itemsize
    return records


def compare_records(fname, committed, fresh):
    """Problems found between two files' records (an empty list when they agree)."""
    problems = []
    names_c = [r[0] for r in committed]
    names_f = [r[0] for r in fresh]
    if names_c != names_f:
        missing = sorted(set(names_c) - set(names_f))
        extra = sorted(set(names_f) - set(names_c))
        return [f"{fname}: record lists differ (missing {missing[:5]}, new {extra[:5]}, or reordered)"]
    for (name, code_c, a), (_, code_f, b) in zip(committed, fresh):
        where = f"{fname}: {name}"
        if code_c != code_f or a.shape != b.shape:
            problems.append(f"{where}: dtype/shape {code_c}{a.shape} != fresh {code_f}{b.shape}")
        elif code_c == "c":
            if a.tobytes() != b.tobytes():
                text_c, text_f = a.tobytes().decode(), b.tobytes().decode()
                if name == "provenance":
                    print(f"note: {where}: committed '{text_c}', fresh '{text_f}'")
                else:
                    problems.append(f"{where}: text differs")
        elif code_c in FLOAT_RTOL:
            x, y = a.astype(np.float64), b.astype(np.float64)
            if not np.array_equal(np.isnan(x), np.isnan(y)):
                problems.append(f"{where}: NaNs at different places")
                continue
            finite = ~np.isnan(x)
            if not np.array_equal(np.isinf(x), np.isinf(y)) or np.any(x[np.isinf(x)] != y[np.isinf(y)]):
                problems.append(f"{where}: infinities differ")
                continue
            finite &= ~np.isinf(x)
            if not finite.any():
                continue
            scale = max(1.0, float(np.max(np.abs(x[finite]))))
            worst = float(np.max(np.abs(x[finite] - y[finite])))
            if worst > FLOAT_RTOL[code_c] * scale:
                problems.append(f"{where}: max |fresh - committed| {worst:.3g} > "
                                f"{FLOAT_RTOL[code_c]:g} x {scale:.3g}")
        else:
            worst = int(np.max(np.abs(a.astype(np.int64) - b.astype(np.int64)), initial=0))
            if worst > INT_ATOL:
                problems.append(f"{where}: integers differ by up to {worst} (allowed {INT_ATOL})")
    return problems


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    committed_dir, fresh_dir = sys.argv[1:]
    problems = []
    committed = sorted(os.path.basename(p) for p in glob.glob(os.path.join(committed_dir, "*.bin")))
    fresh = sorted(os.path.basename(p) for p in glob.glob(os.path.join(fresh_dir, "*.bin")))
    if committed != fresh:
        problems.append(f"file lists differ: committed {committed}, fresh {fresh}")
    identical = 0
    for fname in sorted(set(committed) & set(fresh)):
        with open(os.path.join(committed_dir, fname), "rb") as a, open(os.path.join(fresh_dir, fname), "rb") as b:
            identical += a.read() == b.read()
        try:
            problems += compare_records(fname, read(os.path.join(committed_dir, fname)),
                                        read(os.path.join(fresh_dir, fname)))
        except (ValueError, KeyError, struct.error) as e:
            problems.append(f"{fname}: unreadable ({e})")
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{len(committed)} files agree within tolerance ({identical} byte-identical)")


if __name__ == "__main__":
    main()
