#!/usr/bin/python3
"""Compares the committed tests/trees/generated headers with a fresh run of generate.py.

Byte equality is not a property of our code: scikit-learn's fits depend on the machine. Its loss
and impurity sums go through numpy's CPU-dispatched SIMD loops and the BLAS in use, so two split
candidates with equal gain in exact arithmetic can tie-break differently (on one AVX-512 machine
the wine gradient-boosting model gets 598 splits instead of 597, an iris threshold 3.75 instead of
3.85). The committed headers stay the reference for the C++ tests, which check ctml against the
scikit-learn predictions stored beside each model. This check asks that the generator still
describes the committed files:

  structure  the same files; each header's text equal once numbers are masked (keyword arguments
             such as n_estimators=30 stay exact), whitespace and comment markers are folded
             (clang-format reflows comments when a number's width changes), and runs of numbers
             or of equally shaped {...} rows are folded to one (a fit may have a node more);
  data       in each *_data.hpp the test split (inputs, their count) is identical, and on it each
             fresh classifier agrees with the committed one on at least 95 % of the samples, and
             each regressor's or probability's mean |fresh - committed| is at most 2 % of the
             committed values' spread (measured: at most 1 disagreeing test sample per model).

Run:  /usr/bin/python3 tests/trees/compare_generated.py COMMITTED_DIR FRESH_DIR
Exit status 0 when everything agrees, 1 otherwise (each disagreement is printed); -v prints
per-model agreement.
"""
import os
import re
import sys

INFINITY = "std::numeric_limits<float>::infinity()"  # how the exporter writes an infinite threshold
NUMBER = r"-?(?:(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?[fFuUlL]*|inf_f|nan_f|" + re.escape(INFINITY) + ")"
MASK = re.compile(r"(?<![\w.=])" + NUMBER + r"(?![\w.])")
KEYWORD_ARG = re.compile(r"\b\w+=" + NUMBER)
ARRAY = re.compile(r"inline constexpr [\w:]+ (\w+)(?:\[\w*\])+ = \{(.*?)\};", re.S)
SCALAR = re.compile(r"inline constexpr int (\w+) = (-?\d+);")
MIN_CLASS_AGREEMENT = 0.95
MAX_MEAN_DIFF = 0.02


def skeleton(text):
    """The header's text with numbers masked and repetitions folded."""
    keep = {}

    def protect(m):  # placeholders without digits, so that masking leaves them alone
        key = chr(0xE000 + len(keep))
        keep[key] = m.group(0)
        return key

    text = KEYWORD_ARG.sub(protect, text)
    text = MASK.sub("#", text)
    text = re.sub(r"//", " ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*([{},()\[\]])\s*", r"\1", text)
    while True:
        folded = re.sub(r"#(?:,#)+", "#", text)
        folded = re.sub(r"(\{[^{}]*\})(?:,\1)+", r"\1", folded)
        folded = re.sub(r",\}", "}", folded)
        if folded == text:
            break
        text = folded
    for k, v in keep.items():
        text = text.replace(k, v)
    return text


def numbers(body):
    """The numbers of an array initialiser, in order (inf_f / nan_f as floats)."""
    out = []
    for tok in re.findall(NUMBER, body):
        tok = tok.replace("inf_f", "inf").replace("nan_f", "nan").replace(INFINITY, "inf")  # "nan_f" ends in f
        out.append(float(tok.rstrip("fFuUlL")))
    return out


def rows(body):
    """An array initialiser as a list of rows (a 1-D array is a list of one-element rows)."""
    inner = re.findall(r"\{([^{}]*)\}", body)
    return [numbers(r) for r in inner] if inner else [[v] for v in numbers(body)]


def compare_data(name, committed, fresh, verbose):
    """Problems between a committed and a fresh *_data.hpp (test split and predictions)."""
    problems = []
    arrays_c = {m.group(1): rows(m.group(2)) for m in ARRAY.finditer(committed)}
    arrays_f = {m.group(1): rows(m.group(2)) for m in ARRAY.finditer(fresh)}
    scalars_c = dict(SCALAR.findall(committed))
    scalars_f = dict(SCALAR.findall(fresh))
    if "n_test" not in scalars_c or scalars_c.get("n_test") != scalars_f.get("n_test"):
        return [f"{name}: test split size {scalars_c.get('n_test')} != fresh {scalars_f.get('n_test')}"]
    n_test = int(scalars_c["n_test"])
    if sorted(arrays_c) != sorted(arrays_f):
        return [f"{name}: arrays {sorted(arrays_c)} != fresh {sorted(arrays_f)}"]
    x_c, x_f = arrays_c.get("x", [])[:n_test], arrays_f.get("x", [])[:n_test]
    if len(x_c) != n_test or [[str(v) for v in r] for r in x_c] != [[str(v) for v in r] for r in x_f]:
        problems.append(f"{name}: the test split's inputs differ")
    for key in sorted(arrays_c):
        if key == "x":
            continue
        a, b = arrays_c[key][:n_test], arrays_f[key][:n_test]
        if len(a) != n_test or len(b) != n_test or any(len(r) != len(s) for r, s in zip(a, b)):
            problems.append(f"{name}: {key} has another shape on the test split")
            continue
        if key.endswith("_class"):
            agree = sum(r == s for r, s in zip(a, b)) / n_test
            if verbose:
                print(f"  {name} {key}: {agree:.1%} of {n_test} test samples agree")
            if agree < MIN_CLASS_AGREEMENT:
                problems.append(f"{name}: {key} agrees on {agree:.1%} of the test split "
                                f"(at least {MIN_CLASS_AGREEMENT:.0%} required)")
        else:
            flat_a = [v for r in a for v in r]
            flat_b = [v for r in b for v in r]
            spread = max(flat_a) - min(flat_a) or 1.0
            mean_diff = sum(abs(u - v) for u, v in zip(flat_a, flat_b)) / len(flat_a)
            if verbose:
                print(f"  {name} {key}: mean |fresh - committed| {mean_diff / spread:.2%} of the spread")
            if mean_diff > MAX_MEAN_DIFF * spread:
                problems.append(f"{name}: {key} differs by {mean_diff / spread:.2%} of its spread on "
                                f"average (at most {MAX_MEAN_DIFF:.0%})")
    return problems


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv[1:]
    if len(args) != 2:
        sys.exit(__doc__)
    committed_dir, fresh_dir = args
    committed = sorted(os.listdir(committed_dir))
    fresh = sorted(os.listdir(fresh_dir))
    problems = []
    if committed != fresh:
        problems.append(f"file lists differ: only committed {sorted(set(committed) - set(fresh))}, "
                        f"only fresh {sorted(set(fresh) - set(committed))}")
    identical = 0
    for name in sorted(set(committed) & set(fresh)):
        with open(os.path.join(committed_dir, name), encoding="utf-8") as fh:
            text_c = fh.read()
        with open(os.path.join(fresh_dir, name), encoding="utf-8") as fh:
            text_f = fh.read()
        if text_c == text_f:
            identical += 1
            continue
        if skeleton(text_c) != skeleton(text_f):
            a, b = skeleton(text_c), skeleton(text_f)
            at = next((i for i, (u, v) in enumerate(zip(a, b)) if u != v), min(len(a), len(b)))
            problems.append(f"{name}: structure differs near '{a[max(0, at - 60):at + 60]}' vs "
                            f"'{b[max(0, at - 60):at + 60]}'")
        if name.endswith("_data.hpp"):
            problems += compare_data(name, text_c, text_f, verbose)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{len(committed)} headers agree ({identical} byte-identical, "
          f"{len(committed) - identical} the same structure and predictions)")


if __name__ == "__main__":
    main()
